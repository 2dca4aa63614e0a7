//! Server functions of the register of contracts and MOUs (staff and admins, checked in the
//! services).

use leptos::prelude::*;

use super::ApiError;
use crate::domain::{
    deals::{DealFilter, DealsPage, FollowUpForm},
    producer_report::DealInput,
};

#[cfg(feature = "ssr")]
use crate::backend::services::deals as svc;

#[server(endpoint = "staff/deals")]
pub async fn get_deals(filter: DealFilter) -> Result<DealsPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::page(&state, &super::request(), filter).await)
}

#[server(endpoint = "staff/deal-follow-up")]
pub async fn save_follow_up(deal_id: i64, months: i32, form: FollowUpForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::follow_up(&state, &super::request(), deal_id, months, &form).await)?;
    super::plain_form_goes_to(&format!("{}?da-luu=1#deal-{deal_id}", crate::domain::paths::DEALS));
    Ok(())
}

#[server(endpoint = "staff/add-deal")]
pub async fn add_deal(event_id: i64, deal: DealInput) -> Result<i64, ApiError> {
    let state = super::state()?;
    let id = super::reply(svc::add(&state, &super::request(), event_id, &deal).await)?;
    super::plain_form_goes_to(&format!("{}?su-kien={event_id}&da-luu=1", crate::domain::paths::DEALS));
    Ok(id)
}
