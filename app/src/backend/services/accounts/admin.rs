//! The admin's management of accounts: staff accounts, roles, disabling.

use super::*;

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
