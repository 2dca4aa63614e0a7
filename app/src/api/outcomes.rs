//! Server functions of outcomes: the staff's page of an event's targets and outcomes (staff and
//! admins, checked in the services), and the public results of a year.

use leptos::prelude::*;

use super::ApiError;
use crate::domain::outcomes::{OutcomesForm, OutcomesPage, ResultsPage};

#[cfg(feature = "ssr")]
use crate::backend::services::outcomes as svc;

#[server(endpoint = "staff/outcomes")]
pub async fn get_outcomes(event_id: i64) -> Result<OutcomesPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request(), event_id).await)
}

#[server(endpoint = "staff/save-outcomes")]
pub async fn save_outcomes(event_id: i64, form: OutcomesForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save(&state, &super::request(), event_id, &form).await)?;
    super::plain_form_goes_to(&format!("{}?da-luu=1", crate::domain::paths::outcomes(event_id)));
    Ok(())
}

#[server(endpoint = "staff/confirm-outcomes")]
pub async fn confirm_outcomes(event_id: i64) -> Result<u64, ApiError> {
    let state = super::state()?;
    let confirmed = super::reply(svc::confirm(&state, &super::request(), event_id).await)?;
    super::plain_form_goes_to(&format!("{}?da-xac-nhan=1", crate::domain::paths::outcomes(event_id)));
    Ok(confirmed)
}

/// Removes a file of evidence from an event's outcomes.
#[server(endpoint = "staff/remove-evidence")]
pub async fn remove_evidence(evidence_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    let event_id = super::reply(svc::remove_evidence(&state, &super::request(), evidence_id).await)?;
    super::plain_form_goes_to(&format!(
        "{}?minh-chung=1#evidence-h",
        crate::domain::paths::outcomes(event_id)
    ));
    Ok(())
}

/// The public results of a year (the latest year with results when `None`).
#[server(endpoint = "results")]
pub async fn get_results(year: Option<i32>) -> Result<ResultsPage, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(svc::results(&state, year, lang).await)
}
