//! Server functions of the product catalogue: a producer's own products, staff verifying ratings.

use leptos::prelude::*;

use super::ApiError;
use crate::domain::catalogue::{ProductForm, ProductView, ProfileForm};

#[cfg(feature = "ssr")]
use crate::backend::services::catalogue as svc;

#[server(endpoint = "producer/products")]
pub async fn get_my_products() -> Result<Vec<ProductView>, ApiError> {
    let state = super::state()?;
    super::reply(svc::my_products(&state, &super::request()).await)
}

#[server(endpoint = "producer/add-product")]
pub async fn add_product(product: ProductForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::add_product(&state, &super::request(), &product).await)
}

#[server(endpoint = "producer/remove-product")]
pub async fn remove_product(product_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::remove_product(&state, &super::request(), product_id).await)
}

#[server(endpoint = "staff/ratings")]
pub async fn get_ratings_to_verify() -> Result<Vec<ProductView>, ApiError> {
    let state = super::state()?;
    super::reply(svc::ratings_to_verify(&state, &super::request()).await)
}

#[server(endpoint = "staff/verify-rating")]
pub async fn verify_rating(product_id: i64, verified: bool) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::verify_rating(&state, &super::request(), product_id, verified).await)
}

#[server(endpoint = "producer/profile")]
pub async fn get_profile() -> Result<ProfileForm, ApiError> {
    let state = super::state()?;
    super::reply(svc::profile(&state, &super::request()).await)
}

#[server(endpoint = "producer/save-profile")]
pub async fn save_profile(profile: ProfileForm) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::save_profile(&state, &super::request(), &profile).await)
}

/// The OCOP sub-groups: (code, group code, name), in the given language. Reference data, public.
#[server(endpoint = "producer/subgroups")]
pub async fn get_subgroups(lang: crate::domain::Lang) -> Result<Vec<(String, String, String)>, ApiError> {
    let state = super::state()?;
    super::reply(svc::subgroups(&state, lang).await)
}

#[server(endpoint = "producer/remove-file")]
pub async fn remove_product_file(file_id: i64) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::remove_product_file(&state, &super::request(), file_id).await)
}
