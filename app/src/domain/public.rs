//! What the public pages receive: the home page, the calendar, one event.

use serde::{Deserialize, Serialize};

use super::{reference::FilterOptions, EventCard, EventDetail};

/// What the home page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub next_fair: Option<EventCard>,
    pub upcoming: Vec<EventCard>,
}

/// A calendar page's events, with the day it was computed for (Vietnamese date) so the page
/// renders the same grid on the server and after hydration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarData {
    #[serde(with = "super::time::days")]
    pub today: chrono::NaiveDate,
    pub events: Vec<EventCard>,
    /// The month a month grid shows: the one asked for, or — when none was and nothing the filter
    /// asks for happens this month — the first month that has something.
    #[serde(with = "super::time::days")]
    pub month: chrono::NaiveDate,
    /// The public address, for the absolute feed links a calendar app needs.
    pub base_url: String,
    /// What the filter form offers. Sent with the events so the page needs one request, not two.
    pub options: FilterOptions,
}

/// One event with the public address its links are built on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPageData {
    pub event: EventDetail,
    pub base_url: String,
    /// The floor plan (booth codes and zones), once staff have drawn one.
    pub plan: Option<super::booths::BoothSetup>,
    /// The call for applications, when staff have set one: dates, who may apply, open or not.
    pub call: Option<super::booths::PublicCall>,
    /// A completed event's confirmed headline figures, written out.
    pub results: Vec<super::outcomes::Figure>,
    /// The line after the venue's address: the parts of the place it does not already name
    /// ([`EventDetail::place_line`]).
    pub place: Option<String>,
    /// The whole place on one line, for the map and the calendar links
    /// ([`EventDetail::where_line`]).
    pub where_line: String,
    /// schema.org `Event` as JSON-LD, safe inside a `<script>`.
    #[serde(default)]
    pub json_ld: String,
}
