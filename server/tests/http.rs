//! HTTP through the real router: pages, 404s, feeds with their headers and 304s, health, language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{config::Config, db::Db, demo, services::calendar::today, AppState},
    both_backends,
};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http::HeaderMap;
use server::{leptos_options, routes::router, ServerState};
use tower::ServiceExt;

async fn app_with_demo(db: Db) -> Router {
    let config = Config::from_lookup(|k| (k == "BASE_URL").then(|| "https://xttm.test".to_string())).unwrap();
    demo::load(&db, config.host(), today(), true).await.unwrap();
    router(ServerState {
        app: AppState::new(db, config.clone()),
        leptos: leptos_options(&config),
    })
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

async fn send(app: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = Request::builder().uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 10 << 20).await.unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn first_event_link(html: &str) -> String {
    let start = html.find("href=\"/su-kien/").expect("an event link") + "href=\"".len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_string()
}

both_backends!(pages_render_in_vietnamese_by_default, |db: Db| async move {
    let app = app_with_demo(db).await;
    let home = send(&app, "/", &[]).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("<html lang=\"vi\""),
        "{}",
        &home.body[..200.min(home.body.len())]
    );
    assert!(home.body.contains("Hội chợ sắp diễn ra"));
    let cal = send(&app, "/lich", &[]).await;
    assert_eq!(cal.status, StatusCode::OK);
    assert!(cal.body.contains("Lịch sự kiện xúc tiến thương mại"));
    assert!(cal.body.contains("for=\"f-kind\">Loại sự kiện"));
    assert!(cal.body.contains("/calendar.ics"));
});

both_backends!(the_calendar_filters_by_the_query_string, |db: Db| async move {
    let app = app_with_demo(db).await;
    let all = send(&app, "/lich", &[]).await.body;
    let fairs = send(&app, "/lich?kind=livestream", &[]).await;
    assert_eq!(fairs.status, StatusCode::OK);
    let items = |html: &str| html.matches("class=\"event-item").count();
    assert!(
        items(&fairs.body) < items(&all),
        "{} vs {}",
        items(&fairs.body),
        items(&all)
    );
    assert!(fairs.body.contains("<option value=\"livestream\" selected"));
    let month = send(&app, "/lich?view=month", &[]).await;
    assert_eq!(month.status, StatusCode::OK);
    assert!(month.body.contains("class=\"month-grid\""));
    let archive = send(&app, "/lich?past=1", &[]).await;
    assert!(archive.body.contains("Sự kiện đã qua"));
});

both_backends!(nonsense_filters_are_ignored_not_errors, |db: Db| async move {
    let app = app_with_demo(db).await;
    for path in [
        "/lich?kind=%27%3B+drop&from=99/99/9999&commune=-1&month=2026-13&view=%00",
        "/lich?q=%FF%FE",
        "/lich?to=2026-01-01&from=2027-01-01",
        "/calendar.ics?kind=nonsense&group=%E2%82%AC",
    ] {
        let r = send(&app, path, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
    }
});

both_backends!(an_event_page_shows_everything_and_links_its_ics, |db: Db| async move {
    let app = app_with_demo(db).await;
    let list = send(&app, "/lich?kind=fair", &[]).await.body;
    let link = first_event_link(&list);
    let page = send(&app, &link, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Thêm vào lịch (.ics)"));
    assert!(page.body.contains("calendar.google.com/calendar/render"));
    assert!(page.body.contains("www.google.com/maps/search"));
    let ics = send(&app, &format!("{link}/calendar.ics"), &[]).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert_eq!(ics.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    assert!(ics.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(ics.body.matches("BEGIN:VEVENT").count(), 1);
});

both_backends!(unknown_events_answer_404_in_the_readers_language, |db: Db| async move {
    let app = app_with_demo(db).await;
    for path in ["/su-kien/999999", "/su-kien/abc", "/su-kien/-1", "/khong-co-trang-nay"] {
        let r = send(&app, path, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.body.contains("Không tìm thấy trang"), "{path}");
    }
    let en = send(&app, "/su-kien/999999", &[("cookie", "lang=en")]).await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(en.body.contains("Page not found") && en.body.contains("<html lang=\"en\""));
    let ics = send(&app, "/su-kien/999999/calendar.ics", &[]).await;
    assert_eq!(ics.status, StatusCode::NOT_FOUND);
});

both_backends!(
    the_feed_has_calendar_headers_and_answers_304_when_unchanged,
    |db: Db| async move {
        let app = app_with_demo(db).await;
        let feed = send(&app, "/calendar.ics", &[]).await;
        assert_eq!(feed.status, StatusCode::OK);
        assert_eq!(feed.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        let etag = feed.headers[header::ETAG].to_str().unwrap().to_string();
        assert!(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(feed.body.matches("BEGIN:VEVENT").count() >= 6);
        let again = send(&app, "/calendar.ics", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        let stale = send(&app, "/calendar.ics", &[("if-none-match", "\"stale\"")]).await;
        assert_eq!(stale.status, StatusCode::OK);
        let filtered = send(&app, "/calendar.ics?kind=livestream", &[]).await;
        assert!(filtered.body.matches("BEGIN:VEVENT").count() < feed.body.matches("BEGIN:VEVENT").count());
        assert_ne!(filtered.headers[header::ETAG], feed.headers[header::ETAG]);
        let english = send(&app, "/calendar.ics?lang=en", &[]).await;
        assert!(english.body.contains("X-WR-CALNAME:Đắk Lắk trade promotion calendar"));
    }
);

both_backends!(health_reports_the_database, |db: Db| async move {
    let app = app_with_demo(db.clone()).await;
    let ok = send(&app, "/healthz", &[]).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains(&format!("\"database\":\"{}\"", db.backend())));
    db.close().await;
    let down = send(&app, "/healthz", &[]).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
});

both_backends!(
    the_language_switch_sets_a_cookie_and_returns_safely,
    |db: Db| async move {
        let app = app_with_demo(db).await;
        let r = send(&app, "/lang/en?next=%2Flich%3Fkind%3Dfair", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.headers[header::LOCATION], "/lich?kind=fair");
        assert!(r.headers[header::SET_COOKIE].to_str().unwrap().starts_with("lang=en;"));
        let evil = send(&app, "/lang/en?next=https%3A%2F%2Fevil.example", &[]).await;
        assert_eq!(evil.headers[header::LOCATION], "/");
        let evil2 = send(&app, "/lang/en?next=%2F%2Fevil.example", &[]).await;
        assert_eq!(evil2.headers[header::LOCATION], "/");
        let page = send(&app, "/lich", &[("cookie", "lang=en")]).await;
        assert!(page.body.contains("Trade promotion event calendar"));
    }
);

async fn post_calendar(app: &Router, headers: &[(&str, &str)]) -> StatusCode {
    let mut req = Request::builder()
        .method("POST")
        .uri("/api/calendar/events")
        .header("content-type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = Body::from(
        r#"{"filter":{"kind":null,"format":null,"level":null,"scope":null,"commune":null,"group":null,"from":null,"to":null,"q":null,"past":false,"view":"List","month":null},"lang":"Vi"}"#,
    );
    app.clone().oneshot(req.body(body).unwrap()).await.unwrap().status()
}

both_backends!(server_functions_refuse_cross_origin_posts, |db: Db| async move {
    let app = app_with_demo(db).await;
    assert_eq!(
        post_calendar(&app, &[("origin", "https://xttm.test")]).await,
        StatusCode::OK
    );
    assert_eq!(
        post_calendar(&app, &[("sec-fetch-site", "same-origin")]).await,
        StatusCode::OK
    );
    assert_eq!(
        post_calendar(&app, &[("origin", "https://evil.example")]).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_calendar(
            &app,
            &[("sec-fetch-site", "cross-site"), ("origin", "https://xttm.test")]
        )
        .await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_calendar(&app, &[]).await,
        StatusCode::FORBIDDEN,
        "no origin at all"
    );
});

both_backends!(
    pages_carry_a_content_security_policy_with_their_nonce,
    |db: Db| async move {
        let app = app_with_demo(db).await;
        for path in ["/", "/lich", "/su-kien/999999"] {
            let page = send(&app, path, &[]).await;
            let csp = page.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string();
            let start = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
            let nonce = &csp[start..start + csp[start..].find('\'').unwrap()];
            assert!(
                page.body.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: scripts carry the header's nonce"
            );
            for directive in [
                "frame-ancestors 'none'",
                "object-src 'none'",
                "base-uri 'none'",
                "'wasm-unsafe-eval'",
            ] {
                assert!(csp.contains(directive), "{path}: {directive} missing from {csp}");
            }
        }
        let other = send(&app, "/lich", &[]).await.headers[header::CONTENT_SECURITY_POLICY].clone();
        let again = send(&app, "/lich", &[]).await.headers[header::CONTENT_SECURITY_POLICY].clone();
        assert_ne!(other, again, "a fresh nonce per response");
    }
);

both_backends!(an_oversized_body_is_refused, |db: Db| async move {
    let app = app_with_demo(db).await;
    let huge = format!(
        r#"{{"lang":"Vi","filter":{{"q":"{}"}}}}"#,
        "x".repeat(server::routes::MAX_BODY)
    );
    let request = |with_length: bool| {
        let mut r = Request::builder()
            .method("POST")
            .uri("/api/calendar/events")
            .header("content-type", "application/json")
            .header("origin", "https://xttm.test");
        if with_length {
            r = r.header("content-length", huge.len());
        }
        r.body(Body::from(huge.clone())).unwrap()
    };
    // what browsers send: refused from the header, before any handler
    let status = app.clone().oneshot(request(true)).await.unwrap().status();
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // without a length the body is cut off at the limit while being read: still refused
    let status = app.clone().oneshot(request(false)).await.unwrap().status();
    assert!(status.is_client_error() || status.is_server_error(), "{status}");
    assert_eq!(
        post_calendar(&app, &[("origin", "https://xttm.test")]).await,
        StatusCode::OK,
        "a normal one still passes"
    );
});

both_backends!(security_headers_are_set_and_hsts_only_over_https, |db: Db| async move {
    let app = app_with_demo(db.clone()).await;
    let page = send(&app, "/lich", &[]).await;
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(page.headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert!(page.headers[header::STRICT_TRANSPORT_SECURITY]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
    let config = Config::from_lookup(|k| (k == "BASE_URL").then(|| "http://127.0.0.1:3000".to_string())).unwrap();
    let plain = router(ServerState {
        app: AppState::new(db, config.clone()),
        leptos: leptos_options(&config),
    });
    assert!(send(&plain, "/lich", &[])
        .await
        .headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
});

both_backends!(
    a_database_outage_shows_a_plain_message_with_a_reference,
    |db: Db| async move {
        let app = app_with_demo(db.clone()).await;
        db.close().await;
        for path in ["/lich", "/", "/su-kien/1"] {
            let page = send(&app, path, &[]).await;
            assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
            assert!(page.body.contains("Hệ thống đang bận"), "{path}");
            assert!(page.body.contains("Mã tham chiếu: "), "{path}");
            for internal in ["sqlx", "pool", "closed", "PoolClosed", "database:"] {
                assert!(!page.body.contains(internal), "{path} leaks {internal:?}");
            }
        }
        let feed = send(&app, "/calendar.ics", &[]).await;
        assert_eq!(feed.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(feed.body.contains("mã tham chiếu") && !feed.body.contains("pool"));
    }
);
