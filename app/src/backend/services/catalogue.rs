//! The product catalogue: producers keep their products and OCOP ratings; staff verify ratings.
//! A producer only ever sees and changes their own organisation's products (another's is "not
//! found").

use super::error::ServiceError;
use crate::domain::ids::ProducerId;
use crate::domain::paths;
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, catalogue::ProductRow, Tx},
        now,
        services::{
            files::{self, Accept},
            public::today,
        },
        AppState,
    },
    domain::{
        catalogue::{certificate_expiry, ProductForm, ProductView, ProfileForm},
        upload::FileKind,
        Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

fn view(r: ProductRow, lang: Lang) -> ProductView {
    let expiry = r.decision_date.and_then(certificate_expiry);
    ProductView {
        product_id: r.product_id,
        subgroup: r
            .subgroup_vi
            .as_deref()
            .map(|vi| lang.pick(vi, r.subgroup_en.as_deref()).to_string()),
        files: Vec::new(),
        producer: r.producer,
        name: lang.pick(&r.name_vi, r.name_en.as_deref()).to_string(),
        group: match lang {
            Lang::Vi => r.group_vi,
            Lang::En => r.group_en,
        },
        stars: r.ocop_stars.and_then(|s| u8::try_from(s).ok()),
        certificate_no: r.certificate_no,
        decision_date: r.decision_date.map(|d| d.format("%d/%m/%Y").to_string()),
        expiry: expiry.map(|d| d.format("%d/%m/%Y").to_string()),
        expired: expiry.is_some_and(|e| e < today()),
        rated_by: r.rated_by,
        verified: r.verified_at.is_some(),
    }
}

async fn audit(tx: &mut Tx, req: &RequestInfo, action: &'static str, product_id: i64) -> Result<()> {
    Ok(super::record(tx, req, action, "product", product_id, None).await?)
}

pub async fn my_products(state: &AppState, req: &RequestInfo) -> Result<Vec<ProductView>> {
    let (_, producer_id) = req.producer()?;
    let files = db::files::files_of_producer(&state.db, producer_id).await?;
    Ok(db::catalogue::of_producer(&state.db, producer_id)
        .await?
        .into_iter()
        .map(|r| with_files(view(r, req.lang), &files))
        .collect())
}

fn with_files(mut p: ProductView, files: &[(i64, i64, String)]) -> ProductView {
    p.files = files
        .iter()
        .filter(|f| f.1 == p.product_id)
        .map(|f| (f.0, f.2.clone()))
        .collect();
    p
}

/// The OCOP sub-groups: (code, group code, name in the reader's language).
pub async fn subgroups(state: &AppState, lang: Lang) -> Result<Vec<(String, String, String)>> {
    Ok(db::files::subgroups(&state.db)
        .await?
        .into_iter()
        .map(|(code, group, vi, en)| (code, group, lang.pick(&vi, Some(&en)).to_string()))
        .collect())
}

pub async fn add_product(state: &AppState, req: &RequestInfo, form: &ProductForm) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let lang = req.lang;
    let p = form.validate(today(), lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let Some(id) = db::catalogue::insert(&mut tx, producer_id, &p, now()).await? else {
        let field = if p.subgroup.is_some() { "subgroup" } else { "group" };
        return Err(super::error::field(field, lang.a().choose_one));
    };
    audit(&mut tx, req, "product-add", id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_product(state: &AppState, req: &RequestInfo, product_id: i64) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    let names = db::files::stored_names_of_product(&mut tx, product_id).await?;
    if !db::catalogue::delete(&mut tx, ProducerId(producer_id), product_id).await? {
        return Err(ServiceError::NotFound);
    }
    audit(&mut tx, req, "product-remove", product_id).await?;
    tx.commit().await?;
    // its files go with it, once no row names them
    for name in names {
        files::remove(state, PRODUCT_FILES, &name).await;
    }
    Ok(())
}

/// Ratings waiting for staff to check the certificate.
pub async fn ratings_to_verify(state: &AppState, req: &RequestInfo) -> Result<Vec<ProductView>> {
    req.staff()?;
    let rows = db::catalogue::unverified(&state.db, 200).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.product_id).collect();
    let files = db::files::files_of_products(&state.db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| with_files(view(r, req.lang), &files))
        .collect())
}

pub async fn verify_rating(state: &AppState, req: &RequestInfo, product_id: i64, verified: bool) -> Result<()> {
    let staff = req.staff()?.viewer.user_id;
    let mut tx = state.db.begin_write().await?;
    let (by, at) = if verified {
        (Some(staff), Some(now()))
    } else {
        (None, None)
    };
    if !db::catalogue::set_verified(&mut tx, product_id, by, at).await? {
        return Err(ServiceError::NotFound);
    }
    audit(
        &mut tx,
        req,
        if verified { "rating-verify" } else { "rating-unverify" },
        product_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The producer's profile as its form shows it.
pub async fn profile(state: &AppState, req: &RequestInfo) -> Result<ProfileForm> {
    let (_, producer_id) = req.producer()?;
    let p = db::catalogue::profile(&state.db, producer_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(ProfileForm {
        legal_representative: p.legal_representative.unwrap_or_default(),
        address: p.address.unwrap_or_default(),
        phone: p.phone.unwrap_or_default(),
        website: p.website.unwrap_or_default(),
        shop_links: p.shop_links.unwrap_or_default(),
        description_vi: p.description_vi.unwrap_or_default(),
        description_en: p.description_en.unwrap_or_default(),
        contact_public: p.contact_public,
        logo_url: if db::files::logo(&state.db, producer_id).await?.is_some() {
            paths::logo(producer_id)
        } else {
            String::new()
        },
    })
}

/// Any user of the organisation may keep its profile up to date.
pub async fn save_profile(state: &AppState, req: &RequestInfo, form: &ProfileForm) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let p = form.validate(req.lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    db::catalogue::save_profile(&mut tx, producer_id, &p, now()).await?;
    super::record(&mut tx, req, "profile-save", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(())
}

// ---- files: certificate scans and photos, the logo ----------------------------------------------

const PRODUCT_FILES: &str = "products";
const LOGOS: &str = "logos";
/// Photos per product.
pub const MAX_PHOTOS: i64 = 8;
/// Certificate scans per product (a decision, its annex, a renewal…).
pub const MAX_CERTIFICATES: i64 = 4;

/// Adds a certificate scan (`kind` "certificate": PDF or picture) or a photo (a picture) to one of
/// the producer's own products.
pub async fn add_product_file(
    state: &AppState,
    req: &RequestInfo,
    product_id: i64,
    kind: &str,
    bytes: &[u8],
) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let lang = req.lang;
    let accept = match kind {
        "certificate" => Accept::Document,
        "photo" => Accept::Picture,
        _ => return Err(super::error::field("kind", lang.a().choose_one)),
    };
    let file_kind = files::check(bytes, accept, "file", lang)?;
    // whether the file may be added: the producer's own product, below its limits and the quota
    let room = async |tx: &mut db::Tx| -> std::result::Result<(), ServiceError> {
        if db::files::product_owner(tx, product_id).await? != Some(producer_id) {
            return Err(ServiceError::NotFound);
        }
        if kind == "photo" && db::files::count_files(tx, product_id, "photo").await? >= MAX_PHOTOS {
            return Err(super::error::field(
                "file",
                lang.tr("Mỗi sản phẩm có tối đa 8 ảnh.", "A product has at most 8 photos."),
            ));
        }
        if kind == "certificate" && db::files::count_files(tx, product_id, "certificate").await? >= MAX_CERTIFICATES {
            return Err(super::error::field(
                "file",
                lang.tr(
                    "Mỗi sản phẩm có tối đa 4 bản chụp giấy chứng nhận.",
                    "A product has at most 4 certificate scans.",
                ),
            ));
        }
        files::within_quota(state, tx, producer_id, bytes.len(), lang).await
    };
    // asked before the file is written, and again in the writing transaction, the product locked:
    // two uploads at once do not pass a limit together
    room(&mut state.db.begin_write().await?).await?;
    let name = files::store(state, PRODUCT_FILES, bytes, file_kind).await?;
    let written = async {
        let mut tx = state.db.begin_write().await?;
        room(&mut tx).await?;
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let id = db::files::insert_product_file(&mut tx, product_id, kind, &name, size, now()).await?;
        super::record(
            &mut tx,
            req,
            "product-file-add",
            "product",
            product_id,
            Some(format!("{kind} {id}, {size} bytes")),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    // refused or failed: the file goes with it
    if written.is_err() {
        files::remove(state, PRODUCT_FILES, &name).await;
    }
    written
}

pub async fn remove_product_file(state: &AppState, req: &RequestInfo, file_id: i64) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    let Some(name) = db::files::delete_product_file(&mut tx, ProducerId(producer_id), file_id).await? else {
        return Err(ServiceError::NotFound);
    };
    super::record(&mut tx, req, "product-file-remove", "product-file", file_id, None).await?;
    tx.commit().await?;
    files::remove(state, PRODUCT_FILES, &name).await;
    Ok(())
}

/// A product file to serve: its bytes, kind, and whether it is public. Photos are public;
/// certificates only for their owner and staff (anyone else: not found).
pub async fn product_file(state: &AppState, req: &RequestInfo, file_id: i64) -> Result<(Vec<u8>, FileKind, bool)> {
    let (owner, kind, name) = db::files::product_file(&state.db, file_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let public = kind == "photo";
    let allowed = public || req.staff().is_ok() || req.producer().is_ok_and(|(_, p)| p == owner);
    if !allowed {
        return Err(ServiceError::NotFound);
    }
    let (bytes, kind) = files::read(state, PRODUCT_FILES, &name)
        .await
        .ok_or(ServiceError::NotFound)?;
    Ok((bytes, kind, public))
}

/// The producer's logo (a picture).
pub async fn set_logo(state: &AppState, req: &RequestInfo, bytes: &[u8]) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let kind = files::check(bytes, Accept::Picture, "logo", req.lang)?;
    let name = files::store(state, LOGOS, bytes, kind).await?;
    let mut tx = state.db.begin_write().await?;
    let old = db::files::set_logo(&mut tx, producer_id, &name).await?;
    super::record(&mut tx, req, "logo-set", "producer", producer_id, None).await?;
    tx.commit().await?;
    if let Some(old) = old {
        files::remove(state, LOGOS, &old).await;
    }
    Ok(())
}

/// A producer's logo, public.
pub async fn logo(state: &AppState, producer_id: i64) -> Result<(Vec<u8>, FileKind)> {
    let name = db::files::logo(&state.db, producer_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    files::read(state, LOGOS, &name).await.ok_or(ServiceError::NotFound)
}
