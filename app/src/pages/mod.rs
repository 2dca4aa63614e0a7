//! The pages, grouped as their addresses are — `public` (no account), `account` (logging in,
//! passwords, my account), `producer` (`/doanh-nghiep`), `staff` (`/can-bo`), `admin`
//! (`/quan-tri`) — and the shell every page is rendered in, with the routes.

pub mod account;
pub mod admin;
pub mod page_data;
pub mod producer;
pub mod public;
pub(crate) mod response;
pub mod staff;
pub mod support;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    Lazy, ParamSegment, SsrMode, StaticSegment,
};

use crate::{
    components::layout::Layout,
    context::{detect_lang, detect_viewer},
    domain::paths::{self, seg},
};
use public::{calendar::CalendarPage, event::EventRoute, home::HomePage, not_found::NotFound};

/// Where the pages load the bundle from: `/v/{version}` before `/pkg`, the version changing with
/// the bundle's content so that browsers may keep it (the server's router gives it as context;
/// none: `/pkg` itself).
#[derive(Clone, Debug, Default)]
pub struct AssetRoot(pub String);

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let root = use_context::<AssetRoot>().unwrap_or_default().0;
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
                <link rel="stylesheet" id="leptos" href=format!("{root}/pkg/xttm.css") />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="alternate" type="text/calendar" title=lang.t().nav_feed href=paths::FEED />
                <HydrationScripts options root />
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
        // every page has a title, the site's name at least (one that failed sets none of its own)
        <Title text="" formatter=move |text: String| if text.is_empty() { t.site_name.to_string() } else { format!("{text} · {}", t.site_name) } />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::CALENDAR) view=CalendarPage ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::EVENT), ParamSegment("id"))
                        view={Lazy::<EventRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment(seg::RESULTS) view={Lazy::<public::results::ResultsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::PRODUCTS) view={Lazy::<public::directory::ProductsRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::PRODUCTS), ParamSegment("id"))
                        view={Lazy::<public::directory::ProductRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment(seg::PRODUCERS) view={Lazy::<public::directory::ProducersRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::PRODUCERS), ParamSegment("id"))
                        view={Lazy::<public::directory::ProducerRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment(seg::SALE_POINTS) view={Lazy::<public::sale_points::SalePointsRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::SALE_POINTS), ParamSegment("id"))
                        view={Lazy::<public::sale_points::SalePointRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=(StaticSegment(seg::INQUIRIES), StaticSegment(seg::CONFIRM)) view={Lazy::<public::inquiry::ConfirmInquiryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::LOGIN) view={Lazy::<account::LoginRoute>::new()} />
                    <Route path=StaticSegment(seg::SIGN_UP) view={Lazy::<account::SignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::VERIFY_EMAIL) view={Lazy::<account::VerifyRoute>::new()} />
                    <Route path=StaticSegment(seg::FORGOT_PASSWORD) view={Lazy::<account::ForgotRoute>::new()} />
                    <Route path=StaticSegment(seg::SET_PASSWORD) view={Lazy::<account::SetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::ACCOUNT) view={Lazy::<account::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::PRODUCER) view={Lazy::<producer::ProducerConsoleRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::PRODUCER), StaticSegment(seg::APPLICATIONS), ParamSegment("id"))
                        view={Lazy::<producer::apply::ApplyRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment(seg::PRODUCER), StaticSegment(seg::RESULTS_REPORT), ParamSegment("id"))
                        view={Lazy::<producer::report::ResultsReportRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment(seg::STAFF) view={Lazy::<staff::StaffRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::EVENT)) view={Lazy::<staff::events::StaffEventsRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment(seg::STAFF), StaticSegment(seg::EVENT), ParamSegment("id"))
                        view={Lazy::<staff::events::EventEditorRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment(seg::STAFF), StaticSegment(seg::EVENT), ParamSegment("id"), StaticSegment(seg::APPLICATIONS))
                        view={Lazy::<staff::review::ReviewRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment(seg::STAFF), StaticSegment(seg::EVENT), ParamSegment("id"), StaticSegment(seg::RESULTS))
                        view={Lazy::<staff::outcomes::OutcomesRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment(seg::STAFF), StaticSegment(seg::EVENT), ParamSegment("id"), StaticSegment(seg::BUDGET))
                        view={Lazy::<staff::budget::BudgetRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::PLAN)) view={Lazy::<staff::budget::PlanRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::DASHBOARD)) view={Lazy::<staff::dashboard::DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::INDICATORS)) view={Lazy::<staff::indicators::IndicatorsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::DEALS)) view={Lazy::<staff::deals::DealsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::INQUIRIES)) view={Lazy::<staff::inquiries::InquiriesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=(StaticSegment(seg::STAFF), StaticSegment(seg::SALE_POINTS)) view={Lazy::<staff::sale_points::StaffSalePointsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment(seg::ADMIN) view={Lazy::<admin::AdminRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
