//! Staff review: the ranked table and its cache, decisions, comments and payment.

use super::*;

/// An event's submitted applications, scored and ranked. `with_search` folds the names for the
/// diacritics-blind search (a cost only a search needs).
pub(super) async fn ranked_rows(
    db: &Db,
    event_id: i64,
    lang: Lang,
    with_search: bool,
) -> Result<(EventFacts, Vec<ReviewRow>)> {
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
    let questions = db::booths::questions(db, event_id).await?;
    let mut answers_by: HashMap<i64, Vec<(usize, String, String)>> = HashMap::new();
    for (application_id, question_id, value) in db::application::event_answers(db, event_id).await? {
        let Some((order, q)) = questions.iter().enumerate().find(|(_, q)| q.question_id == question_id) else {
            continue;
        };
        let text = match value.trim() {
            "" => continue,
            "yes" => lang.tr_owned("Có", "Yes"),
            "no" => lang.tr_owned("Không", "No"),
            v => v.replace('\n', "; "),
        };
        let label = lang.pick(&q.label_vi, q.label_en.as_deref()).to_string();
        answers_by.entry(application_id).or_default().push((order, label, text));
    }
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
                answers: answers_by
                    .remove(&b.application_id)
                    .map(|mut a| {
                        a.sort_by_key(|(order, ..)| *order);
                        a.into_iter()
                            .map(|(_, q, text)| format!("{q}: {text}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .unwrap_or_default(),
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
    pub(super) ev: EventFacts,
    pub(super) rows: Vec<ReviewRow>,
    pub(super) setup: crate::domain::booths::BoothSetup,
}

/// The ranked review tables of the events staff looked at last, per language, while the database
/// is unchanged. Reading, decoding and scoring 1,000 applications is most of the review page's cost
/// (docs/benchmarks.md); a table of 1,000 applications is about 1 MB, so 8 are kept.
pub type ReviewCache = crate::backend::stamp_cache::StampCache<(i64, Lang), Ranked, 8>;

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

pub(super) async fn ranked(state: &AppState, event_id: i64, lang: Lang) -> Result<std::sync::Arc<Ranked>> {
    let stamp = state.db.change_stamp().await?;
    if let Some(r) = state.review_cache.get(&(event_id, lang), stamp) {
        return Ok(r);
    }
    let (ev, rows) = ranked_rows(&state.db, event_id, lang, true).await?;
    let setup = super::super::booths::setup_of(&state.db, event_id, lang).await?;
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
