//! Accounts: sign-up and e-mail verification, login and logout, passwords, sessions, invitations,
//! and the admin's management of users. Every function checks who is asking first
//! ([`RequestInfo`]), writes its audit line, and queues its e-mail in the same transaction as the
//! change it reports.

use chrono::Duration;

use super::error::{field, Refusal, ServiceError};

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
            AccountPage, AdminPage, Email, FailedMail, FieldError, OrganisationForm, OrganisationPage, Role,
            SessionInfo, StaffPage, UserSummary, Viewer,
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
        "/xac-minh-email"
    } else {
        "/dat-mat-khau"
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

// ---- sign-up and verification ---------------------------------------------------------------

/// What a producer types to sign up.
#[derive(Clone, Debug, Default)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub full_name: String,
    pub org: OrganisationForm,
}

/// Creates an unverified producer account and its organisation, and sends the verification link.
/// When the address already has an account, the form answers the same and its owner is told by
/// e-mail, so the form does not reveal who has an account.
pub async fn sign_up(state: &AppState, req: &RequestInfo, input: SignUp) -> Result<()> {
    let lang = req.lang;
    let now = now();
    let ip_bucket = format!("sign-up:ip:{}", req.client_ip);
    if let Err(wait) = throttle::check(&state.db, &ip_bucket, throttle::SIGN_UP_IP, now).await? {
        return Err(ServiceError::TooMany(wait));
    }
    let mut errors = Vec::new();
    let email = Email::parse(&input.email);
    if email.is_none() {
        errors.push(FieldError::new("email", lang.a().email_shape));
    }
    let full_name = name_field(lang, "full_name", &input.full_name).map_err(|e| {
        if let ServiceError::Fields(f) = e {
            errors.extend(f);
        }
    });
    let org = input.org.validate(lang).map_err(|f| errors.extend(f));
    if let (Some(email), Ok(full_name), Ok(org)) = (&email, &full_name, &org) {
        let related = [email.as_str(), full_name.as_str(), org.name.as_str()];
        if let Err(e) = password::check_policy(&input.password, &related) {
            errors.push(FieldError::new("password", e.message(lang)));
        }
        if let Some(commune_id) = org.commune_id {
            if !db::account::commune_exists(&state.db, commune_id).await? {
                errors.push(FieldError::new("commune", lang.a().commune_unknown));
            }
        }
    }
    let (Some(email), Ok(full_name), Ok(org), true) = (email, full_name, org, errors.is_empty()) else {
        return Err(ServiceError::Fields(errors));
    };
    // per address too: repeated sign-ups with one e-mail would otherwise flood its owner's inbox
    let account_bucket = format!("sign-up:account:{}", email.as_str());
    let limits = [
        (account_bucket.as_str(), throttle::SIGN_UP_ACCOUNT),
        (ip_bucket.as_str(), throttle::SIGN_UP_IP),
    ];
    if let Err(wait) = throttle::check_all(&state.db, &limits, now).await? {
        return Err(ServiceError::TooMany(wait));
    }
    for (bucket, limit) in limits {
        throttle::hit(&state.db, bucket, limit, now).await?;
    }
    let hash = password::hash_blocking(input.password).await?;
    let mut tx = state.db.begin_write().await?;
    if let Some(existing) = db::account::user_by_email_tx(&mut tx, email.as_str()).await? {
        let forgot = format!("{}/quen-mat-khau", state.config.base_url);
        let login = format!("{}/dang-nhap", state.config.base_url);
        let m = templates::already_registered(existing.lang(), &existing.email, &existing.full_name, login, forgot);
        enqueue(&mut tx, state, &m).await?;
        let mut entry = audit(req, "sign-up", "failure");
        entry.actor_email = Some(email.as_str().to_string());
        entry.detail = Some("address already registered".into());
        db::account::audit_tx(&mut tx, &entry, now).await?;
        tx.commit().await?;
        return Ok(());
    }
    let producer_id = new_organisation(&mut tx, &org, &email, lang).await?;
    let user_id = db::account::insert_user(
        &mut tx,
        NewUser {
            email: email.as_str(),
            password_hash: Some(&hash),
            full_name: &full_name,
            phone: Some(&org.phone),
            role: Role::Producer,
            producer_id: Some(producer_id),
            is_owner: true,
            lang,
            verified: false,
            now,
        },
    )
    .await?;
    let url = issue_link(&mut tx, state, user_id, "verify-email", VERIFY_FOR).await?;
    let m = templates::verify_email(lang, email.as_str(), &full_name, &org.name, url);
    enqueue(&mut tx, state, &m).await?;
    let mut entry = audit(req, "sign-up", "success");
    entry.actor_user_id = Some(user_id);
    entry.actor_email = Some(email.as_str().to_string());
    entry.object_type = Some("producer");
    entry.object_id = Some(producer_id.to_string());
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Uses a verification link: the account works from now on.
pub async fn verify_email(state: &AppState, req: &RequestInfo, secret: &str) -> Result<()> {
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let Some((user_id, _)) =
        db::account::consume_token(&mut tx, &token::hash_token(secret), &["verify-email"], now).await?
    else {
        return Err(Refusal::LinkInvalid.into());
    };
    db::account::mark_verified(&mut tx, user_id, now).await?;
    let mut entry = audit(req, "verify-email", "success");
    entry.actor_user_id = Some(user_id);
    entry.object_type = Some("user");
    entry.object_id = Some(user_id.to_string());
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

// ---- login and logout ---------------------------------------------------------------------------

/// Verifies a password (or the dummy, for no account), counting the argon2 work done.
async fn verify_password(state: &AppState, pw: String, stored: Option<String>) -> bool {
    let checked = password::verify_blocking(pw, stored).await;
    state
        .counters
        .argon2_verifications
        .fetch_add(u64::from(checked.argon2_runs), std::sync::atomic::Ordering::Relaxed);
    checked.ok
}

/// A new session: the cookie's secret and who it belongs to.
#[derive(Debug)]
pub struct LoggedIn {
    pub token: String,
    pub viewer: Viewer,
}

/// Checks e-mail and password and starts a new session (a new id every time: a session id known
/// before login is worth nothing after it). An unknown e-mail and a wrong password get the same
/// answer after the same work.
pub async fn login(state: &AppState, req: &RequestInfo, email_input: &str, pw: String) -> Result<LoggedIn> {
    let now = now();
    let typed = email_input.trim().to_lowercase();
    let account_bucket = format!("login:account:{typed}:{}", req.client_ip);
    let anywhere_bucket = format!("login:account:{typed}");
    let ip_bucket = format!("login:ip:{}", req.client_ip);
    let limits = [
        (account_bucket.as_str(), throttle::LOGIN_ACCOUNT),
        (anywhere_bucket.as_str(), throttle::LOGIN_ACCOUNT_ANYWHERE),
        (ip_bucket.as_str(), throttle::LOGIN_IP),
    ];
    // the attempt counts before the password is checked: parallel guesses cannot all be tried
    let taken = match throttle::take(&state.db, &limits, now).await? {
        Ok(taken) => taken,
        Err(wait) => {
            let mut entry = audit(req, "login", "denied");
            entry.actor_email = Some(typed.chars().take(254).collect());
            entry.detail = Some("throttled".into());
            db::account::audit(&state.db, &entry, now).await?;
            return Err(ServiceError::TooMany(wait));
        }
    };
    let user = match Email::parse(&typed) {
        Some(e) => db::account::user_by_email(&state.db, e.as_str()).await?,
        None => None,
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_password(state, pw, stored).await;
    let user = match (ok, user) {
        (true, Some(u)) => u,
        (_, user) => {
            let mut entry = audit(req, "login", "failure");
            entry.actor_user_id = user.as_ref().map(|u| u.user_id);
            entry.actor_email = Some(typed.chars().take(254).collect());
            entry.detail = Some(
                if user.is_some() {
                    "wrong password"
                } else {
                    "unknown account"
                }
                .into(),
            );
            db::account::audit(&state.db, &entry, now).await?;
            return Err(Refusal::LoginFailed.into());
        }
    };
    // The password was right: now it is safe to say what else is wrong.
    let refusal = if user.disabled_at.is_some() {
        Some(("disabled", Refusal::AccountDisabled))
    } else if user.email_verified_at.is_none() {
        Some(("not verified", Refusal::AccountNotVerified))
    } else {
        None
    };
    if let Some((why, refusal)) = refusal {
        let mut entry = audit(req, "login", "denied");
        entry.actor_user_id = Some(user.user_id);
        entry.actor_email = Some(user.email.clone());
        entry.detail = Some(why.into());
        db::account::audit(&state.db, &entry, now).await?;
        return Err(refusal.into());
    }
    // the right password: this attempt does not count, and this address's failures are forgotten
    db::account::release_hits(&state.db, &taken).await?;
    throttle_clear(state, &account_bucket).await?;
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    // The session this browser had before (if any) ends: the new one has a new id.
    if let Some(old) = &req.session {
        db::account::delete_session(&state.db, &old.hash).await?;
    }
    let mut tx = state.db.begin_write().await?;
    db::account::insert_session(
        &mut tx,
        db::account::NewSession {
            session_hash: &token::hash_token(&secret),
            user_id: user.user_id,
            now,
            expires_at: now + state.config.session_absolute,
            user_agent: req.user_agent.as_deref(),
            client_ip: &req.client_ip,
        },
    )
    .await?;
    let mut entry = audit(req, "login", "success");
    entry.actor_user_id = Some(user.user_id);
    entry.actor_email = Some(user.email.clone());
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(LoggedIn {
        token: secret,
        viewer: user.viewer(),
    })
}

async fn throttle_clear(state: &AppState, bucket: &str) -> Result<()> {
    db::account::clear_hits(&state.db, bucket).await?;
    Ok(())
}

/// Ends the session this request carries (if any).
pub async fn logout(state: &AppState, req: &RequestInfo) -> Result<()> {
    if let Some(s) = &req.session {
        db::account::delete_session(&state.db, &s.hash).await?;
        db::account::audit(&state.db, &audit(req, "logout", "success"), now()).await?;
    }
    Ok(())
}

// ---- passwords --------------------------------------------------------------------------------

/// Sends a reset link when the address has an enabled account; answers the same either way.
pub async fn forgot_password(state: &AppState, req: &RequestInfo, email_input: &str) -> Result<()> {
    let lang = req.lang;
    let now = now();
    let email = parse_email(lang, email_input)?;
    let account_bucket = format!("reset:account:{}", email.as_str());
    let ip_bucket = format!("reset:ip:{}", req.client_ip);
    let limits = [
        (account_bucket.as_str(), throttle::RESET_ACCOUNT),
        (ip_bucket.as_str(), throttle::RESET_IP),
    ];
    if let Err(wait) = throttle::check_all(&state.db, &limits, now).await? {
        return Err(ServiceError::TooMany(wait));
    }
    for (bucket, limit) in limits {
        throttle::hit(&state.db, bucket, limit, now).await?;
    }
    let mut tx = state.db.begin_write().await?;
    let user = db::account::user_by_email_tx(&mut tx, email.as_str()).await?;
    let mut entry = audit(req, "password-reset-request", "success");
    entry.actor_email = Some(email.as_str().to_string());
    match user.filter(|u| u.disabled_at.is_none()) {
        Some(u) => {
            let url = issue_link(&mut tx, state, u.user_id, "reset-password", RESET_FOR).await?;
            let m = templates::reset_password(u.lang(), &u.email, &u.full_name, url);
            enqueue(&mut tx, state, &m).await?;
            entry.actor_user_id = Some(u.user_id);
        }
        None => {
            entry.outcome = "failure";
            entry.detail = Some("no such enabled account".into());
        }
    }
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// What a one-time password link is for, if it still works (the page words itself by it).
pub async fn link_purpose(state: &AppState, secret: &str) -> Result<Option<String>> {
    Ok(db::account::token_purpose(&state.db, &token::hash_token(secret), now()).await?)
}

/// Sets a password through a reset, invitation or first-password link. Ends every session of
/// the account; an invitation also confirms the address (the link reached it).
pub async fn set_password_with_link(state: &AppState, req: &RequestInfo, secret: &str, pw: String) -> Result<()> {
    let lang = req.lang;
    let now = now();
    let hash = token::hash_token(secret);
    let Some(purpose) = db::account::token_purpose(&state.db, &hash, now).await? else {
        return Err(Refusal::LinkInvalid.into());
    };
    let user = db::account::token_user(&state.db, &hash)
        .await?
        .ok_or(ServiceError::NotFound)?;
    check_password(lang, "password", &pw, &[user.email.as_str(), user.full_name.as_str()])?;
    let pw_hash = password::hash_blocking(pw).await?;
    let mut tx = state.db.begin_write().await?;
    let purposes = ["reset-password", "invite", "set-password"];
    if db::account::consume_token(&mut tx, &hash, &purposes, now)
        .await?
        .is_none()
    {
        return Err(Refusal::LinkInvalid.into());
    }
    db::account::set_password(&mut tx, user.user_id, &pw_hash, true, now).await?;
    db::account::delete_sessions(&mut tx, user.user_id, None).await?;
    let mut entry = audit(req, "password-reset", "success");
    entry.actor_user_id = Some(user.user_id);
    entry.actor_email = Some(user.email.clone());
    entry.detail = Some(purpose);
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the viewer's password; every other session of the account ends.
pub async fn change_password(state: &AppState, req: &RequestInfo, current: String, new: String) -> Result<()> {
    let lang = req.lang;
    let session = req.signed_in()?;
    let v = &session.viewer;
    let user = db::account::user_by_id(&state.db, v.user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !verify_password(state, current, user.password_hash.clone()).await {
        let mut entry = audit(req, "password-change", "failure");
        entry.detail = Some("wrong current password".into());
        db::account::audit(&state.db, &entry, now()).await?;
        return Err(field("current_password", lang.a().wrong_current_password));
    }
    check_password(lang, "new_password", &new, &[v.email.as_str(), v.full_name.as_str()])?;
    let pw_hash = password::hash_blocking(new).await?;
    let now = now();
    let mut tx = state.db.begin_write().await?;
    db::account::set_password(&mut tx, v.user_id, &pw_hash, false, now).await?;
    db::account::delete_sessions(&mut tx, v.user_id, Some(&session.hash)).await?;
    let forgot = format!("{}/quen-mat-khau", state.config.base_url);
    let m = templates::password_changed(v.lang, &v.email, &v.full_name, forgot);
    enqueue(&mut tx, state, &m).await?;
    db::account::audit_tx(&mut tx, &audit(req, "password-change", "success"), now).await?;
    tx.commit().await?;
    Ok(())
}

// ---- my account ---------------------------------------------------------------------------------

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{} {}", time::date(at), time::clock(at))
}

/// A short description of a browser from its User-Agent, e.g. "Chrome · Android".
fn device(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or("");
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("CocCoc", "Cốc Cốc"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map_or("?", |(_, name)| name);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map_or("?", |(_, name)| name);
    format!("{browser} · {os}")
}

pub async fn account_page(state: &AppState, req: &RequestInfo) -> Result<AccountPage> {
    let session = req.signed_in()?;
    let v = &session.viewer;
    let organisation = match v.producer_id {
        Some(id) => db::account::organisation(&state.db, id).await?.map(|o| o.name),
        None => None,
    };
    let sessions = db::account::sessions_of(&state.db, v.user_id, now())
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            current: s.session_hash == session.hash,
            id: s.session_hash,
            started: when(s.created_at),
            last_seen: when(s.last_seen_at),
            device: device(s.user_agent.as_deref()),
            client_ip: s.client_ip.unwrap_or_default(),
        })
        .collect();
    Ok(AccountPage {
        viewer: v.clone(),
        organisation,
        sessions,
    })
}

/// Ends one of the viewer's own sessions; another person's answers "not found".
pub async fn end_session(state: &AppState, req: &RequestInfo, id: &str) -> Result<()> {
    let session = req.signed_in()?;
    if !db::account::delete_own_session(&state.db, session.viewer.user_id, id).await? {
        return Err(ServiceError::NotFound);
    }
    let mut entry = audit(req, "session-end", "success");
    entry.object_type = Some("session");
    db::account::audit(&state.db, &entry, now()).await?;
    Ok(())
}

/// Remembers the account's language (e-mails follow it).
pub async fn set_language(state: &AppState, req: &RequestInfo, lang: Lang) -> Result<()> {
    let session = req.signed_in()?;
    db::account::set_lang(&state.db, session.viewer.user_id, lang, now()).await?;
    Ok(())
}

// ---- organisations and invitations ----------------------------------------------------------------

fn summary(r: UserListRow) -> UserSummary {
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

/// The viewer's organisation and its users.
pub async fn organisation_page(state: &AppState, req: &RequestInfo) -> Result<OrganisationPage> {
    let (session, producer_id) = req.producer()?;
    let lang = req.lang;
    let o = db::account::organisation(&state.db, producer_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let commune = match o.commune_id {
        Some(id) => db::reference::commune_name(&state.db, id, lang)
            .await?
            .unwrap_or_default(),
        None => lang.t().other_province.to_string(),
    };
    let members = db::account::members(&state.db, producer_id)
        .await?
        .into_iter()
        .map(summary)
        .collect();
    Ok(OrganisationPage {
        producer_id,
        name: o.name,
        kind: o.kind,
        tax_code: o.tax_code.unwrap_or_default(),
        commune,
        phone: o.phone.unwrap_or_default(),
        contact_person: o.contact_person.unwrap_or_default(),
        members,
        can_invite: session.viewer.is_owner,
    })
}

/// Creates a user who chooses a password through an invitation link.
#[allow(clippy::too_many_arguments)]
async fn invite_user(
    tx: &mut Tx,
    state: &AppState,
    email: &Email,
    full_name: &str,
    producer_id: i64,
    org_name: &str,
    is_owner: bool,
    inviter: &str,
    lang: Lang,
) -> Result<i64> {
    let now = now();
    let user_id = db::account::insert_user(
        tx,
        NewUser {
            email: email.as_str(),
            password_hash: None,
            full_name,
            phone: None,
            role: Role::Producer,
            producer_id: Some(producer_id),
            is_owner,
            lang,
            verified: false,
            now,
        },
    )
    .await?;
    let url = issue_link(tx, state, user_id, "invite", INVITE_FOR).await?;
    let m = templates::invite(lang, email.as_str(), full_name, org_name, inviter, url);
    enqueue(tx, state, &m).await?;
    Ok(user_id)
}

/// The owner of an organisation invites a colleague.
pub async fn invite_member(state: &AppState, req: &RequestInfo, email_input: &str, full_name: &str) -> Result<()> {
    let lang = req.lang;
    let (session, producer_id) = req.producer()?;
    if !session.viewer.is_owner {
        return Err(ServiceError::Denied(Denied::Forbidden));
    }
    let email = parse_email(lang, email_input)?;
    let full_name = name_field(lang, "full_name", full_name)?;
    let org = db::account::organisation(&state.db, producer_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if db::account::user_by_email_tx(&mut tx, email.as_str()).await?.is_some() {
        return Err(field("email", lang.a().email_taken));
    }
    let inviter = session.viewer.full_name.clone();
    let user_id = invite_user(
        &mut tx,
        state,
        &email,
        &full_name,
        producer_id,
        &org.name,
        false,
        &inviter,
        lang,
    )
    .await?;
    let mut entry = audit(req, "invite-member", "success");
    entry.object_type = Some("user");
    entry.object_id = Some(user_id.to_string());
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Staff register an organisation for someone who is not online yet, and invite its owner.
pub async fn staff_create_producer(
    state: &AppState,
    req: &RequestInfo,
    org_form: OrganisationForm,
    owner_email: &str,
    owner_name: &str,
) -> Result<()> {
    let lang = req.lang;
    req.staff()?;
    let mut errors = Vec::new();
    let email = Email::parse(owner_email);
    if email.is_none() {
        errors.push(FieldError::new("email", lang.a().email_shape));
    }
    let owner_name = name_field(lang, "full_name", owner_name).map_err(|e| {
        if let ServiceError::Fields(f) = e {
            errors.extend(f);
        }
    });
    let org = org_form.validate(lang).map_err(|f| errors.extend(f));
    if let Ok(o) = &org {
        if let Some(commune_id) = o.commune_id {
            if !db::account::commune_exists(&state.db, commune_id).await? {
                errors.push(FieldError::new("commune", lang.a().commune_unknown));
            }
        }
    }
    let (Some(email), Ok(owner_name), Ok(org), true) = (email, owner_name, org, errors.is_empty()) else {
        return Err(ServiceError::Fields(errors));
    };
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if db::account::user_by_email_tx(&mut tx, email.as_str()).await?.is_some() {
        return Err(field("email", lang.a().email_taken));
    }
    let producer_id = new_organisation(&mut tx, &org, &email, lang).await?;
    let inviter = lang.t().site_owner;
    invite_user(
        &mut tx,
        state,
        &email,
        &owner_name,
        producer_id,
        &org.name,
        true,
        inviter,
        Lang::Vi,
    )
    .await?;
    let mut entry = audit(req, "create-producer", "success");
    entry.object_type = Some("producer");
    entry.object_id = Some(producer_id.to_string());
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn staff_page(state: &AppState, req: &RequestInfo) -> Result<StaffPage> {
    req.staff()?;
    let now = now();
    let mut upcoming = crate::backend::services::planning::list(state, req).await?;
    // the list is newest first; the dashboard wants the next ones, soonest first
    upcoming.reverse();
    let upcoming = upcoming
        .into_iter()
        .filter(|e| {
            !matches!(
                e.status,
                crate::domain::EventStatus::Completed | crate::domain::EventStatus::Cancelled
            )
        })
        .filter(|e| e.ends_at > now)
        .take(8)
        .collect();
    let counts = db::application::counts(&state.db).await?;
    let count = |event_id: i64, statuses: &[&str]| -> i64 {
        counts
            .iter()
            .filter(|c| c.0 == event_id && statuses.contains(&c.1.as_str()))
            .map(|c| c.2)
            .sum()
    };
    let open_calls = db::booths::open_calls(&state.db, now)
        .await?
        .into_iter()
        .map(|(event_id, title, closes_at)| crate::domain::account::OpenCall {
            event_id,
            title,
            closes: when(closes_at),
            this_week: closes_at - now <= Duration::days(7),
            drafts: count(event_id, &["draft"]),
            submitted: count(event_id, &["submitted", "in-review"]),
            approved: count(event_id, &["approved"]),
        })
        .collect();
    Ok(StaffPage {
        producers: db::account::count_producers(&state.db).await?,
        producer_users: db::account::count_users(&state.db, "producer").await?,
        upcoming_events: db::account::count_upcoming_events(&state.db, now).await?,
        upcoming,
        open_calls,
    })
}

// ---- administration ------------------------------------------------------------------------------

pub async fn admin_page(state: &AppState, req: &RequestInfo) -> Result<AdminPage> {
    req.admin()?;
    let users = db::account::list_users(&state.db, 1000)
        .await?
        .into_iter()
        .map(summary)
        .collect();
    let failed_mail = db::mail::failed(&state.db, 100)
        .await?
        .into_iter()
        .map(|m| FailedMail {
            mail_id: m.mail_id,
            kind: m.kind,
            to_address: m.to_address,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            updated: when(m.updated_at),
        })
        .collect();
    Ok(AdminPage { users, failed_mail })
}

/// Creates a staff or admin account and returns the link that sets its first password (also
/// e-mailed). Used by the admin console and by `server create-admin`.
pub async fn create_staff_account(
    state: &AppState,
    actor: Option<&RequestInfo>,
    email_input: &str,
    full_name: &str,
    role: Role,
    lang: Lang,
) -> Result<String> {
    let email = parse_email(lang, email_input)?;
    let full_name = name_field(lang, "full_name", full_name)?;
    if !role.is_staff() {
        return Err(field("role", lang.a().choose_one));
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if db::account::user_by_email_tx(&mut tx, email.as_str()).await?.is_some() {
        return Err(field("email", lang.a().email_taken));
    }
    let user_id = db::account::insert_user(
        &mut tx,
        NewUser {
            email: email.as_str(),
            password_hash: None,
            full_name: &full_name,
            phone: None,
            role,
            producer_id: None,
            is_owner: false,
            lang,
            verified: false,
            now,
        },
    )
    .await?;
    let url = issue_link(&mut tx, state, user_id, "set-password", SET_PASSWORD_FOR).await?;
    let m = templates::staff_welcome(lang, email.as_str(), &full_name, role.label(lang), url.clone());
    enqueue(&mut tx, state, &m).await?;
    let mut entry = match actor {
        Some(req) => audit(req, "create-staff", "success"),
        None => AuditEntry {
            action: "create-staff",
            outcome: "success",
            detail: Some("command line".into()),
            ..AuditEntry::default()
        },
    };
    entry.object_type = Some("user");
    entry.object_id = Some(user_id.to_string());
    entry.detail = Some(format!("role {}", role.code()));
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(url)
}

pub async fn admin_create_staff(
    state: &AppState,
    req: &RequestInfo,
    email: &str,
    full_name: &str,
    role: Role,
) -> Result<()> {
    req.admin()?;
    create_staff_account(state, Some(req), email, full_name, role, req.lang)
        .await
        .map(|_| ())
}

fn target_user(user: Option<UserRow>, me: i64) -> Result<UserRow> {
    match user {
        Some(u) if u.user_id != me => Ok(u),
        // An admin cannot demote or disable themselves (the last admin would lock everyone out).
        Some(_) => Err(ServiceError::Denied(Denied::Forbidden)),
        None => Err(ServiceError::NotFound),
    }
}

/// Moves an account between staff and admin (producers stay producers).
pub async fn admin_set_role(state: &AppState, req: &RequestInfo, user_id: i64, role: Role) -> Result<()> {
    let me = req.admin()?.viewer.user_id;
    let user = target_user(db::account::user_by_id(&state.db, user_id).await?, me)?;
    if !role.is_staff() || user.role == Role::Producer {
        return Err(field("role", req.lang.a().choose_one));
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if !db::account::set_role(&mut tx, user_id, role, now).await? {
        return Err(ServiceError::NotFound);
    }
    let mut entry = audit(req, "role-change", "success");
    entry.object_type = Some("user");
    entry.object_id = Some(user_id.to_string());
    entry.detail = Some(format!("{} -> {}", user.role.code(), role.code()));
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables an account (its sessions end at once) or enables it again.
pub async fn admin_set_disabled(state: &AppState, req: &RequestInfo, user_id: i64, disabled: bool) -> Result<()> {
    let me = req.admin()?.viewer.user_id;
    target_user(db::account::user_by_id(&state.db, user_id).await?, me)?;
    let now = now();
    let mut tx = state.db.begin_write().await?;
    db::account::set_disabled(&mut tx, user_id, disabled, now).await?;
    let ended = if disabled {
        db::account::delete_sessions(&mut tx, user_id, None).await?
    } else {
        0
    };
    let mut entry = audit(
        req,
        if disabled { "account-disable" } else { "account-enable" },
        "success",
    );
    entry.object_type = Some("user");
    entry.object_id = Some(user_id.to_string());
    entry.detail = disabled.then(|| format!("{ended} sessions ended"));
    db::account::audit_tx(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(())
}
