//! The public directory through its services, on SQLite and PostgreSQL: only ratings staff have
//! verified and whose certificate is valid are listed; search ignores diacritics; the filters,
//! the order and the pages; a producer's contact details only when it chose so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::{
    backend::{
        db::Db,
        services::{catalogue, directory as dir},
        testing::{producer, staff_member, state},
    },
    both_backends,
    domain::{
        account::Role,
        catalogue::{ProductForm, ProfileForm},
        directory::{ProductFilter, PAGE_SIZE},
        Lang,
    },
};
use chrono::Months;

/// The rating decision `months` ago, as the form takes it.
fn rated(months: u32) -> String {
    let today = app::domain::time::local_date(chrono::Utc::now());
    today
        .checked_sub_months(Months::new(months))
        .unwrap()
        .format("%Y-%m-%d")
        .to_string()
}

fn product(name: &str, group: &str, stars: &str, months_ago: u32) -> ProductForm {
    ProductForm {
        name_vi: name.into(),
        group: group.into(),
        stars: stars.into(),
        certificate_no: "1234/QĐ-UBND".into(),
        decision_date: rated(months_ago),
        rated_by: "province".into(),
        ..ProductForm::default()
    }
}

fn filter(pairs: &[(&str, &str)]) -> ProductFilter {
    ProductFilter::from_pairs(pairs.iter().copied())
}

async fn names(s: &app::backend::AppState, pairs: &[(&str, &str)]) -> Vec<String> {
    dir::products(s, &filter(pairs), Lang::Vi)
        .await
        .unwrap()
        .products
        .into_iter()
        .map(|p| p.name)
        .collect()
}

both_backends!(the_directory_shows_verified_valid_ratings_only, |db: Db| async move {
    let s = state(&db);
    let a = producer(&s, "a@htx.vn", "0100109106").await;
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    for p in [
        product("Cà phê rang xay Ea Tu", "beverage", "4", 12),
        product("Mật ong hoa cà phê", "food", "5", 2),
        product("Cà phê hạt Arabica", "beverage", "3", 37),
        ProductForm {
            name_vi: "Bánh tráng".into(),
            group: "food".into(),
            ..ProductForm::default()
        },
    ] {
        catalogue::add_product(&s, &a, &p).await.unwrap();
    }
    let mine = catalogue::my_products(&s, &a).await.unwrap();
    let id = |name: &str| mine.iter().find(|p| p.name == name).unwrap().product_id;
    let (coffee, honey, arabica, cake) = (
        id("Cà phê rang xay Ea Tu"),
        id("Mật ong hoa cà phê"),
        id("Cà phê hạt Arabica"),
        id("Bánh tráng"),
    );
    catalogue::verify_rating(&s, &staff, coffee, true).await.unwrap();
    catalogue::verify_rating(&s, &staff, arabica, true).await.unwrap();

    // a claimed rating, an expired certificate and no rating never show
    assert_eq!(names(&s, &[]).await, ["Cà phê rang xay Ea Tu"]);
    for hidden in [honey, arabica, cake] {
        assert!(dir::product(&s, hidden, Lang::Vi).await.unwrap().is_none(), "{hidden}");
    }
    // search without diacritics, in the product's name and the producer's
    assert_eq!(names(&s, &[("q", "ca phe rang")]).await, ["Cà phê rang xay Ea Tu"]);
    assert_eq!(names(&s, &[("q", "CÀ PHÊ  xay")]).await, ["Cà phê rang xay Ea Tu"]);
    assert!(names(&s, &[("q", "mat ong")]).await.is_empty(), "claimed");
    let card = dir::products(&s, &filter(&[]), Lang::Vi)
        .await
        .unwrap()
        .products
        .remove(0);
    let producer_word = app::domain::text::fold(&card.producer);
    assert_eq!(
        names(&s, &[("q", &producer_word)]).await.len(),
        1,
        "by the producer's name"
    );
    // a wildcard typed by the visitor is a character like any other
    assert!(names(&s, &[("q", "%")]).await.is_empty());

    // verified: the best rated first
    catalogue::verify_rating(&s, &staff, honey, true).await.unwrap();
    assert_eq!(names(&s, &[]).await, ["Mật ong hoa cà phê", "Cà phê rang xay Ea Tu"]);
    assert_eq!(names(&s, &[("sao", "4")]).await, ["Cà phê rang xay Ea Tu"]);
    assert_eq!(names(&s, &[("nhom", "food")]).await, ["Mật ong hoa cà phê"]);
    let page = dir::products(&s, &filter(&[]), Lang::Vi).await.unwrap();
    assert_eq!(page.total, 2);
    // the communes offered are those of producers listed, and filter by them
    let commune = page.communes.first().map(|c| c.0);
    if let Some(c) = commune {
        assert_eq!(names(&s, &[("xa", &c.to_string())]).await.len(), 2);
        assert!(names(&s, &[("xa", &(c + 1000).to_string())]).await.is_empty());
    }

    // the product's page: its certificate, its producer, JSON-LD that parses
    let p = dir::product(&s, coffee, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(p.stars, 4);
    assert_eq!(p.certificate_no.as_deref(), Some("1234/QĐ-UBND"));
    assert!(!p.valid_until.is_empty());
    let ld: serde_json::Value = serde_json::from_str(&p.json_ld).unwrap();
    assert_eq!(ld["@type"], "Product");
    assert_eq!(ld["name"], "Cà phê rang xay Ea Tu");
    assert_eq!(ld["brand"]["@type"], "Brand");
    assert_eq!(ld["brand"]["name"], p.producer.name.as_str());

    // the producer's page: its listed products; its contact details only once it says so
    let producer_id = p.producer.producer_id;
    let page = dir::producer(&s, producer_id, Lang::Vi).await.unwrap().unwrap();
    assert_eq!(page.products.len(), 2);
    assert_eq!(page.card.best_stars, 5);
    assert!(page.contact.is_none());
    let profile = ProfileForm {
        legal_representative: "Y Bih Niê".into(),
        address: "Thôn 3, xã Ea Tu".into(),
        phone: "0912345678".into(),
        shop_links: "https://shopee.vn/htxeatu".into(),
        ..ProfileForm::default()
    };
    catalogue::save_profile(&s, &a, &profile).await.unwrap();
    let page = dir::producer(&s, producer_id, Lang::Vi).await.unwrap().unwrap();
    assert!(page.contact.is_none(), "private until the producer chooses");
    assert_eq!(
        page.shops,
        ["https://shopee.vn/htxeatu"],
        "shops are where a buyer buys"
    );
    catalogue::save_profile(
        &s,
        &a,
        &ProfileForm {
            contact_public: true,
            ..profile
        },
    )
    .await
    .unwrap();
    let contact = dir::producer(&s, producer_id, Lang::Vi)
        .await
        .unwrap()
        .unwrap()
        .contact
        .unwrap();
    assert_eq!(contact.address.as_deref(), Some("Thôn 3, xã Ea Tu"));
    assert!(contact.phone.is_some());
    assert!(catalogue::profile(&s, &a).await.unwrap().contact_public);

    // the producer list, and its search without diacritics
    let all = dir::producers(&s, "", Lang::Vi).await.unwrap();
    assert_eq!(all.producers.len(), 1);
    assert_eq!(
        dir::producers(&s, &producer_word, Lang::Vi)
            .await
            .unwrap()
            .producers
            .len(),
        1
    );
    assert!(dir::producers(&s, "không có ai", Lang::Vi)
        .await
        .unwrap()
        .producers
        .is_empty());
    // a producer without a listed product has no page
    let b = producer(&s, "b@htx.vn", "0300588569").await;
    catalogue::add_product(&s, &b, &product("Rượu cần", "beverage", "3", 5))
        .await
        .unwrap();
    let rice_wine = catalogue::my_products(&s, &b).await.unwrap()[0].product_id;
    assert!(dir::product(&s, rice_wine, Lang::Vi).await.unwrap().is_none());
});

both_backends!(the_product_list_is_paged, |db: Db| async move {
    let s = state(&db);
    let a = producer(&s, "a@htx.vn", "0100109106").await;
    let staff = staff_member(&s, "canbo@sct.vn", Role::Staff).await;
    let n = PAGE_SIZE + 3;
    for i in 0..n {
        let stars = ["3", "4", "5"][usize::try_from(i).unwrap() % 3];
        catalogue::add_product(&s, &a, &product(&format!("Sản phẩm {i:02}"), "food", stars, 3))
            .await
            .unwrap();
    }
    for p in catalogue::my_products(&s, &a).await.unwrap() {
        catalogue::verify_rating(&s, &staff, p.product_id, true).await.unwrap();
    }
    let first = dir::products(&s, &filter(&[]), Lang::Vi).await.unwrap();
    assert_eq!((first.total, first.pages), (n, 2));
    assert_eq!(first.products.len(), usize::try_from(PAGE_SIZE).unwrap());
    let second = dir::products(&s, &filter(&[("trang", "2")]), Lang::Vi).await.unwrap();
    assert_eq!(second.products.len(), 3);
    // every product once, the best rated first
    let mut seen: Vec<(u8, String)> = first
        .products
        .iter()
        .chain(&second.products)
        .map(|p| (p.stars, p.name.clone()))
        .collect();
    let stars: Vec<u8> = seen.iter().map(|p| p.0).collect();
    assert!(stars.windows(2).all(|w| w[0] >= w[1]), "{stars:?}");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), usize::try_from(n).unwrap());
    // a page past the end is empty, not an error
    let past = dir::products(&s, &filter(&[("trang", "9")]), Lang::Vi).await.unwrap();
    assert!(past.products.is_empty());
});
