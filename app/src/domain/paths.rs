//! Every address of the system, in one place: the router, the server's routes, links in pages and
//! e-mails, and redirects after a form all take their paths from here.
//!
//! Addresses are Vietnamese without diacritics, in kebab-case, because people read and share them
//! (`/lich`, `/doanh-nghiep/ho-so/12`). The glossary in docs/ARCHITECTURE.md ties each segment to
//! the code's English word.
//!
//! **Query parameters** follow one rule: a parameter a person reads in the address (the year of
//! the results, a page's "saved" notice) is Vietnamese like the path (`?nam=2026`, `?da-luu=1`);
//! the calendar's filter (`kind`, `scope`, `past`, `q`, …) is the one exception — its names and
//! values are the coded enums' codes, shared with the JSON API and with feed addresses that
//! calendar apps have subscribed to, so they never change.

/// The segments the router matches (`StaticSegment`), each once.
pub mod seg {
    pub const CALENDAR: &str = "lich";
    pub const EVENT: &str = "su-kien";
    pub const RESULTS: &str = "ket-qua";
    pub const PRODUCTS: &str = "san-pham";
    pub const PRODUCERS: &str = "doanh-nghiep-ocop";
    pub const LOGIN: &str = "dang-nhap";
    pub const SIGN_UP: &str = "dang-ky";
    pub const VERIFY_EMAIL: &str = "xac-minh-email";
    pub const FORGOT_PASSWORD: &str = "quen-mat-khau";
    pub const SET_PASSWORD: &str = "dat-mat-khau";
    pub const ACCOUNT: &str = "tai-khoan";
    pub const PRODUCER: &str = "doanh-nghiep";
    pub const APPLICATIONS: &str = "ho-so";
    /// The register of contracts and MOUs.
    pub const DEALS: &str = "hop-dong";
    /// The year's trade-promotion plan.
    pub const PLAN: &str = "ke-hoach";
    /// The staff's dashboard of a year.
    pub const DASHBOARD: &str = "tong-hop";
    /// The indicators events are measured by.
    pub const INDICATORS: &str = "chi-tieu";
    /// An event's budget.
    pub const BUDGET: &str = "kinh-phi";
    /// A producer's report of its results after an event.
    pub const RESULTS_REPORT: &str = "bao-cao-ket-qua";
    /// OCOP points of sale: the public list and the staff's register.
    pub const SALE_POINTS: &str = "diem-ban";
    /// Buyers' inquiries: the buyer's confirmation, the staff's counts.
    pub const INQUIRIES: &str = "hoi-mua";
    pub const CONFIRM: &str = "xac-nhan";
    pub const STAFF: &str = "can-bo";
    pub const ADMIN: &str = "quan-tri";
}

pub const HOME: &str = "/";
pub const CALENDAR: &str = "/lich";
pub const ARCHIVE: &str = "/lich?past=1";
pub const RESULTS: &str = "/ket-qua";
/// The public directory of OCOP products, and of their producers.
pub const PRODUCTS: &str = "/san-pham";
pub const PRODUCERS: &str = "/doanh-nghiep-ocop";
pub const LOGIN: &str = "/dang-nhap";
pub const SIGN_UP: &str = "/dang-ky";
pub const VERIFY_EMAIL: &str = "/xac-minh-email";
pub const FORGOT_PASSWORD: &str = "/quen-mat-khau";
pub const SET_PASSWORD: &str = "/dat-mat-khau";
pub const ACCOUNT: &str = "/tai-khoan";
/// The producer's console.
pub const PRODUCER: &str = "/doanh-nghiep";
/// The producer's console, at its list of applications.
pub const MY_APPLICATIONS: &str = "/doanh-nghiep#ho-so";
/// The producer's console, at its products.
pub const MY_PRODUCTS: &str = "/doanh-nghiep#products-title";
/// The staff console.
pub const STAFF: &str = "/can-bo";
pub const STAFF_EVENTS: &str = "/can-bo/su-kien";
pub const NEW_EVENT: &str = "/can-bo/su-kien/moi";
/// The register of contracts and MOUs.
pub const DEALS: &str = "/can-bo/hop-dong";
/// The register as CSV (it takes the register's filter).
pub const DEALS_CSV: &str = "/can-bo/hop-dong.csv";
/// The year's plan (this year's without `?nam=`).
pub const PLAN: &str = "/can-bo/ke-hoach";
/// The staff's dashboard of a year (this year's without `?nam=`).
pub const DASHBOARD: &str = "/can-bo/tong-hop";
/// The indicators events are measured by.
pub const INDICATORS: &str = "/can-bo/chi-tieu";
/// The staff's register of OCOP points of sale.
pub const STAFF_SALE_POINTS: &str = "/can-bo/diem-ban";
/// Where a buyer confirms an inquiry (`?token=` the mailed secret).
pub const CONFIRM_INQUIRY: &str = "/hoi-mua/xac-nhan";
/// The producer's inquiries, on its console.
pub const MY_INQUIRIES: &str = "/doanh-nghiep#hoi-mua";
/// The staff's counts of inquiries.
pub const STAFF_INQUIRIES: &str = "/can-bo/hoi-mua";
/// The public list of OCOP points of sale.
pub const SALE_POINTS: &str = "/diem-ban";
/// The points of sale as GeoJSON and as CSV (open data).
pub const SALE_POINTS_GEOJSON: &str = routes::SALE_POINTS_GEOJSON;
pub const SALE_POINTS_CSV: &str = routes::SALE_POINTS_CSV;
/// The admin console.
pub const ADMIN: &str = "/quan-tri";
/// The public calendar feed (iCalendar); it takes the calendar's filter.
pub const FEED: &str = "/calendar.ics";
/// The calendar page, at its subscribe links (feed, webcal, the frame for other sites).
pub const SUBSCRIBE: &str = "/lich#theo-doi";
/// The calendar for other websites to frame; it takes the calendar's filter.
pub const EMBED_CALENDAR: &str = "/nhung/lich";
/// The map of the points of sale, framed by their pages (it takes the list's filter, `?diem=`).
pub const SALE_POINTS_MAP: &str = routes::SALE_POINTS_MAP;

/// The `webcal://` form of a feed's absolute address, which a phone or calendar app opens as a
/// subscription rather than a download.
pub fn webcal(absolute: &str) -> String {
    let rest = absolute
        .strip_prefix("https://")
        .or_else(|| absolute.strip_prefix("http://"))
        .unwrap_or(absolute);
    format!("webcal://{rest}")
}
/// Logging out (POST).
pub const LOGOUT: &str = "/dang-xuat";
/// Where a producer uploads its logo (POST).
pub const LOGO_UPLOAD: &str = "/tai-len/logo";

/// An event's public page.
pub fn event(id: i64) -> String {
    format!("/su-kien/{id}")
}

/// An event's public page opened from the calendar: the calendar's query (`EventFilter::to_query`)
/// rides along as `tu` ("from"), so that the page's way back returns to the same filtered calendar.
pub fn event_from(id: i64, calendar_query: &str) -> String {
    format!("{}{}", event(id), came_from(calendar_query))
}

/// What [`event_from`] adds to an event's address: `?tu=…`, or nothing for the plain calendar.
/// Made once for a list of events.
pub fn came_from(calendar_query: &str) -> String {
    if calendar_query.is_empty() {
        String::new()
    } else {
        format!("?tu={}", super::filter::encode(calendar_query))
    }
}

/// The calendar a page was opened from (its `tu`), or the plain calendar when there is none or
/// it holds anything but a calendar query's characters (so it can never lead elsewhere).
pub fn back_to_calendar(from: &str) -> String {
    let query_only = from
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&+".contains(&b));
    if from.is_empty() || !query_only {
        CALENDAR.to_string()
    } else {
        format!("{CALENDAR}?{from}")
    }
}

/// One event as an iCalendar file.
pub fn event_feed(id: i64) -> String {
    format!("/su-kien/{id}/calendar.ics")
}

/// An event's cover picture; `version` (the event's revision) makes a changed picture a new address.
pub fn event_cover(id: i64, version: i32) -> String {
    format!("/su-kien/{id}/anh-bia?v={version}")
}

/// A product of the public directory.
pub fn product(id: i64) -> String {
    format!("/san-pham/{id}")
}

/// The product list narrowed by a filter's query ("" for none).
pub fn products_of(query: &str) -> String {
    if query.is_empty() {
        PRODUCTS.to_string()
    } else {
        format!("{PRODUCTS}?{query}")
    }
}

/// A producer of the public directory.
pub fn producer_page(id: i64) -> String {
    format!("/doanh-nghiep-ocop/{id}")
}

/// A point of sale's public page.
pub fn sale_point(id: i64) -> String {
    format!("/diem-ban/{id}")
}

/// The public list of points narrowed by a filter's query ("" for none).
pub fn sale_points_of(query: &str) -> String {
    if query.is_empty() {
        SALE_POINTS.to_string()
    } else {
        format!("{SALE_POINTS}?{query}")
    }
}

/// A photo of a point of sale (public while the point is not closed).
pub fn sale_point_photo(photo_id: i64) -> String {
    format!("/diem-ban/anh/{photo_id}")
}

/// Where staff upload a photo of a point of sale (POST).
pub fn sale_point_photo_upload(id: i64) -> String {
    format!("/can-bo/diem-ban/{id}/anh")
}

/// The staff's register with a point's form open to edit it.
pub fn edit_sale_point(id: i64) -> String {
    format!("/can-bo/diem-ban?sua={id}#diem-ban-form")
}

/// The public results of a year.
pub fn results_of(year: i32) -> String {
    format!("/ket-qua?nam={year}")
}

/// The producer's application to an event.
pub fn apply(event_id: i64) -> String {
    format!("/doanh-nghiep/ho-so/{event_id}")
}

/// The producer's report of its results at an event.
pub fn results_report(event_id: i64) -> String {
    format!("/doanh-nghiep/bao-cao-ket-qua/{event_id}")
}

/// A file attached to an application, by the question it answers.
pub fn document(application_id: i64, question_id: i64) -> String {
    format!("/tai-lieu/{application_id}/{question_id}")
}

/// A file of a product (a certificate scan, a picture).
pub fn product_file(file_id: i64) -> String {
    format!("/tep/{file_id}")
}

/// A producer's logo.
pub fn logo(producer_id: i64) -> String {
    format!("/logo/{producer_id}")
}

/// Where a producer uploads a file of a product (POST).
pub fn product_file_upload(product_id: i64) -> String {
    format!("/tai-len/san-pham/{product_id}")
}

/// Where a producer uploads a document that answers a question of an event's call (POST).
pub fn document_upload(event_id: i64, question_id: i64) -> String {
    format!("/tai-len/ho-so/{event_id}/{question_id}")
}

/// A producer's private calendar of its applications, by its secret.
pub fn private_feed(secret: &str) -> String {
    format!("/lich-rieng/{secret}.ics")
}

/// An event in the staff's editor.
pub fn staff_event(id: i64) -> String {
    format!("/can-bo/su-kien/{id}")
}

/// Where staff upload an event's cover picture.
pub fn cover_upload(id: i64) -> String {
    format!("/can-bo/su-kien/{id}/anh-bia")
}

/// The review of an event's applications.
pub fn review(event_id: i64) -> String {
    format!("/can-bo/su-kien/{event_id}/ho-so")
}

/// An event's applications as a file: `format` is `csv` or `xlsx`.
pub fn export(event_id: i64, format: &str) -> String {
    format!("/can-bo/ho-so/{event_id}.{format}")
}

/// An event's targets and outcomes.
pub fn outcomes(event_id: i64) -> String {
    format!("/can-bo/su-kien/{event_id}/ket-qua")
}

/// An event's budget by cost line and funding source.
pub fn budget(event_id: i64) -> String {
    format!("/can-bo/su-kien/{event_id}/kinh-phi")
}

/// The year's trade-promotion plan.
pub fn plan(year: i32) -> String {
    format!("{PLAN}?nam={year}")
}

/// The year's plan, its events narrowed as the dashboard's bar of `filter`.
pub fn plan_of(year: i32, filter: &super::budget::PlanFilter) -> String {
    format!("{PLAN}?nam={year}{}", filter.to_query())
}

/// The staff's dashboard of a year.
pub fn dashboard(year: i32) -> String {
    format!("{DASHBOARD}?nam={year}")
}

/// Where staff upload a file of evidence behind an event's outcomes.
pub fn evidence_upload(event_id: i64) -> String {
    format!("/can-bo/su-kien/{event_id}/minh-chung")
}

/// A file of evidence.
pub fn evidence(evidence_id: i64) -> String {
    format!("/can-bo/minh-chung/{evidence_id}")
}

/// An event's results report: `extension` is "" (the page to print), ".docx" or ".xlsx".
pub fn event_report(event_id: i64, extension: &str) -> String {
    format!("/can-bo/su-kien/{event_id}/bao-cao{extension}")
}

/// The year's results report: `extension` is "" (the page to print), ".docx" or ".xlsx".
pub fn year_report(year: i32, extension: &str) -> String {
    format!("/can-bo/bao-cao/{year}{extension}")
}

/// The anchor of the participating producers' table on a report's page to print.
pub const PARTICIPANTS_ANCHOR: &str = "don-vi-tham-gia";

/// The address is served by the server outside the app's router (a report, a file, an export),
/// so a link to it must leave the client router (`rel="external"`).
pub fn outside_router(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    path.starts_with("/can-bo/bao-cao/")
        || (path.starts_with("/can-bo/su-kien/") && path.contains("/bao-cao"))
        || path.ends_with(".csv")
}

/// The address that switches the language (`code` is `vi` or `en`) and comes back to `next`, a
/// path already percent-encoded.
pub fn language(code: &str, next_encoded: &str) -> String {
    format!("/lang/{code}?next={next_encoded}")
}

/// The server's route patterns (axum), written with the same segments.
pub mod routes {
    pub const FEED: &str = "/calendar.ics";
    pub const EVENT_FEED: &str = "/su-kien/{id}/calendar.ics";
    pub const LANGUAGE: &str = "/lang/{code}";
    pub const COVER: &str = "/su-kien/{id}/anh-bia";
    pub const PRODUCT_FILE: &str = "/tep/{id}";
    pub const DOCUMENT: &str = "/tai-lieu/{application}/{question}";
    pub const PRIVATE_FEED: &str = "/lich-rieng/{file}";
    pub const EXPORT: &str = "/can-bo/ho-so/{file}";
    pub const EVENT_REPORT: &str = "/can-bo/su-kien/{id}/bao-cao";
    pub const EVENT_REPORT_DOCX: &str = "/can-bo/su-kien/{id}/bao-cao.docx";
    pub const EVENT_REPORT_XLSX: &str = "/can-bo/su-kien/{id}/bao-cao.xlsx";
    pub const YEAR_REPORT: &str = "/can-bo/bao-cao/{file}";
    pub const COVER_UPLOAD: &str = "/can-bo/su-kien/{id}/anh-bia";
    pub const LOGOUT: &str = "/dang-xuat";
    pub const LOGO: &str = "/logo/{id}";
    pub const PRODUCT_FILE_UPLOAD: &str = "/tai-len/san-pham/{id}";
    pub const LOGO_UPLOAD: &str = "/tai-len/logo";
    pub const DOCUMENT_UPLOAD: &str = "/tai-len/ho-so/{event}/{question}";
    pub const HEALTH: &str = "/healthz";
    pub const METRICS: &str = "/metrics";
    pub const DEALS_CSV: &str = "/can-bo/hop-dong.csv";
    pub const EVIDENCE_UPLOAD: &str = "/can-bo/su-kien/{id}/minh-chung";
    pub const EVIDENCE: &str = "/can-bo/minh-chung/{id}";
    pub const SITEMAP: &str = "/sitemap.xml";
    pub const ROBOTS: &str = "/robots.txt";
    pub const EMBED_CALENDAR: &str = "/nhung/lich";
    pub const SALE_POINTS_GEOJSON: &str = "/diem-ban.geojson";
    pub const SALE_POINTS_CSV: &str = "/diem-ban.csv";
    pub const SALE_POINTS_MAP: &str = "/nhung/diem-ban";
    pub const SALE_POINT_PHOTO: &str = "/diem-ban/anh/{id}";
    pub const SALE_POINT_PHOTO_UPLOAD: &str = "/can-bo/diem-ban/{id}/anh";

    /// Every route above, each with its method: the authorization matrix over routes has a row
    /// for each and fails when one is missing.
    pub const ALL: [(&str, &str); 32] = [
        ("GET", FEED),
        ("GET", EVENT_FEED),
        ("GET", LANGUAGE),
        ("POST", LANGUAGE),
        ("GET", COVER),
        ("GET", PRODUCT_FILE),
        ("GET", DOCUMENT),
        ("GET", PRIVATE_FEED),
        ("GET", EXPORT),
        ("GET", EVENT_REPORT),
        ("GET", EVENT_REPORT_DOCX),
        ("GET", EVENT_REPORT_XLSX),
        ("GET", YEAR_REPORT),
        ("POST", COVER_UPLOAD),
        ("POST", LOGOUT),
        ("GET", LOGO),
        ("POST", PRODUCT_FILE_UPLOAD),
        ("POST", LOGO_UPLOAD),
        ("POST", DOCUMENT_UPLOAD),
        ("GET", HEALTH),
        ("GET", METRICS),
        ("GET", DEALS_CSV),
        ("POST", EVIDENCE_UPLOAD),
        ("GET", EVIDENCE),
        ("GET", SITEMAP),
        ("GET", ROBOTS),
        ("GET", EMBED_CALENDAR),
        ("GET", SALE_POINTS_GEOJSON),
        ("GET", SALE_POINTS_CSV),
        ("GET", SALE_POINTS_MAP),
        ("GET", SALE_POINT_PHOTO),
        ("POST", SALE_POINT_PHOTO_UPLOAD),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_the_servers_own_routes_leave_the_router() {
        for href in [
            year_report(2026, ""),
            format!("{}#{PARTICIPANTS_ANCHOR}", year_report(2026, "")),
            event_report(7, ".xlsx"),
            DEALS_CSV.to_string(),
        ] {
            assert!(outside_router(&href), "{href}");
        }
        for href in [
            plan(2026),
            format!("{DEALS}?nam=2026&doi-tac=exporter"),
            results_report(7),
            outcomes(7),
        ] {
            assert!(!outside_router(&href), "{href}");
        }
    }

    #[test]
    fn the_paths_are_made_of_the_routers_segments() {
        for (path, segments) in [
            (CALENDAR, vec![seg::CALENDAR]),
            (RESULTS, vec![seg::RESULTS]),
            (LOGIN, vec![seg::LOGIN]),
            (SIGN_UP, vec![seg::SIGN_UP]),
            (VERIFY_EMAIL, vec![seg::VERIFY_EMAIL]),
            (FORGOT_PASSWORD, vec![seg::FORGOT_PASSWORD]),
            (SET_PASSWORD, vec![seg::SET_PASSWORD]),
            (ACCOUNT, vec![seg::ACCOUNT]),
            (PRODUCER, vec![seg::PRODUCER]),
            (STAFF, vec![seg::STAFF]),
            (STAFF_EVENTS, vec![seg::STAFF, seg::EVENT]),
            (ADMIN, vec![seg::ADMIN]),
            (DEALS, vec![seg::STAFF, seg::DEALS]),
            (PLAN, vec![seg::STAFF, seg::PLAN]),
            (DASHBOARD, vec![seg::STAFF, seg::DASHBOARD]),
            (INDICATORS, vec![seg::STAFF, seg::INDICATORS]),
            (SALE_POINTS, vec![seg::SALE_POINTS]),
            (STAFF_SALE_POINTS, vec![seg::STAFF, seg::SALE_POINTS]),
            (CONFIRM_INQUIRY, vec![seg::INQUIRIES, seg::CONFIRM]),
            (STAFF_INQUIRIES, vec![seg::STAFF, seg::INQUIRIES]),
            (&event(7), vec![seg::EVENT, "7"]),
            (&apply(7), vec![seg::PRODUCER, seg::APPLICATIONS, "7"]),
            (&results_report(7), vec![seg::PRODUCER, seg::RESULTS_REPORT, "7"]),
            (&staff_event(7), vec![seg::STAFF, seg::EVENT, "7"]),
            (&review(7), vec![seg::STAFF, seg::EVENT, "7", seg::APPLICATIONS]),
            (&outcomes(7), vec![seg::STAFF, seg::EVENT, "7", seg::RESULTS]),
            (&budget(7), vec![seg::STAFF, seg::EVENT, "7", seg::BUDGET]),
        ] {
            assert_eq!(path, format!("/{}", segments.join("/")));
        }
        assert!(ARCHIVE.starts_with(CALENDAR));
        assert!(MY_APPLICATIONS.starts_with(PRODUCER) && MY_PRODUCTS.starts_with(PRODUCER));
        assert!(MY_INQUIRIES.starts_with(PRODUCER));
        assert!(routes::EVENT_REPORT_DOCX.starts_with(routes::EVENT_REPORT));
        assert_eq!(event_report(7, ".docx"), routes::EVENT_REPORT_DOCX.replace("{id}", "7"));
        assert_eq!(year_report(2026, ""), routes::YEAR_REPORT.replace("{file}", "2026"));
        assert_eq!(cover_upload(7), routes::COVER_UPLOAD.replace("{id}", "7"));
        assert_eq!(evidence_upload(7), routes::EVIDENCE_UPLOAD.replace("{id}", "7"));
        assert_eq!(evidence(7), routes::EVIDENCE.replace("{id}", "7"));
        assert_eq!(event_cover(7, 2), format!("{}?v=2", routes::COVER.replace("{id}", "7")));
        assert_eq!(event_feed(7), routes::EVENT_FEED.replace("{id}", "7"));
        assert_eq!(export(7, "csv"), routes::EXPORT.replace("{file}", "7.csv"));
        assert_eq!(
            document(1, 2),
            routes::DOCUMENT
                .replace("{application}", "1")
                .replace("{question}", "2")
        );
        assert_eq!(product_file(3), routes::PRODUCT_FILE.replace("{id}", "3"));
        assert_eq!(sale_point_photo(3), routes::SALE_POINT_PHOTO.replace("{id}", "3"));
        assert_eq!(
            sale_point_photo_upload(3),
            routes::SALE_POINT_PHOTO_UPLOAD.replace("{id}", "3")
        );
        assert_eq!(FEED, routes::FEED);
        assert_eq!(EMBED_CALENDAR, routes::EMBED_CALENDAR);
        assert_eq!(
            webcal("https://xttm.daklak.gov.vn/calendar.ics?kind=fair"),
            "webcal://xttm.daklak.gov.vn/calendar.ics?kind=fair"
        );
        assert_eq!(
            webcal("http://127.0.0.1:3000/calendar.ics"),
            "webcal://127.0.0.1:3000/calendar.ics"
        );
        assert_eq!(DEALS_CSV, routes::DEALS_CSV);
        assert_eq!(DEALS_CSV, format!("{DEALS}.csv"));
        assert_eq!(event_from(7, ""), "/su-kien/7");
        assert_eq!(
            event_from(7, "kind=fair&q=c%C3%A0"),
            "/su-kien/7?tu=kind%3Dfair%26q%3Dc%25C3%25A0"
        );
        // what the router hands the page back is the query itself
        assert_eq!(back_to_calendar("kind=fair&q=c%C3%A0"), "/lich?kind=fair&q=c%C3%A0");
        assert_eq!(back_to_calendar(""), CALENDAR);
        for hostile in ["//evil.example", "x#y", "a\tb", "\r\nLocation: x", "/\\evil", "a b"] {
            assert_eq!(back_to_calendar(hostile), CALENDAR, "{hostile}");
        }
        assert_eq!((LOGOUT, LOGO_UPLOAD), (routes::LOGOUT, routes::LOGO_UPLOAD));
        assert_eq!(logo(3), routes::LOGO.replace("{id}", "3"));
        assert_eq!(product_file_upload(3), routes::PRODUCT_FILE_UPLOAD.replace("{id}", "3"));
        assert_eq!(
            document_upload(1, 2),
            routes::DOCUMENT_UPLOAD
                .replace("{event}", "1")
                .replace("{question}", "2")
        );
        assert_eq!(private_feed("s"), routes::PRIVATE_FEED.replace("{file}", "s.ics"));
    }
}
