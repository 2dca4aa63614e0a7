//! The application's tests through its services, on SQLite and PostgreSQL: one test binary, a
//! module per capability, sharing `app::backend::testing`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(not(feature = "testing"))]
compile_error!(
    "the app's tests need its `testing` feature: `cargo test --workspace`, or `cargo test -p app --features testing`"
);

mod accounts;
mod applications;
mod backups;
mod booths;
mod budget;
mod calendar_store;
mod catalogue;
mod database;
mod directory;
mod ics_feed;
mod inquiries;
mod mail_outbox;
mod outcomes;
mod planning;
mod producer_reports;
mod properties;
mod sale_points;
mod schema_parity;
mod test_support;
