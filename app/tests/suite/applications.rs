//! Applications through the services, on SQLite and PostgreSQL: a producer applies (draft, submit,
//! edit), staff rank, decide and allocate, the producer withdraws and the waiting list is offered
//! the booth; offers lapse; another producer cannot touch an application; 50 requests race for one
//! booth and exactly one wins — and without the unique index the same race double-allocates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        auth::RequestInfo,
        db::Db,
        services::{applications as svc, catalogue, planning, Refusal, ServiceError},
        testing::{last_mail, local, open_fair, producer, product, staff_member},
        AppState,
    },
    both_backends, db_run,
    domain::{
        account::Role,
        application::{Action, ApplicationForm, Part, ReviewFilter, Status},
        ids::{ApplicationId, BoothId, EventId},
        Lang,
    },
};
use chrono::{Duration, Utc};

/// The producer's application form with its products checked and the question answered.
async fn form(s: &AppState, who: &RequestInfo, event_id: i64, intent: &str) -> ApplicationForm {
    let page = svc::apply_page(s, who, event_id).await.unwrap();
    app::backend::testing::application_form(&page, intent, "no")
}

fn refused<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> Refusal {
    match r {
        Err(ServiceError::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn kind_of_last_mail(db: &Db, to: &str) -> String {
    last_mail(db, to).await.unwrap().0
}

both_backends!(
    a_producer_applies_staff_rank_approve_allocate_and_the_waiting_list_gets_the_freed_booth,
    |db: Db| async move {
        let s = app::backend::testing::state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (event_id, booth_ids) = open_fair(&s, &staff).await;
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        let b = producer(&s, "b@htx.vn", "0300588569").await;
        // A: a 4★ coffee (verified below) and an unrated honey; B: a 3★ product
        catalogue::add_product(&s, &a, &product("Cà phê rang xay Ea Tu", "4"))
            .await
            .unwrap();
        catalogue::add_product(&s, &a, &product("Mật ong hoa cà phê", ""))
            .await
            .unwrap();
        catalogue::add_product(&s, &b, &product("Ca cao lên men", "3"))
            .await
            .unwrap();
        for p in catalogue::ratings_to_verify(&s, &staff).await.unwrap() {
            if p.name.starts_with("Cà phê") {
                catalogue::verify_rating(&s, &staff, p.product_id, true).await.unwrap();
            }
        }

        // the amount due is on the page before anything is sent: 4★ → 100 % support → 0 đ
        let page = svc::apply_page(&s, &a, event_id).await.unwrap();
        assert!(page.call_open && page.may_edit && page.status.is_none());
        assert_eq!((page.types[0].price_vnd, page.types[0].amount_due), (12_000_000, 0));
        let b_page = svc::apply_page(&s, &b, event_id).await.unwrap();
        assert_eq!(b_page.types[0].amount_due, 6_000_000, "3★ → 50 %");

        // an incomplete submission is refused by field and saves nothing
        let empty = ApplicationForm {
            intent: "submit".into(),
            ..ApplicationForm::default()
        };
        match svc::save(&s, &a, event_id, &empty).await {
            Err(ServiceError::Fields(f)) => assert!(f.iter().any(|e| e.field == "products")),
            other => panic!("{other:?}"),
        }
        assert!(svc::mine(&s, &a, "").await.unwrap().applications.is_empty());

        // a draft, then the submission: a confirmation e-mail
        let (app_a, st) = svc::save(&s, &a, event_id, &form(&s, &a, event_id, "draft").await)
            .await
            .unwrap();
        assert_eq!(st, Status::Draft);
        assert!(last_mail(&db, "a@htx.vn").await.unwrap().0 != "application-submitted");
        let (same, st) = svc::save(&s, &a, event_id, &form(&s, &a, event_id, "submit").await)
            .await
            .unwrap();
        assert_eq!((same, st), (app_a, Status::Submitted));
        assert_eq!(kind_of_last_mail(&db, "a@htx.vn").await, "application-submitted");
        // still editable before the deadline and before review
        let mut two = form(&s, &a, event_id, "submit").await;
        two.booth_count = "2".into();
        svc::save(&s, &a, event_id, &two).await.unwrap();
        let (app_b, _) = svc::save(&s, &b, event_id, &form(&s, &b, event_id, "submit").await)
            .await
            .unwrap();

        // the staff dashboard counts the call's applications
        let counts = |s: AppState, staff: RequestInfo| async move {
            let c = app::backend::services::consoles::staff_page(&s, &staff)
                .await
                .unwrap()
                .open_calls
                .into_iter()
                .find(|c| c.event_id == event_id)
                .unwrap();
            (c.drafts, c.submitted, c.approved)
        };
        assert_eq!(counts(s.clone(), staff.clone()).await, (0, 2, 0));

        // B cannot see or touch A's application
        assert!(matches!(
            svc::withdraw(&s, &b, app_a).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            svc::accept_offer(&s, &b, app_a).await,
            Err(ServiceError::NotFound)
        ));

        // the review table: A first, and why
        let review = svc::review(&s, &staff, event_id, &ReviewFilter::default())
            .await
            .unwrap();
        assert_eq!(
            review.rows.iter().map(|r| r.application_id).collect::<Vec<_>>(),
            [app_a, app_b]
        );
        let first = &review.rows[0];
        assert_eq!(first.stars, Some(4));
        assert_eq!(
            first.score.parts,
            vec![
                (Part::Rating(Some(4)), 40),
                (Part::Certificate, 10),
                (Part::FirstTime, 10)
            ],
            "no target groups on this event"
        );
        let second = &review.rows[1];
        assert_eq!(
            (second.stars, second.claimed_stars),
            (None, Some(3)),
            "B's rating is only claimed"
        );
        let found = svc::review(
            &s,
            &staff,
            event_id,
            &ReviewFilter {
                q: "mat ong".into(),
                ..ReviewFilter::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(found.rows.len(), 1, "search without diacritics finds A by its honey");

        // decisions: a refusal needs a reason; moves are checked; each is e-mailed
        match svc::decide(&s, &staff, event_id, &[app_b], Action::Reject, " ").await {
            Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "message"),
            other => panic!("{other:?}"),
        }
        svc::decide(&s, &staff, event_id, &[app_a], Action::StartReview, "")
            .await
            .unwrap();
        assert!(
            refused(svc::save(&s, &a, event_id, &form(&s, &a, event_id, "submit").await).await)
                == Refusal::NotEditable(Status::InReview)
        );
        svc::decide(&s, &staff, event_id, &[app_a], Action::Approve, "")
            .await
            .unwrap();
        assert_eq!(kind_of_last_mail(&db, "a@htx.vn").await, "application-approved");
        svc::decide(&s, &staff, event_id, &[app_b], Action::Waitlist, "")
            .await
            .unwrap();
        assert_eq!(kind_of_last_mail(&db, "b@htx.vn").await, "application-waitlisted");
        assert_eq!(counts(s.clone(), staff.clone()).await, (0, 0, 1));
        assert!(
            refused(svc::decide(&s, &staff, event_id, &[app_b], Action::RequestChanges, "Bổ sung ảnh").await)
                == Refusal::NotAllowed(Status::Waitlisted)
        );
        svc::comment(&s, &staff, app_a, "Gọi điện xác nhận trước ngày 10")
            .await
            .unwrap();

        // allocation: a waiting-list application gets nothing; the approved one gets two side by side
        assert!(
            refused(
                svc::allocate(
                    &s,
                    &staff,
                    EventId(event_id),
                    ApplicationId(app_b),
                    BoothId(booth_ids[5])
                )
                .await
            ) == Refusal::NotApproved
        );
        let proposal = svc::propose(&s, &staff, event_id).await.unwrap();
        assert_eq!(
            proposal.pairs.iter().map(|p| p.3.as_str()).collect::<Vec<_>>(),
            ["A01", "A02"]
        );
        assert_eq!(svc::accept_proposal(&s, &staff, event_id).await.unwrap(), 2);
        let (kind, subject, _) = last_mail(&db, "a@htx.vn").await.unwrap();
        assert_eq!(kind, "booth-allocated");
        assert!(subject.contains("A01, A02"), "{subject}");
        assert!(
            refused(
                svc::allocate(
                    &s,
                    &staff,
                    EventId(event_id),
                    ApplicationId(app_a),
                    BoothId(booth_ids[5])
                )
                .await
            ) == Refusal::BoothsComplete
        );
        svc::mark_paid(&s, &staff, app_a, true).await.unwrap();

        // the producer sees booths, timeline, paid mark; never the internal comment
        let mine = svc::mine(&s, &a, "").await.unwrap();
        let m = &mine.applications[0];
        assert_eq!(m.booths, ["A01", "A02"]);
        assert!(m.paid);
        assert_eq!(
            m.timeline.iter().map(|t| t.status).collect::<Vec<_>>(),
            [Status::Submitted, Status::InReview, Status::Approved]
        );
        assert!(
            !format!("{mine:?}").contains("Gọi điện"),
            "internal comments stay internal"
        );
        let (_, _, plan) = m.plan.clone().unwrap();
        assert_eq!(plan.iter().filter(|b| b.label.as_deref() == Some("mine")).count(), 2);

        // the event moves: everyone who applied is told
        planning::change_status(
            &s,
            &staff,
            event_id,
            app::domain::EventStatus::Postponed,
            "",
            &local(Utc::now() + Duration::days(40)),
            &local(Utc::now() + Duration::days(43)),
        )
        .await
        .unwrap();
        assert_eq!(kind_of_last_mail(&db, "a@htx.vn").await, "event-changed");
        assert_eq!(kind_of_last_mail(&db, "b@htx.vn").await, "event-changed");

        // A withdraws: both booths are freed and B, first on the waiting list, is offered one
        svc::withdraw(&s, &a, app_a).await.unwrap();
        let review = svc::review(&s, &staff, event_id, &ReviewFilter::default())
            .await
            .unwrap();
        let row_b = review.rows.iter().find(|r| r.application_id == app_b).unwrap();
        assert_eq!(row_b.status, Status::Offered);
        assert_eq!(row_b.booths, ["A01"]);
        assert_eq!(kind_of_last_mail(&db, "b@htx.vn").await, "booth-offered");
        svc::accept_offer(&s, &b, app_b).await.unwrap();
        let mine_b = svc::mine(&s, &b, "").await.unwrap();
        assert_eq!(
            (mine_b.applications[0].status, mine_b.applications[0].booths.clone()),
            (Status::Approved, vec!["A01".to_string()])
        );
        // a withdrawn application cannot come back
        assert!(refused(svc::withdraw(&s, &a, app_a).await) == Refusal::NotAllowed(Status::Withdrawn));
    }
);

both_backends!(
    a_producer_reading_english_is_told_the_events_english_title,
    |db: Db| async move {
        let s = app::backend::testing::state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (event_id, _) = open_fair(&s, &staff).await;
        db_run!(&db, pool => sqlx::query("update event set title_en = 'OCOP trial fair' where event_id = $1")
        .bind(event_id).execute(pool).await.map(|_| ()))
        .unwrap();
        let a = producer(&s, "en@htx.vn", "0100109106").await;
        app::backend::services::accounts::set_language(&s, &a, Lang::En)
            .await
            .unwrap();
        catalogue::add_product(&s, &a, &product("Cà phê rang xay Ea Tu", "4"))
            .await
            .unwrap();
        svc::save(&s, &a, event_id, &form(&s, &a, event_id, "submit").await)
            .await
            .unwrap();
        let (kind, subject, _) = last_mail(&db, "en@htx.vn").await.unwrap();
        assert_eq!(kind, "application-submitted");
        assert_eq!(subject, "Application received: OCOP trial fair");
    }
);

both_backends!(an_unanswered_offer_lapses_and_passes_on, |db: Db| async move {
    let s = app::backend::testing::state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (event_id, booth_ids) = open_fair(&s, &staff).await;
    let mut apps = Vec::new();
    for (email, tax) in [
        ("a@htx.vn", "0100109106"),
        ("b@htx.vn", "0300588569"),
        ("c@htx.vn", "0100112437"),
    ] {
        let p = producer(&s, email, tax).await;
        catalogue::add_product(&s, &p, &product("Cà phê", "4")).await.unwrap();
        apps.push((
            p.clone(),
            svc::save(&s, &p, event_id, &form(&s, &p, event_id, "submit").await)
                .await
                .unwrap()
                .0,
        ));
    }
    svc::decide(&s, &staff, event_id, &[apps[0].1], Action::Approve, "")
        .await
        .unwrap();
    svc::decide(&s, &staff, event_id, &[apps[1].1, apps[2].1], Action::Waitlist, "")
        .await
        .unwrap();
    svc::allocate(
        &s,
        &staff,
        EventId(event_id),
        ApplicationId(apps[0].1),
        BoothId(booth_ids[0]),
    )
    .await
    .unwrap();
    // staff revoke A's approval: the booth goes to B (earlier submission), with a deadline
    svc::decide(
        &s,
        &staff,
        event_id,
        &[apps[0].1],
        Action::Reject,
        "Hồ sơ không đủ điều kiện",
    )
    .await
    .unwrap();
    let status = |id: i64| {
        let s = s.clone();
        let staff = staff.clone();
        async move {
            svc::review(&s, &staff, event_id, &ReviewFilter::default())
                .await
                .unwrap()
                .rows
                .into_iter()
                .find(|r| r.application_id == id)
                .map(|r| (r.status, r.booths))
                .unwrap()
        }
    };
    assert_eq!(status(apps[1].1).await, (Status::Offered, vec!["A01".to_string()]));
    // nothing lapses before the deadline; after it B lapses and C is offered the booth
    assert_eq!(
        svc::sweep_offers(&s, Utc::now() + Duration::hours(71)).await.unwrap(),
        0
    );
    assert_eq!(
        svc::sweep_offers(&s, Utc::now() + Duration::hours(73)).await.unwrap(),
        1
    );
    assert_eq!(status(apps[1].1).await, (Status::Lapsed, vec![]));
    assert_eq!(status(apps[2].1).await, (Status::Offered, vec!["A01".to_string()]));
    assert_eq!(kind_of_last_mail(&db, "b@htx.vn").await, "booth-offer-lapsed");
    assert_eq!(kind_of_last_mail(&db, "c@htx.vn").await, "booth-offered");
    assert!(refused(svc::accept_offer(&s, &apps[1].0, apps[1].1).await) == Refusal::OfferClosed);
});

/// `n` approved applications of invented producers, written straight to the tables (the race is
/// about allocation, not about signing up).
async fn approved_applications(db: &Db, event_id: i64, n: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    let now = app::backend::now();
    for i in 0..n {
        let sql = "insert into producer (kind, name, commune_id, created_at, updated_at) values ('household', $1, 1, $2, $2) \
                   returning producer_id";
        let (pid,): (i64,) =
            db_run!(db, pool => sqlx::query_as(sql).bind(format!("Hộ {i}")).bind(now).fetch_one(pool).await).unwrap();
        let sql =
            "insert into application (event_id, producer_id, status, booth_count, submitted_at, first_submitted_at, \
                   created_at, updated_at) values ($1, $2, 'approved', 1, $3, $3, $3, $3) returning application_id";
        let (aid,): (i64,) =
            db_run!(db, pool => sqlx::query_as(sql).bind(event_id).bind(pid).bind(now).fetch_one(pool).await).unwrap();
        ids.push(aid);
    }
    ids
}

/// 50 staff requests, each for a different application, race for one booth. Returns (winners,
/// "already taken" answers, other errors, allocations the booth ended up with).
async fn race(
    s: &AppState,
    staff: &RequestInfo,
    event_id: i64,
    booth_id: i64,
    apps: &[i64],
) -> (usize, usize, usize, i64) {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(apps.len()));
    let tasks: Vec<_> = apps
        .iter()
        .map(|&application_id| {
            let (s, staff, barrier) = (s.clone(), staff.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                svc::allocate(
                    &s,
                    &staff,
                    EventId(event_id),
                    ApplicationId(application_id),
                    BoothId(booth_id),
                )
                .await
            })
        })
        .collect();
    let (mut won, mut taken, mut other) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => won += 1,
            Err(ServiceError::Refused(Refusal::BoothTaken)) => taken += 1,
            Err(e) => {
                eprintln!("unexpected: {e:?}");
                other += 1;
            }
        }
    }
    let (n,): (i64,) = db_run!(&s.db, pool => sqlx::query_as("select count(*) from allocation where booth_id = $1")
        .bind(booth_id).fetch_one(pool).await)
    .unwrap();
    (won, taken, other, n)
}

both_backends!(
    fifty_requests_race_for_one_booth_and_exactly_one_wins,
    |db: Db| async move {
        let s = app::backend::testing::state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (event_id, booth_ids) = open_fair(&s, &staff).await;
        let apps = approved_applications(&db, event_id, 50).await;
        let (won, taken, other, held) = race(&s, &staff, event_id, booth_ids[0], &apps).await;
        assert_eq!((won, taken, other, held), (1, 49, 0, 1));

        // negative control: without the unique index nothing else stops a second allocation
        db_run!(&db, pool => sqlx::query("drop index allocation_booth").execute(pool).await.map(|_| ())).unwrap();
        let more = approved_applications(&db, event_id, 50).await;
        let (won, _, other, held) = race(&s, &staff, event_id, booth_ids[1], &more).await;
        assert_eq!(other, 0);
        assert!(
            won > 1 && held > 1,
            "without the guard the race must double-allocate (won {won}, held {held})"
        );

        // and the requests really overlap: a guard that looks before it writes (a trigger that
        // refuses a booth already in the table) is beaten on PostgreSQL, where the transactions
        // run side by side and none sees another's uncommitted row; on SQLite the writers take
        // turns, and the same guard holds. Three rounds, each on a fresh booth. On PostgreSQL the
        // guard waits 50 ms between looking and writing, as a slow request would: without it,
        // whether two of the 50 requests looked within the same instant was left to chance (on
        // a busy 2-core machine, one run in many saw none).
        let guard = match db.backend() {
            "postgres" => vec![
                "create function guard_booth() returns trigger language plpgsql as $$ begin \
                 if exists (select 1 from allocation where booth_id = new.booth_id) then \
                 raise exception 'booth taken'; end if; perform pg_sleep(0.05); return new; end $$",
                "create trigger guard_booth before insert on allocation for each row execute function guard_booth()",
            ],
            _ => vec![
                "create trigger guard_booth before insert on allocation \
                 when exists (select 1 from allocation where booth_id = new.booth_id) \
                 begin select raise(abort, 'booth taken'); end",
            ],
        };
        for sql in guard {
            db_run!(&db, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|_| ())).unwrap();
        }
        let mut most = 0;
        for booth in &booth_ids[2..5] {
            let apps = approved_applications(&db, event_id, 50).await;
            let (won, taken, refused, held) = race(&s, &staff, event_id, *booth, &apps).await;
            assert_eq!(
                (taken, usize::try_from(held).unwrap()),
                (0, won),
                "the trigger refuses as an error"
            );
            assert_eq!(won + refused, 50);
            most = most.max(won);
        }
        if db.backend() == "postgres" {
            assert!(
                most > 1,
                "overlapping requests beat a look-then-write guard (most winners {most})"
            );
        } else {
            assert_eq!(most, 1, "SQLite's writers take turns, so even that guard holds");
        }
    }
);

both_backends!(
    the_review_table_is_cached_until_a_change_is_committed,
    |db: Db| async move {
        let s = app::backend::testing::state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (event_id, _) = open_fair(&s, &staff).await;
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        let b = producer(&s, "b@htx.vn", "0300588569").await;
        catalogue::add_product(&s, &a, &product("Cà phê rang xay Ea Tu", "4"))
            .await
            .unwrap();
        catalogue::add_product(&s, &b, &product("Ca cao lên men", "3"))
            .await
            .unwrap();
        for who in [&a, &b] {
            svc::save(&s, who, event_id, &form(&s, who, event_id, "submit").await)
                .await
                .unwrap();
        }
        let all = ReviewFilter::default();
        let status_of = |page: &app::domain::application::ReviewPage, name: &str| {
            page.rows
                .iter()
                .find(|r| r.producer.contains(name))
                .map(|r| (r.status, r.stars, r.producer.clone()))
                .unwrap()
        };

        // nothing changed: the second reading is the cache's, and the same
        let first = svc::review(&s, &staff, event_id, &all).await.unwrap();
        assert_eq!(s.review_cache.hits(), 0);
        assert_eq!(svc::review(&s, &staff, event_id, &all).await.unwrap(), first);
        assert_eq!(s.review_cache.hits(), 1, "served from the cache");
        // a search is answered from the cached table too
        let found = svc::review(
            &s,
            &staff,
            event_id,
            &ReviewFilter {
                q: "ca phe".into(),
                ..all.clone()
            },
        )
        .await
        .unwrap();
        assert_eq!(found.rows.len(), 1);
        assert_eq!(s.review_cache.hits(), 2);

        // every committed change is seen at the next reading: a decision, a verified rating
        let a_id = first
            .rows
            .iter()
            .find(|r| r.producer.contains("0100109106"))
            .unwrap()
            .application_id;
        svc::decide(&s, &staff, event_id, &[a_id], Action::Approve, "")
            .await
            .unwrap();
        let after = svc::review(&s, &staff, event_id, &all).await.unwrap();
        assert_eq!(status_of(&after, "0100109106").0, Status::Approved);
        let cacao = catalogue::ratings_to_verify(&s, &staff)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name.starts_with("Ca cao"))
            .unwrap();
        catalogue::verify_rating(&s, &staff, cacao.product_id, true)
            .await
            .unwrap();
        let after = svc::review(&s, &staff, event_id, &all).await.unwrap();
        assert_eq!(status_of(&after, "0300588569").1, Some(3));
        let hits = s.review_cache.hits();
        assert_eq!(hits, 2, "each change was a miss");

        // another server instance puts B on the waiting list. On PostgreSQL (several instances share
        // it) the snapshot moved and the table shows it. On SQLite (one server process) only this
        // handle's commits count, so the change is NOT seen — the negative control: the test sees a
        // stale table when the stamp misses a change.
        let other =
            app::backend::AppState::new(app::backend::testing::another_instance(&db).await, (*s.config).clone());
        let b_id = after
            .rows
            .iter()
            .find(|r| r.producer.contains("0300588569"))
            .unwrap()
            .application_id;
        svc::decide(&other, &staff, event_id, &[b_id], Action::Waitlist, "")
            .await
            .unwrap();
        let seen = svc::review(&s, &staff, event_id, &all).await.unwrap();
        match db {
            Db::Postgres(_) => {
                assert_eq!(status_of(&seen, "0300588569").0, Status::Waitlisted);
                assert_eq!(s.review_cache.hits(), hits, "a miss");
            }
            Db::Sqlite(..) => {
                assert_eq!(
                    status_of(&seen, "0300588569").0,
                    Status::Submitted,
                    "stale, as documented"
                );
                assert_eq!(s.review_cache.hits(), hits + 1, "a hit");
            }
        }
        other.db.close().await;
    }
);

both_backends!(
    an_application_submitted_at_once_is_stored_whole_with_one_line_of_timeline,
    |db: Db| async move {
        use app::{backend::services::booths, domain::booths::QuestionForm};
        let s = app::backend::testing::state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (event_id, _) = open_fair(&s, &staff).await;
        // a second question: the answers go in as several rows, as do the three products
        booths::add_question(
            &s,
            &staff,
            event_id,
            &QuestionForm {
                kind: "short".into(),
                label_vi: "Sản phẩm chủ lực?".into(),
                ..QuestionForm::default()
            },
        )
        .await
        .unwrap();
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        for (name, stars) in [
            ("Cà phê rang xay Ea Tu", "4"),
            ("Mật ong hoa cà phê", ""),
            ("Ca cao lên men", "3"),
        ] {
            catalogue::add_product(&s, &a, &product(name, stars)).await.unwrap();
        }
        for p in catalogue::ratings_to_verify(&s, &staff).await.unwrap() {
            catalogue::verify_rating(&s, &staff, p.product_id, true).await.unwrap();
        }
        let mut sent = form(&s, &a, event_id, "submit").await;
        let page = svc::apply_page(&s, &a, event_id).await.unwrap();
        assert_eq!((page.products.len(), page.questions.len()), (3, 2));
        sent.answers.insert(
            ApplicationForm::answer_key(page.questions[1].question_id, None),
            "Cà phê rang xay".into(),
        );
        let (id, st) = svc::save(&s, &a, event_id, &sent).await.unwrap();
        assert_eq!(st, Status::Submitted);

        // what the producer sent is what is stored
        let stored = svc::apply_page(&s, &a, event_id).await.unwrap();
        assert_eq!(stored.application_id, Some(id));
        assert_eq!(stored.form.products, sent.products);
        assert_eq!(stored.form.answers, sent.answers);
        // its timeline has one line, the submission, and the producer is told of it
        let mine = svc::mine(&s, &a, "").await.unwrap();
        assert_eq!(
            mine.applications[0]
                .timeline
                .iter()
                .map(|t| t.status)
                .collect::<Vec<_>>(),
            vec![Status::Submitted]
        );
        assert_eq!(kind_of_last_mail(&db, "a@htx.vn").await, "application-submitted");
        // staff see it submitted, with the time of the submission
        let (submitted_at, first): (Option<chrono::DateTime<Utc>>, Option<chrono::DateTime<Utc>>) = db_run!(&db, p =>
            sqlx::query_as("select submitted_at, first_submitted_at from application where application_id = $1")
                .bind(id).fetch_one(p).await)
        .unwrap();
        assert!(submitted_at.is_some() && submitted_at == first);

        // saved again with one product fewer and no second answer: exactly that is stored
        let gone = sent.products.keys().next().unwrap().clone();
        sent.products.remove(&gone);
        sent.answers
            .remove(&ApplicationForm::answer_key(page.questions[1].question_id, None));
        svc::save(&s, &a, event_id, &sent).await.unwrap();
        let stored = svc::apply_page(&s, &a, event_id).await.unwrap();
        assert_eq!(stored.form.products, sent.products);
        assert_eq!(stored.form.answers, sent.answers);
    }
);
