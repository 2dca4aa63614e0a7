//! The register of contracts and MOUs (`/can-bo/hop-dong`): every deal producers reported or
//! staff entered, filtered by year, event, kind and words; its totals and CSV; the follow-up at 3,
//! 6 and 12 months; and a form to enter a deal no producer reported. A lazy route; its forms work
//! without JavaScript (the filter is a plain GET form).

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::domain::paths;
use crate::{
    api::deals::{get_deals, AddDeal, SaveFollowUp},
    components::form::{field_error, Answer, FormError},
    context::use_lang,
    domain::{
        account::Role,
        deals::{DealFilter, DealLine, DealsPage, FollowUpStatus, FollowUpView},
        producer_report::{BuyerType, DealKind},
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page, query},
    },
};

lazy_page!(DealsRoute, DealsGuard);

#[component]
fn DealsGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Deals /> }.into_any())
}

#[component]
fn Deals() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map();
    let filter = Memo::new(move |_| q.with(|q| DealFilter::from_pairs(q.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    let add = ServerAction::<AddDeal>::new();
    // each follow-up form has its own action (its message stays beside it); a success anywhere
    // fetches the page again and shows the notice
    let done = RwSignal::new(0_u32);
    let followed = RwSignal::new(false);
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(move || (filter.get(), done.get()), |(f, _)| get_deals(f));
    let saved_flag = query("da-luu");
    let saved = move || followed.get() || matches!(add.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Sổ hợp đồng, biên bản ghi nhớ", "Contracts and MOUs");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        {move || saved().then(|| view! { <p class="notice success" role="status" id="deals-saved">{lang.tr("Đã lưu.", "Saved.")}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! { <DealsView page add done followed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DealsView(
    page: DealsPage,
    add: ServerAction<AddDeal>,
    done: RwSignal<u32>,
    followed: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let f = page.filter.clone();
    let year = f.year.map(|y| y.to_string()).unwrap_or_default();
    let event = f.event_id.map(|e| e.to_string()).unwrap_or_default();
    let kind = f.kind.map(|k| k.code().to_string()).unwrap_or_default();
    let partner = f.partner.map(|p| p.code().to_string()).unwrap_or_default();
    let group = f.group.clone().unwrap_or_default();
    let option = |value: String, text: String, chosen: &str| {
        let is = value == chosen;
        view! { <option value=value selected=is>{text}</option> }
    };
    let years = page
        .years
        .iter()
        .map(|y| option(y.to_string(), y.to_string(), &year))
        .collect_view();
    let events = page
        .events
        .iter()
        .map(|(id, t)| option(id.to_string(), t.clone(), &event))
        .collect_view();
    let kinds = DealKind::ALL
        .iter()
        .map(|k| option(k.code().to_string(), k.label(lang).to_string(), &kind))
        .collect_view();
    let partners = BuyerType::ALL
        .iter()
        .map(|p| option(p.code().to_string(), p.label(lang).to_string(), &partner))
        .collect_view();
    let groups = page
        .groups
        .iter()
        .map(|(code, name)| option(code.clone(), name.clone(), &group))
        .collect_view();
    let empty = page.lines.is_empty();
    view! {
        <form method="get" action=paths::DEALS class="form filters" id="deals-filter">
            <div class="field">
                <label for="f-deals-year">{lang.tr("Năm ký", "Year signed")}</label>
                <select id="f-deals-year" name="nam"><option value="">{lang.tr("Mọi năm", "Any year")}</option>{years}</select>
            </div>
            <div class="field">
                <label for="f-deals-event">{lang.tr("Sự kiện", "Event")}</label>
                <select id="f-deals-event" name="su-kien"><option value="">{lang.tr("Mọi sự kiện", "Any event")}</option>{events}</select>
            </div>
            <div class="field">
                <label for="f-deals-kind">{lang.tr("Loại", "Kind")}</label>
                <select id="f-deals-kind" name="loai"><option value="">{lang.tr("Hợp đồng và biên bản", "Contracts and MOUs")}</option>{kinds}</select>
            </div>
            <div class="field">
                <label for="f-deals-partner">{lang.tr("Đối tác", "Partner")}</label>
                <select id="f-deals-partner" name="doi-tac"><option value="">{lang.tr("Mọi đối tác", "Any partner")}</option>{partners}</select>
            </div>
            <div class="field">
                <label for="f-deals-group">{lang.tr("Nhóm sản phẩm", "Product group")}</label>
                <select id="f-deals-group" name="nhom"><option value="">{lang.tr("Mọi nhóm", "Any group")}</option>{groups}</select>
            </div>
            <div class="field">
                <label for="f-deals-q">{lang.tr("Tìm (bên ký, sản phẩm, doanh nghiệp)", "Find (party, product, producer)")}</label>
                <input id="f-deals-q" name="q" type="search" value=f.q.clone() />
            </div>
            <p class="actions"><button type="submit" class="button">{lang.tr("Lọc", "Filter")}</button></p>
        </form>
        <p class="lead" id="deals-totals">{page.totals.clone()}</p>
        <p><a href=page.csv.clone() rel="external" id="deals-csv">{lang.tr("Tải về CSV", "Download CSV")}</a></p>
        {if empty {
            view! { <p class="empty">{lang.tr("Chưa có hợp đồng, biên bản nào khớp bộ lọc.", "No contract or MOU matches.")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="group" aria-labelledby="deals-totals">
                    <table class="table deals">
                        <thead><tr>
                            <th scope="col">{lang.tr("Bên ký kết", "Other party")}</th>
                            <th scope="col">{lang.tr("Doanh nghiệp", "Producer")}</th>
                            <th scope="col">{lang.tr("Sự kiện", "Event")}</th>
                            <th scope="col">{lang.tr("Giá trị", "Value")}</th>
                            <th scope="col">{lang.tr("Ngày ký", "Signed")}</th>
                            <th scope="col">{lang.tr("Theo dõi thực hiện", "Follow-up")}</th>
                        </tr></thead>
                        <tbody>
                            {page.lines.into_iter().map(|l| view! { <DealRow l done followed /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <AddDealForm events=page.entry_events groups=page.groups.clone() add />
    }
}

#[component]
fn DealRow(l: DealLine, done: RwSignal<u32>, followed: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let id = l.deal_id;
    view! {
        <tr id=format!("deal-{id}")>
            <th scope="row">
                {l.counterparty.clone()}
                <span class="muted">" · "{l.counterparty_type.clone()}{(!l.place.is_empty()).then(|| format!(", {}", l.place))}</span>
                <br /><span class="muted">{l.kind.clone()}{(!l.product.is_empty()).then(|| format!(" · {}", l.product))}{(!l.product_group.is_empty()).then(|| format!(" · {}", l.product_group))}</span>
            </th>
            <td>{l.producer.clone().unwrap_or_else(|| lang.tr("(cán bộ nhập)", "(entered by staff)").to_string())}</td>
            <td><a href=paths::outcomes(l.event_id)>{l.event_title.clone()}</a></td>
            <td class="num">{l.value.clone()}{l.foreign.clone().map(|f| view! { <br /><span class="muted">{f}</span> })}</td>
            <td>{l.signed.clone()}</td>
            <td class="follow-ups">
                {l.follow_ups.into_iter().map(|f| view! { <FollowUp deal_id=id f done followed /> }).collect_view()}
            </td>
        </tr>
    }
}

#[component]
fn FollowUp(deal_id: i64, f: FollowUpView, done: RwSignal<u32>, followed: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let follow = ServerAction::<SaveFollowUp>::new();
    Effect::new(move |_| {
        if matches!(follow.value().get(), Some(Ok(_))) {
            followed.set(true);
            done.update(|n| *n += 1);
        }
    });
    let months = f.months;
    let said = match f.status {
        Some(s) if f.realised_vnd.unwrap_or(0) > 0 => format!("{} · {}", s.label(lang), f.realised),
        Some(s) => s.label(lang).to_string(),
        None if f.is_due => lang.tr("Đến hạn theo dõi", "Due for follow-up").to_string(),
        None => format!("{} {}", lang.tr("Từ", "From"), f.due),
    };
    let chosen = f.status.map(|s| s.code()).unwrap_or_default();
    let answer: Answer<()> = Signal::from(follow.value());
    let prefix = format!("fu-{deal_id}-{months}");
    let open_due = f.is_due && f.status.is_none();
    view! {
        <details class="follow-up" class:due=open_due>
            <summary>{format!("{months} {}: ", lang.tr("tháng", "months"))}{said}</summary>
            <ActionForm action=follow attr:class="form compact">
                <FormError answer />
                <input type="hidden" name="deal_id" value=deal_id.to_string() />
                <input type="hidden" name="months" value=months.to_string() />
                <div class="field">
                    <label for=format!("{prefix}-status")>{lang.tr("Tình trạng", "State")}</label>
                    <select id=format!("{prefix}-status") name="form[status]">
                        {FollowUpStatus::ALL.iter().map(|s| {
                            let is = s.code() == chosen;
                            view! { <option value=s.code() selected=is>{s.label(lang)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-realised")>{lang.tr("Giá trị đã thực hiện (đồng)", "Value realised (VND)")}</label>
                    <input id=format!("{prefix}-realised") name="form[realised]" inputmode="numeric"
                        value=f.realised_vnd.map(|v| crate::domain::outcomes::grouped(v, lang)).unwrap_or_default() />
                    <p class="field-msg field-error">{move || field_error(answer, "realised").get()}</p>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-note")>{lang.tr("Ghi chú", "Note")}</label>
                    <input id=format!("{prefix}-note") name="form[note]" value=f.note.clone() />
                </div>
                <button type="submit" class="button secondary">{lang.tr("Lưu theo dõi", "Save follow-up")}</button>
            </ActionForm>
        </details>
    }
}

/// Staff enter a deal no producer reported.
#[component]
fn AddDealForm(events: Vec<(i64, String)>, groups: Vec<(String, String)>, add: ServerAction<AddDeal>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<i64> = Signal::from(add.value());
    let err = move |part: &'static str| field_error(answer, format!("deal[{part}]"));
    let text = move |part: &'static str, label: &'static str, kind: &'static str| {
        let id = format!("f-add-deal-{part}");
        let msg = format!("{id}-msg");
        let error = err(part);
        view! {
            <div class="field" class:invalid=move || error.with(Option::is_some)>
                <label for=id.clone()>{label}</label>
                <input id=id name=format!("deal[{part}]") type=kind aria-describedby=msg.clone()
                    aria-invalid=move || error.with(Option::is_some).then_some("true") />
                <p class="field-msg field-error" id=msg>{move || error.get()}</p>
            </div>
        }
    };
    view! {
        <section aria-labelledby="add-deal-h" class="narrow">
            <h2 id="add-deal-h">{lang.tr("Ghi nhận hợp đồng, biên bản do cán bộ nắm được", "Enter a contract or MOU staff know of")}</h2>
            <ActionForm action=add attr:id="add-deal-form" attr:class="form" attr:novalidate="">
                <FormError answer />
                <div class="field">
                    <label for="f-add-deal-event">{lang.tr("Sự kiện", "Event")}</label>
                    <select id="f-add-deal-event" name="event_id">
                        {events.into_iter().map(|(id, t)| view! { <option value=id.to_string()>{t}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-add-deal-kind">{lang.tr("Loại", "Kind")}</label>
                    <select id="f-add-deal-kind" name="deal[kind]">
                        {DealKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label(lang)}</option> }).collect_view()}
                    </select>
                </div>
                {text("counterparty", lang.tr("Bên ký kết", "Other party"), "text")}
                <div class="field">
                    <label for="f-add-deal-type">{lang.tr("Loại đối tác", "Kind of partner")}</label>
                    <select id="f-add-deal-type" name="deal[counterparty_type]">
                        {BuyerType::ALL.iter().map(|t| view! { <option value=t.code()>{t.label(lang)}</option> }).collect_view()}
                    </select>
                </div>
                {text("place", lang.tr("Tỉnh, thành hoặc quốc gia", "Province or country"), "text")}
                {text("product", lang.tr("Sản phẩm", "Product"), "text")}
                <div class="field" class:invalid=move || err("product_group").with(Option::is_some)>
                    <label for="f-add-deal-group">{lang.tr("Nhóm sản phẩm", "Product group")}</label>
                    <select id="f-add-deal-group" name="deal[product_group]" aria-describedby="f-add-deal-group-msg">
                        <option value="">{lang.tr("— Chưa chọn —", "— Not said —")}</option>
                        {groups.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                    <p class="field-msg field-error" id="f-add-deal-group-msg">{move || err("product_group").get()}</p>
                </div>
                {text("value", lang.tr("Giá trị (đồng)", "Value (VND)"), "text")}
                {text("currency", lang.tr("Ngoại tệ (nếu có, ví dụ USD)", "Foreign currency (if any, e.g. USD)"), "text")}
                {text("foreign_amount", lang.tr("Số tiền ngoại tệ", "Amount in that currency"), "text")}
                {text("signed_on", lang.tr("Ngày ký", "Date signed"), "date")}
                <button type="submit" class="button">{lang.tr("Ghi vào sổ", "Add to the register")}</button>
            </ActionForm>
        </section>
    }
}
