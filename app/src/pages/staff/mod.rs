//! The staff console (`/can-bo`) and what hangs from it: the events and their editor, booths,
//! the review of applications, and outcomes. Lazy routes; each checks the role before asking the
//! server (which checks again).

pub mod booths;
pub mod budget;
pub mod dashboard;
pub mod deals;
pub mod events;
pub mod indicators;
pub mod inquiries;
pub mod outcomes;
pub mod review;
pub mod sale_points;

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::use_lang;
use crate::domain::paths;
use crate::{
    api::account::{get_staff_console, StaffCreateProducer},
    components::form::{field_error, succeeded, Field, FormError},
    domain::account::Role,
    pages::{
        account::OrganisationFields,
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page},
    },
};

lazy_page!(StaffRoute, StaffConsole);

#[component]
fn StaffConsole() -> impl IntoView {
    guarded(Role::is_staff, || view! { <StaffHome /> }.into_any())
}

#[component]
fn StaffHome() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<StaffCreateProducer>::new();
    let data = page_data(move || create.version().get(), |_| get_staff_console());
    let answer = Signal::from(create.value());
    let created = succeeded(answer);
    let title = lang.tr("Bàn làm việc của cán bộ", "Staff console");
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(s) => view! {
                        <ul class="stats">
                            <li><strong>{s.upcoming_events}</strong> " " {lang.tr("sự kiện sắp tới", "upcoming events")}</li>
                            <li><strong>{s.producers}</strong> " " {lang.tr("chủ thể sản xuất", "producers")}</li>
                            <li><strong>{s.producer_users}</strong> " " {lang.tr("tài khoản chủ thể", "producer accounts")}</li>
                        </ul>
                        <p>
                            <a class="button" href=paths::STAFF_EVENTS>{lang.tr("Kế hoạch sự kiện", "Event planning")}</a>
                            " "
                            <a class="button secondary" href=paths::DASHBOARD>{lang.tr("Tổng hợp kết quả năm", "The year at a glance")}</a>
                            " "
                            <a class="button secondary" href=paths::PLAN>{lang.tr("Kế hoạch và kinh phí năm", "The year's plan and budget")}</a>
                            " "
                            <a class="button secondary" href=paths::INDICATORS>{lang.tr("Chỉ tiêu", "Indicators")}</a>
                            <a class="button secondary" href=paths::STAFF_SALE_POINTS>{lang.tr("Điểm bán OCOP", "OCOP points of sale")}</a>
                            <a class="button secondary" href=paths::STAFF_INQUIRIES>{lang.tr("Yêu cầu hỏi mua", "Buyers' inquiries")}</a>
                            " "
                            <a class="button secondary" href=paths::DEALS>{lang.tr("Sổ hợp đồng, biên bản ghi nhớ", "Contracts and MOUs")}</a>
                        </p>
                        <crate::pages::producer::catalogue::RatingsToVerify />
                        <section aria-labelledby="calls-title">
                            <h2 id="calls-title">{lang.tr("Đang nhận hồ sơ", "Open calls")}</h2>
                            {if s.open_calls.is_empty() {
                                view! { <p class="empty">{lang.tr("Không có đợt nào đang mở.", "No call is open.")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="open-calls">
                                        {s.open_calls.into_iter().map(|c| view! {
                                            <li class:soon=c.this_week>
                                                <a href=paths::staff_event(c.event_id)>{c.title}</a>
                                                " — " {lang.tr("hạn chót", "deadline")} " " {c.closes} " · "
                                                <span class="call-counts">{lang.tr_owned(
                                                    &format!("{} nháp · {} chờ duyệt · {} đã duyệt", c.drafts, c.submitted, c.approved),
                                                    &format!("{} drafts · {} to review · {} approved", c.drafts, c.submitted, c.approved),
                                                )}</span> " · "
                                                <a class="review-link" href=paths::review(c.event_id)>{lang.tr("Hồ sơ đăng ký", "Applications")}</a>
                                                {c.this_week.then(|| view! { " " <span class="badge badge-postponed">{lang.tr("trong tuần này", "this week")}</span> })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="upcoming-title">
                            <h2 id="upcoming-title">{lang.tr("Sự kiện sắp tới", "Coming up")}</h2>
                            <table class="table">
                                <tbody>
                                    {s.upcoming.into_iter().map(|e| view! {
                                        <tr>
                                            <td><a href=paths::staff_event(e.event_id)>{e.title}</a></td>
                                            <td>{e.dates}</td>
                                            <td>{e.status.label(lang)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section aria-labelledby="create-title" class="narrow">
            <h2 id="create-title">{lang.tr("Tạo tài khoản thay cho chủ thể", "Register a producer on their behalf")}</h2>
            <p>{lang.tr(
                "Dành cho hộ kinh doanh, hợp tác xã chưa quen dùng mạng: hệ thống gửi cho chủ tài khoản một lời mời đặt mật khẩu.",
                "For producers who are not online yet: the system e-mails the owner an invitation to choose a password.",
            )}</p>
            {move || created.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã tạo đơn vị và gửi lời mời.", "Organisation created and invitation sent.")}</p> })}
            <ActionForm action=create attr:class="form" attr:novalidate="">
                <FormError answer />
                <fieldset>
                    <legend>{lang.tr("Chủ tài khoản", "Account owner")}</legend>
                    <Field name="full_name" required=true label=lang.tr("Họ và tên", "Full name") error=field_error(answer, "full_name") />
                    <Field name="email" kind="email" required=true label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                </fieldset>
                <OrganisationFields answer />
                <button type="submit" class="button">{lang.tr("Tạo và gửi lời mời", "Create and invite")}</button>
            </ActionForm>
        </section>
    }
}
