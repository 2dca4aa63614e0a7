//! The staff's dashboard of a year (`/can-bo/tong-hop?nam=2026`): headline numbers beside the
//! year before, the indicators planned and achieved, and panels of charts, each with the table of
//! its numbers and a link to the records behind it. The charts arrive as SVG written on the
//! server, so they read without JavaScript, print, and add nothing to the browser's code. A lazy
//! route; nothing on it is interactive but the year's links.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::paths;
use crate::{
    api::dashboard::get_dashboard,
    context::use_lang,
    domain::{
        account::Role,
        dashboard::{DashboardPage, Panel, Row},
        time,
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page, query},
    },
};

lazy_page!(DashboardRoute, DashboardGuard);

#[component]
fn DashboardGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Dashboard /> }.into_any())
}

#[component]
fn Dashboard() -> impl IntoView {
    let lang = use_lang();
    let year = query("nam");
    let asked = Memo::new(move |_| {
        year.get()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| time::YEARS.contains(y))
    });
    let data = page_data(move || asked.get(), get_dashboard);
    let title = lang.tr("Tổng hợp kết quả năm", "The year at a glance");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <DashboardView page /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A row's label, a link to the records behind it where it has them.
#[component]
fn Label(r: Row) -> impl IntoView {
    match r.href {
        Some(href) => {
            let external = paths::outside_router(&href).then_some("external");
            view! { <a href=href rel=external>{r.label}</a> }.into_any()
        }
        None => r.label.into_any(),
    }
}

#[component]
fn DashboardView(page: DashboardPage) -> impl IntoView {
    let lang = use_lang();
    let year = page.year;
    let years = page
        .years
        .iter()
        .map(|&y| {
            let current = (y == year).then_some("page");
            view! { <li><a href=paths::dashboard(y) aria-current=current>{y}</a></li> }
        })
        .collect_view();
    let (this, last) = (year.to_string(), (year - 1).to_string());
    let summary = page
        .summary
        .iter()
        .map(|r| view! { <tr><th scope="row"><Label r=r.clone() /></th><td class="num">{r.this_year.clone()}</td><td class="num">{r.last_year.clone()}</td></tr> })
        .collect_view();
    let indicators = page
        .indicators
        .iter()
        .map(|i| {
            view! {
                <tr class:estimated=i.estimated>
                    <th scope="row">{i.name.clone()}{i.estimated.then(|| view! { <span class="muted">{format!(" ({})", lang.tr("ước đạt", "estimate"))}</span> })}</th>
                    <td class="num">{i.target.clone()}</td>
                    <td class="num">{i.actual.clone()}</td>
                    <td class="num">{i.rate.clone()}</td>
                    <td class="num">{i.last_year.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let no_indicators = page.indicators.is_empty();
    view! {
        <nav aria-label=lang.tr("Năm", "Year")><ul class="tabs years">{years}</ul></nav>
        <section aria-labelledby="summary-h" class="dashboard-summary">
            <h2 id="summary-h">{match lang { crate::domain::Lang::Vi => format!("Năm {year} so với năm {}", year - 1), crate::domain::Lang::En => format!("{year} against {}", year - 1) }}</h2>
            <div class="table-scroll" tabindex="0" role="group" aria-labelledby="summary-h">
                <table class="table" id="dashboard-summary">
                    <thead><tr><th scope="col">""</th><th scope="col">{this.clone()}</th><th scope="col">{last.clone()}</th></tr></thead>
                    <tbody>{summary}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="indicators-h">
            <h2 id="indicators-h">{lang.tr("Chỉ tiêu: kế hoạch và thực hiện", "Indicators: planned and achieved")}</h2>
            {if no_indicators {
                view! { <p class="empty">{lang.tr("Chưa có chỉ tiêu nào trong năm.", "No target or outcome this year yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="group" aria-labelledby="indicators-h">
                        <table class="table" id="dashboard-indicators">
                            <thead><tr>
                                <th scope="col">{lang.tr("Chỉ tiêu", "Indicator")}</th>
                                <th scope="col">{lang.tr("Kế hoạch", "Target")}</th>
                                <th scope="col">{lang.tr("Thực hiện", "Achieved")}</th>
                                <th scope="col">{lang.tr("Tỷ lệ", "Rate")}</th>
                                <th scope="col">{format!("{} {}", lang.tr("Thực hiện", "Achieved"), year - 1)}</th>
                            </tr></thead>
                            <tbody>{indicators}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p><a href=paths::year_report(year, "") rel="external">{lang.tr("Báo cáo năm, bản in", "The year's report, to print")}</a></p>
        </section>
        {page.panels.into_iter().map(|p| view! { <PanelView p /> }).collect_view()}
    }
}

#[component]
fn PanelView(p: Panel) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("{}-h", p.id);
    let empty = p.rows.is_empty();
    let columns = p.columns.clone();
    view! {
        <section class="panel" aria-labelledby=heading.clone() id=p.id.clone()>
            <h2 id=heading.clone()>{p.title.clone()}</h2>
            {if empty {
                view! { <p class="empty">{lang.tr("Chưa có số liệu.", "Nothing yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="panel-body">
                        <figure class="chart" inner_html=p.svg.clone()></figure>
                        <div class="table-scroll" tabindex="0" role="group" aria-labelledby=heading.clone()>
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">""</th>
                                    {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {p.rows.iter().map(|r| view! {
                                        <tr><th scope="row"><Label r=r.clone() /></th><td class="num">{r.this_year.clone()}</td><td class="num">{r.last_year.clone()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                }.into_any()
            }}
            {p.records.map(|(href, text)| view! { <p><a href=href rel="external">{text}</a></p> })}
        </section>
    }
}
