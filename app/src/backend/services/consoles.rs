//! The consoles' opening pages: the staff's dashboard (events to come, calls closing, applications
//! to review) and the admin's (accounts, mail that could not be sent).

use chrono::Duration;

use super::{
    accounts::{summary, when},
    ServiceError,
};
use crate::{
    backend::{auth::RequestInfo, db, now, AppState},
    domain::account::{AdminPage, FailedMail, StaffPage},
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The staff console: the next events, the calls open now with their applications by status, and
/// the register's size.
pub async fn staff_page(state: &AppState, req: &RequestInfo) -> Result<StaffPage> {
    req.staff()?;
    let now = now();
    let mut upcoming = super::planning::list(state, req).await?;
    // the list is newest first; the dashboard wants the next ones, soonest first
    upcoming.reverse();
    let upcoming = upcoming
        .into_iter()
        .filter(|e| {
            !matches!(
                e.status,
                crate::domain::EventStatus::Completed | crate::domain::EventStatus::Cancelled
            )
        })
        .filter(|e| e.ends_at > now)
        .take(8)
        .collect();
    let counts = db::application::counts(&state.db).await?;
    let count = |event_id: i64, statuses: &[&str]| -> i64 {
        counts
            .iter()
            .filter(|c| c.0 == event_id && statuses.contains(&c.1.as_str()))
            .map(|c| c.2)
            .sum()
    };
    let open_calls = db::booths::open_calls(&state.db, now)
        .await?
        .into_iter()
        .map(|(event_id, title, closes_at)| crate::domain::account::OpenCall {
            event_id,
            title,
            closes: when(closes_at),
            this_week: closes_at - now <= Duration::days(7),
            drafts: count(event_id, &["draft"]),
            submitted: count(event_id, &["submitted", "in-review"]),
            approved: count(event_id, &["approved"]),
        })
        .collect();
    Ok(StaffPage {
        producers: db::account::count_producers(&state.db).await?,
        producer_users: db::account::count_users(&state.db, "producer").await?,
        upcoming_events: db::account::count_upcoming_events(&state.db, now).await?,
        upcoming,
        open_calls,
    })
}

/// The admin console: every account, and the mail that could not be sent.
pub async fn admin_page(state: &AppState, req: &RequestInfo) -> Result<AdminPage> {
    req.admin()?;
    let users = db::account::list_users(&state.db, 1000)
        .await?
        .into_iter()
        .map(summary)
        .collect();
    let failed_mail = db::mail::failed(&state.db, 100)
        .await?
        .into_iter()
        .map(|m| FailedMail {
            mail_id: m.mail_id,
            kind: m.kind,
            to_address: m.to_address,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            updated: when(m.updated_at),
        })
        .collect();
    Ok(AdminPage { users, failed_mail })
}
