//! The public results of a year (`/ket-qua?nam=2026`): the confirmed figures of the events that
//! have ended, with totals. A lazy route; every number arrives written out.

use leptos::prelude::*;
use leptos_meta::Title;

use super::not_found::ErrorNotice;
use crate::domain::paths;
use crate::{
    api::outcomes::get_results,
    context::use_lang,
    domain::outcomes::{EventResults, Figure, ResultsPage},
    pages::{
        page_data::page_data,
        support::{lazy_page, query},
    },
};

lazy_page!(ResultsRoute, Results);

#[component]
fn Results() -> impl IntoView {
    let lang = use_lang();
    let year = query("nam");
    let data = page_data(move || year.get(), |y| get_results(y.trim().parse::<i32>().ok()));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <ResultsView page /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResultsView(page: ResultsPage) -> impl IntoView {
    let lang = use_lang();
    let title = format!(
        "{} {}",
        lang.tr("Kết quả xúc tiến thương mại năm", "Trade promotion results"),
        page.year
    );
    let year = page.year;
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <nav class="years" aria-label=lang.tr("Năm", "Year")>
            {page.years.iter().map(|y| {
                let current = (*y == year).then_some("page");
                view! { <a href=paths::results_of(*y) aria-current=current>{*y}</a>" " }
            }).collect_view()}
        </nav>
        {if page.events.is_empty() {
            view! {
                <p class="empty">{lang.tr(
                    "Chưa có kết quả đã xác nhận của sự kiện nào trong năm này.",
                    "No confirmed results of any event this year yet.",
                )}</p>
            }.into_any()
        } else {
            view! {
                <section aria-labelledby="totals-h">
                    <h2 id="totals-h">{lang.tr("Tổng cộng", "Totals")}</h2>
                    <Figures figures=page.totals id="totals" />
                </section>
                <section aria-labelledby="events-h">
                    <h2 id="events-h">{lang.tr("Từng sự kiện", "Each event")}</h2>
                    {page.events.into_iter().map(|e| view! { <EventFigures e /> }).collect_view()}
                </section>
            }.into_any()
        }}
        <p class="hint">{lang.tr(
            "Chỉ gồm số liệu đã được Sở Công Thương xác nhận của các sự kiện đã kết thúc.",
            "Only figures the Department has confirmed, of events that have ended.",
        )}</p>
    }
}

#[component]
fn EventFigures(e: EventResults) -> impl IntoView {
    view! {
        <article class="result" id=format!("su-kien-{}", e.event_id)>
            <h3><a href=paths::event(e.event_id)>{e.title}</a></h3>
            <p class="meta">{e.kind}" · "{e.dates}</p>
            <Figures figures=e.figures id="" />
        </article>
    }
}

/// Figures as a list of terms and values, readable without styles and printable.
#[component]
pub fn Figures(figures: Vec<Figure>, id: &'static str) -> impl IntoView {
    view! {
        <dl class="figures" id=(!id.is_empty()).then_some(id)>
            {figures.into_iter().map(|(name, value)| view! {
                <div><dt>{name}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}
