//! Typed settings from environment variables, read once at start-up. Every variable is listed in
//! the README's configuration table and in `.env.example`.

use std::net::SocketAddr;

use super::ServerError;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://data/xttm.db` (default) or `postgres://…`
    pub database_url: String,
    /// Where the server listens.
    pub site_addr: SocketAddr,
    /// The public address, for links in feeds and e-mails; no trailing slash.
    pub base_url: String,
    /// Where cargo-leptos put the compiled site (wasm, js, css, public files).
    pub site_root: String,
    /// The file name of the wasm/js/css bundle inside `site_root/pkg`.
    pub output_name: String,
    /// Connections in the database pool.
    pub db_max_connections: u32,
    /// Where mail goes: `smtp://…`/`smtps://…`, `file://folder` (development) or `memory`.
    pub smtp_url: String,
    /// The sender of every message, e.g. `Sở Công Thương Đắk Lắk <noreply@example.vn>`.
    pub mail_from: String,
    /// A session with no request for this long ends (`SESSION_IDLE_MINUTES`, default 60).
    pub session_idle: chrono::Duration,
    /// A session ends this long after login whatever happens (`SESSION_ABSOLUTE_HOURS`, default 12).
    pub session_absolute: chrono::Duration,
    /// Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`, comma-separated addresses).
    /// Empty (the default): the client is whoever opened the connection.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where uploaded files are kept, outside the web root (`UPLOAD_DIR`, default `data/uploads`).
    pub upload_dir: std::path::PathBuf,
    /// What one producer may keep there, product files and application documents together
    /// (`UPLOAD_QUOTA_FILES`, default 250; `UPLOAD_QUOTA_MB`, default 300): enough for a large
    /// catalogue, and a ceiling no account can push the disk past.
    pub upload_quota_files: i64,
    pub upload_quota_bytes: i64,
    /// A request not answered within this long answers 503 (`REQUEST_TIMEOUT_SECONDS`, default 60).
    pub request_timeout: std::time::Duration,
    /// The bearer token `/metrics` asks for (`METRICS_TOKEN`, at least 24 characters); without
    /// one, `/metrics` does not exist.
    pub metrics_token: Option<String>,
    /// The most memory the anonymous public pages may be kept in (`PAGE_CACHE_MB`; 0: none).
    pub page_cache_bytes: usize,
    /// The map tiles of the points of sale: an address with `{z}`, `{x}` and `{y}` (`MAP_TILES`,
    /// OpenStreetMap's by default; "none": markers without tiles), and what the map credits
    /// (`MAP_ATTRIBUTION`).
    pub map_tiles: Option<String>,
    pub map_attribution: String,
}

/// OpenStreetMap's standard tiles and their credit.
const OSM_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/xttm.db";

impl Config {
    /// Reads the environment. Fails, with the variable named, on a value that does not parse.
    pub fn from_env() -> Result<Config, ServerError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ServerError> {
        let var = |k: &str, default: &str| {
            get(k)
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
            .parse()
            .map_err(|e| ServerError::Config(format!("LEPTOS_SITE_ADDR: {e}")))?;
        let base_url = var("BASE_URL", &format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(ServerError::Config(
                "BASE_URL must start with http:// or https://".into(),
            ));
        }
        let db_max_connections = var("DB_MAX_CONNECTIONS", "8")
            .parse()
            .map_err(|e| ServerError::Config(format!("DB_MAX_CONNECTIONS: {e}")))?;
        let host = host_of(&base_url).to_string();
        let number = |k: &str, default: &str| {
            var(k, default)
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ServerError::Config(format!("{k}: a whole number above 0")))
        };
        let session_idle = chrono::Duration::minutes(number("SESSION_IDLE_MINUTES", "60")?);
        let session_absolute = chrono::Duration::hours(number("SESSION_ABSOLUTE_HOURS", "12")?);
        let trusted_proxies = var("TRUSTED_PROXIES", "")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .map_err(|e| ServerError::Config(format!("TRUSTED_PROXIES: {s}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let request_timeout = std::time::Duration::from_secs(number("REQUEST_TIMEOUT_SECONDS", "60")?.unsigned_abs());
        let metrics_token = Some(var("METRICS_TOKEN", "").trim().to_string()).filter(|t| !t.is_empty());
        if metrics_token.as_ref().is_some_and(|t| t.chars().count() < 24) {
            return Err(ServerError::Config(
                "METRICS_TOKEN: at least 24 characters (a random one: openssl rand -hex 24)".into(),
            ));
        }
        let page_cache_bytes = var("PAGE_CACHE_MB", "64")
            .parse::<usize>()
            .map_err(|_| ServerError::Config("PAGE_CACHE_MB: a whole number, 0 or more".into()))?
            .saturating_mul(1024 * 1024);
        let map_tiles = match var("MAP_TILES", OSM_TILES).trim() {
            "none" => None,
            t if (t.starts_with("https://") || t.starts_with("http://"))
                && ["{z}", "{x}", "{y}"].iter().all(|p| t.contains(p))
                && !t.contains(['"', '\'', ' ', '<', '>', ';']) =>
            {
                Some(t.to_string())
            }
            _ => {
                return Err(ServerError::Config(
                    "MAP_TILES: an http(s) address with {z}, {x} and {y}, or none".into(),
                ))
            }
        };
        Ok(Config {
            map_tiles,
            map_attribution: var("MAP_ATTRIBUTION", OSM_ATTRIBUTION),
            metrics_token,
            page_cache_bytes,
            request_timeout,
            upload_dir: var("UPLOAD_DIR", "data/uploads").into(),
            upload_quota_files: number("UPLOAD_QUOTA_FILES", "250")?,
            upload_quota_bytes: number("UPLOAD_QUOTA_MB", "300")?.saturating_mul(1024 * 1024),
            session_idle,
            session_absolute,
            trusted_proxies,
            smtp_url: var("SMTP_URL", "file://data/mail"),
            mail_from: var("MAIL_FROM", &format!("Sở Công Thương Đắk Lắk <noreply@{host}>")),
            database_url: var("DATABASE_URL", DEFAULT_DATABASE_URL),
            site_addr,
            base_url,
            site_root: var("LEPTOS_SITE_ROOT", "target/site"),
            output_name: var("LEPTOS_OUTPUT_NAME", "xttm"),
            db_max_connections,
        })
    }

    /// The origin the map's tiles come from (`https://tile.openstreetmap.org`), for the map
    /// page's content security policy.
    pub fn tile_origin(&self) -> Option<&str> {
        let t = self.map_tiles.as_deref()?;
        let after = t.find("://")? + 3;
        let end = t[after..].find('/').map_or(t.len(), |i| after + i);
        Some(&t[..end])
    }

    /// Served over https: cookies are `Secure` and take the `__Host-` prefix.
    pub fn https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The host part of `base_url`, used to make iCalendar UIDs globally unique.
    pub fn host(&self) -> &str {
        host_of(&self.base_url)
    }
}

/// "https://xttm.example.vn:8443/path" → "xttm.example.vn"
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_sqlite_on_port_3000() {
        let c = Config::from_lookup(|_| None).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert_eq!(c.host(), "127.0.0.1");
    }

    #[test]
    fn map_tiles_are_checked_and_give_their_origin() {
        let c = Config::from_lookup(|_| None).unwrap();
        assert_eq!(c.tile_origin(), Some("https://tile.openstreetmap.org"));
        let local =
            Config::from_lookup(|k| (k == "MAP_TILES").then(|| "http://127.0.0.1:9/t/{z}/{x}/{y}.png".into())).unwrap();
        assert_eq!(local.tile_origin(), Some("http://127.0.0.1:9"));
        let none = Config::from_lookup(|k| (k == "MAP_TILES").then(|| "none".into())).unwrap();
        assert!(none.map_tiles.is_none() && none.tile_origin().is_none());
        for bad in [
            "tiles/{z}/{x}/{y}.png",
            "https://t.example/{z}.png",
            "https://t.example/{z}/{x}/{y}.png' *",
        ] {
            let err = Config::from_lookup(|k| (k == "MAP_TILES").then(|| bad.to_string())).unwrap_err();
            assert!(err.to_string().contains("MAP_TILES"), "{bad}");
        }
    }

    #[test]
    fn a_bad_address_is_reported_by_name() {
        let err = Config::from_lookup(|k| (k == "LEPTOS_SITE_ADDR").then(|| "nope".to_string())).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"));
    }

    #[test]
    fn trusted_proxies_and_session_timeouts_are_read_and_checked() {
        let c = Config::from_lookup(|k| match k {
            "TRUSTED_PROXIES" => Some("10.0.0.1, ::1".to_string()),
            "SESSION_IDLE_MINUTES" => Some("15".to_string()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.trusted_proxies.len(), 2);
        assert_eq!(c.session_idle, chrono::Duration::minutes(15));
        assert_eq!(c.session_absolute, chrono::Duration::hours(12));
        let bad = Config::from_lookup(|k| (k == "TRUSTED_PROXIES").then(|| "proxy.local".to_string())).unwrap_err();
        assert!(bad.to_string().contains("TRUSTED_PROXIES"));
        let zero = Config::from_lookup(|k| (k == "SESSION_IDLE_MINUTES").then(|| "0".to_string())).unwrap_err();
        assert!(zero.to_string().contains("SESSION_IDLE_MINUTES"));
    }
}
