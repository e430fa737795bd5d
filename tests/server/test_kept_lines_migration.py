"""A shop database made before the archive's kept lines existed gets them from the upgrade path.

The kept lines (server.bulk: each track's and each order's archive line and CSV row, SQLite
only) came after databases were already stamped at the baseline revision. Revision 0002 makes
them, `python -m server migrate` at the newest revision makes them again where they are
missing or of an older definition, and a single-process server does so on start. Checked here
over the real `python -m server migrate` (a subprocess) on databases made the old ways: stamped
at 0001 without them, at the newest revision with them dropped, and with an older definition
(a changed trigger, a trigger the code no longer has, stale lines, track lines of another
shape). Afterwards every order and every track has exactly the line the fallback path computes
for it, and the archive reads them (the fallback statements made to fail). On PostgreSQL
nothing is kept, and the revision does nothing.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, insert, inspect, select

from server import bulk, migrate_cli, migrations, schema
from server.context import ServerConfig, ShopContext
from server.db import make_engine, sqlite_url
from server.demo.policies import policy_for
from server.i18n import using_language
from server.migrations import regenerate
from server.models import Order, OrderItem, Recipient, RecipientEvent, User
from server.schema import SchemaNotMigrated
from server.shops import shop_profile
from tests.server.kept_lines_check import order_line_problems

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh-CN")
SHOP = "silumart"
AWKWARD = ['comma, "quote"', "line\nbreak\r\n", '=HYPERLINK("x")', "耳机 🎧, 中文", "", "+86 @x"]


def migrate(path: Path | str, *args: str, url: bool = False) -> subprocess.CompletedProcess[str]:
    """The real command line, as an operator runs it."""
    target = ["--db-url", str(path)] if url else ["--db", str(path)]
    return subprocess.run(
        [sys.executable, "-m", "server", "migrate", *target, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


class Here:
    """The same command run in this process (no interpreter start: ~3 s each on a busy
    machine), for the steps around the one each test runs for real; stdout and the log."""

    def __init__(self, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture):
        self.capsys, self.caplog = capsys, caplog

    def __call__(self, path: Path | str, *args: str, url: bool = False) -> str:
        target = ["--db-url", str(path)] if url else ["--db", str(path)]
        self.caplog.clear()
        with self.caplog.at_level(logging.INFO, logger="server.schema"):
            assert migrate_cli.main([*target, *args]) == 0
        logged = "\n".join(r.getMessage() for r in self.caplog.records)
        return self.capsys.readouterr().out + logged


@pytest.fixture
def here(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> Here:
    return Here(capsys, caplog)


def _engine(path: Path) -> Engine:
    return make_engine(sqlite_url(str(path)))


def _add_orders(engine: Engine, count: int) -> None:
    """Awkward orders for every demo user (several batches for the first), with items and
    recipient events, on top of the demo data."""
    moment = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
    with engine.begin() as conn:
        users = list(conn.execute(select(User.id).order_by(User.id)).scalars())
        recipient = conn.execute(select(Recipient.id).order_by(Recipient.id)).scalars().first()
        first = conn.execute(select(Order.id).order_by(Order.id.desc()).limit(1)).scalar() or 0
        rows: list[dict[str, Any]] = []
        for n in range(count):
            oid = first + 1 + n
            text = AWKWARD[n % len(AWKWARD)]
            rows.append(
                {
                    "id": oid,
                    "user_id": users[0] if n % 4 else users[n % len(users)],
                    "number": f"N{oid}" if n % 3 else "=N,1",
                    "placed_at": moment - timedelta(seconds=n // 2),  # equal times
                    "status": "paid",
                    "total_cents": 100 * n,
                    "currency": "CNY",
                    "payment_method": "card",
                    "payment_masked": text,
                    "payment_masked_zh": None if n % 2 else "卡 " + text,
                    "payment_status": "paid",
                    "logistics_partner": AWKWARD[(n + 1) % len(AWKWARD)],
                    "tracking_no": f"T{oid}",
                    "recipient_name": AWKWARD[(n + 2) % len(AWKWARD)],
                    "recipient_phone_masked": "138****0000",
                    "recipient_address": AWKWARD[(n + 3) % len(AWKWARD)],
                    "for_other": n % 2 == 0,
                    "removed_at": moment if n % 97 == 0 else None,
                }
            )
        conn.execute(insert(Order), rows)
        conn.execute(
            insert(OrderItem),
            [
                {"order_id": r["id"], "title": AWKWARD[q], "quantity": q + 1, "unit_price_cents": 7}
                for r in rows
                for q in range(r["id"] % 3)
            ],
        )
        if recipient is not None:
            conn.execute(
                insert(RecipientEvent),
                [
                    {
                        "recipient_id": recipient,
                        "user_id": r["user_id"],
                        "at": moment,
                        "categories": '["orders"]',
                        "description": "shared, " + AWKWARD[r["id"] % len(AWKWARD)],
                        "order_id": r["id"],
                    }
                    for r in rows[::5]
                ],
            )


def _subjects(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return [
            int(r[0])
            for r in conn.exec_driver_sql(
                "SELECT id FROM users WHERE id IN (SELECT user_id FROM orders) "
                "OR id IN (SELECT user_id FROM tracks) ORDER BY id"
            )
        ]


Read = dict[tuple[str, str, int], tuple[bytes, bytes]]


def _read_all(engine: Engine) -> Read:
    """What the archive reads for every subject's orders and tracks, in both languages."""
    policy = policy_for(shop_profile(SHOP).id)
    found: Read = {}
    for subject in _subjects(engine):
        for language in LANGUAGES:
            for section in ("orders", "tracks"):
                with using_language(language), engine.connect() as conn:  # type: ignore[arg-type]
                    chunks = list(
                        bulk.chunks(
                            bulk.session_connect(conn),
                            section,
                            subject,
                            with_rows=True,
                            policy=policy,
                        )
                    )
                found[(section, language, subject)] = (
                    b"".join(c.ndjson for c in chunks),
                    b"".join(c.csv or b"" for c in chunks),
                )
    return found


def _computed_on_the_fallback_path(engine: Engine) -> Read:
    """The lines as the archive builds them per batch, without any kept line."""
    with engine.connect() as conn:
        assert not bulk.has_order_lines(conn)
        assert not bulk.has_track_lines(conn)
    read = _read_all(engine)
    assert sum(len(lines) for lines, _ in read.values()) > 100_000  # not vacuous
    return read


def _read_without_fallback(engine: Engine) -> Read:
    """`_read_all` with the archive's per-batch statements made to fail if called: what it
    reads then comes from the kept lines (the fast path) only."""

    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the archive built lines per batch instead of reading kept ones")

    real_text_chunks = bulk._text_chunks

    def text_chunks(connect: Any, section: str, *args: Any) -> Any:
        if section == "tracks":
            fail()
        return real_text_chunks(connect, section, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk, "_order_sql", fail)
        patch.setattr(bulk, "_text_chunks", text_chunks)
        return _read_all(engine)


def _assert_kept_exactly(path: Path, expected: Read) -> None:
    """Every order has exactly one kept line, the one computed fresh for it now; there is none
    for an order that does not exist; no trigger is left of an older definition; and the
    archive reads every subject's orders and tracks from them only, equal to
    what the fallback path computed before the migration."""
    engine = _engine(path)
    try:
        with engine.connect() as conn:
            assert bulk.has_order_lines(conn)
            assert bulk.has_track_lines(conn)
            triggers = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE 'order_lines%'"
                )
            }
            assert triggers == {name for name, _, _ in bulk._ORDER_TRIGGERS} | {"order_lines_ad"}
            assert order_line_problems(conn) == []
        assert _read_without_fallback(engine) == expected
    finally:
        engine.dispose()


def _stamp(path: Path, revision: str) -> None:
    engine = _engine(path)
    try:
        with engine.begin() as conn:
            command.stamp(migrations.alembic_config(connection=conn), revision)
    finally:
        engine.dispose()


def _older_definition(conn: sqlite3.Connection) -> None:
    """Kept lines as an older code made them: one trigger's body differs, a trigger this code
    no longer has, stale line texts, and track lines of another shape."""
    table, *_ = bulk._order_lines_schema()
    assert table.startswith("CREATE TABLE")
    conn.execute("DROP TRIGGER order_lines_item_ad")
    conn.execute(
        "CREATE TRIGGER order_lines_item_ad AFTER DELETE ON order_items BEGIN "
        "DELETE FROM order_lines WHERE order_id = OLD.order_id; END"
    )
    conn.execute(
        "CREATE TRIGGER order_lines_legacy AFTER UPDATE ON orders BEGIN "
        "UPDATE order_lines SET en_json_head = CAST('stale' AS BLOB) WHERE order_id = NEW.id; END"
    )
    conn.execute("UPDATE order_lines SET en_csv_tail = CAST('old,' AS BLOB) WHERE order_id % 7 = 0")
    conn.execute(f"DROP INDEX {bulk.TRACK_LINES_INDEX}")
    for column in (bulk.TRACK_CSV, bulk.TRACK_LINE):
        conn.execute(f"ALTER TABLE tracks DROP COLUMN {column}")
    line, csv_row = bulk._track_line_sql()
    older_line = line.replace("'kind'", "'sort'")  # a key named otherwise
    assert older_line != line
    conn.execute(
        f"ALTER TABLE tracks ADD COLUMN {bulk.TRACK_LINE} TEXT GENERATED ALWAYS AS "
        f"({older_line}) VIRTUAL"
    )
    conn.execute(
        f"ALTER TABLE tracks ADD COLUMN {bulk.TRACK_CSV} TEXT GENERATED ALWAYS AS ({csv_row}) "
        "VIRTUAL"
    )
    conn.execute(f"CREATE INDEX {bulk.TRACK_LINES_INDEX} ON tracks (user_id, {bulk.TRACK_LINE})")


@pytest.fixture
def old_shop(shop_templates: dict[str, Path], tmp_path: Path) -> Callable[[], tuple[Path, Read]]:
    """A demo shop's database with ~1,600 more orders, then its kept lines dropped by the
    project's own DDL (`schema.drop_kept_lines`): the shape of a database made before them.
    Returns its path and what the fallback path computes for it."""

    def make() -> tuple[Path, Read]:
        path = tmp_path / f"{SHOP}.db"
        shutil.copyfile(shop_templates[SHOP], path)
        engine = _engine(path)
        try:
            _add_orders(engine, 1_600)
            with engine.begin() as conn:
                schema.drop_kept_lines(conn)
            return path, _computed_on_the_fallback_path(engine)
        finally:
            engine.dispose()

    return make


def test_a_database_stamped_at_0001_without_kept_lines_gets_them(
    old_shop: Callable[[], tuple[Path, Read]], here: Here
) -> None:
    path, expected = old_shop()
    _stamp(path, "0001")
    done = migrate(path)
    assert done.returncode == 0, done.stderr
    assert "schema revision: 0001 -> 0002" in done.stdout
    # the log says what the long step is doing while it runs
    assert "making the archive's kept line of each of" in done.stderr
    assert "orders (about 1 s per 20,000)" in done.stderr
    _assert_kept_exactly(path, expected)

    with sqlite3.connect(path) as conn:  # idempotent: a second run changes nothing
        before = conn.execute("SELECT * FROM order_lines ORDER BY order_id").fetchall()
    again = here(path)
    assert "schema revision: 0002 -> 0002" in again
    assert "kept" not in again
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT * FROM order_lines ORDER BY order_id").fetchall() == before

    assert "0002 -> 0001" in here(path, "--downgrade", "--revision", "0001")  # the old shape
    engine = _engine(path)
    try:
        assert "order_lines" not in inspect(engine).get_table_names()
        assert _computed_on_the_fallback_path(engine) == expected
    finally:
        engine.dispose()
    assert "made the kept lines of" in here(path)
    _assert_kept_exactly(path, expected)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_at_the_newest_revision_dropped_lines_are_made_again(
    old_shop: Callable[[], tuple[Path, Read]],
) -> None:
    path, expected = old_shop()
    engine = _engine(path)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
    done = migrate(path)
    assert done.returncode == 0, done.stderr
    head = migrations.head_revision()
    assert f"schema revision: {head} -> {head}" in done.stdout
    assert "archive's kept lines were missing or out of date: made the kept lines of" in (
        done.stdout
    )
    _assert_kept_exactly(path, expected)


def test_lines_of_an_older_definition_are_made_again(
    old_shop: Callable[[], tuple[Path, Read]],
) -> None:
    path, expected = old_shop()
    engine = _engine(path)
    try:
        with engine.begin() as conn:
            schema.create_kept_lines(conn)
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        _older_definition(conn)
    _stamp(path, "0001")
    done = migrate(path)
    assert done.returncode == 0, done.stderr
    assert "schema revision: 0001 -> 0002" in done.stdout
    _assert_kept_exactly(path, expected)


@pytest.mark.parametrize("stamped", ["0001", "head"])
def test_a_single_process_server_makes_them_on_start_and_a_worker_does_not(
    old_shop: Callable[[], tuple[Path, Read]], stamped: str
) -> None:
    """Started on such a database, a single-process server upgrades it (0001: revision 0002
    runs) or makes the missing lines (at head) itself; a worker of a multi-process server
    refuses an old revision and never changes the schema."""
    path, expected = old_shop()
    _stamp(path, stamped)
    config = ServerConfig(db_url=sqlite_url(str(path)), shop=shop_profile(SHOP))
    worker = replace(config, manage_schema=False)
    if stamped == "head":
        ShopContext(worker).dispose()
    else:
        with pytest.raises(SchemaNotMigrated):
            ShopContext(worker)
    engine = _engine(path)
    try:
        with engine.connect() as conn:
            assert not bulk.has_order_lines(conn)  # the worker left them missing
        ShopContext(config).dispose()
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
    _assert_kept_exactly(path, expected)


def test_the_baseline_replayed_alone_has_no_kept_lines(tmp_path: Path, here: Here) -> None:
    """Revision 0001 is the schema as it was before the kept lines: 0002 adds them."""
    path = tmp_path / "baseline.db"
    assert "none -> 0001" in here(path, "--revision", "0001")
    engine = _engine(path)
    try:
        with engine.connect() as conn:
            assert not bulk.has_order_lines(conn)
            assert not bulk.has_track_lines(conn)
        assert "tracks_fts" in inspect(engine).get_table_names()  # the baseline's own extras
    finally:
        engine.dispose()
    up = migrate(path)
    assert up.returncode == 0, up.stderr
    assert "0001 -> 0002" in up.stdout
    assert "made the kept lines of 0 orders" in up.stderr
    engine = _engine(path)
    try:
        with engine.connect() as conn:
            assert bulk.has_order_lines(conn)
            assert bulk.has_track_lines(conn)
    finally:
        engine.dispose()


def test_postgres_keeps_no_lines_and_the_revision_does_nothing(
    pg_database: Callable[[], str], here: Here
) -> None:
    url = pg_database()
    assert "none -> 0001" in here(url, "--revision", "0001", url=True)
    engine = make_engine(url)
    try:
        before = {
            (t, tuple(sorted(c["name"] for c in inspect(engine).get_columns(t))))
            for t in inspect(engine).get_table_names()
        }
        with engine.connect() as conn:
            triggers = conn.exec_driver_sql(
                "SELECT count(*) FROM information_schema.triggers"
            ).scalar()
            assert triggers == 0
    finally:
        engine.dispose()
    up = migrate(url, url=True)
    assert up.returncode == 0, up.stderr
    assert "0001 -> 0002" in up.stdout
    assert "kept" not in up.stdout + up.stderr
    engine = make_engine(url)
    try:
        after = {
            (t, tuple(sorted(c["name"] for c in inspect(engine).get_columns(t))))
            for t in inspect(engine).get_table_names()
        }
        assert after == before  # nothing added (alembic_version only changed its row)
        assert "order_lines" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            assert not bulk.has_order_lines(conn)
            assert schema.create_kept_lines(conn) == []
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM information_schema.triggers").scalar()
                == 0
            )
    finally:
        engine.dispose()
    assert "0002 -> 0001" in here(url, "--downgrade", "--revision", "0001", url=True)


def test_regenerating_the_baseline_keeps_revision_0002() -> None:
    """0002 changes no model: `python -m server.migrations.regenerate` sets it aside and puts
    it back on the rewritten baseline, instead of refusing as for a revision that does."""
    versions = migrations.HERE / "versions"
    (kept,) = versions.glob("0002_*.py")
    assert not regenerate.touches_models(kept)
    (baseline,) = versions.glob("0001_*.py")
    assert regenerate.touches_models(baseline)
