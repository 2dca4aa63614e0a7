//! The staff's dashboard of a year, beside the year before: events by month, kind and format;
//! each indicator planned and achieved; the budget; the producers who took part, by rating,
//! product group and commune; contracts and MOUs by kind of partner. Charts are SVG written here
//! (`backend::charts`), each beside the table of its numbers and a link to the records.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::{
    budget,
    error::ServiceError,
    outcomes::{year_events, year_window},
    reports,
};
use crate::{
    backend::{
        auth::RequestInfo,
        charts::{bars, Series},
        db, now,
        stamp_cache::StampCache,
        AppState,
    },
    domain::{
        booths::money,
        budget::PlanFilter,
        dashboard::{DashboardPage, IndicatorRow, Panel, Row},
        deals::DealFilter,
        outcomes::grouped,
        paths,
        producer_report::BuyerType,
        time, EventFormat, EventKind, EventStatus, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// A category of a panel: its label, this year's and last year's figure, and the records behind
/// this year's.
type Category = (String, i64, i64, Option<String>);

/// A panel of counts (or amounts) by category for this year and last, with its chart.
#[allow(clippy::too_many_arguments)]
fn panel(
    id: &str,
    title: String,
    year: i32,
    categories: Vec<Category>,
    written: impl Fn(i64) -> String,
    records: Option<(String, String)>,
    lang: Lang,
) -> Panel {
    let labels: Vec<String> = categories.iter().map(|c| c.0.clone()).collect();
    let this: Vec<i64> = categories.iter().map(|c| c.1).collect();
    let last: Vec<i64> = categories.iter().map(|c| c.2).collect();
    let (this_name, last_name) = (year.to_string(), (year - 1).to_string());
    let svg = bars(
        &title,
        &labels,
        &[
            Series {
                name: &this_name,
                values: &this,
            },
            Series {
                name: &last_name,
                values: &last,
            },
        ],
        &written,
    );
    Panel {
        id: id.to_string(),
        title,
        svg,
        columns: vec![this_name.clone(), last_name.clone()],
        rows: categories
            .into_iter()
            .map(|(label, a, b, href)| Row {
                label,
                this_year: written(a),
                last_year: written(b),
                href,
            })
            .collect(),
        records: records.map(|(href, text)| (href, text.replace("{}", lang.tr("Xem chi tiết", "See the records")))),
    }
}

/// What a year counts of its producers: unique producers, participations, unique producers by
/// best rating, by product group and by commune.
struct Producers {
    unique: i64,
    participations: i64,
    by_stars: BTreeMap<u8, i64>,
    by_group: BTreeMap<(i32, String), i64>,
    by_commune: BTreeMap<String, i64>,
}

async fn producers(state: &AppState, year: i32, lang: Lang) -> Result<Producers> {
    let Some((from, to)) = year_window(year) else {
        return Err(ServiceError::NotFound);
    };
    let rows = db::dashboard::participations(&state.db, from, to).await?;
    let mut best: BTreeMap<i64, (u8, String)> = BTreeMap::new();
    for r in &rows {
        let stars = r.stars.and_then(|s| u8::try_from(s).ok()).unwrap_or(0);
        let commune = match (&r.commune_kind, &r.commune_name) {
            (Some(k), Some(n)) => db::reference::commune_display(k, n, lang),
            _ => lang.tr_owned("Chưa rõ xã, phường", "Commune not given"),
        };
        let e = best.entry(r.producer_id).or_insert((stars, commune));
        e.0 = e.0.max(stars);
    }
    let mut by_stars = BTreeMap::new();
    let mut by_commune = BTreeMap::new();
    for (stars, commune) in best.values() {
        *by_stars.entry(*stars).or_insert(0) += 1;
        *by_commune.entry(commune.clone()).or_insert(0) += 1;
    }
    let mut by_group = BTreeMap::new();
    for (_, vi, en, order) in db::dashboard::groups_shown(&state.db, from, to).await? {
        *by_group
            .entry((order, lang.pick(&vi, Some(en.as_str())).to_string()))
            .or_insert(0) += 1;
    }
    Ok(Producers {
        unique: i64::try_from(best.len()).unwrap_or(0),
        participations: i64::try_from(rows.len()).unwrap_or(0),
        by_stars,
        by_group,
        by_commune,
    })
}

/// What a year is shown as, kept while the database is unchanged: its dashboard (per language)
/// and its report (in Vietnamese, written as .docx, .xlsx and a page). A dashboard reads every event, figure, budget line, participation and deal of
/// two years (96 ms of server CPU over 500 events before it was kept; docs/benchmarks.md), and a
/// past year changes rarely. Keyed by this year too, so that a new year is seen at once.
#[derive(Default)]
pub struct YearCache {
    pub dashboards: StampCache<(i32, Lang, i32), DashboardPage, 8>,
    /// Keyed by the day too: a report is dated.
    pub reports: StampCache<(i32, NaiveDate), reports::Report, 4>,
}

/// The dashboard of `year` (this year's when `None`), from the cache while nothing has changed.
pub async fn page(state: &AppState, req: &RequestInfo, year: Option<i32>) -> Result<DashboardPage> {
    req.staff()?;
    let lang = req.lang;
    let this_year = time::local_date(now()).year();
    let year = year.unwrap_or(this_year);
    if year_window(year).is_none() || year_window(year - 1).is_none() {
        return Err(ServiceError::NotFound);
    }
    let stamp = state.db.change_stamp().await?;
    let key = (year, lang, this_year);
    if let Some(page) = state.year_cache.dashboards.get(&key, stamp) {
        return Ok((*page).clone());
    }
    let page = made(state, year, lang).await?;
    state
        .year_cache
        .dashboards
        .put(key, stamp, std::sync::Arc::new(page.clone()));
    Ok(page)
}

/// The dashboard of `year`, read afresh.
async fn made(state: &AppState, year: i32, lang: Lang) -> Result<DashboardPage> {
    let this_year = year_events(state, year).await?;
    let last_year = year_events(state, year - 1).await?;
    let (events, figures) = reports::year_figures(state, &this_year, lang).await?;
    let (events_last, figures_last) = reports::year_figures(state, &last_year, lang).await?;
    let count = |n: usize| i64::try_from(n).unwrap_or(0);
    let plain = move |v: i64| grouped(v, lang);
    let money_of = move |v: i64| money(v, lang);

    // events by month, kind and format
    let month_of = |e: &db::event::StaffEventRow| time::local_date(e.starts_at).month();
    // each bar's events, on the plan's list
    let events_of = |filter: PlanFilter| Some(paths::plan_of(year, &filter));
    let months: Vec<Category> = (1..=12)
        .map(|m| {
            (
                match lang {
                    Lang::Vi => format!("Tháng {m}"),
                    Lang::En => format!("Month {m}"),
                },
                count(events.iter().filter(|e| month_of(e) == m).count()),
                count(events_last.iter().filter(|e| month_of(e) == m).count()),
                events_of(PlanFilter {
                    month: Some(m),
                    ..PlanFilter::default()
                }),
            )
        })
        .collect();
    let kinds: Vec<Category> = EventKind::ALL
        .iter()
        .map(|&k| {
            (
                k.label(lang).to_string(),
                count(events.iter().filter(|e| e.kind == k).count()),
                count(events_last.iter().filter(|e| e.kind == k).count()),
                events_of(PlanFilter {
                    kind: Some(k),
                    ..PlanFilter::default()
                }),
            )
        })
        .filter(|c| c.1 + c.2 > 0)
        .collect();
    let formats: Vec<Category> = EventFormat::ALL
        .iter()
        .map(|&f| {
            (
                f.label(lang).to_string(),
                count(events.iter().filter(|e| e.format == f).count()),
                count(events_last.iter().filter(|e| e.format == f).count()),
                events_of(PlanFilter {
                    format: Some(f),
                    ..PlanFilter::default()
                }),
            )
        })
        .filter(|c| c.1 + c.2 > 0)
        .collect();

    // indicators planned and achieved, beside last year's outcome
    let indicators: Vec<IndicatorRow> = figures
        .iter()
        .filter(|f| f.target.is_some() || f.actual.is_some())
        .map(|f| {
            let written = |v: Option<i64>| {
                v.map(|v| {
                    if f.money {
                        money(v, lang)
                    } else {
                        format!("{} {}", grouped(v, lang), f.unit)
                    }
                })
                .unwrap_or_default()
            };
            let last = figures_last.iter().find(|l| l.name == f.name).and_then(|l| l.actual);
            IndicatorRow {
                name: f.name.clone(),
                target: written(f.target),
                actual: written(f.actual),
                rate: f.rate().map(|r| format!("{r} %")).unwrap_or_default(),
                last_year: written(last),
                estimated: f.actual.is_some() && !f.confirmed,
            }
        })
        .collect();

    // the budget, by source
    let sum = |lines: Vec<budget::BudgetLine>| {
        let mut a = crate::domain::budget::Amounts::default();
        lines.iter().for_each(|l| a.add(l.2));
        a
    };
    let total = sum(budget::year_spending(state, &this_year).await?);
    let total_last = sum(budget::year_spending(state, &last_year).await?);
    let budget_rows = vec![
        (
            lang.tr_owned("Kế hoạch", "Planned"),
            total.planned,
            total_last.planned,
            None,
        ),
        (
            lang.tr_owned("Đã cam kết", "Committed"),
            total.committed,
            total_last.committed,
            None,
        ),
        (lang.tr_owned("Đã chi", "Paid"), total.paid, total_last.paid, None),
    ];

    // producers
    let p = producers(state, year, lang).await?;
    let q = producers(state, year - 1, lang).await?;
    let stars: Vec<Category> = [5u8, 4, 3, 0]
        .iter()
        .map(|&s| {
            (
                if s == 0 {
                    lang.tr_owned("Chưa có hạng được xác minh", "No verified rating")
                } else {
                    format!("OCOP {s}★")
                },
                p.by_stars.get(&s).copied().unwrap_or(0),
                q.by_stars.get(&s).copied().unwrap_or(0),
                None,
            )
        })
        .filter(|c| c.1 + c.2 > 0)
        .collect();
    let mut groups: BTreeSet<(i32, String)> = p.by_group.keys().cloned().collect();
    groups.extend(q.by_group.keys().cloned());
    let groups: Vec<Category> = groups
        .into_iter()
        .map(|k| {
            (
                k.1.clone(),
                p.by_group.get(&k).copied().unwrap_or(0),
                q.by_group.get(&k).copied().unwrap_or(0),
                None,
            )
        })
        .collect();
    let mut communes: Vec<Category> = p
        .by_commune
        .iter()
        .map(|(c, n)| (c.clone(), *n, q.by_commune.get(c).copied().unwrap_or(0), None))
        .collect();
    communes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    communes.truncate(10);

    // contracts and MOUs, by kind of partner
    let window = |y: i32| (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y + 1, 1, 1));
    let deals = db::producer_report::values(&state.db, window(year)).await?;
    let deals_last = db::producer_report::values(&state.db, window(year - 1)).await?;
    let value = |rows: &[db::producer_report::DealValue], t: Option<BuyerType>| {
        rows.iter()
            .filter(|d| t.is_none_or(|t| d.counterparty_type == t))
            .map(|d| d.value_vnd)
            .fold(0_i64, i64::saturating_add)
    };
    let deals_of = |partner: Option<BuyerType>, group: Option<String>| {
        let filter = DealFilter {
            year: Some(year),
            partner,
            group,
            ..DealFilter::default()
        };
        format!("{}?{}", paths::DEALS, filter.to_query())
    };
    let by_buyer: Vec<Category> = BuyerType::ALL
        .iter()
        .map(|&t| {
            (
                t.label(lang).to_string(),
                value(&deals, Some(t)),
                value(&deals_last, Some(t)),
                Some(deals_of(Some(t), None)),
            )
        })
        .filter(|c| c.1 + c.2 > 0)
        .collect();
    // and by product group, where it was said
    let mut by_group: BTreeMap<String, Category> = BTreeMap::new();
    for (rows, this) in [(&deals, true), (&deals_last, false)] {
        for d in rows.iter() {
            let (Some(code), Some(vi)) = (&d.product_group, &d.group_vi) else {
                continue;
            };
            let c = by_group.entry(code.clone()).or_insert_with(|| {
                (
                    lang.pick(vi, d.group_en.as_deref()).to_string(),
                    0,
                    0,
                    Some(deals_of(None, Some(code.clone()))),
                )
            });
            if this {
                c.1 = c.1.saturating_add(d.value_vnd);
            } else {
                c.2 = c.2.saturating_add(d.value_vnd);
            }
        }
    }
    let by_deal_group: Vec<Category> = by_group.into_values().collect();

    let completed =
        |rows: &[db::event::StaffEventRow]| count(rows.iter().filter(|e| e.status == EventStatus::Completed).count());
    let row = |label: &str, a: String, b: String| Row {
        label: label.to_string(),
        this_year: a,
        last_year: b,
        href: None,
    };
    let linked = |r: Row, href: String| Row { href: Some(href), ..r };
    // the year's participants, in the year's report
    let participants = format!("{}#{}", paths::year_report(year, ""), paths::PARTICIPANTS_ANCHOR);
    let summary = vec![
        linked(
            row(
                lang.tr("Sự kiện", "Events"),
                plain(count(events.len())),
                plain(count(events_last.len())),
            ),
            paths::plan(year),
        ),
        row(
            lang.tr("Đã hoàn thành", "Completed"),
            plain(completed(&events)),
            plain(completed(&events_last)),
        ),
        linked(
            row(
                lang.tr("Doanh nghiệp tham gia", "Producers taking part"),
                plain(p.unique),
                plain(q.unique),
            ),
            participants.clone(),
        ),
        row(
            lang.tr("Lượt tham gia", "Participations"),
            plain(p.participations),
            plain(q.participations),
        ),
        linked(
            row(
                lang.tr("Hợp đồng, biên bản ghi nhớ", "Contracts and MOUs"),
                plain(count(deals.len())),
                plain(count(deals_last.len())),
            ),
            deals_of(None, None),
        ),
        row(
            lang.tr("Giá trị hợp đồng, biên bản", "Their value"),
            money_of(value(&deals, None)),
            money_of(value(&deals_last, None)),
        ),
        row(
            lang.tr("Kinh phí đã chi", "Budget paid"),
            money_of(total.paid),
            money_of(total_last.paid),
        ),
    ];
    let plan_link = Some((paths::plan(year), "{}".to_string()));
    let panels = vec![
        panel(
            "by-month",
            lang.tr_owned("Sự kiện theo tháng", "Events by month"),
            year,
            months,
            plain,
            plan_link.clone(),
            lang,
        ),
        panel(
            "by-kind",
            lang.tr_owned("Sự kiện theo loại", "Events by kind"),
            year,
            kinds,
            plain,
            plan_link.clone(),
            lang,
        ),
        panel(
            "by-format",
            lang.tr_owned("Sự kiện theo hình thức", "Events by format"),
            year,
            formats,
            plain,
            plan_link.clone(),
            lang,
        ),
        panel(
            "budget",
            lang.tr_owned("Kinh phí", "Budget"),
            year,
            budget_rows,
            money_of,
            plan_link,
            lang,
        ),
        panel(
            "by-stars",
            lang.tr_owned(
                "Doanh nghiệp tham gia theo hạng OCOP",
                "Producers taking part by OCOP rating",
            ),
            year,
            stars,
            plain,
            Some((participants.clone(), "{}".into())),
            lang,
        ),
        panel(
            "by-group",
            lang.tr_owned(
                "Doanh nghiệp tham gia theo nhóm sản phẩm",
                "Producers taking part by product group",
            ),
            year,
            groups,
            plain,
            Some((participants.clone(), "{}".into())),
            lang,
        ),
        panel(
            "by-commune",
            lang.tr_owned(
                "Doanh nghiệp tham gia theo xã, phường (10 nơi nhiều nhất)",
                "Producers taking part by commune (top 10)",
            ),
            year,
            communes,
            plain,
            Some((participants, "{}".into())),
            lang,
        ),
        panel(
            "by-buyer",
            lang.tr_owned(
                "Giá trị hợp đồng, biên bản theo loại đối tác",
                "Value of contracts and MOUs by kind of partner",
            ),
            year,
            by_buyer,
            money_of,
            Some((deals_of(None, None), "{}".into())),
            lang,
        ),
        panel(
            "by-deal-group",
            lang.tr_owned(
                "Giá trị hợp đồng, biên bản theo nhóm sản phẩm",
                "Value of contracts and MOUs by product group",
            ),
            year,
            by_deal_group,
            money_of,
            Some((deals_of(None, None), "{}".into())),
            lang,
        ),
    ];
    let mut years: Vec<i32> = db::event::start_times(&state.db)
        .await?
        .into_iter()
        .map(|t| time::local_date(t).year())
        .chain([year, time::local_date(now()).year()])
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(DashboardPage {
        year,
        years,
        summary,
        indicators,
        budget: total,
        panels,
    })
}
