//! Plain Rust types and rules, compiled for the browser and the server alike; no I/O here.
//!
//! Every type parses its input once (`parse` / `TryFrom`) and is valid afterwards, so a form can
//! check the same rules in the browser that the server enforces.

pub mod account;
pub mod application;
pub mod booths;
pub mod budget;
pub mod catalogue;
pub mod dashboard;
pub mod deals;
pub mod directory;
pub mod event;
pub mod filter;
pub mod i18n;
pub mod ids;
pub mod indicators;
pub mod inquiries;
pub mod outcomes;
pub mod paths;
pub mod planning;
pub mod producer;
pub mod producer_report;
pub mod public;
pub mod reference;
pub mod sale_points;
pub mod text;
pub mod time;
pub mod upload;

pub use event::{
    EventCard, EventDetail, EventFormat, EventKind, EventLevel, EventSession, EventStatus, Location, LocationScope,
    NewEvent, NewEventError, NewEventInput, NewSession, SessionInput, SessionKind,
};
pub use filter::{CalendarView, EventFilter};
pub use i18n::Lang;
