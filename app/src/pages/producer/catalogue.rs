//! The product catalogue on the producer's page, and the staff's list of ratings to verify.

use leptos::{form::ActionForm, prelude::*};

use crate::context::use_lang;
use crate::domain::paths;
use crate::pages::{
    page_data::{page_data, AsciiJson},
    public::not_found::ErrorNotice,
};
use crate::{
    api::{
        catalogue::{
            get_my_products, get_profile, get_ratings_to_verify, get_subgroups, AddProduct, RemoveProduct,
            RemoveProductFile, SaveProfile, VerifyRating,
        },
        public::get_calendar,
    },
    components::form::{clear_after_success, field_error, Answer, Field, FormError, SelectField},
    domain::{catalogue::ProductView, reference::ProductGroup, EventFilter, Lang},
};

fn stars(p: &ProductView, lang: Lang) -> String {
    match p.stars {
        None => lang.tr("Chưa xếp hạng", "Not rated").to_string(),
        Some(n) => {
            let claimed = if p.verified {
                ""
            } else {
                lang.tr(" (tự khai, chờ xác minh)", " (claimed, not verified yet)")
            };
            format!("{} {n}★{claimed}", "OCOP")
        }
    }
}

fn expiry(p: &ProductView, lang: Lang) -> String {
    match (&p.expiry, p.expired) {
        (Some(e), true) => format!("{e} · {}", lang.tr("đã hết hạn", "expired")),
        (Some(e), false) => e.clone(),
        (None, _) => "—".into(),
    }
}

/// Links to a product's certificate scans (downloads for the owner and staff) and photos, each
/// with a remove button when `remove` is given.
fn file_links(p: &ProductView, lang: Lang, remove: Option<ServerAction<RemoveProductFile>>) -> impl IntoView {
    let mut photo = 0;
    let items = p
        .files
        .iter()
        .map(|(id, kind)| {
            let text = if kind == "certificate" {
                lang.tr("Giấy chứng nhận", "Certificate").to_string()
            } else {
                photo += 1;
                format!("{} {photo}", lang.tr("Ảnh", "Photo"))
            };
            let id = *id;
            view! {
                <li>
                    <a href=paths::product_file(id) rel="external">{text}</a>
                    {remove.map(|action| view! {
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="file_id" value=id />
                            <button type="submit" class="button-link">{lang.tr("Xóa tệp", "Remove file")}</button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="file-links">{items}</ul> }
}

/// The OCOP product groups with their names, in the reader's language (they come with the
/// calendar's filter choices).
pub(crate) fn product_groups(lang: Lang) -> Resource<Vec<ProductGroup>, AsciiJson> {
    page_data(
        || (),
        move |_| async move {
            get_calendar(EventFilter::default(), lang)
                .await
                .map(|c| c.options.product_groups)
                .unwrap_or_default()
        },
    )
}

#[component]
pub fn ProductCatalogue() -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddProduct>::new();
    let remove = ServerAction::<RemoveProduct>::new();
    let remove_file = ServerAction::<RemoveProductFile>::new();
    let products = page_data(
        move || (add.version().get(), remove.version().get(), remove_file.version().get()),
        |_| get_my_products(),
    );
    let groups = product_groups(lang);
    let subgroups = page_data(
        || (),
        move |_| async move { get_subgroups(lang).await.unwrap_or_default() },
    );
    let answer: Answer<()> = Signal::from(add.value());
    let err = move |f: &'static str| field_error(answer, f);
    let add_form = NodeRef::new();
    clear_after_success(add_form, answer);
    view! {
        <section aria-labelledby="products-title">
            <h2 id="products-title">{lang.tr("Sản phẩm", "Products")}</h2>
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match products.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">{lang.tr("Chưa có sản phẩm nào.", "No products yet.")}</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="table products">
                                <thead><tr>
                                    <th>{lang.tr("Sản phẩm", "Product")}</th><th>{lang.tr("Nhóm", "Group")}</th>
                                    <th>{lang.tr("Xếp hạng", "Rating")}</th><th>{lang.tr("Chứng nhận", "Certificate")}</th>
                                    <th>{lang.tr("Hết hạn", "Expires")}</th>
                                    <th>{lang.tr("Giấy chứng nhận, ảnh", "Certificate, photos")}</th><th></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|p| view! {
                                        <tr>
                                            <td>{p.name.clone()}</td>
                                            <td>{p.group.clone()}</td>
                                            <td>{stars(&p, lang)}</td>
                                            <td>{p.certificate_no.clone().unwrap_or_default()} " " {p.decision_date.clone().unwrap_or_default()}</td>
                                            <td>{expiry(&p, lang)}</td>
                                            <td class="product-files">
                                                {file_links(&p, lang, Some(remove_file))}
                                                <form method="post" action=paths::product_file_upload(p.product_id) enctype="multipart/form-data" class="upload-form">
                                                    <label class="sr-only" for=format!("kind-{}", p.product_id)>{lang.tr("Loại tệp", "Kind of file")}</label>
                                                    <select id=format!("kind-{}", p.product_id) name="kind">
                                                        <option value="certificate">{lang.tr("Giấy chứng nhận (PDF, ảnh)", "Certificate (PDF, picture)")}</option>
                                                        <option value="photo">{lang.tr("Ảnh sản phẩm", "Product photo")}</option>
                                                    </select>
                                                    <label class="sr-only" for=format!("file-{}", p.product_id)>{lang.tr("Tệp", "File")}</label>
                                                    <input id=format!("file-{}", p.product_id) type="file" name="file" accept="application/pdf,image/jpeg,image/png,image/webp" required />
                                                    <button type="submit" class="button-link">{lang.tr("Tải lên", "Upload")}</button>
                                                </form>
                                            </td>
                                            <td>
                                                <ActionForm action=remove>
                                                    <input type="hidden" name="product_id" value=p.product_id />
                                                    <button type="submit" class="button-link">{lang.tr("Xóa", "Remove")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let groups = groups.await;
                    let subgroup_options = subgroups
                        .await
                        .into_iter()
                        .map(|(code, group, name)| {
                            let group = groups.iter().find(|g| g.code == group).map(|g| g.name.clone()).unwrap_or_default();
                            (code, format!("{group} › {name}"))
                        })
                        .collect::<Vec<_>>();
                    let options = groups.into_iter().map(|g| (g.code, g.name)).collect::<Vec<_>>();
                    let star_options = vec![
                        ("3".to_string(), "3★".to_string()),
                        ("4".to_string(), "4★".to_string()),
                        ("5".to_string(), "5★".to_string()),
                    ];
                    let rated_by = vec![
                        ("province".to_string(), lang.tr("UBND tỉnh", "The province").to_string()),
                        ("central".to_string(), lang.tr("Trung ương", "The central government").to_string()),
                    ];
                    view! {
                        <ActionForm action=add node_ref=add_form attr:class="form narrow" attr:novalidate="">
                            <h3>{lang.tr("Thêm sản phẩm", "Add a product")}</h3>
                            <FormError answer />
                            <Field name="product[name_vi]" label=lang.tr("Tên sản phẩm", "Product name") error=err("name_vi") />
                            <Field name="product[name_en]" label=lang.tr("Tên tiếng Anh", "English name") error=err("name_en") />
                            <SelectField name="product[group]" label=lang.tr("Nhóm sản phẩm OCOP", "OCOP product group") options placeholder=lang.tr("— Chọn —", "— Choose —") error=err("group") />
                            <SelectField name="product[subgroup]" label=lang.tr("Phân nhóm", "Sub-group") options=subgroup_options placeholder=lang.tr("— Không chọn —", "— None —") error=err("subgroup") />
                            <SelectField name="product[stars]" label=lang.tr("Hạng OCOP", "OCOP rating") options=star_options placeholder=lang.tr("Chưa xếp hạng", "Not rated") error=err("stars") />
                            <Field name="product[certificate_no]" label=lang.tr("Số quyết định công nhận", "Certificate number") error=err("certificate_no") />
                            <Field name="product[decision_date]" kind="date" label=lang.tr("Ngày quyết định", "Decision date") error=err("decision_date") />
                            <SelectField name="product[rated_by]" label=lang.tr("Cấp công nhận", "Rated by") options=rated_by placeholder=lang.tr("— Chọn —", "— Choose —") error=err("rated_by") />
                            <button type="submit" class="button">{lang.tr("Thêm sản phẩm", "Add product")}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn RatingsToVerify() -> impl IntoView {
    let lang = use_lang();
    let verify = ServerAction::<VerifyRating>::new();
    let list = page_data(move || verify.version().get(), |_| get_ratings_to_verify());
    view! {
        <section aria-labelledby="ratings-title">
            <h2 id="ratings-title">{lang.tr("Xếp hạng OCOP chờ xác minh", "OCOP ratings to verify")}</h2>
            <FormError answer=Signal::from(verify.value()) />
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p class="empty">{lang.tr("Không có xếp hạng nào chờ xác minh.", "Nothing to verify.")}</p> }.into_any(),
                        Ok(items) => view! {
                            <table class="table ratings">
                                <tbody>
                                    {items.into_iter().map(|p| view! {
                                        <tr>
                                            <td>{p.producer.clone()}</td>
                                            <td>{p.name.clone()}</td>
                                            <td>{p.stars.map(|s| format!("{s}★")).unwrap_or_default()}</td>
                                            <td>{p.certificate_no.clone().unwrap_or_default()} " · " {p.decision_date.clone().unwrap_or_default()}</td>
                                            <td>{expiry(&p, lang)}</td>
                                            <td>{file_links(&p, lang, None)}</td>
                                            <td>
                                                <ActionForm action=verify>
                                                    <input type="hidden" name="product_id" value=p.product_id />
                                                    <input type="hidden" name="verified" value="true" />
                                                    <button type="submit" class="button-link">{lang.tr("Xác minh", "Verify")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ProfileEditor() -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveProfile>::new();
    let data = page_data(move || save.version().get(), |_| get_profile());
    let answer: Answer<()> = Signal::from(save.value());
    let saved = crate::components::form::succeeded(answer);
    let err = move |f: &'static str| field_error(answer, f);
    let area = move |name: &'static str, id: &'static str, label: &'static str, value: String, field: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <textarea id=id name=name rows="3">{value}</textarea>
                <p class="field-msg field-error">{move || err(field).get()}</p>
            </div>
        }
    };
    view! {
        <section aria-labelledby="profile-title">
            <h2 id="profile-title">{lang.tr("Hồ sơ đơn vị", "Profile")}</h2>
            {move || saved.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã lưu hồ sơ.", "Profile saved.")}</p> })}
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        Ok(p) => view! {
                            <div class="logo-box">
                                {(!p.logo_url.is_empty()).then(|| view! { <img class="logo" src=p.logo_url.clone() alt=lang.tr("Logo của đơn vị", "Our logo") width="96" height="96" /> })}
                                <form method="post" action=paths::LOGO_UPLOAD enctype="multipart/form-data" class="upload-form">
                                    <label for="f-logo">{lang.tr("Logo (JPEG, PNG, WebP, tối đa 10 MB)", "Logo (JPEG, PNG, WebP, up to 10 MB)")}</label>
                                    <input id="f-logo" type="file" name="logo" accept="image/jpeg,image/png,image/webp" required />
                                    <button type="submit" class="button secondary">{lang.tr("Tải logo lên", "Upload the logo")}</button>
                                </form>
                            </div>
                            <ActionForm action=save attr:class="form narrow" attr:novalidate="">
                                <FormError answer />
                                <Field name="profile[legal_representative]" label=lang.tr("Người đại diện theo pháp luật", "Legal representative") value=p.legal_representative error=err("legal_representative") />
                                <Field name="profile[address]" label=lang.tr("Địa chỉ", "Address") value=p.address error=err("address") />
                                <Field name="profile[phone]" kind="tel" label=lang.tr("Điện thoại", "Phone") value=p.phone error=err("phone") />
                                <Field name="profile[website]" kind="url" label=lang.tr("Trang web", "Website") value=p.website error=err("website") />
                                {area("profile[shop_links]", "f-profile-shops", lang.tr("Gian hàng thương mại điện tử (mỗi dòng một địa chỉ)", "Online shops (one address per line)"), p.shop_links, "shop_links")}
                                {area("profile[description_vi]", "f-profile-desc-vi", lang.tr("Giới thiệu ngắn (tiếng Việt)", "Short description (Vietnamese)"), p.description_vi, "description_vi")}
                                {area("profile[description_en]", "f-profile-desc-en", lang.tr("Giới thiệu ngắn (tiếng Anh)", "Short description (English)"), p.description_en, "description_en")}
                                <label class="check">
                                    <input type="checkbox" id="f-profile-contact-public" name="profile[contact_public]" value="true" checked=p.contact_public />
                                    <span>{lang.tr(
                                        "Hiện địa chỉ, điện thoại và trang web trên trang công khai của đơn vị (danh bạ sản phẩm OCOP)",
                                        "Show the address, phone and website on our public page (the OCOP directory)",
                                    )}</span>
                                </label>
                                <button type="submit" class="button">{lang.tr("Lưu hồ sơ", "Save profile")}</button>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
