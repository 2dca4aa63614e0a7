//! The reports the Department sends up (to the Province's People's Committee and the Ministry):
//! the results report of one event and the summary of a year, made from the records. This module
//! gathers what a report says, in Vietnamese as administrative documents are; the server writes it
//! as .docx, .xlsx and a printable page (`server::reports`).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::{
    applications, budget,
    error::ServiceError,
    outcomes::{figures_in, figures_of, year_events, year_window, EventFigure, YearEvents},
};
use crate::{
    backend::{auth::RequestInfo, db, now, AppState},
    domain::{application::ReviewRow, outcomes::Measure, time, EventStatus, Lang},
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// One indicator's line: planned, achieved, and whether the outcome is confirmed.
#[derive(Clone, Debug)]
pub struct FigureRow {
    pub name: String,
    pub unit: String,
    pub money: bool,
    pub target: Option<i64>,
    pub actual: Option<i64>,
    pub text: Option<String>,
    pub confirmed: bool,
}

impl FigureRow {
    /// Achieved against planned, in whole percent.
    pub fn rate(&self) -> Option<i64> {
        match (self.target, self.actual) {
            (Some(t), Some(a)) if t > 0 => Some(a.saturating_mul(100) / t),
            _ => None,
        }
    }

    /// "Đã xác nhận", "Ước đạt", or nothing when there is no outcome.
    pub fn state(&self) -> &'static str {
        match (self.confirmed, self.actual.is_some() || self.text.is_some()) {
            (true, _) => "Đã xác nhận",
            (false, true) => "Ước đạt",
            (false, false) => "",
        }
    }
}

/// One event of a year's report.
#[derive(Clone, Debug)]
pub struct EventRow {
    pub title: String,
    pub kind: String,
    pub dates: String,
    pub status: String,
}

/// One participating producer.
#[derive(Clone, Debug)]
pub struct ParticipantRow {
    pub name: String,
    pub tax_code: String,
    pub commune: String,
    pub stars: String,
    pub products: String,
    /// An event's report: the booths it held. A year's: the events it took part in.
    pub took_part: String,
}

impl ParticipantRow {
    fn of(p: ReviewRow) -> Self {
        ParticipantRow {
            name: p.producer,
            tax_code: p.tax_code.unwrap_or_default(),
            commune: p.commune,
            stars: p.stars.map(|s| format!("{s}★")).unwrap_or_default(),
            products: p.products.join("; "),
            took_part: p.booths.join(", "),
        }
    }
}

/// One line of the budget: a cost line and its funding source, in đồng.
#[derive(Clone, Debug)]
pub struct BudgetRow {
    pub cost_line: String,
    pub funding: String,
    pub planned: i64,
    pub committed: i64,
    pub paid: i64,
}

/// One contract or MOU.
#[derive(Clone, Debug)]
pub struct DealRow {
    pub kind: String,
    pub producer: String,
    pub counterparty: String,
    pub counterparty_type: String,
    pub place: String,
    pub product: String,
    pub product_group: String,
    pub value_vnd: i64,
    pub signed: String,
    pub event: String,
}

/// What a report says, whatever it is written as.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file name without its extension.
    pub file_stem: String,
    /// The last segment of the report's address, without an extension (`bao-cao`, `2026`).
    pub href_stem: String,
    pub agency_parent: &'static str,
    pub agency: &'static str,
    /// "Số:      /BC-SCT": the number is given when the report is signed.
    pub number: &'static str,
    /// "Đắk Lắk, ngày 30 tháng 11 năm 2026"
    pub place_date: String,
    /// "Kết quả tổ chức …"
    pub subject: String,
    pub intro: Vec<String>,
    pub figures: Vec<FigureRow>,
    pub events: Vec<EventRow>,
    pub participants: Vec<ParticipantRow>,
    /// The heading of the participants' last column: "Gian hàng" or "Sự kiện tham gia".
    pub took_part: &'static str,
    pub budget: Vec<BudgetRow>,
    pub deals: Vec<DealRow>,
    pub recipients: Vec<&'static str>,
    pub signer: &'static str,
}

fn place_date() -> String {
    let d = time::local_date(now());
    format!("Đắk Lắk, ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year())
}

fn row(f: &EventFigure, lang: Lang) -> FigureRow {
    FigureRow {
        name: f.indicator.name(lang).to_string(),
        unit: f.indicator.unit(lang).to_string(),
        money: f.indicator.measure == Measure::Money,
        target: f.target(),
        actual: f.actual(),
        text: f.text().map(str::to_string),
        confirmed: f.confirmed(),
    }
}

fn budget_rows(lines: Vec<budget::BudgetLine>) -> Vec<BudgetRow> {
    lines
        .into_iter()
        .map(|(cost_line, funding, a, _)| BudgetRow {
            cost_line: cost_line.label(Lang::Vi).to_string(),
            funding: funding.label(Lang::Vi).to_string(),
            planned: a.planned,
            committed: a.committed,
            paid: a.paid,
        })
        .collect()
}

fn deal_rows(rows: Vec<db::producer_report::DealRow>) -> Vec<DealRow> {
    rows.into_iter()
        .map(|d| DealRow {
            kind: d.kind.label(Lang::Vi).to_string(),
            producer: d.producer.unwrap_or_default(),
            counterparty: d.counterparty,
            counterparty_type: d.counterparty_type.label(Lang::Vi).to_string(),
            place: d.place,
            product: d.product,
            product_group: d.group_vi.unwrap_or_default(),
            value_vnd: d.value_vnd,
            signed: time::day(d.signed_on),
            event: d.event_title_vi,
        })
        .collect()
}

fn skeleton(file_stem: String, href_stem: String, subject: String) -> Report {
    Report {
        file_stem,
        href_stem,
        agency_parent: "UBND TỈNH ĐẮK LẮK",
        agency: "SỞ CÔNG THƯƠNG",
        number: "Số:        /BC-SCT",
        place_date: place_date(),
        subject,
        intro: Vec::new(),
        figures: Vec::new(),
        events: Vec::new(),
        participants: Vec::new(),
        took_part: "Gian hàng",
        budget: Vec::new(),
        deals: Vec::new(),
        recipients: vec![
            "UBND tỉnh (để báo cáo);",
            "Bộ Công Thương (để báo cáo);",
            "Giám đốc, các Phó Giám đốc Sở;",
            "Lưu: VT, QLTM.",
        ],
        signer: "GIÁM ĐỐC",
    }
}

/// The results report of one event: what it was, what it achieved against its targets, and who
/// took part.
pub async fn event_report(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<Report> {
    req.staff()?;
    let all = db::outcomes::indicators(&state.db).await?;
    let (ev, figures) = figures_of(state, event_id, &all).await?;
    let lang = Lang::Vi;
    let mut r = skeleton(
        format!("bao-cao-ket-qua-su-kien-{event_id}"),
        "bao-cao".into(),
        format!("Kết quả tổ chức {}", ev.title(lang)),
    );
    let place = match (&ev.venue_name, &ev.venue_address) {
        (Some(v), Some(a)) => format!("{v}, {a}"),
        (Some(v), None) => v.clone(),
        (None, Some(a)) => a.clone(),
        (None, None) => ev.online_platform.clone().unwrap_or_default(),
    };
    r.intro = vec![
        format!(
            "Thực hiện Kế hoạch xúc tiến thương mại năm {} của tỉnh, Sở Công Thương đã tổ chức {} «{}». Sở Công Thương báo cáo kết quả như sau:",
            time::local_date(ev.starts_at).year(),
            ev.kind.label(lang).to_lowercase(),
            ev.title(lang)
        ),
        format!("Thời gian: {}.", time::date_time_range(ev.starts_at, ev.ends_at)),
        format!("Hình thức: {}.", ev.format.label(lang)),
    ];
    if !place.trim().is_empty() {
        r.intro.push(format!("Địa điểm: {place}."));
    }
    r.intro.push(format!("Đơn vị tổ chức: {}.", ev.organiser));
    r.figures = figures.iter().map(|f| row(f, lang)).collect();
    r.participants = applications::participants(state, event_id, lang)
        .await?
        .into_iter()
        .map(ParticipantRow::of)
        .collect();
    let stored = db::budget::lines(&state.db, event_id).await?;
    let support = budget::support_by_event(&db::budget::support(&state.db, event_id).await?)
        .remove(&event_id)
        .map(|s| s.0)
        .unwrap_or_default();
    r.budget = budget_rows(budget::event_lines(&stored, support));
    let mut deals = db::producer_report::register(&state.db, (None, None), Some(event_id), None).await?;
    deals.reverse();
    r.deals = deal_rows(deals);
    Ok(r)
}

/// The year's events (neither drafts nor cancelled, by their first day) and each indicator
/// planned and achieved over all of them; a total is confirmed only when every outcome in it is.
pub(crate) async fn year_figures(
    state: &AppState,
    year: &YearEvents,
    lang: Lang,
) -> Result<(Vec<db::event::StaffEventRow>, Vec<FigureRow>)> {
    let (from, to) = (year.from, year.to);
    let events: Vec<_> = year
        .events
        .iter()
        .filter(|e| !matches!(e.status, EventStatus::Draft | EventStatus::Cancelled))
        .cloned()
        .collect();
    let all = db::outcomes::indicators(&state.db).await?;
    let mut totals: Vec<FigureRow> = Vec::new();
    for figures in figures_in(state, (from, to), &events, &all).await? {
        for f in figures.iter().filter(|f| f.indicator.measure != Measure::Text) {
            let name = f.indicator.name(lang);
            let i = match totals.iter().position(|t| t.name == name) {
                Some(i) => i,
                None => {
                    totals.push(FigureRow {
                        target: None,
                        actual: None,
                        confirmed: true,
                        ..row(f, lang)
                    });
                    totals.len() - 1
                }
            };
            let t = &mut totals[i];
            let add = |sum: Option<i64>, v: Option<i64>| match (sum, v) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                (a, b) => a.or(b),
            };
            t.target = add(t.target, f.target());
            t.actual = add(t.actual, f.actual());
            // a total is confirmed only when every outcome in it is
            t.confirmed &= f.confirmed() || f.actual().is_none();
        }
    }
    for t in &mut totals {
        t.confirmed &= t.actual.is_some();
    }
    Ok((events, totals))
}

/// The producers approved at the year's events, once each, with the best verified rating they
/// showed, their products and the events they took part in, in the order of the events.
async fn year_participants(
    state: &AppState,
    year: i32,
    events: &[db::event::StaffEventRow],
    lang: Lang,
) -> Result<Vec<ParticipantRow>> {
    let Some((from, to)) = year_window(year) else {
        return Err(ServiceError::NotFound);
    };
    let title = |id: i64| events.iter().find(|e| e.event_id == id).map(|e| e.title_vi.clone());
    // each producer's row, the best rating it showed, its products and its events
    struct Took {
        row: ParticipantRow,
        best: Option<i32>,
        products: Vec<String>,
        events: Vec<String>,
    }
    let mut rows: Vec<Took> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for s in db::dashboard::shown(&state.db, from, to).await? {
        let i = *index.entry(s.producer_id).or_insert_with(|| {
            let commune = match (&s.commune_kind, &s.commune_name) {
                (Some(k), Some(n)) => db::reference::commune_display(k, n, lang),
                _ => String::new(),
            };
            rows.push(Took {
                row: ParticipantRow {
                    name: s.producer.clone(),
                    tax_code: s.tax_code.clone().unwrap_or_default(),
                    commune,
                    stars: String::new(),
                    products: String::new(),
                    took_part: String::new(),
                },
                best: None,
                products: Vec::new(),
                events: Vec::new(),
            });
            rows.len() - 1
        });
        let took = &mut rows[i];
        took.best = took.best.max(s.stars);
        if let Some(p) = s.product.filter(|p| !took.products.contains(p)) {
            took.products.push(p);
        }
        if let Some(t) = title(s.event_id).filter(|t| took.events.last() != Some(t)) {
            took.events.push(t);
        }
    }
    Ok(rows
        .into_iter()
        .map(|t| ParticipantRow {
            stars: t.best.map(|s| format!("{s}★")).unwrap_or_default(),
            products: t.products.join("; "),
            took_part: t.events.join("; "),
            ..t.row
        })
        .collect())
}

/// The summary of a year: its events, and each indicator planned and achieved over all of them;
/// from the cache while nothing has changed (the same day).
pub async fn year_report(state: &AppState, req: &RequestInfo, year: i32) -> Result<Report> {
    req.staff()?;
    let stamp = state.db.change_stamp().await?;
    let key = (year, time::local_date(now()));
    if let Some(r) = state.year_cache.reports.get(&key, stamp) {
        return Ok((*r).clone());
    }
    let r = year_report_made(state, year).await?;
    state.year_cache.reports.put(key, stamp, std::sync::Arc::new(r.clone()));
    Ok(r)
}

/// The summary of a year, read afresh.
async fn year_report_made(state: &AppState, year: i32) -> Result<Report> {
    let lang = Lang::Vi;
    let all = year_events(state, year).await?;
    let (events, totals) = year_figures(state, &all, lang).await?;
    let mut r = skeleton(
        format!("bao-cao-xuc-tien-thuong-mai-nam-{year}"),
        year.to_string(),
        format!("Kết quả thực hiện chương trình xúc tiến thương mại năm {year}"),
    );
    let completed = events.iter().filter(|e| e.status == EventStatus::Completed).count();
    let plan = db::budget::plan(&state.db, year).await?;
    let decided = plan.as_ref().and_then(|p| {
        let (n, d) = (p.decision_number.as_ref()?, p.decision_date?);
        Some(format!(
            "Thực hiện {} (ban hành kèm theo Quyết định số {n} ngày {}{}), năm {year}",
            p.title,
            time::day(d),
            p.issued_by.as_ref().map(|b| format!(" của {b}")).unwrap_or_default()
        ))
    });
    r.intro = vec![
        format!(
            "{}, Sở Công Thương tổ chức và tham gia {} sự kiện xúc tiến thương mại, trong đó {completed} sự kiện đã hoàn thành. Sở Công Thương báo cáo kết quả như sau:",
            decided.unwrap_or_else(|| format!("Năm {year}")),
            events.len()
        ),
        "Số liệu «Ước đạt» là số liệu chưa được xác nhận sau sự kiện.".to_string(),
    ];
    r.figures = totals;
    r.participants = year_participants(state, year, &events, lang).await?;
    r.took_part = "Sự kiện tham gia";
    r.budget = budget_rows(budget::year_spending_summed(state, &all).await?);
    let window = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    );
    let mut deals = db::producer_report::register(&state.db, window, None, None).await?;
    deals.reverse();
    r.deals = deal_rows(deals);
    r.events = events
        .into_iter()
        .map(|e| EventRow {
            title: e.title_vi,
            kind: e.kind.label(lang).to_string(),
            dates: time::date_range(e.starts_at, e.ends_at),
            status: e.status.label(lang).to_string(),
        })
        .collect();
    Ok(r)
}
