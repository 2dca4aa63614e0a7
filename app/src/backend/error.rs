//! The one server-side error type. Internals arrive through `?`; what the client sees is decided
//! in `crate::api::ApiError`, never here.

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Data the program itself wrote (demo data, a migration's seed) broke a rule the schema
    /// does not enforce: a defect to fix, not a person's mistake.
    #[error("inconsistent data: {0}")]
    Data(String),
    #[error("configuration: {0}")]
    Config(String),
    #[error("the request has no application state")]
    NoState,
}
