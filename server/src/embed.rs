//! The two pages any site may frame (the only addresses whose `frame-ancestors` allows it): they
//! hold no form that changes anything and no session, and their language comes from `?lang=`,
//! never a cookie, so a cache may keep them.
//! - `/nhung/lich`: the calendar for other websites (a commune's site, the Province's portal). A
//!   compact list of what the calendar shows for the same filter, as plain HTML with no script,
//!   whose links open on this site in a new tab.
//! - `/nhung/diem-ban`: the map of the OCOP points of sale, framed by their own pages too.

use axum::{
    extract::{RawQuery, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use crate::{
    answer::esc,
    feeds::{asked_lang, pairs},
    ServerState,
};
use app::{
    backend::services::public as svc,
    domain::{paths, sale_points::PointFilter, time, CalendarView, EventCard, EventFilter, EventStatus, Lang},
};

/// The most events the frame lists; the last line links to the rest.
const MOST: usize = 30;

const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors *; \
                      base-uri 'none'; form-action 'none'";

pub async fn calendar(State(state): State<ServerState>, RawQuery(query): RawQuery) -> Response {
    let pairs = pairs(query);
    let lang = asked_lang(&pairs).unwrap_or_default();
    let filter = EventFilter {
        view: CalendarView::List,
        month: None,
        ..EventFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    };
    match svc::list(&state.app.db, &filter, lang, svc::today()).await {
        Ok(events) => {
            let html = page(&events, &filter, lang, &state.app.config.base_url);
            let mut res = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
            res
        }
        Err(e) => {
            tracing::error!(error = ?e, "embedded calendar");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn page(events: &[EventCard], filter: &EventFilter, lang: Lang, base_url: &str) -> String {
    let title = lang.t().calendar_name;
    let full = format!("{base_url}{}", filter.href(paths::CALENDAR));
    let mut items = String::new();
    for e in events.iter().take(MOST) {
        let day = time::local_date(e.starts_at);
        let status = match e.status {
            EventStatus::Cancelled | EventStatus::Postponed => {
                format!(" <span class=\"badge\">{}</span>", esc(e.status.label(lang)))
            }
            _ => String::new(),
        };
        items.push_str(&format!(
            "<li><time datetime=\"{iso}\">{weekday}, {dates}</time>\
             <a href=\"{href}\" target=\"_blank\" rel=\"noopener\">{name}</a>{status}\
             <span class=\"meta\">{kind} · {place}</span></li>",
            iso = time::iso_utc(e.starts_at),
            weekday = time::weekday(day, lang),
            dates = esc(&time::date_range(e.starts_at, e.ends_at)),
            href = esc(&format!("{base_url}{}", paths::event(e.event_id))),
            name = esc(&e.title),
            kind = e.kind.label(lang),
            place = esc(&e.place),
        ));
    }
    let list = if items.is_empty() {
        format!("<p class=\"empty\">{}</p>", lang.t().no_events)
    } else {
        format!("<ol>{items}</ol>")
    };
    let more = if events.len() > MOST {
        lang.tr("Xem tất cả sự kiện", "See every event")
    } else {
        lang.tr("Mở lịch đầy đủ", "Open the full calendar")
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/embed.css\"></head><body>\
         <header><a href=\"{full}\" target=\"_blank\" rel=\"noopener\">{title}</a></header>\
         {list}<footer><a href=\"{full}\" target=\"_blank\" rel=\"noopener\">{more}</a> · \
         {source}</footer></body></html>",
        code = lang.code(),
        full = esc(&full),
        source = lang.tr("Sở Công Thương Đắk Lắk", "Đắk Lắk Department of Industry and Trade"),
    )
}

/// `/nhung/diem-ban`: the map of the OCOP points of sale, framed by the list and each point's
/// page (and by any site that wants it). Leaflet, served from this site, draws a marker for each
/// point of the GeoJSON over the configured tiles (`MAP_TILES`); each marker links to its point's
/// page. `?xa=` and `?nhom=` narrow it as they narrow the list; `?diem=` centres it on one point.
/// Without JavaScript it says where the list is; the list and the addresses never need it.
pub async fn sale_points_map(State(state): State<ServerState>, RawQuery(query): RawQuery) -> Response {
    let pairs = pairs(query);
    let lang = asked_lang(&pairs).unwrap_or_default();
    let filter = PointFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let focus = pairs
        .iter()
        .find(|(k, _)| k == "diem")
        .and_then(|(_, v)| v.parse::<i64>().ok())
        .filter(|id| *id > 0);
    let config = &state.app.config;
    let points = match filter.to_query().as_str() {
        "" => paths::SALE_POINTS_GEOJSON.to_string(),
        q => format!("{}?{q}", paths::SALE_POINTS_GEOJSON),
    };
    let list = format!("{}{}", config.base_url, paths::sale_points_of(&filter.to_query()));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/vendor/leaflet/leaflet.css\">\
         <link rel=\"stylesheet\" href=\"/embed.css\"></head><body class=\"map-page\">\
         <div id=\"map\" role=\"region\" aria-label=\"{title}\" data-points=\"{points}\" data-tiles=\"{tiles}\" \
         data-attribution=\"{attribution}\" data-focus=\"{focus}\"></div>\
         <noscript><p>{no_script} <a href=\"{list}\" target=\"_top\">{list_text}</a></p></noscript>\
         <script src=\"/vendor/leaflet/leaflet.js\"></script><script src=\"/map.js\"></script></body></html>",
        code = lang.code(),
        title = lang.tr("Bản đồ điểm bán sản phẩm OCOP", "Map of the OCOP points of sale"),
        points = esc(&points),
        tiles = esc(config.map_tiles.as_deref().unwrap_or("")),
        attribution = esc(&config.map_attribution),
        focus = focus.map(|f| f.to_string()).unwrap_or_default(),
        no_script = lang.tr("Bản đồ cần JavaScript.", "The map needs JavaScript."),
        list = esc(&list),
        list_text = lang.tr(
            "Danh sách và địa chỉ các điểm bán",
            "The list and addresses of the points"
        ),
    );
    let policy = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'; \
         frame-ancestors *; base-uri 'none'; form-action 'none'",
        tiles = config.tile_origin().map(|o| format!(" {o}")).unwrap_or_default()
    );
    let mut res = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}
