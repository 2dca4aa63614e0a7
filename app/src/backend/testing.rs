//! Fresh databases for tests, on SQLite and PostgreSQL alike. Not for production code.
//!
//! SQLite: a new file in a temporary folder (in-memory SQLite gives each pooled connection its
//! own database). PostgreSQL: a new database on the server named by `TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`). When that server cannot be reached
//! the PostgreSQL half of a test is skipped with a notice — unless `REQUIRE_POSTGRES=1`, which
//! turns the skip into a failure (CI sets it).

use std::sync::atomic::{AtomicU32, Ordering};

use super::db::Db;

/// A migrated, empty database that lives as long as this value.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<TempDir>,
    drop_db: Option<(String, String)>,
}

/// A temporary folder removed on drop (kept dependency-free for the library).
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    /// A new, empty folder under the system's temporary folder, its name starting with `prefix`.
    #[allow(clippy::expect_used)]
    pub fn new(prefix: &str) -> TempDir {
        let dir = std::env::temp_dir().join(unique(prefix));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("{prefix}_{t}_{}_{n}", std::process::id())
}

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

fn postgres_required() -> bool {
    std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1" || v == "true")
}

#[allow(clippy::expect_used, clippy::panic)]
impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique("xttm_test"));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}/test.db", dir.display());
        let db = Db::connect(&url, 4).await.expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        TestDb {
            db,
            url,
            _dir: Some(TempDir(dir)),
            drop_db: None,
        }
    }

    /// A fresh PostgreSQL database, or `None` (with a notice) when the server is unreachable and
    /// PostgreSQL is not required.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_admin_url();
        let admin = match Db::connect(&admin_url, 1).await {
            Ok(db) => db,
            Err(e) if !postgres_required() => {
                eprintln!(
                    "NOTICE: PostgreSQL at {admin_url} is unreachable ({e}); skipping the PostgreSQL half of this test"
                );
                return None;
            }
            Err(e) => panic!(
                "PostgreSQL at {admin_url} is unreachable ({e}), and the tests require it (REQUIRE_POSTGRES=1, \
                 the default of `make test`). Start it, e.g. `pg_ctlcluster --skip-systemctl-redirect \
                 $(ls /etc/postgresql) main start`, point TEST_POSTGRES_URL at another server, or run \
                 SQLite only with REQUIRE_POSTGRES=0."
            ),
        };
        let name = unique("xttm_test");
        crate::db_run!(&admin, pool => sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}"))).execute(pool).await.map(|_| ()))
            .expect("create test database");
        admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or(admin_url.clone());
        let url = format!("{base}/{name}");
        let db = Db::connect(&url, 4).await.expect("open test database");
        db.migrate().await.expect("migrate postgres");
        Some(TestDb {
            db,
            url,
            _dir: None,
            drop_db: Some((admin_url, name)),
        })
    }

    /// Closes the pool and, on PostgreSQL, drops the database.
    pub async fn finish(mut self) {
        // `close` waits for every connection to come back; a task still holding one (seen twice,
        // rarely, after an HTTP test on PostgreSQL; cause not found yet) must not hang the suite:
        // the database is dropped `with (force)` below anyway
        if tokio::time::timeout(std::time::Duration::from_secs(10), self.db.close())
            .await
            .is_err()
        {
            eprintln!(
                "test database {}: a connection was still out after 10 s; closing anyway",
                self.url
            );
        }
        if let Some((admin_url, name)) = self.drop_db.take() {
            drop_database(&admin_url, &name).await;
        }
    }

    /// The PostgreSQL database's name (`None` on SQLite).
    pub fn database_name(&self) -> Option<&str> {
        self.drop_db.as_ref().map(|(_, name)| name.as_str())
    }
}

async fn drop_database(admin_url: &str, name: &str) {
    if let Ok(admin) = Db::connect(admin_url, 1).await {
        let sql = format!("drop database if exists {name} with (force)");
        let _ = crate::db_run!(&admin, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|_| ()));
        admin.close().await;
    }
}

/// A test that panicked never reached [`TestDb::finish`]: its PostgreSQL database is dropped
/// here, from a thread of its own (`drop` cannot wait for a future, and it may run inside the
/// test's runtime). The SQLite file goes with its folder ([`TempDir`]).
impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.drop_db.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    runtime.block_on(drop_database(&admin_url, &name));
                }
            })
            .join();
        }
    }
}

/// Runs one async test body against a fresh SQLite database and a fresh PostgreSQL database:
///
/// ```ignore
/// both_backends!(events_are_listed, |db: Db| async move { … });
/// ```
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            // several worker threads, as the server runs
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::backend::testing::TestDb::sqlite().await;
                ($body)(t.db.clone()).await;
                t.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) = $crate::backend::testing::TestDb::postgres().await {
                    ($body)(t.db.clone()).await;
                    t.finish().await;
                }
            }
        }
    };
}

/// An application state for tests: the given database and the default settings.
#[allow(clippy::expect_used)]
pub fn state(db: &Db) -> super::AppState {
    let config = super::config::Config::from_lookup(|_| None).expect("default config");
    super::AppState::new(db.clone(), config)
}

/// A request from `client_ip`, in Vietnamese, carrying `session`.
pub fn request(client_ip: &str, session: Option<super::auth::Session>) -> super::auth::RequestInfo {
    super::auth::RequestInfo {
        client_ip: client_ip.to_string(),
        user_agent: Some("Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile".into()),
        session,
        lang: crate::domain::Lang::Vi,
    }
}

/// The newest queued message to `to`: (kind, subject, text body).
#[allow(clippy::expect_used)]
pub async fn last_mail(db: &Db, to: &str) -> Option<(String, String, String)> {
    let sql = "select kind, subject, text_body from mail_outbox where to_address = $1 order by mail_id desc limit 1";
    crate::db_run!(db, pool => sqlx::query_as(sql).bind(to.to_string()).fetch_optional(pool).await)
        .expect("read outbox")
}

/// The `token=` of the first link in a message body.
pub fn token_in(body: &str) -> Option<String> {
    let start = body.find("token=")? + "token=".len();
    Some(body[start..].chars().take_while(char::is_ascii_hexdigit).collect())
}

/// The password every test account uses.
pub const PASSWORD: &str = "cà phê Buôn Ma Thuột thơm ngon 2026";

/// A request carrying a fresh session of `email` (its password is [`PASSWORD`]).
#[allow(clippy::expect_used)]
pub async fn signed_in(s: &super::AppState, email: &str) -> super::auth::RequestInfo {
    use super::services::accounts as acc;
    let l = acc::login(s, &request("192.0.2.9", None), email, PASSWORD.into())
        .await
        .expect("log in");
    let session = super::auth::session::resolve(&s.db, &s.config, &l.token, super::now())
        .await
        .expect("resolve the session");
    request("192.0.2.9", session)
}

/// A signed-in staff member (or admin) created as an admin would.
#[allow(clippy::expect_used)]
pub async fn staff_member(
    s: &super::AppState,
    email: &str,
    role: crate::domain::account::Role,
) -> super::auth::RequestInfo {
    use super::services::accounts as acc;
    let link = acc::create_staff_account(s, None, email, "Cán bộ", role, crate::domain::Lang::Vi)
        .await
        .expect("create the staff account");
    acc::set_password_with_link(
        s,
        &request("192.0.2.9", None),
        &token_in(&link).expect("a link"),
        PASSWORD.into(),
    )
    .await
    .expect("set the password");
    signed_in(s, email).await
}

/// A producer that signed up (from its own address, so throttling stays out of the way),
/// verified its e-mail and signed in: a cooperative in Buôn Ma Thuột with `tax_code`.
#[allow(clippy::expect_used)]
pub async fn producer(s: &super::AppState, email: &str, tax_code: &str) -> super::auth::RequestInfo {
    use super::services::accounts as acc;
    let from = format!("198.51.100.{}", COUNTER.fetch_add(1, Ordering::Relaxed) % 250 + 1);
    let form = acc::SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        full_name: "Chủ thể".into(),
        org: crate::domain::account::OrganisationForm {
            org_name: format!("HTX {tax_code}"),
            org_kind: "cooperative".into(),
            tax_code: tax_code.into(),
            commune: "1".into(),
            phone: "0912345678".into(),
            contact_person: "Chủ thể".into(),
        },
    };
    acc::sign_up(s, &request(&from, None), form).await.expect("sign up");
    let (_, _, body) = last_mail(&s.db, email).await.expect("a verification mail");
    acc::verify_email(s, &request(&from, None), &token_in(&body).expect("a token"))
        .await
        .expect("verify");
    signed_in(s, email).await
}

/// A whole application from the producer's form page: the first booth type, one booth, every
/// product shown, and `answer` to the first question (a yes/no one in the tests' calls).
pub fn application_form(
    page: &crate::domain::application::ApplyPage,
    intent: &str,
    answer: &str,
) -> crate::domain::application::ApplicationForm {
    use crate::domain::application::ApplicationForm;
    let mut f = ApplicationForm {
        booth_type: page.types[0].booth_type_id.to_string(),
        booth_count: "1".into(),
        intent: intent.into(),
        ..ApplicationForm::default()
    };
    for p in &page.products {
        f.products.insert(p.product_id.to_string(), "on".into());
    }
    f.answers.insert(
        ApplicationForm::answer_key(page.questions[0].question_id, None),
        answer.into(),
    );
    f
}

/// A second handle on the same database, as another server instance would hold: its own pool and,
/// on SQLite, its own writers' lock and commit count.
#[allow(clippy::expect_used)]
pub async fn another_instance(db: &Db) -> Db {
    match db {
        Db::Sqlite(p, ..) => Db::Sqlite(
            sqlx::SqlitePool::connect_with((*p.connect_options()).clone())
                .await
                .expect("a second SQLite pool"),
            std::sync::Arc::default(),
            std::sync::Arc::default(),
        ),
        Db::Postgres(p) => Db::Postgres(
            sqlx::PgPool::connect_with((*p.connect_options()).clone())
                .await
                .expect("a second PostgreSQL pool"),
        ),
    }
}

/// A time as the event form's `datetime-local` fields take it.
pub fn local(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::time::to_local(t).format("%Y-%m-%dT%H:%M").to_string()
}

/// A provincial fair in Buôn Ma Thuột, in person, from `starts_at` to `ends_at` (as the event
/// form's fields take them), titled `title`. Tests change what they need with `..fair_input(…)`.
pub fn fair_input(title: &str, starts_at: &str, ends_at: &str) -> crate::domain::NewEventInput {
    crate::domain::NewEventInput {
        kind: "fair".into(),
        format: "in-person".into(),
        level: "provincial".into(),
        scope: "province".into(),
        commune_id: Some(1),
        venue_name: "Quảng trường 10/3".into(),
        starts_at: starts_at.into(),
        ends_at: ends_at.into(),
        organiser: "Sở Công Thương tỉnh Đắk Lắk".into(),
        title_vi: title.into(),
        description_vi: "Hội chợ.".into(),
        ..crate::domain::NewEventInput::default()
    }
}

/// A published fair a month ahead whose call is open now: one booth type (12 M đ, support up to
/// 100 %), a zone, a row of 10 booths, one required yes/no question. Returns (event id, booth ids).
#[allow(clippy::expect_used)]
pub async fn open_fair(s: &super::AppState, staff: &super::auth::RequestInfo) -> (i64, Vec<i64>) {
    use super::services::{booths, planning};
    use crate::domain::booths::{BoothTypeForm, CallForm, QuestionForm, RowForm};
    use chrono::Duration;
    let now = chrono::Utc::now();
    let input = fair_input(
        "Hội chợ OCOP thử nghiệm",
        &local(now + Duration::days(30)),
        &local(now + Duration::days(33)),
    );
    let id = planning::save(s, staff, None, input, "").await.expect("the open fair");
    let call = CallForm {
        opens_at: local(now - Duration::days(1)),
        closes_at: local(now + Duration::days(10)),
        min_stars: "3".into(),
        max_booths: "2".into(),
        support_5: "100".into(),
        support_4: "100".into(),
        support_3: "50".into(),
        ..CallForm::default()
    };
    booths::save_call(s, staff, id, &call).await.expect("the open fair");
    booths::add_question(
        s,
        staff,
        id,
        &QuestionForm {
            kind: "yes-no".into(),
            label_vi: "Đã từng tham gia hội chợ của Sở chưa?".into(),
            required: "on".into(),
            ..QuestionForm::default()
        },
    )
    .await
    .expect("the open fair");
    booths::add_booth_type(
        s,
        staff,
        id,
        &BoothTypeForm {
            name_vi: "Gian tiêu chuẩn".into(),
            size: "standard".into(),
            price_vnd: "12000000".into(),
            support_rate: "100".into(),
            count: "10".into(),
            ..BoothTypeForm::default()
        },
    )
    .await
    .expect("the open fair");
    booths::add_zone(s, staff, id, "Khu OCOP", "")
        .await
        .expect("the open fair");
    booths::set_floor_plan(s, staff, id, "10", "2")
        .await
        .expect("the open fair");
    let setup = booths::setup(s, staff, id).await.expect("the open fair");
    booths::add_row(
        s,
        staff,
        id,
        &RowForm {
            prefix: "A".into(),
            count: "10".into(),
            booth_type_id: setup.booth_types[0].booth_type_id.to_string(),
            zone_id: setup.zones[0].zone_id.to_string(),
            x: "1".into(),
            y: "1".into(),
        },
    )
    .await
    .expect("the open fair");
    planning::change_status(s, staff, id, crate::domain::EventStatus::Published, "", "", "")
        .await
        .expect("the open fair");
    let booth_ids = booths::setup(s, staff, id)
        .await
        .expect("the open fair")
        .booths
        .iter()
        .map(|b| b.booth_id)
        .collect();
    (id, booth_ids)
}

/// A beverage product, OCOP-rated with `stars` ("" for none) and its certificate.
pub fn product(name: &str, stars: &str) -> crate::domain::catalogue::ProductForm {
    crate::domain::catalogue::ProductForm {
        name_vi: name.into(),
        group: "beverage".into(),
        stars: stars.into(),
        certificate_no: if stars.is_empty() {
            String::new()
        } else {
            "1234/QĐ-UBND".into()
        },
        decision_date: if stars.is_empty() {
            String::new()
        } else {
            "2025-06-01".into()
        },
        rated_by: if stars.is_empty() {
            String::new()
        } else {
            "province".into()
        },
        ..crate::domain::catalogue::ProductForm::default()
    }
}
