//! The producer's inquiries (`/doanh-nghiep#hoi-mua`): what buyers asked once they confirmed
//! their address, with the address to answer them at, and a mark for how each went.

use leptos::{form::ActionForm, prelude::*};

use crate::{
    api::inquiries::{get_my_inquiries, MarkInquiry},
    context::use_lang,
    domain::inquiries::{InquiryLine, InquiryStatus},
    pages::{page_data::page_data, public::not_found::ErrorNotice},
};

#[component]
pub fn InquiriesSection() -> impl IntoView {
    let lang = use_lang();
    let mark = ServerAction::<MarkInquiry>::new();
    let data = page_data(move || mark.version().get(), |_| get_my_inquiries());
    view! {
        <section aria-labelledby="inquiries-title" id="hoi-mua">
            <h2 id="inquiries-title">{lang.tr("Yêu cầu hỏi mua", "Buyers' inquiries")}</h2>
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(lines) if lines.is_empty() => view! {
                            <p class="empty">{lang.tr(
                                "Chưa có yêu cầu nào. Người mua gửi yêu cầu từ trang sản phẩm của đơn vị trong danh bạ OCOP.",
                                "No inquiry yet. Buyers send them from your products' pages in the OCOP directory.",
                            )}</p>
                        }.into_any(),
                        Ok(lines) => view! {
                            <ul class="inquiries">
                                {lines.into_iter().map(|l| view! { <li><Inquiry l mark /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Inquiry(l: InquiryLine, mark: ServerAction<MarkInquiry>) -> impl IntoView {
    let lang = use_lang();
    let about = l
        .product
        .clone()
        .unwrap_or_else(|| lang.tr("Sản phẩm của đơn vị", "Your products").to_string());
    let statuses = InquiryStatus::ALL
        .iter()
        .map(|s| view! { <option value=s.code() selected=*s == l.status>{s.label(lang)}</option> })
        .collect_view();
    let reply = format!("mailto:{}", l.email);
    view! {
        <article class="inquiry-line" id=format!("inquiry-{}", l.inquiry_id)>
            <h3>{about} " — " {l.organisation.clone()}</h3>
            <p class="meta">{l.received.clone()} " · " {l.buyer_type.clone()} " · " {l.place.clone()}
                {l.event.clone().map(|e| view! { " · " {lang.tr("gặp tại ", "met at ")} {e} })}</p>
            <p><strong>{lang.tr("Số lượng: ", "Quantity: ")}</strong>{l.quantity.clone()}</p>
            <p class="message">{l.message.clone()}</p>
            <p>{l.buyer_name.clone()} " · " <a href=reply>{l.email.clone()}</a>
                {l.phone.clone().map(|p| view! { " · " {p} })}</p>
            <ActionForm action=mark attr:class="inline-form">
                <input type="hidden" name="inquiry_id" value=l.inquiry_id.to_string() />
                <label for=format!("inquiry-status-{}", l.inquiry_id)>{lang.tr("Tình trạng", "Status")}</label>
                <select id=format!("inquiry-status-{}", l.inquiry_id) name="status">{statuses}</select>
                <button type="submit" class="button secondary">{lang.tr("Lưu", "Save")}</button>
            </ActionForm>
        </article>
    }
}
