//! Server functions, grouped by area: thin adapters from a request to one service call.

pub mod account;
pub mod applications;
pub mod booths;
pub mod budget;
pub mod catalogue;
pub mod dashboard;
pub mod deals;
pub mod directory;
pub mod error;
pub mod indicators;
pub mod inquiries;
pub mod outcomes;
pub mod planning;
pub mod producer_reports;
pub mod public;
pub mod sale_points;

pub use error::ApiError;

/// The application state a server function runs with, or the error that says it is missing.
#[cfg(feature = "ssr")]
pub(crate) fn state() -> Result<crate::backend::AppState, ApiError> {
    leptos::prelude::use_context::<crate::backend::AppState>()
        .ok_or_else(|| ApiError::from(crate::backend::ServerError::NoState))
}

/// Who is asking, from where, in which language (filled in by the router's auth layer).
#[cfg(feature = "ssr")]
pub(crate) fn request() -> crate::backend::auth::RequestInfo {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::backend::auth::RequestInfo>().cloned())
        .unwrap_or_default()
}

/// Turns a service's result into the server function's, giving the response the status (and,
/// when throttled, the `Retry-After`) that the error calls for. A plain form's error keeps the
/// redirect back to the form (the error rides in its query, `__err`, and the form shows it): a 4xx
/// status would override the redirect and leave the person on a bare error page.
#[cfg(feature = "ssr")]
pub(crate) fn reply<T, E: Into<ApiError>>(result: Result<T, E>) -> Result<T, ApiError> {
    result.map_err(|e| {
        let e = e.into();
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if !plain_form() {
                if let Ok(status) = http::StatusCode::from_u16(e.status()) {
                    response.set_status(status);
                }
            }
            if let ApiError::TooManyRequests { retry_after } = &e {
                response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(*retry_after));
            }
        }
        e
    })
}

/// When a plain HTML form (no JavaScript yet, or none at all) called the server function, sends
/// the browser on to `path` instead of back to the form, so the person sees the outcome. Calls from
/// the hydrated page ask for JSON and are left alone.
#[cfg(feature = "ssr")]
pub(crate) fn plain_form_goes_to(path: &str) {
    if plain_form() {
        leptos_axum::redirect(path);
    }
}

/// Did a plain HTML form make this call? The browser then asks for HTML; the hydrated page's
/// calls ask for JSON.
#[cfg(feature = "ssr")]
fn plain_form() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
    })
}
