//! Producers' products and their OCOP ratings.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::FromRow;

use super::{Db, Tx};
use crate::domain::ids::ProducerId;
use crate::{backend::ServerError, db_run, domain::catalogue::NewProduct, tx_run};

/// Adds a product; `None` when the product group code names no group.
pub async fn insert(
    tx: &mut Tx,
    producer_id: i64,
    p: &NewProduct,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServerError> {
    let sql = "insert into product (producer_id, name_vi, name_en, product_group_id, ocop_stars, certificate_no, \
               decision_date, rated_by, description_vi, created_at, updated_at, product_subgroup_id) \
               select $1, $2, $3, g.product_group_id, $4, $5, $6, $7, $8, $9, $9, s.product_subgroup_id \
               from product_group g left join product_subgroup s on s.product_group_id = g.product_group_id \
               and s.code = $11 where g.code = $10 and ($11 is null or s.code is not null) \
               returning product_id";
    let id: Option<(i64,)> = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(producer_id)
        .bind(p.name_vi.clone())
        .bind(p.name_en.clone())
        .bind(p.stars.map(i32::from))
        .bind(p.certificate_no.clone())
        .bind(p.decision_date)
        .bind(p.rated_by.clone())
        .bind(p.description_vi.clone())
        .bind(now)
        .bind(p.group.clone())
        .bind(p.subgroup.clone())
        .fetch_optional(conn)
        .await)?;
    if let Some((id,)) = id {
        super::directory::write_search_text(tx, id).await?;
    }
    Ok(id.map(|r| r.0))
}

#[derive(Clone, Debug, FromRow)]
pub struct ProductRow {
    pub product_id: i64,
    pub producer: String,
    pub name_vi: String,
    pub name_en: Option<String>,
    pub group_vi: String,
    pub group_en: String,
    pub ocop_stars: Option<i32>,
    pub certificate_no: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub rated_by: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    pub subgroup_vi: Option<String>,
    pub subgroup_en: Option<String>,
}

const SELECT: &str = "select p.product_id, o.name as producer, p.name_vi, p.name_en, g.name_vi as group_vi, \
                      g.name_en as group_en, p.ocop_stars, p.certificate_no, p.decision_date, p.rated_by, p.verified_at, \
                      s.name_vi as subgroup_vi, s.name_en as subgroup_en \
                      from product p join producer o on o.producer_id = p.producer_id \
                      join product_group g on g.product_group_id = p.product_group_id \
                      left join product_subgroup s on s.product_subgroup_id = p.product_subgroup_id";

pub async fn of_producer(db: &Db, producer_id: i64) -> Result<Vec<ProductRow>, ServerError> {
    let sql = format!("{SELECT} where p.producer_id = $1 order by p.product_id");
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(producer_id).fetch_all(pool).await)?)
}

/// Rated products whose rating staff have not checked yet, oldest first.
pub async fn unverified(db: &Db, limit: i64) -> Result<Vec<ProductRow>, ServerError> {
    let sql = format!(
        "{SELECT} where p.ocop_stars is not null and p.verified_at is null and not p.is_demo order by p.product_id limit $1"
    );
    Ok(db_run!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await)?)
}

/// Removes a product of this producer; false when it is not theirs.
pub async fn delete(tx: &mut Tx, producer_id: ProducerId, product_id: i64) -> Result<bool, ServerError> {
    let done = tx_run!(tx, conn => sqlx::query("delete from product where product_id = $1 and producer_id = $2")
        .bind(product_id).bind(producer_id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Marks a rated product's rating verified (or back to claimed); false when there is no such rated product.
pub async fn set_verified(
    tx: &mut Tx,
    product_id: i64,
    by: Option<i64>,
    now: Option<DateTime<Utc>>,
) -> Result<bool, ServerError> {
    let sql = "update product set verified_at = $2, verified_by = $3 where product_id = $1 and ocop_stars is not null";
    let done = tx_run!(tx, conn => sqlx::query(sql).bind(product_id).bind(now).bind(by).execute(conn).await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn save_profile(
    tx: &mut Tx,
    producer_id: i64,
    p: &crate::domain::catalogue::Profile,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sql =
        "update producer set legal_representative = $2, address = $3, phone = $4, website = $5, shop_links = $6, \
               description_vi = $7, description_en = $8, updated_at = $9, contact_public = $10 where producer_id = $1";
    tx_run!(tx, conn => sqlx::query(sql)
        .bind(producer_id)
        .bind(p.legal_representative.clone())
        .bind(p.address.clone())
        .bind(p.phone.clone())
        .bind(p.website.clone())
        .bind((!p.shop_links.is_empty()).then(|| p.shop_links.join("\n")))
        .bind(p.description_vi.clone())
        .bind(p.description_en.clone())
        .bind(now)
        .bind(p.contact_public)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Clone, Debug, Default, FromRow)]
pub struct ProfileRow {
    pub legal_representative: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub shop_links: Option<String>,
    pub description_vi: Option<String>,
    pub description_en: Option<String>,
    pub contact_public: bool,
}

pub async fn profile(db: &Db, producer_id: i64) -> Result<Option<ProfileRow>, ServerError> {
    let sql = "select legal_representative, address, phone, website, shop_links, description_vi, description_en, \
               contact_public from producer where producer_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_optional(pool).await)?)
}
