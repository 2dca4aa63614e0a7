//! Setting the HTTP status of a server-rendered page (a no-op in the browser).

#[cfg(feature = "ssr")]
fn set_status(status: http::StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

pub fn not_found() {
    #[cfg(feature = "ssr")]
    set_status(http::StatusCode::NOT_FOUND);
}

pub fn unavailable() {
    #[cfg(feature = "ssr")]
    set_status(http::StatusCode::SERVICE_UNAVAILABLE);
}
