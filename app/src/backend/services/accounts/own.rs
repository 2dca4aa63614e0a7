//! The signed-in person's own account: sessions on other devices, language.

use super::*;

/// A short description of a browser from its User-Agent, e.g. "Chrome · Android".
fn device(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or("");
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("CocCoc", "Cốc Cốc"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map_or("?", |(_, name)| name);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map_or("?", |(_, name)| name);
    format!("{browser} · {os}")
}

pub async fn account_page(state: &AppState, req: &RequestInfo) -> Result<AccountPage> {
    let session = req.signed_in()?;
    let v = &session.viewer;
    let organisation = match v.producer_id {
        Some(id) => db::account::organisation(&state.db, id).await?.map(|o| o.name),
        None => None,
    };
    let sessions = db::account::sessions_of(&state.db, v.user_id, now())
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            current: s.session_hash == session.hash,
            id: s.session_hash,
            started: when(s.created_at),
            last_seen: when(s.last_seen_at),
            device: device(s.user_agent.as_deref()),
            client_ip: s.client_ip.unwrap_or_default(),
        })
        .collect();
    Ok(AccountPage {
        viewer: v.clone(),
        organisation,
        sessions,
    })
}

/// Ends one of the viewer's own sessions; another person's answers "not found".
pub async fn end_session(state: &AppState, req: &RequestInfo, id: &str) -> Result<()> {
    let session = req.signed_in()?;
    if !db::account::delete_own_session(&state.db, session.viewer.user_id, id).await? {
        return Err(ServiceError::NotFound);
    }
    let mut entry = audit(req, "session-end", "success");
    entry.object_type = Some("session");
    db::account::audit(&state.db, &entry, now()).await?;
    Ok(())
}

/// Remembers the account's language (e-mails follow it).
pub async fn set_language(state: &AppState, req: &RequestInfo, lang: Lang) -> Result<()> {
    let session = req.signed_in()?;
    db::account::set_lang(&state.db, session.viewer.user_id, lang, now()).await?;
    Ok(())
}
