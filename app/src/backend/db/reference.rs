//! Communes and product groups.

use sqlx::FromRow;

use super::Db;
use crate::{
    backend::ServerError,
    db_run,
    domain::{
        reference::{Commune, ProductGroup},
        Lang,
    },
};

#[derive(FromRow)]
struct CommuneRow {
    commune_id: i64,
    kind: String,
    name: String,
}

/// "Phường Ea Kao" / "Ea Kao Ward"
pub fn commune_display(kind: &str, name: &str, lang: Lang) -> String {
    match (lang, kind) {
        (Lang::Vi, "ward") => format!("Phường {name}"),
        (Lang::Vi, _) => format!("Xã {name}"),
        (Lang::En, "ward") => format!("{name} Ward"),
        (Lang::En, _) => format!("{name} Commune"),
    }
}

/// Active communes, wards first, then communes, each alphabetically by their stored order.
pub async fn communes(db: &Db, lang: Lang) -> Result<Vec<Commune>, ServerError> {
    let sql = "select commune_id, kind, name from commune where is_active order by kind desc, search_text";
    let rows: Vec<CommuneRow> = db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Commune {
            commune_id: r.commune_id,
            name: commune_display(&r.kind, &r.name, lang),
        })
        .collect())
}

/// The commune's display name, or `None` when there is no such commune.
pub async fn commune_name(db: &Db, commune_id: i64, lang: Lang) -> Result<Option<String>, ServerError> {
    let sql = "select commune_id, kind, name from commune where commune_id = $1";
    let row: Option<CommuneRow> = db_run!(db, pool => sqlx::query_as(sql).bind(commune_id).fetch_optional(pool).await)?;
    Ok(row.map(|r| commune_display(&r.kind, &r.name, lang)))
}

#[derive(FromRow)]
struct GroupRow {
    code: String,
    name_vi: String,
    name_en: String,
}

pub async fn product_groups(db: &Db, lang: Lang) -> Result<Vec<ProductGroup>, ServerError> {
    let sql = "select code, name_vi, name_en from product_group order by sort_order";
    let rows: Vec<GroupRow> = db_run!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| ProductGroup {
            name: match lang {
                Lang::Vi => r.name_vi,
                Lang::En => r.name_en,
            },
            code: r.code,
        })
        .collect())
}

/// Finds a commune or ward by its bare name ("Krông Pắc"), for seeding.
pub async fn commune_id_by_name(db: &Db, name: &str) -> Result<Option<i64>, ServerError> {
    let sql = "select commune_id from commune where name = $1";
    let row: Option<(i64,)> =
        db_run!(db, pool => sqlx::query_as(sql).bind(name.to_string()).fetch_optional(pool).await)?;
    Ok(row.map(|r| r.0))
}
