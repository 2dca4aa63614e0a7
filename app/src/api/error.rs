//! What a client is told when a server function fails: a small vocabulary the pages turn into a
//! sentence in the reader's language. Internals are logged on the server, never sent.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::{account::FieldError, Lang};

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
    /// Form fields to correct, each with its message in the reader's language.
    #[error("invalid fields")]
    Fields(Vec<FieldError>),
    /// Nobody is logged in (401).
    #[error("sign-in needed")]
    Unauthorized,
    /// Logged in, but not allowed (403).
    #[error("forbidden")]
    Forbidden,
    /// Throttled (429); try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
}

impl ApiError {
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            ApiError::NotFound => t.not_found_body.to_string(),
            ApiError::Invalid(m) => m.clone(),
            ApiError::Unavailable { reference } => format!("{} {}: {reference}", t.error_body, t.error_reference),
            ApiError::Request(_) => t.error_body.to_string(),
            ApiError::Fields(fields) => fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" "),
            ApiError::Unauthorized => lang.a().sign_in_needed.to_string(),
            ApiError::Forbidden => lang.a().forbidden.to_string(),
            ApiError::TooManyRequests { retry_after } => format!("{} {retry_after}", lang.a().too_many),
        }
    }

    /// The message for one form field, if this error has one.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            ApiError::Fields(fields) => fields.iter().find(|f| f.field == name).map(|f| f.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status the response carries.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound => 404,
            ApiError::Invalid(_) | ApiError::Fields(_) | ApiError::Request(_) => 400,
            ApiError::Unauthorized => 401,
            ApiError::Forbidden => 403,
            ApiError::TooManyRequests { .. } => 429,
            ApiError::Unavailable { .. } => 503,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server, a body that does not decode (truncated, a field missing or of the wrong
        // type) is the client's error: 400, not the 500 the server-function layer would send.
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)
        ) {
            if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::BAD_REQUEST);
            }
        }
        ApiError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::ServerError> for ApiError {
    fn from(e: crate::backend::ServerError) -> Self {
        ApiError::Unavailable {
            reference: crate::backend::log_failure(&e),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::services::ServiceError> for ApiError {
    fn from(e: crate::backend::services::ServiceError) -> Self {
        use crate::backend::{auth::Denied, services::ServiceError as S};
        match e {
            S::Fields(f) => ApiError::Fields(f),
            S::Refused(r) => ApiError::Invalid(r.message(crate::api::request().lang)),
            S::TooMany(wait) => ApiError::TooManyRequests { retry_after: wait.0 },
            S::Denied(Denied::SignInNeeded) => ApiError::Unauthorized,
            S::Denied(Denied::Forbidden) => ApiError::Forbidden,
            S::NotFound => ApiError::NotFound,
            S::Server(e) => e.into(),
        }
    }
}
