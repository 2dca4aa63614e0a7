//! The mail outbox.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{backend::ServerError, db_run, tx_run};

pub struct NewMailRow<'a> {
    pub message_id: &'a str,
    pub kind: &'a str,
    pub lang: &'a str,
    pub to_address: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, m: NewMailRow<'_>) -> Result<i64, ServerError> {
    let sql = "insert into mail_outbox (message_id, kind, lang, to_address, to_name, subject, text_body, html_body, \
               status, attempts, next_attempt_at, created_at, updated_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9, $9) returning mail_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(m.message_id.to_string())
        .bind(m.kind.to_string())
        .bind(m.lang.to_string())
        .bind(m.to_address.to_string())
        .bind(m.to_name.map(str::to_string))
        .bind(m.subject.to_string())
        .bind(m.text_body.to_string())
        .bind(m.html_body.to_string())
        .bind(m.now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

/// A row a worker has claimed and must now send.
#[derive(Clone, Debug, FromRow)]
pub struct ClaimedMail {
    pub mail_id: i64,
    pub message_id: String,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
}

/// Claims up to `limit` due rows for the worker holding `token`, until `claim_until`: pending rows
/// whose time has come, and rows whose previous claim ran out (a worker that died mid-send). On
/// PostgreSQL, `for update skip locked` lets several instances claim at once without taking the
/// same row; on SQLite the write lock of `BEGIN IMMEDIATE` does the same. The worker claims one
/// message at a time, just before sending it, so a claim only has to outlast one send.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    claim_until: DateTime<Utc>,
    limit: i64,
    token: &str,
) -> Result<Vec<ClaimedMail>, ServerError> {
    let lock = match db {
        Db::Sqlite(..) => "",
        Db::Postgres(_) => "for update skip locked",
    };
    let sql = format!(
        "update mail_outbox set status = 'sending', attempts = attempts + 1, claimed_until = $2, claim_token = $4, \
         updated_at = $1 \
         where mail_id in (select mail_id from mail_outbox \
           where (status = 'pending' and next_attempt_at <= $1) or (status = 'sending' and claimed_until < $1) \
           order by mail_id limit $3 {lock}) \
         returning mail_id, message_id, to_address, to_name, subject, text_body, html_body, attempts"
    );
    let mut tx = db.begin_write().await?;
    let rows: Vec<ClaimedMail> = tx_run!(&mut tx, conn => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(now).bind(claim_until).bind(limit).bind(token.to_string())
            .fetch_all(conn).await
    })?;
    // no cache holds the outbox: a counted commit would raise the change stamp, and every page,
    // table and report kept by it would be made again after each pass (every 5 s when idle,
    // once more for each message sent)
    tx.commit_uncounted().await?;
    Ok(rows)
}

/// Records a message as sent — only while the claim of `token` holds. `false`: another worker
/// took the message meanwhile (its claim ran out), and this one's word does not count.
pub async fn mark_sent(db: &Db, mail_id: i64, token: &str, now: DateTime<Utc>) -> Result<bool, ServerError> {
    let sql = "update mail_outbox set status = 'sent', sent_at = $2, claimed_until = null, claim_token = null, \
               last_error = null, updated_at = $2 where mail_id = $1 and claim_token = $3 and status = 'sending'";
    let done = db_run!(db, pool => sqlx::query(sql).bind(mail_id).bind(now).bind(token.to_string())
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Puts a row back for another try at `retry_at` — only while the claim of `token` holds.
pub async fn mark_retry(
    db: &Db,
    mail_id: i64,
    token: &str,
    error: &str,
    retry_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "update mail_outbox set status = 'pending', next_attempt_at = $3, claimed_until = null, \
               claim_token = null, last_error = $2, updated_at = $4 \
               where mail_id = $1 and claim_token = $5 and status = 'sending'";
    let done = db_run!(db, pool => sqlx::query(sql).bind(mail_id).bind(error.to_string()).bind(retry_at).bind(now)
        .bind(token.to_string()).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Gives a row up — only while the claim of `token` holds.
pub async fn mark_failed(
    db: &Db,
    mail_id: i64,
    token: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sql = "update mail_outbox set status = 'failed', claimed_until = null, claim_token = null, last_error = $2, \
               updated_at = $3 where mail_id = $1 and claim_token = $4 and status = 'sending'";
    let done = db_run!(db, pool => sqlx::query(sql).bind(mail_id).bind(error.to_string()).bind(now)
        .bind(token.to_string()).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// One row's state, for admins and tests.
#[derive(Clone, Debug, FromRow, PartialEq, Eq)]
pub struct MailState {
    pub mail_id: i64,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
}

pub async fn states(db: &Db) -> Result<Vec<MailState>, ServerError> {
    let sql =
        "select mail_id, message_id, status, attempts, last_error, next_attempt_at from mail_outbox order by mail_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// A message given up on, for the admin console.
#[derive(Clone, Debug, FromRow)]
pub struct FailedRow {
    pub mail_id: i64,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub async fn failed(db: &Db, limit: i64) -> Result<Vec<FailedRow>, ServerError> {
    let sql = "select mail_id, kind, to_address, subject, attempts, last_error, updated_at from mail_outbox \
               where status = 'failed' order by mail_id desc limit $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(limit).fetch_all(pool).await)?)
}

/// The outbox as an operator watches it: messages waiting (pending or being sent), failed for
/// good, and when the oldest waiting one was written.
#[derive(Clone, Debug, FromRow)]
pub struct OutboxState {
    pub waiting: i64,
    pub failed: i64,
    pub oldest_waiting: Option<DateTime<Utc>>,
}

pub async fn outbox_state(db: &Db) -> Result<OutboxState, ServerError> {
    let sql = "select \
        (select count(*) from mail_outbox where status in ('pending', 'sending')) as waiting, \
        (select count(*) from mail_outbox where status = 'failed') as failed, \
        (select min(created_at) from mail_outbox where status in ('pending', 'sending')) as oldest_waiting";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_one(pool).await)?)
}
