"""Batched fast reads: each answered read is logged (even across a SIGKILL); revocation is at once.

Signed-in fast reads (`GET /v1/tracks`, `GET /v1/access-log`) are served by one database thread
per process that group-commits the access-log entries of the requests that arrived together
(`server.read_batches`). These tests hold it to the promises of the one-by-one path:

- a read is answered only after its entry is committed: kill the server process with SIGKILL
  in the middle of a load, and every 200 a client received has its entry in the database, and
  the chain still verifies after a restart;
- a revoked token fails on its very next read, also on another server process over the same
  database, also when it shares a batch with valid tokens (which still get their answers);
- requests that arrive together really share a transaction (fewer batches than requests).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path

import requests

from server.embedded import RunningShop
from server.read_batches import batcher_for
from tests.conftest import SECOND_SHOPPER, SHOPPER
from tests.server.test_access_log_chain import chain_problems, fetch_chain
from tests.support.oauth_login import Api, sign_in

# a search goes to the slow lane (its own connection, after its batch's commit), the rest not
READ_PATHS = ("/v1/tracks?limit=5", "/v1/access-log?limit=1&order=desc", "/v1/tracks?q=ea&limit=5")
LOGGED_RESOURCES = ("/v1/tracks", "/v1/access-log")


@contextmanager
def server_process(db: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`python -m server` on `db` (loopback, any port); killed at the end if still running."""
    command = [sys.executable, "-m", "server", "--db", str(db), "--port", "0"]
    process = subprocess.Popen(
        [*command, "--no-processor", "--exit-with-parent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if "privacy API at " in line:
                url = line.split("privacy API at ", 1)[1].split()[0]
        assert url is not None, "the server did not start"
        yield url.removesuffix("/v1"), process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        for pipe in (process.stdout, process.stdin):
            if pipe is not None:
                pipe.close()


def logged_reads(db: Path, usernames: list[str]) -> dict[str, int]:
    """Access-log entries of the fast-read resources per user, read straight from the file."""
    with closing(sqlite3.connect(db)) as connection:
        return {
            name: connection.execute(
                "SELECT count(*) FROM access_log a JOIN users u ON u.id = a.user_id"
                " WHERE u.username = ? AND a.resource IN (?, ?)",
                (name, *LOGGED_RESOURCES),
            ).fetchone()[0]
            for name in usernames
        }


def test_killed_mid_load_every_answered_read_is_logged(
    shop_templates: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "silumart.db"
    db.write_bytes(shop_templates["silumart"].read_bytes())
    answered: Counter[str] = Counter()
    broken: list[str] = []
    lock = threading.Lock()
    with server_process(db) as (url, process):
        tokens = {
            name: str(sign_in(url, name, password)["access_token"])
            for name, password in (SHOPPER, SECOND_SHOPPER)
        }
        names = sorted(tokens)
        before = logged_reads(db, names)
        stop_at = time.monotonic() + 8  # bounded even if the kill never came

        def client(index: int) -> None:
            name = names[index % len(names)]
            headers = {"Authorization": f"Bearer {tokens[name]}"}
            with requests.Session() as http:
                turn = index
                while time.monotonic() < stop_at:
                    path = READ_PATHS[turn % len(READ_PATHS)]
                    turn += 1
                    try:
                        answer = http.get(url + path, headers=headers, timeout=10)
                    except requests.RequestException as exc:
                        with lock:
                            broken.append(type(exc).__name__)
                        return
                    if answer.status_code == 200:
                        answer.json()  # the whole body arrived
                        with lock:
                            answered[name] += 1

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(24)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        os.kill(process.pid, signal.SIGKILL)  # mid-load: batches in flight
        process.wait(timeout=30)
        for thread in threads:
            thread.join(timeout=20)
        assert not any(thread.is_alive() for thread in threads)
    assert sum(answered.values()) > 50, "the load never got going"
    assert broken, "the kill did not interrupt the load"
    after = logged_reads(db, names)
    for name in names:
        # every 200 has its entry (requests cut off after their commit add entries, not 200s)
        assert after[name] - before[name] >= answered[name], name
    # the restarted server serves a chain that verifies, ending with the entries written
    with server_process(db) as (url, _process):
        for name, password in (SHOPPER, SECOND_SHOPPER):
            token = str(sign_in(url, name, password)["access_token"])
            entries = fetch_chain(Api(url + "/v1", token))
            assert chain_problems(entries) == [], name
            assert len(entries) >= after[name]


def revoke(url: str, token: str) -> None:
    answer = requests.post(
        f"{url}/oauth/revoke",
        data={"token": token, "token_type_hint": "access_token", "client_id": "privacy-dashboard"},
        timeout=10,
    )
    assert answer.status_code == 200


def test_revoked_token_fails_at_once_on_every_server(make_shop: Callable[..., RunningShop]) -> None:
    first = make_shop("silumart")
    second = RunningShop(replace(first.ctx.config)).start()  # another process's view
    try:
        token = str(sign_in(first.url, *SHOPPER)["access_token"])
        other = str(sign_in(first.url, *SECOND_SHOPPER)["access_token"])
        for base in (first.url, second.url):
            assert Api(base + "/v1", token).get("/tracks", params={"limit": 3}).status_code == 200
        revoke(first.url, token)
        for base in (second.url, first.url):
            answer = Api(base + "/v1", token).get("/tracks", params={"limit": 3})
            assert answer.status_code == 401
            assert answer.json()["code"] == "invalid_token"
        # in one batch with valid tokens: they are answered, the revoked one is refused
        db = Path(str(first.ctx.engine.url.database))
        before = logged_reads(db, [SHOPPER[0], SECOND_SHOPPER[0]])
        results: list[tuple[str, int]] = []
        lock = threading.Lock()
        barrier = threading.Barrier(16)

        def call(index: int) -> None:
            use = token if index % 2 else other
            barrier.wait(timeout=30)
            status = requests.get(
                f"{second.url}/v1/tracks?limit=3",
                headers={"Authorization": f"Bearer {use}"},
                timeout=20,
            ).status_code
            with lock:
                results.append((use, status))

        threads = [threading.Thread(target=call, args=(i,), daemon=True) for i in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=40)
        assert sorted(status for use, status in results if use == other) == [200] * 8
        assert sorted(status for use, status in results if use == token) == [401] * 8
        # the refused reads left no entry; the answered ones one each
        after = logged_reads(db, [SHOPPER[0], SECOND_SHOPPER[0]])
        assert after[SHOPPER[0]] == before[SHOPPER[0]]
        assert after[SECOND_SHOPPER[0]] == before[SECOND_SHOPPER[0]] + 8
        assert chain_problems(fetch_chain(Api(first.url + "/v1", other))) == []
    finally:
        second.stop()


def test_concurrent_reads_share_transactions(shop: RunningShop) -> None:
    tokens = [
        str(sign_in(shop.url, *SHOPPER)["access_token"]),
        str(sign_in(shop.url, *SECOND_SHOPPER)["access_token"]),
    ]
    batcher = batcher_for(shop.ctx)
    assert requests.get(
        f"{shop.url}/v1/tracks?limit=3",
        headers={"Authorization": f"Bearer {tokens[0]}"},
        timeout=10,
    ).ok
    batches, jobs = batcher.batches, batcher.jobs
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(32)

    def client(index: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[index % 2]}"}
        with requests.Session() as http:
            barrier.wait(timeout=30)
            for _ in range(10):
                status = http.get(
                    f"{shop.url}/v1/tracks?limit=3", headers=headers, timeout=20
                ).status_code
                with lock:
                    statuses[status] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == Counter({200: 320})
    assert batcher.jobs - jobs == 320
    # requests that arrived together shared a transaction
    assert batcher.batches - batches < 320
    for token in tokens:
        assert chain_problems(fetch_chain(Api(shop.url + "/v1", token))) == []
