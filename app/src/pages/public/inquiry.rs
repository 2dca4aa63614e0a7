//! A buyer asks a producer (`#hoi-mua` on a product's or a producer's page) and confirms by the
//! mailed link (`/hoi-mua/xac-nhan?token=`). Plain forms: both work without JavaScript. The
//! producer's own address is never shown here; the producer answers the buyer by e-mail.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::{Meta, Title};

use crate::{
    api::inquiries::{ConfirmInquiry, SendInquiry},
    components::form::{field_error, row_input as input, row_select as select, Answer, FormError},
    context::use_lang,
    domain::producer_report::BuyerType,
    pages::support::{lazy_page, query},
};

/// The inquiry form of a product (`product_id` > 0) or of a producer.
#[component]
pub(crate) fn InquirySection(product_id: i64, producer_id: i64, events: Vec<(i64, String)>) -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<SendInquiry>::new();
    let answer: Answer<()> = Signal::from(send.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let sent_flag = query("da-gui");
    let sent = move || matches!(send.value().get(), Some(Ok(()))) || !sent_flag.get().is_empty();
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), lang.tr("— Chọn —", "— Choose —").to_string()))
        .chain(
            BuyerType::ALL
                .iter()
                .map(|t| (t.code().to_string(), t.label(lang).to_string())),
        )
        .collect();
    let met: Vec<(String, String)> = std::iter::once((
        String::new(),
        lang.tr("Không qua sự kiện", "Not at an event").to_string(),
    ))
    .chain(events.iter().map(|(id, title)| (id.to_string(), title.clone())))
    .collect();
    let has_events = !events.is_empty();
    view! {
        <section aria-labelledby="inquiry-h" id="hoi-mua" class="inquiry">
            <h2 id="inquiry-h">{if product_id > 0 {
                lang.tr("Hỏi mua, yêu cầu báo giá", "Ask to buy, request a quote")
            } else {
                lang.tr("Hỏi mua sản phẩm của đơn vị", "Ask this producer to quote")
            }}</h2>
            <p class="hint">{lang.tr(
                "Yêu cầu được chuyển tới đơn vị sau khi bạn xác nhận địa chỉ e-mail qua thư chúng tôi gửi. Đơn vị sẽ trả lời bạn qua e-mail.",
                "Your inquiry reaches the producer once you confirm your e-mail address by the message we send. The producer will answer you by e-mail.",
            )}</p>
            {move || sent().then(|| view! {
                <p class="notice success" role="status" id="inquiry-sent">{lang.tr(
                    "Đã nhận yêu cầu. Hãy mở hộp thư và bấm liên kết xác nhận trong 48 giờ để chuyển yêu cầu tới đơn vị.",
                    "Inquiry received. Open your mailbox and follow the confirmation link within 48 hours to pass it on.",
                )}</p>
            })}
            <ActionForm action=send attr:id="inquiry-form" attr:class="form" attr:novalidate="">
                <input type="hidden" name="product_id" value=product_id.to_string() />
                <input type="hidden" name="producer_id" value=producer_id.to_string() />
                <FormError answer />
                <div class="row-fields">
                    {input("[buyer_name]".into(), lang.tr("Họ và tên", "Your name").into(), String::new(), err("buyer_name"), "text")}
                    {input("[organisation]".into(), lang.tr("Đơn vị", "Organisation").into(), String::new(), err("organisation"), "text")}
                    {select("[buyer_type]".into(), lang.tr("Loại đơn vị", "Kind of buyer").into(), kinds, String::new(), err("buyer_type"))}
                    {input("[place]".into(), lang.tr("Tỉnh, thành phố hoặc quốc gia", "Province or country").into(), String::new(), err("place"), "text")}
                    {input("[email]".into(), lang.tr("E-mail", "E-mail").into(), String::new(), err("email"), "email")}
                    {input("[phone]".into(), lang.tr("Điện thoại (không bắt buộc)", "Phone (optional)").into(), String::new(), err("phone"), "tel")}
                    {input("[quantity]".into(), lang.tr("Số lượng cần mua", "Quantity").into(), String::new(), err("quantity"), "text")}
                    {has_events.then(|| select("[event]".into(), lang.tr("Gặp đơn vị tại", "Met the producer at").into(), met, String::new(), err("event")))}
                </div>
                <div class="field" class:invalid=move || err("message").with(Option::is_some)>
                    <label for="f-message">{lang.tr("Nội dung", "Message")}</label>
                    <textarea id="f-message" name="form[message]" rows="4" aria-describedby="f-message-msg"></textarea>
                    <p class="field-msg field-error" id="f-message-msg">{move || err("message").get()}</p>
                </div>
                <p class="actions">
                    <button type="submit" class="button" disabled=move || send.pending().get()>{lang.tr("Gửi yêu cầu", "Send the inquiry")}</button>
                </p>
            </ActionForm>
        </section>
    }
}

lazy_page!(ConfirmInquiryRoute, ConfirmInquiry);

#[component]
fn ConfirmInquiry() -> impl IntoView {
    let lang = use_lang();
    let confirm = ServerAction::<ConfirmInquiry>::new();
    let secret = query("token");
    let done_flag = query("da-gui");
    let answer: Answer<String> = Signal::from(confirm.value());
    let title = lang.tr("Xác nhận yêu cầu hỏi mua", "Confirm your inquiry");
    view! {
        <Title text=title />
        <Meta name="robots" content="noindex" />
        <h1>{title}</h1>
        {move || match (confirm.value().get(), done_flag.get().is_empty()) {
            (Some(Ok(producer)), _) => view! {
                <p class="notice success" role="status" id="inquiry-confirmed">{match lang {
                    crate::domain::Lang::Vi => format!("Đã chuyển yêu cầu tới {producer}. Đơn vị sẽ trả lời bạn qua e-mail."),
                    crate::domain::Lang::En => format!("Your inquiry has been passed on to {producer}. They will answer you by e-mail."),
                }}</p>
            }.into_any(),
            (_, false) => view! {
                <p class="notice success" role="status" id="inquiry-confirmed">{lang.tr(
                    "Đã chuyển yêu cầu tới đơn vị. Đơn vị sẽ trả lời bạn qua e-mail.",
                    "Your inquiry has been passed on. The producer will answer you by e-mail.",
                )}</p>
            }.into_any(),
            _ => view! {
                <p>{lang.tr(
                    "Bấm nút dưới đây để xác nhận địa chỉ e-mail và chuyển yêu cầu tới đơn vị.",
                    "Press the button to confirm your e-mail address and pass the inquiry on.",
                )}</p>
                <ActionForm action=confirm attr:class="form" attr:id="confirm-form">
                    <FormError answer />
                    <input type="hidden" name="secret" value=secret.get_untracked() />
                    <button type="submit" class="button">{lang.tr("Xác nhận và gửi", "Confirm and send")}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
