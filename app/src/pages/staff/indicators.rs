//! The indicators events are measured by (`/can-bo/chi-tieu`): every one with what it applies to
//! and where its figures come from, and a form to add one. A lazy route; a plain form without
//! JavaScript.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::domain::paths;
use crate::{
    api::indicators::{get_indicators, AddIndicator},
    components::form::{field_error, row_input as input, row_select as select, Answer, FormError},
    context::use_lang,
    domain::{account::Role, indicators::IndicatorsPage, EventFormat, EventKind},
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page, query},
    },
};

lazy_page!(IndicatorsRoute, IndicatorsGuard);

#[component]
fn IndicatorsGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Indicators /> }.into_any())
}

#[component]
fn Indicators() -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddIndicator>::new();
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(move || done.get(), |_| get_indicators());
    let saved_flag = query("da-luu");
    let saved = move || matches!(add.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Chỉ tiêu đánh giá sự kiện", "Indicators");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        <p class="hint">{lang.tr(
            "Mỗi sự kiện được đặt chỉ tiêu và ghi kết quả theo các chỉ tiêu phù hợp với loại và hình thức của nó. Chỉ tiêu mới do cán bộ nhập số liệu.",
            "Each event gets targets and outcomes for the indicators of its kind and format. Figures of a new indicator are entered by staff.",
        )}</p>
        {move || saved().then(|| view! { <p class="notice success" role="status" id="indicator-saved">{lang.tr("Đã thêm chỉ tiêu.", "Indicator added.")}</p> })}
        <AddForm add />
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <List page /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddForm(add: ServerAction<AddIndicator>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<String> = Signal::from(add.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let measures: Vec<(String, String)> = [
        ("count", lang.tr("Số lượng", "Count")),
        ("money", lang.tr("Số tiền (đồng)", "Amount (VND)")),
        ("minutes", lang.tr("Số phút", "Minutes")),
        (
            "text",
            lang.tr("Chữ (nền tảng, đường dẫn, tên)", "Text (platform, link, name)"),
        ),
    ]
    .map(|(code, label)| (code.to_string(), label.to_string()))
    .to_vec();
    let boxes = |group: &'static str, items: Vec<(&'static str, &'static str)>| {
        items
            .into_iter()
            .map(|(code, label)| {
                view! { <label class="check"><input type="checkbox" name=format!("form[{group}][{code}]") value="on" />" "{label}</label> }
            })
            .collect_view()
    };
    let kinds = boxes(
        "kinds",
        EventKind::ALL.iter().map(|k| (k.code(), k.label(lang))).collect(),
    );
    let formats = boxes(
        "formats",
        EventFormat::ALL.iter().map(|f| (f.code(), f.label(lang))).collect(),
    );
    view! {
        <section aria-labelledby="add-indicator-h" class="narrow">
            <h2 id="add-indicator-h">{lang.tr("Thêm chỉ tiêu", "Add an indicator")}</h2>
            <ActionForm action=add attr:id="indicator-form" attr:class="form" attr:novalidate="">
                <FormError answer />
                <div class="row-fields">
                    {input("[name_vi]".into(), lang.tr("Tên chỉ tiêu", "Name (Vietnamese)").into(), String::new(), err("name_vi"), "text")}
                    {input("[name_en]".into(), lang.tr("Tên tiếng Anh", "Name (English)").into(), String::new(), err("name_en"), "text")}
                    {select("[measure]".into(), lang.tr("Cách đo", "Measured as").into(), measures, "count".into(), err("measure"))}
                    {input("[unit_vi]".into(), lang.tr("Đơn vị tính (ví dụ lượt, gian)", "Unit (Vietnamese)").into(), String::new(), err("unit_vi"), "text")}
                    {input("[unit_en]".into(), lang.tr("Đơn vị tính tiếng Anh", "Unit (English)").into(), String::new(), err("unit_en"), "text")}
                </div>
                <fieldset class="choices">
                    <legend>{lang.tr("Áp dụng cho loại sự kiện (không chọn: mọi loại)", "For events of the kinds (none: every kind)")}</legend>
                    {kinds}
                    <p class="field-error">{move || err("kinds").get()}</p>
                </fieldset>
                <fieldset class="choices">
                    <legend>{lang.tr("Hình thức (không chọn: mọi hình thức)", "Formats (none: every format)")}</legend>
                    {formats}
                    <p class="field-error">{move || err("formats").get()}</p>
                </fieldset>
                <label class="check"><input type="checkbox" name="form[headline]" value="on" />" "{lang.tr("Chỉ tiêu chính (hiện trong kết quả công khai)", "Headline (shown in the public results)")}</label>
                <p class="field-error" id="f-headline-msg">{move || err("headline").get()}</p>
                <p class="actions">
                    <button type="submit" class="button" disabled=move || add.pending().get()>{lang.tr("Thêm chỉ tiêu", "Add the indicator")}</button>
                </p>
            </ActionForm>
        </section>
    }
}

#[component]
fn List(page: IndicatorsPage) -> impl IntoView {
    let lang = use_lang();
    let rows = page
        .lines
        .into_iter()
        .map(|l| {
            let unit = (!l.unit.is_empty()).then(|| format!(" ({})", l.unit));
            view! {
                <tr class:headline=l.headline id=format!("indicator-{}", l.code)>
                    <th scope="row">{l.name}{unit}</th>
                    <td>{l.measure}</td>
                    <td>{l.applies}</td>
                    <td>{l.source}</td>
                    <td>{if l.headline { lang.tr("Có", "Yes") } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="indicators-h">{lang.tr("Các chỉ tiêu", "The indicators")}</h2>
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby="indicators-h">
            <table class="table indicators">
                <thead><tr>
                    <th scope="col">{lang.tr("Chỉ tiêu", "Indicator")}</th>
                    <th scope="col">{lang.tr("Cách đo", "Measured as")}</th>
                    <th scope="col">{lang.tr("Áp dụng cho", "Applies to")}</th>
                    <th scope="col">{lang.tr("Nguồn số liệu", "Figures from")}</th>
                    <th scope="col">{lang.tr("Chỉ tiêu chính", "Headline")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
