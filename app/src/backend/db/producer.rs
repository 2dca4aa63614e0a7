//! Producers and their products.

use chrono::{DateTime, Utc};

use super::Tx;
use crate::{
    backend::ServerError,
    domain::producer::{OcopStars, ProducerKind, TaxCode},
    tx_run,
};

pub struct NewProducerRow<'a> {
    pub kind: ProducerKind,
    pub name: &'a str,
    pub tax_code: &'a TaxCode,
    pub commune_id: i64,
    pub is_demo: bool,
    pub now: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, p: NewProducerRow<'_>) -> Result<i64, ServerError> {
    let sql = "insert into producer (kind, name, tax_code, commune_id, is_demo, created_at, updated_at) \
               values ($1, $2, $3, $4, $5, $6, $6) returning producer_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(p.kind.code())
        .bind(p.name.to_string())
        .bind(p.tax_code.as_str().to_string())
        .bind(p.commune_id)
        .bind(p.is_demo)
        .bind(p.now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

pub struct NewProductRow<'a> {
    pub producer_id: i64,
    pub name_vi: &'a str,
    pub name_en: &'a str,
    pub group_code: &'a str,
    pub stars: OcopStars,
    /// The certificate's number and the rating decision's date.
    pub certificate: Option<(String, chrono::NaiveDate)>,
    pub is_demo: bool,
    pub now: DateTime<Utc>,
}

/// Adds a product (with its search text); answers its id.
pub async fn insert_product(tx: &mut Tx, p: NewProductRow<'_>) -> Result<i64, ServerError> {
    let sql = "insert into product (producer_id, name_vi, name_en, product_group_id, ocop_stars, is_demo, created_at, updated_at, \
               certificate_no, decision_date, rated_by) \
               select $1, $2, $3, product_group_id, $4, $5, $6, $6, $8, $9, case when $9 is null then null else 'province' end \
               from product_group where code = $7 returning product_id";
    let (certificate_no, decision_date) = p.certificate.map_or((None, None), |(n, d)| (Some(n), Some(d)));
    let id: Option<i64> = tx_run!(tx, conn => sqlx::query_scalar(sql)
        .bind(p.producer_id)
        .bind(p.name_vi.to_string())
        .bind(p.name_en.to_string())
        .bind(i32::from(p.stars.get()))
        .bind(p.is_demo)
        .bind(p.now)
        .bind(p.group_code.to_string())
        .bind(certificate_no)
        .bind(decision_date)
        .fetch_optional(conn)
        .await)?;
    let id = id.ok_or_else(|| ServerError::Data(format!("unknown product group {}", p.group_code)))?;
    super::directory::write_search_text(tx, id).await?;
    Ok(id)
}

pub async fn count(db: &super::Db) -> Result<i64, ServerError> {
    let n: (i64,) = crate::db_run!(db, pool => sqlx::query_as("select count(*) from producer").fetch_one(pool).await)?;
    Ok(n.0)
}
