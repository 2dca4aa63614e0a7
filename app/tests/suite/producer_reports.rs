//! Producers' own reports after an event, through the services, on SQLite and PostgreSQL: once the
//! fair has ended every approved producer is asked once (an e-mail with the report's address) and
//! reminded once before the due date; each reports its sales, orders, contracts and MOUs and the
//! buyers it met; the reports add up, exactly, to the fair's summed outcomes ("from 2 of 2
//! producers"), which staff confirm; after that the reports are closed. Bad input is refused
//! beside its field and changes nothing; a producer reaches only its own report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{outcomes, producer_reports as svc, Refusal, ServiceError},
        testing::{last_mail, open_fair, producer, signed_in, staff_member, state},
    },
    both_backends, db_run,
    domain::{
        account::Role,
        outcomes::{Origin, OutcomesForm, OutcomesPage},
        producer_report::{ContactInput, DealInput, ReportForm},
        time,
    },
};
use chrono::{Duration, Utc};

use crate::outcomes::{move_back, two_approved};

fn deal(counterparty: &str, value: &str, days_ago: i64) -> DealInput {
    DealInput {
        kind: "contract".into(),
        counterparty: counterparty.into(),
        counterparty_type: "distributor".into(),
        place: "TP. Hồ Chí Minh".into(),
        product: "Cà phê rang xay".into(),
        value: value.into(),
        signed_on: time::iso_date(time::local_date(Utc::now() - Duration::days(days_ago))),
        ..Default::default()
    }
}

fn report(sales: &str, orders: &str, deals: &[(&str, DealInput)]) -> ReportForm {
    ReportForm {
        sales: sales.into(),
        orders: orders.into(),
        satisfaction: "4".into(),
        comment: "Khách đông vào ngày cuối".into(),
        deals: deals.iter().map(|(k, d)| (k.to_string(), d.clone())).collect(),
        contacts: [(
            "c0".to_string(),
            ContactInput {
                name: "Chị Lan".into(),
                organisation: "Siêu thị Co.op Buôn Ma Thuột".into(),
                contact: "0905123456".into(),
                note: String::new(),
            },
        )]
        .into(),
    }
}

fn summed<'a>(page: &'a OutcomesPage, code: &str) -> Option<&'a str> {
    page.lines.iter().find(|l| l.code == code).unwrap().summed.as_deref()
}

async fn mails_of_kind(db: &Db, kind: &str) -> i64 {
    db_run!(db, pool => sqlx::query_scalar("select count(*) from mail_outbox where kind = $1")
        .bind(kind).fetch_one(pool).await)
    .unwrap()
}

both_backends!(producers_report_and_their_reports_add_up, |db: Db| async move {
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = open_fair(&s, &staff).await;
    two_approved(&s, &staff, fair, &booth_ids).await;
    let a = signed_in(&s, "a@htx.vn").await;
    let b = signed_in(&s, "b@htx.vn").await;
    let stranger = producer(&s, "c@htx.vn", "0101243150").await;

    // before the fair has ended nobody is asked, and a report is refused
    assert_eq!(svc::sweep(&s, Utc::now()).await.unwrap(), 0);
    assert!(matches!(
        svc::page(&s, &a, fair).await,
        Err(ServiceError::Refused(Refusal::ReportNotYet))
    ));

    // it ended a week ago: both producers are asked once, with the report's address
    move_back(&db, fair, 10).await;
    assert_eq!(svc::sweep(&s, Utc::now()).await.unwrap(), 2);
    assert_eq!(svc::sweep(&s, Utc::now()).await.unwrap(), 0, "asked once");
    let (kind, subject, body) = last_mail(&db, "a@htx.vn").await.unwrap();
    assert_eq!(kind, "report-request");
    assert!(subject.starts_with("Đề nghị báo cáo kết quả"), "{subject}");
    assert!(
        body.contains(&format!("/doanh-nghiep/bao-cao-ket-qua/{fair}")),
        "{body}"
    );
    let page = svc::page(&s, &a, fair).await.unwrap();
    assert!(page.submitted.is_none() && !page.late && !page.closed);
    assert!(body.contains(&page.due), "the due date is in the mail: {}", page.due);

    // only the producers with an approved application reach it; staff have their own page
    assert!(matches!(
        svc::page(&s, &stranger, fair).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        svc::page(&s, &staff, fair).await,
        Err(ServiceError::Denied(_))
    ));

    // bad input is refused beside its field and stores nothing
    let mut bad = report(
        "-5",
        "3,5",
        &[("n0", deal("", "1.000", 2)), ("n1", deal("Siêu thị", "", 30))],
    );
    bad.satisfaction = "9".into();
    match svc::save(&s, &a, fair, &bad).await {
        Err(ServiceError::Fields(f)) => assert_eq!(
            f.into_iter().map(|e| e.field).collect::<Vec<_>>(),
            [
                "sales",
                "orders",
                "deals[n0][counterparty]",
                "deals[n1][value]",
                "deals[n1][signed_on]",
                "satisfaction"
            ]
        ),
        other => panic!("expected field errors, got {other:?}"),
    }
    assert!(svc::page(&s, &a, fair).await.unwrap().submitted.is_none());

    // A reports one contract; B two deals, one of them an MOU with a value in dollars too
    svc::save(
        &s,
        &a,
        fair,
        &report("12.500.000", "40", &[("n0", deal("Công ty An Phát", "350.000.000", 8))]),
    )
    .await
    .unwrap();
    let mou = DealInput {
        kind: "mou".into(),
        counterparty_type: "exporter".into(),
        currency: "usd".into(),
        foreign_amount: "20.000".into(),
        ..deal("Vina Export", "500.000.000", 7)
    };
    svc::save(
        &s,
        &b,
        fair,
        &report(
            "7.500.000",
            "10",
            &[("n0", mou), ("n1", deal("Nhà hàng Ban Mê", "1.000.000", 6))],
        ),
    )
    .await
    .unwrap();
    let mine = svc::page(&s, &a, fair).await.unwrap();
    assert!(mine.submitted.is_some());
    assert_eq!(mine.form.sales, "12.500.000");
    assert_eq!(mine.form.contacts.len(), 1);
    let (a_deal, stored) = mine.form.deals.iter().next().unwrap();
    assert_eq!(
        (stored.value.as_str(), stored.counterparty.as_str()),
        ("350.000.000", "Công ty An Phát")
    );
    let theirs = svc::page(&s, &b, fair).await.unwrap();
    assert_eq!(theirs.form.deals.len(), 2);
    assert!(theirs
        .form
        .deals
        .values()
        .any(|d| d.currency == "USD" && d.foreign_amount == "20.000"));

    // B cannot edit or remove A's deal by naming it
    let mut forged = report("7.500.000", "10", &[]);
    forged.deals.insert(a_deal.clone(), deal("Đổi tên", "1", 6));
    assert!(matches!(
        svc::save(&s, &b, fair, &forged).await,
        Err(ServiceError::NotFound)
    ));
    forged.deals.insert(a_deal.clone(), DealInput::default());
    assert!(matches!(
        svc::save(&s, &b, fair, &forged).await,
        Err(ServiceError::NotFound)
    ));
    assert_eq!(
        svc::page(&s, &a, fair).await.unwrap().form.deals[a_deal].counterparty,
        "Công ty An Phát"
    );

    // staff see who reported, and the summed outcomes: exact sums, from 2 of 2 producers
    let page = outcomes::page(&s, &staff, fair).await.unwrap();
    assert_eq!((page.producer_reports.reported, page.producer_reports.expected), (2, 2));
    assert!(page
        .producer_reports
        .lines
        .iter()
        .all(|l| l.submitted.is_some() && !l.late));
    assert_eq!(
        summed(&page, "retail-sales"),
        Some("Tổng hợp từ báo cáo của 2/2 doanh nghiệp: 20.000.000 đ")
    );
    assert_eq!(
        summed(&page, "contracts"),
        Some("Tổng hợp từ báo cáo của 2/2 doanh nghiệp: 3 bản")
    );
    assert_eq!(
        summed(&page, "contracts-value"),
        Some("Tổng hợp từ báo cáo của 2/2 doanh nghiệp: 851.000.000 đ")
    );
    assert_eq!(summed(&page, "visitors"), None, "not summed from reports");
    let origin = |page: &OutcomesPage, code: &str| page.lines.iter().find(|l| l.code == code).unwrap().origin;
    assert_eq!(origin(&page, "retail-sales"), Origin::Reports);
    assert_eq!(origin(&page, "visitors"), Origin::Staff);
    assert_eq!(origin(&page, "booths"), Origin::System);

    // A empties its row: the deal leaves the register and the sums
    let mut edit = report("12.500.000", "40", &[]);
    edit.deals.insert(a_deal.clone(), DealInput::default());
    svc::save(&s, &a, fair, &edit).await.unwrap();
    assert!(svc::page(&s, &a, fair).await.unwrap().form.deals.is_empty());
    let page = outcomes::page(&s, &staff, fair).await.unwrap();
    assert_eq!(
        summed(&page, "contracts-value"),
        Some("Tổng hợp từ báo cáo của 2/2 doanh nghiệp: 501.000.000 đ")
    );

    // a figure staff type wins over the sum
    let typed = OutcomesForm {
        actual: [
            ("visitors".to_string(), "9.000".to_string()),
            ("contracts".to_string(), "5".to_string()),
        ]
        .into(),
        ..Default::default()
    };
    outcomes::save(&s, &staff, fair, &typed).await.unwrap();
    let page = outcomes::page(&s, &staff, fair).await.unwrap();
    assert_eq!(summed(&page, "contracts"), None);
    assert_eq!(page.lines.iter().find(|l| l.code == "contracts").unwrap().actual, "5");
    assert_eq!(origin(&page, "contracts"), Origin::Staff);

    // confirmation records the sums as they stand; the reports are then closed
    outcomes::confirm(&s, &staff, fair).await.unwrap();
    let page = outcomes::page(&s, &staff, fair).await.unwrap();
    let line = |code: &str| page.lines.iter().find(|l| l.code == code).unwrap().clone();
    assert_eq!(
        (line("retail-sales").actual, line("retail-sales").confirmed),
        ("20.000.000".into(), true)
    );
    assert_eq!(
        (line("contracts-value").actual, line("contracts-value").confirmed),
        ("501.000.000".into(), true)
    );
    assert_eq!(
        (line("contracts").actual, line("contracts").confirmed),
        ("5".into(), true)
    );
    // each recorded figure says where it came from, and saving the page again keeps that
    let from = |page: &OutcomesPage| {
        ["retail-sales", "contracts-value", "contracts", "visitors", "booths"].map(|c| origin(page, c))
    };
    let expected = [
        Origin::Reports,
        Origin::Reports,
        Origin::Staff,
        Origin::Staff,
        Origin::System,
    ];
    assert_eq!(from(&page), expected);
    let as_shown = OutcomesForm {
        actual: page.lines.iter().map(|l| (l.code.clone(), l.actual.clone())).collect(),
        target: page.lines.iter().map(|l| (l.code.clone(), l.target.clone())).collect(),
    };
    outcomes::save(&s, &staff, fair, &as_shown).await.unwrap();
    let page = outcomes::page(&s, &staff, fair).await.unwrap();
    assert_eq!(from(&page), expected);
    assert!(page.lines.iter().filter(|l| !l.actual.is_empty()).all(|l| l.confirmed));
    assert!(svc::page(&s, &a, fair).await.unwrap().closed);
    assert!(matches!(
        svc::save(&s, &a, fair, &report("1", "1", &[])).await,
        Err(ServiceError::Refused(Refusal::ReportClosed))
    ));
});

both_backends!(a_reminder_goes_once_before_the_due_date, |db: Db| async move {
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = open_fair(&s, &staff).await;
    two_approved(&s, &staff, fair, &booth_ids).await;
    let a = signed_in(&s, "a@htx.vn").await;
    move_back(&db, fair, 10).await;
    // it ended 7 days ago and its reports are due 15 days after: had nobody asked until the due
    // date passed, nobody would be asked any more
    assert_eq!(svc::sweep(&s, Utc::now() + Duration::days(9)).await.unwrap(), 0);
    assert_eq!(svc::sweep(&s, Utc::now()).await.unwrap(), 2);
    svc::save(&s, &a, fair, &report("1.000.000", "2", &[])).await.unwrap();
    let due = time::parse_date(&svc::page(&s, &a, fair).await.unwrap().due).unwrap();

    // four days before the due date nobody is reminded; two days before, only B (A has reported)
    let four_before = time::day_start(due - Duration::days(4)) + Duration::hours(9);
    assert_eq!(svc::sweep(&s, four_before).await.unwrap(), 0);
    let two_before = time::day_start(due - Duration::days(2)) + Duration::hours(9);
    assert_eq!(svc::sweep(&s, two_before).await.unwrap(), 1);
    assert_eq!(svc::sweep(&s, two_before).await.unwrap(), 0, "reminded once");
    let (kind, subject, _) = last_mail(&db, "b@htx.vn").await.unwrap();
    assert_eq!(kind, "report-reminder");
    assert!(
        subject.contains(&svc::page(&s, &a, fair).await.unwrap().due),
        "{subject}"
    );
    assert_eq!(mails_of_kind(&db, "report-reminder").await, 1);
    assert_eq!(last_mail(&db, "a@htx.vn").await.unwrap().0, "report-request");
});

both_backends!(the_register_filters_follows_up_and_exports, |db: Db| async move {
    use app::{
        backend::services::deals,
        domain::deals::{DealFilter, FollowUpForm, FollowUpStatus},
        domain::producer_report::{BuyerType, DealKind},
    };
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = open_fair(&s, &staff).await;
    two_approved(&s, &staff, fair, &booth_ids).await;
    let a = signed_in(&s, "a@htx.vn").await;
    let mou = DealInput {
        kind: "mou".into(),
        counterparty_type: "exporter".into(),
        product_group: "food".into(),
        ..deal("Vina Export", "500.000.000", 7)
    };
    // a deal is entered once its event has begun
    assert!(matches!(
        deals::add(&s, &staff, fair, &mou).await,
        Err(ServiceError::Refused(Refusal::DealBeforeEvent))
    ));
    move_back(&db, fair, 10).await;
    svc::save(
        &s,
        &a,
        fair,
        &report("1.000.000", "1", &[("n0", deal("Công ty An Phát", "350.000.000", 8))]),
    )
    .await
    .unwrap();
    match deals::add(
        &s,
        &staff,
        fair,
        &DealInput {
            value: "1,5".into(),
            ..mou.clone()
        },
    )
    .await
    {
        Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "deal[value]"),
        other => panic!("expected a field error, got {other:?}"),
    }
    // a product group must be one of the list
    match deals::add(
        &s,
        &staff,
        fair,
        &DealInput {
            product_group: "tea".into(),
            ..mou.clone()
        },
    )
    .await
    {
        Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "deal[product_group]"),
        other => panic!("expected a field error, got {other:?}"),
    }
    let staffs = deals::add(&s, &staff, fair, &mou).await.unwrap();

    let all = deals::page(&s, &staff, DealFilter::default()).await.unwrap();
    assert_eq!(all.lines.len(), 2);
    assert_eq!(
        all.totals,
        "2 hợp đồng, biên bản ghi nhớ · 850.000.000 đ · đã thực hiện 0 đ"
    );
    assert_eq!(all.events.len(), 1);
    let from_a = all.lines.iter().find(|l| l.producer.is_some()).unwrap();
    assert_eq!(from_a.counterparty, "Công ty An Phát");
    let filtered = |f: DealFilter| {
        let s = &s;
        let staff = &staff;
        async move { deals::page(s, staff, f).await.unwrap().lines.len() }
    };
    assert_eq!(
        filtered(DealFilter {
            kind: Some(DealKind::Mou),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        filtered(DealFilter {
            q: "an phat".into(),
            ..Default::default()
        })
        .await,
        1,
        "without diacritics"
    );
    let food = all.lines.iter().find(|l| l.counterparty == "Vina Export").unwrap();
    assert_eq!(food.product_group, "Thực phẩm");
    // by product group and by kind of partner; each filter's address gives it back
    let by = |group: Option<&str>, partner: Option<BuyerType>| DealFilter {
        group: group.map(str::to_string),
        partner,
        ..Default::default()
    };
    for (filter, found) in [
        (by(Some("food"), None), 1),
        (by(Some("beverage"), None), 0),
        (by(None, Some(BuyerType::Exporter)), 1),
        (by(None, Some(BuyerType::Distributor)), 1),
        (by(None, Some(BuyerType::Horeca)), 0),
    ] {
        let query = filter.to_query();
        let pairs = query.split('&').filter_map(|p| p.split_once('='));
        assert_eq!(
            DealFilter::from_pairs(pairs),
            filter,
            "the address gives the filter back"
        );
        assert_eq!(filtered(filter.clone()).await, found, "{filter:?}");
    }
    assert_eq!(
        filtered(DealFilter {
            q: "HTX 0100109106".into(),
            ..Default::default()
        })
        .await,
        1,
        "by producer"
    );
    assert_eq!(
        filtered(DealFilter {
            year: Some(1999),
            ..Default::default()
        })
        .await,
        0
    );
    assert_eq!(
        filtered(DealFilter {
            event_id: Some(fair),
            ..Default::default()
        })
        .await,
        2
    );

    // a follow-up: refused beside its field, or not found; then noted, and counted as realised
    let form = |status: &str, realised: &str| FollowUpForm {
        status: status.into(),
        realised: realised.into(),
        note: "Đã giao lô đầu".into(),
    };
    for (f, field) in [(form("", "1"), "status"), (form("ordering", "-1"), "realised")] {
        match deals::follow_up(&s, &staff, staffs, 3, &f).await {
            Err(ServiceError::Fields(e)) => assert_eq!(e[0].field, field),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
    assert!(matches!(
        deals::follow_up(&s, &staff, staffs, 4, &form("ordering", "1")).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        deals::follow_up(&s, &staff, 999_999, 3, &form("ordering", "1")).await,
        Err(ServiceError::NotFound)
    ));
    deals::follow_up(&s, &staff, staffs, 3, &form("ordering", "100.000.000"))
        .await
        .unwrap();
    let all = deals::page(&s, &staff, DealFilter::default()).await.unwrap();
    assert!(all.totals.ends_with("đã thực hiện 100.000.000 đ"), "{}", all.totals);
    let noted = all.lines.iter().find(|l| l.deal_id == staffs).unwrap();
    assert_eq!(noted.follow_ups[0].status, Some(FollowUpStatus::Ordering));
    assert_eq!(
        noted.follow_ups.iter().map(|f| f.months).collect::<Vec<_>>(),
        [3, 6, 12]
    );

    // the export: a header and a row per deal, amounts as plain numbers
    let table = deals::table(&s, &staff, &DealFilter::default()).await.unwrap();
    assert_eq!(table.len(), 3);
    assert!(table.iter().any(|r| r.contains(&"350000000".to_string())));
    assert!(table.iter().any(|r| r.contains(&"100000000".to_string())));
    let group = table[0].iter().position(|h| h == "Nhóm sản phẩm").unwrap();
    assert!(table.iter().any(|r| r[group] == "Thực phẩm"));

    // producers reach none of it
    assert!(matches!(
        deals::page(&s, &a, DealFilter::default()).await,
        Err(ServiceError::Denied(_))
    ));
    assert!(matches!(
        deals::add(&s, &a, fair, &mou).await,
        Err(ServiceError::Denied(_))
    ));
});
