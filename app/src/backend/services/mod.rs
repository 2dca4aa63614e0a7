//! Use cases. Each function owns its transaction: it begins, checks, writes and commits.

pub mod accounts;
pub mod booths;
pub mod calendar;
pub mod catalogue;
pub mod events;
pub mod planning;
