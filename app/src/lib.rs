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

/// Room for wasm-split to lay out the read-only data segment again. The splitter (in cargo-leptos)
/// regroups each module's data by alignment and pads each module's start; when the regrouped
/// segment comes out longer than the linked one (by 444 bytes on 2026-12-03), it gives up and puts
/// the whole segment, every page's texts, into the main module (+30 KB gzipped). These bytes are
/// kept by the linker (`#[used]`) but referenced by no code, so the splitter emits them nowhere:
/// they cost nothing in the bundle and leave that much slack. `scripts/wasm-budget.sh` fails the
/// build when the slack is not enough.
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_SLACK: [u8; 4096] = [0x5a; 4096];
