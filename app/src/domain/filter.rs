//! The calendar's filters, kept in the URL so a filtered view can be shared.
//!
//! Parsing is forgiving on purpose: a visitor's hand-edited or stale link with a nonsense value
//! loses that one filter, never the page.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{time, EventFormat, EventKind, EventLevel};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarView {
    #[default]
    List,
    Month,
}

/// In the province, or anywhere else (another province or abroad).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScopeFilter {
    InProvince,
    Elsewhere,
}

impl ScopeFilter {
    pub fn code(self) -> &'static str {
        match self {
            ScopeFilter::InProvince => "in",
            ScopeFilter::Elsewhere => "out",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub kind: Option<EventKind>,
    pub format: Option<EventFormat>,
    pub level: Option<EventLevel>,
    pub scope: Option<ScopeFilter>,
    pub commune: Option<i64>,
    pub group: Option<String>,
    #[serde(with = "time::days::option")]
    pub from: Option<NaiveDate>,
    #[serde(with = "time::days::option")]
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
    /// The archive: events that have ended, newest first.
    pub past: bool,
    pub view: CalendarView,
    /// The month a month grid shows, as its first day.
    #[serde(with = "time::days::option")]
    pub month: Option<NaiveDate>,
}

/// The instants a query covers: events that end at or after `ends_after` and start before
/// `starts_before`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub ends_after: Option<DateTime<Utc>>,
    pub ends_before: Option<DateTime<Utc>>,
    pub starts_before: Option<DateTime<Utc>>,
    pub newest_first: bool,
}

const MAX_QUERY_CHARS: usize = 100;

fn parse_month(v: &str) -> Option<NaiveDate> {
    let (y, m) = v.trim().split_once('-')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1).filter(|d| time::in_range(*d))
}

fn is_code(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 40
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl EventFilter {
    /// Builds a filter from query pairs, dropping whatever does not parse.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> EventFilter {
        let mut f = EventFilter::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "kind" => f.kind = EventKind::parse(value),
                "format" => f.format = EventFormat::parse(value),
                "level" => f.level = EventLevel::parse(value),
                "scope" => {
                    f.scope = match value {
                        "in" => Some(ScopeFilter::InProvince),
                        "out" => Some(ScopeFilter::Elsewhere),
                        _ => None,
                    }
                }
                "commune" => f.commune = value.parse().ok().filter(|id| *id > 0),
                "group" => f.group = is_code(value).then(|| value.to_string()),
                "from" => f.from = time::parse_date(value),
                "to" => f.to = time::parse_date(value),
                "q" => {
                    let q: String = value.chars().take(MAX_QUERY_CHARS).collect();
                    f.q = (!q.trim().is_empty()).then(|| q.trim().to_string());
                }
                "past" => f.past = matches!(value, "1" | "true" | "on"),
                "view" => {
                    f.view = if value == "month" {
                        CalendarView::Month
                    } else {
                        CalendarView::List
                    }
                }
                "month" => f.month = parse_month(value),
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (f.from, f.to) {
            if to < from {
                f.to = Some(from);
                f.from = Some(to);
            }
        }
        f
    }

    /// The query string (without `?`) that gives back this filter; empty when nothing is set.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.view == CalendarView::Month {
            pairs.push(("view", "month".into()));
        }
        if let Some(m) = self.month {
            pairs.push(("month", time::iso_month(m)));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.code().into()));
        }
        if let Some(v) = self.format {
            pairs.push(("format", v.code().into()));
        }
        if let Some(v) = self.level {
            pairs.push(("level", v.code().into()));
        }
        if let Some(v) = self.scope {
            pairs.push(("scope", v.code().into()));
        }
        if let Some(v) = self.commune {
            pairs.push(("commune", v.to_string()));
        }
        if let Some(v) = &self.group {
            pairs.push(("group", v.clone()));
        }
        if let Some(v) = self.from {
            pairs.push(("from", time::iso_date(v)));
        }
        if let Some(v) = self.to {
            pairs.push(("to", time::iso_date(v)));
        }
        if let Some(v) = &self.q {
            pairs.push(("q", v.clone()));
        }
        if self.past {
            pairs.push(("past", "1".into()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `path?query`, or just `path` when the filter is empty.
    pub fn href(&self, path: &str) -> String {
        let q = self.to_query();
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }

    /// The month a month grid shows: the chosen one or the current one.
    pub fn shown_month(&self, today: NaiveDate) -> NaiveDate {
        self.month.unwrap_or_else(|| today.with_day(1).unwrap_or(today))
    }

    /// Which instants the calendar covers for this filter on `today` (a Vietnamese date).
    pub fn window(&self, today: NaiveDate) -> Window {
        let day_after = |d: NaiveDate| time::day_start(d.succ_opt().unwrap_or(d));
        match self.view {
            CalendarView::Month => {
                let first = self.shown_month(today);
                let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
                Window {
                    ends_after: Some(time::day_start(first)),
                    ends_before: None,
                    starts_before: Some(time::day_start(next)),
                    newest_first: false,
                }
            }
            CalendarView::List if self.past => Window {
                ends_after: self.from.map(time::day_start),
                ends_before: Some(time::day_start(today)),
                starts_before: self.to.map(day_after),
                newest_first: true,
            },
            CalendarView::List => Window {
                ends_after: Some(time::day_start(self.from.unwrap_or(today))),
                ends_before: None,
                starts_before: self.to.map(day_after),
                newest_first: false,
            },
        }
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonsense_values_are_dropped_and_good_ones_kept() {
        let f = EventFilter::from_pairs([
            ("kind", "party"),
            ("format", "online"),
            ("commune", "-3"),
            ("from", "31/02/2026"),
            ("to", "2026-12-31"),
            ("group", "'; drop table event; --"),
            ("month", "2026-13"),
            ("whatever", "x"),
        ]);
        assert_eq!(f.kind, None);
        assert_eq!(f.format, Some(EventFormat::Online));
        assert_eq!(f.commune, None);
        assert_eq!(f.from, None);
        assert_eq!(f.to, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(f.group, None);
        assert_eq!(f.month, None);
    }

    #[test]
    fn a_filter_survives_the_round_trip_through_its_query_string() {
        let f = EventFilter::from_pairs([
            ("kind", "fair"),
            ("scope", "in"),
            ("q", "cà phê & mắc ca"),
            ("view", "month"),
            ("month", "2026-03"),
            ("past", "1"),
        ]);
        let q = f.to_query();
        assert!(q.contains("q=c%C3%A0+ph%C3%AA+%26+m%E1%BA%AFc+ca"), "{q}");
        let pairs: Vec<(String, String)> = q
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), decode(v)))
            .collect();
        let back = EventFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, f);
    }

    fn decode(v: &str) -> String {
        let bytes = v.replace('+', " ").into_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn reversed_dates_are_swapped_rather_than_giving_nothing() {
        let f = EventFilter::from_pairs([("from", "2026-12-31"), ("to", "2026-01-01")]);
        assert!(f.from < f.to);
    }

    #[test]
    fn the_default_list_shows_what_has_not_ended_yet() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let w = EventFilter::default().window(today);
        assert_eq!(w.ends_after, Some(time::day_start(today)));
        assert_eq!(w.starts_before, None);
        assert!(!w.newest_first);
    }

    #[test]
    fn the_archive_shows_what_ended_before_today_newest_first() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let w = EventFilter {
            past: true,
            ..Default::default()
        }
        .window(today);
        assert_eq!(w.ends_before, Some(time::day_start(today)));
        assert!(w.newest_first);
    }

    #[test]
    fn a_month_grid_covers_events_overlapping_that_month() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let f = EventFilter::from_pairs([("view", "month"), ("month", "2027-02")]);
        let w = f.window(today);
        assert_eq!(
            w.ends_after,
            Some(time::day_start(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()))
        );
        assert_eq!(
            w.starts_before,
            Some(time::day_start(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()))
        );
    }
}
