#!/usr/bin/env python3
"""`make reliability`: drives the built server binary through four scenarios and checks what it
must never do — lose or duplicate a write, give one booth twice, lose or repeat a mail, answer 5xx,
panic, stop, or grow without bound. Each scenario is bounded in time, uses loopback only, prints
its figures, and counts as failed on any broken check; the exit status is non-zero when one failed.

  multi   three `server serve` instances on one fresh PostgreSQL database behind a round-robin TCP
          proxy (in this script): the deadline rush, a race of many allocations of one booth (and a
          control race of as many different booths), and mail through a slow, sometimes refusing
          fake SMTP server (in this script) sent by all three instances' workers
  crash   kill -9 of the server during a write load, on SQLite and on PostgreSQL; after each kill,
          every acknowledged submission is in the database, nothing is half-written, and SQLite's
          integrity check passes
  fuzz    random, mutated and malformed bodies to every server function and upload route (read from
          the sources) as a visitor, a producer and staff; seeded
  soak    mixed traffic over 64 connections; no 5xx, no request without an answer, memory flat

Standard library only. Settings (environment): SERVER_BIN (the binary), RELIABILITY=short (the
short run, also --short), RELIABILITY_SCENARIOS (e.g. "fuzz,soak"), RELIABILITY_SEED,
RELIABILITY_SOAK_SECONDS, RELIABILITY_KILLS, RELIABILITY_RUSH, RELIABILITY_REPORT (a JSON file
the figures are written to), PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres).
"""
import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COOKIE = "xttm_session"
PG = dict(host=os.environ.get("PGHOST", "127.0.0.1"), port=os.environ.get("PGPORT", "5432"),
          user=os.environ.get("PGUSER", "postgres"))
RUN_ID = os.environ.get("RELIABILITY_ID", str(os.getpid()))

SETTINGS = {
    #              full     short
    "rush":       (1000,    200),    # producers of the deadline rush on three instances
    "race":       (50,      50),     # concurrent allocations of one booth
    "smtp_delay": (0.3,     0.1),    # seconds the fake SMTP server takes per message
    "mail_wait":  (600,     150),    # seconds the outbox may take to drain
    "kills":      (20,      3),      # kill -9 per database
    "crash_rate": (100,     100),    # saves per second offered during the crash scenario
    "fuzz_rounds": (3,      1),      # passes over every endpoint x role x case
    "soak":       (600,     60),     # seconds of mixed traffic
    "soak_conns": (64,      64),
}


def log(*a):
    print(*a, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, q):
    if not values:
        return 0.0
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


class Failures:
    """The broken checks of one scenario."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.items = []

    def check(self, ok, what):
        mark = "ok  " if ok else "FAIL"
        log(f"  [{mark}] {what}")
        if not ok:
            self.items.append(what)
        return ok


# ---------------------------------------------------------------------------------------- HTTP

class Answer:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


class NoAnswer(Exception):
    """The connection closed, was refused or timed out before a whole answer came. `sent`: the
    request had been written (the server may have acted on it)."""

    def __init__(self, message, sent):
        super().__init__(message)
        self.sent = sent


class Conn:
    """One keep-alive HTTP/1.1 connection, reopened after an error. Bodies are bytes and sent as
    given (the fuzzer needs invalid ones)."""

    def __init__(self, host, port, timeout=30.0, resend=True):
        self.host, self.port, self.timeout, self.resend = host, port, timeout, resend
        self.reader = self.writer = None

    async def open(self):
        if self.writer is None:
            self.reader, self.writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port), self.timeout)

    def close(self):
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:
                pass
        self.reader = self.writer = None

    async def request(self, method, path, headers=(), body=b"", timeout=None):
        # A kept-alive connection the server has closed meanwhile (after refusing a body, or idle)
        # fails before any answer: that request is sent once more on a new connection, as HTTP
        # clients do. A request on a new connection is never sent twice.
        for attempt in (1, 2):
            reused = self.writer is not None
            self.answer_started = self.sent = False
            try:
                return await asyncio.wait_for(self._request(method, path, headers, body), timeout or self.timeout)
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, IndexError) as e:
                self.close()
                if (self.resend and attempt == 1 and reused and not self.answer_started
                        and not isinstance(e, asyncio.TimeoutError)):
                    continue
                raise NoAnswer(f"{type(e).__name__}: {e}", self.sent) from None

    async def _request(self, method, path, headers, body):
        await self.open()
        if isinstance(body, str):
            body = body.encode()
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        head += [f"{k}: {v}" for k, v in headers]
        if body or method in ("POST", "PUT"):
            head.append(f"Content-Length: {len(body)}")
        self.sent = True
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogateescape") + body)
        try:
            await self.writer.drain()
        except (ConnectionResetError, BrokenPipeError):
            # refused before the body was read (413): the answer may be waiting all the same
            pass
        line = await self.reader.readline()
        if not line:
            raise asyncio.IncompleteReadError(b"", None)
        self.answer_started = True
        status = int(line.split()[1])
        hdrs = {}
        while True:
            h = await self.reader.readline()
            if h in (b"\r\n", b"\n"):
                break
            if not h:
                raise asyncio.IncompleteReadError(b"", None)
            k, _, v = h.decode("latin1").partition(":")
            hdrs[k.strip().lower()] = v.strip()
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            data = b""
        elif "chunked" in hdrs.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0].strip(), 16)
                if size == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            data = b"".join(parts)
        elif "content-length" in hdrs:
            data = await self.reader.readexactly(int(hdrs["content-length"]))
        else:
            data = await self.reader.read()
            self.close()
        if hdrs.get("connection", "").lower() == "close":
            self.close()
        return Answer(status, hdrs, data)


def form(pairs):
    return urllib.parse.urlencode(pairs)


# ----------------------------------------------------------------------------------- databases

def pg_cmd(db, sql):
    out = subprocess.run(
        ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db, "-AtqX", "-F", "\t",
         "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"psql: {out.stderr.strip()}")
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line != ""]


class Database:
    """A fresh database for one scenario: SQLite in a folder, or PostgreSQL (dropped by close)."""

    created = []

    def __init__(self, kind, name, folder):
        self.kind = kind
        if kind == "sqlite":
            self.path = os.path.join(folder, f"{name}.db")
            self.url = f"sqlite://{self.path}"
        else:
            self.name = f"xttm_rel_{RUN_ID}_{name}"
            pg_cmd("postgres", f'drop database if exists "{self.name}" with (force)')
            pg_cmd("postgres", f'create database "{self.name}"')
            Database.created.append(self.name)
            self.url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{self.name}"

    def rows(self, sql):
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path, timeout=60)
            try:
                return [tuple("" if v is None else str(v) for v in r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        return pg_cmd(self.name, sql)

    def one(self, sql):
        r = self.rows(sql)
        return r[0][0] if r else None

    def close(self):
        if self.kind == "postgres" and self.name in Database.created:
            try:
                pg_cmd("postgres", f'drop database if exists "{self.name}" with (force)')
            finally:
                Database.created.remove(self.name)

    @staticmethod
    def drop_all():
        for name in list(Database.created):
            try:
                pg_cmd("postgres", f'drop database if exists "{name}" with (force)')
            except Exception as e:
                log(f"could not drop {name}: {e}")
            Database.created.remove(name)


# ------------------------------------------------------------------------------------- servers

class Server:
    """One `server serve` process; its log is appended to across restarts."""

    all = []

    def __init__(self, binary, folder, name, db_url, port, base_url=None, smtp_url=None):
        self.binary, self.name, self.port = binary, name, port
        self.base_url = base_url or f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(folder, f"{name}.log")
        self.cwd = folder
        site_root = os.environ.get("LEPTOS_SITE_ROOT", "target/site")
        self.env = dict(os.environ)
        # a developer's .env is not read: the servers run in the scenario's folder
        self.env.update({
            "DATABASE_URL": db_url,
            "LEPTOS_SITE_ADDR": f"127.0.0.1:{port}",
            "BASE_URL": self.base_url,
            "SMTP_URL": smtp_url or f"file://{folder}/mail-{name}",
            "MAIL_DIR": f"{folder}/mail-{name}",
            "UPLOAD_DIR": f"{folder}/uploads",
            "LEPTOS_SITE_ROOT": os.path.join(ROOT, site_root) if not os.path.isabs(site_root) else site_root,
            "RUST_LOG": os.environ.get("RELIABILITY_RUST_LOG", "info,sqlx=warn"),
            "LOG_FORMAT": "text",
        })
        for k in ("METRICS_TOKEN", "TRUSTED_PROXIES", "DEMO_DATA_IF_EMPTY"):
            self.env.pop(k, None)
        self.proc = None
        self.starts = 0
        Server.all.append(self)

    def run(self, *args, timeout=600):
        """A one-off subcommand (migrate, bench-rush…) with this server's settings."""
        out = subprocess.run([self.binary, *args], env=self.env, cwd=self.cwd, capture_output=True, text=True,
                             timeout=timeout)
        if out.returncode != 0:
            raise RuntimeError(f"server {' '.join(args)}: {out.stderr.strip()[-2000:]}")
        return out.stdout

    def start(self):
        logf = open(self.log_path, "ab")
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, cwd=self.cwd, stdout=logf,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        logf.close()
        self.starts += 1

    async def ready(self, timeout=120):
        """Waits for /healthz; answers the seconds it took."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} stopped (exit {self.proc.returncode}); see {self.log_path}")
            c = Conn("127.0.0.1", self.port, timeout=5)
            try:
                a = await c.request("GET", "/healthz")
                if a.status == 200:
                    return time.monotonic() - t0
            except NoAnswer:
                pass
            finally:
                c.close()
            await asyncio.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer /healthz in {timeout} s")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_kb(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def log_lines(self):
        """The server's log so far, line by line (none when it cannot be read)."""
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf8", "replace").splitlines()
        except OSError:
            return []

    def panics(self):
        """Lines of the log that tell of a panic."""
        return [line for line in self.log_lines() if "panicked" in line]

    def error_lines(self):
        """The log's ERROR lines, each reduced to its message (time stamps and fields left out)."""
        out = []
        for line in self.log_lines():
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            if " ERROR " in line:
                out.append(line.split(" ERROR ", 1)[1][:300])
        return out

    def log_count(self, needle):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf8", "replace").count(needle)
        except OSError:
            return 0

    @staticmethod
    def stop_all():
        for s in Server.all:
            try:
                s.stop()
            except Exception:
                pass


def read_rush(path):
    """bench-rush's output: [(login cookie, form body)], the staff member's cookie, the fair's id."""
    lines = []
    with open(path, encoding="utf8") as f:
        for line in f:
            token, body = line.rstrip("\n").split("\t", 1)
            lines.append((token, body))
    with open(os.path.splitext(path)[0] + ".staff", encoding="utf8") as f:
        staff = f.read().strip()
    fair = int(re.search(r"event_id=(\d+)", lines[0][1]).group(1))
    return lines, staff, fair


def product_of(body):
    return int(re.search(r"form%5Bproducts%5D%5B(\d+)%5D", body).group(1))


def api_headers(base_url, token=None, content_type="application/x-www-form-urlencoded"):
    h = [("Accept", "application/json"), ("Origin", base_url)]
    if content_type:
        h.append(("Content-Type", content_type))
    if token:
        h.append(("Cookie", f"{COOKIE}={token}"))
    return h


# ---------------------------------------------------------------------------------- fake SMTP

class FakeSmtp:
    """Enough SMTP for lettre: slow (`delay` per message) and, until `trouble_for` messages are
    accepted, sometimes refusing: every `refuse_every`-th connection is greeted with 421, and the
    first try of every `defer_every`-th message is answered 451 after its data. Records each
    accepted message. (The trouble ends halfway, so that the workers' back-off — 30 s, then
    1 min… — bounds how long the outbox takes to drain.)"""

    def __init__(self, delay, refuse_every=4, defer_every=10):
        self.delay, self.refuse_every, self.defer_every = delay, refuse_every, defer_every
        self.accepted = []          # (message-id, recipients)
        self.connections = 0
        self.refused = 0
        self.deferred = 0
        self.seen = set()
        self.data_count = 0
        self.trouble_for = 0
        self.server = None

    @property
    def troubled(self):
        return len(self.accepted) < self.trouble_for

    async def start(self):
        self.server = await asyncio.start_server(self.conversation, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def conversation(self, reader, writer):
        self.connections += 1
        n = self.connections
        try:
            if self.troubled and n % self.refuse_every == 0:
                self.refused += 1
                writer.write(b"421 4.3.2 busy, try later\r\n")
                await writer.drain()
                return
            writer.write(b"220 fake.smtp ESMTP ready\r\n")
            await writer.drain()
            rcpts = []
            while True:
                line = await reader.readline()
                if not line:
                    return
                cmd = line.decode("latin1").strip()
                verb = cmd.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    writer.write(b"250-fake.smtp\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif verb == "HELO":
                    writer.write(b"250 fake.smtp\r\n")
                elif verb == "MAIL":
                    rcpts = []
                    writer.write(b"250 2.1.0 ok\r\n")
                elif verb == "RCPT":
                    rcpts.append(cmd.split(":", 1)[1].strip())
                    writer.write(b"250 2.1.5 ok\r\n")
                elif verb == "DATA":
                    writer.write(b"354 go ahead\r\n")
                    await writer.drain()
                    lines = []
                    while True:
                        d = await reader.readline()
                        if not d:
                            return
                        if d in (b".\r\n", b".\n"):
                            break
                        lines.append(d[1:] if d.startswith(b"..") else d)
                    await asyncio.sleep(self.delay)
                    mid = None
                    for d in lines:
                        if d.lower().startswith(b"message-id:"):
                            mid = d.split(b":", 1)[1].strip().decode("latin1")
                            break
                        if d in (b"\r\n", b"\n"):
                            break
                    self.data_count += 1
                    if self.troubled and mid not in self.seen and self.data_count % self.defer_every == 0:
                        self.seen.add(mid)
                        self.deferred += 1
                        writer.write(b"451 4.3.0 deferred, try again\r\n")
                    else:
                        self.seen.add(mid)
                        self.accepted.append((mid, tuple(rcpts)))
                        writer.write(b"250 2.0.0 queued\r\n")
                elif verb == "RSET":
                    rcpts = []
                    writer.write(b"250 ok\r\n")
                elif verb == "NOOP":
                    writer.write(b"250 ok\r\n")
                elif verb == "QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    return
                else:
                    writer.write(b"502 5.5.2 not implemented\r\n")
                await writer.drain()
        except (ConnectionError, OSError, asyncio.CancelledError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    def close(self):
        if self.server:
            self.server.close()


# ---------------------------------------------------------------------------------- TCP proxy

class Proxy:
    """Round-robin TCP proxy: each new client connection goes to the next backend."""

    def __init__(self, ports):
        self.ports = ports
        self.next = 0
        self.per_backend = {p: 0 for p in ports}

    async def start(self):
        self.server = await asyncio.start_server(self.client, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def client(self, creader, cwriter):
        port = self.ports[self.next % len(self.ports)]
        self.next += 1
        self.per_backend[port] += 1
        try:
            breader, bwriter = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            cwriter.close()
            return

        async def pipe(r, w):
            try:
                while True:
                    data = await r.read(65536)
                    if not data:
                        break
                    w.write(data)
                    await w.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                try:
                    w.close()
                except Exception:
                    pass

        try:
            await asyncio.gather(pipe(creader, bwriter), pipe(breader, cwriter))
        except asyncio.CancelledError:
            pass

    def close(self):
        self.server.close()


# ------------------------------------------------------------------------- 1. several instances

async def rush(host, port, base_url, lines, connections):
    """Every line submitted once; answers {token: status}, latencies (ms)."""
    queue = list(lines)
    results, latencies, failures = {}, [], []

    async def worker():
        c = Conn(host, port, timeout=60)
        while queue:
            token, body = queue.pop()
            t0 = time.perf_counter()
            try:
                a = await c.request("POST", "/api/producer/save-application", api_headers(base_url, token), body)
                results[token] = a.status
                if a.status != 200:
                    failures.append(f"{a.status} {a.body[:200]!r}")
            except NoAnswer as e:
                results[token] = None
                failures.append(f"no answer: {e}")
            latencies.append((time.perf_counter() - t0) * 1000)
        c.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return results, latencies, failures


async def concurrent_posts(host, port, path, headers, bodies):
    """One connection per body, all opened (and their proxy backends chosen) first, then every
    request written at once. Answers [(status or None, body)]."""
    conns = [Conn(host, port, timeout=60) for _ in bodies]
    await asyncio.gather(*(c.open() for c in conns))
    go = asyncio.Event()

    async def one(c, body):
        await go.wait()
        try:
            a = await c.request("POST", path, headers, body)
            return a.status, a.body[:300]
        except NoAnswer as e:
            return None, str(e).encode()
        finally:
            c.close()

    tasks = [asyncio.create_task(one(c, b)) for c, b in zip(conns, bodies)]
    await asyncio.sleep(0.05)
    go.set()
    return await asyncio.gather(*tasks)


async def scenario_multi(cfg, binary, folder, fig):
    f = Failures("multi")
    n = cfg["rush"]
    db = Database("postgres", "multi", folder)
    smtp = FakeSmtp(cfg["smtp_delay"])
    await smtp.start()
    ports = [free_port() for _ in range(3)]
    proxy = Proxy(ports)
    await proxy.start()
    base = f"http://127.0.0.1:{proxy.port}"
    servers = []
    try:
        setup = Server(binary, folder, "multi-setup", db.url, ports[0], base_url=base)
        setup.run("migrate")
        t0 = time.monotonic()
        setup.run("bench-rush", "--producers", str(n), "--out", f"{folder}/multi.tsv")
        log(f"  {n} producers loaded in {time.monotonic() - t0:.1f} s")
        lines, staff, fair = read_rush(f"{folder}/multi.tsv")
        queued_before = int(db.one("select count(*) from mail_outbox"))
        # the submissions' confirmations, the approvals and the allocations: trouble for half of them
        smtp.trouble_for = (queued_before + n + 3 * cfg["race"] + 1) // 2
        for i, p in enumerate(ports):
            s = Server(binary, folder, f"multi-{i + 1}", db.url, p, base_url=base,
                       smtp_url=f"smtp://127.0.0.1:{smtp.port}")
            s.start()
            servers.append(s)
        await asyncio.gather(*(s.ready() for s in servers))

        # the deadline rush through the proxy
        t0 = time.monotonic()
        results, lat, errs = await rush("127.0.0.1", proxy.port, base, lines, 32)
        secs = time.monotonic() - t0
        acked = sum(1 for s in results.values() if s == 200)
        for e in errs[:5]:
            log(f"    {e}")
        submitted = int(db.one(f"select count(*) from application where event_id = {fair} and status = 'submitted'"))
        per_producer = db.rows(f"select count(*) from application where event_id = {fair} group by producer_id "
                               "having count(*) <> 1")
        history = db.rows(
            "select a.application_id from application a left join application_history h "
            "on h.application_id = a.application_id and h.status = 'submitted' "
            f"where a.event_id = {fair} group by a.application_id having count(h.history_id) <> 1")
        mails_submitted = int(db.one("select count(*) from mail_outbox where kind = 'application-submitted'"))
        per_backend = ", ".join(str(v) for v in proxy.per_backend.values())
        log(f"  rush: {n} producers over 32 connections in {secs:.1f} s ({n / secs:.0f}/s), "
            f"p50 {pct(lat, .5):.0f} ms, p99 {pct(lat, .99):.0f} ms; connections per instance: {per_backend}")
        fig["rush"] = dict(producers=n, seconds=round(secs, 1), per_second=round(n / secs), p50_ms=round(pct(lat, .5)),
                           p99_ms=round(pct(lat, .99)), acknowledged=acked, submitted_in_db=submitted,
                           connections_per_instance=list(proxy.per_backend.values()))
        f.check(acked == n, f"rush: {acked} of {n} submissions answered 200")
        f.check(submitted == n, f"rush: {submitted} of {n} producers have a submitted application in the database "
                                f"(lost: {n - submitted})")
        f.check(not per_producer, f"rush: {len(per_producer)} producers with other than one application")
        f.check(not history, f"rush: {len(history)} applications submitted other than once (history)")
        f.check(mails_submitted == n, f"rush: {mails_submitted} confirmation mails queued for {n} submissions")

        # a race for one booth across the instances, and its control
        race = cfg["race"]
        apps = [r[0] for r in db.rows(f"select application_id from application where event_id = {fair} "
                                      f"and status = 'submitted' order by application_id limit {2 * race}")]
        c = Conn("127.0.0.1", proxy.port)
        decide = [("event_id", fair), ("form[action]", "approve"), ("form[message]", ""),
                  ("form[application_id]", "")] + [(f"form[selected][{a}]", "on") for a in apps]
        a = await c.request("POST", "/api/staff/decide", api_headers(base, staff), form(decide))
        c.close()
        approved = int(db.one(f"select count(*) from application where event_id = {fair} and status = 'approved'"))
        f.check(a.status == 200 and approved == 2 * race,
                f"race: {approved} applications approved in one decision (HTTP {a.status})")
        free_sql = (f"select booth_id from booth where event_id = {fair} and status = 'available' and booth_id not in "
                    f"(select booth_id from allocation) order by booth_id")
        free = [r[0] for r in db.rows(free_sql)]
        if len(free) < race + 1:
            # the demo fair has 30 booths: add rows of booths below its floor plan for the control
            bt = db.one(f"select booth_type_id from booth_type where event_id = {fair} order by booth_type_id limit 1")
            y0 = int(db.one(f"select coalesce(max(y), 0) from booth where event_id = {fair}")) + 1
            need = race + 1 - len(free)
            values = ", ".join(f"({fair}, 'R{i:03d}', {bt}, {1 + i % 10}, {y0 + i // 10}, "
                               f"{'now()' if db.kind == 'postgres' else 'CURRENT_TIMESTAMP'})" for i in range(need))
            db.rows(f"insert into booth (event_id, code, booth_type_id, x, y, created_at) values {values} "
                    "returning booth_id")
            free = [r[0] for r in db.rows(free_sql)]
        booth = free[0]
        headers = api_headers(base, staff)
        t0 = time.monotonic()
        answers = await concurrent_posts("127.0.0.1", proxy.port, "/api/staff/allocate", headers,
                                         [form([("event_id", fair), ("application_id", app), ("booth_id", booth)])
                                          for app in apps[:race]])
        race_secs = time.monotonic() - t0
        statuses = sorted(str(s) for s, _ in answers)
        won = [apps[i] for i, (s, _) in enumerate(answers) if s == 200]
        rows = db.rows(f"select application_id from allocation where booth_id = {booth}")
        summary = ", ".join(f"{statuses.count(s)}× {s}" for s in sorted(set(statuses)))
        log(f"  race: {race} allocations of booth {booth} at once: {summary} in {race_secs:.2f} s")
        f.check(len(won) == 1, f"race: exactly one of {race} allocations of one booth succeeds ({len(won)})")
        f.check(all(s is not None and 400 <= s < 500 for s, _ in answers if s != 200),
                "race: the others are refused with 4xx")
        f.check(len(rows) == 1 and [r[0] for r in rows] == won,
                f"race: the booth has {len(rows)} allocation(s) in the database, the winner's")
        control_booths = free[1:race + 1]
        answers2 = await concurrent_posts("127.0.0.1", proxy.port, "/api/staff/allocate", headers,
                                          [form([("event_id", fair), ("application_id", app), ("booth_id", b)])
                                           for app, b in zip(apps[race:2 * race], control_booths)])
        ok2 = sum(1 for s, _ in answers2 if s == 200)
        in_db = int(db.one("select count(*) from allocation where booth_id in (%s)" % ",".join(control_booths)))
        log(f"  control: {race} allocations of {race} different booths at once: {ok2} succeed, {in_db} in the database")
        f.check(ok2 == race and in_db == race, f"control: all {race} allocations of different booths succeed")
        fig["race"] = dict(contenders=race, winners=len(won), allocations_of_the_booth=len(rows), answers=summary,
                           control_successes=ok2, control_in_db=in_db)

        # mail: every queued message arrives exactly once
        t0 = time.monotonic()
        deadline = t0 + cfg["mail_wait"]
        while time.monotonic() < deadline:
            left = int(db.one("select count(*) from mail_outbox where status <> 'sent'"))
            if left == 0:
                break
            await asyncio.sleep(1)
        drain = time.monotonic() - t0
        outbox = {r[0]: r for r in db.rows("select message_id, status, attempts, to_address from mail_outbox")}
        status_count = {}
        for r in outbox.values():
            status_count[r[1]] = status_count.get(r[1], 0) + 1
        got = {}
        for mid, rcpts in smtp.accepted:
            got[mid] = got.get(mid, 0) + 1
        dup = sum(1 for v in got.values() if v > 1)
        lost = sum(1 for mid in outbox if mid not in got)
        stray = sum(1 for mid in got if mid not in outbox)
        wrong_rcpt = sum(1 for mid, rcpts in smtp.accepted
                         if mid in outbox and f"<{outbox[mid][3]}>" not in rcpts)
        retried = sum(1 for r in outbox.values() if int(r[2]) > 1)
        lost_claims = sum(s.log_count("the claim ran out") for s in servers)
        log(f"  mail: {len(outbox)} queued ({queued_before} before the servers started), {len(smtp.accepted)} accepted by "
            f"the fake SMTP server ({smtp.delay * 1000:.0f} ms each) in {drain:.0f} s after the race; "
            f"{smtp.refused} connections refused with 421, {smtp.deferred} messages deferred with 451, "
            f"{retried} sent after a retry; outbox: {status_count}")
        fig["mail"] = dict(queued=len(outbox), delivered=len(smtp.accepted), duplicates=dup, lost=lost, stray=stray,
                           refused_connections=smtp.refused, deferred=smtp.deferred, retried=retried,
                           drain_seconds=round(drain), smtp_delay_ms=round(smtp.delay * 1000), outbox=status_count)
        f.check(status_count.get("sent", 0) == len(outbox),
                f"mail: all {len(outbox)} queued messages marked sent within {cfg['mail_wait']} s")
        f.check(lost == 0, f"mail: {lost} queued messages never arrived")
        f.check(dup == 0, f"mail: {dup} messages arrived more than once")
        f.check(stray == 0 and wrong_rcpt == 0, f"mail: {stray} unknown and {wrong_rcpt} misaddressed messages")
        f.check(smtp.refused > 0 and smtp.deferred > 0, "mail: the fake SMTP server did refuse and defer some")
        f.check(lost_claims == 0, f"mail: {lost_claims} claims ran out while sending")
        for s in servers:
            f.check(s.alive(), f"{s.name} is still running")
    finally:
        for s in servers:
            s.stop()
        proxy.close()
        smtp.close()
        db.close()
    for s in servers:
        p = s.panics()
        f.check(not p, f"{s.name}: {len(p)} panics in the log" + (f": {p[0][:300]}" if p else ""))
    return f


# ------------------------------------------------------------------------------------ 2. crash

async def crash_one(cfg, binary, folder, kind, fig, f):
    kills = cfg["kills"]
    rate = cfg["crash_rate"]
    n = 400
    db = Database(kind, f"crash_{kind}", folder)
    port = free_port()
    s = Server(binary, folder, f"crash-{kind}", db.url, port)
    try:
        s.run("migrate")
        s.run("bench-rush", "--producers", str(n), "--out", f"{folder}/crash-{kind}.tsv")
        lines, staff, fair = read_rush(f"{folder}/crash-{kind}.tsv")
        producer = {int(r[0]): int(r[1]) for r in db.rows("select product_id, producer_id from product")}
        # each producer submits, then saves its submitted application again and again (each save
        # rewrites its products and answers): the load never runs out, and every write is one
        # transaction a kill may cut
        todo = [(tok, body, producer[product_of(body)]) for tok, body in lines]
        random.Random(1).shuffle(todo)
        acked = set()
        counts = {"sent": 0, "acked": 0, "no_answer": 0}
        other = []
        # `burst`: the moments before a kill, when every connection sends without pause, so that
        # the kill finds requests in flight whatever the build's speed
        state = {"stop": False, "killed_at": 0.0, "burst": False, "inflight": 0}
        base = s.base_url
        conns = 16

        async def worker():
            # no request is sent twice by the client itself: a cut-off one is counted as such
            c = Conn("127.0.0.1", port, timeout=30, resend=False)
            while not state["stop"]:
                item = todo.pop(0)
                t0 = time.monotonic()
                state["inflight"] += 1
                try:
                    a = await c.request("POST", "/api/producer/save-application", api_headers(base, item[0]), item[1])
                    counts["sent"] += 1
                    if a.status == 200:
                        acked.add(item[2])
                        counts["acked"] += 1
                    else:
                        other.append((a.status, a.body[:200]))
                except NoAnswer as e:
                    # cut off by a kill (or refused while the server is down): its outcome is
                    # unknown; it goes round again like every other
                    if e.sent:
                        counts["sent"] += 1
                        # written before the kill: in flight when the process died (a request
                        # written after it, on a connection the kill closed, is not counted)
                        if t0 < state["killed_at"]:
                            counts["no_answer"] += 1
                    await asyncio.sleep(0.05)
                finally:
                    state["inflight"] -= 1
                todo.append(item)
                # offered load: `rate` a second over all connections
                if not state["burst"]:
                    await asyncio.sleep(max(0.0, conns / rate - (time.monotonic() - t0)))
            c.close()

        def check_db(when):
            ok = True
            have = {int(r[0]) for r in db.rows(
                f"select producer_id from application where event_id = {fair} and status = 'submitted'")}
            missing = acked - have
            ok &= f.check(not missing, f"{kind} {when}: {len(acked)} acknowledged submissions, {len(missing)} missing")
            if missing:
                log(f"    missing producers: {sorted(missing)[:20]}")
            half = db.one(
                "select count(*) from application a where a.event_id = %d and (not exists (select 1 from "
                "application_product p where p.application_id = a.application_id) or (a.status = 'submitted' and "
                "((select count(*) from application_history h where h.application_id = a.application_id and "
                "h.status = 'submitted') <> 1 or (select count(*) from application_answer q where "
                "q.application_id = a.application_id) = 0 or (select count(*) from mail_outbox m where "
                "m.kind = 'application-submitted' and m.to_address = (select u.email from app_user u where "
                "u.producer_id = a.producer_id)) <> 1)))" % fair)
            ok &= f.check(int(half) == 0, f"{kind} {when}: {half} applications half-written (no products, no "
                                          "answers, or not exactly one submission record and one confirmation mail)")
            if kind == "sqlite":
                integrity = db.one("pragma integrity_check")
                fk = db.rows("pragma foreign_key_check")
                ok &= f.check(integrity == "ok" and not fk,
                              f"{kind} {when}: integrity_check {integrity}, {len(fk)} foreign key violations")
            return ok

        ready_times = []
        s.start()
        ready_times.append(await s.ready())
        workers = [asyncio.create_task(worker()) for _ in range(conns)]
        rng = random.Random(kills)
        for k in range(kills):
            await asyncio.sleep(rng.uniform(1.0, 2.5))
            # mid-load: requests are in flight when the process dies (half the connections
            # waiting for an answer, or five seconds of trying)
            state["burst"] = True
            until = time.monotonic() + 5
            while state["inflight"] < conns // 2 and time.monotonic() < until:
                await asyncio.sleep(0.0005)
            state["killed_at"] = time.monotonic()
            s.kill9()
            state["burst"] = False
            before = len(acked)
            check_db(f"after kill {k + 1}")
            s.start()
            ready_times.append(await s.ready())
            if k == 0 or k == kills - 1:
                log(f"  {kind}: kill {k + 1}: {before} producers acknowledged so far, restarted in "
                    f"{ready_times[-1]:.1f} s")
        await asyncio.sleep(1.0)
        state["stop"] = True
        await asyncio.gather(*workers)
        s.stop()
        check_db("at the end")
        five = [o for o in other if o[0] >= 500]
        f.check(not five, f"{kind}: {len(five)} answers 5xx" + (f": {five[0]}" if five else ""))
        f.check(len(other) == 0, f"{kind}: {len(other)} answers other than 200" + (f": {other[0]}" if other else ""))
        p = s.panics()
        f.check(not p, f"{kind}: {len(p)} panics in the log" + (f": {p[0][:300]}" if p else ""))
        submitted = int(db.one(f"select count(*) from application where event_id = {fair} and status = 'submitted'"))
        f.check(counts["no_answer"] > 0, f"{kind}: {counts['no_answer']} requests were in flight when a kill came "
                                         "(the kills did cut writes)")
        log(f"  {kind}: {kills} kills; {counts['sent']} requests, {counts['acked']} acknowledged ({len(acked)} producers), "
            f"{counts['no_answer']} cut off by a kill, {submitted} submitted applications in the database; restart to "
            f"/healthz: median {pct(ready_times, .5):.1f} s, max {max(ready_times):.1f} s")
        fig[f"crash_{kind}"] = dict(kills=kills, requests=counts["sent"], acknowledged=counts["acked"],
                                    producers_acknowledged=len(acked), cut_off=counts["no_answer"],
                                    submitted_in_db=submitted, restart_median_s=round(pct(ready_times, .5), 1),
                                    restart_max_s=round(max(ready_times), 1))
    finally:
        s.stop()
        db.close()


async def scenario_crash(cfg, binary, folder, fig):
    f = Failures("crash")
    for kind in ("sqlite", "postgres"):
        await crash_one(cfg, binary, folder, kind, fig, f)
    return f


# ------------------------------------------------------------------------------------- 3. fuzz

def server_functions():
    """[(endpoint, codec, [(arg, type)])] from app/src/api/*.rs."""
    found = []
    pat = re.compile(r'#\[server\(endpoint\s*=\s*"([^"]+)"(?:\s*,\s*input\s*=\s*([\w:]+))?\)\]\s*'
                     r'pub\s+async\s+fn\s+\w+\s*\((.*?)\)\s*->', re.S)
    api = os.path.join(ROOT, "app/src/api")
    for name in sorted(os.listdir(api)):
        if not name.endswith(".rs"):
            continue
        with open(os.path.join(api, name), encoding="utf8") as fh:
            text = fh.read()
        for m in pat.finditer(text):
            args = []
            depth, cur = 0, ""
            for ch in re.sub(r"#\[server\([^)]*\)\]", "", m.group(3)):
                depth += ch in "<(["
                depth -= ch in ">)]"
                if ch == "," and depth == 0:
                    args.append(cur)
                    cur = ""
                else:
                    cur += ch
            args.append(cur)
            parsed = []
            for a in args:
                if ":" in a:
                    k, t = a.split(":", 1)
                    parsed.append((k.strip(), t.strip()))
            codec = "json" if (m.group(2) or "").endswith("Json") else "form"
            found.append((m.group(1), codec, parsed))
    return found


def upload_routes():
    """[(method, path pattern, file field)] of the upload and file routes named in
    server/src/routes.rs, with their patterns from app/src/domain/paths.rs."""
    with open(os.path.join(ROOT, "app/src/domain/paths.rs"), encoding="utf8") as fh:
        text = fh.read()
    consts = dict(re.findall(r'pub const (\w+): &str = "([^"]*)";', text[text.index("pub mod routes"):]))
    with open(os.path.join(ROOT, "server/src/uploads.rs"), encoding="utf8") as fh:
        up = fh.read()
    fields = {}
    for m in re.finditer(r"pub async fn (\w+)\(", up):
        rest = up[m.end():]
        nxt = rest.find("pub async fn")
        fm = re.search(r'read_form\(&mut form, "(\w+)"', rest[:nxt if nxt >= 0 else None])
        if fm:
            fields[m.group(1)] = fm.group(1)
    with open(os.path.join(ROOT, "server/src/routes.rs"), encoding="utf8") as fh:
        routes = fh.read()
    found = []
    for name, method, fn in re.findall(r"\.route\(routes::(\w+),\s*(get|post)\(uploads::(\w+)\)\)", routes):
        found.append((method.upper(), consts[name], fields.get(fn)))
    return found


NASTY_STRINGS = ["", " ", "0", "-1", "1", "2", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
                 "1.5", "1e9", "NaN", "true", "null", "[]", "{}", "abc", "%", "%%", "%zz", "\x00", "a\x00b", "'; drop table event; --",
                 "<script>alert(1)</script>", "Đắk Lắk – cà phê ☕", "\u202e", "\ud7ff", "𝕏" * 50, "../../etc/passwd",
                 "a" * 5000, "\r\n", "submit", "approve", "on", "Vi", "En", "2026-02-30", "2026-12-07", "+84 912 345 678",
                 "x@y.vn", "15/11/2026", "1.000.000", "-0"]


def plausible(rng, typ, ids):
    """A random value for an argument of Rust type `typ`, as form text."""
    t = typ.replace(" ", "")
    if t in ("i64", "i32", "u32", "u8", "usize", "Option<i64>", "Option<i32>"):
        return str(rng.choice(ids + [0, -1, 1, 2 ** 31, 2 ** 63 - 1] + [rng.randint(-5, 10 ** 6)]))
    if t in ("bool", "Option<bool>"):
        return rng.choice(["true", "false", "on", "1", "yes", ""])
    return rng.choice(NASTY_STRINGS + [str(rng.choice(ids))])


def form_pairs(rng, args, ids, drop=None):
    pairs = []
    for name, typ in args:
        if name == drop:
            continue
        base = typ.replace(" ", "")
        scalar = base in ("String", "i64", "i32", "u32", "u8", "usize", "bool") or base.startswith("Option<")
        if scalar:
            pairs.append((name, plausible(rng, typ, ids)))
        else:
            # a struct, map or list: a few bracketed keys of plausible names
            for _ in range(rng.randint(0, 6)):
                key = rng.choice(["title", "name_vi", "name_en", "q", "kind", "action", "intent", "booth_type",
                                  "booth_count", "zone", "products", "answers", "note", "application_id", "selected",
                                  "budget", "year", "from", "to", "lang", "0", "1", "x"])
                sub = rng.choice(["", f"[{rng.choice(ids)}]", "[q1]", "[]", "[a][b]"])
                pairs.append((f"{name}[{key}]{sub}", plausible(rng, "String", ids)))
    return pairs


def json_value(rng, typ, ids, depth=0):
    t = typ.replace(" ", "")
    if t in ("i64", "i32", "u32", "u8", "usize") or t.startswith("Option<i"):
        return rng.choice(ids + [0, -1, 2 ** 63 - 1, 1.5, "1", None])
    if t == "bool":
        return rng.choice([True, False, "true", None])
    if t == "String":
        return rng.choice(NASTY_STRINGS)
    if depth > 2:
        return None
    return rng.choice([{}, {"kind": None, "q": rng.choice(NASTY_STRINGS), "past": rng.choice([True, "x"])},
                       [1, 2, 3], "Vi", None, {"x": {"y": [None]}}])


def mutate(rng, data):
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(4)
        if op == 0 and b:
            b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 1:
            b[rng.randrange(len(b) + 1):0] = bytes([rng.randrange(256)]) * rng.randint(1, 4)
        elif op == 2 and b:
            i = rng.randrange(len(b))
            del b[i:i + rng.randint(1, 10)]
        else:
            b[rng.randrange(len(b) + 1):0] = rng.choice([b"%", b"[", b"]", b"&", b"=", b"%FF", b"\xff\xfe", b"\x00"])
    return bytes(b)


def fuzz_cases(rng, endpoint, codec, args, ids, sample):
    """[(label, method, content type, body)] for one server function."""
    path = f"/api/{endpoint}"
    names = [a[0] for a in args]
    cases = []
    good = form(form_pairs(rng, args, ids))
    cases.append(("plausible form", "POST", "application/x-www-form-urlencoded", good.encode()))
    cases.append(("plausible form 2", "POST", "application/x-www-form-urlencoded",
                  form(form_pairs(rng, args, ids)).encode()))
    cases.append(("empty", "POST", "application/x-www-form-urlencoded", b""))
    if names:
        cases.append(("missing field", "POST", "application/x-www-form-urlencoded",
                      form(form_pairs(rng, args, ids, drop=rng.choice(names))).encode()))
    cases.append(("mutated", "POST", "application/x-www-form-urlencoded", mutate(rng, (sample or good).encode())))
    cases.append(("random bytes", "POST", "application/x-www-form-urlencoded",
                  bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000)))))
    cases.append(("invalid utf-8", "POST", "application/x-www-form-urlencoded",
                  b"&".join(f"{n}=".encode() + rng.choice([b"\xff\xfe\xfd", b"%FF%FE", b"\xc3\x28", b"%C3%28",
                                                           b"\xed\xa0\x80"]) for n in (names or ["x"]))))
    cases.append(("1 MB field", "POST", "application/x-www-form-urlencoded",
                  form([(n, "a" * (1 << 20)) for n in (names or ["x"])[:1]]).encode()))
    cases.append(("60 KB field", "POST", "application/x-www-form-urlencoded",
                  form([(n, "Đ" * 20000) for n in (names or ["x"])]).encode()[:63000]))
    cases.append(("deep brackets", "POST", "application/x-www-form-urlencoded",
                  ((names[0] if names else "x") + "[a]" * 5000 + "=1").encode()))
    cases.append(("many keys", "POST", "application/x-www-form-urlencoded",
                  "&".join(f"{(names[0] if names else 'x')}[k{i}]={i}" for i in range(6000)).encode()[:65000]))
    cases.append(("repeated keys", "POST", "application/x-www-form-urlencoded",
                  "&".join(f"{n}={plausible(rng, t, ids)}" for n, t in args * 50).encode()[:65000]))
    obj = {n: json_value(rng, t, ids) for n, t in args}
    j = json.dumps(obj).encode()
    cases.append(("json", "POST", "application/json", j))
    cases.append(("truncated json", "POST", "application/json", j[:max(1, len(j) // 2)]))
    cases.append(("deep json", "POST", "application/json", b"[" * 50000 + b"]" * 50000 if rng.random() < .5
                  else b'{"a":' * 12000 + b"1" + b"}" * 12000))
    cases.append(("json, wrong types", "POST", "application/json",
                  json.dumps({n: rng.choice([[], {}, "x", -1, None, True]) for n in names}).encode()))
    cases.append(("json as form", "POST", "application/x-www-form-urlencoded", j))
    cases.append(("form as json", "POST", "application/json", good.encode()))
    cases.append(("text/plain", "POST", "text/plain", good.encode()))
    cases.append(("no content type", "POST", None, good.encode()))
    cases.append(("multipart without boundary", "POST", "multipart/form-data", good.encode()))
    cases.append(("GET with query", "GET", None, good.encode()))
    cases.append(("GET, huge query", "GET", None, ("x=" + "a" * 20000).encode()))
    cases.append(("DELETE", "DELETE", None, b""))
    if codec == "json":
        cases.append(("plausible json", "POST", "application/json", json.dumps(obj).encode()))
    return [(label, method, path, ct, body) for label, method, ct, body in cases]


def multipart(boundary, parts):
    out = b""
    for name, filename, ctype, data in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        out += f"--{boundary}\r\nContent-Disposition: {disp}\r\n".encode("utf-8", "surrogateescape")
        if ctype:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def upload_cases(rng, method, pattern, field, ids):
    out = []
    segs = ["1", "2", "0", "-1", "abc", "99999999999999999999", "%00", "%FF", "..%2F..", str(rng.choice(ids)),
            "đ", "1.0", "9223372036854775807"]

    def fill():
        return re.sub(r"\{\w+\}", lambda _: rng.choice(segs), pattern)

    if method == "GET":
        for _ in range(6):
            out.append(("odd id", "GET", fill(), None, b""))
        return out
    field = field or "file"
    b = "----rel" + "".join(rng.choice("abcdef0123456789") for _ in range(16))
    mp = f"multipart/form-data; boundary={b}"
    real = pattern.replace("{id}", str(rng.choice(ids))).replace("{event}", str(rng.choice(ids))) \
                  .replace("{question}", str(rng.choice(ids)))
    kinds = ["certificate", "photo", "x", "", "☕"]
    out.append(("png", "POST", real, mp, multipart(b, [("kind", None, None, rng.choice(kinds).encode()),
                                                      (field, "a.png", "image/png", PNG)])))
    out.append(("pdf", "POST", real, mp, multipart(b, [(field, "a.pdf", "application/pdf", b"%PDF-1.4\n%%EOF\n")])))
    out.append(("random file", "POST", fill(), mp, multipart(b, [
        ("kind", None, None, rng.choice(kinds).encode()),
        (field, rng.choice(["a.png", "", "../../x", "\xff.pdf", "a" * 3000]), rng.choice(["image/png", "x/y", None]),
         bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000))))])))
    out.append(("no file", "POST", real, mp, multipart(b, [("kind", None, None, b"photo")])))
    out.append(("empty file", "POST", real, mp, multipart(b, [(field, "a.png", "image/png", b"")])))
    out.append(("truncated multipart", "POST", real, mp,
                multipart(b, [(field, "a.png", "image/png", PNG * 10)])[:rng.randint(10, 300)]))
    out.append(("wrong boundary", "POST", real, "multipart/form-data; boundary=nope",
                multipart(b, [(field, "a.png", "image/png", PNG)])))
    out.append(("no boundary", "POST", real, "multipart/form-data", multipart(b, [(field, "a.png", "image/png", PNG)])))
    out.append(("form instead", "POST", real, "application/x-www-form-urlencoded", f"{field}=abc".encode()))
    out.append(("json instead", "POST", real, "application/json", b'{"file": "abc"}'))
    out.append(("mutated", "POST", real, mp, mutate(rng, multipart(b, [(field, "a.png", "image/png", PNG)]))))
    out.append(("invalid utf-8 field", "POST", real, mp, multipart(b, [("kind", None, None, b"\xff\xfe"),
                                                                      (field, "\udcff.png", "image/png", PNG)])))
    out.append(("11 MB file", "POST", real, mp, multipart(b, [(field, "big.png", "image/png",
                                                               PNG + b"\x00" * (11 << 20))])))
    out.append(("odd path", "POST", fill(), mp, multipart(b, [(field, "a.png", "image/png", PNG)])))
    return out


# pages and file routes read from the address: their query parameters and path segments
PAGES = ["/", "/lich", "/ket-qua", "/san-pham", "/doanh-nghiep-ocop", "/su-kien/{id}", "/san-pham/{id}",
         "/doanh-nghiep-ocop/{id}", "/su-kien/{id}/calendar.ics", "/calendar.ics", "/lang/{code}", "/dang-nhap",
         "/dat-mat-khau", "/xac-minh-email", "/tai-khoan", "/doanh-nghiep", "/doanh-nghiep/ho-so/{id}", "/can-bo",
         "/can-bo/su-kien", "/can-bo/su-kien/{id}", "/can-bo/su-kien/{id}/ho-so", "/can-bo/tong-hop",
         "/can-bo/hop-dong", "/can-bo/hop-dong.csv", "/can-bo/ke-hoach", "/can-bo/chi-tieu", "/can-bo/kinh-phi",
         "/can-bo/bao-cao/{file}", "/can-bo/ho-so/{file}", "/can-bo/su-kien/{id}/bao-cao",
         "/can-bo/su-kien/{id}/bao-cao.docx", "/can-bo/su-kien/{id}/bao-cao.xlsx", "/lich-rieng/{file}", "/quan-tri"]
QUERY_KEYS = ["kind", "format", "level", "scope", "commune", "group", "from", "to", "q", "past", "view", "month", "nhom",
              "sao", "xa", "trang", "nam", "tu", "token", "next", "id", "da-luu", "__err", "lich-rieng"]
ODD_VALUES = ["2026-13-45", "9999-12-31", "+262143-12-31", "-262143-01-01", "0000-00-00", "2026-02", "262143-12",
              "-1", "0", "2147483647", "-2147483648", "4294967296", "9223372036854775807", "month", "1", "on",
              "//evil.example", "/\\evil", "%2F%2Fevil", "%FF", "%00", "a" * 3000, "Đắk Lắk", "\u202e"]


def page_cases(rng, ids):
    segs = [str(rng.choice(ids)), "0", "-1", "abc", "9223372036854775807", "99999999999999999999", "2026",
            "2026.docx", "2026.xlsx", "99999.docx", "-2147483648.xlsx", f"{rng.choice(ids)}.csv", "x.ics", "%FF",
            "vi", "en", "zz", "a" * 300]
    out = []
    for pattern in PAGES:
        for _ in range(3):
            path = re.sub(r"\{\w+\}", lambda _: rng.choice(segs), pattern)
            query = "&".join(f"{rng.choice(QUERY_KEYS)}={urllib.parse.quote(rng.choice(ODD_VALUES + NASTY_STRINGS[:20]))}"
                             for _ in range(rng.randint(0, 4)))
            out.append(("odd address", "GET", path + ("?" + query if query else ""), None, b""))
    return out


async def scenario_fuzz(cfg, binary, folder, fig, seed):
    f = Failures("fuzz")
    rng = random.Random(seed)
    log(f"  seed {seed} (RELIABILITY_SEED={seed} repeats this run)")
    db = Database("sqlite", "fuzz", folder)
    port = free_port()
    s = Server(binary, folder, "fuzz", db.url, port)
    try:
        s.run("migrate")
        s.run("bench-rush", "--producers", "5", "--out", f"{folder}/fuzz.tsv")
        lines, staff, fair = read_rush(f"{folder}/fuzz.tsv")
        producer = lines[0][0]
        sample = lines[1][1]
        ids = [int(r[0]) for r in db.rows("select event_id from event order by event_id limit 5")] + [fair]
        ids += [int(r[0]) for r in db.rows("select application_id from application limit 3")]
        ids += [int(r[0]) for r in db.rows(f"select booth_id from booth where event_id = {fair} limit 3")]
        ids += [int(r[0]) for r in db.rows("select product_id from product limit 3")]
        ids += [int(r[0]) for r in db.rows("select question_id from call_question limit 3")]
        functions = server_functions()
        uploads = upload_routes()
        log(f"  {len(functions)} server functions, {len(uploads)} upload and file routes, {len(PAGES)} pages")
        f.check(len(functions) >= 80, f"fuzz: found {len(functions)} server functions in app/src/api")
        f.check(len([u for u in uploads if u[0] == "POST"]) >= 5, "fuzz: found the upload routes")
        s.start()
        await s.ready()
        base = s.base_url
        roles = [("visitor", None), ("producer", producer), ("staff", staff)]
        jobs = []
        for _ in range(cfg["fuzz_rounds"]):
            for endpoint, codec, args in functions:
                for role, token in roles:
                    for label, method, path, ct, body in fuzz_cases(rng, endpoint, codec, args, ids,
                                                                    sample if endpoint.endswith("save-application")
                                                                    else None):
                        jobs.append((f"{endpoint} {label}", role, token, method, path, ct, body))
            for method, pattern, field in uploads:
                for role, token in roles:
                    for label, m, path, ct, body in upload_cases(rng, method, pattern, field, ids):
                        jobs.append((f"{pattern} {label}", role, token, m, path, ct, body))
            for role, token in roles:
                for label, m, path, ct, body in page_cases(rng, ids):
                    jobs.append((f"page {label}", role, token, m, path, ct, body))
        rng.shuffle(jobs)
        by_status, bad, no_answer = {}, [], []
        t0 = time.monotonic()

        async def worker():
            c = Conn("127.0.0.1", port, timeout=60)
            while jobs:
                label, role, token, method, path, ct, body = jobs.pop()
                headers = [("Origin", base), ("Accept", rng.choice(["application/json", "text/html", "*/*"]))]
                if ct:
                    headers.append(("Content-Type", ct))
                if token:
                    headers.append(("Cookie", f"{COOKIE}={token}"))
                if method == "GET" and body:
                    path, body = path + "?" + body.decode("latin1"), b""
                try:
                    a = await c.request(method, path, headers, body)
                    by_status[a.status] = by_status.get(a.status, 0) + 1
                    if a.status >= 500:
                        bad.append((a.status, role, method, path, label, body[:300], a.body[:300]))
                except NoAnswer as e:
                    no_answer.append((role, method, path, label, str(e)))
                    by_status["no answer"] = by_status.get("no answer", 0) + 1

        total = len(jobs)
        await asyncio.gather(*(worker() for _ in range(4)))
        secs = time.monotonic() - t0
        healthy = False
        try:
            c = Conn("127.0.0.1", port, timeout=10)
            healthy = (await c.request("GET", "/healthz")).status == 200
            c.close()
        except NoAnswer:
            pass
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items(), key=lambda kv: str(kv[0])))
        log(f"  {total} requests in {secs:.0f} s; by status: {counts}")
        for b in bad[:10]:
            log(f"    5xx: {b[0]} as {b[1]}: {b[2]} {b[3]} ({b[4]}); body {b[5]!r}; answer {b[6]!r}")
        for n in no_answer[:5]:
            log(f"    no answer: {n}")
        fig["fuzz"] = dict(seed=seed, requests=total, seconds=round(secs), by_status={str(k): v for k, v in by_status.items()},
                           server_functions=len(functions), upload_routes=len(uploads))
        f.check(not bad, f"fuzz: {len(bad)} answers 5xx")
        # a body over the limit may be refused by closing the connection; a request the server
        # dropped without a word would show here too
        oversized = [n for n in no_answer if "1 MB" in n[3]]
        if oversized:
            log(f"  {len(oversized)} requests with a body over the limit were cut off before an answer")
        f.check(len(no_answer) == len(oversized),
                f"fuzz: {len(no_answer) - len(oversized)} requests of a size within the limits without an answer")
        f.check(s.alive() and healthy, "fuzz: the server is running and /healthz answers 200 afterwards")
        f.check(by_status.get(200, 0) > 0 and by_status.get(400, 0) > 0,
                "fuzz: some requests were accepted (200) and some refused as bad (400): the cases reach the handlers")
    finally:
        s.stop()
        db.close()
    p = s.panics()
    f.check(not p, f"fuzz: {len(p)} panics in the log" + (f": {p[0][:300]}" if p else ""))
    return f


# ------------------------------------------------------------------------------------- 4. soak

async def scenario_soak(cfg, binary, folder, fig):
    f = Failures("soak")
    duration = cfg["soak"]
    conns = cfg["soak_conns"]
    db = Database("sqlite", "soak", folder)
    port = free_port()
    s = Server(binary, folder, "soak", db.url, port)
    try:
        s.run("migrate")
        s.run("bench-rush", "--producers", "200", "--out", f"{folder}/soak.tsv")
        lines, staff, fair = read_rush(f"{folder}/soak.tsv")
        out = s.run("create-admin", "--email", "soak-admin@sct.vn", "--name", "Soak")
        token = re.search(r"[?&]token=([A-Za-z0-9_-]+)|/([A-Za-z0-9_-]{40,})\s*$", out.strip())
        link_token = token.group(1) or token.group(2)
        password = "Mật-khẩu-đủ-dài-2026!"
        s.start()
        await s.ready()
        base = s.base_url
        c = Conn("127.0.0.1", port)
        a = await c.request("POST", "/api/account/set-password", api_headers(base),
                            form([("token", link_token), ("password", password)]))
        f.check(a.status == 200, f"soak: the admin's password is set (HTTP {a.status} {a.body[:100]!r})")
        event = db.one("select event_id from event where status = 'published' order by event_id limit 1")
        pages = ["/", "/lich", f"/su-kien/{event}", "/san-pham", "/calendar.ics"]
        for p in pages:
            a = await c.request("GET", p)
            f.check(a.status == 200, f"soak: GET {p} answers {a.status} before the soak")
        c.close()
        login_ok = form([("email", "soak-admin@sct.vn"), ("password", password)])
        login_bad = form([("email", "soak-admin@sct.vn"), ("password", "sai mật khẩu")])
        expect = {"page": {200}, "login right": {200, 429}, "login wrong": {400, 401, 429}, "submit": {200}}
        mix = [("page", 70), ("login right", 2), ("login wrong", 6), ("submit", 22)]
        kinds = [k for k, w in mix for _ in range(w)]
        stats = {k: {} for k in expect}
        unexpected, timeouts, latencies = [], [], {k: [] for k in expect}
        rss = []
        stop = time.monotonic() + duration
        rng = random.Random(7)

        async def sampler():
            t0 = time.monotonic()
            every = 2 if duration <= 120 else 5
            while time.monotonic() < stop:
                v = s.rss_kb()
                if v:
                    rss.append((time.monotonic() - t0, v))
                await asyncio.sleep(every)

        async def worker(i):
            c = Conn("127.0.0.1", port, timeout=30)
            while time.monotonic() < stop:
                kind = rng.choice(kinds)
                if kind == "page":
                    method, path, headers, body = "GET", rng.choice(pages), [("Accept", "text/html")], b""
                elif kind == "submit":
                    tok, body = rng.choice(lines)
                    method, path, headers = "POST", "/api/producer/save-application", api_headers(base, tok)
                else:
                    method, path, headers = "POST", "/api/account/login", api_headers(base)
                    body = login_ok if kind == "login right" else login_bad
                t0 = time.perf_counter()
                try:
                    a = await c.request(method, path, headers, body)
                    st = stats[kind]
                    st[a.status] = st.get(a.status, 0) + 1
                    latencies[kind].append((time.perf_counter() - t0) * 1000)
                    if a.status not in expect[kind]:
                        unexpected.append((kind, path, a.status, a.body[:200]))
                except NoAnswer as e:
                    timeouts.append((kind, path, str(e)))
            c.close()

        t0 = time.monotonic()
        await asyncio.gather(sampler(), *(worker(i) for i in range(conns)))
        secs = time.monotonic() - t0
        alive = s.alive()
        # a clean stop: SIGTERM ends the process (mail worker and database pool closed) promptly
        t_stop = time.monotonic()
        if alive:
            s.proc.terminate()
            try:
                s.proc.wait(30)
            except subprocess.TimeoutExpired:
                pass
        stop_secs = time.monotonic() - t_stop
        stopped_cleanly = alive and s.proc.poll() == 0 and s.log_count("stopped cleanly") == 1
        total = sum(sum(v.values()) for v in stats.values())
        five = [u for u in unexpected if u[2] >= 500]
        # memory: after a warm-up, the last third against the first
        warm = min(60.0, duration * 0.2)
        after = [v for t, v in rss if t >= warm]
        third = max(1, len(after) // 3)
        first, last = after[:third], after[-third:]
        avg = lambda xs: sum(xs) / len(xs) if xs else 0
        growth = (avg(last) / avg(first) - 1) * 100 if first and avg(first) else 0
        log(f"  {total} requests over {conns} connections in {secs:.0f} s ({total / secs:.0f}/s)")
        for k in expect:
            log(f"    {k}: {dict(sorted(stats[k].items()))}, p50 {pct(latencies[k], .5):.0f} ms, "
                f"p99 {pct(latencies[k], .99):.0f} ms")
        for u in unexpected[:5]:
            log(f"    unexpected: {u}")
        for t in timeouts[:5]:
            log(f"    no answer: {t}")
        log(f"  VmRSS: start {rss[0][1] // 1024 if rss else 0} MB, peak {max(v for _, v in rss) // 1024 if rss else 0} MB, "
            f"end {rss[-1][1] // 1024 if rss else 0} MB; after {warm:.0f} s of warm-up the last third averages "
            f"{growth:+.1f} % against the first")
        fig["soak"] = dict(seconds=round(secs), connections=conns, requests=total, per_second=round(total / secs),
                           by_kind={k: {str(s_): n for s_, n in v.items()} for k, v in stats.items()},
                           unexpected=len(unexpected), five_xx=len(five), no_answer=len(timeouts),
                           rss_start_mb=round(rss[0][1] / 1024, 1) if rss else None,
                           rss_peak_mb=round(max(v for _, v in rss) / 1024, 1) if rss else None,
                           rss_end_mb=round(rss[-1][1] / 1024, 1) if rss else None,
                           rss_growth_pct=round(growth, 1), stop_seconds=round(stop_secs, 1),
                           p99_ms={k: round(pct(v, .99)) for k, v in latencies.items()})
        f.check(not five, f"soak: {len(five)} answers 5xx")
        f.check(not unexpected, f"soak: {len(unexpected)} answers other than expected")
        f.check(not timeouts, f"soak: {len(timeouts)} requests without an answer within 30 s")
        f.check(alive, "soak: the server is still running")
        f.check(stopped_cleanly, f"soak: SIGTERM stopped it cleanly in {stop_secs:.1f} s (exit {s.proc.poll()})")
        f.check(len(after) >= 3 and growth <= 50,
                f"soak: memory flat (last third {growth:+.1f} % against the first, limit +50 %; {len(rss)} samples)")
        f.check(stats["submit"].get(200, 0) > 0 and stats["page"].get(200, 0) > 0, "soak: pages and submissions served")
    finally:
        s.stop()
        db.close()
    p = s.panics()
    f.check(not p, f"soak: {len(p)} panics in the log" + (f": {p[0][:300]}" if p else ""))
    return f


# -------------------------------------------------------------------------------------- main

async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--short", action="store_true", help="the short run (CI)")
    ap.add_argument("scenarios", nargs="*", help="multi, crash, fuzz, soak (default: all)")
    opts = ap.parse_args()
    short = opts.short or os.environ.get("RELIABILITY", "") == "short"
    cfg = {k: v[1 if short else 0] for k, v in SETTINGS.items()}
    for k, env in (("soak", "RELIABILITY_SOAK_SECONDS"), ("kills", "RELIABILITY_KILLS"), ("rush", "RELIABILITY_RUSH")):
        if os.environ.get(env):
            cfg[k] = int(os.environ[env])
    wanted = opts.scenarios or [w for w in os.environ.get("RELIABILITY_SCENARIOS", "").split(",") if w] \
        or ["multi", "crash", "fuzz", "soak"]
    binary = os.environ.get("SERVER_BIN") or os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release/server")
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        log(f"no server binary at {binary} (set SERVER_BIN, or `make build`)")
        return 2
    seed = int(os.environ.get("RELIABILITY_SEED") or random.SystemRandom().randrange(1, 2 ** 31))
    folder = tempfile.mkdtemp(prefix="xttm-reliability-")
    log(f"Reliability ({'short' if short else 'full'} run): {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
        f"{os.cpu_count()} cores, server {binary}, scenarios {', '.join(wanted)}")
    results, figures = [], {"date": time.strftime("%Y-%m-%d"), "mode": "short" if short else "full",
                            "binary": binary, "settings": cfg}
    t_all = time.monotonic()
    first_server = 0
    try:
        for name in wanted:
            log(f"\n== {name}")
            t0 = time.monotonic()
            try:
                if name == "multi":
                    r = await scenario_multi(cfg, binary, folder, figures)
                elif name == "crash":
                    r = await scenario_crash(cfg, binary, folder, figures)
                elif name == "fuzz":
                    r = await scenario_fuzz(cfg, binary, folder, figures, seed)
                elif name == "soak":
                    r = await scenario_soak(cfg, binary, folder, figures)
                else:
                    log(f"unknown scenario {name}")
                    return 2
            except Exception as e:
                r = Failures(name)
                r.check(False, f"{name} could not run: {type(e).__name__}: {e}")
            finally:
                Server.stop_all()
            # what the servers logged as errors: not a failure by itself (a refused upload may be
            # logged), but shown, so that nothing goes unseen
            for srv in Server.all[first_server:]:
                errors = srv.error_lines()
                if errors:
                    kinds = {}
                    for e in errors:
                        key = re.sub(r"\d+", "N", e)[:120]
                        kinds[key] = kinds.get(key, 0) + 1
                    log(f"  {srv.name}: {len(errors)} ERROR lines in the log:")
                    for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:6]:
                        log(f"    {v}× {k}")
            first_server = len(Server.all)
            figures.setdefault("seconds", {})[name] = round(time.monotonic() - t0)
            log(f"  {name}: {'passed' if not r.items else 'FAILED'} in {time.monotonic() - t0:.0f} s")
            results.append(r)
    finally:
        Server.stop_all()
        Database.drop_all()
        report = os.environ.get("RELIABILITY_REPORT")
        if report:
            with open(report, "w", encoding="utf8") as fh:
                json.dump(figures, fh, indent=2, ensure_ascii=False)
        failed = [r for r in results if r.items]
        if failed and os.environ.get("RELIABILITY_KEEP"):
            log(f"logs and databases kept in {folder}")
        else:
            if failed:
                # the server logs of a failed run, for the record
                for name in sorted(os.listdir(folder)):
                    if name.endswith(".log"):
                        path = os.path.join(folder, name)
                        with open(path, "rb") as fh:
                            lines = fh.read().decode("utf8", "replace").splitlines()
                        lines = [re.sub(r"\x1b\[[0-9;]*m", "", l) for l in lines]
                        errors = [l for l in lines if " ERROR " in l or "panicked" in l]
                        if errors:
                            log(f"\n-- {name}: {len(errors)} error lines, the first:")
                            for l in errors[:10]:
                                log("   " + l[:400])
            shutil.rmtree(folder, ignore_errors=True)
    log(f"\nReliability: {len(results) - len(failed)} of {len(results)} scenarios passed in "
        f"{time.monotonic() - t_all:.0f} s")
    for r in failed:
        for item in r.items:
            log(f"  FAILED {r.scenario}: {item}")
    return 1 if failed else 0


def on_signal(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_signal)
    try:
        sys.exit(asyncio.run(main()))
    except KeyboardInterrupt:
        Server.stop_all()
        Database.drop_all()
        sys.exit(130)
