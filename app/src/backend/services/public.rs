//! What visitors read: the calendar, the home page, one event, the feeds.

use chrono::{Datelike, Days, NaiveDate};

use crate::{
    backend::{
        db::{self, Db},
        icalendar::{self, FeedMeta},
        now, ServerError,
    },
    domain::{
        filter::Window,
        public::{CalendarData, EventPageData, HomeData},
        reference::FilterOptions,
        time, CalendarView, EventCard, EventDetail, EventFilter, EventKind, Lang,
    },
};

/// Today in Vietnam.
pub fn today() -> NaiveDate {
    time::local_date(now())
}

pub async fn list(db: &Db, filter: &EventFilter, lang: Lang, today: NaiveDate) -> Result<Vec<EventCard>, ServerError> {
    db::event::cards(db, filter, &filter.window(today), lang).await
}

/// Everything the calendar page shows: the events, the filter form's choices, the feed address.
pub async fn calendar_page(
    db: &Db,
    filter: &EventFilter,
    lang: Lang,
    today: NaiveDate,
    base_url: &str,
) -> Result<CalendarData, ServerError> {
    let mut events = list(db, filter, lang, today).await?;
    let mut month = filter.shown_month(today);
    if filter.view == CalendarView::Month && filter.month.is_none() && !filter.past && events.is_empty() {
        let coming = EventFilter {
            view: CalendarView::List,
            ..filter.clone()
        };
        let first = db::event::cards(db, &coming, &coming.window(today), lang)
            .await?
            .into_iter()
            .next();
        if let Some(first) = first {
            let start = time::local_date(first.starts_at);
            month = start.with_day(1).unwrap_or(start);
            let shown = EventFilter {
                month: Some(month),
                ..filter.clone()
            };
            events = list(db, &shown, lang, today).await?;
        }
    }
    Ok(CalendarData {
        today,
        events,
        month,
        base_url: base_url.to_string(),
        options: filter_options(db, lang).await?,
    })
}

/// The home page: the next fair (the earliest that has not ended) and what else is coming.
pub async fn home(db: &Db, lang: Lang, today: NaiveDate) -> Result<HomeData, ServerError> {
    let upcoming = db::event::cards(db, &EventFilter::default(), &EventFilter::default().window(today), lang).await?;
    let next_fair = upcoming
        .iter()
        .find(|e| matches!(e.kind, EventKind::Fair | EventKind::Exhibition) && e.status.is_public())
        .cloned();
    let upcoming = upcoming
        .into_iter()
        .filter(|e| Some(e.event_id) != next_fair.as_ref().map(|f| f.event_id))
        .take(8)
        .collect();
    Ok(HomeData { next_fair, upcoming })
}

/// One public event's page: the event, its floor plan and call, a completed event's results, and
/// its place written out; `None` when there is no such public event (the page answers 404).
pub async fn event_page(
    state: &crate::backend::AppState,
    event_id: i64,
    lang: Lang,
) -> Result<Option<EventPageData>, super::ServiceError> {
    let Some(event) = event(&state.db, event_id, lang).await? else {
        return Ok(None);
    };
    let plan = super::booths::public_plan(&state.db, event_id, lang).await?;
    let published = event.status == crate::domain::EventStatus::Published;
    let call = super::booths::public_call(&state.db, event_id, published, lang, now()).await?;
    let results = super::outcomes::event_figures(state, &event, lang).await?;
    let json_ld = event_json_ld(&event, &state.config.base_url, lang);
    Ok(Some(EventPageData {
        json_ld,
        // written out here: comparing the address with the place folds text, whose Unicode tables
        // would otherwise weigh on the browser's bundle
        place: event.place_line(lang),
        where_line: event.where_line(lang),
        event,
        base_url: state.config.base_url.clone(),
        plan,
        call,
        results,
    }))
}

/// schema.org `Event`: dates with Vietnam's offset, the status (postponed and cancelled
/// included), in person, online or both, the place or the platform, the organiser.
fn event_json_ld(e: &EventDetail, base_url: &str, lang: Lang) -> String {
    use crate::domain::{EventFormat, EventStatus};
    let url = format!("{base_url}{}", crate::domain::paths::event(e.event_id));
    let status = match e.status {
        EventStatus::Postponed => "https://schema.org/EventPostponed",
        EventStatus::Cancelled => "https://schema.org/EventCancelled",
        _ => "https://schema.org/EventScheduled",
    };
    let place = serde_json::json!({
        "@type": "Place",
        "name": e.venue_name.clone().unwrap_or_else(|| e.where_line(lang)),
        "address": { "@type": "PostalAddress", "streetAddress": e.where_line(lang), "addressCountry": "VN" },
    });
    let online = serde_json::json!({
        "@type": "VirtualLocation",
        "url": e.online_url.clone().unwrap_or_else(|| url.clone()),
    });
    let (mode, location) = match e.format {
        EventFormat::InPerson => ("OfflineEventAttendanceMode", place),
        EventFormat::Online => ("OnlineEventAttendanceMode", online),
        EventFormat::Hybrid => ("MixedEventAttendanceMode", serde_json::json!([place, online])),
    };
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title(lang),
        "url": url,
        "startDate": time::to_local(e.starts_at).to_rfc3339(),
        "endDate": time::to_local(e.ends_at).to_rfc3339(),
        "eventStatus": status,
        "eventAttendanceMode": format!("https://schema.org/{mode}"),
        "location": location,
        "organizer": { "@type": "Organization", "name": e.organiser },
        "description": e.description(lang).chars().take(500).collect::<String>(),
        "inLanguage": lang.code(),
    });
    if e.has_cover {
        v["image"] = format!(
            "{base_url}{}",
            crate::domain::paths::event_cover(e.event_id, e.sequence)
        )
        .into();
    }
    super::json_ld(&v)
}

pub async fn event(db: &Db, event_id: i64, lang: Lang) -> Result<Option<EventDetail>, ServerError> {
    db::event::public_detail(db, event_id, lang).await
}

pub async fn filter_options(db: &Db, lang: Lang) -> Result<FilterOptions, ServerError> {
    Ok(FilterOptions {
        communes: db::reference::communes(db, lang).await?,
        product_groups: db::reference::product_groups(db, lang).await?,
    })
}

/// How far back a feed reaches: subscribers keep recent events in view.
pub const FEED_DAYS_BACK: u64 = 90;

/// A feed covers events that ended in the last 90 days and everything after, narrowed by the
/// calendar's filters (the view and the archive switch do not apply).
pub fn feed_window(filter: &EventFilter, today: NaiveDate) -> Window {
    let from = filter
        .from
        .unwrap_or_else(|| today.checked_sub_days(Days::new(FEED_DAYS_BACK)).unwrap_or(today));
    Window {
        ends_after: Some(time::day_start(from)),
        ends_before: None,
        starts_before: filter.to.and_then(|d| d.succ_opt()).map(time::day_start),
        newest_first: false,
    }
}

/// A feed ready to send, or only its tag when the client already has it.
pub enum Feed {
    NotModified { etag: String },
    Body { etag: String, body: String },
}

/// The feed of a filtered calendar. Its ETag is computed from which events it holds and their
/// revisions, before any rendering, so an unchanged feed costs one small query.
pub async fn feed(
    db: &Db,
    filter: &EventFilter,
    lang: Lang,
    today: NaiveDate,
    meta: &FeedMeta<'_>,
    if_none_match: Option<&str>,
) -> Result<Feed, ServerError> {
    let window = feed_window(filter, today);
    let revision = db::event::revision(db, filter, &window).await?;
    let etag = icalendar::etag(&(lang.code(), filter.to_query(), today, revision));
    if icalendar::etag_matches(if_none_match, &etag) {
        return Ok(Feed::NotModified { etag });
    }
    let events = db::event::details(db, filter, &window, lang, db::event::Groups::Skip).await?;
    Ok(Feed::Body {
        etag,
        body: icalendar::feed(&events, meta),
    })
}

/// One event's `.ics`, or `None` when there is no such public event.
pub async fn event_feed(
    db: &Db,
    event_id: i64,
    lang: Lang,
    meta: &FeedMeta<'_>,
    if_none_match: Option<&str>,
) -> Result<Option<Feed>, ServerError> {
    let Some(event) = db::event::public_detail(db, event_id, lang).await? else {
        return Ok(None);
    };
    let etag = icalendar::etag(&(lang.code(), event.event_id, event.sequence, event.updated_at));
    if icalendar::etag_matches(if_none_match, &etag) {
        return Ok(Some(Feed::NotModified { etag }));
    }
    Ok(Some(Feed::Body {
        etag,
        body: icalendar::feed(std::slice::from_ref(&event), meta),
    }))
}
