//! What pages use beside the context (`crate::context`): head texts, lazy routes, the page's
//! address (query and `:id`), reloading, and the guard that refuses a page to the wrong person.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::paths;
use crate::{
    context::{use_lang, use_viewer},
    domain::account::Role,
};

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

/// Declares a lazy route that shows one page component. Its name must be unique across the
/// pages, not only in its module: the wasm splitter names a route's module after it, and two
/// routes of one name share one module, each page then loading both (the test below).
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $crate::pages::support::mark_page_ready();
                view! { <$page /> }.into_any()
            }
        }
    };
}
pub(crate) use lazy_page;

/// Called in a lazy route's view: once its chunk is in and it has hydrated, `<html>` carries
/// `data-page-ready` (only a browser runs effects). A lazy page becomes interactive after the rest
/// of the app (`data-hydrated`), so the end-to-end tests wait for this before they click, and a
/// phone's visit (`end2end/first-visit.mjs`) counts a lazy page as hydrated only then.
pub(crate) fn mark_page_ready() {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-page-ready", "true");
        }
    });
}

/// Loads a page afresh (after login the whole page, header included, shows the new person).
pub(crate) fn reload_at(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// A query parameter of the page's address ("" when absent).
pub(crate) fn query(name: &'static str) -> Memo<String> {
    let q = use_query_map();
    Memo::new(move |_| q.with(|q| q.get(name).unwrap_or_default()))
}

/// The `:id` of the page's address (0 when absent or not a number).
pub(crate) fn id_param() -> Memo<i64> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0)))
}

/// Shown instead of a page that needs a login (401) or another role (403).
#[component]
pub(crate) fn Refused(role_needed: bool) -> impl IntoView {
    let lang = use_lang();
    super::response::set_status_code(if role_needed { 403 } else { 401 });
    view! {
        <section class="message" role="alert">
            <h1>{if role_needed { lang.a().forbidden } else { lang.a().sign_in_needed }}</h1>
            <p><a class="button" href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a></p>
        </section>
    }
}

/// The page, or [`Refused`] when the viewer may not see it.
pub(crate) fn guarded(allowed: impl Fn(Role) -> bool, page: impl FnOnce() -> AnyView) -> AnyView {
    match use_viewer() {
        None => view! { <Refused role_needed=false /> }.into_any(),
        Some(v) if !allowed(v.role) => view! { <Refused role_needed=true /> }.into_any(),
        Some(_) => page(),
    }
}

/// What a link to a public page shows when it is shared (Zalo, Facebook): Open Graph's title,
/// description, canonical address and, where the page has one, a picture (absolute addresses).
#[component]
pub(crate) fn OpenGraph(title: String, description: String, url: String, image: Option<String>) -> impl IntoView {
    use leptos_meta::Meta;
    let lang = use_lang();
    view! {
        <Meta property="og:type" content="website" />
        <Meta property="og:site_name" content=lang.t().site_name />
        <Meta property="og:locale" content=if lang == crate::domain::Lang::Vi { "vi_VN" } else { "en_US" } />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url />
        {image.map(|i| view! { <Meta property="og:image" content=i /> })}
    }
}

#[cfg(test)]
mod tests {
    /// The names of the lazy routes declared under `dir`, with the file of each.
    fn lazy_routes(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                lazy_routes(&path, found);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let name = if let Some(rest) = line.strip_prefix("lazy_page!(") {
                    rest.split(',').next()
                } else if line.trim() == "#[lazy_route]" {
                    // `impl LazyRoute for Name {` on the next line
                    lines
                        .get(i + 1)
                        .and_then(|l| l.split(" for ").nth(1))
                        .and_then(|l| l.split_whitespace().next())
                } else {
                    None
                };
                if let Some(name) = name {
                    found.push((name.trim().to_string(), path.display().to_string()));
                }
            }
        }
    }

    #[test]
    fn every_lazy_route_has_a_name_of_its_own() {
        let mut found = Vec::new();
        lazy_routes(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages"),
            &mut found,
        );
        // the control: the routes are found at all (the public event page is one, written by hand)
        assert!(found.len() > 20, "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "EventRoute"), "{found:?}");
        found.sort();
        for pair in found.windows(2) {
            assert!(
                pair[0].0 != pair[1].0,
                "two lazy routes named {}: {} and {} would share one wasm module",
                pair[0].0,
                pair[0].1,
                pair[1].1
            );
        }
    }
}
