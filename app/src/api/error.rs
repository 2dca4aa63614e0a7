//! What a client is told when a server function fails: a small vocabulary the pages turn into a
//! sentence in the reader's language. Internals are logged on the server, never sent.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The database or another dependency is down; try again later. `reference` names the
    /// logged error, so a user can quote it and staff can find it.
    #[error("service unavailable (reference {reference})")]
    Unavailable { reference: String },
    /// The request did not reach the function intact (network, encoding).
    #[error("request failed: {0}")]
    Request(String),
}

impl ApiError {
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            ApiError::NotFound => t.not_found_body.to_string(),
            ApiError::Invalid(m) => m.clone(),
            ApiError::Unavailable { reference } => format!("{} {}: {reference}", t.error_body, t.error_reference),
            ApiError::Request(_) => t.error_body.to_string(),
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::ServerError> for ApiError {
    fn from(e: crate::backend::ServerError) -> Self {
        use crate::backend::ServerError as S;
        match e {
            S::NotFound => ApiError::NotFound,
            S::InvalidEvent(err) => ApiError::Invalid(err.message(Lang::Vi)),
            other => ApiError::Unavailable {
                reference: crate::backend::log_failure(&other),
            },
        }
    }
}
