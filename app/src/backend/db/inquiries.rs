//! Buyers' inquiries: written unconfirmed with the hash of the buyer's confirmation secret,
//! confirmed once by it, then read and marked by their producer only.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        inquiries::{CheckedInquiry, InquiryStatus},
        producer_report::BuyerType,
        Lang,
    },
    tx_run,
};

/// Writes an unconfirmed inquiry; answers its id.
pub async fn insert(
    tx: &mut Tx,
    producer_id: i64,
    product_id: Option<i64>,
    i: &CheckedInquiry,
    lang: Lang,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into inquiry (producer_id, product_id, event_id, buyer_name, organisation, buyer_type, place, \
               email, phone, quantity, message, lang, token_hash, created_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning inquiry_id";
    Ok(tx_run!(tx, conn => sqlx::query_scalar(sql)
        .bind(producer_id)
        .bind(product_id)
        .bind(i.event_id)
        .bind(i.buyer_name.clone())
        .bind(i.organisation.clone())
        .bind(i.buyer_type)
        .bind(i.place.clone())
        .bind(i.email.clone())
        .bind(i.phone.clone())
        .bind(i.quantity.clone())
        .bind(i.message.clone())
        .bind(lang)
        .bind(token_hash.to_string())
        .bind(now)
        .fetch_one(conn)
        .await)?)
}

/// An inquiry with its product's and event's names, as its producer and its e-mail show it.
#[derive(Clone, Debug, FromRow)]
pub struct InquiryRow {
    pub inquiry_id: i64,
    pub producer_id: i64,
    pub buyer_name: String,
    pub organisation: String,
    pub buyer_type: BuyerType,
    pub place: String,
    pub email: String,
    pub phone: Option<String>,
    pub quantity: String,
    pub message: String,
    pub product_vi: Option<String>,
    pub product_en: Option<String>,
    pub event_vi: Option<String>,
    pub event_en: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub status: InquiryStatus,
}

const COLUMNS: &str = "select i.inquiry_id, i.producer_id, i.buyer_name, i.organisation, i.buyer_type, i.place, \
    i.email, i.phone, i.quantity, i.message, p.name_vi as product_vi, p.name_en as product_en, \
    e.title_vi as event_vi, e.title_en as event_en, i.confirmed_at, i.status from inquiry i \
    left join product p on p.product_id = i.product_id left join event e on e.event_id = i.event_id";

/// Confirms the inquiry whose secret hashes to `token_hash`, if it was written after `since` and
/// is not confirmed yet; answers it (none for an unknown, stale or used secret).
pub async fn confirm(
    tx: &mut Tx,
    token_hash: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<InquiryRow>, ServerError> {
    let sql =
        "update inquiry set confirmed_at = $2 where token_hash = $1 and confirmed_at is null and created_at >= $3 \
               returning inquiry_id";
    let id: Option<i64> = tx_run!(tx, conn => sqlx::query_scalar(sql).bind(token_hash.to_string()).bind(now)
        .bind(since).fetch_optional(conn).await)?;
    let Some(id) = id else {
        return Ok(None);
    };
    let sql = format!("{COLUMNS} where i.inquiry_id = $1");
    Ok(tx_run!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(id).fetch_optional(conn).await)?)
}

/// A producer's confirmed inquiries, the newest first.
pub async fn of_producer(db: &Db, producer_id: i64) -> Result<Vec<InquiryRow>, ServerError> {
    let sql = format!(
        "{COLUMNS} where i.producer_id = $1 and i.confirmed_at is not null order by i.confirmed_at desc, i.inquiry_id desc"
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(producer_id).fetch_all(pool).await)?)
}

/// Marks a confirmed inquiry of `producer_id`; false when it has no such inquiry.
pub async fn mark(
    tx: &mut Tx,
    producer_id: i64,
    inquiry_id: i64,
    status: InquiryStatus,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "update inquiry set status = $3, status_at = $4 \
               where inquiry_id = $1 and producer_id = $2 and confirmed_at is not null";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(inquiry_id).bind(producer_id).bind(status).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Confirmed inquiries per producer: (name, how many, how many became deals), the most first.
pub async fn counts_by_producer(db: &Db) -> Result<Vec<(String, i64, i64)>, ServerError> {
    let sql = "select o.name, count(*), sum(case when i.status = 'deal' then 1 else 0 end) from inquiry i \
               join producer o on o.producer_id = i.producer_id where i.confirmed_at is not null \
               group by o.producer_id, o.name order by count(*) desc, o.name";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// Confirmed inquiries about a product, per product group: (name in Vietnamese, in English, how many).
pub async fn counts_by_group(db: &Db) -> Result<Vec<(String, String, i64)>, ServerError> {
    let sql = "select g.name_vi, g.name_en, count(*) from inquiry i join product p on p.product_id = i.product_id \
               join product_group g on g.product_group_id = p.product_group_id where i.confirmed_at is not null \
               group by g.product_group_id, g.name_vi, g.name_en, g.sort_order order by count(*) desc, g.sort_order";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// The confirmed inquiries that name `event_id`: the event's leads.
pub async fn leads(db: &Db, event_id: i64) -> Result<i64, ServerError> {
    let sql = "select count(*) from inquiry where event_id = $1 and confirmed_at is not null";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(event_id).fetch_one(pool).await)?)
}

/// The events a buyer may have met a producer at: those it took part in or will (approved
/// applications), not drafts or cancelled ones, the latest first: (id, title in Vietnamese, in English).
pub async fn events_of(db: &Db, producer_id: i64) -> Result<Vec<(i64, String, Option<String>)>, ServerError> {
    let sql = "select e.event_id, e.title_vi, e.title_en from application a join event e on e.event_id = a.event_id \
               where a.producer_id = $1 and a.status = 'approved' and e.status not in ('draft', 'cancelled') \
               order by e.starts_at desc, e.event_id desc limit 20";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}
