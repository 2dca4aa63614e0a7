//! The year's trade-promotion plan and the events' budgets (staff and admins). The support paid to
//! producers is computed here from the approved applications, with the rule the review applies:
//! the booth's price less what the producer pays ([`amount_due`]), for each booth.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{
    error::ServiceError,
    outcomes::{year_events, year_window, YearEvents},
};
use crate::{
    backend::{
        auth::RequestInfo,
        db::{
            self,
            budget::{LineRow, SupportRow},
        },
        now, AppState,
    },
    domain::{
        booths::amount_due,
        budget::{
            default_plan_title, Amounts, BudgetForm, BudgetPage, CostLine, Funding, LineInput, LineView, PlanEvent,
            PlanForm, PlanPage,
        },
        outcomes::grouped,
        time, EventStatus, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The support one approved application receives: for each booth, its price less what the
/// producer pays under the call's rule for its best claimed rating and the booth type's cap.
pub(crate) fn support_of(r: &SupportRow) -> i64 {
    let rule = match r.claimed {
        Some(5) => r.support_5,
        Some(4) => r.support_4,
        Some(3) => r.support_3,
        _ => r.support_none,
    };
    let pct = |v: i32| u8::try_from(v.clamp(0, 100)).unwrap_or(0);
    let per_booth = r.price_vnd - amount_due(r.price_vnd, pct(r.support_rate), pct(rule));
    per_booth.saturating_mul(i64::from(r.booth_count))
}

/// Each event's computed support: committed (every approved application) and paid (those whose
/// producers have paid their share), with how many applications receive any.
pub(crate) fn support_by_event(rows: &[SupportRow]) -> BTreeMap<i64, (Amounts, i64)> {
    let mut out: BTreeMap<i64, (Amounts, i64)> = BTreeMap::new();
    for r in rows {
        let s = support_of(r);
        let e = out.entry(r.event_id).or_default();
        e.0.committed = e.0.committed.saturating_add(s);
        if r.paid {
            e.0.paid = e.0.paid.saturating_add(s);
        }
        if s > 0 {
            e.1 += 1;
        }
    }
    out
}

/// An event's budget as lines of (cost line, source, amounts, note): the stored lines, and the
/// support line with its stored plan and computed commitment, when there is either.
pub(crate) fn event_lines(stored: &[LineRow], support: Amounts) -> Vec<BudgetLine> {
    let mut out: Vec<BudgetLine> = stored
        .iter()
        .filter(|l| l.cost_line != CostLine::Support)
        .map(|l| {
            let a = Amounts {
                planned: l.planned,
                committed: l.committed.unwrap_or(0),
                paid: l.paid.unwrap_or(0),
            };
            (l.cost_line, l.funding, a, l.note.clone())
        })
        .collect();
    let planned = stored.iter().find(|l| l.cost_line == CostLine::Support);
    if planned.is_some() || support != Amounts::default() {
        let a = Amounts {
            planned: planned.map_or(0, |l| l.planned),
            ..support
        };
        out.push((
            CostLine::Support,
            planned.map_or(Funding::Provincial, |l| l.funding),
            a,
            String::new(),
        ));
    }
    out.sort_by_key(|l| (l.0, l.1));
    out
}

pub(crate) type BudgetLine = (CostLine, Funding, Amounts, String);

/// The lines' amounts summed by `key` (a cost line or a source), in the order of `keys`; keys
/// without a line are left out.
fn sum_by<K: Copy + PartialEq>(keys: &[K], lines: &[BudgetLine], key: impl Fn(&BudgetLine) -> K) -> Vec<(K, Amounts)> {
    keys.iter()
        .filter_map(|&k| {
            let mut mine = lines.iter().filter(|l| key(l) == k).peekable();
            mine.peek()?;
            let mut sum = Amounts::default();
            mine.for_each(|l| sum.add(l.2));
            Some((k, sum))
        })
        .collect()
}

fn total(lines: &[BudgetLine]) -> Amounts {
    let mut sum = Amounts::default();
    for l in lines {
        sum.add(l.2);
    }
    sum
}

fn typed(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// How many blank rows the form offers beside the stored ones.
const BLANK_ROWS: usize = 3;

/// An event's budget page.
pub async fn page(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<BudgetPage> {
    req.staff()?;
    let lang = req.lang;
    let ev = db::event::any_detail(&state.db, event_id, lang)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let stored = db::budget::lines(&state.db, event_id).await?;
    let (support, supported) = support_by_event(&db::budget::support(&state.db, event_id).await?)
        .remove(&event_id)
        .unwrap_or_default();
    let lines = event_lines(&stored, support);
    let mut rows: Vec<LineView> = stored
        .iter()
        .filter(|l| l.cost_line != CostLine::Support)
        .map(|l| LineView {
            key: format!("l{}", l.budget_line_id),
            input: LineInput {
                cost_line: l.cost_line.code().into(),
                funding: l.funding.code().into(),
                planned: l.planned.to_string(),
                committed: typed(l.committed),
                paid: typed(l.paid),
                note: l.note.clone(),
            },
        })
        .collect();
    rows.extend((0..BLANK_ROWS).map(|k| LineView {
        key: format!("n{k}"),
        input: LineInput {
            funding: Funding::Provincial.code().into(),
            ..LineInput::default()
        },
    }));
    let planned_support = stored.iter().find(|l| l.cost_line == CostLine::Support);
    Ok(BudgetPage {
        event_id,
        title: lang.pick(&ev.title_vi, ev.title_en.as_deref()).to_string(),
        dates: time::date_range(ev.starts_at, ev.ends_at),
        year: time::local_date(ev.starts_at).year(),
        lines: rows,
        support_funding: planned_support.map_or(Funding::Provincial, |l| l.funding).code().into(),
        support_planned: typed(planned_support.map(|l| l.planned)),
        support,
        supported,
        total: total(&lines),
        by_funding: sum_by(Funding::ALL, &lines, |l| l.1),
    })
}

/// Stores an event's budget; bad input is refused beside its field and changes nothing.
pub async fn save(state: &AppState, req: &RequestInfo, event_id: i64, form: &BudgetForm) -> Result<()> {
    let session = req.staff()?;
    let checked = form.check(req.lang).map_err(ServiceError::Fields)?;
    if db::event::any_detail(&state.db, event_id, Lang::Vi).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    db::budget::save(&mut tx, event_id, &checked, Some(session.viewer.user_id), now()).await?;
    super::record(&mut tx, req, "budget-save", "event", event_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// "Gian hàng: 120 gian · Lượt khách tham quan: 20.000 lượt": an event's headline targets.
fn targets_text(targets: &[(String, i64)], indicators: &[db::outcomes::IndicatorRow], lang: Lang) -> String {
    indicators
        .iter()
        .filter(|i| i.headline)
        .filter_map(|i| {
            let (_, v) = targets.iter().find(|(code, _)| *code == i.code)?;
            let value = match i.measure {
                crate::domain::outcomes::Measure::Money => crate::domain::booths::money(*v, lang),
                _ => format!("{} {}", grouped(*v, lang), i.unit(lang)).trim_end().to_string(),
            };
            Some(format!("{}: {value}", i.name(lang)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What a year's plan holds: its events with their targets and budgets, and the totals.
pub(crate) struct YearBudget {
    pub events: Vec<PlanEvent>,
    pub lines: Vec<BudgetLine>,
}

/// The year's events (by their first day, local time), each with its headline targets and its
/// budget; cancelled events are listed, with what they spent.
pub(crate) async fn year_budget(state: &AppState, year: i32, lang: Lang) -> Result<YearBudget> {
    let y = year_events(state, year).await?;
    let indicators = db::outcomes::indicators(&state.db).await?;
    let mut targets: BTreeMap<i64, Vec<(String, i64)>> = BTreeMap::new();
    for (event_id, code, target) in db::outcomes::targets_between(&state.db, y.from, y.to).await? {
        targets.entry(event_id).or_default().push((code, target));
    }
    let mut by_event = lines_by_event(state, &y).await?;
    let mut all_lines = Vec::new();
    let mut plan_events = Vec::new();
    for e in &y.events {
        let lines = by_event.remove(&e.event_id).unwrap_or_default();
        plan_events.push(PlanEvent {
            event_id: e.event_id,
            title: e.title_vi.clone(),
            kind: e.kind.label(lang).to_string(),
            dates: time::date_range(e.starts_at, e.ends_at),
            status: e.status.label(lang).to_string(),
            targets: targets_text(
                targets.get(&e.event_id).map_or(&[][..], Vec::as_slice),
                &indicators,
                lang,
            ),
            budget: total(&lines),
            kind_code: e.kind,
            format: e.format,
            month: time::local_date(e.starts_at).month(),
            counted: !matches!(e.status, EventStatus::Draft | EventStatus::Cancelled),
        });
        if spent(e, &lines) {
            all_lines.extend(lines);
        }
    }
    Ok(YearBudget {
        events: plan_events,
        lines: all_lines,
    })
}

/// Each event's budget lines: the stored ones and the computed support.
async fn lines_by_event(state: &AppState, y: &YearEvents) -> Result<BTreeMap<i64, Vec<BudgetLine>>> {
    let mut stored: BTreeMap<i64, Vec<LineRow>> = BTreeMap::new();
    for l in db::budget::lines_between(&state.db, y.from, y.to).await? {
        stored.entry(l.event_id).or_default().push(l);
    }
    let support = support_by_event(&db::budget::support_between(&state.db, y.from, y.to).await?);
    Ok(y.events
        .iter()
        .map(|e| {
            let lines = event_lines(
                stored.get(&e.event_id).map_or(&[][..], Vec::as_slice),
                support.get(&e.event_id).map(|s| s.0).unwrap_or_default(),
            );
            (e.event_id, lines)
        })
        .collect())
}

/// Whether an event's lines count in the year's totals: a cancelled event's only for what it paid.
fn spent(e: &db::event::StaffEventRow, lines: &[BudgetLine]) -> bool {
    e.status != EventStatus::Cancelled || total(lines).paid > 0
}

/// The year's budget lines, without the plan's per-event detail (the dashboard's and the
/// year report's totals).
pub(crate) async fn year_spending(state: &AppState, y: &YearEvents) -> Result<Vec<BudgetLine>> {
    let mut by_event = lines_by_event(state, y).await?;
    Ok(y.events
        .iter()
        .flat_map(|e| {
            let lines = by_event.remove(&e.event_id).unwrap_or_default();
            if spent(e, &lines) {
                lines
            } else {
                Vec::new()
            }
        })
        .collect())
}

/// The year's spending summed by cost line and funding source, in the order of each: the year
/// report's table (every event's lines one by one made a table of thousands of rows, none saying
/// whose it was; each event's own report lists its lines).
pub(crate) async fn year_spending_summed(state: &AppState, y: &YearEvents) -> Result<Vec<BudgetLine>> {
    let lines = year_spending(state, y).await?;
    let keys: Vec<(CostLine, Funding)> = CostLine::ALL
        .iter()
        .flat_map(|&c| Funding::ALL.iter().map(move |&f| (c, f)))
        .collect();
    Ok(sum_by(&keys, &lines, |l| (l.0, l.1))
        .into_iter()
        .map(|((c, f), amounts)| (c, f, amounts, String::new()))
        .collect())
}

/// The plan page of `year` (this year's when `None`).
pub async fn plan(state: &AppState, req: &RequestInfo, year: Option<i32>) -> Result<PlanPage> {
    req.staff()?;
    let lang = req.lang;
    let year = year.unwrap_or_else(|| time::local_date(now()).year());
    let y = year_budget(state, year, lang).await?;
    let stored = db::budget::plan(&state.db, year).await?;
    let mut years: Vec<i32> = db::event::start_times(&state.db)
        .await?
        .into_iter()
        .map(|t| time::local_date(t).year())
        .chain(db::budget::plan_years(&state.db).await?)
        .chain([year, time::local_date(now()).year()])
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let form = match &stored {
        Some(p) => PlanForm {
            title: p.title.clone(),
            decision_number: p.decision_number.clone().unwrap_or_default(),
            decision_date: p.decision_date.map(time::iso_date).unwrap_or_default(),
            issued_by: p.issued_by.clone().unwrap_or_default(),
            budget: typed(p.budget_vnd),
            note: p.note.clone().unwrap_or_default(),
        },
        None => PlanForm {
            title: default_plan_title(year, Lang::Vi),
            issued_by: "UBND tỉnh Đắk Lắk".into(),
            ..PlanForm::default()
        },
    };
    let decision = stored.as_ref().and_then(|p| {
        let (number, date) = (p.decision_number.as_ref()?, p.decision_date?);
        let by = p.issued_by.as_deref().unwrap_or("").trim();
        let said = match lang {
            Lang::Vi => format!("Phê duyệt theo Quyết định số {number} ngày {}", time::day(date)),
            Lang::En => format!("Approved by Decision No. {number} of {}", time::day(date)),
        };
        Some(match (by.is_empty(), lang) {
            (true, _) => said,
            (false, Lang::Vi) => format!("{said} của {by}"),
            (false, Lang::En) => format!("{said} ({by})"),
        })
    });
    Ok(PlanPage {
        year,
        years,
        decision,
        approved_vnd: stored.as_ref().and_then(|p| p.budget_vnd),
        form,
        total: total(&y.lines),
        by_funding: sum_by(Funding::ALL, &y.lines, |l| l.1),
        by_cost_line: sum_by(CostLine::ALL, &y.lines, |l| l.0),
        events: y.events,
    })
}

/// Stores the year's plan: its title, decision and approved total.
pub async fn save_plan(state: &AppState, req: &RequestInfo, year: i32, form: &PlanForm) -> Result<()> {
    let session = req.staff()?;
    if year_window(year).is_none() {
        return Err(ServiceError::NotFound);
    }
    let checked = form.check(year, req.lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    db::budget::save_plan(&mut tx, year, &checked, Some(session.viewer.user_id), now()).await?;
    super::record(&mut tx, req, "plan-save", "year", i64::from(year), None).await?;
    tx.commit().await?;
    Ok(())
}
