//! Server functions of the OCOP points of sale: the public list and pages (anyone), the register
//! (staff, checked in the services).

use leptos::{prelude::*, server_fn};

use super::ApiError;
use crate::domain::sale_points::{PointFilter, PointPage, PointsPage, RegisterPage, SalePointForm};

#[cfg(feature = "ssr")]
use crate::backend::services::sale_points as svc;

#[server(endpoint = "directory/sale-points", input = server_fn::codec::Json)]
pub async fn get_sale_points(filter: PointFilter) -> Result<PointsPage, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(svc::points(&state, &filter, lang).await)
}

/// One point of sale; `None` when there is none or it has closed (the page answers 404).
#[server(endpoint = "directory/sale-point", input = server_fn::codec::Json)]
pub async fn get_sale_point(sale_point_id: i64) -> Result<Option<PointPage>, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(svc::point(&state, sale_point_id, lang).await)
}

/// The register, with the form of the point `editing` (0: a new one).
#[server(endpoint = "staff/sale-points")]
pub async fn get_point_register(editing: i64) -> Result<RegisterPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::register(&state, &super::request(), (editing > 0).then_some(editing)).await)
}

/// Saves a point (`sale_point_id` 0: a new one); answers its id.
#[server(endpoint = "staff/save-sale-point")]
pub async fn save_sale_point(sale_point_id: i64, form: SalePointForm) -> Result<i64, ApiError> {
    let state = super::state()?;
    let id = (sale_point_id > 0).then_some(sale_point_id);
    let saved = super::reply(svc::save(&state, &super::request(), id, &form).await)?;
    super::plain_form_goes_to(&format!(
        "{}?sua={saved}&da-luu=1#diem-ban-form",
        crate::domain::paths::STAFF_SALE_POINTS
    ));
    Ok(saved)
}

/// Removes a photo of a point; answers the point it was of.
#[server(endpoint = "staff/remove-sale-point-photo")]
pub async fn remove_sale_point_photo(photo_id: i64) -> Result<i64, ApiError> {
    let state = super::state()?;
    let point = super::reply(svc::remove_photo(&state, &super::request(), photo_id).await)?;
    super::plain_form_goes_to(&format!(
        "{}?sua={point}#anh-diem-ban",
        crate::domain::paths::STAFF_SALE_POINTS
    ));
    Ok(point)
}
