//! The public directory's server functions: products and producers, for anyone.

use leptos::{prelude::*, server_fn};

use super::ApiError;
use crate::domain::directory::{ProducerPage, ProducersPage, ProductFilter, ProductPage, ProductsPage};

#[server(endpoint = "directory/products", input = server_fn::codec::Json)]
pub async fn get_products(filter: ProductFilter) -> Result<ProductsPage, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(crate::backend::services::directory::products(&state, &filter, lang).await)
}

/// One product of the directory; `None` when it is not there (the page answers 404).
#[server(endpoint = "directory/product", input = server_fn::codec::Json)]
pub async fn get_product(product_id: i64) -> Result<Option<ProductPage>, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(crate::backend::services::directory::product(&state, product_id, lang).await)
}

#[server(endpoint = "directory/producers", input = server_fn::codec::Json)]
pub async fn get_producers(q: String) -> Result<ProducersPage, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(crate::backend::services::directory::producers(&state, &q, lang).await)
}

/// One producer of the directory; `None` when it has no product there (the page answers 404).
#[server(endpoint = "directory/producer", input = server_fn::codec::Json)]
pub async fn get_producer(producer_id: i64) -> Result<Option<ProducerPage>, ApiError> {
    let state = super::state()?;
    let lang = super::request().lang;
    super::reply(crate::backend::services::directory::producer(&state, producer_id, lang).await)
}
