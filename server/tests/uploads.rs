//! Cover pictures through the real router, on SQLite and PostgreSQL: staff upload with a plain
//! multipart form, the file is known by its first bytes (a script named .png is refused), stored
//! under a random name outside the web root, served with its type and `nosniff`; producers,
//! visitors and other sites cannot upload; drafts' covers are not public; 10 MB is the limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        auth::session,
        config::Config,
        db::Db,
        services::{accounts as acc, planning},
        testing::{request, token_in},
        AppState,
    },
    both_backends,
    domain::{account::Role, EventStatus, Lang, NewEventInput},
};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use server::{leptos_options, routes::router, ServerState};
use tower::ServiceExt;

const PASSWORD: &str = "cà phê Buôn Ma Thuột thơm ngon 2026";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), 20 << 20).await.unwrap().to_vec();
    (status, headers, body)
}

fn upload(event_id: i64, cookie: Option<&str>, origin: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = b"--XTTM\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"cover.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XTTM--\r\n");
    let mut req = Request::builder()
        .method("POST")
        .uri(format!("/can-bo/su-kien/{event_id}/anh-bia"))
        .header("origin", origin)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XTTM");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(body)).unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::builder().uri(path).body(Body::empty()).unwrap()
}

both_backends!(covers_are_checked_stored_and_served_safely, |db: Db| async move {
    let dir = std::env::temp_dir().join(format!("xttm_uploads_{}_{}", std::process::id(), db.backend()));
    let upload_dir = dir.display().to_string();
    let config = Config::from_lookup(move |k| match k {
        "BASE_URL" => Some("https://xttm.test".to_string()),
        "UPLOAD_DIR" => Some(upload_dir.clone()),
        _ => None,
    })
    .unwrap();
    let state = AppState::new(db.clone(), config.clone());
    let app = router(ServerState {
        app: state.clone(),
        leptos: leptos_options(&config),
    });
    let link = acc::create_staff_account(&state, None, "canbo@sct.vn", "Cán bộ", Role::Staff, Lang::Vi)
        .await
        .unwrap();
    acc::set_password_with_link(
        &state,
        &request("192.0.2.9", None),
        &token_in(&link).unwrap(),
        PASSWORD.into(),
    )
    .await
    .unwrap();
    let l = acc::login(&state, &request("192.0.2.9", None), "canbo@sct.vn", PASSWORD.into())
        .await
        .unwrap();
    let cookie = format!("{}={}", session::cookie_name(&config), l.token);
    let me = request(
        "192.0.2.9",
        session::resolve(&db, &config, &l.token, app::backend::now())
            .await
            .unwrap(),
    );
    let input = NewEventInput {
        kind: "fair".into(),
        format: "in-person".into(),
        level: "provincial".into(),
        scope: "province".into(),
        commune_id: Some(1),
        venue_name: "Quảng trường 10/3".into(),
        starts_at: "2027-03-08T08:00".into(),
        ends_at: "2027-03-12T21:00".into(),
        organiser: "Sở Công Thương".into(),
        title_vi: "Hội chợ có ảnh bìa".into(),
        description_vi: "Mô tả".into(),
        ..NewEventInput::default()
    };
    let id = planning::save(&state, &me, None, input, "").await.unwrap();
    let own = "https://xttm.test";

    // a draft's cover: stored, but not shown to visitors
    let (status, headers, _) = send(&app, upload(id, Some(&cookie), own, PNG)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], format!("/can-bo/su-kien/{id}"));
    assert_eq!(
        send(&app, get(&format!("/su-kien/{id}/anh-bia"))).await.0,
        StatusCode::NOT_FOUND
    );
    planning::change_status(&state, &me, id, EventStatus::Published, "", "", "")
        .await
        .unwrap();
    let (status, headers, body) = send(&app, get(&format!("/su-kien/{id}/anh-bia"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(body, PNG);
    let page = String::from_utf8(send(&app, get(&format!("/su-kien/{id}"))).await.2).unwrap();
    assert!(
        page.contains(&format!("/su-kien/{id}/anh-bia")),
        "the page shows the cover"
    );
    // stored under a random name, not the uploader's
    let stored: Vec<String> = std::fs::read_dir(dir.join("covers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].ends_with(".png") && stored[0].len() == 36 && !stored[0].contains("cover"));

    // a script named cover.png is refused, and the cover stays
    let (status, _, body) = send(&app, upload(id, Some(&cookie), own, b"<script>alert(1)</script>")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body).unwrap().contains("JPEG, PNG hoặc WebP"));
    // so is a PDF as a cover, and anything over 10 MB
    assert_eq!(
        send(&app, upload(id, Some(&cookie), own, b"%PDF-1.7 ...")).await.0,
        StatusCode::BAD_REQUEST
    );
    let mut big = PNG.to_vec();
    big.resize(app::domain::upload::MAX_UPLOAD + 1, 0);
    assert_eq!(
        send(&app, upload(id, Some(&cookie), own, &big)).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // nobody else may upload: a visitor, another site with the staff's cookie
    assert_eq!(send(&app, upload(id, None, own, PNG)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        send(&app, upload(id, Some(&cookie), "https://evil.example", PNG))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get(&format!("/su-kien/{id}/anh-bia"))).await.2,
        PNG,
        "unchanged"
    );
    // the 64 KB limit still holds everywhere else
    let big_json = Request::builder()
        .method("POST")
        .uri("/api/account/login")
        .header("origin", own)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, 100 * 1024)
        .body(Body::from(vec![b'a'; 100 * 1024]))
        .unwrap();
    assert_eq!(send(&app, big_json).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let _ = std::fs::remove_dir_all(&dir);
});
