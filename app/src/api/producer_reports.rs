//! Server functions of producers' reports after an event: the producer's own report page and its
//! submission (producers only, for their own approved applications; checked in the services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::producer_report::{ReportForm, ReportPage};

#[cfg(feature = "ssr")]
use crate::backend::services::producer_reports as svc;

#[server(endpoint = "producer/results-report")]
pub async fn get_results_report(event_id: i64) -> Result<ReportPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request(), event_id).await)
}

#[server(endpoint = "producer/save-results-report")]
pub async fn save_results_report(event_id: i64, form: ReportForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save(&state, &super::request(), event_id, &form).await)?;
    super::plain_form_goes_to(&format!("{}?da-luu=1", crate::domain::paths::results_report(event_id)));
    Ok(())
}
