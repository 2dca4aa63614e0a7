//! The producer's booth applications: the application form of one event (a lazy route), and on the
//! producer's console the applications with their timeline, the open calls and the private
//! calendar.

use std::collections::BTreeMap;

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::use_lang;
use crate::domain::paths;
use crate::pages::{
    page_data::page_data,
    public::not_found::ErrorNotice,
    support::{guarded, id_param, lazy_page, query},
};
use crate::{
    api::applications::{
        get_apply_page, get_my_applications, AcceptOffer, NewFeed, RevokeFeed, SaveApplication, WithdrawApplication,
    },
    components::{
        floor_plan::FloorPlan,
        form::{field_error, Answer, FormError, SelectField},
    },
    domain::{
        account::Role,
        application::{next, Action, ApplicationForm, ApplyPage, Attached, MyApplication, Status},
        booths::{money, QuestionKind, QuestionView},
        Lang,
    },
};

lazy_page!(ApplyRoute, ApplyGuard);

/// An application's status as a badge, with a class per status (`app-status-approved`…).
pub(crate) fn status_label(status: Status, lang: Lang) -> impl IntoView {
    view! { <span class=format!("app-status app-status-{}", status.code())>{status.label(lang)}</span> }
}

/// Staff's last word to the producer (why not, what to change), when there is one.
fn staff_message(message: Option<String>, lang: Lang) -> impl IntoView {
    message.map(|m| {
        view! {
            <div class="notice staff-message" role="note">
                <strong>{lang.tr("Lời nhắn của Sở Công Thương: ", "From the Department: ")}</strong>
                {m}
            </div>
        }
    })
}

#[component]
fn ApplyGuard() -> impl IntoView {
    guarded(|r| r == Role::Producer, || view! { <Apply /> }.into_any())
}

type Saved = Answer<(i64, Status)>;

#[component]
fn Apply() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let save = ServerAction::<SaveApplication>::new();
    let answer: Saved = Signal::from(save.value());
    // a refused save keeps what was typed: the page is fetched again only after a success
    let saves = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
        }
    });
    let data = page_data(move || (id.get(), saves.get()), |(id, _)| get_apply_page(id));
    // a plain form lands on `?da-luu=nop` (submitted) or `?da-luu=nhap` (draft); an upload on
    // `?tai-len=<question>`
    let flag = query("da-luu");
    let uploaded = query("tai-len");
    let notice = move || match answer.get() {
        Some(Ok((_, status))) => Some(status != Status::Draft),
        Some(Err(_)) => None,
        None => match flag.get().as_str() {
            "nop" => Some(true),
            "nhap" => Some(false),
            _ => None,
        },
    };
    view! {
        <p class="back"><a href=paths::MY_APPLICATIONS>{lang.tr("← Hồ sơ đăng ký của đơn vị", "← My applications")}</a></p>
        {move || notice().map(|submitted| view! {
            <p class="notice success" role="status" id="apply-saved">
                {if submitted {
                    lang.tr(
                        "Đã nộp hồ sơ. Sở Công Thương sẽ xét duyệt và báo kết quả qua e-mail.",
                        "Application submitted. The Department will review it and tell you by e-mail.",
                    )
                } else {
                    lang.tr(
                        "Đã lưu bản nháp. Hồ sơ chưa được gửi: bấm «Nộp hồ sơ» khi đã đầy đủ.",
                        "Draft saved. It is not sent yet: press «Submit» when it is complete.",
                    )
                }}
            </p>
        })}
        {move || (!uploaded.get().is_empty() && answer.get().is_none()).then(|| view! {
            <p class="notice success" role="status" id="document-uploaded">
                {lang.tr("Đã tải lên tài liệu.", "Document uploaded.")}
            </p>
        })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <ApplyView page save /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ApplyView(page: ApplyPage, save: ServerAction<SaveApplication>) -> impl IntoView {
    let lang = use_lang();
    let answer: Saved = Signal::from(save.value());
    let who = match page.min_stars {
        Some(n) => lang.tr_owned(
            &format!("Sản phẩm OCOP từ {n} sao"),
            &format!("OCOP products of {n}★ or more"),
        ),
        None => lang.tr("Mọi chủ thể sản xuất", "All producers").to_string(),
    };
    let closes = if page.call_open {
        page.closes.clone()
    } else {
        format!("{} · {}", page.closes, lang.tr("đã hết hạn", "closed"))
    };
    let documents = Some(page.documents.clone()).filter(|d| !d.is_empty());
    let title = page.title.clone();
    view! {
        <Title text=format!("{} · {}", lang.tr("Đăng ký gian hàng", "Booth application"), title) />
        <p class="eyebrow">{lang.tr("Hồ sơ đăng ký gian hàng", "Booth application")}</p>
        <h1>{title}</h1>
        <dl class="facts">
            <div class="fact"><dt>{lang.tr("Thời gian", "Dates")}</dt><dd>{page.dates.clone()}</dd></div>
            <div class="fact"><dt>{lang.tr("Hạn chót nhận hồ sơ", "Deadline")}</dt><dd>{closes}</dd></div>
            <div class="fact"><dt>{lang.tr("Đối tượng", "Who may apply")}</dt><dd>{who}</dd></div>
            {documents.map(|d| view! { <div class="fact"><dt>{lang.tr("Hồ sơ cần nộp", "Documents required")}</dt><dd>{d}</dd></div> })}
            {page.status.map(|s| view! { <div class="fact"><dt>{lang.tr("Trạng thái hồ sơ", "Application status")}</dt><dd id="apply-status">{status_label(s, lang)}</dd></div> })}
        </dl>
        {staff_message(page.message.clone(), lang)}
        {if page.may_edit {
            view! { <ApplyForm page save answer /> }.into_any()
        } else {
            view! { <Summary page /> }.into_any()
        }}
    }
}

/// What was applied for, when it can no longer be changed.
#[component]
fn Summary(page: ApplyPage) -> impl IntoView {
    let lang = use_lang();
    let f = page.form;
    let why = match page.status {
        None => lang.tr(
            "Đợt nhận hồ sơ đã kết thúc hoặc chưa mở.",
            "The call for applications is closed or not open yet.",
        ),
        Some(_) => lang.tr(
            "Hồ sơ không sửa được ở trạng thái này.",
            "The application cannot be changed at this stage.",
        ),
    };
    let booth_type = page
        .types
        .iter()
        .find(|t| t.booth_type_id.to_string() == f.booth_type)
        .map(|t| {
            let count = f.booth_count.parse::<i64>().unwrap_or(1);
            format!(
                "{} × {count} · {} {}",
                t.name,
                lang.tr("phải nộp", "to pay"),
                money(t.amount_due * count, lang)
            )
        });
    let zone = page
        .zones
        .iter()
        .find(|z| z.0.to_string() == f.zone)
        .map(|z| z.1.clone());
    let products = page
        .products
        .iter()
        .filter(|p| f.products.contains_key(&p.product_id.to_string()))
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let none = || "—".to_string();
    view! {
        <section aria-labelledby="summary-title" class="application-summary">
            <h2 id="summary-title">{lang.tr("Hồ sơ của bạn", "Your application")}</h2>
            <p class="muted">{why}</p>
            {page.status.is_some().then(|| view! {
                <dl class="facts">
                    <div class="fact"><dt>{lang.tr("Loại gian hàng", "Booth type")}</dt><dd>{booth_type.unwrap_or_else(none)}</dd></div>
                    <div class="fact"><dt>{lang.tr("Khu vực mong muốn", "Preferred zone")}</dt><dd>{zone.unwrap_or_else(none)}</dd></div>
                    <div class="fact"><dt>{lang.tr("Sản phẩm trưng bày", "Products shown")}</dt><dd>{products}</dd></div>
                </dl>
            })}
        </section>
    }
}

#[component]
fn ApplyForm(page: ApplyPage, save: ServerAction<SaveApplication>, answer: Saved) -> impl IntoView {
    let lang = use_lang();
    let err = move |f: &'static str| field_error(answer, f);
    let f = page.form.clone();
    // what the producer would pay follows the type and count chosen (in the browser)
    let picked_type = RwSignal::new(f.booth_type.clone());
    let count = RwSignal::new(f.booth_count.parse::<i64>().unwrap_or(1).max(1));
    let types = StoredValue::new(page.types.clone());
    let total = move || {
        let id = picked_type.get();
        types.with_value(|ts| {
            ts.iter()
                .find(|t| t.booth_type_id.to_string() == id)
                .map(|t| t.amount_due)
        })
    };
    let counts = (1..=page.max_booths.max(1))
        .map(|n| (n.to_string(), n.to_string()))
        .collect::<Vec<_>>();
    let zones = page
        .zones
        .iter()
        .map(|z| (z.0.to_string(), z.1.clone()))
        .collect::<Vec<_>>();
    let type_error = err("booth_type");
    let product_error = err("products");
    let application_id = page.application_id;
    let questions = page
        .questions
        .iter()
        .cloned()
        .map(|q| {
            let attached = page.attached.iter().find(|a| a.question_id == q.question_id).cloned();
            question(q, &f.answers, attached, application_id, answer, lang)
        })
        .collect_view();
    // one plain multipart form per document asked for; its file field and button sit beside the
    // question inside the application form (`form=` attribute), since forms do not nest
    let upload_forms = page
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::File)
        .map(|q| {
            view! {
                <form id=format!("doc-{}", q.question_id) method="post" enctype="multipart/form-data"
                    action=paths::document_upload(page.event_id, q.question_id)></form>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:id="apply-form" attr:class="form narrow" attr:novalidate="">
            <FormError answer />
            <input type="hidden" name="event_id" value=page.event_id />
            <fieldset
                class="booth-types"
                class:invalid=move || type_error.with(Option::is_some)
                aria-describedby="f-booth_type-msg"
                on:change=move |ev| picked_type.set(event_target_value(&ev))
            >
                <legend>{lang.tr("Loại gian hàng", "Booth type")}</legend>
                {page.types.iter().map(|t| {
                    let value = t.booth_type_id.to_string();
                    let checked = value == f.booth_type;
                    view! {
                        <label class="choice">
                            <input type="radio" name="form[booth_type]" value=value checked=checked />
                            <span>
                                <strong>{t.name.clone()}</strong><br />
                                {lang.tr("Giá", "Price")} " " {money(t.price_vnd, lang)} " · "
                                {lang.tr("hỗ trợ", "support")} " " {t.support} "% · "
                                <strong class="amount-due">{lang.tr("phải nộp", "you pay")} " " {money(t.amount_due, lang)}</strong>
                                {lang.tr(" / gian", " per booth")}
                            </span>
                        </label>
                    }
                }).collect_view()}
                <p class="field-msg" id="f-booth_type-msg">
                    <span class="field-error">{move || type_error.get()}</span>
                    <span class="hint">{lang.tr(
                        "Mức hỗ trợ theo hạng OCOP cao nhất trong các sản phẩm bạn chọn; số tiền được tính lại khi lưu.",
                        "Support follows the best OCOP rating among the products you choose; the amount is worked out again when you save.",
                    )}</span>
                </p>
            </fieldset>
            <div on:change=move |ev| count.set(event_target_value(&ev).parse().unwrap_or(1))>
                <SelectField name="form[booth_count]" label=lang.tr("Số gian", "Number of booths") options=counts selected=f.booth_count.clone() error=err("booth_count") />
            </div>
            <p class="amount-total" id="amount-total" aria-live="polite">
                {move || match total() {
                    Some(each) => format!(
                        "{}: {} × {} = {}",
                        lang.tr("Tổng số tiền phải nộp", "Total to pay"),
                        money(each, lang),
                        count.get(),
                        money(each * count.get(), lang),
                    ),
                    None => lang.tr("Chọn loại gian hàng để xem số tiền phải nộp.", "Choose a booth type to see what you pay.").to_string(),
                }}
            </p>
            <SelectField name="form[zone]" label=lang.tr("Khu vực mong muốn", "Preferred zone") options=zones placeholder=lang.tr("Không yêu cầu", "No preference") selected=f.zone.clone() error=err("zone") />
            <fieldset class:invalid=move || product_error.with(Option::is_some) aria-describedby="f-products-msg">
                <legend>{lang.tr("Sản phẩm sẽ trưng bày", "Products to show")}</legend>
                {page.products.is_empty().then(|| view! {
                    <p class="empty">
                        {lang.tr("Đơn vị chưa có sản phẩm nào. ", "Your organisation has no products yet. ")}
                        <a href=paths::MY_PRODUCTS>{lang.tr("Thêm sản phẩm", "Add products")}</a>
                    </p>
                })}
                {page.products.iter().map(|p| {
                    let checked = f.products.contains_key(&p.product_id.to_string());
                    let rating = match p.stars {
                        None => lang.tr("chưa xếp hạng OCOP", "no OCOP rating").to_string(),
                        Some(s) => format!("OCOP {s}★ · {}", if p.verified { lang.tr("đã xác minh", "verified") } else { lang.tr("kê khai", "claimed") }),
                    };
                    let expiry = p.expiry.clone().unwrap_or_default();
                    view! {
                        <label class="check product-choice">
                            <input type="checkbox" name=format!("form[products][{}]", p.product_id) value="on" checked=checked />
                            <span>
                                <strong>{p.name.clone()}</strong> " · " {rating}
                                {p.expires_before_event.then(|| view! {
                                    <span class="warn">" — " {lang.tr_owned(
                                        &format!("giấy chứng nhận hết hạn {expiry}, trước khi sự kiện kết thúc"),
                                        &format!("the certificate expires on {expiry}, before the event ends"),
                                    )}</span>
                                })}
                            </span>
                        </label>
                    }
                }).collect_view()}
                <p class="field-msg field-error" id="f-products-msg">{move || product_error.get()}</p>
            </fieldset>
            {questions}
            <div class="field" class:invalid=move || err("note").with(Option::is_some)>
                <label for="f-apply-note">{lang.tr("Ghi chú gửi Sở Công Thương", "Note to the Department")}</label>
                <textarea id="f-apply-note" name="form[note]" rows="3" aria-describedby="f-apply-note-msg">{f.note.clone()}</textarea>
                <p class="field-msg field-error" id="f-apply-note-msg">{move || err("note").get()}</p>
            </div>
            <div class="form-buttons">
                <button type="submit" name="form[intent]" value="draft" class="button secondary" disabled=move || save.pending().get()>
                    {lang.tr("Lưu nháp", "Save draft")}
                </button>
                <button type="submit" name="form[intent]" value="submit" class="button" disabled=move || save.pending().get()>
                    {lang.tr("Nộp hồ sơ", "Submit")}
                </button>
            </div>
        </ActionForm>
        {upload_forms}
    }
}

/// One question of the call, answered by its kind: `form[answers][q<id>]`, or for several
/// choices `form[answers][q<id>-<n>]`; a document is uploaded on its own form (`doc-<id>`).
fn question(
    q: QuestionView,
    saved: &BTreeMap<String, String>,
    attached: Option<Attached>,
    application_id: Option<i64>,
    answer: Saved,
    lang: Lang,
) -> AnyView {
    let key = ApplicationForm::answer_key(q.question_id, None);
    let id = format!("f-answer-{}", q.question_id);
    let msg = format!("{id}-msg");
    let error = field_error(answer, format!("answers[{key}]"));
    let name = format!("form[answers][{key}]");
    let value = saved.get(&key).cloned().unwrap_or_default();
    let label = if q.required {
        format!("{}{}", q.label, lang.tr(" (bắt buộc)", " (required)"))
    } else {
        q.label.clone()
    };
    let text = |s: &str| s.to_string();
    // (input type, name, value, text, checked)
    let options: Vec<(&'static str, String, String, String, bool)> = match q.kind {
        QuestionKind::YesNo => [("yes", lang.tr("Có", "Yes")), ("no", lang.tr("Không", "No"))]
            .into_iter()
            .map(|(v, t)| ("radio", name.clone(), text(v), text(t), value == v))
            .collect(),
        QuestionKind::One => q
            .choices
            .iter()
            .map(|c| ("radio", name.clone(), c.clone(), c.clone(), &value == c))
            .collect(),
        QuestionKind::Many => q
            .choices
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let k = ApplicationForm::answer_key(q.question_id, Some(n));
                let checked = saved.contains_key(&k);
                (
                    "checkbox",
                    format!("form[answers][{k}]"),
                    text("on"),
                    c.clone(),
                    checked,
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let message = move || error.get();
    match q.kind {
        QuestionKind::File => {
            let form = format!("doc-{}", q.question_id);
            let input = format!("{id}-file");
            let link = application_id.map(|a| paths::document(a, q.question_id));
            let choose = if attached.is_some() {
                lang.tr("Thay bằng tệp khác", "Replace it with another file")
            } else {
                lang.tr("Chọn tệp", "Choose a file")
            };
            view! {
                <div class="field document-question" id=id class:invalid=move || error.with(Option::is_some)>
                    <p class="question-label">{label}</p>
                    {attached.map(|a| view! {
                        <p class="attached">
                            {lang.tr("Đã tải lên: ", "Uploaded: ")}
                            <a href=link rel="external" download="">{a.file_name}</a> " (" {a.size} ")"
                        </p>
                    })}
                    <label for=input.clone()>{choose}</label>
                    <input id=input type="file" name="file" form=form.clone() aria-describedby=msg.clone()
                        accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp" />
                    <button type="submit" form=form class="button secondary upload-document" formnovalidate="">
                        {lang.tr("Tải lên", "Upload")}
                    </button>
                    <p class="field-msg" id=msg>
                        <span class="field-error">{message}</span>
                        <span class="hint">{lang.tr(
                            "PDF hoặc ảnh JPEG, PNG, WebP, tối đa 10 MB. Tải lên sẽ tải lại trang: hãy bấm «Lưu nháp» trước nếu bạn vừa sửa các mục khác.",
                            "A PDF or a JPEG, PNG or WebP picture, at most 10 MB. Uploading reloads the page: press «Save draft» first if you changed anything else.",
                        )}</span>
                    </p>
                </div>
            }
            .into_any()
        }
        QuestionKind::Short | QuestionKind::Long => {
            let input = if q.kind == QuestionKind::Short {
                view! { <input id=id.clone() type="text" name=name value=value aria-describedby=msg.clone() /> }
                    .into_any()
            } else {
                view! { <textarea id=id.clone() name=name rows="4" aria-describedby=msg.clone()>{value}</textarea> }
                    .into_any()
            };
            view! {
                <div class="field" class:invalid=move || error.with(Option::is_some)>
                    <label for=id>{label}</label>
                    {input}
                    <p class="field-msg field-error" id=msg>{message}</p>
                </div>
            }
            .into_any()
        }
        _ => view! {
            <fieldset class="choices" class:invalid=move || error.with(Option::is_some) aria-describedby=msg.clone()>
                <legend>{label}</legend>
                {options.into_iter().map(|(kind, name, value, text, checked)| view! {
                    <label class="check"><input type=kind name=name value=value checked=checked /> " " {text}</label>
                }).collect_view()}
                <p class="field-msg field-error" id=msg.clone()>{message}</p>
            </fieldset>
        }
        .into_any(),
    }
}

/// The producer console's section `#ho-so`: open calls, my applications, my private calendar.
#[component]
pub fn MyApplicationsSection() -> impl IntoView {
    let lang = use_lang();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let accept = ServerAction::<AcceptOffer>::new();
    // a private feed made with a plain form comes back as `?lich-rieng=<secret>`, shown once
    let made_feed = query("lich-rieng");
    let data = page_data(
        move || (withdraw.version().get() + accept.version().get(), made_feed.get()),
        |(_, secret)| get_my_applications(secret),
    );
    let create = ServerAction::<NewFeed>::new();
    let revoke = ServerAction::<RevokeFeed>::new();
    // a plain form lands on `?da-rut=1`
    let flag = query("da-rut");
    let withdrawn = move || matches!(withdraw.value().get(), Some(Ok(()))) || !flag.get().is_empty();
    view! {
        <section id="ho-so" aria-labelledby="applications-title">
            <h2 id="applications-title">{lang.tr("Hồ sơ đăng ký gian hàng", "Booth applications")}</h2>
            {move || withdrawn().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã rút hồ sơ.", "Application withdrawn.")}</p> })}
            {move || matches!(accept.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã nhận gian hàng.", "Booth accepted.")}</p>
            })}
            <FormError answer=Signal::from(withdraw.value()) />
            <FormError answer=Signal::from(accept.value()) />
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(mine) => view! {
                            <h3>{lang.tr("Đang nhận hồ sơ", "Open calls")}</h3>
                            {if mine.open_calls.is_empty() {
                                view! { <p class="empty">{lang.tr("Không có đợt nào đang mở mà đơn vị chưa đăng ký.", "No other call is open.")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="open-calls">
                                        {mine.open_calls.into_iter().map(|(id, title, closes)| view! {
                                            <li>
                                                <a href=paths::apply(id)>{title}</a>
                                                " — " {lang.tr("hạn chót", "deadline")} " " {closes}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h3>{lang.tr("Hồ sơ của đơn vị", "Our applications")}</h3>
                            {mine.applications.is_empty().then(|| view! { <p class="empty">{lang.tr("Chưa có hồ sơ nào.", "No applications yet.")}</p> })}
                            {mine.applications.into_iter().map(|a| view! { <ApplicationCard a withdraw accept /> }).collect_view()}
                            <PrivateFeed create revoke made=mine.feed_url />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ApplicationCard(
    a: MyApplication,
    withdraw: ServerAction<WithdrawApplication>,
    accept: ServerAction<AcceptOffer>,
) -> impl IntoView {
    let lang = use_lang();
    let id = a.application_id;
    let href = paths::apply(a.event_id);
    let may_withdraw = next(a.status, Action::Withdraw).is_some();
    let booth_type = a.booth_type.clone().unwrap_or_else(|| "—".into());
    let paid = if a.paid {
        lang.tr("đã nộp", "paid")
    } else {
        lang.tr("chưa nộp", "not paid yet")
    };
    let booths = if a.booths.is_empty() {
        lang.tr("Chưa phân bổ", "Not allocated yet").to_string()
    } else {
        a.booths.join(", ")
    };
    let offer = (a.status == Status::Offered).then(|| {
        view! {
            <div class="notice offer">
                <p>{lang.tr("Có gian hàng trống dành cho bạn. Hạn xác nhận: ", "A booth is free for you. Accept by: ")} <strong>{a.offer_expires.clone()}</strong></p>
                <ActionForm action=accept>
                    <input type="hidden" name="application_id" value=id />
                    <button type="submit" class="button accept-offer">{lang.tr("Nhận gian hàng", "Accept the booth")}</button>
                </ActionForm>
            </div>
        }
    });
    view! {
        <article class="application" data-application=id data-status=a.status.code()>
            <h4>
                <a href=href.clone()>{a.event_title.clone()}</a> " " {status_label(a.status, lang)}
            </h4>
            <p class="muted">{a.event_dates.clone()}</p>
            <dl class="facts">
                <div class="fact"><dt>{lang.tr("Loại gian hàng", "Booth type")}</dt><dd>{booth_type} " × " {a.booth_count}</dd></div>
                <div class="fact"><dt>{lang.tr("Số tiền phải nộp", "Amount due")}</dt><dd>{money(a.amount_due, lang)} " · " {paid}</dd></div>
                <div class="fact"><dt>{lang.tr("Gian hàng", "Booths")}</dt><dd class="booth-codes">{booths}</dd></div>
            </dl>
            {staff_message(a.message.clone(), lang)}
            {offer}
            <div class="application-actions">
                {a.results_report.map(|sent| view! {
                    <a class=if sent { "button secondary results-report" } else { "button results-report" } href=paths::results_report(a.event_id)>
                        {if sent { lang.tr("Xem, sửa báo cáo kết quả", "See or correct the results report") } else { lang.tr("Báo cáo kết quả tham gia", "Report your results") }}
                    </a>
                })}
                {a.may_edit.then(|| view! { <a class="button secondary edit-application" href=href>{lang.tr("Sửa hồ sơ", "Edit")}</a> })}
                {may_withdraw.then(|| view! {
                    <details class="withdraw">
                        <summary>{lang.tr("Rút hồ sơ", "Withdraw")}</summary>
                        <p>{lang.tr(
                            "Hồ sơ đã rút không khôi phục được; gian hàng đã xếp (nếu có) sẽ được trả lại.",
                            "A withdrawn application cannot be restored; any booth it holds is given back.",
                        )}</p>
                        <ActionForm action=withdraw>
                            <input type="hidden" name="application_id" value=id />
                            <button type="submit" class="button danger confirm-withdraw">{lang.tr("Xác nhận rút hồ sơ", "Confirm withdrawal")}</button>
                        </ActionForm>
                    </details>
                })}
            </div>
            <h5>{lang.tr("Quá trình xử lý", "History")}</h5>
            <ol class="timeline">
                {a.timeline.into_iter().map(|t| view! {
                    <li>
                        <span class="muted">{t.at}</span> " " {status_label(t.status, lang)}
                        {t.message.map(|m| view! { " — " {m} })}
                    </li>
                }).collect_view()}
            </ol>
            {a.plan.map(|(cols, rows, booths)| view! {
                <h5>{lang.tr("Vị trí gian hàng của bạn", "Where your booth is")}</h5>
                <div class="plan-scroll" tabindex="0" role="group" aria-label=lang.tr("Sơ đồ gian hàng", "Booth plan")><FloorPlan cols rows booths /></div>
            })}
        </article>
    }
}

/// The organisation's private calendar: its events with the booth, and its deadlines. The secret
/// address is shown once, when made (`made`: by a plain form); a new one replaces the old.
#[component]
fn PrivateFeed(create: ServerAction<NewFeed>, revoke: ServerAction<RevokeFeed>, made: Option<String>) -> impl IntoView {
    let lang = use_lang();
    // each undoes what the other showed
    Effect::new(move |_| {
        if matches!(revoke.value().get(), Some(Ok(()))) {
            create.value().set(None);
        }
    });
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_))) {
            revoke.value().set(None);
        }
    });
    let url = move || match (create.value().get(), revoke.value().get()) {
        (Some(Ok(url)), _) => Some(url),
        (None, None) => made.clone(),
        _ => None,
    };
    view! {
        <section aria-labelledby="feed-title" class="private-feed subscribe">
            <h3 id="feed-title">{lang.tr("Lịch riêng của đơn vị", "Our private calendar")}</h3>
            <p>{lang.tr(
                "Một địa chỉ bí mật để thêm vào Google Calendar, Outlook hoặc lịch điện thoại: các sự kiện đơn vị được tham gia (kèm số gian) và các hạn chót của hồ sơ. Không chia sẻ địa chỉ này. Tạo địa chỉ mới thì địa chỉ cũ ngừng hoạt động.",
                "A secret address for Google Calendar, Outlook or your phone: the events you take part in (with your booth) and your applications' deadlines. Keep it private. Making a new one stops the old one.",
            )}</p>
            <FormError answer=Signal::from(create.value()) />
            <FormError answer=Signal::from(revoke.value()) />
            {move || url().map(|u| {
                let webcal = u.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
                view! {
                    <div class="field">
                        <label for="feed-url">{lang.tr("Địa chỉ lịch riêng (chỉ hiện một lần)", "Private calendar address (shown once)")}</label>
                        <input id="feed-url" type="text" readonly=true value=u aria-describedby="feed-url-hint" />
                        <p class="field-msg hint" id="feed-url-hint">{lang.tr(
                            "Sao chép ngay: chọn ô rồi bấm Ctrl+C (trên điện thoại: nhấn giữ để sao chép).",
                            "Copy it now: select the box and press Ctrl+C (on a phone, press and hold).",
                        )}</p>
                    </div>
                    <p><a id="feed-webcal" class="button secondary" href=webcal>{lang.tr("Mở trong ứng dụng lịch", "Open in my calendar app")}</a></p>
                }
            })}
            {move || matches!(revoke.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã thu hồi: địa chỉ cũ không còn hoạt động.", "Revoked: the old address no longer works.")}</p>
            })}
            <div class="form-buttons">
                <ActionForm action=create>
                    <button type="submit" id="feed-new" class="button">{lang.tr("Tạo địa chỉ lịch riêng mới", "Make a new private address")}</button>
                </ActionForm>
                <ActionForm action=revoke>
                    <button type="submit" id="feed-revoke" class="button secondary">{lang.tr("Thu hồi địa chỉ", "Revoke the address")}</button>
                </ActionForm>
            </div>
        </section>
    }
}
