"""Keyset (cursor) pagination: a deep page costs what the first one costs."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import orjson
from sqlalchemy import Select, and_, bindparam, or_
from sqlalchemy.orm import InstrumentedAttribute

from server.db import Database, DriverStatement, connection_of
from server.errors import Problem
from server.timeutil import parse_rfc3339, rfc3339

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_MIN_INT, _MAX_INT = -(2**63), 2**63 - 1  # what a BIGINT holds on every backend

T = TypeVar("T")


def encode_cursor(values: Sequence[Any]) -> str:
    plain = [rfc3339(v) if isinstance(v, datetime) else v for v in values]
    raw = b""
    if all(type(v) is int or (type(v) is str and v.isascii()) for v in plain):
        # every page of a list ends with one: orjson writes these the same bytes, faster
        with contextlib.suppress(orjson.JSONEncodeError):  # an int beyond 64 bits
            raw = orjson.dumps(plain)
    if not raw:
        raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: Sequence[type]) -> list[Any]:
    """Decode a cursor whose parts have the given types; anything else is a 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError("wrong shape")
        out: list[Any] = []
        for value, kind in zip(values, kinds, strict=True):
            if kind is datetime:
                if not isinstance(value, str):
                    raise ValueError("bad time")
                out.append(parse_rfc3339(value))
            elif kind is int:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError("bad int")
                if not _MIN_INT <= value <= _MAX_INT:
                    raise ValueError("int outside the database's range")
                out.append(value)
            else:
                if not isinstance(value, kind) or (isinstance(value, str) and "\x00" in value):
                    raise ValueError("bad value")
                out.append(value)
        return out
    except (ValueError, UnicodeError, binascii.Error, json.JSONDecodeError) as exc:
        raise Problem(400, "invalid_cursor", "The cursor is malformed or expired.") from exc


def keyset_page(
    session: Database,
    query: Select[T],
    columns: Sequence[InstrumentedAttribute[Any]],
    *,
    limit: int,
    cursor: str | None,
    descending: bool,
    key_of: Callable[[T], Sequence[Any]],
    rows: bool = False,
) -> tuple[list[T], str | None]:
    """Fetch one page ordered by `columns` (the last must be unique), after `cursor`.

    The comparison is written as an OR-chain rather than a row-value tuple so every backend can
    use the composite index. With `rows`, `query` selects columns and the page is its plain
    rows (no ORM objects: the fast path for lists serialized straight to JSON).
    """
    kinds = [_python_type(column) for column in columns]
    if cursor:
        after = decode_cursor(cursor, kinds)
        query = query.where(_after(columns, after, descending))
    order = [column.desc() if descending else column.asc() for column in columns]
    ordered = query.order_by(*order).limit(limit + 1)
    if rows:  # Core on the session's connection: no ORM execution or loading layers
        found: list[Any] = list(connection_of(session).execute(ordered).all())
    else:
        found = list(session.scalars(ordered))  # ORM objects: a session
    next_cursor = encode_cursor(key_of(found[limit - 1])) if len(found) > limit else None
    return found[:limit], next_cursor


def _after(
    columns: Sequence[InstrumentedAttribute[Any]], values: Sequence[Any], descending: bool
) -> Any:
    clauses = []
    for index, column in enumerate(columns):
        equal_prefix = [columns[i] == values[i] for i in range(index)]
        beyond = column < values[index] if descending else column > values[index]
        clauses.append(and_(*equal_prefix, beyond))
    # The redundant bound on the leading column turns the OR-chain into an index range, so a
    # deep page seeks straight to its place instead of walking the rows before it.
    lead = columns[0] <= values[0] if descending else columns[0] >= values[0]
    return and_(lead, or_(*clauses))


def newest_first_page(
    session: Database,
    query: Select[T],
    at: InstrumentedAttribute[datetime],
    row_id: InstrumentedAttribute[int],
    *,
    limit: int,
    cursor: str | None,
    rows: bool = False,
) -> tuple[list[T], str | None]:
    """The common case: newest first by (time, id), over an index ending in (..., at, id)."""
    return keyset_page(
        session,
        query,
        [at, row_id],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda row: (getattr(row, at.key), getattr(row, row_id.key)),
        rows=rows,
    )


def _python_type(column: InstrumentedAttribute[Any]) -> type:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return str
    return datetime if kind is datetime else kind


class NewestFirstPages:
    """Keyset pages of one fixed query, newest first by (at, id), as driver statements.

    For a list's hottest shape (no filters): the first page and the page after a cursor are
    two statements compiled once (`server.db.DriverStatement`), so a page costs little more
    than the database's own work. `select_` filters on `bindparam("subject_id")` and has no
    ORDER BY or LIMIT; `at` and `row_id` are its table's columns and `key` picks their values
    out of a row. Same order and cursors as `newest_first_page`.
    """

    def __init__(
        self,
        select_: Any,
        at: Any,
        row_id: Any,
        key: Callable[[tuple[Any, ...]], Sequence[Any]],
    ) -> None:
        ordered = select_.order_by(at.desc(), row_id.desc()).limit(bindparam("limit"))
        after_at = bindparam("after_at", type_=at.type)
        after_id = bindparam("after_id", type_=row_id.type)
        self._first = DriverStatement(ordered)
        self._after = DriverStatement(
            ordered.where(
                at <= after_at, or_(at < after_at, and_(at == after_at, row_id < after_id))
            )
        )
        self._key = key

    def page(
        self, connection: Any, subject_id: int, *, limit: int, cursor: str | None
    ) -> tuple[list[tuple[Any, ...]], str | None]:
        params: dict[str, Any] = {"subject_id": subject_id, "limit": limit + 1}
        statement = self._first
        if cursor:
            params["after_at"], params["after_id"] = decode_cursor(cursor, [datetime, int])
            statement = self._after
        found = statement.all(connection, params)
        next_cursor = encode_cursor(self._key(found[limit - 1])) if len(found) > limit else None
        return found[:limit], next_cursor
