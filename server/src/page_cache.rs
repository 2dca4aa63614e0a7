//! Public pages as a visitor without a session gets them, kept while nothing has changed: the
//! home, the calendar, event pages and the directory are the same for every anonymous visitor of
//! one language on one day, and rendering one costs milliseconds (a calendar of 500 events, 8 ms
//! of CPU) where answering from memory costs microseconds.
//!
//! An entry serves while the database's change stamp is the one read before it was rendered (any
//! committed write, from any instance, ends it, as for `StampCache`), on the day it was made, and
//! for at most a minute (what a page says may depend on the hour: a call that closes at 17:00).
//! Signed-in requests never touch it. Each answer gets a fresh CSP nonce, written into the stored
//! page where the old one stood, so no two answers share one. A page carries an ETag; a visitor's
//! browser that sends it back gets 304 without a body.
//!
//! The cache holds at most `PAGE_CACHE_MB` of pages (64 by default; 0 turns it off) and drops the
//! least recently used first.

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::{
    backend::{auth::RequestInfo, services::public::today},
    domain::paths,
};

use crate::ServerState;

/// How long an entry may serve at the most, changed or not.
const FRESH_FOR: Duration = Duration::from_secs(60);
/// A page larger than this is rendered every time (none is, today: 500 events are 600 KB).
const LARGEST: usize = 4 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: &'static str,
    day: chrono::NaiveDate,
}

struct Page {
    stamp: i64,
    made: Instant,
    /// The body as it was rendered, and the nonce it was rendered with (in it and in `headers`).
    body: String,
    nonce: String,
    headers: HeaderMap,
    etag: HeaderValue,
    used: u64,
}

/// A stored page, as an answer takes it.
#[derive(Clone)]
struct Stored {
    body: String,
    nonce: String,
    headers: HeaderMap,
    etag: HeaderValue,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<Key, Page>,
    bytes: usize,
    clock: u64,
}

pub struct PageCache {
    budget: usize,
    pages: Mutex<Pages>,
    hits: AtomicU64,
}

impl PageCache {
    pub fn new(budget: usize) -> Arc<PageCache> {
        Arc::new(PageCache {
            budget,
            pages: Mutex::default(),
            hits: AtomicU64::new(0),
        })
    }

    /// How many answers came from memory (for tests and `/metrics`).
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    fn get(&self, key: &Key, stamp: i64) -> Option<Stored> {
        let mut pages = self.pages.lock().ok()?;
        pages.clock += 1;
        let clock = pages.clock;
        let page = pages.entries.get_mut(key)?;
        if page.stamp != stamp || page.made.elapsed() > FRESH_FOR {
            return None;
        }
        page.used = clock;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(Stored {
            body: page.body.clone(),
            nonce: page.nonce.clone(),
            headers: page.headers.clone(),
            etag: page.etag.clone(),
        })
    }

    fn put(&self, key: Key, page: Page) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let size = page.body.len() + key.path_and_query.len();
        if size > self.budget {
            return;
        }
        // pages of an older stamp serve no more
        let stamp = page.stamp;
        pages.entries.retain(|_, p| p.stamp == stamp);
        pages.bytes = pages
            .entries
            .iter()
            .map(|(k, p)| p.body.len() + k.path_and_query.len())
            .sum();
        while pages.bytes + size > self.budget {
            let Some(oldest) = pages.entries.iter().min_by_key(|(_, p)| p.used).map(|(k, _)| k.clone()) else {
                break;
            };
            if let Some(p) = pages.entries.remove(&oldest) {
                pages.bytes -= p.body.len() + oldest.path_and_query.len();
            }
        }
        pages.clock += 1;
        let used = pages.clock;
        pages.bytes += size;
        if let Some(old) = pages.entries.insert(key.clone(), Page { used, ..page }) {
            pages.bytes -= old.body.len() + key.path_and_query.len();
        }
    }
}

/// The public pages that are the same for every anonymous visitor.
fn cacheable(path: &str) -> bool {
    let id_after = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    };
    [
        paths::HOME,
        paths::CALENDAR,
        paths::RESULTS,
        paths::PRODUCTS,
        paths::PRODUCERS,
    ]
    .contains(&path)
        || id_after("/su-kien")
        || id_after(paths::PRODUCTS)
        || id_after(paths::PRODUCERS)
}

fn nonce_of(csp: &str) -> Option<&str> {
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let end = start + csp[start..].find('\'')?;
    Some(&csp[start..end]).filter(|n| n.len() >= 16)
}

/// A fresh nonce, made as Leptos makes its own (128 random bits).
fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
}

fn not_modified(request: &HeaderMap, etag: &HeaderValue) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == etag.to_str().unwrap_or_default())
}

/// Says where an answer came from (`hit`: memory; `miss`: rendered, and kept), for operators and
/// tests.
pub const SOURCE: &str = "x-page-cache";

/// The answer to a request, from a stored page: the nonce renewed everywhere it stands.
fn answer(request: &HeaderMap, page: Stored, source: &'static str) -> Response {
    let Stored {
        body,
        nonce: old,
        mut headers,
        etag,
    } = page;
    if not_modified(request, &etag) {
        // no CSP here: the browser keeps the one that came with the page it holds
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        res.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("cookie"));
        res.headers_mut().insert(SOURCE, HeaderValue::from_static(source));
        return res;
    }
    let nonce = fresh_nonce();
    if let Some(csp) = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
    {
        match HeaderValue::from_str(&csp.replace(&old, &nonce)) {
            Ok(v) => headers.insert(header::CONTENT_SECURITY_POLICY, v),
            // a page whose policy cannot take the new nonce keeps its own, in both places
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        };
    }
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("cookie"));
    headers.insert(SOURCE, HeaderValue::from_static(source));
    let mut res = Response::new(Body::from(body.replace(&old, &nonce)));
    *res.headers_mut() = headers;
    res
}

pub async fn layer(
    State((state, cache)): State<(ServerState, Arc<PageCache>)>,
    request: Request,
    next: Next,
) -> Response {
    let anonymous = request
        .extensions()
        .get::<RequestInfo>()
        .is_some_and(|info| info.session.is_none());
    if cache.budget == 0 || request.method() != Method::GET || !anonymous || !cacheable(request.uri().path()) {
        return next.run(request).await;
    }
    let lang = request
        .extensions()
        .get::<RequestInfo>()
        .map(|info| info.lang.code())
        .unwrap_or_default();
    let key = Key {
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        lang,
        day: today(),
    };
    // read before rendering: a write while the page renders leaves an entry that serves no one
    let Ok(stamp) = state.app.db.change_stamp().await else {
        return next.run(request).await;
    };
    let asked = request.headers().clone();
    if let Some(page) = cache.get(&key, stamp) {
        return answer(&asked, page, "hit");
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of)
        .map(str::to_string);
    let (Some(nonce), Ok(text)) = (nonce, std::str::from_utf8(&bytes)) else {
        // not a page as expected: passed on as it came
        return Response::from_parts(parts, Body::from(bytes));
    };
    let body = text.to_string();
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::DATE);
    // the same page, whatever its nonce, has the same tag
    let mut hasher = DefaultHasher::new();
    for part in body.split(nonce.as_str()) {
        part.hash(&mut hasher);
    }
    let Ok(etag) = HeaderValue::from_str(&format!("W/\"p{:016x}\"", hasher.finish())) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let stored = Stored {
        body,
        nonce,
        headers,
        etag,
    };
    let res = answer(&asked, stored.clone(), "miss");
    cache.put(
        key,
        Page {
            stamp,
            made: Instant::now(),
            body: stored.body,
            nonce: stored.nonce,
            headers: stored.headers,
            etag: stored.etag,
            used: 0,
        },
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_pages_are_kept() {
        for path in [
            "/",
            "/lich",
            "/su-kien/12",
            "/san-pham",
            "/san-pham/3",
            "/doanh-nghiep-ocop/4",
            "/ket-qua",
        ] {
            assert!(cacheable(path), "{path}");
        }
        for path in [
            "/dang-nhap",
            "/can-bo",
            "/su-kien/12/calendar.ics",
            "/su-kien/",
            "/su-kien/x",
            "/doanh-nghiep",
            "/api/calendar/events",
            "/tai-khoan",
        ] {
            assert!(!cacheable(path), "{path}");
        }
    }

    #[test]
    fn the_least_recently_used_page_goes_first_and_the_budget_holds() {
        let cache = PageCache::new(100);
        let key = |p: &str| Key {
            path_and_query: p.to_string(),
            lang: "vi",
            day: chrono::NaiveDate::default(),
        };
        let page = |n: usize| Page {
            stamp: 1,
            made: Instant::now(),
            body: "x".repeat(n),
            nonce: String::new(),
            headers: HeaderMap::new(),
            etag: HeaderValue::from_static("W/\"e\""),
            used: 0,
        };
        cache.put(key("/a"), page(38));
        cache.put(key("/b"), page(38));
        assert!(cache.get(&key("/a"), 1).is_some()); // /a is now the more recent
        cache.put(key("/c"), page(38));
        assert!(cache.get(&key("/b"), 1).is_none(), "the least recently used went");
        assert!(cache.get(&key("/a"), 1).is_some() && cache.get(&key("/c"), 1).is_some());
        assert!(cache.pages.lock().unwrap().bytes <= 100);
        assert!(cache.get(&key("/a"), 2).is_none(), "a write since");
        cache.put(key("/big"), page(200));
        assert!(cache.get(&key("/big"), 1).is_none(), "larger than the whole budget");
        cache.put(key("/d"), page(10));
        let pages = cache.pages.lock().unwrap();
        assert_eq!(
            pages.bytes,
            pages
                .entries
                .iter()
                .map(|(k, p)| p.body.len() + k.path_and_query.len())
                .sum::<usize>()
        );
    }

    #[test]
    fn the_nonce_is_found_in_the_policy() {
        let fresh = fresh_nonce();
        let csp = format!("default-src 'self'; script-src 'self' 'nonce-{fresh}' 'wasm-unsafe-eval'");
        assert_eq!(nonce_of(&csp), Some(fresh.as_str()));
        assert_ne!(fresh_nonce(), fresh);
        assert_eq!(nonce_of("script-src 'self'"), None);
    }
}
