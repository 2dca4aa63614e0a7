//! Accounts: sign-up and e-mail verification, login and logout, passwords, sessions, invitations,
//! and the admin's management of users (the consoles that show them are built in `consoles`). Every function checks who is asking first
//! ([`RequestInfo`]), writes its audit line, and queues its e-mail in the same transaction as the
//! change it reports.

use chrono::Duration;

use super::error::{field, Refusal, ServiceError};

use crate::domain::paths;
use crate::{
    backend::{
        auth::{password, throttle, token, Denied, RequestInfo},
        db::{
            self,
            account::{AuditEntry, NewUser, UserListRow, UserRow},
            Tx,
        },
        mail, now, templates, AppState, ServerError,
    },
    domain::{
        account::{
            AccountPage, Email, FieldError, OrganisationForm, OrganisationPage, Role, SessionInfo, UserSummary, Viewer,
        },
        time, Lang,
    },
};

/// How long the links in e-mails work.
pub const VERIFY_FOR: Duration = Duration::hours(24);
pub const RESET_FOR: Duration = Duration::hours(1);
pub const INVITE_FOR: Duration = Duration::days(7);
pub const SET_PASSWORD_FOR: Duration = Duration::days(3);

type Result<T, E = ServiceError> = std::result::Result<T, E>;

fn audit(req: &RequestInfo, action: &'static str, outcome: &'static str) -> AuditEntry {
    AuditEntry {
        actor_user_id: req.viewer().map(|v| v.user_id),
        actor_email: req.viewer().map(|v| v.email.clone()),
        action,
        outcome,
        client_ip: Some(req.client_ip.clone()),
        ..AuditEntry::default()
    }
}

fn link(state: &AppState, path: &str, token: &str) -> String {
    format!("{}{path}?token={token}", state.config.base_url)
}

/// Makes a one-time link for `user_id` inside `tx`; older unused links of the same purpose stop working.
async fn issue_link(tx: &mut Tx, state: &AppState, user_id: i64, purpose: &str, valid_for: Duration) -> Result<String> {
    let now = now();
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    db::account::revoke_tokens(tx, user_id, purpose, now).await?;
    db::account::insert_token(tx, &token::hash_token(&secret), user_id, purpose, now + valid_for, now).await?;
    let path = if purpose == "verify-email" {
        paths::VERIFY_EMAIL
    } else {
        paths::SET_PASSWORD
    };
    Ok(link(state, path, &secret))
}

async fn enqueue(tx: &mut Tx, state: &AppState, m: &mail::OutgoingMail) -> Result<()> {
    mail::enqueue(tx, m, state.config.host()).await?;
    Ok(())
}

fn check_password(lang: Lang, password_field: &str, pw: &str, related: &[&str]) -> Result<()> {
    password::check_policy(pw, related).map_err(|e| field(password_field, e.message(lang)))
}

fn parse_email(lang: Lang, input: &str) -> Result<Email> {
    Email::parse(input).ok_or_else(|| field("email", lang.a().email_shape))
}

fn name_field(lang: Lang, field_name: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        Err(field(field_name, lang.a().required))
    } else if v.chars().count() > 120 {
        Err(field(field_name, format!("{} 120", lang.a().too_long)))
    } else {
        Ok(v.to_string())
    }
}

/// Registers an organisation whose tax code is not registered yet (else a message on the field).
async fn new_organisation(
    tx: &mut Tx,
    org: &crate::domain::account::Organisation,
    email: &Email,
    lang: Lang,
) -> Result<i64> {
    if db::account::tax_code_taken(tx, org.tax_code.as_str()).await? {
        return Err(field("tax_code", lang.a().tax_code_taken));
    }
    Ok(db::account::insert_organisation(
        tx,
        db::account::NewOrganisation {
            kind: org.kind.code(),
            name: &org.name,
            tax_code: org.tax_code.as_str(),
            commune_id: org.commune_id,
            phone: &org.phone,
            contact_person: &org.contact_person,
            email: email.as_str(),
            now: now(),
        },
    )
    .await?)
}

pub(super) fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{} {}", time::date(at), time::clock(at))
}

pub(super) fn summary(r: UserListRow) -> UserSummary {
    UserSummary {
        user_id: r.user_id,
        email: r.email,
        full_name: r.full_name,
        role: r.role,
        organisation: r.organisation,
        verified: r.email_verified_at.is_some(),
        disabled: r.disabled_at.is_some(),
        created: time::date(r.created_at),
        last_seen: r.last_seen_at.map(when),
    }
}

mod signup;
pub use signup::*;
mod login;
pub use login::*;
mod passwords;
pub use passwords::*;
mod own;
pub use own::*;
mod members;
pub use members::*;
mod admin;
pub use admin::*;
