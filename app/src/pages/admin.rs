//! The admin console (`/quan-tri`): accounts, roles, and mail that could not be sent. A lazy
//! route; it checks the role before asking the server (which checks again).

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::use_lang;
use crate::domain::paths;
use crate::{
    api::account::{get_admin_console, AdminCreateStaff, AdminSetDisabled, AdminSetRole},
    components::{
        form::{field_error, succeeded, Field, FormError, SelectField},
        user_table::user_status,
    },
    domain::account::Role,
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page},
    },
};

lazy_page!(AdminRoute, AdminConsole);

#[component]
fn AdminConsole() -> impl IntoView {
    guarded(|r| r == Role::Admin, || view! { <AdminHome /> }.into_any())
}

#[component]
fn AdminHome() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<AdminCreateStaff>::new();
    let set_role = ServerAction::<AdminSetRole>::new();
    let set_disabled = ServerAction::<AdminSetDisabled>::new();
    let data = page_data(
        move || {
            (
                create.version().get(),
                set_role.version().get(),
                set_disabled.version().get(),
            )
        },
        |_| get_admin_console(),
    );
    let answer = Signal::from(create.value());
    let created = succeeded(answer);
    let role_options = move || {
        [Role::Staff, Role::Admin]
            .into_iter()
            .map(|r| (r.code().to_string(), r.label(lang).to_string()))
            .collect::<Vec<_>>()
    };
    let title = lang.tr("Quản trị hệ thống", "Administration");
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p class="lead">
            {lang.tr("Kế hoạch sự kiện, đợt nhận hồ sơ, xét duyệt và phân gian hàng ở", "Events, calls for applications, review and booths are in the")} " "
            <a href=paths::STAFF>{lang.tr("bàn làm việc của cán bộ", "staff console")}</a> "."
        </p>
        <FormError answer=Signal::from(set_role.value()) />
        <FormError answer=Signal::from(set_disabled.value()) />
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! {
                        <section aria-labelledby="users-title">
                            <h2 id="users-title">{lang.tr("Người dùng", "Users")}</h2>
                            <table class="table users">
                                <thead><tr>
                                    <th>{lang.tr("Họ và tên", "Name")}</th>
                                    <th>{lang.tr("E-mail", "E-mail")}</th>
                                    <th>{lang.tr("Vai trò", "Role")}</th>
                                    <th>{lang.tr("Đơn vị", "Organisation")}</th>
                                    <th>{lang.tr("Trạng thái", "Status")}</th>
                                    <th>{lang.tr("Hoạt động gần nhất", "Last active")}</th>
                                    <th>{lang.tr("Thao tác", "Actions")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.users.into_iter().map(|u| {
                                        let other_role = match u.role { Role::Staff => Some(Role::Admin), Role::Admin => Some(Role::Staff), Role::Producer => None };
                                        let email = u.email.clone();
                                        view! {
                                            <tr data-email=email>
                                                <td>{u.full_name}</td>
                                                <td>{u.email}</td>
                                                <td>{u.role.label(lang)}</td>
                                                <td>{u.organisation.unwrap_or_default()}</td>
                                                <td>{user_status(&u.verified, &u.disabled, lang)}</td>
                                                <td>{u.last_seen.unwrap_or_else(|| "—".into())}</td>
                                                <td class="actions">
                                                    {other_role.map(|r| view! {
                                                        <ActionForm action=set_role>
                                                            <input type="hidden" name="user_id" value=u.user_id />
                                                            <input type="hidden" name="role" value=r.code() />
                                                            <button type="submit" class="button-link">{lang.tr("Đổi thành", "Make")} " " {r.label(lang)}</button>
                                                        </ActionForm>
                                                    })}
                                                    <ActionForm action=set_disabled>
                                                        <input type="hidden" name="user_id" value=u.user_id />
                                                        <input type="hidden" name="disabled" value={if u.disabled { "false" } else { "true" }} />
                                                        <button type="submit" class="button-link">
                                                            {if u.disabled { lang.tr("Mở khóa", "Enable") } else { lang.tr("Khóa tài khoản", "Disable") }}
                                                        </button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        <section aria-labelledby="mail-title">
                            <h2 id="mail-title">{lang.tr("Thư không gửi được", "Undeliverable mail")}</h2>
                            {if page.failed_mail.is_empty() {
                                view! { <p class="empty">{lang.tr("Không có thư lỗi.", "No failed messages.")}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="table">
                                        <thead><tr>
                                            <th>{lang.tr("Người nhận", "To")}</th>
                                            <th>{lang.tr("Tiêu đề", "Subject")}</th>
                                            <th>{lang.tr("Số lần thử", "Attempts")}</th>
                                            <th>{lang.tr("Lỗi", "Error")}</th>
                                            <th>{lang.tr("Lúc", "When")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {page.failed_mail.into_iter().map(|m| view! {
                                                <tr><td>{m.to_address}</td><td>{m.subject}</td><td>{m.attempts}</td><td>{m.last_error}</td><td>{m.updated}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section aria-labelledby="staff-title" class="narrow">
            <h2 id="staff-title">{lang.tr("Tạo tài khoản cán bộ", "Create a staff account")}</h2>
            {move || created.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã tạo tài khoản và gửi đường dẫn đặt mật khẩu.", "Account created; a set-password link was sent.")}</p> })}
            <ActionForm action=create attr:class="form" attr:novalidate="">
                <FormError answer />
                <Field name="full_name" required=true label=lang.tr("Họ và tên", "Full name") error=field_error(answer, "full_name") />
                <Field name="email" kind="email" required=true label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                <SelectField name="role" label=lang.tr("Vai trò", "Role") options=role_options() selected="staff" error=field_error(answer, "role") />
                <button type="submit" class="button">{lang.tr("Tạo tài khoản", "Create account")}</button>
            </ActionForm>
        </section>
    }
}
