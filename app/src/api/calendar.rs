//! The public calendar's server functions.

use leptos::{prelude::*, server_fn};
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
    #[serde(with = "crate::domain::time::days")]
    pub today: chrono::NaiveDate,
    pub events: Vec<EventCard>,
    /// The public address, for the absolute feed links a calendar app needs.
    pub base_url: String,
    /// What the filter form offers. Sent with the events so the page needs one request, not two.
    pub options: FilterOptions,
}

/// One event with the public address its links are built on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPageData {
    pub event: EventDetail,
    pub base_url: String,
    /// The floor plan (booth codes and zones), once staff have drawn one.
    pub plan: Option<crate::domain::booths::BoothSetup>,
    /// The call for applications, when staff have set one: dates, who may apply, open or not.
    pub call: Option<crate::domain::booths::PublicCall>,
    /// A completed event's confirmed headline figures, written out.
    pub results: Vec<crate::domain::outcomes::Figure>,
}

#[server(endpoint = "calendar/events", input = server_fn::codec::Json)]
pub async fn get_calendar(filter: EventFilter, lang: Lang) -> Result<CalendarData, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    super::reply(svc::calendar_page(&state.db, &filter, lang, svc::today(), &state.config.base_url).await)
}

#[server(endpoint = "calendar/home", input = server_fn::codec::Json)]
pub async fn get_home(lang: Lang) -> Result<HomeData, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    super::reply(svc::home(&state.db, lang, svc::today()).await)
}

/// One public event; `None` when there is no such event (the page answers 404).
#[server(endpoint = "calendar/event", input = server_fn::codec::Json)]
pub async fn get_event(event_id: i64, lang: Lang) -> Result<Option<EventPageData>, ApiError> {
    use crate::backend::services::calendar as svc;
    let state = super::state()?;
    let event = super::reply(svc::event(&state.db, event_id, lang).await)?;
    let Some(event) = event else {
        return Ok(None);
    };
    use crate::backend::services::booths;
    let plan = super::reply(booths::public_plan(&state.db, event_id, lang).await)?;
    let published = event.status == crate::domain::EventStatus::Published;
    let call = super::reply(booths::public_call(&state.db, event_id, published, lang, crate::backend::now()).await)?;
    let results = super::reply(crate::backend::services::outcomes::event_figures(&state, &event, lang).await)?;
    Ok(Some(EventPageData {
        event,
        base_url: state.config.base_url.clone(),
        plan,
        call,
        results,
    }))
}
