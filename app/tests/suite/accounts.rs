//! Accounts through the services, on SQLite and PostgreSQL: sign-up and verification, login and
//! its throttling, sessions and their timeouts, passwords, invitations, admin actions, audit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::Ordering;

use app::{
    backend::{
        auth::{session, Session},
        db::{self, Db},
        now,
        services::{
            accounts::{self as svc, SignUp},
            Refusal, ServiceError,
        },
        testing::{last_mail, request, state, token_in, PASSWORD},
        AppState,
    },
    both_backends,
    domain::{
        account::{OrganisationForm, Role},
        Lang,
    },
};

fn sign_up_form(email: &str, tax_code: &str) -> SignUp {
    SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        full_name: "H'Hen Niê".into(),
        org: OrganisationForm {
            org_name: "HTX Cà phê Ea Tu".into(),
            org_kind: "cooperative".into(),
            tax_code: tax_code.into(),
            commune: "1".into(),
            phone: "0912345678".into(),
            contact_person: "H'Hen Niê".into(),
        },
    }
}

/// Signs up, verifies through the e-mailed link, logs in; returns the session.
async fn verified_producer(s: &AppState, email: &str, tax_code: &str) -> Session {
    svc::sign_up(s, &request("192.0.2.1", None), sign_up_form(email, tax_code))
        .await
        .unwrap();
    let (kind, _, body) = last_mail(&s.db, email).await.unwrap();
    assert_eq!(kind, "verify-email");
    svc::verify_email(s, &request("192.0.2.1", None), &token_in(&body).unwrap())
        .await
        .unwrap();
    session_of(s, email, PASSWORD).await
}

async fn session_of(s: &AppState, email: &str, password: &str) -> Session {
    let logged = svc::login(s, &request("192.0.2.1", None), email, password.into())
        .await
        .unwrap();
    session::resolve(&s.db, &s.config, &logged.token, now())
        .await
        .unwrap()
        .expect("a live session")
}

/// A staff or admin account with PASSWORD set through its first-password link, signed in.
async fn staff(s: &AppState, email: &str, role: Role) -> Session {
    app::backend::testing::staff_member(s, email, role)
        .await
        .session
        .expect("signed in")
}

fn refused(r: Result<impl std::fmt::Debug, ServiceError>) -> Refusal {
    match r {
        Err(ServiceError::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

both_backends!(sign_up_verify_login_in_vietnamese, |db: Db| async move {
    let s = state(&db);
    let anon = request("192.0.2.1", None);
    svc::sign_up(&s, &anon, sign_up_form("An@EaTu.vn", "0100109106"))
        .await
        .unwrap();
    let (kind, subject, body) = last_mail(&db, "an@eatu.vn").await.expect("a verification e-mail");
    assert_eq!(kind, "verify-email");
    assert_eq!(subject, "Xác minh địa chỉ e-mail của bạn");
    assert!(body.contains("http://127.0.0.1:3000/xac-minh-email?token="), "{body}");
    // not verified yet: the right password is refused with a reason, a wrong one generically
    let m = refused(svc::login(&s, &anon, "an@eatu.vn", PASSWORD.into()).await);
    assert_eq!(m, Refusal::AccountNotVerified);
    assert!(m.message(Lang::Vi).contains("chưa được xác minh"));
    let token = token_in(&body).unwrap();
    svc::verify_email(&s, &anon, &token).await.unwrap();
    // the link works once
    assert_eq!(
        refused(svc::verify_email(&s, &anon, &token).await),
        Refusal::LinkInvalid
    );
    let logged = svc::login(&s, &anon, " AN@eatu.vn ", PASSWORD.into()).await.unwrap();
    assert_eq!(logged.viewer.role, Role::Producer);
    assert!(logged.viewer.is_owner && logged.viewer.producer_id.is_some());
    let audit = db::account::audit_rows(&db, 20).await.unwrap();
    let actions: Vec<(&str, &str)> = audit.iter().map(|a| (a.action.as_str(), a.outcome.as_str())).collect();
    assert!(actions.contains(&("sign-up", "success")));
    assert!(actions.contains(&("verify-email", "success")));
    assert!(actions.contains(&("login", "denied")));
    assert!(actions.contains(&("login", "success")));
    let no_secrets = audit
        .iter()
        .all(|a| !format!("{a:?}").contains(PASSWORD) && !format!("{a:?}").contains(&token));
    assert!(no_secrets, "the audit log holds no password or token");
});

both_backends!(bad_sign_ups_change_nothing_and_say_why_per_field, |db: Db| async move {
    let s = state(&db);
    let anon = request("192.0.2.1", None);
    let mut bad = sign_up_form("not-an-email", "0100109107");
    bad.password = "short".into();
    bad.org.commune = "99999".into();
    match svc::sign_up(&s, &anon, bad).await {
        Err(ServiceError::Fields(f)) => {
            let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
            assert!(fields.contains(&"email") && fields.contains(&"tax_code"), "{fields:?}");
            assert!(f.iter().any(|e| e.message.contains("chữ số kiểm tra")));
        }
        other => panic!("{other:?}"),
    }
    let mut weak = sign_up_form("b@eatu.vn", "0100109106");
    weak.password = "password123".into();
    assert!(matches!(svc::sign_up(&s, &anon, weak).await, Err(ServiceError::Fields(f)) if f[0].field == "password"));
    let mut unknown_commune = sign_up_form("b@eatu.vn", "0100109106");
    unknown_commune.org.commune = "99999".into();
    assert!(
        matches!(svc::sign_up(&s, &anon, unknown_commune).await, Err(ServiceError::Fields(f)) if f[0].field == "commune")
    );
    assert_eq!(db::account::count_users(&db, "producer").await.unwrap(), 0);
    assert!(last_mail(&db, "b@eatu.vn").await.is_none());
    // a registered tax code is refused on its field
    svc::sign_up(&s, &anon, sign_up_form("c@eatu.vn", "0100109106"))
        .await
        .unwrap();
    let again = svc::sign_up(&s, &anon, sign_up_form("d@eatu.vn", "0100109106")).await;
    assert!(matches!(again, Err(ServiceError::Fields(f)) if f[0].field == "tax_code"));
});

both_backends!(
    an_address_with_an_account_is_not_revealed_by_the_form,
    |db: Db| async move {
        let s = state(&db);
        let anon = request("192.0.2.1", None);
        svc::sign_up(&s, &anon, sign_up_form("an@eatu.vn", "0100109106"))
            .await
            .unwrap();
        // same answer for the second sign-up; its owner is told by e-mail instead
        svc::sign_up(&s, &anon, sign_up_form("an@eatu.vn", "0300588569"))
            .await
            .unwrap();
        let (kind, _, _) = last_mail(&db, "an@eatu.vn").await.unwrap();
        assert_eq!(kind, "already-registered");
        assert_eq!(db::account::count_users(&db, "producer").await.unwrap(), 1);
    }
);

both_backends!(an_unknown_email_and_a_wrong_password_look_alike, |db: Db| async move {
    let s = state(&db);
    verified_producer(&s, "an@eatu.vn", "0100109106").await;
    let anon = request("192.0.2.50", None);
    // the work is counted, not timed: argon2's cost is fixed by its parameters, and the dummy
    // hash has the same ones as a real hash (auth::password's unit test)
    let runs = || s.counters.argon2_verifications.load(Ordering::Relaxed);
    let before = runs();
    let wrong = refused(svc::login(&s, &anon, "an@eatu.vn", "sai mật khẩu rồi".into()).await);
    let after_wrong = runs();
    let unknown = refused(svc::login(&s, &anon, "nobody@eatu.vn", "sai mật khẩu rồi".into()).await);
    let after_unknown = runs();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong, Refusal::LoginFailed);
    assert_eq!(wrong.message(Lang::Vi), "E-mail hoặc mật khẩu không đúng.");
    // both run one argon2 verification; neither returns early
    assert_eq!(after_wrong - before, 1);
    assert_eq!(after_unknown - after_wrong, 1);
    // the same unknown address in capitals and with a space: the same answer and work
    let malformed = refused(svc::login(&s, &anon, "NOBODY@eatu.vn ", "x".repeat(12)).await);
    assert_eq!(malformed, wrong);
    assert_eq!(runs() - after_unknown, 1);
});

both_backends!(login_is_throttled_per_account_and_per_address, |db: Db| async move {
    let s = state(&db);
    verified_producer(&s, "an@eatu.vn", "0100109106").await;
    // five wrong passwords from one address: the sixth try from there is refused whatever its password
    let guesser = request("198.51.100.7", None);
    for _ in 0..5 {
        refused(svc::login(&s, &guesser, "an@eatu.vn", "sai mật khẩu rồi".into()).await);
    }
    match svc::login(&s, &guesser, "an@eatu.vn", PASSWORD.into()).await {
        Err(ServiceError::TooMany(wait)) => assert!(wait.0 > 0 && wait.0 <= 15 * 60, "{wait:?}"),
        other => panic!("{other:?}"),
    }
    // ...but the owner, elsewhere, is not locked out
    let owner = request("203.0.113.77", None);
    svc::login(&s, &owner, "an@eatu.vn", PASSWORD.into()).await.unwrap();
    // guessing from many addresses meets the slower limit on the account: 30 an hour, five spent
    for i in 0..25 {
        let from = request(&format!("192.0.2.{}", 100 + i), None);
        refused(svc::login(&s, &from, "an@eatu.vn", "sai mật khẩu rồi".into()).await);
    }
    assert!(matches!(
        svc::login(&s, &request("192.0.2.250", None), "an@eatu.vn", PASSWORD.into()).await,
        Err(ServiceError::TooMany(_))
    ));
    // another account from another address is unaffected
    let other = verified_producer(&s, "binh@eatu.vn", "0300588569").await;
    assert_eq!(other.viewer.email, "binh@eatu.vn");
    // one address failing on many accounts is stopped too
    let noisy = request("198.51.100.200", None);
    for i in 0..20 {
        refused(svc::login(&s, &noisy, &format!("guess{i}@eatu.vn"), "x".repeat(12)).await);
    }
    assert!(matches!(
        svc::login(&s, &noisy, "binh@eatu.vn", PASSWORD.into()).await,
        Err(ServiceError::TooMany(_))
    ));
});

both_backends!(
    a_burst_of_parallel_guesses_is_counted_before_any_is_tried,
    |db: Db| async move {
        let s = state(&db);
        verified_producer(&s, "an@eatu.vn", "0100109106").await;
        let runs = || s.counters.argon2_verifications.load(Ordering::Relaxed);
        let before = runs();
        let burst: Vec<_> = (0..100)
            .map(|_| {
                let s = s.clone();
                tokio::spawn(async move {
                    svc::login(
                        &s,
                        &request("198.51.100.9", None),
                        "an@eatu.vn",
                        "sai mật khẩu rồi".into(),
                    )
                    .await
                })
            })
            .collect();
        let mut throttled = 0;
        for task in burst {
            match task.await.unwrap() {
                Err(ServiceError::TooMany(_)) => throttled += 1,
                Err(ServiceError::Refused(Refusal::LoginFailed)) => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            runs() - before,
            5,
            "only the five attempts the limit allows reach the password check"
        );
        assert_eq!(throttled, 95);

        // negative control: counting after the check, as logins once did, lets a burst through
        let limit = app::backend::auth::throttle::LOGIN_ACCOUNT;
        let racers: Vec<_> = (0..100)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let now = app::backend::now();
                    let passed = app::backend::auth::throttle::check(&db, "control", limit, now)
                        .await
                        .unwrap()
                        .is_ok();
                    // the password check's time
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    app::backend::auth::throttle::hit(&db, "control", limit, now)
                        .await
                        .unwrap();
                    passed
                })
            })
            .collect();
        let mut passed = 0;
        for task in racers {
            passed += usize::from(task.await.unwrap());
        }
        assert!(
            passed > 5,
            "the check-then-count control should let more than five through, let {passed}"
        );
    }
);

both_backends!(sessions_time_out_rotate_and_end, |db: Db| async move {
    let s = state(&db);
    let first = verified_producer(&s, "an@eatu.vn", "0100109106").await;
    let logged = svc::login(&s, &request("192.0.2.1", None), "an@eatu.vn", PASSWORD.into())
        .await
        .unwrap();
    let resolve = |t: String, at| {
        let s = s.clone();
        async move { session::resolve(&s.db, &s.config, &t, at).await.unwrap() }
    };
    assert!(resolve(logged.token.clone(), now()).await.is_some());
    // idle: an hour without a request ends it; absolute: twelve hours end it however busy
    let idle = s.config.session_idle + chrono::Duration::seconds(1);
    assert!(resolve(logged.token.clone(), now() + idle).await.is_none());
    assert!(resolve(logged.token.clone(), now() + chrono::Duration::minutes(50))
        .await
        .is_some());
    // with an idle limit longer than the absolute one, the absolute one still ends the session
    let patient =
        app::backend::config::Config::from_lookup(|k| (k == "SESSION_IDLE_MINUTES").then(|| "1440".into())).unwrap();
    let at = |h| now() + chrono::Duration::hours(h);
    assert!(session::resolve(&db, &patient, &logged.token, at(11))
        .await
        .unwrap()
        .is_some());
    assert!(session::resolve(&db, &patient, &logged.token, at(12))
        .await
        .unwrap()
        .is_none());
    // logging in again from a browser with a session replaces that session (a new id)
    let holder = request("192.0.2.1", Some(first.clone()));
    let rotated = svc::login(&s, &holder, "an@eatu.vn", PASSWORD.into()).await.unwrap();
    let still = db::account::sessions_of(&db, first.viewer.user_id, now())
        .await
        .unwrap();
    assert!(
        still.iter().all(|x| x.session_hash != first.hash),
        "the pre-login session ended"
    );
    assert!(resolve(rotated.token.clone(), now()).await.is_some());
    // I see my sessions and end one; someone else cannot end mine
    let mine = session::resolve(&db, &s.config, &rotated.token, now())
        .await
        .unwrap()
        .unwrap();
    let me = request("192.0.2.1", Some(mine.clone()));
    let page = svc::account_page(&s, &me).await.unwrap();
    assert_eq!(page.sessions.len(), 2);
    assert_eq!(page.sessions.iter().filter(|x| x.current).count(), 1);
    assert!(page.sessions[0].device.contains("Chrome"));
    let other = page.sessions.iter().find(|x| !x.current).unwrap().id.clone();
    let stranger = verified_producer(&s, "binh@eatu.vn", "0300588569").await;
    let as_stranger = request("192.0.2.2", Some(stranger));
    assert!(matches!(
        svc::end_session(&s, &as_stranger, &other).await,
        Err(ServiceError::NotFound)
    ));
    svc::end_session(&s, &me, &other).await.unwrap();
    assert!(resolve(logged.token.clone(), now()).await.is_none());
    // logout
    svc::logout(&s, &me).await.unwrap();
    assert!(resolve(rotated.token, now()).await.is_none());
});

both_backends!(password_change_and_reset_end_other_sessions, |db: Db| async move {
    let s = state(&db);
    let a = verified_producer(&s, "an@eatu.vn", "0100109106").await;
    let b = session_of(&s, "an@eatu.vn", PASSWORD).await;
    let me = request("192.0.2.1", Some(a.clone()));
    let wrong = svc::change_password(&s, &me, "không đúng đâu nhé".into(), "một mật khẩu mới rất dài".into()).await;
    assert!(matches!(wrong, Err(ServiceError::Fields(f)) if f[0].field == "current_password"));
    let new = "hạt mắc ca Krông Năng 2026";
    svc::change_password(&s, &me, PASSWORD.into(), new.into())
        .await
        .unwrap();
    let live = |x: Session| {
        let db = db.clone();
        async move {
            db::account::sessions_of(&db, x.viewer.user_id, now())
                .await
                .unwrap()
                .iter()
                .any(|r| r.session_hash == x.hash)
        }
    };
    assert!(live(a.clone()).await, "the session that changed it stays");
    assert!(!live(b).await, "the others end");
    assert_eq!(last_mail(&db, "an@eatu.vn").await.unwrap().0, "password-changed");
    // forgotten password: the same answer for unknown addresses; a link for known ones
    let anon = request("192.0.2.3", None);
    svc::forgot_password(&s, &anon, "nobody@eatu.vn").await.unwrap();
    assert!(last_mail(&db, "nobody@eatu.vn").await.is_none());
    svc::forgot_password(&s, &anon, "An@EaTu.vn").await.unwrap();
    let (kind, _, body) = last_mail(&db, "an@eatu.vn").await.unwrap();
    assert_eq!(kind, "reset-password");
    let token = token_in(&body).unwrap();
    let weak = svc::set_password_with_link(&s, &anon, &token, "1234567890".into()).await;
    assert!(
        matches!(weak, Err(ServiceError::Fields(_))),
        "a weak password does not use up the link"
    );
    svc::set_password_with_link(&s, &anon, &token, "sầu riêng Krông Pắc chín".into())
        .await
        .unwrap();
    assert!(!live(a).await, "a reset ends every session");
    assert!(
        refused(svc::set_password_with_link(&s, &anon, &token, "sầu riêng Krông Pắc chín".into()).await)
            == Refusal::LinkInvalid
    );
    session_of(&s, "an@eatu.vn", "sầu riêng Krông Pắc chín").await;
});

both_backends!(admins_manage_staff_and_disabling_ends_sessions, |db: Db| async move {
    let s = state(&db);
    let admin = staff(&s, "admin@sct.vn", Role::Admin).await;
    let as_admin = request("192.0.2.9", Some(admin.clone()));
    svc::admin_create_staff(&s, &as_admin, "canbo@sct.vn", "Nguyễn Văn Cán", Role::Staff)
        .await
        .unwrap();
    let (kind, _, body) = last_mail(&db, "canbo@sct.vn").await.unwrap();
    assert_eq!(kind, "staff-welcome");
    svc::set_password_with_link(
        &s,
        &request("192.0.2.8", None),
        &token_in(&body).unwrap(),
        PASSWORD.into(),
    )
    .await
    .unwrap();
    let canbo = session_of(&s, "canbo@sct.vn", PASSWORD).await;
    let as_staff = request("192.0.2.8", Some(canbo.clone()));
    // staff may not administer
    assert!(matches!(
        app::backend::services::consoles::admin_page(&s, &as_staff).await,
        Err(ServiceError::Denied(app::backend::auth::Denied::Forbidden))
    ));
    svc::admin_set_role(&s, &as_admin, canbo.viewer.user_id, Role::Admin)
        .await
        .unwrap();
    assert_eq!(
        db::account::user_by_id(&db, canbo.viewer.user_id)
            .await
            .unwrap()
            .unwrap()
            .role,
        Role::Admin
    );
    // an admin cannot disable themselves
    assert!(svc::admin_set_disabled(&s, &as_admin, admin.viewer.user_id, true)
        .await
        .is_err());
    svc::admin_set_disabled(&s, &as_admin, canbo.viewer.user_id, true)
        .await
        .unwrap();
    assert!(db::account::sessions_of(&db, canbo.viewer.user_id, now())
        .await
        .unwrap()
        .is_empty());
    let m = refused(svc::login(&s, &request("192.0.2.8", None), "canbo@sct.vn", PASSWORD.into()).await);
    assert_eq!(m, Refusal::AccountDisabled);
    let audit = db::account::audit_rows(&db, 50).await.unwrap();
    for action in ["create-staff", "role-change", "account-disable"] {
        assert!(
            audit
                .iter()
                .any(|a| a.action == action && a.actor_user_id == Some(admin.viewer.user_id)),
            "{action}"
        );
    }
    let page = app::backend::services::consoles::admin_page(&s, &as_admin)
        .await
        .unwrap();
    assert!(page.users.iter().any(|u| u.email == "canbo@sct.vn" && u.disabled));
});

both_backends!(staff_register_a_producer_and_the_owner_accepts, |db: Db| async move {
    let s = state(&db);
    let canbo = staff(&s, "canbo@sct.vn", Role::Staff).await;
    let as_staff = request("192.0.2.8", Some(canbo));
    let org = sign_up_form("x@x.vn", "066123456789").org;
    let household = OrganisationForm {
        org_kind: "household".into(),
        org_name: "Hộ kinh doanh Mật ong Y Lăng".into(),
        ..org
    };
    svc::staff_create_producer(&s, &as_staff, household, "ylang@gmail.com", "Y Lăng")
        .await
        .unwrap();
    let (kind, subject, body) = last_mail(&db, "ylang@gmail.com").await.unwrap();
    assert_eq!(kind, "invite");
    assert!(subject.contains("Mật ong Y Lăng"));
    let anon = request("192.0.2.7", None);
    svc::set_password_with_link(&s, &anon, &token_in(&body).unwrap(), PASSWORD.into())
        .await
        .unwrap();
    let owner = session_of(&s, "ylang@gmail.com", PASSWORD).await;
    assert!(owner.viewer.is_owner);
    // the owner invites a colleague, who is not an owner
    let as_owner = request("192.0.2.7", Some(owner.clone()));
    svc::invite_member(&s, &as_owner, "con@gmail.com", "H'Linh")
        .await
        .unwrap();
    let (_, _, body) = last_mail(&db, "con@gmail.com").await.unwrap();
    svc::set_password_with_link(&s, &anon, &token_in(&body).unwrap(), PASSWORD.into())
        .await
        .unwrap();
    let member = session_of(&s, "con@gmail.com", PASSWORD).await;
    assert!(!member.viewer.is_owner);
    assert_eq!(member.viewer.producer_id, owner.viewer.producer_id);
    let as_member = request("192.0.2.6", Some(member));
    assert!(svc::invite_member(&s, &as_member, "z@gmail.com", "Z").await.is_err());
    let page = svc::organisation_page(&s, &as_owner).await.unwrap();
    assert_eq!(page.members.len(), 2);
    assert!(page.can_invite);

    // inviting an address that has an account answers exactly as a new one (the form does not
    // tell who has an account); the address's owner hears of it, and nobody joins
    svc::invite_member(&s, &as_owner, "con@gmail.com", "H'Linh")
        .await
        .unwrap();
    let (kind, _, body) = last_mail(&db, "con@gmail.com").await.unwrap();
    assert_eq!(kind, "invited-but-registered");
    assert!(
        token_in(&body).is_none_or(|t| t.is_empty()),
        "no link that would move the account"
    );
    assert_eq!(svc::organisation_page(&s, &as_owner).await.unwrap().members.len(), 2);
    // invitations are counted: three an hour to one address, whoever asks
    svc::invite_member(&s, &as_owner, "con@gmail.com", "H'Linh")
        .await
        .unwrap();
    assert!(matches!(
        svc::invite_member(&s, &as_owner, "con@gmail.com", "H'Linh").await,
        Err(ServiceError::TooMany(_))
    ));
    // and twenty an hour from one owner
    for i in 0..17 {
        svc::invite_member(&s, &as_owner, &format!("nv{i}@gmail.com"), "Nhân viên")
            .await
            .unwrap();
    }
    assert!(matches!(
        svc::invite_member(&s, &as_owner, "nv99@gmail.com", "Nhân viên").await,
        Err(ServiceError::TooMany(_))
    ));
});
