//! OCOP points of sale for visitors (`/diem-ban`, `/diem-ban/{id}`): where to buy the province's
//! products. Lazy routes rendered whole on the server; the filter is a plain GET form, so all of
//! it works without JavaScript. The open data (GeoJSON, CSV) is linked from the list.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{
    directory::{by_id, loaded, ProductGrid},
    not_found::{ErrorNotice, NotFound},
};
use crate::{
    api::sale_points::{get_sale_point, get_sale_points},
    components::filter_form::{choice, commune_choices, group_choices},
    context::use_lang,
    domain::{
        paths,
        sale_points::{PointCard, PointFilter, PointPage, PointStatus, PointsPage},
        Lang,
    },
    pages::{
        page_data::page_data,
        support::{id_param, lazy_page},
    },
};

lazy_page!(SalePointsRoute, SalePoints);
lazy_page!(SalePointRoute, SalePoint);

#[component]
fn SalePoints() -> impl IntoView {
    let q = use_query_map();
    let filter = Memo::new(move |_| q.with(|q| PointFilter::from_pairs(q.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    let data = page_data(move || filter.get(), get_sale_points);
    loaded!(data, |page: PointsPage| view! { <PointsView page /> }.into_any())
}

#[component]
fn PointsView(page: PointsPage) -> impl IntoView {
    let lang = use_lang();
    let f = page.filter.clone();
    let title = lang.tr("Điểm giới thiệu và bán sản phẩm OCOP", "OCOP points of sale");
    let groups = group_choices(&page.groups, f.group.as_deref());
    let communes = commune_choices(&page.communes, f.commune);
    let found = match lang {
        Lang::Vi => format!("{} điểm bán", page.points.len()),
        Lang::En => format!("{} points of sale", page.points.len()),
    };
    view! {
        <Title text=title />
        <Meta
            name="description"
            content=lang.tr(
                "Các điểm giới thiệu và bán sản phẩm OCOP được tỉnh Đắk Lắk công nhận: địa chỉ, giờ mở cửa, sản phẩm đang bán.",
                "The OCOP points of sale Đắk Lắk recognises: addresses, opening hours, the products on sale.",
            )
        />
        <h1>{title}</h1>
        <p class="lead">{lang.tr(
            "Nơi mua sản phẩm OCOP của tỉnh: các điểm được công nhận theo Quyết định 950/QĐ-BCT, với sản phẩm đang bán tại mỗi điểm.",
            "Where to buy the province's OCOP products: the points recognised under Decision 950/QĐ-BCT, with the products on sale at each.",
        )}</p>
        <form method="get" action=paths::SALE_POINTS class="filters" role="search">
            <fieldset>
                <legend>{lang.tr("Lọc điểm bán", "Filter the points")}</legend>
                {choice("sp-commune", "xa", lang.tr("Xã, phường", "Commune"), lang.tr("Cả tỉnh", "The whole province"), communes)}
                {choice("sp-group", "nhom", lang.tr("Có bán nhóm sản phẩm", "Selling products of"), lang.tr("Mọi nhóm", "Any group"), groups)}
                <div class="actions">
                    <button type="submit" class="button">{lang.tr("Lọc", "Filter")}</button>
                    {f.is_narrowed().then(|| view! { <a href=paths::SALE_POINTS>{lang.tr("Bỏ lọc", "Clear")}</a> })}
                </div>
            </fieldset>
        </form>
        <p class="result-count" role="status">{found}</p>
        {(!page.points.is_empty()).then(|| view! { <MapFrame query=f.to_query() /> })}
        {if page.points.is_empty() {
            view! { <p class="empty">{lang.tr(
                "Không có điểm bán nào khớp. Hãy bỏ bớt điều kiện lọc.",
                "No point of sale matches. Try fewer filters.",
            )}</p> }.into_any()
        } else {
            view! {
                <ul class="sale-point-list">
                    {page.points.into_iter().map(|p| view! { <li><PointLine p /></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p class="open-data">{lang.tr("Dữ liệu mở: ", "Open data: ")}
            <a href=paths::SALE_POINTS_GEOJSON rel="external" type="application/geo+json">"GeoJSON"</a> " · "
            <a href=paths::SALE_POINTS_CSV rel="external" type="text/csv">"CSV"</a>
        </p>
    }
}

/// The map (`/nhung/diem-ban`) in a frame: Leaflet runs in its own document, apart from this
/// page's hydration; without JavaScript the frame says where the list is, which is right here.
#[component]
fn MapFrame(query: String) -> impl IntoView {
    let lang = use_lang();
    let mut src = paths::SALE_POINTS_MAP.to_string();
    let lang_part = (lang == Lang::En).then_some("lang=en");
    let parts: Vec<&str> = [Some(query.as_str()).filter(|q| !q.is_empty()), lang_part]
        .into_iter()
        .flatten()
        .collect();
    if !parts.is_empty() {
        src = format!("{src}?{}", parts.join("&"));
    }
    // `loading` is not among the view macro's iframe attributes: set as a plain attribute
    view! {
        <iframe class="map" src=src title=lang.tr("Bản đồ điểm bán sản phẩm OCOP", "Map of the OCOP points of sale")></iframe>
    }
    .attr("loading", "lazy")
}

#[component]
fn PointLine(p: PointCard) -> impl IntoView {
    let lang = use_lang();
    let products = match lang {
        Lang::Vi => format!("{} sản phẩm OCOP", p.products),
        Lang::En => format!("{} OCOP products", p.products),
    };
    view! {
        {p.photo.clone().map(|src| view! { <img src=src alt="" loading="lazy" width="160" height="120" /> })}
        <h2><a href=paths::sale_point(p.sale_point_id)>{p.name.clone()}</a></h2>
        <p class="meta">{p.place_kind.clone()} " · " {products}
            {(p.status == PointStatus::Suspended).then(|| view! { " · " <strong class="status-suspended">{p.status_label.clone()}</strong> })}
        </p>
        <p>{p.full_address()}</p>
        {p.opening_hours.clone().map(|h| view! { <p class="meta">{lang.tr("Giờ mở cửa: ", "Open: ")}{h}</p> })}
    }
}

#[component]
fn SalePoint() -> impl IntoView {
    by_id!(get_sale_point, |page: PointPage| view! { <PointView page /> }
        .into_any())
}

#[component]
fn PointView(page: PointPage) -> impl IntoView {
    let lang = use_lang();
    let c = page.card.clone();
    let canonical = format!("{}{}", page.base_url, paths::sale_point(c.sale_point_id));
    let description = match lang {
        Lang::Vi => format!(
            "{}: điểm giới thiệu và bán sản phẩm OCOP tại {}.",
            c.name,
            c.full_address()
        ),
        Lang::En => format!("{}: an OCOP point of sale at {}.", c.name, c.full_address()),
    };
    let fact = |term: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <div class="fact"><dt>{term}</dt><dd>{v}</dd></div> })
    };
    let area = page
        .area_m2
        .map(|a| format!("{} m²", crate::domain::outcomes::grouped(a, lang)));
    let map_link = c
        .position
        .map(|(lat, lon)| format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"));
    let phone = c.phone.clone().map(|p| {
        let dial: String = p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect();
        view! { <div class="fact"><dt>{lang.tr("Điện thoại", "Phone")}</dt><dd><a href=format!("tel:{dial}")>{p}</a></dd></div> }
    });
    view! {
        <Title text=c.name.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <crate::pages::support::OpenGraph
            title=c.name.clone()
            description
            url=canonical
            image=page.photos.first().map(|p| format!("{}{p}", page.base_url))
        />
        <script type="application/ld+json" inner_html=page.json_ld.clone()></script>
        <article class="sale-point-page">
            <p class="back"><a href=paths::SALE_POINTS>{lang.tr("← Điểm bán sản phẩm OCOP", "← OCOP points of sale")}</a></p>
            <p class="eyebrow">{c.place_kind.clone()}</p>
            <h1>{c.name.clone()}</h1>
            {(c.status == PointStatus::Suspended).then(|| view! {
                <p class="notice" role="status">{lang.tr("Điểm bán đang tạm ngừng hoạt động.", "This point of sale is suspended.")}</p>
            })}
            {(!page.photos.is_empty()).then(|| view! {
                <div class="photos">
                    {page.photos.iter().map(|src| view! { <img src=src.clone() alt=c.name.clone() loading="lazy" /> }).collect_view()}
                </div>
            })}
            <dl class="facts" id="thong-tin">
                {fact(lang.tr("Địa chỉ", "Address"), Some(c.full_address()))}
                {fact(lang.tr("Đơn vị vận hành", "Run by"), Some(c.operator.clone()))}
                {fact(lang.tr("Giờ mở cửa", "Opening hours"), c.opening_hours.clone())}
                {phone}
                {fact(lang.tr("Diện tích", "Area"), area)}
                {fact(lang.tr("Công nhận theo", "Recognised by"), page.decision.clone())}
            </dl>
            {c.position.map(|_| view! { <MapFrame query=format!("diem={}", c.sale_point_id) /> })}
            {map_link.map(|href| view! {
                <p><a href=href rel="external noopener" target="_blank">{lang.tr("Xem trên bản đồ OpenStreetMap", "See it on OpenStreetMap")}</a></p>
            })}
            <section aria-labelledby="on-sale-h">
                <h2 id="on-sale-h">{lang.tr("Sản phẩm OCOP đang bán", "OCOP products on sale")}</h2>
                {if page.products.is_empty() {
                    view! { <p class="empty">{lang.tr("Chưa có sản phẩm nào được ghi nhận.", "No product recorded yet.")}</p> }.into_any()
                } else {
                    view! { <ProductGrid products=page.products.clone() /> }.into_any()
                }}
            </section>
        </article>
    }
}
