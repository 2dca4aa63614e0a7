//! Creating and changing events.

use crate::{
    backend::{
        db::{self, event::EventRecord, Db},
        now,
        services::{Refusal, ServiceError},
    },
    domain::{Lang, NewEvent},
};

/// The folded search text, which names the commune as well as the event.
async fn search_text(db: &Db, event: &NewEvent) -> Result<String, ServiceError> {
    let commune = match event.commune_id {
        Some(id) => Some(
            db::reference::commune_name(db, id, Lang::Vi)
                .await?
                .ok_or(ServiceError::NotFound)?,
        ),
        None => None,
    };
    Ok(event.search_text(commune.as_deref()))
}

/// Stores a new event with a fresh, permanent iCalendar UID; returns its id.
pub async fn create_event(db: &Db, event: &NewEvent, uid_host: &str, is_demo: bool) -> Result<i64, ServiceError> {
    let search = search_text(db, event).await?;
    let uid = format!("{}@{uid_host}", uuid::Uuid::new_v4());
    let mut tx = db.begin_write().await?;
    let id = db::event::insert(
        &mut tx,
        EventRecord {
            event,
            uid: &uid,
            search_text: &search,
            is_demo,
            now: now(),
        },
    )
    .await?;
    let unknown = db::event::set_product_groups(&mut tx, id, &event.product_groups).await?;
    if !unknown.is_empty() {
        return Err(Refusal::UnknownProductGroup.into());
    }
    tx.commit().await?;
    Ok(id)
}

/// Replaces an event's details; its UID stays, its SEQUENCE rises.
pub async fn update_event(db: &Db, event_id: i64, event: &NewEvent) -> Result<(), ServiceError> {
    let search = search_text(db, event).await?;
    let mut tx = db.begin_write().await?;
    if !db::event::update(&mut tx, event_id, event, &search, now()).await? {
        return Err(ServiceError::NotFound);
    }
    let unknown = db::event::set_product_groups(&mut tx, event_id, &event.product_groups).await?;
    if !unknown.is_empty() {
        return Err(Refusal::UnknownProductGroup.into());
    }
    tx.commit().await?;
    Ok(())
}
