//! Accounts through the real router, on SQLite and PostgreSQL: the authorization matrix over every
//! registered server function, CSRF on state-changing calls, the session cookie, `no-store` on
//! signed-in pages, throttling answers, logout, and a disabled user's session ending at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::{self, Db},
        demo,
        services::{applications as apps, booths, catalogue, planning as plan, public::today},
        testing::{self, fair_input, request, PASSWORD},
        AppState,
    },
    both_backends,
    domain::{account::Role, producer::check_digit},
};
use axum::http::{header, StatusCode};

use super::harness::{app, call, config, logged_in, post_form, producer, staff, ORIGIN, WHO};

/// A valid 10-digit tax code made from `n`.
fn tax_code(n: u32) -> String {
    for k in 0..100 {
        let digits: Vec<u32> = format!("{:09}", 10_000_000 + n * 100 + k)
            .chars()
            .map(|c| c.to_digit(10).unwrap())
            .collect();
        let mut nine = [0u32; 9];
        nine.copy_from_slice(&digits);
        if let Some(d) = check_digit(&nine) {
            return format!("{}{d}", digits.iter().map(u32::to_string).collect::<String>());
        }
    }
    unreachable!()
}

/// One row of the matrix: what to send, and the status each of
/// [anonymous, producer A, producer B, staff, admin] must get.
struct Row {
    path: &'static str,
    form: Box<dyn Fn(usize) -> Vec<(String, String)>>,
    expect: [u16; 5],
}

fn row(path: &'static str, expect: [u16; 5], form: impl Fn(usize) -> Vec<(String, String)> + 'static) -> Row {
    Row {
        path,
        form: Box::new(form),
        expect,
    }
}

fn kv(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

both_backends!(authorization_matrix_over_every_server_function, |db: Db| async move {
    let config = config(&[]);
    let state = AppState::new(db.clone(), config.clone());
    demo::load(&db, config.host(), today(), true).await.unwrap();
    let app = app(&db, &config);
    let a = producer(&state, "a@htx.vn", &tax_code(1)).await;
    // A's second session: the object of "end a session" (only A may end it; others get 404)
    let a_other = logged_in(&state, "a@htx.vn").await;
    let b = producer(&state, "b@htx.vn", &tax_code(2)).await;
    let staff_member = staff(&state, "canbo@sct.vn", Role::Staff).await;
    let admin = staff(&state, "admin@sct.vn", Role::Admin).await;
    let target = staff(&state, "target@sct.vn", Role::Staff).await;
    let event_id = {
        let html = call(&app, "GET", "/lich", &[], String::new(), None).await.body;
        let start = html.find("href=\"/su-kien/").unwrap() + "href=\"/su-kien/".len();
        html[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
    };
    let uniq = |who: usize, what: &str| format!("{what}{who}@matrix.vn");
    let org = move |who: usize| {
        vec![
            ("org_name", format!("Đơn vị {who}")),
            ("org_kind", "enterprise".to_string()),
            ("tax_code", tax_code(100 + u32::try_from(who).unwrap())),
            ("commune", "1".to_string()),
            ("phone", "0912345678".to_string()),
            ("contact_person", "Người liên hệ".to_string()),
        ]
    };
    let target_id = target.user_id.to_string();
    // a producer of the directory, for buyers' inquiries
    let listed = app::backend::services::directory::producers(&state, "", app::domain::Lang::Vi)
        .await
        .unwrap()
        .producers[0]
        .producer_id
        .to_string();
    let a_other_hash = a_other.hash.clone();
    // planning: two drafts (staff publishes one, the admin the other), each with a session to remove
    let as_staff = request("192.0.2.9", Some(staff_member.session.clone()));
    let draft = || fair_input("Hội chợ ma trận", "2027-03-08T08:00", "2027-03-12T21:00");
    let session = app::domain::SessionInput {
        kind: "opening".into(),
        title_vi: "Khai mạc".into(),
        starts_at: "2027-03-08T19:00".into(),
        ends_at: "2027-03-08T21:00".into(),
        ..Default::default()
    };
    let mut drafts = Vec::new();
    let mut sessions = Vec::new();
    for _ in 0..2 {
        let id = plan::save(&state, &as_staff, None, draft(), "").await.unwrap();
        plan::add_session(&state, &as_staff, id, &session).await.unwrap();
        let ed = plan::editor(&state, &as_staff, id).await.unwrap();
        sessions.push(ed.sessions[0].session_id.to_string());
        drafts.push(id.to_string());
    }
    // applications: the demo fair takes them; A has a draft (B must not reach it)
    let as_a = request("192.0.2.1", Some(a.session.clone()));
    let fair = apps::mine(&state, &as_a, "").await.unwrap().open_calls[0].0;
    let (a_app, _) = apps::save(
        &state,
        &as_a,
        fair,
        &app::domain::application::ApplicationForm::default(),
    )
    .await
    .unwrap();
    let (fair, a_app) = (fair.to_string(), a_app.to_string());
    let done = plan::list(&state, &as_staff)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.status == app::domain::EventStatus::Completed)
        .unwrap();
    let completed = done.event_id.to_string();
    // a deal signed on the completed event's last day
    let signed_at_completed = app::domain::time::iso_date(app::domain::time::local_date(done.ends_at));
    // the staff member's draft is drafts[0], the admin's drafts[1]
    let mine = move |w: usize| usize::from(w == 4);
    // real objects, so that staff are seen succeeding where a missing one answers 404: a question
    // on each draft; A's product (staff verify it, B cannot remove it, A can); two submitted
    // applications to the demo fair (one for the staff member, one for the admin) and a free
    // booth for each
    let mut questions = Vec::new();
    for d in &drafts {
        let id = d.parse().unwrap();
        let form = app::domain::booths::QuestionForm {
            kind: "yes-no".into(),
            label_vi: "Đơn vị có sản phẩm OCOP 4 sao?".into(),
            ..Default::default()
        };
        let call = app::domain::booths::CallForm {
            opens_at: "2027-01-05T08:00".into(),
            closes_at: "2027-02-20T17:00".into(),
            max_booths: "2".into(),
            ..Default::default()
        };
        booths::save_call(&state, &as_staff, id, &call).await.unwrap();
        booths::add_question(&state, &as_staff, id, &form).await.unwrap();
        let setup = booths::setup(&state, &as_staff, id).await.unwrap();
        questions.push(setup.questions.last().unwrap().question_id.to_string());
    }
    catalogue::add_product(&state, &as_a, &testing::product("Cà phê ma trận", "4"))
        .await
        .unwrap();
    let a_product = catalogue::my_products(&state, &as_a).await.unwrap()[0]
        .product_id
        .to_string();
    let fair_id = fair.parse().unwrap();
    let mut submitted = Vec::new();
    for n in 0..2 {
        let who = testing::producer(&state, &format!("nop{n}@htx.vn"), &tax_code(50 + n)).await;
        catalogue::add_product(&state, &who, &testing::product("Mật ong Krông Năng", "4"))
            .await
            .unwrap();
        let page = apps::apply_page(&state, &who, fair_id).await.unwrap();
        let (id, _) = apps::save(
            &state,
            &who,
            fair_id,
            &testing::application_form(&page, "submit", "yes"),
        )
        .await
        .unwrap();
        submitted.push(id.to_string());
    }
    let taken: Vec<String> = apps::review(&state, &as_staff, fair_id, &Default::default())
        .await
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| r.booths.clone())
        .collect();
    let free: Vec<String> = booths::setup(&state, &as_staff, fair_id)
        .await
        .unwrap()
        .booths
        .iter()
        .filter(|b| b.status == app::domain::booths::BoothStatus::Available && !taken.contains(&b.code))
        .take(2)
        .map(|b| b.booth_id.to_string())
        .collect();
    assert_eq!(free.len(), 2, "the demo fair has free booths");
    let event_form = |w: usize| {
        kv(&[
            ("form[kind]", "fair".into()),
            ("form[format]", "in-person".into()),
            ("form[level]", "provincial".into()),
            ("form[scope]", "province".into()),
            ("form[commune_id]", "1".into()),
            ("form[venue_name]", "Nhà văn hóa".into()),
            ("form[starts_at]", "2027-05-01T08:00".into()),
            ("form[ends_at]", "2027-05-03T17:00".into()),
            ("form[organiser]", "Sở Công Thương".into()),
            ("form[title_vi]", format!("Phiên chợ {w}")),
            ("form[description_vi]", "Mô tả".into()),
            ("form[groups][beverage]", "on".into()),
        ])
    };
    let rows = vec![
        row("/api/calendar/events", [200; 5], |_| Vec::new()),
        row("/api/calendar/home", [200; 5], |_| Vec::new()),
        row("/api/calendar/event", [200; 5], |_| Vec::new()),
        row("/api/directory/products", [200; 5], |_| Vec::new()),
        row("/api/directory/product", [200; 5], |_| Vec::new()),
        row("/api/directory/producers", [200; 5], |_| Vec::new()),
        row("/api/directory/producer", [200; 5], |_| Vec::new()),
        // anyone may ask a producer of the directory (each with an address of its own)
        row("/api/directory/inquire", [200; 5], move |w| {
            kv(&[
                ("product_id", "0".into()),
                ("producer_id", listed.clone()),
                ("form[buyer_name]", "Người mua".into()),
                ("form[organisation]", "Siêu thị".into()),
                ("form[buyer_type]", "supermarket".into()),
                ("form[place]", "Hà Nội".into()),
                ("form[email]", uniq(w, "buyer")),
                ("form[quantity]", "1 tấn".into()),
                ("form[message]", "Xin báo giá".into()),
            ])
        }),
        // an unknown secret is refused to anyone, signed in or not
        row("/api/directory/confirm-inquiry", [400; 5], |_| {
            kv(&[("secret", "0123456789abcdef".into())])
        }),
        row("/api/directory/sale-points", [200; 5], |_| Vec::new()),
        row("/api/directory/sale-point", [200; 5], |_| Vec::new()),
        row("/api/account/communes", [200; 5], |_| kv(&[("lang", "Vi".into())])),
        row("/api/account/sign-up", [200; 5], move |w| {
            let mut f = org(w + 10);
            f.extend([
                ("email", uniq(w, "signup")),
                ("password", PASSWORD.to_string()),
                ("full_name", "Người đăng ký".to_string()),
            ]);
            f.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        }),
        row("/api/account/verify-email", [400; 5], |_| {
            kv(&[("token", "0".repeat(64))])
        }),
        row("/api/account/login", [400; 5], |_| {
            kv(&[("email", "a@htx.vn".into()), ("password", "không phải mật khẩu".into())])
        }),
        row("/api/account/forgot-password", [200; 5], move |w| {
            kv(&[("email", uniq(w, "forgot"))])
        }),
        row("/api/account/password-link", [200; 5], |_| {
            kv(&[("token", "0".repeat(64))])
        }),
        row("/api/account/set-password", [400; 5], |_| {
            kv(&[("token", "0".repeat(64)), ("password", PASSWORD.into())])
        }),
        row("/api/account/change-password", [401, 400, 400, 400, 400], |_| {
            kv(&[
                ("current_password", "sai mật khẩu cũ".into()),
                ("new_password", "một mật khẩu mới dài".into()),
            ])
        }),
        row("/api/account/me", [401, 200, 200, 200, 200], |_| Vec::new()),
        // A's own session is ended by A (last); anyone else is told it does not exist
        row("/api/account/end-session", [401, 200, 404, 404, 404], move |_| {
            kv(&[("id", a_other_hash.clone())])
        }),
        row("/api/producer/organisation", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/producer/inquiries", [401, 200, 200, 403, 403], |_| Vec::new()),
        // nobody's inquiry: producers reach the service and are told so, the others are refused first
        row("/api/producer/mark-inquiry", [401, 404, 404, 403, 403], |_| {
            kv(&[("inquiry_id", "999999".into()), ("status", "deal".into())])
        }),
        row("/api/producer/invite", [401, 200, 200, 403, 403], move |w| {
            kv(&[("email", uniq(w, "member")), ("full_name", "Đồng nghiệp".into())])
        }),
        row("/api/staff/console", [401, 403, 403, 200, 200], |_| Vec::new()),
        row("/api/staff/create-producer", [401, 403, 403, 200, 200], move |w| {
            let mut f = org(w + 20);
            f.extend([("email", uniq(w, "owner")), ("full_name", "Chủ hộ".to_string())]);
            f.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        }),
        row("/api/admin/console", [401, 403, 403, 403, 200], |_| Vec::new()),
        row("/api/admin/create-staff", [401, 403, 403, 403, 200], move |w| {
            kv(&[
                ("email", uniq(w, "staff")),
                ("full_name", "Cán bộ mới".into()),
                ("role", "staff".into()),
            ])
        }),
        row("/api/admin/set-role", [401, 403, 403, 403, 200], {
            let id = target_id.clone();
            move |_| kv(&[("user_id", id.clone()), ("role", "staff".into())])
        }),
        row("/api/staff/events", [401, 403, 403, 200, 200], |_| Vec::new()),
        row("/api/staff/event", [401, 403, 403, 200, 200], |_| {
            kv(&[("event_id", "0".into())])
        }),
        row("/api/staff/save-event", [401, 403, 403, 200, 200], event_form),
        row("/api/staff/outcomes", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone())])
        }),
        row("/api/staff/save-outcomes", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone()), ("form[target][visitors]", "1.000".into())])
        }),
        // a completed demo event, confirmed already: staff reach it and are told so
        row("/api/staff/confirm-outcomes", [401, 403, 403, 400, 400], {
            let done = completed.clone();
            move |_| kv(&[("event_id", done.clone())])
        }),
        row("/api/results", [200; 5], |_| Vec::new()),
        row("/api/staff/budget", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone())])
        }),
        row("/api/staff/save-budget", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| {
                kv(&[
                    ("event_id", f.clone()),
                    ("form[lines][n0][cost_line]", "media".into()),
                    ("form[lines][n0][funding]", "provincial".into()),
                    ("form[lines][n0][planned]", "20.000.000".into()),
                ])
            }
        }),
        row("/api/staff/plan", [401, 403, 403, 200, 200], |_| {
            kv(&[("year", "2026".into())])
        }),
        row("/api/staff/dashboard", [401, 403, 403, 200, 200], |_| {
            kv(&[("year", "2026".into())])
        }),
        row("/api/staff/indicators", [401, 403, 403, 200, 200], |_| Vec::new()),
        row("/api/staff/inquiries", [401, 403, 403, 200, 200], |_| Vec::new()),
        // only staff read and write the register of points of sale; each saves one of its own
        row("/api/staff/sale-points", [401, 403, 403, 200, 200], |_| {
            kv(&[("editing", "0".into())])
        }),
        row("/api/staff/save-sale-point", [401, 403, 403, 200, 200], |w| {
            kv(&[
                ("sale_point_id", "0".into()),
                ("form[name]", format!("Điểm bán thử {w}")),
                ("form[operator]", "HTX thử".into()),
                ("form[place_kind]", "retail".into()),
                ("form[address]", "1 Lê Duẩn".into()),
            ])
        }),
        // no such photo: staff reach the service and are told so, the others are refused first
        row("/api/staff/remove-sale-point-photo", [401, 403, 403, 404, 404], |_| {
            kv(&[("photo_id", "999999".into())])
        }),
        // no such file: staff reach the service and are told so, the others are refused first
        row("/api/staff/remove-evidence", [401, 403, 403, 404, 404], |_| {
            kv(&[("evidence_id", "999999".into())])
        }),
        // each who may adds an indicator of their own name
        row("/api/staff/add-indicator", [401, 403, 403, 200, 200], |w| {
            kv(&[
                ("form[name_vi]", format!("Chỉ tiêu thử {w}")),
                ("form[measure]", "count".into()),
            ])
        }),
        row("/api/staff/save-plan", [401, 403, 403, 200, 200], |_| {
            kv(&[("year", "2026".into()), ("form[budget]", "8.000.000.000".into())])
        }),
        row("/api/staff/deals", [401, 403, 403, 200, 200], |_| {
            kv(&[("filter[q]", "cà phê".into())])
        }),
        // no such deal: staff reach the service and are told so, the others are refused first
        row("/api/staff/deal-follow-up", [401, 403, 403, 404, 404], |_| {
            kv(&[
                ("deal_id", "999999".into()),
                ("months", "3".into()),
                ("form[status]", "ordering".into()),
            ])
        }),
        row("/api/staff/add-deal", [401, 403, 403, 200, 200], {
            let (done, signed_at_completed) = (completed.clone(), signed_at_completed.clone());
            move |w| {
                kv(&[
                    ("event_id", done.clone()),
                    ("deal[kind]", "mou".into()),
                    ("deal[counterparty]", format!("Nhà phân phối {w}")),
                    ("deal[counterparty_type]", "distributor".into()),
                    ("deal[value]", "100.000.000".into()),
                    ("deal[signed_on]", signed_at_completed.clone()),
                ])
            }
        }),
        // a producer reports only for its own approved applications: A and B have none at the
        // completed demo event (the service tests show a producer succeeding); staff are refused
        row("/api/producer/results-report", [401, 404, 404, 403, 403], {
            let done = completed.clone();
            move |_| kv(&[("event_id", done.clone())])
        }),
        row("/api/producer/save-results-report", [401, 404, 404, 403, 403], {
            let done = completed.clone();
            move |_| kv(&[("event_id", done.clone()), ("form[sales]", "1.000.000".into())])
        }),
        row("/api/staff/event-status", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("to", "published".into())])
        }),
        row("/api/staff/duplicate-event", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone())])
        }),
        row("/api/staff/add-session", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("session[kind]", "conference".into()),
                    ("session[title_vi]", "Hội nghị kết nối".into()),
                    ("session[starts_at]", "2027-03-09T08:00".into()),
                    ("session[ends_at]", "2027-03-09T11:30".into()),
                ])
            }
        }),
        row("/api/staff/remove-session", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            let s = sessions.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("session_id", s[mine(w)].clone())])
        }),
        row("/api/staff/booths", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone())])
        }),
        row("/api/staff/call", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("call[opens_at]", "2027-01-05T08:00".into()),
                    ("call[closes_at]", "2027-02-20T17:00".into()),
                    ("call[max_booths]", "2".into()),
                ])
            }
        }),
        row("/api/staff/question", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("question[kind]", "yes-no".into()),
                    ("question[label_vi]", "Đơn vị có sản phẩm OCOP 4 sao trở lên?".into()),
                ])
            }
        }),
        row("/api/staff/remove-question", [401, 403, 403, 404, 404], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("question_id", "999999".into())])
        }),
        row("/api/staff/remove-question", [401, 403, 403, 200, 200], {
            let (d, q) = (drafts.clone(), questions.clone());
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("question_id", q[mine(w)].clone())])
        }),
        row("/api/staff/booth-type", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("booth_type[name_vi]", "Gian tiêu chuẩn".into()),
                    ("booth_type[size]", "standard".into()),
                    ("booth_type[price_vnd]", "12000000".into()),
                    ("booth_type[support_rate]", "100".into()),
                    ("booth_type[count]", "10".into()),
                ])
            }
        }),
        row("/api/staff/zone", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("name_vi", "Khu OCOP".into())])
        }),
        row("/api/staff/floor-plan", [401, 403, 403, 200, 200], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("cols", "10".into()),
                    ("rows", "4".into()),
                ])
            }
        }),
        // no booth type or zone is chosen: staff get the form's answer (400), the others are refused first
        row("/api/staff/booth-row", [401, 403, 403, 400, 400], {
            let d = drafts.clone();
            move |w| kv(&[("event_id", d[mine(w)].clone()), ("row[prefix]", "A".into())])
        }),
        row("/api/staff/booth", [401, 403, 403, 404, 404], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("booth_id", "999999".into()),
                    ("action", "block".into()),
                ])
            }
        }),
        row("/api/staff/block", [401, 403, 403, 400, 400], {
            let d = drafts.clone();
            move |w| {
                kv(&[
                    ("event_id", d[mine(w)].clone()),
                    ("commune", "1".into()),
                    ("contact_name", "Chị Hoa".into()),
                    ("contact_phone", "0912345678".into()),
                    ("count", "5".into()),
                ])
            }
        }),
        row("/api/producer/products", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/producer/profile", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/producer/save-profile", [401, 200, 200, 403, 403], |_| {
            kv(&[
                ("profile[legal_representative]", "Y Bih Niê".into()),
                ("profile[address]", "Thôn 3, xã Ea Tu".into()),
                ("profile[phone]", "0912345678".into()),
            ])
        }),
        row("/api/producer/add-product", [401, 200, 200, 403, 403], |w| {
            kv(&[
                ("product[name_vi]", format!("Cà phê {w}")),
                ("product[group]", "beverage".into()),
                ("product[stars]", "4".into()),
                ("product[certificate_no]", "1234/QĐ-UBND".into()),
                ("product[decision_date]", "2025-06-01".into()),
                ("product[rated_by]", "province".into()),
            ])
        }),
        row("/api/producer/remove-product", [401, 404, 404, 403, 403], |_| {
            kv(&[("product_id", "999999".into())])
        }),
        row("/api/staff/ratings", [401, 403, 403, 200, 200], |_| Vec::new()),
        row("/api/producer/subgroups", [200; 5], |_| kv(&[("lang", "Vi".into())])),
        row("/api/producer/remove-file", [401, 404, 404, 403, 403], |_| {
            kv(&[("file_id", "999999".into())])
        }),
        row("/api/staff/verify-rating", [401, 403, 403, 404, 404], |_| {
            kv(&[("product_id", "999999".into()), ("verified", "true".into())])
        }),
        row("/api/staff/verify-rating", [401, 403, 403, 200, 200], {
            let id = a_product.clone();
            move |_| kv(&[("product_id", id.clone()), ("verified", "true".into())])
        }),
        // B is told A's product does not exist; A (last) removes it
        row("/api/producer/remove-product", [401, 200, 404, 403, 403], {
            let id = a_product.clone();
            move |_| kv(&[("product_id", id.clone())])
        }),
        row("/api/producer/apply-page", [401, 200, 200, 403, 403], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone())])
        }),
        row("/api/producer/save-application", [401, 200, 200, 403, 403], {
            let f = fair.clone();
            move |_| {
                kv(&[
                    ("event_id", f.clone()),
                    ("form[intent]", "draft".into()),
                    ("form[note]", "Ghi chú".into()),
                ])
            }
        }),
        // B is told A's application does not exist; A (last) withdraws it
        row("/api/producer/withdraw", [401, 200, 404, 403, 403], {
            let id = a_app.clone();
            move |_| kv(&[("application_id", id.clone())])
        }),
        row("/api/producer/accept-offer", [401, 400, 404, 403, 403], {
            let id = a_app.clone();
            move |_| kv(&[("application_id", id.clone())])
        }),
        row("/api/producer/applications", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/producer/new-feed", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/producer/revoke-feed", [401, 200, 200, 403, 403], |_| Vec::new()),
        row("/api/staff/review", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone()), ("filter[q]", String::new())])
        }),
        row("/api/staff/decide", [401, 403, 403, 404, 404], {
            let (f, id) = (fair.clone(), a_app.clone());
            move |_| {
                kv(&[
                    ("event_id", f.clone()),
                    ("form[action]", "approve".into()),
                    ("form[application_id]", id.clone()),
                ])
            }
        }),
        row("/api/staff/decide", [401, 403, 403, 200, 200], {
            let (f, ids) = (fair.clone(), submitted.clone());
            move |w| {
                kv(&[
                    ("event_id", f.clone()),
                    ("form[action]", "approve".into()),
                    ("form[application_id]", ids[mine(w)].clone()),
                ])
            }
        }),
        row("/api/staff/comment", [401, 403, 403, 404, 404], |_| {
            kv(&[("application_id", "999999".into()), ("comment", "Nội bộ".into())])
        }),
        row("/api/staff/comment", [401, 403, 403, 200, 200], {
            let ids = submitted.clone();
            move |w| kv(&[("application_id", ids[mine(w)].clone()), ("comment", "Nội bộ".into())])
        }),
        row("/api/staff/mark-paid", [401, 403, 403, 404, 404], |_| {
            kv(&[("application_id", "999999".into()), ("paid", "true".into())])
        }),
        row("/api/staff/mark-paid", [401, 403, 403, 200, 200], {
            let ids = submitted.clone();
            move |w| kv(&[("application_id", ids[mine(w)].clone()), ("paid", "true".into())])
        }),
        row("/api/staff/allocate", [401, 403, 403, 404, 404], {
            let f = fair.clone();
            move |_| {
                kv(&[
                    ("event_id", f.clone()),
                    ("application_id", "999999".into()),
                    ("booth_id", "1".into()),
                ])
            }
        }),
        row("/api/staff/allocate", [401, 403, 403, 200, 200], {
            let (f, ids, booths) = (fair.clone(), submitted.clone(), free.clone());
            move |w| {
                kv(&[
                    ("event_id", f.clone()),
                    ("application_id", ids[mine(w)].clone()),
                    ("booth_id", booths[mine(w)].clone()),
                ])
            }
        }),
        row("/api/staff/deallocate", [401, 403, 403, 404, 404], {
            let f = fair.clone();
            move |_| {
                kv(&[
                    ("event_id", f.clone()),
                    ("application_id", "999999".into()),
                    ("booth_id", "1".into()),
                ])
            }
        }),
        row("/api/staff/deallocate", [401, 403, 403, 200, 200], {
            let (f, ids, booths) = (fair.clone(), submitted.clone(), free.clone());
            move |w| {
                kv(&[
                    ("event_id", f.clone()),
                    ("application_id", ids[mine(w)].clone()),
                    ("booth_id", booths[mine(w)].clone()),
                ])
            }
        }),
        row("/api/staff/propose", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone())])
        }),
        row("/api/staff/accept-proposal", [401, 403, 403, 200, 200], {
            let f = fair.clone();
            move |_| kv(&[("event_id", f.clone())])
        }),
        row("/api/admin/set-disabled", [401, 403, 403, 403, 200], {
            let id = target_id.clone();
            move |_| kv(&[("user_id", id.clone()), ("disabled", "false".into())])
        }),
    ];
    // Every registered server function has a row: a new one without a row fails here.
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .collect();
    let covered: std::collections::BTreeSet<String> = rows.iter().map(|r| r.path.to_string()).collect();
    assert_eq!(registered, covered, "server functions and matrix rows differ");
    // each is POST only: a GET (what a link or an <img> on another site sends) reaches none
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        assert_eq!(method, axum::http::Method::POST, "{path}");
        let get = call(
            &app,
            "GET",
            path,
            &[("cookie", admin.cookie.clone())],
            String::new(),
            None,
        )
        .await;
        assert!(!get.status.is_success(), "GET {path}: {}", get.status);
    }

    let cookies = [
        None,
        Some(a.cookie.clone()),
        Some(b.cookie),
        Some(staff_member.cookie),
        Some(admin.cookie),
    ];
    // producer A goes last, so that ending A's other session comes after the others tried
    for (path_row, who) in rows.iter().flat_map(|r| [0usize, 2, 3, 4, 1].map(|w| (r, w))) {
        let json_paths = [
            "/api/calendar/events",
            "/api/calendar/home",
            "/api/calendar/event",
            "/api/directory/products",
            "/api/directory/product",
            "/api/directory/producers",
            "/api/directory/producer",
            "/api/directory/sale-points",
            "/api/directory/sale-point",
        ];
        let reply = if json_paths.contains(&path_row.path) {
            let body = match path_row.path {
                "/api/calendar/events" => r#"{"filter":{"kind":null,"format":null,"level":null,"scope":null,"commune":null,"group":null,"from":null,"to":null,"q":null,"past":false,"view":"List","month":null},"lang":"Vi"}"#.to_string(),
                "/api/calendar/home" => r#"{"lang":"Vi"}"#.to_string(),
                "/api/directory/products" => {
                    r#"{"filter":{"q":"ca phe","group":null,"stars":null,"commune":null,"page":1}}"#.to_string()
                }
                "/api/directory/product" => r#"{"product_id":1}"#.to_string(),
                "/api/directory/producers" => r#"{"q":""}"#.to_string(),
                "/api/directory/producer" => r#"{"producer_id":1}"#.to_string(),
                "/api/directory/sale-points" => r#"{"filter":{"commune":null,"group":"food"}}"#.to_string(),
                "/api/directory/sale-point" => r#"{"sale_point_id":1}"#.to_string(),
                _ => format!(r#"{{"event_id":{event_id},"lang":"Vi"}}"#),
            };
            let mut headers = vec![
                ("origin", ORIGIN.to_string()),
                ("content-type", "application/json".to_string()),
            ];
            if let Some(c) = &cookies[who] {
                headers.push(("cookie", c.clone()));
            }
            call(&app, "POST", path_row.path, &headers, body, None).await
        } else {
            let form = (path_row.form)(who);
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            post_form(&app, path_row.path, cookies[who].as_deref(), &pairs).await
        };
        assert_eq!(
            reply.status.as_u16(),
            path_row.expect[who],
            "{} as {}: {}",
            path_row.path,
            WHO[who],
            reply.body
        );
    }
    // the errors say nothing of the internals
    let denied = post_form(&app, "/api/admin/console", Some(&a.cookie), &[]).await;
    assert!(denied.body.contains("Forbidden"), "{}", denied.body);
});

both_backends!(a_cross_site_request_changes_nothing, |db: Db| async move {
    let config = config(&[]);
    let state = AppState::new(db.clone(), config.clone());
    let app = app(&db, &config);
    let admin = staff(&state, "admin@sct.vn", Role::Admin).await;
    let target = staff(&state, "target@sct.vn", Role::Staff).await;
    let form = format!("user_id={}&disabled=true", target.user_id);
    let attack = call(
        &app,
        "POST",
        "/api/admin/set-disabled",
        &[
            ("origin", "https://evil.example".into()),
            ("cookie", admin.cookie.clone()),
            ("content-type", "application/x-www-form-urlencoded".into()),
        ],
        form.clone(),
        None,
    )
    .await;
    assert_eq!(attack.status, StatusCode::FORBIDDEN);
    let user = db::account::user_by_id(&db, target.user_id).await.unwrap().unwrap();
    assert!(user.disabled_at.is_none(), "nothing changed");
    // negative control: the same request from our own origin does disable
    let own = post_form(
        &app,
        "/api/admin/set-disabled",
        Some(&admin.cookie),
        &[("user_id", &target.user_id.to_string()), ("disabled", "true")],
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert!(db::account::user_by_id(&db, target.user_id)
        .await
        .unwrap()
        .unwrap()
        .disabled_at
        .is_some());
    // and no state-changing server function answers GET
    let get = call(
        &app,
        "GET",
        &format!("/api/admin/set-disabled?{form}"),
        &[("cookie", admin.cookie)],
        String::new(),
        None,
    )
    .await;
    assert_ne!(get.status, StatusCode::OK);
});

both_backends!(login_sets_a_host_only_cookie_and_logout_ends_it, |db: Db| async move {
    let config = config(&[]);
    let state = AppState::new(db.clone(), config.clone());
    let app = app(&db, &config);
    staff(&state, "canbo@sct.vn", Role::Staff).await;
    let reply = post_form(
        &app,
        "/api/account/login",
        None,
        &[("email", "canbo@sct.vn"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body, "\"/can-bo\"");
    let set = reply.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(set.starts_with("__Host-xttm_session="), "{set}");
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(set.contains(flag), "{flag} in {set}");
    }
    assert!(!set.contains("Domain="), "{set}");
    let token = set.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(token.len(), 64, "256 random bits");
    let cookie = format!("__Host-xttm_session={token}");
    // a signed-in page names the person and is not stored by caches
    let page = call(
        &app,
        "GET",
        "/tai-khoan",
        &[("cookie", cookie.clone())],
        String::new(),
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    assert!(page.body.contains("Cán bộ") && page.body.contains("Đăng xuất"));
    // without the session the same page asks for a login
    let anon = call(&app, "GET", "/tai-khoan", &[], String::new(), None).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    assert!(anon.body.contains("Vui lòng đăng nhập"));
    // logout is a same-origin POST; it ends the session and removes the cookie
    let out = call(
        &app,
        "POST",
        "/dang-xuat",
        &[("origin", ORIGIN.into()), ("cookie", cookie.clone())],
        String::new(),
        None,
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    let after = post_form(&app, "/api/account/me", Some(&cookie), &[]).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
});

both_backends!(a_disabled_users_open_session_ends_at_once, |db: Db| async move {
    let config = config(&[]);
    let state = AppState::new(db.clone(), config.clone());
    let app = app(&db, &config);
    let admin = staff(&state, "admin@sct.vn", Role::Admin).await;
    let user = producer(&state, "a@htx.vn", &tax_code(1)).await;
    assert_eq!(
        post_form(&app, "/api/account/me", Some(&user.cookie), &[]).await.status,
        StatusCode::OK
    );
    let id = user.user_id.to_string();
    let r = post_form(
        &app,
        "/api/admin/set-disabled",
        Some(&admin.cookie),
        &[("user_id", &id), ("disabled", "true")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        post_form(&app, "/api/account/me", Some(&user.cookie), &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
});

both_backends!(throttled_logins_get_429_with_retry_after, |db: Db| async move {
    // behind a trusted proxy each client is counted on its own address
    let config = config(&[("TRUSTED_PROXIES", "10.0.0.1")]);
    let app = app(&db, &config);
    let attempt = |ip: &'static str, peer: &'static str, email: String| {
        let app = app.clone();
        async move {
            let body = format!("email={email}&password=sai-mat-khau-roi");
            call(
                &app,
                "POST",
                "/api/account/login",
                &[
                    ("origin", ORIGIN.into()),
                    ("content-type", "application/x-www-form-urlencoded".into()),
                    ("x-forwarded-for", ip.into()),
                ],
                body,
                Some(peer),
            )
            .await
        }
    };
    for i in 0..20 {
        let r = attempt("203.0.113.5", "10.0.0.1:4000", format!("u{i}@x.vn")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    let r = attempt("203.0.113.5", "10.0.0.1:4000", "u99@x.vn".into()).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let wait: u64 = r.headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    assert!(
        r.body.contains("Bạn đã thử quá nhiều lần") || r.body.contains("TooManyRequests"),
        "{}",
        r.body
    );
    // another client behind the same proxy is not blocked
    assert_eq!(
        attempt("203.0.113.6", "10.0.0.1:4000", "v@x.vn".into()).await.status,
        StatusCode::BAD_REQUEST
    );
    // a client that is not the proxy cannot pick its address by sending the header
    for i in 0..20 {
        attempt("198.51.100.1", "198.51.100.50:4000", format!("w{i}@x.vn")).await;
    }
    let r = attempt("198.51.100.2", "198.51.100.50:4000", "w99@x.vn".into()).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
});

both_backends!(exports_and_the_private_feed_over_http, |db: Db| async move {
    use app::domain::application::Action;
    let config = config(&[]);
    let state = AppState::new(db.clone(), config.clone());
    demo::load(&db, config.host(), today(), true).await.unwrap();
    let app = app(&db, &config);
    let a = producer(&state, "a@htx.vn", &tax_code(1)).await;
    let staff_member = staff(&state, "canbo@sct.vn", Role::Staff).await;
    let as_a = request("192.0.2.1", Some(a.session.clone()));
    let as_staff = request("192.0.2.9", Some(staff_member.session.clone()));
    let fair = apps::mine(&state, &as_a, "").await.unwrap().open_calls[0].0;
    // a plain form (no JavaScript) refused: back to the form with the error in its address, not a
    // bare 400 page; nothing is saved
    let form_page = format!("{ORIGIN}/doanh-nghiep/ho-so/{fair}");
    let plain = |path: &'static str, form: Vec<(&'static str, String)>| {
        let app = app.clone();
        let cookie = a.cookie.clone();
        let referer = form_page.clone();
        async move {
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            let headers = vec![
                ("origin", ORIGIN.to_string()),
                ("referer", referer),
                ("content-type", "application/x-www-form-urlencoded".to_string()),
                ("accept", "text/html,application/xhtml+xml".to_string()),
                ("cookie", cookie),
            ];
            call(&app, "POST", path, &headers, body, None).await
        }
    };
    let refused = plain(
        "/api/producer/save-application",
        vec![("event_id", fair.to_string()), ("form[intent]", "submit".into())],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", refused.body);
    let back = refused.headers[header::LOCATION].to_str().unwrap();
    assert!(
        back.starts_with(&form_page) && back.contains("__path=") && back.contains("__err="),
        "{back}"
    );
    assert!(apps::mine(&state, &as_a, "").await.unwrap().applications.is_empty());
    let product = app::domain::catalogue::ProductForm {
        name_vi: "Cà phê rang xay Ea Tu".into(),
        group: "beverage".into(),
        stars: "4".into(),
        certificate_no: "1234/QĐ-UBND".into(),
        decision_date: "2025-06-01".into(),
        rated_by: "province".into(),
        ..Default::default()
    };
    app::backend::services::catalogue::add_product(&state, &as_a, &product)
        .await
        .unwrap();
    let page = apps::apply_page(&state, &as_a, fair).await.unwrap();
    let form = app::backend::testing::application_form(&page, "submit", "yes");
    let (id, _) = apps::save(&state, &as_a, fair, &form).await.unwrap();
    apps::decide(&state, &as_staff, fair, &[id], Action::Approve, "")
        .await
        .unwrap();
    assert_eq!(apps::accept_proposal(&state, &as_staff, fair).await.unwrap(), 1);
    let get = |path: String, cookie: Option<String>| {
        let app = app.clone();
        async move {
            let headers: Vec<(&str, String)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
            call(&app, "GET", &path, &headers, String::new(), None).await
        }
    };
    // the exports: staff only, every column, the score and the booth
    let csv = get(format!("/can-bo/ho-so/{fair}.csv"), Some(staff_member.cookie.clone())).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(csv.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let mut lines = csv.body.lines();
    let head = lines.next().unwrap();
    assert!(
        head.contains("Điểm ưu tiên") && head.contains("Đơn vị đã từng tham gia"),
        "{head}"
    );
    let line = lines.next().unwrap();
    assert!(
        line.contains(&format!("HTX {}", tax_code(1)))
            && line.contains("Cà phê rang xay Ea Tu")
            && line.contains("A02"),
        "{line}"
    );
    assert!(
        line.contains(",Có,") || line.ends_with(",Có"),
        "the yes/no answer: {line}"
    );
    // product groups by name, not by code
    assert!(line.contains("Đồ uống") && !line.contains("beverage"), "{line}");
    let xlsx = get(format!("/can-bo/ho-so/{fair}.xlsx"), Some(staff_member.cookie.clone())).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with("PK"), "an XLSX file is a zip");
    assert_eq!(
        get(format!("/can-bo/ho-so/{fair}.csv"), Some(a.cookie.clone()))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(format!("/can-bo/ho-so/{fair}.csv"), None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get("/can-bo/ho-so/999999.csv".into(), Some(staff_member.cookie.clone()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // the results reports of the event and of a year: staff only; Word documents and their annexes
    for path in [
        format!("/can-bo/su-kien/{fair}/bao-cao.docx"),
        format!("/can-bo/su-kien/{fair}/bao-cao.xlsx"),
        "/can-bo/bao-cao/2026.docx".to_string(),
        "/can-bo/bao-cao/2026.xlsx".to_string(),
    ] {
        let doc = get(path.clone(), Some(staff_member.cookie.clone())).await;
        assert_eq!(doc.status, StatusCode::OK, "{path}: {}", doc.body);
        assert!(doc.body.starts_with("PK"), "{path} is a zip");
        let entry = if path.ends_with(".docx") {
            "word/document.xml"
        } else {
            "xl/workbook.xml"
        };
        assert!(doc.body.contains(entry), "{path} holds {entry}");
        assert!(doc.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        assert_eq!(
            get(path.clone(), Some(a.cookie.clone())).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(get(path.clone(), None).await.status, StatusCode::UNAUTHORIZED);
    }
    let print = get(
        format!("/can-bo/su-kien/{fair}/bao-cao"),
        Some(staff_member.cookie.clone()),
    )
    .await;
    assert_eq!(print.status, StatusCode::OK);
    let org_a = format!("HTX {}", tax_code(1));
    for words in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ CÔNG THƯƠNG",
        "Nơi nhận:",
        org_a.as_str(),
        "Cà phê rang xay Ea Tu",
    ] {
        assert!(print.body.contains(words), "{words}: {}", print.body);
    }
    // the year's report lists each producer approved at its events once, with the events
    let year: String = print
        .body
        .split("Kế hoạch xúc tiến thương mại năm ")
        .nth(1)
        .unwrap()
        .chars()
        .take(4)
        .collect();
    let year_print = get(format!("/can-bo/bao-cao/{year}"), Some(staff_member.cookie.clone())).await;
    assert_eq!(year_print.status, StatusCode::OK, "{year}");
    let participants = year_print.body.split("Đơn vị tham gia").nth(1).unwrap_or_default();
    assert!(
        participants.contains("Sự kiện tham gia") && participants.contains(org_a.as_str()),
        "{}",
        year_print.body
    );
    assert_eq!(
        year_print.body.matches(org_a.as_str()).count(),
        1,
        "{}",
        year_print.body
    );
    for missing in [
        "/can-bo/su-kien/999999/bao-cao.docx",
        "/can-bo/bao-cao/12.docx",
        "/can-bo/bao-cao/nam.xlsx",
    ] {
        assert_eq!(
            get(missing.into(), Some(staff_member.cookie.clone())).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }

    // the private feed, made with a plain form: the producer's page shows its address once, and
    // only to this producer
    let made = plain("/api/producer/new-feed", Vec::new()).await;
    assert_eq!(made.status, StatusCode::FOUND, "{}", made.body);
    let landing = made.headers[header::LOCATION].to_str().unwrap();
    let first = landing
        .strip_prefix("/doanh-nghiep?lich-rieng=")
        .and_then(|rest| rest.strip_suffix("#ho-so"))
        .unwrap_or_else(|| panic!("{landing}"))
        .to_string();
    let url = apps::mine(&state, &as_a, &first).await.unwrap().feed_url.unwrap();
    assert_eq!(url, format!("{ORIGIN}/lich-rieng/{first}.ics"));
    let b = producer(&state, "b@htx.vn", &tax_code(2)).await;
    let as_b = request("192.0.2.2", Some(b.session.clone()));
    assert_eq!(apps::mine(&state, &as_b, &first).await.unwrap().feed_url, None);
    // a new one replaces it: the address made with the plain form no longer shows
    let secret = apps::new_feed(&state, &as_a).await.unwrap();
    assert_eq!(apps::mine(&state, &as_a, &first).await.unwrap().feed_url, None);
    // the private feed: the confirmed event with its booth; revoked, it is gone
    let path = format!("/lich-rieng/{secret}.ics");
    let feed = get(path.clone(), None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(
        feed.body.contains("BEGIN:VEVENT") && feed.body.contains("Gian hàng: A02"),
        "{}",
        feed.body
    );
    apps::revoke_feed(&state, &as_a).await.unwrap();
    assert_eq!(get(path, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(format!("/lich-rieng/{}.ics", "0".repeat(64)), None).await.status,
        StatusCode::NOT_FOUND
    );
});
