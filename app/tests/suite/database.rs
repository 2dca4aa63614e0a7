//! The database handle: a PostgreSQL connection that died while idle in the pool (the server
//! restarted, a network cut) is replaced before a request sees it — and a pool that does not
//! check hands it out, the negative control.

use app::backend::{
    db::{Db, CHECKED_AFTER_IDLE},
    testing::{postgres_admin_url, TestDb},
};
use sqlx::postgres::PgPoolOptions;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_connection_dropped_while_idle_is_replaced_unseen() {
    let Some(t) = TestDb::postgres().await else { return };
    let name = t.database_name().unwrap().to_string();
    let ours = Db::connect(&t.url, 2).await.unwrap();
    let unchecked = PgPoolOptions::new()
        .max_connections(2)
        .test_before_acquire(false)
        .connect(&t.url)
        .await
        .unwrap();
    ours.ping().await.unwrap();
    sqlx::query("select 1").execute(&unchecked).await.unwrap();

    // PostgreSQL ends every session of the database, as a restart would
    let admin = Db::connect(&postgres_admin_url(), 1).await.unwrap();
    app::db_run!(&admin, pool => sqlx::query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()")
        .bind(&name).execute(pool).await.map(|_| ()))
    .unwrap();
    admin.close().await;
    tokio::time::sleep(CHECKED_AFTER_IDLE + std::time::Duration::from_millis(300)).await;

    // the control: a pool that does not check hands out the dead connection
    assert!(
        sqlx::query("select 1").execute(&unchecked).await.is_err(),
        "an unchecked pool gives the dead connection"
    );
    // ours checks a connection idle that long, finds it dead and opens another
    ours.ping().await.unwrap();
    ours.close().await;
    unchecked.close().await;
    t.finish().await;
}
