//! Server functions of the staff's planning: the event list, the editor, status moves, the side
//! programme. Staff and admins only (checked in the services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::{
    planning::{EventEditor, EventForm, StaffEvent},
    SessionInput,
};

#[cfg(feature = "ssr")]
use crate::backend::services::planning as svc;
#[cfg(feature = "ssr")]
use crate::domain::ids::EventId;

#[server(endpoint = "staff/events")]
pub async fn get_staff_events() -> Result<Vec<StaffEvent>, ApiError> {
    let state = super::state()?;
    super::reply(svc::list(&state, &super::request()).await)
}

#[server(endpoint = "staff/event")]
pub async fn get_event_editor(event_id: i64) -> Result<EventEditor, ApiError> {
    let state = super::state()?;
    super::reply(svc::editor(&state, &super::request(), event_id).await)
}

/// Creates a draft (no `event_id`) or saves an event; answers its id.
#[server(endpoint = "staff/save-event")]
pub async fn save_event(event_id: Option<i64>, form: EventForm, note: Option<String>) -> Result<i64, ApiError> {
    let state = super::state()?;
    let note = note.unwrap_or_default();
    super::reply(svc::save(&state, &super::request(), event_id, form.into_input(), &note).await)
}

#[server(endpoint = "staff/event-status")]
pub async fn change_event_status(
    event_id: i64,
    to: String,
    note: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
) -> Result<(), ApiError> {
    let state = super::state()?;
    let req = super::request();
    let Some(to) = crate::domain::EventStatus::parse(&to) else {
        return super::reply(Err(ApiError::Invalid(req.lang.a().choose_one.into())));
    };
    super::reply(
        svc::change_status(
            &state,
            &req,
            event_id,
            to,
            note.as_deref().unwrap_or(""),
            starts_at.as_deref().unwrap_or(""),
            ends_at.as_deref().unwrap_or(""),
        )
        .await,
    )
}

#[server(endpoint = "staff/duplicate-event")]
pub async fn duplicate_event(event_id: i64) -> Result<i64, ApiError> {
    let state = super::state()?;
    super::reply(svc::duplicate(&state, &super::request(), event_id).await)
}

#[server(endpoint = "staff/add-session")]
pub async fn add_event_session(event_id: i64, session: SessionInput) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::add_session(&state, &super::request(), event_id, &session).await)
}

#[server(endpoint = "staff/remove-session")]
pub async fn remove_event_session(event_id: i64, session_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::remove_session(&state, &super::request(), EventId(event_id), session_id).await)
}
