//! The calendar as a list, and the small labels an event carries.
//!
//! The list's items are written straight into HTML ([`items_html`]) and set as the list's inner
//! HTML: the calendar shows up to 500 of them, and rendering each as a view, then sending the
//! cards again inside the page for hydration, was most of the calendar page's server CPU
//! (docs/benchmarks.md). A hydrating browser keeps the items the server wrote and needs none of
//! their data; it writes them itself only when it fetches a new list.

use leptos::prelude::*;

use crate::domain::{paths, text::push_escaped};
use crate::{
    context::use_lang,
    domain::{time, EventCard, EventStatus, Lang},
};

/// The badge's class for a status shown next to a title; none for an ordinary event.
fn badge_class(status: EventStatus) -> Option<&'static str> {
    match status {
        EventStatus::Cancelled => Some("badge badge-cancelled"),
        EventStatus::Postponed => Some("badge badge-postponed"),
        EventStatus::Completed => Some("badge badge-completed"),
        _ => None,
    }
}

/// "Đã hủy" / "Tạm hoãn" next to a title; nothing for an ordinary event.
#[component]
pub fn StatusBadge(status: EventStatus) -> impl IntoView {
    let lang = use_lang();
    badge_class(status).map(|class| view! { <span class=class>{status.label(lang)}</span> })
}

/// The items of a list of events, as HTML: for each, date, title, kind, format and place. `from`
/// is the calendar's query, for the event page's way back ([`paths::came_from`]).
pub fn items_html(events: &[EventCard], from: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(events.len() * 640);
    // the same way back for every item: escaped once
    let mut came_from = String::new();
    push_escaped(&mut came_from, &paths::came_from(from));
    for event in events {
        let day = time::local_date(event.starts_at);
        out.push_str(if event.status == EventStatus::Cancelled {
            r#"<li class="event-item is-cancelled">"#
        } else {
            r#"<li class="event-item">"#
        });
        out.push_str(r#"<div class="event-date"><span class="weekday">"#);
        out.push_str(time::weekday(day, lang));
        out.push_str(r#"</span><time datetime=""#);
        time::push_iso_utc(&mut out, event.starts_at);
        out.push_str(r#"">"#);
        time::push_date_range(&mut out, event.starts_at, event.ends_at);
        out.push_str(r#"</time></div><div class="event-body"><h3><a href=""#);
        out.push_str(&paths::event(event.event_id));
        out.push_str(&came_from);
        out.push_str(r#"">"#);
        push_escaped(&mut out, &event.title);
        out.push_str("</a> ");
        if let Some(class) = badge_class(event.status) {
            out.push_str(r#"<span class=""#);
            out.push_str(class);
            out.push_str(r#"">"#);
            push_escaped(&mut out, event.status.label(lang));
            out.push_str("</span>");
        }
        out.push_str(r#"</h3><p class="event-meta"><span class="tag tag-"#);
        out.push_str(event.kind.code());
        out.push_str(r#"">"#);
        push_escaped(&mut out, event.kind.label(lang));
        out.push_str(r#"</span><span class="tag">"#);
        push_escaped(&mut out, event.format.label(lang));
        out.push_str(r#"</span><span class="place">"#);
        push_escaped(&mut out, &event.place);
        out.push_str("</span></p></div></li>");
    }
    out
}

/// A list of `count` events whose items are `html` ([`items_html`]), or a sentence saying there
/// are none. `html` is empty while a page hydrates: the items the server wrote stay.
#[component]
pub fn EventList(count: usize, html: String) -> impl IntoView {
    let lang = use_lang();
    if count == 0 {
        return view! { <p class="empty">{lang.t().no_events}</p> }.into_any();
    }
    view! { <ol class="event-list" inner_html=html></ol> }.into_any()
}

pub fn count_line(n: usize, lang: Lang) -> String {
    format!("{n} {}", lang.t().events_found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventFormat, EventKind};

    fn card(status: EventStatus, title: &str, place: &str) -> EventCard {
        let at = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        EventCard {
            event_id: 7,
            title: title.into(),
            kind: EventKind::Fair,
            format: EventFormat::InPerson,
            status,
            starts_at: at("2026-03-09T01:00:00Z"),
            ends_at: at("2026-03-13T10:00:00Z"),
            place: place.into(),
        }
    }

    #[test]
    fn an_item_says_when_what_and_where_with_its_text_escaped() {
        let html = items_html(
            &[card(
                EventStatus::Published,
                "Hội chợ <Cà phê> & ca cao",
                "Buôn Ma Thuột",
            )],
            "kind=fair&q=c\u{e0} ph\u{ea}",
            Lang::Vi,
        );
        assert!(
            html.starts_with(r#"<li class="event-item"><div class="event-date"><span class="weekday">Thứ Hai</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<time datetime="2026-03-09T01:00:00Z">09–13/03/2026</time>"#),
            "{html}"
        );
        assert!(html.contains("Hội chợ &lt;Cà phê&gt; &amp; ca cao</a> </h3>"), "{html}");
        assert!(
            html.contains(r#"href="/su-kien/7?tu=kind%3Dfair%26q%3Dc%C3%A0+ph%C3%AA""#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="tag tag-fair">Hội chợ</span>"#), "{html}");
        assert!(
            html.ends_with(r#"<span class="place">Buôn Ma Thuột</span></p></div></li>"#),
            "{html}"
        );
        assert!(!html.contains("badge"), "{html}");
    }

    #[test]
    fn a_cancelled_event_is_marked_and_badged_in_the_readers_language() {
        let html = items_html(&[card(EventStatus::Cancelled, "Phiên livestream", "")], "", Lang::En);
        assert!(html.starts_with(r#"<li class="event-item is-cancelled">"#), "{html}");
        assert!(
            html.contains(r#"<a href="/su-kien/7">Phiên livestream</a> <span class="badge badge-cancelled">"#),
            "{html}"
        );
        assert!(html.contains(">Monday<"), "{html}");
    }
}
