//! What every request handler and server function can reach.

use std::sync::Arc;

use super::{config::Config, db::Db, services::applications::ReviewCache};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Ranked review tables, kept while the database is unchanged.
    pub review_cache: Arc<ReviewCache>,
    /// What this process has done, counted.
    pub counters: Arc<Counters>,
    /// The requests this process has answered, for `/metrics`.
    pub http: Arc<super::metrics::HttpMetrics>,
    /// The year's dashboards and reports, kept while the database is unchanged.
    pub year_cache: Arc<super::services::dashboard::YearCache>,
}

/// Counts kept by one server process.
#[derive(Debug, Default)]
pub struct Counters {
    /// argon2 verifications run by logins and password changes (one per attempt, whether or
    /// not the account exists).
    pub argon2_verifications: std::sync::atomic::AtomicU64,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> AppState {
        super::auth::password::prepare();
        AppState {
            db,
            config: Arc::new(config),
            review_cache: Arc::default(),
            counters: Arc::default(),
            http: Arc::default(),
            year_cache: Arc::default(),
        }
    }
}
