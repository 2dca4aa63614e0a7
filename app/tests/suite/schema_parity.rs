//! The SQLite and PostgreSQL migrations describe the same schema: the same tables, the same
//! columns with the same nullability, and the same named indexes. Types are not compared (each
//! dialect spells them its own way); a column or index added to one dialect only fails here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use app::backend::{db::Db, testing::TestDb};

type Columns = BTreeSet<(String, String, bool)>;
type Indexes = BTreeSet<(String, String)>;

async fn sqlite_schema(db: &Db) -> (Columns, Indexes) {
    let Db::Sqlite(pool, ..) = db else { unreachable!() };
    let columns: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "select m.name, p.name, p.\"notnull\", p.pk from sqlite_master m join pragma_table_info(m.name) p \
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
            .map(|(t, c, not_null, pk)| (t, c, not_null == 1 || pk > 0))
            .collect(),
        indexes.into_iter().collect(),
    )
}

async fn postgres_schema(db: &Db) -> (Columns, Indexes) {
    let Db::Postgres(pool) = db else { unreachable!() };
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, is_nullable::text from information_schema.columns \
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
        columns.into_iter().map(|(t, c, n)| (t, c, n == "NO")).collect(),
        indexes.into_iter().collect(),
    )
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
        sqlite_indexes == pg_indexes,
        "indexes differ:\n{}",
        differences(&sqlite_indexes, &pg_indexes)
    );
}
