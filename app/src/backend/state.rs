//! What every request handler and server function can reach.

use std::sync::Arc;

use super::{config::Config, db::Db, services::applications::ReviewCache};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Ranked review tables, kept while the database is unchanged.
    pub review_cache: Arc<ReviewCache>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> AppState {
        AppState {
            db,
            config: Arc::new(config),
            review_cache: Arc::default(),
        }
    }
}
