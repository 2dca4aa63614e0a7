//! `server`: serve the site, migrate the database, load demo data.

use clap::{Parser, Subcommand};

// Rendering a page or a feed allocates many small strings; mimalloc makes that markedly cheaper
// than glibc's allocator (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use app::backend::{
    config::Config,
    demo,
    mail::{MailTransport, MailWorker},
    services::public::today,
};
use server::{leptos_options, open_database, routes::router, telemetry, ServerState};

#[derive(Parser)]
#[command(
    name = "server",
    version,
    about = "Đắk Lắk trade promotion and fair management system"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default). Migrates the database first.
    Serve {
        /// Load the demo data when the database has no events yet.
        #[arg(long, env = "DEMO_DATA_IF_EMPTY")]
        demo_data_if_empty: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo year of events and twenty producers (marked as demo).
    DemoData {
        /// Do nothing when the database already has events.
        #[arg(long)]
        if_empty: bool,
    },
    /// Create an administrator account and print a one-time link (valid 3 days) that sets its
    /// password. The link is also e-mailed.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Quản trị viên")]
        name: String,
    },
    /// Write a consistent copy of the SQLite database to OUT while the server runs (PostgreSQL:
    /// use pg_dump, see docs/operations.md).
    Backup {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Check a backup and put it in place of the SQLite database. Stop the server first.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Add N invented published events spread over the coming year (for `make bench`).
    BenchData {
        #[arg(long, default_value_t = 500)]
        events: usize,
    },
    /// Add a past YEAR of N completed events with targets, outcomes and budgets, PRODUCERS
    /// producers taking part in them with their results reports, and the register's deals (the
    /// year's dashboard and reports of `make bench`); write a staff session to OUT.
    BenchYear {
        #[arg(long)]
        year: i32,
        #[arg(long, default_value_t = 500)]
        events: usize,
        #[arg(long, default_value_t = 400)]
        producers: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Add N verified OCOP products, five a producer, to the public directory, and M points of
    /// sale (for `make bench`).
    BenchDirectory {
        #[arg(long, default_value_t = 2000)]
        products: usize,
        /// OCOP points of sale to add too, each selling twenty of the products.
        #[arg(long, default_value_t = 0)]
        points: usize,
    },
    /// Answer every request on ADDR with the bytes of FILE as an HTML page, from a plain axum
    /// handler: the baseline `make bench` holds the kept calendar page against.
    ServeBytes {
        #[arg(long)]
        file: std::path::PathBuf,
        #[arg(long)]
        addr: String,
    },
    /// Load the demo data and N producers ready to submit to the demo fair (the deadline rush of
    /// `make bench`); write the staff session to OUT.staff and one "session<TAB>form" line per
    /// producer to OUT.
    BenchRush {
        #[arg(long, default_value_t = 1000)]
        producers: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // A `.env` file (see `.env.example`) fills in settings the environment does not give.
    let dotenv = dotenvy::dotenv();
    telemetry::init();
    if let Ok(path) = dotenv {
        tracing::info!(file = %path.display(), "read settings from .env");
    }
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::Serve {
        demo_data_if_empty: false,
    }))
    .await
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), Box<dyn std::error::Error>> {
    if let Command::ServeBytes { file, addr } = &command {
        return serve_bytes(file, addr).await;
    }
    let config = Config::from_env()?;
    if let Command::Restore { from } = &command {
        // before anything opens (and migrates) the database that is about to be replaced
        return restore(&config, from).await;
    }
    let db = open_database(&config).await?;
    match command {
        Command::Restore { .. } | Command::ServeBytes { .. } => {}
        Command::Backup { out } => {
            db.backup_to(&out).await?;
            println!("backed up the {} database to {}", db.backend(), out.display());
        }
        Command::Migrate => {
            println!("migrated {} database", db.backend());
        }
        Command::DemoData { if_empty } => match demo::load(&db, config.host(), today(), if_empty).await? {
            Some(l) => println!("loaded demo data: {} events, {} producers", l.events, l.producers),
            None => println!("the database already has events; demo data not loaded"),
        },
        Command::CreateAdmin { email, name } => {
            let state = app::backend::AppState::new(db.clone(), config.clone());
            let link = app::backend::services::accounts::create_staff_account(
                &state,
                None,
                &email,
                &name,
                app::domain::account::Role::Admin,
                app::domain::Lang::Vi,
            )
            .await
            .map_err(|e| format!("cannot create the admin account: {e:?}"))?;
            println!("Admin account {email} created. Open this link (valid 3 days, once) to set its password:");
            println!("{link}");
        }
        Command::BenchData { events } => {
            demo::load_bench_events(&db, config.host(), today(), events).await?;
            println!("added {events} benchmark events");
        }
        Command::BenchYear {
            year,
            events,
            producers,
            out,
        } => {
            let y = demo::load_bench_year(&db, config.host(), year, events, producers).await?;
            std::fs::write(&out, &y.staff)?;
            println!(
                "{year}: {} events, {} approved applications, {} results reports, {} deals",
                y.events, y.approved, y.reports, y.deals
            );
        }
        Command::BenchDirectory { products, points } => {
            let n = demo::load_bench_directory(&db, products).await?;
            println!("added {n} products to the directory");
            if points > 0 {
                let p = demo::load_bench_points(&db, points).await?;
                println!("added {p} points of sale");
            }
        }
        Command::BenchRush { producers, out } => {
            let (staff, lines) = demo::load_rush(&db, config.host(), today(), producers).await?;
            let body: String = lines.iter().map(|(token, form)| format!("{token}\t{form}\n")).collect();
            std::fs::write(&out, body)?;
            std::fs::write(out.with_extension("staff"), staff)?;
            println!("{producers} producers ready to submit");
        }
        Command::Serve { demo_data_if_empty } => {
            if demo_data_if_empty {
                if let Some(l) = demo::load(&db, config.host(), today(), true).await? {
                    tracing::info!(
                        events = l.events,
                        producers = l.producers,
                        "loaded demo data into the empty database"
                    );
                }
            }
            server::routes::remove_stale_twins(&std::path::Path::new(&config.site_root).join("pkg"));
            let (stop_mail, mail_stopped) = tokio::sync::oneshot::channel::<()>();
            let mail_worker = tokio::spawn(mail_worker(db.clone(), &config)?.run(
                std::time::Duration::from_secs(5),
                async {
                    let _ = mail_stopped.await;
                },
            ));
            // waiting-list offers past their deadline pass to the next producer; producers are asked for
            // their results; orphaned uploads go
            let sweeper_state = app::backend::AppState::new(db.clone(), config.clone());
            let sweeper = tokio::spawn(async move {
                let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
                let mut ticks: u64 = 0;
                loop {
                    every.tick().await;
                    ticks += 1;
                    let at = app::backend::now();
                    match app::backend::services::applications::sweep_offers(&sweeper_state, at).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(lapsed = n, "booth offers lapsed and passed on"),
                        Err(e) => tracing::warn!(error = ?e, "sweeping booth offers failed"),
                    }
                    // ended events: their producers asked for their results, and reminded before the due date
                    match app::backend::services::producer_reports::sweep(&sweeper_state, at).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(producers = n, "results reports asked for or reminded"),
                        Err(e) => tracing::warn!(error = ?e, "asking for results reports failed"),
                    }
                    // hourly (every 60th tick, not at start-up): files on disk that no row names any more (an upload cut off between
                    // its file and its row, a removal whose file could not be deleted)
                    if ticks.is_multiple_of(60) {
                        let day = std::time::Duration::from_secs(24 * 3600);
                        match app::backend::services::files::sweep_orphans(&sweeper_state, day).await {
                            Ok(0) => {}
                            Ok(n) => tracing::info!(removed = n, "orphaned uploads removed"),
                            Err(e) => tracing::warn!(error = ?e, "sweeping orphaned uploads failed"),
                        }
                    }
                }
            });
            let state = ServerState {
                app: app::backend::AppState::new(db.clone(), config.clone()),
                leptos: leptos_options(&config),
            };
            let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
            println!(
                "Serving on http://{} ({} database)",
                listener.local_addr()?,
                db.backend()
            );
            // the peer address feeds throttling (and, behind a trusted proxy, X-Forwarded-For)
            axum::serve(
                listener,
                router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown_signal())
            .await?;
            sweeper.abort();
            let _ = stop_mail.send(());
            let _ = mail_worker.await;
            db.close().await;
            tracing::info!("stopped cleanly");
        }
    }
    Ok(())
}

/// The outbox worker for this instance; several instances may run one each.
fn mail_worker(db: app::backend::db::Db, config: &Config) -> Result<MailWorker, Box<dyn std::error::Error>> {
    let transport = MailTransport::from_url(&config.smtp_url)?;
    let from = config.mail_from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
    Ok(MailWorker::new(db, transport, from))
}

/// Ctrl-C or SIGTERM: stop taking connections, finish the ones in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// Checks the copy at `from` (SQLite's integrity check), then copies it over the database file and
/// removes the old write-ahead log. The server migrates it when it starts.
async fn restore(config: &Config, from: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let url = &config.database_url;
    let Some(target) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        return Err("a PostgreSQL database is restored with pg_restore or psql (docs/operations.md)".into());
    };
    let target = std::path::PathBuf::from(target.split('?').next().unwrap_or(target));
    if !from.is_file() {
        return Err(format!("{}: no such file", from.display()).into());
    }
    let copy = app::backend::db::Db::connect(&format!("sqlite://{}", from.display()), 1).await?;
    let integrity = copy.integrity().await?;
    copy.close().await;
    if integrity != "ok" {
        return Err(format!("{} is damaged: {integrity}", from.display()).into());
    }
    std::fs::copy(from, &target)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    println!("restored {} from {}", target.display(), from.display());
    Ok(())
}

/// A plain axum handler answering every request with the same bytes (no database, no rendering,
/// no middleware): what the kept calendar page is compared with in `make bench`.
async fn serve_bytes(file: &std::path::Path, addr: &str) -> Result<(), Box<dyn std::error::Error>> {
    use axum::http::header;
    let bytes = axum::body::Bytes::from(std::fs::read(file)?);
    let app = axum::Router::new().fallback(move || {
        let bytes = bytes.clone();
        async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes) }
    });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
