//! What an event achieved: its indicators (data, per event kind and format), each with a target
//! set when planning and an outcome recorded after; the public results of a year. The pages get
//! every number already written out in the reader's language: no formatting code in the browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Lang;

/// How an indicator's value is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    Count,
    /// Whole đồng.
    Money,
    Minutes,
    /// A platform, a link, a name.
    Text,
}

impl Measure {
    pub fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Money => "money",
            Measure::Minutes => "minutes",
            Measure::Text => "text",
        }
    }

    pub fn parse(code: &str) -> Option<Measure> {
        [Measure::Count, Measure::Money, Measure::Minutes, Measure::Text]
            .into_iter()
            .find(|m| m.code() == code)
    }

    /// The largest value accepted: a trillion đồng for money, a billion for the rest.
    pub fn ceiling(self) -> i64 {
        match self {
            Measure::Money => 1_000_000_000_000_000,
            _ => 1_000_000_000,
        }
    }
}

/// Where an outcome comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// Typed by staff.
    Staff,
    /// Counted by the system from the event's applications and booths.
    System,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Staff => "staff",
            Source::System => "system",
        }
    }

    pub fn parse(code: &str) -> Option<Source> {
        [Source::Staff, Source::System].into_iter().find(|s| s.code() == code)
    }
}

/// Where a recorded outcome came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Typed by staff.
    Staff,
    /// The producers' reports (or the register of deals) added up.
    Reports,
    /// Counted by the system from the event's applications and booths.
    System,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Staff => "staff",
            Origin::Reports => "reports",
            Origin::System => "system",
        }
    }

    pub fn parse(code: &str) -> Option<Origin> {
        [Origin::Staff, Origin::Reports, Origin::System]
            .into_iter()
            .find(|o| o.code() == code)
    }

    /// The outcomes page's "Nguồn" column.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Origin::Staff => lang.tr("Cán bộ nhập", "Staff"),
            Origin::Reports => lang.tr("Báo cáo của doanh nghiệp", "Producers' reports"),
            Origin::System => lang.tr("Hệ thống đếm", "Counted"),
        }
    }
}

/// One line of the staff's outcomes page: an indicator with its target and outcome, written out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureLine {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub measure: Measure,
    pub source: Source,
    /// Where the outcome comes from: counted, the producers' reports, or staff.
    pub origin: Origin,
    pub headline: bool,
    /// The target as the field shows it ("" when none).
    pub target: String,
    /// The outcome as the field shows it ("" when none); for a counted indicator, the count.
    pub actual: String,
    /// While staff have typed no outcome: what the producers' reports (or the register) add up to,
    /// and from how many ("Tổng hợp từ báo cáo của 3/5 doanh nghiệp: 12.500.000 đ").
    pub summed: Option<String>,
    pub confirmed: bool,
}

/// The staff's outcomes page of one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomesPage {
    pub event_id: i64,
    pub title: String,
    pub kind: String,
    pub dates: String,
    /// Outcomes may be recorded: the event has begun.
    pub started: bool,
    /// Outcomes may be confirmed: the event has ended.
    pub ended: bool,
    pub lines: Vec<FigureLine>,
    /// The producers' own reports: who has reported, and what.
    pub producer_reports: super::producer_report::ReportsSummary,
    /// Buyers' confirmed inquiries that name the event (its leads).
    pub leads: u32,
    /// The reports made from these figures: (address, name), written by the server.
    pub reports: Vec<(String, String)>,
    /// "Đã xác nhận 12/11/2026 bởi …", when every outcome is confirmed.
    pub confirmed_note: Option<String>,
    /// The files of evidence behind the outcomes.
    pub evidence: Vec<EvidenceView>,
}

/// A file of evidence as the outcomes page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub evidence_id: i64,
    pub file_name: String,
    pub caption: String,
    /// The indicator it supports, by name.
    pub indicator: Option<String>,
    /// "120 KB"
    pub size: String,
    /// "dd/mm/yyyy"
    pub uploaded: String,
    pub href: String,
}

/// The outcomes form as typed: `target[<code>]` and `actual[<code>]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomesForm {
    pub target: BTreeMap<String, String>,
    pub actual: BTreeMap<String, String>,
}

/// A headline figure as the public reads it: ("Lượt khách tham quan", "12.500 lượt").
pub type Figure = (String, String);

/// One completed event on the public results page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventResults {
    pub event_id: i64,
    pub title: String,
    pub kind: String,
    pub dates: String,
    pub figures: Vec<Figure>,
}

/// The public results of a year: the year's totals and each completed event's confirmed figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsPage {
    pub year: i32,
    /// The years that have confirmed results, newest first.
    pub years: Vec<i32>,
    pub totals: Vec<Figure>,
    pub events: Vec<EventResults>,
}

/// Why a typed figure was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureError {
    NotANumber,
    Negative,
    Fraction,
    TooLarge,
}

impl FigureError {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            FigureError::NotANumber => lang.tr(
                "Nhập một số nguyên, ví dụ 1.250.000.",
                "Type a whole number, for example 1,250,000.",
            ),
            FigureError::Negative => lang.tr("Không nhận số âm.", "Negative numbers are not accepted."),
            FigureError::Fraction => lang.tr(
                "Chỉ nhận số nguyên (tiền tính bằng đồng, không có phần lẻ).",
                "Whole numbers only (money in whole đồng, no fractions).",
            ),
            FigureError::TooLarge => lang.tr(
                "Số quá lớn; vui lòng kiểm tra lại.",
                "This number is too large; please check it.",
            ),
        }
    }
}

/// Reads a typed whole number: digits, grouped by thousands with dots, commas or spaces
/// ("1.250.000", "1,250,000", "1 250 000"); "" is no value. A decimal part, a sign or anything
/// above `ceiling` is refused.
pub fn parse_figure(input: &str, ceiling: i64) -> Result<Option<i64>, FigureError> {
    let s: String = input.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(rest) = s.strip_prefix('-') {
        return match parse_figure(rest, ceiling) {
            Ok(Some(0)) => Ok(Some(0)),
            Ok(_) => Err(FigureError::Negative),
            Err(e) => Err(e),
        };
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(FigureError::NotANumber);
    }
    let separators: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    if let Some(&sep) = separators.first() {
        let groups: Vec<&str> = s.split(sep).collect();
        let grouped = separators.iter().all(|&c| c == sep)
            && groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            // "12,5", "1.250,50" or "3.5": a fraction, whichever mark was meant as the point
            return Err(if separators.len() == 1 || separators.last() != separators.first() {
                FigureError::Fraction
            } else {
                FigureError::NotANumber
            });
        }
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let value = digits.parse::<i64>().map_err(|_| FigureError::TooLarge)?;
    if value > ceiling {
        return Err(FigureError::TooLarge);
    }
    Ok(Some(value))
}

/// A whole number grouped by thousands the reader's way: "1.250.000" or "1,250,000".
pub fn grouped(value: i64, lang: Lang) -> String {
    let digits = value.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONEY: i64 = 1_000_000_000_000_000;

    #[test]
    fn whole_numbers_are_read_with_any_grouping() {
        for (typed, value) in [
            ("0", 0),
            ("1250000", 1_250_000),
            ("1.250.000", 1_250_000),
            ("1,250,000", 1_250_000),
            (" 1 250 000 ", 1_250_000),
            ("+12", 12),
            ("-0", 0),
            ("999", 999),
        ] {
            assert_eq!(parse_figure(typed, MONEY), Ok(Some(value)), "{typed}");
        }
        assert_eq!(parse_figure("  ", MONEY), Ok(None));
    }

    #[test]
    fn fractions_signs_and_absurd_values_are_refused() {
        for (typed, why) in [
            ("12,5", FigureError::Fraction),
            ("1.250,50", FigureError::Fraction),
            ("3.5", FigureError::Fraction),
            ("1.25.000", FigureError::NotANumber),
            ("-5", FigureError::Negative),
            ("-1.000", FigureError::Negative),
            ("năm trăm", FigureError::NotANumber),
            ("1e6", FigureError::NotANumber),
            (".5", FigureError::NotANumber),
            ("1000000000000000001", FigureError::TooLarge),
            ("99999999999999999999999", FigureError::TooLarge),
        ] {
            assert_eq!(parse_figure(typed, MONEY), Err(why), "{typed}");
        }
        assert_eq!(
            parse_figure("1000000001", Measure::Count.ceiling()),
            Err(FigureError::TooLarge)
        );
    }

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(grouped(1_250_000, Lang::Vi), "1.250.000");
        assert_eq!(grouped(1_250_000, Lang::En), "1,250,000");
        assert_eq!(grouped(999, Lang::Vi), "999");
        assert_eq!(grouped(0, Lang::Vi), "0");
        // what is written reads back as itself
        for v in [0, 7, 1_000, 123_456_789, MONEY] {
            assert_eq!(parse_figure(&grouped(v, Lang::Vi), MONEY), Ok(Some(v)));
            assert_eq!(parse_figure(&grouped(v, Lang::En), MONEY), Ok(Some(v)));
        }
    }
}
