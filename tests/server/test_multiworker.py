"""The shop served by several worker processes over one PostgreSQL database.

`python -m server migrate` makes the schema once; `python -m server serve --workers 4` starts
four processes on one port. One shopper's calls, 16 at a time, land on all four workers; every
call appends to the shopper's hash-chained access log, and afterwards the chain has exactly one
entry per call, numbered without gaps, each linked to the one before (no forks).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from server.audit import GENESIS_HASH, entry_hash, hashed_fields
from server.models import AccessLogEntry, User
from tests.conftest import SHOPPER
from tests.support.oauth_login import sign_in
from tests.support.workers import ROOT, ServedShop, serve_workers

WORKERS = 4
CLIENTS = 16
CALLS_EACH = 25


@pytest.fixture(scope="module")
def pg_workers(pg_base_url: str) -> Iterator[tuple[ServedShop, str]]:
    from tests.support.postgres import create_database

    url = create_database(pg_base_url, "multiworker")
    migrated = subprocess.run(
        [sys.executable, "-m", "server", "migrate", "--db-url", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr
    shop = serve_workers(url, WORKERS, "--demo", "--tracks", "50")
    try:
        yield shop, url
    finally:
        shop.stop()


def pg_connections_by_pid(pg_url: str) -> set[int]:
    """Which local processes hold a TCP connection to the database port (`ss -tnp`)."""
    port = pg_url.rsplit(":", 1)[1].split("/")[0]
    listing = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( dport = :{port} )"],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout
    return {int(chunk.split(",")[0]) for chunk in listing.split("pid=")[1:]}


def chain_of(db: Session, username: str) -> list[AccessLogEntry]:
    subject = db.scalars(select(User.id).where(User.username == username)).one()
    return list(
        db.scalars(
            select(AccessLogEntry)
            .where(AccessLogEntry.user_id == subject)
            .order_by(AccessLogEntry.seq)
        )
    )


# Before issue 10's per-subject append (one connection per request, the chain head locked)
# is merged, concurrent appends from four processes exhaust the retry loop in server/audit.py
# and some calls answer 500. Strict: once that work is on this branch the test must pass, and
# this marker has to go.
@pytest.mark.xfail(strict=True, reason="needs issue 10's access-log append (branch h10s)")
def test_four_workers_keep_one_subjects_chain_whole(pg_workers: tuple[ServedShop, str]) -> None:
    shop, url = pg_workers
    assert len(shop.worker_pids()) == WORKERS
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    engine = create_engine(url)
    try:
        with Session(engine) as db:
            before = len(chain_of(db, SHOPPER[0]))

        def calls(_n: int) -> list[int]:
            with requests.Session() as http:
                http.headers["Authorization"] = f"Bearer {token}"
                # a new connection per call, so the kernel spreads calls over the workers
                http.headers["Connection"] = "close"
                return [
                    http.get(f"{shop.url}/v1/me", timeout=30).status_code for _ in range(CALLS_EACH)
                ]

        with ThreadPoolExecutor(CLIENTS) as pool:
            codes = [code for batch in pool.map(calls, range(CLIENTS)) for code in batch]
        assert codes == [200] * (CLIENTS * CALLS_EACH)
        # every worker served: each opened its own database connections
        assert set(shop.worker_pids()) <= pg_connections_by_pid(url)

        with Session(engine) as db:
            entries = chain_of(db, SHOPPER[0])
            total = db.scalar(select(func.count()).select_from(AccessLogEntry))
        assert len(entries) == before + CLIENTS * CALLS_EACH
        assert [e.seq for e in entries] == list(range(1, len(entries) + 1))  # no gaps
        previous = GENESIS_HASH
        for entry in entries:  # one line: each entry names the one before it, no forks
            assert entry.prev_hash == previous, entry.seq
            assert entry.hash == entry_hash(hashed_fields(entry)), entry.seq
            previous = entry.hash
        assert total is not None
    finally:
        engine.dispose()


def test_workers_refuse_an_unmigrated_database(pg_database: Callable[[], str]) -> None:
    """Workers never make the schema; the supervisor does it once before they start."""
    url = pg_database()
    shop = serve_workers(url, 2)
    engine = create_engine(url)
    try:
        with Session(engine) as db:
            assert db.scalar(select(func.count()).select_from(User)) == 0
    finally:
        engine.dispose()
        shop.stop()
    env_check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, json; from server.worker import ENV_NAME, create_worker_app; "
            f"os.environ[ENV_NAME] = json.dumps({{'db_url': {pg_database()!r}, "
            "'shop': 'silumart', 'public_url': 'http://127.0.0.1:1'}); create_worker_app()",
        ],
        cwd=Path(ROOT),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert env_check.returncode != 0
    assert "python -m server migrate" in env_check.stderr
