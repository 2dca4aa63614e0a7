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
    sync::{Arc, Mutex},
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
    used: u64,
    stored: Stored,
}

/// A page as it was rendered, with the nonce it was rendered with (in it and in `headers`); an
/// answer renews that nonce.
#[derive(Clone)]
struct Stored {
    body: Arc<str>,
    nonce: String,
    headers: HeaderMap,
    etag: HeaderValue,
}

/// What an entry counts against the budget.
fn size(key: &Key, stored: &Stored) -> usize {
    stored.body.len() + key.path_and_query.len()
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
}

impl PageCache {
    pub fn new(budget: usize) -> Arc<PageCache> {
        Arc::new(PageCache {
            budget,
            pages: Mutex::default(),
        })
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
        Some(page.stored.clone())
    }

    fn put(&self, key: Key, stamp: i64, stored: Stored) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let size_of_new = size(&key, &stored);
        if size_of_new > self.budget {
            return;
        }
        // pages of an older stamp serve no more
        if pages.entries.values().any(|p| p.stamp != stamp) {
            pages.entries.retain(|_, p| p.stamp == stamp);
            pages.bytes = pages.entries.iter().map(|(k, p)| size(k, &p.stored)).sum();
        }
        while pages.bytes + size_of_new > self.budget {
            let Some(oldest) = pages.entries.iter().min_by_key(|(_, p)| p.used).map(|(k, _)| k.clone()) else {
                break;
            };
            if let Some(p) = pages.entries.remove(&oldest) {
                pages.bytes -= size(&oldest, &p.stored);
            }
        }
        pages.clock += 1;
        let page = Page {
            stamp,
            made: Instant::now(),
            used: pages.clock,
            stored,
        };
        pages.bytes += size_of_new;
        if let Some(old) = pages.entries.insert(key.clone(), page) {
            pages.bytes -= size(&key, &old.stored);
        }
    }
}

/// The public pages that are the same for every anonymous visitor.
fn cacheable(path: &str) -> bool {
    // "/{segment}/{digits}"
    let id_after = |segment: &str| {
        path.strip_prefix('/')
            .and_then(|rest| rest.strip_prefix(segment))
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    };
    [
        paths::HOME,
        paths::CALENDAR,
        paths::RESULTS,
        paths::PRODUCTS,
        paths::PRODUCERS,
        paths::SALE_POINTS,
    ]
    .contains(&path)
        || id_after(paths::seg::EVENT)
        || id_after(paths::seg::PRODUCTS)
        || id_after(paths::seg::PRODUCERS)
        || id_after(paths::seg::SALE_POINTS)
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
    let revalidated = not_modified(request, &etag);
    let mut res = if revalidated {
        // no CSP here: the browser keeps the one that came with the page it holds
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        headers = std::mem::take(res.headers_mut());
        res
    } else {
        let mut nonce = fresh_nonce();
        if let Some(csp) = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
        {
            match HeaderValue::from_str(&csp.replace(&old, &nonce)) {
                Ok(v) => {
                    headers.insert(header::CONTENT_SECURITY_POLICY, v);
                }
                // a policy that cannot take the new nonce: the page keeps its own, in both places
                Err(_) => nonce.clone_from(&old),
            }
        }
        Response::new(Body::from(body.replace(&old, &nonce)))
    };
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("cookie"));
    headers.insert(SOURCE, HeaderValue::from_static(source));
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
    let body: Arc<str> = Arc::from(text);
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
    cache.put(key, stamp, stored.clone());
    answer(&asked, stored, "miss")
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
        let page = |n: usize| Stored {
            body: Arc::from("x".repeat(n)),
            nonce: String::new(),
            headers: HeaderMap::new(),
            etag: HeaderValue::from_static("W/\"e\""),
        };
        cache.put(key("/a"), 1, page(38));
        cache.put(key("/b"), 1, page(38));
        assert!(cache.get(&key("/a"), 1).is_some()); // /a is now the more recent
        cache.put(key("/c"), 1, page(38));
        assert!(cache.get(&key("/b"), 1).is_none(), "the least recently used went");
        assert!(cache.get(&key("/a"), 1).is_some() && cache.get(&key("/c"), 1).is_some());
        assert!(cache.pages.lock().unwrap().bytes <= 100);
        assert!(cache.get(&key("/a"), 2).is_none(), "a write since");
        cache.put(key("/big"), 1, page(200));
        assert!(cache.get(&key("/big"), 1).is_none(), "larger than the whole budget");
        cache.put(key("/d"), 1, page(10));
        let pages = cache.pages.lock().unwrap();
        assert_eq!(
            pages.bytes,
            pages.entries.iter().map(|(k, p)| size(k, &p.stored)).sum::<usize>()
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
