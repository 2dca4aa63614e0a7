//! `/metrics` in Prometheus's text format, for the operator's monitoring and nobody else: it asks
//! for `Authorization: Bearer <METRICS_TOKEN>`, and without a token configured it does not exist
//! (404). Requests are counted by a middleware on every route, under the route's pattern.

use std::{collections::HashSet, sync::OnceLock, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, HeaderMap, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::ServerState;
use app::backend::{
    db,
    metrics::{label, single},
    now,
};

/// Counts the answer under the route that matched (`/su-kien/{id}`), a server function's own
/// address, `/pkg/{file}` for the site's files, or `(unmatched)`: a bounded set of labels
/// whatever addresses are asked for.
pub async fn track(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = route_label(
        req.extensions().get::<MatchedPath>().map(MatchedPath::as_str),
        req.uri().path(),
    );
    let method = req.method().as_str().to_owned();
    let res = next.run(req).await;
    state
        .app
        .http
        .record(&route, &method, res.status().as_u16(), started.elapsed());
    res
}

fn route_label(matched: Option<&str>, path: &str) -> String {
    static SERVER_FNS: OnceLock<HashSet<String>> = OnceLock::new();
    match matched {
        // a catch-all: a registered server function by its address, anything else by the pattern
        Some(pattern) if pattern.contains('*') => {
            let fns = SERVER_FNS.get_or_init(|| {
                leptos::server_fn::axum::server_fn_paths()
                    .map(|(p, _)| p.to_string())
                    .collect()
            });
            if fns.contains(path) {
                path.to_string()
            } else {
                pattern.to_string()
            }
        }
        Some(pattern) => pattern.to_string(),
        None if path.starts_with("/pkg/") => "/pkg/{file}".to_string(),
        None if path.starts_with("/v/") => "/v/{version}/pkg/{file}".to_string(),
        None => "(unmatched)".to_string(),
    }
}

/// The same bytes, compared in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn metrics(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(token) = state.app.config.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same(given.as_bytes(), token.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "A token is needed.",
        )
            .into_response();
    }
    let mut out = String::new();
    state.app.http.write(&mut out);
    let db = &state.app.db;
    let (open, idle) = db.pool_state();
    out.push_str("# HELP xttm_db_pool_connections The database pool's connections, open and idle.\n");
    out.push_str("# TYPE xttm_db_pool_connections gauge\n");
    out.push_str(&format!(
        "xttm_db_pool_connections{{state=\"open\",database=\"{0}\"}} {open}\nxttm_db_pool_connections{{state=\"idle\",database=\"{0}\"}} {idle}\n",
        label(db.backend())
    ));
    single(
        &mut out,
        "argon2_verifications_total",
        "counter",
        "Password checks run (one per login attempt, known account or not).",
        state
            .app
            .counters
            .argon2_verifications
            .load(std::sync::atomic::Ordering::Relaxed),
    );
    // what the database holds; a failure here is the database's, and the scrape says so
    let (outbox, offers) = match tokio::try_join!(db::mail::outbox_state(db), db::application::offers_pending(db)) {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "metrics: the database did not answer");
            return (StatusCode::SERVICE_UNAVAILABLE, out).into_response();
        }
    };
    single(
        &mut out,
        "mail_outbox_waiting",
        "gauge",
        "Messages waiting to be sent (pending or being sent).",
        outbox.waiting,
    );
    single(
        &mut out,
        "mail_outbox_failed",
        "gauge",
        "Messages whose sending failed for good.",
        outbox.failed,
    );
    single(
        &mut out,
        "mail_outbox_oldest_waiting_age_seconds",
        "gauge",
        "How long the oldest waiting message has waited (0 when none waits).",
        outbox.oldest_waiting.map_or(0, |t| (now() - t).num_seconds().max(0)),
    );
    single(
        &mut out,
        "booth_offers_pending",
        "gauge",
        "Booths offered to the waiting list and not answered yet.",
        offers,
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_stay_few_whatever_is_asked() {
        assert_eq!(route_label(Some("/su-kien/{id}"), "/su-kien/7"), "/su-kien/{id}");
        assert_eq!(route_label(None, "/pkg/xttm.wasm"), "/pkg/{file}");
        assert_eq!(
            route_label(None, "/v/0123456789abcdef/pkg/xttm.wasm"),
            "/v/{version}/pkg/{file}"
        );
        assert_eq!(route_label(None, "/wp-login.php"), "(unmatched)");
        assert_eq!(
            route_label(Some("/api/{*fn_name}"), "/api/no-such-function"),
            "/api/{*fn_name}"
        );
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"abc", b"ab"));
    }
}
