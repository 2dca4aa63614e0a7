//! What an event achieved: the staff's page of its targets and outcomes
//! (`/can-bo/su-kien/{id}/ket-qua`). A lazy route; every number arrives written out.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::domain::paths;
use crate::{
    api::outcomes::{get_outcomes, ConfirmOutcomes, RemoveEvidence, SaveOutcomes},
    components::form::{field_error, Answer, FormError},
    context::use_lang,
    domain::{
        account::Role,
        outcomes::{EvidenceView, FigureLine, Measure, OutcomesPage, Source},
        producer_report::ReportsSummary,
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, id_param, lazy_page, query},
    },
};

lazy_page!(OutcomesRoute, OutcomesGuard);

#[component]
fn OutcomesGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Outcomes /> }.into_any())
}

#[component]
fn Outcomes() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let save = ServerAction::<SaveOutcomes>::new();
    let confirm = ServerAction::<ConfirmOutcomes>::new();
    let remove = ServerAction::<RemoveEvidence>::new();
    // a refused save keeps what was typed: the page is fetched again only after a success
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        // all read every time (no short circuit): an effect tracks only what it read
        let saved = matches!(save.value().get(), Some(Ok(_)));
        let confirmed = matches!(confirm.value().get(), Some(Ok(_)));
        let removed = matches!(remove.value().get(), Some(Ok(_)));
        if saved || confirmed || removed {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(move || (id.get(), done.get()), |(id, _)| get_outcomes(id));
    let saved_flag = query("da-luu");
    let confirmed_flag = query("da-xac-nhan");
    let notice = move || {
        let saved = matches!(save.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
        let confirmed = matches!(confirm.value().get(), Some(Ok(_))) || !confirmed_flag.get().is_empty();
        if confirmed {
            Some(lang.tr("Đã xác nhận số liệu thực hiện.", "Outcomes confirmed."))
        } else if saved {
            Some(lang.tr("Đã lưu số liệu.", "Figures saved."))
        } else {
            None
        }
    };
    let title = lang.tr("Chỉ tiêu và kết quả", "Targets and outcomes");
    view! {
        <Title text=title />
        <p class="back"><a href=move || paths::staff_event(id.get())>{lang.tr("← Sự kiện", "← Event")}</a></p>
        <h1>{title}</h1>
        {move || notice().map(|m| view! { <p class="notice success" role="status" id="outcomes-saved">{m}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <OutcomesView page save confirm remove /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutcomesView(
    page: OutcomesPage,
    save: ServerAction<SaveOutcomes>,
    confirm: ServerAction<ConfirmOutcomes>,
    remove: ServerAction<RemoveEvidence>,
) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(save.value());
    let confirmed: Answer<u64> = Signal::from(confirm.value());
    let event_id = page.event_id.to_string();
    let confirm_id = event_id.clone();
    let started = page.started;
    let indicators: Vec<(String, String)> = page.lines.iter().map(|l| (l.code.clone(), l.name.clone())).collect();
    let status_note = if page.ended {
        lang.tr(
            "Sự kiện đã kết thúc: nhập số liệu thực hiện rồi bấm «Xác nhận số liệu». Số liệu chưa xác nhận là ước đạt.",
            "The event has ended: record its outcomes, then press «Confirm outcomes». Unconfirmed figures are estimates.",
        )
    } else if page.started {
        lang.tr(
            "Sự kiện đang diễn ra: số liệu thực hiện là ước đạt cho đến khi được xác nhận sau khi kết thúc.",
            "The event is under way: outcomes are estimates until confirmed after it ends.",
        )
    } else {
        lang.tr(
            "Sự kiện chưa diễn ra: đặt chỉ tiêu kế hoạch; số liệu thực hiện được nhập khi sự kiện bắt đầu.",
            "The event has not begun: set its targets; outcomes are recorded once it begins.",
        )
    };
    view! {
        <p class="lead"><strong>{page.title.clone()}</strong>" · "{page.kind.clone()}" · "{page.dates.clone()}</p>
        <p class="hint">{status_note}</p>
        {page.confirmed_note.clone().map(|n| view! { <p class="notice" id="outcomes-confirmed">{n}</p> })}
        <section class="reports" aria-labelledby="reports-h">
            <h2 id="reports-h">{lang.tr("Báo cáo", "Reports")}</h2>
            <ul>
                {page.reports.iter().map(|(href, text)| view! { <li><a href=href.clone() rel="external">{text.clone()}</a></li> }).collect_view()}
            </ul>
        </section>
        <ActionForm action=save attr:id="outcomes-form" attr:class="form" attr:novalidate="">
            <input type="hidden" name="event_id" value=event_id.clone() />
            <FormError answer />
            <div class="table-scroll" tabindex="0">
                <table class="table figures">
                    <thead><tr>
                        <th scope="col">{lang.tr("Chỉ tiêu", "Indicator")}</th>
                        <th scope="col">{lang.tr("Kế hoạch", "Target")}</th>
                        <th scope="col">{lang.tr("Thực hiện", "Outcome")}</th>
                        <th scope="col">{lang.tr("Nguồn", "Source")}</th>
                        <th scope="col">{lang.tr("Tình trạng", "State")}</th>
                    </tr></thead>
                    <tbody>
                        {page.lines.into_iter().map(|line| view! { <Line line answer started /> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{lang.tr("Lưu số liệu", "Save figures")}</button>
            </p>
        </ActionForm>
        <Evidence event_id=page.event_id files=page.evidence.clone() indicators remove />
        <ProducerReports reports=page.producer_reports.clone() />
        <p id="event-leads">{match lang {
            crate::domain::Lang::Vi => format!("Yêu cầu hỏi mua của người mua nêu sự kiện này: {}", page.leads),
            crate::domain::Lang::En => format!("Buyers' inquiries naming this event: {}", page.leads),
        }} " · " <a href=paths::STAFF_INQUIRIES>{lang.tr("Tất cả yêu cầu hỏi mua", "All buyers' inquiries")}</a></p>
        <p>
            <a href=format!("{}?su-kien={}", paths::DEALS, page.event_id)>{lang.tr("Sổ hợp đồng, biên bản ghi nhớ của sự kiện", "The event's contracts and MOUs")}</a>" · "
            <a href=paths::budget(page.event_id)>{lang.tr("Kinh phí của sự kiện", "The event's budget")}</a>" · "
            <a href=paths::INDICATORS>{lang.tr("Thêm chỉ tiêu", "Add an indicator")}</a>
        </p>
        {page.ended.then(move || view! {
            <ActionForm action=confirm attr:id="confirm-form" attr:class="form">
                <input type="hidden" name="event_id" value=confirm_id />
                <FormError answer=confirmed />
                <p class="actions">
                    <button type="submit" class="button secondary" disabled=move || confirm.pending().get()>
                        {lang.tr("Xác nhận số liệu", "Confirm outcomes")}
                    </button>
                </p>
            </ActionForm>
        })}
    }
}

#[component]
fn Line(line: FigureLine, answer: Answer<()>, started: bool) -> impl IntoView {
    let lang = use_lang();
    let target_name = format!("form[target][{}]", line.code);
    let actual_name = format!("form[actual][{}]", line.code);
    let target_error = field_error(answer, format!("target[{}]", line.code));
    let actual_error = field_error(answer, format!("actual[{}]", line.code));
    let label = if line.unit.is_empty() {
        line.name.clone()
    } else {
        format!("{} ({})", line.name, line.unit)
    };
    let numeric = line.measure != Measure::Text;
    let counted = line.source == Source::System;
    let cell = |name: String, value: String, error: Signal<Option<String>>, which: &'static str, said: &'static str| {
        let id = format!("f-{}-{which}", line.code);
        let msg = format!("{id}-msg");
        view! {
            <input
                id=id
                name=name
                value=value
                inputmode=numeric.then_some("numeric")
                aria-label=format!("{label} — {said}")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=msg.clone()
            />
            <span class="field-error" id=msg>{move || error.get()}</span>
        }
    };
    view! {
        <tr class:headline=line.headline>
            <th scope="row">{label.clone()}</th>
            <td>{numeric.then(|| cell(target_name, line.target.clone(), target_error, "target", lang.tr("kế hoạch", "target")))}</td>
            <td>
                {if counted || !started {
                    view! { <span class="figure">{line.actual.clone()}</span> }.into_any()
                } else {
                    cell(actual_name, line.actual.clone(), actual_error, "actual", lang.tr("thực hiện", "outcome")).into_any()
                }}
                {line.summed.clone().map(|s| view! { <span class="hint summed">{s}</span> })}
            </td>
            <td>{line.origin.label(lang)}</td>
            <td>
                {if line.confirmed {
                    lang.tr("Đã xác nhận", "Confirmed")
                } else if line.actual.is_empty() && line.summed.is_none() {
                    ""
                } else {
                    lang.tr("Ước đạt", "Estimate")
                }}
            </td>
        </tr>
    }
}

/// Who has reported, and what: one line per approved application.
#[component]
fn ProducerReports(reports: ReportsSummary) -> impl IntoView {
    let lang = use_lang();
    if reports.expected == 0 {
        return ().into_any();
    }
    let heading = format!(
        "{} ({}/{} {})",
        lang.tr("Báo cáo của doanh nghiệp", "Producers' reports"),
        reports.reported,
        reports.expected,
        lang.tr("đã gửi", "sent")
    );
    let due = reports
        .due
        .clone()
        .map(|d| format!("{} {d}.", lang.tr("Hạn nộp:", "Due by")));
    view! {
        <section class="producer-reports" aria-labelledby="producer-reports-h">
            <h2 id="producer-reports-h">{heading}</h2>
            {due.map(|d| view! { <p class="hint">{d}</p> })}
            <div class="table-scroll" tabindex="0" role="group" aria-labelledby="producer-reports-h">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{lang.tr("Đơn vị", "Producer")}</th>
                        <th scope="col">{lang.tr("Đã gửi", "Sent")}</th>
                        <th scope="col">{lang.tr("Doanh thu", "Sales")}</th>
                        <th scope="col">{lang.tr("Đơn hàng", "Orders")}</th>
                        <th scope="col">{lang.tr("Hợp đồng, BB ghi nhớ", "Contracts, MOUs")}</th>
                        <th scope="col">{lang.tr("Khách hàng", "Buyers met")}</th>
                        <th scope="col">{lang.tr("Hài lòng", "Satisfaction")}</th>
                        <th scope="col">{lang.tr("Ý kiến", "Comment")}</th>
                    </tr></thead>
                    <tbody>
                        {reports.lines.into_iter().map(|l| {
                            let sent = match (&l.submitted, l.late) {
                                (Some(d), false) => d.clone(),
                                (Some(d), true) => format!("{d} ({})", lang.tr("muộn", "late")),
                                (None, true) => lang.tr("Chưa gửi, quá hạn", "Not sent, overdue").to_string(),
                                (None, false) => lang.tr("Chưa gửi", "Not sent").to_string(),
                            };
                            view! {
                                <tr class:missing=l.submitted.is_none()>
                                    <th scope="row">{l.producer}</th>
                                    <td>{sent}</td>
                                    <td class="num">{l.sales}</td>
                                    <td class="num">{l.orders}</td>
                                    <td class="num">{l.deals}</td>
                                    <td class="num">{l.contacts}</td>
                                    <td class="num">{l.satisfaction.map(|s| format!("{s}/5"))}</td>
                                    <td>{l.comment}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The files of evidence behind the outcomes, and the form that adds one: a plain multipart form,
/// with or without JavaScript (the server answers with this page).
#[component]
fn Evidence(
    event_id: i64,
    files: Vec<EvidenceView>,
    indicators: Vec<(String, String)>,
    remove: ServerAction<RemoveEvidence>,
) -> impl IntoView {
    let lang = use_lang();
    let removed: Answer<()> = Signal::from(remove.value());
    let list = if files.is_empty() {
        view! { <p class="empty">{lang.tr("Chưa có tệp minh chứng.", "No evidence yet.")}</p> }.into_any()
    } else {
        view! {
            <ul class="evidence">
                {files.into_iter().map(|f| {
                    let about = [f.indicator.clone(), Some(f.size.clone()), Some(f.uploaded.clone())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li>
                            <a href=f.href.clone() rel="external">{f.file_name.clone()}</a>
                            {(!f.caption.is_empty()).then(|| view! { " — " {f.caption.clone()} })}
                            <span class="muted">" (" {about} ")"</span>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="evidence_id" value=f.evidence_id.to_string() />
                                <button type="submit" class="button-link" aria-label=format!("{} {}", lang.tr("Xóa", "Remove"), f.file_name)>
                                    {lang.tr("Xóa", "Remove")}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="evidence" aria-labelledby="evidence-h">
            <h2 id="evidence-h">{lang.tr("Minh chứng", "Evidence")}</h2>
            <p class="hint">{lang.tr(
                "Biên bản, ảnh chụp màn hình nền tảng, tệp PDF làm căn cứ cho số liệu (PDF, JPEG, PNG hoặc WebP, tối đa 10 MB).",
                "Minutes, platform screenshots, PDFs behind the figures (PDF, JPEG, PNG or WebP, at most 10 MB).",
            )}</p>
            <FormError answer=removed />
            {list}
            <form method="post" enctype="multipart/form-data" action=paths::evidence_upload(event_id) class="form narrow" id="evidence-form">
                <div class="field">
                    <label for="f-evidence-file">{lang.tr("Tệp minh chứng", "File")}</label>
                    <input id="f-evidence-file" type="file" name="file" accept="application/pdf,image/jpeg,image/png,image/webp" />
                </div>
                <div class="field">
                    <label for="f-evidence-caption">{lang.tr("Mô tả", "Caption")}</label>
                    <input id="f-evidence-caption" name="caption" />
                </div>
                <div class="field">
                    <label for="f-evidence-indicator">{lang.tr("Cho chỉ tiêu", "For the indicator")}</label>
                    <select id="f-evidence-indicator" name="indicator">
                        <option value="">{lang.tr("— Chung cho sự kiện —", "— The whole event —")}</option>
                        {indicators.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{lang.tr("Tải minh chứng lên", "Upload the evidence")}</button>
            </form>
        </section>
    }
}
