//! The public pages' server functions: the home page, the calendar, one event.

use leptos::{prelude::*, server_fn};

use super::ApiError;
use crate::domain::{
    public::{CalendarData, EventPageData, HomeData},
    EventFilter, Lang,
};

#[server(endpoint = "calendar/events", input = server_fn::codec::Json)]
pub async fn get_calendar(filter: EventFilter, lang: Lang) -> Result<CalendarData, ApiError> {
    use crate::backend::services::public as svc;
    let state = super::state()?;
    super::reply(svc::calendar_page(&state.db, &filter, lang, svc::today(), &state.config.base_url).await)
}

#[server(endpoint = "calendar/home", input = server_fn::codec::Json)]
pub async fn get_home(lang: Lang) -> Result<HomeData, ApiError> {
    use crate::backend::services::public as svc;
    let state = super::state()?;
    super::reply(svc::home(&state.db, lang, svc::today()).await)
}

/// One public event; `None` when there is no such event (the page answers 404).
#[server(endpoint = "calendar/event", input = server_fn::codec::Json)]
pub async fn get_event(event_id: i64, lang: Lang) -> Result<Option<EventPageData>, ApiError> {
    use crate::backend::services::public as svc;
    let state = super::state()?;
    super::reply(svc::event_page(&state, event_id, lang).await)
}
