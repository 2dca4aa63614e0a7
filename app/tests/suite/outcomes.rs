//! Targets and outcomes through the services, on SQLite and PostgreSQL: staff set targets before a
//! fair, record outcomes once it has begun, the system counts booths, units and OCOP products from
//! the approved applications, staff confirm after it ends; only confirmed figures of completed
//! events are public, and the year's totals are the exact sums. Bad figures are refused beside
//! their field and change nothing; producers cannot reach any of it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        auth::RequestInfo,
        db::Db,
        services::{applications as apps, catalogue, outcomes as svc, planning, Refusal, ServiceError},
        testing::{open_fair, producer, product, staff_member, state},
        AppState,
    },
    both_backends, db_run,
    domain::{
        account::Role,
        application::Action,
        outcomes::{OutcomesForm, OutcomesPage},
        time, EventStatus, Lang,
    },
};
use chrono::{Datelike, Duration, Utc};

fn form(target: &[(&str, &str)], actual: &[(&str, &str)]) -> OutcomesForm {
    OutcomesForm {
        target: target.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        actual: actual.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    }
}

fn line<'a>(page: &'a OutcomesPage, code: &str) -> &'a app::domain::outcomes::FigureLine {
    page.lines.iter().find(|l| l.code == code).unwrap()
}

fn fields(r: Result<(), ServiceError>) -> Vec<String> {
    match r {
        Err(ServiceError::Fields(f)) => f.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// Moves an event into the past, as time passing would: it began `days` days ago and lasted 3.
pub(crate) async fn move_back(db: &Db, event_id: i64, days: i64) {
    let starts = Utc::now() - Duration::days(days);
    let ends = starts + Duration::days(3);
    db_run!(db, pool => sqlx::query("update event set starts_at = $1, ends_at = $2 where event_id = $3")
        .bind(starts).bind(ends).bind(event_id).execute(pool).await.map(|_| ()))
    .unwrap();
}

/// Producers A and B apply with their OCOP products; staff approve both and give A two booths.
pub(crate) async fn two_approved(s: &AppState, staff: &RequestInfo, event_id: i64, booth_ids: &[i64]) {
    let a = producer(s, "a@htx.vn", "0100109106").await;
    let b = producer(s, "b@htx.vn", "0300588569").await;
    catalogue::add_product(s, &a, &product("Cà phê rang xay Ea Tu", "4"))
        .await
        .unwrap();
    catalogue::add_product(s, &a, &product("Mật ong hoa cà phê", ""))
        .await
        .unwrap();
    catalogue::add_product(s, &b, &product("Ca cao lên men", "3"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for who in [&a, &b] {
        let page = apps::apply_page(s, who, event_id).await.unwrap();
        let mut f = app::backend::testing::application_form(&page, "submit", "no");
        f.booth_count = "2".into();
        ids.push(apps::save(s, who, event_id, &f).await.unwrap().0);
    }
    for action in [Action::StartReview, Action::Approve] {
        apps::decide(s, staff, event_id, &ids, action, "").await.unwrap();
    }
    use app::domain::ids::{ApplicationId, BoothId, EventId};
    for booth in &booth_ids[..2] {
        apps::allocate(s, staff, EventId(event_id), ApplicationId(ids[0]), BoothId(*booth))
            .await
            .unwrap();
    }
}

both_backends!(targets_outcomes_confirmation_and_public_totals, |db: Db| async move {
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = open_fair(&s, &staff).await;
    two_approved(&s, &staff, fair, &booth_ids).await;

    // before the fair: targets only; an outcome is refused beside its field, and so is a bad target
    let page = svc::page(&s, &staff, fair).await.unwrap();
    assert!(!page.started && !page.ended);
    let codes: Vec<&str> = page.lines.iter().map(|l| l.code.as_str()).collect();
    assert!(
        codes.contains(&"visitors") && codes.contains(&"booths") && !codes.contains(&"viewers"),
        "{codes:?}"
    );
    assert_eq!(
        fields(
            svc::save(
                &s,
                &staff,
                fair,
                &form(&[("visitors", "10.000")], &[("visitors", "50")])
            )
            .await
        ),
        ["actual[visitors]"]
    );
    assert_eq!(
        fields(
            svc::save(
                &s,
                &staff,
                fair,
                &form(
                    &[("retail-sales", "12,5"), ("contracts", "-2"), ("visitors", "10.000")],
                    &[]
                )
            )
            .await
        ),
        ["target[retail-sales]", "target[contracts]"]
    );
    assert!(
        line(&svc::page(&s, &staff, fair).await.unwrap(), "visitors")
            .target
            .is_empty(),
        "nothing was written"
    );
    svc::save(
        &s,
        &staff,
        fair,
        &form(&[("visitors", "10.000"), ("retail-sales", "1.500.000.000")], &[]),
    )
    .await
    .unwrap();

    // the fair has taken place: outcomes are recorded, the system counts what it knows
    move_back(&db, fair, 10).await;
    svc::save(
        &s,
        &staff,
        fair,
        &form(
            &[("visitors", "10.000"), ("retail-sales", "1.500.000.000")],
            &[
                ("visitors", "12.500"),
                ("retail-sales", "1,250,000,000"),
                ("contracts", "3"),
                ("contracts-value", "4000000000"),
                // a counted figure cannot be typed over
                ("booths", "99"),
            ],
        ),
    )
    .await
    .unwrap();
    let page = svc::page(&s, &staff, fair).await.unwrap();
    let got = |code: &str| {
        let l = line(&page, code);
        (l.target.clone(), l.actual.clone(), l.confirmed)
    };
    assert_eq!(got("visitors"), ("10.000".into(), "12.500".into(), false));
    assert_eq!(
        got("retail-sales"),
        ("1.500.000.000".into(), "1.250.000.000".into(), false)
    );
    assert_eq!(got("booths").1, "2", "two booths allocated");
    assert_eq!(got("units-local").1, "2", "two approved producers of the province");
    assert_eq!(got("units-other").1, "0");
    assert_eq!(got("ocop-products").1, "2", "the unrated product does not count");

    // nothing is public before it is confirmed and the event completed
    let year = time::local_date(Utc::now() - Duration::days(10)).year();
    assert!(svc::results(&s, Some(year), Lang::Vi).await.unwrap().events.is_empty());
    assert_eq!(svc::confirm(&s, &staff, fair).await.unwrap(), 8);
    assert!(
        svc::results(&s, Some(year), Lang::Vi).await.unwrap().events.is_empty(),
        "not completed yet"
    );
    planning::change_status(&s, &staff, fair, EventStatus::Completed, "", "", "")
        .await
        .unwrap();
    let page = svc::page(&s, &staff, fair).await.unwrap();
    assert!(page.lines.iter().filter(|l| !l.actual.is_empty()).all(|l| l.confirmed));
    assert!(page.confirmed_note.is_some());

    // a second fair of the year, completed with its own figures
    let (second, _) = open_fair(&s, &staff).await;
    move_back(&db, second, 12).await;
    svc::save(
        &s,
        &staff,
        second,
        &form(&[], &[("visitors", "7.500"), ("contracts", "2")]),
    )
    .await
    .unwrap();
    assert_eq!(svc::confirm(&s, &staff, second).await.unwrap(), 6);
    planning::change_status(&s, &staff, second, EventStatus::Completed, "", "", "")
        .await
        .unwrap();

    let results = svc::results(&s, Some(year), Lang::Vi).await.unwrap();
    assert_eq!(results.years, [year]);
    assert_eq!(results.events.len(), 2);
    let totals: std::collections::BTreeMap<_, _> = results.totals.iter().cloned().collect();
    assert_eq!(totals["Lượt khách tham quan"], "20.000 lượt");
    assert_eq!(totals["Hợp đồng, biên bản ghi nhớ ký kết"], "5 bản");
    assert_eq!(totals["Gian hàng"], "2 gian");
    assert_eq!(totals["Sản phẩm OCOP trưng bày"], "2 sản phẩm");
    assert_eq!(totals["Doanh thu bán lẻ tại hội chợ"], "1.250.000.000 đ");
    assert_eq!(totals["Giá trị hợp đồng, biên bản ghi nhớ"], "4.000.000.000 đ");
    let en = svc::results(&s, Some(year), Lang::En).await.unwrap();
    assert!(
        en.totals
            .contains(&("Visitors".to_string(), "20,000 visits".to_string())),
        "{:?}",
        en.totals
    );

    // a confirmed outcome changed is an estimate again, and leaves the public figures
    svc::save(
        &s,
        &staff,
        fair,
        &form(
            &[],
            &[
                ("visitors", "13.000"),
                ("retail-sales", "1.250.000.000"),
                ("contracts", "3"),
                ("contracts-value", "4.000.000.000"),
            ],
        ),
    )
    .await
    .unwrap();
    let page = svc::page(&s, &staff, fair).await.unwrap();
    assert!(!line(&page, "visitors").confirmed);
    assert!(
        line(&page, "retail-sales").confirmed,
        "an unchanged figure stays confirmed"
    );
    assert!(page.confirmed_note.is_none());
    let results = svc::results(&s, Some(year), Lang::Vi).await.unwrap();
    let totals: std::collections::BTreeMap<_, _> = results.totals.iter().cloned().collect();
    assert_eq!(totals["Lượt khách tham quan"], "7.500 lượt");
    let detail = app::backend::db::event::any_detail(&db, fair, Lang::Vi)
        .await
        .unwrap()
        .unwrap();
    let figures = svc::event_figures(&s, &detail, Lang::Vi).await.unwrap();
    assert!(
        figures.contains(&("Gian hàng".to_string(), "2 gian".to_string())),
        "{figures:?}"
    );
    assert!(!figures.iter().any(|(n, _)| n == "Lượt khách tham quan"));

    // the year's dashboard and report add up the two fairs exactly, estimates marked as such
    let board = app::backend::services::dashboard::page(&s, &staff, Some(year))
        .await
        .unwrap();
    let row = |name: &str| {
        let r = board.indicators.iter().find(|r| r.name == name).unwrap();
        (r.target.clone(), r.actual.clone(), r.rate.clone(), r.estimated)
    };
    // (the last save sent no targets, so the fair has none left)
    assert_eq!(
        row("Lượt khách tham quan"),
        (String::new(), "20.500 lượt".into(), String::new(), true)
    );
    assert_eq!(row("Hợp đồng, biên bản ghi nhớ ký kết").1, "5 bản");
    assert!(!row("Hợp đồng, biên bản ghi nhớ ký kết").3);
    assert_eq!(row("Gian hàng").1, "2 gian");
    assert_eq!(row("Doanh thu bán lẻ tại hội chợ").1, "1.250.000.000 đ");
    let report = app::backend::services::reports::year_report(&s, &staff, year)
        .await
        .unwrap();
    let visitors = report
        .figures
        .iter()
        .find(|f| f.name == "Lượt khách tham quan")
        .unwrap();
    assert_eq!(
        (visitors.target, visitors.actual, visitors.confirmed),
        (None, Some(20_500), false)
    );
    // its participants: the fair's two approved producers, once each
    assert_eq!(report.participants.len(), 2);
    assert!(report
        .participants
        .iter()
        .all(|p| p.took_part == "Hội chợ OCOP thử nghiệm" && !p.tax_code.is_empty()));
    assert_eq!(report.took_part, "Sự kiện tham gia");
});

both_backends!(
    outcomes_are_for_staff_and_confirmed_after_the_end,
    |db: Db| async move {
        let s = state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        let (fair, _) = open_fair(&s, &staff).await;
        assert!(matches!(svc::page(&s, &a, fair).await, Err(ServiceError::Denied(_))));
        assert!(matches!(
            svc::save(&s, &a, fair, &form(&[("visitors", "1")], &[])).await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(svc::confirm(&s, &a, fair).await, Err(ServiceError::Denied(_))));
        assert!(matches!(
            svc::page(&s, &staff, 999_999).await,
            Err(ServiceError::NotFound)
        ));
        // not ended: nothing can be confirmed; ended with nothing recorded: nothing to confirm
        assert!(matches!(
            svc::confirm(&s, &staff, fair).await,
            Err(ServiceError::Refused(Refusal::NotEnded))
        ));
        move_back(&db, fair, 10).await;
        // the counted figures alone are recorded at confirmation
        assert_eq!(svc::confirm(&s, &staff, fair).await.unwrap(), 4);
        assert!(matches!(
            svc::confirm(&s, &staff, fair).await,
            Err(ServiceError::Refused(Refusal::NothingToConfirm))
        ));
        // a year that is not a year
        assert!(matches!(
            svc::results(&s, Some(12), Lang::Vi).await,
            Err(ServiceError::NotFound)
        ));
    }
);

both_backends!(
    staff_add_an_indicator_that_events_of_its_kind_take,
    |db: Db| async move {
        use app::{backend::services::indicators, domain::indicators::IndicatorForm};
        let s = state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (fair, _) = open_fair(&s, &staff).await;
        let mut new = IndicatorForm {
            name_vi: "Lượt quét mã QR gian hàng".into(),
            unit_vi: "lượt".into(),
            measure: "count".into(),
            ..IndicatorForm::default()
        };
        new.kinds.insert("fair".into(), "on".into());

        // producers cannot; a bad one is refused beside its field and adds nothing
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        assert!(matches!(
            indicators::add(&s, &a, &new).await,
            Err(ServiceError::Denied(_))
        ));
        let before = indicators::page(&s, &staff).await.unwrap().lines.len();
        let bad = IndicatorForm {
            measure: "weight".into(),
            ..new.clone()
        };
        assert!(matches!(
            indicators::add(&s, &staff, &bad).await,
            Err(ServiceError::Fields(_))
        ));
        assert_eq!(indicators::page(&s, &staff).await.unwrap().lines.len(), before);

        // added, it is listed last and the fair takes it: a target is set like any other
        let code = indicators::add(&s, &staff, &new).await.unwrap();
        assert_eq!(code, "luot-quet-ma-qr-gian-hang");
        let listed = indicators::page(&s, &staff).await.unwrap().lines;
        assert_eq!(listed.len(), before + 1);
        let last = listed.last().unwrap();
        assert_eq!(
            (last.name.as_str(), last.applies.as_str(), last.source.as_str()),
            ("Lượt quét mã QR gian hàng", "Hội chợ", "Cán bộ nhập")
        );
        svc::save(&s, &staff, fair, &form(&[(code.as_str(), "2.000")], &[]))
            .await
            .unwrap();
        assert_eq!(line(&svc::page(&s, &staff, fair).await.unwrap(), &code).target, "2.000");

        // the same name again, with other case and without diacritics, is refused
        let again = IndicatorForm {
            name_vi: "luot quet ma QR gian hang".into(),
            ..new
        };
        match indicators::add(&s, &staff, &again).await {
            Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "name_vi"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
);
