//! The calendar's queries and writes, on a fresh SQLite file and a fresh PostgreSQL database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::{self, Db},
        demo,
        icalendar::FeedMeta,
        services::{self, public::Feed},
    },
    both_backends,
    domain::{outcomes::Origin, EventFilter, EventKind, EventStatus, Lang, LocationScope, NewEvent, NewEventInput},
};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn filter(pairs: &[(&str, &str)]) -> EventFilter {
    EventFilter::from_pairs(pairs.iter().copied())
}

fn event_input(title: &str, kind: &str, start: &str, end: &str) -> NewEventInput {
    NewEventInput {
        kind: kind.into(),
        format: "in-person".into(),
        level: "provincial".into(),
        scope: "province".into(),
        commune_id: Some(5),
        venue_name: "Nhà văn hóa".into(),
        starts_at: start.into(),
        ends_at: end.into(),
        organiser: "Sở Công Thương".into(),
        title_vi: title.into(),
        description_vi: "Mô tả".into(),
        status: "published".into(),
        product_groups: vec!["food".into()],
        ..Default::default()
    }
}

async fn create(db: &Db, input: NewEventInput) -> i64 {
    let e = NewEvent::try_from(input).unwrap();
    services::events::create_event(db, &e, "test.local", false)
        .await
        .unwrap()
}

async fn titles(db: &Db, f: &EventFilter) -> Vec<String> {
    services::public::list(db, f, Lang::Vi, today())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect()
}

both_backends!(
    reference_data_holds_the_102_communes_and_six_groups,
    |db: Db| async move {
        let communes = db::reference::communes(&db, Lang::Vi).await.unwrap();
        assert_eq!(communes.len(), 102);
        assert_eq!(communes.iter().filter(|c| c.name.starts_with("Phường ")).count(), 14);
        assert!(communes.iter().any(|c| c.name == "Xã Cư M'gar"));
        let groups = db::reference::product_groups(&db, Lang::En).await.unwrap();
        assert_eq!(groups.len(), 6);
        assert_eq!(groups[0].name, "Food");
    }
);

both_backends!(demo_data_loads_once_and_fills_the_calendar, |db: Db| async move {
    let loaded = demo::load(&db, "test.local", today(), true)
        .await
        .unwrap()
        .expect("loaded");
    assert_eq!((loaded.events, loaded.producers), (12, 20));
    assert!(
        demo::load(&db, "test.local", today(), true).await.unwrap().is_none(),
        "second load must do nothing"
    );
    assert_eq!(db::producer::count(&db).await.unwrap(), 20);

    let upcoming = services::public::list(&db, &EventFilter::default(), Lang::Vi, today())
        .await
        .unwrap();
    assert!(upcoming.len() >= 6, "upcoming: {}", upcoming.len());
    assert!(
        upcoming.windows(2).all(|w| w[0].starts_at <= w[1].starts_at),
        "sorted by start"
    );
    let past = services::public::list(&db, &filter(&[("past", "1")]), Lang::Vi, today())
        .await
        .unwrap();
    assert!(!past.is_empty());
    assert!(
        past.windows(2).all(|w| w[0].starts_at >= w[1].starts_at),
        "archive is newest first"
    );
    assert!(past.iter().all(|e| e.status == EventStatus::Completed));

    // the completed fairs had producers: approved, most of them reported after the fair, their
    // sales are the fair's confirmed retail sales, and they signed the fair's contracts
    let fairs: Vec<_> = past.iter().filter(|e| e.kind == EventKind::Fair).collect();
    assert!(!fairs.is_empty());
    for fair in fairs {
        let sums = db::producer_report::sums(&db, fair.event_id).await.unwrap();
        assert!((5..=8).contains(&sums.expected), "{}: {}", fair.title, sums.expected);
        assert!(sums.reported >= 3 && sums.reported < sums.expected, "{}", sums.reported);
        let figures = db::outcomes::figures(&db, fair.event_id).await.unwrap();
        let sales = figures.iter().find(|f| f.indicator_code == "retail-sales").unwrap();
        assert_eq!(sales.actual, Some(sums.sales));
        assert_eq!(sales.actual_from, Some(Origin::Reports));
        assert!(sales.confirmed_at.is_some());
        let visitors = figures.iter().find(|f| f.indicator_code == "visitors").unwrap();
        assert_eq!(visitors.actual_from, Some(Origin::Staff));
        let deals = db::producer_report::register(&db, (None, None), Some(fair.event_id), None)
            .await
            .unwrap();
        assert!(!deals.is_empty() && deals.iter().all(|d| d.producer.is_some()));
    }

    let home = services::public::home(&db, Lang::Vi, today()).await.unwrap();
    let fair = home.next_fair.expect("a fair is coming");
    assert!(matches!(fair.kind, EventKind::Fair | EventKind::Exhibition));
});

both_backends!(the_benchmarks_year_is_complete_and_in_the_year, |db: Db| async move {
    // as many producers as make bench loads
    let y = demo::load_bench_year(&db, "test.local", 2025, 12, 400).await.unwrap();
    // of 12 events (fair, exhibition, supply-demand, delegation, fair, livestream in turn) 10
    // take producers, six each, five of whom report; each with contracts has up to 3 deals
    assert_eq!((y.events, y.approved, y.reports), (12, 60, 50));
    assert!(y.deals >= 20, "{}", y.deals);
    let window = (
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc(),
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc(),
    );
    let sums = db::producer_report::sums_in(&db, window.0, window.1).await.unwrap();
    assert_eq!(sums.len(), 12, "every event within 2025");
    assert_eq!(sums.iter().map(|s| s.sums.reported).sum::<i64>(), 50);
    assert_eq!(
        sums.iter().map(|s| s.sums.deals).sum::<i64>(),
        i64::try_from(y.deals).unwrap()
    );
});

both_backends!(filters_narrow_the_calendar, |db: Db| async move {
    create(
        &db,
        event_input("Hội chợ Đắk Lắk", "fair", "2026-12-10T08:00", "2026-12-12T21:00"),
    )
    .await;
    create(
        &db,
        event_input(
            "Livestream cà phê",
            "livestream",
            "2026-12-15T19:00",
            "2026-12-15T21:00",
        ),
    )
    .await;
    let mut abroad = event_input(
        "Đoàn đi Campuchia",
        "delegation",
        "2027-01-10T08:00",
        "2027-01-12T17:00",
    );
    abroad.scope = "abroad".into();
    abroad.commune_id = None;
    abroad.place = "Mondulkiri, Campuchia".into();
    abroad.product_groups = vec!["handicraft".into()];
    create(&db, abroad).await;
    let mut draft = event_input("Bản nháp bí mật", "fair", "2026-12-20T08:00", "2026-12-20T17:00");
    draft.status = "draft".into();
    create(&db, draft).await;
    create(
        &db,
        event_input("Hội chợ năm ngoái", "fair", "2025-11-10T08:00", "2025-11-12T21:00"),
    )
    .await;

    assert_eq!(
        titles(&db, &EventFilter::default()).await,
        ["Hội chợ Đắk Lắk", "Livestream cà phê", "Đoàn đi Campuchia"]
    );
    assert_eq!(titles(&db, &filter(&[("kind", "fair")])).await, ["Hội chợ Đắk Lắk"]);
    assert_eq!(titles(&db, &filter(&[("scope", "out")])).await, ["Đoàn đi Campuchia"]);
    assert_eq!(
        titles(&db, &filter(&[("scope", "in"), ("commune", "5")])).await.len(),
        2
    );
    assert_eq!(titles(&db, &filter(&[("commune", "6")])).await.len(), 0);
    assert_eq!(
        titles(&db, &filter(&[("group", "handicraft")])).await,
        ["Đoàn đi Campuchia"]
    );
    assert_eq!(titles(&db, &filter(&[("q", "dak lak")])).await, ["Hội chợ Đắk Lắk"]);
    assert_eq!(titles(&db, &filter(&[("q", "CA PHE")])).await, ["Livestream cà phê"]);
    assert_eq!(
        titles(&db, &filter(&[("q", "100%_")])).await.len(),
        0,
        "like wildcards are literal"
    );
    assert_eq!(
        titles(&db, &filter(&[("from", "2026-12-14"), ("to", "2026-12-31")])).await,
        ["Livestream cà phê"]
    );
    assert_eq!(titles(&db, &filter(&[("past", "1")])).await, ["Hội chợ năm ngoái"]);
    assert_eq!(
        titles(&db, &filter(&[("view", "month"), ("month", "2026-12")])).await,
        ["Hội chợ Đắk Lắk", "Livestream cà phê"]
    );
    // nonsense is ignored, never an error
    assert_eq!(
        titles(&db, &filter(&[("kind", "x'; drop table event;--"), ("commune", "abc")]))
            .await
            .len(),
        3
    );
});

both_backends!(drafts_and_unknown_ids_are_not_public, |db: Db| async move {
    let mut draft = event_input("Bản nháp", "fair", "2026-12-20T08:00", "2026-12-20T17:00");
    draft.status = "draft".into();
    let id = create(&db, draft).await;
    assert!(services::public::event(&db, id, Lang::Vi).await.unwrap().is_none());
    assert!(services::public::event(&db, 987_654, Lang::Vi).await.unwrap().is_none());
});

both_backends!(an_event_reads_back_with_everything_it_was_given, |db: Db| async move {
    let mut input = event_input("Hội chợ", "fair", "2026-12-10T08:00", "2026-12-12T21:00");
    input.title_en = "Fair".into();
    input.product_groups = vec!["food".into(), "beverage".into()];
    let id = create(&db, input).await;
    let vi = services::public::event(&db, id, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(vi.scope, LocationScope::Province);
    assert_eq!(vi.location.label(Lang::Vi), "Phường Ea Kao, tỉnh Đắk Lắk");
    assert_eq!(vi.product_groups, ["Thực phẩm", "Đồ uống"]);
    assert_eq!(vi.starts_at.to_rfc3339(), "2026-12-10T01:00:00+00:00");
    assert!(vi.uid.ends_with("@test.local"));
    let en = services::public::event(&db, id, Lang::En).await.unwrap().unwrap();
    assert_eq!(en.title(Lang::En), "Fair");
    assert_eq!(en.product_groups, ["Food", "Beverages"]);
});

both_backends!(an_unknown_product_group_rolls_the_event_back, |db: Db| async move {
    let mut input = event_input("Hội chợ", "fair", "2026-12-10T08:00", "2026-12-12T21:00");
    input.product_groups = vec!["food".into(), "weapons".into()];
    let e = NewEvent::try_from(input).unwrap();
    let err = services::events::create_event(&db, &e, "t", false).await.unwrap_err();
    assert!(matches!(
        err,
        services::ServiceError::Refused(services::Refusal::UnknownProductGroup)
    ));
    assert_eq!(db::event::count(&db).await.unwrap(), 0);
});

both_backends!(
    changing_an_event_raises_its_sequence_and_the_feed_etag,
    |db: Db| async move {
        let input = event_input("Hội chợ", "fair", "2026-12-10T08:00", "2026-12-12T21:00");
        let id = create(&db, input.clone()).await;
        let meta = FeedMeta {
            name: "Lịch",
            base_url: "http://x",
            lang: Lang::Vi,
        };
        let f = EventFilter::default();
        let Feed::Body { etag: first, body } = services::public::feed(&db, &f, Lang::Vi, today(), &meta, None)
            .await
            .unwrap()
        else {
            panic!("expected a body");
        };
        assert!(body.contains("SEQUENCE:0\r\n"));
        let again = services::public::feed(&db, &f, Lang::Vi, today(), &meta, Some(&first))
            .await
            .unwrap();
        assert!(
            matches!(again, Feed::NotModified { ref etag } if *etag == first),
            "unchanged feed must be 304"
        );
        let before = services::public::event(&db, id, Lang::Vi).await.unwrap().unwrap();

        let changed = NewEvent::try_from(NewEventInput {
            status: "postponed".into(),
            ..input
        })
        .unwrap();
        services::events::update_event(&db, id, &changed).await.unwrap();

        let after = services::public::event(&db, id, Lang::Vi).await.unwrap().unwrap();
        assert_eq!(after.sequence, 1);
        assert_eq!(after.uid, before.uid, "the UID never changes");
        let Feed::Body { etag: second, body } = services::public::feed(&db, &f, Lang::Vi, today(), &meta, Some(&first))
            .await
            .unwrap()
        else {
            panic!("a changed feed must be sent again");
        };
        assert_ne!(first, second);
        assert!(body.contains("SEQUENCE:1\r\n") && body.contains("STATUS:TENTATIVE\r\n"));
        assert!(services::events::update_event(&db, 999_999, &changed).await.is_err());
    }
);

both_backends!(
    a_month_view_opens_on_the_first_month_with_results,
    |db: Db| async move {
        // today is 29/11/2026: a fair this month, a conference only in February
        create(
            &db,
            event_input("Hội chợ cuối năm", "fair", "2026-11-30T08:00", "2026-12-02T17:00"),
        )
        .await;
        create(
            &db,
            event_input(
                "Hội nghị kết nối cung cầu",
                "conference",
                "2027-02-05T08:00",
                "2027-02-05T17:00",
            ),
        )
        .await;
        let page = |pairs: &'static [(&'static str, &'static str)]| {
            let db = db.clone();
            async move {
                services::public::calendar_page(&db, &filter(pairs), Lang::Vi, today(), "https://xttm.test")
                    .await
                    .unwrap()
            }
        };
        let names =
            |p: &app::domain::public::CalendarData| p.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>();

        // nothing the filter asks for happens this month: the grid opens on the first month that has it
        let conferences = page(&[("view", "month"), ("kind", "conference")]).await;
        assert_eq!(conferences.month, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
        assert_eq!(names(&conferences), ["Hội nghị kết nối cung cầu"]);
        // something this month: it stays on this month
        let all = page(&[("view", "month")]).await;
        assert_eq!(all.month, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(names(&all), ["Hội chợ cuối năm"]);
        // a month asked for is kept, even when it is empty
        let asked = page(&[("view", "month"), ("month", "2027-01"), ("kind", "conference")]).await;
        assert_eq!(asked.month, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert!(asked.events.is_empty());
        // nothing at all: this month, empty
        let none = page(&[("view", "month"), ("kind", "livestream")]).await;
        assert_eq!(none.month, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert!(none.events.is_empty());
    }
);
