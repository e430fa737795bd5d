"""Privacy requests filed while the shop is unreachable, kept locally and sent exactly once.

Each item holds only what the request is (its type and details, as the JSON body of
`POST /requests`), which shop and account it is for, and its `Idempotency-Key`: the key made
when the shopper pressed the button, so an attempt that reached the shop before the connection
dropped is not filed twice (see `client.filing`). Never a token or password. The key stays with
the item until the shop gives a final answer, so however often sending is retried (after a
dropped connection, a crash, a restart) the shop creates the request once.

Storage is one SQLite file. Sending claims each item in a transaction first, so two flushes at
once (two threads, two processes) never send the same item concurrently.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from client.errors import (
    ApiError,
    AuthenticationRequired,
    ConnectionFailed,
    RateLimited,
    ServerError,
)
from client.local_db import immediate_transaction

log = logging.getLogger("client.outbox")

PENDING = "pending"
SENDING = "sending"
FAILED = "failed"

# A payload is what the user asked for; anything that looks like a credential is refused.
_FORBIDDEN_KEYS = frozenset(
    {
        "access_token",
        "refresh_token",
        "token",
        "password",
        "authorization",
        "code_verifier",
        "secret",
        "client_secret",
    }
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    shop_id TEXT NOT NULL,
    account TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    claimed_at REAL
)
"""

Send = Callable[[dict[str, Any], str], Any]
"""Send one payload with its idempotency key; return the created request (e.g. its JSON)."""


@dataclass(frozen=True)
class OutboxItem:
    id: str
    shop_id: str
    account: str
    payload: dict[str, Any]
    idempotency_key: str
    status: str
    created_at: str
    attempts: int = 0
    error: str | None = None


@dataclass
class FlushReport:
    """What one `flush()` did."""

    sent: list[tuple[OutboxItem, Any]] = field(default_factory=list)
    failed: list[OutboxItem] = field(default_factory=list)
    deferred: list[OutboxItem] = field(default_factory=list)
    # The shop's answer to each failed item, by item id: its kind (the item keeps only words).
    problems: dict[str, ApiError] = field(default_factory=dict)

    @property
    def created(self) -> list[Any]:
        return [result for _, result in self.sent]


class Outbox:
    """The local queue of not-yet-sent privacy requests, in one SQLite file."""

    def __init__(self, path: str | Path, *, stale_after: float = 300.0) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A claim older than this belongs to a flush that died (crash, killed process).
        self.stale_after = stale_after
        with self._tx() as db:
            db.execute(_SCHEMA)

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        """One short IMMEDIATE transaction: writers queue up instead of interleaving."""
        return immediate_transaction(self.path)

    # -- filing ------------------------------------------------------------------------------
    def add(
        self,
        shop_id: str,
        account: str,
        payload: Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
    ) -> OutboxItem:
        """File a request for later under `idempotency_key` (made now if None), kept to the end.

        Pass the key of an attempt that may have reached the shop (a connection that dropped
        before the answer): the outbox then re-sends that attempt instead of a second request.
        Adding the same key again returns the item already queued; a different request under
        a key already queued is refused (ValueError).
        """
        body = dict(payload)
        _check_payload(body)
        if idempotency_key is not None and not (0 < len(idempotency_key) <= 255):
            raise ValueError("an Idempotency-Key has 1 to 255 characters")
        item = OutboxItem(
            id=str(uuid.uuid4()),
            shop_id=shop_id,
            account=account,
            payload=body,
            idempotency_key=idempotency_key or str(uuid.uuid4()),
            status=PENDING,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        with self._tx() as db:
            row = db.execute(
                "SELECT * FROM outbox WHERE idempotency_key = ?", (item.idempotency_key,)
            ).fetchone()
            if row is not None:
                existing = _item(row)
                if (existing.shop_id, existing.account, existing.payload) != (
                    shop_id,
                    account,
                    body,
                ):
                    raise ValueError("this Idempotency-Key is queued for a different request")
                return existing
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox").fetchone()[0]
            db.execute(
                "INSERT INTO outbox (id, seq, shop_id, account, payload, idempotency_key, status,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.id,
                    seq,
                    shop_id,
                    account,
                    json.dumps(body, ensure_ascii=False),
                    item.idempotency_key,
                    PENDING,
                    item.created_at,
                ),
            )
        log.info("request filed in the outbox (type %s)", body.get("type"))
        return item

    # -- reading -------------------------------------------------------------------------------
    def _select(self, where: str, args: tuple[Any, ...]) -> list[OutboxItem]:
        with self._tx() as db:
            rows = db.execute(f"SELECT * FROM outbox WHERE {where} ORDER BY seq", args).fetchall()  # noqa: S608 (fixed clauses)
        return [_item(row) for row in rows]

    def pending(self, shop_id: str | None = None) -> list[OutboxItem]:
        """Items still to be sent (including any being sent right now)."""
        if shop_id is None:
            return self._select("status IN (?, ?)", (PENDING, SENDING))
        return self._select("status IN (?, ?) AND shop_id = ?", (PENDING, SENDING, shop_id))

    def failed(self, shop_id: str | None = None) -> list[OutboxItem]:
        """Items the shop refused for good; they stay until dismissed."""
        if shop_id is None:
            return self._select("status = ?", (FAILED,))
        return self._select("status = ? AND shop_id = ?", (FAILED, shop_id))

    def get(self, item_id: str) -> OutboxItem | None:
        found = self._select("id = ?", (item_id,))
        return found[0] if found else None

    def dismiss(self, item_id: str) -> None:
        """Remove an item (a failed one the user has seen, or a pending one they withdraw)."""
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE id = ? AND status != ?", (item_id, SENDING))

    # -- sending ---------------------------------------------------------------------------------
    def flush(
        self,
        send: Send,
        *,
        shop_id: str | None = None,
        account: str | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> FlushReport:
        """Send what is pending, oldest first, each with its own Idempotency-Key.

        Success removes the item; a final 4xx marks it failed with the shop's message. A
        passing trouble (the shop unreachable, a 5xx or 429, or `409 request_in_progress`: the
        first try with this key is still running, or died with the shop) is retried up to
        `retries` times with capped exponential back-off (honouring Retry-After up to
        `max_backoff`); if it persists the item stays queued and this flush stops. A sign-in
        that has to be renewed also leaves it queued. None of these ever marks an item failed.
        """
        report = FlushReport()
        for candidate in self._candidates(shop_id, account):
            item = self._claim(candidate.id)
            if item is None:
                continue  # another flush has it
            attempt = 0
            problem: ApiError | None = None
            while True:
                try:
                    result = send(dict(item.payload), item.idempotency_key)
                except AuthenticationRequired as exc:
                    problem = exc  # only a new sign-in helps: no retry
                except ApiError as exc:
                    if _passing(exc) and attempt < retries:
                        sleep(_delay(attempt, exc.retry_after, backoff, max_backoff))
                        attempt += 1
                        self._touch(item.id)
                        continue
                    problem = exc
                except BaseException:
                    self._release(item.id, "interrupted")
                    raise
                break
            if problem is None:
                self._done(item.id)
                report.sent.append((item, result))
            elif isinstance(problem, AuthenticationRequired) or _passing(problem):
                self._release(item.id, str(problem))
                report.deferred.append(item)
                # The shop is away or busy: the rest would fail the same way.
                report.deferred.extend(
                    c for c in self._candidates(shop_id, account) if c.id != item.id
                )
                break
            else:
                report.failed.append(self._fail(item.id, problem.user_message))
                report.problems[item.id] = problem
        return report

    def _candidates(self, shop_id: str | None, account: str | None) -> list[OutboxItem]:
        clauses = ["(status = ? OR (status = ? AND claimed_at < ?))"]
        args: list[Any] = [PENDING, SENDING, time.time() - self.stale_after]
        if shop_id is not None:
            clauses.append("shop_id = ?")
            args.append(shop_id)
        if account is not None:
            clauses.append("account = ?")
            args.append(account)
        return self._select(" AND ".join(clauses), tuple(args))

    def _claim(self, item_id: str) -> OutboxItem | None:
        now = time.time()
        with self._tx() as db:
            cursor = db.execute(
                "UPDATE outbox SET status = ?, claimed_at = ?, attempts = attempts + 1"
                " WHERE id = ? AND (status = ? OR (status = ? AND claimed_at < ?))",
                (SENDING, now, item_id, PENDING, SENDING, now - self.stale_after),
            )
            if cursor.rowcount != 1:
                return None
            row = db.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        return _item(row)

    def _touch(self, item_id: str) -> None:
        """Renew this flush's claim while it keeps retrying (so it never looks abandoned)."""
        with self._tx() as db:
            db.execute(
                "UPDATE outbox SET claimed_at = ? WHERE id = ? AND status = ?",
                (time.time(), item_id, SENDING),
            )

    def _release(self, item_id: str, note: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE outbox SET status = ?, claimed_at = NULL, error = ? WHERE id = ?",
                (PENDING, note[:500], item_id),
            )

    def _fail(self, item_id: str, message: str) -> OutboxItem:
        with self._tx() as db:
            db.execute(
                "UPDATE outbox SET status = ?, claimed_at = NULL, error = ? WHERE id = ?",
                (FAILED, message[:2000], item_id),
            )
            row = db.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        return _item(row)

    def _done(self, item_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE id = ?", (item_id,))


def _passing(exc: ApiError) -> bool:
    """Trouble that says nothing about the request itself: worth another try, never final.

    `409 request_in_progress` means the first try with this key has not finished (or died
    with the shop, whose next answer will replay or redo it).
    """
    in_progress = exc.status == 409 and exc.code == "request_in_progress"
    return in_progress or isinstance(exc, (ConnectionFailed, ServerError, RateLimited))


def _delay(attempt: int, retry_after: float | None, base: float, cap: float) -> float:
    """Capped exponential back-off with jitter; a Retry-After (up to the cap) is honoured."""
    ceiling = min(cap, base * (2**attempt))
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 (jitter, not a secret)
    if retry_after is not None:
        delay = max(delay, min(cap, retry_after))
    return delay


def _check_payload(body: dict[str, Any]) -> None:
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if not isinstance(key, str):
                    raise ValueError("outbox payload keys must be strings")
                if key.lower() in _FORBIDDEN_KEYS:
                    raise ValueError(f"an outbox payload must not contain {key!r}")
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(body)
    try:
        json.dumps(body)
    except (TypeError, ValueError) as exc:
        raise ValueError("an outbox payload must be plain JSON") from exc


def _item(row: sqlite3.Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        shop_id=row["shop_id"],
        account=row["account"],
        payload=json.loads(row["payload"]),
        idempotency_key=row["idempotency_key"],
        status=row["status"],
        created_at=row["created_at"],
        attempts=int(row["attempts"]),
        error=row["error"],
    )


__all__ = ["FAILED", "PENDING", "SENDING", "FlushReport", "Outbox", "OutboxItem", "Send"]
