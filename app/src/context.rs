//! What every view reads from its context: the reader's language and who is signed in. The
//! server learns both from the request; the browser reads back what the server rendered into
//! `<html>`, so both sides render the same page. Provided by [`crate::App`].

use leptos::prelude::*;

use crate::domain::{account::Viewer, Lang};

/// What the router's auth layer learnt about this request.
#[cfg(feature = "ssr")]
fn request_info() -> Option<crate::backend::auth::RequestInfo> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<crate::backend::auth::RequestInfo>().cloned())
}

/// The language of this request: the account's or the `lang` cookie's on the server, and in the
/// browser whatever the server rendered into `<html lang>`, so both render the same page.
#[cfg(feature = "ssr")]
pub(crate) fn detect_lang() -> Lang {
    request_info().map(|r| r.lang).unwrap_or_default()
}

/// Who is logged in: the session on the server; in the browser, what the server wrote into
/// `<html data-viewer>` (a login or logout reloads the page, so it never goes stale).
#[cfg(feature = "ssr")]
pub(crate) fn detect_viewer() -> Option<Viewer> {
    request_info().and_then(|r| r.session.map(|s| s.viewer))
}

#[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
pub(crate) fn detect_viewer() -> Option<Viewer> {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("data-viewer"))
        .and_then(|json| serde_json::from_str(&json).ok())
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub(crate) fn detect_viewer() -> Option<Viewer> {
    None
}

/// The signed-in person, provided by [`crate::App`].
pub fn use_viewer() -> Option<Viewer> {
    use_context::<Option<Viewer>>().flatten()
}

#[cfg(not(feature = "ssr"))]
pub(crate) fn detect_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// The reader's language, provided by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
