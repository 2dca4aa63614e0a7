//! Events: the calendar's queries and the writes behind them.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{bind_all, reference::commune_display, Bind, Clauses, Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        filter::{ScopeFilter, Window},
        EventCard, EventDetail, EventFilter, EventFormat, EventKind, EventLevel, EventStatus, Lang, Location,
        LocationScope, NewEvent,
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
    kind: String,
    format: String,
    status: String,
    scope: String,
    commune_kind: Option<String>,
    commune_name: Option<String>,
    place: Option<String>,
    title_vi: String,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

fn location(
    scope: &str,
    format: EventFormat,
    commune: Option<(&str, &str)>,
    place: Option<&str>,
    lang: Lang,
) -> Location {
    match (LocationScope::parse(scope), commune) {
        _ if format == EventFormat::Online => Location::Online,
        (Some(LocationScope::Province), Some((kind, name))) => Location::Province {
            commune: commune_display(kind, name, lang),
        },
        (Some(LocationScope::Abroad), _) => Location::Abroad {
            place: place.unwrap_or_default().to_string(),
        },
        _ => Location::OtherProvince {
            province: place.unwrap_or_default().to_string(),
        },
    }
}

fn corrupt(what: &str, value: &str) -> ServerError {
    ServerError::Database(sqlx::Error::Decode(
        format!("unexpected {what} in the event table: {value}").into(),
    ))
}

impl CardRow {
    fn into_card(self, lang: Lang) -> Result<EventCard, ServerError> {
        let format = EventFormat::parse(&self.format).ok_or_else(|| corrupt("format", &self.format))?;
        let commune = self.commune_kind.as_deref().zip(self.commune_name.as_deref());
        let place = location(&self.scope, format, commune, self.place.as_deref(), lang).label(lang);
        Ok(EventCard {
            event_id: self.event_id,
            title: lang.pick(&self.title_vi, self.title_en.as_deref()).to_string(),
            kind: EventKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            format,
            status: EventStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
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
    kind: String,
    format: String,
    level: String,
    status: String,
    scope: String,
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
    group_names: Option<String>,
}

impl DetailRow {
    fn into_detail(self, lang: Lang) -> Result<EventDetail, ServerError> {
        let format = EventFormat::parse(&self.format).ok_or_else(|| corrupt("format", &self.format))?;
        let commune = self.commune_kind.as_deref().zip(self.commune_name.as_deref());
        let location = location(&self.scope, format, commune, self.place.as_deref(), lang);
        let product_groups = self
            .group_names
            .as_deref()
            .unwrap_or_default()
            .split('\u{1f}')
            .filter(|s| !s.is_empty())
            .map(|pair| {
                let (vi, en) = pair.split_once('\u{1e}').unwrap_or((pair, pair));
                lang.pick(vi, Some(en)).to_string()
            })
            .collect();
        Ok(EventDetail {
            event_id: self.event_id,
            uid: self.uid,
            sequence: self.sequence,
            kind: EventKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            format,
            level: EventLevel::parse(&self.level).ok_or_else(|| corrupt("level", &self.level))?,
            status: EventStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            scope: LocationScope::parse(&self.scope).ok_or_else(|| corrupt("scope", &self.scope))?,
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
        })
    }
}

/// Product group names of an event as one column: "vi\x1een\x1fvi\x1een…", in group order.
/// The aggregate function is where SQLite and PostgreSQL differ.
fn group_names_column(db: &Db) -> &'static str {
    match db {
        Db::Sqlite(_) => {
            "(select group_concat(x.pair, char(31)) from (select pg.name_vi || char(30) || pg.name_en as pair \
             from event_product_group epg join product_group pg on pg.product_group_id = epg.product_group_id \
             where epg.event_id = e.event_id order by pg.sort_order) x) as group_names"
        }
        Db::Postgres(_) => {
            "(select string_agg(pg.name_vi || chr(30) || pg.name_en, chr(31) order by pg.sort_order) \
             from event_product_group epg join product_group pg on pg.product_group_id = epg.product_group_id \
             where epg.event_id = e.event_id) as group_names"
        }
    }
}

fn detail_select(db: &Db) -> String {
    format!(
        "select e.event_id, e.uid, e.sequence, e.kind, e.format, e.level, e.status, e.scope, \
         c.kind as commune_kind, c.name as commune_name, e.place, e.venue_name, e.venue_address, \
         e.online_platform, e.online_url, e.starts_at, e.ends_at, e.organiser, e.title_vi, e.title_en, \
         e.description_vi, e.description_en, e.is_demo, e.updated_at, {} \
         from event e left join commune c on c.commune_id = e.commune_id",
        group_names_column(db)
    )
}

/// One public event (not a draft), or `None`.
pub async fn public_detail(db: &Db, event_id: i64, lang: Lang) -> Result<Option<EventDetail>, ServerError> {
    let sql = format!("{} where e.event_id = $1 and e.status <> 'draft'", detail_select(db));
    let row: Option<DetailRow> =
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_optional(pool).await)?;
    row.map(|r| r.into_detail(lang)).transpose()
}

/// Full events for a feed.
pub async fn details(
    db: &Db,
    filter: &EventFilter,
    window: &Window,
    lang: Lang,
) -> Result<Vec<EventDetail>, ServerError> {
    let c = public_clauses(filter, window);
    let sql = format!(
        "{} {} {} limit {MAX_EVENTS}",
        detail_select(db),
        c.where_sql(),
        order(window)
    );
    let rows: Vec<DetailRow> = db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
    })?;
    rows.into_iter().map(|r| r.into_detail(lang)).collect()
}

/// What a feed's ETag is made of: which events, at which revision.
#[derive(FromRow, Hash)]
pub struct Revision {
    pub event_id: i64,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
}

pub async fn revisions(db: &Db, filter: &EventFilter, window: &Window) -> Result<Vec<Revision>, ServerError> {
    let c = public_clauses(filter, window);
    let sql = format!(
        "select e.event_id, e.sequence, e.updated_at from event e {} {} limit {MAX_EVENTS}",
        c.where_sql(),
        order(window)
    );
    Ok(db_run!(db, pool => {
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), &c.binds).fetch_all(pool).await
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
     online_url, starts_at, ends_at, organiser, title_vi, title_en, description_vi, description_en, status, search_text";

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
    };
}

pub async fn insert(tx: &mut Tx, r: EventRecord<'_>) -> Result<i64, ServerError> {
    let sql = format!(
        "insert into event ({EVENT_COLUMNS}, uid, is_demo, sequence, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 0, $22, $22) \
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
        "update event set {}, sequence = sequence + 1, updated_at = $20 where event_id = $21",
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
