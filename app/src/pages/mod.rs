//! One module per route, grouped by audience, and the shell every page is rendered in.

pub mod public;
mod response;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    Lazy, ParamSegment, SsrMode, StaticSegment,
};

use crate::{components::layout::Layout, domain::Lang};
use public::{calendar::CalendarPage, event::EventRoute, home::HomePage, not_found::NotFound};

/// The language of this request: the `lang` cookie on the server, and in the browser whatever
/// the server rendered into `<html lang>`, so both render the same page.
#[cfg(feature = "ssr")]
fn detect_lang() -> Lang {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)?
                .to_str()
                .ok()
                .and_then(Lang::from_cookie_header)
        })
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn detect_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// The reader's language, provided by [`App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    response::content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
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
                </Routes>
            </Layout>
        </Router>
    }
}
