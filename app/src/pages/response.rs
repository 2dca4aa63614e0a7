//! The HTTP status and headers of a server-rendered page (no-ops in the browser).

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

/// The Content-Security-Policy of a page: scripts only from this site or carrying this response's
/// nonce (which Leptos puts on its own inline scripts), wasm allowed to compile, nothing framed,
/// no plugins, no `<base>` tricks, forms only to this site.
pub fn content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
             object-src 'none'; base-uri 'none'; form-action 'self'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Any status, by number (no-op in the browser).
pub fn set_status_code(code: u16) {
    #[cfg(feature = "ssr")]
    if let Ok(status) = http::StatusCode::from_u16(code) {
        set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
