//! iCalendar feeds (RFC 5545), built with the `ical` crate's builder and component model.
//!
//! The crate's own emitter folds lines every 75 *characters* and escapes nothing. So we escape
//! every TEXT value before it goes into a property ([`escape_text`]) and write the components out
//! with [`emit`], which folds by *octets* without splitting a UTF-8 character — in one pass, which
//! also keeps a 500-event feed cheap. The tests check the bytes and parse the result back with the
//! crate's own parser.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use ical::{
    generator::{IcalCalendar, IcalCalendarBuilder, IcalEvent},
    property::Property,
};

use crate::domain::{EventDetail, EventSession, EventStatus, Lang};

/// What a feed says about itself.
pub struct FeedMeta<'a> {
    /// The calendar's name as a subscriber's app shows it.
    pub name: &'a str,
    /// The public address, for the event pages' URLs.
    pub base_url: &'a str,
    pub lang: Lang,
}

pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
/// Other control characters are not allowed in TEXT and are dropped.
pub fn escape_text(value: &str) -> String {
    // Every character to escape or drop is ASCII, except the C1 controls (U+0080–U+009F, encoded
    // 0xC2 0x80–0x9F), so the text is copied in runs between the few special bytes, found with a
    // table: a 500-event feed escapes some 200 KB.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = b != b'\t' as usize;
            b += 1;
        }
        t[0x7f] = true;
        t[b'\\' as usize] = true;
        t[b';' as usize] = true;
        t[b',' as usize] = true;
        t[0xc2] = true;
        t
    };
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len() + 16);
    let mut run = 0;
    while let Some(offset) = bytes[run..].iter().position(|&b| SPECIAL[usize::from(b)]) {
        let i = run + offset;
        let (replacement, skip) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' | b'\n' => ("\\n", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            0xc2 => {
                // an ordinary character (U+00A0–U+00BF): part of the run after all
                out.push_str(&value[run..i + 2]);
                run = i + 2;
                continue;
            }
            _ => ("", 1),
        };
        out.push_str(&value[run..i]);
        out.push_str(replacement);
        run = i + skip;
    }
    out.push_str(&value[run..]);
    out
}

/// Folds one logical content line into physical lines of at most 75 octets, each continuation
/// starting with a space, never splitting a UTF-8 character (RFC 5545 §3.1).
///
/// A physical line never ends in a space: some readers (the `ical` crate's parser among them)
/// trim each physical line before unfolding, which would eat a space at a fold. Moving the fold
/// before the space keeps the text intact for them and is equally valid for strict readers.
pub fn fold_line(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let mut start = 0;
    let mut budget = LIMIT;
    let bytes = line.len();
    while bytes - start > budget {
        let mut end = start + budget;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let bytes_of = line.as_bytes();
        while end > start + 1 && matches!(bytes_of[end - 1], b' ' | b'\t') {
            end -= 1;
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n ");
        start = end;
        budget = LIMIT - 1;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// Writes one property as a folded content line: `NAME;PARAM=a,b:value`. Parameter values
/// holding `:`, `;` or `,` are quoted; property values are written as given (TEXT values were
/// escaped when the property was made).
fn emit_property(p: &Property, line: &mut String, out: &mut String) {
    line.clear();
    line.push_str(&p.name);
    for (name, values) in p.params.iter().flatten() {
        line.push(';');
        line.push_str(name);
        line.push('=');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            if v.contains([':', ';', ',']) {
                line.push('"');
                line.push_str(&v.replace('"', ""));
                line.push('"');
            } else {
                line.push_str(v);
            }
        }
    }
    line.push(':');
    line.push_str(p.value.as_deref().unwrap_or_default());
    fold_line(line, out);
}

/// Writes a calendar and its events as RFC 5545 text.
pub fn emit(cal: &IcalCalendar) -> String {
    let size: usize = cal
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| p.value.as_ref().map_or(0, String::len) + 24)
                .sum::<usize>()
        })
        .sum();
    let mut out = String::with_capacity(size + size / 50 + 1024);
    let mut line = String::with_capacity(256);
    out.push_str("BEGIN:VCALENDAR\r\n");
    for p in &cal.properties {
        emit_property(p, &mut line, &mut out);
    }
    for e in &cal.events {
        out.push_str("BEGIN:VEVENT\r\n");
        for p in &e.properties {
            emit_property(p, &mut line, &mut out);
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    crate::domain::time::compact_utc(at)
}

fn prop(name: &str, value: impl Into<String>) -> Property {
    Property {
        name: name.to_string(),
        params: None,
        value: Some(value.into()),
    }
}

fn text(name: &str, value: &str) -> Property {
    prop(name, escape_text(value))
}

pub fn event_url(base_url: &str, event_id: i64) -> String {
    format!("{base_url}/su-kien/{event_id}")
}

fn component(e: &EventDetail, meta: &FeedMeta<'_>) -> IcalEvent {
    let lang = meta.lang;
    let url = event_url(meta.base_url, e.event_id);
    let mut description = e.description(lang).to_string();
    if let Some(link) = &e.online_url {
        description.push_str(&format!("\n\n{}: {link}", lang.t().online_at));
    }
    description.push_str(&format!("\n\n{url}"));
    let status = match e.status {
        EventStatus::Cancelled => "CANCELLED",
        EventStatus::Postponed => "TENTATIVE",
        _ => "CONFIRMED",
    };
    let mut summary = e.title(lang).to_string();
    if matches!(e.status, EventStatus::Cancelled | EventStatus::Postponed) {
        summary = format!("[{}] {summary}", e.status.label(lang));
    }
    let mut ev = IcalEvent::new();
    ev.properties = vec![
        prop("UID", e.uid.clone()),
        prop("DTSTAMP", utc_stamp(e.updated_at)),
        prop("DTSTART", utc_stamp(e.starts_at)),
        prop("DTEND", utc_stamp(e.ends_at)),
        prop("SEQUENCE", e.sequence.to_string()),
        prop("LAST-MODIFIED", utc_stamp(e.updated_at)),
        text("SUMMARY", &summary),
        text("DESCRIPTION", &description),
        text("LOCATION", &e.where_line(lang)),
        text("CATEGORIES", e.kind.label(lang)),
        prop("STATUS", status),
        prop("URL", url),
    ];
    ev
}

/// One session of an event's side programme, as an entry of its own: its UID and SEQUENCE, the
/// event's status and place, the room.
fn session_component(e: &EventDetail, s: &EventSession, meta: &FeedMeta<'_>) -> IcalEvent {
    let lang = meta.lang;
    let url = event_url(meta.base_url, e.event_id);
    let status = match e.status {
        EventStatus::Cancelled => "CANCELLED",
        EventStatus::Postponed => "TENTATIVE",
        _ => "CONFIRMED",
    };
    let place = match &s.room {
        Some(room) => format!("{room}, {}", e.where_line(lang)),
        None => e.where_line(lang),
    };
    let mut ev = IcalEvent::new();
    ev.properties = vec![
        prop("UID", s.uid.clone()),
        prop("DTSTAMP", utc_stamp(e.updated_at)),
        prop("DTSTART", utc_stamp(s.starts_at)),
        prop("DTEND", utc_stamp(s.ends_at)),
        prop("SEQUENCE", s.sequence.to_string()),
        text("SUMMARY", &format!("{} — {}", s.title, e.title(lang))),
        text("DESCRIPTION", &format!("{}\n\n{url}", s.kind.label(lang))),
        text("LOCATION", &place),
        text("CATEGORIES", s.kind.label(lang)),
        prop("STATUS", status),
        prop("URL", url),
    ];
    ev
}

/// A whole VCALENDAR with one VEVENT per event and per session of its side programme. Times are UTC, so no VTIMEZONE is needed.
pub fn feed(events: &[EventDetail], meta: &FeedMeta<'_>) -> String {
    let mut builder = IcalCalendarBuilder::version("2.0")
        .gregorian()
        .prodid("-//So Cong Thuong Dak Lak//Lich xuc tien thuong mai//VI")
        .set(prop("METHOD", "PUBLISH"))
        .set(text("X-WR-CALNAME", meta.name))
        .set(prop("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh"))
        .set(Property {
            name: "REFRESH-INTERVAL".into(),
            params: Some(vec![("VALUE".into(), vec!["DURATION".into()])]),
            value: Some("PT6H".into()),
        })
        .set(prop("X-PUBLISHED-TTL", "PT6H"));
    for e in events {
        builder = builder.add_event(component(e, meta));
        for s in &e.sessions {
            builder = builder.add_event(session_component(e, s, meta));
        }
    }
    emit(&builder.build())
}

/// A strong ETag over anything hashable. `DefaultHasher::new()` uses fixed keys: stable for a
/// given build, which is all a cache validator needs.
pub fn etag(value: &impl Hash) -> String {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

/// Does an `If-None-Match` header name this ETag (or `*`)?
pub fn etag_matches(if_none_match: Option<&str>, etag: &str) -> bool {
    if_none_match.is_some_and(|h| {
        h.split(',')
            .map(str::trim)
            .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
    })
}

/// A producer's private calendar (its address is secret): the events they are confirmed for, with
/// their booths, and the deadlines ahead of them.
pub fn private_feed(entries: &[crate::backend::services::applications::FeedEntry], base_url: &str) -> String {
    let mut builder = IcalCalendarBuilder::version("2.0")
        .gregorian()
        .prodid("-//So Cong Thuong Dak Lak//Lich rieng cua doanh nghiep//VI")
        .set(prop("METHOD", "PUBLISH"))
        .set(text("X-WR-CALNAME", "Lịch của đơn vị — Xúc tiến Thương mại Đắk Lắk"))
        .set(prop("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh"))
        .set(Property {
            name: "REFRESH-INTERVAL".into(),
            params: Some(vec![("VALUE".into(), vec!["DURATION".into()])]),
            value: Some("PT1H".into()),
        });
    let page = format!("{base_url}/doanh-nghiep");
    for e in entries {
        let mut ev = IcalEvent::new();
        let description = if e.description.is_empty() {
            page.clone()
        } else {
            format!("{}\n\n{page}", e.description)
        };
        ev.properties = vec![
            prop("UID", e.uid.clone()),
            prop("DTSTAMP", utc_stamp(crate::backend::now())),
            prop("DTSTART", utc_stamp(e.starts_at)),
            prop("DTEND", utc_stamp(e.ends_at)),
            prop("SEQUENCE", e.sequence.to_string()),
            text("SUMMARY", &e.summary),
            text("DESCRIPTION", &description),
            prop("STATUS", "CONFIRMED"),
            prop("URL", page.clone()),
        ];
        builder = builder.add_event(ev);
    }
    emit(&builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping_covers_backslash_semicolon_comma_and_newlines() {
        assert_eq!(escape_text("a\\b;c,d\r\ne\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(escape_text("bell\u{7}\u{85}end"), "bellend");
        assert_eq!(escape_text("tab\tkept, Đắk Lắk"), "tab\tkept\\, Đắk Lắk");
        assert_eq!(escape_text("Â ü § 10\u{a0}000\u{a0}₫"), "Â ü § 10\u{a0}000\u{a0}₫");
    }

    #[test]
    fn folding_counts_octets_and_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "Hội chợ Công thương – Sản phẩm OCOP Đắk Lắk ".repeat(6));
        let mut out = String::new();
        fold_line(&line, &mut out);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), line);
    }

    #[test]
    fn no_physical_line_ends_in_a_space() {
        let line = format!("DESCRIPTION:{}end", "ab ".repeat(60));
        let mut out = String::new();
        fold_line(&line, &mut out);
        for physical in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(!physical.ends_with(' '), "{physical:?}");
        }
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), line);
    }

    #[test]
    fn a_short_line_is_left_alone() {
        let mut out = String::new();
        fold_line("VERSION:2.0", &mut out);
        assert_eq!(out, "VERSION:2.0\r\n");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        let mut out = String::new();
        fold_line(&line, &mut out);
        assert_eq!(out, format!("{line}\r\n"));
        let mut out = String::new();
        fold_line(&"X".repeat(76), &mut out);
        assert_eq!(out, format!("{}\r\n X\r\n", "X".repeat(75)));
    }

    #[test]
    fn etags_match_exactly_weakly_or_by_star() {
        let tag = etag(&(1, "a"));
        assert!(etag_matches(Some(&tag), &tag));
        assert!(etag_matches(Some(&format!("W/{tag}")), &tag));
        assert!(etag_matches(Some("\"x\", *"), &tag));
        assert!(!etag_matches(Some("\"x\""), &tag));
        assert!(!etag_matches(None, &tag));
        assert_ne!(etag(&(1, "a")), etag(&(2, "a")));
    }
}
