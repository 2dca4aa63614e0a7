//! Server functions of buyers' inquiries: sending and confirming one (anyone), the producer's
//! inquiries and their marks (its users), the counts (staff); each checked in the services.

use leptos::prelude::*;

use super::ApiError;
use crate::domain::inquiries::{InquiryCounts, InquiryForm, InquiryLine};

#[cfg(feature = "ssr")]
use crate::backend::services::inquiries as svc;

/// A buyer's inquiry about a product (`product_id` 0: about what the producer makes).
#[server(endpoint = "directory/inquire")]
pub async fn send_inquiry(product_id: i64, producer_id: i64, form: InquiryForm) -> Result<(), ApiError> {
    let state = super::state()?;
    let product = (product_id > 0).then_some(product_id);
    super::reply(svc::send(&state, &super::request(), product, producer_id, &form).await)?;
    let page = match product {
        Some(p) => crate::domain::paths::product(p),
        None => crate::domain::paths::producer_page(producer_id),
    };
    super::plain_form_goes_to(&format!("{page}?da-gui=1#hoi-mua"));
    Ok(())
}

/// The buyer confirms by the mailed secret; answers the producer's name.
#[server(endpoint = "directory/confirm-inquiry")]
pub async fn confirm_inquiry(secret: String) -> Result<String, ApiError> {
    let state = super::state()?;
    let producer = super::reply(svc::confirm(&state, &secret).await)?;
    super::plain_form_goes_to(&format!("{}?da-gui=1", crate::domain::paths::CONFIRM_INQUIRY));
    Ok(producer)
}

#[server(endpoint = "producer/inquiries")]
pub async fn get_my_inquiries() -> Result<Vec<InquiryLine>, ApiError> {
    let state = super::state()?;
    super::reply(svc::mine(&state, &super::request()).await)
}

#[server(endpoint = "producer/mark-inquiry")]
pub async fn mark_inquiry(inquiry_id: i64, status: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::mark(&state, &super::request(), inquiry_id, &status).await)?;
    super::plain_form_goes_to(crate::domain::paths::MY_INQUIRIES);
    Ok(())
}

#[server(endpoint = "staff/inquiries")]
pub async fn get_inquiry_counts() -> Result<InquiryCounts, ApiError> {
    let state = super::state()?;
    super::reply(svc::counts(&state, &super::request()).await)
}
