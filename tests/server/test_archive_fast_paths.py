"""The shop archive's fast paths change no byte: kept track lines, one-statement orders, ISA-L.

- My Tracks' NDJSON line and CSV row are kept by SQLite in an index (`server.bulk`, virtual
  generated columns): what the build reads from there is byte for byte what it builds per batch
  without them, for rows written by the ORM and by Core, and deleted rows leave with their line.
- Orders come from one statement per batch on SQLite: the same items as the serialiser the API
  uses (`bulk.batches`), in both languages, and the CSV row for row what Python's csv writes.
- Members are deflated with ISA-L: plain raw deflate that zlib inflates to the same bytes.
- The build's Python memory does not grow with the subject's number of tracks.
"""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import delete, insert, select

from archive_format import writer as archive_writer
from server import bulk
from server.archive_builder import build_archive
from server.demo.policies import policy_for
from server.demo.tracks import seed_bulk_tracks
from server.embedded import RunningShop
from server.i18n import using_language
from server.models import Order, OrderItem, RecipientEvent, Track, User
from tests.conftest import SHOPPER
from tests.server.test_export import add_awkward_tracks

AWKWARD = [
    'comma, "quote" and \\ backslash',
    "line\nbreak and\r\ncarriage return",
    "\t\x01\x1f control",
    "耳机 🎧, 中文",
    "",
    "plain",
    '=HYPERLINK("http://x.example","open")',  # a spreadsheet formula: behind an apostrophe
    "-3 items, @home +86",
]


def _subject(shop: RunningShop) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()


def _read(shop: RunningShop, section: str, subject: int, **options: Any) -> tuple[bytes, bytes]:
    with shop.ctx.engine.connect() as conn:
        chunks = list(
            bulk.chunks(
                bulk.session_connect(conn),
                section,
                subject,
                with_rows=True,
                policy=policy_for(shop.ctx.shop.id),
                **options,
            )
        )
    lines = b"".join(c.ndjson for c in chunks)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    parts = []
    for c in chunks:
        if c.csv is not None:
            parts.append(c.csv)
        else:
            writer.writerows(c.rows or [])
            parts.append(text.getvalue().encode())
            text.seek(0)
            text.truncate()
    return lines, b"".join(parts)


def test_kept_track_lines_are_the_lines_built_per_batch(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = _subject(shop)
    add_awkward_tracks(shop)  # through the ORM
    moment = datetime(2026, 2, 1, 8, 30, tzinfo=UTC)
    with shop.ctx.engine.begin() as conn:  # through Core, two of them at the same instant
        conn.execute(
            insert(Track),
            [
                {
                    "user_id": me,
                    "kind": "search" if n % 2 else "view",
                    "text": text,
                    "item_ref": None if n % 3 else f"SKU,{n}",
                    "at": moment - timedelta(microseconds=n // 2),
                }
                for n, text in enumerate(AWKWARD * 3)
            ],
        )
    with shop.ctx.engine.connect() as conn:
        assert bulk.has_track_lines(conn)
    kept = _read(shop, "tracks", me)
    window = {"start": moment - timedelta(days=1), "end": moment}
    kept_window = _read(shop, "tracks", me, **window)
    monkeypatch.setattr(bulk, "has_track_lines", lambda conn: False)
    built = _read(shop, "tracks", me)
    assert kept == built
    assert kept_window == _read(shop, "tracks", me, **window)
    assert kept_window[0].count(b"\n") == len(AWKWARD) * 3 - 2  # `end` is exclusive
    assert b'"SKU,3"' in kept[1]
    assert b'"line\nbreak and\r\ncarriage return"' in kept[1]
    monkeypatch.undo()

    # a deleted track leaves the kept lines with its row (the index is the table's)
    with shop.ctx.engine.begin() as conn:
        conn.execute(delete(Track).where(Track.user_id == me, Track.text == "plain"))
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    after = _read(shop, "tracks", me)
    assert b'"text":"plain"' in kept[0]
    assert b'"text":"plain"' not in after[0]
    assert after[0].count(b"\n") == kept[0].count(b"\n") - 3


def _orders_both_ways(shop: RunningShop, me: int, language: str) -> tuple[bytes, bytes, list]:
    """Orders by the one-statement path (NDJSON, CSV) and by the serialiser (items)."""
    policy = policy_for(shop.ctx.shop.id)
    with using_language(language):  # type: ignore[arg-type]
        lines, rows = _read(shop, "orders", me)
        with shop.ctx.engine.connect() as conn:
            items = [
                i
                for batch in bulk.batches(
                    bulk.session_connect(conn), "orders", me, batch=7, policy=policy
                )
                for i in batch
            ]
    return lines, rows, items


def _csv_of(items: list) -> bytes:
    want = io.StringIO()
    csv.writer(want, lineterminator="\r\n").writerows(
        [bulk.csv_values(i, bulk.COLUMNS["orders"]) for i in items]
    )
    return want.getvalue().encode()


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_awkward_order_texts_are_the_serialisers_cells(shop: RunningShop, language: str) -> None:
    """Every text cell of an order (its own, its localised ones, its items' and recipients')
    with commas, quotes, line breaks and formula starts: the one statement's JSON and CSV are
    what the serialiser and Python's csv make of them (formula-safe cells once per batch)."""
    me = _subject(shop)
    moment = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with shop.ctx.engine.begin() as conn:
        first = conn.execute(select(Order.id).order_by(Order.id.desc()).limit(1)).scalar() or 0
        orders: list[dict[str, Any]] = [
            {
                "id": first + 1 + n,
                "user_id": me,
                "number": text[:32],
                "placed_at": moment - timedelta(seconds=n // 2),  # pairs at the same instant
                "status": AWKWARD[(n + 1) % len(AWKWARD)][:20],
                "total_cents": 100 + n,
                "currency": ("=1+", "-€", "a,b", 'q"', "c\rr", "CNY")[n % 6],
                "payment_method": "card",
                "payment_masked": text[:60],
                "payment_masked_zh": None if n % 2 else "@" + text,
                "payment_status": "paid",
                "logistics_partner": text[:80],
                "logistics_partner_zh": None if n % 3 else "+顺丰, " + text,
                "tracking_no": text[:40],
                "recipient_name": text[:80],
                "recipient_phone_masked": "=138****0000",
                "recipient_address": text,
                "for_other": n % 2 == 0,
                "purchaser_consent_at": moment if n % 4 == 0 else None,
            }
            for n, text in enumerate(AWKWARD * 2)
        ]
        conn.execute(insert(Order), orders)
        conn.execute(
            insert(OrderItem),
            [
                {"order_id": o["id"], "title": t, "quantity": q, "unit_price_cents": 9}
                for o in orders
                for q, t in enumerate(AWKWARD[: o["id"] % 3], start=1)
            ],
        )
    lines, rows, items = _orders_both_ways(shop, me, language)
    assert [orjson.loads(line) for line in lines.splitlines()] == [
        orjson.loads(bulk.encode(i)) for i in items
    ]
    assert rows == _csv_of(items)
    # the awkward cells are there (and made safe), so the comparison is not of plain text only
    assert b"'=HYPERLINK" in rows
    assert b"'=1+" in rows
    assert b"'-\xe2\x82\xac" in rows
    assert b'"a,b"' in rows
    assert b'"q"""' in rows
    if language == "zh-CN":
        assert b"'+\xe9\xa1\xba\xe4\xb8\xb0" in rows  # the Chinese partner, localised


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_order_lines_are_the_serialisers_items(shop: RunningShop, language: str) -> None:
    me = _subject(shop)
    policy = policy_for(shop.ctx.shop.id)
    with shop.ctx.sessions() as db:
        # the demo has orders placed for someone else and orders shared with recipients
        assert db.scalar(select(Order.id).where(Order.user_id == me, Order.for_other.is_(True)))
        assert db.scalar(
            select(RecipientEvent.id).where(
                RecipientEvent.user_id == me, RecipientEvent.order_id.is_not(None)
            )
        )
    with using_language(language):  # type: ignore[arg-type]
        lines, rows = _read(shop, "orders", me)
        with shop.ctx.engine.connect() as conn:
            items = [
                i
                for batch in bulk.batches(
                    bulk.session_connect(conn), "orders", me, batch=7, policy=policy
                )
                for i in batch
            ]
    assert items
    assert [orjson.loads(line) for line in lines.splitlines()] == [
        orjson.loads(bulk.encode(i)) for i in items
    ]
    want = io.StringIO()
    csv.writer(want, lineterminator="\r\n").writerows(
        [bulk.csv_values(i, bulk.COLUMNS["orders"]) for i in items]
    )
    assert rows == want.getvalue().encode()
    placed_for = next(i for i in items if i["for_other"])["placed_for"]
    assert placed_for["clause"]
    assert placed_for["placed_by"]


def test_members_are_raw_deflate_that_zlib_inflates(
    shop: RunningShop, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server import archive_builder

    assert archive_builder._isal is not None, "isal is a dependency of the server"
    made: list[object] = []
    real = archive_builder.fast_deflater

    def counted() -> archive_writer.Deflater:
        made.append(compressor := real())
        return compressor

    monkeypatch.setattr(archive_builder, "fast_deflater", counted)
    add_awkward_tracks(shop)
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path)
    with zipfile.ZipFile(info.path) as archive:
        assert archive.testzip() is None  # every CRC
        for entry in archive.infolist():
            assert entry.compress_type == zipfile.ZIP_DEFLATED
            with open(info.path, "rb") as raw:
                # the member's own bytes, inflated by zlib without zipfile's help
                raw.seek(entry.header_offset + 26)
                name_len, extra_len = (
                    int.from_bytes(raw.read(2), "little"),
                    int.from_bytes(raw.read(2), "little"),
                )
                raw.seek(entry.header_offset + 30 + name_len + extra_len)
                stream = raw.read(entry.compress_size)
            inflater = zlib.decompressobj(-15)
            assert inflater.decompress(stream) + inflater.flush() == archive.read(entry)
            assert inflater.eof
            assert not inflater.unused_data
    assert len(made) >= len(archive.infolist()) - 1  # every member but the manifest
    assert type(made[0]).__module__.startswith("isal")


def _peak_of_build(shop: RunningShop, user_id: int, tmp_path) -> int:
    with shop.ctx.sessions() as db:
        user = db.get(User, user_id)
        assert user is not None
        tracemalloc.start()
        try:
            build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_build_memory_does_not_grow_with_the_tracks(shop: RunningShop, tmp_path) -> None:
    me = _subject(shop)
    anchor = datetime.now(UTC)
    seed_bulk_tracks(shop.ctx.engine, me, 5_000, seed=3, anchor=anchor)
    small = _peak_of_build(shop, me, tmp_path / "small")
    seed_bulk_tracks(shop.ctx.engine, me, 45_000, seed=4, anchor=anchor)
    large = _peak_of_build(shop, me, tmp_path / "large")
    # ten times the tracks (about 8 MB more NDJSON): the peak stays within a few batches
    assert large < small * 1.5 + 2 * 2**20, (small, large)


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith(("data/", "csv/"))}


def test_orders_read_ahead_change_no_byte(
    shop: RunningShop, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server import archive_builder

    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        ahead = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path / "a")
        monkeypatch.setattr(archive_builder, "AHEAD", ())
        inline = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path / "b")
    assert archive_builder._can_read_ahead(shop.ctx.engine)
    assert _members(ahead.path) == _members(inline.path)
    assert b"placed_for" in _members(ahead.path)["data/orders.json"]
    files = {f["path"]: f for f in ahead.manifest["files"]}
    assert files["data/orders.json"] == {
        **files["data/orders.json"],
        "records": len(orjson.loads(_members(ahead.path)["data/orders.json"])),
    }
    assert [p.name for p in (tmp_path / "a").iterdir()] == [ahead.path.name]  # no spool left


def test_a_failed_read_ahead_fails_the_build_and_leaves_nothing(
    shop: RunningShop, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bulk.chunks

    def failing(connect: Any, section: str, *args: Any, **kwargs: Any) -> Any:
        if section == "orders":
            raise RuntimeError("the disk went away")
        return real(connect, section, *args, **kwargs)

    monkeypatch.setattr(bulk, "chunks", failing)
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        with pytest.raises(RuntimeError, match="the disk went away"):
            build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []  # no archive, part file or spool


def test_the_tracks_list_keeps_its_own_index(shop: RunningShop) -> None:
    """The wide index of kept lines is only for the build: the list's queries (newest first, a
    keyset bound, a kind filter) keep to ix_tracks_user_at, which holds the kind."""
    me = _subject(shop)
    queries = [
        "SELECT id, kind, text, item_ref, at FROM tracks WHERE user_id = ? "
        "ORDER BY at DESC, id DESC LIMIT 101",
        "SELECT id, kind, text, item_ref, at FROM tracks WHERE user_id = ? AND kind = 'view' "
        "ORDER BY at DESC, id DESC LIMIT 101",
        "SELECT id, kind, text, item_ref, at FROM tracks WHERE user_id = ? AND at <= '2026' AND "
        "(at < '2026' OR id < 5) ORDER BY at DESC, id DESC LIMIT 101",
    ]
    with shop.ctx.engine.connect() as conn:
        for query in queries:
            plan = " ".join(
                str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + query, (me,))
            )
            assert "ix_tracks_user_at" in plan, (query, plan)
            assert bulk.TRACK_LINES_INDEX not in plan, (query, plan)


def test_lines_kept_by_another_definition_are_not_used(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A track item whose shape changed in the code: the database's kept lines still have the
    old one, so the build makes each line itself until a migration makes them again."""
    me = _subject(shop)
    before = _read(shop, "tracks", me)
    line, csv_row = bulk._track_line_sql()
    bulk._track_line_sql.cache_clear()
    monkeypatch.setattr(
        bulk, "_track_line_sql", lambda: (line.replace("'kind'", "'sort'"), csv_row)
    )
    with shop.ctx.engine.connect() as conn:
        assert not bulk.has_track_lines(conn)
    monkeypatch.undo()
    with shop.ctx.engine.connect() as conn:
        assert bulk.has_track_lines(conn)
    assert _read(shop, "tracks", me) == before


def test_an_orders_shared_with_reads_only_its_own_events(shop: RunningShop) -> None:
    """The orders statement looks up each order's recipient events by the order's own index:
    taken by the subject's index instead, it read all the subject's events once per order (2x
    the CPU of the whole section at 100,000 orders). Without statistics SQLite rates both
    indexes alike and took whichever the schema listed in a given order (a database made by
    `create_all` and one made by the migrations differ): checked with each one listed last."""
    me = _subject(shop)
    params = {"uid": me, "placed_by": "", "clause": None, "clause_title": None, "basis": ""}
    with shop.ctx.engine.begin() as conn:
        for index in ("ix_recipient_events_user_recipient", "ix_recipient_events_order_id"):
            found = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (index,))
            ddl = str(found.scalar())
            conn.exec_driver_sql(f"DROP INDEX {index}")
            conn.exec_driver_sql(ddl)  # now the last index of the table
            for language in ("en", "zh-CN"):
                for keyset in (False, True):
                    sql = bulk._order_sql(language, keyset)
                    plan = [
                        str(row[-1])
                        for row in conn.exec_driver_sql(
                            "EXPLAIN QUERY PLAN " + sql, {**params, "k_at": "2026", "k_id": 1}
                        )
                    ]
                    events = [step for step in plan if step.startswith("SEARCH e ")]
                    assert events == [
                        "SEARCH e USING INDEX ix_recipient_events_order_id (order_id=?)"
                    ], (index, plan)
