#!/usr/bin/env python3
"""Crash durability of `dualtrack serve`: nothing acknowledged is lost, nothing else gets in.

Worker threads drive the write paths a browser uses (sign-up, employee verification by the link
the server writes to its local outbox, endorse and withdraw a culture tag), each with its own
cookie jar and CSRF token, while the main
thread SIGKILLs the server at random moments. After every kill, with the server down, it reads
the database directly and checks:

- every acknowledged write is there: each account whose sign-up answered 303, its session, its
  verification when opening the link answered 303, each endorsement whose post answered 303, and each
  withdrawal stays withdrawn (a write still in flight at the kill may land or not: both pass);
- nothing else is: every endorsement row of this run's accounts was asked for by a worker;
- the database is sound: SQLite `PRAGMA integrity_check`, `foreign_key_check` and the FTS5
  index check; PostgreSQL amcheck (`bt_index_check` with heapallindexed on every B-tree index,
  `verify_heapam` on every table) and foreign-key consistency queries.

Then it restarts the server on the same database and goes on. Python standard library only;
PostgreSQL is read with the `psql` client. Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

SECRET = "reliability-checks-secret-0123456789"
PASSWORD = "durability check password"
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
LINK_RE = re.compile(r"https?://[^/\s]+(/account/verify/[A-Za-z0-9_-]+)")


def mailed_link(outbox: str, to: str, deadline: float) -> str | None:
    """The path of the verification link in the outbox message to `to` (the server writes
    messages there when it has no mail server), waiting until `deadline` for it."""
    import email
    import email.policy
    while time.monotonic() < deadline:
        try:
            names = sorted(os.listdir(outbox), reverse=True)
        except FileNotFoundError:
            names = []
        for name in names:
            if not name.endswith(".eml"):
                continue
            try:
                with open(os.path.join(outbox, name), "rb") as f:
                    message = email.message_from_binary_file(f, policy=email.policy.default)
            except OSError:
                continue
            if message["To"] != to:
                continue
            found = LINK_RE.search(message.get_content())
            if found:
                return found.group(1)
        time.sleep(0.05)
    return None


class Down(Exception):
    """The server did not answer (killed, restarting): the journey stops, nothing is acked."""


class Refused(Exception):
    """The server answered, but not with the status a successful write gives."""


@dataclass
class Ledger:
    """What the workers were told. Keys of `endorsement` are (email, slug, tag)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    accounts: set = field(default_factory=set)
    verified: dict = field(default_factory=dict)  # email -> slug
    # (email, slug, tag) -> [state, pending]; state is True (endorsed), False (withdrawn) or
    # None (never acknowledged); pending means a later write was sent but not acknowledged.
    endorsement: dict = field(default_factory=dict)
    acks: int = 0
    refused: dict = field(default_factory=dict)  # status -> count

    def ack(self, kind: str) -> None:
        with self.lock:
            self.acks += 1

    def refuse(self, status: int) -> None:
        with self.lock:
            self.refused[status] = self.refused.get(status, 0) + 1


class Client:
    """One browser: a cookie jar over http.client, no redirects followed."""

    def __init__(self, base_url: str):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            conn.close()
        except (OSError, http.client.HTTPException) as err:
            raise Down(str(err)) from err
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                val = rest.split(";", 1)[0]
                if "max-age=0" in value.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return response.status, response.getheader("Location") or "", text

    def csrf(self, path: str) -> tuple[str, str]:
        status, _, text = self.request("GET", path)
        if status != 200:
            raise Refused(f"GET {path} -> {status}")
        found = CSRF_RE.search(text)
        if not found:
            raise Refused(f"GET {path}: no CSRF field")
        return found.group(1), text


class Server:
    def __init__(self, binary: str, url: str, logfile: str):
        self.binary, self.url, self.logfile = binary, url, logfile
        self.data_dir = os.path.join(os.path.dirname(os.path.abspath(logfile)),
                                     f"data-{os.getpid()}")
        self.outbox = os.path.join(self.data_dir, "outbox")
        self.proc: subprocess.Popen | None = None
        self.base_url = ""
        self.up = threading.Event()

    def start(self) -> None:
        log = open(self.logfile, "ab")
        # Mail (verification links) goes to the outbox folder of this data directory.
        env = dict(os.environ, RUST_LOG=os.environ.get("RUST_LOG", "warn"),
                   DUALTRACK_DATA_DIR=self.data_dir)
        env.pop("DUALTRACK_SMTP_URL", None)
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--addr", "127.0.0.1:0", "--database-url", self.url,
             "--secret", SECRET],
            stdout=subprocess.PIPE, stderr=log, env=env)
        log.close()
        assert self.proc.stdout is not None
        # The address is the first line on stdout; an empty read means the server died.
        line = self.proc.stdout.readline().decode()
        match = re.match(r"dualtrack is serving on (http://\S+)", line)
        if not match:
            raise SystemExit(f"the server did not start: {line!r}; see {self.logfile}")
        self.base_url = match.group(1)
        self.up.set()

    def kill(self) -> None:
        self.up.clear()
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            if self.proc.stdout:
                self.proc.stdout.close()

    def stop(self) -> None:
        self.up.clear()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Database:
    """Direct reads of the server's database, SQLite file or PostgreSQL through psql."""

    def __init__(self, url: str):
        self.url = url
        self.sqlite_path = None
        if url.startswith("sqlite://"):
            self.sqlite_path = url[len("sqlite://"):].split("?", 1)[0]

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite_path:
            con = sqlite3.connect(self.sqlite_path, timeout=30)
            try:
                return [tuple(r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        out = subprocess.run(
            ["psql", self.url, "-X", "-q", "-t", "-A", "-F", "\x1f", "-v", "ON_ERROR_STOP=1",
             "-c", sql], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.strip()}")
        return [tuple(line.split("\x1f")) for line in out.stdout.splitlines() if line]

    def integrity(self) -> list[str]:
        """Problems found by the database's own checks (empty when sound)."""
        problems = []
        if self.sqlite_path:
            result = self.rows("PRAGMA integrity_check")
            if result != [("ok",)]:
                problems.append(f"integrity_check: {result[:5]}")
            fk = self.rows("PRAGMA foreign_key_check")
            if fk:
                problems.append(f"foreign_key_check: {fk[:5]}")
            con = sqlite3.connect(self.sqlite_path, timeout=30)
            try:
                con.execute("INSERT INTO listings_fts (listings_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as err:
                problems.append(f"fts5 integrity-check: {err}")
            finally:
                con.close()
            return problems
        self.rows("CREATE EXTENSION IF NOT EXISTS amcheck")
        try:
            # Raises on the first corrupt index; heapallindexed also checks every heap row is
            # in the index.
            checked = self.rows(
                "SELECT c.relname, bt_index_check(c.oid, true) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace")
            if not checked:
                problems.append("bt_index_check: no index checked")
        except RuntimeError as err:
            problems.append(f"bt_index_check: {err}")
        heap = self.rows(
            "SELECT c.relname, v.msg FROM pg_class c, LATERAL verify_heapam(c.oid) v "
            "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace")
        if heap:
            problems.append(f"verify_heapam: {heap[:5]}")
        orphans = self.rows(
            "SELECT 'endorsement without verified account', count(*) FROM endorsements e "
            "LEFT JOIN accounts a ON a.id = e.account_id AND a.verified_company_id = e.company_id "
            "WHERE a.id IS NULL "
            "UNION ALL SELECT 'session without account', count(*) FROM sessions s "
            "LEFT JOIN accounts a ON a.id = s.account_id WHERE a.id IS NULL "
            "UNION ALL SELECT 'endorsement of unknown tag', count(*) FROM endorsements e "
            "LEFT JOIN tags t ON t.id = e.tag_id WHERE t.id IS NULL")
        for name, count in orphans:
            if int(count):
                problems.append(f"{name}: {count}")
        return problems


def journey(server: Server, ledger: Ledger, rng: random.Random, email: str, companies, tags,
            stop: threading.Event) -> None:
    """One visitor's writes, each recorded in the ledger once its 303 came back."""
    client = Client(server.base_url)
    slug = companies[email.rsplit("@", 1)[1]]
    token, _ = client.csrf("/signup")
    status, location, _ = client.request(
        "POST", "/signup", {"csrf": token, "email": email, "password": PASSWORD})
    if status != 303 or "dt_session" not in client.cookies:
        raise Refused(f"sign-up -> {status}")
    with ledger.lock:
        ledger.accounts.add(email)
    ledger.ack("signup")
    token, _ = client.csrf("/account")
    status, _, text = client.request(
        "POST", "/account/verify", {"csrf": token, "company": slug, "address": email})
    if status != 200 or "We sent a link to" not in text:
        raise Refused(f"verify -> {status}")
    link = mailed_link(server.outbox, email, time.monotonic() + 10)
    if link is None:
        raise Refused("verify: no link in the outbox")
    status, location, _ = client.request("GET", link)
    if status != 303 or "verified" not in location:
        raise Refused(f"confirm -> {status} {location}")
    with ledger.lock:
        ledger.verified[email] = slug
    ledger.ack("verify")
    token, _ = client.csrf(f"/companies/{slug}")
    for tag in rng.sample(tags, k=min(len(tags), rng.randint(1, 4))):
        actions = ["endorse"] + (["withdraw"] if rng.random() < 0.35 else [])
        for action in actions:
            if stop.is_set():
                return
            key = (email, slug, tag)
            with ledger.lock:
                entry = ledger.endorsement.setdefault(key, [None, False])
                entry[1] = True
            status, _, _ = client.request(
                "POST", f"/companies/{slug}/{action}", {"csrf": token, "tag": tag})
            if status != 303:
                raise Refused(f"{action} -> {status}")
            with ledger.lock:
                ledger.endorsement[key] = [action == "endorse", False]
            ledger.ack(action)


def worker(n: int, server: Server, ledger: Ledger, seed: int, run: str, companies, tags,
           stop: threading.Event) -> None:
    rng = random.Random(seed * 1000 + n)
    domains = list(companies)
    i = 0
    while not stop.is_set():
        if not server.up.wait(timeout=0.5):
            continue
        i += 1
        email = f"{run}-{n}-{i}@{rng.choice(domains)}"
        try:
            journey(server, ledger, rng, email, companies, tags, stop)
        except Down:
            time.sleep(0.05)
        except Refused as err:
            status = re.search(r"-> (\d+)", str(err))
            ledger.refuse(int(status.group(1)) if status else 0)
            time.sleep(0.05)


def check(db: Database, ledger: Ledger, run: str) -> list[str]:
    """Compare the database with the ledger; the server must be down."""
    problems = db.integrity()
    like = f"{run}-%"
    accounts = {
        email: slug for email, slug in db.rows(
            "SELECT a.email, COALESCE(c.slug, '') FROM accounts a "
            f"LEFT JOIN companies c ON c.id = a.verified_company_id WHERE a.email LIKE '{like}'")
    }
    with_session = {
        email for (email,) in db.rows(
            "SELECT DISTINCT a.email FROM sessions s JOIN accounts a ON a.id = s.account_id "
            f"WHERE a.email LIKE '{like}'")
    }
    rows = {
        (email, slug, tag) for email, slug, tag in db.rows(
            "SELECT a.email, c.slug, e.tag_id FROM endorsements e "
            "JOIN accounts a ON a.id = e.account_id JOIN companies c ON c.id = e.company_id "
            f"WHERE a.email LIKE '{like}'")
    }
    with ledger.lock:
        acked_accounts = set(ledger.accounts)
        verified = dict(ledger.verified)
        endorsement = {k: list(v) for k, v in ledger.endorsement.items()}
    for email in acked_accounts - set(accounts):
        problems.append(f"lost: the account {email}")
    for email in acked_accounts - with_session:
        problems.append(f"lost: the session of {email}")
    for email, slug in verified.items():
        if accounts.get(email) != slug:
            problems.append(f"lost: {email} verified for {slug} (found {accounts.get(email)!r})")
    for key, (state, pending) in endorsement.items():
        if pending or state is None:
            continue
        if state and key not in rows:
            problems.append(f"lost: the endorsement {key}")
        if not state and key in rows:
            problems.append(f"came back: the withdrawn endorsement {key}")
    for key in rows - set(endorsement):
        problems.append(f"let in: an endorsement nobody asked for {key}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the dualtrack binary")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--min-gap", type=float, default=0.5, help="seconds up before a kill, at least")
    parser.add_argument("--max-gap", type=float, default=3.0, help="seconds up before a kill, at most")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--log", default="/tmp/dualtrack-durability-server.log")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    run = f"dur{args.seed}"
    db = Database(args.database_url)
    server = Server(args.binary, args.database_url, args.log)
    started = time.monotonic()
    server.start()
    companies = {domain: slug for slug, domain in db.rows("SELECT slug, domain FROM companies")}
    tags = [tag for (tag,) in db.rows("SELECT id FROM tags ORDER BY position")]
    if not companies or not tags:
        server.stop()
        raise SystemExit("the database has no companies or tags: was the demo board seeded?")

    stop = threading.Event()
    threads = [
        threading.Thread(target=worker, daemon=True,
                         args=(n, server, LEDGER, args.seed, run, companies, tags, stop))
        for n in range(args.workers)
    ]
    for t in threads:
        t.start()
    problems: list[str] = []
    kills = []
    for k in range(1, args.kills + 1):
        gap = rng.uniform(args.min_gap, args.max_gap)
        time.sleep(gap)
        acks_before = LEDGER.acks
        server.kill()
        time.sleep(0.3)  # let workers record responses that arrived just before the kill
        found = check(db, LEDGER, run)
        kills.append({"kill": k, "after_s": round(gap, 2), "acks_so_far": acks_before,
                      "problems": len(found)})
        print(f"kill {k:3}/{args.kills}: after {gap:4.2f} s up, {acks_before} acknowledged "
              f"writes so far, {len(found)} problems", flush=True)
        for p in found[:20]:
            print(f"  {p}", flush=True)
        problems += found
        server.start()
    time.sleep(1.0)
    stop.set()
    for t in threads:
        t.join(timeout=35)
    server.kill()
    time.sleep(0.3)
    final = check(db, LEDGER, run)
    problems += final
    elapsed = time.monotonic() - started

    with LEDGER.lock:
        figures = {
            "backend": "sqlite" if db.sqlite_path else "postgres",
            "seed": args.seed,
            "kills": args.kills,
            "workers": args.workers,
            "seconds": round(elapsed, 1),
            "acknowledged_writes": LEDGER.acks,
            "accounts": len(LEDGER.accounts),
            "verified": len(LEDGER.verified),
            "endorsement_keys": len(LEDGER.endorsement),
            "endorsed_at_end": sum(1 for s, p in LEDGER.endorsement.values() if s and not p),
            "withdrawn_at_end": sum(1 for s, p in LEDGER.endorsement.values() if s is False and not p),
            "in_flight_at_a_kill": sum(1 for s, p in LEDGER.endorsement.values() if p),
            "refused": LEDGER.refused,
            "problems": len(problems),
        }
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"figures": figures, "kills": kills, "problems": problems[:200]}, out,
                      indent=2)
    if problems:
        print(f"FAIL: {len(problems)} problems", file=sys.stderr)
        for p in problems[:50]:
            print(f"  {p}", file=sys.stderr)
        return 1
    if LEDGER.acks == 0:
        print("FAIL: no write was acknowledged, so nothing was tested", file=sys.stderr)
        return 1
    print(f"OK: {LEDGER.acks} acknowledged writes, {args.kills} SIGKILLs, nothing lost, "
          "nothing let in, integrity checks clean")
    return 0


LEDGER = Ledger()

if __name__ == "__main__":
    sys.exit(main())
