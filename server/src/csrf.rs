//! Cross-site request forgery: Leptos server functions are plain POST endpoints with no protection
//! of their own, so every state-changing request must come from our own pages. A request with an
//! unsafe method passes only when the browser says it is same-origin (`Sec-Fetch-Site`), or its
//! `Origin` is this server (the `Host` it was sent to, or `BASE_URL`). Anything else gets 403 and
//! reaches no handler.

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::ServerState;

fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match get("sec-fetch-site") {
        Some("same-origin") => return true,
        Some("cross-site" | "same-site") => return false,
        _ => {}
    }
    let Some(origin) = get(header::ORIGIN.as_str()) else {
        return false;
    };
    if origin == base_url {
        return true;
    }
    let Some(host) = get(header::HOST.as_str()) else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}

pub async fn require_same_origin(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(request.headers(), &state.app.config.base_url) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-origin request refused");
    (
        StatusCode::FORBIDDEN,
        "Yêu cầu bị từ chối: không cùng nguồn gốc. / Request refused: not same-origin.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_browser_saying_same_origin_is_enough() {
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            "https://x.vn"
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site"), ("origin", "https://x.vn")]),
            "https://x.vn"
        ));
    }

    #[test]
    fn an_origin_must_be_this_server() {
        let base = "https://xttm.daklak.gov.vn";
        assert!(same_origin(&headers(&[("origin", "https://xttm.daklak.gov.vn")]), base));
        assert!(same_origin(
            &headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example"), ("host", "localhost:3000")]),
            base
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), base));
        assert!(
            !same_origin(&headers(&[]), base),
            "no Origin, no Sec-Fetch-Site: refused"
        );
    }
}
