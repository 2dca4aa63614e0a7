//! The authentication layer: before any handler runs, works out where a request comes from and
//! whose live session it carries, and leaves that in the request (`RequestInfo`) for pages and
//! server functions. Responses to a signed-in request are never stored by caches; a cookie that
//! names no live session is removed.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
};

use app::{
    backend::{
        auth::{session, RequestInfo},
        config::Config,
        now,
    },
    domain::Lang,
};

use crate::ServerState;

/// The client's address. `X-Forwarded-For` is believed only when the connection comes from a
/// listed proxy, and then read from the right: the first address that is not itself a listed
/// proxy is the client (anything further left could be forged by the client).
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> String {
    let Some(peer) = peer else {
        return "unknown".to_string();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter_map(|s| s.parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded
        .iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .copied()
        .unwrap_or(peer)
        .to_string()
}

fn cookie_header(headers: &HeaderMap) -> String {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads the request's client, session and language.
pub async fn request_info(
    config: &Config,
    db: &app::backend::db::Db,
    peer: Option<IpAddr>,
    headers: &HeaderMap,
) -> (RequestInfo, bool) {
    let cookies = cookie_header(headers);
    let token = session::token_from_cookies(config, &cookies);
    let session = match token {
        Some(t) => match session::resolve(db, config, t, now()).await {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                None
            }
        },
        None => None,
    };
    let stale_cookie = token.is_some() && session.is_none();
    let lang = session
        .as_ref()
        .map(|s| s.viewer.lang)
        .or_else(|| Lang::from_cookie_header(&cookies))
        .unwrap_or_default();
    let info = RequestInfo {
        client_ip: client_ip(peer, headers, &config.trusted_proxies),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        session,
        lang,
    };
    (info, stale_cookie)
}

pub async fn layer(State(state): State<ServerState>, mut request: Request, next: Next) -> Response {
    let config = &state.app.config;
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip());
    let headers = request.headers().clone();
    let (info, stale_cookie) = request_info(config, &state.app.db, peer, &headers).await;
    let signed_in = info.session.is_some();
    // the bundle is the same for everyone: its own caching holds (a year under its version)
    let bundle = ["/pkg/", "/v/"].iter().any(|p| request.uri().path().starts_with(p));
    request.extensions_mut().insert(info);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if signed_in && !bundle {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if stale_cookie && !headers.contains_key(header::SET_COOKIE) {
        if let Ok(v) = HeaderValue::from_str(&session::clear_cookie(config)) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static(v));
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let stranger: IpAddr = "198.51.100.9".parse().unwrap();
        let h = xff("203.0.113.7");
        assert_eq!(client_ip(Some(stranger), &h, &[proxy]), "198.51.100.9");
        assert_eq!(client_ip(Some(proxy), &h, &[proxy]), "203.0.113.7");
        // a client that forges its own header only moves its real address to the right
        let forged = xff("1.2.3.4, 203.0.113.7");
        assert_eq!(client_ip(Some(proxy), &forged, &[proxy]), "203.0.113.7");
        assert_eq!(client_ip(Some(proxy), &HeaderMap::new(), &[proxy]), "10.0.0.1");
        assert_eq!(client_ip(None, &h, &[proxy]), "unknown");
    }
}
