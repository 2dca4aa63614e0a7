//! Presentational pieces; none of them calls the server.

pub mod event_list;
pub mod filter_form;
pub mod floor_plan;
pub mod form;
pub mod layout;
pub mod month_grid;
pub mod user_table;
