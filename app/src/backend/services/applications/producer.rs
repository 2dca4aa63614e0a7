//! The producer's side: the application form, documents, withdrawal, accepting an offer, and their own list.

use super::*;
use crate::domain::ids::{ApplicationId, EventId, ProducerId};

/// The producer's products with their ratings, as an application offers them.
async fn product_choices(db: &Db, producer_id: i64, ev: &EventFacts, lang: Lang) -> Result<Vec<ProductChoice>> {
    let last_day = ev.last_day();
    Ok(db::catalogue::of_producer(db, producer_id)
        .await?
        .into_iter()
        .map(|p| {
            let expiry = p.decision_date.and_then(certificate_expiry);
            ProductChoice {
                product_id: p.product_id,
                name: lang.pick(&p.name_vi, p.name_en.as_deref()).to_string(),
                stars: stars(p.ocop_stars),
                verified: p.verified_at.is_some(),
                expiry: expiry.map(|d| d.format("%d/%m/%Y").to_string()),
                expires_before_event: stars(p.ocop_stars).is_some() && expiry.is_none_or(|e| e < last_day),
            }
        })
        .collect())
}

/// The call's questions; `application` marks the documents it has attached.
async fn asked_questions(db: &Db, event_id: i64, application: Option<i64>) -> Result<Vec<AskedQuestion>> {
    let attached: BTreeSet<i64> = match application {
        Some(id) => db::application::documents(db, id)
            .await?
            .into_iter()
            .map(|d| d.question_id)
            .collect(),
        None => BTreeSet::new(),
    };
    Ok(db::booths::questions(db, event_id)
        .await?
        .into_iter()
        .map(|q| AskedQuestion {
            question_id: q.question_id,
            kind: q.kind,
            required: q.required,
            choices: q.choices_vi.unwrap_or_default().lines().map(str::to_string).collect(),
            attached: attached.contains(&q.question_id),
        })
        .collect())
}

/// The form as the stored application fills it.
async fn form_of(db: &Db, row: &AppRow, questions: &[AskedQuestion]) -> Result<ApplicationForm> {
    let mut form = ApplicationForm {
        booth_type: row.booth_type_id.map(|v| v.to_string()).unwrap_or_default(),
        booth_count: row.booth_count.to_string(),
        zone: row.zone_id.map(|v| v.to_string()).unwrap_or_default(),
        note: row.note.clone().unwrap_or_default(),
        ..ApplicationForm::default()
    };
    for p in db::application::product_ids(db, row.application_id).await? {
        form.products.insert(p.to_string(), "on".into());
    }
    for (qid, value) in db::application::answers(db, row.application_id).await? {
        match questions.iter().find(|q| q.question_id == qid) {
            Some(q) if q.kind == QuestionKind::Many => {
                for picked in value.lines() {
                    if let Some(n) = q.choices.iter().position(|c| c == picked) {
                        form.answers
                            .insert(ApplicationForm::answer_key(qid, Some(n)), "on".into());
                    }
                }
            }
            _ => {
                form.answers.insert(ApplicationForm::answer_key(qid, None), value);
            }
        }
    }
    Ok(form)
}

/// The application page of an event for the signed-in producer: the call, the booth types with
/// what they would pay, their products, and their application so far.
pub async fn apply_page(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<ApplyPage> {
    let (_, producer_id) = req.producer()?;
    let lang = req.lang;
    let ev = facts(&state.db, event_id).await?;
    let existing = db::application::find(&state.db, EventId(event_id), ProducerId(producer_id)).await?;
    if !ev.published && existing.is_none() {
        return Err(ServiceError::NotFound);
    }
    let products = product_choices(&state.db, producer_id, &ev, lang).await?;
    let questions = asked_questions(&state.db, event_id, None).await?;
    let attached = match &existing {
        Some(row) => db::application::documents(&state.db, row.application_id)
            .await?
            .into_iter()
            .map(|d| Attached {
                question_id: d.question_id,
                file_name: d.file_name,
                size: app::file_size(d.size_bytes),
            })
            .collect(),
        None => Vec::new(),
    };
    let form = match &existing {
        Some(row) => form_of(&state.db, row, &questions).await?,
        None => ApplicationForm::default(),
    };
    // the support follows the best rating among the products picked (all of them before a pick)
    let picked: Vec<&ProductChoice> = products
        .iter()
        .filter(|p| form.products.is_empty() || form.products.contains_key(&p.product_id.to_string()))
        .collect();
    let best = picked.iter().filter_map(|p| p.stars).max();
    let setup = super::super::booths::setup_of(&state.db, event_id, lang).await?;
    let types = setup
        .booth_types
        .iter()
        .map(|t| {
            let support = t.support_rate.min(ev.support(best));
            TypeOption {
                booth_type_id: t.booth_type_id,
                name: format!("{} · {}", t.name, t.size.label(lang)),
                price_vnd: t.price_vnd,
                support,
                amount_due: amount_due(t.price_vnd, t.support_rate, ev.support(best)),
            }
        })
        .collect();
    let at = now();
    let status = existing.as_ref().map(AppRow::status);
    Ok(ApplyPage {
        event_id,
        title: ev.title(lang),
        dates: time::date_range(ev.starts_at, ev.ends_at),
        closes: format!("{} {}", time::clock(ev.call.closes_at), time::date(ev.call.closes_at)),
        call_open: ev.call_open(at),
        min_stars: stars(ev.call.min_stars),
        max_booths: i64::from(ev.call.max_booths),
        documents: lang
            .pick(
                &ev.call.documents_vi,
                Some(ev.call.documents_en.as_str()).filter(|s| !s.is_empty()),
            )
            .to_string(),
        types,
        zones: setup.zones.iter().map(|z| (z.zone_id, z.name.clone())).collect(),
        products,
        questions: setup.questions,
        attached,
        form,
        application_id: existing.as_ref().map(|r| r.application_id),
        status,
        may_edit: status.map_or(ev.call_open(at), |s| app::producer_may_edit(s, ev.call_open(at))),
        message: existing.and_then(|r| r.message),
    })
}

/// Saves the producer's application as a draft, or submits it (`form.intent == "submit"`).
/// Returns the application and where it now stands.
pub async fn save(state: &AppState, req: &RequestInfo, event_id: i64, form: &ApplicationForm) -> Result<(i64, Status)> {
    let (session, producer_id) = req.producer()?;
    let user_id = session.viewer.user_id;
    let lang = req.lang;
    let ev = facts(&state.db, event_id).await?;
    let at = now();
    let open = ev.call_open(at);
    let products: Vec<(i64, Option<u8>)> = db::catalogue::of_producer(&state.db, producer_id)
        .await?
        .into_iter()
        .map(|p| (p.product_id, stars(p.ocop_stars)))
        .collect();
    let booth_types: Vec<i64> = db::booths::booth_types(&state.db, event_id)
        .await?
        .into_iter()
        .map(|t| t.booth_type_id)
        .collect();
    let zones: Vec<i64> = db::booths::zones(&state.db, event_id)
        .await?
        .into_iter()
        .map(|z| z.zone_id)
        .collect();
    let mine = db::application::find(&state.db, EventId(event_id), ProducerId(producer_id)).await?;
    let questions = asked_questions(&state.db, event_id, mine.map(|r| r.application_id)).await?;
    let rules = ApplyRules {
        booth_types: &booth_types,
        zones: &zones,
        max_booths: i64::from(ev.call.max_booths),
        products: &products,
        min_stars: stars(ev.call.min_stars),
        questions: &questions,
    };
    let input = form.validate(&rules, lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let existing = db::application::find_tx(&mut tx, EventId(event_id), ProducerId(producer_id)).await?;
    let submit =
        |from: Status| app::next(from, Action::Submit).ok_or_else(|| ServiceError::from(Refusal::NotAllowed(from)));
    // the status before this save, and after it
    let (id, before, status) = match existing {
        None => {
            if !ev.published {
                return Err(ServiceError::NotFound);
            }
            if !open {
                return Err(Refusal::CallClosed.into());
            }
            // a new application submitted at once is inserted so, not as a draft changed after
            let status = if input.submit {
                submit(Status::Draft)?
            } else {
                Status::Draft
            };
            let id = db::application::insert(
                &mut tx,
                EventId(event_id),
                ProducerId(producer_id),
                &input,
                status,
                Some(user_id),
                at,
            )
            .await?
            .ok_or_else(|| ServiceError::from(Refusal::CreatedMeanwhile))?;
            audit(&mut tx, req, "application-draft", id, None).await?;
            (id, Status::Draft, status)
        }
        Some(row) => {
            let status = row.status();
            if !app::producer_may_edit(status, open) {
                return Err(Refusal::NotEditable(status).into());
            }
            db::application::update_content(&mut tx, row.application_id, &input, at).await?;
            audit(&mut tx, req, "application-edit", row.application_id, None).await?;
            let to = if input.submit && status != Status::Submitted {
                let to = submit(status)?;
                if !db::application::set_status(&mut tx, row.application_id, status, to, None, Some(user_id), None, at)
                    .await?
                {
                    return Err(Refusal::ChangedMeanwhile.into());
                }
                to
            } else {
                status
            };
            (row.application_id, status, to)
        }
    };
    if status != before {
        audit(&mut tx, req, "application-submit", id, None).await?;
        tell_producer(&mut tx, state, producer_id, ApplicationNews::Submitted, &ev, None, "").await?;
    }
    tx.commit().await?;
    Ok((id, status))
}

/// Where application documents are stored, under `UPLOAD_DIR`.
const DOCUMENTS: &str = "applications";

/// Attaches a document (a PDF or a picture) to the producer's application, for one of the call's
/// questions that asks for a file; it replaces an earlier one. A producer who has not applied yet
/// gets a draft. Allowed while the application may be edited.
pub async fn attach_document(
    state: &AppState,
    req: &RequestInfo,
    event: EventId,
    question_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let event_id = event.0;
    let lang = req.lang;
    let ev = facts(&state.db, event_id).await?;
    let asks = asked_questions(&state.db, event_id, None)
        .await?
        .iter()
        .any(|q| q.question_id == question_id && q.kind == QuestionKind::File);
    if !ev.published || !asks {
        return Err(ServiceError::NotFound);
    }
    let field_name = format!("answers[{}]", ApplicationForm::answer_key(question_id, None));
    let kind = files::check(bytes, Accept::Document, &field_name, lang)?;
    let may_edit = |row: Option<&AppRow>| match row {
        Some(r) if !app::producer_may_edit(r.status(), ev.call_open(now())) => {
            Err(ServiceError::from(Refusal::NotEditable(r.status())))
        }
        None if !ev.call_open(now()) => Err(Refusal::CallClosed.into()),
        _ => Ok(()),
    };
    may_edit(
        db::application::find(&state.db, event, ProducerId(producer_id))
            .await?
            .as_ref(),
    )?;
    let stored = files::store(state, DOCUMENTS, bytes, kind).await?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let write = async {
        let at = now();
        let mut tx = state.db.begin_write().await?;
        let existing = db::application::find_tx(&mut tx, event, ProducerId(producer_id)).await?;
        may_edit(existing.as_ref())?;
        files::within_quota(state, &mut tx, producer_id, bytes.len(), lang)
            .await
            .map_err(|e| match e {
                // beside the question's own file field
                ServiceError::Fields(f) => ServiceError::Fields(
                    f.into_iter()
                        .map(|mut e| {
                            e.field.clone_from(&field_name);
                            e
                        })
                        .collect(),
                ),
                other => other,
            })?;
        let id = match existing {
            Some(row) => row.application_id,
            None => {
                let empty = app::ApplicationInput {
                    booth_type_id: None,
                    booth_count: 1,
                    zone_id: None,
                    products: Vec::new(),
                    answers: Vec::new(),
                    note: None,
                    submit: false,
                };
                let id =
                    db::application::insert(&mut tx, event, ProducerId(producer_id), &empty, Status::Draft, None, at)
                        .await?
                        .ok_or_else(|| ServiceError::from(Refusal::ChangedMeanwhile))?;
                audit(&mut tx, req, "application-draft", id, None).await?;
                id
            }
        };
        let name = app::shown_file_name(file_name);
        let old =
            db::application::put_document(&mut tx, ApplicationId(id), question_id, &stored, &name, size, at).await?;
        audit(
            &mut tx,
            req,
            "application-document",
            id,
            Some(format!("question {question_id}, {size} bytes")),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, ServiceError>(old)
    };
    match write.await {
        Ok(old) => {
            if let Some(old) = old {
                files::remove(state, DOCUMENTS, &old).await;
            }
            Ok(())
        }
        Err(e) => {
            files::remove(state, DOCUMENTS, &stored).await;
            Err(e)
        }
    }
}

/// A document of an application, for its producer and staff (anyone else: not found): the bytes,
/// their kind and the name the file had.
pub async fn document(
    state: &AppState,
    req: &RequestInfo,
    application_id: ApplicationId,
    question_id: i64,
) -> Result<(Vec<u8>, FileKind, String)> {
    let (owner, stored, name) = db::application::document(&state.db, application_id, question_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let allowed = req.staff().is_ok() || req.producer().is_ok_and(|(_, p)| p == owner);
    if !allowed {
        return Err(ServiceError::NotFound);
    }
    let (bytes, kind) = files::read(state, DOCUMENTS, &stored)
        .await
        .ok_or(ServiceError::NotFound)?;
    Ok((bytes, kind, name))
}

/// The producer's own application (another producer's is "not found").
async fn own(tx: &mut Tx, producer_id: ProducerId, application_id: ApplicationId) -> Result<AppRow> {
    db::application::get_tx(tx, application_id.0)
        .await?
        .filter(|r| r.producer_id == producer_id.0)
        .ok_or(ServiceError::NotFound)
}

/// Withdraws the producer's application, at any stage; its booths are freed and offered on.
pub async fn withdraw(state: &AppState, req: &RequestInfo, application_id: i64) -> Result<()> {
    let (session, producer_id) = req.producer()?;
    let user_id = session.viewer.user_id;
    let event_id = db::application::get(&state.db, application_id)
        .await?
        .filter(|r| r.producer_id == producer_id)
        .ok_or(ServiceError::NotFound)?
        .event_id;
    let ev = facts(&state.db, event_id).await?;
    let waiting = waiting_list(&state.db, event_id).await?;
    let mut tx = state.db.begin_write().await?;
    let row = own(&mut tx, ProducerId(producer_id), ApplicationId(application_id)).await?;
    let from = row.status();
    let to = app::next(from, Action::Withdraw).ok_or_else(|| ServiceError::from(Refusal::NotAllowed(from)))?;
    let at = now();
    if !db::application::set_status(&mut tx, application_id, from, to, None, Some(user_id), None, at).await? {
        return Err(Refusal::ChangedMeanwhile.into());
    }
    let freed = db::application::free_all(&mut tx, application_id).await?;
    audit(
        &mut tx,
        req,
        "application-withdraw",
        application_id,
        Some(format!("freed {} booths", freed.len())),
    )
    .await?;
    if from != Status::Draft {
        tell_producer(&mut tx, state, producer_id, ApplicationNews::Withdrawn, &ev, None, "").await?;
    }
    offer_freed(&mut tx, state, event_id, &ev, &freed, &waiting, &[application_id], at).await?;
    tx.commit().await?;
    Ok(())
}

/// The producer accepts a booth offered from the waiting list, before its deadline.
pub async fn accept_offer(state: &AppState, req: &RequestInfo, application_id: i64) -> Result<()> {
    let (session, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    let row = own(&mut tx, ProducerId(producer_id), ApplicationId(application_id)).await?;
    let from = row.status();
    let at = now();
    if from != Status::Offered || row.offer_expires_at.is_some_and(|e| e < at) {
        return Err(Refusal::OfferClosed.into());
    }
    let to = app::next(from, Action::AcceptOffer).ok_or_else(|| ServiceError::from(Refusal::NotAllowed(from)))?;
    if !db::application::set_status(
        &mut tx,
        application_id,
        from,
        to,
        None,
        Some(session.viewer.user_id),
        None,
        at,
    )
    .await?
    {
        return Err(Refusal::ChangedMeanwhile.into());
    }
    audit(&mut tx, req, "offer-accept", application_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The producer's applications with their timelines and booths, and the calls open to them.
/// `new_feed` is the secret of a private feed just made, carried back
/// by a plain form (no JavaScript) to be shown once; it is shown only when it is this producer's.
pub async fn mine(state: &AppState, req: &RequestInfo, new_feed: &str) -> Result<MyApplications> {
    let (_, producer_id) = req.producer()?;
    let lang = req.lang;
    let feed_url = if new_feed.is_empty() {
        None
    } else {
        db::application::feed_owner(&state.db, &token::hash_token(new_feed))
            .await?
            .filter(|owner| *owner == producer_id)
            .map(|_| feed_address(state, new_feed))
    };
    let rows = db::application::mine(&state.db, producer_id).await?;
    let history = db::application::history_of_producer(&state.db, producer_id).await?;
    let booths = db::application::booths_of_producer(&state.db, producer_id).await?;
    let best = best_claimed(&state.db, producer_id).await?;
    let reported = db::producer_report::submitted_of_producer(&state.db, producer_id).await?;
    let at = now();
    let mut applications = Vec::new();
    for r in rows {
        let status = r.status;
        let mine: Vec<(i64, String)> = booths
            .iter()
            .filter(|b| b.0 == r.application_id)
            .map(|b| (b.1, b.2.clone()))
            .collect();
        let plan = if mine.is_empty() {
            None
        } else {
            let setup = super::super::booths::setup_of(&state.db, r.event_id, lang).await?;
            let booths = setup
                .booths
                .into_iter()
                .map(|mut b| {
                    b.label = mine.iter().any(|m| m.0 == b.booth_id).then(|| "mine".to_string());
                    b
                })
                .collect();
            Some((setup.cols, setup.rows, booths))
        };
        let stars_here = best.get(&r.application_id).copied().flatten();
        let due = match (r.price_vnd, r.support_rate) {
            (Some(price), Some(cap)) => {
                amount_due(price, u8::try_from(cap).unwrap_or(0), r.call.support(stars_here)) * i64::from(r.booth_count)
            }
            _ => 0,
        };
        let call_open = r.call.open_at(r.published, at);
        applications.push(MyApplication {
            application_id: r.application_id,
            event_id: r.event_id,
            event_title: lang.pick(&r.title_vi, r.title_en.as_deref()).to_string(),
            event_dates: time::date_range(r.starts_at, r.ends_at),
            status,
            booth_type: r
                .type_vi
                .as_deref()
                .map(|vi| lang.pick(vi, r.type_en.as_deref()).to_string()),
            booth_count: i64::from(r.booth_count),
            amount_due: due,
            paid: r.paid_at.is_some(),
            booths: mine.into_iter().map(|m| m.1).collect(),
            timeline: history
                .iter()
                .filter(|h| h.0 == r.application_id)
                .map(|h| TimelineEntry {
                    at: format!("{} {}", time::date(h.3), time::clock(h.3)),
                    status: h.1,
                    message: h.2.clone(),
                })
                .collect(),
            message: r.message,
            offer_expires: r
                .offer_expires_at
                .map(|t| format!("{} {}", time::clock(t), time::date(t))),
            may_edit: app::producer_may_edit(status, call_open),
            results_report: (status == Status::Approved && r.ends_at <= at)
                .then(|| reported.contains(&r.application_id)),
            plan,
        });
    }
    let applied: BTreeSet<i64> = applications.iter().map(|a| a.event_id).collect();
    let open_calls = db::application::open_calls(&state.db, at)
        .await?
        .into_iter()
        .filter(|c| !applied.contains(&c.0))
        .map(|c| {
            (
                c.0,
                lang.pick(&c.1, c.2.as_deref()).to_string(),
                format!("{} {}", time::clock(c.3), time::date(c.3)),
            )
        })
        .collect();
    Ok(MyApplications {
        applications,
        open_calls,
        feed_url,
    })
}

/// The best claimed rating shown in each of a producer's applications.
async fn best_claimed(db: &Db, producer_id: i64) -> Result<HashMap<i64, Option<u8>>> {
    let mut out: HashMap<i64, Option<u8>> = HashMap::new();
    for p in db::application::shown_products_of_producer(db, producer_id).await? {
        let best = out.entry(p.application_id).or_default();
        *best = (*best).max(stars(p.ocop_stars));
    }
    Ok(out)
}
