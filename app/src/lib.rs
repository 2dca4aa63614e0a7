//! The trade-promotion and fair management system of the Đắk Lắk Department of Industry and
//! Trade, as one library shared by the browser (feature `hydrate`) and the server (`ssr`).
//!
//! Data flows one way: page → server function (`api`) → service (`backend::services`) → SQL
//! (`backend::db`) → database, and back. Pages never reach the backend directly.

// Deeply nested views (the event page) need more than the default 128 without erase_components.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod context;
pub mod domain;
pub mod pages;

pub use pages::{shell, App};

/// The browser's entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(App);
}
