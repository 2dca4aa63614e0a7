//! The public calendar's server functions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;
use crate::domain::{reference::FilterOptions, EventCard, EventDetail, EventFilter, Lang};

/// What the home page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub next_fair: Option<EventCard>,
    pub upcoming: Vec<EventCard>,
}

/// A calendar page's events, with the day it was computed for (Vietnamese date) so the page
/// renders the same grid on the server and after hydration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarData {
    pub today: chrono::NaiveDate,
    pub events: Vec<EventCard>,
    /// The public address, for the absolute feed links a calendar app needs.
    pub base_url: String,
}

/// One event with the public address its links are built on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPageData {
    pub event: EventDetail,
    pub base_url: String,
}

#[server(endpoint = "calendar/events")]
pub async fn get_calendar(filter: EventFilter, lang: Lang) -> Result<CalendarData, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    let today = svc::today();
    let events = svc::list(&state.db, &filter, lang, today).await?;
    Ok(CalendarData {
        today,
        events,
        base_url: state.config.base_url.clone(),
    })
}

#[server(endpoint = "calendar/home")]
pub async fn get_home(lang: Lang) -> Result<HomeData, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    Ok(svc::home(&state.db, lang, svc::today()).await?)
}

/// One public event; `None` when there is no such event (the page answers 404).
#[server(endpoint = "calendar/event")]
pub async fn get_event(event_id: i64, lang: Lang) -> Result<Option<EventPageData>, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    let event = svc::event(&state.db, event_id, lang).await?;
    Ok(event.map(|event| EventPageData {
        event,
        base_url: state.config.base_url.clone(),
    }))
}

#[server(endpoint = "calendar/filters")]
pub async fn get_filter_options(lang: Lang) -> Result<FilterOptions, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    Ok(svc::filter_options(&state.db, lang).await?)
}
