//! Server function of the staff's year dashboard (staff and admins, checked in the service).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::dashboard::DashboardPage;

#[cfg(feature = "ssr")]
use crate::backend::services::dashboard as svc;

/// The dashboard of `year` (this year's when `None`).
#[server(endpoint = "staff/dashboard")]
pub async fn get_dashboard(year: Option<i32>) -> Result<DashboardPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request(), year).await)
}
