//! Accounts, sessions, one-time tokens, the audit log and throttling counts.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        account::{Role, Viewer},
        producer::ProducerKind,
        Lang,
    },
    tx_run,
};

/// A user row, as the services need it.
#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    pub user_id: i64,
    pub email: String,
    pub password_hash: Option<String>,
    pub full_name: String,
    pub role: Role,
    pub producer_id: Option<i64>,
    pub is_owner: bool,
    pub lang: Lang,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user_id: self.user_id,
            email: self.email.clone(),
            full_name: self.full_name.clone(),
            role: self.role,
            producer_id: self.producer_id,
            is_owner: self.is_owner,
            lang: self.lang,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}

const USER_COLUMNS: &str = "user_id, email, password_hash, full_name, role, producer_id, is_owner, lang, \
                            email_verified_at, disabled_at, created_at";

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, ServerError> {
    let sql = format!("select {USER_COLUMNS} from app_user where email = $1");
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(email.to_string()).fetch_optional(pool).await)?,
    )
}

pub async fn user_by_id(db: &Db, user_id: i64) -> Result<Option<UserRow>, ServerError> {
    let sql = format!("select {USER_COLUMNS} from app_user where user_id = $1");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user_id).fetch_optional(pool).await)?)
}

pub async fn user_by_email_tx(tx: &mut Tx, email: &str) -> Result<Option<UserRow>, ServerError> {
    let sql = format!("select {USER_COLUMNS} from app_user where email = $1");
    Ok(
        tx_run!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(email.to_string()).fetch_optional(conn).await)?,
    )
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: Option<&'a str>,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub role: Role,
    pub producer_id: Option<i64>,
    pub is_owner: bool,
    pub lang: Lang,
    pub verified: bool,
    pub now: DateTime<Utc>,
}

pub async fn insert_user(tx: &mut Tx, u: NewUser<'_>) -> Result<i64, ServerError> {
    let sql = "insert into app_user (email, password_hash, full_name, phone, role, producer_id, is_owner, lang, \
               email_verified_at, created_at, updated_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning user_id";
    let verified = u.verified.then_some(u.now);
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(u.email.to_string())
        .bind(u.password_hash.map(str::to_string))
        .bind(u.full_name.to_string())
        .bind(u.phone.map(str::to_string))
        .bind(u.role.code())
        .bind(u.producer_id)
        .bind(u.is_owner)
        .bind(u.lang.code())
        .bind(verified)
        .bind(u.now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

pub async fn set_password(
    tx: &mut Tx,
    user_id: i64,
    hash: &str,
    verify_email: bool,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql = "update app_user set password_hash = $2, updated_at = $3, \
               email_verified_at = case when $4 then coalesce(email_verified_at, $3) else email_verified_at end \
               where user_id = $1";
    tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(hash.to_string()).bind(now).bind(verify_email)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn mark_verified(tx: &mut Tx, user_id: i64, now: DateTime<Utc>) -> Result<(), ServerError> {
    let sql =
        "update app_user set email_verified_at = coalesce(email_verified_at, $2), updated_at = $2 where user_id = $1";
    tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_lang(db: &Db, user_id: i64, lang: Lang, now: DateTime<Utc>) -> Result<(), ServerError> {
    let sql = "update app_user set lang = $2, updated_at = $3 where user_id = $1";
    db_run!(db, pool => sqlx::query(sql).bind(user_id).bind(lang.code()).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Changes a staff member's role; returns false when there is no such staff or admin account.
pub async fn set_role(tx: &mut Tx, user_id: i64, role: Role, now: DateTime<Utc>) -> Result<bool, ServerError> {
    let sql = "update app_user set role = $2, updated_at = $3 where user_id = $1 and role in ('staff', 'admin')";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(role.code()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn set_disabled(tx: &mut Tx, user_id: i64, disabled: bool, now: DateTime<Utc>) -> Result<bool, ServerError> {
    let sql =
        "update app_user set disabled_at = case when $2 then $3 else null end, updated_at = $3 where user_id = $1";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(disabled).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// One line of the admin's user list.
#[derive(Clone, Debug, FromRow)]
pub struct UserListRow {
    pub user_id: i64,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
}

pub async fn list_users(db: &Db, limit: i64) -> Result<Vec<UserListRow>, ServerError> {
    let sql = "select u.user_id, u.email, u.full_name, u.role, p.name as organisation, u.email_verified_at, \
               u.disabled_at, u.created_at, (select max(s.last_seen_at) from user_session s where s.user_id = u.user_id) \
               as last_seen_at from app_user u left join producer p on p.producer_id = u.producer_id \
               order by case u.role when 'admin' then 0 when 'staff' then 1 else 2 end, u.email limit $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(limit).fetch_all(pool).await)?)
}

/// The users of one organisation.
pub async fn members(db: &Db, producer_id: i64) -> Result<Vec<UserListRow>, ServerError> {
    let sql = "select u.user_id, u.email, u.full_name, u.role, cast(null as text) as organisation, u.email_verified_at, \
               u.disabled_at, u.created_at, cast(null as timestamptz) as last_seen_at from app_user u where u.producer_id = $1 \
               order by u.is_owner desc, u.email";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}

// ---- sessions -------------------------------------------------------------------------------

pub struct NewSession<'a> {
    pub session_hash: &'a str,
    pub user_id: i64,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<&'a str>,
    pub client_ip: &'a str,
}

pub async fn insert_session(tx: &mut Tx, s: NewSession<'_>) -> Result<(), ServerError> {
    let sql = "insert into user_session (session_hash, user_id, created_at, last_seen_at, expires_at, user_agent, client_ip) \
               values ($1, $2, $3, $3, $4, $5, $6)";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(s.session_hash.to_string())
        .bind(s.user_id)
        .bind(s.now)
        .bind(s.expires_at)
        .bind(s.user_agent.map(|ua| ua.chars().take(300).collect::<String>()))
        .bind(s.client_ip.to_string())
        .execute(conn)
        .await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A live session and its user.
#[derive(Clone, Debug, FromRow)]
pub struct SessionUserRow {
    pub last_seen_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub user: UserRow,
}

/// The session with this hash, if it is within both timeouts and its user is enabled.
pub async fn live_session(
    db: &Db,
    session_hash: &str,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<Option<SessionUserRow>, ServerError> {
    let sql = "select s.last_seen_at, u.user_id, u.email, u.password_hash, u.full_name, u.role, u.producer_id, \
               u.is_owner, u.lang, u.email_verified_at, u.disabled_at, u.created_at \
               from user_session s join app_user u on u.user_id = s.user_id \
               where s.session_hash = $1 and s.expires_at > $2 and s.last_seen_at > $3 and u.disabled_at is null";
    Ok(
        db_run!(db, pool => sqlx::query_as(sql).bind(session_hash.to_string()).bind(now).bind(idle_since)
        .fetch_optional(pool).await)?,
    )
}

pub async fn touch_session(db: &Db, session_hash: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let sql = "update user_session set last_seen_at = $2 where session_hash = $1";
    db_run!(db, pool => sqlx::query(sql).bind(session_hash.to_string()).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_session(db: &Db, session_hash: &str) -> Result<(), ServerError> {
    let sql = "delete from user_session where session_hash = $1";
    db_run!(db, pool => sqlx::query(sql).bind(session_hash.to_string()).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends one of a user's sessions; false when it is not theirs or already over.
pub async fn delete_own_session(db: &Db, user_id: i64, session_hash: &str) -> Result<bool, ServerError> {
    let sql = "delete from user_session where session_hash = $1 and user_id = $2";
    let done = db_run!(db, pool => sqlx::query(sql).bind(session_hash.to_string()).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Ends every session of a user except `keep`.
pub async fn delete_sessions(tx: &mut Tx, user_id: i64, keep: Option<&str>) -> Result<u64, ServerError> {
    let sql = "delete from user_session where user_id = $1 and session_hash <> $2";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(keep.unwrap_or("").to_string())
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done)
}

#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    pub session_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub client_ip: Option<String>,
}

pub async fn sessions_of(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<Vec<SessionRow>, ServerError> {
    let sql = "select session_hash, created_at, last_seen_at, user_agent, client_ip from user_session \
               where user_id = $1 and expires_at > $2 order by last_seen_at desc";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(user_id).bind(now).fetch_all(pool).await)?)
}

// ---- one-time tokens ------------------------------------------------------------------------

pub async fn insert_token(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    purpose: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql =
        "insert into account_token (token_hash, user_id, purpose, expires_at, created_at) values ($1, $2, $3, $4, $5)";
    tx_run!(tx, conn => sqlx::query(sql).bind(token_hash.to_string()).bind(user_id).bind(purpose.to_string())
        .bind(expires_at).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks an unused, unexpired token of one of `purposes` as used and returns its user and purpose.
/// The update itself is the check, so two uses at once cannot both succeed.
pub async fn consume_token(
    tx: &mut Tx,
    token_hash: &str,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, ServerError> {
    let list = purposes.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "update account_token set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 \
         and purpose in ({list}) returning user_id, purpose"
    );
    Ok(
        tx_run!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(token_hash.to_string()).bind(now)
        .fetch_optional(conn).await)?,
    )
}

/// Is the token usable (for showing the form before it is used)?
pub async fn token_purpose(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<Option<String>, ServerError> {
    let sql = "select purpose from account_token where token_hash = $1 and used_at is null and expires_at > $2";
    let row: Option<(String,)> =
        db_run!(db, pool => sqlx::query_as(sql).bind(token_hash.to_string()).bind(now).fetch_optional(pool).await)?;
    Ok(row.map(|r| r.0))
}

/// Older unused links of the same purpose stop working when a new one is sent.
pub async fn revoke_tokens(tx: &mut Tx, user_id: i64, purpose: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let sql = "update account_token set used_at = $3 where user_id = $1 and purpose = $2 and used_at is null";
    tx_run!(tx, conn => sqlx::query(sql).bind(user_id).bind(purpose.to_string()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

// ---- audit log ------------------------------------------------------------------------------

/// One line of the audit log. Never a password or a token.
#[derive(Clone, Debug, Default)]
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub action: &'static str,
    pub object_type: Option<&'static str>,
    pub object_id: Option<String>,
    /// "success", "failure" or "denied"
    pub outcome: &'static str,
    pub client_ip: Option<String>,
    pub detail: Option<String>,
}

const AUDIT_SQL: &str =
    "insert into audit_log (at, actor_user_id, actor_email, action, object_type, object_id, outcome, \
                         client_ip, detail) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

macro_rules! bind_audit {
    ($q:expr, $e:expr, $now:expr) => {
        $q.bind($now)
            .bind($e.actor_user_id)
            .bind($e.actor_email.clone())
            .bind($e.action)
            .bind($e.object_type)
            .bind($e.object_id.clone())
            .bind($e.outcome)
            .bind($e.client_ip.clone())
            .bind($e.detail.clone())
    };
}

/// Writes an entry inside the transaction of the change it records.
pub async fn audit_tx(tx: &mut Tx, e: &AuditEntry, now: DateTime<Utc>) -> Result<(), ServerError> {
    tx_run!(tx, conn => bind_audit!(sqlx::query(AUDIT_SQL), e, now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Writes an entry on its own (failures, which change nothing else).
pub async fn audit(db: &Db, e: &AuditEntry, now: DateTime<Utc>) -> Result<(), ServerError> {
    db_run!(db, pool => bind_audit!(sqlx::query(AUDIT_SQL), e, now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Clone, Debug, FromRow, PartialEq, Eq)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub action: String,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub outcome: String,
    pub client_ip: Option<String>,
    pub detail: Option<String>,
}

/// The newest entries first.
pub async fn audit_rows(db: &Db, limit: i64) -> Result<Vec<AuditRow>, ServerError> {
    let sql = "select at, actor_user_id, actor_email, action, object_type, object_id, outcome, client_ip, detail \
               from audit_log order by audit_id desc limit $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(limit).fetch_all(pool).await)?)
}

// ---- throttling -----------------------------------------------------------------------------

/// How many hits `bucket` has had since `since`, and the oldest of them.
pub async fn hits_since(
    db: &Db,
    bucket: &str,
    since: DateTime<Utc>,
) -> Result<(i64, Option<DateTime<Utc>>), ServerError> {
    let sql = "select count(*), min(at) from throttle_hit where bucket = $1 and at > $2";
    let row: (i64, Option<DateTime<Utc>>) =
        db_run!(db, pool => sqlx::query_as(sql).bind(bucket.to_string()).bind(since).fetch_one(pool).await)?;
    Ok(row)
}

/// Counts a hit, forgetting this bucket's hits older than `forget_before`.
pub async fn hit(db: &Db, bucket: &str, now: DateTime<Utc>, forget_before: DateTime<Utc>) -> Result<(), ServerError> {
    let mut tx = db.begin_write().await?;
    tx_run!(&mut tx, conn => sqlx::query("delete from throttle_hit where bucket = $1 and at <= $2")
        .bind(bucket.to_string()).bind(forget_before).execute(conn).await.map(|r| r.rows_affected()))?;
    tx_run!(&mut tx, conn => sqlx::query("insert into throttle_hit (bucket, at) values ($1, $2)")
        .bind(bucket.to_string()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    tx.commit().await
}

/// Takes one hit from each bucket, all or none, in one writing transaction: when any bucket
/// already holds `max` hits since its `since`, nothing is recorded and that bucket's (count, oldest)
/// is answered. Concurrent takers are serialized (SQLite's writers' lock; on PostgreSQL an advisory
/// lock per bucket, taken in order), so a burst cannot all pass one count. Answers the recorded
/// hits' ids on success.
pub async fn take_hits(
    db: &Db,
    buckets: &[(&str, i64, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<Result<Vec<i64>, (usize, Option<DateTime<Utc>>)>, ServerError> {
    let mut tx = db.begin_write().await?;
    let mut order: Vec<&str> = buckets.iter().map(|b| b.0).collect();
    order.sort_unstable();
    for bucket in order {
        if let Tx::Postgres(t, ..) = &mut tx {
            sqlx::query("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(bucket.to_string())
                .execute(&mut **t)
                .await?;
        }
    }
    for (i, (bucket, max, since)) in buckets.iter().enumerate() {
        tx_run!(&mut tx, conn => sqlx::query("delete from throttle_hit where bucket = $1 and at <= $2")
            .bind(bucket.to_string()).bind(*since).execute(conn).await.map(|_| ()))?;
        let (count, oldest): (i64, Option<DateTime<Utc>>) = tx_run!(&mut tx, conn => sqlx::query_as(
            "select count(*), min(at) from throttle_hit where bucket = $1 and at > $2")
            .bind(bucket.to_string()).bind(*since).fetch_one(conn).await)?;
        if count >= *max {
            return Ok(Err((i, oldest)));
        }
    }
    let mut ids = Vec::with_capacity(buckets.len());
    for (bucket, ..) in buckets {
        let (id,): (i64,) = tx_run!(&mut tx, conn => sqlx::query_as(
            "insert into throttle_hit (bucket, at) values ($1, $2) returning hit_id")
            .bind(bucket.to_string()).bind(now).fetch_one(conn).await)?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(Ok(ids))
}

/// Gives hits back (a login that succeeded does not count against its address).
pub async fn release_hits(db: &Db, ids: &[i64]) -> Result<(), ServerError> {
    for id in ids {
        db_run!(db, pool => sqlx::query("delete from throttle_hit where hit_id = $1").bind(*id)
            .execute(pool).await.map(|_| ()))?;
    }
    Ok(())
}

/// Forgets a bucket (a successful login clears its account's failures).
pub async fn clear_hits(db: &Db, bucket: &str) -> Result<(), ServerError> {
    db_run!(db, pool => sqlx::query("delete from throttle_hit where bucket = $1").bind(bucket.to_string())
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

// ---- organisations --------------------------------------------------------------------------

/// Is this tax code registered already?
pub async fn tax_code_taken(tx: &mut Tx, tax_code: &str) -> Result<bool, ServerError> {
    let row: Option<(i64,)> = tx_run!(tx, conn => sqlx::query_as("select producer_id from producer where tax_code = $1")
        .bind(tax_code.to_string()).fetch_optional(conn).await)?;
    Ok(row.is_some())
}

pub async fn commune_exists(db: &Db, commune_id: i64) -> Result<bool, ServerError> {
    let row: Option<(i64,)> = db_run!(db, pool => sqlx::query_as("select commune_id from commune where commune_id = $1 and is_active")
        .bind(commune_id).fetch_optional(pool).await)?;
    Ok(row.is_some())
}

pub struct NewOrganisation<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub tax_code: &'a str,
    pub commune_id: Option<i64>,
    pub phone: &'a str,
    pub contact_person: &'a str,
    pub email: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_organisation(tx: &mut Tx, o: NewOrganisation<'_>) -> Result<i64, ServerError> {
    let sql = "insert into producer (kind, name, tax_code, commune_id, phone, contact_person, email, created_at, updated_at) \
               values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning producer_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(o.kind.to_string())
        .bind(o.name.to_string())
        .bind(o.tax_code.to_string())
        .bind(o.commune_id)
        .bind(o.phone.to_string())
        .bind(o.contact_person.to_string())
        .bind(o.email.to_string())
        .bind(o.now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

#[derive(Clone, Debug, FromRow)]
pub struct OrganisationRow {
    pub producer_id: i64,
    pub kind: ProducerKind,
    pub name: String,
    pub tax_code: Option<String>,
    pub commune_id: Option<i64>,
    pub phone: Option<String>,
    pub contact_person: Option<String>,
    pub email: Option<String>,
}

pub async fn organisation(db: &Db, producer_id: i64) -> Result<Option<OrganisationRow>, ServerError> {
    let sql = "select producer_id, kind, name, tax_code, commune_id, phone, contact_person, email from producer \
               where producer_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_optional(pool).await)?)
}

/// Counts for the consoles.
pub async fn count_users(db: &Db, role: &str) -> Result<i64, ServerError> {
    let row: (i64,) = db_run!(db, pool => sqlx::query_as("select count(*) from app_user where role = $1")
        .bind(role.to_string()).fetch_one(pool).await)?;
    Ok(row.0)
}

pub async fn count_producers(db: &Db) -> Result<i64, ServerError> {
    let row: (i64,) = db_run!(db, pool => sqlx::query_as("select count(*) from producer").fetch_one(pool).await)?;
    Ok(row.0)
}

pub async fn count_upcoming_events(db: &Db, now: DateTime<Utc>) -> Result<i64, ServerError> {
    let sql = "select count(*) from event where ends_at > $1 and status <> 'cancelled'";
    let row: (i64,) = db_run!(db, pool => sqlx::query_as(sql).bind(now).fetch_one(pool).await)?;
    Ok(row.0)
}

/// The user a token (used or not) belongs to.
pub async fn token_user(db: &Db, token_hash: &str) -> Result<Option<UserRow>, ServerError> {
    let sql = format!(
        "select {USER_COLUMNS} from app_user where user_id = (select user_id from account_token where token_hash = $1)"
    );
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(token_hash.to_string()).fetch_optional(pool).await)?,
    )
}
