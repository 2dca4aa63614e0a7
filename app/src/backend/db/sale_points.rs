//! The register of OCOP points of sale and the products on sale at each. The public reads only
//! points that are not closed and, at each, only listed products (verified 3–5★ with a valid
//! certificate: `cutoff` is the earliest rating decision still valid today).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::{
    backend::ServerError,
    db_run,
    domain::sale_points::{CheckedPoint, PlaceKind, PointStatus},
    tx_run,
};

/// A point with its commune and how many products are on sale there.
#[derive(Clone, Debug, FromRow)]
pub struct PointRow {
    pub sale_point_id: i64,
    pub name: String,
    pub operator: String,
    pub place_kind: PlaceKind,
    pub address: String,
    pub commune_id: Option<i64>,
    pub commune_kind: Option<String>,
    pub commune_name: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub opening_hours: Option<String>,
    pub phone: Option<String>,
    pub area_m2: Option<i64>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub status: PointStatus,
    pub updated_at: DateTime<Utc>,
    pub products: i64,
    /// Its first photo, if it has one.
    pub photo_id: Option<i64>,
}

/// The listed products of `x` (a `sale_point_product`), as a condition on `p` (its product).
const LISTED: &str = "p.verified_at is not null and p.ocop_stars between 3 and 5 and p.decision_date >= $1";

fn columns(products: &str) -> String {
    format!(
        "select s.sale_point_id, s.name, s.operator, s.place_kind, s.address, s.commune_id, c.kind as commune_kind, \
         c.name as commune_name, s.latitude, s.longitude, s.opening_hours, s.phone, s.area_m2, s.decision_number, \
         s.decision_date, s.status, s.updated_at, \
         (select count(*) from sale_point_product x join product p on p.product_id = x.product_id \
          where x.sale_point_id = s.sale_point_id and ({products})) as products, \
         (select min(f.photo_id) from sale_point_photo f where f.sale_point_id = s.sale_point_id) as photo_id \
         from sale_point s left join commune c on c.commune_id = s.commune_id"
    )
}

/// The public list: points not closed, in a commune and selling a product of a group when asked,
/// by name.
pub async fn public_list(
    db: &Db,
    cutoff: NaiveDate,
    commune: Option<i64>,
    group: Option<&str>,
) -> Result<Vec<PointRow>, ServerError> {
    let sql = format!(
        "{} where s.status <> 'closed' and ($2 is null or s.commune_id = $2) and ($3 is null or exists ( \
           select 1 from sale_point_product x join product p on p.product_id = x.product_id \
           join product_group g on g.product_group_id = p.product_group_id \
           where x.sale_point_id = s.sale_point_id and g.code = $3 and {LISTED})) \
         order by s.search_text, s.sale_point_id",
        columns(LISTED)
    );
    let group = group.map(str::to_string);
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(cutoff).bind(commune)
        .bind(group.clone()).fetch_all(pool).await)?,
    )
}

/// One point, closed ones included (the public page of a closed point answers 404 in the
/// service); the product count is of listed products.
pub async fn find(db: &Db, id: i64, cutoff: NaiveDate) -> Result<Option<PointRow>, ServerError> {
    let sql = format!("{} where s.sale_point_id = $2", columns(LISTED));
    Ok(
        db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(cutoff).bind(id)
        .fetch_optional(pool).await)?,
    )
}

/// Every point, for staff: the product count is of every product on sale.
pub async fn register(db: &Db) -> Result<Vec<PointRow>, ServerError> {
    let sql = format!("{} order by s.search_text, s.sale_point_id", columns("true"));
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).fetch_all(pool).await)?)
}

/// Per point, how many of the products on sale are not listed (unverified, below 3★ or with an
/// expired certificate): (point, count), only points with some.
pub async fn flagged(db: &Db, cutoff: NaiveDate) -> Result<Vec<(i64, i64)>, ServerError> {
    let sql = format!(
        "select x.sale_point_id, count(*) from sale_point_product x join product p on p.product_id = x.product_id \
         where not ({LISTED}) group by x.sale_point_id"
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(cutoff).fetch_all(pool).await)?)
}

/// The products on sale at a point.
pub async fn product_ids(db: &Db, id: i64) -> Result<Vec<i64>, ServerError> {
    let sql = "select product_id from sale_point_product where sale_point_id = $1 order by product_id";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(id).fetch_all(pool).await)?)
}

/// A product the staff's form offers: its names, its producer's, and what its rating is.
#[derive(Clone, Debug, FromRow)]
pub struct ChoiceRow {
    pub product_id: i64,
    pub name_vi: String,
    pub producer: String,
    pub ocop_stars: Option<i32>,
    pub verified: bool,
    pub decision_date: Option<NaiveDate>,
}

/// Every product of the catalogue, by producer and name.
pub async fn choices(db: &Db) -> Result<Vec<ChoiceRow>, ServerError> {
    let sql = "select p.product_id, p.name_vi, o.name as producer, p.ocop_stars, \
               (p.verified_at is not null) as verified, p.decision_date \
               from product p join producer o on o.producer_id = p.producer_id order by o.name, p.name_vi";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// Where a listed product is on sale: the points not closed, by name.
pub async fn of_product(
    db: &Db,
    product_id: i64,
) -> Result<Vec<(i64, String, String, Option<String>, Option<String>)>, ServerError> {
    let sql = "select s.sale_point_id, s.name, s.address, c.kind, c.name from sale_point_product x \
               join sale_point s on s.sale_point_id = x.sale_point_id left join commune c on c.commune_id = s.commune_id \
               where x.product_id = $1 and s.status <> 'closed' order by s.search_text, s.sale_point_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(product_id).fetch_all(pool).await)?)
}

/// The communes that have a point not closed: (id, kind, name).
pub async fn communes(db: &Db) -> Result<Vec<(i64, String, String)>, ServerError> {
    let sql = "select distinct c.commune_id, c.kind, c.name, c.search_text from sale_point s \
               join commune c on c.commune_id = s.commune_id where s.status <> 'closed' \
               order by c.kind desc, c.search_text";
    let rows: Vec<(i64, String, String, String)> = db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(id, kind, name, _)| (id, kind, name)).collect())
}

fn search_text(p: &CheckedPoint) -> String {
    crate::domain::text::fold(&format!("{} {} {}", p.name, p.operator, p.address))
}

/// Writes a point (a new one when `id` is none) and the products on sale there (unknown ids are
/// left out); answers its id, none when `id` names no point.
pub async fn save(
    tx: &mut Tx,
    id: Option<i64>,
    p: &CheckedPoint,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServerError> {
    let (lat, lon) = p.position.map_or((None, None), |(a, b)| (Some(a), Some(b)));
    let (number, date) = p
        .decision
        .as_ref()
        .map_or((None, None), |(n, d)| (Some(n.clone()), Some(*d)));
    let sql = match id {
        None => {
            "insert into sale_point (name, operator, place_kind, address, commune_id, latitude, longitude, opening_hours, \
             phone, area_m2, decision_number, decision_date, status, search_text, updated_at, updated_by) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning sale_point_id"
        }
        Some(_) => {
            "update sale_point set name = $1, operator = $2, place_kind = $3, address = $4, commune_id = $5, \
             latitude = $6, longitude = $7, opening_hours = $8, phone = $9, area_m2 = $10, decision_number = $11, \
             decision_date = $12, status = $13, search_text = $14, updated_at = $15, updated_by = $16 \
             where sale_point_id = $17 returning sale_point_id"
        }
    };
    let saved: Option<i64> = tx_run!(tx, conn => {
        let q = sqlx::query_scalar(sql)
            .bind(p.name.clone())
            .bind(p.operator.clone())
            .bind(p.place_kind)
            .bind(p.address.clone())
            .bind(p.commune_id)
            .bind(lat)
            .bind(lon)
            .bind(p.opening_hours.clone())
            .bind(p.phone.clone())
            .bind(p.area_m2)
            .bind(number.clone())
            .bind(date)
            .bind(p.status)
            .bind(search_text(p))
            .bind(now)
            .bind(by);
        match id {
            Some(id) => q.bind(id),
            None => q,
        }
        .fetch_optional(conn)
        .await
    })?;
    let Some(saved) = saved else {
        return Ok(None);
    };
    tx_run!(tx, conn => sqlx::query("delete from sale_point_product where sale_point_id = $1")
        .bind(saved).execute(conn).await.map(|_| ()))?;
    for product in &p.products {
        tx_run!(tx, conn => sqlx::query(
            "insert into sale_point_product (sale_point_id, product_id) select $1, product_id from product where product_id = $2")
            .bind(saved).bind(*product).execute(conn).await.map(|_| ()))?;
    }
    Ok(Some(saved))
}

// ---- photos ---------------------------------------------------------------------------------

/// A point's photos, the first added first.
pub async fn photos(db: &Db, id: i64) -> Result<Vec<i64>, ServerError> {
    let sql = "select photo_id from sale_point_photo where sale_point_id = $1 order by photo_id";
    Ok(db_run!(db, pool => sqlx::query_scalar(sql).bind(id).fetch_all(pool).await)?)
}

/// How many photos a point has; none when there is no such point. On PostgreSQL the point's row is
/// locked first, until the transaction ends, and counted by the next statement (whose snapshot is
/// taken once the lock is held), so that two uploads at once count one after the other. SQLite's
/// writing transactions already take turns.
pub async fn photo_count(tx: &mut Tx, id: i64) -> Result<Option<i64>, ServerError> {
    if let Tx::Postgres(t, ..) = tx {
        sqlx::query("select 1 from sale_point where sale_point_id = $1 for update")
            .bind(id)
            .execute(&mut **t)
            .await?;
    }
    let sql = "select (select count(*) from sale_point_photo f where f.sale_point_id = s.sale_point_id) \
               from sale_point s where s.sale_point_id = $1";
    Ok(tx_run!(tx, conn => sqlx::query_scalar(sql).bind(id).fetch_optional(conn).await)?)
}

pub async fn insert_photo(
    tx: &mut Tx,
    id: i64,
    stored_name: &str,
    size: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql = "insert into sale_point_photo (sale_point_id, stored_name, size_bytes, created_at) \
               values ($1, $2, $3, $4) returning photo_id";
    Ok(tx_run!(tx, conn => sqlx::query_scalar(sql)
        .bind(id)
        .bind(stored_name.to_string())
        .bind(size)
        .bind(now)
        .fetch_one(conn)
        .await)?)
}

/// Removes a photo; answers its point and stored name, none when there is no such photo.
pub async fn delete_photo(tx: &mut Tx, photo_id: i64) -> Result<Option<(i64, String)>, ServerError> {
    let sql = "delete from sale_point_photo where photo_id = $1 returning sale_point_id, stored_name";
    Ok(tx_run!(tx, conn => sqlx::query_as(sql).bind(photo_id).fetch_optional(conn).await)?)
}

/// A photo's stored name and the status of its point.
pub async fn photo(db: &Db, photo_id: i64) -> Result<Option<(String, PointStatus)>, ServerError> {
    let sql = "select f.stored_name, s.status from sale_point_photo f \
               join sale_point s on s.sale_point_id = f.sale_point_id where f.photo_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(photo_id).fetch_optional(pool).await)?)
}
