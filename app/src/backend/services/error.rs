//! Why a use case did not happen, for every service: form fields to correct, a typed refusal, a
//! throttle, a permission, a missing object, or an infrastructure failure. Refusals are translated
//! here and nowhere else, and every error has one HTTP status ([`ServiceError::status`]), used by
//! the server functions (`crate::api::ApiError`) and by the routes outside them alike.

use crate::{
    backend::{auth::throttle::RetryAfter, auth::Denied, ServerError},
    domain::{account::FieldError, application::Status, EventStatus, Lang},
};

#[derive(Debug)]
pub enum ServiceError {
    /// Form fields to correct, each with its message in the asker's language.
    Fields(Vec<FieldError>),
    /// The request is well formed but the system's state forbids it.
    Refused(Refusal),
    TooMany(RetryAfter),
    Denied(Denied),
    NotFound,
    /// Infrastructure (database, disk, configuration): logged, never shown.
    Server(ServerError),
}

/// What the system's state forbids. Tests match on these; people read [`Refusal::message`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A one-time link that is unknown, used or expired.
    LinkInvalid,
    /// Wrong e-mail or password (which one is never said).
    LoginFailed,
    AccountDisabled,
    AccountNotVerified,
    /// The call for applications has not opened or has closed.
    CallClosed,
    /// The application is at a status where its producer may no longer change it.
    NotEditable(Status),
    /// The action does not apply to an application at this status.
    NotAllowed(Status),
    /// Another request created the same application first.
    CreatedMeanwhile,
    /// Another request changed the application first.
    ChangedMeanwhile,
    /// A booth offer that was declined, taken back or has expired.
    OfferClosed,
    /// Booths go to approved applications only.
    NotApproved,
    /// The application already has all the booths it asked for.
    BoothsComplete,
    /// The booth is allocated to another application.
    BoothTaken,
    /// The booth is held for an application and cannot be blocked.
    BoothHeld,
    /// The booth is blocked (a pillar, a passage) and cannot be allocated.
    BoothBlocked,
    /// A product group code that is not in the reference list.
    UnknownProductGroup,
    /// Outcomes are confirmed once the event has ended.
    NotEnded,
    /// No outcome has been recorded, so none can be confirmed.
    NothingToConfirm,
    /// A producer reports its results once the event has ended.
    ReportNotYet,
    /// A deal is entered once its event has begun.
    DealBeforeEvent,
    /// The event's outcomes are confirmed: its producers' reports no longer change.
    ReportClosed,
    /// An event status change the status machine does not allow.
    StatusChange {
        from: EventStatus,
        to: EventStatus,
    },
}

impl Refusal {
    /// The sentence a person reads, in their language.
    pub fn message(self, lang: Lang) -> String {
        let a = lang.a();
        match self {
            Refusal::LinkInvalid => a.link_invalid.into(),
            Refusal::LoginFailed => a.login_failed.into(),
            Refusal::AccountDisabled => a.disabled.into(),
            Refusal::AccountNotVerified => a.not_verified.into(),
            Refusal::CallClosed => call_closed(lang).into(),
            Refusal::NotEditable(Status::Draft | Status::Submitted) => call_closed(lang).into(),
            Refusal::NotEditable(_) => lang
                .tr(
                    "Hồ sơ đang được xét duyệt nên không thể sửa nữa.",
                    "The application is under review and can no longer be changed.",
                )
                .into(),
            Refusal::NotAllowed(status) => format!(
                "{} «{}».",
                lang.tr(
                    "Không thể làm việc này với hồ sơ ở trạng thái",
                    "This cannot be done to an application that is"
                ),
                status.label(lang)
            ),
            Refusal::CreatedMeanwhile => lang
                .tr(
                    "Hồ sơ vừa được tạo ở nơi khác; vui lòng tải lại trang.",
                    "The application was just created elsewhere; please reload.",
                )
                .into(),
            Refusal::ChangedMeanwhile => lang
                .tr(
                    "Hồ sơ vừa được thay đổi ở nơi khác; vui lòng tải lại trang.",
                    "The application was just changed elsewhere; please reload.",
                )
                .into(),
            Refusal::OfferClosed => lang
                .tr(
                    "Lời mời nhận gian hàng không còn hiệu lực.",
                    "This booth offer is no longer open.",
                )
                .into(),
            Refusal::NotApproved => lang
                .tr(
                    "Chỉ phân bổ gian hàng cho hồ sơ đã được duyệt.",
                    "Only approved applications get booths.",
                )
                .into(),
            Refusal::BoothsComplete => lang
                .tr(
                    "Hồ sơ này đã nhận đủ số gian hàng đăng ký.",
                    "This application already has all the booths it asked for.",
                )
                .into(),
            Refusal::BoothTaken => lang
                .tr(
                    "Gian hàng này đã được phân bổ cho đơn vị khác.",
                    "This booth is already taken.",
                )
                .into(),
            Refusal::BoothHeld => lang
                .tr(
                    "Gian đang được giữ cho đơn vị; hãy bỏ giữ trước.",
                    "The booth is held for a block.",
                )
                .into(),
            Refusal::UnknownProductGroup => lang.tr("Nhóm sản phẩm không hợp lệ.", "Unknown product group.").into(),
            Refusal::NotEnded => lang
                .tr(
                    "Sự kiện chưa kết thúc: số liệu được xác nhận sau khi sự kiện kết thúc.",
                    "The event has not ended: outcomes are confirmed once it has.",
                )
                .into(),
            Refusal::NothingToConfirm => lang
                .tr(
                    "Chưa có số liệu thực hiện nào để xác nhận.",
                    "There is no recorded outcome to confirm yet.",
                )
                .into(),
            Refusal::ReportNotYet => lang
                .tr(
                    "Sự kiện chưa kết thúc: đơn vị báo cáo kết quả sau khi sự kiện kết thúc.",
                    "The event has not ended yet: results are reported once it has.",
                )
                .into(),
            Refusal::DealBeforeEvent => lang
                .tr(
                    "Sự kiện chưa diễn ra: hợp đồng, biên bản được ghi nhận từ khi sự kiện bắt đầu.",
                    "The event has not begun: deals are recorded from its first day.",
                )
                .into(),
            Refusal::ReportClosed => lang
                .tr(
                    "Sở đã xác nhận số liệu của sự kiện nên báo cáo không thể sửa nữa; cần điều chỉnh xin liên hệ Trung tâm Xúc tiến Thương mại.",
                    "The Department has confirmed the event's figures, so the report can no longer change; contact the Trade Promotion Centre to correct it.",
                )
                .into(),
            Refusal::BoothBlocked => lang.tr("Gian hàng đang bị khóa.", "The booth is blocked.").into(),
            Refusal::StatusChange { from, to } => format!(
                "{} «{}» → «{}».",
                lang.tr("Không thể chuyển trạng thái", "This status change is not allowed:"),
                from.label(lang),
                to.label(lang)
            ),
        }
    }
}

fn call_closed(lang: Lang) -> &'static str {
    lang.tr(
        "Đợt đăng ký chưa mở hoặc đã hết hạn nộp hồ sơ.",
        "The call is not open: it has not started or its deadline has passed.",
    )
}

impl ServiceError {
    /// The HTTP status of this error, wherever it is answered.
    pub fn status(&self) -> u16 {
        match self {
            ServiceError::Fields(_) | ServiceError::Refused(_) => 400,
            ServiceError::Denied(Denied::SignInNeeded) => 401,
            ServiceError::Denied(Denied::Forbidden) => 403,
            ServiceError::NotFound => 404,
            ServiceError::TooMany(_) => 429,
            ServiceError::Server(_) => 503,
        }
    }

    /// What a person reads, in their language; an infrastructure failure is logged and named by
    /// the reference that finds it in the log.
    pub fn message(self, lang: Lang) -> String {
        match self {
            ServiceError::Fields(fields) => fields.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" "),
            ServiceError::Refused(r) => r.message(lang),
            ServiceError::TooMany(wait) => format!("{} {}", lang.a().too_many, wait.0),
            ServiceError::Denied(Denied::SignInNeeded) => lang.a().sign_in_needed.into(),
            ServiceError::Denied(Denied::Forbidden) => lang.a().forbidden.into(),
            ServiceError::NotFound => lang.t().not_found_body.into(),
            ServiceError::Server(e) => {
                let t = lang.t();
                format!(
                    "{} {}: {}",
                    t.error_body,
                    t.error_reference,
                    crate::backend::log_failure(&e)
                )
            }
        }
    }
}

impl From<ServerError> for ServiceError {
    fn from(e: ServerError) -> Self {
        ServiceError::Server(e)
    }
}

impl From<Denied> for ServiceError {
    fn from(d: Denied) -> Self {
        ServiceError::Denied(d)
    }
}

impl From<Refusal> for ServiceError {
    fn from(r: Refusal) -> Self {
        ServiceError::Refused(r)
    }
}

/// A refusal that names the form field at fault.
pub(crate) fn field(name: &str, message: impl Into<String>) -> ServiceError {
    ServiceError::Fields(vec![FieldError::new(name, message)])
}
