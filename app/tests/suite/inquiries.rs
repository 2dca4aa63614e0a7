//! Buyers' inquiries through their services, on SQLite and PostgreSQL: nothing reaches the
//! producer until the buyer confirms by the mailed link (once, and only that link); the producer's
//! users are then told by e-mail with the buyer's address, the producer reads and marks its own
//! inquiries only; bad input and a product not in the directory change nothing; sending is
//! throttled per e-mail address; staff count them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{catalogue, inquiries as inq, Refusal, ServiceError},
        testing::{last_mail, producer, request, staff_member, state, token_in},
    },
    both_backends,
    domain::{account::Role, inquiries::InquiryForm, inquiries::InquiryStatus, Lang},
};

fn form(email: &str) -> InquiryForm {
    InquiryForm {
        buyer_name: "Nguyễn Văn An".into(),
        organisation: "Siêu thị Sài Gòn".into(),
        buyer_type: "supermarket".into(),
        place: "TP. Hồ Chí Minh".into(),
        email: email.into(),
        quantity: "2 tấn mỗi tháng".into(),
        message: "Xin báo giá giao tại kho.".into(),
        ..InquiryForm::default()
    }
}

async fn outbox_count(db: &Db) -> i64 {
    app::db_run!(db, pool => sqlx::query_scalar::<_, i64>("select count(*) from mail_outbox").fetch_one(pool).await)
        .unwrap()
}

both_backends!(
    an_inquiry_reaches_the_producer_once_the_buyer_confirms,
    |db: Db| async move {
        let s = state(&db);
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        let b = producer(&s, "b@htx.vn", "0300588569").await;
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        catalogue::add_product(&s, &a, &app::backend::testing::product("Cà phê rang xay", "4"))
            .await
            .unwrap();
        catalogue::add_product(&s, &a, &app::backend::testing::product("Mật ong", "3"))
            .await
            .unwrap();
        let mine = catalogue::my_products(&s, &a).await.unwrap();
        let coffee = mine.iter().find(|p| p.name == "Cà phê rang xay").unwrap().product_id;
        let honey = mine.iter().find(|p| p.name == "Mật ong").unwrap().product_id;
        catalogue::verify_rating(&s, &staff, coffee, true).await.unwrap();
        let a_id = app::backend::services::directory::product(&s, coffee, Lang::Vi)
            .await
            .unwrap()
            .unwrap()
            .producer
            .producer_id;
        let buyer = request("203.0.113.7", None);

        // bad input, a product not in the directory (claimed rating) or not the producer's: nothing
        let before = outbox_count(&db).await;
        let mut bad = form("an@sieuthi.vn");
        bad.email = "an at sieuthi".into();
        assert!(matches!(
            inq::send(&s, &buyer, Some(coffee), a_id, &bad).await,
            Err(ServiceError::Fields(_))
        ));
        assert!(matches!(
            inq::send(&s, &buyer, Some(honey), a_id, &form("an@sieuthi.vn")).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            inq::send(&s, &buyer, Some(coffee), a_id + 1000, &form("an@sieuthi.vn")).await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(outbox_count(&db).await, before);

        // sent: the buyer gets the link; the producer sees nothing yet
        inq::send(&s, &buyer, Some(coffee), a_id, &form(" An@SieuThi.vn "))
            .await
            .unwrap();
        let (kind, _, body) = last_mail(&db, "an@sieuthi.vn").await.unwrap();
        assert_eq!(kind, "inquiry-confirm");
        assert!(body.contains("/hoi-mua/xac-nhan?token="), "{body}");
        assert!(
            !body.contains("a@htx.vn"),
            "the producer's address is not the buyer's to see"
        );
        let secret = token_in(&body).unwrap();
        assert!(inq::mine(&s, &a).await.unwrap().is_empty());
        assert_eq!(inq::counts(&s, &staff).await.unwrap().total, 0);

        // a wrong secret does nothing; the right one delivers, once
        assert!(matches!(
            inq::confirm(&s, "0123456789abcdef").await,
            Err(ServiceError::Refused(Refusal::LinkInvalid))
        ));
        let name = inq::confirm(&s, &secret).await.unwrap();
        assert!(!name.is_empty());
        assert!(matches!(
            inq::confirm(&s, &secret).await,
            Err(ServiceError::Refused(Refusal::LinkInvalid))
        ));
        let (kind, subject, body) = last_mail(&db, "a@htx.vn").await.unwrap();
        assert_eq!(kind, "inquiry-news");
        assert!(
            subject.contains("Cà phê rang xay") && subject.contains("Siêu thị Sài Gòn"),
            "{subject}"
        );
        assert!(
            body.contains("an@sieuthi.vn") && body.contains("2 tấn mỗi tháng"),
            "{body}"
        );
        let lines = inq::mine(&s, &a).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].product.as_deref(), Some("Cà phê rang xay"));
        assert_eq!(lines[0].status, InquiryStatus::New);

        // only its producer reads and marks it
        assert!(inq::mine(&s, &b).await.unwrap().is_empty());
        let id = lines[0].inquiry_id;
        assert!(matches!(
            inq::mark(&s, &b, id, "deal").await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            inq::mark(&s, &staff, id, "deal").await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(
            inq::mark(&s, &a, id, "sold").await,
            Err(ServiceError::Fields(_))
        ));
        inq::mark(&s, &a, id, "deal").await.unwrap();
        assert_eq!(inq::mine(&s, &a).await.unwrap()[0].status, InquiryStatus::Deal);

        // staff count them, per producer and per product group; producers may not
        let counts = inq::counts(&s, &staff).await.unwrap();
        assert_eq!(counts.total, 1);
        assert_eq!(counts.by_producer.len(), 1);
        assert_eq!((counts.by_producer[0].1, counts.by_producer[0].2), (1, 1));
        assert_eq!(counts.by_group.iter().map(|g| g.1).sum::<u32>(), 1);
        assert!(matches!(inq::counts(&s, &a).await, Err(ServiceError::Denied(_))));

        // an inquiry about what the producer makes, without a product
        inq::send(&s, &buyer, None, a_id, &form("binh@xuatkhau.vn"))
            .await
            .unwrap();
        let secret = token_in(&last_mail(&db, "binh@xuatkhau.vn").await.unwrap().2).unwrap();
        inq::confirm(&s, &secret).await.unwrap();
        assert_eq!(inq::mine(&s, &a).await.unwrap().len(), 2);

        // throttled per e-mail address: 5 an hour, the sixth refused and not written
        for _ in 0..5 {
            inq::send(
                &s,
                &request("203.0.113.8", None),
                Some(coffee),
                a_id,
                &form("spam@vi.du"),
            )
            .await
            .unwrap();
        }
        let before = outbox_count(&db).await;
        assert!(matches!(
            inq::send(
                &s,
                &request("203.0.113.9", None),
                Some(coffee),
                a_id,
                &form("spam@vi.du")
            )
            .await,
            Err(ServiceError::TooMany(_))
        ));
        assert_eq!(outbox_count(&db).await, before);
    }
);

both_backends!(an_inquiry_naming_an_event_counts_among_its_leads, |db: Db| async move {
    let s = state(&db);
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let (fair, booth_ids) = app::backend::testing::open_fair(&s, &staff).await;
    crate::outcomes::two_approved(&s, &staff, fair, &booth_ids).await;
    let a = app::backend::testing::signed_in(&s, "a@htx.vn").await;
    let coffee = catalogue::my_products(&s, &a)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Cà phê rang xay Ea Tu")
        .unwrap()
        .product_id;
    catalogue::verify_rating(&s, &staff, coffee, true).await.unwrap();
    let page = app::backend::services::directory::product(&s, coffee, Lang::Vi)
        .await
        .unwrap()
        .unwrap();
    // the form offers the events the producer took part in
    assert_eq!(page.meeting_events.iter().map(|e| e.0).collect::<Vec<_>>(), [fair]);
    let a_id = page.producer.producer_id;
    let buyer = request("203.0.113.20", None);
    // an event the producer was not at is refused beside its field
    let mut elsewhere = form("chau@phonui.vn");
    elsewhere.event = (fair + 1000).to_string();
    match inq::send(&s, &buyer, Some(coffee), a_id, &elsewhere).await {
        Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "event"),
        other => panic!("{other:?}"),
    }
    let mut met = form("chau@phonui.vn");
    met.event = fair.to_string();
    inq::send(&s, &buyer, Some(coffee), a_id, &met).await.unwrap();
    use app::backend::services::outcomes;
    assert_eq!(
        outcomes::page(&s, &staff, fair).await.unwrap().leads,
        0,
        "not before the buyer confirms"
    );
    let secret = token_in(&last_mail(&db, "chau@phonui.vn").await.unwrap().2).unwrap();
    inq::confirm(&s, &secret).await.unwrap();
    assert_eq!(outcomes::page(&s, &staff, fair).await.unwrap().leads, 1);
    let line = &inq::mine(&s, &a).await.unwrap()[0];
    assert!(line.event.is_some());
});
