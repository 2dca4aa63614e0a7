//! OCOP points of sale: the staff's register (only staff write it) and the public directory of
//! points that are not closed, with the listed products on sale at each, as pages, GeoJSON
//! (RFC 7946) and CSV.

use std::collections::HashMap;

use super::{
    directory::cutoff,
    error::{field, ServiceError},
    files::{self, Accept},
    public::today,
};
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, reference::commune_display, sale_points::PointRow},
        now, AppState,
    },
    domain::{
        account::FieldError,
        directory::stars_label,
        paths,
        sale_points::{
            decision_text, PointCard, PointFilter, PointPage, PointStatus, PointsPage, ProductChoice, RegisterPage,
            SalePointForm, MAX_PHOTOS,
        },
        time,
        upload::FileKind,
        Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

fn commune(r: &PointRow, lang: Lang) -> Option<String> {
    Some(commune_display(
        r.commune_kind.as_ref()?,
        r.commune_name.as_ref()?,
        lang,
    ))
}

fn card(r: &PointRow, lang: Lang) -> PointCard {
    PointCard {
        sale_point_id: r.sale_point_id,
        name: r.name.clone(),
        operator: r.operator.clone(),
        place_kind: r.place_kind.label(lang).to_string(),
        address: r.address.clone(),
        commune: commune(r, lang),
        position: r.latitude.zip(r.longitude),
        opening_hours: r.opening_hours.clone(),
        phone: r.phone.clone(),
        status: r.status,
        status_label: r.status.label(lang).to_string(),
        products: u32::try_from(r.products).unwrap_or(0),
        photo: r.photo_id.map(paths::sale_point_photo),
    }
}

/// The public list.
pub async fn points(state: &AppState, filter: &PointFilter, lang: Lang) -> Result<PointsPage> {
    let rows =
        db::sale_points::public_list(&state.db, cutoff(today()), filter.commune, filter.group.as_deref()).await?;
    let communes = db::sale_points::communes(&state.db)
        .await?
        .into_iter()
        .map(|(id, kind, name)| (id, commune_display(&kind, &name, lang)))
        .collect();
    Ok(PointsPage {
        filter: filter.clone(),
        points: rows.iter().map(|r| card(r, lang)).collect(),
        groups: db::reference::product_groups(&state.db, lang).await?,
        communes,
    })
}

/// A point's public page; `None` when there is no such point or it has closed.
pub async fn point(state: &AppState, id: i64, lang: Lang) -> Result<Option<PointPage>> {
    let cutoff = cutoff(today());
    let Some(row) = db::sale_points::find(&state.db, id, cutoff).await? else {
        return Ok(None);
    };
    if row.status == PointStatus::Closed {
        return Ok(None);
    }
    let products = super::directory::products_at(state, id, cutoff, lang).await?;
    let c = card(&row, lang);
    let base_url = state.config.base_url.clone();
    let photos: Vec<String> = db::sale_points::photos(&state.db, id)
        .await?
        .into_iter()
        .map(paths::sale_point_photo)
        .collect();
    let json_ld = store_json_ld(&base_url, &c, &photos);
    Ok(Some(PointPage {
        area_m2: row.area_m2,
        decision: row
            .decision_number
            .as_deref()
            .zip(row.decision_date)
            .map(|(n, d)| decision_text(n, d, lang)),
        products,
        photos,
        base_url,
        json_ld,
        card: c,
    }))
}

/// schema.org `Store`, as JSON-LD that may stand inside a `<script>`.
fn store_json_ld(base_url: &str, c: &PointCard, photos: &[String]) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Store",
        "name": c.name,
        "url": format!("{base_url}{}", paths::sale_point(c.sale_point_id)),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": c.address,
            "addressRegion": "Đắk Lắk",
            "addressCountry": "VN",
        },
        "parentOrganization": { "@type": "Organization", "name": c.operator },
    });
    if let Some(commune) = &c.commune {
        v["address"]["addressLocality"] = commune.as_str().into();
    }
    if let Some((lat, lon)) = c.position {
        v["geo"] = serde_json::json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon });
    }
    if let Some(phone) = &c.phone {
        v["telephone"] = phone.as_str().into();
    }
    if let Some(hours) = &c.opening_hours {
        v["openingHours"] = hours.as_str().into();
    }
    super::set_images(&mut v, base_url, photos);
    if c.status == PointStatus::Suspended {
        v["description"] = PointStatus::Suspended.label(Lang::Vi).into();
    }
    super::json_ld(&v)
}

/// The points as GeoJSON (RFC 7946: WGS84, longitude first): every point not closed that has
/// coordinates (narrowed as the list is), with what the list shows of it.
pub async fn geojson(state: &AppState, filter: &PointFilter) -> Result<String> {
    let lang = Lang::Vi;
    let rows =
        db::sale_points::public_list(&state.db, cutoff(today()), filter.commune, filter.group.as_deref()).await?;
    let base = &state.config.base_url;
    let features: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|r| {
            let (lat, lon) = r.latitude.zip(r.longitude)?;
            let c = card(r, lang);
            Some(serde_json::json!({
                "type": "Feature",
                "id": r.sale_point_id,
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "name": c.name,
                    "operator": c.operator,
                    "place_kind": r.place_kind.code(),
                    "place_kind_label": c.place_kind,
                    "address": c.full_address(),
                    "opening_hours": c.opening_hours,
                    "phone": c.phone,
                    "status": r.status.code(),
                    "products": c.products,
                    "url": format!("{base}{}", paths::sale_point(r.sale_point_id)),
                },
            }))
        })
        .collect();
    Ok(serde_json::json!({ "type": "FeatureCollection", "features": features }).to_string())
}

/// The points as a table (the CSV), headed in the reader's language.
pub async fn table(state: &AppState, lang: Lang) -> Result<Vec<Vec<String>>> {
    let rows = db::sale_points::public_list(&state.db, cutoff(today()), None, None).await?;
    let base = &state.config.base_url;
    let mut table = vec![[
        lang.tr("Mã", "Id"),
        lang.tr("Tên điểm bán", "Name"),
        lang.tr("Đơn vị vận hành", "Operator"),
        lang.tr("Loại địa điểm", "Kind of place"),
        lang.tr("Địa chỉ", "Address"),
        lang.tr("Xã, phường", "Commune"),
        lang.tr("Vĩ độ", "Latitude"),
        lang.tr("Kinh độ", "Longitude"),
        lang.tr("Giờ mở cửa", "Opening hours"),
        lang.tr("Điện thoại", "Phone"),
        lang.tr("Tình trạng", "Status"),
        lang.tr("Quyết định công nhận", "Recognised by"),
        lang.tr("Số sản phẩm OCOP", "OCOP products"),
        lang.tr("Trang", "Page"),
    ]
    .map(str::to_string)
    .to_vec()];
    for r in &rows {
        let c = card(r, lang);
        let (lat, lon) = c
            .position
            .map_or((String::new(), String::new()), |(a, b)| (a.to_string(), b.to_string()));
        table.push(vec![
            r.sale_point_id.to_string(),
            c.name.clone(),
            c.operator.clone(),
            c.place_kind.clone(),
            c.address.clone(),
            c.commune.clone().unwrap_or_default(),
            lat,
            lon,
            c.opening_hours.clone().unwrap_or_default(),
            c.phone.clone().unwrap_or_default(),
            c.status_label.clone(),
            r.decision_number
                .as_deref()
                .zip(r.decision_date)
                .map(|(n, d)| decision_text(n, d, lang))
                .unwrap_or_default(),
            c.products.to_string(),
            format!("{base}{}", paths::sale_point(r.sale_point_id)),
        ]);
    }
    Ok(table)
}

/// Where a listed product is on sale: (point id, name, address with commune).
pub async fn of_product(state: &AppState, product_id: i64, lang: Lang) -> Result<Vec<(i64, String, String)>> {
    Ok(db::sale_points::of_product(&state.db, product_id)
        .await?
        .into_iter()
        .map(|(id, name, address, kind, commune)| {
            let at = match kind.zip(commune) {
                Some((k, n)) => format!("{address}, {}", commune_display(&k, &n, lang)),
                None => address,
            };
            (id, name, at)
        })
        .collect())
}

fn form_of(r: &PointRow, products: &[i64]) -> SalePointForm {
    SalePointForm {
        name: r.name.clone(),
        operator: r.operator.clone(),
        place_kind: r.place_kind.code().to_string(),
        address: r.address.clone(),
        commune: r.commune_id.map(|c| c.to_string()).unwrap_or_default(),
        latitude: r.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: r.longitude.map(|v| v.to_string()).unwrap_or_default(),
        opening_hours: r.opening_hours.clone().unwrap_or_default(),
        phone: r.phone.clone().unwrap_or_default(),
        area: r.area_m2.map(|v| v.to_string()).unwrap_or_default(),
        decision_number: r.decision_number.clone().unwrap_or_default(),
        decision_date: r.decision_date.map(time::iso_date).unwrap_or_default(),
        status: r.status.code().to_string(),
        products: products.iter().map(|id| (id.to_string(), "on".to_string())).collect(),
    }
}

/// The staff's register, with the form of the point `editing` (a new one when none).
pub async fn register(state: &AppState, req: &RequestInfo, editing: Option<i64>) -> Result<RegisterPage> {
    req.staff()?;
    let lang = req.lang;
    let cutoff = cutoff(today());
    let rows = db::sale_points::register(&state.db).await?;
    let (form, chosen) = match editing {
        None => (
            SalePointForm {
                status: PointStatus::Open.code().to_string(),
                ..SalePointForm::default()
            },
            Vec::new(),
        ),
        Some(id) => {
            let row = rows
                .iter()
                .find(|r| r.sale_point_id == id)
                .ok_or(ServiceError::NotFound)?;
            let chosen = db::sale_points::product_ids(&state.db, id).await?;
            (form_of(row, &chosen), chosen)
        }
    };
    let photos = match editing {
        Some(id) => db::sale_points::photos(&state.db, id).await?,
        None => Vec::new(),
    };
    let products = db::sale_points::choices(&state.db)
        .await?
        .into_iter()
        .map(|p| {
            let stars = p.ocop_stars.unwrap_or(0);
            let flag = if !p.verified || !(3..=5).contains(&stars) {
                Some(lang.tr(
                    "Chưa có hạng OCOP 3 sao trở lên được xác minh",
                    "No verified OCOP rating of 3 stars or more",
                ))
            } else if p.decision_date.is_none_or(|d| d < cutoff) {
                Some(lang.tr("Giấy chứng nhận OCOP đã hết hạn", "OCOP certificate expired"))
            } else {
                None
            };
            let rating = if p.verified && (3..=5).contains(&stars) {
                format!(" ({})", stars_label(u8::try_from(stars).unwrap_or(0), lang))
            } else {
                String::new()
            };
            ProductChoice {
                product_id: p.product_id,
                label: format!("{}{rating} — {}", p.name_vi, p.producer),
                chosen: chosen.contains(&p.product_id),
                flag: flag.map(str::to_string),
            }
        })
        .collect();
    let flagged: HashMap<i64, i64> = db::sale_points::flagged(&state.db, cutoff).await?.into_iter().collect();
    Ok(RegisterPage {
        flagged: rows
            .iter()
            .filter_map(|r| Some((r.sale_point_id, u32::try_from(*flagged.get(&r.sale_point_id)?).ok()?)))
            .collect(),
        points: rows.iter().map(|r| card(r, lang)).collect(),
        editing,
        photos,
        form,
        communes: db::reference::communes(&state.db, lang)
            .await?
            .into_iter()
            .map(|c| (c.commune_id, c.name))
            .collect(),
        products,
    })
}

/// Saves a point (a new one when `id` is none); answers its id. A commune or product that does
/// not exist is refused beside its field.
pub async fn save(state: &AppState, req: &RequestInfo, id: Option<i64>, form: &SalePointForm) -> Result<i64> {
    let session = req.staff()?;
    let lang = req.lang;
    let checked = form.check(lang).map_err(ServiceError::Fields)?;
    if let Some(c) = checked.commune_id {
        if !db::reference::communes(&state.db, lang)
            .await?
            .iter()
            .any(|x| x.commune_id == c)
        {
            return Err(ServiceError::Fields(vec![FieldError::new(
                "commune",
                lang.tr("Chọn xã, phường trong danh sách.", "Choose a commune from the list."),
            )]));
        }
    }
    let mut tx = state.db.begin_write().await?;
    let saved = db::sale_points::save(&mut tx, id, &checked, Some(session.viewer.user_id), now())
        .await?
        .ok_or(ServiceError::NotFound)?;
    super::record(
        &mut tx,
        req,
        if id.is_some() {
            "sale-point-edit"
        } else {
            "sale-point-add"
        },
        "sale_point",
        saved,
        Some(checked.name.clone()),
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}

// ---- photos ---------------------------------------------------------------------------------

/// The folder under `UPLOAD_DIR` the photos are stored in.
const PHOTOS: &str = "points";

/// Adds a photo (a picture, checked by its first bytes) to a point; staff only. Past
/// [`MAX_PHOTOS`] it is refused beside the file field and nothing is stored.
pub async fn add_photo(state: &AppState, req: &RequestInfo, id: i64, bytes: &[u8]) -> Result<i64> {
    req.staff()?;
    let lang = req.lang;
    let kind = files::check(bytes, Accept::Picture, "file", lang)?;
    let full = || {
        field(
            "file",
            match lang {
                Lang::Vi => format!("Mỗi điểm bán có tối đa {MAX_PHOTOS} ảnh. Hãy xóa bớt ảnh cũ rồi tải lên lại."),
                Lang::En => format!("A point of sale has at most {MAX_PHOTOS} photos. Remove one, then upload again."),
            },
        )
    };
    let max = i64::try_from(MAX_PHOTOS).unwrap_or(i64::MAX);
    // whether the point exists and has room for one more
    let room = async |tx: &mut db::Tx| -> Result<()> {
        match db::sale_points::photo_count(tx, id).await? {
            None => Err(ServiceError::NotFound),
            Some(n) if n >= max => Err(full()),
            Some(_) => Ok(()),
        }
    };
    // asked before the file is written, and again in the writing transaction, the point locked:
    // two uploads at once do not pass the limit together
    room(&mut state.db.begin_write().await?).await?;
    let name = files::store(state, PHOTOS, bytes, kind).await?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let written = async {
        let mut tx = state.db.begin_write().await?;
        room(&mut tx).await?;
        let photo = db::sale_points::insert_photo(&mut tx, id, &name, size, now()).await?;
        super::record(
            &mut tx,
            req,
            "sale-point-photo-add",
            "sale_point",
            id,
            Some(format!("photo {photo}, {size} bytes")),
        )
        .await?;
        tx.commit().await?;
        Ok(photo)
    }
    .await;
    // refused or failed: the file goes with it
    if written.is_err() {
        files::remove(state, PHOTOS, &name).await;
    }
    written
}

/// Removes a photo; staff only. Answers the point it was of.
pub async fn remove_photo(state: &AppState, req: &RequestInfo, photo_id: i64) -> Result<i64> {
    req.staff()?;
    let mut tx = state.db.begin_write().await?;
    let (point, name) = db::sale_points::delete_photo(&mut tx, photo_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    super::record(
        &mut tx,
        req,
        "sale-point-photo-remove",
        "sale_point",
        point,
        Some(format!("photo {photo_id}")),
    )
    .await?;
    tx.commit().await?;
    files::remove(state, PHOTOS, &name).await;
    Ok(point)
}

/// A photo to serve, and whether it is public: it is while its point is not closed; staff see
/// every one. Anyone else is told a closed point's photo does not exist.
pub async fn photo(state: &AppState, req: &RequestInfo, photo_id: i64) -> Result<(Vec<u8>, FileKind, bool)> {
    let (name, status) = db::sale_points::photo(&state.db, photo_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let public = status != PointStatus::Closed;
    if !public && req.staff().is_err() {
        return Err(ServiceError::NotFound);
    }
    let (bytes, kind) = files::read(state, PHOTOS, &name).await.ok_or(ServiceError::NotFound)?;
    Ok((bytes, kind, public))
}
