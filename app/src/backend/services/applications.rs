//! Producers apply for booths; staff review, rank, decide and allocate; freed booths are offered to
//! the waiting list. Every status change goes through [`application::next`], is written to the
//! application's timeline and the audit log, and is e-mailed (through the outbox, in the same
//! transaction) to the producer's users in their own language.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{
    error::{field, Refusal, ServiceError},
    files::{self, Accept},
};
use crate::{
    backend::{
        auth::{token, RequestInfo},
        db::{self, application::AppRow, Db, Tx},
        mail, now,
        templates::{self, ApplicationNews},
        AppState, ServerError,
    },
    domain::{
        application::{
            self as app, Action, ApplicationForm, ApplyPage, ApplyRules, AskedQuestion, Attached, FreeBooth,
            MyApplication, MyApplications, Part, ProductChoice, Proposal, ReviewFilter, ReviewPage, ReviewRow,
            ScoreInput, Status, TimelineEntry, TypeOption, Want, Weights,
        },
        booths::{amount_due, BoothStatus, QuestionKind},
        catalogue::certificate_expiry,
        text::fold,
        time,
        upload::FileKind,
        Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The event an application belongs to, as the rules need it.
struct EventFacts {
    title_vi: String,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    published: bool,
    call: db::booths::CallRow,
    /// The call's score weights.
    weights: Weights,
    /// How long a waiting-list producer has to accept a freed booth.
    offer_hours: i32,
}

impl EventFacts {
    fn title(&self, lang: Lang) -> String {
        lang.pick(&self.title_vi, self.title_en.as_deref()).to_string()
    }

    fn call_open(&self, at: DateTime<Utc>) -> bool {
        self.call.open_at(self.published, at)
    }

    /// The support rate the call gives a rating, in percent.
    fn support(&self, stars: Option<u8>) -> u8 {
        self.call.support(stars)
    }

    fn last_day(&self) -> NaiveDate {
        time::local_date(self.ends_at)
    }
}

async fn facts(db: &Db, event_id: i64) -> Result<EventFacts> {
    let Some(call) = db::booths::call(db, event_id).await? else {
        return Err(ServiceError::NotFound);
    };
    let d = db::event::any_detail(db, event_id, Lang::Vi)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let w = db::application::weights(db, event_id).await?;
    Ok(EventFacts {
        title_vi: d.title_vi,
        title_en: d.title_en,
        starts_at: d.starts_at,
        ends_at: d.ends_at,
        published: d.status == crate::domain::EventStatus::Published,
        call,
        weights: w.map_or_else(Weights::default, |w| Weights {
            stars_5: w.score_5,
            stars_4: w.score_4,
            stars_3: w.score_3,
            unrated: w.score_none,
            valid_certificate: w.score_valid,
            target_group: w.score_group,
            first_time: w.score_first,
        }),
        offer_hours: w.map_or(72, |w| w.offer_hours),
    })
}

fn stars(v: Option<i32>) -> Option<u8> {
    v.and_then(|s| u8::try_from(s).ok()).filter(|s| (3..=5).contains(s))
}

fn link(state: &AppState) -> String {
    format!("{}/doanh-nghiep#ho-so", state.config.base_url)
}

/// Queues one e-mail per user of the producer, each in that user's language.
#[allow(clippy::too_many_arguments)]
async fn tell_producer(
    tx: &mut Tx,
    state: &AppState,
    producer_id: i64,
    news: ApplicationNews,
    ev: &EventFacts,
    message: Option<&str>,
    detail: &str,
) -> Result<()> {
    for (email, name, lang) in db::application::recipients(tx, producer_id).await? {
        let m = templates::application_news(lang, &email, &name, news, &ev.title(lang), message, detail, link(state));
        mail::enqueue(tx, &m, state.config.host()).await?;
    }
    Ok(())
}

async fn audit(tx: &mut Tx, req: &RequestInfo, action: &'static str, id: i64, detail: Option<String>) -> Result<()> {
    Ok(super::record(tx, req, action, "application", id, detail).await?)
}

// ---- the producer ----------------------------------------------------------------------------

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
    let existing = db::application::find(&state.db, event_id, producer_id).await?;
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
    let setup = super::booths::setup_of(&state.db, event_id, lang).await?;
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
    let mine = db::application::find(&state.db, event_id, producer_id).await?;
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
    let existing = db::application::find_tx(&mut tx, event_id, producer_id).await?;
    let (id, status) = match existing {
        None => {
            if !ev.published {
                return Err(ServiceError::NotFound);
            }
            if !open {
                return Err(Refusal::CallClosed.into());
            }
            let id = db::application::insert(&mut tx, event_id, producer_id, &input, at)
                .await?
                .ok_or_else(|| ServiceError::from(Refusal::CreatedMeanwhile))?;
            db::application::update_content(&mut tx, id, &input, at).await?;
            audit(&mut tx, req, "application-draft", id, None).await?;
            (id, Status::Draft)
        }
        Some(row) => {
            let status = row.status();
            if !app::producer_may_edit(status, open) {
                return Err(Refusal::NotEditable(status).into());
            }
            db::application::update_content(&mut tx, row.application_id, &input, at).await?;
            audit(&mut tx, req, "application-edit", row.application_id, None).await?;
            (row.application_id, status)
        }
    };
    let status = if input.submit && status != Status::Submitted {
        let to = app::next(status, Action::Submit).ok_or_else(|| ServiceError::from(Refusal::NotAllowed(status)))?;
        if !db::application::set_status(&mut tx, id, status, to, None, Some(user_id), None, at).await? {
            return Err(Refusal::ChangedMeanwhile.into());
        }
        audit(&mut tx, req, "application-submit", id, None).await?;
        tell_producer(&mut tx, state, producer_id, ApplicationNews::Submitted, &ev, None, "").await?;
        to
    } else {
        status
    };
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
    event_id: i64,
    question_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<()> {
    let (_, producer_id) = req.producer()?;
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
    may_edit(db::application::find(&state.db, event_id, producer_id).await?.as_ref())?;
    let stored = files::store(state, DOCUMENTS, bytes, kind).await?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let write = async {
        let at = now();
        let mut tx = state.db.begin_write().await?;
        let existing = db::application::find_tx(&mut tx, event_id, producer_id).await?;
        may_edit(existing.as_ref())?;
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
                let id = db::application::insert(&mut tx, event_id, producer_id, &empty, at)
                    .await?
                    .ok_or_else(|| ServiceError::from(Refusal::ChangedMeanwhile))?;
                audit(&mut tx, req, "application-draft", id, None).await?;
                id
            }
        };
        let name = app::shown_file_name(file_name);
        let old = db::application::put_document(&mut tx, id, question_id, &stored, &name, size, at).await?;
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
    application_id: i64,
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
async fn own(tx: &mut Tx, producer_id: i64, application_id: i64) -> Result<AppRow> {
    db::application::get_tx(tx, application_id)
        .await?
        .filter(|r| r.producer_id == producer_id)
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
    let row = own(&mut tx, producer_id, application_id).await?;
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
    let row = own(&mut tx, producer_id, application_id).await?;
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
            let setup = super::booths::setup_of(&state.db, r.event_id, lang).await?;
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
                    status: Status::parse(&h.1).unwrap_or(Status::Draft),
                    message: h.2.clone(),
                })
                .collect(),
            message: r.message,
            offer_expires: r
                .offer_expires_at
                .map(|t| format!("{} {}", time::clock(t), time::date(t))),
            may_edit: app::producer_may_edit(status, call_open),
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

// ---- staff: review -----------------------------------------------------------------------------

/// An event's submitted applications, scored and ranked. `with_search` folds the names for the
/// diacritics-blind search (a cost only a search needs).
async fn ranked_rows(db: &Db, event_id: i64, lang: Lang, with_search: bool) -> Result<(EventFacts, Vec<ReviewRow>)> {
    let ev = facts(db, event_id).await?;
    let weights = ev.weights;
    let targets: BTreeSet<String> = db::event::group_codes(db, event_id).await?.into_iter().collect();
    let veterans: BTreeSet<i64> = db::application::series_veterans(db, event_id)
        .await?
        .into_iter()
        .collect();
    let base = db::application::review_base(db, event_id).await?;
    let shown = db::application::shown_products(db, event_id).await?;
    let allocations = db::application::allocations(db, event_id).await?;
    let documents = db::application::documents_of_event(db, event_id).await?;
    let last_day = ev.last_day();
    let mut shown_by: HashMap<i64, Vec<&db::application::ShownProduct>> = HashMap::new();
    for p in &shown {
        shown_by.entry(p.application_id).or_default().push(p);
    }
    let mut booths_by: HashMap<i64, Vec<String>> = HashMap::new();
    for a in allocations {
        booths_by.entry(a.0).or_default().push(a.2);
    }
    let mut documents_by: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for d in documents {
        documents_by
            .entry(d.application_id)
            .or_default()
            .push((d.question_id, d.file_name));
    }
    let no_products = Vec::new();
    let mut rows: Vec<ReviewRow> = base
        .into_iter()
        .map(|b| {
            let mine = shown_by.get(&b.application_id).unwrap_or(&no_products);
            let valid = |p: &db::application::ShownProduct| {
                p.decision_date
                    .and_then(certificate_expiry)
                    .is_some_and(|e| e >= last_day)
            };
            let verified = mine
                .iter()
                .filter(|p| p.verified_at.is_some())
                .filter_map(|p| stars(p.ocop_stars).map(|s| (s, valid(p))))
                .max();
            let claimed = mine.iter().filter_map(|p| stars(p.ocop_stars)).max();
            let score = app::score(
                ScoreInput {
                    verified_stars: verified.map(|v| v.0),
                    certificate_valid: verified.is_some_and(|v| v.1),
                    in_target_group: mine.iter().any(|p| targets.contains(&p.group_code)),
                    first_time: !veterans.contains(&b.producer_id),
                },
                &weights,
            );
            let commune = match (&b.commune_kind, &b.commune_name) {
                (Some(k), Some(n)) => db::reference::commune_display(k, n, lang),
                _ => String::new(),
            };
            let products: Vec<String> = mine.iter().map(|p| p.name_vi.clone()).collect();
            let mut groups: Vec<String> = mine.iter().map(|p| p.group_code.clone()).collect();
            groups.dedup();
            let due = match (b.price_vnd, b.support_rate) {
                (Some(price), Some(cap)) => {
                    amount_due(price, u8::try_from(cap).unwrap_or(0), ev.support(claimed)) * i64::from(b.booth_count)
                }
                _ => 0,
            };
            let submitted = b.submitted_at.or(b.first_submitted_at);
            ReviewRow {
                application_id: b.application_id,
                search: if with_search {
                    fold(&format!(
                        "{} {} {}",
                        b.producer,
                        b.tax_code.as_deref().unwrap_or_default(),
                        products.join(" ")
                    ))
                } else {
                    String::new()
                },
                producer: b.producer,
                commune_id: b.commune_id,
                commune,
                stars: verified.map(|v| v.0),
                claimed_stars: claimed,
                groups,
                certificate_expires: mine.iter().any(|p| stars(p.ocop_stars).is_some() && !valid(p)),
                products,
                booth_type_id: b.booth_type_id,
                booth_type: b
                    .type_vi
                    .as_deref()
                    .map(|vi| lang.pick(vi, b.type_en.as_deref()).to_string())
                    .unwrap_or_default(),
                booth_count: i64::from(b.booth_count),
                zone: b
                    .zone_vi
                    .as_deref()
                    .map(|vi| lang.pick(vi, b.zone_en.as_deref()).to_string())
                    .unwrap_or_default(),
                status: b.status,
                submitted: submitted
                    .map(|t| format!("{} {}", time::date(t), time::clock(t)))
                    .unwrap_or_default(),
                submitted_ts: b.first_submitted_at.map_or(i64::MAX, |t| t.timestamp()),
                score,
                rank: 0,
                booths: booths_by.remove(&b.application_id).unwrap_or_default(),
                amount_due: due,
                paid: b.paid_at.is_some(),
                staff_comment: b.staff_comment,
                message: b.message,
                documents: documents_by.remove(&b.application_id).unwrap_or_default(),
                tax_code: b.tax_code,
                zone_id: b.zone_id,
                note: b.note,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let live = |r: &ReviewRow| !r.status.is_final() && r.status != Status::Lapsed && r.status != Status::Draft;
        live(b).cmp(&live(a)).then(app::priority_order(
            (a.score.total, a.submitted_ts, a.application_id),
            (b.score.total, b.submitted_ts, b.application_id),
        ))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    Ok((ev, rows))
}

/// An event's review table as read and ranked, with the search text folded, and its booth setup.
pub struct Ranked {
    ev: EventFacts,
    rows: Vec<ReviewRow>,
    setup: crate::domain::booths::BoothSetup,
}

/// The ranked review tables of the events staff looked at last, per language, each with the
/// database's change stamp ([`Db::change_stamp`]) read before it: an entry serves only while the
/// stamp is the same, so any committed write is seen at the next request. Reading, decoding and
/// scoring 1,000 applications is most of the review page's cost (docs/benchmarks.md).
#[derive(Default)]
pub struct ReviewCache {
    entries: std::sync::Mutex<HashMap<(i64, Lang), Stamped>>,
    hits: std::sync::atomic::AtomicU64,
}

/// A ranked table with the change stamp read before it.
type Stamped = (i64, std::sync::Arc<Ranked>);

/// How many events' tables the cache keeps (a table of 1,000 applications is about 1 MB).
const REVIEW_CACHE_EVENTS: usize = 8;

impl ReviewCache {
    fn get(&self, key: (i64, Lang), stamp: i64) -> Option<std::sync::Arc<Ranked>> {
        let entries = self.entries.lock().ok()?;
        let found = entries.get(&key).filter(|e| e.0 == stamp).map(|e| e.1.clone());
        if found.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        found
    }

    fn put(&self, key: (i64, Lang), stamp: i64, ranked: std::sync::Arc<Ranked>) {
        if let Ok(mut entries) = self.entries.lock() {
            // entries of an older stamp are stale already
            entries.retain(|_, e| e.0 == stamp);
            if entries.len() >= REVIEW_CACHE_EVENTS {
                entries.clear();
            }
            entries.insert(key, (stamp, ranked));
        }
    }

    /// How many requests the cache answered (for tests and diagnostics).
    pub fn hits(&self) -> u64 {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The event's ranked table, from the cache while the database is unchanged.
/// The approved applications of an event, as the review table shows them (none when the event has
/// no call): the participating producers of its reports.
pub(crate) async fn participants(state: &AppState, event_id: i64, lang: Lang) -> Result<Vec<ReviewRow>> {
    match ranked(state, event_id, lang).await {
        Ok(r) => Ok(r
            .rows
            .iter()
            .filter(|r| r.status == Status::Approved)
            .cloned()
            .collect()),
        Err(ServiceError::NotFound) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

async fn ranked(state: &AppState, event_id: i64, lang: Lang) -> Result<std::sync::Arc<Ranked>> {
    let stamp = state.db.change_stamp().await?;
    if let Some(r) = state.review_cache.get((event_id, lang), stamp) {
        return Ok(r);
    }
    let (ev, rows) = ranked_rows(&state.db, event_id, lang, true).await?;
    let setup = super::booths::setup_of(&state.db, event_id, lang).await?;
    let r = std::sync::Arc::new(Ranked { ev, rows, setup });
    state.review_cache.put((event_id, lang), stamp, r.clone());
    Ok(r)
}

/// The review page: the filtered table, the counts, the floor plan with allocations.
pub async fn review(state: &AppState, req: &RequestInfo, event_id: i64, filter: &ReviewFilter) -> Result<ReviewPage> {
    req.staff()?;
    let lang = req.lang;
    let ranked = ranked(state, event_id, lang).await?;
    let (ev, rows) = (&ranked.ev, &ranked.rows);
    let mut counts: Vec<(Status, usize)> = app::STATUSES
        .into_iter()
        .map(|s| (s, rows.iter().filter(|r| r.status == s).count()))
        .filter(|c| c.1 > 0)
        .collect();
    counts.sort();
    let setup = &ranked.setup;
    let booths = plan_with_exhibitors(setup.booths.clone(), rows);
    let mut groups: Vec<String> = rows.iter().flat_map(|r| r.groups.clone()).collect();
    groups.sort();
    groups.dedup();
    let mut communes: Vec<(i64, String)> = rows
        .iter()
        .filter_map(|r| r.commune_id.map(|c| (c, r.commune.clone())))
        .collect();
    communes.sort();
    communes.dedup();
    let passing = filter.apply(rows);
    let total = passing.len();
    let pages = total.div_ceil(app::REVIEW_PAGE).max(1);
    let page = filter
        .page
        .parse::<usize>()
        .ok()
        .filter(|p| (1..=pages).contains(p))
        .unwrap_or(1);
    let shown: Vec<ReviewRow> = passing
        .into_iter()
        .skip((page - 1) * app::REVIEW_PAGE)
        .take(app::REVIEW_PAGE)
        .map(|r| ReviewRow {
            // the folded text is for searching here, not for the page
            search: String::new(),
            ..r.clone()
        })
        .collect();
    Ok(ReviewPage {
        event_id,
        title: ev.title(lang),
        rows: shown,
        total,
        page,
        pages,
        counts,
        weights: Some(ev.weights),
        cols: setup.cols,
        rows_on_plan: setup.rows,
        booths,
        booth_types: setup
            .booth_types
            .iter()
            .map(|t| (t.booth_type_id, t.name.clone()))
            .collect(),
        groups,
        communes,
    })
}

/// The floor plan's booths with allocated ones marked and labelled with their exhibitor (booth
/// codes are unique within an event).
fn plan_with_exhibitors(
    booths: Vec<crate::domain::booths::Booth>,
    rows: &[ReviewRow],
) -> Vec<crate::domain::booths::Booth> {
    let holder: HashMap<&str, &str> = rows
        .iter()
        .flat_map(|r| r.booths.iter().map(|code| (code.as_str(), r.producer.as_str())))
        .collect();
    booths
        .into_iter()
        .map(|mut b| {
            if let Some(producer) = holder.get(b.code.as_str()) {
                b.status = BoothStatus::Allocated;
                b.label = Some((*producer).to_string());
            }
            b
        })
        .collect()
}

/// The staff's decision on one or several applications of an event: all of them move, or none.
/// Rejecting and asking for changes need a message for the producer.
pub async fn decide(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    ids: &[i64],
    action: Action,
    message: &str,
) -> Result<usize> {
    let staff = req.staff()?.viewer.user_id;
    let lang = req.lang;
    if action.actor() != app::Actor::Staff {
        return Err(ServiceError::NotFound);
    }
    let message = message.trim();
    if action.needs_message() && message.is_empty() {
        return Err(field(
            "message",
            lang.tr(
                "Vui lòng ghi lý do hoặc nội dung cần bổ sung để gửi cho đơn vị.",
                "Please write the reason or what to change; the producer will read it.",
            ),
        ));
    }
    if ids.is_empty() {
        return Err(field(
            "ids",
            lang.tr("Chưa chọn hồ sơ nào.", "No application is selected."),
        ));
    }
    let ev = facts(&state.db, event_id).await?;
    let waiting = if action == Action::Reject {
        waiting_list(&state.db, event_id).await?
    } else {
        Vec::new()
    };
    let at = now();
    let mut tx = state.db.begin_write().await?;
    let mut freed = Vec::new();
    for &id in ids {
        let row = db::application::get_tx(&mut tx, id)
            .await?
            .filter(|r| r.event_id == event_id && r.first_submitted_at.is_some())
            .ok_or(ServiceError::NotFound)?;
        let from = row.status();
        let to = app::next(from, action).ok_or_else(|| ServiceError::from(Refusal::NotAllowed(from)))?;
        let msg = (!message.is_empty()).then_some(message);
        if !db::application::set_status(&mut tx, id, from, to, msg, Some(staff), None, at).await? {
            return Err(Refusal::ChangedMeanwhile.into());
        }
        if to == Status::Rejected {
            freed.extend(db::application::free_all(&mut tx, id).await?);
        }
        audit(
            &mut tx,
            req,
            "application-decide",
            id,
            Some(format!("{} -> {}", from.code(), to.code())),
        )
        .await?;
        let news = match to {
            Status::Approved => Some(ApplicationNews::Approved),
            Status::Waitlisted => Some(ApplicationNews::Waitlisted),
            Status::Rejected => Some(ApplicationNews::Rejected),
            Status::ChangesRequested => Some(ApplicationNews::ChangesRequested),
            _ => None,
        };
        if let Some(news) = news {
            tell_producer(&mut tx, state, row.producer_id, news, &ev, msg, "").await?;
        }
    }
    offer_freed(&mut tx, state, event_id, &ev, &freed, &waiting, ids, at).await?;
    tx.commit().await?;
    Ok(ids.len())
}

/// An internal note on an application: staff only, never shown to the producer.
pub async fn comment(state: &AppState, req: &RequestInfo, application_id: i64, text: &str) -> Result<()> {
    req.staff()?;
    let text = text.trim();
    if text.chars().count() > 2000 {
        return Err(field(
            "comment",
            req.lang.tr("Tối đa 2000 ký tự.", "At most 2000 characters."),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    db::application::get_tx(&mut tx, application_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    db::application::set_staff_comment(&mut tx, application_id, (!text.is_empty()).then_some(text)).await?;
    audit(&mut tx, req, "application-comment", application_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the booth fee paid (or not); there is no payment gateway.
pub async fn mark_paid(state: &AppState, req: &RequestInfo, application_id: i64, paid: bool) -> Result<()> {
    let staff = req.staff()?.viewer.user_id;
    let mut tx = state.db.begin_write().await?;
    let row = db::application::get_tx(&mut tx, application_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.status() != Status::Approved {
        return Err(Refusal::NotAllowed(row.status()).into());
    }
    let (by, at) = if paid { (Some(staff), Some(now())) } else { (None, None) };
    db::application::set_paid(&mut tx, application_id, by, at).await?;
    audit(
        &mut tx,
        req,
        if paid { "fee-paid" } else { "fee-unpaid" },
        application_id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- staff: allocation ---------------------------------------------------------------------------

/// Gives a booth to an approved application. Two requests for one booth: exactly one wins, the
/// other is told the booth is taken (the database's unique index decides).
pub async fn allocate(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    application_id: i64,
    booth_id: i64,
) -> Result<()> {
    let staff = req.staff()?.viewer.user_id;
    let ev = facts(&state.db, event_id).await?;
    let mut tx = state.db.begin_write().await?;
    let row = db::application::get_tx(&mut tx, application_id)
        .await?
        .filter(|r| r.event_id == event_id)
        .ok_or(ServiceError::NotFound)?;
    if row.status() != Status::Approved {
        return Err(Refusal::NotApproved.into());
    }
    if db::application::allocation_count(&mut tx, application_id).await? >= i64::from(row.booth_count) {
        return Err(Refusal::BoothsComplete.into());
    }
    let (status, ..) = db::application::booth_for_allocation(&mut tx, event_id, booth_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if status == "blocked" {
        return Err(Refusal::BoothBlocked.into());
    }
    if !db::application::allocate(&mut tx, event_id, booth_id, application_id, Some(staff), now()).await? {
        return Err(Refusal::BoothTaken.into());
    }
    let code = db::application::booth_code(&mut tx, booth_id).await?;
    audit(&mut tx, req, "booth-allocate", application_id, Some(code.clone())).await?;
    tell_producer(
        &mut tx,
        state,
        row.producer_id,
        ApplicationNews::Allocated,
        &ev,
        None,
        &code,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a booth back from an application (staff changing the plan); it is not offered on.
pub async fn deallocate(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    application_id: i64,
    booth_id: i64,
) -> Result<()> {
    req.staff()?;
    let mut tx = state.db.begin_write().await?;
    db::application::get_tx(&mut tx, application_id)
        .await?
        .filter(|r| r.event_id == event_id)
        .ok_or(ServiceError::NotFound)?;
    if !db::application::deallocate(&mut tx, application_id, booth_id).await? {
        return Err(ServiceError::NotFound);
    }
    audit(
        &mut tx,
        req,
        "booth-deallocate",
        application_id,
        Some(format!("booth {booth_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The booths nobody holds, and what the approved applications still need, in priority order.
async fn open_ground(db: &Db, event_id: i64, lang: Lang) -> Result<(Vec<ReviewRow>, Vec<Want>, Vec<FreeBooth>)> {
    let (_, rows) = ranked_rows(db, event_id, lang, false).await?;
    let allocations = db::application::allocations(db, event_id).await?;
    let blocks = db::booths::blocks(db, event_id).await?;
    let wants = rows
        .iter()
        .filter(|r| r.status == Status::Approved)
        .map(|r| Want {
            application_id: r.application_id,
            count: usize::try_from(r.booth_count)
                .unwrap_or(0)
                .saturating_sub(r.booths.len()),
            booth_type_id: r.booth_type_id,
            zone_id: r.zone_id,
            commune_id: r.commune_id,
        })
        .collect();
    let free = db::booths::booths(db, event_id)
        .await?
        .into_iter()
        .filter(|b| b.status != BoothStatus::Blocked && !allocations.iter().any(|a| a.1 == b.booth_id))
        .map(|b| FreeBooth {
            booth_id: b.booth_id,
            booth_type_id: b.booth_type_id,
            zone_id: b.zone_id,
            x: b.x,
            y: b.y,
            width: b.width,
            held_for: b
                .block_id
                .map(|id| blocks.iter().find(|k| k.block_id == id).and_then(|k| k.commune_id)),
        })
        .collect();
    Ok((rows, wants, free))
}

/// A proposal for staff to look at: approved applications in priority order get booths.
pub async fn propose(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<Proposal> {
    req.staff()?;
    let (rows, wants, free) = open_ground(&state.db, event_id, req.lang).await?;
    let pairs = app::propose(&wants, &free);
    let codes = db::booths::booths(&state.db, event_id).await?;
    let name = |id: i64| {
        rows.iter()
            .find(|r| r.application_id == id)
            .map(|r| r.producer.clone())
            .unwrap_or_default()
    };
    let short = wants
        .iter()
        .filter(|w| pairs.iter().filter(|p| p.0 == w.application_id).count() < w.count)
        .map(|w| name(w.application_id))
        .collect();
    Ok(Proposal {
        pairs: pairs
            .into_iter()
            .map(|(a, b)| {
                let code = codes
                    .iter()
                    .find(|c| c.booth_id == b)
                    .map(|c| c.code.clone())
                    .unwrap_or_default();
                (a, name(a), b, code)
            })
            .collect(),
        short,
    })
}

/// Accepts the proposal as it stands now; a booth taken in the meantime is skipped. Returns how
/// many booths were given.
pub async fn accept_proposal(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<usize> {
    let staff = req.staff()?.viewer.user_id;
    let ev = facts(&state.db, event_id).await?;
    let proposal = propose(state, req, event_id).await?;
    let mut tx = state.db.begin_write().await?;
    let at = now();
    let mut given: Vec<(i64, String)> = Vec::new();
    for (application_id, _, booth_id, code) in &proposal.pairs {
        // a savepoint per booth would let PostgreSQL go on after a conflict; a conflict here
        // means someone allocated meanwhile, so the whole proposal is refused and recomputed
        if !db::application::allocate(&mut tx, event_id, *booth_id, *application_id, Some(staff), at).await? {
            return Err(Refusal::BoothTaken.into());
        }
        given.push((*application_id, code.clone()));
    }
    let mut by_app: Vec<(i64, Vec<String>)> = Vec::new();
    for (id, code) in given.iter().cloned() {
        match by_app.iter_mut().find(|x| x.0 == id) {
            Some(x) => x.1.push(code),
            None => by_app.push((id, vec![code])),
        }
    }
    for (id, codes) in &by_app {
        if let Some(row) = db::application::get_tx(&mut tx, *id).await? {
            tell_producer(
                &mut tx,
                state,
                row.producer_id,
                ApplicationNews::Allocated,
                &ev,
                None,
                &codes.join(", "),
            )
            .await?;
        }
        audit(&mut tx, req, "booth-allocate", *id, Some(codes.join(", "))).await?;
    }
    tx.commit().await?;
    Ok(given.len())
}

/// The waiting list in priority order. Read before a change's transaction begins (reading on a
/// second connection inside it could wait on the transaction's own lock).
async fn waiting_list(db: &Db, event_id: i64) -> Result<Vec<i64>> {
    Ok(ranked_rows(db, event_id, Lang::Vi, false)
        .await?
        .1
        .into_iter()
        .filter(|r| r.status == Status::Waitlisted)
        .map(|r| r.application_id)
        .collect())
}

/// Offers the booths just freed, one each, to the first applications of `waiting` (skipping
/// `except`): each gets the booth held for it and an e-mail with the deadline to accept.
#[allow(clippy::too_many_arguments)]
async fn offer_freed(
    tx: &mut Tx,
    state: &AppState,
    event_id: i64,
    ev: &EventFacts,
    freed: &[i64],
    waiting: &[i64],
    except: &[i64],
    at: DateTime<Utc>,
) -> Result<()> {
    let until = at + Duration::hours(i64::from(ev.offer_hours));
    let mut booths = freed.iter();
    for &id in waiting.iter().filter(|id| !except.contains(id)) {
        let Some(&booth_id) = booths.as_slice().first() else {
            break;
        };
        let Some(row) = db::application::get_tx(tx, id).await? else {
            continue;
        };
        if !db::application::set_status(tx, id, Status::Waitlisted, Status::Offered, None, None, Some(until), at)
            .await?
        {
            continue;
        }
        booths.next();
        if !db::application::allocate(tx, event_id, booth_id, id, None, at).await? {
            return Err(Refusal::BoothTaken.into());
        }
        let deadline = format!("{} {}", time::clock(until), time::date(until));
        tell_producer(
            tx,
            state,
            row.producer_id,
            ApplicationNews::Offered,
            ev,
            None,
            &deadline,
        )
        .await?;
    }
    Ok(())
}

/// Offers past their deadline lapse; their booths pass to the next on the waiting list. Run by
/// the server every minute; returns how many lapsed.
pub async fn sweep_offers(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let lapsed = db::application::lapsed_offers(&state.db, at).await?;
    let mut n = 0;
    for (application_id, event_id) in lapsed {
        let ev = facts(&state.db, event_id).await?;
        let waiting = waiting_list(&state.db, event_id).await?;
        let mut tx = state.db.begin_write().await?;
        let Some(row) = db::application::get_tx(&mut tx, application_id).await? else {
            continue;
        };
        if !db::application::set_status(
            &mut tx,
            application_id,
            Status::Offered,
            Status::Lapsed,
            None,
            None,
            None,
            at,
        )
        .await?
        {
            continue;
        }
        let freed = db::application::free_all(&mut tx, application_id).await?;
        tell_producer(
            &mut tx,
            state,
            row.producer_id,
            ApplicationNews::OfferLapsed,
            &ev,
            None,
            "",
        )
        .await?;
        offer_freed(&mut tx, state, event_id, &ev, &freed, &waiting, &[application_id], at).await?;
        tx.commit().await?;
        n += 1;
    }
    Ok(n)
}

/// A published event changed (new dates, cancelled, edited): the e-mails telling every producer
/// who applied, each in their language. Made before the change's transaction, queued inside it.
pub async fn applicant_mails(
    state: &AppState,
    event_id: i64,
    note: &str,
) -> Result<Vec<mail::OutgoingMail>, ServerError> {
    let Some(d) = db::event::any_detail(&state.db, event_id, Lang::Vi).await? else {
        return Ok(Vec::new());
    };
    Ok(db::application::applicants(&state.db, event_id)
        .await?
        .into_iter()
        .map(|(email, name, lang)| {
            let title = lang.pick(&d.title_vi, d.title_en.as_deref());
            templates::application_news(
                lang,
                &email,
                &name,
                ApplicationNews::EventChanged,
                title,
                None,
                note,
                link(state),
            )
        })
        .collect())
}

// ---- the producer's private feed -----------------------------------------------------------------

/// Makes (or replaces) the producer's secret feed address and returns it; the old one stops working.
/// Makes a new secret address for the producer's private feed (the old one stops working) and
/// returns the secret; [`feed_address`] makes the address.
pub async fn new_feed(state: &AppState, req: &RequestInfo) -> Result<String> {
    let (_, producer_id) = req.producer()?;
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    let mut tx = state.db.begin_write().await?;
    db::application::set_feed(&mut tx, producer_id, &token::hash_token(&secret), now()).await?;
    super::record(&mut tx, req, "feed-new", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(secret)
}

/// The address of the private feed with this secret.
pub fn feed_address(state: &AppState, secret: &str) -> String {
    format!("{}/lich-rieng/{secret}.ics", state.config.base_url)
}

pub async fn revoke_feed(state: &AppState, req: &RequestInfo) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    db::application::delete_feed(&mut tx, producer_id).await?;
    super::record(&mut tx, req, "feed-revoke", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// One entry of a producer's private feed.
pub struct FeedEntry {
    pub uid: String,
    pub sequence: i32,
    pub summary: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The entries behind a secret feed address: the events the producer is confirmed for (with the
/// booth), and the deadlines still ahead (a call closing on a draft, an offer to accept). `None`
/// when the address is unknown or revoked.
pub async fn private_feed(db: &Db, secret: &str) -> Result<Option<Vec<FeedEntry>>> {
    let Some(producer_id) = db::application::feed_owner(db, &token::hash_token(secret)).await? else {
        return Ok(None);
    };
    let booths = db::application::booths_of_producer(db, producer_id).await?;
    let at = now();
    let mut out = Vec::new();
    for r in db::application::mine(db, producer_id).await? {
        let status = r.status;
        let codes: Vec<String> = booths
            .iter()
            .filter(|b| b.0 == r.application_id)
            .map(|b| b.2.clone())
            .collect();
        if status == Status::Approved {
            out.push(FeedEntry {
                uid: format!("booth-{}-{}", r.application_id, r.uid),
                sequence: r.sequence,
                summary: r.title_vi.clone(),
                description: if codes.is_empty() {
                    "Hồ sơ đã được duyệt; gian hàng sẽ được thông báo.".to_string()
                } else {
                    format!("Gian hàng: {}", codes.join(", "))
                },
                starts_at: r.starts_at,
                ends_at: r.ends_at,
            });
        }
        let deadline = match status {
            Status::Draft | Status::ChangesRequested if r.call.closes_at > at => {
                Some((r.call.closes_at, format!("Hạn nộp hồ sơ: {}", r.title_vi)))
            }
            Status::Offered => r
                .offer_expires_at
                .filter(|t| *t > at)
                .map(|t| (t, format!("Hạn xác nhận nhận gian hàng: {}", r.title_vi))),
            _ => None,
        };
        if let Some((t, summary)) = deadline {
            out.push(FeedEntry {
                uid: format!("deadline-{}-{}", r.application_id, r.uid),
                sequence: 0,
                summary,
                description: String::new(),
                starts_at: t - Duration::minutes(30),
                ends_at: t,
            });
        }
    }
    Ok(Some(out))
}

// ---- exports -------------------------------------------------------------------------------------

/// An event's applications as a table: every field, every answer, the score and its parts, the
/// booths. The first row names the columns.
pub async fn export(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<(String, Vec<Vec<String>>)> {
    req.staff()?;
    let lang = req.lang;
    let ranked = ranked(state, event_id, lang).await?;
    let (ev, rows) = (&ranked.ev, &ranked.rows);
    let questions = db::booths::questions(&state.db, event_id).await?;
    let answers = db::application::event_answers(&state.db, event_id).await?;
    let t = |vi: &str, en: &str| lang.tr_owned(vi, en);
    let mut header = vec![
        t("Hạng", "Rank"),
        t("Mã hồ sơ", "Application"),
        t("Đơn vị", "Producer"),
        t("Mã số thuế", "Tax code"),
        t("Xã/phường", "Commune"),
        t("Trạng thái", "Status"),
        t("Nộp lúc", "Submitted"),
        t("Loại gian hàng", "Booth type"),
        t("Số gian", "Booths"),
        t("Khu vực mong muốn", "Zone wanted"),
        t("Sản phẩm", "Products"),
        t("Nhóm sản phẩm", "Product groups"),
        t("Sao OCOP (xác minh)", "OCOP stars (verified)"),
        t("Sao OCOP (kê khai)", "OCOP stars (claimed)"),
        t("GCN hết hạn trước sự kiện", "Certificate expires before the event"),
        t("Điểm ưu tiên", "Priority score"),
    ];
    for part in [
        Part::Rating(None),
        Part::Certificate,
        Part::TargetGroup,
        Part::FirstTime,
    ] {
        header.push(format!(
            "{} — {}",
            t("Điểm", "Points"),
            match part {
                Part::Rating(_) => t("hạng OCOP", "OCOP rating"),
                other => other.label(lang),
            }
        ));
    }
    header.extend([
        t("Gian hàng được phân bổ", "Booths allocated"),
        t("Số tiền phải nộp (đ)", "Amount due (VND)"),
        t("Đã nộp phí", "Fee paid"),
        t("Ghi chú của đơn vị", "Producer's note"),
        t("Lời nhắn gửi đơn vị", "Message to the producer"),
        t("Ghi chú nội bộ", "Internal comment"),
    ]);
    for q in &questions {
        header.push(lang.pick(&q.label_vi, q.label_en.as_deref()).to_string());
    }
    let yes = t("Có", "Yes");
    let no = t("Không", "No");
    let mut table = vec![header];
    for r in rows {
        let points = |f: &dyn Fn(&Part) -> bool| -> String {
            r.score
                .parts
                .iter()
                .filter(|p| f(&p.0))
                .map(|p| p.1)
                .sum::<i32>()
                .to_string()
        };
        let mut line = vec![
            r.rank.to_string(),
            r.application_id.to_string(),
            r.producer.clone(),
            r.tax_code.clone().unwrap_or_default(),
            r.commune.clone(),
            r.status.label(lang).to_string(),
            r.submitted.clone(),
            r.booth_type.clone(),
            r.booth_count.to_string(),
            r.zone.clone(),
            r.products.join("; "),
            r.groups.join("; "),
            r.stars.map(|s| s.to_string()).unwrap_or_default(),
            r.claimed_stars.map(|s| s.to_string()).unwrap_or_default(),
            if r.certificate_expires { yes.clone() } else { no.clone() },
            r.score.total.to_string(),
            points(&|p| matches!(p, Part::Rating(_))),
            points(&|p| *p == Part::Certificate),
            points(&|p| *p == Part::TargetGroup),
            points(&|p| *p == Part::FirstTime),
            r.booths.join(", "),
            r.amount_due.to_string(),
            if r.paid { yes.clone() } else { no.clone() },
            r.note.clone().unwrap_or_default(),
            r.message.clone().unwrap_or_default(),
            r.staff_comment.clone().unwrap_or_default(),
        ];
        for q in &questions {
            let document = r.documents.iter().find(|d| d.0 == q.question_id);
            let a = answers
                .iter()
                .find(|a| a.0 == r.application_id && a.1 == q.question_id)
                .map(|a| a.2.replace('\n', "; "))
                .or_else(|| document.map(|d| d.1.clone()))
                .unwrap_or_default();
            line.push(match a.as_str() {
                "yes" => yes.clone(),
                "no" => no.clone(),
                _ => a,
            });
        }
        table.push(line);
    }
    Ok((ev.title(lang), table))
}
