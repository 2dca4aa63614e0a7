//! What events achieved. Staff set an event's targets when planning it and record its outcomes
//! once it has begun; the system counts what it knows (booths, participating units, OCOP
//! products); staff confirm the outcomes once the event has ended, and only confirmed figures of
//! completed events are public.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::error::{Refusal, ServiceError};
use crate::domain::paths;
use crate::{
    backend::{
        auth::RequestInfo,
        db::{
            self,
            outcomes::{Counts, FigureRow, FigureWrite, IndicatorRow},
            producer_report::Sums,
        },
        now, AppState,
    },
    domain::{
        account::FieldError,
        outcomes::{
            grouped, parse_figure, EventResults, EvidenceView, Figure, FigureLine, Measure, Origin, OutcomesForm,
            OutcomesPage, ResultsPage, Source,
        },
        producer_report::from_reports,
        time, EventDetail, EventFormat, EventKind, EventStatus, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// How a value reads: "12.500 lượt", "1.250.000 đ", "90 phút".
fn written(value: i64, ind: &IndicatorRow, lang: Lang) -> String {
    match ind.measure {
        Measure::Money => crate::domain::booths::money(value, lang),
        _ => format!("{} {}", grouped(value, lang), ind.unit(lang))
            .trim_end()
            .to_string(),
    }
}

async fn event(state: &AppState, event_id: i64) -> Result<EventDetail> {
    db::event::any_detail(&state.db, event_id, Lang::Vi)
        .await?
        .ok_or(ServiceError::NotFound)
}

fn applicable(all: Vec<IndicatorRow>, ev: &EventDetail) -> Vec<IndicatorRow> {
    all.into_iter().filter(|i| i.applies(ev.kind, ev.format)).collect()
}

/// One indicator of an event: its stored figures, and what the system counts for it.
pub(crate) struct EventFigure {
    /// Shared by the figures of every event it applies to.
    pub indicator: std::sync::Arc<IndicatorRow>,
    pub row: Option<FigureRow>,
    pub counted: Option<i64>,
    /// For a summed indicator, what the producers' reports or the register add up to (none while
    /// nothing has been reported).
    pub summed: Option<i64>,
}

impl EventFigure {
    pub fn target(&self) -> Option<i64> {
        self.row.as_ref().and_then(|f| f.target)
    }

    pub fn confirmed(&self) -> bool {
        self.row.as_ref().is_some_and(|f| f.confirmed_at.is_some())
    }

    /// The outcome; for a counted indicator not confirmed yet, the count as it stands (a
    /// confirmed count is what was counted when it was confirmed); for a summed one that staff
    /// have not typed, the sum as it stands.
    pub fn actual(&self) -> Option<i64> {
        match self.indicator.source {
            Source::System if !self.confirmed() => self.counted,
            _ => self.typed().or(self.summed),
        }
    }

    /// The outcome as stored: typed by staff, or recorded by a confirmation.
    fn typed(&self) -> Option<i64> {
        self.row.as_ref().and_then(|f| f.actual)
    }

    pub fn text(&self) -> Option<&str> {
        self.row.as_ref().and_then(|f| f.actual_text.as_deref())
    }

    /// Where the outcome comes from: as recorded, or, while nothing is, where it will come from.
    pub fn origin(&self) -> Origin {
        match (self.recorded().and_then(|f| f.actual_from), self.indicator.source) {
            (Some(from), _) => from,
            (None, Source::System) => Origin::System,
            (None, Source::Staff) if self.summed.is_some() => Origin::Reports,
            (None, Source::Staff) => Origin::Staff,
        }
    }

    /// An outcome was stored (typed, or recorded by a confirmation).
    fn recorded(&self) -> Option<&FigureRow> {
        self.row
            .as_ref()
            .filter(|f| f.actual.is_some() || f.actual_text.is_some())
    }
}

/// The indicators, each once for all the figures that name it.
fn shared(all: &[IndicatorRow]) -> Vec<std::sync::Arc<IndicatorRow>> {
    all.iter().cloned().map(std::sync::Arc::new).collect()
}

/// The event and every indicator of `all` that applies to it, with its figures.
pub(crate) async fn figures_of(
    state: &AppState,
    event_id: i64,
    all: &[IndicatorRow],
) -> Result<(EventDetail, Vec<EventFigure>)> {
    let ev = event(state, event_id).await?;
    let figures = db::outcomes::figures(&state.db, event_id).await?;
    let counts = db::outcomes::counts(&state.db, event_id).await?;
    let sums = db::producer_report::sums(&state.db, event_id).await?;
    let shared = shared(all);
    let out = figures_for(&shared, (ev.kind, ev.format), figures, &counts, &sums);
    Ok((ev, out))
}

/// Every indicator of `all` that applies to an event of this kind and format, with the event's
/// stored figures, counts and sums.
fn figures_for(
    all: &[std::sync::Arc<IndicatorRow>],
    (kind, format): (EventKind, EventFormat),
    mut figures: Vec<FigureRow>,
    counts: &Counts,
    sums: &Sums,
) -> Vec<EventFigure> {
    all.iter()
        .filter(|i| i.applies(kind, format))
        .map(|ind| EventFigure {
            row: figures
                .iter()
                .position(|f| f.indicator_code == ind.code)
                .map(|i| figures.swap_remove(i)),
            counted: counted(ind, counts),
            summed: summed(ind, sums),
            indicator: std::sync::Arc::clone(ind),
        })
        .collect()
}

/// The figures of each of `events`, which begin in `[from, to)`, in their order: a handful of
/// queries for the whole window, not a handful per event.
pub(crate) async fn figures_in(
    state: &AppState,
    (from, to): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
    events: &[db::event::StaffEventRow],
    all: &[IndicatorRow],
) -> Result<Vec<Vec<EventFigure>>> {
    let mut figures: HashMap<i64, Vec<FigureRow>> = HashMap::new();
    for f in db::outcomes::figures_in(&state.db, from, to).await? {
        figures.entry(f.event_id).or_default().push(f.figure);
    }
    let counts: HashMap<i64, Counts> = db::outcomes::counts_in(&state.db, from, to)
        .await?
        .into_iter()
        .map(|c| (c.event_id, c.counts))
        .collect();
    let sums: HashMap<i64, Sums> = db::producer_report::sums_in(&state.db, from, to)
        .await?
        .into_iter()
        .map(|s| (s.event_id, s.sums))
        .collect();
    let all = shared(all);
    Ok(events
        .iter()
        .map(|e| {
            figures_for(
                &all,
                (e.kind, e.format),
                figures.remove(&e.event_id).unwrap_or_default(),
                &counts.get(&e.event_id).copied().unwrap_or_default(),
                &sums.get(&e.event_id).copied().unwrap_or_default(),
            )
        })
        .collect())
}

/// The staff's outcomes page of an event.
pub async fn page(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<OutcomesPage> {
    req.staff()?;
    let lang = req.lang;
    let all = db::outcomes::indicators(&state.db).await?;
    let (ev, figures) = figures_of(state, event_id, &all).await?;
    let at = now();
    let recorded: Vec<&FigureRow> = figures.iter().filter_map(EventFigure::recorded).collect();
    let all_confirmed = !recorded.is_empty() && recorded.iter().all(|f| f.confirmed_at.is_some());
    // the latest confirmation, and who made it
    let last = recorded
        .iter()
        .filter_map(|f| f.confirmed_at.map(|t| (t, f.confirmed_by.clone())))
        .max_by_key(|(t, _)| *t);
    let number = |v: Option<i64>| v.map(|v| grouped(v, lang)).unwrap_or_default();
    let reports = super::producer_reports::summary(state, event_id, &ev, lang).await?;
    let lines = figures
        .iter()
        .map(|f| {
            let ind = &f.indicator;
            FigureLine {
                code: ind.code.clone(),
                name: ind.name(lang).to_string(),
                unit: ind.unit(lang).to_string(),
                measure: ind.measure,
                source: ind.source,
                origin: f.origin(),
                headline: ind.headline,
                target: number(f.target()),
                actual: if ind.measure == Measure::Text {
                    f.text().unwrap_or_default().to_string()
                } else if ind.source == Source::Staff {
                    number(f.typed())
                } else {
                    number(f.actual())
                },
                summed: f.summed.filter(|_| f.typed().is_none()).map(|sum| {
                    format!(
                        "{}: {}",
                        from_reports(reports.reported, reports.expected, lang),
                        written(sum, ind, lang)
                    )
                }),
                confirmed: f.confirmed(),
            }
        })
        .collect();
    Ok(OutcomesPage {
        event_id,
        reports: report_links(event_id, time::local_date(ev.starts_at).year(), lang),
        title: ev.title(lang).to_string(),
        kind: ev.kind.label(lang).to_string(),
        dates: time::date_range(ev.starts_at, ev.ends_at),
        started: ev.starts_at <= at,
        ended: ev.ends_at <= at,
        lines,
        producer_reports: reports,
        leads: u32::try_from(db::inquiries::leads(&state.db, event_id).await?).unwrap_or(0),
        confirmed_note: last.filter(|_| all_confirmed).map(|(at, by)| {
            let by = by.map(|name| format!(" · {name}")).unwrap_or_default();
            format!("{} {}{by}", lang.tr("Đã xác nhận ngày", "Confirmed on"), time::date(at))
        }),
        evidence: db::outcomes::evidence_of(&state.db, event_id)
            .await?
            .into_iter()
            .map(|e| EvidenceView {
                href: paths::evidence(e.evidence_id),
                evidence_id: e.evidence_id,
                indicator: e
                    .indicator_code
                    .and_then(|code| all.iter().find(|i| i.code == code))
                    .map(|i| i.name(lang).to_string()),
                file_name: e.file_name,
                caption: e.caption,
                size: crate::domain::application::file_size(e.size_bytes),
                uploaded: time::date(e.uploaded_at),
            })
            .collect(),
    })
}

/// Where evidence is stored under `UPLOAD_DIR`.
const EVIDENCE: &str = "evidence";
/// The most files of evidence one event keeps.
const MAX_EVIDENCE: usize = 50;

/// Attaches a file of evidence to an event's outcomes: a PDF or a picture (the upload rules of
/// every file), with a caption and optionally the indicator it supports.
pub async fn add_evidence(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    (indicator, caption): (&str, &str),
    (file_name, bytes): (&str, &[u8]),
) -> Result<()> {
    let session = req.staff()?;
    let lang = req.lang;
    event(state, event_id).await?;
    let indicator = match indicator.trim() {
        "" => None,
        code => Some(
            db::outcomes::indicators(&state.db)
                .await?
                .into_iter()
                .find(|i| i.code == code)
                .ok_or_else(|| {
                    ServiceError::Fields(vec![FieldError::new(
                        "indicator",
                        lang.tr(
                            "Chọn một chỉ tiêu trong danh sách.",
                            "Choose an indicator from the list.",
                        ),
                    )])
                })?
                .code,
        ),
    };
    let kind = super::files::check(bytes, super::files::Accept::Document, "file", lang)?;
    if db::outcomes::evidence_of(&state.db, event_id).await?.len() >= MAX_EVIDENCE {
        return Err(ServiceError::Fields(vec![FieldError::new(
            "file",
            match lang {
                Lang::Vi => format!("Mỗi sự kiện lưu tối đa {MAX_EVIDENCE} tệp minh chứng; hãy xóa bớt tệp cũ."),
                Lang::En => {
                    format!("An event keeps at most {MAX_EVIDENCE} files of evidence; remove an old one first.")
                }
            },
        )]));
    }
    let stored = super::files::store(state, EVIDENCE, bytes, kind).await?;
    let name: String = file_name.trim().chars().take(200).collect();
    let caption: String = caption.trim().chars().take(500).collect();
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let write = async {
        let mut tx = state.db.begin_write().await?;
        let id = db::outcomes::add_evidence(
            &mut tx,
            (event_id, indicator.as_deref()),
            (&stored, &name, size),
            &caption,
            session.viewer.user_id,
            now(),
        )
        .await?;
        super::record(&mut tx, req, "evidence-add", "event", event_id, Some(id.to_string())).await?;
        tx.commit().await?;
        Ok::<_, ServiceError>(())
    };
    if let Err(e) = write.await {
        super::files::remove(state, EVIDENCE, &stored).await;
        return Err(e);
    }
    Ok(())
}

/// A file of evidence, for staff only (anyone else is told it does not exist): its bytes, kind
/// and the name it had.
pub async fn evidence_file(
    state: &AppState,
    req: &RequestInfo,
    evidence_id: i64,
) -> Result<(Vec<u8>, crate::domain::upload::FileKind, String)> {
    if req.staff().is_err() {
        return Err(ServiceError::NotFound);
    }
    let e = db::outcomes::evidence(&state.db, evidence_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (bytes, kind) = super::files::read(state, EVIDENCE, &e.stored_name)
        .await
        .ok_or(ServiceError::NotFound)?;
    Ok((bytes, kind, e.file_name))
}

/// Removes a file of evidence, row and file; answers its event.
pub async fn remove_evidence(state: &AppState, req: &RequestInfo, evidence_id: i64) -> Result<i64> {
    req.staff()?;
    let e = db::outcomes::evidence(&state.db, evidence_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut tx = state.db.begin_write().await?;
    let stored = db::outcomes::remove_evidence(&mut tx, evidence_id).await?;
    super::record(
        &mut tx,
        req,
        "evidence-remove",
        "event",
        e.event_id,
        Some(evidence_id.to_string()),
    )
    .await?;
    tx.commit().await?;
    if let Some(name) = stored {
        super::files::remove(state, EVIDENCE, &name).await;
    }
    Ok(e.event_id)
}

/// The reports of an event and of its year, as the outcomes page links them.
fn report_links(event_id: i64, year: i32, lang: Lang) -> Vec<(String, String)> {
    let event = paths::event_report(event_id, "");
    let year_at = paths::year_report(year, "");
    vec![
        (
            format!("{event}.docx"),
            lang.tr_owned("Báo cáo kết quả sự kiện (Word)", "The event's results report (Word)"),
        ),
        (
            format!("{event}.xlsx"),
            lang.tr_owned("Phụ lục báo cáo sự kiện (Excel)", "The event's report annex (Excel)"),
        ),
        (
            event,
            lang.tr_owned("Báo cáo sự kiện, bản in", "The event's report, to print"),
        ),
        (
            format!("{year_at}.docx"),
            format!("{} {year} (Word)", lang.tr("Báo cáo năm", "Report of")),
        ),
        (
            format!("{year_at}.xlsx"),
            format!("{} {year} (Excel)", lang.tr("Phụ lục báo cáo năm", "Annex of")),
        ),
        (
            year_at,
            format!(
                "{} {year}, {}",
                lang.tr("Báo cáo năm", "Report of"),
                lang.tr("bản in", "to print")
            ),
        ),
    ]
}

/// Saves the targets and outcomes typed on the outcomes page. Every field is checked first: one
/// bad field refuses the whole form, beside that field, and changes nothing.
pub async fn save(state: &AppState, req: &RequestInfo, event_id: i64, form: &OutcomesForm) -> Result<()> {
    let session = req.staff()?;
    let lang = req.lang;
    let ev = event(state, event_id).await?;
    let indicators = applicable(db::outcomes::indicators(&state.db).await?, &ev);
    let at = now();
    let started = ev.starts_at <= at;
    let mut errors = Vec::new();
    let mut writes = Vec::new();
    for ind in &indicators {
        let typed = |map: &std::collections::BTreeMap<String, String>| map.get(&ind.code).map(|s| s.trim().to_string());
        let mut number = |name: String, text: Option<String>| -> Option<i64> {
            match parse_figure(text.as_deref().unwrap_or(""), ind.measure.ceiling()) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(FieldError::new(&name, e.message(lang)));
                    None
                }
            }
        };
        let target = if ind.measure == Measure::Text {
            None
        } else {
            number(format!("target[{}]", ind.code), typed(&form.target))
        };
        let actual_typed = typed(&form.actual).filter(|s| !s.is_empty());
        if actual_typed.is_some() && !started && ind.source == Source::Staff {
            errors.push(FieldError::new(
                &format!("actual[{}]", ind.code),
                lang.tr(
                    "Sự kiện chưa diễn ra: chỉ đặt chỉ tiêu kế hoạch.",
                    "The event has not begun yet: set its targets only.",
                ),
            ));
            continue;
        }
        let (actual, actual_text) = match (ind.source, ind.measure) {
            // counted by the system, never typed
            (Source::System, _) => (None, None),
            (_, Measure::Text) => {
                let text = actual_typed.map(|t| t.chars().take(500).collect::<String>());
                (None, text)
            }
            _ => (number(format!("actual[{}]", ind.code), actual_typed), None),
        };
        writes.push((ind.code.clone(), target, actual, actual_text, ind.source));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Fields(errors));
    }
    let figures = db::outcomes::figures(&state.db, event_id).await?;
    let mut tx = state.db.begin_write().await?;
    for (code, target, actual, actual_text, source) in &writes {
        let old = figures.iter().find(|f| &f.indicator_code == code);
        // a counted figure keeps what its confirmation recorded
        let (actual, actual_text) = match source {
            Source::System => (old.and_then(|f| f.actual), None),
            Source::Staff => (*actual, actual_text.clone()),
        };
        if old.is_none() && target.is_none() && actual.is_none() && actual_text.is_none() {
            continue;
        }
        let write = FigureWrite {
            code,
            target: *target,
            actual,
            actual_text: actual_text.as_deref(),
            from: Origin::Staff,
        };
        db::outcomes::write(&mut tx, event_id, &write, Some(session.viewer.user_id), at).await?;
    }
    super::record(&mut tx, req, "outcomes-save", "event", event_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Confirms the event's outcomes: what the system counts is recorded as it stands now, and every
/// recorded outcome becomes confirmed (and public once the event is completed).
pub async fn confirm(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<u64> {
    let session = req.staff()?;
    let ev = event(state, event_id).await?;
    let at = now();
    if ev.ends_at > at {
        return Err(Refusal::NotEnded.into());
    }
    let indicators = applicable(db::outcomes::indicators(&state.db).await?, &ev);
    let counts = db::outcomes::counts(&state.db, event_id).await?;
    let sums = db::producer_report::sums(&state.db, event_id).await?;
    let figures = db::outcomes::figures(&state.db, event_id).await?;
    let mut tx = state.db.begin_write().await?;
    for ind in &indicators {
        let old = figures.iter().find(|f| f.indicator_code == ind.code);
        if old.is_some_and(|f| f.confirmed_at.is_some()) {
            continue;
        }
        // what the system counts, and what the reports add up to where staff typed nothing
        let (actual, from) = match ind.source {
            Source::System => (counted(ind, &counts), Origin::System),
            Source::Staff if old.and_then(|f| f.actual).is_none() => (summed(ind, &sums), Origin::Reports),
            Source::Staff => continue,
        };
        if actual.is_none() {
            continue;
        }
        let write = FigureWrite {
            code: &ind.code,
            target: old.and_then(|f| f.target),
            actual,
            actual_text: None,
            from,
        };
        db::outcomes::write(&mut tx, event_id, &write, Some(session.viewer.user_id), at).await?;
    }
    let confirmed = db::outcomes::confirm(&mut tx, event_id, Some(session.viewer.user_id), at).await?;
    if confirmed == 0 {
        return Err(Refusal::NothingToConfirm.into());
    }
    super::record(
        &mut tx,
        req,
        "outcomes-confirm",
        "event",
        event_id,
        Some(confirmed.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(confirmed)
}

fn counted(ind: &IndicatorRow, counts: &Counts) -> Option<i64> {
    ind.counted.as_deref().and_then(|c| counts.get(c))
}

/// The sum of a summed indicator, once anything has been reported: a report for sales and
/// orders, a deal in the register for deals.
fn summed(ind: &IndicatorRow, sums: &Sums) -> Option<i64> {
    let code = ind.summed.as_deref()?;
    let any = match code {
        "deals" | "deals-value" => sums.deals > 0,
        _ => sums.reported > 0,
    };
    any.then(|| sums.get(code)).flatten()
}

/// The year's window: from 1 January to 1 January, in Vietnam's time; none for a year outside
/// [`time::YEARS`].
pub(crate) fn year_window(year: i32) -> Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    if !time::YEARS.contains(&year) {
        return None;
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
    Some((time::day_start(from), time::day_start(to)))
}

/// The year's window and every event that begins in it (local time), drafts and cancelled ones
/// included, the earliest first.
pub(crate) async fn year_events(state: &AppState, year: i32) -> Result<YearEvents> {
    let Some((from, to)) = year_window(year) else {
        return Err(ServiceError::NotFound);
    };
    let events = db::event::staff_list_between(&state.db, from, to).await?;
    Ok(YearEvents { from, to, events })
}

/// A year's window and every event that begins in it (drafts and cancelled ones included), read
/// once for all that a dashboard or a report makes of the year.
pub(crate) struct YearEvents {
    pub from: chrono::DateTime<chrono::Utc>,
    pub to: chrono::DateTime<chrono::Utc>,
    pub events: Vec<db::event::StaffEventRow>,
}

/// The public results of `year` (this year when `None`): confirmed headline figures of completed
/// events and their totals.
pub async fn results(state: &AppState, year: Option<i32>, lang: Lang) -> Result<ResultsPage> {
    let this_year = time::local_date(now()).year();
    let mut years: Vec<i32> = db::outcomes::result_starts(&state.db)
        .await?
        .into_iter()
        .map(|t| time::local_date(t).year())
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    // without a year asked for: the latest year with results, else this year
    let year = year.unwrap_or_else(|| years.first().copied().unwrap_or(this_year));
    let Some((from, to)) = year_window(year) else {
        return Err(ServiceError::NotFound);
    };
    let indicators = db::outcomes::indicators(&state.db).await?;
    let rows = db::outcomes::confirmed_headlines(&state.db, from, to, None).await?;
    let mut events: Vec<EventResults> = Vec::new();
    let mut totals: Vec<(usize, i64)> = Vec::new();
    for r in rows {
        let Some((pos, ind)) = indicators.iter().enumerate().find(|(_, i)| i.code == r.indicator_code) else {
            continue;
        };
        match totals.iter_mut().find(|(p, _)| *p == pos) {
            Some((_, sum)) => *sum = sum.saturating_add(r.actual),
            None => totals.push((pos, r.actual)),
        }
        let figure = (ind.name(lang).to_string(), written(r.actual, ind, lang));
        match events.last_mut().filter(|e| e.event_id == r.event_id) {
            Some(e) => e.figures.push(figure),
            None => events.push(EventResults {
                event_id: r.event_id,
                title: lang.pick(&r.title_vi, r.title_en.as_deref()).to_string(),
                kind: r.kind.label(lang).to_string(),
                dates: time::date_range(r.starts_at, r.ends_at),
                figures: vec![figure],
            }),
        }
    }
    totals.sort_unstable();
    let totals = totals
        .into_iter()
        .filter_map(|(pos, sum)| {
            let ind = indicators.get(pos)?;
            Some((ind.name(lang).to_string(), written(sum, ind, lang)))
        })
        .collect();
    Ok(ResultsPage {
        year,
        years,
        totals,
        events,
    })
}

/// The confirmed headline figures of one event, for its public page: none unless it is completed.
pub async fn event_figures(state: &AppState, event: &EventDetail, lang: Lang) -> Result<Vec<Figure>> {
    if event.status != EventStatus::Completed {
        return Ok(Vec::new());
    }
    let indicators = db::outcomes::indicators(&state.db).await?;
    let (from, to) = (event.starts_at, event.starts_at + chrono::Duration::seconds(1));
    Ok(
        db::outcomes::confirmed_headlines(&state.db, from, to, Some(event.event_id))
            .await?
            .into_iter()
            .filter_map(|r| {
                let ind = indicators.iter().find(|i| i.code == r.indicator_code)?;
                Some((ind.name(lang).to_string(), written(r.actual, ind, lang)))
            })
            .collect(),
    )
}
