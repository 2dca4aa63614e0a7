//! The producer's report of its results at an event (`/doanh-nghiep/bao-cao-ket-qua/{event}`):
//! sales, orders, the contracts and MOUs signed, the buyers met, satisfaction and a comment. A
//! lazy route; a plain form without JavaScript. Rows for new deals and contacts are blank rows
//! (two of each, more after each save); emptying a stored row removes it.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::domain::paths;
use crate::{
    api::producer_reports::{get_results_report, SaveResultsReport},
    components::form::{field_error, row_input as input, row_select as select, Answer, FormError},
    context::use_lang,
    domain::{
        account::Role,
        producer_report::{BuyerType, ContactInput, DealInput, DealKind, ReportPage},
        Lang,
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, id_param, lazy_page, query},
    },
};

lazy_page!(ResultsReportRoute, ReportGuard);

/// Blank rows offered for new deals and new contacts.
const BLANK_ROWS: usize = 2;

#[component]
fn ReportGuard() -> impl IntoView {
    guarded(|r| r == Role::Producer, || view! { <Report /> }.into_any())
}

#[component]
fn Report() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let save = ServerAction::<SaveResultsReport>::new();
    // a refused report keeps what was typed: the page is fetched again only after a success
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(move || (id.get(), done.get()), |(id, _)| get_results_report(id));
    let saved_flag = query("da-luu");
    let saved = move || matches!(save.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Báo cáo kết quả tham gia", "Results report");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::MY_APPLICATIONS>{lang.tr("← Hồ sơ của đơn vị", "← Our applications")}</a></p>
        <h1>{title}</h1>
        {move || saved().then(|| view! {
            <p class="notice success" role="status" id="report-saved">
                {lang.tr("Đã gửi báo cáo. Cảm ơn đơn vị!", "Report sent. Thank you!")}
            </p>
        })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <ReportView page save /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(page: ReportPage, save: ServerAction<SaveResultsReport>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(save.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let form = page.form.clone();
    let mut deals: Vec<(String, DealInput)> = form.deals.clone().into_iter().collect();
    let first_new = deals.len();
    deals.extend((0..BLANK_ROWS).map(|k| {
        (
            format!("n{k}"),
            DealInput {
                kind: DealKind::Contract.code().into(),
                counterparty_type: BuyerType::Distributor.code().into(),
                ..Default::default()
            },
        )
    }));
    let stored_contacts = form.contacts.len();
    let mut contacts: Vec<(String, ContactInput)> = form.contacts.clone().into_iter().collect();
    contacts
        .extend((stored_contacts..stored_contacts + BLANK_ROWS).map(|k| (format!("c{k}"), ContactInput::default())));
    let status = match (&page.submitted, page.late) {
        (Some(at), _) => format!(
            "{} {at}.",
            lang.tr("Đơn vị đã gửi báo cáo lúc", "You sent your report at")
        ),
        (None, true) => format!(
            "{} {}. {}",
            lang.tr("Đã quá hạn nộp", "The report was due on"),
            page.due,
            lang.tr("Đơn vị vẫn có thể nộp báo cáo.", "You can still send it.")
        ),
        (None, false) => format!("{} {}.", lang.tr("Hạn nộp báo cáo:", "Due by"), page.due),
    };
    let kinds: Vec<(String, String)> = DealKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), k.label(lang).to_string()))
        .collect();
    let types: Vec<(String, String)> = BuyerType::ALL
        .iter()
        .map(|t| (t.code().to_string(), t.label(lang).to_string()))
        .collect();
    let groups: Vec<(String, String)> =
        std::iter::once((String::new(), lang.tr("— Chưa chọn —", "— Not said —").to_string()))
            .chain(page.groups.iter().cloned())
            .collect();
    let deal_rows = deals
        .into_iter()
        .enumerate()
        .map(|(i, (key, d))| {
            let n = |part: &str| format!("[deals][{key}][{part}]");
            let e = |part: &str| err(&format!("deals[{key}][{part}]"));
            let legend = if i < first_new {
                format!("{} {}", lang.tr("Hợp đồng, biên bản", "Contract or MOU"), i + 1)
            } else {
                lang.tr("Thêm hợp đồng, biên bản mới", "Add a contract or MOU").to_string()
            };
            view! {
                <fieldset class="row-group deal">
                    <legend>{legend}</legend>
                    <div class="row-fields">
                        {select(n("kind"), lang.tr("Loại", "Kind").into(), kinds.clone(), d.kind, e("kind"))}
                        {input(n("counterparty"), lang.tr("Bên ký kết", "Other party").into(), d.counterparty, e("counterparty"), "text")}
                        {select(n("counterparty_type"), lang.tr("Loại đối tác", "Kind of partner").into(), types.clone(), d.counterparty_type, e("counterparty_type"))}
                        {input(n("place"), lang.tr("Tỉnh, thành hoặc quốc gia", "Province or country").into(), d.place, e("place"), "text")}
                        {input(n("product"), lang.tr("Sản phẩm", "Product").into(), d.product, e("product"), "text")}
                        {select(n("product_group"), lang.tr("Nhóm sản phẩm", "Product group").into(), groups.clone(), d.product_group, e("product_group"))}
                        {input(n("value"), lang.tr("Giá trị (đồng)", "Value (VND)").into(), d.value, e("value"), "number")}
                        {input(n("currency"), lang.tr("Ngoại tệ (nếu có, ví dụ USD)", "Foreign currency (if any, e.g. USD)").into(), d.currency, e("currency"), "text")}
                        {input(n("foreign_amount"), lang.tr("Số tiền ngoại tệ", "Amount in that currency").into(), d.foreign_amount, e("foreign_amount"), "number")}
                        {input(n("signed_on"), lang.tr("Ngày ký", "Date signed").into(), d.signed_on, e("signed_on"), "date")}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let contact_rows = contacts
        .into_iter()
        .map(|(key, c)| {
            let n = |part: &str| format!("[contacts][{key}][{part}]");
            let e = |part: &str| err(&format!("contacts[{key}][{part}]"));
            view! {
                <fieldset class="row-group contact">
                    <legend class="sr-only">{lang.tr("Khách hàng", "Buyer")}</legend>
                    <div class="row-fields">
                        {input(n("name"), lang.tr("Người liên hệ", "Contact person").into(), c.name, e("name"), "text")}
                        {input(n("organisation"), lang.tr("Đơn vị", "Organisation").into(), c.organisation, e("organisation"), "text")}
                        {input(n("contact"), lang.tr("Điện thoại hoặc e-mail", "Phone or e-mail").into(), c.contact, e("contact"), "text")}
                        {input(n("note"), lang.tr("Ghi chú", "Note").into(), c.note, e("note"), "text")}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let satisfaction = form.satisfaction.clone();
    let stars = (1..=5)
        .map(|v| {
            let checked = satisfaction == v.to_string();
            view! {
                <label class="check"><input type="radio" name="form[satisfaction]" value=v.to_string() checked=checked />" " {satisfaction_label(v, lang)}</label>
            }
        })
        .collect_view();
    let closed = page.closed;
    view! {
        <p class="lead"><strong>{page.event_title.clone()}</strong>" · "{page.event_dates.clone()}</p>
        <p class="hint" id="report-status">{status}</p>
        {closed.then(|| view! {
            <p class="notice" role="status">
                {lang.tr(
                    "Sở đã xác nhận số liệu của sự kiện nên báo cáo không thể sửa nữa.",
                    "The Department has confirmed the event's figures: the report can no longer change.",
                )}
            </p>
        })}
        <ActionForm action=save attr:id="report-form" attr:class="form" attr:novalidate="">
            <input type="hidden" name="event_id" value=page.event_id.to_string() />
            <FormError answer />
            <fieldset disabled=closed>
                <h2>{lang.tr("Bán hàng tại sự kiện", "Sales at the event")}</h2>
                <div class="row-fields">
                    {input("[sales]".into(), lang.tr("Doanh thu bán hàng (đồng)", "Sales (VND)").into(), form.sales.clone(), err("sales"), "number")}
                    {input("[orders]".into(), lang.tr("Số đơn hàng đã nhận", "Orders taken").into(), form.orders.clone(), err("orders"), "number")}
                </div>
                <h2>{lang.tr("Hợp đồng và biên bản ghi nhớ đã ký", "Contracts and MOUs signed")}</h2>
                <p class="hint">{lang.tr(
                    "Ghi mỗi hợp đồng hoặc biên bản ghi nhớ một dòng. Xóa hết nội dung một dòng để bỏ dòng đó.",
                    "One contract or MOU per row. Empty a row to remove it.",
                )}</p>
                {deal_rows}
                <h2>{lang.tr("Khách hàng đã gặp", "Buyers met")}</h2>
                {contact_rows}
                <h2 id="satisfaction-h">{lang.tr("Mức độ hài lòng với sự kiện", "How satisfied were you with the event?")}</h2>
                <div class="choices" role="radiogroup" aria-labelledby="satisfaction-h">{stars}</div>
                <p class="field-error">{move || err("satisfaction").get()}</p>
                <div class="field">
                    <label for="f-report-comment">{lang.tr("Ý kiến, đề xuất của đơn vị", "Your comments and suggestions")}</label>
                    <textarea id="f-report-comment" name="form[comment]" rows="4">{form.comment.clone()}</textarea>
                </div>
                <p class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {if page.submitted.is_some() { lang.tr("Cập nhật báo cáo", "Update the report") } else { lang.tr("Gửi báo cáo", "Send the report") }}
                    </button>
                </p>
            </fieldset>
        </ActionForm>
    }
}

fn satisfaction_label(v: u8, lang: Lang) -> &'static str {
    match v {
        1 => lang.tr("1 — Không hài lòng", "1 — Not satisfied"),
        2 => lang.tr("2 — Chưa hài lòng", "2 — Hardly satisfied"),
        3 => lang.tr("3 — Bình thường", "3 — Neutral"),
        4 => lang.tr("4 — Hài lòng", "4 — Satisfied"),
        _ => lang.tr("5 — Rất hài lòng", "5 — Very satisfied"),
    }
}
