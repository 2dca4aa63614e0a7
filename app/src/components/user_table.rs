//! The table of user accounts the producer's and the admin's consoles show.

use leptos::prelude::*;

use crate::{
    context::use_lang,
    domain::{account::UserSummary, Lang},
};

#[component]
pub fn UserTable(users: Vec<UserSummary>, show_org: bool) -> impl IntoView {
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

/// An account's state in a word: active, not activated yet, or disabled.
pub fn user_status(verified: &bool, disabled: &bool, lang: Lang) -> &'static str {
    match (verified, disabled) {
        (_, true) => lang.tr("Đã khóa", "Disabled"),
        (false, false) => lang.tr("Chưa kích hoạt", "Not activated"),
        (true, false) => lang.tr("Đang hoạt động", "Active"),
    }
}
