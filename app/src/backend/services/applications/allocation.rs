//! Booth allocation: by hand, by proposal, and offers of freed booths to the waiting list.

use super::*;
use crate::domain::ids::{ApplicationId, BoothId, EventId};

/// Gives a booth to an approved application. Two requests for one booth: exactly one wins, the
/// other is told the booth is taken (the database's unique index decides).
pub async fn allocate(
    state: &AppState,
    req: &RequestInfo,
    event: EventId,
    application: ApplicationId,
    booth: BoothId,
) -> Result<()> {
    let staff = req.staff()?.viewer.user_id;
    let (event_id, application_id, booth_id) = (event.0, application.0, booth.0);
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
    let (status, ..) = db::application::booth_for_allocation(&mut tx, event, booth)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if status == "blocked" {
        return Err(Refusal::BoothBlocked.into());
    }
    if !db::application::allocate(&mut tx, event, booth, application, Some(staff), now()).await? {
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
    event: EventId,
    application: ApplicationId,
    booth: BoothId,
) -> Result<()> {
    req.staff()?;
    let (event_id, application_id, booth_id) = (event.0, application.0, booth.0);
    let mut tx = state.db.begin_write().await?;
    db::application::get_tx(&mut tx, application_id)
        .await?
        .filter(|r| r.event_id == event_id)
        .ok_or(ServiceError::NotFound)?;
    if !db::application::deallocate(&mut tx, application, booth).await? {
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
    let event = EventId(event_id);
    for (application_id, _, booth_id, code) in &proposal.pairs {
        // a savepoint per booth would let PostgreSQL go on after a conflict; a conflict here
        // means someone allocated meanwhile, so the whole proposal is refused and recomputed
        let (booth, application) = (BoothId(*booth_id), ApplicationId(*application_id));
        if !db::application::allocate(&mut tx, event, booth, application, Some(staff), at).await? {
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
pub(super) async fn waiting_list(db: &Db, event_id: i64) -> Result<Vec<i64>> {
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
pub(super) async fn offer_freed(
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
        if !db::application::allocate(tx, EventId(event_id), BoothId(booth_id), ApplicationId(id), None, at).await? {
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
