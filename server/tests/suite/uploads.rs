//! Cover pictures through the real router, on SQLite and PostgreSQL: staff upload with a plain
//! multipart form, the file is known by its first bytes (a script named .png is refused), stored
//! under a random name outside the web root, served with its type and `nosniff`; producers,
//! visitors and other sites cannot upload; drafts' covers are not public; 10 MB is the limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{db::Db, services::planning, testing::fair_input, AppState},
    both_backends,
    domain::{account::Role, EventStatus},
};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};

use super::harness::{app_of, config_with_uploads, get, get_as, producer, send, staff, ORIGIN, WHO};

async fn send_parts(app: &Router, req: Request<Body>) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    send(app, req).await.parts()
}
const PDF: &[u8] = b"%PDF-1.7\n% giay chung nhan OCOP\n";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

fn upload(event_id: i64, cookie: Option<&str>, origin: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = b"--XTTM\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"cover.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XTTM--\r\n");
    let mut req = Request::builder()
        .method("POST")
        .uri(format!("/can-bo/su-kien/{event_id}/anh-bia"))
        .header("origin", origin)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XTTM");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(body)).unwrap()
}

both_backends!(covers_are_checked_stored_and_served_safely, |db: Db| async move {
    let dir = std::env::temp_dir().join(format!("xttm_uploads_{}_{}", std::process::id(), db.backend()));
    let upload_dir = dir.display().to_string();
    let config = config_with_uploads(upload_dir);
    let state = AppState::new(db.clone(), config.clone());
    let app = app_of(&state);
    let who = staff(&state, "canbo@sct.vn", Role::Staff).await;
    let (cookie, me) = (who.cookie, who.request);
    let input = fair_input("Hội chợ có ảnh bìa", "2027-03-08T08:00", "2027-03-12T21:00");
    let id = planning::save(&state, &me, None, input, "").await.unwrap();
    let own = "https://xttm.test";

    // a draft's cover: stored, but not shown to visitors
    let (status, headers, _) = send_parts(&app, upload(id, Some(&cookie), own, PNG)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], format!("/can-bo/su-kien/{id}"));
    assert_eq!(
        send_parts(&app, get(&format!("/su-kien/{id}/anh-bia"))).await.0,
        StatusCode::NOT_FOUND
    );
    planning::change_status(&state, &me, id, EventStatus::Published, "", "", "")
        .await
        .unwrap();
    let (status, headers, body) = send_parts(&app, get(&format!("/su-kien/{id}/anh-bia"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(body, PNG);
    let page = String::from_utf8(send_parts(&app, get(&format!("/su-kien/{id}"))).await.2).unwrap();
    assert!(
        page.contains(&format!("/su-kien/{id}/anh-bia")),
        "the page shows the cover"
    );
    // stored under a random name, not the uploader's
    let stored: Vec<String> = std::fs::read_dir(dir.join("covers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].ends_with(".png") && stored[0].len() == 36 && !stored[0].contains("cover"));

    // a script named cover.png is refused, and the cover stays
    let (status, _, body) = send_parts(&app, upload(id, Some(&cookie), own, b"<script>alert(1)</script>")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body).unwrap().contains("JPEG, PNG hoặc WebP"));
    // so is a PDF as a cover, and anything over 10 MB
    assert_eq!(
        send_parts(&app, upload(id, Some(&cookie), own, b"%PDF-1.7 ..."))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    let mut big = PNG.to_vec();
    big.resize(app::domain::upload::MAX_UPLOAD + 1, 0);
    assert_eq!(
        send_parts(&app, upload(id, Some(&cookie), own, &big)).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // nobody else may upload: a visitor, another site with the staff's cookie
    assert_eq!(
        send_parts(&app, upload(id, None, own, PNG)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send_parts(&app, upload(id, Some(&cookie), "https://evil.example", PNG))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send_parts(&app, get(&format!("/su-kien/{id}/anh-bia"))).await.2,
        PNG,
        "unchanged"
    );
    // the 64 KB limit still holds everywhere else
    let big_json = Request::builder()
        .method("POST")
        .uri("/api/account/login")
        .header("origin", own)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, 100 * 1024)
        .body(Body::from(vec![b'a'; 100 * 1024]))
        .unwrap();
    assert_eq!(send_parts(&app, big_json).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let _ = std::fs::remove_dir_all(&dir);
});

fn multipart(path: &str, cookie: Option<&str>, fields: &[(&str, &str)], file: (&str, &[u8])) -> Request<Body> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--XTTM\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--XTTM\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"tep.png\"\r\nContent-Type: image/png\r\n\r\n", file.0)
            .as_bytes(),
    );
    body.extend_from_slice(file.1);
    body.extend_from_slice(b"\r\n--XTTM--\r\n");
    let mut req = Request::builder()
        .method("POST")
        .uri(path)
        .header("origin", "https://xttm.test")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XTTM");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(body)).unwrap()
}

/// Two producers (A, B) and a staff member, signed in, and the real router storing uploads under
/// a fresh folder; `demo` loads the demo data first (its fair has an open call).
struct People {
    dir: std::path::PathBuf,
    state: AppState,
    app: Router,
    a: app::backend::auth::RequestInfo,
    b: app::backend::auth::RequestInfo,
    staff: app::backend::auth::RequestInfo,
    /// The cookies of A, B and the staff member.
    ca: String,
    cb: String,
    cs: String,
}

async fn people(db: &Db, folder: &str, demo: bool) -> People {
    use app::backend::{demo, services::public::today};
    let dir = std::env::temp_dir().join(format!("xttm_{folder}_{}_{}", std::process::id(), db.backend()));
    let upload_dir = dir.display().to_string();
    let config = config_with_uploads(upload_dir);
    if demo {
        demo::load(db, config.host(), today(), true).await.unwrap();
    }
    let state = AppState::new(db.clone(), config.clone());
    let app = app_of(&state);
    let a = producer(&state, "a@htx.vn", "0100109106").await;
    let b = producer(&state, "b@htx.vn", "0300588569").await;
    let staff = staff(&state, "canbo@sct.vn", Role::Staff).await;
    let (ca, cb, cs) = (a.cookie, b.cookie, staff.cookie);
    let (a, b, staff) = (a.request, b.request, staff.request);
    People {
        dir,
        state,
        app,
        a,
        b,
        staff,
        ca,
        cb,
        cs,
    }
}

both_backends!(certificates_are_private_photos_and_logos_public, |db: Db| async move {
    use app::backend::{services::catalogue, testing};
    let People {
        dir,
        state,
        app,
        a,
        ca,
        cb,
        cs,
        ..
    } = people(&db, "files", false).await;
    let product = app::domain::catalogue::ProductForm {
        name_vi: "Cà phê rang xay".into(),
        group: "beverage".into(),
        subgroup: "drink-coffee".into(),
        stars: "4".into(),
        certificate_no: "1234/QĐ-UBND".into(),
        decision_date: "2025-06-01".into(),
        rated_by: "province".into(),
        ..Default::default()
    };
    // a sub-group of another group is refused beside its field
    let wrong = app::domain::catalogue::ProductForm {
        subgroup: "craft-textile".into(),
        ..product.clone()
    };
    match catalogue::add_product(&state, &a, &wrong).await {
        Err(app::backend::services::ServiceError::Fields(f)) => assert_eq!(f[0].field, "subgroup"),
        other => panic!("{other:?}"),
    }
    catalogue::add_product(&state, &a, &product).await.unwrap();
    let mine = catalogue::my_products(&state, &a).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].subgroup.as_deref(), Some("Cà phê, ca cao"));
    let pid = mine[0].product_id;
    let to = format!("/tai-len/san-pham/{pid}");

    // the owner uploads a certificate scan and a photo; each lands back on the catalogue
    let (status, headers, _) = send_parts(
        &app,
        multipart(&to, Some(&ca), &[("kind", "certificate")], ("file", PDF)),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/doanh-nghiep#products-title");
    assert_eq!(
        send_parts(&app, multipart(&to, Some(&ca), &[("kind", "photo")], ("file", PNG)))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    // a PDF is no photo; a script is neither; another producer's product does not exist for B
    assert_eq!(
        send_parts(&app, multipart(&to, Some(&ca), &[("kind", "photo")], ("file", PDF)))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    let (status, _, body) = send_parts(
        &app,
        multipart(
            &to,
            Some(&ca),
            &[("kind", "certificate")],
            ("file", b"<script>x</script>"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body).unwrap().contains("PDF"));
    assert_eq!(
        send_parts(&app, multipart(&to, Some(&cb), &[("kind", "photo")], ("file", PNG)))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send_parts(&app, multipart(&to, None, &[("kind", "photo")], ("file", PNG)))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send_parts(&app, multipart(&to, Some(&cs), &[("kind", "photo")], ("file", PNG)))
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    let files = catalogue::my_products(&state, &a).await.unwrap()[0].files.clone();
    assert_eq!(
        files.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["certificate", "photo"]
    );
    let (cert, photo) = (format!("/tep/{}", files[0].0), format!("/tep/{}", files[1].0));
    // the certificate: its owner and staff download it; anyone else is told it does not exist
    let (status, headers, body) = send_parts(&app, get_as(&cert, &ca)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, PDF);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("no-store"));
    assert_eq!(send_parts(&app, get_as(&cert, &cs)).await.0, StatusCode::OK);
    assert_eq!(send_parts(&app, get_as(&cert, &cb)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(send_parts(&app, get(&cert)).await.0, StatusCode::NOT_FOUND);
    // staff checking ratings see the certificate beside the claim
    let to_verify = catalogue::ratings_to_verify(&state, &testing::signed_in(&state, "canbo@sct.vn").await)
        .await
        .unwrap();
    assert_eq!(to_verify[0].files.len(), 2);
    // the photo is public, shown inline
    let (status, headers, body) = send_parts(&app, get(&photo)).await;
    assert_eq!((status, body.as_slice()), (StatusCode::OK, PNG));
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("inline"));

    // B cannot remove A's file; A can, and it is gone
    let file_id = files[1].0;
    assert!(matches!(
        catalogue::remove_product_file(&state, &testing::signed_in(&state, "b@htx.vn").await, file_id).await,
        Err(app::backend::services::ServiceError::NotFound)
    ));
    catalogue::remove_product_file(&state, &a, file_id).await.unwrap();
    assert_eq!(send_parts(&app, get(&photo)).await.0, StatusCode::NOT_FOUND);

    // the logo: a picture, public
    assert_eq!(
        send_parts(&app, multipart("/tai-len/logo", Some(&ca), &[], ("logo", PDF)))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send_parts(&app, multipart("/tai-len/logo", Some(&ca), &[], ("logo", PNG)))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let logo = catalogue::profile(&state, &a).await.unwrap().logo_url;
    let producer_id = a.producer().unwrap().1;
    assert_eq!(logo, format!("/logo/{producer_id}"));
    let (status, headers, body) = send_parts(&app, get(&logo)).await;
    assert_eq!((status, body.as_slice()), (StatusCode::OK, PNG));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let _ = std::fs::remove_dir_all(&dir);
});

/// A document for an application question, as the browser sends it: the file keeps its name.
fn document_upload(path: &str, cookie: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--XTTM\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XTTM--\r\n");
    Request::builder()
        .method("POST")
        .uri(path)
        .header("origin", "https://xttm.test")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XTTM")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

both_backends!(
    application_documents_are_required_private_and_replaceable,
    |db: Db| async move {
        use app::{
            backend::services::{applications as apps, booths},
            domain::{
                application::{Action, ReviewFilter, Status},
                booths::{QuestionForm, QuestionKind},
            },
        };
        let People {
            dir,
            state,
            app,
            a,
            b,
            staff,
            ca,
            cb,
            cs,
        } = people(&db, "documents", true).await;
        let fair = apps::mine(&state, &a, "").await.unwrap().open_calls[0].0;
        // the Department asks for a business licence, required
        booths::add_question(
            &state,
            &staff,
            fair,
            &QuestionForm {
                kind: "file".into(),
                label_vi: "Giấy chứng nhận đăng ký kinh doanh".into(),
                required: "on".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        app::backend::services::catalogue::add_product(
            &state,
            &a,
            &app::domain::catalogue::ProductForm {
                name_vi: "Cà phê rang xay".into(),
                group: "beverage".into(),
                stars: "4".into(),
                certificate_no: "1234/QĐ-UBND".into(),
                decision_date: "2025-06-01".into(),
                rated_by: "province".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let page = apps::apply_page(&state, &a, fair).await.unwrap();
        let files: Vec<i64> = page
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::File)
            .map(|q| q.question_id)
            .collect();
        let (optional, licence) = (files[0], files[1]);
        let yes_no = page.questions[0].question_id;
        let form = app::backend::testing::application_form(&page, "submit", "yes");

        // submitting without the licence is refused beside the question, and nothing is saved
        match apps::save(&state, &a, fair, &form).await {
            Err(app::backend::services::ServiceError::Fields(f)) => {
                assert_eq!(f.len(), 1, "{f:?}");
                assert_eq!(f[0].field, format!("answers[q{licence}]"));
            }
            other => panic!("{other:?}"),
        }
        assert!(apps::mine(&state, &a, "").await.unwrap().applications.is_empty());

        // a script is no document; a question that asks for no file takes none
        let to = |q: i64| format!("/tai-len/ho-so/{fair}/{q}");
        let (status, _, body) =
            send_parts(&app, document_upload(&to(licence), &ca, "x.pdf", b"<script>x</script>")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8(body).unwrap().contains("PDF"));
        assert_eq!(
            send_parts(&app, document_upload(&to(yes_no), &ca, "x.pdf", PDF))
                .await
                .0,
            StatusCode::NOT_FOUND
        );
        assert!(apps::mine(&state, &a, "").await.unwrap().applications.is_empty());

        // the licence, uploaded before anything else: a draft holds it, and the form shows it
        let (status, headers, _) = send_parts(
            &app,
            document_upload(&to(licence), &ca, "Giấy phép kinh doanh.pdf", PDF),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            format!("/doanh-nghiep/ho-so/{fair}?tai-len={licence}#f-answer-{licence}").as_str()
        );
        let mine = apps::mine(&state, &a, "").await.unwrap();
        assert_eq!(mine.applications.len(), 1);
        assert_eq!(mine.applications[0].status, Status::Draft);
        let application = mine.applications[0].application_id;
        let page = apps::apply_page(&state, &a, fair).await.unwrap();
        assert_eq!(page.attached.len(), 1);
        assert_eq!(page.attached[0].question_id, licence);
        assert_eq!(page.attached[0].file_name, "Giấy phép kinh doanh.pdf");
        assert_eq!(page.attached[0].size, format!("{} B", PDF.len()));

        // now the submission goes through (the optional document may be missing)
        let (id, status) = apps::save(&state, &a, fair, &form).await.unwrap();
        assert_eq!((id, status), (application, Status::Submitted));

        // the producer and staff download it under its name; B and visitors are told it does not exist
        let doc = format!("/tai-lieu/{application}/{licence}");
        let (status, headers, body) = send_parts(&app, get_as(&doc, &ca)).await;
        assert_eq!((status, body.as_slice()), (StatusCode::OK, PDF));
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"giay-phep-kinh-doanh.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20ph%C3%A9p%20kinh%20doanh.pdf"
    );
        assert_eq!(send_parts(&app, get_as(&doc, &cs)).await.0, StatusCode::OK);
        assert_eq!(send_parts(&app, get_as(&doc, &cb)).await.0, StatusCode::NOT_FOUND);
        assert_eq!(send_parts(&app, get(&doc)).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            send_parts(&app, get_as(&format!("/tai-lieu/{application}/{optional}"), &ca))
                .await
                .0,
            StatusCode::NOT_FOUND
        );

        // replaced while it may still be edited: the old file is gone from the disk
        assert_eq!(
            send_parts(&app, document_upload(&to(licence), &ca, "giay-phep-moi.png", PNG))
                .await
                .0,
            StatusCode::SEE_OTHER
        );
        assert_eq!(std::fs::read_dir(dir.join("applications")).unwrap().count(), 1);
        assert_eq!(send_parts(&app, get_as(&doc, &ca)).await.2, PNG);

        // staff see it in the review table and in the export
        let review = apps::review(&state, &staff, fair, &ReviewFilter::default())
            .await
            .unwrap();
        assert_eq!(
            review.rows[0].documents,
            vec![(licence, "giay-phep-moi.png".to_string())]
        );
        let (_, table) = apps::export(&state, &staff, fair).await.unwrap();
        assert!(table[1].contains(&"giay-phep-moi.png".to_string()), "{:?}", table[1]);

        // B uploading to the fair makes B's own draft, never touching A's
        assert_eq!(
            send_parts(&app, document_upload(&to(licence), &cb, "b.pdf", PDF))
                .await
                .0,
            StatusCode::SEE_OTHER
        );
        assert_eq!(send_parts(&app, get_as(&doc, &ca)).await.2, PNG);
        assert_eq!(apps::mine(&state, &b, "").await.unwrap().applications.len(), 1);

        // once review has started the documents are fixed
        apps::decide(&state, &staff, fair, &[application], Action::Approve, "")
            .await
            .unwrap();
        let (status, _, body) = send_parts(&app, document_upload(&to(licence), &ca, "muon.pdf", PDF)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(String::from_utf8(body).unwrap().contains("không thể sửa"));
        assert_eq!(send_parts(&app, get_as(&doc, &ca)).await.2, PNG);
        let _ = std::fs::remove_dir_all(&dir);
    }
);

both_backends!(
    a_producers_files_have_a_quota_and_go_with_their_product,
    |db: Db| async move {
        use app::backend::services::{catalogue, files, ServiceError};
        use app::backend::testing;
        let dir = std::env::temp_dir().join(format!("xttm_quota_{}_{}", std::process::id(), db.backend()));
        let mut config = config_with_uploads(dir.display().to_string());
        config.upload_quota_files = 5;
        let state = AppState::new(db.clone(), config);
        let a = testing::producer(&state, "a@htx.vn", "0100109106").await;
        catalogue::add_product(&state, &a, &testing::product("Cà phê rang xay", "4"))
            .await
            .unwrap();
        let pid = catalogue::my_products(&state, &a).await.unwrap()[0].product_id;
        let on_disk = || std::fs::read_dir(dir.join("products")).map_or(0, Iterator::count);
        let refused = |r: Result<(), ServiceError>, words: &str| match r {
            Err(ServiceError::Fields(f)) => f[0].field == "file" && f[0].message.contains(words),
            _ => false,
        };

        // four certificate scans a product; a fifth is refused beside the file field
        for _ in 0..4 {
            catalogue::add_product_file(&state, &a, pid, "certificate", PDF)
                .await
                .unwrap();
        }
        assert!(refused(
            catalogue::add_product_file(&state, &a, pid, "certificate", PDF).await,
            "tối đa 4"
        ));
        // the quota: five files in all here, so the sixth is refused, and nothing is written
        catalogue::add_product_file(&state, &a, pid, "photo", PNG)
            .await
            .unwrap();
        assert!(refused(
            catalogue::add_product_file(&state, &a, pid, "photo", PNG).await,
            "dung lượng"
        ));
        assert_eq!(on_disk(), 5);

        // a product's files go with it
        catalogue::remove_product(&state, &a, pid).await.unwrap();
        assert_eq!(on_disk(), 0);

        // the sweep removes what no row names, once it is old enough to be no upload in progress
        let stored_name = |c: char| format!("{}.png", c.to_string().repeat(32));
        let old = dir.join("products").join(stored_name('a'));
        let young = dir.join("products").join(stored_name('b'));
        let foreign = dir.join("products").join("ghi-chu.txt");
        for f in [&old, &young, &foreign] {
            std::fs::write(f, PNG).unwrap();
        }
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400))
            .unwrap();
        let day = std::time::Duration::from_secs(86_400);
        assert_eq!(files::sweep_orphans(&state, day).await.unwrap(), 1);
        assert!(!old.exists() && young.exists() && foreign.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
);

/// What a row of the route matrix sends: a plain request, a multipart upload, or a document.
enum Payload {
    Plain,
    File(&'static str, &'static [(&'static str, &'static str)], &'static [u8]),
    Document(&'static [u8]),
}

/// One route, one method, one address with real objects in it, and the status each of
/// (anonymous, producer A, producer B, staff, admin) must get.
struct RouteRow {
    method: &'static str,
    route: &'static str,
    path: String,
    send: Payload,
    expect: [u16; 5],
}

fn route(method: &'static str, route: &'static str, path: String, send: Payload, expect: [u16; 5]) -> RouteRow {
    RouteRow {
        method,
        route,
        path,
        send,
        expect,
    }
}

both_backends!(authorization_matrix_over_every_route, |db: Db| async move {
    use app::{
        backend::{
            services::{applications as apps, booths, catalogue, planning, sale_points},
            testing,
        },
        domain::{booths::QuestionForm, paths::routes, EventStatus},
    };
    let People {
        dir,
        state,
        app,
        a,
        staff,
        ca,
        cb,
        cs,
        ..
    } = people(&db, "route_matrix", true).await;
    let admin = crate::harness::staff(&state, "admin@sct.vn", Role::Admin).await;
    let cookies = [
        None,
        Some(ca.clone()),
        Some(cb.clone()),
        Some(cs.clone()),
        Some(admin.cookie.clone()),
    ];
    // the objects: the demo fair with an open call and a file question; a draft event; A's product
    // with a certificate scan and a photo, A's logo, A's document, A's private feed; a completed
    // event for the reports
    let fair = apps::mine(&state, &a, "").await.unwrap().open_calls[0].0;
    booths::add_question(
        &state,
        &staff,
        fair,
        &QuestionForm {
            kind: "file".into(),
            label_vi: "Giấy chứng nhận đăng ký kinh doanh".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let questions = apps::apply_page(&state, &a, fair).await.unwrap().questions;
    let file_question = questions
        .iter()
        .filter(|q| q.kind == app::domain::booths::QuestionKind::File)
        .map(|q| q.question_id)
        .next_back()
        .unwrap();
    let draft = planning::save(
        &state,
        &staff,
        None,
        fair_input("Hội chợ nháp", "2027-03-08T08:00", "2027-03-12T21:00"),
        "",
    )
    .await
    .unwrap();
    catalogue::add_product(&state, &a, &testing::product("Cà phê rang xay", "4"))
        .await
        .unwrap();
    let product = catalogue::my_products(&state, &a).await.unwrap()[0].product_id;
    let file = |path: &str, fields: &[(&str, &str)], bytes: &[u8], cookie: &str| {
        multipart(path, Some(cookie), fields, ("file", bytes))
    };
    for (kind, bytes) in [("certificate", PDF), ("photo", PNG)] {
        let to = format!("/tai-len/san-pham/{product}");
        assert_eq!(
            send_parts(&app, file(&to, &[("kind", kind)], bytes, &ca)).await.0,
            StatusCode::SEE_OTHER
        );
    }
    let files = catalogue::my_products(&state, &a).await.unwrap()[0].files.clone();
    let (certificate, photo) = (files[0].0, files[1].0);
    assert_eq!(
        send_parts(&app, multipart("/tai-len/logo", Some(&ca), &[], ("logo", PNG)))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let logo = a.producer().unwrap().1;
    let document = format!("/tai-len/ho-so/{fair}/{file_question}");
    assert_eq!(
        send_parts(&app, document_upload(&document, &ca, "Giấy phép.pdf", PDF))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let application = apps::mine(&state, &a, "").await.unwrap().applications[0].application_id;
    let secret = apps::new_feed(&state, &a).await.unwrap();
    assert_eq!(
        send_parts(&app, upload(fair, Some(&cs), "https://xttm.test", PNG))
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let completed = planning::list(&state, &staff)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.status == EventStatus::Completed)
        .unwrap()
        .event_id;
    app::backend::services::outcomes::add_evidence(&state, &staff, completed, ("", "Biên bản"), ("Biên bản.pdf", PDF))
        .await
        .unwrap();
    // an open point of sale and a closed one, each with a photo
    let point_form = |name: &str, status: &str| app::domain::sale_points::SalePointForm {
        name: name.into(),
        operator: "HTX thử".into(),
        place_kind: "retail".into(),
        address: "1 Lê Duẩn".into(),
        status: status.into(),
        ..Default::default()
    };
    let mut point_photos = Vec::new();
    for (name, status) in [("Điểm bán mở", "open"), ("Điểm bán đã đóng", "closed")] {
        let point = sale_points::save(&state, &staff, None, &point_form(name, status))
            .await
            .unwrap();
        point_photos.push((point, sale_points::add_photo(&state, &staff, point, PNG).await.unwrap()));
    }
    let [(open_point, open_photo), (_, closed_photo)] = point_photos[..] else {
        unreachable!()
    };
    let evidence = app::backend::services::outcomes::page(&state, &staff, completed)
        .await
        .unwrap()
        .evidence[0]
        .evidence_id;

    const ALL_200: [u16; 5] = [200; 5];
    const STAFF_ONLY: [u16; 5] = [401, 403, 403, 200, 200];
    const NOWHERE: [u16; 5] = [404; 5];
    let rows = vec![
        route("GET", routes::HEALTH, "/healthz".into(), Payload::Plain, ALL_200),
        route("GET", routes::SITEMAP, "/sitemap.xml".into(), Payload::Plain, ALL_200),
        route("GET", routes::ROBOTS, "/robots.txt".into(), Payload::Plain, ALL_200),
        route(
            "GET",
            routes::SALE_POINTS_GEOJSON,
            "/diem-ban.geojson".into(),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::SALE_POINTS_CSV,
            "/diem-ban.csv".into(),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::SALE_POINTS_MAP,
            "/nhung/diem-ban".into(),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::EMBED_CALENDAR,
            "/nhung/lich".into(),
            Payload::Plain,
            ALL_200,
        ),
        // without METRICS_TOKEN it does not exist, whoever asks (with one: http.rs)
        route("GET", routes::METRICS, "/metrics".into(), Payload::Plain, NOWHERE),
        route("GET", routes::FEED, "/calendar.ics".into(), Payload::Plain, ALL_200),
        route(
            "GET",
            routes::EVENT_FEED,
            format!("/su-kien/{fair}/calendar.ics"),
            Payload::Plain,
            ALL_200,
        ),
        // a draft is nobody's public event, staff's neither
        route(
            "GET",
            routes::EVENT_FEED,
            format!("/su-kien/{draft}/calendar.ics"),
            Payload::Plain,
            NOWHERE,
        ),
        route(
            "GET",
            routes::LANGUAGE,
            "/lang/en?next=/lich".into(),
            Payload::Plain,
            [303; 5],
        ),
        route(
            "POST",
            routes::LANGUAGE,
            "/lang/vi?next=/lich".into(),
            Payload::Plain,
            [303; 5],
        ),
        route(
            "GET",
            routes::COVER,
            format!("/su-kien/{fair}/anh-bia"),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::COVER,
            format!("/su-kien/{draft}/anh-bia"),
            Payload::Plain,
            NOWHERE,
        ),
        // a certificate scan: its owner and staff; to anyone else it does not exist
        route(
            "GET",
            routes::PRODUCT_FILE,
            format!("/tep/{certificate}"),
            Payload::Plain,
            [404, 200, 404, 200, 200],
        ),
        route(
            "GET",
            routes::PRODUCT_FILE,
            format!("/tep/{photo}"),
            Payload::Plain,
            ALL_200,
        ),
        route("GET", routes::LOGO, format!("/logo/{logo}"), Payload::Plain, ALL_200),
        route(
            "GET",
            routes::DOCUMENT,
            format!("/tai-lieu/{application}/{file_question}"),
            Payload::Plain,
            [404, 200, 404, 200, 200],
        ),
        // a private feed is its address: whoever holds it reads it, a wrong one is nowhere
        route(
            "GET",
            routes::PRIVATE_FEED,
            format!("/lich-rieng/{secret}.ics"),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::PRIVATE_FEED,
            format!("/lich-rieng/{}.ics", "0".repeat(64)),
            Payload::Plain,
            NOWHERE,
        ),
        route(
            "GET",
            routes::EXPORT,
            format!("/can-bo/ho-so/{fair}.csv"),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::EXPORT,
            format!("/can-bo/ho-so/{fair}.xlsx"),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::EVENT_REPORT,
            format!("/can-bo/su-kien/{completed}/bao-cao"),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::EVENT_REPORT_DOCX,
            format!("/can-bo/su-kien/{completed}/bao-cao.docx"),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::EVENT_REPORT_XLSX,
            format!("/can-bo/su-kien/{completed}/bao-cao.xlsx"),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::YEAR_REPORT,
            "/can-bo/bao-cao/2026.docx".into(),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "GET",
            routes::DEALS_CSV,
            "/can-bo/hop-dong.csv?nam=2026".into(),
            Payload::Plain,
            STAFF_ONLY,
        ),
        route(
            "POST",
            routes::COVER_UPLOAD,
            format!("/can-bo/su-kien/{draft}/anh-bia"),
            Payload::File("cover", &[], PNG),
            [401, 403, 403, 303, 303],
        ),
        // B is told A's product does not exist
        route(
            "POST",
            routes::PRODUCT_FILE_UPLOAD,
            format!("/tai-len/san-pham/{product}"),
            Payload::File("file", &[("kind", "photo")], PNG),
            [401, 303, 404, 403, 403],
        ),
        route(
            "POST",
            routes::LOGO_UPLOAD,
            "/tai-len/logo".into(),
            Payload::File("logo", &[], PNG),
            [401, 303, 303, 403, 403],
        ),
        // each producer's document goes to its own application
        route(
            "POST",
            routes::DOCUMENT_UPLOAD,
            document.clone(),
            Payload::Document(PDF),
            [401, 303, 303, 403, 403],
        ),
        // a point's photo is public while the point is not closed; a closed point's is staff's
        route(
            "GET",
            routes::SALE_POINT_PHOTO,
            format!("/diem-ban/anh/{open_photo}"),
            Payload::Plain,
            ALL_200,
        ),
        route(
            "GET",
            routes::SALE_POINT_PHOTO,
            format!("/diem-ban/anh/{closed_photo}"),
            Payload::Plain,
            [404, 404, 404, 200, 200],
        ),
        route(
            "POST",
            routes::SALE_POINT_PHOTO_UPLOAD,
            format!("/can-bo/diem-ban/{open_point}/anh"),
            Payload::File("file", &[], PNG),
            [401, 403, 403, 303, 303],
        ),
        // evidence behind outcomes: staff only; to anyone else it does not exist
        route(
            "GET",
            routes::EVIDENCE,
            format!("/can-bo/minh-chung/{evidence}"),
            Payload::Plain,
            [404, 404, 404, 200, 200],
        ),
        route(
            "POST",
            routes::EVIDENCE_UPLOAD,
            format!("/can-bo/su-kien/{completed}/minh-chung"),
            Payload::File("file", &[("caption", "Ảnh chụp màn hình")], PDF),
            [401, 403, 403, 303, 303],
        ),
        // last: it ends the session of whoever sends it
        route("POST", routes::LOGOUT, "/dang-xuat".into(), Payload::Plain, [303; 5]),
    ];
    // every route has a row, with the method it answers
    let covered: std::collections::BTreeSet<(&str, &str)> = rows.iter().map(|r| (r.method, r.route)).collect();
    let all: std::collections::BTreeSet<(&str, &str)> = routes::ALL.into_iter().collect();
    assert_eq!(covered, all, "routes and matrix rows differ");

    let request = |row: &RouteRow, method: &str, who: usize| -> Request<Body> {
        let cookie = cookies[who].as_deref();
        let mut req = match (&row.send, cookie) {
            (Payload::File(field, fields, bytes), _) => multipart(&row.path, cookie, fields, (field, bytes)),
            (Payload::Document(bytes), Some(c)) => document_upload(&row.path, c, "Giấy phép.pdf", bytes),
            (Payload::Document(bytes), None) => multipart(&row.path, None, &[], ("file", bytes)),
            (Payload::Plain, Some(c)) => get_as(&row.path, c),
            (Payload::Plain, None) => get(&row.path),
        };
        *req.method_mut() = method.parse().unwrap();
        // a same-site request, as the browser sends it
        req.headers_mut()
            .insert("origin", header::HeaderValue::from_static(ORIGIN));
        req
    };
    let mut wrong = Vec::new();
    // producer A goes last, so that what A's row changes comes after the others tried
    for (row, who) in rows.iter().flat_map(|r| [0usize, 2, 3, 4, 1].map(|w| (r, w))) {
        // the other method never reaches the handler (a state-changing route answers no GET)
        if row.route != routes::LANGUAGE {
            let other = if row.method == "GET" { "POST" } else { "GET" };
            let status = send_parts(&app, request(row, other, who)).await.0.as_u16();
            if status != 405 {
                wrong.push(format!("{other} {} as {}: {status}, want 405", row.path, WHO[who]));
            }
        }
        let (status, _, body) = send_parts(&app, request(row, row.method, who)).await;
        if status.as_u16() != row.expect[who] {
            let body = String::from_utf8_lossy(&body).chars().take(120).collect::<String>();
            wrong.push(format!(
                "{} {} as {}: {status}, want {} ({body})",
                row.method, row.path, WHO[who], row.expect[who]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
});

both_backends!(
    evidence_behind_outcomes_is_for_staff_and_goes_with_its_row,
    |db: Db| async move {
        use app::{
            backend::services::{outcomes, planning, ServiceError},
            domain::EventStatus,
        };
        let People {
            dir,
            state,
            app,
            a,
            staff,
            ca,
            cs,
            ..
        } = people(&db, "evidence", true).await;
        let completed = planning::list(&state, &staff)
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.status == EventStatus::Completed)
            .unwrap()
            .event_id;
        let to = format!("/can-bo/su-kien/{completed}/minh-chung");

        // staff upload the minutes for the visitors' figure; back on the outcomes page
        let (status, headers, _) = send_parts(
            &app,
            multipart(
                &to,
                Some(&cs),
                &[("caption", "Biên bản tổng kết"), ("indicator", "visitors")],
                ("file", PDF),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            format!("/can-bo/su-kien/{completed}/ket-qua?minh-chung=1#evidence-h")
        );
        // a script is refused, an unknown indicator too, and a producer may not upload at all
        assert_eq!(
            send_parts(&app, multipart(&to, Some(&cs), &[], ("file", b"#!/bin/sh\nrm -rf /\n")))
                .await
                .0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            send_parts(
                &app,
                multipart(&to, Some(&cs), &[("indicator", "khong-co")], ("file", PDF))
            )
            .await
            .0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            send_parts(&app, multipart(&to, Some(&ca), &[], ("file", PDF))).await.0,
            StatusCode::FORBIDDEN
        );
        let page = outcomes::page(&state, &staff, completed).await.unwrap();
        assert_eq!(page.evidence.len(), 1, "only the good upload is kept");
        let e = &page.evidence[0];
        assert_eq!(
            (e.caption.as_str(), e.indicator.as_deref(), e.file_name.as_str()),
            ("Biên bản tổng kết", Some("Lượt khách tham quan"), "tep.png")
        );

        // staff read it back; to a producer it does not exist
        let (status, headers, body) = send_parts(&app, get_as(&e.href, &cs)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert!(headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        assert_eq!(body, PDF);
        assert_eq!(send_parts(&app, get_as(&e.href, &ca)).await.0, StatusCode::NOT_FOUND);
        assert!(matches!(
            outcomes::remove_evidence(&state, &a, e.evidence_id).await,
            Err(ServiceError::Denied(_))
        ));

        // removed, the row and the file go
        let stored = std::fs::read_dir(dir.join("evidence")).unwrap().count();
        assert_eq!(stored, 1);
        assert_eq!(
            outcomes::remove_evidence(&state, &staff, e.evidence_id).await.unwrap(),
            completed
        );
        assert!(outcomes::page(&state, &staff, completed)
            .await
            .unwrap()
            .evidence
            .is_empty());
        assert_eq!(std::fs::read_dir(dir.join("evidence")).unwrap().count(), 0);
        assert_eq!(send_parts(&app, get_as(&e.href, &cs)).await.0, StatusCode::NOT_FOUND);
        let _ = std::fs::remove_dir_all(&dir);
    }
);

both_backends!(
    photos_of_points_of_sale_are_staffs_to_add_and_public_while_open,
    |db: Db| async move {
        use app::{
            backend::services::{sale_points, ServiceError},
            domain::sale_points::{SalePointForm, MAX_PHOTOS},
        };
        let People {
            dir,
            state,
            app,
            a,
            staff,
            ca,
            cs,
            ..
        } = people(&db, "point_photos", false).await;
        let form = SalePointForm {
            name: "Điểm OCOP chợ Buôn Ma Thuột".into(),
            operator: "HTX Công Bằng".into(),
            place_kind: "retail".into(),
            address: "10 Lê Duẩn".into(),
            latitude: "12,6797".into(),
            longitude: "108.0377".into(),
            status: "open".into(),
            ..Default::default()
        };
        let point = sale_points::save(&state, &staff, None, &form).await.unwrap();
        let to = format!("/can-bo/diem-ban/{point}/anh");

        // staff upload a photo with the plain form; back on the point's form, told it is done
        let (status, headers, _) = send_parts(&app, multipart(&to, Some(&cs), &[], ("file", PNG))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            headers[header::LOCATION],
            format!("/can-bo/diem-ban?sua={point}&anh=1#anh-diem-ban").as_str()
        );
        // a PDF, or a script named .png, is refused in Vietnamese and stores nothing
        for bytes in [PDF, b"<script>alert(1)</script>".as_slice()] {
            let (status, _, body) = send_parts(&app, multipart(&to, Some(&cs), &[], ("file", bytes))).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert!(String::from_utf8(body)
                .unwrap()
                .contains("Chỉ nhận ảnh JPEG, PNG hoặc WebP"));
        }
        // a producer cannot add one, nor add one to a point that does not exist
        assert_eq!(
            send_parts(&app, multipart(&to, Some(&ca), &[], ("file", PNG))).await.0,
            StatusCode::FORBIDDEN
        );
        assert!(matches!(
            sale_points::add_photo(&state, &a, point, PNG).await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(
            sale_points::add_photo(&state, &staff, point + 1000, PNG).await,
            Err(ServiceError::NotFound)
        ));
        let register = sale_points::register(&state, &staff, Some(point)).await.unwrap();
        assert_eq!(register.photos.len(), 1);
        let first = register.photos[0];

        // the public sees it on the point's page, in its Store JSON-LD, and on the list
        let page = sale_points::point(&state, point, app::domain::Lang::Vi)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(page.photos, [format!("/diem-ban/anh/{first}")]);
        let json: serde_json::Value = serde_json::from_str(&page.json_ld).unwrap();
        assert_eq!(
            json["image"][0],
            format!("{}/diem-ban/anh/{first}", state.config.base_url).as_str()
        );
        let list = sale_points::points(&state, &Default::default(), app::domain::Lang::Vi)
            .await
            .unwrap();
        assert_eq!(
            list.points[0].photo.as_deref(),
            Some(format!("/diem-ban/anh/{first}").as_str())
        );
        let (status, headers, body) = send_parts(&app, get(&format!("/diem-ban/anh/{first}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, PNG);
        assert_eq!(headers[header::CONTENT_TYPE], "image/png");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=3600");

        // ten uploads at once: the limit holds (six in all), the others are refused and leave no
        // file behind
        let mut uploads = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let (state, staff) = (state.clone(), staff.clone());
            uploads.spawn(async move { sale_points::add_photo(&state, &staff, point, PNG).await });
        }
        let mut added = 1;
        while let Some(done) = uploads.join_next().await {
            match done.unwrap() {
                Ok(_) => added += 1,
                Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "file"),
                Err(other) => panic!("{other:?}"),
            }
        }
        assert_eq!(added, MAX_PHOTOS);
        let stored = || std::fs::read_dir(dir.join("points")).map_or(0, |d| d.count());
        assert_eq!(stored(), MAX_PHOTOS);
        assert_eq!(
            sale_points::register(&state, &staff, Some(point))
                .await
                .unwrap()
                .photos
                .len(),
            MAX_PHOTOS
        );
        match sale_points::add_photo(&state, &staff, point, PNG).await {
            Err(ServiceError::Fields(f)) => {
                assert_eq!(f[0].field, "file");
                assert!(f[0].message.contains("tối đa 6 ảnh"), "{}", f[0].message);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(stored(), MAX_PHOTOS);

        // once the point closes, its photos are nobody's but staff's
        sale_points::save(
            &state,
            &staff,
            Some(point),
            &SalePointForm {
                status: "closed".into(),
                ..form.clone()
            },
        )
        .await
        .unwrap();
        let photo = format!("/diem-ban/anh/{first}");
        assert_eq!(send_parts(&app, get(&photo)).await.0, StatusCode::NOT_FOUND);
        assert_eq!(send_parts(&app, get_as(&photo, &ca)).await.0, StatusCode::NOT_FOUND);
        let (status, headers, _) = send_parts(&app, get_as(&photo, &cs)).await;
        assert_eq!(status, StatusCode::OK);
        // what staff alone may see is kept by no cache
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");

        // removing one takes its file with it; a producer cannot remove one
        assert!(matches!(
            sale_points::remove_photo(&state, &a, first).await,
            Err(ServiceError::Denied(_))
        ));
        assert_eq!(sale_points::remove_photo(&state, &staff, first).await.unwrap(), point);
        assert_eq!(stored(), MAX_PHOTOS - 1);
        assert_eq!(send_parts(&app, get_as(&photo, &cs)).await.0, StatusCode::NOT_FOUND);
        assert!(matches!(
            sale_points::remove_photo(&state, &staff, first).await,
            Err(ServiceError::NotFound)
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
);

both_backends!(
    a_products_photo_limit_holds_when_uploads_come_at_once,
    |db: Db| async move {
        use app::backend::services::{catalogue, ServiceError};
        let People { dir, state, a, .. } = people(&db, "product_photos", false).await;
        catalogue::add_product(&state, &a, &app::backend::testing::product("Mật ong hoa cà phê", "4"))
            .await
            .unwrap();
        let product = catalogue::my_products(&state, &a).await.unwrap()[0].product_id;
        // twelve photos at once: eight in all, the others refused beside the file field, no file left
        let mut uploads = tokio::task::JoinSet::new();
        for _ in 0..12 {
            let (state, a) = (state.clone(), a.clone());
            uploads.spawn(async move { catalogue::add_product_file(&state, &a, product, "photo", PNG).await });
        }
        let mut added = 0;
        while let Some(done) = uploads.join_next().await {
            match done.unwrap() {
                Ok(()) => added += 1,
                Err(ServiceError::Fields(f)) => assert!(f[0].message.contains("tối đa 8 ảnh"), "{}", f[0].message),
                Err(other) => panic!("{other:?}"),
            }
        }
        assert_eq!(added, catalogue::MAX_PHOTOS);
        let files = catalogue::my_products(&state, &a).await.unwrap()[0].files.len();
        assert_eq!(i64::try_from(files).unwrap(), catalogue::MAX_PHOTOS);
        let stored = std::fs::read_dir(dir.join("products")).map_or(0, |d| d.count());
        assert_eq!(i64::try_from(stored).unwrap(), catalogue::MAX_PHOTOS);
        let _ = std::fs::remove_dir_all(&dir);
    }
);
