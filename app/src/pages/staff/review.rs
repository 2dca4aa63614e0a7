//! The staff's review of an event's applications (a lazy route): counts, filters, the ranked table
//! with the score's parts, decisions on the checked rows, fees and internal notes, and the
//! allocation of booths on the floor plan, by hand or from a proposal.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::context::use_lang;
use crate::domain::paths;
use crate::pages::{
    page_data::page_data,
    producer::{apply::status_label, catalogue::product_groups},
    public::not_found::ErrorNotice,
    support::{guarded, id_param, lazy_page},
};
use crate::{
    api::applications::{
        get_review, AcceptProposal, AllocateBooth, CommentApplication, DeallocateBooth, Decide, MarkPaid,
        ProposeAllocation,
    },
    components::{
        filter_form::{choice, submit_on_change},
        floor_plan::FloorPlan,
        form::{field_error, Answer, FormError, SelectField},
    },
    domain::{
        account::Role,
        application::{Action, ReviewFilter, ReviewPage, ReviewRow, Status, STATUSES},
        booths::{money, BoothStatus},
        reference::ProductGroup,
        Lang,
    },
};

lazy_page!(ReviewRoute, ReviewGuard);

#[component]
fn ReviewGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Review /> }.into_any())
}

/// The page's server actions; every one but the proposal changes what the page shows.
#[derive(Clone, Copy)]
struct Actions {
    decide: ServerAction<Decide>,
    comment: ServerAction<CommentApplication>,
    paid: ServerAction<MarkPaid>,
    allocate: ServerAction<AllocateBooth>,
    deallocate: ServerAction<DeallocateBooth>,
    propose: ServerAction<ProposeAllocation>,
    accept: ServerAction<AcceptProposal>,
}

impl Actions {
    fn new() -> Actions {
        Actions {
            decide: ServerAction::new(),
            comment: ServerAction::new(),
            paid: ServerAction::new(),
            allocate: ServerAction::new(),
            deallocate: ServerAction::new(),
            propose: ServerAction::new(),
            accept: ServerAction::new(),
        }
    }

    /// Grows whenever a change is done (a reactive read, for refetching).
    fn changes(self) -> usize {
        self.decide.version().get()
            + self.comment.version().get()
            + self.paid.version().get()
            + self.allocate.version().get()
            + self.deallocate.version().get()
            + self.accept.version().get()
    }
}

#[component]
fn Review() -> impl IntoView {
    let lang = use_lang();
    let event_id = id_param();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            ReviewFilter {
                status: get("status"),
                stars: get("stars"),
                group: get("group"),
                commune: get("commune"),
                booth_type: get("booth_type"),
                q: get("q"),
                sort: get("sort"),
                page: get("page"),
            }
        })
    });
    let acts = Actions::new();
    // the approved application booths are being given to: (id, producer)
    let picked = RwSignal::new(None::<(i64, String)>);
    let data = page_data(
        move || (event_id.get(), filter.get(), acts.changes()),
        |(id, filter, _)| get_review(id, filter),
    );
    let groups = product_groups(lang);
    // an accepted proposal is done with
    Effect::new(move |_| {
        if matches!(acts.accept.value().get(), Some(Ok(_))) {
            acts.propose.value().set(None);
        }
    });
    view! {
        <p class="back"><a href=move || paths::staff_event(event_id.get())>{lang.tr("← Sự kiện", "← The event")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                let groups = groups.await;
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <ReviewView page filter=filter.get_untracked() groups acts picked /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewView(
    page: ReviewPage,
    filter: ReviewFilter,
    groups: Vec<ProductGroup>,
    acts: Actions,
    picked: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let lang = use_lang();
    let event_id = page.event_id;
    let title = page.title.clone();
    view! {
        <Title text=format!("{} · {}", lang.tr("Hồ sơ đăng ký", "Applications"), title) />
        <p class="eyebrow">{lang.tr("Hồ sơ đăng ký gian hàng", "Booth applications")}</p>
        <h1>{title}</h1>
        <p class="calendar-actions">
            <a class="button secondary" id="export-csv" href=paths::export(event_id, "csv") rel="external" download="">{lang.tr("Tải CSV", "Download CSV")}</a>
            <a class="button secondary" id="export-xlsx" href=paths::export(event_id, "xlsx") rel="external" download="">{lang.tr("Tải Excel (XLSX)", "Download Excel (XLSX)")}</a>
        </p>
        <ul class="stats status-counts" aria-label=lang.tr("Số hồ sơ theo trạng thái", "Applications by status")>
            {page.counts.iter().map(|(s, n)| view! {
                <li><a href=format!("?status={}", s.code())><strong>{*n}</strong> " " {s.label(lang)}</a></li>
            }).collect_view()}
        </ul>
        <Filters page=page.clone() filter=filter.clone() groups />
        <Decisions page=page.clone() acts picked />
        <Pager page=page.clone() filter />
        <Allocation page acts picked />
    }
}

/// "Trang 2/10" with the pages before and after, keeping the filter.
#[component]
fn Pager(page: ReviewPage, filter: ReviewFilter) -> impl IntoView {
    let lang = use_lang();
    let here = paths::review(page.event_id);
    let link = move |n: usize| format!("{here}?{}", filter.query_for_page(n));
    (page.pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=lang.tr("Các trang của danh sách", "Pages of the list")>
                {(page.page > 1).then(|| view! { <a rel="prev" href=link(page.page - 1)>{lang.tr("← Trang trước", "← Previous")}</a> })}
                " " <span>{lang.tr("Trang", "Page")} " " {page.page} "/" {page.pages}</span> " "
                {(page.page < page.pages).then(|| view! { <a rel="next" href=link(page.page + 1)>{lang.tr("Trang sau →", "Next →")}</a> })}
            </nav>
        }
    })
}

#[component]
fn Filters(page: ReviewPage, filter: ReviewFilter, groups: Vec<ProductGroup>) -> impl IntoView {
    let lang = use_lang();
    let any = lang.tr("Tất cả", "All");
    let pick = |list: Vec<(String, String)>, current: &str| -> Vec<(String, String, bool)> {
        list.into_iter()
            .map(|(v, t)| {
                let on = v == current;
                (v, t, on)
            })
            .collect()
    };
    let ids = |list: &[(i64, String)]| -> Vec<(String, String)> {
        list.iter().map(|(i, t)| (i.to_string(), t.clone())).collect()
    };
    let statuses = STATUSES
        .into_iter()
        .map(|s| (s.code().to_string(), s.label(lang).to_string()))
        .collect();
    let stars = ["5", "4", "3"]
        .into_iter()
        .map(|s| (s.to_string(), format!("OCOP {s}★")))
        .chain([(
            "none".to_string(),
            lang.tr("Chưa có hạng xác minh", "No verified rating").to_string(),
        )])
        .collect();
    let group_names = page
        .groups
        .iter()
        .map(|code| {
            let name = groups
                .iter()
                .find(|g| &g.code == code)
                .map_or(code.clone(), |g| g.name.clone());
            (code.clone(), name)
        })
        .collect();
    let sorts = vec![
        (
            "submitted".to_string(),
            lang.tr("Nộp sớm trước", "Earliest submitted").to_string(),
        ),
        ("name".to_string(), lang.tr("Tên đơn vị", "Producer name").to_string()),
    ];
    let here = paths::review(page.event_id);
    view! {
        <div class="filters" role="search" on:change=submit_on_change>
            <Form method="GET" action=here.clone()>
                <fieldset>
                    <legend>{lang.tr("Lọc hồ sơ", "Filter")}</legend>
                    <div class="field field-wide">
                        <label for="f-review-q">{lang.tr("Tìm đơn vị, mã số thuế, sản phẩm", "Search producer, tax code, product")}</label>
                        <input id="f-review-q" type="search" name="q" value=filter.q.clone() maxlength="100" />
                    </div>
                    {choice("f-status", "status", lang.tr("Trạng thái", "Status"), any, pick(statuses, &filter.status))}
                    {choice("f-stars", "stars", lang.tr("Hạng OCOP (đã xác minh)", "OCOP rating (verified)"), any, pick(stars, &filter.stars))}
                    {choice("f-group", "group", lang.tr("Nhóm sản phẩm", "Product group"), any, pick(group_names, &filter.group))}
                    {choice("f-commune", "commune", lang.tr("Xã, phường", "Commune or ward"), any, pick(ids(&page.communes), &filter.commune))}
                    {choice("f-booth-type", "booth_type", lang.tr("Loại gian", "Booth type"), any, pick(ids(&page.booth_types), &filter.booth_type))}
                    {choice("f-sort", "sort", lang.tr("Sắp xếp", "Order"), lang.tr("Theo điểm ưu tiên", "By priority score"), pick(sorts, &filter.sort))}
                    <div class="actions">
                        <button type="submit">{lang.tr("Lọc", "Filter")}</button>
                        <a class="button-link" href=here>{lang.tr("Bỏ lọc", "Clear")}</a>
                    </div>
                </fieldset>
            </Form>
        </div>
    }
}

/// "OCOP 4★ (đã xác minh) +40 · Lần đầu tham gia +10": why a row ranks where it does.
fn score_parts(r: &ReviewRow, lang: Lang) -> String {
    r.score
        .parts
        .iter()
        .map(|(part, points)| format!("{} {points:+}", part.label(lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn stars_text(r: &ReviewRow, lang: Lang) -> String {
    let verified = lang.tr("đã xác minh", "verified");
    let claimed = lang.tr("kê khai", "claimed");
    match (r.stars, r.claimed_stars) {
        (Some(v), Some(c)) if c != v => format!("{v}★ {verified} · {c}★ {claimed}"),
        (Some(v), _) => format!("{v}★ {verified}"),
        (None, Some(c)) => format!("{c}★ {claimed}"),
        (None, None) => "—".into(),
    }
}

/// The bulk decision and the table, in one form: the checked rows are what it decides on. Per-row
/// forms (fee paid, internal note) sit after it, their controls joined to them by `form=`.
#[component]
fn Decisions(page: ReviewPage, acts: Actions, picked: RwSignal<Option<(i64, String)>>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<usize> = Signal::from(acts.decide.value());
    let err = move |f: &'static str| field_error(answer, f);
    // once a decision is done its rows are no longer checked (the table is redrawn in place)
    Effect::new(move |_| {
        if matches!(acts.decide.value().get(), Some(Ok(_))) {
            use leptos::wasm_bindgen::JsCast;
            if let Some(form) = document()
                .get_element_by_id("decide-form")
                .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())
            {
                form.reset();
            }
        }
    });
    let event_id = page.event_id;
    let decisions = [
        (Action::Approve, lang.tr("Duyệt", "Approve")),
        (
            Action::Waitlist,
            lang.tr("Đưa vào danh sách chờ", "Put on the waiting list"),
        ),
        (Action::Reject, lang.tr("Không duyệt", "Reject")),
        (Action::RequestChanges, lang.tr("Yêu cầu bổ sung", "Request changes")),
        (Action::StartReview, lang.tr("Bắt đầu xét duyệt", "Start review")),
    ]
    .into_iter()
    .map(|(a, t)| (a.code().to_string(), t.to_string()))
    .collect::<Vec<_>>();
    let booths = StoredValue::new(page.booths.clone());
    let booth_id = |code: &str| page.booths.iter().find(|b| b.code == code).map(|b| b.booth_id);
    let row_forms = page
        .rows
        .iter()
        .map(|r| {
            let id = r.application_id;
            let paid = !r.paid;
            // giving and taking back booths with plain forms too (no JavaScript, or a phone)
            let approved = (r.status == Status::Approved).then(|| {
                view! {
                    <ActionForm action=acts.allocate attr:id=format!("allocate-{id}") attr:class="row-form">
                        <input type="hidden" name="event_id" value=event_id />
                        <input type="hidden" name="application_id" value=id />
                    </ActionForm>
                }
            });
            let given = r
                .booths
                .iter()
                .filter_map(|code| booth_id(code.as_str()).map(|b| (code.clone(), b)))
                .map(|(code, booth)| view! {
                    <ActionForm action=acts.deallocate attr:id=format!("deallocate-{id}-{code}") attr:class="row-form">
                        <input type="hidden" name="event_id" value=event_id />
                        <input type="hidden" name="application_id" value=id />
                        <input type="hidden" name="booth_id" value=booth />
                    </ActionForm>
                })
                .collect_view();
            view! {
                <ActionForm action=acts.comment attr:id=format!("comment-{id}") attr:class="row-form">
                    <input type="hidden" name="application_id" value=id />
                </ActionForm>
                <ActionForm action=acts.paid attr:id=format!("paid-{id}") attr:class="row-form">
                    <input type="hidden" name="application_id" value=id />
                    <input type="hidden" name="paid" value=paid.to_string() />
                </ActionForm>
                {approved}
                {given}
            }
        })
        .collect_view();
    let message = err("message");
    view! {
        <section aria-labelledby="table-title">
            <h2 id="table-title">{lang.tr("Danh sách hồ sơ", "Applications")} " (" {page.total} ")"</h2>
            {move || match answer.get() {
                Some(Ok(n)) => Some(view! { <p class="notice success" role="status">{lang.tr_owned(&format!("Đã cập nhật {n} hồ sơ."), &format!("{n} application(s) updated."))}</p> }),
                _ => None,
            }}
            <FormError answer=Signal::from(acts.comment.value()) />
            <FormError answer=Signal::from(acts.paid.value()) />
            <ActionForm action=acts.decide attr:id="decide-form" attr:class="form" attr:novalidate="">
                <FormError answer />
                <input type="hidden" name="event_id" value=event_id />
                <fieldset class="bulk-decision">
                    <legend>{lang.tr("Quyết định cho các hồ sơ được đánh dấu", "Decision on the checked applications")}</legend>
                    <SelectField name="form[action]" label=lang.tr("Quyết định", "Decision") options=decisions error=err("action") />
                    <div class="field" class:invalid=move || message.with(Option::is_some)>
                        <label for="f-decide-message">{lang.tr(
                            "Lời nhắn gửi đơn vị (bắt buộc khi không duyệt hoặc yêu cầu bổ sung)",
                            "Message to the producer (required to reject or request changes)",
                        )}</label>
                        <textarea id="f-decide-message" name="form[message]" rows="3" aria-describedby="f-decide-message-msg"></textarea>
                        <p class="field-msg field-error" id="f-decide-message-msg">{move || message.get()}</p>
                    </div>
                    <p class="field-msg field-error">{move || err("ids").get()}</p>
                    <button type="submit" id="decide-submit" class="button" disabled=move || acts.decide.pending().get()>
                        {lang.tr("Áp dụng cho hồ sơ đã chọn", "Apply to the checked applications")}
                    </button>
                </fieldset>
                <div class="table-scroll" tabindex="0" role="group" aria-labelledby="table-title">
                    <table class="table review-table" id="review-table">
                        <thead><tr>
                            <th><span class="sr-only">{lang.tr("Chọn", "Select")}</span></th>
                            <th>"#"</th>
                            <th>{lang.tr("Đơn vị", "Producer")}</th>
                            <th>{lang.tr("Hạng OCOP", "OCOP rating")}</th>
                            <th>{lang.tr("Sản phẩm", "Products")}</th>
                            <th>{lang.tr("Gian đăng ký", "Booths asked")}</th>
                            <th>{lang.tr("Nộp lúc", "Submitted")}</th>
                            <th>{lang.tr("Điểm ưu tiên", "Priority score")}</th>
                            <th>{lang.tr("Trạng thái", "Status")}</th>
                            <th>{lang.tr("Gian được xếp", "Booths given")}</th>
                            <th>{lang.tr("Phí", "Fee")}</th>
                            <th>{lang.tr("Ghi chú nội bộ", "Internal note")}</th>
                        </tr></thead>
                        <tbody>
                            {page.rows.into_iter().map(|r| view! { <Row r picked booths /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </ActionForm>
            {row_forms}
        </section>
    }
}

#[component]
fn Row(
    r: ReviewRow,
    picked: RwSignal<Option<(i64, String)>>,
    booths: StoredValue<Vec<crate::domain::booths::Booth>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = r.application_id;
    let approved = r.status == Status::Approved;
    let producer = r.producer.clone();
    // while it still needs booths: the free booths of its type, to pick from a list
    let needs = approved && i64::try_from(r.booths.len()).unwrap_or(i64::MAX) < r.booth_count;
    let open: Vec<(i64, String)> = booths.with_value(|bs| {
        bs.iter()
            .filter(|b| needs && b.booth_type == r.booth_type)
            .filter(|b| matches!(b.status, BoothStatus::Available | BoothStatus::Held))
            .map(|b| {
                let mut text = format!("{} · {}", b.code, b.booth_type);
                if let Some(zone) = &b.zone {
                    text.push_str(&format!(" · {zone}"));
                }
                if let Some(who) = &b.held_for {
                    text.push_str(&format!(" ({} {who})", lang.tr("dành cho", "held for")));
                }
                (b.booth_id, text)
            })
            .collect()
    });
    let is_picked = move || picked.with(|p| p.as_ref().map(|p| p.0) == Some(id));
    let pick_name = producer.clone();
    let paid_text = match (r.paid, approved) {
        (true, true) => lang.tr("Đã nộp ✓ (bỏ đánh dấu)", "Paid ✓ (undo)"),
        (false, true) => lang.tr("Đánh dấu đã nộp", "Mark as paid"),
        (true, false) => lang.tr("Đã nộp ✓", "Paid ✓"),
        (false, false) => "",
    };
    view! {
        <tr data-application=id data-status=r.status.code() class:picked=is_picked>
            <td>
                <input type="checkbox" class="select-application" name=format!("form[selected][{id}]") value="on"
                    aria-label=format!("{} {}", lang.tr("Chọn hồ sơ", "Select"), producer) />
            </td>
            <td>{r.rank}</td>
            <td>
                <strong>{producer.clone()}</strong><br /><span class="muted">{r.commune.clone()}</span>
                {(r.note.is_some() || !r.answers.is_empty()).then(|| view! {
                    <details class="answers">
                        <summary>{lang.tr("Ghi chú và câu trả lời", "Note and answers")}</summary>
                        {r.note.clone().map(|n| view! { <p class="note"><strong>{lang.tr("Ghi chú của đơn vị: ", "The producer's note: ")}</strong>{n}</p> })}
                        <p class="answers-text">{r.answers.clone()}</p>
                    </details>
                })}
            </td>
            <td>{stars_text(&r, lang)}</td>
            <td>
                {r.products.join(", ")}
                {r.certificate_expires.then(|| view! { <br /><span class="warn">{lang.tr("Có giấy chứng nhận hết hạn trước khi sự kiện kết thúc", "A certificate runs out before the event ends")}</span> })}
                {(!r.documents.is_empty()).then(|| view! {
                    <br />
                    <span class="documents">
                        {lang.tr("Tài liệu: ", "Documents: ")}
                        {r.documents.iter().map(|(question, name)| view! {
                            <a class="document-link" href=paths::document(id, *question) rel="external" download="">{name.clone()}</a> " "
                        }).collect_view()}
                    </span>
                })}
            </td>
            <td>
                {r.booth_type.clone()} " × " {r.booth_count}
                {(!r.zone.is_empty()).then(|| view! { <br /><span class="muted">{lang.tr("Khu: ", "Zone: ")} {r.zone.clone()}</span> })}
            </td>
            <td>{r.submitted.clone()}</td>
            <td><strong class="score">{r.score.total}</strong><br /><span class="score-parts">{score_parts(&r, lang)}</span></td>
            <td>
                {status_label(r.status, lang)}
                {r.message.clone().map(|m| view! { <br /><span class="muted">{m}</span> })}
            </td>
            <td class="booth-cell">
                {r.booths.iter().map(|code| {
                    let label = format!("{} {code} · {}", lang.tr("Gỡ gian", "Remove booth"), r.producer);
                    view! {
                        <span class="booth-code">
                            {code.clone()} " "
                            <button type="submit" form=format!("deallocate-{id}-{code}") class="button-link unallocate" aria-label=label>
                                {lang.tr("Gỡ", "Remove")}
                            </button>
                        </span>
                    }
                }).collect_view()}
                {(!open.is_empty()).then(|| {
                    let label = format!("{} {}", lang.tr("Gian cho", "Booth for"), r.producer);
                    view! {
                        <span class="allocate-by-list">
                            <select name="booth_id" form=format!("allocate-{id}") aria-label=label>
                                {open.iter().map(|(booth, text)| view! { <option value=*booth>{text.clone()}</option> }).collect_view()}
                            </select>
                            " "
                            <button type="submit" form=format!("allocate-{id}") class="button-link allocate-listed">{lang.tr("Xếp gian", "Allocate")}</button>
                        </span>
                    }
                })}
                {approved.then(|| view! {
                    <button type="button" class="button-link pick-application" aria-pressed=move || is_picked().to_string()
                        on:click=move |_| picked.set((!is_picked()).then(|| (id, pick_name.clone())))>
                        {lang.tr("Chọn để xếp gian trên sơ đồ", "Pick to place on the plan")}
                    </button>
                })}
            </td>
            <td>
                {money(r.amount_due, lang)}<br />
                {if approved {
                    view! { <button type="submit" form=format!("paid-{id}") class="button-link mark-paid">{paid_text}</button> }.into_any()
                } else {
                    view! { <span>{paid_text}</span> }.into_any()
                }}
            </td>
            <td>
                <textarea form=format!("comment-{id}") name="comment" rows="2" class="staff-comment"
                    aria-label=format!("{} {}", lang.tr("Ghi chú nội bộ (đơn vị không thấy) cho", "Internal note (the producer never sees it) on"), r.producer)>
                    {r.staff_comment.clone().unwrap_or_default()}
                </textarea>
                <button type="submit" form=format!("comment-{id}") class="button-link save-comment">{lang.tr("Lưu ghi chú", "Save note")}</button>
            </td>
        </tr>
    }
}

/// The floor plan with the booths given, and the tools to give more: pick an approved application,
/// then a booth; or take the proposal.
#[component]
fn Allocation(page: ReviewPage, acts: Actions, picked: RwSignal<Option<(i64, String)>>) -> impl IntoView {
    let lang = use_lang();
    let event_id = page.event_id;
    let on_booth = Callback::new(move |(booth_id, key): (i64, String)| {
        if let (true, Some((application_id, _))) = (key == "act", picked.get_untracked()) {
            acts.allocate.dispatch(AllocateBooth {
                event_id,
                application_id,
                booth_id,
            });
        }
    });
    let proposal = move || acts.propose.value().get().and_then(Result::ok);
    let accepted = move || acts.accept.value().get().and_then(Result::ok);
    view! {
        <section aria-labelledby="allocation-title" id="allocation">
            <h2 id="allocation-title">{lang.tr("Xếp gian hàng", "Allocate booths")}</h2>
            <p>{lang.tr(
                "Bấm «Chọn để xếp gian» ở một hồ sơ đã duyệt, rồi bấm vào gian trên sơ đồ (hoặc chọn gian bằng phím Tab rồi Enter).",
                "Press «Pick to place» on an approved application, then a booth on the plan (or Tab to a booth and press Enter).",
            )}</p>
            <p class="notice" role="status" id="picked-application">
                {move || match picked.get() {
                    Some((_, name)) => view! {
                        {lang.tr("Đang xếp gian cho: ", "Placing: ")} <strong>{name}</strong> " "
                        <button type="button" class="button-link" on:click=move |_| picked.set(None)>{lang.tr("Bỏ chọn", "Cancel")}</button>
                    }.into_any(),
                    None => view! { {lang.tr("Chưa chọn hồ sơ nào.", "No application picked.")} }.into_any(),
                }}
            </p>
            <div id="allocation-errors">
                <FormError answer=Signal::from(acts.allocate.value()) />
                <FormError answer=Signal::from(acts.deallocate.value()) />
                <FormError answer=Signal::from(acts.propose.value()) />
                <FormError answer=Signal::from(acts.accept.value()) />
            </div>
            {if page.cols > 0 {
                view! { <div class="plan-scroll"><FloorPlan cols=page.cols rows=page.rows_on_plan booths=page.booths on_booth /></div> }.into_any()
            } else {
                view! { <p class="empty">{lang.tr("Sự kiện chưa có sơ đồ gian hàng.", "The event has no floor plan yet.")}</p> }.into_any()
            }}
            {move || accepted().map(|n| view! {
                <p class="notice success" role="status">{lang.tr_owned(&format!("Đã xếp {n} gian theo đề xuất."), &format!("{n} booth(s) allocated from the proposal."))}</p>
            })}
            <p>
                <button type="button" id="propose" class="button secondary" on:click=move |_| { acts.propose.dispatch(ProposeAllocation { event_id }); }>
                    {lang.tr("Đề xuất phân bổ", "Propose an allocation")}
                </button>
            </p>
            {move || proposal().map(|p| view! {
                <div class="proposal" id="proposal">
                    <h3>{lang.tr("Đề xuất phân bổ", "Proposed allocation")}</h3>
                    {if p.pairs.is_empty() {
                        view! { <p class="empty">{lang.tr("Không có hồ sơ nào chờ xếp gian, hoặc không còn gian phù hợp.", "Nothing to place, or no suitable booth left.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="proposal-pairs">
                                {p.pairs.into_iter().map(|(_, producer, _, code)| view! { <li>{producer} " → " <strong>{code}</strong></li> }).collect_view()}
                            </ul>
                            <button type="button" id="accept-proposal" class="button" on:click=move |_| { acts.accept.dispatch(AcceptProposal { event_id }); }>
                                {lang.tr("Chấp nhận đề xuất", "Accept the proposal")}
                            </button>
                        }.into_any()
                    }}
                    {(!p.short.is_empty()).then(|| view! {
                        <p class="warn proposal-short">{lang.tr("Chưa đủ gian cho: ", "Not enough booths for: ")} {p.short.join(", ")}</p>
                    })}
                </div>
            })}
        </section>
    }
}
