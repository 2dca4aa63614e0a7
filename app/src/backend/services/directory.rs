//! The public directory: products whose OCOP rating staff have verified and whose certificate is
//! valid today, and the producers that make them. A claimed rating never shows here.

use chrono::{Months, NaiveDate};

use super::{error::ServiceError, public::today};
use crate::{
    backend::{
        db::{self, directory::CardRow, reference::commune_display},
        now, AppState,
    },
    domain::{
        catalogue::{certificate_expiry, shop_links},
        directory::{
            Contact, EventLink, ProducerCard, ProducerPage, ProducersPage, ProductCard, ProductFilter, ProductPage,
            ProductsPage, PAGE_SIZE,
        },
        outcomes::grouped,
        paths,
        producer::ProducerKind,
        reference::ProductGroup,
        text::escape_html,
        time, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The earliest rating decision whose certificate is valid on `today` (36 months).
pub fn cutoff(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(36)).unwrap_or(today)
}

fn commune(kind: Option<&String>, name: Option<&String>, lang: Lang) -> Option<String> {
    Some(commune_display(kind?, name?, lang))
}

fn stars(s: i32) -> u8 {
    u8::try_from(s.clamp(0, 5)).unwrap_or(0)
}

fn card(r: CardRow, lang: Lang) -> ProductCard {
    ProductCard {
        product_id: r.product_id,
        name: lang.pick(&r.name_vi, r.name_en.as_deref()).to_string(),
        group: lang.pick(&r.group_vi, Some(r.group_en.as_str())).to_string(),
        stars: stars(r.ocop_stars),
        producer_id: r.producer_id,
        producer: r.producer.clone(),
        commune: commune(r.commune_kind.as_ref(), r.commune_name.as_ref(), lang),
        photo: r.photo_id.map(paths::product_file),
    }
}

fn event_links(rows: Vec<db::directory::EventRow>, lang: Lang) -> Vec<EventLink> {
    rows.into_iter()
        .map(|(id, vi, en, starts, ends)| {
            (
                id,
                lang.pick(&vi, en.as_deref()).to_string(),
                time::date_range(starts, ends),
            )
        })
        .collect()
}

/// The listed products on sale at a point of sale.
pub(crate) async fn products_at(
    state: &AppState,
    sale_point_id: i64,
    cutoff: NaiveDate,
    lang: Lang,
) -> Result<Vec<ProductCard>> {
    Ok(db::directory::products_at(&state.db, sale_point_id, cutoff)
        .await?
        .into_iter()
        .map(|r| card(r, lang))
        .collect())
}

/// One page of the product list.
pub async fn products(state: &AppState, filter: &ProductFilter, lang: Lang) -> Result<ProductsPage> {
    let cutoff = cutoff(today());
    let (rows, total) = db::directory::products(&state.db, filter, cutoff, PAGE_SIZE).await?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let groups = db::reference::product_groups(&state.db, lang).await?;
    let communes = db::directory::communes(&state.db, cutoff)
        .await?
        .into_iter()
        .map(|(id, kind, name)| (id, commune_display(&kind, &name, lang)))
        .collect();
    Ok(ProductsPage {
        filter: filter.clone(),
        products: rows.into_iter().map(|r| card(r, lang)).collect(),
        total,
        found: match lang {
            Lang::Vi => format!("{} sản phẩm", grouped(i64::from(total), lang)),
            Lang::En => format!("{} products", grouped(i64::from(total), lang)),
        },
        pages: total.div_ceil(PAGE_SIZE).max(1),
        groups: groups
            .into_iter()
            .map(|g| ProductGroup {
                code: g.code,
                name: g.name,
            })
            .collect(),
        communes,
    })
}

/// A listed product's page; `None` when there is no such product in the directory (a claimed
/// or expired rating, or no product at all).
pub async fn product(state: &AppState, product_id: i64, lang: Lang) -> Result<Option<ProductPage>> {
    let cutoff = cutoff(today());
    let Some(p) = db::directory::product(&state.db, product_id, cutoff).await? else {
        return Ok(None);
    };
    let Some(producer) = producer_card(state, p.producer_id, cutoff, lang).await? else {
        return Ok(None);
    };
    let photos: Vec<String> = db::directory::photos(&state.db, product_id)
        .await?
        .into_iter()
        .map(paths::product_file)
        .collect();
    let events = db::directory::events(&state.db, Some(product_id), None, now(), true).await?;
    let points = super::sale_points::of_product(state, product_id, lang).await?;
    let meeting_events = super::inquiries::meeting_events(state, p.producer_id, lang).await?;
    let shops = shops(
        db::catalogue::profile(&state.db, p.producer_id)
            .await?
            .and_then(|p| p.shop_links)
            .as_deref(),
    );
    let (name, other_name) = match lang {
        Lang::Vi => (p.name_vi.clone(), p.name_en.clone()),
        Lang::En => (
            p.name_en.clone().unwrap_or_else(|| p.name_vi.clone()),
            p.name_en.is_some().then(|| p.name_vi.clone()),
        ),
    };
    let base_url = state.config.base_url.clone();
    let description = p.description_vi.clone().unwrap_or_default();
    let group = lang.pick(&p.group_vi, Some(p.group_en.as_str())).to_string();
    let json_ld = product_json_ld(&base_url, product_id, &name, &description, &group, &producer, &photos);
    Ok(Some(ProductPage {
        product_id,
        name,
        other_name,
        description,
        group,
        subgroup: p
            .subgroup_vi
            .as_deref()
            .map(|vi| lang.pick(vi, p.subgroup_en.as_deref()).to_string()),
        stars: stars(p.ocop_stars),
        certificate_no: p.certificate_no.clone(),
        rated_by: p.rated_by.as_deref().map(|r| {
            match (r, lang) {
                ("central", Lang::Vi) => "Bộ Nông nghiệp và Môi trường (cấp trung ương)",
                ("central", Lang::En) => "The national OCOP council",
                (_, Lang::Vi) => "UBND tỉnh",
                (_, Lang::En) => "The Provincial People's Committee",
            }
            .to_string()
        }),
        decision_date: time::day(p.decision_date),
        valid_until: certificate_expiry(p.decision_date).map(time::day).unwrap_or_default(),
        producer,
        shops,
        points,
        meeting_events,
        photos,
        events: event_links(events, lang),
        base_url,
        json_ld,
    }))
}

fn shops(links: Option<&str>) -> Vec<String> {
    shop_links(links.unwrap_or(""))
}

/// schema.org `Product` with its `Brand` (the producer), as JSON-LD that may stand inside a
/// `<script>`: `<` is escaped, so no text can close the element.
fn product_json_ld(
    base_url: &str,
    product_id: i64,
    name: &str,
    description: &str,
    category: &str,
    producer: &ProducerCard,
    photos: &[String],
) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "url": format!("{base_url}{}", paths::product(product_id)),
        "category": category,
        "brand": { "@type": "Brand", "name": producer.name },
        "manufacturer": {
            "@type": "Organization",
            "name": producer.name,
            "url": format!("{base_url}{}", paths::producer_page(producer.producer_id)),
        },
    });
    if !description.is_empty() {
        v["description"] = description.into();
    }
    super::set_images(&mut v, base_url, photos);
    super::json_ld(&v)
}

/// The sitemap (sitemaps.org): the public pages, each event, listed product and producer, with
/// when it last changed where that is known.
pub async fn sitemap(state: &AppState) -> Result<String> {
    let (events, products, producers) = db::directory::sitemap(&state.db, cutoff(today())).await?;
    let base = &state.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, modified: Option<chrono::DateTime<chrono::Utc>>| {
        let loc = escape_html(&format!("{base}{path}"));
        match modified {
            Some(at) => out.push_str(&format!(
                "<url><loc>{loc}</loc><lastmod>{}</lastmod></url>\n",
                at.format("%Y-%m-%dT%H:%M:%SZ")
            )),
            None => out.push_str(&format!("<url><loc>{loc}</loc></url>\n")),
        }
    };
    for path in [
        paths::HOME,
        paths::CALENDAR,
        paths::RESULTS,
        paths::PRODUCTS,
        paths::PRODUCERS,
        paths::SALE_POINTS,
    ] {
        url(path, None);
    }
    for (id, at) in events {
        url(&paths::event(id), Some(at));
    }
    for (id, at) in products {
        url(&paths::product(id), Some(at));
    }
    for id in producers {
        url(&paths::producer_page(id), None);
    }
    for p in db::sale_points::public_list(&state.db, cutoff(today()), None, None).await? {
        url(&paths::sale_point(p.sale_point_id), Some(p.updated_at));
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

/// What crawlers may read: the public pages, not the consoles, the API or the files behind a login.
pub fn robots(base_url: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /can-bo\nDisallow: /quan-tri\nDisallow: /doanh-nghiep$\nDisallow: /doanh-nghiep/\nDisallow: /tai-khoan\n\
         Disallow: /api/\nDisallow: /lich-rieng/\nDisallow: /tai-lieu/\nDisallow: /dang-xuat\nAllow: /\n\
         Sitemap: {base_url}{}\n",
        paths::routes::SITEMAP
    )
}

async fn producer_card(
    state: &AppState,
    producer_id: i64,
    cutoff: NaiveDate,
    lang: Lang,
) -> Result<Option<ProducerCard>> {
    Ok(db::directory::producers(&state.db, "", Some(producer_id), cutoff)
        .await?
        .into_iter()
        .next()
        .map(|r| producer_of(r, lang)))
}

fn producer_of(r: db::directory::ProducerRow, lang: Lang) -> ProducerCard {
    ProducerCard {
        producer_id: r.producer_id,
        kind: ProducerKind::parse(&r.kind)
            .map(|k| k.label(lang))
            .unwrap_or_default()
            .to_string(),
        commune: commune(r.commune_kind.as_ref(), r.commune_name.as_ref(), lang),
        products: u32::try_from(r.products).unwrap_or(0),
        best_stars: stars(r.best_stars),
        has_logo: r.has_logo,
        name: r.name,
    }
}

/// The producers that have products in the directory, by name.
pub async fn producers(state: &AppState, q: &str, lang: Lang) -> Result<ProducersPage> {
    let q: String = q.trim().chars().take(100).collect();
    let rows = db::directory::producers(&state.db, &q, None, cutoff(today())).await?;
    Ok(ProducersPage {
        producers: rows.into_iter().map(|r| producer_of(r, lang)).collect(),
        q,
    })
}

/// A producer's page; `None` when it has no product in the directory.
pub async fn producer(state: &AppState, producer_id: i64, lang: Lang) -> Result<Option<ProducerPage>> {
    let cutoff = cutoff(today());
    let Some(maker) = producer_card(state, producer_id, cutoff, lang).await? else {
        return Ok(None);
    };
    let profile = db::catalogue::profile(&state.db, producer_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let products = db::directory::products_of(&state.db, producer_id, cutoff)
        .await?
        .into_iter()
        .map(|r| card(r, lang))
        .collect();
    let at = now();
    let events = db::directory::events(&state.db, None, Some(producer_id), at, false).await?;
    let upcoming = db::directory::events(&state.db, None, Some(producer_id), at, true).await?;
    let description = match lang {
        Lang::Vi => profile.description_vi.clone(),
        Lang::En => profile
            .description_en
            .clone()
            .or_else(|| profile.description_vi.clone()),
    }
    .unwrap_or_default();
    let contact = profile.contact_public.then(|| Contact {
        address: profile.address.clone(),
        phone: profile.phone.clone(),
        website: profile.website.clone(),
    });
    Ok(Some(ProducerPage {
        card: maker,
        description,
        contact,
        shops: shops(profile.shop_links.as_deref()),
        products,
        events: event_links(events, lang),
        upcoming: event_links(upcoming, lang),
        meeting_events: super::inquiries::meeting_events(state, producer_id, lang).await?,
        base_url: state.config.base_url.clone(),
    }))
}
