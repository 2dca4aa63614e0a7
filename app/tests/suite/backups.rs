//! Backups of a SQLite database taken while it serves: consistent, and holding everything
//! acknowledged before the backup began.

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use app::{
    backend::{
        db::Db,
        services::planning,
        testing::{fair_input, staff_member, state, TempDir, TestDb},
    },
    db_run,
    domain::account::Role,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_holds_everything_acknowledged_before_it() {
    let t = TestDb::sqlite().await;
    let s = state(&t.db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    // a steady stream of saved drafts, each acknowledged (its id) with the moment it was
    let stop = Arc::new(AtomicBool::new(false));
    let acked: Arc<Mutex<Vec<(i64, Instant)>>> = Arc::default();
    let writer = {
        let (s, staff, stop, acked) = (s.clone(), staff.clone(), stop.clone(), acked.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let input = fair_input(&format!("Hội chợ {n}"), "2027-03-08T08:00", "2027-03-12T21:00");
                let id = planning::save(&s, &staff, None, input, "").await.unwrap();
                acked.lock().unwrap().push((id, Instant::now()));
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;

    let dir = TempDir::new("xttm_backup");
    let path = dir.path().join("backup.db");
    let began = Instant::now();
    let before: Vec<i64> = acked
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(id, _)| *id)
        .collect();
    t.db.backup_to(&path).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    let total = acked.lock().unwrap().len();

    let copy = Db::connect(&format!("sqlite://{}", path.display()), 1).await.unwrap();
    assert_eq!(copy.integrity().await.unwrap(), "ok");
    let ids: Vec<(i64,)> =
        db_run!(&copy, pool => sqlx::query_as("select event_id from event").fetch_all(pool).await).unwrap();
    let ids: Vec<i64> = ids.into_iter().map(|r| r.0).collect();
    assert!(before.len() > 5, "the writer was busy: {}", before.len());
    for id in &before {
        assert!(ids.contains(id), "event {id}, acknowledged before the backup, is in it");
    }
    assert!(ids.len() < total, "the writes after the backup began are not in it");
    // a backup never overwrites
    assert!(t.db.backup_to(&path).await.is_err());
    copy.close().await;
    t.finish().await;
}
