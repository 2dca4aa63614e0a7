//! One module per route, grouped by audience, and the shell every page is rendered in.

pub mod account;
pub mod apply;
pub mod booths;
pub mod catalogue;
pub mod console;
pub mod outcomes;
pub mod page_data;
pub mod public;
pub(crate) mod response;
pub mod review;
pub mod staff;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    Lazy, ParamSegment, SsrMode, StaticSegment,
};

use crate::{
    components::layout::Layout,
    domain::{account::Viewer, Lang},
};
use public::{calendar::CalendarPage, event::EventRoute, home::HomePage, not_found::NotFound};

/// What the router's auth layer learnt about this request.
#[cfg(feature = "ssr")]
fn request_info() -> Option<crate::backend::auth::RequestInfo> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<crate::backend::auth::RequestInfo>().cloned())
}

/// The language of this request: the account's or the `lang` cookie's on the server, and in the
/// browser whatever the server rendered into `<html lang>`, so both render the same page.
#[cfg(feature = "ssr")]
fn detect_lang() -> Lang {
    request_info().map(|r| r.lang).unwrap_or_default()
}

/// Who is logged in: the session on the server; in the browser, what the server wrote into
/// `<html data-viewer>` (a login or logout reloads the page, so it never goes stale).
#[cfg(feature = "ssr")]
fn detect_viewer() -> Option<Viewer> {
    request_info().and_then(|r| r.session.map(|s| s.viewer))
}

#[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
fn detect_viewer() -> Option<Viewer> {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("data-viewer"))
        .and_then(|json| serde_json::from_str(&json).ok())
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn detect_viewer() -> Option<Viewer> {
    None
}

/// The signed-in person, provided by [`App`].
pub fn use_viewer() -> Option<Viewer> {
    use_context::<Option<Viewer>>().flatten()
}

#[cfg(not(feature = "ssr"))]
fn detect_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// A head text (a page's `<Title>`) that follows the page's state in the browser and is read once,
/// at once, on the server. leptos_meta writes the head after the body has rendered, outside the
/// request's reactive arena: arenas are per request and set per poll on the worker thread, so a
/// closure reading a signal there may look in another request's arena and panic ("already
/// disposed"; 4 % of `/lich` under 32 connections). Any head text that reads a signal goes
/// through here.
pub fn head_text(text: impl Fn() -> String + Send + Sync + 'static) -> leptos::text_prop::TextProp {
    #[cfg(feature = "ssr")]
    {
        text().into()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.into()
    }
}

/// The reader's language, provided by [`App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    let viewer = detect_viewer().and_then(|v| serde_json::to_string(&v).ok());
    response::content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() data-viewer=viewer>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d3b" />
                // static links live here rather than in App, keeping them out of the wasm bundle
                <link rel="stylesheet" id="leptos" href="/pkg/xttm.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="alternate" type="text/calendar" title=lang.t().nav_feed href="/calendar.ics" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = detect_lang();
    provide_context(lang);
    provide_context(detect_viewer());
    // Only a browser runs effects: the end-to-end tests read this to know the page is live.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    let t = lang.t();
    view! {
        <Meta name="description" content=t.home_lead />
        <Title formatter=move |text: String| if text.is_empty() { t.site_name.to_string() } else { format!("{text} · {}", t.site_name) } />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("lich") view=CalendarPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("su-kien"), ParamSegment("id"))
                        view={Lazy::<EventRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("ket-qua") view={Lazy::<outcomes::ResultsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("dang-nhap") view={Lazy::<account::LoginRoute>::new()} />
                    <Route path=StaticSegment("dang-ky") view={Lazy::<account::SignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("xac-minh-email") view={Lazy::<account::VerifyRoute>::new()} />
                    <Route path=StaticSegment("quen-mat-khau") view={Lazy::<account::ForgotRoute>::new()} />
                    <Route path=StaticSegment("dat-mat-khau") view={Lazy::<account::SetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("tai-khoan") view={Lazy::<account::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("doanh-nghiep") view={Lazy::<console::ProducerRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("doanh-nghiep"), StaticSegment("ho-so"), ParamSegment("id"))
                        view={Lazy::<apply::ApplyRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("can-bo") view={Lazy::<console::StaffRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment("can-bo"), StaticSegment("su-kien")) view={Lazy::<staff::StaffEventsRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("su-kien"), ParamSegment("id"))
                        view={Lazy::<staff::EventEditorRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("su-kien"), ParamSegment("id"), StaticSegment("ho-so"))
                        view={Lazy::<review::ReviewRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("su-kien"), ParamSegment("id"), StaticSegment("ket-qua"))
                        view={Lazy::<outcomes::OutcomesRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("quan-tri") view={Lazy::<console::AdminRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
