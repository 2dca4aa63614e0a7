//! The annual plans, the events' budget lines, and what the approved applications' support comes
//! to.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::budget::{CheckedBudget, CheckedPlan, CostLine, Funding},
    tx_run,
};

#[derive(Clone, Debug, FromRow)]
pub struct LineRow {
    pub budget_line_id: i64,
    pub event_id: i64,
    pub cost_line: CostLine,
    pub funding: Funding,
    pub planned: i64,
    pub committed: Option<i64>,
    pub paid: Option<i64>,
    pub note: String,
}

const LINES: &str =
    "select budget_line_id, event_id, cost_line, funding, planned, committed, paid, note from budget_line";

/// An event's budget lines, in the order of the cost lines' codes as stored.
pub async fn lines(db: &Db, event_id: i64) -> Result<Vec<LineRow>, ServerError> {
    let sql = format!("{LINES} where event_id = $1 order by budget_line_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await)?)
}

/// The budget lines of the events that begin in `[from, to)`.
pub async fn lines_between(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<LineRow>, ServerError> {
    let sql = format!(
        "{LINES} where event_id in (select event_id from event where starts_at >= $1 and starts_at < $2) \
         order by event_id, budget_line_id"
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

/// Stores an event's budget: the lines the form showed (edited or emptied) are replaced by the
/// form's lines, a line added meanwhile by someone else stays unless the form has its pair (then
/// the form's amounts win), and the support line is written afresh. Ids of edited lines change.
pub async fn save(
    tx: &mut Tx,
    event_id: i64,
    b: &CheckedBudget,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), ServerError> {
    let shown = b
        .removed
        .iter()
        .copied()
        .chain(b.lines.iter().filter_map(|l| l.line_id));
    for id in shown {
        let sql = "delete from budget_line where budget_line_id = $1 and event_id = $2";
        tx_run!(tx, conn => sqlx::query(sql).bind(id).bind(event_id).execute(conn).await.map(|_| ()))?;
    }
    for l in &b.lines {
        let sql = "insert into budget_line (event_id, cost_line, funding, planned, committed, paid, note, \
                   updated_at, updated_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                   on conflict (event_id, cost_line, funding) do update set planned = excluded.planned, \
                   committed = excluded.committed, paid = excluded.paid, note = excluded.note, \
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by";
        tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(l.cost_line).bind(l.funding)
            .bind(l.planned).bind(l.committed).bind(l.paid).bind(&l.note).bind(at).bind(by)
            .execute(conn).await.map(|_| ()))?;
    }
    let sql = "delete from budget_line where event_id = $1 and cost_line = 'support'";
    tx_run!(tx, conn => sqlx::query(sql).bind(event_id).execute(conn).await.map(|_| ()))?;
    if let Some((funding, planned)) = b.support {
        let sql = "insert into budget_line (event_id, cost_line, funding, planned, updated_at, updated_by) \
                   values ($1, 'support', $2, $3, $4, $5)";
        tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(funding).bind(planned).bind(at).bind(by)
            .execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// An approved application with what its support is computed from.
#[derive(Clone, Debug, FromRow)]
pub struct SupportRow {
    pub event_id: i64,
    pub price_vnd: i64,
    /// The booth type's cap, in percent.
    pub support_rate: i32,
    pub booth_count: i32,
    /// The producer's share has been paid.
    pub paid: bool,
    /// The best rating among the products it shows (3 to 5), as the review reads it.
    pub claimed: Option<i32>,
    pub support_5: i32,
    pub support_4: i32,
    pub support_3: i32,
    pub support_none: i32,
}

const SUPPORT: &str = "select a.event_id, t.price_vnd, t.support_rate, a.booth_count, \
     (case when a.paid_at is null then 0 else 1 end) = 1 as paid, \
     (select max(p.ocop_stars) from application_product x join product p on p.product_id = x.product_id \
      where x.application_id = a.application_id and p.ocop_stars between 3 and 5) as claimed, \
     c.support_5, c.support_4, c.support_3, c.support_none \
     from application a join booth_type t on t.booth_type_id = a.booth_type_id \
     join application_call c on c.event_id = a.event_id where a.status = 'approved'";

/// The approved applications of an event.
pub async fn support(db: &Db, event_id: i64) -> Result<Vec<SupportRow>, ServerError> {
    let sql = format!("{SUPPORT} and a.event_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await)?)
}

/// The approved applications of the events that begin in `[from, to)`.
pub async fn support_between(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<SupportRow>, ServerError> {
    let sql =
        format!("{SUPPORT} and a.event_id in (select event_id from event where starts_at >= $1 and starts_at < $2)");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

#[derive(Clone, Debug, FromRow)]
pub struct PlanRow {
    pub year: i32,
    pub title: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub issued_by: Option<String>,
    pub budget_vnd: Option<i64>,
    pub note: Option<String>,
}

pub async fn plan(db: &Db, year: i32) -> Result<Option<PlanRow>, ServerError> {
    let sql = "select year, title, decision_number, decision_date, issued_by, budget_vnd, note from annual_plan \
               where year = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(year).fetch_optional(pool).await)?)
}

/// The years that have a plan.
pub async fn plan_years(db: &Db) -> Result<Vec<i32>, ServerError> {
    let rows: Vec<(i32,)> =
        db_run!(db, pool => sqlx::query_as("select year from annual_plan order by year").fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn save_plan(
    tx: &mut Tx,
    year: i32,
    p: &CheckedPlan,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql = "insert into annual_plan (year, title, decision_number, decision_date, issued_by, budget_vnd, note, \
               updated_at, updated_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
               on conflict (year) do update set title = excluded.title, decision_number = excluded.decision_number, \
               decision_date = excluded.decision_date, issued_by = excluded.issued_by, \
               budget_vnd = excluded.budget_vnd, note = excluded.note, updated_at = excluded.updated_at, \
               updated_by = excluded.updated_by";
    let (number, date) = p.decision.clone().unzip();
    tx_run!(tx, conn => sqlx::query(sql).bind(year).bind(&p.title).bind(number).bind(date)
        .bind(p.issued_by.as_deref()).bind(p.budget_vnd).bind(p.note.as_deref()).bind(at).bind(by)
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}
