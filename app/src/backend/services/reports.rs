//! The reports the Department sends up (to the Province's People's Committee and the Ministry):
//! the results report of one event and the summary of a year, made from the records. This module
//! gathers what a report says, in Vietnamese as administrative documents are; the server writes it
//! as .docx, .xlsx and a printable page (`server::reports`).

use chrono::Datelike;

use super::{
    applications,
    error::ServiceError,
    outcomes::{figures_of, year_window, EventFigure},
};
use crate::{
    backend::{auth::RequestInfo, db, now, AppState},
    domain::{outcomes::Measure, time, EventStatus, Lang},
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
    pub booths: String,
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
    pub recipients: Vec<&'static str>,
    pub signer: &'static str,
}

fn place_date() -> String {
    let d = time::local_date(now());
    format!("Đắk Lắk, ngày {:02} tháng {:02} năm {}", d.day(), d.month(), d.year())
}

fn row(f: &EventFigure) -> FigureRow {
    FigureRow {
        name: f.indicator.name(Lang::Vi).to_string(),
        unit: f.indicator.unit(Lang::Vi).to_string(),
        money: f.indicator.measure == Measure::Money,
        target: f.target(),
        actual: f.actual(),
        text: f.text().map(str::to_string),
        confirmed: f.confirmed(),
    }
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
    r.figures = figures.iter().map(row).collect();
    r.participants = applications::participants(state, event_id, lang)
        .await?
        .into_iter()
        .map(|p| ParticipantRow {
            name: p.producer,
            tax_code: p.tax_code.unwrap_or_default(),
            commune: p.commune,
            stars: p.stars.map(|s| format!("{s}★")).unwrap_or_default(),
            products: p.products.join("; "),
            booths: p.booths.join(", "),
        })
        .collect();
    Ok(r)
}

/// The summary of a year: its events, and each indicator planned and achieved over all of them.
pub async fn year_report(state: &AppState, req: &RequestInfo, year: i32) -> Result<Report> {
    req.staff()?;
    let Some((from, to)) = year_window(year) else {
        return Err(ServiceError::NotFound);
    };
    let lang = Lang::Vi;
    let events: Vec<_> = db::event::staff_list(&state.db)
        .await?
        .into_iter()
        .filter(|e| e.starts_at >= from && e.starts_at < to)
        .filter(|e| !matches!(e.status, EventStatus::Draft | EventStatus::Cancelled))
        .collect();
    let mut r = skeleton(
        format!("bao-cao-xuc-tien-thuong-mai-nam-{year}"),
        year.to_string(),
        format!("Kết quả thực hiện chương trình xúc tiến thương mại năm {year}"),
    );
    let all = db::outcomes::indicators(&state.db).await?;
    let mut totals: Vec<FigureRow> = Vec::new();
    for e in &events {
        let (_, figures) = figures_of(state, e.event_id, &all).await?;
        for f in figures.iter().filter(|f| f.indicator.measure != Measure::Text) {
            let name = f.indicator.name(lang);
            let i = match totals.iter().position(|t| t.name == name) {
                Some(i) => i,
                None => {
                    totals.push(FigureRow {
                        target: None,
                        actual: None,
                        confirmed: true,
                        ..row(f)
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
    let completed = events.iter().filter(|e| e.status == EventStatus::Completed).count();
    r.intro = vec![
        format!(
            "Năm {year}, Sở Công Thương tổ chức và tham gia {} sự kiện xúc tiến thương mại, trong đó {completed} sự kiện đã hoàn thành. Sở Công Thương báo cáo kết quả như sau:",
            events.len()
        ),
        "Số liệu «Ước đạt» là số liệu chưa được xác nhận sau sự kiện.".to_string(),
    ];
    r.figures = totals;
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
