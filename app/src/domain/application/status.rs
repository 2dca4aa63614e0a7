//! Where an application stands and how it moves: statuses, actions, and the one transition function.

use super::*;

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
