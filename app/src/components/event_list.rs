//! The calendar as a list, and the small labels an event carries.

use leptos::prelude::*;

use crate::domain::paths;
use crate::{
    context::use_lang,
    domain::{time, EventCard, EventStatus, Lang},
};

/// "Đã hủy" / "Tạm hoãn" next to a title; nothing for an ordinary event.
#[component]
pub fn StatusBadge(status: EventStatus) -> impl IntoView {
    let lang = use_lang();
    let class = match status {
        EventStatus::Cancelled => "badge badge-cancelled",
        EventStatus::Postponed => "badge badge-postponed",
        EventStatus::Completed => "badge badge-completed",
        _ => "",
    };
    (!class.is_empty()).then(|| view! { <span class=class>{status.label(lang)}</span> })
}

/// One event in a list: date, title, kind, format, place. `from` is the calendar's query, for
/// the event page's way back ([`paths::event_from`]).
#[component]
pub fn EventItem(event: EventCard, #[prop(optional)] from: String) -> impl IntoView {
    let lang = use_lang();
    let day = time::local_date(event.starts_at);
    let href = paths::event_from(event.event_id, &from);
    view! {
        <li class="event-item" class:is-cancelled=event.status == EventStatus::Cancelled>
            <div class="event-date">
                <span class="weekday">{time::weekday(day, lang)}</span>
                <time datetime=time::iso_utc(event.starts_at)>{time::date_range(event.starts_at, event.ends_at)}</time>
            </div>
            <div class="event-body">
                <h3>
                    <a href=href>{event.title.clone()}</a>
                    " "
                    <StatusBadge status=event.status />
                </h3>
                <p class="event-meta">
                    <span class=format!("tag tag-{}", event.kind.code())>{event.kind.label(lang)}</span>
                    <span class="tag">{event.format.label(lang)}</span>
                    <span class="place">{event.place.clone()}</span>
                </p>
            </div>
        </li>
    }
}

/// A list of events, or a sentence saying there are none.
#[component]
pub fn EventList(events: Vec<EventCard>, #[prop(optional)] from: String) -> impl IntoView {
    let lang = use_lang();
    if events.is_empty() {
        return view! { <p class="empty">{lang.t().no_events}</p> }.into_any();
    }
    view! {
        <ol class="event-list">
            {events.into_iter().map(|event| view! { <EventItem event from=from.clone() /> }).collect_view()}
        </ol>
    }
    .into_any()
}

pub fn count_line(n: usize, lang: Lang) -> String {
    format!("{n} {}", lang.t().events_found)
}
