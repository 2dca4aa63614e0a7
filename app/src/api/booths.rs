//! Server functions of an event's booth set-up: call, booth types, zones, floor plan, booths and
//! blocks. Staff and admins only (checked in the services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::booths::{BoothSetup, BoothTypeForm, CallForm, QuestionForm, RowForm};

#[cfg(feature = "ssr")]
use crate::backend::services::booths as svc;
#[cfg(feature = "ssr")]
use crate::domain::ids::{BoothId, EventId};

#[server(endpoint = "staff/booths")]
pub async fn get_booth_setup(event_id: i64) -> Result<BoothSetup, ApiError> {
    let state = super::state()?;
    super::reply(svc::setup(&state, &super::request(), event_id).await)
}

#[server(endpoint = "staff/call")]
pub async fn save_call(event_id: i64, call: CallForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save_call(&state, &super::request(), event_id, &call).await)
}

#[server(endpoint = "staff/booth-type")]
pub async fn add_booth_type(event_id: i64, booth_type: BoothTypeForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::add_booth_type(&state, &super::request(), event_id, &booth_type).await)
}

#[server(endpoint = "staff/zone")]
pub async fn add_zone(event_id: i64, name_vi: String, name_en: Option<String>) -> Result<(), ApiError> {
    let state = super::state()?;
    let en = name_en.unwrap_or_default();
    super::reply(svc::add_zone(&state, &super::request(), event_id, &name_vi, &en).await)
}

#[server(endpoint = "staff/floor-plan")]
pub async fn set_floor_plan(event_id: i64, cols: String, rows: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::set_floor_plan(&state, &super::request(), event_id, &cols, &rows).await)
}

#[server(endpoint = "staff/booth-row")]
pub async fn add_booth_row(event_id: i64, row: RowForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::add_row(&state, &super::request(), event_id, &row).await)
}

/// A click or key on the floor plan: `action` is block, unblock, move (to `x`, `y`) or label.
#[server(endpoint = "staff/booth")]
pub async fn booth_action(
    event_id: i64,
    booth_id: i64,
    action: String,
    x: Option<i32>,
    y: Option<i32>,
    label: Option<String>,
) -> Result<(), ApiError> {
    let state = super::state()?;
    let req = super::request();
    let Some(change) = crate::domain::booths::BoothChange::parse(&action, x, y, label) else {
        return super::reply(Err(ApiError::Invalid(req.lang.a().choose_one.into())));
    };
    super::reply(svc::booth_action(&state, &req, EventId(event_id), BoothId(booth_id), &change).await)
}

#[server(endpoint = "staff/block")]
pub async fn add_block(
    event_id: i64,
    commune: String,
    province: Option<String>,
    contact_name: String,
    contact_phone: String,
    count: String,
) -> Result<(), ApiError> {
    let state = super::state()?;
    let province = province.unwrap_or_default();
    super::reply(
        svc::add_block(
            &state,
            &super::request(),
            event_id,
            &commune,
            &province,
            &contact_name,
            &contact_phone,
            &count,
        )
        .await,
    )
}

#[server(endpoint = "staff/question")]
pub async fn add_call_question(event_id: i64, question: QuestionForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::add_question(&state, &super::request(), event_id, &question).await)
}

#[server(endpoint = "staff/remove-question")]
pub async fn remove_call_question(event_id: i64, question_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::remove_question(&state, &super::request(), EventId(event_id), question_id).await)
}
