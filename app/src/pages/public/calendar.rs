//! The calendar: list or month, filtered by the URL's query string; also the past-events archive.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::not_found::ErrorNotice;
use crate::domain::paths;
use crate::pages::page_data::page_data;
use crate::{
    api::public::get_calendar,
    api::ApiError,
    components::{
        event_list::{count_line, items_html, EventList},
        filter_form::FilterForm,
        month_grid::MonthGrid,
    },
    context::use_lang,
    domain::{public::CalendarData, CalendarView, EventFilter, Lang},
    pages::support::head_text,
};

/// A calendar page's data as the page holds it. In the list view the items are written as HTML
/// once, and the cards leave the data: the HTML travels in the page, not again inside it for
/// hydration (the hydrating browser keeps the server's items; see `components::event_list`).
#[derive(Clone, Serialize, Deserialize)]
struct Shown {
    data: CalendarData,
    /// How many events the filter found.
    count: usize,
    /// The list's items as HTML; empty in the month view, and while the page hydrates.
    #[serde(skip)]
    list: String,
}

impl Shown {
    fn new(filter: &EventFilter, mut data: CalendarData, lang: Lang) -> Shown {
        let count = data.events.len();
        let list = if filter.view == CalendarView::List {
            let list = items_html(&data.events, &filter.to_query(), lang);
            data.events = Vec::new();
            list
        } else {
            String::new()
        };
        Shown { data, count, list }
    }
}

/// What a filter shows, at `path` (the feed, the frame for other sites): same criteria, without
/// the view, month or archive switch.
pub fn subscribed(filter: &EventFilter, path: &str) -> String {
    let f = EventFilter {
        view: CalendarView::List,
        month: None,
        past: false,
        ..filter.clone()
    };
    f.href(path)
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let query = use_query_map();
    let filter =
        Memo::new(move |_| query.with(|q| EventFilter::from_pairs(q.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    let events = page_data(
        move || filter.get(),
        move |f| async move {
            let result: Result<Shown, ApiError> = get_calendar(f.clone(), lang)
                .await
                .map(|data| Shown::new(&f, data, lang));
            (f, result)
        },
    );
    let title = move || {
        if filter.with(|f| f.past) {
            t.archive_title
        } else {
            t.calendar_title
        }
    };
    let view_href = move |view: CalendarView| {
        let f = EventFilter {
            view,
            past: false,
            month: None,
            ..filter.get()
        };
        f.href(paths::CALENDAR)
    };
    let is_month = move || filter.with(|f| f.view == CalendarView::Month);
    view! {
        <Title text=head_text(move || title().to_string()) />
        <div class="calendar-page">
            <div class="page-head">
                <h1>{title}</h1>
                <nav class="view-switch" aria-label=t.view_list>
                    <a href=move || view_href(CalendarView::List) aria-current=move || (!is_month() && !filter.with(|f| f.past)).then_some("page")>
                        {t.view_list}
                    </a>
                    <a href=move || view_href(CalendarView::Month) aria-current=move || is_month().then_some("page")>
                        {t.view_month}
                    </a>
                    <a href=paths::ARCHIVE aria-current=move || filter.with(|f| f.past).then_some("page")>
                        {t.nav_archive}
                    </a>
                </nav>
            </div>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let (filter, result) = events.await;
                    match result {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(Shown { data, count, list }) => {
                            let options = data.options;
                            let feed = subscribed(&filter, paths::FEED);
                            let feed_abs = format!("{}{feed}", data.base_url);
                            let webcal = paths::webcal(&feed_abs);
                            let embed = format!(
                                "<iframe src=\"{}{}\" title=\"{}\" width=\"100%\" height=\"480\" loading=\"lazy\" style=\"border:0\"></iframe>",
                                data.base_url,
                                subscribed(&filter, paths::EMBED_CALENDAR),
                                t.calendar_name,
                            );
                            let count_text = count_line(count, lang);
                            let body = if filter.view == CalendarView::Month {
                                // the server may open the grid on a later month: the first with results
                                let shown = EventFilter { month: Some(data.month), ..filter.clone() };
                                view! { <MonthGrid events=data.events filter=shown today=data.today /> }.into_any()
                            } else {
                                // the list's items are h3, under this heading (the month grid has its own h2)
                                view! {
                                    <h2 class="sr-only">{lang.tr("Danh sách sự kiện", "List of events")}</h2>
                                    <EventList count html=list />
                                }
                                .into_any()
                            };
                            view! {
                                <FilterForm filter=filter.clone() options />
                                <p class="result-count" role="status" aria-live="polite">{count_text}</p>
                                {body}
                                <aside class="subscribe" id="theo-doi">
                                    <h2>{t.subscribe}</h2>
                                    <p>{t.subscribe_hint}</p>
                                    <p>
                                        <a class="button" href=webcal rel="external">{t.nav_feed}</a>
                                        " "
                                        <a href=feed.clone() rel="external" class="feed-link">{feed_abs}</a>
                                    </p>
                                    <details class="embed">
                                        <summary>{lang.tr("Nhúng lịch này vào trang web khác", "Put this calendar on another website")}</summary>
                                        <label for="embed-code">{lang.tr(
                                            "Chép đoạn mã này vào trang của xã, phường hoặc cổng thông tin; lịch hiện theo đúng bộ lọc đang chọn.",
                                            "Copy this code into a commune's page or a portal; the calendar shows what the current filter shows.",
                                        )}</label>
                                        <input id="embed-code" type="text" readonly=true value=embed />
                                    </details>
                                </aside>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
