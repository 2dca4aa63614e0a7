//! Setting the HTTP status of a server-rendered page (a no-op in the browser).

#[cfg(feature = "ssr")]
pub fn not_found() {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn not_found() {}

#[cfg(feature = "ssr")]
pub fn unavailable() {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn unavailable() {}
