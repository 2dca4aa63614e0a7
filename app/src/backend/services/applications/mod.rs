//! Producers apply for booths; staff review, rank, decide and allocate; freed booths are offered to
//! the waiting list. Every status change goes through [`application::next`], is written to the
//! application's timeline and the audit log, and is e-mailed (through the outbox, in the same
//! transaction) to the producer's users in their own language.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{
    error::{field, Refusal, ServiceError},
    files::{self, Accept},
};
use crate::{
    backend::{
        auth::{token, RequestInfo},
        db::{self, application::AppRow, Db, Tx},
        mail, now,
        templates::{self, ApplicationNews},
        AppState, ServerError,
    },
    domain::{
        application::{
            self as app, Action, ApplicationForm, ApplyPage, ApplyRules, AskedQuestion, Attached, FreeBooth,
            MyApplication, MyApplications, Part, ProductChoice, Proposal, ReviewFilter, ReviewPage, ReviewRow,
            ScoreInput, Status, TimelineEntry, TypeOption, Want, Weights,
        },
        booths::{amount_due, BoothStatus, QuestionKind},
        catalogue::certificate_expiry,
        text::fold,
        time,
        upload::FileKind,
        Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The event an application belongs to, as the rules need it.
struct EventFacts {
    title_vi: String,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    published: bool,
    call: db::booths::CallRow,
    /// The call's score weights.
    weights: Weights,
    /// How long a waiting-list producer has to accept a freed booth.
    offer_hours: i32,
}

impl EventFacts {
    fn title(&self, lang: Lang) -> String {
        lang.pick(&self.title_vi, self.title_en.as_deref()).to_string()
    }

    fn call_open(&self, at: DateTime<Utc>) -> bool {
        self.call.open_at(self.published, at)
    }

    /// The support rate the call gives a rating, in percent.
    fn support(&self, stars: Option<u8>) -> u8 {
        self.call.support(stars)
    }

    fn last_day(&self) -> NaiveDate {
        time::local_date(self.ends_at)
    }
}

async fn facts(db: &Db, event_id: i64) -> Result<EventFacts> {
    let Some(f) = db::application::call_facts(db, event_id).await? else {
        return Err(ServiceError::NotFound);
    };
    let w = f.weights;
    Ok(EventFacts {
        title_vi: f.title_vi,
        title_en: f.title_en,
        starts_at: f.starts_at,
        ends_at: f.ends_at,
        published: f.status == crate::domain::EventStatus::Published,
        call: f.call,
        weights: Weights {
            stars_5: w.score_5,
            stars_4: w.score_4,
            stars_3: w.score_3,
            unrated: w.score_none,
            valid_certificate: w.score_valid,
            target_group: w.score_group,
            first_time: w.score_first,
        },
        offer_hours: w.offer_hours,
    })
}

fn stars(v: Option<i32>) -> Option<u8> {
    v.and_then(|s| u8::try_from(s).ok()).filter(|s| (3..=5).contains(s))
}

fn link(state: &AppState) -> String {
    format!("{}/doanh-nghiep#ho-so", state.config.base_url)
}

/// Queues one e-mail per user of the producer, each in that user's language.
#[allow(clippy::too_many_arguments)]
async fn tell_producer(
    tx: &mut Tx,
    state: &AppState,
    producer_id: i64,
    news: ApplicationNews,
    ev: &EventFacts,
    message: Option<&str>,
    detail: &str,
) -> Result<()> {
    for (email, name, lang) in db::application::recipients(tx, producer_id).await? {
        let m = templates::application_news(lang, &email, &name, news, &ev.title(lang), message, detail, link(state));
        mail::enqueue(tx, &m, state.config.host()).await?;
    }
    Ok(())
}

async fn audit(tx: &mut Tx, req: &RequestInfo, action: &'static str, id: i64, detail: Option<String>) -> Result<()> {
    Ok(super::record(tx, req, action, "application", id, detail).await?)
}

mod producer;
pub use producer::*;
mod review;
pub use review::*;
mod allocation;
pub use allocation::*;
mod feed;
pub use feed::*;
mod export;
pub use export::*;
