//! The year's trade-promotion plan and the money behind each event: the plan's decision and
//! approved total, and each event's budget by cost line and funding source (planned, committed,
//! paid). Money is whole đồng. The support paid to producers is not typed: what is committed and
//! paid is computed from the approved applications (`backend::services::budget`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    account::FieldError,
    outcomes::{parse_figure, FigureError},
    time, EventFormat, EventKind, Lang,
};

super::event::coded_enum! {
    /// What the money is spent on. The support paid to producers is computed from the approved
    /// applications, never typed.
    #[derive(PartialOrd, Ord)]
    CostLine {
        Venue = "venue", "Thuê mặt bằng, gian hàng", "Venue and booth rent";
        Construction = "construction", "Dàn dựng, trang trí gian hàng", "Booth construction";
        Travel = "travel", "Đi lại, vận chuyển hàng hóa", "Travel and freight";
        Media = "media", "Quảng bá, truyền thông", "Advertising and media";
        Organisation = "organisation", "Tổ chức, điều hành", "Organisation";
        Support = "support", "Hỗ trợ doanh nghiệp tham gia", "Support paid to producers";
    }
}

super::event::coded_enum! {
    /// Where the money comes from.
    #[derive(PartialOrd, Ord)]
    Funding {
        Provincial = "provincial", "Ngân sách tỉnh", "Provincial budget";
        National = "national", "Chương trình XTTM quốc gia", "National trade promotion programme";
        Producers = "producers", "Doanh nghiệp đóng góp", "Producers' contribution";
        Sponsors = "sponsors", "Tài trợ", "Sponsors";
    }
}

/// The largest amount one budget line takes: 100 billion đồng is far above any event's line, so a
/// larger number is a typing mistake.
pub const LINE_CEILING: i64 = 100_000_000_000;
/// The largest total a year's plan takes (a thousand billion đồng).
pub const PLAN_CEILING: i64 = 1_000_000_000_000;

/// Planned, committed and paid, in đồng.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    pub planned: i64,
    pub committed: i64,
    pub paid: i64,
}

impl Amounts {
    pub fn add(&mut self, other: Amounts) {
        self.planned = self.planned.saturating_add(other.planned);
        self.committed = self.committed.saturating_add(other.committed);
        self.paid = self.paid.saturating_add(other.paid);
    }
}

/// One line of an event's budget as typed. Rows are keyed `l<id>` for a stored line and `n<k>`
/// for a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineInput {
    pub cost_line: String,
    pub funding: String,
    pub planned: String,
    pub committed: String,
    pub paid: String,
    pub note: String,
}

impl LineInput {
    /// No amount and no note: the row is left out (a stored one is removed).
    pub fn is_blank(&self) -> bool {
        [&self.planned, &self.committed, &self.paid, &self.note]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// An event's budget form: its lines, and the planned support to producers with its source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetForm {
    pub lines: BTreeMap<String, LineInput>,
    pub support_funding: String,
    pub support_planned: String,
}

/// A budget line as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub line_id: Option<i64>,
    pub cost_line: CostLine,
    pub funding: Funding,
    pub planned: i64,
    pub committed: Option<i64>,
    pub paid: Option<i64>,
    pub note: String,
}

/// The budget as checked: what the services store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedBudget {
    pub lines: Vec<Line>,
    /// Stored lines whose rows were emptied.
    pub removed: Vec<i64>,
    /// The planned support and its source; none removes it.
    pub support: Option<(Funding, i64)>,
}

fn amount(name: &str, typed: &str, ceiling: i64, lang: Lang, errors: &mut Vec<FieldError>) -> Option<i64> {
    match parse_figure(typed, ceiling) {
        Ok(v) => v,
        Err(e) => {
            let message = match e {
                FigureError::TooLarge => lang.tr(
                    "Số tiền quá lớn cho một khoản chi; vui lòng kiểm tra lại.",
                    "Too large an amount for one line; please check it.",
                ),
                e => e.message(lang),
            };
            errors.push(FieldError::new(name, message));
            None
        }
    }
}

fn note(value: &str) -> String {
    value.trim().chars().take(500).collect()
}

impl BudgetForm {
    /// Checks every row; all errors at once, each named by its field (`lines[n0][paid]`).
    pub fn check(&self, lang: Lang) -> Result<CheckedBudget, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut lines: Vec<Line> = Vec::new();
        let mut removed = Vec::new();
        for (key, row) in &self.lines {
            let line_id = key.strip_prefix('l').and_then(|id| id.parse::<i64>().ok());
            if row.is_blank() {
                removed.extend(line_id);
                continue;
            }
            let f = |part: &str| format!("lines[{key}][{part}]");
            let cost_line = CostLine::parse(row.cost_line.trim()).filter(|c| *c != CostLine::Support);
            if cost_line.is_none() {
                errors.push(FieldError::new(
                    &f("cost_line"),
                    lang.tr("Chọn khoản chi.", "Choose a cost line."),
                ));
            }
            let funding = Funding::parse(row.funding.trim());
            if funding.is_none() {
                errors.push(FieldError::new(
                    &f("funding"),
                    lang.tr("Chọn nguồn kinh phí.", "Choose a funding source."),
                ));
            }
            let planned = amount(&f("planned"), &row.planned, LINE_CEILING, lang, &mut errors);
            let committed = amount(&f("committed"), &row.committed, LINE_CEILING, lang, &mut errors);
            let paid = amount(&f("paid"), &row.paid, LINE_CEILING, lang, &mut errors);
            if let (Some(c), Some(p)) = (committed, paid) {
                if p > c {
                    errors.push(FieldError::new(
                        &f("paid"),
                        lang.tr(
                            "Số đã chi lớn hơn số đã cam kết: kiểm tra lại hoặc sửa số cam kết.",
                            "Paid exceeds committed: check it, or correct the committed amount.",
                        ),
                    ));
                }
            }
            let (Some(cost_line), Some(funding)) = (cost_line, funding) else {
                continue;
            };
            if lines.iter().any(|l| l.cost_line == cost_line && l.funding == funding) {
                errors.push(FieldError::new(
                    &f("cost_line"),
                    lang.tr(
                        "Đã có một dòng cùng khoản chi và nguồn kinh phí; hãy gộp vào dòng đó.",
                        "Another line has this cost line and funding source; put the amounts in that one.",
                    ),
                ));
                continue;
            }
            lines.push(Line {
                line_id,
                cost_line,
                funding,
                planned: planned.unwrap_or(0),
                committed,
                paid,
                note: note(&row.note),
            });
        }
        let support_planned = amount(
            "support_planned",
            &self.support_planned,
            LINE_CEILING,
            lang,
            &mut errors,
        );
        let support_funding = match self.support_funding.trim() {
            "" => Some(Funding::Provincial),
            code => Funding::parse(code),
        };
        if support_funding.is_none() {
            errors.push(FieldError::new(
                "support_funding",
                lang.tr("Chọn nguồn kinh phí.", "Choose a funding source."),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CheckedBudget {
            lines,
            removed,
            support: support_funding.zip(support_planned),
        })
    }
}

/// One stored line as the form shows it again (amounts as typed numbers, "" for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    /// `l<id>`, or `n<k>` for a blank row.
    pub key: String,
    pub input: LineInput,
}

/// An event's budget page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetPage {
    pub event_id: i64,
    pub title: String,
    pub dates: String,
    /// The year whose plan the event belongs to.
    pub year: i32,
    pub lines: Vec<LineView>,
    pub support_funding: String,
    pub support_planned: String,
    /// What the approved applications' support adds up to, and the part of it whose producers
    /// have paid their share.
    pub support: Amounts,
    /// How many approved applications receive support.
    pub supported: i64,
    /// Totals over every line, support included.
    pub total: Amounts,
    pub by_funding: Vec<(Funding, Amounts)>,
}

/// The annual plan's decision and total, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub title: String,
    pub decision_number: String,
    /// yyyy-mm-dd (a date input) or dd/mm/yyyy.
    pub decision_date: String,
    pub issued_by: String,
    pub budget: String,
    pub note: String,
}

/// The plan as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPlan {
    pub title: String,
    pub decision: Option<(String, NaiveDate)>,
    pub issued_by: Option<String>,
    pub budget_vnd: Option<i64>,
    pub note: Option<String>,
}

/// The title a plan has until staff name it.
pub fn default_plan_title(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Kế hoạch xúc tiến thương mại năm {year}"),
        Lang::En => format!("Trade promotion plan {year}"),
    }
}

impl PlanForm {
    /// Checks the form of `year`'s plan: a decision has both its number and its date, dated in
    /// the year before or the year itself.
    pub fn check(&self, year: i32, lang: Lang) -> Result<CheckedPlan, Vec<FieldError>> {
        let mut errors = Vec::new();
        let short = |s: &str| -> String { s.trim().chars().take(200).collect() };
        let title = Some(short(&self.title))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| default_plan_title(year, Lang::Vi));
        let number = short(&self.decision_number);
        let date = match self.decision_date.trim() {
            "" => None,
            typed => match time::parse_date(typed) {
                Some(d) if d.year() == year || d.year() == year - 1 => Some(d),
                Some(_) => {
                    errors.push(FieldError::new(
                        "decision_date",
                        lang.tr(
                            "Ngày quyết định phải thuộc năm kế hoạch hoặc năm trước đó.",
                            "The decision is dated in the plan's year or the year before.",
                        ),
                    ));
                    None
                }
                None => {
                    errors.push(FieldError::new(
                        "decision_date",
                        lang.tr("Nhập ngày theo dạng ngày/tháng/năm.", "Give the date as dd/mm/yyyy."),
                    ));
                    None
                }
            },
        };
        if number.is_empty() && date.is_some() {
            errors.push(FieldError::new(
                "decision_number",
                lang.tr(
                    "Nhập số quyết định (ví dụ 125/QĐ-UBND).",
                    "Give the decision's number (e.g. 125/QĐ-UBND).",
                ),
            ));
        }
        if !number.is_empty() && date.is_none() && self.decision_date.trim().is_empty() {
            errors.push(FieldError::new(
                "decision_date",
                lang.tr("Nhập ngày ký quyết định.", "Give the date of the decision."),
            ));
        }
        let budget_vnd = match parse_figure(&self.budget, PLAN_CEILING) {
            Ok(v) => v,
            Err(e) => {
                errors.push(FieldError::new("budget", e.message(lang)));
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let issued_by = Some(short(&self.issued_by)).filter(|s| !s.is_empty());
        let note = Some(self.note.trim().chars().take(2000).collect::<String>()).filter(|s| !s.is_empty());
        Ok(CheckedPlan {
            title,
            decision: date.map(|d| (number, d)),
            issued_by,
            budget_vnd,
            note,
        })
    }
}

/// One event of the year's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEvent {
    pub event_id: i64,
    pub title: String,
    pub kind: String,
    pub dates: String,
    pub status: String,
    /// Its headline targets, written out ("Gian hàng: 120 gian · Lượt khách: 20.000 lượt").
    pub targets: String,
    pub budget: Amounts,
    /// What the dashboard's links narrow the list by: the kind, the format, the month (1–12),
    /// and whether the year's figures count the event (neither a draft nor cancelled).
    pub kind_code: EventKind,
    pub format: EventFormat,
    pub month: u32,
    pub counted: bool,
}

/// The plan's events narrowed to those behind one bar of the year's dashboard: of a kind, a
/// format or a month (`?loai=fair`, `?hinh-thuc=online`, `?thang=3`), counted in the year's
/// figures. A bad value loses that one filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanFilter {
    pub kind: Option<EventKind>,
    pub format: Option<EventFormat>,
    pub month: Option<u32>,
}

impl PlanFilter {
    pub fn new(kind: &str, format: &str, month: &str) -> PlanFilter {
        PlanFilter {
            kind: EventKind::parse(kind),
            format: EventFormat::parse(format),
            month: month.parse().ok().filter(|m| (1..=12).contains(m)),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == PlanFilter::default()
    }

    pub fn matches(&self, e: &PlanEvent) -> bool {
        self.is_empty()
            || (e.counted
                && self.kind.is_none_or(|k| k == e.kind_code)
                && self.format.is_none_or(|f| f == e.format)
                && self.month.is_none_or(|m| m == e.month))
    }

    /// The query that gives this filter back, after `?nam=…` ("" for none).
    pub fn to_query(&self) -> String {
        let mut q = String::new();
        if let Some(k) = self.kind {
            q.push_str(&format!("&loai={}", k.code()));
        }
        if let Some(f) = self.format {
            q.push_str(&format!("&hinh-thuc={}", f.code()));
        }
        if let Some(m) = self.month {
            q.push_str(&format!("&thang={m}"));
        }
        q
    }

    /// "Hội chợ · tháng 3", what the list is narrowed to.
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(k) = self.kind {
            parts.push(k.label(lang).to_string());
        }
        if let Some(f) = self.format {
            parts.push(f.label(lang).to_string());
        }
        if let Some(m) = self.month {
            parts.push(format!("{} {m}", lang.tr("tháng", "month")));
        }
        parts.join(" · ")
    }
}

/// The year's plan page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPage {
    pub year: i32,
    /// The years with events or a plan, newest first.
    pub years: Vec<i32>,
    /// The stored plan as the form shows it (the default title when there is none).
    pub form: PlanForm,
    /// "Phê duyệt theo Quyết định số … ngày … của …", when there is a decision.
    pub decision: Option<String>,
    pub approved_vnd: Option<i64>,
    pub events: Vec<PlanEvent>,
    pub total: Amounts,
    pub by_funding: Vec<(Funding, Amounts)>,
    pub by_cost_line: Vec<(CostLine, Amounts)>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(cost_line: &str, funding: &str, planned: &str, committed: &str, paid: &str) -> LineInput {
        LineInput {
            cost_line: cost_line.into(),
            funding: funding.into(),
            planned: planned.into(),
            committed: committed.into(),
            paid: paid.into(),
            note: String::new(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_plan_filter_reads_its_address_and_keeps_what_the_dashboard_counts() {
        let f = PlanFilter::new("fair", "online", "3");
        assert_eq!(f.to_query(), "&loai=fair&hinh-thuc=online&thang=3");
        assert_eq!(f.describe(Lang::Vi), "Hội chợ · Trực tuyến · tháng 3");
        // a bad value loses that one filter
        assert_eq!(PlanFilter::new("hội chợ", "", "13"), PlanFilter::default());
        assert_eq!(PlanFilter::new("", "", "0").to_query(), "");
        let event = |kind, month, counted| PlanEvent {
            event_id: 1,
            title: String::new(),
            kind: String::new(),
            dates: String::new(),
            status: String::new(),
            targets: String::new(),
            budget: Amounts::default(),
            kind_code: kind,
            format: EventFormat::InPerson,
            month,
            counted,
        };
        let fairs_in_march = PlanFilter::new("fair", "", "3");
        assert!(fairs_in_march.matches(&event(EventKind::Fair, 3, true)));
        assert!(!fairs_in_march.matches(&event(EventKind::Fair, 4, true)));
        assert!(!fairs_in_march.matches(&event(EventKind::Livestream, 3, true)));
        // a draft or a cancelled event is not behind any bar, but the whole plan lists it
        assert!(!fairs_in_march.matches(&event(EventKind::Fair, 3, false)));
        assert!(PlanFilter::default().matches(&event(EventKind::Fair, 3, false)));
    }

    #[test]
    fn a_budget_is_read_in_whole_dong() {
        let mut form = BudgetForm::default();
        form.lines.insert(
            "l7".into(),
            row("venue", "provincial", "120.000.000", "100.000.000", "80.000.000"),
        );
        form.lines.insert("l8".into(), row("media", "sponsors", "", "", ""));
        form.lines
            .insert("n0".into(), row("travel", "national", "15,000,000", "", ""));
        form.support_planned = "40.000.000".into();
        let b = form.check(Lang::Vi).unwrap();
        assert_eq!(b.removed, vec![8]);
        assert_eq!(b.support, Some((Funding::Provincial, 40_000_000)));
        assert_eq!(
            b.lines[0],
            Line {
                line_id: Some(7),
                cost_line: CostLine::Venue,
                funding: Funding::Provincial,
                planned: 120_000_000,
                committed: Some(100_000_000),
                paid: Some(80_000_000),
                note: String::new(),
            }
        );
        assert_eq!(
            (b.lines[1].line_id, b.lines[1].planned, b.lines[1].paid),
            (None, 15_000_000, None)
        );
    }

    #[test]
    fn bad_amounts_are_refused_beside_their_fields() {
        let mut form = BudgetForm::default();
        form.lines
            .insert("n0".into(), row("venue", "provincial", "-5", "1.5", "999999999999999"));
        form.lines
            .insert("n1".into(), row("support", "provincial", "1", "", ""));
        form.lines.insert("n2".into(), row("media", "nowhere", "1", "2", "3"));
        form.support_planned = "12,5".into();
        let errors = form.check(Lang::Vi).unwrap_err();
        assert_eq!(
            fields(&errors),
            vec![
                "lines[n0][planned]",
                "lines[n0][committed]",
                "lines[n0][paid]",
                "lines[n1][cost_line]",
                "lines[n2][funding]",
                "lines[n2][paid]",
                "support_planned",
            ]
        );
        assert!(errors[2].message.contains("quá lớn"), "{errors:?}");
        assert!(errors[5].message.contains("cam kết"), "{errors:?}");
    }

    #[test]
    fn two_lines_of_one_cost_line_and_source_are_one_line() {
        let mut form = BudgetForm::default();
        form.lines.insert("n0".into(), row("venue", "provincial", "1", "", ""));
        form.lines.insert("n1".into(), row("venue", "provincial", "2", "", ""));
        form.lines.insert("n2".into(), row("venue", "sponsors", "3", "", ""));
        let errors = form.check(Lang::En).unwrap_err();
        assert_eq!(fields(&errors), vec!["lines[n1][cost_line]"]);
    }

    #[test]
    fn a_plans_decision_has_a_number_and_a_date_of_its_year() {
        let form = |number: &str, date: &str| PlanForm {
            decision_number: number.into(),
            decision_date: date.into(),
            budget: "8.500.000.000".into(),
            ..PlanForm::default()
        };
        let p = form("125/QĐ-UBND", "15/01/2026").check(2026, Lang::Vi).unwrap();
        assert_eq!(p.title, "Kế hoạch xúc tiến thương mại năm 2026");
        assert_eq!(
            p.decision,
            Some(("125/QĐ-UBND".into(), NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()))
        );
        assert_eq!(p.budget_vnd, Some(8_500_000_000));
        assert_eq!(form("", "").check(2026, Lang::Vi).unwrap().decision, None);
        assert_eq!(
            fields(&form("125/QĐ-UBND", "").check(2026, Lang::Vi).unwrap_err()),
            vec!["decision_date"]
        );
        assert_eq!(
            fields(&form("", "2026-01-15").check(2026, Lang::Vi).unwrap_err()),
            vec!["decision_number"]
        );
        assert_eq!(
            fields(&form("1/QĐ", "2024-12-30").check(2026, Lang::Vi).unwrap_err()),
            vec!["decision_date"]
        );
        assert!(form("1/QĐ", "2025-12-30").check(2026, Lang::Vi).is_ok());
    }
}
