//! Producers' reports after an event, the register of contracts and MOUs, and the buyers
//! producers met.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::domain::ids::{ApplicationId, EventId};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        deals::FollowUpStatus,
        producer_report::{BuyerType, CheckedReport, Contact, Deal, DealKind},
    },
    tx_run,
};

/// An approved application of an ended event that has no report row yet.
#[derive(Clone, Debug, FromRow)]
pub struct Unasked {
    pub application_id: i64,
    pub event_id: i64,
    pub producer_id: i64,
    pub ends_at: DateTime<Utc>,
    pub report_days: i32,
}

/// Approved applications of events that ended in `[since, at]` (not cancelled) whose report has
/// not been asked for.
pub async fn unasked(db: &Db, since: DateTime<Utc>, at: DateTime<Utc>) -> Result<Vec<Unasked>, ServerError> {
    let sql = "select a.application_id, a.event_id, a.producer_id, e.ends_at, c.report_days \
               from application a join event e on e.event_id = a.event_id \
               join application_call c on c.event_id = a.event_id \
               where a.status = 'approved' and e.status <> 'cancelled' and e.ends_at <= $2 and e.ends_at >= $1 \
               and not exists (select 1 from producer_report r where r.application_id = a.application_id) \
               order by a.application_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(since).bind(at).fetch_all(pool).await)?)
}

/// Asks for a report: answers whether this call made the row (another instance may have first).
pub async fn ask(
    tx: &mut Tx,
    application_id: ApplicationId,
    event_id: EventId,
    due_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "insert into producer_report (application_id, event_id, due_on, requested_at, updated_at) \
               values ($1, $2, $3, $4, $4) on conflict (application_id) do nothing";
    Ok(
        tx_run!(tx, conn => sqlx::query(sql).bind(application_id).bind(event_id).bind(due_on).bind(at)
        .execute(conn).await.map(|r| r.rows_affected() == 1))?,
    )
}

/// Reports asked for, not submitted and not reminded, due in `[from, to]`: (application, event,
/// producer, due).
pub async fn to_remind(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, i64, i64, NaiveDate)>, ServerError> {
    let sql = "select r.application_id, r.event_id, a.producer_id, r.due_on from producer_report r \
               join application a on a.application_id = r.application_id \
               where r.submitted_at is null and r.reminded_at is null and r.requested_at is not null \
               and a.status = 'approved' and r.due_on >= $1 and r.due_on <= $2 order by r.application_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}

/// Marks a reminder sent: answers whether this call did (once, whatever the instances).
pub async fn remind(tx: &mut Tx, application_id: i64, at: DateTime<Utc>) -> Result<bool, ServerError> {
    let sql = "update producer_report set reminded_at = $2 \
               where application_id = $1 and reminded_at is null and submitted_at is null";
    Ok(
        tx_run!(tx, conn => sqlx::query(sql).bind(application_id).bind(at).execute(conn).await
        .map(|r| r.rows_affected() == 1))?,
    )
}

#[derive(Clone, Debug, FromRow)]
pub struct ReportRow {
    pub due_on: NaiveDate,
    pub submitted_at: Option<DateTime<Utc>>,
    pub sales: Option<i64>,
    pub orders: Option<i64>,
    pub satisfaction: Option<i32>,
    pub comment: Option<String>,
}

pub async fn get(db: &Db, application_id: i64) -> Result<Option<ReportRow>, ServerError> {
    let sql = "select due_on, submitted_at, sales, orders, satisfaction, comment from producer_report \
               where application_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(application_id).fetch_optional(pool).await)?)
}

/// Stores a submitted report, its deals (new ones added, edited ones changed, emptied ones
/// removed: only the application's own) and its contacts (written afresh).
pub async fn save(
    tx: &mut Tx,
    (application_id, event_id): (i64, i64),
    due_on: NaiveDate,
    r: &CheckedReport,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql = "insert into producer_report (application_id, event_id, due_on, submitted_at, sales, orders, \
               satisfaction, comment, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $4) \
               on conflict (application_id) do update set submitted_at = excluded.submitted_at, \
               sales = excluded.sales, orders = excluded.orders, satisfaction = excluded.satisfaction, \
               comment = excluded.comment, updated_at = excluded.updated_at";
    tx_run!(tx, conn => sqlx::query(sql).bind(application_id).bind(event_id).bind(due_on).bind(at)
        .bind(r.sales).bind(r.orders).bind(r.satisfaction).bind(r.comment.as_deref())
        .execute(conn).await.map(|_| ()))?;
    for id in &r.removed {
        let sql = "delete from deal where deal_id = $1 and application_id = $2";
        tx_run!(tx, conn => sqlx::query(sql).bind(id).bind(application_id).execute(conn).await.map(|_| ()))?;
    }
    for d in &r.deals {
        match d.deal_id {
            Some(id) => update_deal(tx, id, Some(application_id), d).await?,
            None => {
                insert_deal(tx, event_id, Some(application_id), d, by, at).await?;
            }
        }
    }
    let sql = "delete from buyer_contact where application_id = $1";
    tx_run!(tx, conn => sqlx::query(sql).bind(application_id).execute(conn).await.map(|_| ()))?;
    for c in &r.contacts {
        let sql = "insert into buyer_contact (application_id, name, organisation, contact, note) \
                   values ($1, $2, $3, $4, $5)";
        tx_run!(tx, conn => sqlx::query(sql).bind(application_id).bind(&c.name).bind(&c.organisation)
            .bind(&c.contact).bind(&c.note).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

/// Adds a deal to the register; answers its id.
pub async fn insert_deal(
    tx: &mut Tx,
    event_id: i64,
    application_id: Option<i64>,
    d: &Deal,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into deal (event_id, application_id, kind, counterparty, counterparty_type, place, product, \
               value_vnd, currency, foreign_amount, signed_on, created_at, created_by, product_group_id) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
               (select product_group_id from product_group where code = $14)) returning deal_id";
    let (currency, amount) = d.foreign.clone().unzip();
    Ok(
        tx_run!(tx, conn => sqlx::query_scalar(sql).bind(event_id).bind(application_id).bind(d.kind)
        .bind(&d.counterparty).bind(d.counterparty_type).bind(&d.place).bind(&d.product).bind(d.value_vnd)
        .bind(currency.clone()).bind(amount).bind(d.signed_on).bind(at).bind(by).bind(d.product_group.clone())
        .fetch_one(conn).await)?,
    )
}

/// Changes a deal of the register: a producer's (`application_id`) only its own, staff any.
pub async fn update_deal(tx: &mut Tx, deal_id: i64, application_id: Option<i64>, d: &Deal) -> Result<(), ServerError> {
    let sql = "update deal set kind = $3, counterparty = $4, counterparty_type = $5, place = $6, product = $7, \
               value_vnd = $8, currency = $9, foreign_amount = $10, signed_on = $11, \
               product_group_id = (select product_group_id from product_group where code = $12) \
               where deal_id = $1 and ($2 is null or application_id = $2)";
    let (currency, amount) = d.foreign.clone().unzip();
    tx_run!(tx, conn => sqlx::query(sql).bind(deal_id).bind(application_id).bind(d.kind).bind(&d.counterparty)
        .bind(d.counterparty_type).bind(&d.place).bind(&d.product).bind(d.value_vnd).bind(currency.clone())
        .bind(amount).bind(d.signed_on).bind(d.product_group.clone()).execute(conn).await.map(|_| ()))?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct DealRow {
    pub deal_id: i64,
    pub event_id: i64,
    pub application_id: Option<i64>,
    pub kind: DealKind,
    pub counterparty: String,
    pub counterparty_type: BuyerType,
    pub place: String,
    pub product: String,
    pub value_vnd: i64,
    pub currency: Option<String>,
    pub foreign_amount: Option<i64>,
    pub signed_on: NaiveDate,
    /// The OCOP product group: its code and its names.
    pub product_group: Option<String>,
    pub group_vi: Option<String>,
    pub group_en: Option<String>,
    /// The producer's name, for a deal from a report.
    pub producer: Option<String>,
    pub event_title_vi: String,
    pub event_title_en: Option<String>,
}

const DEAL_COLUMNS: &str = "d.deal_id, d.event_id, d.application_id, d.kind, d.counterparty, d.counterparty_type, \
    d.place, d.product, d.value_vnd, d.currency, d.foreign_amount, d.signed_on, g.code as product_group, \
    g.name_vi as group_vi, g.name_en as group_en, p.name as producer, \
    e.title_vi as event_title_vi, e.title_en as event_title_en \
    from deal d join event e on e.event_id = d.event_id \
    left join product_group g on g.product_group_id = d.product_group_id \
    left join application a on a.application_id = d.application_id \
    left join producer p on p.producer_id = a.producer_id";

/// The deals of one application's report.
pub async fn deals_of_application(db: &Db, application_id: i64) -> Result<Vec<DealRow>, ServerError> {
    let sql = format!("select {DEAL_COLUMNS} where d.application_id = $1 order by d.signed_on, d.deal_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(application_id).fetch_all(pool).await)?)
}

/// The contacts a producer reported.
pub async fn contacts_of(db: &Db, application_id: i64) -> Result<Vec<Contact>, ServerError> {
    let sql = "select name, organisation, contact, note from buyer_contact where application_id = $1 \
               order by contact_id";
    let rows: Vec<(String, String, String, String)> =
        db_run!(db, pool => sqlx::query_as(sql).bind(application_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(name, organisation, contact, note)| Contact {
            name,
            organisation,
            contact,
            note,
        })
        .collect())
}

/// One approved application of an event with its report, as staff list them.
#[derive(Clone, Debug, FromRow)]
pub struct SummaryRow {
    pub producer: String,
    pub due_on: Option<NaiveDate>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub sales: Option<i64>,
    pub orders: Option<i64>,
    pub satisfaction: Option<i32>,
    pub comment: Option<String>,
    pub deals: i64,
    pub contacts: i64,
}

pub async fn summary(db: &Db, event_id: i64) -> Result<Vec<SummaryRow>, ServerError> {
    let sql = "select p.name as producer, r.due_on, r.submitted_at, r.sales, r.orders, r.satisfaction, r.comment, \
               (select count(*) from deal d where d.application_id = a.application_id) as deals, \
               (select count(*) from buyer_contact c where c.application_id = a.application_id) as contacts \
               from application a join producer p on p.producer_id = a.producer_id \
               left join producer_report r on r.application_id = a.application_id \
               where a.event_id = $1 and a.status = 'approved' order by p.name, a.application_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// What the reports and the register add up to for an event. Sums are cast so that PostgreSQL
/// answers a bigint, not a numeric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, FromRow)]
pub struct Sums {
    /// Approved applications.
    pub expected: i64,
    /// Submitted reports (of approved applications).
    pub reported: i64,
    pub sales: i64,
    pub orders: i64,
    /// Deals in the register, from reports and from staff.
    pub deals: i64,
    pub deals_value: i64,
}

impl Sums {
    /// The sum an indicator's `summed` names.
    pub fn get(&self, summed: &str) -> Option<i64> {
        match summed {
            "sales" => Some(self.sales),
            "orders" => Some(self.orders),
            "deals" => Some(self.deals),
            "deals-value" => Some(self.deals_value),
            _ => None,
        }
    }
}

/// The sums of each event that `events` (a condition on the event `e`) selects, by event: one
/// grouped pass over each table for all of them, not six subqueries per event.
fn sums_sql(events: &str) -> String {
    format!(
        "select e.event_id, coalesce(ap.n, 0) as expected, coalesce(rs.n, 0) as reported, \
         cast(coalesce(rs.sales, 0) as bigint) as sales, cast(coalesce(rs.orders, 0) as bigint) as orders, \
         coalesce(ds.n, 0) as deals, cast(coalesce(ds.value_vnd, 0) as bigint) as deals_value from event e \
         left join (select a.event_id, count(*) as n from application a join event e on e.event_id = a.event_id \
           where a.status = 'approved' and {events} group by a.event_id) ap on ap.event_id = e.event_id \
         left join (select r.event_id, count(*) as n, sum(r.sales) as sales, sum(r.orders) as orders \
           from producer_report r join event e on e.event_id = r.event_id \
           join application a on a.application_id = r.application_id \
           where a.status = 'approved' and r.submitted_at is not null and {events} group by r.event_id) rs \
           on rs.event_id = e.event_id \
         left join (select d.event_id, count(*) as n, sum(d.value_vnd) as value_vnd from deal d \
           join event e on e.event_id = d.event_id where {events} group by d.event_id) ds \
           on ds.event_id = e.event_id \
         where {events}"
    )
}

pub async fn sums(db: &Db, event_id: i64) -> Result<Sums, ServerError> {
    let sql = sums_sql("e.event_id = $1");
    let found: Option<EventSums> =
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_optional(pool).await)?;
    Ok(found.map(|s| s.sums).unwrap_or_default())
}

/// One event's sums, among those of a window.
#[derive(Clone, Debug, FromRow)]
pub struct EventSums {
    pub event_id: i64,
    #[sqlx(flatten)]
    pub sums: Sums,
}

/// The sums of every event that begins in `[from, to)`.
pub async fn sums_in(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<EventSums>, ServerError> {
    let sql = sums_sql("e.starts_at >= $1 and e.starts_at < $2");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

/// The producer's applications whose report has been sent.
pub async fn submitted_of_producer(db: &Db, producer_id: i64) -> Result<Vec<i64>, ServerError> {
    let sql =
        "select r.application_id from producer_report r join application a on a.application_id = r.application_id \
               where a.producer_id = $1 and r.submitted_at is not null";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(producer_id).fetch_all(pool).await)?)
}

/// What the dashboard counts of a deal: its kind of partner, value and product group.
#[derive(Clone, Debug, FromRow)]
pub struct DealValue {
    pub counterparty_type: BuyerType,
    pub value_vnd: i64,
    pub product_group: Option<String>,
    pub group_vi: Option<String>,
    pub group_en: Option<String>,
}

/// The deals signed in `[from, to)`, as the dashboard counts them.
pub async fn values(
    db: &Db,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<Vec<DealValue>, ServerError> {
    let sql = "select d.counterparty_type, d.value_vnd, g.code as product_group, g.name_vi as group_vi, \
               g.name_en as group_en from deal d left join product_group g on g.product_group_id = d.product_group_id \
               where ($1 is null or d.signed_on >= $1) and ($2 is null or d.signed_on < $2)";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}

/// The register: deals signed in `[from, to)` (either bound optional), of an event, of a kind;
/// newest first.
pub async fn register(
    db: &Db,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    event_id: Option<i64>,
    kind: Option<DealKind>,
) -> Result<Vec<DealRow>, ServerError> {
    let sql = format!(
        "select {DEAL_COLUMNS} where ($1 is null or d.signed_on >= $1) and ($2 is null or d.signed_on < $2) \
         and ($3 is null or d.event_id = $3) and ($4 is null or d.kind = $4) \
         order by d.signed_on desc, d.deal_id desc"
    );
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(from).bind(to).bind(event_id)
        .bind(kind).fetch_all(pool).await)?,
    )
}

/// Every event with deals, and every date a deal was signed (for the register's choices).
pub async fn register_choices(db: &Db) -> Result<(Vec<(i64, String, Option<String>)>, Vec<NaiveDate>), ServerError> {
    let sql = "select distinct e.event_id, e.title_vi, e.title_en, e.starts_at from deal d \
               join event e on e.event_id = d.event_id order by e.starts_at desc";
    let events: Vec<(i64, String, Option<String>, DateTime<Utc>)> =
        db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    let dates = db_run!(db, pool => sqlx::query_scalar("select distinct signed_on from deal").fetch_all(pool).await)?;
    Ok((events.into_iter().map(|e| (e.0, e.1, e.2)).collect(), dates))
}

#[derive(Clone, Debug, FromRow)]
pub struct FollowUpRow {
    pub deal_id: i64,
    pub months: i32,
    pub status: FollowUpStatus,
    pub realised_vnd: i64,
    pub note: String,
}

pub async fn follow_ups(db: &Db) -> Result<Vec<FollowUpRow>, ServerError> {
    let sql = "select deal_id, months, status, realised_vnd, note from deal_follow_up order by deal_id, months";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// A deal's signing date, when the deal exists.
pub async fn signed_on(db: &Db, deal_id: i64) -> Result<Option<NaiveDate>, ServerError> {
    let sql = "select signed_on from deal where deal_id = $1";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(deal_id).fetch_optional(pool).await)?)
}

/// Notes (or corrects) a follow-up.
pub async fn put_follow_up(
    tx: &mut Tx,
    (deal_id, months): (i64, i32),
    status: FollowUpStatus,
    realised_vnd: i64,
    note: &str,
    by: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql = "insert into deal_follow_up (deal_id, months, status, realised_vnd, note, noted_at, noted_by) \
               values ($1, $2, $3, $4, $5, $6, $7) on conflict (deal_id, months) do update set \
               status = excluded.status, realised_vnd = excluded.realised_vnd, note = excluded.note, \
               noted_at = excluded.noted_at, noted_by = excluded.noted_by";
    tx_run!(tx, conn => sqlx::query(sql).bind(deal_id).bind(months).bind(status).bind(realised_vnd).bind(note)
        .bind(at).bind(by).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Events a deal can be entered for: begun, not cancelled, newest first (the last hundred).
pub async fn begun_events(db: &Db, at: DateTime<Utc>) -> Result<Vec<(i64, String, Option<String>)>, ServerError> {
    let sql = "select event_id, title_vi, title_en from event where starts_at <= $1 \
               and status in ('published', 'postponed', 'completed') order by starts_at desc limit 100";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(at).fetch_all(pool).await)?)
}
