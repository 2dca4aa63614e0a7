//! Throttling of login, sign-up, password reset and invitations, per account and per client
//! address (or sender).
//! Counts live in the database, so several instances share them.

use chrono::{DateTime, Duration, Utc};

use crate::backend::{db, db::Db, ServerError};

/// At most `max` hits in `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i64,
    pub window: Duration,
}

/// Login attempts on one account from one address: 5 in 15 minutes. Keyed on both, so that
/// someone elsewhere guessing cannot lock the account's owner out (OWASP ASVS 2.2.1).
pub const LOGIN_ACCOUNT: Limit = Limit {
    max: 5,
    window: Duration::minutes(15),
};
/// Login attempts on one account from anywhere: 30 an hour, the slower limit on guessing from
/// many addresses.
pub const LOGIN_ACCOUNT_ANYWHERE: Limit = Limit {
    max: 30,
    window: Duration::hours(1),
};
/// Failed logins from one address (an office behind one address has several people): 20 in 15 minutes.
pub const LOGIN_IP: Limit = Limit {
    max: 20,
    window: Duration::minutes(15),
};
/// Sign-ups from one address: 10 an hour.
pub const SIGN_UP_IP: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
};
/// Sign-ups naming one e-mail address: 3 an hour.
pub const SIGN_UP_ACCOUNT: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};
/// Password-reset requests: 3 an hour per account, 10 per address.
pub const RESET_ACCOUNT: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};
pub const RESET_IP: Limit = Limit {
    max: 10,
    window: Duration::hours(1),
};

/// Invitations sent by one user: 20 an hour.
pub const INVITE_SENDER: Limit = Limit {
    max: 20,
    window: Duration::hours(1),
};
/// Invitations naming one e-mail address: 3 an hour, so nobody's inbox can be flooded.
pub const INVITE_ACCOUNT: Limit = Limit {
    max: 3,
    window: Duration::hours(1),
};

/// Refused for this many more seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

/// Is `bucket` under its limit? When not, says how long until its oldest hit leaves the window.
pub async fn check(
    db: &Db,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), RetryAfter>, ServerError> {
    let (count, oldest) = db::account::hits_since(db, bucket, now - limit.window).await?;
    if count < limit.max {
        return Ok(Ok(()));
    }
    let free_at = oldest.unwrap_or(now) + limit.window;
    let secs = (free_at - now).num_seconds().max(1);
    Ok(Err(RetryAfter(u64::try_from(secs).unwrap_or(1))))
}

/// Records one attempt in every bucket before the work it limits is done, all or none and atomically
/// (a burst cannot all pass one count): the hits to give back if the attempt succeeds, or how
/// long to wait.
pub async fn take(
    db: &Db,
    buckets: &[(&str, Limit)],
    now: DateTime<Utc>,
) -> Result<Result<Vec<i64>, RetryAfter>, ServerError> {
    let windows: Vec<(&str, i64, DateTime<Utc>)> = buckets.iter().map(|(b, l)| (*b, l.max, now - l.window)).collect();
    Ok(match db::account::take_hits(db, &windows, now).await? {
        Ok(ids) => Ok(ids),
        Err((i, oldest)) => {
            let window = buckets.get(i).map_or(Duration::zero(), |b| b.1.window);
            let secs = (oldest.unwrap_or(now) + window - now).num_seconds().max(1);
            Err(RetryAfter(u64::try_from(secs).unwrap_or(1)))
        }
    })
}

/// Records one hit after the fact (the check-then-count way; tests use it as a negative control).
pub async fn hit(db: &Db, bucket: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), ServerError> {
    db::account::hit(db, bucket, now, now - limit.window).await
}
