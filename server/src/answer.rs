//! How the routes outside server functions (uploads, exports, feeds) answer a service's error: one
//! small page in the reader's language, with the status the error calls for
//! ([`ServiceError::status`], the same as a server function's).

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};

use app::domain::paths;
use app::{
    backend::{auth::Denied, services::ServiceError},
    domain::Lang,
};

pub use app::domain::text::escape_html as esc;

/// A page with one message and a way back.
pub fn page(lang: Lang, status: StatusCode, message: &str, back: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/xttm.css\"></head><body><main class=\"wrap\"><section class=\"message\" role=\"alert\">\
         <p>{}</p><p><a href=\"{}\">← {}</a></p></section></main></body></html>",
        lang.code(),
        esc(lang.t().site_name),
        esc(message),
        esc(back),
        esc(lang.tr("Quay lại", "Back")),
    );
    (status, Html(body)).into_response()
}

/// The answer to a service's error; `back` is where the person came from.
pub fn refusal(e: ServiceError, lang: Lang, back: &str) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let back = match &e {
        ServiceError::Denied(Denied::SignInNeeded) => paths::LOGIN,
        ServiceError::Denied(Denied::Forbidden) | ServiceError::NotFound => paths::HOME,
        _ => back,
    };
    let retry_after = match &e {
        ServiceError::TooMany(wait) => Some(wait.0),
        _ => None,
    };
    let mut res = page(lang, status, &e.message(lang), back);
    if let Some(v) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}
