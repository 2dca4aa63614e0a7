//! Properties of the parsers that read what people type and what addresses carry, tried on
//! thousands of generated inputs (proptest): none panics on any text, each reads back what its
//! own writer wrote, and what it accepts stays within its bounds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::domain::{
    budget::PlanFilter,
    deals::DealFilter,
    outcomes::{grouped, parse_figure},
    producer::{check_digit, TaxCode},
    time::{iso_date, parse_date, YEARS},
    EventFilter, Lang,
};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// The pairs of an address's query, decoded as a browser sends them.
fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

fn borrowed(p: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    p.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// Query keys the filters know, and some they do not, with values of any text.
fn query_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        Just("loai".to_string()),
        Just("kind".to_string()),
        Just("nam".to_string()),
        Just("su-kien".to_string()),
        Just("doi-tac".to_string()),
        Just("nhom".to_string()),
        Just("q".to_string()),
        Just("from".to_string()),
        Just("to".to_string()),
        Just("month".to_string()),
        Just("view".to_string()),
        Just("scope".to_string()),
        Just("format".to_string()),
        Just("commune".to_string()),
        Just("group".to_string()),
        Just("past".to_string()),
        "[a-z-]{0,8}",
    ];
    let value = prop_oneof![
        "\\PC{0,24}",
        "[0-9]{0,6}",
        "(19|20|21)[0-9]{2}-[01][0-9](-[0-3][0-9])?",
        Just("fair".to_string()),
        Just("online".to_string()),
        Just("exporter".to_string()),
        Just("beverage".to_string()),
    ];
    prop::collection::vec((key, value), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A whole number written the reader's way reads back; anything else is refused or read
    /// within bounds, never a panic.
    #[test]
    fn figures_read_back_and_stay_within_bounds(v in 0i64..=1_000_000_000_000_000, text in "\\PC{0,30}") {
        let ceiling = 1_000_000_000_000_000;
        prop_assert_eq!(parse_figure(&grouped(v, Lang::Vi), ceiling), Ok(Some(v)));
        prop_assert_eq!(parse_figure(&grouped(v, Lang::En), ceiling), Ok(Some(v)));
        prop_assert_eq!(parse_figure(&v.to_string(), ceiling), Ok(Some(v)));
        if let Ok(Some(n)) = parse_figure(&text, ceiling) {
            prop_assert!((0..=ceiling).contains(&n), "{text:?} read as {n}");
        }
    }

    /// A tax code with its check digit is accepted, spaces or not; the same code with any other
    /// last digit is refused; no text panics the parser.
    #[test]
    fn tax_codes_are_checked_by_their_digit(nine in prop::array::uniform9(0u32..10), other in 0u32..10, text in "\\PC{0,20}") {
        let _ = TaxCode::parse(&text);
        let digits: String = nine.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        if let Some(c) = check_digit(&nine) {
            let (good, spaced, wrong) = (
                format!("{digits}{c}"),
                format!(" {} {}{c} ", &digits[..4], &digits[4..]),
                format!("{digits}{other}"),
            );
            prop_assert!(TaxCode::parse(&good).is_ok());
            prop_assert!(TaxCode::parse(&spaced).is_ok());
            if other != c {
                prop_assert!(TaxCode::parse(&wrong).is_err());
            }
        }
    }

    /// Every date in the calendar's years reads back from both shapes people and inputs use;
    /// any text is a date in those years or nothing.
    #[test]
    fn dates_read_back_in_both_shapes(days in 0i64..40_000, text in "\\PC{0,14}") {
        let first = NaiveDate::from_ymd_opt(*YEARS.start(), 1, 1).unwrap();
        let d = first + chrono::Duration::days(days);
        if YEARS.contains(&d.year()) {
            prop_assert_eq!(parse_date(&iso_date(d)), Some(d));
            prop_assert_eq!(parse_date(&format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())), Some(d));
        }
        if let Some(read) = parse_date(&text) {
            prop_assert!(YEARS.contains(&read.year()));
        }
    }

    /// The calendar's, the register's and the plan's filters take any address without failing,
    /// and the address each writes gives the same filter back.
    #[test]
    fn filters_read_any_address_and_give_their_own_back(p in query_pairs()) {
        let calendar = EventFilter::from_pairs(borrowed(&p));
        prop_assert_eq!(EventFilter::from_pairs(borrowed(&pairs(&calendar.to_query()))), calendar);
        let register = DealFilter::from_pairs(borrowed(&p));
        prop_assert_eq!(DealFilter::from_pairs(borrowed(&pairs(&register.to_query()))), register);
        let get = |k: &str| p.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("");
        let plan = PlanFilter::new(get("loai"), get("hinh-thuc"), get("thang"));
        let back = pairs(plan.to_query().trim_start_matches('&'));
        let again = |k: &str| back.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("");
        prop_assert_eq!(PlanFilter::new(again("loai"), again("hinh-thuc"), again("thang")), plan);
    }
}

/// The bounds themselves, which random numbers would rarely hit.
#[test]
fn a_figures_bounds_are_exact() {
    let ceiling = 1_000_000_000_000_000;
    assert_eq!(parse_figure(&grouped(ceiling, Lang::Vi), ceiling), Ok(Some(ceiling)));
    assert!(parse_figure(&grouped(ceiling + 1, Lang::Vi), ceiling).is_err());
    assert_eq!(parse_figure("0", ceiling), Ok(Some(0)));
    for bad in ["-1", "1,5", "12.5.0,1", "1e3"] {
        assert!(parse_figure(bad, ceiling).is_err(), "{bad}");
    }
}
