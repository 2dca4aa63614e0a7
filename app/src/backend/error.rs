//! The one server-side error type. Internals arrive through `?`; what the client sees is decided
//! in `crate::api::ApiError`, never here.

use crate::domain::NewEventError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    #[error("invalid event: {0}")]
    InvalidEvent(#[from] NewEventError),
    #[error("unknown product group: {0}")]
    UnknownProductGroup(String),
    #[error("configuration: {0}")]
    Config(String),
    #[error("the request has no application state")]
    NoState,
}
