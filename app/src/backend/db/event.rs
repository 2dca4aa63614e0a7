//! Events: the calendar's queries and the writes behind them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{bind_all, reference::commune_display, Bind, Clauses, Db, Tx};
use crate::domain::ids::EventId;
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        filter::{ScopeFilter, Window},
        EventCard, EventDetail, EventFilter, EventFormat, EventKind, EventLevel, EventSession, EventStatus, Lang,
        Location, LocationScope, NewEvent, NewSession, SessionKind,
    },
    tx_run,
};

/// The most events one calendar page or feed carries; far above a year of the department's work.
pub const MAX_EVENTS: i64 = 2000;

/// The `where` clauses for a public calendar query: no drafts, the filter's criteria, the window.
fn public_clauses(filter: &EventFilter, window: &Window) -> Clauses {
    let mut c = Clauses::default();
    c.push("e.status <> 'draft'".into());
    if let Some(k) = filter.kind {
        let p = c.arg(Bind::Text(k.code().into()));
        c.push(format!("e.kind = {p}"));
    }
    if let Some(f) = filter.format {
        let p = c.arg(Bind::Text(f.code().into()));
        c.push(format!("e.format = {p}"));
    }
    if let Some(l) = filter.level {
        let p = c.arg(Bind::Text(l.code().into()));
        c.push(format!("e.level = {p}"));
    }
    match filter.scope {
        Some(ScopeFilter::InProvince) => c.push("e.scope = 'province'".into()),
        Some(ScopeFilter::Elsewhere) => c.push("e.scope <> 'province'".into()),
        None => {}
    }
    if let Some(id) = filter.commune {
        let p = c.arg(Bind::Int(id));
        c.push(format!("e.commune_id = {p}"));
    }
    if let Some(g) = &filter.group {
        let p = c.arg(Bind::Text(g.clone()));
        c.push(format!(
            "exists (select 1 from event_product_group epg join product_group pg \
             on pg.product_group_id = epg.product_group_id where epg.event_id = e.event_id and pg.code = {p})"
        ));
    }
    if let Some(q) = &filter.q {
        for word in crate::domain::text::fold(q)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
        {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let p = c.arg(Bind::Text(format!("%{escaped}%")));
            c.push(format!("e.search_text like {p} escape '\\'"));
        }
    }
    if let Some(t) = window.ends_after {
        let p = c.arg(Bind::Time(t));
        c.push(format!("e.ends_at >= {p}"));
    }
    if let Some(t) = window.ends_before {
        let p = c.arg(Bind::Time(t));
        c.push(format!("e.ends_at < {p}"));
    }
    if let Some(t) = window.starts_before {
        let p = c.arg(Bind::Time(t));
        c.push(format!("e.starts_at < {p}"));
    }
    c
}

fn order(window: &Window) -> &'static str {
    if window.newest_first {
        "order by e.starts_at desc, e.event_id desc"
    } else {
        "order by e.starts_at, e.event_id"
    }
}

#[derive(FromRow)]
struct CardRow {
    event_id: i64,
    kind: EventKind,
    format: EventFormat,
    status: EventStatus,
    scope: LocationScope,
    commune_kind: Option<String>,
    commune_name: Option<String>,
    place: Option<String>,
    title_vi: String,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

fn location(
    scope: LocationScope,
    format: EventFormat,
    commune: Option<(&str, &str)>,
    place: Option<&str>,
    lang: Lang,
) -> Location {
    match (scope, commune) {
        _ if format == EventFormat::Online => Location::Online,
        (LocationScope::Province, Some((kind, name))) => Location::Province {
            commune: commune_display(kind, name, lang),
        },
        (LocationScope::Abroad, _) => Location::Abroad {
            place: place.unwrap_or_default().to_string(),
        },
        _ => Location::OtherProvince {
            province: place.unwrap_or_default().to_string(),
        },
    }
}

impl CardRow {
    fn into_card(self, lang: Lang) -> Result<EventCard, ServerError> {
        let format = self.format;
        let commune = self.commune_kind.as_deref().zip(self.commune_name.as_deref());
        // an online event has no place: its format tag already says "online" (the list read
        // "Trực tuyến Trực tuyến")
        let place = match location(self.scope, format, commune, self.place.as_deref(), lang) {
            crate::domain::Location::Online => String::new(),
            somewhere => somewhere.label(lang),
        };
        Ok(EventCard {
            event_id: self.event_id,
            title: lang.pick(&self.title_vi, self.title_en.as_deref()).to_string(),
            kind: self.kind,
            format,
            status: self.status,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            place,
        })
    }
}

/// The calendar's list or month: public events matching the filter within the window.
pub async fn cards(db: &Db, filter: &EventFilter, window: &Window, lang: Lang) -> Result<Vec<EventCard>, ServerError> {
    let c = public_clauses(filter, window);
    let sql = format!(
        "select e.event_id, e.kind, e.format, e.status, e.scope, c.kind as commune_kind, c.name as commune_name, \
         e.place, e.title_vi, e.title_en, e.starts_at, e.ends_at \
         from event e left join commune c on c.commune_id = e.commune_id {} {} limit {MAX_EVENTS}",
        c.where_sql(),
        order(window)
    );
    let rows: Vec<CardRow> = db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
    })?;
    rows.into_iter().map(|r| r.into_card(lang)).collect()
}

#[derive(FromRow)]
struct DetailRow {
    event_id: i64,
    uid: String,
    sequence: i32,
    kind: EventKind,
    format: EventFormat,
    level: EventLevel,
    status: EventStatus,
    scope: LocationScope,
    commune_kind: Option<String>,
    commune_name: Option<String>,
    place: Option<String>,
    venue_name: Option<String>,
    venue_address: Option<String>,
    online_platform: Option<String>,
    online_url: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    organiser: String,
    title_vi: String,
    title_en: Option<String>,
    description_vi: String,
    description_en: Option<String>,
    is_demo: bool,
    updated_at: DateTime<Utc>,
    co_organisers: Option<String>,
    change_note: Option<String>,
    has_cover: bool,
}

impl DetailRow {
    fn into_detail(self, lang: Lang, product_groups: Vec<String>) -> Result<EventDetail, ServerError> {
        let format = self.format;
        let commune = self.commune_kind.as_deref().zip(self.commune_name.as_deref());
        let location = location(self.scope, format, commune, self.place.as_deref(), lang);
        Ok(EventDetail {
            event_id: self.event_id,
            uid: self.uid,
            sequence: self.sequence,
            kind: self.kind,
            format,
            level: self.level,
            status: self.status,
            scope: self.scope,
            location,
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
            product_groups,
            is_demo: self.is_demo,
            updated_at: self.updated_at,
            co_organisers: self.co_organisers,
            change_note: self.change_note,
            sessions: Vec::new(),
            has_cover: self.has_cover,
        })
    }
}

/// The columns of an event. A Vietnamese reader never sees the English texts, so they are not
/// fetched for one (a feed of 500 events decodes 1,000 fewer strings).
fn detail_select(lang: Lang) -> String {
    let english = match lang {
        Lang::Vi => "null as title_en, null as description_en",
        Lang::En => "e.title_en, e.description_en",
    };
    format!(
        "select e.event_id, e.uid, e.sequence, e.kind, e.format, e.level, e.status, e.scope, \
         c.kind as commune_kind, c.name as commune_name, e.place, e.venue_name, e.venue_address, \
         e.online_platform, e.online_url, e.starts_at, e.ends_at, e.organiser, e.title_vi, {english}, \
         e.description_vi, e.is_demo, e.updated_at, e.co_organisers, e.change_note, \
         (e.cover_file is not null) as has_cover \
         from event e left join commune c on c.commune_id = e.commune_id"
    )
}

#[derive(FromRow)]
struct GroupRow {
    event_id: i64,
    name_vi: String,
    name_en: String,
}

/// The product groups of the events a `where` selects, in one query (not one per event), by event.
async fn groups_of(db: &Db, c: &Clauses, lang: Lang) -> Result<HashMap<i64, Vec<String>>, ServerError> {
    let sql = format!(
        "select epg.event_id, pg.name_vi, pg.name_en from event_product_group epg \
         join product_group pg on pg.product_group_id = epg.product_group_id \
         where epg.event_id in (select e.event_id from event e {}) order by epg.event_id, pg.sort_order",
        c.where_sql()
    );
    let rows: Vec<GroupRow> = db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
    })?;
    let mut by_event: HashMap<i64, Vec<String>> = HashMap::new();
    for r in rows {
        let name = match lang {
            Lang::Vi => r.name_vi,
            Lang::En => r.name_en,
        };
        by_event.entry(r.event_id).or_default().push(name);
    }
    Ok(by_event)
}

/// Whether to load each event's product groups (a second query) or leave them empty.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Groups {
    Load,
    Skip,
}

/// Events, and with [`Groups::Load`] their product groups: at most two queries, whatever the
/// number of events.
async fn details_where(
    db: &Db,
    c: &Clauses,
    order: &str,
    lang: Lang,
    groups: Groups,
) -> Result<Vec<EventDetail>, ServerError> {
    let sql = format!("{} {} {order} limit {MAX_EVENTS}", detail_select(lang), c.where_sql());
    let rows: Vec<DetailRow> = db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
    })?;
    let mut groups = if groups == Groups::Load && !rows.is_empty() {
        groups_of(db, c, lang).await?
    } else {
        HashMap::new()
    };
    let mut sessions = if rows.is_empty() {
        HashMap::new()
    } else {
        sessions_where(db, c, lang).await?
    };
    rows.into_iter()
        .map(|r| {
            let g = groups.remove(&r.event_id).unwrap_or_default();
            let s = sessions.remove(&r.event_id).unwrap_or_default();
            r.into_detail(lang, g).map(|mut d| {
                d.sessions = s;
                d
            })
        })
        .collect()
}

/// One public event (not a draft), or `None`.
pub async fn public_detail(db: &Db, event_id: i64, lang: Lang) -> Result<Option<EventDetail>, ServerError> {
    let mut c = Clauses::default();
    c.push("e.status <> 'draft'".into());
    let p = c.arg(Bind::Int(event_id));
    c.push(format!("e.event_id = {p}"));
    Ok(details_where(db, &c, "", lang, Groups::Load).await?.into_iter().next())
}

/// Full events matching a filter, for a feed (which does not show product groups).
pub async fn details(
    db: &Db,
    filter: &EventFilter,
    window: &Window,
    lang: Lang,
    groups: Groups,
) -> Result<Vec<EventDetail>, ServerError> {
    details_where(db, &public_clauses(filter, window), order(window), lang, groups).await
}

/// What a feed's ETag is made of: how many events match, their latest change, and sums of their
/// ids and sequences — one row, whatever the number of events. Any edit moves `last_change` or a
/// sequence; adding or removing an event moves the count and the id sum.
#[derive(FromRow, Hash, Debug, PartialEq, Eq)]
pub struct Revision {
    pub events: i64,
    pub last_change: Option<DateTime<Utc>>,
    pub sequences: Option<i64>,
    pub ids: Option<i64>,
}

pub async fn revision(db: &Db, filter: &EventFilter, window: &Window) -> Result<Revision, ServerError> {
    let c = public_clauses(filter, window);
    let sql = format!(
        "select count(*) as events, max(e.updated_at) as last_change, \
         cast(sum(e.sequence) as bigint) as sequences, cast(sum(e.event_id) as bigint) as ids from event e {}",
        c.where_sql()
    );
    Ok(db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_one(pool).await
    })?)
}

pub struct EventRecord<'a> {
    pub event: &'a NewEvent,
    pub uid: &'a str,
    pub search_text: &'a str,
    pub is_demo: bool,
    pub now: DateTime<Utc>,
}

const EVENT_COLUMNS: &str = "kind, format, level, scope, commune_id, place, venue_name, venue_address, online_platform, \
     online_url, starts_at, ends_at, organiser, title_vi, title_en, description_vi, description_en, status, search_text, \
     co_organisers";

macro_rules! bind_event {
    ($q:expr, $e:expr, $search:expr) => {
        $q.bind($e.kind.code())
            .bind($e.format.code())
            .bind($e.level.code())
            .bind($e.scope.code())
            .bind($e.commune_id)
            .bind($e.place.clone())
            .bind($e.venue_name.clone())
            .bind($e.venue_address.clone())
            .bind($e.online_platform.clone())
            .bind($e.online_url.clone())
            .bind($e.starts_at)
            .bind($e.ends_at)
            .bind($e.organiser.clone())
            .bind($e.title_vi.clone())
            .bind($e.title_en.clone())
            .bind($e.description_vi.clone())
            .bind($e.description_en.clone())
            .bind($e.status.code())
            .bind($search.to_string())
            .bind($e.co_organisers.clone())
    };
}

pub async fn insert(tx: &mut Tx, r: EventRecord<'_>) -> Result<i64, ServerError> {
    let sql = format!(
        "insert into event ({EVENT_COLUMNS}, uid, is_demo, sequence, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 0, $23, $23) \
         returning event_id"
    );
    let id: (i64,) = tx_run!(tx, conn => {
        bind_event!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), r.event, r.search_text)
            .bind(r.uid.to_string())
            .bind(r.is_demo)
            .bind(r.now)
            .fetch_one(conn)
            .await
    })?;
    Ok(id.0)
}

/// Rewrites an event and raises its SEQUENCE, so subscribed calendars take the change.
pub async fn update(
    tx: &mut Tx,
    event_id: i64,
    event: &NewEvent,
    search_text: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let sets: Vec<String> = EVENT_COLUMNS
        .split(", ")
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let sql = format!(
        "update event set {}, sequence = sequence + 1, updated_at = $21 where event_id = $22",
        sets.join(", ")
    );
    let done = tx_run!(tx, conn => {
        bind_event!(sqlx::query(sqlx::AssertSqlSafe(sql)), event, search_text)
            .bind(now)
            .bind(event_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Replaces the event's product groups; returns the codes that name no group.
pub async fn set_product_groups(tx: &mut Tx, event_id: i64, codes: &[String]) -> Result<Vec<String>, ServerError> {
    tx_run!(tx, conn => sqlx::query("delete from event_product_group where event_id = $1").bind(event_id).execute(conn).await.map(|r| r.rows_affected()))?;
    let mut unknown = Vec::new();
    for code in codes {
        let sql = "insert into event_product_group (event_id, product_group_id) \
                   select $1, product_group_id from product_group where code = $2";
        let done = tx_run!(tx, conn => sqlx::query(sql).bind(event_id).bind(code.clone()).execute(conn).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            unknown.push(code.clone());
        }
    }
    Ok(unknown)
}

pub async fn count(db: &Db) -> Result<i64, ServerError> {
    let n: (i64,) = db_run!(db, pool => sqlx::query_as("select count(*) from event").fetch_one(pool).await)?;
    Ok(n.0)
}

#[derive(FromRow)]
struct SessionRow {
    session_id: i64,
    event_id: i64,
    uid: String,
    sequence: i32,
    kind: SessionKind,
    title_vi: String,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room: Option<String>,
}

/// The side programmes of the events a `where` selects, in one query, by event.
async fn sessions_where(db: &Db, c: &Clauses, lang: Lang) -> Result<HashMap<i64, Vec<EventSession>>, ServerError> {
    let sql = format!(
        "select s.session_id, s.event_id, s.uid, s.sequence, s.kind, s.title_vi, s.title_en, s.starts_at, s.ends_at, \
         s.room from event_session s where s.event_id in (select e.event_id from event e {}) \
         order by s.event_id, s.starts_at, s.session_id",
        c.where_sql()
    );
    let rows: Vec<SessionRow> = db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
    })?;
    let mut by_event: HashMap<i64, Vec<EventSession>> = HashMap::new();
    for r in rows {
        let kind = r.kind;
        by_event.entry(r.event_id).or_default().push(EventSession {
            session_id: r.session_id,
            uid: r.uid,
            sequence: r.sequence,
            kind,
            title: lang.pick(&r.title_vi, r.title_en.as_deref()).to_string(),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            room: r.room,
        });
    }
    Ok(by_event)
}

/// Any event, drafts included (staff), with its product groups and sessions.
pub async fn any_detail(db: &Db, event_id: i64, lang: Lang) -> Result<Option<EventDetail>, ServerError> {
    let mut c = Clauses::default();
    let p = c.arg(Bind::Int(event_id));
    c.push(format!("e.event_id = {p}"));
    Ok(details_where(db, &c, "", lang, Groups::Load).await?.into_iter().next())
}

/// The product group codes of an event (for the edit form).
pub async fn group_codes(db: &Db, event_id: i64) -> Result<Vec<String>, ServerError> {
    let sql = "select pg.code from event_product_group epg join product_group pg \
               on pg.product_group_id = epg.product_group_id where epg.event_id = $1 order by pg.sort_order";
    let rows: Vec<(String,)> = db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// One line of the staff's event list.
#[derive(Clone, Debug, FromRow)]
pub struct StaffEventRow {
    pub event_id: i64,
    pub title_vi: String,
    pub kind: EventKind,
    pub format: EventFormat,
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub sequence: i32,
    pub sessions: i64,
}

const STAFF_COLUMNS: &str = "e.event_id, e.title_vi, e.kind, e.format, e.status, e.starts_at, e.ends_at, \
    e.sequence, (select count(*) from event_session s where s.event_id = e.event_id) as sessions from event e";

/// Every event, drafts included, the latest first.
pub async fn staff_list(db: &Db) -> Result<Vec<StaffEventRow>, ServerError> {
    let sql = format!("select {STAFF_COLUMNS} order by e.starts_at desc, e.event_id desc limit {MAX_EVENTS}");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)?)
}

/// When every event begins (the years that have events).
pub async fn start_times(db: &Db) -> Result<Vec<DateTime<Utc>>, ServerError> {
    Ok(db_run!(db, pool => sqlx::query_scalar("select starts_at from event").fetch_all(pool).await)?)
}

/// Every event that begins in `[from, to)`, drafts included, the earliest first.
pub async fn staff_list_between(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<StaffEventRow>, ServerError> {
    let sql =
        format!("select {STAFF_COLUMNS} where e.starts_at >= $1 and e.starts_at < $2 order by e.starts_at, e.event_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await)?)
}

/// Moves an event to `status` with a note for the public page (and new dates when postponed);
/// the SEQUENCE rises so subscribed calendars take the change. `None` dates keep the old ones.
#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    tx: &mut Tx,
    event_id: i64,
    status: EventStatus,
    note: Option<&str>,
    dates: Option<(DateTime<Utc>, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let (starts, ends) = dates.map_or((None, None), |(s, e)| (Some(s), Some(e)));
    let published = status == EventStatus::Published;
    let sql = "update event set status = $2, change_note = coalesce($3, change_note), \
               starts_at = coalesce($4, starts_at), ends_at = coalesce($5, ends_at), \
               published_at = case when $6 then coalesce(published_at, $7) else published_at end, \
               sequence = sequence + 1, updated_at = $7 where event_id = $1";
    let done = tx_run!(tx, conn => sqlx::query(sql)
        .bind(event_id)
        .bind(status.code())
        .bind(note.map(str::to_string))
        .bind(starts)
        .bind(ends)
        .bind(published)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Records what changed on a public event (shown on its page).
pub async fn set_change_note(tx: &mut Tx, event_id: i64, note: &str) -> Result<(), ServerError> {
    tx_run!(tx, conn => sqlx::query("update event set change_note = $2 where event_id = $1")
        .bind(event_id).bind(note.to_string()).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Status and times of an event, for the services' checks.
#[derive(Clone, Debug, FromRow)]
pub struct EventState {
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

pub async fn state(db: &Db, event_id: i64) -> Result<Option<EventState>, ServerError> {
    let sql = "select status, starts_at, ends_at from event where event_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_optional(pool).await)?)
}

pub async fn insert_session(
    tx: &mut Tx,
    event_id: i64,
    uid: &str,
    s: &NewSession,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into event_session (event_id, uid, kind, title_vi, title_en, starts_at, ends_at, room, \
               created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning session_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(event_id)
        .bind(uid.to_string())
        .bind(s.kind.code())
        .bind(s.title_vi.clone())
        .bind(s.title_en.clone())
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(s.room.clone())
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

/// Removes a session of an event; false when the event has no such session.
pub async fn delete_session(tx: &mut Tx, event_id: EventId, session_id: i64) -> Result<bool, ServerError> {
    let done = tx_run!(tx, conn => sqlx::query("delete from event_session where session_id = $1 and event_id = $2")
        .bind(session_id).bind(event_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Marks an event changed (its feed's ETag moves) without raising its SEQUENCE.
pub async fn touch(tx: &mut Tx, event_id: i64, now: DateTime<Utc>) -> Result<(), ServerError> {
    tx_run!(tx, conn => sqlx::query("update event set updated_at = $2 where event_id = $1")
        .bind(event_id).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(FromRow)]
struct EditorRow {
    kind: EventKind,
    format: EventFormat,
    level: EventLevel,
    scope: LocationScope,
    commune_id: Option<i64>,
    place: Option<String>,
    venue_name: Option<String>,
    venue_address: Option<String>,
    online_platform: Option<String>,
    online_url: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    organiser: String,
    co_organisers: Option<String>,
    title_vi: String,
    title_en: Option<String>,
    description_vi: String,
    description_en: Option<String>,
    status: EventStatus,
    sequence: i32,
    change_note: Option<String>,
}

/// An event as its form shows it (local times as a `datetime-local` input takes them), with its
/// status, SEQUENCE and change note.
pub async fn editor_input(
    db: &Db,
    event_id: i64,
) -> Result<Option<(crate::domain::NewEventInput, EventStatus, i32, Option<String>)>, ServerError> {
    let sql = "select kind, format, level, scope, commune_id, place, venue_name, venue_address, online_platform, \
               online_url, starts_at, ends_at, organiser, co_organisers, title_vi, title_en, description_vi, \
               description_en, status, sequence, change_note from event where event_id = $1";
    let row: Option<EditorRow> = db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_optional(pool).await)?;
    let Some(r) = row else {
        return Ok(None);
    };
    let local = |t: DateTime<Utc>| crate::domain::time::to_local(t).format("%Y-%m-%dT%H:%M").to_string();
    let status = r.status;
    let input = crate::domain::NewEventInput {
        kind: r.kind.code().to_string(),
        format: r.format.code().to_string(),
        level: r.level.code().to_string(),
        scope: r.scope.code().to_string(),
        commune_id: r.commune_id,
        place: r.place.unwrap_or_default(),
        venue_name: r.venue_name.unwrap_or_default(),
        venue_address: r.venue_address.unwrap_or_default(),
        online_platform: r.online_platform.unwrap_or_default(),
        online_url: r.online_url.unwrap_or_default(),
        starts_at: local(r.starts_at),
        ends_at: local(r.ends_at),
        organiser: r.organiser,
        title_vi: r.title_vi,
        title_en: r.title_en.unwrap_or_default(),
        description_vi: r.description_vi,
        description_en: r.description_en.unwrap_or_default(),
        status: status.code().to_string(),
        product_groups: group_codes(db, event_id).await?,
        co_organisers: r.co_organisers.unwrap_or_default(),
    };
    Ok(Some((input, status, r.sequence, r.change_note)))
}

/// Sets an event's cover file name; returns the previous one.
pub async fn set_cover(
    tx: &mut Tx,
    event_id: i64,
    file: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServerError> {
    let old: Option<(Option<String>,)> = tx_run!(tx, conn => sqlx::query_as("select cover_file from event where event_id = $1")
        .bind(event_id).fetch_optional(conn).await)?;
    tx_run!(tx, conn => sqlx::query("update event set cover_file = $2, updated_at = $3 where event_id = $1")
        .bind(event_id).bind(file.to_string()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(old.and_then(|o| o.0))
}

/// An event's cover file name and status.
pub async fn cover(db: &Db, event_id: i64) -> Result<Option<(String, EventStatus)>, ServerError> {
    let sql = "select cover_file, status from event where event_id = $1 and cover_file is not null";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(event_id).fetch_optional(pool).await)?)
}
