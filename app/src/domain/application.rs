//! Applications for booths: the status machine, the priority score with its parts, the
//! allocation proposal, and what the producer's and the staff's pages show. Pure: no I/O, so every
//! rule is tested here on its own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{account::FieldError, booths::Booth, text::fold, Lang};

/// Where an application stands. It moves only by [`next`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Submitted,
    /// Staff have started reviewing: the producer can no longer edit it.
    InReview,
    /// Staff asked for changes; the producer edits and submits again.
    ChangesRequested,
    Approved,
    Waitlisted,
    /// A freed booth is offered to a waiting-list application until a deadline.
    Offered,
    /// An offer ran out unanswered.
    Lapsed,
    Rejected,
    Withdrawn,
}

pub const STATUSES: [Status; 10] = [
    Status::Draft,
    Status::Submitted,
    Status::InReview,
    Status::ChangesRequested,
    Status::Approved,
    Status::Waitlisted,
    Status::Offered,
    Status::Lapsed,
    Status::Rejected,
    Status::Withdrawn,
];

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in-review",
            Status::ChangesRequested => "changes-requested",
            Status::Approved => "approved",
            Status::Waitlisted => "waitlisted",
            Status::Offered => "offered",
            Status::Lapsed => "lapsed",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        STATUSES.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Status::Draft => ("Bản nháp", "Draft"),
            Status::Submitted => ("Đã nộp", "Submitted"),
            Status::InReview => ("Đang xét duyệt", "In review"),
            Status::ChangesRequested => ("Cần bổ sung", "Changes requested"),
            Status::Approved => ("Được duyệt", "Approved"),
            Status::Waitlisted => ("Danh sách chờ", "Waiting list"),
            Status::Offered => ("Được mời nhận gian hàng", "Booth offered"),
            Status::Lapsed => ("Hết hạn nhận gian hàng", "Offer lapsed"),
            Status::Rejected => ("Không được duyệt", "Not approved"),
            Status::Withdrawn => ("Đã rút", "Withdrawn"),
        };
        lang.tr(vi, en)
    }

    /// Nothing can happen to it any more.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Rejected | Status::Withdrawn)
    }

    /// Counts as having applied (it reached staff and is still alive): such producers hear of
    /// changes to the event.
    pub fn has_applied(self) -> bool {
        !matches!(
            self,
            Status::Draft | Status::Rejected | Status::Withdrawn | Status::Lapsed
        )
    }
}

/// What someone does to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Submit,
    StartReview,
    Approve,
    Waitlist,
    Reject,
    RequestChanges,
    Withdraw,
    Offer,
    AcceptOffer,
    LapseOffer,
}

pub const ACTIONS: [Action; 10] = [
    Action::Submit,
    Action::StartReview,
    Action::Approve,
    Action::Waitlist,
    Action::Reject,
    Action::RequestChanges,
    Action::Withdraw,
    Action::Offer,
    Action::AcceptOffer,
    Action::LapseOffer,
];

/// Who may take an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Producer,
    Staff,
    /// The system itself: offers when a booth is freed, and their deadlines.
    System,
}

impl Action {
    pub fn actor(self) -> Actor {
        match self {
            Action::Submit | Action::Withdraw | Action::AcceptOffer => Actor::Producer,
            Action::StartReview | Action::Approve | Action::Waitlist | Action::Reject | Action::RequestChanges => {
                Actor::Staff
            }
            Action::Offer | Action::LapseOffer => Actor::System,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::StartReview => "start-review",
            Action::Approve => "approve",
            Action::Waitlist => "waitlist",
            Action::Reject => "reject",
            Action::RequestChanges => "request-changes",
            Action::Withdraw => "withdraw",
            Action::Offer => "offer",
            Action::AcceptOffer => "accept-offer",
            Action::LapseOffer => "lapse-offer",
        }
    }

    pub fn parse(code: &str) -> Option<Action> {
        ACTIONS.into_iter().find(|a| a.code() == code)
    }

    /// A staff decision that must say why (the producer reads it).
    pub fn needs_message(self) -> bool {
        matches!(self, Action::Reject | Action::RequestChanges)
    }
}

/// The status an action leads to, or `None` when it is not allowed from `from`.
pub fn next(from: Status, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    match (from, action) {
        (S::Draft | S::ChangesRequested, A::Submit) => Some(S::Submitted),
        (S::Submitted, A::StartReview) => Some(S::InReview),
        (S::Submitted | S::InReview | S::Waitlisted | S::Lapsed, A::Approve) => Some(S::Approved),
        (S::Submitted | S::InReview, A::Waitlist) => Some(S::Waitlisted),
        (S::Submitted | S::InReview | S::Waitlisted | S::Lapsed | S::Approved, A::Reject) => Some(S::Rejected),
        (S::Submitted | S::InReview, A::RequestChanges) => Some(S::ChangesRequested),
        (
            S::Draft | S::Submitted | S::InReview | S::ChangesRequested | S::Approved | S::Waitlisted | S::Offered,
            A::Withdraw,
        ) => Some(S::Withdrawn),
        (S::Waitlisted, A::Offer) => Some(S::Offered),
        (S::Offered, A::AcceptOffer) => Some(S::Approved),
        (S::Offered, A::LapseOffer) => Some(S::Lapsed),
        _ => None,
    }
}

/// The producer may change the application's content: a draft, one sent back for changes, or a
/// submitted one before the call closes and before review has started.
pub fn producer_may_edit(status: Status, call_open: bool) -> bool {
    match status {
        Status::Draft | Status::ChangesRequested => call_open || status == Status::ChangesRequested,
        Status::Submitted => call_open,
        _ => false,
    }
}

/// The priority score's weights, per event (data, never constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub stars_5: i32,
    pub stars_4: i32,
    pub stars_3: i32,
    pub unrated: i32,
    /// The best-rated product's certificate is valid through the event.
    pub valid_certificate: i32,
    /// A product shown is in one of the event's target groups.
    pub target_group: i32,
    /// The producer has never been approved for this event series.
    pub first_time: i32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            stars_5: 50,
            stars_4: 40,
            stars_3: 30,
            unrated: 0,
            valid_certificate: 10,
            target_group: 10,
            first_time: 10,
        }
    }
}

/// What the score is computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreInput {
    /// The best staff-verified rating among the products shown.
    pub verified_stars: Option<u8>,
    /// That product's certificate runs through the event's last day.
    pub certificate_valid: bool,
    pub in_target_group: bool,
    pub first_time: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Rating(Option<u8>),
    Certificate,
    TargetGroup,
    FirstTime,
}

impl Part {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Part::Rating(Some(s)) => {
                lang.tr_owned(&format!("OCOP {s}★ (đã xác minh)"), &format!("OCOP {s}★ (verified)"))
            }
            Part::Rating(None) => lang.tr_owned("Chưa có hạng OCOP xác minh", "No verified OCOP rating"),
            Part::Certificate => lang.tr_owned("Giấy chứng nhận còn hiệu lực", "Certificate valid through the event"),
            Part::TargetGroup => lang.tr_owned("Nhóm sản phẩm ưu tiên", "Target product group"),
            Part::FirstTime => lang.tr_owned("Lần đầu tham gia", "First time in this fair"),
        }
    }
}

/// A priority score and how it was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub total: i32,
    pub parts: Vec<(Part, i32)>,
}

pub fn score(input: ScoreInput, w: &Weights) -> Score {
    let rating = match input.verified_stars {
        Some(5) => w.stars_5,
        Some(4) => w.stars_4,
        Some(3) => w.stars_3,
        _ => w.unrated,
    };
    let mut parts = vec![(
        Part::Rating(input.verified_stars.filter(|s| (3..=5).contains(s))),
        rating,
    )];
    if input.certificate_valid && input.verified_stars.is_some() {
        parts.push((Part::Certificate, w.valid_certificate));
    }
    if input.in_target_group {
        parts.push((Part::TargetGroup, w.target_group));
    }
    if input.first_time {
        parts.push((Part::FirstTime, w.first_time));
    }
    Score {
        total: parts.iter().map(|p| p.1).sum(),
        parts,
    }
}

/// Priority order: the higher score first, then the earlier (first) submission, then the older
/// application. `(score, submitted_at as seconds, application_id)`.
pub fn priority_order(a: (i32, i64, i64), b: (i32, i64, i64)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

/// An application waiting for booths, in priority order, for [`propose`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Want {
    pub application_id: i64,
    /// Booths still to give.
    pub count: usize,
    pub booth_type_id: Option<i64>,
    pub zone_id: Option<i64>,
    /// The producer's commune: booths held for it are theirs to take.
    pub commune_id: Option<i64>,
}

/// A booth nobody holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeBooth {
    pub booth_id: i64,
    pub booth_type_id: i64,
    pub zone_id: Option<i64>,
    pub x: i32,
    pub y: i32,
    pub width: i32,
    /// Held for a block: only for producers of this commune (`Some(None)`: a visiting province,
    /// for none of ours).
    pub held_for: Option<Option<i64>>,
}

/// A deterministic allocation proposal: applications in priority order take booths of their type,
/// in their preferred zone when it has room, side by side in one row where possible; booths held
/// for a commune go only to that commune's producers, who take them first. Returns
/// `(application_id, booth_id)` pairs.
pub fn propose(wants: &[Want], free: &[FreeBooth]) -> Vec<(i64, i64)> {
    let mut taken = vec![false; free.len()];
    let mut out = Vec::new();
    for w in wants {
        if w.count == 0 {
            continue;
        }
        let mut candidates: Vec<usize> = (0..free.len())
            .filter(|&i| !taken[i])
            .filter(|&i| w.booth_type_id.is_none_or(|t| free[i].booth_type_id == t))
            .filter(|&i| match free[i].held_for {
                None => true,
                Some(commune) => commune.is_some() && commune == w.commune_id,
            })
            .collect();
        // held-for-me first, then my zone, then the plan's reading order
        candidates.sort_by_key(|&i| {
            let b = &free[i];
            (
                b.held_for.is_none(),
                w.zone_id.is_some() && b.zone_id != w.zone_id,
                b.y,
                b.x,
                b.booth_id,
            )
        });
        // side by side in the preferred zone, else in the preferred zone, else side by side anywhere
        let preferred: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| w.zone_id.is_none() || free[i].zone_id == w.zone_id || free[i].held_for.is_some())
            .collect();
        let pick = adjacent_run(&preferred, free, w.count)
            .or_else(|| (preferred.len() >= w.count).then(|| preferred[..w.count].to_vec()))
            .or_else(|| adjacent_run(&candidates, free, w.count))
            .unwrap_or_else(|| candidates.iter().copied().take(w.count).collect());
        for i in pick {
            taken[i] = true;
            out.push((w.application_id, free[i].booth_id));
        }
    }
    out
}

/// The first run of `n` booths side by side in one row (in the candidates' order of preference).
fn adjacent_run(candidates: &[usize], free: &[FreeBooth], n: usize) -> Option<Vec<usize>> {
    if n <= 1 {
        return candidates.first().map(|&i| vec![i]);
    }
    for &start in candidates {
        let mut run = vec![start];
        let mut end = free[start].x + free[start].width;
        while run.len() < n {
            let next = candidates
                .iter()
                .copied()
                .find(|&j| free[j].y == free[start].y && free[j].x == end && free[j].zone_id == free[start].zone_id);
            match next {
                Some(j) => {
                    end = free[j].x + free[j].width;
                    run.push(j);
                }
                None => break,
            }
        }
        if run.len() == n {
            return Some(run);
        }
    }
    None
}

/// The application form as typed (a plain HTML form can send it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub booth_type: String,
    pub booth_count: String,
    /// "" for no preference.
    pub zone: String,
    /// Checked products: `products[<id>] = on`.
    pub products: BTreeMap<String, String>,
    /// Keyed by [`ApplicationForm::answer_key`]: `answers[q<question id>]`, and
    /// `answers[q<question id>-<n>]` for the n-th of several choices.
    pub answers: BTreeMap<String, String>,
    pub note: String,
    /// "submit" to send it to the department, anything else keeps a draft.
    pub intent: String,
}

/// A question as the form needs to check an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AskedQuestion {
    pub question_id: i64,
    pub kind: super::booths::QuestionKind,
    pub required: bool,
    pub choices: Vec<String>,
    /// For a question asking for a document: one is attached (uploaded on its own form).
    pub attached: bool,
}

/// A checked application, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationInput {
    pub booth_type_id: Option<i64>,
    pub booth_count: i64,
    pub zone_id: Option<i64>,
    pub products: Vec<i64>,
    /// (question id, answer)
    pub answers: Vec<(i64, String)>,
    pub note: Option<String>,
    pub submit: bool,
}

/// What [`ApplicationForm::validate`] checks the form against.
pub struct ApplyRules<'a> {
    pub booth_types: &'a [i64],
    pub zones: &'a [i64],
    pub max_booths: i64,
    /// The producer's own product ids, with their rating (for a call with a minimum).
    pub products: &'a [(i64, Option<u8>)],
    pub min_stars: Option<u8>,
    pub questions: &'a [AskedQuestion],
}

impl ApplicationForm {
    /// A question's key in [`ApplicationForm::answers`], or with `Some(n)` its n-th choice's. The
    /// key starts with a letter: a form decoder reads a key starting with a digit as a list
    /// index, and `5-0` would refuse the whole form.
    pub fn answer_key(question_id: i64, choice: Option<usize>) -> String {
        match choice {
            None => format!("q{question_id}"),
            Some(n) => format!("q{question_id}-{n}"),
        }
    }

    /// A draft may be incomplete; a submission must be whole.
    pub fn validate(&self, rules: &ApplyRules, lang: Lang) -> Result<ApplicationInput, Vec<FieldError>> {
        let submit = self.intent == "submit";
        let mut errors = Vec::new();
        let e = |f: &str, vi: &str, en: &str| FieldError::new(f, lang.tr_owned(vi, en));
        let booth_type_id = match self.booth_type.trim() {
            "" => {
                if submit {
                    errors.push(e(
                        "booth_type",
                        "Vui lòng chọn loại gian hàng.",
                        "Please choose a booth type.",
                    ));
                }
                None
            }
            s => match s.parse::<i64>().ok().filter(|id| rules.booth_types.contains(id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(e("booth_type", "Loại gian hàng không hợp lệ.", "Unknown booth type."));
                    None
                }
            },
        };
        let booth_count = match self.booth_count.trim() {
            "" => 1,
            s => match s.parse::<i64>() {
                Ok(n) if (1..=rules.max_booths).contains(&n) => n,
                _ => {
                    errors.push(FieldError::new(
                        "booth_count",
                        lang.tr_owned(
                            &format!("Số gian từ 1 đến {}.", rules.max_booths),
                            &format!("Between 1 and {} booths.", rules.max_booths),
                        ),
                    ));
                    1
                }
            },
        };
        let zone_id = match self.zone.trim() {
            "" => None,
            s => match s.parse::<i64>().ok().filter(|id| rules.zones.contains(id)) {
                Some(id) => Some(id),
                None => {
                    errors.push(e("zone", "Khu vực không hợp lệ.", "Unknown zone."));
                    None
                }
            },
        };
        let mut products = Vec::new();
        for (key, value) in &self.products {
            if value.is_empty() {
                continue;
            }
            match key
                .parse::<i64>()
                .ok()
                .filter(|id| rules.products.iter().any(|p| p.0 == *id))
            {
                Some(id) => products.push(id),
                None => errors.push(e(
                    "products",
                    "Sản phẩm không thuộc đơn vị của bạn.",
                    "Not one of your products.",
                )),
            }
        }
        products.sort_unstable();
        products.dedup();
        if submit && products.is_empty() {
            errors.push(e(
                "products",
                "Vui lòng chọn ít nhất một sản phẩm sẽ trưng bày.",
                "Please choose at least one product to show.",
            ));
        }
        if let (true, Some(min)) = (submit && !products.is_empty(), rules.min_stars) {
            let best = products
                .iter()
                .filter_map(|id| rules.products.iter().find(|p| p.0 == *id).and_then(|p| p.1))
                .max();
            if best.is_none_or(|b| b < min) {
                errors.push(FieldError::new(
                    "products",
                    lang.tr_owned(
                        &format!("Đợt đăng ký này chỉ dành cho sản phẩm OCOP từ {min} sao: hãy chọn ít nhất một sản phẩm như vậy."),
                        &format!("This call is for OCOP products of {min} stars or more: choose at least one."),
                    ),
                ));
            }
        }
        let mut answers = Vec::new();
        for q in rules.questions {
            let key = Self::answer_key(q.question_id, None);
            let value = if q.kind == super::booths::QuestionKind::Many {
                let mut picked = Vec::new();
                for (n, choice) in q.choices.iter().enumerate() {
                    let picked_key = Self::answer_key(q.question_id, Some(n));
                    if self.answers.get(&picked_key).is_some_and(|v| !v.is_empty()) {
                        picked.push(choice.clone());
                    }
                }
                picked.join("\n")
            } else {
                self.answers.get(&key).map(|v| v.trim().to_string()).unwrap_or_default()
            };
            let field = format!("answers[{key}]");
            if value.chars().count() > 4000 {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned("Tối đa 4000 ký tự.", "At most 4000 characters."),
                ));
                continue;
            }
            match q.kind {
                super::booths::QuestionKind::YesNo if !value.is_empty() && value != "yes" && value != "no" => {
                    errors.push(FieldError::new(&field, lang.a().choose_one));
                    continue;
                }
                super::booths::QuestionKind::One if !value.is_empty() && !q.choices.contains(&value) => {
                    errors.push(FieldError::new(&field, lang.a().choose_one));
                    continue;
                }
                _ => {}
            }
            if submit && q.required && q.kind == super::booths::QuestionKind::File && !q.attached {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned(
                        "Vui lòng tải lên tài liệu này trước khi nộp hồ sơ.",
                        "Please upload this document before you submit.",
                    ),
                ));
                continue;
            }
            if submit && q.required && value.is_empty() && q.kind != super::booths::QuestionKind::File {
                errors.push(FieldError::new(
                    &field,
                    lang.tr_owned("Câu hỏi này bắt buộc trả lời.", "This question needs an answer."),
                ));
                continue;
            }
            if !value.is_empty() {
                answers.push((q.question_id, value));
            }
        }
        let note = self.note.trim();
        if note.chars().count() > 2000 {
            errors.push(e(
                "note",
                "Ghi chú tối đa 2000 ký tự.",
                "A note has at most 2000 characters.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ApplicationInput {
            booth_type_id,
            booth_count,
            zone_id,
            products,
            answers,
            note: (!note.is_empty()).then(|| note.to_string()),
            submit,
        })
    }
}

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
    pub questions: Vec<super::booths::QuestionView>,
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
                parts.push(format!("{k}={}", super::filter::encode(v)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every allowed transition, written out by hand: the machine is this table and nothing else.
    const ALLOWED: &[(Status, Action, Status)] = {
        use Action as A;
        use Status as S;
        &[
            (S::Draft, A::Submit, S::Submitted),
            (S::Draft, A::Withdraw, S::Withdrawn),
            (S::Submitted, A::StartReview, S::InReview),
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Waitlist, S::Waitlisted),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Submitted, A::RequestChanges, S::ChangesRequested),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::InReview, A::Approve, S::Approved),
            (S::InReview, A::Waitlist, S::Waitlisted),
            (S::InReview, A::Reject, S::Rejected),
            (S::InReview, A::RequestChanges, S::ChangesRequested),
            (S::InReview, A::Withdraw, S::Withdrawn),
            (S::ChangesRequested, A::Submit, S::Submitted),
            (S::ChangesRequested, A::Withdraw, S::Withdrawn),
            (S::Approved, A::Reject, S::Rejected),
            (S::Approved, A::Withdraw, S::Withdrawn),
            (S::Waitlisted, A::Approve, S::Approved),
            (S::Waitlisted, A::Reject, S::Rejected),
            (S::Waitlisted, A::Offer, S::Offered),
            (S::Waitlisted, A::Withdraw, S::Withdrawn),
            (S::Offered, A::AcceptOffer, S::Approved),
            (S::Offered, A::LapseOffer, S::Lapsed),
            (S::Offered, A::Withdraw, S::Withdrawn),
            (S::Lapsed, A::Approve, S::Approved),
            (S::Lapsed, A::Reject, S::Rejected),
        ]
    };

    #[test]
    fn every_status_and_action_pair_follows_the_table() {
        let mut checked = 0;
        for from in STATUSES {
            for action in ACTIONS {
                let expected = ALLOWED.iter().find(|t| t.0 == from && t.1 == action).map(|t| t.2);
                assert_eq!(next(from, action), expected, "{from:?} --{action:?}-->");
                checked += 1;
            }
        }
        assert_eq!(checked, 100);
        assert_eq!(ALLOWED.len(), 26);
    }

    #[test]
    fn the_machine_has_the_shape_the_department_asked_for() {
        // final states have no way out
        for s in STATUSES.into_iter().filter(|s| s.is_final()) {
            assert!(ACTIONS.into_iter().all(|a| next(s, a).is_none()), "{s:?}");
        }
        // a producer can withdraw whenever anything is still pending
        for s in STATUSES.into_iter().filter(|s| !s.is_final() && *s != Status::Lapsed) {
            assert_eq!(next(s, Action::Withdraw), Some(Status::Withdrawn), "{s:?}");
        }
        // every status is reachable from a draft
        let mut seen = vec![Status::Draft];
        let mut i = 0;
        while i < seen.len() {
            for a in ACTIONS {
                if let Some(n) = next(seen[i], a) {
                    if !seen.contains(&n) {
                        seen.push(n);
                    }
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), STATUSES.len());
        // only producers submit and accept; only staff decide
        for (_, a, _) in ALLOWED {
            let who = a.actor();
            match a {
                Action::Submit | Action::AcceptOffer | Action::Withdraw => assert_eq!(who, Actor::Producer),
                Action::Offer | Action::LapseOffer => assert_eq!(who, Actor::System),
                _ => assert_eq!(who, Actor::Staff),
            }
        }
        // codes round-trip
        for s in STATUSES {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for a in ACTIONS {
            assert_eq!(Action::parse(a.code()), Some(a));
        }
    }

    #[test]
    fn editing_stops_when_the_call_closes_or_review_starts() {
        assert!(producer_may_edit(Status::Draft, true));
        assert!(!producer_may_edit(Status::Draft, false));
        assert!(producer_may_edit(Status::Submitted, true));
        assert!(!producer_may_edit(Status::Submitted, false));
        assert!(!producer_may_edit(Status::InReview, true));
        assert!(producer_may_edit(Status::ChangesRequested, false));
        assert!(!producer_may_edit(Status::Approved, true));
    }

    #[test]
    fn the_score_shows_its_parts() {
        let w = Weights::default();
        let s = score(
            ScoreInput {
                verified_stars: Some(4),
                certificate_valid: true,
                in_target_group: true,
                first_time: false,
            },
            &w,
        );
        assert_eq!(s.total, 60);
        assert_eq!(
            s.parts,
            vec![
                (Part::Rating(Some(4)), 40),
                (Part::Certificate, 10),
                (Part::TargetGroup, 10)
            ]
        );
        let unrated = score(
            ScoreInput {
                first_time: true,
                certificate_valid: true,
                ..ScoreInput::default()
            },
            &w,
        );
        assert_eq!(unrated.total, 10, "no certificate points without a verified rating");
        let five = score(
            ScoreInput {
                verified_stars: Some(5),
                ..ScoreInput::default()
            },
            &Weights { stars_5: 70, ..w },
        );
        assert_eq!(five.total, 70, "weights are the event's");
        // order: score, then the earlier submission, then the older application
        let mut v = vec![(60, 100, 3), (70, 200, 2), (60, 50, 4), (60, 50, 1)];
        v.sort_by(|a, b| priority_order(*a, *b));
        assert_eq!(v, vec![(70, 200, 2), (60, 50, 1), (60, 50, 4), (60, 100, 3)]);
    }

    fn booth(id: i64, x: i32, y: i32, zone: i64) -> FreeBooth {
        FreeBooth {
            booth_id: id,
            booth_type_id: 1,
            zone_id: Some(zone),
            x,
            y,
            width: 1,
            held_for: None,
        }
    }

    #[test]
    fn the_proposal_honours_priority_zones_adjacency_and_blocks() {
        // row 1: booths 1..4 in zone 10, row 2: booths 5..8 in zone 20; booth 4 has a gap before it
        let mut free: Vec<FreeBooth> = vec![
            booth(1, 1, 1, 10),
            booth(2, 2, 1, 10),
            booth(3, 3, 1, 10),
            booth(4, 5, 1, 10),
        ];
        free.extend((5..=8).map(|i| booth(i, (i - 4) as i32, 2, 20)));
        free[7].held_for = Some(Some(77)); // booth 8 is held for commune 77
        let want = |id, count, zone, commune| Want {
            application_id: id,
            count,
            booth_type_id: Some(1),
            zone_id: zone,
            commune_id: commune,
        };
        let wants = vec![
            want(100, 1, Some(20), None),
            want(101, 2, Some(10), None),
            want(102, 2, Some(10), None),
            want(103, 1, None, Some(77)),
            want(104, 3, None, None),
        ];
        let p = propose(&wants, &free);
        assert_eq!(
            p,
            vec![
                (100, 5),
                (101, 1),
                (101, 2),
                // 3 and 4 are not side by side, but the zone asked for comes before adjacency
                (102, 3),
                (102, 4),
                // the booth held for commune 77 goes to its producer
                (103, 8),
                // not enough left side by side: what there is
                (104, 6),
                (104, 7),
            ]
        );
        assert_eq!(propose(&wants, &free), p, "deterministic");
        // nobody else takes a held booth
        let p2 = propose(&[want(200, 8, None, None)], &free);
        assert!(!p2.iter().any(|x| x.1 == 8));
        assert_eq!(p2.len(), 7);
    }

    fn rules_products() -> Vec<(i64, Option<u8>)> {
        vec![(1, Some(4)), (2, None)]
    }

    #[test]
    fn a_required_document_must_be_attached_before_submitting() {
        let products = rules_products();
        let mut questions = vec![AskedQuestion {
            question_id: 4,
            kind: super::super::booths::QuestionKind::File,
            required: true,
            choices: Vec::new(),
            attached: false,
        }];
        let mut form = ApplicationForm {
            booth_type: "5".into(),
            intent: "submit".into(),
            ..Default::default()
        };
        form.products.insert("1".into(), "on".into());
        let check = |questions: &[AskedQuestion], intent: &str| {
            let rules = ApplyRules {
                booth_types: &[5],
                zones: &[7],
                max_booths: 2,
                products: &products,
                min_stars: None,
                questions,
            };
            let mut f = form.clone();
            f.intent = intent.into();
            f.validate(&rules, Lang::Vi)
        };
        let errors = check(&questions, "submit").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "answers[q4]");
        assert_eq!(errors[0].message, "Vui lòng tải lên tài liệu này trước khi nộp hồ sơ.");
        // a draft may wait for it
        assert!(check(&questions, "draft").is_ok());
        questions[0].attached = true;
        let input = check(&questions, "submit").unwrap();
        assert!(input.answers.is_empty(), "a document is not an answer in text");
        // an optional document may be missing
        questions[0].attached = false;
        questions[0].required = false;
        assert!(check(&questions, "submit").is_ok());
    }

    #[test]
    fn file_sizes_and_names_for_people() {
        assert_eq!(file_size(850), "850 B");
        assert_eq!(file_size(120 * 1024), "120 KB");
        assert_eq!(file_size(3_565_158), "3,4 MB");
        assert_eq!(file_size(10 * 1024 * 1024), "10,0 MB");
        assert_eq!(
            shown_file_name("C:\\Users\\an\\Giấy phép ATTP.pdf"),
            "Giấy phép ATTP.pdf"
        );
        assert_eq!(shown_file_name("../../etc/passwd"), "passwd");
        assert_eq!(shown_file_name("a\"b\nc.pdf"), "abc.pdf");
        assert_eq!(shown_file_name("  "), "tai-lieu");
        assert_eq!(shown_file_name(&"x".repeat(300)).chars().count(), 120);
    }

    #[test]
    fn a_submission_must_be_whole_a_draft_need_not() {
        let products = rules_products();
        let questions = vec![AskedQuestion {
            question_id: 9,
            kind: super::super::booths::QuestionKind::One,
            required: true,
            choices: vec!["Chưa".into(), "Rồi".into()],
            attached: false,
        }];
        let rules = ApplyRules {
            booth_types: &[5],
            zones: &[7],
            max_booths: 2,
            products: &products,
            min_stars: Some(3),
            questions: &questions,
        };
        let draft = ApplicationForm::default();
        assert!(draft.validate(&rules, Lang::Vi).is_ok());
        let submit = ApplicationForm {
            intent: "submit".into(),
            ..ApplicationForm::default()
        };
        let fields: Vec<String> = submit
            .validate(&rules, Lang::Vi)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["booth_type", "products", "answers[q9]"]);
        let mut ok = ApplicationForm {
            booth_type: "5".into(),
            booth_count: "2".into(),
            zone: "7".into(),
            intent: "submit".into(),
            ..ApplicationForm::default()
        };
        ok.products.insert("2".into(), "on".into());
        ok.answers.insert(ApplicationForm::answer_key(9, None), "Rồi".into());
        let fields: Vec<String> = ok
            .validate(&rules, Lang::Vi)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["products"], "only unrated products for a 3★ call");
        ok.products.insert("1".into(), "on".into());
        let input = ok.validate(&rules, Lang::Vi).unwrap();
        assert_eq!(input.products, vec![1, 2]);
        assert_eq!(input.answers, vec![(9, "Rồi".to_string())]);
        for (field, bad) in [
            (
                "booth_count",
                ApplicationForm {
                    booth_count: "3".into(),
                    ..ok.clone()
                },
            ),
            (
                "booth_type",
                ApplicationForm {
                    booth_type: "6".into(),
                    ..ok.clone()
                },
            ),
            (
                "zone",
                ApplicationForm {
                    zone: "8".into(),
                    ..ok.clone()
                },
            ),
        ] {
            let errs = bad.validate(&rules, Lang::Vi).unwrap_err();
            assert_eq!(errs[0].field, field);
        }
        let mut other = ok.clone();
        other.products.insert("99".into(), "on".into());
        assert_eq!(other.validate(&rules, Lang::Vi).unwrap_err()[0].field, "products");
    }

    #[test]
    fn the_review_filter_finds_without_diacritics() {
        let row = |id: i64, name: &str, status: Status, rank: usize| ReviewRow {
            application_id: id,
            producer: name.into(),
            commune_id: Some(1),
            commune: "Buôn Ma Thuột".into(),
            stars: Some(4),
            claimed_stars: Some(4),
            groups: vec!["beverage".into()],
            products: vec![],
            booth_type_id: Some(5),
            booth_type: "Gian tiêu chuẩn".into(),
            booth_count: 1,
            zone: String::new(),
            status,
            submitted: String::new(),
            submitted_ts: 100 - id,
            score: Score::default(),
            rank,
            booths: vec![],
            amount_due: 0,
            paid: false,
            certificate_expires: false,
            staff_comment: None,
            message: None,
            documents: vec![],
            tax_code: None,
            zone_id: None,
            note: None,
            search: fold(name),
        };
        let rows = vec![
            row(1, "HTX Cà phê Ea Tu", Status::Submitted, 2),
            row(2, "Công ty Mắc ca Đắk Lắk", Status::Approved, 1),
        ];
        let f = ReviewFilter {
            q: "ca phe".into(),
            ..ReviewFilter::default()
        };
        assert_eq!(f.apply(&rows).len(), 1);
        let all = ReviewFilter::default().apply(&rows);
        assert_eq!(all.iter().map(|r| r.application_id).collect::<Vec<_>>(), [2, 1]);
        let by_status = ReviewFilter {
            status: "approved".into(),
            ..ReviewFilter::default()
        };
        assert_eq!(by_status.apply(&rows)[0].application_id, 2);
        let by_time = ReviewFilter {
            sort: "submitted".into(),
            ..ReviewFilter::default()
        };
        assert_eq!(by_time.apply(&rows)[0].application_id, 2);
        let none = ReviewFilter {
            stars: "5".into(),
            ..ReviewFilter::default()
        };
        assert!(none.apply(&rows).is_empty());
        // the pager keeps the filter
        let q = by_status.query_for_page(3);
        assert!(q.starts_with("status=approved&") && q.ends_with("&page=3"), "{q}");
    }
}
