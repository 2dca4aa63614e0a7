//! The consoles: a producer's organisation, the staff console, the admin console. Each page is a
//! lazy route and checks the role before asking the server (which checks again).

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use super::{
    account::{guarded, lazy_page, OrganisationFields},
    public::not_found::ErrorNotice,
    use_lang,
};
use crate::pages::page_data::page_data;
use crate::{
    api::account::{
        get_admin_console, get_organisation, get_staff_console, AdminCreateStaff, AdminSetDisabled, AdminSetRole,
        InviteMember, StaffCreateProducer,
    },
    components::form::{field_error, succeeded, Field, FormError, SelectField},
    domain::account::{Role, UserSummary},
};

lazy_page!(ProducerRoute, ProducerConsole);
lazy_page!(StaffRoute, StaffConsole);
lazy_page!(AdminRoute, AdminConsole);

#[component]
fn ProducerConsole() -> impl IntoView {
    guarded(|r| r == Role::Producer, || view! { <Organisation /> }.into_any())
}

#[component]
fn StaffConsole() -> impl IntoView {
    guarded(Role::is_staff, || view! { <StaffHome /> }.into_any())
}

#[component]
fn AdminConsole() -> impl IntoView {
    guarded(|r| r == Role::Admin, || view! { <AdminHome /> }.into_any())
}

#[component]
fn Organisation() -> impl IntoView {
    let lang = use_lang();
    let invite = ServerAction::<InviteMember>::new();
    let data = page_data(move || invite.version().get(), |_| get_organisation());
    let answer = Signal::from(invite.value());
    let invited = succeeded(answer);
    view! {
        <Title text=lang.tr("Đơn vị của tôi", "My organisation") />
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(org) => view! {
                        <h1>{org.name.clone()}</h1>
                        <dl class="facts">
                            <div class="fact"><dt>{lang.tr("Loại hình", "Type")}</dt><dd>{org.kind.label(lang)}</dd></div>
                            <div class="fact"><dt>{lang.tr("Mã số thuế", "Tax code")}</dt><dd>{org.tax_code.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Địa bàn", "Location")}</dt><dd>{org.commune.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Điện thoại", "Phone")}</dt><dd>{org.phone.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Người liên hệ", "Contact person")}</dt><dd>{org.contact_person.clone()}</dd></div>
                        </dl>
                        <super::apply::MyApplicationsSection />
                        <super::catalogue::ProfileEditor />
                        <super::catalogue::ProductCatalogue />
                        <section aria-labelledby="members-title">
                            <h2 id="members-title">{lang.tr("Người dùng của đơn vị", "Users of the organisation")}</h2>
                            <UserTable users=org.members.clone() show_org=false />
                        </section>
                        {org.can_invite.then(|| view! {
                            <section aria-labelledby="invite-title" class="narrow">
                                <h2 id="invite-title">{lang.tr("Mời thêm người dùng", "Invite a colleague")}</h2>
                                {move || invited.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã gửi lời mời.", "Invitation sent.")}</p> })}
                                <ActionForm action=invite attr:class="form" attr:novalidate="">
                                    <FormError answer />
                                    <Field name="full_name" required=true label=lang.tr("Họ và tên", "Full name") error=field_error(answer, "full_name") />
                                    <Field name="email" kind="email" required=true label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                                    <button type="submit" class="button">{lang.tr("Gửi lời mời", "Send invitation")}</button>
                                </ActionForm>
                            </section>
                        })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(users: Vec<UserSummary>, show_org: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table">
            <thead><tr>
                <th>{lang.tr("Họ và tên", "Name")}</th>
                <th>{lang.tr("E-mail", "E-mail")}</th>
                {show_org.then(|| view! { <th>{lang.tr("Đơn vị", "Organisation")}</th> })}
                <th>{lang.tr("Trạng thái", "Status")}</th>
                <th>{lang.tr("Hoạt động gần nhất", "Last active")}</th>
            </tr></thead>
            <tbody>
                {users.into_iter().map(|u| view! {
                    <tr>
                        <td>{u.full_name}</td>
                        <td>{u.email}</td>
                        {show_org.then(|| view! { <td>{u.organisation.unwrap_or_default()}</td> })}
                        <td>{user_status(&u.verified, &u.disabled, lang)}</td>
                        <td>{u.last_seen.unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn user_status(verified: &bool, disabled: &bool, lang: crate::domain::Lang) -> &'static str {
    match (verified, disabled) {
        (_, true) => lang.tr("Đã khóa", "Disabled"),
        (false, false) => lang.tr("Chưa kích hoạt", "Not activated"),
        (true, false) => lang.tr("Đang hoạt động", "Active"),
    }
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
                        <p><a class="button" href="/can-bo/su-kien">{lang.tr("Kế hoạch sự kiện", "Event planning")}</a></p>
                        <super::catalogue::RatingsToVerify />
                        <section aria-labelledby="calls-title">
                            <h2 id="calls-title">{lang.tr("Đang nhận hồ sơ", "Open calls")}</h2>
                            {if s.open_calls.is_empty() {
                                view! { <p class="empty">{lang.tr("Không có đợt nào đang mở.", "No call is open.")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="open-calls">
                                        {s.open_calls.into_iter().map(|c| view! {
                                            <li class:soon=c.this_week>
                                                <a href=format!("/can-bo/su-kien/{}", c.event_id)>{c.title}</a>
                                                " — " {lang.tr("hạn chót", "deadline")} " " {c.closes} " · "
                                                <span class="call-counts">{lang.tr_owned(
                                                    &format!("{} nháp · {} chờ duyệt · {} đã duyệt", c.drafts, c.submitted, c.approved),
                                                    &format!("{} drafts · {} to review · {} approved", c.drafts, c.submitted, c.approved),
                                                )}</span> " · "
                                                <a class="review-link" href=format!("/can-bo/su-kien/{}/ho-so", c.event_id)>{lang.tr("Hồ sơ đăng ký", "Applications")}</a>
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
                                            <td><a href=format!("/can-bo/su-kien/{}", e.event_id)>{e.title}</a></td>
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
            <a href="/can-bo">{lang.tr("bàn làm việc của cán bộ", "staff console")}</a> "."
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
