//! Product files (certificate scans, photos), producers' logos, product sub-groups.

use chrono::{DateTime, Utc};

use super::{Db, Tx};
use crate::domain::ids::ProducerId;
use crate::{backend::ServerError, db_run, tx_run};

/// The producer that owns a product.
/// The producer of a product. On PostgreSQL the product's row stays locked until the transaction
/// ends, so that two uploads at once count its files one after the other (SQLite's writing
/// transactions already take turns).
pub async fn product_owner(tx: &mut Tx, product_id: i64) -> Result<Option<i64>, ServerError> {
    let sql = match tx {
        Tx::Sqlite(..) => "select producer_id from product where product_id = $1",
        Tx::Postgres(..) => "select producer_id from product where product_id = $1 for update",
    };
    let row: Option<(i64,)> = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(product_id).fetch_optional(conn).await)?;
    Ok(row.map(|r| r.0))
}

pub async fn count_files(tx: &mut Tx, product_id: i64, kind: &str) -> Result<i64, ServerError> {
    let row: (i64,) = tx_run!(tx, conn => sqlx::query_as("select count(*) from product_file where product_id = $1 and kind = $2")
        .bind(product_id).bind(kind.to_string()).fetch_one(conn).await)?;
    Ok(row.0)
}

pub async fn insert_product_file(
    tx: &mut Tx,
    product_id: i64,
    kind: &str,
    stored_name: &str,
    size: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let sql =
        "insert into product_file (product_id, kind, stored_name, size_bytes, created_at) values ($1, $2, $3, $4, $5) \
               returning file_id";
    let id: (i64,) = tx_run!(tx, conn => sqlx::query_as(sql)
        .bind(product_id)
        .bind(kind.to_string())
        .bind(stored_name.to_string())
        .bind(size)
        .bind(now)
        .fetch_one(conn)
        .await)?;
    Ok(id.0)
}

/// The files of a producer's products: (file id, product id, kind).
pub async fn files_of_producer(db: &Db, producer_id: i64) -> Result<Vec<(i64, i64, String)>, ServerError> {
    let sql =
        "select f.file_id, f.product_id, f.kind from product_file f join product p on p.product_id = f.product_id \
               where p.producer_id = $1 order by f.file_id";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(producer_id).fetch_all(pool).await)?)
}

/// The files of some products (for staff checking ratings): (file id, product id, kind).
pub async fn files_of_products(db: &Db, product_ids: &[i64]) -> Result<Vec<(i64, i64, String)>, ServerError> {
    let mut out = Vec::new();
    for id in product_ids {
        let sql = "select file_id, product_id, kind from product_file where product_id = $1 order by file_id";
        let rows: Vec<(i64, i64, String)> = db_run!(db, pool => sqlx::query_as(sql).bind(*id).fetch_all(pool).await)?;
        out.extend(rows);
    }
    Ok(out)
}

/// A file with its owner: (producer id, kind, stored name).
pub async fn product_file(db: &Db, file_id: i64) -> Result<Option<(i64, String, String)>, ServerError> {
    let sql = "select p.producer_id, f.kind, f.stored_name from product_file f join product p on p.product_id = f.product_id \
               where f.file_id = $1";
    Ok(db_run!(db, pool => sqlx::query_as(sql).bind(file_id).fetch_optional(pool).await)?)
}

/// Deletes one of the producer's files; returns its stored name, `None` when it is not theirs.
pub async fn delete_product_file(
    tx: &mut Tx,
    producer_id: ProducerId,
    file_id: i64,
) -> Result<Option<String>, ServerError> {
    let sql = "delete from product_file where file_id = $1 and product_id in \
               (select product_id from product where producer_id = $2) returning stored_name";
    let row: Option<(String,)> =
        tx_run!(tx, conn => sqlx::query_as(sql).bind(file_id).bind(producer_id).fetch_optional(conn).await)?;
    Ok(row.map(|r| r.0))
}

/// Sets the producer's logo; returns the previous one.
pub async fn set_logo(tx: &mut Tx, producer_id: i64, name: &str) -> Result<Option<String>, ServerError> {
    let old: Option<(Option<String>,)> = tx_run!(tx, conn => sqlx::query_as("select logo_file from producer where producer_id = $1")
        .bind(producer_id).fetch_optional(conn).await)?;
    tx_run!(tx, conn => sqlx::query("update producer set logo_file = $2 where producer_id = $1")
        .bind(producer_id).bind(name.to_string()).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(old.and_then(|o| o.0))
}

pub async fn logo(db: &Db, producer_id: i64) -> Result<Option<String>, ServerError> {
    let row: Option<(Option<String>,)> = db_run!(db, pool => sqlx::query_as("select logo_file from producer where producer_id = $1")
        .bind(producer_id).fetch_optional(pool).await)?;
    Ok(row.and_then(|r| r.0))
}

/// Product sub-groups: (code, group code, name vi, name en), in order.
pub async fn subgroups(db: &Db) -> Result<Vec<(String, String, String, String)>, ServerError> {
    let sql = "select s.code, g.code, s.name_vi, s.name_en from product_subgroup s \
               join product_group g on g.product_group_id = s.product_group_id order by s.sort_order";
    Ok(db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}

/// What a producer keeps on disk: its product files and application documents, (count, bytes).
pub async fn usage_of_producer(tx: &mut Tx, producer_id: i64) -> Result<(i64, i64), ServerError> {
    let sql = "select count(*), cast(coalesce(sum(size_bytes), 0) as bigint) from ( \
                 select f.size_bytes from product_file f join product p on p.product_id = f.product_id \
                   where p.producer_id = $1 \
                 union all \
                 select d.size_bytes from application_file d join application a on a.application_id = d.application_id \
                   where a.producer_id = $1) files";
    let row: (i64, i64) = tx_run!(tx, conn => sqlx::query_as(sql).bind(producer_id).fetch_one(conn).await)?;
    Ok(row)
}

/// The stored names of a product's files (to remove from disk once its rows are gone).
pub async fn stored_names_of_product(tx: &mut Tx, product_id: i64) -> Result<Vec<String>, ServerError> {
    let rows: Vec<(String,)> = tx_run!(tx, conn => sqlx::query_as("select stored_name from product_file where product_id = $1")
        .bind(product_id).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Every stored name the database knows in `folder` (covers, logos, products, applications).
pub async fn known_names(db: &Db, folder: &str) -> Result<Vec<String>, ServerError> {
    let sql = match folder {
        "covers" => "select cover_file from event where cover_file is not null",
        "logos" => "select logo_file from producer where logo_file is not null",
        "products" => "select stored_name from product_file",
        "applications" => "select stored_name from application_file",
        "evidence" => "select stored_name from event_evidence",
        "points" => "select stored_name from sale_point_photo",
        _ => return Ok(Vec::new()),
    };
    let rows: Vec<(String,)> = db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
