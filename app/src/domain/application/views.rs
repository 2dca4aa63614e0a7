//! What the producer's and the staff's pages show of applications.

use super::*;

/// A booth type as the application form offers it, with what this producer would pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeOption {
    pub booth_type_id: i64,
    pub name: String,
    pub price_vnd: i64,
    /// The support this producer's best rating earns on this type, in percent.
    pub support: u8,
    pub amount_due: i64,
}

/// A product as the application form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductChoice {
    pub product_id: i64,
    pub name: String,
    pub stars: Option<u8>,
    pub verified: bool,
    /// "dd/mm/yyyy"
    pub expiry: Option<String>,
    /// The certificate runs out before the event ends.
    pub expires_before_event: bool,
}

/// Everything the application page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplyPage {
    pub event_id: i64,
    pub title: String,
    pub dates: String,
    pub closes: String,
    pub call_open: bool,
    pub min_stars: Option<u8>,
    pub max_booths: i64,
    pub documents: String,
    pub types: Vec<TypeOption>,
    pub zones: Vec<(i64, String)>,
    pub products: Vec<ProductChoice>,
    pub questions: Vec<super::super::booths::QuestionView>,
    /// The documents attached so far, by question.
    pub attached: Vec<Attached>,
    pub form: ApplicationForm,
    pub application_id: Option<i64>,
    pub status: Option<Status>,
    pub may_edit: bool,
    /// The last message from staff (what to change, why not).
    pub message: Option<String>,
}

/// A document attached to an application for one of the call's questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    pub question_id: i64,
    /// The name the producer's file had.
    pub file_name: String,
    /// Its size, for people ("120 KB").
    pub size: String,
}

/// A size in bytes, for people: "850 B", "120 KB", "3,4 MB" (Vietnamese decimal comma).
pub fn file_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", (b + 512) / 1024),
        b => {
            let tenths = (b * 10 + 512 * 1024) / (1024 * 1024);
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}

/// The name a producer's file is shown by: its last path part, without control characters or
/// quotes, at most 120 characters; "tai-lieu" when nothing is left.
pub fn shown_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(120)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "tai-lieu".to_string()
    } else {
        clean.to_string()
    }
}

/// A line of an application's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// "dd/mm/yyyy HH:MM", Vietnam time.
    pub at: String,
    pub status: Status,
    pub message: Option<String>,
}

/// One of the producer's applications.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApplication {
    pub application_id: i64,
    pub event_id: i64,
    pub event_title: String,
    pub event_dates: String,
    pub status: Status,
    pub booth_type: Option<String>,
    pub booth_count: i64,
    pub amount_due: i64,
    pub paid: bool,
    pub booths: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub message: Option<String>,
    /// "dd/mm/yyyy HH:MM" by which an offered booth must be accepted.
    pub offer_expires: Option<String>,
    pub may_edit: bool,
    /// Once an approved application's event has ended: whether its results report has been sent.
    pub results_report: Option<bool>,
    /// The floor plan with this producer's booths marked (`label = "mine"`).
    pub plan: Option<(i32, i32, Vec<Booth>)>,
}

/// The producer's part of `/doanh-nghiep`: applications and the open calls to apply to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyApplications {
    pub applications: Vec<MyApplication>,
    /// Open calls this producer has not applied to: (event id, title, closes).
    pub open_calls: Vec<(i64, String, String)>,
    /// The private feed's address, once made.
    pub feed_url: Option<String>,
}

/// One application in the review table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub application_id: i64,
    pub producer: String,
    pub commune_id: Option<i64>,
    pub commune: String,
    /// The best verified rating, and the best claimed one.
    pub stars: Option<u8>,
    pub claimed_stars: Option<u8>,
    pub groups: Vec<String>,
    pub products: Vec<String>,
    pub booth_type_id: Option<i64>,
    pub booth_type: String,
    pub booth_count: i64,
    pub zone: String,
    pub status: Status,
    /// "dd/mm/yyyy HH:MM"
    pub submitted: String,
    pub submitted_ts: i64,
    pub score: Score,
    /// 1 = first in priority order among the live applications.
    pub rank: usize,
    pub booths: Vec<String>,
    pub amount_due: i64,
    pub paid: bool,
    /// A shown product's certificate runs out before the event ends.
    pub certificate_expires: bool,
    pub staff_comment: Option<String>,
    pub message: Option<String>,
    /// The documents attached: (question id, the file's name).
    pub documents: Vec<(i64, String)>,
    pub tax_code: Option<String>,
    pub zone_id: Option<i64>,
    /// The producer's note to the Department.
    pub note: Option<String>,
    /// The answers to the call's questions, in the questions' order, one "question: answer" a
    /// line, written out by the server (documents are in `documents`).
    pub answers: String,
    /// Folded producer and product names, for the diacritics-blind search.
    pub search: String,
}

/// The review table's filter and order, from the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewFilter {
    pub status: String,
    pub stars: String,
    pub group: String,
    pub commune: String,
    pub booth_type: String,
    pub q: String,
    /// "score" (default), "submitted", "name"
    pub sort: String,
    /// 1-based page of [`REVIEW_PAGE`] rows.
    pub page: String,
}

/// Rows per page of the review table.
pub const REVIEW_PAGE: usize = 100;

impl ReviewFilter {
    /// The query string of this filter on another page.
    pub fn query_for_page(&self, page: usize) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("status", &self.status),
            ("stars", &self.stars),
            ("group", &self.group),
            ("commune", &self.commune),
            ("booth_type", &self.booth_type),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", super::super::filter::encode(v)));
            }
        }
        parts.push(format!("page={page}"));
        parts.join("&")
    }
}

impl ReviewFilter {
    /// The rows that pass, in the asked order.
    pub fn apply<'a>(&self, rows: &'a [ReviewRow]) -> Vec<&'a ReviewRow> {
        let q = fold(self.q.trim());
        let stars: Option<Option<u8>> = match self.stars.as_str() {
            "" => None,
            "none" => Some(None),
            s => s.parse().ok().map(Some),
        };
        let mut out: Vec<&ReviewRow> = rows
            .iter()
            .filter(|r| self.status.is_empty() || r.status.code() == self.status)
            .filter(|r| stars.is_none_or(|s| r.stars == s))
            .filter(|r| self.group.is_empty() || r.groups.contains(&self.group))
            .filter(|r| {
                self.commune.is_empty() || r.commune_id.map(|c| c.to_string()).as_deref() == Some(&self.commune)
            })
            .filter(|r| {
                self.booth_type.is_empty()
                    || r.booth_type_id.map(|c| c.to_string()).as_deref() == Some(&self.booth_type)
            })
            .filter(|r| q.is_empty() || r.search.contains(&q))
            .collect();
        match self.sort.as_str() {
            "submitted" => out.sort_by_key(|r| (r.submitted_ts, r.application_id)),
            "name" => out.sort_by(|a, b| a.search.cmp(&b.search)),
            _ => out.sort_by_key(|r| (r.rank, r.application_id)),
        }
        out
    }
}

/// Everything the review page shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub event_id: i64,
    pub title: String,
    /// This page's rows of the filtered table.
    pub rows: Vec<ReviewRow>,
    /// Rows that pass the filter, on all pages; this page's number and how many pages there are.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// (status, how many) for the filter.
    pub counts: Vec<(Status, usize)>,
    pub weights: Option<Weights>,
    pub cols: i32,
    pub rows_on_plan: i32,
    pub booths: Vec<Booth>,
    pub booth_types: Vec<(i64, String)>,
    pub groups: Vec<String>,
    pub communes: Vec<(i64, String)>,
}

/// A staff decision as a form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecideForm {
    /// An [`Action`] code.
    pub action: String,
    pub message: String,
    /// One application…
    pub application_id: String,
    /// …or those checked in the table: `selected[<id>] = on`.
    pub selected: BTreeMap<String, String>,
}

/// A proposed allocation for staff to look at before accepting it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// (application id, producer, booth id, booth code)
    pub pairs: Vec<(i64, String, i64, String)>,
    /// Approved applications that could not get all their booths.
    pub short: Vec<String>,
}
