//! Organisations and their members: invitations, and staff registering a producer.

use super::*;

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
    // counted before anything is sent: per inviter, and per address so no inbox can be flooded
    let sender_bucket = format!("invite:sender:{}", session.viewer.user_id);
    let account_bucket = format!("invite:account:{}", email.as_str());
    let limits = [
        (sender_bucket.as_str(), throttle::INVITE_SENDER),
        (account_bucket.as_str(), throttle::INVITE_ACCOUNT),
    ];
    if let Err(wait) = throttle::take(&state.db, &limits, now).await? {
        return Err(ServiceError::TooMany(wait));
    }
    let inviter = session.viewer.full_name.clone();
    let mut tx = state.db.begin_write().await?;
    // an address that has an account answers the same as a new one (the form must not tell who
    // has an account); its owner hears of the invitation by e-mail
    if let Some(existing) = db::account::user_by_email_tx(&mut tx, email.as_str()).await? {
        let login = format!("{}{}", state.config.base_url, paths::LOGIN);
        let m = templates::invited_but_registered(
            existing.lang(),
            &existing.email,
            &existing.full_name,
            &org.name,
            &inviter,
            login,
        );
        enqueue(&mut tx, state, &m).await?;
        let mut entry = audit(req, "invite-member", "failure");
        entry.detail = Some("address already registered".into());
        db::account::audit_tx(&mut tx, &entry, now).await?;
        tx.commit().await?;
        return Ok(());
    }
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
