//! Indicators, and the targets and outcomes of events.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        outcomes::{Measure, Origin, Source},
        EventFormat, EventKind,
    },
    tx_run,
};

#[derive(Clone, Debug, FromRow)]
pub struct IndicatorRow {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub unit_vi: String,
    pub unit_en: String,
    pub measure: Measure,
    pub kinds: String,
    pub formats: String,
    pub source: Source,
    pub counted: Option<String>,
    /// Summed from the producers' reports or the register until staff type a value.
    pub summed: Option<String>,
    pub headline: bool,
}

impl IndicatorRow {
    pub fn name(&self, lang: crate::domain::Lang) -> &str {
        lang.pick(&self.name_vi, Some(self.name_en.as_str()))
    }

    pub fn unit(&self, lang: crate::domain::Lang) -> &str {
        lang.pick(&self.unit_vi, Some(self.unit_en.as_str()))
    }

    /// Does this indicator apply to an event of this kind and format?
    pub fn applies(&self, kind: EventKind, format: EventFormat) -> bool {
        let listed = |list: &str, code: &str| list.is_empty() || list.split(',').any(|c| c.trim() == code);
        listed(&self.kinds, kind.code()) && listed(&self.formats, format.code())
    }
}

pub async fn indicators(db: &Db) -> Result<Vec<IndicatorRow>, ServerError> {
    let sql =
        "select code, name_vi, name_en, unit_vi, unit_en, measure, kinds, formats, source, counted, summed, headline \
               from indicator order by position, code";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

#[derive(Clone, Debug, FromRow)]
pub struct FigureRow {
    pub indicator_code: String,
    pub target: Option<i64>,
    pub actual: Option<i64>,
    pub actual_text: Option<String>,
    pub actual_from: Option<Origin>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub confirmed_by: Option<String>,
}

const FIGURE_COLUMNS: &str = "f.indicator_code, f.target, f.actual, f.actual_text, f.actual_from, f.confirmed_at, \
                              u.full_name as confirmed_by from event_figure f \
                              left join app_user u on u.user_id = f.confirmed_by";

pub async fn figures(db: &Db, event_id: i64) -> Result<Vec<FigureRow>, ServerError> {
    let sql = format!("select {FIGURE_COLUMNS} where f.event_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await)?)
}

/// One event's figure, among those of a window.
#[derive(Clone, Debug, FromRow)]
pub struct EventFigureRow {
    pub event_id: i64,
    #[sqlx(flatten)]
    pub figure: FigureRow,
}

/// The figures of every event that begins in `[from, to)`.
pub async fn figures_in(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<EventFigureRow>, ServerError> {
    let sql = format!(
        "select f.event_id, {FIGURE_COLUMNS} join event e on e.event_id = f.event_id \
         where e.starts_at >= $1 and e.starts_at < $2"
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

/// What the system counts of an event, from its approved applications and its booths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, FromRow)]
pub struct Counts {
    pub booths: i64,
    pub units_local: i64,
    pub units_other: i64,
    pub ocop_products: i64,
    pub producers: i64,
}

impl Counts {
    /// The count an indicator's `counted` names.
    pub fn get(&self, counted: &str) -> Option<i64> {
        match counted {
            "booths" => Some(self.booths),
            "units-local" => Some(self.units_local),
            "units-other" => Some(self.units_other),
            "ocop-products" => Some(self.ocop_products),
            "producers" => Some(self.producers),
            _ => None,
        }
    }
}

/// The counts of each event that `events` (a condition on the event `e`) selects, by event: one
/// grouped pass over each table for all of them, not five subqueries per event.
fn counts_sql(events: &str) -> String {
    format!(
        "select e.event_id, coalesce(b.n, 0) as booths, coalesce(u.local_n, 0) as units_local, \
         coalesce(u.n - u.local_n, 0) as units_other, coalesce(o.n, 0) as ocop_products, \
         coalesce(u.n, 0) as producers from event e \
         left join (select al.event_id, count(*) as n from allocation al \
           join event e on e.event_id = al.event_id where {events} group by al.event_id) b \
           on b.event_id = e.event_id \
         left join (select a.event_id, count(*) as n, count(p.commune_id) as local_n from application a \
           join event e on e.event_id = a.event_id join producer p on p.producer_id = a.producer_id \
           where a.status = 'approved' and {events} group by a.event_id) u on u.event_id = e.event_id \
         left join (select a.event_id, count(distinct ap.product_id) as n from application a \
           join event e on e.event_id = a.event_id \
           join application_product ap on ap.application_id = a.application_id \
           join product pr on pr.product_id = ap.product_id \
           where a.status = 'approved' and pr.ocop_stars is not null and {events} group by a.event_id) o \
           on o.event_id = e.event_id \
         where {events}"
    )
}

pub async fn counts(db: &Db, event_id: i64) -> Result<Counts, ServerError> {
    let sql = counts_sql("e.event_id = $1");
    let found: Option<EventCounts> =
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_optional(pool).await)?;
    Ok(found.map(|c| c.counts).unwrap_or_default())
}

/// One event's counts, among those of a window.
#[derive(Clone, Debug, FromRow)]
pub struct EventCounts {
    pub event_id: i64,
    #[sqlx(flatten)]
    pub counts: Counts,
}

/// The counts of every event that begins in `[from, to)`.
pub async fn counts_in(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<EventCounts>, ServerError> {
    let sql = counts_sql("e.starts_at >= $1 and e.starts_at < $2");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

/// One figure as written by staff.
pub struct FigureWrite<'a> {
    pub code: &'a str,
    pub target: Option<i64>,
    pub actual: Option<i64>,
    pub actual_text: Option<&'a str>,
    /// Where the outcome comes from, if there is one.
    pub from: Origin,
}

/// Writes a figure. A changed outcome is an estimate again, whatever it was; an unchanged one
/// keeps its confirmation and where it came from.
pub async fn write(
    tx: &mut Tx,
    event_id: i64,
    f: &FigureWrite<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let from = (f.actual.is_some() || f.actual_text.is_some()).then_some(f.from);
    let sql =
        "insert into event_figure (event_id, indicator_code, target, actual, actual_text, actual_from, updated_at, updated_by) \
               values ($1, $2, $3, $4, $5, $8, $6, $7) \
               on conflict (event_id, indicator_code) do update set target = excluded.target, \
               actual = excluded.actual, actual_text = excluded.actual_text, \
               actual_from = case when event_figure.actual is not distinct from excluded.actual \
                   and event_figure.actual_text is not distinct from excluded.actual_text \
                   then event_figure.actual_from else excluded.actual_from end, \
               confirmed_at = case when event_figure.actual is not distinct from excluded.actual \
                   and event_figure.actual_text is not distinct from excluded.actual_text \
                   then event_figure.confirmed_at else null end, \
               confirmed_by = case when event_figure.actual is not distinct from excluded.actual \
                   and event_figure.actual_text is not distinct from excluded.actual_text \
                   then event_figure.confirmed_by else null end, \
               updated_at = excluded.updated_at, updated_by = excluded.updated_by";
    tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(f.code).bind(f.target).bind(f.actual)
        .bind(f.actual_text).bind(now).bind(by).bind(from).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Confirms every recorded outcome of the event not confirmed yet; answers how many.
pub async fn confirm(tx: &mut Tx, event_id: i64, by: Option<i64>, now: DateTime<Utc>) -> Result<u64, ServerError> {
    let sql = "update event_figure set confirmed_at = $2, confirmed_by = $3 \
               where event_id = $1 and confirmed_at is null and (actual is not null or actual_text is not null)";
    Ok(
        tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(now).bind(by).execute(conn).await
        .map(|r| r.rows_affected()))?,
    )
}

/// A completed event with confirmed headline figures.
#[derive(Clone, Debug, FromRow)]
pub struct ResultRow {
    pub event_id: i64,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub indicator_code: String,
    pub actual: i64,
}

/// The confirmed headline figures of the completed events that began in `[from, to)`, by the
/// event's start and the indicator's position.
pub async fn confirmed_headlines(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    event_id: Option<i64>,
) -> Result<Vec<ResultRow>, ServerError> {
    let sql = "select e.event_id, e.title_vi, e.title_en, e.kind, e.starts_at, e.ends_at, f.indicator_code, f.actual \
               from event_figure f join event e on e.event_id = f.event_id \
               join indicator i on i.code = f.indicator_code \
               where e.status = 'completed' and i.headline and f.confirmed_at is not null and f.actual is not null \
               and e.starts_at >= $1 and e.starts_at < $2 and ($3 is null or e.event_id = $3) \
               order by e.starts_at, e.event_id, i.position";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).bind(event_id).fetch_all(pool).await)?)
}

/// The years (by the event's start, UTC) of completed events with confirmed figures.
pub async fn result_starts(db: &Db) -> Result<Vec<DateTime<Utc>>, ServerError> {
    let sql = "select distinct e.event_id, e.starts_at from event e join event_figure f on f.event_id = e.event_id \
               where e.status = 'completed' and f.confirmed_at is not null";
    let rows: Vec<(i64, DateTime<Utc>)> = db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.1).collect())
}

/// The targets set for the events that begin in `[from, to)`: (event, indicator, target).
pub async fn targets_between(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, String, i64)>, ServerError> {
    let sql =
        "select f.event_id, f.indicator_code, f.target from event_figure f join event e on e.event_id = f.event_id \
               where f.target is not null and e.starts_at >= $1 and e.starts_at < $2 order by f.event_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}

/// Adds an indicator typed by staff, after the others; answers false when its code is taken.
/// (`where true`: SQLite reads `on conflict` after a bare `select … from` as a join's.)
pub async fn add_indicator(
    tx: &mut Tx,
    code: &str,
    i: &crate::domain::indicators::NewIndicator,
) -> Result<bool, ServerError> {
    let sql = "insert into indicator (code, name_vi, name_en, unit_vi, unit_en, measure, kinds, formats, source, headline, position) \
               select $1, $2, $3, $4, $5, $6, $7, $8, 'staff', $9, coalesce(max(position), 0) + 10 from indicator where true \
               on conflict (code) do nothing";
    Ok(
        tx_run!(tx, conn => sqlx::query(sql).bind(code).bind(&i.name_vi).bind(&i.name_en).bind(&i.unit_vi)
        .bind(&i.unit_en).bind(i.measure).bind(&i.kinds).bind(&i.formats).bind(i.headline)
        .execute(conn).await.map(|r| r.rows_affected() == 1))?,
    )
}

/// A file of evidence behind an event's outcomes.
#[derive(Clone, Debug, FromRow)]
pub struct EvidenceRow {
    pub evidence_id: i64,
    pub event_id: i64,
    pub indicator_code: Option<String>,
    pub stored_name: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub caption: String,
    pub uploaded_at: DateTime<Utc>,
}

const EVIDENCE: &str = "select evidence_id, event_id, indicator_code, stored_name, file_name, size_bytes, caption, \
                        uploaded_at from event_evidence";

pub async fn evidence_of(db: &Db, event_id: i64) -> Result<Vec<EvidenceRow>, ServerError> {
    let sql = format!("{EVIDENCE} where event_id = $1 order by evidence_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await)?)
}

pub async fn evidence(db: &Db, evidence_id: i64) -> Result<Option<EvidenceRow>, ServerError> {
    let sql = format!("{EVIDENCE} where evidence_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(evidence_id).fetch_optional(pool).await)?)
}

/// A new file of evidence: (event, indicator), (stored name, the name it had, size), caption.
pub async fn add_evidence(
    tx: &mut Tx,
    (event_id, indicator_code): (i64, Option<&str>),
    (stored_name, file_name, size): (&str, &str, i64),
    caption: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into event_evidence (event_id, indicator_code, stored_name, file_name, size_bytes, caption, \
               uploaded_at, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning evidence_id";
    Ok(
        tx_run!(tx, conn => sqlx::query_scalar(sql).bind(event_id).bind(indicator_code).bind(stored_name)
        .bind(file_name).bind(size).bind(caption).bind(at).bind(by).fetch_one(conn).await)?,
    )
}

/// Removes a file of evidence; answers its stored name, for the file to go too.
pub async fn remove_evidence(tx: &mut Tx, evidence_id: i64) -> Result<Option<String>, ServerError> {
    let sql = "delete from event_evidence where evidence_id = $1 returning stored_name";
    Ok(tx_run!(tx, conn => sqlx::query_scalar(sql).bind(evidence_id).fetch_optional(conn).await)?)
}
