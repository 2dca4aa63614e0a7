//! OCOP points of sale through their services, on SQLite and PostgreSQL: only staff write the
//! register and bad input changes nothing; the public sees points not closed, with the listed
//! products on sale at each, filtered by commune and product group; a product's page names where
//! it is sold; the GeoJSON puts the longitude first; products not eligible are flagged to staff.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use app::{
    backend::{
        db::Db,
        services::{catalogue, directory as dir, sale_points as sp, ServiceError},
        testing::{producer, staff_member, state},
    },
    both_backends,
    domain::{
        account::Role,
        catalogue::ProductForm,
        sale_points::{PointFilter, SalePointForm},
        Lang,
    },
};

fn product(name: &str, group: &str, stars: &str) -> ProductForm {
    let today = app::domain::time::local_date(chrono::Utc::now());
    ProductForm {
        name_vi: name.into(),
        group: group.into(),
        stars: stars.into(),
        certificate_no: "1234/QĐ-UBND".into(),
        decision_date: today
            .checked_sub_months(chrono::Months::new(6))
            .unwrap()
            .format("%Y-%m-%d")
            .to_string(),
        rated_by: "province".into(),
        ..ProductForm::default()
    }
}

fn point(name: &str, commune: i64, products: &[i64]) -> SalePointForm {
    SalePointForm {
        name: name.into(),
        operator: "HTX Công Bằng".into(),
        place_kind: "retail".into(),
        address: "10 Lê Duẩn".into(),
        commune: commune.to_string(),
        latitude: "12,6797".into(),
        longitude: "108.0377".into(),
        opening_hours: "7:30–21:30".into(),
        phone: "0262 3852 100".into(),
        decision_number: "12/QĐ-UBND".into(),
        decision_date: "05/12/2021".into(),
        status: "open".into(),
        products: products
            .iter()
            .map(|id| (id.to_string(), "on".to_string()))
            .collect::<BTreeMap<_, _>>(),
        ..SalePointForm::default()
    }
}

async fn names(s: &app::backend::AppState, pairs: &[(&str, &str)]) -> Vec<String> {
    sp::points(s, &PointFilter::from_pairs(pairs.iter().copied()), Lang::Vi)
        .await
        .unwrap()
        .points
        .into_iter()
        .map(|p| p.name)
        .collect()
}

both_backends!(points_of_sale_from_register_to_public, |db: Db| async move {
    let s = state(&db);
    let a = producer(&s, "a@htx.vn", "0100109106").await;
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    for p in [
        product("Cà phê rang xay", "beverage", "4"),
        product("Mật ong hoa cà phê", "food", "5"),
        product("Bánh tráng", "food", "3"),
    ] {
        catalogue::add_product(&s, &a, &p).await.unwrap();
    }
    let mine = catalogue::my_products(&s, &a).await.unwrap();
    let id = |name: &str| mine.iter().find(|p| p.name == name).unwrap().product_id;
    let (coffee, honey, cake) = (id("Cà phê rang xay"), id("Mật ong hoa cà phê"), id("Bánh tráng"));
    catalogue::verify_rating(&s, &staff, coffee, true).await.unwrap();
    catalogue::verify_rating(&s, &staff, honey, true).await.unwrap();
    let communes = app::backend::db::reference::communes(&db, Lang::Vi).await.unwrap();
    let (c1, c2) = (communes[0].commune_id, communes[1].commune_id);

    // only staff write the register
    let form = point("Điểm OCOP Lê Duẩn", c1, &[coffee, cake]);
    assert!(matches!(
        sp::save(&s, &a, None, &form).await,
        Err(ServiceError::Denied(_))
    ));
    assert!(names(&s, &[]).await.is_empty());
    let first = sp::save(&s, &staff, None, &form).await.unwrap();
    let second = sp::save(&s, &staff, None, &point("Quầy OCOP sân bay", c2, &[honey]))
        .await
        .unwrap();
    // bad input is refused beside its field and changes nothing
    let mut bad = point("Điểm sai", c1, &[]);
    bad.latitude = "108.0377".into();
    bad.longitude = "12.6797".into();
    match sp::save(&s, &staff, None, &bad).await {
        Err(ServiceError::Fields(f)) => assert_eq!(f[0].field, "latitude"),
        other => panic!("{other:?}"),
    }
    let mut unknown = point("Điểm sai", 999_999, &[]);
    unknown.name = "Điểm không có xã".into();
    assert!(matches!(
        sp::save(&s, &staff, None, &unknown).await,
        Err(ServiceError::Fields(_))
    ));
    assert!(matches!(
        sp::save(&s, &staff, Some(second + 1000), &point("Không có", c1, &[])).await,
        Err(ServiceError::NotFound)
    ));
    assert_eq!(names(&s, &[]).await, ["Điểm OCOP Lê Duẩn", "Quầy OCOP sân bay"]);

    // the public: listed products only, filters by commune and by the groups of listed products
    let page = sp::point(&s, first, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(page.products.iter().map(|p| p.product_id).collect::<Vec<_>>(), [coffee]);
    assert_eq!(page.card.products, 1, "the unverified cake is not counted");
    assert!(page.decision.unwrap().contains("12/QĐ-UBND"));
    let ld: serde_json::Value = serde_json::from_str(&page.json_ld).unwrap();
    assert_eq!(ld["@type"], "Store");
    assert_eq!(ld["geo"]["latitude"], 12.6797);
    assert_eq!(ld["address"]["streetAddress"], "10 Lê Duẩn");
    assert_eq!(names(&s, &[("xa", &c2.to_string())]).await, ["Quầy OCOP sân bay"]);
    assert_eq!(names(&s, &[("nhom", "beverage")]).await, ["Điểm OCOP Lê Duẩn"]);
    assert_eq!(
        names(&s, &[("nhom", "food")]).await,
        ["Quầy OCOP sân bay"],
        "the cake is not listed"
    );
    // where to buy, on the product's page
    let coffee_page = dir::product(&s, coffee, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(coffee_page.points.len(), 1);
    assert_eq!(
        (coffee_page.points[0].0, coffee_page.points[0].1.as_str()),
        (first, "Điểm OCOP Lê Duẩn")
    );

    // staff see the cake flagged, and only staff read the register
    let register = sp::register(&s, &staff, Some(first)).await.unwrap();
    assert_eq!(register.flagged, [(first, 1)]);
    assert_eq!(register.form.name, "Điểm OCOP Lê Duẩn");
    assert_eq!(register.form.products.len(), 2);
    let cake_choice = register.products.iter().find(|p| p.product_id == cake).unwrap();
    assert!(cake_choice.flag.is_some() && cake_choice.chosen);
    assert!(register
        .products
        .iter()
        .find(|p| p.product_id == coffee)
        .unwrap()
        .flag
        .is_none());
    assert!(matches!(sp::register(&s, &a, None).await, Err(ServiceError::Denied(_))));

    // GeoJSON: longitude first; a closed point leaves every public view
    let geo: serde_json::Value =
        serde_json::from_str(&sp::geojson(&s, &PointFilter::default()).await.unwrap()).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    assert_eq!(
        geo["features"][0]["geometry"]["coordinates"],
        serde_json::json!([108.0377, 12.6797])
    );
    let mut closed = point("Quầy OCOP sân bay", c2, &[honey]);
    closed.status = "closed".into();
    sp::save(&s, &staff, Some(second), &closed).await.unwrap();
    assert_eq!(names(&s, &[]).await, ["Điểm OCOP Lê Duẩn"]);
    assert!(sp::point(&s, second, Lang::Vi).await.unwrap().is_none());
    assert!(dir::product(&s, honey, Lang::Vi)
        .await
        .unwrap()
        .unwrap()
        .points
        .is_empty());
    let geo: serde_json::Value =
        serde_json::from_str(&sp::geojson(&s, &PointFilter::default()).await.unwrap()).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 1);
    let table = sp::table(&s, Lang::Vi).await.unwrap();
    assert_eq!(table.len(), 2, "a header and the one point");
    assert_eq!(table[1][1], "Điểm OCOP Lê Duẩn");
    // the register still holds it
    assert_eq!(sp::register(&s, &staff, None).await.unwrap().points.len(), 2);
});
