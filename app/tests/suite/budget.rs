//! The year's plan and an event's budget, through the services, on SQLite and PostgreSQL: staff
//! enter cost lines by funding source; the support paid to producers is computed from the approved
//! applications (the same amounts the review shows as what each producer does not pay), committed
//! when approved and paid once the producer has paid its share; the plan adds up every event of
//! the year, exactly, by source and by cost line, against the total its decision approves. Bad
//! input is refused beside its field and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{applications as apps, budget as svc, dashboard, ServiceError},
        testing::{open_fair, signed_in, staff_member, state},
    },
    both_backends,
    domain::{
        account::Role,
        application::{ReviewFilter, Status},
        budget::{Amounts, BudgetForm, CostLine, Funding, LineInput, PlanFilter, PlanForm},
        Lang,
    },
};
use chrono::Datelike;

use crate::outcomes::two_approved;

fn line(cost_line: &str, funding: &str, planned: &str, committed: &str, paid: &str) -> LineInput {
    LineInput {
        cost_line: cost_line.into(),
        funding: funding.into(),
        planned: planned.into(),
        committed: committed.into(),
        paid: paid.into(),
        note: String::new(),
    }
}

fn fields<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> Vec<String> {
    match r {
        Err(ServiceError::Fields(f)) => f.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

both_backends!(an_events_budget_and_the_years_plan_add_up, |db: Db| async move {
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = open_fair(&s, &staff).await;
    two_approved(&s, &staff, fair, &booth_ids).await;

    // the support is computed: A (4★ claimed, full support) and B (3★, half) take two booths of
    // 12,000,000 đồng each; it matches what the review says each producer does not pay
    let page = svc::page(&s, &staff, fair).await.unwrap();
    assert_eq!(
        page.support,
        Amounts {
            planned: 0,
            committed: 24_000_000 + 12_000_000,
            paid: 0
        }
    );
    assert_eq!(page.supported, 2);
    let review = apps::review(&s, &staff, fair, &ReviewFilter::default()).await.unwrap();
    let not_paid_by_producers: i64 = review
        .rows
        .iter()
        .filter(|r| r.status == Status::Approved)
        .map(|r| 12_000_000 * r.booth_count - r.amount_due)
        .sum();
    assert_eq!(page.support.committed, not_paid_by_producers);

    // bad input is refused beside its field and stores nothing
    let mut bad = BudgetForm::default();
    bad.lines.insert("n0".into(), line("venue", "provincial", "-1", "", ""));
    bad.lines.insert(
        "n1".into(),
        line("media", "sponsors", "10.000.000", "5.000.000", "6.000.000"),
    );
    bad.lines.insert("n2".into(), line("media", "sponsors", "1", "", ""));
    bad.support_planned = "1,5".into();
    assert_eq!(
        fields(svc::save(&s, &staff, fair, &bad).await),
        [
            "lines[n0][planned]",
            "lines[n1][paid]",
            "lines[n2][cost_line]",
            "support_planned"
        ]
    );
    assert_eq!(svc::page(&s, &staff, fair).await.unwrap().total, page.total);

    // staff enter three lines and the planned support; one producer pays its share
    let mut form = BudgetForm::default();
    form.lines.insert(
        "n0".into(),
        line("venue", "provincial", "150.000.000", "150.000.000", "100.000.000"),
    );
    form.lines
        .insert("n1".into(), line("media", "sponsors", "30.000.000", "", ""));
    form.lines.insert(
        "n2".into(),
        line("travel", "national", "20.000.000", "18.000.000", "18.000.000"),
    );
    form.support_planned = "40.000.000".into();
    svc::save(&s, &staff, fair, &form).await.unwrap();
    let a = review.rows.iter().find(|r| r.amount_due == 0).unwrap().application_id;
    apps::mark_paid(&s, &staff, a, true).await.unwrap();
    let page = svc::page(&s, &staff, fair).await.unwrap();
    assert_eq!(
        page.support,
        Amounts {
            planned: 0,
            committed: 36_000_000,
            paid: 24_000_000
        }
    );
    assert_eq!(page.support_planned, "40000000");
    assert_eq!(
        page.total,
        Amounts {
            planned: 150_000_000 + 30_000_000 + 20_000_000 + 40_000_000,
            committed: 150_000_000 + 18_000_000 + 36_000_000,
            paid: 100_000_000 + 18_000_000 + 24_000_000,
        }
    );
    assert_eq!(
        page.by_funding,
        vec![
            (
                Funding::Provincial,
                Amounts {
                    planned: 190_000_000,
                    committed: 186_000_000,
                    paid: 124_000_000
                }
            ),
            (
                Funding::National,
                Amounts {
                    planned: 20_000_000,
                    committed: 18_000_000,
                    paid: 18_000_000
                }
            ),
            (
                Funding::Sponsors,
                Amounts {
                    planned: 30_000_000,
                    committed: 0,
                    paid: 0
                }
            ),
        ]
    );

    // a stored line is edited by its key, emptied to remove it
    let media = page
        .lines
        .iter()
        .find(|l| l.input.cost_line == "media")
        .unwrap()
        .key
        .clone();
    let venue = page.lines.iter().find(|l| l.input.cost_line == "venue").unwrap();
    let mut edit = BudgetForm {
        support_planned: "40.000.000".into(),
        ..BudgetForm::default()
    };
    edit.lines.insert(media, LineInput::default());
    edit.lines.insert(
        venue.key.clone(),
        LineInput {
            planned: "160.000.000".into(),
            ..venue.input.clone()
        },
    );
    svc::save(&s, &staff, fair, &edit).await.unwrap();
    let page = svc::page(&s, &staff, fair).await.unwrap();
    let kept: Vec<(&str, &str)> = page
        .lines
        .iter()
        .filter(|l| l.key.starts_with('l'))
        .map(|l| (l.input.cost_line.as_str(), l.input.planned.as_str()))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.contains(&("venue", "160000000")) && kept.contains(&("travel", "20000000")));
    assert_eq!(page.total.planned, 160_000_000 + 20_000_000 + 40_000_000);

    // the year's plan: the fair's budget, by source and by cost line, against the decision's total
    let year = page.year;
    assert_eq!(
        fields(
            svc::save_plan(
                &s,
                &staff,
                year,
                &PlanForm {
                    decision_number: "125/QĐ-UBND".into(),
                    budget: "-3".into(),
                    ..PlanForm::default()
                }
            )
            .await
        ),
        ["decision_date", "budget"]
    );
    assert!(svc::plan(&s, &staff, Some(year)).await.unwrap().decision.is_none());
    svc::save_plan(
        &s,
        &staff,
        year,
        &PlanForm {
            decision_number: "125/QĐ-UBND".into(),
            decision_date: format!("{year}-01-15"),
            issued_by: "UBND tỉnh Đắk Lắk".into(),
            budget: "200.000.000".into(),
            ..PlanForm::default()
        },
    )
    .await
    .unwrap();
    let plan = svc::plan(&s, &staff, Some(year)).await.unwrap();
    assert_eq!(
        plan.decision.as_deref(),
        Some(format!("Phê duyệt theo Quyết định số 125/QĐ-UBND ngày 15/01/{year} của UBND tỉnh Đắk Lắk").as_str())
    );
    assert_eq!(plan.form.title, format!("Kế hoạch xúc tiến thương mại năm {year}"));
    assert_eq!(plan.approved_vnd, Some(200_000_000));
    assert_eq!(plan.total, page.total);
    let fair_row = plan.events.iter().find(|e| e.event_id == fair).unwrap();
    assert_eq!(fair_row.budget, page.total);
    assert_eq!(
        plan.by_cost_line.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        [CostLine::Venue, CostLine::Travel, CostLine::Support]
    );
    assert_eq!(plan.by_cost_line[2].1.committed, 36_000_000);
    assert!(plan.years.contains(&year) && plan.years.contains(&chrono::Utc::now().year()));
    // another year has none of it
    let other = svc::plan(&s, &staff, Some(year + 5)).await.unwrap();
    assert!(other.events.is_empty() && other.total == Amounts::default() && other.decision.is_none());

    // the year's dashboard counts the same: one event, two producers (their ratings are claimed,
    // not verified), the money paid, each panel's chart drawn from its table's numbers
    let board = dashboard::page(&s, &staff, Some(year)).await.unwrap();
    let summary = |label: &str| {
        let r = board.summary.iter().find(|r| r.label == label).unwrap();
        (r.this_year.clone(), r.last_year.clone())
    };
    assert_eq!(summary("Sự kiện"), ("1".into(), "0".into()));
    assert_eq!(summary("Doanh nghiệp tham gia"), ("2".into(), "0".into()));
    assert_eq!(summary("Lượt tham gia"), ("2".into(), "0".into()));
    assert_eq!(summary("Kinh phí đã chi"), ("142.000.000 đ".into(), "0 đ".into()));
    assert_eq!(board.budget, page.total);
    let panel = |id: &str| board.panels.iter().find(|p| p.id == id).unwrap();
    let stars = panel("by-stars");
    assert_eq!(
        stars
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.this_year.as_str()))
            .collect::<Vec<_>>(),
        [("Chưa có hạng được xác minh", "2")]
    );
    assert!(stars.svg.starts_with("<svg") && stars.svg.contains("Chưa có hạng được xác minh"));
    let months = panel("by-month");
    assert_eq!(months.rows.len(), 12);
    assert_eq!(months.rows.iter().filter(|r| r.this_year == "1").count(), 1);
    // each bar leads to the records behind it: the plan's events of that kind, just the fair
    let fairs = panel("by-kind").rows.iter().find(|r| r.this_year == "1").unwrap();
    assert_eq!(
        fairs.href.as_deref(),
        Some(format!("/can-bo/ke-hoach?nam={year}&loai=fair").as_str())
    );
    let filter = PlanFilter::new("fair", "", "");
    assert_eq!(
        plan.events
            .iter()
            .filter(|e| filter.matches(e))
            .map(|e| e.event_id)
            .collect::<Vec<_>>(),
        [fair]
    );
    assert!(!PlanFilter::new("livestream", "", "").matches(&plan.events[0]));
    let events = board.summary.iter().find(|r| r.label == "Sự kiện").unwrap();
    assert_eq!(
        events.href.as_deref(),
        Some(format!("/can-bo/ke-hoach?nam={year}").as_str())
    );
    // the dashboard and the year's report are kept while nothing changes; a change is seen at
    // the next request
    let (hits, report_hits) = (s.year_cache.dashboards.hits(), s.year_cache.reports.hits());
    assert_eq!(dashboard::page(&s, &staff, Some(year)).await.unwrap(), board);
    assert_eq!(s.year_cache.dashboards.hits(), hits + 1, "served from the cache");
    let report = app::backend::services::reports::year_report(&s, &staff, year)
        .await
        .unwrap();
    let again = app::backend::services::reports::year_report(&s, &staff, year)
        .await
        .unwrap();
    assert_eq!(s.year_cache.reports.hits(), report_hits + 1, "served from the cache");
    assert_eq!(report.events.len(), again.events.len());
    app::backend::services::planning::change_status(
        &s,
        &staff,
        fair,
        app::domain::EventStatus::Cancelled,
        "Mưa bão kéo dài",
        "",
        "",
    )
    .await
    .unwrap();
    let after = dashboard::page(&s, &staff, Some(year)).await.unwrap();
    assert_eq!(
        s.year_cache.dashboards.hits(),
        hits + 1,
        "not from the cache after a write"
    );
    assert_eq!(
        after.summary[0].this_year, "0",
        "the cancelled fair is no longer counted"
    );
    let report = app::backend::services::reports::year_report(&s, &staff, year)
        .await
        .unwrap();
    assert!(report.events.is_empty() && s.year_cache.reports.hits() == report_hits + 1);
    assert!(dashboard::page(&s, &signed_in(&s, "a@htx.vn").await, Some(year))
        .await
        .is_err());
});

both_backends!(
    the_years_report_sums_the_budget_by_cost_line_and_source,
    |db: Db| async move {
        let s = state(&db);
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let (first, _) = open_fair(&s, &staff).await;
        let (second, _) = open_fair(&s, &staff).await;
        let mut form = BudgetForm::default();
        form.lines.insert(
            "n0".into(),
            line("travel", "national", "20.000.000", "18.000.000", "18.000.000"),
        );
        form.lines
            .insert("n1".into(), line("venue", "provincial", "150.000.000", "", ""));
        svc::save(&s, &staff, first, &form).await.unwrap();
        let mut form = BudgetForm::default();
        form.lines.insert(
            "n0".into(),
            line("travel", "national", "5.000.000", "5.000.000", "2.000.000"),
        );
        svc::save(&s, &staff, second, &form).await.unwrap();
        let year = svc::page(&s, &staff, first).await.unwrap().year;
        let report = app::backend::services::reports::year_report(&s, &staff, year)
            .await
            .unwrap();
        let rows: Vec<(&str, &str, i64, i64, i64)> = report
            .budget
            .iter()
            .map(|b| (b.cost_line.as_str(), b.funding.as_str(), b.planned, b.committed, b.paid))
            .collect();
        // one row per cost line and source, in the order of the cost lines: the two events' travel
        // paid by the national programme in one row
        assert_eq!(
            rows,
            [
                (
                    CostLine::Venue.label(Lang::Vi),
                    Funding::Provincial.label(Lang::Vi),
                    150_000_000,
                    0,
                    0
                ),
                (
                    CostLine::Travel.label(Lang::Vi),
                    Funding::National.label(Lang::Vi),
                    25_000_000,
                    23_000_000,
                    20_000_000
                ),
            ]
        );
    }
);
