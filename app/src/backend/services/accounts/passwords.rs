//! Forgotten passwords, one-time links that set a password, and changing one's own.

use super::*;

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
    // counted before the work, atomically: a burst cannot all pass one count
    if let Err(wait) = throttle::take(&state.db, &limits, now).await? {
        return Err(ServiceError::TooMany(wait));
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
