//! Server functions of the year's plan and the events' budgets (staff and admins, checked in the
//! services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::budget::{BudgetForm, BudgetPage, PlanForm, PlanPage};

#[cfg(feature = "ssr")]
use crate::backend::services::budget as svc;

#[server(endpoint = "staff/budget")]
pub async fn get_budget(event_id: i64) -> Result<BudgetPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request(), event_id).await)
}

#[server(endpoint = "staff/save-budget")]
pub async fn save_budget(event_id: i64, form: BudgetForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save(&state, &super::request(), event_id, &form).await)?;
    super::plain_form_goes_to(&format!("{}?da-luu=1", crate::domain::paths::budget(event_id)));
    Ok(())
}

/// The plan of `year` (this year's when `None`).
#[server(endpoint = "staff/plan")]
pub async fn get_plan(year: Option<i32>) -> Result<PlanPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::plan(&state, &super::request(), year).await)
}

#[server(endpoint = "staff/save-plan")]
pub async fn save_plan(year: i32, form: PlanForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save_plan(&state, &super::request(), year, &form).await)?;
    super::plain_form_goes_to(&format!("{}&da-luu=1", crate::domain::paths::plan(year)));
    Ok(())
}
