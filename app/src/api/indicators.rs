//! Server functions of the indicators (staff and admins, checked in the services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::indicators::{IndicatorForm, IndicatorsPage};

#[cfg(feature = "ssr")]
use crate::backend::services::indicators as svc;

#[server(endpoint = "staff/indicators")]
pub async fn get_indicators() -> Result<IndicatorsPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request()).await)
}

/// Adds an indicator; answers its code.
#[server(endpoint = "staff/add-indicator")]
pub async fn add_indicator(form: IndicatorForm) -> Result<String, ApiError> {
    let state = super::state()?;
    let code = super::reply(svc::add(&state, &super::request(), &form).await)?;
    super::plain_form_goes_to(&format!("{}?da-luu=1", crate::domain::paths::INDICATORS));
    Ok(code)
}
