//! Producers report their own results after an event. Once an event has ended, every producer with
//! an approved application is asked for its report (an e-mail in each user's language, through
//! the outbox) with a due date (the call's `report_days` after the event's last day), and reminded
//! once, three days before it. A producer may report, and correct its report, until staff confirm
//! the event's outcomes; the reports add up to the event's summed outcomes ("from N of M
//! producers") and their contracts and MOUs go into the register.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::{Refusal, ServiceError};
use crate::domain::ids::{ApplicationId, EventId, ProducerId};
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, application::AppRow, producer_report::ReportRow, Tx},
        mail, now, templates, AppState,
    },
    domain::{
        application::Status,
        booths::{money, DEFAULT_REPORT_DAYS},
        outcomes::grouped,
        paths,
        producer_report::{ContactInput, DealInput, ReportForm, ReportLine, ReportPage, ReportsSummary},
        time, EventDetail, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// How long after an event a report is still asked for: the longest `report_days` a call allows.
const ASK_WITHIN_DAYS: i64 = 90;
/// A reminder goes this many days before the due date.
const REMIND_DAYS_BEFORE: i64 = 3;

/// The date a report is due: `days` after the event's last day.
fn due_on(ends_at: DateTime<Utc>, days: i64) -> NaiveDate {
    time::local_date(ends_at) + Duration::days(days)
}

/// The producer's approved application to an event that has ended, the event, the report's due
/// date and what is stored of it.
async fn own(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
) -> Result<(AppRow, EventDetail, NaiveDate, Option<ReportRow>)> {
    let (_, producer_id) = req.producer()?;
    let app = db::application::find(&state.db, EventId(event_id), ProducerId(producer_id))
        .await?
        .filter(|a| a.status == Status::Approved)
        .ok_or(ServiceError::NotFound)?;
    let ev = db::event::any_detail(&state.db, event_id, req.lang)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if ev.ends_at > now() {
        return Err(Refusal::ReportNotYet.into());
    }
    let stored = db::producer_report::get(&state.db, app.application_id).await?;
    let due = match &stored {
        Some(r) => r.due_on,
        None => due_on(
            ev.ends_at,
            report_days(state, event_id).await?.unwrap_or(DEFAULT_REPORT_DAYS),
        ),
    };
    Ok((app, ev, due, stored))
}

/// The OCOP product groups a deal may name: (code, name in `lang`).
pub(crate) async fn groups(state: &AppState, lang: Lang) -> Result<Vec<(String, String)>> {
    Ok(db::reference::product_groups(&state.db, lang)
        .await?
        .into_iter()
        .map(|g| (g.code, g.name))
        .collect())
}

/// The days its call gives producers to report (none without a call).
async fn report_days(state: &AppState, event_id: i64) -> Result<Option<i64>> {
    Ok(db::booths::call(&state.db, event_id)
        .await?
        .map(|c| i64::from(c.report_days)))
}

/// Staff have confirmed the event's outcomes: its reports are closed.
async fn closed(state: &AppState, event_id: i64) -> Result<bool> {
    Ok(db::outcomes::figures(&state.db, event_id)
        .await?
        .iter()
        .any(|f| f.confirmed_at.is_some()))
}

/// The producer's report page of an event: what it has reported so far.
pub async fn page(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<ReportPage> {
    let lang = req.lang;
    let (app, ev, due, stored) = own(state, req, event_id).await?;
    let number = |v: Option<i64>| v.map(|v| grouped(v, lang)).unwrap_or_default();
    let mut form = ReportForm::default();
    if let Some(r) = &stored {
        form.sales = number(r.sales);
        form.orders = number(r.orders);
        form.satisfaction = r.satisfaction.map(|s| s.to_string()).unwrap_or_default();
        form.comment = r.comment.clone().unwrap_or_default();
    }
    for d in db::producer_report::deals_of_application(&state.db, app.application_id).await? {
        form.deals.insert(
            format!("d{}", d.deal_id),
            DealInput {
                kind: d.kind.code().into(),
                counterparty: d.counterparty,
                counterparty_type: d.counterparty_type.code().into(),
                place: d.place,
                product: d.product,
                product_group: d.product_group.unwrap_or_default(),
                value: grouped(d.value_vnd, lang),
                currency: d.currency.unwrap_or_default(),
                foreign_amount: number(d.foreign_amount),
                signed_on: time::iso_date(d.signed_on),
            },
        );
    }
    for (i, c) in db::producer_report::contacts_of(&state.db, app.application_id)
        .await?
        .into_iter()
        .enumerate()
    {
        form.contacts.insert(
            format!("c{i}"),
            ContactInput {
                name: c.name,
                organisation: c.organisation,
                contact: c.contact,
                note: c.note,
            },
        );
    }
    Ok(ReportPage {
        event_id,
        event_title: ev.title(lang).to_string(),
        event_dates: time::date_range(ev.starts_at, ev.ends_at),
        due: time::day(due),
        late: time::local_date(now()) > due,
        submitted: stored
            .and_then(|r| r.submitted_at)
            .map(|at| format!("{} {}", time::date(at), time::clock(at))),
        closed: closed(state, event_id).await?,
        form,
        groups: groups(state, lang).await?,
    })
}

/// Submits (or corrects) the producer's report. Every field is checked first: one bad field
/// refuses the whole report, beside that field, and changes nothing.
pub async fn save(state: &AppState, req: &RequestInfo, event_id: i64, form: &ReportForm) -> Result<()> {
    let (session, _) = req.producer()?;
    let user_id = session.viewer.user_id;
    let (app, ev, due, _) = own(state, req, event_id).await?;
    if closed(state, event_id).await? {
        return Err(Refusal::ReportClosed.into());
    }
    let at = now();
    let codes: Vec<String> = groups(state, req.lang).await?.into_iter().map(|g| g.0).collect();
    let report = form
        .check((&codes, req.lang), time::local_date(ev.starts_at), time::local_date(at))
        .map_err(ServiceError::Fields)?;
    // a row key names a deal of this report only; any other id is refused as unknown
    let own_deals: Vec<i64> = db::producer_report::deals_of_application(&state.db, app.application_id)
        .await?
        .into_iter()
        .map(|d| d.deal_id)
        .collect();
    let foreign = report
        .deals
        .iter()
        .filter_map(|d| d.deal_id)
        .chain(report.removed.iter().copied())
        .any(|id| !own_deals.contains(&id));
    if foreign {
        return Err(ServiceError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    db::producer_report::save(&mut tx, (app.application_id, event_id), due, &report, Some(user_id), at).await?;
    super::record(
        &mut tx,
        req,
        "report-submit",
        "application",
        app.application_id,
        Some(format!("{} deals", report.deals.len())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The producers' reports of an event, for the staff's outcomes page.
pub(crate) async fn summary(state: &AppState, event_id: i64, ev: &EventDetail, lang: Lang) -> Result<ReportsSummary> {
    let today = time::local_date(now());
    let ended = ev.ends_at <= now();
    let days = report_days(state, event_id).await?;
    let default_due = days.filter(|_| ended).map(|d| due_on(ev.ends_at, d));
    let rows = db::producer_report::summary(&state.db, event_id).await?;
    let number = |v: Option<i64>| v.map(|v| grouped(v, lang)).unwrap_or_default();
    let lines: Vec<ReportLine> = rows
        .into_iter()
        .map(|r| {
            let due = r.due_on.or(default_due);
            ReportLine {
                late: match (r.submitted_at, due) {
                    (Some(at), Some(due)) => time::local_date(at) > due,
                    (None, Some(due)) => today > due,
                    _ => false,
                },
                producer: r.producer,
                submitted: r.submitted_at.map(time::date),
                sales: r.sales.map(|v| money(v, lang)).unwrap_or_default(),
                orders: number(r.orders),
                deals: r.deals,
                contacts: r.contacts,
                satisfaction: r.satisfaction,
                comment: r.comment.unwrap_or_default(),
            }
        })
        .collect();
    Ok(ReportsSummary {
        due: default_due.map(time::day),
        reported: count(lines.iter().filter(|l| l.submitted.is_some()).count()),
        expected: count(lines.len()),
        lines,
    })
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// E-mails a report request or reminder to every user of the producer, inside `tx`.
async fn ask_producer(
    tx: &mut Tx,
    state: &AppState,
    (event_id, producer_id): (i64, i64),
    ev: &EventDetail,
    due: NaiveDate,
    reminder: bool,
) -> Result<()> {
    let link = format!("{}{}", state.config.base_url, paths::results_report(event_id));
    let due = time::day(due);
    for (email, name, lang) in db::application::recipients(tx, producer_id).await? {
        let title = lang.pick(&ev.title_vi, ev.title_en.as_deref());
        let m = templates::report_request(lang, &email, &name, title, &due, reminder, link.clone());
        mail::enqueue(tx, &m, state.config.host()).await?;
    }
    Ok(())
}

/// Asks for the reports of events that have ended and reminds the producers whose report is due
/// within three days. Each request and reminder is made once, whatever the instances running it:
/// the row (or its `reminded_at`) is claimed in the transaction that queues the e-mails. Answers
/// how many producers were written to.
pub async fn sweep(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let today = time::local_date(at);
    let mut events: Vec<EventDetail> = Vec::new();
    let mut n = 0;
    for u in db::producer_report::unasked(&state.db, at - Duration::days(ASK_WITHIN_DAYS), at).await? {
        let due = due_on(u.ends_at, i64::from(u.report_days));
        if due < today {
            continue;
        }
        let Some(ev) = event(state, &mut events, u.event_id).await? else {
            continue;
        };
        let mut tx = state.db.begin_write().await?;
        if db::producer_report::ask(&mut tx, ApplicationId(u.application_id), EventId(u.event_id), due, at).await? {
            ask_producer(&mut tx, state, (u.event_id, u.producer_id), &ev, due, false).await?;
            n += 1;
        }
        tx.commit().await?;
    }
    let soon = today + Duration::days(REMIND_DAYS_BEFORE);
    for (application_id, event_id, producer_id, due) in db::producer_report::to_remind(&state.db, today, soon).await? {
        let Some(ev) = event(state, &mut events, event_id).await? else {
            continue;
        };
        let mut tx = state.db.begin_write().await?;
        if db::producer_report::remind(&mut tx, application_id, at).await? {
            ask_producer(&mut tx, state, (event_id, producer_id), &ev, due, true).await?;
            n += 1;
        }
        tx.commit().await?;
    }
    Ok(n)
}

/// An event, read once per sweep.
async fn event(state: &AppState, seen: &mut Vec<EventDetail>, event_id: i64) -> Result<Option<EventDetail>> {
    if let Some(ev) = seen.iter().find(|e| e.event_id == event_id) {
        return Ok(Some(ev.clone()));
    }
    let ev = db::event::any_detail(&state.db, event_id, Lang::Vi).await?;
    seen.extend(ev.clone());
    Ok(ev)
}
