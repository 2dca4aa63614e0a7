//! The test support itself: a test that panics still drops its PostgreSQL database.

use app::backend::{
    db::Db,
    testing::{postgres_admin_url, TestDb},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_database_is_dropped_even_when_the_test_panics() {
    let Some(t) = TestDb::postgres().await else { return };
    let name = t.database_name().unwrap().to_string();
    let exists = |name: String| async move {
        let admin = Db::connect(&postgres_admin_url(), 1).await.unwrap();
        let n: i64 = app::db_run!(&admin, pool => sqlx::query_scalar("select count(*) from pg_database where datname = $1").bind(&name).fetch_one(pool).await).unwrap();
        admin.close().await;
        n == 1
    };
    assert!(
        exists(name.clone()).await,
        "the test database exists while the test runs"
    );
    let outcome = tokio::spawn(async move {
        let _held = t;
        panic!("a failing test");
    })
    .await;
    assert!(outcome.is_err_and(|e| e.is_panic()));
    assert!(!exists(name).await, "the panicking test's database is gone");
}
