//! The product catalogue through the services, on SQLite and PostgreSQL: a producer keeps its own
//! products with their OCOP ratings (expiry computed), another producer cannot touch them, staff
//! verify ratings, and a claimed rating stays marked as claimed until then.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{catalogue as svc, ServiceError},
        testing::{producer, staff_member, state},
    },
    both_backends,
    domain::{account::Role, catalogue::ProductForm},
};

fn coffee() -> ProductForm {
    ProductForm {
        name_vi: "Cà phê rang xay Ea Tu".into(),
        group: "beverage".into(),
        stars: "4".into(),
        certificate_no: "1234/QĐ-UBND".into(),
        decision_date: "2024-05-20".into(),
        rated_by: "province".into(),
        ..ProductForm::default()
    }
}

both_backends!(
    producers_keep_their_own_products_and_staff_verify_ratings,
    |db: Db| async move {
        let s = state(&db);
        let a = producer(&s, "a@htx.vn", "0100109106").await;
        let b = producer(&s, "b@htx.vn", "0300588569").await;
        svc::add_product(&s, &a, &coffee()).await.unwrap();
        let honey = ProductForm {
            name_vi: "Mật ong hoa cà phê".into(),
            group: "food".into(),
            ..ProductForm::default()
        };
        svc::add_product(&s, &a, &honey).await.unwrap();
        // bad input changes nothing
        let no_certificate = ProductForm {
            certificate_no: String::new(),
            ..coffee()
        };
        assert!(matches!(
            svc::add_product(&s, &a, &no_certificate).await,
            Err(ServiceError::Fields(f)) if f[0].field == "certificate_no"
        ));
        let unknown_group = ProductForm {
            group: "weapons".into(),
            ..coffee()
        };
        assert!(matches!(
            svc::add_product(&s, &a, &unknown_group).await,
            Err(ServiceError::Fields(f)) if f[0].field == "group"
        ));
        let mine = svc::my_products(&s, &a).await.unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].stars, Some(4));
        assert_eq!(
            mine[0].expiry.as_deref(),
            Some("20/05/2027"),
            "36 months after the decision"
        );
        assert!(!mine[0].verified, "claimed until staff verify");
        // producer B sees none of them and cannot remove them
        assert!(svc::my_products(&s, &b).await.unwrap().is_empty());
        assert!(matches!(
            svc::remove_product(&s, &b, mine[1].product_id).await,
            Err(ServiceError::NotFound)
        ));
        // staff verify the rating
        let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
        let waiting = svc::ratings_to_verify(&s, &staff).await.unwrap();
        assert_eq!(waiting.len(), 1, "only rated products wait for verification");
        assert!(matches!(
            svc::ratings_to_verify(&s, &a).await,
            Err(ServiceError::Denied(_))
        ));
        svc::verify_rating(&s, &staff, waiting[0].product_id, true)
            .await
            .unwrap();
        assert!(svc::ratings_to_verify(&s, &staff).await.unwrap().is_empty());
        assert!(svc::my_products(&s, &a).await.unwrap()[0].verified);
        // an unrated product has no rating to verify
        assert!(matches!(
            svc::verify_rating(&s, &staff, mine[1].product_id, true).await,
            Err(ServiceError::NotFound)
        ));
        svc::remove_product(&s, &a, mine[1].product_id).await.unwrap();
        assert_eq!(svc::my_products(&s, &a).await.unwrap().len(), 1);
    }
);
