//! What the year dashboard counts: who took part in the year's events.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::Db;
use crate::{backend::ServerError, db_run};

/// An approved application of an event that begins in the window, with its producer's commune and
/// the best verified rating among the products it shows.
#[derive(Clone, Debug, FromRow)]
pub struct Participation {
    pub producer_id: i64,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub stars: Option<i32>,
}

/// In no order: the dashboard counts them. (Ordered, SQLite read every application of every
/// year in that order rather than the window's events by their index.)
pub async fn participations(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Participation>, ServerError> {
    let sql = "select a.producer_id, c.kind as commune_kind, c.name as commune_name, \
               (select max(p.ocop_stars) from application_product x join product p on p.product_id = x.product_id \
                where x.application_id = a.application_id and p.verified_at is not null \
                and p.ocop_stars between 3 and 5) as stars \
               from application a join event e on e.event_id = a.event_id \
               join producer pr on pr.producer_id = a.producer_id \
               left join commune c on c.commune_id = pr.commune_id \
               where a.status = 'approved' and e.status <> 'cancelled' and e.starts_at >= $1 and e.starts_at < $2";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}

/// The product groups each participating producer showed: (producer, group's name in Vietnamese,
/// in English, its order). The window's events are named in a subquery, so that SQLite starts from
/// them (by their index) rather than from every product shown at any event of any year.
pub async fn groups_shown(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, String, String, i32)>, ServerError> {
    let sql = "select distinct a.producer_id, g.name_vi, g.name_en, g.sort_order from application a \
               join application_product x on x.application_id = a.application_id \
               join product p on p.product_id = x.product_id \
               join product_group g on g.product_group_id = p.product_group_id \
               where a.status = 'approved' and a.event_id in \
               (select event_id from event where status <> 'cancelled' and starts_at >= $1 and starts_at < $2)";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}

/// A product an approved producer showed at an event (neither a draft nor cancelled) that
/// begins in the window, with the producer's name, tax code and commune; `product` is none
/// when it showed none. In the order of the events, then of the applications.
#[derive(Clone, Debug, FromRow)]
pub struct Shown {
    pub event_id: i64,
    pub producer_id: i64,
    pub producer: String,
    pub tax_code: Option<String>,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub product: Option<String>,
    /// The product's rating, when staff have verified it.
    pub stars: Option<i32>,
}

pub async fn shown(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Shown>, ServerError> {
    let sql = "select a.event_id, a.producer_id, pr.name as producer, pr.tax_code, c.kind as commune_kind, \
               c.name as commune_name, p.name_vi as product, \
               case when p.verified_at is not null and p.ocop_stars between 3 and 5 then p.ocop_stars end as stars \
               from application a join event e on e.event_id = a.event_id \
               join producer pr on pr.producer_id = a.producer_id \
               left join commune c on c.commune_id = pr.commune_id \
               left join application_product x on x.application_id = a.application_id \
               left join product p on p.product_id = x.product_id \
               where a.status = 'approved' and e.status not in ('cancelled', 'draft') \
               and e.starts_at >= $1 and e.starts_at < $2 \
               order by e.starts_at, e.event_id, a.application_id, p.name_vi";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await)?)
}
