//! The router: Leptos pages and server functions, feeds, health, language switch, static files.

use axum::{
    extract::{Extension, Path, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{
    auth, csrf, exports, feeds, metrics,
    page_cache::{self, PageCache},
    reports, uploads, ServerState,
};
use app::{
    backend::{auth::session, auth::RequestInfo, services::accounts},
    domain::{
        paths::{self, routes},
        Lang,
    },
    pages::AssetRoot,
    shell, App,
};

/// The app's routes, generated once per process. Generating runs the app with resources
/// suppressed through a process-wide flag (leptos_server's `SuppressResourceLoad`): a page that
/// first polls a resource meanwhile, on another thread, waits for it forever. A server builds one
/// router before it serves; tests build many while others render, which is how an HTTP test
/// rarely hung.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: ServerState) -> Router {
    let routes = route_list();
    let timeout = state.app.config.request_timeout;
    let app_state = state.app.clone();
    let pkg = std::path::Path::new(state.leptos.site_root.as_ref()).join(state.leptos.site_pkg_dir.as_ref());
    let version = bundle_version(&pkg);
    let asset_root = AssetRoot(format!("/v/{version}"));
    let context = move || {
        provide_context(app_state.clone());
        provide_context(asset_root.clone());
    };
    let leptos = state.leptos.clone();
    // Only over https does the browser honour HSTS; over http the header would be noise.
    let hsts = state
        .app
        .config
        .base_url
        .starts_with("https://")
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    Router::new()
        .route(routes::HEALTH, get(health))
        .route(routes::SITEMAP, get(sitemap))
        .route(routes::ROBOTS, get(robots))
        .route(routes::EMBED_CALENDAR, get(crate::embed::calendar))
        .route(routes::SALE_POINTS_MAP, get(crate::embed::sale_points_map))
        .route(routes::METRICS, get(metrics::metrics))
        .route(routes::FEED, get(feeds::calendar))
        .route(routes::EVENT_FEED, get(feeds::event))
        .route(routes::LANGUAGE, get(switch_language).post(switch_language))
        .route(routes::LOGOUT, post(logout))
        .route(routes::COVER, get(uploads::cover))
        .route(routes::PRODUCT_FILE, get(uploads::product_file))
        .route(routes::LOGO, get(uploads::logo))
        .route(routes::SALE_POINT_PHOTO, get(uploads::sale_point_photo))
        .route(routes::DOCUMENT, get(uploads::document))
        .route(routes::EVIDENCE, get(uploads::evidence))
        .route(routes::PRIVATE_FEED, get(feeds::private))
        .route(routes::EXPORT, get(exports::applications))
        .route(routes::DEALS_CSV, get(exports::deals))
        .route(routes::SALE_POINTS_GEOJSON, get(exports::sale_points_geojson))
        .route(routes::SALE_POINTS_CSV, get(exports::sale_points_csv))
        .route(routes::EVENT_REPORT, get(reports::event))
        .route(routes::EVENT_REPORT_DOCX, get(reports::event))
        .route(routes::EVENT_REPORT_XLSX, get(reports::event))
        .route(routes::YEAR_REPORT, get(reports::year))
        .nest_service("/pkg", static_files(&pkg))
        .nest_service(&format!("/v/{version}/pkg"), versioned_files(&pkg))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(leptos.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(
            context, shell,
        ))
        // Server functions take small JSON bodies; uploads (merged below) have their own limit.
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .merge(
            Router::new()
                .route(routes::COVER_UPLOAD, post(uploads::upload_cover))
                .route(routes::PRODUCT_FILE_UPLOAD, post(uploads::upload_product_file))
                .route(routes::LOGO_UPLOAD, post(uploads::upload_logo))
                .route(routes::DOCUMENT_UPLOAD, post(uploads::upload_document))
                .route(routes::EVIDENCE_UPLOAD, post(uploads::upload_evidence))
                .route(routes::SALE_POINT_PHOTO_UPLOAD, post(uploads::upload_sale_point_photo))
                .layer(axum::extract::DefaultBodyLimit::max(uploads::MAX_UPLOAD_BODY))
                .layer(RequestBodyLimitLayer::new(uploads::MAX_UPLOAD_BODY)),
        )
        // inside the authentication layer, which tells it who asks
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), PageCache::new(state.app.config.page_cache_bytes)),
            page_cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::layer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::require_same_origin,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
        // A panic in a handler answers 500 with a plain message; the process and other requests go on.
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(move |req, next| within(timeout, req, next)))
        // outside the time limit and the panic catcher, so that their 503 and 500 are counted
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        // The fastest level: a 500-event page still shrinks about 15-fold, for a fraction of the
        // CPU of the default level (docs/benchmarks.md).
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The bundle (`/pkg`: wasm, its lazy chunks, JavaScript, CSS) as compressed at build time with
/// brotli and gzip at their best levels (`scripts/precompress.sh`), when the browser takes either:
/// the main module is about a third smaller on the wire than compressed on the fly at the fastest
/// level (docs/benchmarks.md). A file without its compressed twins goes out as it is, and the
/// on-the-fly layer compresses it. Under `/pkg` every use revalidates (`no-cache`: the names do not
/// change with the content); an unchanged file answers 304. The pages load the same files from
/// [`versioned_files`].
fn static_files(dir: &std::path::Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

/// The bundle under `/v/{version}/pkg`, the address the pages load it from: the version changes
/// with any file's content ([`bundle_version`]), so a browser keeps what it found there for a year
/// without asking again (`immutable`), and a repeat visit downloads the page alone. The main
/// module finds its lazy chunks beside itself, under the same version. Another version's address
/// is not found: a page of an earlier release never meets this release's chunks. Nor does a file
/// changed on disk since the version was taken (a build over a running server) go out under it:
/// each file is served only while its size and time are those it had then.
fn versioned_files(dir: &std::path::Path) -> Router {
    use std::{collections::HashMap, sync::Arc};
    let stamp = |p: &std::path::Path| std::fs::metadata(p).ok().map(|m| (m.len(), m.modified().ok()));
    let known: Arc<HashMap<String, (u64, Option<std::time::SystemTime>)>> = Arc::new(
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| Some((e.file_name().to_str()?.to_string(), stamp(&e.path())?)))
                    .collect()
            })
            .unwrap_or_default(),
    );
    let root = dir.to_path_buf();
    let unchanged = move |req: axum::extract::Request, next: axum::middleware::Next| {
        let (known, root) = (known.clone(), root.clone());
        async move {
            let name = req.uri().path().trim_start_matches('/').to_string();
            let same = known
                .get(&name)
                .is_some_and(|k| stamp(&root.join(&name)).as_ref() == Some(k));
            if same {
                next.run(req).await
            } else {
                StatusCode::NOT_FOUND.into_response()
            }
        }
    };
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            |res: &Response<_>| {
                res.status()
                    .is_success()
                    .then(|| HeaderValue::from_static("public, max-age=31536000, immutable"))
            },
        ))
        // brotli, gzip or neither, by what the browser takes: a shared cache must ask the same
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .layer(axum::middleware::from_fn(unchanged))
}

/// The version of the bundle in `dir`: the first 16 hexadecimal digits of a SHA-256 over each
/// file's name and content, in the order of their names (the compressed twins, made from them,
/// aside). Read once, when the router is made.
pub fn bundle_version(dir: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| f.is_file() && !matches!(f.extension().and_then(|e| e.to_str()), Some("br" | "gz")));
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        hash.update((name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        let bytes = std::fs::read(f).unwrap_or_default();
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Removes compressed twins older than their file (`xttm.wasm.br` beside a newer `xttm.wasm`,
/// left by a build that did not run `scripts/precompress.sh`): they would be sent in its place,
/// and a page would meet a bundle of another release. Answers how many it removed.
pub fn remove_stale_twins(dir: &std::path::Path) -> usize {
    let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for twin in entries.flatten().map(|e| e.path()) {
        let is_twin = matches!(twin.extension().and_then(|e| e.to_str()), Some("br" | "gz"));
        let original = twin.with_extension("");
        if !is_twin || !original.is_file() {
            continue;
        }
        let stale = match (modified(&twin), modified(&original)) {
            (Some(t), Some(o)) => t < o,
            _ => true,
        };
        if stale && std::fs::remove_file(&twin).is_ok() {
            tracing::warn!(file = %twin.display(), "removed a compressed file older than its original");
            removed += 1;
        }
    }
    removed
}

/// The largest request body accepted (server function arguments are a few hundred bytes).
pub const MAX_BODY: usize = 64 * 1024;

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Đã có lỗi xảy ra, vui lòng thử lại sau. / Something went wrong; please try again later.",
    )
        .into_response()
}

/// No request holds its connection forever: past `REQUEST_TIMEOUT_SECONDS` the answer is 503,
/// and the path is logged. (Uploads are read within it too; 10 MB at 60 s is 1.4 Mbit/s.)
pub async fn within(limit: std::time::Duration, req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    // a clone of the URI shares its bytes; the path is only read when the time is up
    let uri = req.uri().clone();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::error!(path = uri.path(), seconds = limit.as_secs(), "request timed out");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "5")],
                "Máy chủ đang bận, vui lòng thử lại sau. / The server is busy; please try again later.",
            )
                .into_response()
        }
    }
}

/// Is the service up, and can it reach its database?
/// `GET /sitemap.xml`: the public pages for search engines.
async fn sitemap(State(state): State<ServerState>) -> Response {
    match app::backend::services::directory::sitemap(&state.app).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "sitemap");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /robots.txt`: the consoles and the API are not for crawlers; the sitemap is named.
async fn robots(State(state): State<ServerState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        app::backend::services::directory::robots(&state.app.config.base_url),
    )
        .into_response()
}

async fn health(State(state): State<ServerState>) -> Response {
    let backend = state.app.db.backend();
    match state.app.db.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": backend })).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "error", "database": backend })),
            )
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct Next {
    next: Option<String>,
}

/// A path on this site to go back to; anything else becomes `/`. Only `/` and then the characters
/// of a path and query (RFC 3986's unreserved and sub-delimiters, `:@/?%`), and not `//`:
/// browsers drop tabs and newlines and read `\\` as `/`, so `/\t/host` would be `//host`.
fn local_path(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b))
    })
    .unwrap_or_else(|| paths::HOME.to_string())
}

/// Sets the language cookie and goes back where the visitor was. For visitors a plain link (GET),
/// so it works without JavaScript; for a signed-in person a form (POST, same-origin checked),
/// which also makes the account remember the language. Only same-site paths are followed.
async fn switch_language(
    State(state): State<ServerState>,
    method: axum::http::Method,
    Extension(info): Extension<RequestInfo>,
    Path(code): Path<String>,
    Query(next): Query<Next>,
) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    let next = local_path(next.next);
    if method == axum::http::Method::POST && info.session.is_some() {
        if let Err(e) = accounts::set_language(&state.app, &info, lang).await {
            tracing::error!(error = ?e, "could not store the account's language");
        }
    }
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Lang::COOKIE,
        lang.code()
    );
    let mut res = Redirect::to(&next).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// Ends this browser's session and goes home. A form POST (same-origin checked), so it works
/// without JavaScript and cannot be triggered by a link on another site.
async fn logout(State(state): State<ServerState>, Extension(info): Extension<RequestInfo>) -> Response {
    if let Err(e) = accounts::logout(&state.app, &info).await {
        tracing::error!(error = ?e, "logout failed");
    }
    let mut res = Redirect::to(paths::HOME).into_response();
    if let Ok(v) = HeaderValue::from_str(&session::clear_cookie(&state.app.config)) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
