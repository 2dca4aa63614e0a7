//! The register of OCOP points of sale (`/can-bo/diem-ban`): every point with its status and the
//! products flagged at it (unverified, below 3★ or with an expired certificate), and the form of a
//! new point or of the one being edited (`?sua=ID`). A lazy route; a plain form without
//! JavaScript.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::{
    api::sale_points::{get_point_register, RemoveSalePointPhoto, SaveSalePoint},
    components::form::{field_error, row_input as input, row_select as select, Answer, FormError},
    context::use_lang,
    domain::{
        account::Role,
        paths,
        sale_points::{PlaceKind, PointStatus, RegisterPage, MAX_PHOTOS},
        Lang,
    },
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page, query},
    },
};

lazy_page!(StaffSalePointsRoute, SalePointsGuard);

#[component]
fn SalePointsGuard() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Register /> }.into_any())
}

#[component]
fn Register() -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveSalePoint>::new();
    let remove_photo = ServerAction::<RemoveSalePointPhoto>::new();
    let editing = query("sua");
    let done = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(remove_photo.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
    let data = page_data(
        move || (editing.get().parse::<i64>().unwrap_or(0), done.get()),
        |(id, _)| get_point_register(id),
    );
    let saved_flag = query("da-luu");
    let saved = move || matches!(save.value().get(), Some(Ok(_))) || !saved_flag.get().is_empty();
    let title = lang.tr("Điểm giới thiệu và bán sản phẩm OCOP", "OCOP points of sale");
    view! {
        <Title text=title />
        <p class="back"><a href=paths::STAFF>{lang.tr("← Trang cán bộ", "← Staff console")}</a></p>
        <h1>{title}</h1>
        <p class="hint">{lang.tr(
            "Sổ các điểm bán được tỉnh công nhận. Điểm chưa đóng cửa hiện trên trang công khai cùng các sản phẩm OCOP còn hiệu lực đang bán tại đó.",
            "The register of the points the province recognises. Points not closed show on the public pages with the valid OCOP products on sale there.",
        )}</p>
        <p><a href=paths::SALE_POINTS>{lang.tr("Xem trang công khai", "See the public page")}</a></p>
        {move || saved().then(|| view! { <p class="notice success" role="status" id="sale-point-saved">{lang.tr("Đã lưu điểm bán.", "Point of sale saved.")}</p> })}
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => view! {
                        <List page=page.clone() />
                        <PointForm page=page.clone() save />
                        {page.editing.map(|id| view! { <Photos id photos=page.photos.clone() remove=remove_photo /> })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn List(page: RegisterPage) -> impl IntoView {
    let lang = use_lang();
    if page.points.is_empty() {
        return view! { <p class="empty">{lang.tr("Chưa có điểm bán nào.", "No point of sale yet.")}</p> }.into_any();
    }
    let rows = page
        .points
        .iter()
        .map(|p| {
            let flagged = page
                .flagged
                .iter()
                .find(|(id, _)| *id == p.sale_point_id)
                .map(|(_, n)| *n);
            view! {
                <tr id=format!("point-{}", p.sale_point_id)>
                    <th scope="row"><a href=paths::edit_sale_point(p.sale_point_id)>{p.name.clone()}</a></th>
                    <td>{p.place_kind.clone()}</td>
                    <td>{p.full_address()}</td>
                    <td>{p.status_label.clone()}</td>
                    <td class="num">{p.products}</td>
                    <td class="flag">{flagged.map(|n| match lang {
                        Lang::Vi => format!("{n} sản phẩm không đủ điều kiện"),
                        Lang::En => format!("{n} products not eligible"),
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="points-h">{lang.tr("Các điểm bán", "The points")}</h2>
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby="points-h">
            <table class="table sale-points">
                <thead><tr>
                    <th scope="col">{lang.tr("Tên", "Name")}</th>
                    <th scope="col">{lang.tr("Loại địa điểm", "Kind of place")}</th>
                    <th scope="col">{lang.tr("Địa chỉ", "Address")}</th>
                    <th scope="col">{lang.tr("Tình trạng", "Status")}</th>
                    <th scope="col">{lang.tr("Sản phẩm", "Products")}</th>
                    <th scope="col">{lang.tr("Cần xem lại", "To review")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn PointForm(page: RegisterPage, save: ServerAction<SaveSalePoint>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<i64> = Signal::from(save.value());
    let err = move |name: &str| field_error(answer, name.to_string());
    let f = page.form.clone();
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), lang.tr("— Chọn —", "— Choose —").to_string()))
        .chain(
            PlaceKind::ALL
                .iter()
                .map(|k| (k.code().to_string(), k.label(lang).to_string())),
        )
        .collect();
    let statuses: Vec<(String, String)> = PointStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label(lang).to_string()))
        .collect();
    let communes: Vec<(String, String)> = std::iter::once((
        String::new(),
        lang.tr("Ngoài danh sách của tỉnh", "Outside the province's list")
            .to_string(),
    ))
    .chain(page.communes.iter().map(|(id, n)| (id.to_string(), n.clone())))
    .collect();
    let products = page
        .products
        .iter()
        .map(|p| {
            view! {
                <li>
                    <label class="check"><input type="checkbox" name=format!("form[products][{}]", p.product_id) value="on" checked=p.chosen />" "{p.label.clone()}</label>
                    {p.flag.clone().map(|why| view! { " " <span class="flag">{why}</span> })}
                </li>
            }
        })
        .collect_view();
    let heading = if page.editing.is_some() {
        lang.tr("Sửa điểm bán", "Edit the point")
    } else {
        lang.tr("Thêm điểm bán", "Add a point of sale")
    };
    view! {
        <section aria-labelledby="point-form-h" id="diem-ban-form">
            <h2 id="point-form-h">{heading}</h2>
            {page.editing.map(|_| view! { <p><a href=paths::STAFF_SALE_POINTS>{lang.tr("Thêm điểm bán khác", "Add another point")}</a></p> })}
            <ActionForm action=save attr:id="sale-point-form" attr:class="form" attr:novalidate="">
                <input type="hidden" name="sale_point_id" value=page.editing.unwrap_or(0).to_string() />
                <FormError answer />
                <div class="row-fields">
                    {input("[name]".into(), lang.tr("Tên điểm bán", "Name").into(), f.name, err("name"), "text")}
                    {input("[operator]".into(), lang.tr("Đơn vị vận hành", "Run by").into(), f.operator, err("operator"), "text")}
                    {select("[place_kind]".into(), lang.tr("Loại địa điểm (QĐ 950/QĐ-BCT)", "Kind of place (Decision 950/QĐ-BCT)").into(), kinds, f.place_kind, err("place_kind"))}
                    {select("[status]".into(), lang.tr("Tình trạng", "Status").into(), statuses, f.status, err("status"))}
                    {input("[address]".into(), lang.tr("Địa chỉ (số nhà, đường)", "Address (number, street)").into(), f.address, err("address"), "text")}
                    {select("[commune]".into(), lang.tr("Xã, phường", "Commune").into(), communes, f.commune, err("commune"))}
                    {input("[latitude]".into(), lang.tr("Vĩ độ (ví dụ 12,6797)", "Latitude (e.g. 12.6797)").into(), f.latitude, err("latitude"), "text")}
                    {input("[longitude]".into(), lang.tr("Kinh độ (ví dụ 108,0377)", "Longitude (e.g. 108.0377)").into(), f.longitude, err("longitude"), "text")}
                    {input("[opening_hours]".into(), lang.tr("Giờ mở cửa", "Opening hours").into(), f.opening_hours, err("opening_hours"), "text")}
                    {input("[phone]".into(), lang.tr("Điện thoại", "Phone").into(), f.phone, err("phone"), "tel")}
                    {input("[area]".into(), lang.tr("Diện tích (m²)", "Area (m²)").into(), f.area, err("area"), "number")}
                    {input("[decision_number]".into(), lang.tr("Số quyết định công nhận", "Recognition decision No.").into(), f.decision_number, err("decision_number"), "text")}
                    {input("[decision_date]".into(), lang.tr("Ngày quyết định", "Decision date").into(), f.decision_date, err("decision_date"), "date")}
                </div>
                <fieldset class="choices">
                    <legend>{lang.tr("Sản phẩm đang bán tại điểm", "Products on sale there")}</legend>
                    <ul class="product-choices">{products}</ul>
                    <p class="field-error">{move || err("products").get()}</p>
                </fieldset>
                <p class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{lang.tr("Lưu điểm bán", "Save the point")}</button>
                </p>
            </ActionForm>
        </section>
    }
}

/// The photos of the point being edited, each with a remove button, and a plain upload form (a
/// multipart POST that works without JavaScript).
#[component]
fn Photos(id: i64, photos: Vec<i64>, remove: ServerAction<RemoveSalePointPhoto>) -> impl IntoView {
    let lang = use_lang();
    let uploaded = query("anh");
    let full = photos.len() >= MAX_PHOTOS;
    let items = photos
        .into_iter()
        .enumerate()
        .map(|(i, photo)| {
            let alt = match lang {
                Lang::Vi => format!("Ảnh {}", i + 1),
                Lang::En => format!("Photo {}", i + 1),
            };
            view! {
                <li>
                    <img src=paths::sale_point_photo(photo) alt=alt width="160" height="120" loading="lazy" />
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="photo_id" value=photo />
                        <button type="submit" class="button-link">{lang.tr("Xóa ảnh", "Remove photo")}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="anh-diem-ban-h" id="anh-diem-ban">
            <h2 id="anh-diem-ban-h">{lang.tr("Ảnh điểm bán", "Photos of the point")}</h2>
            {move || (!uploaded.get().is_empty()).then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã tải ảnh lên.", "Photo uploaded.")}</p>
            })}
            <ul class="photo-list">{items}</ul>
            {if full {
                view! { <p class="hint">{match lang {
                    Lang::Vi => format!("Đã đủ {MAX_PHOTOS} ảnh. Xóa bớt một ảnh để tải ảnh khác."),
                    Lang::En => format!("{MAX_PHOTOS} photos already. Remove one to upload another."),
                }}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=paths::sale_point_photo_upload(id) enctype="multipart/form-data" class="upload-form" id="sale-point-photo-form">
                        <label for="sale-point-photo">{lang.tr("Thêm ảnh (JPEG, PNG, WebP, tối đa 10 MB)", "Add a photo (JPEG, PNG, WebP, up to 10 MB)")}</label>
                        <input id="sale-point-photo" type="file" name="file" accept="image/jpeg,image/png,image/webp" required />
                        <button type="submit" class="button">{lang.tr("Tải ảnh lên", "Upload the photo")}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
