//! The operator's backup and restore, as the operator runs them: the `server` binary's `backup`
//! and `restore` commands on a SQLite database (docs/operations.md).

use std::{path::Path, process::Command};

use app::backend::{
    db::{self, Db},
    testing::TempDir,
};

/// Runs `server ARGS…` on the database at `db`; its exit status and what it printed.
fn server(db: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "error")
        .env_remove("SMTP_URL")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// The ids of the events in the database at `path`.
async fn events(path: &Path) -> Vec<i64> {
    let db = Db::connect(&format!("sqlite://{}", path.display()), 1).await.unwrap();
    let mut ids: Vec<i64> = db::event::staff_list(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_id)
        .collect();
    db.close().await;
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn a_backup_put_back_by_restore_is_the_database_as_it_was() {
    let dir = TempDir::new("xttm_restore");
    let live = dir.path().join("live.db");
    let (ok, said) = server(&live, &["demo-data", "--if-empty"]);
    assert!(ok, "{said}");
    let at_backup = events(&live).await;
    assert!(at_backup.len() > 5);

    let copy = dir.path().join("copy.db");
    let copy_arg = copy.to_str().unwrap();
    let (ok, said) = server(&live, &["backup", "--out", copy_arg]);
    assert!(ok, "{said}");
    // a backup never overwrites a file
    let (ok, _) = server(&live, &["backup", "--out", copy_arg]);
    assert!(!ok);

    // after the backup, the live database changes: three events more
    let (ok, said) = server(&live, &["bench-data", "--events", "3"]);
    assert!(ok, "{said}");
    assert_eq!(events(&live).await.len(), at_backup.len() + 3);

    // restore puts back exactly what the backup held, and the server opens it
    let (ok, said) = server(&live, &["restore", "--from", copy_arg]);
    assert!(ok, "{said}");
    assert!(
        !live.with_extension("db-wal").exists(),
        "the old write-ahead log is gone"
    );
    assert_eq!(events(&live).await, at_backup);
    let (ok, said) = server(&live, &["migrate"]);
    assert!(ok, "{said}");

    // a damaged copy is refused, and the database is left as it was
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).unwrap();
    assert!(bytes.len() > 3 * 4096);
    for b in &mut bytes[2 * 4096..3 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, bytes).unwrap();
    let (ok, said) = server(&live, &["restore", "--from", damaged.to_str().unwrap()]);
    assert!(!ok, "a damaged copy was restored: {said}");
    assert_eq!(events(&live).await, at_backup);
    // so is a file that is not there
    let (ok, said) = server(
        &live,
        &["restore", "--from", dir.path().join("none.db").to_str().unwrap()],
    );
    assert!(!ok);
    assert!(said.contains("no such file"), "{said}");
}
