//! Server-side sessions behind a cookie.
//!
//! The cookie holds a 256-bit random token; the table holds its SHA-256, the user, and when the
//! session began and was last used. A session ends at logout, at its idle or absolute timeout,
//! when its user's password changes, and when an admin disables the user. Over https the cookie
//! is `__Host-` prefixed and `Secure`; always `HttpOnly` and `SameSite=Lax`.
//!
//! A table of our own rather than a generic session library: ending all of one user's sessions
//! (disable, password change) and listing them for the user need the user id as a column, which
//! key-value session stores do not have.

use chrono::{DateTime, Utc};

use super::{token, Session};
use crate::backend::{config::Config, db, db::Db, ServerError};

/// The cookie's name: `__Host-` prefixed over https (bound to this host, path `/`, secure only).
pub fn cookie_name(config: &Config) -> &'static str {
    if config.https() {
        "__Host-xttm_session"
    } else {
        "xttm_session"
    }
}

fn attributes(config: &Config) -> &'static str {
    if config.https() {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// The `Set-Cookie` value that starts a session.
pub fn set_cookie(config: &Config, token: &str) -> String {
    let max_age = config.session_absolute.num_seconds();
    format!(
        "{}={token}; Max-Age={max_age}; {}",
        cookie_name(config),
        attributes(config)
    )
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(config: &Config) -> String {
    format!("{}=; Max-Age=0; {}", cookie_name(config), attributes(config))
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookies<'a>(config: &Config, cookie_header: &'a str) -> Option<&'a str> {
    let name = cookie_name(config);
    cookie_header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_SECS: i64 = 60;

/// The live session for a cookie token, or `None` when it is unknown, timed out, or its user is
/// disabled. Keeps the idle timer running.
pub async fn resolve(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Session>, ServerError> {
    let hash = token::hash_token(token);
    let Some(row) = db::account::live_session(db, &hash, now, now - config.session_idle).await? else {
        return Ok(None);
    };
    if (now - row.last_seen_at).num_seconds() >= TOUCH_EVERY_SECS {
        db::account::touch_session(db, &hash, now).await?;
    }
    Ok(Some(Session {
        hash,
        viewer: row.user.viewer(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> Config {
        let base = base.to_string();
        Config::from_lookup(move |k| (k == "BASE_URL").then(|| base.clone())).unwrap()
    }

    #[test]
    fn over_https_the_cookie_is_host_prefixed_and_secure() {
        let c = config("https://xttm.example.vn");
        let v = set_cookie(&c, "ab");
        assert!(v.starts_with("__Host-xttm_session=ab;"), "{v}");
        assert!(v.contains("Secure") && v.contains("HttpOnly") && v.contains("SameSite=Lax") && v.contains("Path=/"));
        let plain = set_cookie(&config("http://127.0.0.1:3000"), "ab");
        assert!(
            plain.starts_with("xttm_session=") && !plain.contains("Secure"),
            "{plain}"
        );
    }

    #[test]
    fn only_a_well_formed_token_is_read_from_the_cookies() {
        let c = config("http://127.0.0.1:3000");
        let t = "a".repeat(64);
        let header = format!("lang=vi; xttm_session={t}; x=1");
        assert_eq!(token_from_cookies(&c, &header), Some(t.as_str()));
        assert_eq!(token_from_cookies(&c, "xttm_session=short"), None);
        assert_eq!(token_from_cookies(&c, &format!("__Host-xttm_session={t}")), None);
    }
}
