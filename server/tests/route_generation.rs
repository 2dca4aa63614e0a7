//! The negative control of `http.rs`'s `pages_render_while_routers_are_built`, alone in its own
//! process: generating the route list sets a process-wide flag that stalls any page rendered
//! meanwhile, so beside other tests it would stall them too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use app::backend::{config::Config, demo, services::public::today, testing::TestDb, AppState};
use axum::{body::Body, http::Request};
use server::{leptos_options, routes::router, ServerState};
use tower::ServiceExt;

/// The negative control: generating the route list over and over, as building each router
/// once did, while the calendar renders: some render waits for its resource until the bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_route_list_generated_during_a_render_stalls_it() {
    let t = TestDb::sqlite().await;
    // every request rendered: the page cache would answer the calendar without a render
    let config = Config::from_lookup(|k| (k == "PAGE_CACHE_MB").then(|| "0".to_string())).unwrap();
    demo::load(&t.db, config.host(), today(), true).await.unwrap();
    let app = router(ServerState {
        app: AppState::new(t.db.clone(), config.clone()),
        leptos: leptos_options(&config),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let generating = {
        let stop = stop.clone();
        tokio::task::spawn_blocking(move || {
            while !stop.load(Ordering::Relaxed) {
                let _ = leptos_axum::generate_route_list(app::App);
            }
        })
    };
    let mut stalled = 0;
    for _ in 0..40 {
        if tokio::time::timeout(
            Duration::from_secs(2),
            app.clone()
                .oneshot(Request::builder().uri("/lich").body(Body::empty()).unwrap()),
        )
        .await
        .is_err()
        {
            stalled += 1;
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    generating.await.unwrap();
    assert!(stalled > 0, "no render stalled while routes were generated");
    t.finish().await;
}
