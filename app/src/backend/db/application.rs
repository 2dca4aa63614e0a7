//! Applications, their products, answers and timeline; allocations of booths; producers' private
//! feeds.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        application::{ApplicationInput, Status},
        ids::{ApplicationId, BoothId, EventId, ProducerId},
        EventStatus, Lang,
    },
    tx_run,
};

#[derive(Clone, Debug, FromRow)]
pub struct AppRow {
    pub application_id: i64,
    pub event_id: i64,
    pub producer_id: i64,
    pub status: Status,
    pub booth_type_id: Option<i64>,
    pub booth_count: i32,
    pub zone_id: Option<i64>,
    pub note: Option<String>,
    pub message: Option<String>,
    pub staff_comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub first_submitted_at: Option<DateTime<Utc>>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
}

impl AppRow {
    pub fn status(&self) -> Status {
        self.status
    }
}

const COLUMNS: &str = "a.application_id, a.event_id, a.producer_id, a.status, a.booth_type_id, a.booth_count, a.zone_id, \
                       a.note, a.message, a.staff_comment, a.submitted_at, a.first_submitted_at, a.offer_expires_at, a.paid_at";

pub async fn get(db: &Db, application_id: i64) -> Result<Option<AppRow>, ServerError> {
    let sql = format!("select {COLUMNS} from application a where a.application_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(application_id).fetch_optional(pool).await)?)
}

/// The application inside a writing transaction (on SQLite the transaction already holds the
/// write lock; on PostgreSQL the row is locked until commit).
pub async fn get_tx(tx: &mut Tx, application_id: i64) -> Result<Option<AppRow>, ServerError> {
    let row = match tx {
        Tx::Sqlite(t, ..) => {
            let sql = format!("select {COLUMNS} from application a where a.application_id = $1");
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(application_id)
                .fetch_optional(&mut **t)
                .await?
        }
        Tx::Postgres(t, ..) => {
            let sql = format!("select {COLUMNS} from application a where a.application_id = $1 for update");
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(application_id)
                .fetch_optional(&mut **t)
                .await?
        }
    };
    Ok(row)
}

pub async fn find(db: &Db, event_id: EventId, producer_id: ProducerId) -> Result<Option<AppRow>, ServerError> {
    let sql = format!("select {COLUMNS} from application a where a.event_id = $1 and a.producer_id = $2");
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).bind(producer_id).fetch_optional(pool).await)?,
    )
}

pub async fn find_tx(tx: &mut Tx, event_id: EventId, producer_id: ProducerId) -> Result<Option<AppRow>, ServerError> {
    let sql = format!("select {COLUMNS} from application a where a.event_id = $1 and a.producer_id = $2");
    Ok(
        tx_run!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).bind(producer_id).fetch_optional(conn).await)?,
    )
}

/// A new application with its products and answers, as a draft or at once submitted (`status`;
/// a submitted one gets its time and its first line of the timeline, `by` the user). `None` when
/// the producer already has an application for the event (a racing second tab).
pub async fn insert(
    tx: &mut Tx,
    event_id: EventId,
    producer_id: ProducerId,
    input: &ApplicationInput,
    status: Status,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServerError> {
    let submitted = (status == Status::Submitted).then_some(now);
    let sql = "insert into application (event_id, producer_id, status, booth_type_id, booth_count, zone_id, note, \
               submitted_at, first_submitted_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9) \
               on conflict (event_id, producer_id) do nothing returning application_id";
    let id: Option<(i64,)> = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(producer_id)
        .bind(status.code())
        .bind(input.booth_type_id)
        .bind(i32::try_from(input.booth_count).unwrap_or(1))
        .bind(input.zone_id)
        .bind(input.note.clone())
        .bind(submitted)
        .bind(now)
        .fetch_optional(conn)
        .await)?;
    let Some((id,)) = id else {
        return Ok(None);
    };
    insert_lines(tx, id, input).await?;
    if status != Status::Draft {
        history(tx, id, status, None, by, now).await?;
    }
    Ok(Some(id))
}

/// Rewrites what the producer typed: booth wishes, note, products and answers.
pub async fn update_content(
    tx: &mut Tx,
    application_id: i64,
    input: &ApplicationInput,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql = "update application set booth_type_id = $2, booth_count = $3, zone_id = $4, note = $5, updated_at = $6 \
               where application_id = $1";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(application_id)
        .bind(input.booth_type_id)
        .bind(i32::try_from(input.booth_count).unwrap_or(1))
        .bind(input.zone_id)
        .bind(input.note.clone())
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    tx_run!(tx, conn => sqlx::query("delete from application_product where application_id = $1")
        .bind(application_id).execute(conn).await.map(|r| r.rows_affected()))?;
    tx_run!(tx, conn => sqlx::query("delete from application_answer where application_id = $1")
        .bind(application_id).execute(conn).await.map(|r| r.rows_affected()))?;
    insert_lines(tx, application_id, input).await
}

/// The application's products and answers, each kind in one statement.
async fn insert_lines(tx: &mut Tx, application_id: i64, input: &ApplicationInput) -> Result<(), ServerError> {
    if !input.products.is_empty() {
        tx_run!(tx, conn => {
            let mut q = sqlx::QueryBuilder::new("insert into application_product (application_id, product_id) ");
            q.push_values(&input.products, |mut row, p| {
                row.push_bind(application_id).push_bind(*p);
            });
            q.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    if !input.answers.is_empty() {
        tx_run!(tx, conn => {
            let mut q = sqlx::QueryBuilder::new("insert into application_answer (application_id, question_id, value) ");
            q.push_values(&input.answers, |mut row, (question, value)| {
                row.push_bind(application_id).push_bind(*question).push_bind(value.clone());
            });
            q.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Moves an application from `from` to `to`, only if it is still in `from` (a concurrent change
/// makes this return false). `message` is what the producer is told; submitting stamps the time.
#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    tx: &mut Tx,
    application_id: i64,
    from: Status,
    to: Status,
    message: Option<&str>,
    by: Option<i64>,
    offer_expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let submitting = to == Status::Submitted;
    let sql = "update application set status = $3, message = case when $4 is null then message else $4 end, \
               submitted_at = case when $5 then $6 else submitted_at end, \
               first_submitted_at = case when $5 and first_submitted_at is null then $6 else first_submitted_at end, \
               offer_expires_at = $7, updated_at = $6 where application_id = $1 and status = $2";
    let n = tx_run!(tx, conn => sqlx::query(sql)
        .bind(application_id)
        .bind(from.code())
        .bind(to.code())
        .bind(message.map(str::to_string))
        .bind(submitting)
        .bind(now)
        .bind(offer_expires_at)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    history(tx, application_id, to, message, by, now).await?;
    Ok(true)
}

/// A line of the application's timeline.
async fn history(
    tx: &mut Tx,
    application_id: i64,
    status: Status,
    message: Option<&str>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql =
        "insert into application_history (application_id, status, message, by_user_id, at) values ($1, $2, $3, $4, $5)";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(application_id)
        .bind(status.code())
        .bind(message.map(str::to_string))
        .bind(by)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_staff_comment(tx: &mut Tx, application_id: i64, comment: Option<&str>) -> Result<(), ServerError> {
    tx_run!(tx, conn => sqlx::query("update application set staff_comment = $2 where application_id = $1")
        .bind(application_id).bind(comment.map(str::to_string)).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_paid(
    tx: &mut Tx,
    application_id: i64,
    by: Option<i64>,
    at: Option<DateTime<Utc>>,
) -> Result<(), ServerError> {
    tx_run!(tx, conn => sqlx::query("update application set paid_at = $2, paid_by = $3 where application_id = $1")
        .bind(application_id).bind(at).bind(by).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// (question id, answer)
pub async fn answers(db: &Db, application_id: i64) -> Result<Vec<(i64, String)>, ServerError> {
    let sql = "select question_id, value from application_answer where application_id = $1 order by question_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(application_id).fetch_all(pool).await)?)
}

/// Every answer given to an event's applications: (application id, question id, answer).
pub async fn event_answers(db: &Db, event_id: i64) -> Result<Vec<(i64, i64, String)>, ServerError> {
    let sql = "select x.application_id, x.question_id, x.value from application_answer x \
               join application a on a.application_id = x.application_id where a.event_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

pub async fn product_ids(db: &Db, application_id: i64) -> Result<Vec<i64>, ServerError> {
    let sql = "select product_id from application_product where application_id = $1 order by product_id";
    let rows: Vec<(i64,)> = db_run!(db, pool => sqlx::query_as(sql).bind(application_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// An application in the review table, before scoring.
#[derive(Clone, Debug, FromRow)]
pub struct ReviewBase {
    pub application_id: i64,
    pub producer_id: i64,
    pub producer: String,
    pub tax_code: Option<String>,
    pub commune_id: Option<i64>,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub status: Status,
    pub booth_type_id: Option<i64>,
    pub type_vi: Option<String>,
    pub type_en: Option<String>,
    pub price_vnd: Option<i64>,
    pub support_rate: Option<i32>,
    pub booth_count: i32,
    pub zone_id: Option<i64>,
    pub zone_vi: Option<String>,
    pub zone_en: Option<String>,
    pub note: Option<String>,
    pub message: Option<String>,
    pub staff_comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub first_submitted_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
}

/// An event's applications that have been submitted at least once (drafts are the producer's).
pub async fn review_base(db: &Db, event_id: i64) -> Result<Vec<ReviewBase>, ServerError> {
    let sql = "select a.application_id, a.producer_id, p.name as producer, p.tax_code, p.commune_id, \
               c.kind as commune_kind, c.name as commune_name, a.status, a.booth_type_id, t.name_vi as type_vi, \
               t.name_en as type_en, t.price_vnd, t.support_rate, a.booth_count, a.zone_id, z.name_vi as zone_vi, \
               z.name_en as zone_en, a.note, a.message, a.staff_comment, a.submitted_at, a.first_submitted_at, a.paid_at \
               from application a join producer p on p.producer_id = a.producer_id \
               left join commune c on c.commune_id = p.commune_id \
               left join booth_type t on t.booth_type_id = a.booth_type_id \
               left join zone z on z.zone_id = a.zone_id \
               where a.event_id = $1 and a.first_submitted_at is not null order by a.application_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// A product shown in an application.
#[derive(Clone, Debug, FromRow)]
pub struct ShownProduct {
    pub application_id: i64,
    pub product_id: i64,
    pub name_vi: String,
    pub group_code: String,
    pub ocop_stars: Option<i32>,
    pub verified_at: Option<DateTime<Utc>>,
    pub decision_date: Option<NaiveDate>,
}

/// The products shown in applications, with what scoring needs.
const SHOWN: &str = "select x.application_id, p.product_id, p.name_vi, g.code as group_code, p.ocop_stars, p.verified_at, \
                     p.decision_date from application_product x join application a on a.application_id = x.application_id \
                     join product p on p.product_id = x.product_id join product_group g on g.product_group_id = p.product_group_id";

/// The products shown in an event's applications.
pub async fn shown_products(db: &Db, event_id: i64) -> Result<Vec<ShownProduct>, ServerError> {
    let sql = format!("{SHOWN} where a.event_id = $1 order by x.application_id, p.product_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await)?)
}

/// The products shown in all of a producer's applications.
pub async fn shown_products_of_producer(db: &Db, producer_id: i64) -> Result<Vec<ShownProduct>, ServerError> {
    let sql = format!("{SHOWN} where a.producer_id = $1 order by x.application_id, p.product_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(producer_id).fetch_all(pool).await)?)
}

/// Producers approved before for another event of the same series.
pub async fn series_veterans(db: &Db, event_id: i64) -> Result<Vec<i64>, ServerError> {
    let sql = "select distinct a.producer_id from application a join event e on e.event_id = a.event_id \
               where a.status = 'approved' and a.event_id <> $1 and coalesce(e.series_id, e.event_id) = \
               (select coalesce(s.series_id, s.event_id) from event s where s.event_id = $1)";
    let rows: Vec<(i64,)> = db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The series a copied event belongs to: its source's.
pub async fn join_series(tx: &mut Tx, event_id: EventId, source_id: EventId) -> Result<(), ServerError> {
    let sql =
        "update event set series_id = (select coalesce(s.series_id, s.event_id) from event s where s.event_id = $2) \
               where event_id = $1";
    tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(source_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An event's allocations: (application id, booth id, booth code).
pub async fn allocations(db: &Db, event_id: i64) -> Result<Vec<(i64, i64, String)>, ServerError> {
    let sql =
        "select al.application_id, al.booth_id, b.code from allocation al join booth b on b.booth_id = al.booth_id \
               where al.event_id = $1 order by b.code";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

pub async fn allocation_count(tx: &mut Tx, application_id: i64) -> Result<i64, ServerError> {
    let n: (i64,) = tx_run!(tx, conn => sqlx::query_as("select count(*) from allocation where application_id = $1")
        .bind(application_id).fetch_one(conn).await)?;
    Ok(n.0)
}

/// A booth open to allocation: in the event, not blocked. (`status`, block's commune)
pub async fn booth_for_allocation(
    tx: &mut Tx,
    event_id: EventId,
    booth_id: BoothId,
) -> Result<Option<(String, Option<i64>, Option<String>)>, ServerError> {
    let sql =
        "select b.status, k.commune_id, k.province from booth b left join booth_block k on k.block_id = b.block_id \
               where b.event_id = $1 and b.booth_id = $2";
    Ok(tx_run!(tx, conn => sqlx::query_as(sql).bind(event_id).bind(booth_id).fetch_optional(conn).await)?)
}

/// Gives a booth to an application. `Ok(false)`: the booth is already allocated — the unique
/// index `allocation_booth` said so, which is what makes two racing requests safe.
pub async fn allocate(
    tx: &mut Tx,
    event_id: EventId,
    booth_id: BoothId,
    application_id: ApplicationId,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "insert into allocation (event_id, booth_id, application_id, created_by, created_at) values ($1, $2, $3, $4, $5)";
    let r = tx_run!(tx, conn => sqlx::query(sql)
        .bind(event_id)
        .bind(booth_id)
        .bind(application_id)
        .bind(by)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()));
    match r {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Takes a booth back from an application; false when it did not hold it.
pub async fn deallocate(tx: &mut Tx, application_id: ApplicationId, booth_id: BoothId) -> Result<bool, ServerError> {
    let n = tx_run!(tx, conn => sqlx::query("delete from allocation where application_id = $1 and booth_id = $2")
        .bind(application_id).bind(booth_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Frees every booth of an application; returns the freed booth ids.
pub async fn free_all(tx: &mut Tx, application_id: i64) -> Result<Vec<i64>, ServerError> {
    let rows: Vec<(i64,)> = tx_run!(tx, conn => sqlx::query_as("delete from allocation where application_id = $1 returning booth_id")
        .bind(application_id).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Offers whose deadline has passed: (application id, event id).
pub async fn lapsed_offers(db: &Db, now: DateTime<Utc>) -> Result<Vec<(i64, i64)>, ServerError> {
    let sql = "select application_id, event_id from application where status = 'offered' and offer_expires_at < $1 \
               order by offer_expires_at";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(now).fetch_all(pool).await)?)
}

/// Who hears about an application: the organisation's users who can still sign in. Read inside the
/// writing transaction (a second connection could wait on the first's lock).
pub async fn recipients(tx: &mut Tx, producer_id: i64) -> Result<Vec<(String, String, Lang)>, ServerError> {
    let sql =
        "select email, full_name, lang from app_user where producer_id = $1 and disabled_at is null order by user_id";
    Ok(tx_run!(tx, conn => sqlx::query_as(sql).bind(producer_id).fetch_all(conn).await)?)
}

pub async fn booth_code(tx: &mut Tx, booth_id: i64) -> Result<String, ServerError> {
    let row: Option<(String,)> = tx_run!(tx, conn => sqlx::query_as("select code from booth where booth_id = $1")
        .bind(booth_id).fetch_optional(conn).await)?;
    Ok(row.map(|r| r.0).unwrap_or_default())
}

/// The users of every producer with a live application for the event: (email, name, lang).
pub async fn applicants(db: &Db, event_id: i64) -> Result<Vec<(String, String, Lang)>, ServerError> {
    let sql =
        "select u.email, u.full_name, u.lang from app_user u join application a on a.producer_id = u.producer_id \
               where a.event_id = $1 and a.status in ('submitted', 'in-review', 'changes-requested', 'approved', \
               'waitlisted', 'offered') and u.disabled_at is null order by u.user_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// Applications per event and status, for the staff dashboard: (event id, status, count).
pub async fn counts(db: &Db) -> Result<Vec<(i64, String, i64)>, ServerError> {
    let sql = "select event_id, status, count(*) from application group by event_id, status";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// A producer's application as its list shows it.
#[derive(Clone, Debug, FromRow)]
pub struct MineRow {
    pub application_id: i64,
    pub event_id: i64,
    pub status: Status,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The event is published (its call can be open).
    pub published: bool,
    #[sqlx(flatten)]
    pub call: super::booths::CallRow,
    pub booth_type_id: Option<i64>,
    pub type_vi: Option<String>,
    pub type_en: Option<String>,
    pub price_vnd: Option<i64>,
    pub support_rate: Option<i32>,
    pub booth_count: i32,
    pub message: Option<String>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub uid: String,
    pub sequence: i32,
}

pub async fn mine(db: &Db, producer_id: i64) -> Result<Vec<MineRow>, ServerError> {
    let sql = "select a.application_id, a.event_id, a.status, e.title_vi, e.title_en, e.starts_at, e.ends_at, \
               e.status = 'published' as published, c.opens_at, c.closes_at, c.min_stars, c.max_booths, c.documents_vi, \
               c.documents_en, c.support_5, c.support_4, c.support_3, c.support_none, c.report_days, a.booth_type_id, t.name_vi as type_vi, t.name_en as type_en, t.price_vnd, t.support_rate, a.booth_count, \
               a.message, a.offer_expires_at, a.paid_at, e.uid, e.sequence \
               from application a join event e on e.event_id = a.event_id \
               join application_call c on c.event_id = a.event_id \
               left join booth_type t on t.booth_type_id = a.booth_type_id \
               where a.producer_id = $1 order by e.starts_at desc";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}

/// The timeline of a producer's applications: (application id, status, message, at).
pub async fn history_of_producer(
    db: &Db,
    producer_id: i64,
) -> Result<Vec<(i64, Status, Option<String>, DateTime<Utc>)>, ServerError> {
    let sql = "select h.application_id, h.status, h.message, h.at from application_history h \
               join application a on a.application_id = h.application_id where a.producer_id = $1 order by h.history_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}

/// Booth codes held by a producer's applications: (application id, booth id, code).
pub async fn booths_of_producer(db: &Db, producer_id: i64) -> Result<Vec<(i64, i64, String)>, ServerError> {
    let sql =
        "select al.application_id, al.booth_id, b.code from allocation al join booth b on b.booth_id = al.booth_id \
               join application a on a.application_id = al.application_id where a.producer_id = $1 order by b.code";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}

/// Published events whose call is open now: (event id, title vi, title en, closes at).
pub async fn open_calls(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, String, Option<String>, DateTime<Utc>)>, ServerError> {
    let sql = "select e.event_id, e.title_vi, e.title_en, c.closes_at from application_call c join event e on e.event_id = c.event_id \
               where e.status = 'published' and c.opens_at <= $1 and c.closes_at > $1 order by c.closes_at";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(now).fetch_all(pool).await)?)
}

/// A call's score weights and how long a freed booth's offer lasts.
#[derive(Clone, Copy, Debug, FromRow)]
pub struct CallWeights {
    pub score_5: i32,
    pub score_4: i32,
    pub score_3: i32,
    pub score_none: i32,
    pub score_valid: i32,
    pub score_group: i32,
    pub score_first: i32,
    pub offer_hours: i32,
}

/// The columns of [`CallWeights`], of the call `c`.
const WEIGHT_COLUMNS: &str =
    "c.score_5, c.score_4, c.score_3, c.score_none, c.score_valid, c.score_group, c.score_first, c.offer_hours";

/// What saving or deciding an application needs of its event: its titles, dates and status, its
/// call and the call's weights. One query, not five: it is read on every submission of a
/// deadline rush.
#[derive(Clone, Debug, FromRow)]
pub struct CallFacts {
    pub title_vi: String,
    pub title_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: EventStatus,
    #[sqlx(flatten)]
    pub call: super::booths::CallRow,
    #[sqlx(flatten)]
    pub weights: CallWeights,
}

/// The event's [`CallFacts`]; `None` when it has no call (or there is no such event).
pub async fn call_facts(db: &Db, event_id: i64) -> Result<Option<CallFacts>, ServerError> {
    let sql = format!(
        "select e.title_vi, e.title_en, e.starts_at, e.ends_at, e.status, {}, {WEIGHT_COLUMNS} \
         from application_call c join event e on e.event_id = c.event_id where c.event_id = $1",
        super::booths::CALL_COLUMNS
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_optional(pool).await)?)
}

// ---- the private feed ---------------------------------------------------------------------------

pub async fn set_feed(tx: &mut Tx, producer_id: i64, token_hash: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let sql = "insert into producer_feed (producer_id, token_hash, created_at) values ($1, $2, $3) \
               on conflict (producer_id) do update set token_hash = $2, created_at = $3";
    tx_run!(tx, conn => sqlx::query(sql).bind(producer_id).bind(token_hash.to_string()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_feed(tx: &mut Tx, producer_id: i64) -> Result<(), ServerError> {
    tx_run!(tx, conn => sqlx::query("delete from producer_feed where producer_id = $1").bind(producer_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn has_feed(db: &Db, producer_id: i64) -> Result<bool, ServerError> {
    let row: Option<(i64,)> = db_run!(db, pool => sqlx::query_as("select producer_id from producer_feed where producer_id = $1")
        .bind(producer_id).fetch_optional(pool).await)?;
    Ok(row.is_some())
}

pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, ServerError> {
    let row: Option<(i64,)> = db_run!(db, pool => sqlx::query_as("select producer_id from producer_feed where token_hash = $1")
        .bind(token_hash.to_string()).fetch_optional(pool).await)?;
    Ok(row.map(|r| r.0))
}

/// A document attached to an application for one question.
#[derive(Clone, Debug, FromRow)]
pub struct DocumentRow {
    pub application_id: i64,
    pub question_id: i64,
    pub file_name: String,
    pub size_bytes: i64,
}

/// The documents of one application.
pub async fn documents(db: &Db, application_id: i64) -> Result<Vec<DocumentRow>, ServerError> {
    let sql = "select application_id, question_id, file_name, size_bytes from application_file \
               where application_id = $1 order by question_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(application_id).fetch_all(pool).await)?)
}

/// The documents of every application of an event.
pub async fn documents_of_event(db: &Db, event_id: i64) -> Result<Vec<DocumentRow>, ServerError> {
    let sql = "select f.application_id, f.question_id, f.file_name, f.size_bytes from application_file f \
               join application a on a.application_id = f.application_id where a.event_id = $1 \
               order by f.application_id, f.question_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?)
}

/// Attaches a stored file for a question, replacing any earlier one; returns the earlier one's
/// stored name (to delete once committed).
pub async fn put_document(
    tx: &mut Tx,
    application_id: ApplicationId,
    question_id: i64,
    stored_name: &str,
    file_name: &str,
    size: i64,
    at: DateTime<Utc>,
) -> Result<Option<String>, ServerError> {
    let old: Option<(String,)> = tx_run!(tx, conn => sqlx::query_as(
        "delete from application_file where application_id = $1 and question_id = $2 returning stored_name")
        .bind(application_id).bind(question_id).fetch_optional(conn).await)?;
    let sql =
        "insert into application_file (application_id, question_id, stored_name, file_name, size_bytes, uploaded_at) \
               values ($1, $2, $3, $4, $5, $6)";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(application_id)
        .bind(question_id)
        .bind(stored_name.to_string())
        .bind(file_name.to_string())
        .bind(size)
        .bind(at)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(old.map(|o| o.0))
}

/// A document with what decides who may read it: (producer id, stored name, file name).
pub async fn document(
    db: &Db,
    application_id: ApplicationId,
    question_id: i64,
) -> Result<Option<(i64, String, String)>, ServerError> {
    let sql = "select a.producer_id, f.stored_name, f.file_name from application_file f \
               join application a on a.application_id = f.application_id \
               where f.application_id = $1 and f.question_id = $2";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(application_id).bind(question_id).fetch_optional(pool).await)?)
}

/// Booths offered to the waiting list and not answered yet.
pub async fn offers_pending(db: &Db) -> Result<i64, ServerError> {
    let sql = "select count(*) from application where status = 'offered'";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await)?)
}
