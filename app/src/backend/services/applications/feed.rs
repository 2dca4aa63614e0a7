//! The producer's private calendar feed of their own applications.

use super::*;
use crate::domain::paths;

/// Makes a new secret address for the producer's private feed (the old one stops working) and
/// returns the secret; [`feed_address`] makes the address.
pub async fn new_feed(state: &AppState, req: &RequestInfo) -> Result<String> {
    let (_, producer_id) = req.producer()?;
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    let mut tx = state.db.begin_write().await?;
    db::application::set_feed(&mut tx, producer_id, &token::hash_token(&secret), now()).await?;
    super::super::record(&mut tx, req, "feed-new", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(secret)
}

/// The address of the private feed with this secret.
pub fn feed_address(state: &AppState, secret: &str) -> String {
    format!("{}{}", state.config.base_url, paths::private_feed(secret))
}

pub async fn revoke_feed(state: &AppState, req: &RequestInfo) -> Result<()> {
    let (_, producer_id) = req.producer()?;
    let mut tx = state.db.begin_write().await?;
    db::application::delete_feed(&mut tx, producer_id).await?;
    super::super::record(&mut tx, req, "feed-revoke", "producer", producer_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// One entry of a producer's private feed.
pub struct FeedEntry {
    pub uid: String,
    pub sequence: i32,
    pub summary: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The entries behind a secret feed address: the events the producer is confirmed for (with the
/// booth), and the deadlines still ahead (a call closing on a draft, an offer to accept). `None`
/// when the address is unknown or revoked.
pub async fn private_feed(db: &Db, secret: &str) -> Result<Option<Vec<FeedEntry>>> {
    let Some(producer_id) = db::application::feed_owner(db, &token::hash_token(secret)).await? else {
        return Ok(None);
    };
    let booths = db::application::booths_of_producer(db, producer_id).await?;
    let at = now();
    let mut out = Vec::new();
    for r in db::application::mine(db, producer_id).await? {
        let status = r.status;
        let codes: Vec<String> = booths
            .iter()
            .filter(|b| b.0 == r.application_id)
            .map(|b| b.2.clone())
            .collect();
        if status == Status::Approved {
            out.push(FeedEntry {
                uid: format!("booth-{}-{}", r.application_id, r.uid),
                sequence: r.sequence,
                summary: r.title_vi.clone(),
                description: if codes.is_empty() {
                    "Hồ sơ đã được duyệt; gian hàng sẽ được thông báo.".to_string()
                } else {
                    format!("Gian hàng: {}", codes.join(", "))
                },
                starts_at: r.starts_at,
                ends_at: r.ends_at,
            });
        }
        let deadline = match status {
            Status::Draft | Status::ChangesRequested if r.call.closes_at > at => {
                Some((r.call.closes_at, format!("Hạn nộp hồ sơ: {}", r.title_vi)))
            }
            Status::Offered => r
                .offer_expires_at
                .filter(|t| *t > at)
                .map(|t| (t, format!("Hạn xác nhận nhận gian hàng: {}", r.title_vi))),
            _ => None,
        };
        if let Some((t, summary)) = deadline {
            out.push(FeedEntry {
                uid: format!("deadline-{}-{}", r.application_id, r.uid),
                sequence: 0,
                summary,
                description: String::new(),
                starts_at: t - Duration::minutes(30),
                ends_at: t,
            });
        }
    }
    Ok(Some(out))
}
