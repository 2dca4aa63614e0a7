//! Server functions of accounts: sign-up, login, passwords, the account page, the consoles.
//! Each is a thin adapter: who is asking → one service call → a reply with the right status.
//! All are POST (the default encoding, which plain HTML forms can also send); none changes
//! anything through GET.

// A form's server function takes one argument per field (plain HTML forms post flat fields), and
// the macro copies the signature into the browser's stub, where an item-level allow does not reach.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::ApiError;
use crate::domain::{
    account::{AccountPage, AdminPage, OrganisationPage, StaffPage},
    reference::Commune,
    Lang,
};

#[cfg(feature = "ssr")]
use crate::backend::services::accounts as svc;

#[cfg(feature = "ssr")]
fn org_form(
    org_name: String,
    org_kind: String,
    tax_code: String,
    commune: String,
    phone: String,
    contact_person: String,
) -> crate::domain::account::OrganisationForm {
    crate::domain::account::OrganisationForm {
        org_name,
        org_kind,
        tax_code,
        commune,
        phone,
        contact_person,
    }
}

/// The communes a sign-up form offers.
#[server(endpoint = "account/communes")]
pub async fn get_communes(lang: Lang) -> Result<Vec<Commune>, ApiError> {
    let state = super::state()?;
    super::reply(crate::backend::db::reference::communes(&state.db, lang).await)
}

#[server(endpoint = "account/sign-up")]
pub async fn sign_up(
    email: String,
    password: String,
    full_name: String,
    org_name: String,
    org_kind: String,
    tax_code: String,
    commune: String,
    phone: String,
    contact_person: String,
) -> Result<(), ApiError> {
    let state = super::state()?;
    let input = svc::SignUp {
        email,
        password,
        full_name,
        org: org_form(org_name, org_kind, tax_code, commune, phone, contact_person),
    };
    super::reply(svc::sign_up(&state, &super::request(), input).await)?;
    super::plain_form_goes_to(&format!("{}?da-gui=1", crate::domain::paths::SIGN_UP));
    Ok(())
}

#[server(endpoint = "account/verify-email")]
pub async fn verify_email(token: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::verify_email(&state, &super::request(), &token).await)?;
    super::plain_form_goes_to(&format!("{}?xac-minh=1", crate::domain::paths::LOGIN));
    Ok(())
}

/// Logs in; sets the session cookie and answers where this role's work begins.
#[server(endpoint = "account/login")]
pub async fn login(email: String, password: String) -> Result<String, ApiError> {
    let state = super::state()?;
    let logged_in = super::reply(svc::login(&state, &super::request(), &email, password).await)?;
    let cookie = crate::backend::auth::session::set_cookie(&state.config, &logged_in.token);
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    let home = logged_in.viewer.role.home();
    super::plain_form_goes_to(home);
    Ok(home.to_string())
}

#[server(endpoint = "account/forgot-password")]
pub async fn forgot_password(email: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::forgot_password(&state, &super::request(), &email).await)?;
    super::plain_form_goes_to(&format!("{}?da-gui=1", crate::domain::paths::FORGOT_PASSWORD));
    Ok(())
}

/// What a password link is for ("reset-password", "invite", "set-password"), or `None` when it
/// no longer works.
#[server(endpoint = "account/password-link")]
pub async fn password_link(token: String) -> Result<Option<String>, ApiError> {
    let state = super::state()?;
    super::reply(svc::link_purpose(&state, &token).await)
}

#[server(endpoint = "account/set-password")]
pub async fn set_password(token: String, password: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::set_password_with_link(&state, &super::request(), &token, password).await)?;
    super::plain_form_goes_to(&format!("{}?mat-khau=moi", crate::domain::paths::LOGIN));
    Ok(())
}

#[server(endpoint = "account/change-password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::change_password(&state, &super::request(), current_password, new_password).await)
}

#[server(endpoint = "account/me")]
pub async fn get_account() -> Result<AccountPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::account_page(&state, &super::request()).await)
}

#[server(endpoint = "account/end-session")]
pub async fn end_session(id: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::end_session(&state, &super::request(), &id).await)
}

#[server(endpoint = "producer/organisation")]
pub async fn get_organisation() -> Result<OrganisationPage, ApiError> {
    let state = super::state()?;
    super::reply(svc::organisation_page(&state, &super::request()).await)
}

#[server(endpoint = "producer/invite")]
pub async fn invite_member(email: String, full_name: String) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::invite_member(&state, &super::request(), &email, &full_name).await)
}

#[server(endpoint = "staff/console")]
pub async fn get_staff_console() -> Result<StaffPage, ApiError> {
    let state = super::state()?;
    super::reply(crate::backend::services::consoles::staff_page(&state, &super::request()).await)
}

#[server(endpoint = "staff/create-producer")]
pub async fn staff_create_producer(
    email: String,
    full_name: String,
    org_name: String,
    org_kind: String,
    tax_code: String,
    commune: String,
    phone: String,
    contact_person: String,
) -> Result<(), ApiError> {
    let state = super::state()?;
    let org = org_form(org_name, org_kind, tax_code, commune, phone, contact_person);
    super::reply(svc::staff_create_producer(&state, &super::request(), org, &email, &full_name).await)
}

#[server(endpoint = "admin/console")]
pub async fn get_admin_console() -> Result<AdminPage, ApiError> {
    let state = super::state()?;
    super::reply(crate::backend::services::consoles::admin_page(&state, &super::request()).await)
}

#[server(endpoint = "admin/create-staff")]
pub async fn admin_create_staff(email: String, full_name: String, role: String) -> Result<(), ApiError> {
    use crate::domain::account::Role;
    let state = super::state()?;
    let req = super::request();
    let role = Role::parse(&role).unwrap_or(Role::Producer);
    super::reply(svc::admin_create_staff(&state, &req, &email, &full_name, role).await)
}

#[server(endpoint = "admin/set-role")]
pub async fn admin_set_role(user_id: i64, role: String) -> Result<(), ApiError> {
    use crate::domain::account::Role;
    let state = super::state()?;
    let role = Role::parse(&role).unwrap_or(Role::Producer);
    super::reply(svc::admin_set_role(&state, &super::request(), user_id, role).await)
}

#[server(endpoint = "admin/set-disabled")]
pub async fn admin_set_disabled(user_id: i64, disabled: bool) -> Result<(), ApiError> {
    let state = super::state()?;
    super::reply(svc::admin_set_disabled(&state, &super::request(), user_id, disabled).await)
}
