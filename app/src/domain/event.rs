//! Events: anything on the department's calendar — fairs, exhibitions, conferences, livestreams.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{text, Lang};

/// A closed set of values with a stable code (used in URLs, the database and feeds) and a label
/// in each language.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $vi:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code.trim() { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Vi) => $vi, ($name::$variant, Lang::En) => $en,)+
                }
            }
        }

        impl From<$name> for &'static str {
            fn from(value: $name) -> &'static str { value.code() }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(value: String) -> Result<Self, String> {
                $name::parse(&value).ok_or_else(|| format!("unknown {}: {value}", stringify!($name)))
            }
        }
    };
}
pub(crate) use coded_enum;

coded_enum! {
    /// What kind of event this is.
    EventKind {
        Fair = "fair", "Hội chợ", "Fair";
        Exhibition = "exhibition", "Triển lãm", "Exhibition";
        Conference = "conference", "Hội nghị, hội thảo", "Conference or workshop";
        SupplyDemand = "supply-demand", "Hội nghị kết nối cung cầu", "Supply–demand connection conference";
        Livestream = "livestream", "Phiên livestream bán hàng", "Livestream sales session";
        Training = "training", "Tập huấn", "Training";
        Delegation = "delegation", "Đoàn tham gia hội chợ", "Delegation to a fair";
    }
}

coded_enum! {
    /// In person, online or both.
    EventFormat {
        InPerson = "in-person", "Trực tiếp", "In person";
        Online = "online", "Trực tuyến", "Online";
        Hybrid = "hybrid", "Kết hợp", "Hybrid";
    }
}

coded_enum! {
    EventLevel {
        Provincial = "provincial", "Cấp tỉnh", "Provincial";
        Regional = "regional", "Cấp khu vực", "Regional";
        National = "national", "Cấp quốc gia", "National";
        International = "international", "Quốc tế", "International";
    }
}

coded_enum! {
    /// Where the event happens, broadly; the calendar filters on this.
    LocationScope {
        Province = "province", "Trong tỉnh", "In the province";
        OtherProvince = "other-province", "Tỉnh, thành khác", "Another province";
        Abroad = "abroad", "Nước ngoài", "Abroad";
    }
}

coded_enum! {
    /// Drafts are never public; the others are shown with their status.
    EventStatus {
        Draft = "draft", "Bản nháp", "Draft";
        Published = "published", "Đã công bố", "Published";
        Postponed = "postponed", "Tạm hoãn", "Postponed";
        Cancelled = "cancelled", "Đã hủy", "Cancelled";
        Completed = "completed", "Đã kết thúc", "Completed";
    }
}

impl EventStatus {
    pub fn is_public(self) -> bool {
        self != EventStatus::Draft
    }

    /// The moves staff may make: a draft is published; a published event is postponed (new
    /// dates), cancelled or completed; a postponed one is published again (re-scheduled) or
    /// cancelled. Cancelled and completed are final.
    pub fn can_become(self, next: EventStatus) -> bool {
        use EventStatus::*;
        matches!(
            (self, next),
            (Draft, Published)
                | (Published, Postponed)
                | (Published, Cancelled)
                | (Published, Completed)
                | (Postponed, Published)
                | (Postponed, Cancelled)
        )
    }
}

coded_enum! {
    /// A session of an event's side programme.
    SessionKind {
        Opening = "opening", "Lễ khai mạc", "Opening ceremony";
        Conference = "conference", "Hội nghị, hội thảo", "Conference";
        Workshop = "workshop", "Tọa đàm, hội thảo chuyên đề", "Workshop";
        Mou = "mou", "Ký kết biên bản ghi nhớ (MOU)", "MOU signing";
        Contest = "contest", "Bình chọn gian hàng đẹp", "Best-booth contest";
        Livestream = "livestream", "Khung giờ livestream", "Livestream slot";
        Other = "other", "Hoạt động khác", "Other";
    }
}

/// One session of the side programme, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSession {
    pub session_id: i64,
    /// Its own iCalendar UID and SEQUENCE (each session is an entry of its own in the feeds).
    pub uid: String,
    pub sequence: i32,
    pub kind: SessionKind,
    pub title: String,
    #[serde(with = "super::time::ts")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "super::time::ts")]
    pub ends_at: DateTime<Utc>,
    pub room: Option<String>,
}

/// A session as typed (times are Vietnamese wall clock, as a `datetime-local` input sends them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionInput {
    pub kind: String,
    pub title_vi: String,
    pub title_en: String,
    pub starts_at: String,
    pub ends_at: String,
    pub room: String,
}

/// A valid session, inside its event's time.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSession {
    pub kind: SessionKind,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: Option<String>,
}

impl NewSession {
    pub fn parse(
        input: &SessionInput,
        event_starts: DateTime<Utc>,
        event_ends: DateTime<Utc>,
    ) -> Result<NewSession, NewEventError> {
        let kind = SessionKind::parse(&input.kind).ok_or(NewEventError::Unknown("kind"))?;
        let title_vi = required(&input.title_vi, "title_vi", 300)?;
        let title_en = optional(&input.title_en, "title_en", 300)?;
        let starts_at = local_time(&input.starts_at, "starts_at")?;
        let ends_at = local_time(&input.ends_at, "ends_at")?;
        if ends_at < starts_at {
            return Err(NewEventError::EndsBeforeStart);
        }
        if starts_at < event_starts || ends_at > event_ends {
            return Err(NewEventError::OutsideEvent);
        }
        let room = optional(&input.room, "room", 200)?;
        Ok(NewSession {
            kind,
            title_vi,
            title_en,
            starts_at,
            ends_at,
            room,
        })
    }
}

/// Where an event takes place, resolved for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Location {
    /// A commune or ward of Đắk Lắk.
    Province { commune: String },
    /// Another province or city of Vietnam.
    OtherProvince { province: String },
    /// Another country, e.g. "Mondulkiri, Campuchia".
    Abroad { place: String },
    /// Online only: nowhere on a map.
    Online,
}

impl Location {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Location::Province { commune } => format!("{commune}, {}", lang.t().province_name),
            Location::OtherProvince { province } => province.clone(),
            Location::Abroad { place } => place.clone(),
            Location::Online => EventFormat::Online.label(lang).to_string(),
        }
    }
}

/// One line of the calendar: just what a list or a month cell shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub event_id: i64,
    pub title: String,
    pub kind: EventKind,
    pub format: EventFormat,
    pub status: EventStatus,
    #[serde(with = "super::time::ts")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "super::time::ts")]
    pub ends_at: DateTime<Utc>,
    pub place: String,
}

/// Everything about one event, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event_id: i64,
    pub uid: String,
    pub sequence: i32,
    pub kind: EventKind,
    pub format: EventFormat,
    pub level: EventLevel,
    pub status: EventStatus,
    pub scope: LocationScope,
    pub location: Location,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub online_platform: Option<String>,
    pub online_url: Option<String>,
    #[serde(with = "super::time::ts")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "super::time::ts")]
    pub ends_at: DateTime<Utc>,
    pub organiser: String,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub description_vi: String,
    pub description_en: Option<String>,
    pub product_groups: Vec<String>,
    pub is_demo: bool,
    #[serde(with = "super::time::ts")]
    pub updated_at: DateTime<Utc>,
    /// Other organisers, one line.
    #[serde(default)]
    pub co_organisers: Option<String>,
    /// What changed since publication (a postponement, a cancellation's reason, an edit).
    #[serde(default)]
    pub change_note: Option<String>,
    /// The side programme, in time order.
    #[serde(default)]
    pub sessions: Vec<EventSession>,
    /// A cover picture is at `/su-kien/{id}/anh-bia`.
    #[serde(default)]
    pub has_cover: bool,
}

impl EventDetail {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_vi, self.title_en.as_deref())
    }

    pub fn description(&self, lang: Lang) -> &str {
        lang.pick(&self.description_vi, self.description_en.as_deref())
    }

    /// Venue, address and place on one line, as a map search or a calendar LOCATION wants it.
    pub fn where_line(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.venue_name.iter().cloned());
        parts.extend(self.venue_address.iter().cloned());
        parts.extend(self.place_line(lang));
        if parts.is_empty() {
            return self.online_platform.clone().unwrap_or_default();
        }
        parts.join(", ")
    }

    /// The place after the venue's address: the parts of the location (commune and province; a
    /// city; a place and its country) that the address does not already name, or `None` when it
    /// names them all. Staff often type "…, phường Buôn Ma Thuột" into the address, and the page
    /// should not say the ward twice.
    pub fn place_line(&self, lang: Lang) -> Option<String> {
        let label = self.location.label(lang);
        let Some(address) = self.venue_address.as_deref() else {
            return Some(label);
        };
        let named = text::fold(address);
        let rest: Vec<&str> = label
            .split(", ")
            .filter(|part| !named.contains(&text::fold(part)))
            .collect();
        (!rest.is_empty()).then(|| rest.join(", "))
    }

    pub fn has_venue(&self) -> bool {
        self.format != EventFormat::Online && self.venue_name.is_some()
    }
}

/// What a person typed to create an event, before any checks. Times are local (Vietnam) wall
/// clock, `yyyy-MM-ddTHH:mm` as a `datetime-local` input sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewEventInput {
    pub kind: String,
    pub format: String,
    pub level: String,
    pub scope: String,
    pub commune_id: Option<i64>,
    pub place: String,
    pub venue_name: String,
    pub venue_address: String,
    pub online_platform: String,
    pub online_url: String,
    pub starts_at: String,
    pub ends_at: String,
    pub organiser: String,
    pub title_vi: String,
    pub title_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub status: String,
    pub product_groups: Vec<String>,
    #[serde(default)]
    pub co_organisers: String,
}

/// A valid event, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub format: EventFormat,
    pub level: EventLevel,
    pub scope: LocationScope,
    pub commune_id: Option<i64>,
    pub place: Option<String>,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub online_platform: Option<String>,
    pub online_url: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organiser: String,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub description_vi: String,
    pub description_en: Option<String>,
    pub status: EventStatus,
    pub product_groups: Vec<String>,
    pub co_organisers: Option<String>,
}

/// The first thing wrong with an event's input, named by field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NewEventError {
    #[error("unknown value for {0}")]
    Unknown(&'static str),
    #[error("{0} is required")]
    Required(&'static str),
    #[error("{0} is too long")]
    TooLong(&'static str),
    #[error("{0} is not a valid date and time")]
    BadTime(&'static str),
    #[error("the event ends before it starts")]
    EndsBeforeStart,
    #[error("{0} must be a web address starting with https:// or http://")]
    BadUrl(&'static str),
    #[error("the session must take place within the event's time")]
    OutsideEvent,
}

impl NewEventError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NewEventError::Unknown(f), Lang::Vi) => format!("Giá trị của «{f}» không hợp lệ."),
            (NewEventError::Required(f), Lang::Vi) => format!("Vui lòng nhập «{f}»."),
            (NewEventError::TooLong(f), Lang::Vi) => format!("«{f}» quá dài."),
            (NewEventError::BadTime(f), Lang::Vi) => format!("«{f}» không phải ngày giờ hợp lệ."),
            (NewEventError::EndsBeforeStart, Lang::Vi) => "Thời gian kết thúc phải sau thời gian bắt đầu.".into(),
            (NewEventError::OutsideEvent, Lang::Vi) => "Phiên phải diễn ra trong thời gian của sự kiện.".into(),
            (NewEventError::BadUrl(f), Lang::Vi) => {
                format!("«{f}» phải là địa chỉ web bắt đầu bằng https:// hoặc http://.")
            }
            (e, Lang::En) => {
                let s = e.to_string();
                let mut c = s.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>() + ".")
                    .unwrap_or(s)
            }
        }
    }
}

impl NewEventError {
    /// The form field the error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            NewEventError::Unknown(f)
            | NewEventError::Required(f)
            | NewEventError::TooLong(f)
            | NewEventError::BadTime(f)
            | NewEventError::BadUrl(f) => f,
            NewEventError::EndsBeforeStart => "ends_at",
            NewEventError::OutsideEvent => "starts_at",
        }
    }
}

fn required(value: &str, field: &'static str, max: usize) -> Result<String, NewEventError> {
    let v = text::clean(value);
    if v.is_empty() {
        return Err(NewEventError::Required(field));
    }
    if v.chars().count() > max {
        return Err(NewEventError::TooLong(field));
    }
    Ok(v)
}

fn optional(value: &str, field: &'static str, max: usize) -> Result<Option<String>, NewEventError> {
    let v = text::clean(value);
    if v.chars().count() > max {
        return Err(NewEventError::TooLong(field));
    }
    Ok((!v.is_empty()).then_some(v))
}

/// Reads a Vietnamese wall-clock time as a form sends it (`yyyy-MM-ddTHH:mm`, or `dd/MM/yyyy HH:mm`).
pub fn local_time(value: &str, field: &'static str) -> Result<DateTime<Utc>, NewEventError> {
    let v = value.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(v, f).ok())
        .filter(|local| super::time::in_range(local.date()))
        .map(super::time::from_local)
        .ok_or(NewEventError::BadTime(field))
}

fn url(value: &str, field: &'static str) -> Result<Option<String>, NewEventError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.contains(char::is_whitespace) && v.len() <= 500 => Ok(Some(v.to_string())),
        _ => Err(NewEventError::BadUrl(field)),
    }
}

impl TryFrom<NewEventInput> for NewEvent {
    type Error = NewEventError;

    fn try_from(input: NewEventInput) -> Result<Self, Self::Error> {
        let kind = EventKind::parse(&input.kind).ok_or(NewEventError::Unknown("kind"))?;
        let format = EventFormat::parse(&input.format).ok_or(NewEventError::Unknown("format"))?;
        let level = EventLevel::parse(&input.level).ok_or(NewEventError::Unknown("level"))?;
        let scope = LocationScope::parse(&input.scope).ok_or(NewEventError::Unknown("scope"))?;
        let status = if input.status.trim().is_empty() {
            EventStatus::Draft
        } else {
            EventStatus::parse(&input.status).ok_or(NewEventError::Unknown("status"))?
        };
        let title_vi = required(&input.title_vi, "title_vi", 300)?;
        let title_en = optional(&input.title_en, "title_en", 300)?;
        let description_vi = required(&input.description_vi, "description_vi", 20_000)?;
        let description_en = optional(&input.description_en, "description_en", 20_000)?;
        let organiser = required(&input.organiser, "organiser", 300)?;
        let co_organisers = optional(&input.co_organisers, "co_organisers", 500)?;
        let starts_at = local_time(&input.starts_at, "starts_at")?;
        let ends_at = local_time(&input.ends_at, "ends_at")?;
        if ends_at < starts_at {
            return Err(NewEventError::EndsBeforeStart);
        }
        let (commune_id, place) = match scope {
            LocationScope::Province => (Some(input.commune_id.ok_or(NewEventError::Required("commune"))?), None),
            _ => (None, Some(required(&input.place, "place", 200)?)),
        };
        let venue_name = optional(&input.venue_name, "venue_name", 300)?;
        let venue_address = optional(&input.venue_address, "venue_address", 500)?;
        let online_platform = optional(&input.online_platform, "online_platform", 200)?;
        let online_url = url(&input.online_url, "online_url")?;
        if format != EventFormat::Online && venue_name.is_none() {
            return Err(NewEventError::Required("venue_name"));
        }
        if format != EventFormat::InPerson && online_platform.is_none() && online_url.is_none() {
            return Err(NewEventError::Required("online_platform"));
        }
        let mut product_groups: Vec<String> = input.product_groups.iter().map(|g| g.trim().to_string()).collect();
        product_groups.retain(|g| !g.is_empty());
        product_groups.sort();
        product_groups.dedup();
        Ok(NewEvent {
            kind,
            format,
            level,
            scope,
            commune_id,
            place,
            venue_name,
            venue_address,
            online_platform,
            online_url,
            starts_at,
            ends_at,
            organiser,
            title_vi,
            title_en,
            description_vi,
            description_en,
            status,
            product_groups,
            co_organisers,
        })
    }
}

impl NewEvent {
    /// What the calendar's text search matches against, folded (see [`text::fold`]).
    pub fn search_text(&self, commune_name: Option<&str>) -> String {
        let parts = [
            Some(self.title_vi.as_str()),
            self.title_en.as_deref(),
            Some(self.organiser.as_str()),
            self.place.as_deref(),
            commune_name,
            self.venue_name.as_deref(),
            self.venue_address.as_deref(),
            self.online_platform.as_deref(),
        ];
        text::fold(&parts.iter().flatten().copied().collect::<Vec<_>>().join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_detail() -> EventDetail {
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        EventDetail {
            event_id: 1,
            uid: "u@test".into(),
            sequence: 0,
            kind: EventKind::Fair,
            format: EventFormat::InPerson,
            level: EventLevel::Provincial,
            status: EventStatus::Published,
            scope: LocationScope::Province,
            location: Location::Online,
            venue_name: Some("Khách sạn".into()),
            venue_address: None,
            online_platform: None,
            online_url: None,
            starts_at: at,
            ends_at: at,
            organiser: "Sở Công Thương".into(),
            title_vi: "Hội chợ".into(),
            title_en: None,
            description_vi: String::new(),
            description_en: None,
            product_groups: Vec::new(),
            is_demo: false,
            updated_at: at,
            co_organisers: None,
            change_note: None,
            sessions: Vec::new(),
            has_cover: false,
        }
    }

    #[test]
    fn the_place_after_an_address_says_only_what_the_address_does_not() {
        let mut e = sample_detail();
        e.location = Location::Province {
            commune: "Phường Tân Lập".into(),
        };
        e.venue_address = Some("Số 1 Nguyễn Tất Thành, phường Tân Lập".into());
        assert_eq!(e.place_line(Lang::Vi).as_deref(), Some("tỉnh Đắk Lắk"));
        e.venue_address = Some("Số 1 Nguyễn Tất Thành".into());
        assert_eq!(e.place_line(Lang::Vi).as_deref(), Some("Phường Tân Lập, tỉnh Đắk Lắk"));
        e.venue_address = None;
        assert_eq!(e.place_line(Lang::Vi).as_deref(), Some("Phường Tân Lập, tỉnh Đắk Lắk"));
        e.location = Location::OtherProvince {
            province: "TP. Hồ Chí Minh".into(),
        };
        e.venue_address = Some("Quận 1, TP. Hồ Chí Minh".into());
        assert_eq!(e.place_line(Lang::Vi), None);
        assert_eq!(e.where_line(Lang::Vi).matches("Hồ Chí Minh").count(), 1);
        e.location = Location::Abroad {
            place: "Mondulkiri, Campuchia".into(),
        };
        e.venue_address = Some("Sen Monorom, Mondulkiri".into());
        assert_eq!(e.place_line(Lang::Vi).as_deref(), Some("Campuchia"));
    }

    #[test]
    fn status_moves_follow_the_workflow_and_nothing_else() {
        use EventStatus::*;
        let allowed = [
            (Draft, Published),
            (Published, Postponed),
            (Published, Cancelled),
            (Published, Completed),
            (Postponed, Published),
            (Postponed, Cancelled),
        ];
        for from in EventStatus::ALL {
            for to in EventStatus::ALL {
                assert_eq!(
                    from.can_become(*to),
                    allowed.contains(&(*from, *to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn a_session_must_fit_inside_its_event() {
        let event_start = super::super::time::from_local(
            chrono::NaiveDateTime::parse_from_str("2026-12-18T08:00", "%Y-%m-%dT%H:%M").unwrap(),
        );
        let event_end = event_start + chrono::Duration::days(4);
        let input = SessionInput {
            kind: "opening".into(),
            title_vi: "Lễ khai mạc".into(),
            starts_at: "2026-12-18T19:00".into(),
            ends_at: "2026-12-18T21:00".into(),
            room: "Sân khấu chính".into(),
            ..SessionInput::default()
        };
        let s = NewSession::parse(&input, event_start, event_end).unwrap();
        assert_eq!(s.kind, SessionKind::Opening);
        let early = SessionInput {
            starts_at: "2026-12-17T19:00".into(),
            ..input.clone()
        };
        let err = NewSession::parse(&early, event_start, event_end).unwrap_err();
        assert_eq!(err, NewEventError::OutsideEvent);
        assert_eq!(err.field(), "starts_at");
        assert!(err.message(Lang::Vi).contains("trong thời gian của sự kiện"));
        let backwards = SessionInput {
            ends_at: "2026-12-18T18:00".into(),
            ..input
        };
        assert_eq!(
            NewSession::parse(&backwards, event_start, event_end)
                .unwrap_err()
                .field(),
            "ends_at"
        );
    }

    fn fair() -> NewEventInput {
        NewEventInput {
            kind: "fair".into(),
            format: "in-person".into(),
            level: "provincial".into(),
            scope: "province".into(),
            commune_id: Some(1),
            venue_name: "Quảng trường 10/3".into(),
            starts_at: "2026-11-13T08:00".into(),
            ends_at: "2026-11-19T22:00".into(),
            organiser: "Sở Công Thương".into(),
            title_vi: "Hội chợ Công thương".into(),
            description_vi: "300 gian hàng".into(),
            status: "published".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_fair_parses_and_its_times_are_read_as_vietnamese_time() {
        let e = NewEvent::try_from(fair()).unwrap();
        assert_eq!(e.kind, EventKind::Fair);
        assert_eq!(e.starts_at.to_rfc3339(), "2026-11-13T01:00:00+00:00");
        assert_eq!(e.title_en, None);
    }

    #[test]
    fn an_event_that_ends_before_it_starts_is_rejected() {
        let input = NewEventInput {
            ends_at: "2026-11-12T08:00".into(),
            ..fair()
        };
        assert_eq!(NewEvent::try_from(input), Err(NewEventError::EndsBeforeStart));
    }

    #[test]
    fn times_outside_the_systems_years_are_refused_beside_their_field() {
        for (starts, ends) in [
            ("1989-12-31T23:00", "2026-11-12T08:00"),
            ("2100-12-31T08:00", "2101-01-01T08:00"),
            ("+262143-12-31T23:59", "+262143-12-31T23:59"),
        ] {
            let input = NewEventInput {
                starts_at: starts.into(),
                ends_at: ends.into(),
                ..fair()
            };
            assert!(
                matches!(NewEvent::try_from(input), Err(NewEventError::BadTime(_))),
                "{starts} – {ends}"
            );
        }
        assert!(local_time("2100-12-31T23:59", "ends_at").is_ok());
        assert!(local_time("1990-01-01T00:00", "starts_at").is_ok());
    }

    #[test]
    fn a_vietnamese_title_is_required_but_an_english_one_is_not() {
        let input = NewEventInput {
            title_vi: "   ".into(),
            ..fair()
        };
        assert_eq!(NewEvent::try_from(input), Err(NewEventError::Required("title_vi")));
    }

    #[test]
    fn an_unknown_kind_is_rejected() {
        let input = NewEventInput {
            kind: "party".into(),
            ..fair()
        };
        assert_eq!(NewEvent::try_from(input), Err(NewEventError::Unknown("kind")));
    }

    #[test]
    fn an_online_event_needs_a_platform_or_link_and_the_link_must_be_web() {
        let base = NewEventInput {
            format: "online".into(),
            venue_name: String::new(),
            ..fair()
        };
        assert_eq!(
            NewEvent::try_from(base.clone()),
            Err(NewEventError::Required("online_platform"))
        );
        let bad = NewEventInput {
            online_url: "javascript:alert(1)".into(),
            ..base.clone()
        };
        assert_eq!(NewEvent::try_from(bad), Err(NewEventError::BadUrl("online_url")));
        let good = NewEventInput {
            online_url: "https://shopee.vn/live".into(),
            ..base
        };
        assert!(NewEvent::try_from(good).is_ok());
    }

    #[test]
    fn an_event_outside_the_province_names_its_place() {
        let input = NewEventInput {
            scope: "abroad".into(),
            commune_id: None,
            ..fair()
        };
        assert_eq!(NewEvent::try_from(input), Err(NewEventError::Required("place")));
    }

    #[test]
    fn codes_round_trip_and_labels_exist_in_both_languages() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.code()), Some(*k));
            assert!(!k.label(Lang::Vi).is_empty() && !k.label(Lang::En).is_empty());
        }
        assert_eq!(EventStatus::parse("nonsense"), None);
    }

    #[test]
    fn errors_read_as_sentences_in_both_languages() {
        assert_eq!(
            NewEventError::EndsBeforeStart.message(Lang::En),
            "The event ends before it starts."
        );
        assert!(NewEventError::Required("title_vi")
            .message(Lang::Vi)
            .starts_with("Vui lòng"));
    }

    #[test]
    fn search_text_is_folded_and_includes_the_commune() {
        let e = NewEvent::try_from(fair()).unwrap();
        assert!(e.search_text(Some("Buôn Ma Thuột")).contains("buon ma thuot"));
    }
}
