//! The calendar as a month: weeks from Monday to Sunday, each day listing what runs that day.

use chrono::{Datelike, Days, Months, NaiveDate};
use leptos::prelude::*;

use crate::domain::paths;
use crate::{
    context::use_lang,
    domain::{time, EventCard, EventFilter, Lang},
};

fn weekday_heads(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Vi => ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    }
}

/// The days shown: whole weeks covering the month.
fn grid_days(first: NaiveDate) -> Vec<NaiveDate> {
    let start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let mut days = Vec::with_capacity(42);
    let mut d = start;
    while d < next || days.len() % 7 != 0 {
        days.push(d);
        d = d.succ_opt().unwrap_or(d);
        if days.len() > 42 {
            break;
        }
    }
    days
}

#[component]
pub fn MonthGrid(events: Vec<EventCard>, filter: EventFilter, today: NaiveDate) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let first = filter.shown_month(today);
    // the month shown is part of the way back from an event
    let from = EventFilter {
        month: Some(first),
        ..filter.clone()
    }
    .to_query();
    let link_to = |month: NaiveDate| {
        EventFilter {
            month: Some(month),
            ..filter.clone()
        }
        .href(paths::CALENDAR)
    };
    let prev = first.checked_sub_months(Months::new(1)).unwrap_or(first);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let weeks: Vec<Vec<NaiveDate>> = grid_days(first).chunks(7).map(<[NaiveDate]>::to_vec).collect();
    let on_day = |day: NaiveDate| -> Vec<EventCard> {
        events
            .iter()
            .filter(|e| time::local_date(e.starts_at) <= day && day <= time::local_date(e.ends_at))
            .cloned()
            .collect()
    };
    view! {
        <div class="month">
            <div class="month-nav">
                <a href=link_to(prev) rel="prev">"‹ " {t.prev_month}</a>
                <h2>{time::month_title(first.year(), first.month(), lang)}</h2>
                <a href=link_to(next) rel="next">{t.next_month} " ›"</a>
            </div>
            <table class="month-grid">
                <caption class="sr-only">{time::month_title(first.year(), first.month(), lang)}</caption>
                <thead>
                    <tr>{weekday_heads(lang).into_iter().map(|d| view! { <th scope="col">{d}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|week| {
                            view! {
                                <tr>
                                    {week
                                        .into_iter()
                                        .map(|day| {
                                            let items = on_day(day);
                                            let has_events = !items.is_empty();
                                            view! {
                                                <td
                                                    class:other-month=day.month() != first.month()
                                                    class:today=day == today
                                                    class:has-events=has_events
                                                >
                                                    <span class="day-number">
                                                        <span class="sr-only">{time::weekday(day, lang)} " "</span>
                                                        {day.day()}
                                                    </span>
                                                    <ul>
                                                        {items
                                                            .into_iter()
                                                            .map(|e| {
                                                                view! {
                                                                    <li class=format!("tag-{}", e.kind.code())>
                                                                        <a href=paths::event_from(e.event_id, &from)>{e.title}</a>
                                                                    </li>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_grid_is_whole_weeks_starting_on_monday() {
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let days = grid_days(first);
        assert_eq!(days.len() % 7, 0);
        assert_eq!(days[0].weekday(), chrono::Weekday::Mon);
        assert!(days.contains(&NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()));
        assert_eq!(days.len(), 42);
    }
}
