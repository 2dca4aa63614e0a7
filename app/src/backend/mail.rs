//! Mail: an outbox table and a worker that sends it (shared/DESIGN.md §Mail).
//!
//! A use case calls [`enqueue`] inside its own transaction, so the message exists exactly when the
//! change it reports does. [`MailWorker`] claims due rows, sends each with a timeout, and records
//! the outcome: sent; a transient failure (connection refused or lost, timeout, SMTP 4xx) retries
//! with back-off; a permanent one (SMTP 5xx) fails after one try and stays visible.

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use lettre::{
    message::{header::ContentType, Mailbox, MultiPart, SinglePart},
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use super::{
    db::{self, mail::ClaimedMail, Db, Tx},
    now, ServerError,
};
use crate::domain::Lang;

/// A message to send, already rendered in its reader's language.
#[derive(Clone, Debug)]
pub struct OutgoingMail {
    /// The template that made it, e.g. "verify-email".
    pub kind: &'static str,
    pub lang: Lang,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
}

/// Writes a message to the outbox inside the caller's transaction; returns its row id.
pub async fn enqueue(tx: &mut Tx, mail: &OutgoingMail, host: &str) -> Result<i64, ServerError> {
    tx.queued_mail();
    let message_id = format!("<{}@{host}>", uuid::Uuid::new_v4());
    db::mail::insert(
        tx,
        db::mail::NewMailRow {
            message_id: &message_id,
            kind: mail.kind,
            lang: mail.lang.code(),
            to_address: &mail.to_address,
            to_name: mail.to_name.as_deref(),
            subject: &mail.subject,
            text_body: &mail.text_body,
            html_body: &mail.html_body,
            now: now(),
        },
    )
    .await
}

/// The running workers of this process, each woken by [`wake`]. Each has its own `Notify`, whose
/// stored permit means a wake that comes while it sends is not lost.
static WORKERS: std::sync::Mutex<Vec<std::sync::Weak<tokio::sync::Notify>>> = std::sync::Mutex::new(Vec::new());

/// A message was committed to the outbox: the workers of this process look now instead of at
/// their next poll (a verification e-mail left up to 5 s late). Other instances keep polling.
pub fn wake() {
    if let Ok(mut workers) = WORKERS.lock() {
        workers.retain(|w| match w.upgrade() {
            Some(n) => {
                n.notify_one();
                true
            }
            None => false,
        });
    }
}

/// Where messages go: an SMTP server, `.eml` files in a folder (development), or memory (tests).
#[derive(Clone)]
pub enum MailTransport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Memory(Arc<Mutex<Vec<Message>>>),
}

impl MailTransport {
    /// `smtp://host:port`, `smtps://…` (TLS), `smtp://…?tls=required` (STARTTLS) as lettre reads
    /// them, `file://path`, or `memory`.
    pub fn from_url(url: &str) -> Result<MailTransport, ServerError> {
        if url == "memory" {
            return Ok(MailTransport::Memory(Arc::default()));
        }
        if let Some(path) = url.strip_prefix("file://") {
            let dir = PathBuf::from(path);
            std::fs::create_dir_all(&dir)
                .map_err(|e| ServerError::Config(format!("SMTP_URL: cannot create {}: {e}", dir.display())))?;
            return Ok(MailTransport::File(AsyncFileTransport::new(&dir), dir));
        }
        let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| ServerError::Config(format!("SMTP_URL: {e}")))?
            .build();
        Ok(MailTransport::Smtp(smtp))
    }

    async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            MailTransport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            MailTransport::File(t, _) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
            MailTransport::Memory(sent) => {
                sent.lock()
                    .map_err(|_| SendError::Transient("memory transport poisoned".into()))?
                    .push(message);
                Ok(())
            }
        }
    }
}

enum SendError {
    Transient(String),
    Permanent(String),
}

/// What one pass of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
    /// Messages whose claim ran out while they were being sent (the claim was too short).
    pub claims_lost: usize,
}

#[derive(Clone)]
pub struct MailWorker {
    pub db: Db,
    pub transport: MailTransport,
    pub from: Mailbox,
    /// How long one message may take to send.
    pub send_timeout: Duration,
    /// After this many attempts a transiently failing message is given up.
    pub max_attempts: i32,
    /// Messages sent per pass at most.
    pub batch: i64,
    /// How long a claim of one message holds: longer than one send may take (twice its time-out).
    pub claim_for: chrono::Duration,
}

/// 30 s, 1 min, 2 min, … up to 1 h.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    chrono::Duration::seconds((30 * 2i64.pow(exp)).min(3600))
}

impl MailWorker {
    pub fn new(db: Db, transport: MailTransport, from: Mailbox) -> MailWorker {
        MailWorker {
            db,
            transport,
            from,
            send_timeout: Duration::from_secs(30),
            max_attempts: 10,
            batch: 20,
            claim_for: chrono::Duration::seconds(60),
        }
    }

    fn message(&self, m: &ClaimedMail) -> Result<Message, String> {
        // built from its parts: a display name is any text ("HTX Ea Tu (Krông Pắc), chi nhánh: 2"),
        // which formatted into "name <address>" and parsed back would not survive
        let address = m
            .to_address
            .parse()
            .map_err(|e| format!("bad recipient {}: {e}", m.to_address))?;
        let to = Mailbox::new(m.to_name.clone(), address);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(m.message_id.clone()))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(m.text_body.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(m.html_body.clone()),
                    ),
            )
            .map_err(|e| format!("cannot build message: {e}"))
    }

    /// Sends the due messages, up to a batch, each claimed just before it is sent (a claim has to
    /// outlast one send, not a whole batch), and records each outcome only while this pass's claim
    /// holds. `now` is a parameter so tests can move time on; time spent sending moves it too.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Pass, ServerError> {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let started = std::time::Instant::now();
        let mut pass = Pass::default();
        for _ in 0..self.batch {
            let at = now + chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
            let Some(m) = db::mail::claim(&self.db, at, at + self.claim_for, 1, &token)
                .await?
                .pop()
            else {
                break;
            };
            let outcome = match self.message(&m) {
                Err(e) => Err(SendError::Permanent(e)),
                Ok(message) => match tokio::time::timeout(self.send_timeout, self.transport.send(message)).await {
                    Ok(result) => result,
                    Err(_) => Err(SendError::Transient(format!(
                        "no answer within {:?}",
                        self.send_timeout
                    ))),
                },
            };
            let at = now + chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
            let recorded = match outcome {
                Ok(()) => {
                    pass.sent += 1;
                    db::mail::mark_sent(&self.db, m.mail_id, &token, at).await?
                }
                Err(SendError::Transient(e)) if m.attempts < self.max_attempts => {
                    tracing::warn!(mail_id = m.mail_id, attempts = m.attempts, error = %e, "mail will be retried");
                    pass.retrying += 1;
                    db::mail::mark_retry(&self.db, m.mail_id, &token, &e, at + backoff(m.attempts), at).await?
                }
                Err(SendError::Transient(e) | SendError::Permanent(e)) => {
                    tracing::error!(mail_id = m.mail_id, attempts = m.attempts, error = %e, "mail failed");
                    pass.failed += 1;
                    db::mail::mark_failed(&self.db, m.mail_id, &token, &e, at).await?
                }
            };
            if !recorded {
                tracing::error!(
                    mail_id = m.mail_id,
                    "the claim ran out while sending; another worker has the message"
                );
                pass.claims_lost += 1;
            }
        }
        Ok(pass)
    }

    /// Runs a pass every `every`, and whenever a message is queued in this process ([`wake`]),
    /// until `stop` resolves. Errors are logged, never fatal.
    pub async fn run(self, every: Duration, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let queued = std::sync::Arc::new(tokio::sync::Notify::new());
        if let Ok(mut workers) = WORKERS.lock() {
            workers.push(std::sync::Arc::downgrade(&queued));
        }
        let mut tick = tokio::time::interval(every);
        loop {
            tokio::select! {
                () = &mut stop => break,
                _ = tick.tick() => {}
                () = queued.notified() => {}
            }
            if let Err(e) = self.run_once(now()).await {
                tracing::error!(error = %e, "mail worker pass failed");
            }
        }
    }
}
