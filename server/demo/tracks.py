"""My Tracks demo history: a few thousand rows the normal way, or a million on the fast path.

The fast path (`seed_bulk_tracks`) draws from a pool of pre-built texts, formats timestamps
arithmetically and inserts with DB-API executemany in one transaction. On SQLite the per-row
FTS trigger would dominate, so it is dropped for the load, the new rows are indexed in one
INSERT ... SELECT, and the trigger is recreated, all inside the same transaction.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, text

from server.demo import vocab
from server.models import Track
from server.schema import _SQLITE_FTS, uses_fts

TRACK_SPAN = timedelta(days=730)  # My Tracks covers the last two years
_MIN_AGE_SECONDS = 60
_BATCH = 50_000
_POOL = 20_000
_INSERT_SQL = "INSERT INTO tracks (user_id, kind, text, item_ref, at) VALUES (?, ?, ?, ?, ?)"


def one_track(rng: random.Random) -> tuple[str, str, str | None]:
    """(kind, text, item_ref): a search (no item) or a product view (with its item id)."""
    if rng.random() < 0.4:
        return "search", vocab.search_query(rng), None
    return "view", vocab.product_title(rng), vocab.item_ref(rng)


def track_rows(
    rng: random.Random, user_id: int, count: int, anchor: datetime
) -> list[dict[str, Any]]:
    """Rows for `insert(Track)`, oldest first, spread over the two years before `anchor`."""
    span = int(TRACK_SPAN.total_seconds())
    ages = sorted((rng.randrange(_MIN_AGE_SECONDS, span) for _ in range(count)), reverse=True)
    rows: list[dict[str, Any]] = []
    for age in ages:
        kind, body, ref = one_track(rng)
        rows.append(
            {
                "user_id": user_id,
                "kind": kind,
                "text": body,
                "item_ref": ref,
                "at": anchor - timedelta(seconds=age),
            }
        )
    return rows


def _fts_trigger_sql() -> str:
    for statement in _SQLITE_FTS:
        if "tracks_fts_ai" in statement:
            return statement
    raise RuntimeError("server.schema no longer defines the tracks_fts_ai trigger")


def _sqlite_time_formatter(anchor: datetime) -> Any:
    """Ages in seconds -> SQLAlchemy's SQLite DATETIME text, without a datetime per row."""
    start = (anchor - TRACK_SPAN).astimezone(UTC)
    midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
    start_in_day = int((start - midnight).total_seconds())
    span = int(TRACK_SPAN.total_seconds())
    days = [(midnight + timedelta(days=d)).strftime("%Y-%m-%d") for d in range(span // 86400 + 3)]
    micro = f"{start.microsecond:06d}"

    def fmt(age: int) -> str:
        seconds = start_in_day + span - age
        day, rest = divmod(seconds, 86400)
        hour, rest = divmod(rest, 3600)
        minute, second = divmod(rest, 60)
        return f"{days[day]} {hour:02d}:{minute:02d}:{second:02d}.{micro}"

    return fmt


def _has(conn: Connection, kind: str, name: str) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (kind, name)
    ).first()
    return found is not None


def seed_bulk_tracks(
    engine: Engine, user_id: int, count: int, *, seed: int, anchor: datetime
) -> None:
    """Insert `count` My Tracks rows for one user fast (a million in seconds on SQLite)."""
    if count <= 0:
        return
    rng = random.Random(seed)
    pool = [one_track(rng) for _ in range(min(count, _POOL))]
    span = int(TRACK_SPAN.total_seconds())
    ages = rng.choices(range(_MIN_AGE_SECONDS, span), k=count)
    ages.sort(reverse=True)  # oldest first, so ids grow with time
    picks = rng.choices(pool, k=count)

    if not uses_fts(engine):
        with engine.begin() as conn:
            for start in range(0, count, _BATCH):
                conn.execute(
                    insert(Track),
                    [
                        {
                            "user_id": user_id,
                            "kind": kind,
                            "text": body,
                            "item_ref": ref,
                            "at": anchor - timedelta(seconds=age),
                        }
                        for (kind, body, ref), age in zip(
                            picks[start : start + _BATCH],
                            ages[start : start + _BATCH],
                            strict=True,
                        )
                    ],
                )
        return

    fmt = _sqlite_time_formatter(anchor)
    rows = [
        (user_id, kind, body, ref, fmt(age))
        for (kind, body, ref), age in zip(picks, ages, strict=True)
    ]
    del picks, ages
    with engine.begin() as conn:
        # pysqlite opens its transaction lazily before DML; do that first so the DROP TRIGGER
        # below is part of the transaction and a failure leaves the trigger in place.
        conn.exec_driver_sql("DELETE FROM tracks WHERE 0")
        had_trigger = _has(conn, "trigger", "tracks_fts_ai")
        has_fts = _has(conn, "table", "tracks_fts")
        last_id = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM tracks").scalar_one()
        if had_trigger:
            conn.exec_driver_sql("DROP TRIGGER tracks_fts_ai")
        for start in range(0, count, _BATCH):
            conn.exec_driver_sql(_INSERT_SQL, rows[start : start + _BATCH])
        if has_fts:
            conn.execute(
                text(
                    "INSERT INTO tracks_fts (rowid, text) "
                    "SELECT id, text FROM tracks WHERE id > :last"
                ),
                {"last": last_id},
            )
        if had_trigger:
            conn.exec_driver_sql(_fts_trigger_sql())
