"""SIGKILL in the middle of writing orders leaves every order with exactly its kept line.

The kept order lines (`order_lines`, server.bulk) are written by SQLite triggers in the order's
own transaction, so a killed process must lose them together with the writes they came from.
Killed here, on one SQLite file, with real processes on loopback:

1. the shop's server (`python -m server --demo`) in the middle of its demo seeding, the one
   path of the shop's own code that places orders, items and recipient events (one
   transaction);
2. then, on the seeded shop, at the same moment: a writer process placing orders the way the
   seeder does, in short transactions (tests/server/crash_order_writer.py: items, sharing
   events, an earlier order changed and an item moved, a recipient renamed), and the server
   while it answers the shopper's `DELETE /v1/orders/{id}` calls (the route hides the order
   and blanks its delivery details: its line is made again).

After each kill and after a restart on the same file: `PRAGMA integrity_check` passes, every
order has exactly one kept line, equal to the line computed for it now in both languages, no
line is left of an order that does not exist, every committed order exists, no order of the
transaction cut off does, and the archive reads the kept lines equal to the per-batch path.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from server import bulk
from server.db import make_engine, sqlite_url
from server.demo.policies import policy_for
from server.i18n import using_language
from server.shops import shop_profile
from tests.conftest import SHOPPER
from tests.server.kept_lines_check import LANGUAGES, order_line_problems
from tests.support.oauth_login import sign_in

ROOT = Path(__file__).resolve().parents[2]
SHOP = "silumart"


@contextmanager
def server(db: Path, *, demo: bool) -> Iterator[subprocess.Popen[str]]:
    """`python -m server` on `db` (loopback, any port, no request processor); killed at the end
    if still running."""
    command = [sys.executable, "-m", "server", "--shop", SHOP, "--db", str(db), "--port", "0"]
    extra = ["--demo", "--tracks", "200"] if demo else []
    process = subprocess.Popen(
        [*command, *extra, "--no-processor", "--exit-with-parent"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        for pipe in (process.stdout, process.stdin):
            if pipe is not None:
                pipe.close()


def url_of(process: subprocess.Popen[str]) -> str:
    """The URL the server prints once it serves (after its schema and demo data)."""
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if "privacy API at " in line:
            return line.split("privacy API at ", 1)[1].split()[0].removesuffix("/v1")
    raise AssertionError("the server did not start")


def scalar(db: Path, sql: str, *params: Any) -> Any:
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        return conn.execute(sql, params).fetchone()[0]


def assert_consistent(db: Path) -> None:
    """The file is sound and its kept order lines exact (tests/server/kept_lines_check.py),
    and the archive's read of them equals its per-batch build for every subject."""
    assert scalar(db, "PRAGMA integrity_check") == "ok"
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    engine = make_engine(sqlite_url(str(db)))
    try:
        with engine.connect() as conn:
            assert order_line_problems(conn) == []
            subjects = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT user_id FROM orders")]
        policy = policy_for(shop_profile(SHOP).id)
        for subject in subjects:
            for language, _ in LANGUAGES:
                read = []
                for kept in (True, False):
                    with pytest.MonkeyPatch.context() as patch:
                        if not kept:  # the per-batch statement instead
                            patch.setattr(bulk, "has_order_lines", lambda conn: False)
                        with using_language(language), engine.connect() as conn:
                            chunks = bulk.chunks(
                                bulk.session_connect(conn),
                                "orders",
                                subject,
                                with_rows=True,
                                policy=policy,
                            )
                            read.append([(c.ndjson, c.csv) for c in chunks])
                assert read[0] == read[1], (subject, language)
    finally:
        engine.dispose()


def test_killed_mid_seed_the_orders_and_their_lines_are_gone_together(tmp_path: Path) -> None:
    db = tmp_path / f"{SHOP}.db"
    with server(db, demo=True) as process:
        # The schema is committed (stamped) before the seeding's one transaction starts.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if scalar(db, "SELECT count(*) FROM alembic_version"):
                    break
            except sqlite3.Error:
                pass  # not made yet
            time.sleep(0.02)
        time.sleep(0.4)  # into the seeding (it takes a second or two)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert scalar(db, "SELECT count(*) FROM users") == 0, "the kill came after the seeding"
    assert scalar(db, "SELECT count(*) FROM orders") == 0
    assert scalar(db, "SELECT count(*) FROM order_lines") == 0
    assert_consistent(db)
    with server(db, demo=True) as process:  # started again: seeds in full, then serves
        url_of(process)
    assert scalar(db, "SELECT count(*) FROM orders") > 50
    assert_consistent(db)


def write_and_kill(db: Path, *, hold: bool) -> list[str]:
    """Serve `db`, start the writer and the shopper's removals, and SIGKILL the writer and
    the server together: `hold`: while the writer holds a transaction between its writes and
    its commit (for certain), else at a random moment once both are going. Checks what must
    and must not exist; returns the ids of the orders the shopper removed."""
    user_id = scalar(db, "SELECT id FROM users WHERE username = ?", SHOPPER[0])
    output: list[str] = []
    removed: list[str] = []
    refused: list[str] = []
    with server(db, demo=False) as process:
        url = url_of(process)
        token = str(sign_in(url, *SHOPPER)["access_token"])
        headers = {"Authorization": f"Bearer {token}"}
        with requests.Session() as http:
            listed = http.get(f"{url}/v1/orders?limit=100", headers=headers, timeout=10)
        assert listed.status_code == 200
        targets = [o["id"] for o in listed.json()["items"]][: 40 if hold else None]
        assert len(targets) > 10
        first = 1 + (
            scalar(
                db,
                "SELECT max(CAST(substr(number, 3, 5) AS INTEGER)) FROM orders "
                "WHERE number LIKE 'CR%'",
            )
            or -1
        )
        hold_at = first + 12
        stop_at = time.monotonic() + 15  # bounded even if the kill never came

        def remove_orders() -> None:
            with requests.Session() as http:
                for order_id in targets:
                    if time.monotonic() > stop_at:
                        return
                    try:
                        answer = http.delete(
                            f"{url}/v1/orders/{order_id}", headers=headers, timeout=10
                        )
                    except requests.RequestException:
                        return  # the server was killed
                    (removed if answer.status_code == 200 else refused).append(order_id)
                    time.sleep(0.02)

        remover = threading.Thread(target=remove_orders, daemon=True)
        remover.start()
        while len(removed) < 3 and time.monotonic() < stop_at:  # removals under way first
            time.sleep(0.005)
        writer = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.server.crash_order_writer",
                str(db),
                str(user_id),
                str(first + 900),
                str(hold_at if hold else -1),
                str(first),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

        def read_writer() -> None:
            assert writer.stdout is not None
            for line in writer.stdout:
                output.append(line.strip())

        reader = threading.Thread(target=read_writer, daemon=True)
        reader.start()
        try:
            while time.monotonic() < stop_at:
                if hold:
                    if any(line.startswith("holding") for line in output):
                        break
                elif sum(1 for line in output if line.startswith("committed")) >= 12:
                    time.sleep(random.uniform(0, 0.3))  # a moment into the next transaction
                    break
                time.sleep(0.005)
            os.kill(writer.pid, signal.SIGKILL)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            if writer.poll() is None:
                writer.kill()
            writer.wait(timeout=30)
            reader.join(timeout=20)
            remover.join(timeout=20)
            assert writer.stderr is not None
            errors = writer.stderr.read()
            for pipe in (writer.stdout, writer.stderr):
                if pipe is not None:
                    pipe.close()
    assert errors == "", errors
    assert refused == [], refused
    assert len(removed) >= 3, "the shopper's removals never got going"
    flushed = {int(w.split()[1]): [int(i) for i in w.split()[2:]] for w in output if w[0] == "f"}
    committed = {int(w.split()[1]) for w in output if w.startswith("committed")}
    assert len(committed) >= 12, output[-5:]
    if hold:
        assert output[-1] == f"holding {hold_at}"  # killed inside that transaction
        assert hold_at in flushed
        assert hold_at not in committed
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        existing = {r[0] for r in conn.execute("SELECT id FROM orders")}
        hidden = {
            str(r[0]) for r in conn.execute("SELECT id FROM orders WHERE removed_at IS NOT NULL")
        }
        rounds: dict[int, int] = {}
        for (number,) in conn.execute("SELECT number FROM orders WHERE number LIKE 'CR%'"):
            rounds[int(number[2:7])] = rounds.get(int(number[2:7]), 0) + 1
    for n in committed:
        assert set(flushed[n]) <= existing, n
    # A transaction cut off left none of its orders; one whose commit came just before the
    # kill (its `committed` never printed) left all three: never a part.
    for n, ids in flushed.items():
        if n not in committed:
            assert set(ids) & existing in (set(), set(ids)), ids
            if hold:
                assert not set(ids) & existing, ids  # killed before its commit, for certain
    mine = {n: count for n, count in rounds.items() if n >= first}
    assert set(mine.values()) == {3}
    assert committed <= set(mine)
    assert set(mine) - committed <= ({max(committed) + 1} if not hold else set())
    assert set(removed) <= hidden
    return removed


def test_killed_mid_write_every_order_has_exactly_its_line(tmp_path: Path) -> None:
    db = tmp_path / f"{SHOP}.db"
    with server(db, demo=True) as process:
        url_of(process)  # seeded once, before the load
    removed = write_and_kill(db, hold=False)  # at a random moment
    assert_consistent(db)
    removed += write_and_kill(db, hold=True)  # inside a transaction, its pages in the WAL
    assert_consistent(db)

    with server(db, demo=False) as process:  # the same file, started again
        url = url_of(process)
        token = str(sign_in(url, *SHOPPER)["access_token"])
        with requests.Session() as http:
            answer = http.get(
                f"{url}/v1/orders?limit=100",
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
        assert answer.status_code == 200
        assert not {o["id"] for o in answer.json()["items"]} & set(removed)
    assert_consistent(db)
