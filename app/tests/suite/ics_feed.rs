//! The iCalendar output, byte by byte, and read back with the `ical` crate's parser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::icalendar::{feed, FeedMeta},
    domain::{EventDetail, EventFormat, EventKind, EventLevel, EventStatus, Lang, Location, LocationScope},
};
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn event() -> EventDetail {
    EventDetail {
        event_id: 42,
        uid: "2b1f0a4e-7d0c-4c38-9a55-2f9f8e0c1d11@xttm.daklak.gov.vn".into(),
        sequence: 3,
        kind: EventKind::Fair,
        format: EventFormat::Hybrid,
        level: EventLevel::Provincial,
        status: EventStatus::Published,
        scope: LocationScope::Province,
        location: Location::Province { commune: "Phường Buôn Ma Thuột".into() },
        venue_name: Some("Quảng trường 10/3".into()),
        venue_address: Some("Đường Lê Duẩn; cổng số 2, khu A".into()),
        online_platform: Some("TikTok Shop".into()),
        online_url: Some("https://www.tiktok.com/@dacsandaklak".into()),
        starts_at: at("2026-11-13T01:00:00Z"),
        ends_at: at("2026-11-19T15:00:00Z"),
        organiser: "Sở Công Thương tỉnh Đắk Lắk".into(),
        title_vi: "Hội chợ Công thương – Sản phẩm OCOP Đắk Lắk, lần thứ 12; cà phê \\ mắc ca".into(),
        title_en: None,
        description_vi: "300 gian hàng sản phẩm OCOP, đặc sản cà phê Buôn Ma Thuột, mắc ca Krông Năng, mật ong Ea Kly.\nLễ trao giấy chứng nhận OCOP; hội nghị kết nối cung cầu.".into(),
        description_en: None,
        product_groups: vec!["Thực phẩm".into()],
        is_demo: false,
        updated_at: at("2026-10-01T03:04:05Z"),
        co_organisers: None,
        change_note: None,
        sessions: Vec::new(),
        has_cover: false,
    }
}

fn meta() -> FeedMeta<'static> {
    FeedMeta {
        name: "Lịch xúc tiến thương mại Đắk Lắk",
        base_url: "https://xttm.daklak.gov.vn",
        lang: Lang::Vi,
    }
}

/// Undoes RFC 5545 folding and TEXT escaping, to compare with what went in.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_feed_is_rfc_5545_to_the_byte() {
    let body = feed(&[event()], &meta());
    let bytes = body.as_bytes();
    // every line ends in CRLF, and there is no bare LF or CR
    assert!(body.ends_with("\r\n"));
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}");
        }
        if *b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
        }
    }
    // folded at 75 octets, each physical line valid UTF-8 on its own (no split character)
    let mut folded = 0;
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(std::str::from_utf8(line).is_ok(), "a character was split: {line:?}");
        if line.starts_with(b" ") {
            folded += 1;
        }
    }
    assert!(folded > 3, "the long Vietnamese lines must have been folded");
    let unfolded = body.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("UID:"), 1);
    assert_eq!(count("DTSTAMP:"), 1);
    assert!(lines.contains(&"DTSTAMP:20261001T030405Z"));
    assert!(lines.contains(&"DTSTART:20261113T010000Z"));
    assert!(lines.contains(&"DTEND:20261119T150000Z"));
    assert!(lines.contains(&"SEQUENCE:3"));
    assert!(lines.contains(&"SUMMARY:Hội chợ Công thương – Sản phẩm OCOP Đắk Lắk\\, lần thứ 12\\; cà phê \\\\ mắc ca"));
    assert!(unfolded.contains("DESCRIPTION:300 gian hàng sản phẩm OCOP\\, đặc sản"));
    assert!(unfolded.contains("mật ong Ea Kly.\\nLễ trao"));
    assert!(!unfolded.contains("TZID"), "UTC times need no VTIMEZONE");
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
}

#[test]
fn the_feed_parses_back_to_what_went_in() {
    let e = event();
    let body = feed(
        &[
            e.clone(),
            EventDetail {
                event_id: 43,
                uid: "other@x".into(),
                ..e.clone()
            },
        ],
        &meta(),
    );
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none());
    assert_eq!(cal.events.len(), 2);
    let get = |name: &str| {
        cal.events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(unescape(&get("SUMMARY")), e.title_vi);
    assert!(unescape(&get("DESCRIPTION")).starts_with(&e.description_vi));
    assert_eq!(get("UID"), e.uid);
    assert_eq!(
        unescape(&get("LOCATION")),
        "Quảng trường 10/3, Đường Lê Duẩn; cổng số 2, khu A, Phường Buôn Ma Thuột, tỉnh Đắk Lắk"
    );
    assert_eq!(get("URL"), "https://xttm.daklak.gov.vn/su-kien/42");
    let calname = cal
        .properties
        .iter()
        .find(|p| p.name == "X-WR-CALNAME")
        .and_then(|p| p.value.clone());
    assert_eq!(calname.as_deref(), Some("Lịch xúc tiến thương mại Đắk Lắk"));
}

#[test]
fn a_cancelled_event_says_so_in_status_and_title() {
    let e = EventDetail {
        status: EventStatus::Cancelled,
        ..event()
    };
    let body = feed(&[e], &meta()).replace("\r\n ", "");
    assert!(body.contains("STATUS:CANCELLED\r\n"));
    assert!(body.contains("SUMMARY:[Đã hủy] Hội chợ"));
}

#[test]
fn the_feed_reads_as_expected() {
    insta::assert_snapshot!(feed(&[event()], &meta()).replace("\r\n", "⏎\n"));
}
