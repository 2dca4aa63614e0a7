//! Dates and times as Vietnamese readers expect them: dd/MM/yyyy, 24-hour clock, Asia/Ho_Chi_Minh.
//!
//! Vietnam has used UTC+07:00 without daylight saving since 1975, so a fixed offset is exact and
//! keeps the time-zone database out of the browser bundle.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};

use super::Lang;

/// Asia/Ho_Chi_Minh, checked when compiling.
pub const VN_OFFSET: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+07:00 is a valid offset"),
};

/// The years the system accepts, wherever a date comes from: typed in a form, in an address, or
/// as a number in a server function's JSON. Every date arithmetic (day starts, the month after,
/// an event's local time) stays far inside chrono's range within them, so no input can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Whether a date lies within [`YEARS`].
pub fn in_range(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

pub fn vn_offset() -> FixedOffset {
    VN_OFFSET
}

pub fn to_local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&vn_offset())
}

/// Interprets a wall-clock time in Vietnam.
pub fn from_local(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::hours(7)).and_utc()
}

/// The first instant of a Vietnamese calendar day, in UTC.
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    from_local(day.and_time(chrono::NaiveTime::MIN))
}

pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    to_local(at).date_naive()
}

/// 09/03/2025, of a calendar day.
pub fn day(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_day(&mut out, d);
    out
}

/// 09/03/2025
pub fn date(at: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(10);
    push_day(&mut out, to_local(at).date_naive());
    out
}

/// Appends the last `width` digits of `value`, zero-padded. Dates are written digit by digit:
/// the calendar writes two or three of them for each of its 500 events, and `format!` was a
/// fifth of the page's cost.
fn push_digits(out: &mut String, value: u32, width: u32) {
    for i in (0..width).rev() {
        let d = (value / 10u32.pow(i)) % 10;
        out.push(char::from(b'0' + d as u8));
    }
}

/// Appends 09/03/2025.
fn push_day(out: &mut String, d: NaiveDate) {
    push_digits(out, d.day(), 2);
    out.push('/');
    push_digits(out, d.month(), 2);
    out.push('/');
    push_digits(out, u32::try_from(d.year()).unwrap_or(0), 4);
}

/// 19:30
pub fn clock(at: DateTime<Utc>) -> String {
    let l = to_local(at);
    format!("{:02}:{:02}", l.hour(), l.minute())
}

/// Thứ Hai … Chủ Nhật / Monday … Sunday
pub fn weekday(day: NaiveDate, lang: Lang) -> &'static str {
    let i = day.weekday().num_days_from_monday() as usize;
    const VI: [&str; 7] = [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    match lang {
        Lang::Vi => VI[i],
        Lang::En => EN[i],
    }
}

/// A compact range: "09–13/03/2025", "28/02–02/03/2025", "30/12/2025–02/01/2026" or "20/03/2025".
pub fn date_range(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(24);
    push_date_range(&mut out, start, end);
    out
}

/// Appends [`date_range`].
pub fn push_date_range(out: &mut String, start: DateTime<Utc>, end: DateTime<Utc>) {
    let (s, e) = (to_local(start).date_naive(), to_local(end).date_naive());
    if s != e {
        // the first day gives only what the last one does not repeat (its year, its month)
        if s.year() != e.year() {
            push_day(out, s);
        } else {
            push_digits(out, s.day(), 2);
            if s.month() != e.month() {
                out.push('/');
                push_digits(out, s.month(), 2);
            }
        }
        out.push('–');
    }
    push_day(out, e);
}

/// "19:30 20/03/2025 – 17:00 21/03/2025" or, on one day, "08:00–17:00, 20/03/2025".
pub fn date_time_range(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    if local_date(start) == local_date(end) {
        format!("{}–{}, {}", clock(start), clock(end), date(start))
    } else {
        format!("{} {} – {} {}", clock(start), date(start), clock(end), date(end))
    }
}

/// Parses dd/MM/yyyy (what people type) or yyyy-MM-dd (what date inputs send).
///
/// Hand-written rather than chrono's format parser, which would add its whole parsing engine
/// to the browser bundle for two fixed shapes.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let num = |p: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (y, m, d) = if let [y, m, d] = s.split('-').collect::<Vec<_>>()[..] {
        (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?)
    } else if let [d, m, y] = s.split('/').collect::<Vec<_>>()[..] {
        (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).filter(|d| in_range(*d))
}

/// 2025-03-09, as date inputs and URLs want it.
pub fn iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_iso_date(&mut out, d);
    out
}

/// Appends [`iso_date`].
fn push_iso_date(out: &mut String, d: NaiveDate) {
    push_digits(out, u32::try_from(d.year()).unwrap_or(0), 4);
    out.push('-');
    push_digits(out, d.month(), 2);
    out.push('-');
    push_digits(out, d.day(), 2);
}

/// 2025-03
pub fn iso_month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// 2025-03-09T01:00:00Z, for `<time datetime>`.
pub fn iso_utc(at: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(20);
    push_iso_utc(&mut out, at);
    out
}

/// Appends [`iso_utc`].
pub fn push_iso_utc(out: &mut String, at: DateTime<Utc>) {
    push_iso_date(out, at.date_naive());
    out.push('T');
    push_digits(out, at.hour(), 2);
    out.push(':');
    push_digits(out, at.minute(), 2);
    out.push(':');
    push_digits(out, at.second(), 2);
    out.push('Z');
}

/// 20250309T010000Z, the UTC form iCalendar and Google Calendar links use. Written digit by
/// digit: a 500-event feed has 2,000 of these, and `format!` was a tenth of its cost.
pub fn compact_utc(at: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(16);
    push_digits(&mut out, u32::try_from(at.year()).unwrap_or(0), 4);
    push_digits(&mut out, at.month(), 2);
    push_digits(&mut out, at.day(), 2);
    out.push('T');
    push_digits(&mut out, at.hour(), 2);
    push_digits(&mut out, at.minute(), 2);
    push_digits(&mut out, at.second(), 2);
    out.push('Z');
    out
}

/// Serde for instants as whole seconds since 1970: compact, and no date parser in the browser.
/// An instant outside [`super::YEARS`] does not decode (the caller's error, never an overflow
/// further on).
pub mod ts {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(at.timestamp())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let secs = i64::deserialize(d)?;
        DateTime::from_timestamp(secs, 0)
            .filter(|at| super::in_range(at.date_naive()))
            .ok_or_else(|| D::Error::custom("timestamp out of range"))
    }
}

/// Serde for dates as days since 0001-01-01 (CE), likewise (and bounded the same way).
pub mod days {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(d.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        from_days(n).ok_or_else(|| D::Error::custom("date out of range"))
    }

    fn from_days(n: i32) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(n).filter(|d| super::in_range(*d))
    }

    /// The same for an optional date.
    pub mod option {
        use chrono::{Datelike, NaiveDate};
        use serde::{de::Error, Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_some(&d.num_days_from_ce()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<i32>::deserialize(d)? {
                Some(n) => super::from_days(n)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom("date out of range")),
                None => Ok(None),
            }
        }
    }
}

/// The month name heading a month grid: "Tháng 11/2026" / "November 2026".
pub fn month_title(year: i32, month: u32, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Vi => format!("Tháng {month:02}/{year}"),
        Lang::En => format!("{} {year}", EN[(month.clamp(1, 12) - 1) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|d| d.with_timezone(&Utc)).unwrap()
    }

    #[test]
    fn a_utc_evening_is_the_next_morning_in_vietnam() {
        let at = utc("2025-03-08T23:30:00Z");
        assert_eq!(date(at), "09/03/2025");
        assert_eq!(clock(at), "06:30");
    }

    #[test]
    fn ranges_drop_the_repeated_month_and_year() {
        assert_eq!(
            date_range(utc("2025-03-09T01:00:00Z"), utc("2025-03-13T10:00:00Z")),
            "09–13/03/2025"
        );
        assert_eq!(
            date_range(utc("2025-02-28T01:00:00Z"), utc("2025-03-02T10:00:00Z")),
            "28/02–02/03/2025"
        );
        assert_eq!(
            date_range(utc("2025-12-30T01:00:00Z"), utc("2026-01-02T10:00:00Z")),
            "30/12/2025–02/01/2026"
        );
        assert_eq!(
            date_range(utc("2025-03-20T01:00:00Z"), utc("2025-03-20T10:00:00Z")),
            "20/03/2025"
        );
    }

    #[test]
    fn times_use_the_24_hour_clock() {
        assert_eq!(
            date_time_range(utc("2025-03-20T12:30:00Z"), utc("2025-03-20T14:00:00Z")),
            "19:30–21:00, 20/03/2025"
        );
    }

    #[test]
    fn dates_parse_in_both_written_forms_and_nonsense_is_rejected() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 9).unwrap();
        assert_eq!(parse_date("09/03/2025"), Some(d));
        assert_eq!(parse_date("2025-03-09"), Some(d));
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("9999-01-01"), None);
    }

    #[test]
    fn machine_forms_are_zero_padded() {
        let at = utc("2025-03-08T23:30:05Z");
        assert_eq!(iso_utc(at), "2025-03-08T23:30:05Z");
        assert_eq!(compact_utc(at), "20250308T233005Z");
        assert_eq!(iso_month(at.date_naive()), "2025-03");
        assert_eq!(parse_date("9/3/2025"), NaiveDate::from_ymd_opt(2025, 3, 9));
        assert_eq!(parse_date("2025-3-9x"), None);
        assert_eq!(parse_date("+2025-03-09"), None);
    }

    #[test]
    fn instants_and_dates_survive_serde_as_numbers() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct T {
            #[serde(with = "ts")]
            at: DateTime<Utc>,
            #[serde(with = "days")]
            day: NaiveDate,
            #[serde(with = "days::option")]
            maybe: Option<NaiveDate>,
        }
        let t = T {
            at: utc("2025-03-08T23:30:05Z"),
            day: NaiveDate::from_ymd_opt(2025, 3, 9).unwrap(),
            maybe: None,
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"at":1741476605,"day":739319,"maybe":null}"#);
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
    }

    #[test]
    fn the_vietnamese_day_starts_at_17_utc_the_day_before() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 9).unwrap();
        assert_eq!(day_start(d), utc("2025-03-08T17:00:00Z"));
        assert_eq!(weekday(d, Lang::Vi), "Chủ Nhật");
    }
}
