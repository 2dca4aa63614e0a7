//! Use cases. Each function owns its transaction: it begins, checks, writes and commits.

pub mod accounts;
pub mod applications;
pub mod booths;
pub mod budget;
pub mod catalogue;
pub mod consoles;
pub mod dashboard;
pub mod deals;
pub mod directory;
pub mod error;
pub mod events;
pub mod files;
pub mod indicators;
pub mod inquiries;
pub mod outcomes;
pub mod planning;
pub mod producer_reports;
pub mod public;
pub mod reports;
pub mod sale_points;

pub use error::{Refusal, ServiceError};

/// schema.org data as JSON-LD that may stand inside a `<script>` element: `<` is escaped, so no
/// text in it can close the element.
pub(crate) fn json_ld(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// Sets a schema.org `image` to the photos' absolute addresses, when there are any.
pub(crate) fn set_images(value: &mut serde_json::Value, base_url: &str, photos: &[String]) {
    if !photos.is_empty() {
        value["image"] = photos
            .iter()
            .map(|p| format!("{base_url}{p}"))
            .collect::<Vec<_>>()
            .into();
    }
}

/// Writes the audit line of a change made by the person behind `req`, inside the change's
/// transaction: who, from where, what was done to which object, and how it went.
pub(crate) async fn record(
    tx: &mut crate::backend::db::Tx,
    req: &crate::backend::auth::RequestInfo,
    action: &'static str,
    object_type: &'static str,
    object_id: i64,
    detail: Option<String>,
) -> Result<(), crate::backend::ServerError> {
    let entry = crate::backend::db::account::AuditEntry {
        actor_user_id: req.viewer().map(|v| v.user_id),
        actor_email: req.viewer().map(|v| v.email.clone()),
        action,
        object_type: Some(object_type),
        object_id: Some(object_id.to_string()),
        outcome: "success",
        client_ip: Some(req.client_ip.clone()),
        detail,
    };
    crate::backend::db::account::audit_tx(tx, &entry, crate::backend::now()).await
}
