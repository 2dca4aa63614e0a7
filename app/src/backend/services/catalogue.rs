//! The product catalogue: producers keep their products and OCOP ratings; staff verify ratings.
//! A producer only ever sees and changes their own organisation's products (another's is "not
//! found").

use super::accounts::AccountError;
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, catalogue::ProductRow, Tx},
        now,
        services::calendar::today,
        AppState,
    },
    domain::{
        catalogue::{certificate_expiry, ProductForm, ProductView, ProfileForm},
        Lang,
    },
};

type Result<T, E = AccountError> = std::result::Result<T, E>;

fn view(r: ProductRow, lang: Lang) -> ProductView {
    let expiry = r.decision_date.and_then(certificate_expiry);
    ProductView {
        product_id: r.product_id,
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
    Ok(db::catalogue::of_producer(&state.db, producer_id)
        .await?
        .into_iter()
        .map(|r| view(r, req.lang))
        .collect())
}

pub async fn add_product(state: &AppState, req: &RequestInfo, form: &ProductForm) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let lang = req.lang;
    let p = form.validate(today(), lang).map_err(AccountError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let Some(id) = db::catalogue::insert(&mut tx, producer_id, &p, now()).await? else {
        return Err(AccountError::Fields(vec![crate::domain::account::FieldError::new(
            "group",
            lang.a().choose_one,
        )]));
    };
    audit(&mut tx, req, "product-add", id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_product(state: &AppState, req: &RequestInfo, product_id: i64) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    if !db::catalogue::delete(&mut tx, producer_id, product_id).await? {
        return Err(AccountError::NotFound);
    }
    audit(&mut tx, req, "product-remove", product_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Ratings waiting for staff to check the certificate.
pub async fn ratings_to_verify(state: &AppState, req: &RequestInfo) -> Result<Vec<ProductView>> {
    req.staff()?;
    Ok(db::catalogue::unverified(&state.db, 200)
        .await?
        .into_iter()
        .map(|r| view(r, req.lang))
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
        return Err(AccountError::NotFound);
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
        .ok_or(AccountError::NotFound)?;
    Ok(ProfileForm {
        legal_representative: p.legal_representative.unwrap_or_default(),
        address: p.address.unwrap_or_default(),
        phone: p.phone.unwrap_or_default(),
        website: p.website.unwrap_or_default(),
        shop_links: p.shop_links.unwrap_or_default(),
        description_vi: p.description_vi.unwrap_or_default(),
        description_en: p.description_en.unwrap_or_default(),
    })
}

/// Any user of the organisation may keep its profile up to date.
pub async fn save_profile(state: &AppState, req: &RequestInfo, form: &ProfileForm) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let p = form.validate(req.lang).map_err(AccountError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    db::catalogue::save_profile(&mut tx, producer_id, &p, now()).await?;
    super::record(&mut tx, req, "profile-save", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(())
}
