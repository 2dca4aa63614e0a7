//! What the staff's year dashboard shows (`/can-bo/tong-hop?nam=2026`): the year's events, its
//! indicators planned and achieved, its budget, the producers who took part and the contracts and
//! MOUs, each beside the year before. Every number arrives written out; the charts arrive as SVG
//! written on the server.

use serde::{Deserialize, Serialize};

use super::budget::Amounts;

/// One row of a table: this year's and last year's figure, written out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub this_year: String,
    pub last_year: String,
    /// The records behind this year's figure: the events, producers or deals it counts.
    pub href: Option<String>,
}

/// One indicator over the year: planned, achieved, the rate, and last year's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub name: String,
    pub target: String,
    pub actual: String,
    /// Achieved against planned, "96 %".
    pub rate: String,
    pub last_year: String,
    /// Some outcome in it is not confirmed yet (ước đạt).
    pub estimated: bool,
}

/// A chart and the table of its numbers, with the page that lists the records behind them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panel {
    /// The element id of its heading.
    pub id: String,
    pub title: String,
    /// An `<svg>` element, written on the server from the rows' numbers.
    pub svg: String,
    /// The table's column heads after the label.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// (address, link text) of the records behind it.
    pub records: Option<(String, String)>,
}

/// The dashboard of a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub year: i32,
    pub years: Vec<i32>,
    /// The headline numbers: (what, this year, last year).
    pub summary: Vec<Row>,
    pub indicators: Vec<IndicatorRow>,
    pub budget: Amounts,
    pub panels: Vec<Panel>,
}
