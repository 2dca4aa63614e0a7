//! iCalendar feeds over HTTP: the whole calendar (filtered like the calendar page) and one event.

use axum::{
    extract::{Path, RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use crate::ServerState;
use app::domain::paths;
use app::{
    backend::{
        icalendar::{FeedMeta, CONTENT_TYPE},
        services::public::{self as svc, Feed},
    },
    domain::{EventFilter, Lang},
};

/// The language the address asks for (`?lang=en`), if any.
pub(crate) fn asked_lang(pairs: &[(String, String)]) -> Option<Lang> {
    pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

/// `?lang=en` wins, then the language cookie, then Vietnamese.
fn feed_lang(pairs: &[(String, String)], headers: &HeaderMap) -> Lang {
    asked_lang(pairs)
        .or_else(|| {
            headers
                .get(header::COOKIE)?
                .to_str()
                .ok()
                .and_then(Lang::from_cookie_header)
        })
        .unwrap_or_default()
}

pub(crate) fn pairs(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn if_none_match(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::IF_NONE_MATCH)?.to_str().ok()
}

fn respond(feed: Feed, filename: Option<String>) -> Response {
    let (status, etag, body) = match feed {
        Feed::NotModified { etag } => (StatusCode::NOT_MODIFIED, etag, String::new()),
        Feed::Body { etag, body } => (StatusCode::OK, etag, body),
    };
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    if status == StatusCode::OK {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    } else {
        h.remove(header::CONTENT_TYPE);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    if let Some(v) = filename.and_then(|f| HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")).ok()) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn failure(e: app::backend::ServerError) -> Response {
    let reference = app::backend::log_failure(&e);
    (
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "Hệ thống đang bận, vui lòng thử lại sau (mã tham chiếu {reference}). \
             / Service unavailable, please retry (reference {reference})."
        ),
    )
        .into_response()
}

/// `/calendar.ics?kind=fair&…`: upcoming and recent events, filtered like the calendar.
pub async fn calendar(State(state): State<ServerState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let pairs = pairs(query);
    let lang = feed_lang(&pairs, &headers);
    let filter = EventFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let name = lang.t().calendar_name;
    let meta = FeedMeta {
        name,
        base_url: &state.app.config.base_url,
        lang,
    };
    match svc::feed(
        &state.app.db,
        &filter,
        lang,
        svc::today(),
        &meta,
        if_none_match(&headers),
    )
    .await
    {
        Ok(feed) => respond(feed, None),
        Err(e) => failure(e),
    }
}

/// `/su-kien/{id}/calendar.ics`: one event, as a download.
pub async fn event(
    State(state): State<ServerState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pairs = pairs(query);
    let lang = feed_lang(&pairs, &headers);
    let not_found = || (StatusCode::NOT_FOUND, lang.t().not_found_body).into_response();
    let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
        return not_found();
    };
    let name = lang.t().site_name;
    let meta = FeedMeta {
        name,
        base_url: &state.app.config.base_url,
        lang,
    };
    match svc::event_feed(&state.app.db, id, lang, &meta, if_none_match(&headers)).await {
        Ok(Some(feed)) => respond(feed, Some(format!("su-kien-{id}.ics"))),
        Ok(None) => not_found(),
        Err(e) => failure(e),
    }
}

/// `/lich-rieng/<secret>.ics`: a producer's private calendar. Unknown or revoked: 404.
pub async fn private(State(state): State<ServerState>, Path(file): Path<String>) -> Response {
    let Some(secret) = file
        .strip_suffix(".ics")
        .filter(|s| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match app::backend::services::applications::private_feed(&state.app.db, secret).await {
        Ok(Some(entries)) => {
            let body = app::backend::icalendar::private_feed(&entries, &state.app.config.base_url);
            let mut res = (StatusCode::OK, body).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => crate::answer::refusal(e, Lang::default(), paths::HOME),
    }
}
