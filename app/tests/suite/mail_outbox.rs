//! The outbox and its worker against a real SMTP conversation: a small SMTP server on 127.0.0.1
//! that accepts, answers 421 (down), answers 550 (no such user) or never answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use app::{
    backend::{
        db::{self, Db},
        mail::{enqueue, MailTransport, MailWorker, OutgoingMail},
        now,
    },
    both_backends,
    domain::Lang,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Accept,
    /// Accepts each message after 300 ms.
    Slow,
    Down421,
    Reject550,
    /// Greets nobody and waits until the client hangs up.
    Hang,
}

/// How long a test waits for something that should happen at once before it calls it a hang. It
/// is no measure of speed: what a test proves, it proves by what happened, not by how fast.
const HANG_GUARD: Duration = Duration::from_secs(60);

/// Waits until `done` holds; fails the test only if it never does.
async fn until(what: &str, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(HANG_GUARD, async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    assert!(waited.await.is_ok(), "never happened: {what}");
}

struct FakeSmtp {
    port: u16,
    mode: Arc<Mutex<Mode>>,
    received: Arc<Mutex<Vec<String>>>,
    /// Connections accepted, whatever the mode.
    connections: Arc<AtomicUsize>,
    /// Connections held open in [`Mode::Hang`] that the client has not yet closed.
    hanging: Arc<AtomicUsize>,
}

impl FakeSmtp {
    async fn start(mode: Mode) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(Mutex::new(mode));
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let hanging = Arc::new(AtomicUsize::new(0));
        let (m, r, c, h) = (mode.clone(), received.clone(), connections.clone(), hanging.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                c.fetch_add(1, Ordering::SeqCst);
                let mode = *m.lock().unwrap();
                let (received, hanging) = (r.clone(), h.clone());
                tokio::spawn(async move {
                    let _ = conversation(stream, mode, received, hanging).await;
                });
            }
        });
        FakeSmtp {
            port,
            mode,
            received,
            connections,
            hanging,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn hanging(&self) -> usize {
        self.hanging.load(Ordering::SeqCst)
    }

    fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    fn received(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }
}

async fn conversation(
    stream: tokio::net::TcpStream,
    mode: Mode,
    received: Arc<Mutex<Vec<String>>>,
    hanging: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let (r, mut w) = stream.into_split();
    let mut r = BufReader::new(r);
    match mode {
        Mode::Hang => {
            hanging.fetch_add(1, Ordering::SeqCst);
            // whatever the client writes, until it closes the connection
            let mut sink = Vec::new();
            let _ = tokio::io::copy(&mut r, &mut sink).await;
            hanging.fetch_sub(1, Ordering::SeqCst);
            return Ok(());
        }
        Mode::Down421 => {
            w.write_all(b"421 4.3.2 Service not available, closing channel\r\n")
                .await?;
            return Ok(());
        }
        _ => w.write_all(b"220 fake.test ESMTP\r\n").await?,
    }
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250 fake.test\r\n",
            "MAIL" => b"250 2.1.0 OK\r\n",
            "RCPT" if mode == Mode::Reject550 => b"550 5.1.1 No such user here\r\n",
            "RCPT" => b"250 2.1.5 OK\r\n",
            "DATA" => {
                w.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if r.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(&line);
                }
                received.lock().unwrap().push(data);
                if mode == Mode::Slow {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                b"250 2.0.0 Queued\r\n"
            }
            "RSET" | "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                w.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 Command not recognised\r\n",
        };
        w.write_all(reply).await?;
    }
}

fn mail(to: &str) -> OutgoingMail {
    OutgoingMail {
        kind: "test",
        lang: Lang::Vi,
        to_address: to.to_string(),
        to_name: Some("Nguyễn Văn A".to_string()),
        subject: "Xác nhận đăng ký gian hàng".to_string(),
        text_body: "Đơn đăng ký của bạn đã được duyệt.".to_string(),
        html_body: "<p>Đơn đăng ký của bạn đã được <b>duyệt</b>.</p>".to_string(),
    }
}

async fn enqueue_committed(db: &Db, to: &str) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let id = enqueue(&mut tx, &mail(to), "xttm.test").await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn worker(db: &Db, smtp: &FakeSmtp) -> MailWorker {
    let transport = MailTransport::from_url(&format!("smtp://127.0.0.1:{}", smtp.port)).unwrap();
    let mut w = MailWorker::new(
        db.clone(),
        transport,
        "Sở Công Thương <noreply@xttm.test>".parse().unwrap(),
    );
    w.send_timeout = Duration::from_millis(800);
    w
}

async fn statuses(db: &Db) -> Vec<String> {
    db::mail::states(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.status)
        .collect()
}

both_backends!(mail_is_sent_once_with_its_fixed_message_id, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Accept).await;
    enqueue_committed(&db, "a@example.vn").await;
    enqueue_committed(&db, "b@example.vn").await;
    let w = worker(&db, &smtp);

    let pass = w.run_once(now()).await.unwrap();

    assert_eq!((pass.sent, pass.retrying, pass.failed), (2, 0, 0));
    assert_eq!(statuses(&db).await, ["sent", "sent"]);
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    let ids = db::mail::states(&db).await.unwrap();
    assert!(
        received[0].contains(&format!("Message-ID: {}", ids[0].message_id)),
        "{}",
        received[0]
    );
    assert!(received[0].contains("Content-Type: multipart/alternative"));
    assert_eq!(w.run_once(now()).await.unwrap().sent, 0, "nothing is sent twice");
});

both_backends!(the_mail_worker_leaves_the_change_stamp_alone, |db: Db| async move {
    // what every kept page, table and report is keyed by: no cache holds the outbox, so neither
    // an idle pass nor one that claims and sends a message may move it (queuing one does: it is
    // written with the change that sends it)
    let smtp = FakeSmtp::start(Mode::Accept).await;
    let w = worker(&db, &smtp);
    let before = db.change_stamp().await.unwrap();
    assert_eq!(w.run_once(now()).await.unwrap().sent, 0);
    assert_eq!(db.change_stamp().await.unwrap(), before, "an idle pass");
    enqueue_committed(&db, "a@example.vn").await;
    let queued = db.change_stamp().await.unwrap();
    assert!(queued > before);
    assert_eq!(w.run_once(now()).await.unwrap().sent, 1);
    assert_eq!(db.change_stamp().await.unwrap(), queued, "a pass that sent a message");
});

both_backends!(a_queued_message_wakes_the_worker, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Accept).await;
    // it polls once an hour: only the wake after the commit can send within the bound below
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(worker(&db, &smtp).run(Duration::from_secs(3600), async {
        let _ = stopped.await;
    }));
    tokio::time::sleep(Duration::from_millis(200)).await; // its first pass, with nothing to send
    enqueue_committed(&db, "verify@example.vn").await;
    let sent = async {
        while statuses(&db).await != ["sent"] {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    let woke = tokio::time::timeout(Duration::from_secs(20), sent).await;
    let _ = stop.send(());
    running.await.unwrap();
    assert!(
        woke.is_ok(),
        "the message waited for the hourly poll: {:?}",
        statuses(&db).await
    );
    assert_eq!(smtp.received().len(), 1);
});

both_backends!(a_display_name_with_punctuation_is_delivered, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Accept).await;
    let name = "HTX Ea Tu (Krông Pắc), chi nhánh: số 2; \"mới\" @ Đắk Lắk";
    let mut tx = db.begin_write().await.unwrap();
    let odd = OutgoingMail {
        to_name: Some(name.to_string()),
        ..mail("htx@example.vn")
    };
    enqueue(&mut tx, &odd, "xttm.test").await.unwrap();
    tx.commit().await.unwrap();
    let pass = worker(&db, &smtp).run_once(now()).await.unwrap();
    assert_eq!((pass.sent, pass.failed), (1, 0));
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    // the header, unfolded, ends with the address (the name is encoded before it)
    let unfolded = received[0].replace("\r\n ", " ").replace("\r\n\t", " ");
    let to = unfolded.lines().find(|l| l.starts_with("To: ")).unwrap().to_string();
    assert!(to.ends_with("<htx@example.vn>"), "{to}");
});

both_backends!(
    mail_waits_while_the_server_is_down_and_none_is_lost_or_doubled,
    |db: Db| async move {
        let smtp = FakeSmtp::start(Mode::Down421).await;
        enqueue_committed(&db, "a@example.vn").await;
        enqueue_committed(&db, "b@example.vn").await;
        let w = worker(&db, &smtp);
        let t0 = now();

        let pass = w.run_once(t0).await.unwrap();
        assert_eq!((pass.sent, pass.retrying), (0, 2));
        assert_eq!(statuses(&db).await, ["pending", "pending"]);
        assert!(db::mail::states(&db)
            .await
            .unwrap()
            .iter()
            .all(|s| s.attempts == 1 && s.next_attempt_at > t0));
        assert_eq!(
            w.run_once(t0).await.unwrap(),
            Default::default(),
            "not retried before its time"
        );

        smtp.set(Mode::Accept);
        let pass = w.run_once(t0 + chrono::Duration::seconds(31)).await.unwrap();
        assert_eq!(pass.sent, 2);
        assert_eq!(smtp.received().len(), 2, "each message exactly once");
        assert_eq!(w.run_once(t0 + chrono::Duration::hours(2)).await.unwrap().sent, 0);
        assert_eq!(smtp.received().len(), 2);
    }
);

both_backends!(a_permanent_refusal_fails_after_one_try, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Reject550).await;
    enqueue_committed(&db, "nobody@example.vn").await;
    let w = worker(&db, &smtp);

    let pass = w.run_once(now()).await.unwrap();

    assert_eq!((pass.sent, pass.retrying, pass.failed), (0, 0, 1));
    let state = &db::mail::states(&db).await.unwrap()[0];
    assert_eq!((state.status.as_str(), state.attempts), ("failed", 1));
    assert!(
        state.last_error.as_deref().unwrap_or_default().contains("550"),
        "{:?}",
        state.last_error
    );
    assert_eq!(
        w.run_once(now() + chrono::Duration::hours(2)).await.unwrap(),
        Default::default()
    );
});

both_backends!(
    a_server_that_never_answers_costs_one_timeout_then_a_retry,
    |db: Db| async move {
        let smtp = FakeSmtp::start(Mode::Hang).await;
        enqueue_committed(&db, "a@example.vn").await;
        let w = worker(&db, &smtp);

        // the server never answers: only the worker's own timeout (800 ms) ends the pass
        let pass = tokio::time::timeout(HANG_GUARD, w.run_once(now()))
            .await
            .expect("the worker waits for ever on a server that never answers")
            .unwrap();
        // one attempt in the pass, not a retry loop inside it, and the connection given up
        assert_eq!(smtp.connections(), 1);
        until("the worker closes the connection it gave up on", || smtp.hanging() == 0).await;
        assert_eq!(pass.retrying, 1);
        assert_eq!(statuses(&db).await, ["pending"]);
    }
);

both_backends!(
    mail_is_written_with_its_transaction_or_not_at_all,
    |db: Db| async move {
        let mut tx = db.begin_write().await.unwrap();
        enqueue(&mut tx, &mail("a@example.vn"), "xttm.test").await.unwrap();
        drop(tx); // rolled back: the change it reported did not happen, so neither does the mail

        assert!(statuses(&db).await.is_empty());
    }
);

both_backends!(a_claim_left_by_a_dead_worker_is_taken_again, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Accept).await;
    enqueue_committed(&db, "a@example.vn").await;
    let t0 = now();
    // a worker claims the row for 10 s and dies before sending
    let claimed = db::mail::claim(&db, t0, t0 + chrono::Duration::seconds(10), 10, "dead worker")
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let w = worker(&db, &smtp);

    assert_eq!(
        w.run_once(t0 + chrono::Duration::seconds(5)).await.unwrap().sent,
        0,
        "the claim still holds"
    );
    let pass = w.run_once(t0 + chrono::Duration::seconds(11)).await.unwrap();

    assert_eq!(pass.sent, 1);
    assert_eq!(db::mail::states(&db).await.unwrap()[0].attempts, 2);
    assert_eq!(smtp.received().len(), 1);
});

#[tokio::test]
async fn the_file_transport_writes_an_eml_per_message() {
    let t = app::backend::testing::TestDb::sqlite().await;
    let dir = std::env::temp_dir().join(format!("xttm_mail_{}", std::process::id()));
    let transport = MailTransport::from_url(&format!("file://{}", dir.display())).unwrap();
    enqueue_committed(&t.db, "a@example.vn").await;
    let w = MailWorker::new(t.db.clone(), transport, "noreply@xttm.test".parse().unwrap());

    assert_eq!(w.run_once(now()).await.unwrap().sent, 1);

    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].path().extension().is_some_and(|e| e == "eml"));
    let _ = std::fs::remove_dir_all(&dir);
    t.finish().await;
}

both_backends!(workers_running_at_once_send_each_message_once, |db: Db| async move {
    let smtp = FakeSmtp::start(Mode::Accept).await;
    for i in 0..24 {
        enqueue_committed(&db, &format!("nsx{i}@example.vn")).await;
    }
    let workers: Vec<MailWorker> = (0..4)
        .map(|_| {
            let mut w = worker(&db, &smtp);
            w.batch = 4;
            w
        })
        .collect();
    let t = now();

    // four instances, several passes each, all at the same time
    let passes = workers.iter().map(|w| async move {
        let mut sent = 0;
        for _ in 0..4 {
            sent += w.run_once(t).await.unwrap().sent;
        }
        sent
    });
    let sent: usize = futures::future::join_all(passes).await.into_iter().sum();

    assert_eq!(sent, 24);
    let received = smtp.received();
    assert_eq!(received.len(), 24, "each message reached the server once");
    let mut ids: Vec<String> = received
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("Message-ID:")).map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 24, "no Message-ID twice");
});

/// Six messages through a slow SMTP server (300 ms each) by two workers at once, A in one pass
/// and B polling every 20 ms: how many messages reached the server, and how many of A's
/// outcomes were refused because its claim had run out.
async fn two_workers_on_a_slow_server(db: &Db, claim_for: chrono::Duration) -> (usize, usize) {
    let smtp = FakeSmtp::start(Mode::Slow).await;
    for i in 0..6 {
        enqueue_committed(db, &format!("nsx{i}@example.vn")).await;
    }
    let mut a = worker(db, &smtp);
    a.claim_for = claim_for;
    let b = a.clone();
    let first = tokio::spawn(async move { a.run_once(now()).await.unwrap() });
    while !first.is_finished() {
        b.run_once(now()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let pass = first.await.unwrap();
    // what is left after A (nothing, when claims hold)
    b.run_once(now() + chrono::Duration::minutes(5)).await.unwrap();
    (smtp.received().len(), pass.claims_lost)
}

both_backends!(
    a_slow_send_keeps_its_claim_and_each_message_goes_once,
    |db: Db| async move {
        // a claim lasts twice a send's time-out (1.6 s), each message claimed as it is sent: the six
        // take 1.8 s in all, which a claim of the whole batch would not have outlasted
        let (received, lost) = two_workers_on_a_slow_server(&db, chrono::Duration::milliseconds(1600)).await;

        assert_eq!(received, 6, "each message reached the server once");
        assert_eq!(lost, 0);
        assert_eq!(statuses(&db).await, ["sent"; 6]);
    }
);

// Negative control for the test above: a claim that runs out before its send is over hands the
// message to a second worker, which sends it again; the first worker's outcome then no longer
// counts. Stepped by hand, so it shows the hazard every time.
both_backends!(
    negative_control_a_claim_shorter_than_a_send_hands_the_message_to_another_worker,
    |db: Db| async move {
        let smtp = FakeSmtp::start(Mode::Accept).await;
        enqueue_committed(&db, "a@example.vn").await;
        let t = now();
        // worker A claims the message for 50 ms, and is still sending when the claim runs out
        let claimed = db::mail::claim(&db, t, t + chrono::Duration::milliseconds(50), 1, "A")
            .await
            .unwrap();
        assert_eq!(claimed.len(), 1);
        // worker B takes the message and sends it: with A's own send, it goes out twice
        let b = worker(&db, &smtp);
        assert_eq!(b.run_once(t + chrono::Duration::seconds(1)).await.unwrap().sent, 1);
        assert_eq!(smtp.received().len(), 1);
        // A's outcome, when its send ends, is refused: the claim is no longer A's
        let late = db::mail::mark_sent(&db, claimed[0].mail_id, "A", t + chrono::Duration::seconds(2))
            .await
            .unwrap();
        assert!(!late);
        assert_eq!(statuses(&db).await, ["sent"]);
    }
);

both_backends!(
    account_requests_stay_fast_while_smtp_hangs_and_every_mail_goes_once_it_is_back,
    |db: Db| async move {
        use app::backend::{
            services::accounts::{self as svc, SignUp},
            testing::{request, state, PASSWORD},
        };
        let smtp = FakeSmtp::start(Mode::Hang).await;
        let s = state(&db);
        // the worker is in the middle of a send to an SMTP server that never answers, and would
        // wait ten minutes for it: any request that waited on the worker would wait as long
        enqueue_committed(&db, "first@example.vn").await;
        let mut w = worker(&db, &smtp);
        w.send_timeout = Duration::from_secs(600);
        let running = tokio::spawn(w.clone().run(Duration::from_millis(50), std::future::pending()));
        until("the worker starts its send", || smtp.hanging() == 1).await;
        for i in 0..8u32 {
            let form = SignUp {
                email: format!("p{i}@htx.vn"),
                password: PASSWORD.into(),
                full_name: "Chủ thể".into(),
                org: app::domain::account::OrganisationForm {
                    org_name: format!("HTX {i}"),
                    org_kind: "household".into(),
                    tax_code: format!("0661234567{i:02}"),
                    commune: "1".into(),
                    phone: "0912345678".into(),
                    contact_person: "Chủ thể".into(),
                },
            };
            tokio::time::timeout(
                HANG_GUARD,
                svc::sign_up(&s, &request(&format!("192.0.2.{i}"), None), form),
            )
            .await
            .expect("a sign-up waits for the mail worker")
            .unwrap();
        }
        // Nothing is sent inside a request, and no request waited for the worker: all eight are
        // done while its one connection is still waiting for the server's greeting.
        assert_eq!(smtp.hanging(), 1);
        assert_eq!(smtp.connections(), 1);
        assert!(smtp.received().is_empty());
        running.abort();
        let _ = running.await;
        // the server comes back: every message goes, once
        smtp.set(Mode::Accept);
        w.send_timeout = Duration::from_millis(800);
        let later = now() + chrono::Duration::hours(2);
        let mut sent = 0;
        for _ in 0..5 {
            sent += w.run_once(later).await.unwrap().sent;
        }
        assert_eq!(sent, 9);
        let received = smtp.received();
        assert_eq!(received.len(), 9, "none lost, none doubled");
        for to in (0..8)
            .map(|i| format!("p{i}@htx.vn"))
            .chain(["first@example.vn".to_string()])
        {
            assert_eq!(received.iter().filter(|m| m.contains(&to)).count(), 1, "{to}");
        }
    }
);
