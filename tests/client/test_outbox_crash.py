"""Exactly once across crashes: the shop is SIGKILLed while the outbox sends, and restarted.

The shop runs as a real `python -m server` process on a database that outlives it (a SQLite
file, or a PostgreSQL database). One hundred privacy requests are filed in the outbox and
flushed while a killer thread SIGKILLs the server at random moments (each kill lands at a
random point inside a request that has just been put on the wire, 20-100 % of a typical
request's time in, so most die half-way through one) and starts it again on the same
database and port. The outbox retries with the same Idempotency-Key until everything is
sent. Afterwards the database holds each of the hundred exactly once, no outbox item failed,
and no idempotency claim is left without its response.

The normal run kills 5 times per backend; `--runslow` kills 25 times. A deterministic
companion on PostgreSQL holds the request inside its work (a table lock) and kills it there.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, func, select

from client.connection import StaticToken
from client.outbox import Outbox, OutboxItem
from client.transport import Transport
from server.db import sqlite_url
from server.models import IdempotencyRecord, PrivacyRequest
from tests.conftest import SHOPPER
from tests.support.oauth_login import sign_in

REPO = Path(__file__).resolve().parents[2]
REQUESTS = 100
PREFIX = "crash test "

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ShopProcess:
    """`python -m server` on one database and port, started again after every kill."""

    def __init__(self, db_url: str, port: int, log: Path) -> None:
        self.db_url = db_url
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}  # this worktree's server, not another
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "server",
                    "--db-url",
                    self.db_url,
                    "--port",
                    str(self.port),
                    "--demo",
                    "--tracks",
                    "20",
                    "--no-processor",
                    # 100 submissions by one shopper: past the default daily limit on purpose
                    "--requests-per-day",
                    "0",
                ],
                cwd=self.log.parent,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"the shop exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/.well-known/privacy-api", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise AssertionError("the shop did not come up")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(str(tmp_path / "shop.db"))
    cluster = request.getfixturevalue("pg_cluster")
    url: str = cluster.create_database(f"crash_{uuid.uuid4().hex[:8]}")
    return url


@pytest.fixture
def shop_process(db_url: str, tmp_path: Path) -> Iterator[ShopProcess]:
    shop = ShopProcess(db_url, _free_port(), tmp_path / "server.log")
    shop.start()
    try:
        shop.wait_ready()
        yield shop
    finally:
        shop.stop()


@pytest.mark.timeout(300)
def test_every_request_exactly_once_across_kills(
    shop_process: ShopProcess, db_url: str, tmp_path: Path, runslow: bool
) -> None:
    kills_planned = 25 if runslow else 5
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    token = str(sign_in(shop_process.url, *SHOPPER)["access_token"])
    # no retries of its own: every failure reaches the outbox, which retries with the same key
    transport = Transport(
        shop_process.url + "/v1", tokens=StaticToken(token), max_retries=0, timeout=(2.0, 10.0)
    )
    on_the_wire = threading.Event()
    latencies: list[float] = []

    def send(payload: dict[str, Any], key: str) -> Any:
        on_the_wire.set()
        started = time.monotonic()
        created = transport.send_json("POST", "requests", payload, idempotency_key=key)
        latencies.append(time.monotonic() - started)
        return created

    def kill_delay() -> float:
        """A moment inside a typical request: between the key's claim and the commit."""
        recent = sorted(latencies[-20:])
        typical = recent[len(recent) // 2] if recent else 0.02
        return rng.uniform(0.2, 1.0) * typical

    outbox = Outbox(tmp_path / "outbox.sqlite")
    for n in range(REQUESTS):
        outbox.add(
            "silumart", SHOPPER[0], {"type": "complaint", "details": {"text": f"{PREFIX}{n:03d}"}}
        )

    kills = 0
    done = threading.Event()
    killer_error: list[BaseException] = []

    def killer() -> None:
        nonlocal kills
        try:
            while kills < kills_planned and not done.is_set():
                # Spread the kills over the run: the next one comes once its share of the
                # requests went through (a fixed sleep let a fast run finish before them all).
                share = (kills + 1) * REQUESTS // (kills_planned + 1) + rng.randrange(3)
                wait_until = time.monotonic() + 60
                while len(latencies) < share and time.monotonic() < wait_until:
                    if done.is_set():
                        return
                    time.sleep(0.005)
                on_the_wire.clear()
                if not on_the_wire.wait(timeout=20):
                    return
                time.sleep(kill_delay())
                shop_process.kill()
                kills += 1
                time.sleep(rng.uniform(0.0, 0.3))  # down for a moment
                shop_process.start()
                shop_process.wait_ready()
        except BaseException as exc:  # reported by the test below
            killer_error.append(exc)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    failed: list[OutboxItem] = []
    deadline = time.monotonic() + 200
    while outbox.pending() and time.monotonic() < deadline:
        report = outbox.flush(send, retries=12, backoff=0.1, max_backoff=1.0)
        failed += report.failed
    done.set()
    thread.join(timeout=90)
    assert not killer_error, killer_error
    assert failed == [], [(f.error, f.payload) for f in failed]
    assert outbox.failed() == []
    assert outbox.pending() == [], f"not all sent in time (seed {seed})"
    assert kills == kills_planned, f"only {kills} kills (seed {seed})"

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = (
                conn.execute(
                    select(PrivacyRequest.details).where(PrivacyRequest.type == "complaint")
                )
                .scalars()
                .all()
            )
            unfinished = conn.execute(
                select(func.count())
                .select_from(IdempotencyRecord)
                .where(IdempotencyRecord.status_code.is_(None))
            ).scalar_one()
    finally:
        engine.dispose()
    texts = [json.loads(raw)["details"]["text"] for raw in rows]
    ours = sorted(t for t in texts if t.startswith(PREFIX))
    assert ours == [f"{PREFIX}{n:03d}" for n in range(REQUESTS)], f"seed {seed}"
    assert unfinished == 0


@pytest.fixture
def pg_shop_process(pg_cluster: Any, tmp_path: Path) -> Iterator[ShopProcess]:
    url = pg_cluster.create_database(f"held_{uuid.uuid4().hex[:8]}")
    shop = ShopProcess(url, _free_port(), tmp_path / "server.log")
    shop.start()
    try:
        shop.wait_ready()
        yield shop
    finally:
        shop.stop()


@pytest.mark.timeout(180)
def test_a_kill_while_the_work_waits_leaves_no_claim_behind(
    pg_shop_process: ShopProcess, tmp_path: Path
) -> None:
    """Deterministic: the request is held inside its work (a table lock) and then killed."""
    shop = pg_shop_process
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    transport = Transport(
        shop.url + "/v1", tokens=StaticToken(token), max_retries=0, timeout=(2.0, 30.0)
    )
    key = str(uuid.uuid4())
    payload = {"type": "complaint", "details": {"text": f"{PREFIX}held"}}
    engine = create_engine(shop.db_url)
    try:
        with engine.connect() as holder:
            # filing a request must insert into privacy_requests: hold that, so the request
            # stops half-way through its work, after the key's claim
            holder.exec_driver_sql("LOCK TABLE privacy_requests IN SHARE ROW EXCLUSIVE MODE")
            outcome: list[BaseException | Any] = []
            sender = threading.Thread(
                target=lambda: outcome.append(
                    _try(
                        lambda: transport.send_json(
                            "POST", "requests", payload, idempotency_key=key
                        )
                    )
                ),
                daemon=True,
            )
            sender.start()
            deadline = time.monotonic() + 20
            with engine.connect() as watcher:
                while True:
                    waiting = watcher.exec_driver_sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    ).scalar_one()
                    if waiting:
                        break
                    assert time.monotonic() < deadline, "the request never reached its work"
                    time.sleep(0.02)
            shop.kill()
            holder.rollback()
        sender.join(timeout=30)
        assert outcome, "the request did not return"
        shop.start()
        shop.wait_ready()
        # the same key again: the request is filed now, not "in progress" for 48 hours
        created = transport.send_json("POST", "requests", payload, idempotency_key=key)
        replayed = transport.request("POST", "requests", json=payload, idempotency_key=key)
        assert replayed.status_code == 201
        assert replayed.headers.get("Idempotent-Replayed") == "true"
        assert replayed.json()["id"] == created["id"]
        with engine.connect() as conn:
            texts = (
                conn.execute(
                    select(PrivacyRequest.details).where(PrivacyRequest.type == "complaint")
                )
                .scalars()
                .all()
            )
        assert [json.loads(t)["details"]["text"] for t in texts].count(f"{PREFIX}held") == 1
    finally:
        engine.dispose()


def _try(work: Any) -> Any:
    try:
        return work()
    except BaseException as exc:  # the server died under it: expected
        return exc
