//! What the staff's planning pages show: the list of every event, drafts included, and one event
//! in the editor with the moves its status allows.

use serde::{Deserialize, Serialize};

use super::{reference::FilterOptions, EventKind, EventSession, EventStatus, NewEventInput};

/// One line of the staff's event list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub event_id: i64,
    pub title: String,
    pub kind: EventKind,
    pub status: EventStatus,
    /// "18/12/2026 – 22/12/2026", Vietnamese time.
    pub dates: String,
    pub sequence: i32,
    pub sessions: i64,
    #[serde(with = "super::time::ts")]
    pub ends_at: chrono::DateTime<chrono::Utc>,
}

/// One event in the editor: the form's values as stored, and what may happen next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventEditor {
    pub event_id: i64,
    pub input: NewEventInput,
    pub status: EventStatus,
    pub sequence: i32,
    pub change_note: Option<String>,
    pub sessions: Vec<EventSession>,
    /// The statuses it may move to from here.
    pub next: Vec<EventStatus>,
    /// The communes and product groups the form offers.
    pub options: FilterOptions,
    pub has_cover: bool,
}

/// The event form as a browser posts it (every field text; the product groups as checkboxes
/// `form[groups][code]=on`). A missing field reads as empty, so that it gets a message of its own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub kind: String,
    pub format: String,
    pub level: String,
    pub scope: String,
    pub commune_id: String,
    pub place: String,
    pub venue_name: String,
    pub venue_address: String,
    pub online_platform: String,
    pub online_url: String,
    pub starts_at: String,
    pub ends_at: String,
    pub organiser: String,
    pub co_organisers: String,
    pub title_vi: String,
    pub title_en: String,
    pub description_vi: String,
    pub description_en: String,
    #[serde(default)]
    pub groups: std::collections::BTreeMap<String, String>,
}

impl EventForm {
    pub fn into_input(self) -> NewEventInput {
        NewEventInput {
            kind: self.kind,
            format: self.format,
            level: self.level,
            scope: self.scope,
            commune_id: self.commune_id.trim().parse().ok(),
            place: self.place,
            venue_name: self.venue_name,
            venue_address: self.venue_address,
            online_platform: self.online_platform,
            online_url: self.online_url,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            organiser: self.organiser,
            title_vi: self.title_vi,
            title_en: self.title_en,
            description_vi: self.description_vi,
            description_en: self.description_en,
            status: String::new(),
            product_groups: self.groups.into_keys().collect(),
            co_organisers: self.co_organisers,
        }
    }
}
