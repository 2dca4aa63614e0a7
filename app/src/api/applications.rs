//! Server functions of applications: producers apply, withdraw and accept offers; staff review,
//! decide, allocate, and mark fees paid.

use leptos::prelude::*;

use super::ApiError;
use crate::domain::application::{
    ApplicationForm, ApplyPage, DecideForm, MyApplications, Proposal, ReviewFilter, ReviewPage, Status,
};

#[cfg(feature = "ssr")]
use crate::backend::services::applications as svc;

#[server(endpoint = "producer/apply-page")]
pub async fn get_apply_page(event_id: i64) -> Result<ApplyPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::apply_page(&state, &super::request(), event_id).await)
}

/// Saves a draft or submits (`form[intent]=submit`). A plain form lands on the application page,
/// which tells what happened.
#[server(endpoint = "producer/save-application")]
pub async fn save_application(event_id: i64, form: ApplicationForm) -> Result<(i64, Status), ApiError> {
    let state = super::state()?;
    let r = super::reply(svc::save(&state, &super::request(), event_id, &form).await)?;
    let flag = if r.1 == Status::Draft { "nhap" } else { "nop" };
    super::plain_form_goes_to(&format!("{}?da-luu={flag}", crate::domain::paths::apply(event_id)));
    Ok(r)
}

#[server(endpoint = "producer/withdraw")]
pub async fn withdraw_application(application_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::withdraw(&state, &super::request(), application_id).await)?;
    super::plain_form_goes_to(&format!("{}?da-rut=1#ho-so", crate::domain::paths::PRODUCER));
    Ok(())
}

#[server(endpoint = "producer/accept-offer")]
pub async fn accept_offer(application_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::accept_offer(&state, &super::request(), application_id).await)?;
    super::plain_form_goes_to(crate::domain::paths::MY_APPLICATIONS);
    Ok(())
}

/// The producer's applications; `new_feed` is a just-made feed secret to show once (or empty).
#[server(endpoint = "producer/applications")]
pub async fn get_my_applications(#[server(default)] new_feed: String) -> Result<MyApplications, ApiError> {
    let state = super::state()?;
    super::reply(svc::mine(&state, &super::request(), &new_feed).await)
}

/// A new secret address for the producer's own calendar (the previous one stops working). A plain
/// form lands on the producer's page with the secret in `?lich-rieng=`, shown there once.
#[server(endpoint = "producer/new-feed")]
pub async fn new_feed() -> Result<String, ApiError> {
    let state = super::state()?;
    let secret = super::reply(svc::new_feed(&state, &super::request()).await)?;
    super::plain_form_goes_to(&format!("{}?lich-rieng={secret}#ho-so", crate::domain::paths::PRODUCER));
    Ok(svc::feed_address(&state, &secret))
}

#[server(endpoint = "producer/revoke-feed")]
pub async fn revoke_feed() -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::revoke_feed(&state, &super::request()).await)
}

#[server(endpoint = "staff/review")]
pub async fn get_review(event_id: i64, filter: ReviewFilter) -> Result<ReviewPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::review(&state, &super::request(), event_id, &filter).await)
}

/// A decision on the applications checked in the table (`form[selected][<id>]=on`), or on one
/// (`form[application_id]`).
#[server(endpoint = "staff/decide")]
pub async fn decide(event_id: i64, form: DecideForm) -> Result<usize, ApiError> {
    use crate::domain::application::Action;
    let state = super::state()?;
    let req = super::request();
    let mut ids: Vec<i64> = form
        .selected
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .filter_map(|(k, _)| k.parse().ok())
        .collect();
    ids.extend(form.application_id.trim().parse::<i64>().ok());
    let Some(action) = Action::parse(&form.action) else {
        return super::reply(Err(crate::backend::services::ServiceError::NotFound));
    };
    let n = super::reply(svc::decide(&state, &req, event_id, &ids, action, &form.message).await)?;
    super::plain_form_goes_to(&crate::domain::paths::review(event_id));
    Ok(n)
}

#[server(endpoint = "staff/comment")]
pub async fn comment_application(application_id: i64, comment: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::comment(&state, &super::request(), application_id, &comment).await)
}

#[server(endpoint = "staff/mark-paid")]
pub async fn mark_paid(application_id: i64, paid: bool) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::mark_paid(&state, &super::request(), application_id, paid).await)
}

#[server(endpoint = "staff/allocate")]
pub async fn allocate_booth(event_id: i64, application_id: i64, booth_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    use crate::domain::ids::{ApplicationId, BoothId, EventId};
    let (event, application, booth) = (EventId(event_id), ApplicationId(application_id), BoothId(booth_id));
    super::reply(svc::allocate(&state, &super::request(), event, application, booth).await)
}

#[server(endpoint = "staff/deallocate")]
pub async fn deallocate_booth(event_id: i64, application_id: i64, booth_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    use crate::domain::ids::{ApplicationId, BoothId, EventId};
    let (event, application, booth) = (EventId(event_id), ApplicationId(application_id), BoothId(booth_id));
    super::reply(svc::deallocate(&state, &super::request(), event, application, booth).await)
}

#[server(endpoint = "staff/propose")]
pub async fn propose_allocation(event_id: i64) -> Result<Proposal, ApiError> {
    let state = super::state()?;
    super::reply(svc::propose(&state, &super::request(), event_id).await)
}

#[server(endpoint = "staff/accept-proposal")]
pub async fn accept_proposal(event_id: i64) -> Result<usize, ApiError> {
    let state = super::state()?;
    super::reply(svc::accept_proposal(&state, &super::request(), event_id).await)
}
