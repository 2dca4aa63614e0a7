//! Calls, booth types, zones, floor plans, booths and blocks.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::domain::ids::{BoothId, EventId};
use crate::{
    backend::ServerError,
    db_run,
    domain::booths::{BoothSize, BoothStatus, Call, NewBoothType, QuestionKind},
    tx_run,
};

#[derive(Clone, Debug, FromRow)]
pub struct CallRow {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub min_stars: Option<i32>,
    pub max_booths: i32,
    pub documents_vi: String,
    pub documents_en: String,
    pub support_5: i32,
    pub support_4: i32,
    pub support_3: i32,
    pub support_none: i32,
    pub report_days: i32,
}

impl CallRow {
    /// Open for applications at `at` (its event must be published too).
    pub fn open_at(&self, published: bool, at: DateTime<Utc>) -> bool {
        published && self.opens_at <= at && at < self.closes_at
    }

    /// Open, not yet open, or over at `at`, as a visitor is told; a call of an event that is not
    /// published (postponed, cancelled, over) reads as closed.
    pub fn state(&self, published: bool, at: DateTime<Utc>) -> crate::domain::booths::CallState {
        use crate::domain::booths::CallState;
        if self.open_at(published, at) {
            CallState::Open
        } else if published && at < self.opens_at {
            CallState::Upcoming
        } else {
            CallState::Closed
        }
    }

    /// The least rating it admits, if any.
    pub fn stars(&self) -> Option<u8> {
        self.min_stars.and_then(|s| u8::try_from(s).ok())
    }

    /// The support rate the call gives a rating, in percent.
    pub fn support(&self, stars: Option<u8>) -> u8 {
        let rate = match stars {
            Some(5) => self.support_5,
            Some(4) => self.support_4,
            Some(3) => self.support_3,
            _ => self.support_none,
        };
        u8::try_from(rate).unwrap_or(0)
    }
}

/// The columns of a [`CallRow`], of the call `c`.
pub(crate) const CALL_COLUMNS: &str = "c.opens_at, c.closes_at, c.min_stars, c.max_booths, c.documents_vi, \
    c.documents_en, c.support_5, c.support_4, c.support_3, c.support_none, c.report_days";

pub async fn call(db: &Db, event_id: i64) -> Result<Option<CallRow>, ServerError> {
    let sql = format!("select {CALL_COLUMNS} from application_call c where c.event_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_optional(pool).await)?)
}

pub async fn call_groups(db: &Db, event_id: i64) -> Result<Vec<String>, ServerError> {
    let sql =
        "select pg.code from call_product_group c join product_group pg on pg.product_group_id = c.product_group_id \
               where c.event_id = $1 order by pg.sort_order";
    let rows: Vec<(String,)> = db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Creates or replaces an event's call; returns the product-group codes that name no group.
pub async fn save_call(tx: &mut Tx, event_id: i64, c: &Call, now: DateTime<Utc>) -> Result<Vec<String>, ServerError> {
    let sql = "insert into application_call (event_id, opens_at, closes_at, min_stars, max_booths, documents_vi, \
               documents_en, support_5, support_4, support_3, support_none, report_days, created_at, updated_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $12) \
               on conflict (event_id) do update set opens_at = $2, closes_at = $3, min_stars = $4, max_booths = $5, \
               documents_vi = $6, documents_en = $7, support_5 = $8, support_4 = $9, support_3 = $10, \
               support_none = $11, report_days = $13, updated_at = $12";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(event_id)
        .bind(c.opens_at)
        .bind(c.closes_at)
        .bind(c.min_stars.map(i32::from))
        .bind(i32::try_from(c.max_booths).unwrap_or(1))
        .bind(c.documents_vi.clone())
        .bind(c.documents_en.clone())
        .bind(i32::from(c.support[0]))
        .bind(i32::from(c.support[1]))
        .bind(i32::from(c.support[2]))
        .bind(i32::from(c.support[3]))
        .bind(now)
        .bind(i32::try_from(c.report_days).unwrap_or(15))
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    tx_run!(tx, conn => sqlx::query("delete from call_product_group where event_id = $1").bind(event_id)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    let mut unknown = Vec::new();
    for code in &c.product_groups {
        let sql = "insert into call_product_group (event_id, product_group_id) \
                   select $1, product_group_id from product_group where code = $2";
        let done = tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(code.clone()).execute(conn).await
            .map(|r| r.rows_affected()))?;
        if done == 0 {
            unknown.push(code.clone());
        }
    }
    Ok(unknown)
}

pub async fn insert_booth_type(
    tx: &mut Tx,
    event_id: i64,
    t: &NewBoothType,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into booth_type (event_id, name_vi, name_en, size, price_vnd, support_rate, count, created_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8) returning booth_type_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(t.name_vi.clone())
        .bind(t.name_en.clone())
        .bind(t.size.code())
        .bind(t.price_vnd)
        .bind(i32::from(t.support_rate))
        .bind(i32::try_from(t.count).unwrap_or(0))
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

#[derive(Clone, Debug, FromRow)]
pub struct BoothTypeRow {
    pub booth_type_id: i64,
    pub name_vi: String,
    pub name_en: Option<String>,
    pub size: BoothSize,
    pub price_vnd: i64,
    pub support_rate: i32,
    pub count: i32,
}

pub async fn booth_types(db: &Db, event_id: i64) -> Result<Vec<BoothTypeRow>, ServerError> {
    let sql = "select booth_type_id, name_vi, name_en, size, price_vnd, support_rate, count from booth_type \
               where event_id = $1 order by booth_type_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// Adds a zone; false when the event already has a zone of that name.
pub async fn insert_zone(
    tx: &mut Tx,
    event_id: i64,
    name_vi: &str,
    name_en: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "insert into zone (event_id, name_vi, name_en, created_at) values ($1, $2, $3, $4) \
               on conflict (event_id, name_vi) do nothing";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(name_vi.to_string())
        .bind(name_en.map(str::to_string)).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

#[derive(Clone, Debug, FromRow)]
pub struct ZoneRow {
    pub zone_id: i64,
    pub name_vi: String,
    pub name_en: Option<String>,
}

pub async fn zones(db: &Db, event_id: i64) -> Result<Vec<ZoneRow>, ServerError> {
    let sql = "select zone_id, name_vi, name_en from zone where event_id = $1 order by zone_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

pub async fn floor_plan(db: &Db, event_id: i64) -> Result<Option<(i32, i32)>, ServerError> {
    let sql = "select cols, rows from floor_plan where event_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_optional(pool).await)?)
}

pub async fn set_floor_plan(tx: &mut Tx, event_id: i64, cols: i32, rows: i32) -> Result<(), ServerError> {
    let sql = "insert into floor_plan (event_id, cols, rows) values ($1, $2, $3) \
               on conflict (event_id) do update set cols = $2, rows = $3";
    tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(cols).bind(rows).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct BoothRow {
    pub booth_id: i64,
    pub code: String,
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub status: BoothStatus,
    pub label: Option<String>,
    pub zone_vi: Option<String>,
    pub zone_en: Option<String>,
    pub type_vi: String,
    pub type_en: Option<String>,
    pub block_id: Option<i64>,
    pub booth_type_id: i64,
    pub zone_id: Option<i64>,
}

pub async fn booths(db: &Db, event_id: i64) -> Result<Vec<BoothRow>, ServerError> {
    let sql = "select b.booth_id, b.code, b.x, b.y, b.width, b.status, b.label, z.name_vi as zone_vi, \
               z.name_en as zone_en, t.name_vi as type_vi, t.name_en as type_en, b.block_id, b.booth_type_id, b.zone_id \
               from booth b join booth_type t on t.booth_type_id = b.booth_type_id \
               left join zone z on z.zone_id = b.zone_id where b.event_id = $1 order by b.y, b.x";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// Adds a booth. A second booth with the same code or corner fails on the table's unique keys.
#[allow(clippy::too_many_arguments)]
pub async fn insert_booth(
    tx: &mut Tx,
    event_id: EventId,
    code: &str,
    booth_type_id: i64,
    zone_id: Option<i64>,
    x: i32,
    y: i32,
    width: i32,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into booth (event_id, code, booth_type_id, zone_id, x, y, width, created_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8) returning booth_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(code.to_string())
        .bind(booth_type_id)
        .bind(zone_id)
        .bind(x)
        .bind(y)
        .bind(width)
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

/// Blocks or frees a booth that is not held for a block; false when there is no such booth.
pub async fn set_blocked(
    tx: &mut Tx,
    event_id: EventId,
    booth_id: BoothId,
    blocked: bool,
) -> Result<bool, ServerError> {
    let sql = "update booth set status = case when $3 then 'blocked' else 'available' end \
               where booth_id = $1 and event_id = $2 and status in ('available', 'blocked')";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(booth_id).bind(event_id).bind(blocked).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn move_booth(
    tx: &mut Tx,
    event_id: EventId,
    booth_id: BoothId,
    x: i32,
    y: i32,
) -> Result<bool, ServerError> {
    let sql = "update booth set x = $3, y = $4 where booth_id = $1 and event_id = $2";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(booth_id).bind(event_id).bind(x).bind(y).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn set_label(
    tx: &mut Tx,
    event_id: EventId,
    booth_id: BoothId,
    label: Option<&str>,
) -> Result<bool, ServerError> {
    let sql = "update booth set label = $3 where booth_id = $1 and event_id = $2";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(booth_id).bind(event_id).bind(label.map(str::to_string))
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn insert_block(
    tx: &mut Tx,
    event_id: i64,
    commune_id: Option<i64>,
    province: Option<&str>,
    contact_name: &str,
    contact_phone: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into booth_block (event_id, commune_id, province, contact_name, contact_phone, created_at) \
               values ($1, $2, $3, $4, $5, $6) returning block_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(commune_id)
        .bind(province.map(str::to_string))
        .bind(contact_name.to_string())
        .bind(contact_phone.to_string())
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

/// Holds the first `count` available booths (in code order) for a block; returns their codes.
pub async fn hold_booths(
    tx: &mut Tx,
    event_id: EventId,
    block_id: i64,
    count: i64,
) -> Result<Vec<String>, ServerError> {
    let pick = "select booth_id, code from booth where event_id = $1 and status = 'available' order by code limit $2";
    let rows: Vec<(i64, String)> = tx_run!(tx, conn => sqlx::query_as(pick).bind(event_id).bind(count)
        .fetch_all(conn).await)?;
    for (id, _) in &rows {
        tx_run!(tx, conn => sqlx::query("update booth set status = 'held', block_id = $2 where booth_id = $1")
            .bind(*id).bind(block_id).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(rows.into_iter().map(|r| r.1).collect())
}

#[derive(Clone, Debug, FromRow)]
pub struct BlockRow {
    pub block_id: i64,
    pub commune_id: Option<i64>,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub province: Option<String>,
    pub contact_name: String,
    pub contact_phone: String,
}

pub async fn blocks(db: &Db, event_id: i64) -> Result<Vec<BlockRow>, ServerError> {
    let sql =
        "select b.block_id, b.commune_id, c.kind as commune_kind, c.name as commune_name, b.province, b.contact_name, \
               b.contact_phone from booth_block b left join commune c on c.commune_id = b.commune_id \
               where b.event_id = $1 order by b.block_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// Open calls with their deadlines, for the staff dashboard: (event id, title, closes at).
pub async fn open_calls(db: &Db, now: DateTime<Utc>) -> Result<Vec<(i64, String, DateTime<Utc>)>, ServerError> {
    let sql = "select e.event_id, e.title_vi, c.closes_at from application_call c join event e on e.event_id = c.event_id \
               where c.opens_at <= $1 and c.closes_at > $1 and e.status in ('published', 'postponed') order by c.closes_at";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(now).fetch_all(pool).await)?)
}

pub async fn insert_question(
    tx: &mut Tx,
    event_id: i64,
    q: &crate::domain::booths::NewQuestion,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql =
        "insert into call_question (event_id, position, kind, label_vi, label_en, choices_vi, choices_en, required, \
               created_at) values ($1, (select coalesce(max(position), 0) + 1 from call_question where event_id = $1), \
               $2, $3, $4, $5, $6, $7, $8) returning question_id";
    let join = |v: &[String]| (!v.is_empty()).then(|| v.join("\n"));
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(q.kind.code())
        .bind(q.label_vi.clone())
        .bind(q.label_en.clone())
        .bind(join(&q.choices_vi))
        .bind(join(&q.choices_en))
        .bind(q.required)
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

pub async fn delete_question(tx: &mut Tx, event_id: EventId, question_id: i64) -> Result<bool, ServerError> {
    let done = tx_run!(tx, conn => sqlx::query("delete from call_question where question_id = $1 and event_id = $2")
        .bind(question_id).bind(event_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

#[derive(Clone, Debug, FromRow)]
pub struct QuestionRow {
    pub question_id: i64,
    pub kind: QuestionKind,
    pub label_vi: String,
    pub label_en: Option<String>,
    pub choices_vi: Option<String>,
    pub choices_en: Option<String>,
    pub required: bool,
}

pub async fn questions(db: &Db, event_id: i64) -> Result<Vec<QuestionRow>, ServerError> {
    let sql = "select question_id, kind, label_vi, label_en, choices_vi, choices_en, required from call_question \
               where event_id = $1 order by position, question_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}
