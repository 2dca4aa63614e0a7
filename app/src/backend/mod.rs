//! Everything that touches the outside world; compiled only for the server (`ssr`).

pub mod calendar;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod mail;
pub mod services;
pub mod state;
#[doc(hidden)]
pub mod testing;

pub use error::ServerError;
pub use state::AppState;

/// The current instant, to the whole second: every timestamp we store has that precision, so that
/// SQLite's text timestamps compare in time order.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    let n = chrono::Utc::now();
    chrono::DateTime::from_timestamp(n.timestamp(), 0).unwrap_or(n)
}
