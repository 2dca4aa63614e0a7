//! Pages for visitors: no account needed.

pub mod calendar;
pub mod directory;
pub mod event;
pub mod home;
pub mod inquiry;
pub mod not_found;
pub mod results;
pub mod sale_points;
