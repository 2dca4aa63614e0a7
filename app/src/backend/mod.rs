//! Everything that touches the outside world; compiled only for the server (`ssr`).

pub mod auth;
pub mod charts;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod icalendar;
pub mod mail;
pub mod metrics;
pub mod services;
pub mod stamp_cache;
pub mod state;
pub mod templates;
/// Test support: fresh databases and fixtures (the `testing` feature, never in the server build).
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::ServerError;
pub use state::AppState;

/// Logs an internal error in full under a short reference, and returns the reference: users see
/// only the reference, never the error.
pub fn log_failure(error: &dyn std::fmt::Display) -> String {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase();
    tracing::error!(reference = %reference, error = %error, "request failed");
    reference
}

/// The current instant, to the whole second: every timestamp we store has that precision, so that
/// SQLite's text timestamps compare in time order.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    let n = chrono::Utc::now();
    chrono::DateTime::from_timestamp(n.timestamp(), 0).unwrap_or(n)
}
