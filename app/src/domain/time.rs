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

/// 09/03/2025
pub fn date(at: DateTime<Utc>) -> String {
    let l = to_local(at);
    format!("{:02}/{:02}/{:04}", l.day(), l.month(), l.year())
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
    let (s, e) = (to_local(start), to_local(end));
    if s.date_naive() == e.date_naive() {
        date(start)
    } else if s.year() != e.year() {
        format!("{}–{}", date(start), date(end))
    } else if s.month() != e.month() {
        format!("{:02}/{:02}–{}", s.day(), s.month(), date(end))
    } else {
        format!("{:02}–{}", s.day(), date(end))
    }
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
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
        .filter(|d| (1990..=2100).contains(&d.year()))
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
    fn the_vietnamese_day_starts_at_17_utc_the_day_before() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 9).unwrap();
        assert_eq!(day_start(d), utc("2025-03-08T17:00:00Z"));
        assert_eq!(weekday(d, Lang::Vi), "Chủ Nhật");
    }
}
