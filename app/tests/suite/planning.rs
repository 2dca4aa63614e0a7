//! The staff's planning through the services, on SQLite and PostgreSQL: drafts stay private,
//! publishing shows an event everywhere, postponing moves it and raises its SEQUENCE, bad input
//! changes nothing, the side programme is in the feeds, and only staff may plan.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::{self, Db},
        icalendar::{feed, FeedMeta},
        services::{planning as svc, public as cal},
        testing::{fair_input, request, staff_member, state},
    },
    both_backends,
    domain::{account::Role, EventFilter, EventStatus, Lang, NewEventInput, SessionInput},
};

fn fair() -> NewEventInput {
    NewEventInput {
        level: "regional".into(),
        venue_address: "Buôn Ma Thuột".into(),
        description_vi: "Hội chợ sản phẩm OCOP các tỉnh Tây Nguyên.".into(),
        product_groups: vec!["beverage".into(), "food".into()],
        ..fair_input("Hội chợ OCOP Tây Nguyên 2027", "2027-03-08T08:00", "2027-03-12T21:00")
    }
}

async fn public_titles(db: &Db) -> Vec<String> {
    let filter = EventFilter::default();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    cal::list(db, &filter, Lang::Vi, today)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.title)
        .collect()
}

fn ics(e: &app::domain::EventDetail) -> String {
    let meta = FeedMeta {
        name: "Lịch",
        base_url: "https://xttm.test",
        lang: Lang::Vi,
    };
    feed(std::slice::from_ref(e), &meta).replace("\r\n ", "")
}

both_backends!(a_fair_is_planned_published_and_postponed, |db: Db| async move {
    let s = state(&db);
    let me = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    // bad input: nothing saved, the message names the field, in Vietnamese
    let backwards = NewEventInput {
        ends_at: "2027-03-01T08:00".into(),
        ..fair()
    };
    match svc::save(&s, &me, None, backwards, "").await {
        Err(app::backend::services::ServiceError::Fields(f)) => {
            assert_eq!(f[0].field, "ends_at");
            assert!(f[0].message.contains("kết thúc phải sau"), "{}", f[0].message);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(db::event::count(&db).await.unwrap(), 0);
    // a draft is never public
    let id = svc::save(&s, &me, None, fair(), "").await.unwrap();
    assert!(public_titles(&db).await.is_empty());
    assert!(cal::event(&db, id, Lang::Vi).await.unwrap().is_none());
    // its side programme
    let opening = SessionInput {
        kind: "opening".into(),
        title_vi: "Lễ khai mạc".into(),
        starts_at: "2027-03-08T19:00".into(),
        ends_at: "2027-03-08T21:00".into(),
        room: "Sân khấu chính".into(),
        ..SessionInput::default()
    };
    svc::add_session(&s, &me, id, &opening).await.unwrap();
    let outside = SessionInput {
        starts_at: "2027-03-20T08:00".into(),
        ends_at: "2027-03-20T09:00".into(),
        ..opening.clone()
    };
    assert!(matches!(
        svc::add_session(&s, &me, id, &outside).await,
        Err(app::backend::services::ServiceError::Fields(f)) if f[0].field == "starts_at"
    ));
    // a draft cannot jump to completed
    assert!(matches!(
        svc::change_status(&s, &me, id, EventStatus::Completed, "", "", "").await,
        Err(app::backend::services::ServiceError::Refused(
            app::backend::services::Refusal::StatusChange {
                from: EventStatus::Draft,
                to: EventStatus::Completed
            }
        ))
    ));
    svc::change_status(&s, &me, id, EventStatus::Published, "", "", "")
        .await
        .unwrap();
    assert_eq!(public_titles(&db).await, ["Hội chợ OCOP Tây Nguyên 2027"]);
    let published = cal::event(&db, id, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(published.sessions.len(), 1);
    let body = ics(&published);
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 2, "the event and its opening");
    assert!(body.contains("SUMMARY:Lễ khai mạc — Hội chợ OCOP Tây Nguyên 2027"));
    // postponing moves it, raises SEQUENCE and leaves a notice
    svc::change_status(
        &s,
        &me,
        id,
        EventStatus::Postponed,
        "",
        "2027-04-05T08:00",
        "2027-04-09T21:00",
    )
    .await
    .unwrap();
    let moved = cal::event(&db, id, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(moved.status, EventStatus::Postponed);
    assert!(moved.sequence > published.sequence);
    assert_eq!(app::domain::time::date(moved.starts_at), "05/04/2027");
    assert!(moved.change_note.unwrap().contains("dời sang"));
    let body = ics(&cal::event(&db, id, Lang::Vi).await.unwrap().unwrap());
    assert!(body.contains(&format!("SEQUENCE:{}", moved.sequence)));
    assert!(body.contains("DTSTART:20270405T010000Z"), "{body}");
    // cancelling needs a reason
    assert!(matches!(
        svc::change_status(&s, &me, id, EventStatus::Cancelled, " ", "", "").await,
        Err(app::backend::services::ServiceError::Fields(f)) if f[0].field == "note"
    ));
    svc::change_status(&s, &me, id, EventStatus::Cancelled, "Mưa bão", "", "")
        .await
        .unwrap();
    let cancelled = cal::event(&db, id, Lang::Vi).await.unwrap().unwrap();
    assert!(cancelled.change_note.unwrap().contains("Mưa bão"));
    // every change is in the audit log
    let audit = db::account::audit_rows(&db, 50).await.unwrap();
    for action in ["event-create", "session-add", "event-status"] {
        assert!(
            audit
                .iter()
                .any(|a| a.action == action && a.object_id.as_deref() == Some(&id.to_string())),
            "{action}"
        );
    }
});

both_backends!(
    editing_a_published_event_raises_its_sequence_and_says_so,
    |db: Db| async move {
        let s = state(&db);
        let me = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let id = svc::save(&s, &me, None, fair(), "").await.unwrap();
        svc::change_status(&s, &me, id, EventStatus::Published, "", "", "")
            .await
            .unwrap();
        let before = cal::event(&db, id, Lang::Vi).await.unwrap().unwrap();
        let changed = NewEventInput {
            venue_name: "Bảo tàng Đắk Lắk".into(),
            ..fair()
        };
        svc::save(&s, &me, Some(id), changed, "Đổi địa điểm sang Bảo tàng Đắk Lắk")
            .await
            .unwrap();
        let after = cal::event(&db, id, Lang::Vi).await.unwrap().unwrap();
        assert_eq!(after.status, EventStatus::Published, "editing keeps the status");
        assert!(after.sequence > before.sequence);
        assert_eq!(after.change_note.as_deref(), Some("Đổi địa điểm sang Bảo tàng Đắk Lắk"));
        assert_eq!(after.venue_name.as_deref(), Some("Bảo tàng Đắk Lắk"));
        // the editor shows the stored values and the moves allowed from here
        let ed = svc::editor(&s, &me, id).await.unwrap();
        assert_eq!(ed.input.starts_at, "2027-03-08T08:00");
        assert_eq!(ed.input.product_groups, ["food", "beverage"], "in the groups' order");
        assert_eq!(
            ed.next,
            [EventStatus::Postponed, EventStatus::Cancelled, EventStatus::Completed]
        );
        // duplicate: a draft a year later with its programme
        let session = SessionInput {
            kind: "mou".into(),
            title_vi: "Ký kết MOU".into(),
            starts_at: "2027-03-10T09:00".into(),
            ends_at: "2027-03-10T10:00".into(),
            ..SessionInput::default()
        };
        svc::add_session(&s, &me, id, &session).await.unwrap();
        let copy = svc::duplicate(&s, &me, id).await.unwrap();
        let ed = svc::editor(&s, &me, copy).await.unwrap();
        assert_eq!(ed.status, EventStatus::Draft);
        assert_eq!(ed.input.starts_at, "2028-03-08T08:00");
        assert_eq!(ed.sessions.len(), 1);
    }
);

both_backends!(only_staff_plan, |db: Db| async move {
    let s = state(&db);
    let anon = request("192.0.2.1", None);
    assert!(matches!(
        svc::save(&s, &anon, None, fair(), "").await,
        Err(app::backend::services::ServiceError::Denied(
            app::backend::auth::Denied::SignInNeeded
        ))
    ));
    assert!(matches!(
        svc::list(&s, &anon).await,
        Err(app::backend::services::ServiceError::Denied(_))
    ));
    assert_eq!(db::event::count(&db).await.unwrap(), 0);
});
