//! The HTTP side of the server: the router and the handlers that are not Leptos pages
//! (feeds, health, language switch). `main.rs` only wires settings, telemetry, database and this.

pub mod answer;
pub mod auth;
pub mod csrf;
pub mod embed;
pub mod exports;
pub mod feeds;
pub mod metrics;
pub mod page_cache;
pub mod reports;
pub mod routes;
pub mod telemetry;
pub mod uploads;

use app::backend::{config::Config, db::Db, AppState, ServerError};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

/// The router's state: the app's state plus what Leptos needs to render and serve files.
#[derive(Clone)]
pub struct ServerState {
    pub app: AppState,
    pub leptos: LeptosOptions,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> LeptosOptions {
        s.leptos.clone()
    }
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.output_name.as_str())
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build()
}

/// Connects and migrates the database named by the configuration.
pub async fn open_database(config: &Config) -> Result<Db, ServerError> {
    let db = Db::connect_kept(&config.database_url, config.db_max_connections).await?;
    db.migrate().await?;
    Ok(db)
}
