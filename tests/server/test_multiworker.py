"""The shop served by several worker processes over one PostgreSQL database.

`python -m server migrate` makes the schema once; `python -m server serve --workers 4` starts
four processes on one port (each answer names its worker, so the spread is checked).

* One shopper's calls, 16 at a time, land on all four workers; every call appends to the
  shopper's hash-chained access log, and afterwards the chain has exactly one entry per call,
  numbered without gaps, each linked to the one before (no forks).
* Failed sign-ins spread over the four workers are throttled after as many attempts as on a
  single-process shop: the back-off is counted in the database, not per process.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
import requests
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from server.audit import GENESIS_HASH, entry_hash, hashed_fields
from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from server.worker import WORKER_HEADER
from tests.conftest import SHOPPER
from tests.support.oauth_login import CLIENT_ID, REDIRECT_URI, hidden_fields, pkce_pair, sign_in
from tests.support.postgres import create_database
from tests.support.workers import ROOT, ServedShop, serve_workers

WORKERS = 4
CLIENTS = 16
CALLS_EACH = 20
MAX_LOGIN_ATTEMPTS = 60


@pytest.fixture(scope="module")
def pg_workers(pg_base_url: str) -> Iterator[tuple[ServedShop, str]]:
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


def test_four_workers_keep_one_subjects_chain_whole(pg_workers: tuple[ServedShop, str]) -> None:
    shop, url = pg_workers
    assert len(shop.worker_pids()) == WORKERS
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    engine = create_engine(url)
    try:
        with Session(engine) as db:
            before = len(chain_of(db, SHOPPER[0]))

        def calls(_n: int) -> list[tuple[int, str]]:
            with requests.Session() as http:
                http.headers["Authorization"] = f"Bearer {token}"
                # a new connection per call, so the kernel spreads calls over the workers
                http.headers["Connection"] = "close"
                answers = [http.get(f"{shop.url}/v1/me", timeout=30) for _ in range(CALLS_EACH)]
                return [(a.status_code, a.headers.get(WORKER_HEADER, "")) for a in answers]

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = [answer for batch in pool.map(calls, range(CLIENTS)) for answer in batch]
        assert [code for code, _worker in answers] == [200] * (CLIENTS * CALLS_EACH)
        # every worker served calls, and each opened its own database connections
        assert len({worker for _code, worker in answers}) == WORKERS
        assert set(shop.worker_pids()) <= pg_connections_by_pid(url)

        with Session(engine) as db:
            entries = chain_of(db, SHOPPER[0])
        assert len(entries) == before + CLIENTS * CALLS_EACH
        assert [e.seq for e in entries] == list(range(1, len(entries) + 1))  # no gaps
        previous = GENESIS_HASH
        for entry in entries:  # one line: each entry names the one before it, no forks
            assert entry.prev_hash == previous, entry.seq
            assert entry.hash == entry_hash(hashed_fields(entry)), entry.seq
            previous = entry.hash
    finally:
        engine.dispose()


def attempts_until_throttled(base_url: str, username: str) -> tuple[int | None, set[str]]:
    """Wrong passwords, each on a new connection, until the shop answers 429.

    Returns the number of the first throttled attempt (None if none within the bound) and
    which workers answered.
    """
    _verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "s",
    }
    page = requests.get(f"{base_url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200, page.text
    form = {**hidden_fields(page.text), "username": username, "password": "wrong-password"}
    workers: set[str] = set()
    for attempt in range(1, MAX_LOGIN_ATTEMPTS + 1):
        answer = requests.post(
            f"{base_url}/oauth/authorize",
            data=form,
            allow_redirects=False,
            timeout=30,
            headers={"Connection": "close"},
        )
        workers.add(answer.headers.get(WORKER_HEADER, ""))
        if answer.status_code == 429:
            return attempt, workers
        assert answer.status_code in (200, 400, 401), answer.status_code
    return None, workers


def test_a_browse_answered_before_the_middleware_names_its_worker(
    pg_workers: tuple[ServedShop, str],
) -> None:
    shop, _url = pg_workers
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    headers = {"Authorization": f"Bearer {token}", "Connection": "close"}
    for path in ("/v1/tracks?limit=2", "/v1/tracks?limit=2&kind=view"):  # fast, full stack
        answer = requests.get(f"{shop.url}{path}", headers=headers, timeout=30)
        assert answer.status_code == 200
        assert len(answer.headers.get(WORKER_HEADER, "")) == 8, path


def test_login_back_off_counts_attempts_on_every_worker(
    pg_workers: tuple[ServedShop, str], make_shop: Callable[..., RunningShop]
) -> None:
    single, _ = attempts_until_throttled(make_shop("silumart").url, "zhang.wei")
    assert single is not None, "a single-process shop never throttled failed sign-ins"
    shop, _url = pg_workers
    spread, workers = attempts_until_throttled(shop.url, "zhang.wei")
    assert len(workers) >= 2, "the attempts did not reach several workers"
    # Per-process counting would need about WORKERS times as many attempts; one slow round
    # trip past a short back-off may cost one extra attempt.
    assert spread is not None
    assert spread <= single + 1, (single, spread, len(workers))


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
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert env_check.returncode != 0
    assert "python -m server migrate" in env_check.stderr
