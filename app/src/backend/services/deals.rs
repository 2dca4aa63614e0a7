//! The register of contracts and MOUs (staff and admins): what producers reported and staff
//! entered, searched and filtered, followed up at 3, 6 and 12 months, and exported.

use chrono::{Datelike, Months, NaiveDate};

use super::error::{Refusal, ServiceError};
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, producer_report::DealRow},
        now, AppState,
    },
    domain::{
        account::FieldError,
        booths::money,
        deals::{DealFilter, DealLine, DealsPage, FollowUpForm, FollowUpStatus, FollowUpView, FOLLOW_UP_MONTHS},
        outcomes::{grouped, parse_figure, Measure},
        paths,
        producer_report::DealInput,
        text::fold,
        time, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The deals the filter asks for, with their follow-ups, as rows of the register.
async fn lines(state: &AppState, filter: &DealFilter, lang: Lang) -> Result<(Vec<DealLine>, i64, i64)> {
    let window = match filter.year {
        Some(y) => (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y + 1, 1, 1)),
        None => (None, None),
    };
    let words: Vec<String> = fold(&filter.q).split_whitespace().map(str::to_string).collect();
    let matches = |d: &DealRow| {
        let hay = fold(&format!(
            "{} {} {} {}",
            d.counterparty,
            d.product,
            d.place,
            d.producer.as_deref().unwrap_or("")
        ));
        filter.partner.is_none_or(|p| p == d.counterparty_type)
            && filter
                .group
                .as_ref()
                .is_none_or(|g| d.product_group.as_ref() == Some(g))
            && words.iter().all(|w| hay.contains(w.as_str()))
    };
    let rows: Vec<DealRow> = db::producer_report::register(&state.db, window, filter.event_id, filter.kind)
        .await?
        .into_iter()
        .filter(matches)
        .collect();
    let follow_ups = db::producer_report::follow_ups(&state.db).await?;
    let today = time::local_date(now());
    let (mut value, mut realised) = (0_i64, 0_i64);
    let lines = rows
        .into_iter()
        .map(|d| {
            value = value.saturating_add(d.value_vnd);
            let mine: Vec<_> = follow_ups.iter().filter(|f| f.deal_id == d.deal_id).collect();
            // what has been realised is the latest follow-up's figure
            realised = realised.saturating_add(mine.iter().max_by_key(|f| f.months).map_or(0, |f| f.realised_vnd));
            DealLine {
                deal_id: d.deal_id,
                event_id: d.event_id,
                event_title: lang.pick(&d.event_title_vi, d.event_title_en.as_deref()).to_string(),
                producer: d.producer.clone(),
                kind: d.kind.label(lang).to_string(),
                counterparty: d.counterparty.clone(),
                counterparty_type: d.counterparty_type.label(lang).to_string(),
                place: d.place.clone(),
                product: d.product.clone(),
                product_group: d
                    .group_vi
                    .as_deref()
                    .map(|vi| lang.pick(vi, d.group_en.as_deref()).to_string())
                    .unwrap_or_default(),
                value: money(d.value_vnd, lang),
                value_vnd: d.value_vnd,
                foreign: d
                    .currency
                    .clone()
                    .zip(d.foreign_amount)
                    .map(|(c, a)| format!("{} {c}", grouped(a, lang))),
                signed: time::day(d.signed_on),
                follow_ups: FOLLOW_UP_MONTHS
                    .iter()
                    .map(|&months| {
                        let due = d.signed_on.checked_add_months(Months::new(months.unsigned_abs()));
                        let noted = mine.iter().find(|f| f.months == months);
                        FollowUpView {
                            months,
                            due: due.map(time::day).unwrap_or_default(),
                            is_due: due.is_some_and(|due| due <= today),
                            status: noted.map(|f| f.status),
                            realised: noted.map(|f| money(f.realised_vnd, lang)).unwrap_or_default(),
                            realised_vnd: noted.map(|f| f.realised_vnd),
                            note: noted.map(|f| f.note.clone()).unwrap_or_default(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok((lines, value, realised))
}

/// The register page.
pub async fn page(state: &AppState, req: &RequestInfo, filter: DealFilter) -> Result<DealsPage> {
    req.staff()?;
    let lang = req.lang;
    let (lines, value, realised) = lines(state, &filter, lang).await?;
    let (events, dates) = db::producer_report::register_choices(&state.db).await?;
    let mut years: Vec<i32> = dates.iter().map(Datelike::year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let query = filter.to_query();
    Ok(DealsPage {
        totals: format!(
            "{} {} · {} · {} {}",
            lines.len(),
            lang.tr("hợp đồng, biên bản ghi nhớ", "contracts and MOUs"),
            money(value, lang),
            lang.tr("đã thực hiện", "realised"),
            money(realised, lang)
        ),
        csv: if query.is_empty() {
            paths::DEALS_CSV.to_string()
        } else {
            format!("{}?{query}", paths::DEALS_CSV)
        },
        events: events
            .into_iter()
            .map(|(id, vi, en)| (id, lang.pick(&vi, en.as_deref()).to_string()))
            .collect(),
        entry_events: db::producer_report::begun_events(&state.db, now())
            .await?
            .into_iter()
            .map(|(id, vi, en)| (id, lang.pick(&vi, en.as_deref()).to_string()))
            .collect(),
        groups: super::producer_reports::groups(state, lang).await?,
        filter,
        years,
        lines,
    })
}

/// The register as a table, for the CSV export: a header row, then one row per deal.
pub async fn table(state: &AppState, req: &RequestInfo, filter: &DealFilter) -> Result<Vec<Vec<String>>> {
    req.staff()?;
    let lang = req.lang;
    let (lines, ..) = lines(state, filter, lang).await?;
    let mut header: Vec<String> = [
        lang.tr("Sự kiện", "Event"),
        lang.tr("Loại", "Kind"),
        lang.tr("Doanh nghiệp", "Producer"),
        lang.tr("Bên ký kết", "Other party"),
        lang.tr("Loại đối tác", "Kind of partner"),
        lang.tr("Tỉnh, thành hoặc quốc gia", "Province or country"),
        lang.tr("Sản phẩm", "Product"),
        lang.tr("Nhóm sản phẩm", "Product group"),
        lang.tr("Giá trị (đồng)", "Value (VND)"),
        lang.tr("Ngoại tệ", "Foreign currency"),
        lang.tr("Ngày ký", "Signed"),
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    for m in FOLLOW_UP_MONTHS {
        header.push(format!(
            "{} {m} {}",
            lang.tr("Sau", "After"),
            lang.tr("tháng", "months")
        ));
        header.push(format!(
            "{} {m} {}",
            lang.tr("Đã thực hiện sau", "Realised after"),
            lang.tr("tháng", "months")
        ));
    }
    let mut table = vec![header];
    for l in lines {
        let mut row = vec![
            l.event_title,
            l.kind,
            l.producer
                .unwrap_or_else(|| lang.tr("(cán bộ nhập)", "(entered by staff)").to_string()),
            l.counterparty,
            l.counterparty_type,
            l.place,
            l.product,
            l.product_group,
            l.value_vnd.to_string(),
            l.foreign.unwrap_or_default(),
            l.signed,
        ];
        for f in l.follow_ups {
            row.push(f.status.map(|s| s.label(lang).to_string()).unwrap_or_default());
            row.push(f.realised_vnd.map(|v| v.to_string()).unwrap_or_default());
        }
        table.push(row);
    }
    Ok(table)
}

/// Notes how a deal stands `months` after signing. The status is required; the value realised
/// is whole đồng.
pub async fn follow_up(
    state: &AppState,
    req: &RequestInfo,
    deal_id: i64,
    months: i32,
    form: &FollowUpForm,
) -> Result<()> {
    let session = req.staff()?;
    let lang = req.lang;
    if !FOLLOW_UP_MONTHS.contains(&months) {
        return Err(ServiceError::NotFound);
    }
    db::producer_report::signed_on(&state.db, deal_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut errors = Vec::new();
    let status = FollowUpStatus::parse(form.status.trim());
    if status.is_none() {
        errors.push(FieldError::new(
            "status",
            lang.tr("Chọn tình trạng thực hiện.", "Choose how it stands."),
        ));
    }
    let realised = match parse_figure(&form.realised, Measure::Money.ceiling()) {
        Ok(v) => v.unwrap_or(0),
        Err(e) => {
            errors.push(FieldError::new("realised", e.message(lang)));
            0
        }
    };
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Fields(errors));
    };
    let note: String = form.note.trim().chars().take(1000).collect();
    let mut tx = state.db.begin_write().await?;
    db::producer_report::put_follow_up(
        &mut tx,
        (deal_id, months),
        status,
        realised,
        &note,
        Some(session.viewer.user_id),
        now(),
    )
    .await?;
    super::record(
        &mut tx,
        req,
        "deal-follow-up",
        "deal",
        deal_id,
        Some(format!("{months} months")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Staff enter a deal signed at an event (one no producer reported: a delegation's, say).
pub async fn add(state: &AppState, req: &RequestInfo, event_id: i64, input: &DealInput) -> Result<i64> {
    let session = req.staff()?;
    let ev = db::event::any_detail(&state.db, event_id, Lang::Vi)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let at = now();
    if ev.starts_at > at {
        return Err(Refusal::DealBeforeEvent.into());
    }
    let mut errors = Vec::new();
    let days = (time::local_date(ev.starts_at), time::local_date(at));
    let codes: Vec<String> = super::producer_reports::groups(state, req.lang)
        .await?
        .into_iter()
        .map(|g| g.0)
        .collect();
    let Some(deal) = input.check("deal", None, days, (&codes, req.lang), &mut errors) else {
        return Err(ServiceError::Fields(errors));
    };
    let mut tx = state.db.begin_write().await?;
    let id = db::producer_report::insert_deal(&mut tx, event_id, None, &deal, Some(session.viewer.user_id), at).await?;
    super::record(&mut tx, req, "deal-add", "event", event_id, Some(format!("deal {id}"))).await?;
    tx.commit().await?;
    Ok(id)
}
