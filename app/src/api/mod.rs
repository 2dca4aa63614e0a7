//! Server functions, grouped by area: thin adapters from a request to one service call.

pub mod calendar;
pub mod error;

pub use error::ApiError;

/// The application state a server function runs with, or the error that says it is missing.
#[cfg(feature = "ssr")]
pub(crate) fn state() -> Result<crate::backend::AppState, ApiError> {
    leptos::prelude::use_context::<crate::backend::AppState>()
        .ok_or_else(|| ApiError::from(crate::backend::ServerError::NoState))
}
