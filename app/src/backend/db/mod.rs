//! The database handle and all SQL, one file per area.
//!
//! SQLite is the embedded default, PostgreSQL the scale-out path. SQL is written once in the common
//! dialect (`$1` placeholders, `returning`) and run on either pool by [`db_run!`]; where the
//! dialects differ, both strings stand side by side in the one function that needs them.

pub mod account;
pub mod application;
pub mod booths;
pub mod budget;
pub mod catalogue;
mod coded;
pub mod dashboard;
pub mod directory;
pub mod event;
pub mod files;
pub mod inquiries;
pub mod mail;
pub mod outcomes;
pub mod producer;
pub mod producer_report;
pub mod reference;
pub mod sale_points;

use std::{
    str::FromStr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

use sqlx::{
    postgres::{PgPoolOptions, Postgres},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, Sqlite, SqlitePool, Transaction,
};

use super::ServerError;

#[derive(Clone, Debug)]
pub enum Db {
    /// The pool, the lock its writers queue on (see [`Db::begin_write`]) and the count of writing
    /// transactions committed through it (see [`Db::change_stamp`]).
    Sqlite(SqlitePool, Arc<tokio::sync::Mutex<()>>, Arc<AtomicU64>),
    Postgres(PgPool),
}

/// A writing transaction on either backend (on SQLite, with the writers' lock held until it ends).
/// The last element of each: whether a message was queued in it (the mail worker is woken after
/// the commit, see [`Tx::queued_mail`]).
pub enum Tx {
    Sqlite(
        Transaction<'static, Sqlite>,
        tokio::sync::OwnedMutexGuard<()>,
        Arc<AtomicU64>,
        bool,
    ),
    /// The transaction, and its pool (to raise the change stamp after the commit).
    Postgres(Transaction<'static, Postgres>, PgPool, bool),
}

/// Runs the same expression on whichever pool (or transaction) `$db` holds.
///
/// `db_run!(db, pool => sqlx::query("…").execute(pool).await)`
#[macro_export]
macro_rules! db_run {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::backend::db::Db::Sqlite($pool, ..) => $body,
            $crate::backend::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Like [`db_run!`] for a [`Tx`]: `$conn` is the transaction's connection.
#[macro_export]
macro_rules! tx_run {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::backend::db::Tx::Sqlite(t, ..) => {
                let $conn = &mut **t;
                $body
            }
            $crate::backend::db::Tx::Postgres(t, ..) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// How long a PostgreSQL connection may have been idle in the pool and still be handed out
/// unchecked: one used this recently was alive then.
pub const CHECKED_AFTER_IDLE: Duration = Duration::from_secs(1);

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Connects to `sqlite://path` (the file and its folder are created when missing) or to
    /// `postgres://…`.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, ServerError> {
        Db::open(url, max_connections, 0).await
    }

    /// Connects as [`Db::connect`] does, and keeps all `max_connections` open, idle or not
    /// (sqlx would close an idle one after ten minutes): a rush of requests after a quiet spell
    /// finds them open, rather than its first requests each waiting for a new PostgreSQL
    /// connection. For the server; the tests, which open many pools, keep none.
    pub async fn connect_kept(url: &str, max_connections: u32) -> Result<Db, ServerError> {
        Db::open(url, max_connections, max_connections).await
    }

    async fn open(url: &str, max_connections: u32, kept: u32) -> Result<Db, ServerError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .min_connections(kept)
                // sqlx pings every connection it hands out: a round trip before each query
                // outside a transaction, ten to a submission. Only a connection idle for a while
                // is checked now (a rush's connections never are): 10–15 % more submissions a
                // second on PostgreSQL (docs/benchmarks.md). One that died while idle is still
                // replaced before any request sees it (the test `database::a_postgresql_connection_dropped_while_idle_is_replaced_unseen`).
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= CHECKED_AFTER_IDLE {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            return Ok(Db::Postgres(pool));
        }
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            let file = path.split('?').next().unwrap_or(path);
            if let Some(dir) = std::path::Path::new(file)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| ServerError::Config(format!("cannot create {}: {e}", dir.display())))?;
            }
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .min_connections(kept)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(
            pool,
            Arc::new(tokio::sync::Mutex::new(())),
            Arc::new(AtomicU64::new(0)),
        ))
    }

    pub async fn migrate(&self) -> Result<(), ServerError> {
        match self {
            Db::Sqlite(p, ..) => SQLITE_MIGRATOR.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATOR.run(p).await?,
        }
        directory::fill_search_texts(self).await?;
        Ok(())
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(..) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Writes a consistent copy of a SQLite database to `path` while it serves (`VACUUM INTO`
    /// reads in one transaction: the copy holds exactly what was committed when it began, and
    /// writers are not held up). A PostgreSQL database is backed up with `pg_dump` instead
    /// (docs/operations.md).
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), ServerError> {
        let Db::Sqlite(pool, ..) = self else {
            return Err(ServerError::Config(
                "a PostgreSQL database is backed up with pg_dump (docs/operations.md)".into(),
            ));
        };
        if path.exists() {
            return Err(ServerError::Config(format!("{} exists already", path.display())));
        }
        let target = path
            .to_str()
            .ok_or_else(|| ServerError::Config(format!("{}: not a UTF-8 path", path.display())))?
            .replace('\'', "''");
        sqlx::query(sqlx::AssertSqlSafe(format!("vacuum into '{target}'")))
            .execute(pool)
            .await?;
        Ok(())
    }

    /// SQLite's own check of a database file: `ok`, or what is wrong.
    pub async fn integrity(&self) -> Result<String, ServerError> {
        match self {
            Db::Sqlite(pool, ..) => {
                let rows: Vec<(String,)> = sqlx::query_as("pragma integrity_check").fetch_all(pool).await?;
                Ok(rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("; "))
            }
            Db::Postgres(_) => Ok("ok".into()),
        }
    }

    /// Is the database reachable? For `/healthz`.
    /// The pool's connections: (open, idle).
    pub fn pool_state(&self) -> (u32, usize) {
        match self {
            Db::Sqlite(pool, ..) => (pool.size(), pool.num_idle()),
            Db::Postgres(pool) => (pool.size(), pool.num_idle()),
        }
    }

    pub async fn ping(&self) -> Result<(), ServerError> {
        db_run!(self, pool => sqlx::query("select 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Begins a writing transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers queue instead of one failing with "database is
    /// locked" when it tries to upgrade a read lock; and this process's writers queue first on
    /// an async lock, in order, rather than in SQLite's busy handler, whose sleeps (up to 100 ms
    /// a try) made the slow tail of a deadline rush (docs/benchmarks.md). Another process
    /// writing to the same file still meets the busy timeout.
    pub async fn begin_write(&self) -> Result<Tx, ServerError> {
        Ok(match self {
            Db::Sqlite(p, writers, commits) => {
                let turn = tokio::time::timeout(Duration::from_secs(10), writers.clone().lock_owned())
                    .await
                    .map_err(|_| ServerError::Database(sqlx::Error::PoolTimedOut))?;
                Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?, turn, commits.clone(), false)
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?, p.clone(), false),
        })
    }

    pub async fn close(&self) {
        db_run!(self, pool => pool.close().await)
    }

    /// A number that grows after every writing transaction ([`Db::begin_write`]) commits, for
    /// caches of what is read: read it *before* the data it stands for, and the data is at least as
    /// new as the number. On PostgreSQL it is the sequence `change_stamp`, raised after each commit
    /// by whichever server instance made it; on SQLite (one server process, the embedded default)
    /// a count kept by this handle. Writes that bypass `begin_write` (sessions, throttling, mail)
    /// or end in [`Tx::commit_uncounted`] (the mail outbox's claims) do not count, and must not
    /// change what a cache holds.
    pub async fn change_stamp(&self) -> Result<i64, ServerError> {
        Ok(match self {
            Db::Sqlite(_, _, commits) => i64::try_from(commits.load(Ordering::SeqCst)).unwrap_or(i64::MAX),
            Db::Postgres(p) => {
                let (n,): (i64,) = sqlx::query_as("select last_value from change_stamp")
                    .fetch_one(p)
                    .await?;
                n
            }
        })
    }
}

impl Tx {
    /// A message was queued in this transaction: the mail worker is woken once it commits.
    pub fn queued_mail(&mut self) {
        match self {
            Tx::Sqlite(.., queued) | Tx::Postgres(.., queued) => *queued = true,
        }
    }

    pub async fn commit(self) -> Result<(), ServerError> {
        self.end(true).await
    }

    /// Commits a change to what no cache holds (the mail outbox's claims), without raising the
    /// change stamp: every page, table and report kept by it stays valid.
    pub async fn commit_uncounted(self) -> Result<(), ServerError> {
        self.end(false).await
    }

    async fn end(self, counted: bool) -> Result<(), ServerError> {
        let queued = match self {
            Tx::Sqlite(t, _turn, commits, queued) => {
                t.commit().await?;
                // after the commit: a reader that sees the new count also sees the new data
                if counted {
                    commits.fetch_add(1, Ordering::SeqCst);
                }
                queued
            }
            Tx::Postgres(t, pool, queued) => {
                t.commit().await?;
                // after the commit, as on SQLite; the write is done even if this fails (a cache
                // may then show the old data until the next write)
                if counted {
                    if let Err(e) = sqlx::query("select nextval('change_stamp')").execute(&pool).await {
                        tracing::warn!(error = %e, "the change stamp was not raised");
                    }
                }
                queued
            }
        };
        if queued {
            crate::backend::mail::wake();
        }
        Ok(())
    }
}

/// A value bound to a query built at run time.
#[derive(Clone, Debug)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
    Time(chrono::DateTime<chrono::Utc>),
    Date(chrono::NaiveDate),
}

/// Collects `where` clauses and their bound values, numbering placeholders as it goes.
#[derive(Default)]
pub(crate) struct Clauses {
    pub sql: Vec<String>,
    pub binds: Vec<Bind>,
}

impl Clauses {
    /// Adds a value and returns its placeholder, `$n`.
    pub fn arg(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    pub fn push(&mut self, clause: String) {
        self.sql.push(clause);
    }

    pub fn where_sql(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("where {}", self.sql.join(" and "))
        }
    }
}

/// Binds [`Bind`] values, in order, onto a query for either backend.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                $crate::backend::db::Bind::Text(v) => q.bind(v.clone()),
                $crate::backend::db::Bind::Int(v) => q.bind(*v),
                $crate::backend::db::Bind::Time(v) => q.bind(*v),
                $crate::backend::db::Bind::Date(v) => q.bind(*v),
            };
        }
        q
    }};
}
pub(crate) use bind_all;
