//! Signing up an organisation and its first user, and verifying the e-mail address.

use super::*;

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
    // counted before the work, atomically: a burst cannot all pass one count
    if let Err(wait) = throttle::take(&state.db, &limits, now).await? {
        return Err(ServiceError::TooMany(wait));
    }
    let hash = password::hash_blocking(input.password).await?;
    let mut tx = state.db.begin_write().await?;
    if let Some(existing) = db::account::user_by_email_tx(&mut tx, email.as_str()).await? {
        let forgot = format!("{}{}", state.config.base_url, paths::FORGOT_PASSWORD);
        let login = format!("{}{}", state.config.base_url, paths::LOGIN);
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
