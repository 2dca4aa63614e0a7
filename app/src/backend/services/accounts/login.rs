//! Logging in (throttled before the password is checked) and out.

use super::*;

/// Verifies a password (or the dummy, for no account), counting the argon2 work done.
pub(super) async fn verify_password(state: &AppState, pw: String, stored: Option<String>) -> bool {
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
