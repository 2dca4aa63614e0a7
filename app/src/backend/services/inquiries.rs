//! Buyers ask producers: an inquiry sent from a product's or a producer's public page (anyone,
//! throttled per address and per e-mail), held until the buyer confirms their e-mail address by
//! the link mailed to them, then delivered to the producer's users by e-mail (each in their
//! language) and on its console, where it marks how it went. The producer's own address is never
//! shown to the buyer: the producer answers the buyer by e-mail. Staff read the counts.

use chrono::Duration;

use super::{
    directory::cutoff,
    error::{Refusal, ServiceError},
    public::today,
};
use crate::{
    backend::{
        auth::{throttle, token, RequestInfo},
        db::{self, inquiries::InquiryRow},
        mail, now, templates, AppState,
    },
    domain::{
        account::FieldError,
        inquiries::{InquiryCounts, InquiryForm, InquiryLine, InquiryStatus},
        paths, time, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// Inquiries from one address: 10 an hour (an office shares one).
const PER_ADDRESS: throttle::Limit = throttle::Limit {
    max: 10,
    window: Duration::hours(1),
};
/// Inquiries naming one e-mail address: 5 an hour, so nobody's inbox can be flooded.
const PER_EMAIL: throttle::Limit = throttle::Limit {
    max: 5,
    window: Duration::hours(1),
};
/// How long the confirmation link works.
const CONFIRM_WITHIN: Duration = Duration::hours(48);

/// The events a buyer may have met the producer at (id, title in the reader's language).
pub async fn meeting_events(state: &AppState, producer_id: i64, lang: Lang) -> Result<Vec<(i64, String)>> {
    Ok(db::inquiries::events_of(&state.db, producer_id)
        .await?
        .into_iter()
        .map(|(id, vi, en)| (id, lang.pick(&vi, en.as_deref()).to_string()))
        .collect())
}

/// A buyer's inquiry about `product_id` (a listed product) or about what `producer_id` makes (a
/// producer in the directory): checked, throttled, written unconfirmed, and the confirmation link
/// mailed to the buyer in the page's language.
pub async fn send(
    state: &AppState,
    req: &RequestInfo,
    product_id: Option<i64>,
    producer_id: i64,
    form: &InquiryForm,
) -> Result<()> {
    let lang = req.lang;
    let cutoff = cutoff(today());
    // the producer in the directory (read once: its id and name), and the product, if named,
    // listed and the producer's
    let maker = db::directory::producers(&state.db, "", Some(producer_id), cutoff)
        .await?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?;
    if let Some(p) = product_id {
        let listed = db::directory::product(&state.db, p, cutoff)
            .await?
            .is_some_and(|row| row.producer_id == producer_id);
        if !listed {
            return Err(ServiceError::NotFound);
        }
    }
    let (producer, producer_name) = (maker.producer_id, maker.name);
    let checked = form.check(lang).map_err(ServiceError::Fields)?;
    if let Some(e) = checked.event_id {
        if !db::inquiries::events_of(&state.db, producer)
            .await?
            .iter()
            .any(|x| x.0 == e)
        {
            return Err(ServiceError::Fields(vec![FieldError::new(
                "event",
                lang.tr("Chọn sự kiện trong danh sách.", "Choose an event from the list."),
            )]));
        }
    }
    let at = now();
    let by_address = format!("inquiry:ip:{}", req.client_ip);
    let by_email = format!("inquiry:email:{}", checked.email);
    let limits = [(by_email.as_str(), PER_EMAIL), (by_address.as_str(), PER_ADDRESS)];
    if let Err(wait) = throttle::take(&state.db, &limits, at).await? {
        return Err(ServiceError::TooMany(wait));
    }
    let secret = token::new_token().map_err(|e| crate::backend::ServerError::Config(e.to_string()))?;
    let mut tx = state.db.begin_write().await?;
    db::inquiries::insert(
        &mut tx,
        producer,
        product_id,
        &checked,
        lang,
        &token::hash_token(&secret),
        at,
    )
    .await?;
    let link = format!("{}{}?token={secret}", state.config.base_url, paths::CONFIRM_INQUIRY);
    let m = templates::inquiry_confirm(lang, &checked.email, &checked.buyer_name, &producer_name, link);
    mail::enqueue(&mut tx, &m, state.config.host()).await?;
    tx.commit().await?;
    mail::wake();
    Ok(())
}

/// The buyer confirms by the link's secret (once, within 48 hours): the inquiry is delivered to
/// the producer's users by e-mail. Answers the producer's name.
pub async fn confirm(state: &AppState, secret: &str) -> Result<String> {
    let at = now();
    let mut tx = state.db.begin_write().await?;
    let Some(row) = db::inquiries::confirm(&mut tx, &token::hash_token(secret.trim()), at - CONFIRM_WITHIN, at).await?
    else {
        return Err(ServiceError::Refused(Refusal::LinkInvalid));
    };
    let link = format!("{}{}", state.config.base_url, paths::MY_INQUIRIES);
    for (email, name, lang) in db::application::recipients(&mut tx, row.producer_id).await? {
        let product = row
            .product_vi
            .as_deref()
            .map(|vi| lang.pick(vi, row.product_en.as_deref()));
        let event = row.event_vi.as_deref().map(|vi| lang.pick(vi, row.event_en.as_deref()));
        let facts = templates::InquiryFacts {
            buyer: &row.buyer_name,
            organisation: &row.organisation,
            buyer_type: row.buyer_type.label(lang),
            place: &row.place,
            email: &row.email,
            phone: row.phone.as_deref(),
            product,
            event,
            quantity: &row.quantity,
            message: &row.message,
        };
        mail::enqueue(
            &mut tx,
            &templates::inquiry_news(lang, &email, &name, &facts, link.clone()),
            state.config.host(),
        )
        .await?;
    }
    tx.commit().await?;
    mail::wake();
    Ok(
        db::directory::producers(&state.db, "", Some(row.producer_id), cutoff(today()))
            .await?
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    )
}

fn line(r: InquiryRow, lang: Lang) -> InquiryLine {
    InquiryLine {
        inquiry_id: r.inquiry_id,
        received: r
            .confirmed_at
            .map(|t| format!("{} {}", time::date(t), time::clock(t)))
            .unwrap_or_default(),
        buyer_type: r.buyer_type.label(lang).to_string(),
        product: r
            .product_vi
            .as_deref()
            .map(|vi| lang.pick(vi, r.product_en.as_deref()).to_string()),
        event: r
            .event_vi
            .as_deref()
            .map(|vi| lang.pick(vi, r.event_en.as_deref()).to_string()),
        buyer_name: r.buyer_name,
        organisation: r.organisation,
        place: r.place,
        email: r.email,
        phone: r.phone,
        quantity: r.quantity,
        message: r.message,
        status: r.status,
    }
}

/// The producer's confirmed inquiries, the newest first.
pub async fn mine(state: &AppState, req: &RequestInfo) -> Result<Vec<InquiryLine>> {
    let (_, producer_id) = req.producer()?;
    Ok(db::inquiries::of_producer(&state.db, producer_id)
        .await?
        .into_iter()
        .map(|r| line(r, req.lang))
        .collect())
}

/// The producer marks one of its inquiries; another's is not found.
pub async fn mark(state: &AppState, req: &RequestInfo, inquiry_id: i64, status: &str) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let status = InquiryStatus::parse(status).ok_or_else(|| {
        ServiceError::Fields(vec![FieldError::new(
            "status",
            req.lang.tr("Chọn tình trạng.", "Choose a status."),
        )])
    })?;
    let mut tx = state.db.begin_write().await?;
    if !db::inquiries::mark(&mut tx, producer_id, inquiry_id, status, now()).await? {
        return Err(ServiceError::NotFound);
    }
    super::record(
        &mut tx,
        req,
        "inquiry-mark",
        "inquiry",
        inquiry_id,
        Some(status.code().to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Staff: confirmed inquiries per producer and per product group.
pub async fn counts(state: &AppState, req: &RequestInfo) -> Result<InquiryCounts> {
    req.staff()?;
    let lang = req.lang;
    let by_producer: Vec<(String, u32, u32)> = db::inquiries::counts_by_producer(&state.db)
        .await?
        .into_iter()
        .map(|(name, n, deals)| (name, u32::try_from(n).unwrap_or(0), u32::try_from(deals).unwrap_or(0)))
        .collect();
    Ok(InquiryCounts {
        total: by_producer.iter().map(|p| p.1).sum(),
        by_producer,
        by_group: db::inquiries::counts_by_group(&state.db)
            .await?
            .into_iter()
            .map(|(vi, en, n)| {
                (
                    lang.pick(&vi, Some(en.as_str())).to_string(),
                    u32::try_from(n).unwrap_or(0),
                )
            })
            .collect(),
    })
}
