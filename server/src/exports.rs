//! Downloads. Staff download an event's applications as CSV or as an Excel workbook: every field, every
//! answer, the score and its parts, the booths (`services::applications::export` makes the table),
//! and the register of deals; anyone downloads the OCOP points of sale (GeoJSON, CSV).

use axum::{
    extract::{Extension, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use crate::{answer::refusal, ServerState};
use app::backend::{
    auth::RequestInfo,
    services::{applications, ServiceError},
};
use app::domain::paths;

fn download(body: Vec<u8>, content_type: &'static str, filename: String) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `ho-so-<event id>.csv` or `.xlsx`
pub async fn applications(
    State(state): State<ServerState>,
    Extension(req): Extension<RequestInfo>,
    Path(file): Path<String>,
) -> Response {
    let (id, kind) = match file.rsplit_once('.') {
        Some((id, kind @ ("csv" | "xlsx"))) => (id.parse::<i64>().ok(), kind),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(event_id) = id else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (_, table) = match applications::export(&state.app, &req, event_id).await {
        Ok(t) => t,
        Err(e) => return refusal(e, req.lang, paths::STAFF),
    };
    let name = format!("ho-so-su-kien-{event_id}.{kind}");
    let made = if kind == "csv" {
        csv_bytes(&table)
    } else {
        xlsx_bytes(&table)
    };
    match made {
        Ok(bytes) if kind == "csv" => download(bytes, "text/csv; charset=utf-8", name),
        Ok(bytes) => download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name,
        ),
        Err(e) => refusal(
            ServiceError::Server(app::backend::ServerError::Config(e)),
            req.lang,
            paths::STAFF,
        ),
    }
}

/// The register of contracts and MOUs as CSV, filtered as the register page is.
pub async fn deals(
    State(state): State<ServerState>,
    Extension(req): Extension<RequestInfo>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let pairs = crate::feeds::pairs(query);
    let filter = app::domain::deals::DealFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let table = match app::backend::services::deals::table(&state.app, &req, &filter).await {
        Ok(t) => t,
        Err(e) => return refusal(e, req.lang, paths::DEALS),
    };
    match csv_bytes(&table) {
        Ok(bytes) => download(bytes, "text/csv; charset=utf-8", "so-hop-dong.csv".to_string()),
        Err(e) => refusal(
            ServiceError::Server(app::backend::ServerError::Config(e)),
            req.lang,
            paths::STAFF,
        ),
    }
}

/// UTF-8 with a byte-order mark, so that Excel opens Vietnamese text correctly. Every cell goes
/// through [`inert`]: producers write most of them.
pub fn csv_bytes(table: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    for row in table {
        for cell in row {
            w.write_field(inert(cell).as_bytes()).map_err(|e| e.to_string())?;
        }
        w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// A cell a spreadsheet will not run: one that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return (a formula, `=HYPERLINK(…)`, to Excel and LibreOffice) gets a leading apostrophe, as
/// OWASP advises against CSV injection. (XLSX cells are written as strings, never formulas.)
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One sheet; the header row bold and frozen; numbers as numbers.
pub fn xlsx_bytes(table: &[Vec<String>]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ho so").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (r, row) in table.iter().enumerate() {
        let r32 = u32::try_from(r).map_err(|e| e.to_string())?;
        for (c, value) in row.iter().enumerate() {
            let c16 = u16::try_from(c).map_err(|e| e.to_string())?;
            if r == 0 {
                sheet
                    .write_string_with_format(r32, c16, value, &bold)
                    .map_err(|e| e.to_string())?;
            } else if let (false, Ok(n)) = (value.starts_with('0') && value.len() > 1, value.parse::<i64>()) {
                // whole numbers (scores, amounts) as numbers; tax codes with a leading 0 stay text
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number(r32, c16, n as f64).map_err(|e| e.to_string())?;
            } else {
                sheet.write_string(r32, c16, value).map_err(|e| e.to_string())?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// Open data for anyone: answered with a short public cache and readable from other sites' pages
/// (a portal's map may fetch the GeoJSON).
fn open_data(body: Vec<u8>, content_type: &'static str, filename: Option<&str>) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if let Some(v) = filename.and_then(|f| HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")).ok()) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /diem-ban.geojson`: the OCOP points of sale as GeoJSON (RFC 7946), `?xa=&nhom=` as the list.
pub async fn sale_points_geojson(
    State(state): State<ServerState>,
    Extension(req): Extension<RequestInfo>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let pairs = crate::feeds::pairs(query);
    let filter = app::domain::sale_points::PointFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    match app::backend::services::sale_points::geojson(&state.app, &filter).await {
        Ok(json) => open_data(json.into_bytes(), "application/geo+json", None),
        Err(e) => refusal(e, req.lang, paths::SALE_POINTS),
    }
}

/// `GET /diem-ban.csv`: the OCOP points of sale as CSV, headed in the reader's language.
pub async fn sale_points_csv(State(state): State<ServerState>, Extension(req): Extension<RequestInfo>) -> Response {
    let table = match app::backend::services::sale_points::table(&state.app, req.lang).await {
        Ok(t) => t,
        Err(e) => return refusal(e, req.lang, paths::SALE_POINTS),
    };
    match csv_bytes(&table) {
        Ok(bytes) => open_data(bytes, "text/csv; charset=utf-8", Some("diem-ban-ocop.csv")),
        Err(e) => refusal(
            ServiceError::Server(app::backend::ServerError::Config(e)),
            req.lang,
            paths::SALE_POINTS,
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn producer_written_cells_cannot_become_formulas() {
        let table = vec![
            vec!["Tổ chức".to_string(), "Ghi chú".to_string(), "Điện thoại".to_string()],
            vec![
                "=HYPERLINK(\"https://evil.example\",\"Bấm\")".to_string(),
                "@SUM(1+1)".to_string(),
                "+84 905 123 456".to_string(),
            ],
            vec!["-2+3".to_string(), "\tcmd".to_string(), "Cà phê Ea Kly".to_string()],
        ];
        let bytes = csv_bytes(&table).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            rows[0],
            [
                "'=HYPERLINK(\"https://evil.example\",\"Bấm\")",
                "'@SUM(1+1)",
                "'+84 905 123 456"
            ]
        );
        assert_eq!(rows[1], ["'-2+3", "'\tcmd", "Cà phê Ea Kly"]);
        assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF], "the byte-order mark stays");
    }
}
