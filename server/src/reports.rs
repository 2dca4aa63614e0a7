//! The results report of an event and the summary of a year, written three ways from one
//! `Report` (`app::backend::services::reports`): an editable .docx in the form of a Vietnamese
//! administrative document (Decree 30/2020/NĐ-CP: national heading, agency, number, place and
//! date, recipients, signature block; Times New Roman 14 pt on A4 with its margins), written with
//! docx-rs; its annex as an .xlsx workbook (rust_xlsxwriter, numbers as numbers); and a page
//! ready to print or save as PDF.
//!
//! `/can-bo/su-kien/{id}/bao-cao` (.docx, .xlsx beside it) and `/can-bo/bao-cao/{year}` (the same).

use axum::{
    extract::{Extension, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
};

use crate::{
    answer::{esc, refusal},
    ServerState,
};
use app::backend::{
    auth::RequestInfo,
    services::{
        reports::{self, BudgetRow, DealRow, FigureRow, Report},
        ServiceError,
    },
    ServerError,
};
use app::domain::paths;

/// The three ways a report is written, from the last segment of its address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    Docx,
    Xlsx,
    Page,
}

fn split(file: &str) -> (&str, Written) {
    if let Some(stem) = file.strip_suffix(".docx") {
        (stem, Written::Docx)
    } else if let Some(stem) = file.strip_suffix(".xlsx") {
        (stem, Written::Xlsx)
    } else {
        (file, Written::Page)
    }
}

fn answer(report: Report, written: Written, back: &str, lang: app::domain::Lang) -> Response {
    let made = match written {
        Written::Docx => docx(&report).map(|b| {
            (
                b,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            )
        }),
        Written::Xlsx => xlsx(&report).map(|b| {
            (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        }),
        Written::Page => {
            let mut res = Html(page(&report)).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            return res;
        }
    };
    match made {
        Ok((bytes, content_type, ext)) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}.{ext}\"", report.file_stem)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => refusal(ServiceError::Server(ServerError::Config(e)), lang, back),
    }
}

/// `/can-bo/su-kien/{id}/{bao-cao | bao-cao.docx | bao-cao.xlsx}`
pub async fn event(
    State(state): State<ServerState>,
    Extension(req): Extension<RequestInfo>,
    Path(id): Path<String>,
    uri: axum::http::Uri,
) -> Response {
    let (_, written) = split(uri.path().rsplit('/').next().unwrap_or_default());
    let Ok(event_id) = id.parse::<i64>() else {
        return refusal(ServiceError::NotFound, req.lang, paths::STAFF_EVENTS);
    };
    let back = paths::outcomes(event_id);
    match reports::event_report(&state.app, &req, event_id).await {
        Ok(report) => answer(report, written, &back, req.lang),
        Err(e) => refusal(e, req.lang, &back),
    }
}

/// `/can-bo/bao-cao/{2026 | 2026.docx | 2026.xlsx}`
pub async fn year(
    State(state): State<ServerState>,
    Extension(req): Extension<RequestInfo>,
    Path(file): Path<String>,
) -> Response {
    let (stem, written) = split(&file);
    let Ok(year) = stem.parse::<i32>() else {
        return refusal(ServiceError::NotFound, req.lang, paths::STAFF);
    };
    match reports::year_report(&state.app, &req, year).await {
        Ok(report) => answer(report, written, paths::STAFF, req.lang),
        Err(e) => refusal(e, req.lang, paths::STAFF),
    }
}

const FIGURE_HEADER: [&str; 6] = [
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Thực hiện",
    "Tỷ lệ (%)",
    "Tình trạng",
];
const EVENT_HEADER: [&str; 4] = ["Sự kiện", "Loại", "Thời gian", "Trạng thái"];
/// The participants' columns; the last is the report's own (booths, or the year's events).
fn participant_header(r: &Report) -> [&'static str; 6] {
    [
        "Đơn vị",
        "Mã số thuế",
        "Xã, phường",
        "Hạng OCOP",
        "Sản phẩm",
        r.took_part,
    ]
}

const BUDGET_HEADER: [&str; 5] = [
    "Khoản chi",
    "Nguồn kinh phí",
    "Kế hoạch (đồng)",
    "Đã cam kết (đồng)",
    "Đã chi (đồng)",
];
const DEAL_HEADER: [&str; 10] = [
    "Loại",
    "Đơn vị",
    "Bên ký kết",
    "Loại đối tác",
    "Tỉnh, thành / quốc gia",
    "Sản phẩm",
    "Nhóm sản phẩm",
    "Giá trị (đồng)",
    "Ngày ký",
    "Sự kiện",
];

fn budget_cells(b: &BudgetRow) -> Vec<String> {
    let g = |v: i64| app::domain::outcomes::grouped(v, app::domain::Lang::Vi);
    vec![
        b.cost_line.clone(),
        b.funding.clone(),
        g(b.planned),
        g(b.committed),
        g(b.paid),
    ]
}

/// The budget's total line.
fn budget_total(rows: &[BudgetRow]) -> BudgetRow {
    let sum = |f: fn(&BudgetRow) -> i64| rows.iter().map(f).fold(0_i64, i64::saturating_add);
    BudgetRow {
        cost_line: "Tổng cộng".into(),
        funding: String::new(),
        planned: sum(|b| b.planned),
        committed: sum(|b| b.committed),
        paid: sum(|b| b.paid),
    }
}

/// Where `deal_cells` puts the value, written as a number in the annex.
const DEAL_VALUE_COLUMN: u16 = 7;

fn deal_cells(d: &DealRow) -> Vec<String> {
    vec![
        d.kind.clone(),
        d.producer.clone(),
        d.counterparty.clone(),
        d.counterparty_type.clone(),
        d.place.clone(),
        d.product.clone(),
        d.product_group.clone(),
        app::domain::outcomes::grouped(d.value_vnd, app::domain::Lang::Vi),
        d.signed.clone(),
        d.event.clone(),
    ]
}

fn figure_cells(f: &FigureRow) -> [String; 6] {
    [
        f.name.clone(),
        if f.money { "đồng".into() } else { f.unit.clone() },
        f.target
            .map(|v| app::domain::outcomes::grouped(v, app::domain::Lang::Vi))
            .unwrap_or_default(),
        match (f.actual, &f.text) {
            (Some(v), _) => app::domain::outcomes::grouped(v, app::domain::Lang::Vi),
            (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        },
        f.rate().map(|r| r.to_string()).unwrap_or_default(),
        f.state().to_string(),
    ]
}

/// The annex: one sheet per table, numbers as numbers, headers bold and frozen.
fn xlsx(r: &Report) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let header = |sheet: &mut Worksheet, names: &[&str]| -> Result<(), String> {
        for (c, name) in (0u16..).zip(names) {
            sheet.write_string_with_format(0, c, *name, &bold).map_err(e)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(e)?;
        Ok(())
    };
    let sheet = book.add_worksheet();
    sheet.set_name("Chi tieu").map_err(e)?;
    header(sheet, &FIGURE_HEADER)?;
    for (row, f) in (1u32..).zip(&r.figures) {
        sheet.write_string(row, 0, &f.name).map_err(e)?;
        sheet
            .write_string(row, 1, if f.money { "đồng" } else { &f.unit })
            .map_err(e)?;
        #[allow(clippy::cast_precision_loss)]
        for (col, v) in [(2u16, f.target), (3, f.actual), (4, f.rate())] {
            if let Some(v) = v {
                sheet.write_number(row, col, v as f64).map_err(e)?;
            }
        }
        if let (None, Some(t)) = (f.actual, &f.text) {
            sheet.write_string(row, 3, t).map_err(e)?;
        }
        sheet.write_string(row, 5, f.state()).map_err(e)?;
    }
    sheet.autofit();
    if !r.events.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Su kien").map_err(e)?;
        header(sheet, &EVENT_HEADER)?;
        for (row, ev) in (1u32..).zip(&r.events) {
            for (col, v) in (0u16..).zip([&ev.title, &ev.kind, &ev.dates, &ev.status]) {
                sheet.write_string(row, col, crate::exports::inert(v)).map_err(e)?;
            }
        }
        sheet.autofit();
    }
    if !r.participants.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Don vi tham gia").map_err(e)?;
        header(sheet, &participant_header(r))?;
        for (row, p) in (1u32..).zip(&r.participants) {
            for (col, v) in (0u16..).zip([&p.name, &p.tax_code, &p.commune, &p.stars, &p.products, &p.took_part]) {
                sheet.write_string(row, col, crate::exports::inert(v)).map_err(e)?;
            }
        }
        sheet.autofit();
    }
    if !r.budget.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Kinh phi").map_err(e)?;
        header(sheet, &BUDGET_HEADER)?;
        let total = budget_total(&r.budget);
        for (row, b) in (1u32..).zip(r.budget.iter().chain([&total])) {
            sheet.write_string(row, 0, &b.cost_line).map_err(e)?;
            sheet.write_string(row, 1, &b.funding).map_err(e)?;
            #[allow(clippy::cast_precision_loss)]
            for (col, v) in [(2u16, b.planned), (3, b.committed), (4, b.paid)] {
                sheet.write_number(row, col, v as f64).map_err(e)?;
            }
        }
        sheet.autofit();
    }
    if !r.deals.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Hop dong").map_err(e)?;
        header(sheet, &DEAL_HEADER)?;
        for (row, d) in (1u32..).zip(&r.deals) {
            for (col, v) in (0u16..).zip(deal_cells(d)) {
                if col == DEAL_VALUE_COLUMN {
                    #[allow(clippy::cast_precision_loss)]
                    sheet.write_number(row, col, d.value_vnd as f64).map_err(e)?;
                } else {
                    sheet.write_string(row, col, crate::exports::inert(&v)).map_err(e)?;
                }
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer().map_err(e)
}

/// The report as an editable Word document in the administrative form.
fn docx(r: &Report) -> Result<Vec<u8>, String> {
    use docx_rs::{
        AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableBorders, TableCell,
        TableRow, WidthType,
    };
    const TNR: &str = "Times New Roman";
    // sizes in half-points; lengths in twentieths of a point (1 cm = 567)
    let p = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let centred = |text: &str, bold: bool| {
        let run = Run::new().add_text(text);
        Paragraph::new()
            .add_run(if bold { run.bold() } else { run })
            .align(AlignmentType::Center)
    };
    let cell = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs
            .into_iter()
            .fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
    };
    // the heading: agency on the left, the national motto on the right, no borders
    let heading = Table::new(vec![TableRow::new(vec![
        cell(
            vec![
                centred(r.agency_parent, false),
                centred(r.agency, true),
                centred("", false),
                centred(r.number, false),
            ],
            3800,
        ),
        cell(
            vec![
                centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true),
                centred("Độc lập - Tự do - Hạnh phúc", true),
                centred("", false),
                Paragraph::new()
                    .add_run(Run::new().add_text(&r.place_date).italic())
                    .align(AlignmentType::Center),
            ],
            5600,
        ),
    ])])
    .set_borders(TableBorders::new().clear_all());
    let grid = |header: &[&str], rows: Vec<Vec<String>>| {
        let head = TableRow::new(
            header
                .iter()
                .map(|h| {
                    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(*h).bold().size(24)))
                })
                .collect(),
        );
        let body = rows.into_iter().map(|row| {
            TableRow::new(
                row.iter()
                    .map(|v| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(v).size(24))))
                    .collect(),
            )
        });
        Table::new(std::iter::once(head).chain(body).collect()).width(9400, WidthType::Dxa)
    };
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1871).right(1077))
        .default_fonts(RunFonts::new().ascii(TNR).hi_ansi(TNR).east_asia(TNR).cs(TNR))
        .default_size(28)
        .add_table(heading)
        .add_paragraph(p(""))
        .add_paragraph(centred("BÁO CÁO", true))
        .add_paragraph(centred(&r.subject, true))
        .add_paragraph(p(""));
    let body = |text: &str| {
        Paragraph::new()
            .add_run(Run::new().add_text(text))
            .align(AlignmentType::Both)
            .indent(None, Some(docx_rs::SpecialIndentType::FirstLine(567)), None, None)
            .line_spacing(LineSpacing::new().after(120))
    };
    for line in &r.intro {
        doc = doc.add_paragraph(body(line));
    }
    doc = doc
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("1. Kết quả đạt được").bold()))
        .add_table(grid(
            &FIGURE_HEADER,
            r.figures.iter().map(|f| figure_cells(f).to_vec()).collect(),
        ));
    let mut section = 2;
    if !r.events.is_empty() {
        doc = doc
            .add_paragraph(p(""))
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(format!("{section}. Các sự kiện trong năm")).bold()),
            )
            .add_table(grid(
                &EVENT_HEADER,
                r.events
                    .iter()
                    .map(|e| vec![e.title.clone(), e.kind.clone(), e.dates.clone(), e.status.clone()])
                    .collect(),
            ));
        section += 1;
    }
    if !r.participants.is_empty() {
        doc = doc.add_paragraph(p("")).add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!(
                        "{section}. Đơn vị tham gia: {} đơn vị (chi tiết tại phụ lục).",
                        r.participants.len()
                    ))
                    .bold(),
            ),
        );
    }
    if !r.participants.is_empty() {
        section += 1;
    }
    if !r.deals.is_empty() {
        let value = r.deals.iter().map(|d| d.value_vnd).fold(0_i64, i64::saturating_add);
        doc = doc.add_paragraph(p("")).add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!(
                        "{section}. Hợp đồng, biên bản ghi nhớ: {} bản, tổng giá trị {} đồng (chi tiết tại phụ lục).",
                        r.deals.len(),
                        app::domain::outcomes::grouped(value, app::domain::Lang::Vi)
                    ))
                    .bold(),
            ),
        );
        section += 1;
    }
    if !r.budget.is_empty() {
        let total = budget_total(&r.budget);
        doc = doc
            .add_paragraph(p(""))
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(format!("{section}. Kinh phí thực hiện")).bold()),
            )
            .add_table(grid(
                &BUDGET_HEADER,
                r.budget.iter().chain([&total]).map(budget_cells).collect(),
            ));
    }
    // recipients on the left, the signature block on the right
    let mut recipients = vec![Paragraph::new().add_run(Run::new().add_text("Nơi nhận:").bold().italic().size(24))];
    recipients.extend(
        r.recipients
            .iter()
            .map(|line| Paragraph::new().add_run(Run::new().add_text(format!("- {line}")).size(22))),
    );
    let signature = vec![
        centred(r.signer, true),
        centred("", false),
        centred("", false),
        centred("", false),
    ];
    doc = doc.add_paragraph(p("")).add_table(
        Table::new(vec![TableRow::new(vec![cell(recipients, 4700), cell(signature, 4700)])])
            .set_borders(TableBorders::new().clear_all()),
    );
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn html_table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in header {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for v in row {
            out.push_str(&format!("<td>{}</td>", esc(&v)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The report as a page to print (or save as PDF): the same layout, A4, Times New Roman.
fn page(r: &Report) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<header class=\"doc-head\"><div><p>{}</p><p><strong>{}</strong></p><p>{}</p></div>\
         <div><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p><p><strong>Độc lập - Tự do - Hạnh phúc</strong></p><p><em>{}</em></p></div></header>",
        esc(r.agency_parent),
        esc(r.agency),
        esc(r.number),
        esc(&r.place_date)
    ));
    body.push_str(&format!("<h1>BÁO CÁO<br>{}</h1>", esc(&r.subject)));
    for line in &r.intro {
        body.push_str(&format!("<p class=\"para\">{}</p>", esc(line)));
    }
    body.push_str("<h2>1. Kết quả đạt được</h2>");
    body.push_str(&html_table(
        &FIGURE_HEADER,
        r.figures.iter().map(|f| figure_cells(f).to_vec()),
    ));
    let mut section = 2;
    if !r.events.is_empty() {
        body.push_str(&format!("<h2>{section}. Các sự kiện trong năm</h2>"));
        body.push_str(&html_table(
            &EVENT_HEADER,
            r.events
                .iter()
                .map(|e| vec![e.title.clone(), e.kind.clone(), e.dates.clone(), e.status.clone()]),
        ));
        section += 1;
    }
    if !r.participants.is_empty() {
        body.push_str(&format!(
            "<h2 id=\"{}\">{section}. Đơn vị tham gia ({} đơn vị)</h2>",
            app::domain::paths::PARTICIPANTS_ANCHOR,
            r.participants.len()
        ));
        body.push_str(&html_table(
            &participant_header(r),
            r.participants.iter().map(|p| {
                vec![
                    p.name.clone(),
                    p.tax_code.clone(),
                    p.commune.clone(),
                    p.stars.clone(),
                    p.products.clone(),
                    p.took_part.clone(),
                ]
            }),
        ));
    }
    if !r.participants.is_empty() {
        section += 1;
    }
    if !r.deals.is_empty() {
        body.push_str(&format!(
            "<h2>{section}. Hợp đồng, biên bản ghi nhớ ({} bản)</h2>",
            r.deals.len()
        ));
        body.push_str(&html_table(&DEAL_HEADER, r.deals.iter().map(deal_cells)));
        section += 1;
    }
    if !r.budget.is_empty() {
        let total = budget_total(&r.budget);
        body.push_str(&format!("<h2>{section}. Kinh phí thực hiện</h2>"));
        body.push_str(&html_table(
            &BUDGET_HEADER,
            r.budget.iter().chain([&total]).map(budget_cells),
        ));
    }
    body.push_str("<footer class=\"doc-foot\"><div><p><strong><em>Nơi nhận:</em></strong></p>");
    for line in &r.recipients {
        body.push_str(&format!("<p>- {}</p>", esc(line)));
    }
    body.push_str(&format!(
        "</div><div class=\"sign\"><p><strong>{}</strong></p></div></footer>",
        esc(r.signer)
    ));
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/report.css\"></head><body>\
         <p class=\"no-print\"><a href=\"{stem}.docx\" download>Tải .docx</a> · <a href=\"{stem}.xlsx\" download>Tải phụ lục .xlsx</a></p>\
         <main class=\"document\">{body}</main></body></html>",
        esc(&r.subject),
        stem = esc(&r.href_stem),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_address_says_how_a_report_is_written() {
        assert_eq!(split("bao-cao.docx"), ("bao-cao", Written::Docx));
        assert_eq!(split("2026.xlsx"), ("2026", Written::Xlsx));
        assert_eq!(split("bao-cao"), ("bao-cao", Written::Page));
    }
}
