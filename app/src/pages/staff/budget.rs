//! The money: an event's budget by cost line and funding source
//! (`/can-bo/su-kien/{id}/kinh-phi`) and the year's plan with its decision and every event's
//! targets and budget (`/can-bo/ke-hoach?nam=2026`). Lazy routes; plain forms without JavaScript.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::domain::paths;
use crate::{
    api::budget::{get_budget, get_plan, SaveBudget, SavePlan},
    components::form::{field_error, row_input as input, row_select as select, Answer, FormError},
    context::use_lang,
    domain::{
        account::Role,
        booths::money,
        budget::{Amounts, BudgetPage, CostLine, Funding, PlanFilter, PlanPage},
        time, Lang,
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, id_param, lazy_page, query},
    },
};

lazy_page!(BudgetRoute, BudgetGuard);
lazy_page!(PlanRoute, PlanGuard);

#[component]
fn BudgetGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Budget /> }.into_any())
}

#[component]
fn PlanGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Plan /> }.into_any())
}

/// A table of amounts by a key (a funding source, a cost line), with its total.
fn amounts_table<K: Copy + Send + Sync + 'static>(
    id: &'static str,
    heading: &'static str,
    rows: Vec<(K, Amounts)>,
    label: impl Fn(K) -> &'static str,
    total: Amounts,
    lang: Lang,
) -> AnyView {
    if rows.is_empty() {
        return ().into_any();
    }
    let cells = move |a: Amounts| {
        view! {
            <td class="num">{money(a.planned, lang)}</td>
            <td class="num">{money(a.committed, lang)}</td>
            <td class="num">{money(a.paid, lang)}</td>
        }
    };
    let body = rows
        .into_iter()
        .map(|(k, a)| view! { <tr><th scope="row">{label(k)}</th>{cells(a)}</tr> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby=format!("{id}-h")>
            <table class="table amounts" id=id>
                <caption id=format!("{id}-h")>{heading}</caption>
                <thead><tr>
                    <th scope="col">""</th>
                    <th scope="col">{lang.tr("Kế hoạch", "Planned")}</th>
                    <th scope="col">{lang.tr("Đã cam kết", "Committed")}</th>
                    <th scope="col">{lang.tr("Đã chi", "Paid")}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr><th scope="row">{lang.tr("Tổng cộng", "Total")}</th>{cells(total)}</tr></tfoot>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Budget() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let save = ServerAction::<SaveBudget>::new();
    // a refused budget keeps what was typed: the page is fetched again only after a success
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(move || (id.get(), done.get()), |(id, _)| get_budget(id));
    let saved_flag = query("da-luu");
    let saved = move || matches!(save.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Kinh phí sự kiện", "Event budget");
    view! {
        <Title text=title />
        <p class="back"><a href=move || paths::staff_event(id.get())>{lang.tr("← Sự kiện", "← Event")}</a></p>
        <h1>{title}</h1>
        {move || saved().then(|| view! { <p class="notice success" role="status" id="budget-saved">{lang.tr("Đã lưu kinh phí.", "Budget saved.")}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <BudgetView page save /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BudgetView(page: BudgetPage, save: ServerAction<SaveBudget>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(save.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let cost_lines: Vec<(String, String)> = std::iter::once(("", lang.tr("— Chọn khoản chi —", "— Choose —")))
        .chain(
            CostLine::ALL
                .iter()
                .filter(|c| **c != CostLine::Support)
                .map(|c| (c.code(), c.label(lang))),
        )
        .map(|(code, label)| (code.to_string(), label.to_string()))
        .collect();
    let sources: Vec<(String, String)> = Funding::ALL
        .iter()
        .map(|f| (f.code().to_string(), f.label(lang).to_string()))
        .collect();
    let rows = page
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let key = l.key.clone();
            let n = |part: &str| format!("[lines][{key}][{part}]");
            let e = |part: &str| err(&format!("lines[{key}][{part}]"));
            let legend = if l.key.starts_with('l') {
                format!("{} {}", lang.tr("Khoản chi", "Line"), i + 1)
            } else {
                lang.tr("Thêm khoản chi", "Add a line").to_string()
            };
            let v = l.input.clone();
            view! {
                <fieldset class="row-group budget-line">
                    <legend>{legend}</legend>
                    <div class="row-fields">
                        {select(n("cost_line"), lang.tr("Khoản chi", "Cost line").into(), cost_lines.clone(), v.cost_line, e("cost_line"))}
                        {select(n("funding"), lang.tr("Nguồn kinh phí", "Funding source").into(), sources.clone(), v.funding, e("funding"))}
                        {input(n("planned"), lang.tr("Kế hoạch (đồng)", "Planned (VND)").into(), v.planned, e("planned"), "number")}
                        {input(n("committed"), lang.tr("Đã cam kết (đồng)", "Committed (VND)").into(), v.committed, e("committed"), "number")}
                        {input(n("paid"), lang.tr("Đã chi (đồng)", "Paid (VND)").into(), v.paid, e("paid"), "number")}
                        {input(n("note"), lang.tr("Ghi chú", "Note").into(), v.note, e("note"), "text")}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let support_note = format!(
        "{} {} {}; {} {}.",
        lang.tr("Đã cam kết", "Committed"),
        money(page.support.committed, lang),
        match lang {
            Lang::Vi => format!("cho {} hồ sơ được duyệt", page.supported),
            Lang::En => format!("to {} approved applications", page.supported),
        },
        lang.tr(
            "đã chi (doanh nghiệp đã nộp phần đối ứng)",
            "paid (the producer has paid its share)"
        ),
        money(page.support.paid, lang),
    );
    let total = page.total;
    view! {
        <p class="lead"><strong>{page.title.clone()}</strong>" · "{page.dates.clone()}</p>
        <p class="hint">{lang.tr(
            "Tiền tính bằng đồng, số nguyên. Mỗi khoản chi và nguồn kinh phí một dòng; xóa hết số và ghi chú của một dòng để bỏ dòng đó.",
            "Money in whole đồng. One row per cost line and funding source; empty a row's amounts and note to remove it.",
        )}</p>
        <p>
            <a href=paths::outcomes(page.event_id)>{lang.tr("Chỉ tiêu và kết quả", "Targets and outcomes")}</a>" · "
            <a href=paths::plan(page.year)>{match lang { Lang::Vi => format!("Kế hoạch năm {}", page.year), Lang::En => format!("Plan {}", page.year) }}</a>
        </p>
        {amounts_table("budget-by-funding", lang.tr("Theo nguồn kinh phí", "By funding source"), page.by_funding.clone(), move |f: Funding| f.label(lang), total, lang)}
        <ActionForm action=save attr:id="budget-form" attr:class="form" attr:novalidate="">
            <input type="hidden" name="event_id" value=page.event_id.to_string() />
            <FormError answer />
            <fieldset class="row-group budget-support">
                <legend>{CostLine::Support.label(lang)}</legend>
                <p class="hint" id="budget-support-computed">{support_note}</p>
                <div class="row-fields">
                    {select("[support_funding]".into(), lang.tr("Nguồn kinh phí", "Funding source").into(), sources.clone(), page.support_funding.clone(), err("support_funding"))}
                    {input("[support_planned]".into(), lang.tr("Kế hoạch (đồng)", "Planned (VND)").into(), page.support_planned.clone(), err("support_planned"), "number")}
                </div>
            </fieldset>
            {rows}
            <p class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{lang.tr("Lưu kinh phí", "Save the budget")}</button>
            </p>
        </ActionForm>
    }
}

#[component]
fn Plan() -> impl IntoView {
    let lang = use_lang();
    let year = query("nam");
    let save = ServerAction::<SavePlan>::new();
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let asked = Memo::new(move |_| {
        year.get()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| time::YEARS.contains(y))
    });
    let data = page_data(move || (asked.get(), done.get()), |(y, _)| get_plan(y));
    let saved_flag = query("da-luu");
    let saved = move || matches!(save.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Kế hoạch xúc tiến thương mại", "Trade promotion plan");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        {move || saved().then(|| view! { <p class="notice success" role="status" id="plan-saved">{lang.tr("Đã lưu kế hoạch.", "Plan saved.")}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <PlanView page save /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanView(page: PlanPage, save: ServerAction<SavePlan>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(save.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let year = page.year;
    let years = page
        .years
        .iter()
        .map(|&y| {
            let current = (y == year).then_some("page");
            view! { <li><a href=paths::plan(y) aria-current=current>{y}</a></li> }
        })
        .collect_view();
    let f = page.form.clone();
    let over = page
        .approved_vnd
        .filter(|a| page.total.planned > *a)
        .map(|a| page.total.planned - a);
    let approved = match (page.approved_vnd, &page.decision) {
        (Some(a), _) => format!(
            "{} {}. {} {}.",
            lang.tr("Kinh phí được duyệt:", "Approved budget:"),
            money(a, lang),
            lang.tr("Dự toán các sự kiện:", "The events' planned budgets:"),
            money(page.total.planned, lang)
        ),
        (None, _) => format!(
            "{} {}.",
            lang.tr("Dự toán các sự kiện:", "The events' planned budgets:"),
            money(page.total.planned, lang)
        ),
    };
    // narrowed to the events behind a bar of the dashboard; the address alone says which, so a
    // link back to every event needs no new data
    let (kind, format, month) = (query("loai"), query("hinh-thuc"), query("thang"));
    let filter = Memo::new(move |_| PlanFilter::new(&kind.get(), &format.get(), &month.get()));
    let all = page.events.clone();
    let narrowed = move || {
        let filter = filter.get();
        (!filter.is_empty()).then(|| {
            let shown = all.iter().filter(|e| filter.matches(e)).count();
            view! {
                <p class="notice" id="plan-filter">
                    {format!("{} {} ({shown}). ", lang.tr("Các sự kiện:", "Events:"), filter.describe(lang))}
                    <a href=paths::plan(year)>{lang.tr("Xem tất cả sự kiện trong năm", "See every event of the year")}</a>
                </p>
            }
        })
    };
    let all = page.events.clone();
    let events = move || {
        let filter = filter.get();
        all.iter()
            .filter(|e| filter.matches(e))
            .map(|e| {
                view! {
                    <tr>
                        <th scope="row"><a href=paths::staff_event(e.event_id)>{e.title.clone()}</a></th>
                        <td>{e.kind.clone()}</td>
                        <td>{e.dates.clone()}</td>
                        <td>{e.status.clone()}</td>
                        <td>{e.targets.clone()}</td>
                        <td class="num"><a href=paths::budget(e.event_id)>{money(e.budget.planned, lang)}</a></td>
                        <td class="num">{money(e.budget.paid, lang)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let no_events = page.events.is_empty();
    view! {
        <nav aria-label=lang.tr("Năm", "Year")><ul class="tabs years">{years}</ul></nav>
        <h2 id="plan-h">{f.title.clone()}</h2>
        <p class="lead" id="plan-decision">{page.decision.clone().unwrap_or_else(|| lang.tr("Chưa có quyết định phê duyệt.", "Not yet approved by a decision.").to_string())}</p>
        <p id="plan-budget">{approved}</p>
        {over.map(|o| view! {
            <p class="notice warning" id="plan-over">{format!(
                "{} {}.",
                lang.tr("Dự toán các sự kiện vượt kinh phí được duyệt", "The events' budgets exceed the approved budget by"),
                money(o, lang)
            )}</p>
        })}
        <ul class="reports">
            <li><a href=paths::year_report(year, ".docx") rel="external">{format!("{} {year} (Word)", lang.tr("Báo cáo năm", "Report of"))}</a></li>
            <li><a href=paths::year_report(year, ".xlsx") rel="external">{format!("{} {year} (Excel)", lang.tr("Phụ lục báo cáo năm", "Annex of"))}</a></li>
            <li><a href=paths::year_report(year, "") rel="external">{format!("{} {year}, {}", lang.tr("Báo cáo năm", "Report of"), lang.tr("bản in", "to print"))}</a></li>
        </ul>
        <h2 id="plan-events-h">{lang.tr("Các sự kiện trong năm", "The year's events")}</h2>
        {narrowed}
        {if no_events {
            view! { <p class="empty">{lang.tr("Chưa có sự kiện nào trong năm này.", "No event this year yet.")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="group" aria-labelledby="plan-events-h">
                    <table class="table plan-events">
                        <thead><tr>
                            <th scope="col">{lang.tr("Sự kiện", "Event")}</th>
                            <th scope="col">{lang.tr("Loại", "Kind")}</th>
                            <th scope="col">{lang.tr("Thời gian", "Dates")}</th>
                            <th scope="col">{lang.tr("Tình trạng", "Status")}</th>
                            <th scope="col">{lang.tr("Chỉ tiêu chính", "Main targets")}</th>
                            <th scope="col">{lang.tr("Kinh phí kế hoạch", "Planned budget")}</th>
                            <th scope="col">{lang.tr("Đã chi", "Paid")}</th>
                        </tr></thead>
                        <tbody>{events}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {amounts_table("plan-by-funding", lang.tr("Kinh phí theo nguồn", "Budget by funding source"), page.by_funding.clone(), move |f: Funding| f.label(lang), page.total, lang)}
        {amounts_table("plan-by-line", lang.tr("Kinh phí theo khoản chi", "Budget by cost line"), page.by_cost_line.clone(), move |c: CostLine| c.label(lang), page.total, lang)}
        <h2>{lang.tr("Quyết định phê duyệt kế hoạch", "The plan's approval")}</h2>
        <ActionForm action=save attr:id="plan-form" attr:class="form" attr:novalidate="">
            <input type="hidden" name="year" value=year.to_string() />
            <FormError answer />
            <div class="row-fields">
                {input("[title]".into(), lang.tr("Tên kế hoạch", "Title").into(), f.title, err("title"), "text")}
                {input("[decision_number]".into(), lang.tr("Số quyết định", "Decision number").into(), f.decision_number, err("decision_number"), "text")}
                {input("[decision_date]".into(), lang.tr("Ngày quyết định", "Decision date").into(), f.decision_date, err("decision_date"), "date")}
                {input("[issued_by]".into(), lang.tr("Cơ quan ban hành", "Issued by").into(), f.issued_by, err("issued_by"), "text")}
                {input("[budget]".into(), lang.tr("Kinh phí được duyệt (đồng)", "Approved budget (VND)").into(), f.budget, err("budget"), "number")}
            </div>
            <div class="field">
                <label for="f-plan-note">{lang.tr("Ghi chú", "Note")}</label>
                <textarea id="f-plan-note" name="form[note]" rows="3">{f.note}</textarea>
            </div>
            <p class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{lang.tr("Lưu kế hoạch", "Save the plan")}</button>
            </p>
        </ActionForm>
    }
}
