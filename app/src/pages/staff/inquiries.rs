//! Buyers' inquiries as staff count them (`/can-bo/hoi-mua`): confirmed inquiries per producer
//! (and how many became deals) and per product group. A lazy route, read without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::inquiries::get_inquiry_counts,
    context::use_lang,
    domain::{account::Role, paths},
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page},
    },
};

lazy_page!(InquiriesRoute, InquiriesGuard);

#[component]
fn InquiriesGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Counts /> }.into_any())
}

#[component]
fn Counts() -> impl IntoView {
    let lang = use_lang();
    let data = page_data(|| (), |_| get_inquiry_counts());
    let title = lang.tr("Yêu cầu hỏi mua của người mua", "Buyers' inquiries");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        <p class="hint">{lang.tr(
            "Yêu cầu người mua gửi từ danh bạ OCOP và đã xác nhận e-mail. Yêu cầu nêu tên một sự kiện được đếm trên trang kết quả của sự kiện đó.",
            "Inquiries buyers sent from the OCOP directory and confirmed. One that names an event is counted on that event's outcomes page.",
        )}</p>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(c) => view! {
                        <p class="result-count" id="inquiries-total">{match lang {
                            crate::domain::Lang::Vi => format!("{} yêu cầu", c.total),
                            crate::domain::Lang::En => format!("{} inquiries", c.total),
                        }}</p>
                        <h2 id="by-producer-h">{lang.tr("Theo đơn vị", "By producer")}</h2>
                        <div class="table-scroll" tabindex="0" role="group" aria-labelledby="by-producer-h">
                            <table class="table" id="inquiries-by-producer">
                                <thead><tr>
                                    <th scope="col">{lang.tr("Đơn vị", "Producer")}</th>
                                    <th scope="col">{lang.tr("Yêu cầu", "Inquiries")}</th>
                                    <th scope="col">{lang.tr("Thành giao dịch", "Deals made")}</th>
                                </tr></thead>
                                <tbody>{c.by_producer.into_iter().map(|(name, n, deals)| view! {
                                    <tr><th scope="row">{name}</th><td class="num">{n}</td><td class="num">{deals}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                        <h2 id="by-group-h">{lang.tr("Theo nhóm sản phẩm", "By product group")}</h2>
                        <div class="table-scroll" tabindex="0" role="group" aria-labelledby="by-group-h">
                            <table class="table" id="inquiries-by-group">
                                <thead><tr>
                                    <th scope="col">{lang.tr("Nhóm sản phẩm", "Product group")}</th>
                                    <th scope="col">{lang.tr("Yêu cầu", "Inquiries")}</th>
                                </tr></thead>
                                <tbody>{c.by_group.into_iter().map(|(name, n)| view! {
                                    <tr><th scope="row">{name}</th><td class="num">{n}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
