//! What every HTTP test uses: the real router over a test database, requests as browsers send
//! them, and people signed in with the cookie their browser would hold.

use std::net::SocketAddr;

use app::backend::{
    auth::{session, RequestInfo},
    config::Config,
    db::Db,
    services::accounts as acc,
    testing::{self, request, PASSWORD},
    AppState,
};
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use server::{leptos_options, routes::router, ServerState};
use tower::ServiceExt;

/// The address the tests' server believes it has; same-origin requests carry it.
pub const ORIGIN: &str = "https://xttm.test";

/// The five people of the authorization matrices, in their columns' order.
pub const WHO: [&str; 5] = ["anonymous", "producer A", "producer B", "staff", "admin"];

/// The settings of a test server at [`ORIGIN`], with `extra` settings on top.
pub fn config(extra: &'static [(&'static str, &'static str)]) -> Config {
    Config::from_lookup(|k| {
        if k == "BASE_URL" {
            return Some(ORIGIN.to_string());
        }
        extra.iter().find(|(name, _)| *name == k).map(|(_, v)| v.to_string())
    })
    .unwrap()
}

/// The settings of a test server at [`ORIGIN`] storing uploads in `upload_dir`.
pub fn config_with_uploads(upload_dir: String) -> Config {
    Config::from_lookup(move |k| match k {
        "BASE_URL" => Some(ORIGIN.to_string()),
        "UPLOAD_DIR" => Some(upload_dir.clone()),
        _ => None,
    })
    .unwrap()
}

/// The server's whole router over `state`.
pub fn app_of(state: &AppState) -> Router {
    router(ServerState {
        app: state.clone(),
        leptos: leptos_options(&state.config),
    })
}

/// The server's whole router over `db` with `config`.
pub fn app(db: &Db, config: &Config) -> Router {
    app_of(&AppState::new(db.clone(), config.clone()))
}

/// An answer, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    /// The body as text (lossy: the tests read HTML, JSON, CSV and iCalendar this way).
    pub body: String,
}

impl Reply {
    /// Status, headers and bytes, for tests that destructure an answer.
    pub fn parts(self) -> (StatusCode, HeaderMap, Vec<u8>) {
        (self.status, self.headers, self.bytes)
    }
}

/// Sends one request through the router and reads the whole answer.
pub async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 20 << 20).await.unwrap().to_vec();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).to_string(),
        bytes,
    }
}

/// A request with a method, headers, a body and (for the throttles) the client's address.
pub async fn call(
    app: &Router,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: String,
    peer: Option<&str>,
) -> Reply {
    let mut req = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        req = req.header(*k, v.as_str());
    }
    let mut req = req.body(Body::from(body)).unwrap();
    if let Some(p) = peer {
        req.extensions_mut()
            .insert(ConnectInfo(p.parse::<SocketAddr>().unwrap()));
    }
    send(app, req).await
}

/// A GET with headers.
pub async fn get_with(app: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = Request::builder().uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    send(app, req.body(Body::empty()).unwrap()).await
}

/// A plain GET.
pub fn get(path: &str) -> Request<Body> {
    Request::builder().uri(path).body(Body::empty()).unwrap()
}

/// A GET with the browser's cookie.
pub fn get_as(path: &str, cookie: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A same-origin form POST to a server function, as the pages send it.
pub async fn post_form(app: &Router, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Reply {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let mut headers = vec![
        ("origin", ORIGIN.to_string()),
        ("content-type", "application/x-www-form-urlencoded".to_string()),
        ("accept", "application/json".to_string()),
    ];
    if let Some(c) = cookie {
        headers.push(("cookie", c.to_string()));
    }
    call(app, "POST", path, &headers, body, None).await
}

/// A signed-in person: the cookie their browser sends, their session's stored id, and the
/// request the services see from them.
#[derive(Clone)]
pub struct Who {
    pub cookie: String,
    pub hash: String,
    pub user_id: i64,
    pub session: app::backend::auth::Session,
    pub request: RequestInfo,
}

/// Logs `email` in (with the tests' password) and returns what their browser would hold.
pub async fn logged_in(state: &AppState, email: &str) -> Who {
    let l = acc::login(state, &request("192.0.2.1", None), email, PASSWORD.into())
        .await
        .unwrap();
    let hash = app::backend::auth::token::hash_token(&l.token);
    let session = app::backend::auth::Session {
        hash: hash.clone(),
        viewer: l.viewer.clone(),
    };
    Who {
        cookie: format!("{}={}", session::cookie_name(&state.config), l.token),
        hash,
        user_id: l.viewer.user_id,
        request: request("192.0.2.9", Some(session.clone())),
        session,
    }
}

/// A producer signed up and verified through the services, then logged in.
pub async fn producer(state: &AppState, email: &str, tax_code: &str) -> Who {
    testing::producer(state, email, tax_code).await;
    logged_in(state, email).await
}

/// A staff member or admin whose account the admin created, then logged in.
pub async fn staff(state: &AppState, email: &str, role: app::domain::account::Role) -> Who {
    testing::staff_member(state, email, role).await;
    logged_in(state, email).await
}
