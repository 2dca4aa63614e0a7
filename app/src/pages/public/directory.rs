//! The public directory of OCOP products (`/san-pham`, `/san-pham/{id}`) and of their producers
//! (`/doanh-nghiep-ocop`, `/doanh-nghiep-ocop/{id}`). Lazy routes rendered whole on the server:
//! the filters are plain GET forms and every link an ordinary link, so all of it works without
//! JavaScript.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

use super::not_found::{ErrorNotice, NotFound};
use crate::{
    api::directory::{get_producer, get_producers, get_product, get_products},
    components::filter_form::{choice, commune_choices, group_choices},
    context::use_lang,
    domain::{
        directory::{
            stars_label, EventLink, ProducerCard, ProducerPage, ProductCard, ProductFilter, ProductPage, ProductsPage,
        },
        paths, Lang,
    },
    pages::{
        page_data::page_data,
        support::{id_param, lazy_page, query},
    },
};

lazy_page!(ProductsRoute, Products);
lazy_page!(ProductRoute, Product);
lazy_page!(ProducersRoute, Producers);
lazy_page!(ProducerRoute, Producer);

/// The waiting line and the error notice around a page's data.
macro_rules! loaded {
    ($data:expr, $ok:expr) => {
        view! {
            <Suspense fallback=move || view! { <p class="loading">{use_lang().t().loading}</p> }>
                {move || Suspend::new(async move {
                    match $data.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(page) => ($ok)(page),
                    }
                })}
            </Suspense>
        }
    };
}
pub(crate) use loaded;

/// The page of one record, named by the address's id (`/san-pham/{id}`): what `$get` answers for
/// it, drawn by `$ok`; a 404 page when there is none.
macro_rules! by_id {
    ($get:ident, $ok:expr) => {{
        let id = id_param();
        let data = page_data(
            move || id.get(),
            |id| async move {
                if id > 0 {
                    $get(id).await
                } else {
                    Ok(None)
                }
            },
        );
        loaded!(data, |page| match page {
            Some(page) => ($ok)(page),
            None => view! { <NotFound /> }.into_any(),
        })
    }};
}
pub(crate) use by_id;

#[component]
fn Products() -> impl IntoView {
    let q = use_query_map();
    let filter = Memo::new(move |_| q.with(|q| ProductFilter::from_pairs(q.into_iter().map(|(k, v)| (k.as_ref(), v)))));
    let data = page_data(move || filter.get(), get_products);
    loaded!(data, |page: ProductsPage| view! { <ProductsView page /> }.into_any())
}

#[component]
fn ProductsView(page: ProductsPage) -> impl IntoView {
    let lang = use_lang();
    let f = page.filter.clone();
    let title = lang.tr("Sản phẩm OCOP", "OCOP products");
    // (value, label, chosen) for each list box
    let stars = [5u8, 4, 3]
        .iter()
        .map(|s| (s.to_string(), stars_label(*s, lang), f.stars == Some(*s)))
        .collect();
    let groups = group_choices(&page.groups, f.group.as_deref());
    let communes = commune_choices(&page.communes, f.commune);
    let found = page.found.clone();
    let pager = (page.pages > 1).then(|| {
        let at = f.page.min(page.pages);
        let link = |p: u32| paths::products_of(&f.to_query(p));
        view! {
            <nav class="pager" aria-label=lang.tr("Trang", "Pages")>
                {(at > 1).then(|| view! { <a rel="prev" href=link(at - 1)>{lang.tr("← Trang trước", "← Previous")}</a> })}
                <span>{match lang {
                    Lang::Vi => format!("Trang {at}/{}", page.pages),
                    Lang::En => format!("Page {at} of {}", page.pages),
                }}</span>
                {(at < page.pages).then(|| view! { <a rel="next" href=link(at + 1)>{lang.tr("Trang sau →", "Next →")}</a> })}
            </nav>
        }
    });
    view! {
        <Title text=title />
        <Meta
            name="description"
            content=lang.tr(
                "Sản phẩm OCOP 3–5 sao của tỉnh Đắk Lắk, hạng sao đã được Sở Công Thương xác minh: nhà sản xuất, nơi mua, sự kiện sắp trưng bày.",
                "Đắk Lắk's 3 to 5-star OCOP products, ratings verified by the Department: who makes them, where to buy them, where they will be shown.",
            )
        />
        <h1>{title}</h1>
        <p class="lead">{lang.tr(
            "Sản phẩm OCOP của tỉnh có hạng sao đã được Sở Công Thương xác minh và giấy chứng nhận còn hiệu lực.",
            "The province's OCOP products whose rating the Department has verified and whose certificate is valid.",
        )}</p>
        <form method="get" action=paths::PRODUCTS class="filters" role="search">
            <fieldset>
                <legend>{lang.tr("Tìm và lọc", "Search and filter")}</legend>
                <div class="field field-wide">
                    <label for="p-q">{lang.tr("Tìm sản phẩm, đơn vị", "Search products, producers")}</label>
                    <input id="p-q" type="search" name="q" value=f.q.clone() placeholder=lang.tr("ví dụ: ca phe, mat ong", "e.g. coffee, honey") />
                </div>
                {choice("p-group", "nhom", lang.tr("Nhóm sản phẩm", "Product group"), lang.tr("Tất cả nhóm", "All groups"), groups)}
                {choice("p-stars", "sao", lang.tr("Hạng sao", "Rating"), lang.tr("3–5 sao", "3 to 5 stars"), stars)}
                {choice("p-commune", "xa", lang.tr("Xã, phường", "Commune"), lang.tr("Cả tỉnh", "The whole province"), communes)}
                <div class="actions">
                    <button type="submit" class="button">{lang.tr("Tìm", "Search")}</button>
                    {f.is_narrowed().then(|| view! { <a href=paths::PRODUCTS>{lang.tr("Bỏ lọc", "Clear")}</a> })}
                </div>
            </fieldset>
        </form>
        <p class="result-count" role="status">{found}</p>
        {if page.products.is_empty() {
            view! { <p class="empty">{lang.tr(
                "Không có sản phẩm nào khớp. Hãy bớt điều kiện lọc hoặc tìm bằng từ khác.",
                "No product matches. Try fewer filters or other words.",
            )}</p> }.into_any()
        } else {
            view! { <ProductGrid products=page.products /> }.into_any()
        }}
        {pager}
        <p><a href=paths::PRODUCERS>{lang.tr("Danh sách đơn vị có sản phẩm OCOP", "Producers with OCOP products")}</a></p>
    }
}

#[component]
pub(crate) fn ProductGrid(products: Vec<ProductCard>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="product-grid">
            {products.into_iter().map(|p| view! {
                <li class="product-card">
                    {p.photo.clone().map(|src| view! { <img src=src alt="" loading="lazy" width="160" height="120" /> })}
                    <h2><a href=paths::product(p.product_id)>{p.name.clone()}</a></h2>
                    <p><span class="stars">{stars_label(p.stars, lang)}</span> " · " {p.group.clone()}</p>
                    <p class="meta">
                        <a href=paths::producer_page(p.producer_id)>{p.producer.clone()}</a>
                        {p.commune.clone().map(|c| view! { " · " {c} })}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Product() -> impl IntoView {
    by_id!(get_product, |page: ProductPage| view! { <ProductView page /> }
        .into_any())
}

fn event_list(events: Vec<EventLink>) -> impl IntoView {
    view! {
        <ul class="event-links">
            {events.into_iter().map(|(id, title, dates)| view! {
                <li><a href=paths::event(id)>{title}</a> " — " {dates}</li>
            }).collect_view()}
        </ul>
    }
}

fn shop_list(shops: Vec<String>) -> impl IntoView {
    view! {
        <ul class="shops">
            {shops.into_iter().map(|s| {
                let text = s.trim_start_matches("https://").trim_start_matches("http://").to_string();
                view! { <li><a href=s rel="noopener external nofollow" target="_blank">{text}</a></li> }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ProductView(page: ProductPage) -> impl IntoView {
    let lang = use_lang();
    let canonical = format!("{}{}", page.base_url, paths::product(page.product_id));
    let summary: String = page.description.chars().take(160).collect();
    let description = if summary.is_empty() { page.name.clone() } else { summary };
    let producer = page.producer.clone();
    let fact = |term: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <div class="fact"><dt>{term}</dt><dd>{v}</dd></div> })
    };
    view! {
        <Title text=page.name.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <crate::pages::support::OpenGraph
            title=page.name.clone()
            description
            url=canonical
            image=page.photos.first().map(|p| format!("{}{p}", page.base_url))
        />
        <script type="application/ld+json" inner_html=page.json_ld.clone()></script>
        <article class="product-page">
            <p class="back"><a href=paths::PRODUCTS>{lang.tr("← Sản phẩm OCOP", "← OCOP products")}</a></p>
            <p class="eyebrow"><span class="stars">{stars_label(page.stars, lang)}</span> " · " {page.group.clone()}
                {page.subgroup.clone().map(|s| view! { " · " {s} })}</p>
            <h1>{page.name.clone()}</h1>
            {page.other_name.clone().map(|n| view! { <p class="other-name" lang=lang.other().code()>{n}</p> })}
            {(!page.photos.is_empty()).then(|| view! {
                <div class="photos">
                    {page.photos.iter().map(|src| view! { <img src=src.clone() alt=page.name.clone() loading="lazy" /> }).collect_view()}
                </div>
            })}
            {page.description.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
            <dl class="facts" id="chung-nhan">
                {fact(lang.tr("Hạng OCOP", "OCOP rating"), Some(stars_label(page.stars, lang)))}
                {fact(lang.tr("Số giấy chứng nhận", "Certificate number"), page.certificate_no.clone())}
                {fact(lang.tr("Đơn vị công nhận", "Rated by"), page.rated_by.clone())}
                {fact(lang.tr("Ngày quyết định", "Decision date"), Some(page.decision_date.clone()))}
                {fact(lang.tr("Hiệu lực đến", "Valid until"), Some(page.valid_until.clone()))}
            </dl>
            <section aria-labelledby="maker-h">
                <h2 id="maker-h">{lang.tr("Đơn vị sản xuất", "Made by")}</h2>
                <p>
                    <a href=paths::producer_page(producer.producer_id)>{producer.name.clone()}</a>
                    " (" {producer.kind.clone()} ")"
                    {producer.commune.clone().map(|c| view! { " · " {c} })}
                </p>
            </section>
            <section aria-labelledby="buy-h">
                <h2 id="buy-h">{lang.tr("Mua ở đâu", "Where to buy")}</h2>
                {(!page.points.is_empty()).then(|| view! {
                    <p>{lang.tr("Điểm giới thiệu và bán sản phẩm OCOP:", "OCOP points of sale:")}</p>
                    <ul class="sale-points" id="noi-ban">
                        {page.points.clone().into_iter().map(|(id, name, at)| view! {
                            <li><a href=paths::sale_point(id)>{name}</a> " — " {at}</li>
                        }).collect_view()}
                    </ul>
                })}
                {if page.shops.is_empty() {
                    view! { <p>{lang.tr(
                        "Liên hệ đơn vị sản xuất qua trang của đơn vị.",
                        "Contact the producer through its page.",
                    )} " " <a href=paths::producer_page(producer.producer_id)>{producer.name.clone()}</a></p> }.into_any()
                } else {
                    view! {
                        <p>{lang.tr("Gian hàng trực tuyến của đơn vị:", "The producer's online shops:")}</p>
                        {shop_list(page.shops.clone())}
                    }.into_any()
                }}
            </section>
            {(!page.events.is_empty()).then(|| view! {
                <section aria-labelledby="shown-h">
                    <h2 id="shown-h">{lang.tr("Sắp trưng bày tại", "To be shown at")}</h2>
                    {event_list(page.events.clone())}
                </section>
            })}
            <super::inquiry::InquirySection product_id=page.product_id producer_id=producer.producer_id events=page.meeting_events.clone() />
        </article>
    }
}

#[component]
fn Producers() -> impl IntoView {
    let q = query("q");
    let data = page_data(move || q.get(), get_producers);
    loaded!(data, |page: crate::domain::directory::ProducersPage| {
        let lang = use_lang();
        let title = lang.tr("Đơn vị có sản phẩm OCOP", "Producers with OCOP products");
        let found = match lang {
            Lang::Vi => format!("{} đơn vị", page.producers.len()),
            Lang::En => format!("{} producers", page.producers.len()),
        };
        view! {
            <Title text=title />
            <h1>{title}</h1>
            <form method="get" action=paths::PRODUCERS class="filters" role="search">
                <fieldset>
                    <legend>{lang.tr("Tìm đơn vị", "Find a producer")}</legend>
                    <div class="field field-wide">
                        <label for="o-q">{lang.tr("Tên đơn vị (có dấu hoặc không dấu)", "Name (with or without diacritics)")}</label>
                        <input id="o-q" type="search" name="q" value=page.q.clone() />
                    </div>
                    <div class="actions"><button type="submit" class="button">{lang.tr("Tìm", "Search")}</button></div>
                </fieldset>
            </form>
            <p class="result-count" role="status">{found}</p>
            <ul class="producer-list">
                {page.producers.into_iter().map(|p| view! { <li><ProducerLine p /></li> }).collect_view()}
            </ul>
            <p><a href=paths::PRODUCTS>{lang.tr("Tất cả sản phẩm OCOP", "All OCOP products")}</a></p>
        }
        .into_any()
    })
}

#[component]
fn ProducerLine(p: ProducerCard) -> impl IntoView {
    let lang = use_lang();
    let products = match lang {
        Lang::Vi => format!("{} sản phẩm, cao nhất {}", p.products, stars_label(p.best_stars, lang)),
        Lang::En => format!("{} products, best {}", p.products, stars_label(p.best_stars, lang)),
    };
    view! {
        <a href=paths::producer_page(p.producer_id)><strong>{p.name.clone()}</strong></a>
        <span class="meta">" · " {p.kind.clone()} {p.commune.clone().map(|c| view! { " · " {c} })} " · " {products}</span>
    }
}

#[component]
fn Producer() -> impl IntoView {
    by_id!(get_producer, |page: ProducerPage| view! { <ProducerView page /> }
        .into_any())
}

#[component]
fn ProducerView(page: ProducerPage) -> impl IntoView {
    let lang = use_lang();
    let c = page.card.clone();
    let canonical = format!("{}{}", page.base_url, paths::producer_page(c.producer_id));
    let summary: String = page.description.chars().take(160).collect();
    let contact = match page.contact.clone() {
        Some(k) => view! {
            <dl class="facts">
                {k.address.map(|a| view! { <div class="fact"><dt>{lang.tr("Địa chỉ", "Address")}</dt><dd>{a}</dd></div> })}
                {k.phone.map(|p| {
                    let tel = format!("tel:{p}");
                    view! { <div class="fact"><dt>{lang.tr("Điện thoại", "Phone")}</dt><dd><a href=tel>{p}</a></dd></div> }
                })}
                {k.website.map(|w| view! { <div class="fact"><dt>{lang.tr("Trang web", "Website")}</dt><dd><a href=w.clone() rel="noopener external nofollow" target="_blank">{w.clone()}</a></dd></div> })}
            </dl>
        }.into_any(),
        None => view! { <p class="hint">{lang.tr(
            "Đơn vị chưa công khai thông tin liên hệ.",
            "This producer has not made its contact details public.",
        )}</p> }.into_any(),
    };
    view! {
        <Title text=c.name.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <crate::pages::support::OpenGraph
            title=c.name.clone()
            description=summary
            url=canonical
            image=c.has_logo.then(|| format!("{}{}", page.base_url, paths::logo(c.producer_id)))
        />
        <article class="producer-page">
            <p class="back"><a href=paths::PRODUCERS>{lang.tr("← Đơn vị có sản phẩm OCOP", "← Producers")}</a></p>
            {c.has_logo.then(|| view! { <img class="logo" src=paths::logo(c.producer_id) alt="" width="96" height="96" /> })}
            <h1>{c.name.clone()}</h1>
            <p class="eyebrow">{c.kind.clone()} {c.commune.clone().map(|m| view! { " · " {m} })}</p>
            {page.description.split('\n').filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
            <section aria-labelledby="contact-h">
                <h2 id="contact-h">{lang.tr("Liên hệ", "Contact")}</h2>
                {contact}
                {(!page.shops.is_empty()).then(|| view! {
                    <p>{lang.tr("Gian hàng trực tuyến:", "Online shops:")}</p>
                    {shop_list(page.shops.clone())}
                })}
            </section>
            <section aria-labelledby="products-h">
                <h2 id="products-h">{lang.tr("Sản phẩm OCOP", "OCOP products")}</h2>
                <ProductGrid products=page.products.clone() />
            </section>
            {(!page.upcoming.is_empty()).then(|| view! {
                <section aria-labelledby="upcoming-h">
                    <h2 id="upcoming-h">{lang.tr("Sắp tham gia", "Coming up")}</h2>
                    {event_list(page.upcoming.clone())}
                </section>
            })}
            {(!page.events.is_empty()).then(|| view! {
                <section aria-labelledby="took-part-h">
                    <h2 id="took-part-h">{lang.tr("Đã tham gia", "Took part in")}</h2>
                    {event_list(page.events.clone())}
                </section>
            })}
            <super::inquiry::InquirySection product_id=0 producer_id=page.card.producer_id events=page.meeting_events.clone() />
        </article>
    }
}
