//! HTTP through the real router, on SQLite and PostgreSQL: one test binary, a module per area.
//! `route_generation.rs` stays a binary of its own: it needs a process whose route list was
//! never generated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts_http;
mod harness;
mod http;
mod restore;
mod uploads;
