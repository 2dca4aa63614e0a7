//! The SQLite and PostgreSQL migrations describe the same schema: the same tables, the same
//! columns with the same nullability and the same kind of type, and the same named indexes. Each
//! dialect spells its types its own way, so a type is compared by its kind (a whole number, a
//! truth value, anything else); and every whole-number id (a column named `…_id`) is a 64-bit
//! integer on PostgreSQL, since the program reads ids as `i64` (SQLite's integers all are). A
//! column or index added to one dialect only, or an id declared `integer`, fails here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use app::backend::{db::Db, testing::TestDb};

/// (table, column, not null, kind of type)
type Columns = BTreeSet<(String, String, bool, &'static str)>;
type Indexes = BTreeSet<(String, String)>;

async fn sqlite_schema(db: &Db) -> (Columns, Indexes) {
    let Db::Sqlite(pool, ..) = db else { unreachable!() };
    let columns: Vec<(String, String, i64, i64, String)> = sqlx::query_as(
        "select m.name, p.name, p.\"notnull\", p.pk, lower(p.type) from sqlite_master m join pragma_table_info(m.name) p \
         where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "select tbl_name, name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (
        // a primary key column is never null, whatever SQLite's pragma says
        columns
            .into_iter()
            .map(|(t, c, not_null, pk, ty)| {
                let kind = kind_of(&ty);
                (t, c, not_null == 1 || pk > 0, kind)
            })
            .collect(),
        indexes.into_iter().collect(),
    )
}

async fn postgres_schema(db: &Db) -> (Columns, Indexes) {
    let Db::Postgres(pool) = db else { unreachable!() };
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, is_nullable::text, data_type::text from information_schema.columns \
         where table_schema = 'public' and table_name not like '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    // indexes made for a primary key or a unique constraint are SQLite's automatic ones
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "select i.tablename::text, i.indexname::text from pg_indexes i \
         where i.schemaname = 'public' and i.tablename not like '\\_sqlx%' \
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (
        columns
            .into_iter()
            .map(|(t, c, n, ty)| {
                let kind = kind_of(&ty);
                (t, c, n == "NO", kind)
            })
            .collect(),
        indexes.into_iter().collect(),
    )
}

/// The kind of a declared type, in either dialect's spelling.
fn kind_of(declared: &str) -> &'static str {
    match declared {
        "integer" | "bigint" | "smallint" => "whole number",
        "boolean" => "truth value",
        "real" | "double precision" | "numeric" => "fraction",
        _ => "text, time or date",
    }
}

/// PostgreSQL's ids that are not `bigint`: (table, column, declared type).
async fn narrow_postgres_ids(db: &Db) -> Vec<(String, String, String)> {
    let Db::Postgres(pool) = db else { unreachable!() };
    sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text from information_schema.columns \
         where table_schema = 'public' and table_name not like '\\_sqlx%' \
         and (column_name like '%\\_id' or column_name = 'id') and data_type in ('integer', 'smallint') \
         order by 1, 2",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

fn differences<T: Ord + std::fmt::Debug>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> String {
    format!(
        "only in SQLite: {:?}\nonly in PostgreSQL: {:?}",
        a.difference(b).collect::<Vec<_>>(),
        b.difference(a).collect::<Vec<_>>()
    )
}

#[tokio::test]
async fn both_dialects_describe_the_same_schema() {
    let sqlite = TestDb::sqlite().await;
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let (sqlite_columns, sqlite_indexes) = sqlite_schema(&sqlite.db).await;
    let (pg_columns, pg_indexes) = postgres_schema(&postgres.db).await;
    let narrow_ids = narrow_postgres_ids(&postgres.db).await;
    sqlite.finish().await;
    postgres.finish().await;
    assert!(sqlite_columns.len() > 50, "the schema was read: {sqlite_columns:?}");
    assert!(sqlite_indexes.len() > 5, "the indexes were read: {sqlite_indexes:?}");
    assert!(
        sqlite_columns == pg_columns,
        "columns differ:\n{}",
        differences(&sqlite_columns, &pg_columns)
    );
    assert!(
        narrow_ids.is_empty(),
        "ids must be bigint on PostgreSQL (the program reads them as i64): {narrow_ids:?}"
    );
    assert!(
        sqlite_indexes == pg_indexes,
        "indexes differ:\n{}",
        differences(&sqlite_indexes, &pg_indexes)
    );
}
