//! The department plans its year: staff create, edit, duplicate and publish events, move them
//! through their statuses, and keep each event's side programme. Only staff and admins may; every
//! change goes to the audit log. A change to a public event raises its SEQUENCE (subscribed
//! calendars take it) and leaves a note on its page.

use super::error::{field, Refusal, ServiceError};
use crate::domain::ids::EventId;
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, Tx},
        now, AppState,
    },
    domain::{
        account::FieldError,
        event::local_time,
        planning::{EventEditor, StaffEvent},
        time, EventKind, EventStatus, Lang, NewEvent, NewEventError, NewEventInput, NewSession, SessionInput,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

fn invalid(e: &NewEventError, lang: Lang) -> ServiceError {
    ServiceError::Fields(vec![FieldError::new(e.field(), e.message(lang))])
}

async fn audit(
    tx: &mut Tx,
    req: &RequestInfo,
    action: &'static str,
    event_id: i64,
    detail: Option<String>,
) -> Result<()> {
    Ok(super::record(tx, req, action, "event", event_id, detail).await?)
}

pub async fn list(state: &AppState, req: &RequestInfo) -> Result<Vec<StaffEvent>> {
    req.staff()?;
    Ok(db::event::staff_list(&state.db)
        .await?
        .into_iter()
        .map(|r| StaffEvent {
            event_id: r.event_id,
            title: r.title_vi,
            kind: r.kind,
            status: r.status,
            dates: time::date_range(r.starts_at, r.ends_at),
            sequence: r.sequence,
            sessions: r.sessions,
            ends_at: r.ends_at,
        })
        .collect())
}

/// One event for the editor; `event_id` 0 is a new, empty draft.
pub async fn editor(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<EventEditor> {
    req.staff()?;
    let options = crate::backend::services::public::filter_options(&state.db, req.lang).await?;
    if event_id == 0 {
        let input = NewEventInput {
            kind: EventKind::Fair.code().into(),
            format: "in-person".into(),
            level: "provincial".into(),
            scope: "province".into(),
            organiser: "Sở Công Thương tỉnh Đắk Lắk".into(),
            ..NewEventInput::default()
        };
        return Ok(EventEditor {
            event_id: 0,
            input,
            status: EventStatus::Draft,
            sequence: 0,
            change_note: None,
            sessions: Vec::new(),
            next: Vec::new(),
            options,
            has_cover: false,
        });
    }
    let (input, status, sequence, change_note) = db::event::editor_input(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (sessions, has_cover) = db::event::any_detail(&state.db, event_id, Lang::Vi)
        .await?
        .map(|d| (d.sessions, d.has_cover))
        .unwrap_or_default();
    Ok(EventEditor {
        event_id,
        input,
        status,
        sequence,
        change_note,
        sessions,
        next: EventStatus::ALL
            .iter()
            .copied()
            .filter(|s| status.can_become(*s))
            .collect(),
        options,
        has_cover,
    })
}

/// Checks an event's input, including what only the database knows (the commune, the groups).
async fn checked(state: &AppState, input: NewEventInput, lang: Lang) -> Result<NewEvent> {
    let event = NewEvent::try_from(input).map_err(|e| invalid(&e, lang))?;
    if let Some(id) = event.commune_id {
        if !db::account::commune_exists(&state.db, id).await? {
            return Err(field("commune_id", lang.a().commune_unknown));
        }
    }
    Ok(event)
}

/// An unknown product group is the form field's fault: said beside it.
fn map_store_error(e: ServiceError, lang: Lang) -> ServiceError {
    match e {
        ServiceError::Refused(why @ Refusal::UnknownProductGroup) => field("product_groups", why.message(lang)),
        other => other,
    }
}

/// Creates a draft (`event_id` `None`) or rewrites an event. The status is not changed here (see
/// [`change_status`]); editing a public event raises its SEQUENCE and leaves `note` (or a dated
/// default) on its page.
pub async fn save(
    state: &AppState,
    req: &RequestInfo,
    event_id: Option<i64>,
    mut input: NewEventInput,
    note: &str,
) -> Result<i64> {
    req.staff()?;
    let lang = req.lang;
    let Some(id) = event_id else {
        input.status = EventStatus::Draft.code().to_string();
        let event = checked(state, input, lang).await?;
        let id = crate::backend::services::events::create_event(&state.db, &event, state.config.host(), false)
            .await
            .map_err(|e| map_store_error(e, lang))?;
        let mut tx = state.db.begin_write().await?;
        audit(&mut tx, req, "event-create", id, None).await?;
        tx.commit().await?;
        return Ok(id);
    };
    let current = db::event::state(&state.db, id).await?.ok_or(ServiceError::NotFound)?;
    let status = current.status;
    input.status = status.code().to_string();
    let event = checked(state, input, lang).await?;
    crate::backend::services::events::update_event(&state.db, id, &event)
        .await
        .map_err(|e| map_store_error(e, lang))?;
    let note = note.trim();
    let note = if note.is_empty() {
        format!("Thông tin sự kiện được cập nhật ngày {}.", time::date(now()))
    } else {
        note.chars().take(1000).collect()
    };
    let mails = if status.is_public() {
        super::applications::applicant_mails(state, id, &note).await?
    } else {
        Vec::new()
    };
    let mut tx = state.db.begin_write().await?;
    if status.is_public() {
        db::event::set_change_note(&mut tx, id, &note).await?;
    }
    for m in &mails {
        crate::backend::mail::enqueue(&mut tx, m, state.config.host()).await?;
    }
    audit(&mut tx, req, "event-update", id, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves an event along its workflow. Postponing needs the new dates; cancelling a reason.
pub async fn change_status(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    to: EventStatus,
    note: &str,
    starts_at: &str,
    ends_at: &str,
) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    let current = db::event::state(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let from = current.status;
    if !from.can_become(to) {
        return Err(Refusal::StatusChange { from, to }.into());
    }
    let note = note.trim();
    let (dates, note) = match to {
        EventStatus::Postponed => {
            let starts = local_time(starts_at, "starts_at").map_err(|e| invalid(&e, lang))?;
            let ends = local_time(ends_at, "ends_at").map_err(|e| invalid(&e, lang))?;
            if ends < starts {
                return Err(invalid(&NewEventError::EndsBeforeStart, lang));
            }
            let default = format!("Sự kiện được dời sang {}.", time::date_time_range(starts, ends));
            (
                Some((starts, ends)),
                Some(if note.is_empty() { default } else { note.to_string() }),
            )
        }
        EventStatus::Cancelled => {
            if note.is_empty() {
                return Err(field(
                    "note",
                    lang.tr(
                        "Vui lòng nêu lý do hủy sự kiện.",
                        "Please give the reason for cancelling.",
                    ),
                ));
            }
            (None, Some(format!("Sự kiện đã bị hủy. Lý do: {note}")))
        }
        _ => (None, (!note.is_empty()).then(|| note.to_string())),
    };
    let mails = match (from.is_public(), note.as_deref()) {
        (true, Some(note)) => super::applications::applicant_mails(state, event_id, note).await?,
        _ => Vec::new(),
    };
    let mut tx = state.db.begin_write().await?;
    if !db::event::set_status(&mut tx, event_id, to, note.as_deref(), dates, now()).await? {
        return Err(ServiceError::NotFound);
    }
    for m in &mails {
        crate::backend::mail::enqueue(&mut tx, m, state.config.host()).await?;
    }
    audit(
        &mut tx,
        req,
        "event-status",
        event_id,
        Some(format!("{} -> {}", from.code(), to.code())),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// "The same fair as last year": a draft copy a year later, with its product groups and side
/// programme.
pub async fn duplicate(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<i64> {
    req.staff()?;
    let (mut input, ..) = db::event::editor_input(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let next_year = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| t.checked_add_months(chrono::Months::new(12)))
            .map_or_else(|| s.to_string(), |t| t.format("%Y-%m-%dT%H:%M").to_string())
    };
    input.starts_at = next_year(&input.starts_at);
    input.ends_at = next_year(&input.ends_at);
    let sessions = db::event::any_detail(&state.db, event_id, Lang::Vi)
        .await?
        .map(|d| d.sessions)
        .unwrap_or_default();
    let new_id = save(state, req, None, input, "").await?;
    let mut tx = state.db.begin_write().await?;
    for s in sessions {
        let copy = NewSession {
            kind: s.kind,
            title_vi: s.title,
            title_en: None,
            starts_at: s.starts_at + chrono::Duration::days(365),
            ends_at: s.ends_at + chrono::Duration::days(365),
            room: s.room,
        };
        let uid = format!("{}@{}", uuid::Uuid::new_v4(), state.config.host());
        db::event::insert_session(&mut tx, new_id, &uid, &copy, now()).await?;
    }
    db::application::join_series(&mut tx, EventId(new_id), EventId(event_id)).await?;
    audit(
        &mut tx,
        req,
        "event-duplicate",
        new_id,
        Some(format!("from event {event_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(new_id)
}

/// Adds a session to an event's side programme; it must fall within the event's time.
pub async fn add_session(state: &AppState, req: &RequestInfo, event_id: i64, input: &SessionInput) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    let current = db::event::state(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let session = NewSession::parse(input, current.starts_at, current.ends_at).map_err(|e| invalid(&e, lang))?;
    let uid = format!("{}@{}", uuid::Uuid::new_v4(), state.config.host());
    let mut tx = state.db.begin_write().await?;
    let id = db::event::insert_session(&mut tx, event_id, &uid, &session, now()).await?;
    db::event::touch(&mut tx, event_id, now()).await?;
    audit(&mut tx, req, "session-add", event_id, Some(format!("session {id}"))).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_session(state: &AppState, req: &RequestInfo, event: EventId, session_id: i64) -> Result<()> {
    req.staff()?;
    let mut tx = state.db.begin_write().await?;
    if !db::event::delete_session(&mut tx, event, session_id).await? {
        return Err(ServiceError::NotFound);
    }
    db::event::touch(&mut tx, event.0, now()).await?;
    audit(
        &mut tx,
        req,
        "session-remove",
        event.0,
        Some(format!("session {session_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a new cover picture for an event (JPEG, PNG or WebP, known by its first bytes, at most
/// 10 MB) under a random name outside the web root, and forgets the previous one.
pub async fn set_cover(state: &AppState, req: &RequestInfo, event_id: i64, bytes: &[u8]) -> Result<()> {
    use super::files::{self, Accept};
    req.staff()?;
    db::event::state(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let kind = files::check(bytes, Accept::Picture, "cover", req.lang)?;
    let name = files::store(state, "covers", bytes, kind).await?;
    let mut tx = state.db.begin_write().await?;
    let old = db::event::set_cover(&mut tx, event_id, &name, now()).await?;
    audit(
        &mut tx,
        req,
        "event-cover",
        event_id,
        Some(format!("{} bytes", bytes.len())),
    )
    .await?;
    tx.commit().await?;
    if let Some(old) = old {
        files::remove(state, "covers", &old).await;
    }
    Ok(())
}

/// An event's cover picture: its bytes and kind. Drafts' covers only for staff.
pub async fn cover(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
) -> Result<(Vec<u8>, crate::domain::upload::FileKind)> {
    let (file, status) = db::event::cover(&state.db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let public = status.is_public();
    if !public && req.staff().is_err() {
        return Err(ServiceError::NotFound);
    }
    let (bytes, kind) = super::files::read(state, "covers", &file)
        .await
        .ok_or(ServiceError::NotFound)?;
    Ok((bytes, kind))
}
