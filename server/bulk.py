"""Whole sections of one subject, read in keyset batches with SQLAlchemy Core, as API items.

Used by the bulk export (`GET /v1/export/{section}`, `server/routes/export.py`) and by the
shop's own archive (`server/archive_builder.py`), so both give the same items as the API's
detail resources (`OrderDetail`, `DecisionDetail`, `TrackOut`, `LocationOut`, `LogOut`) without
building ORM objects or validating each row: rows become plain dicts that `orjson` encodes.

Each batch runs in a connection of its own (`connect()` is called per batch), so a stream that a
slow reader drains over minutes never holds a pooled connection or a read transaction between
batches. Order is newest first by (time, id), as the lists; `after` continues strictly after a
given item (by its id), which is how an interrupted export resumes.

Times are datetimes (naive UTC, read without the UTC type decorator for speed): encode them with
`encode()`, which writes them as the API does (`...Z`, microseconds when non-zero).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    DateTime,
    Integer,
    LargeBinary,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
)

from archive_format.cells import FORMULA_STARTS, CsvRow, csv_row
from server.demo.policies import ShopPolicy
from server.i18n import Language, current_language
from server.messages import FACTORS, label
from server.models import (
    Decision,
    Location,
    LogEntry,
    Order,
    OrderItem,
    Recipient,
    RecipientEvent,
    Track,
    User,
)
from server.policy_terms import clause_fields

BATCH = 2000
ORDER_BATCH = 500
BULK_SECTIONS: tuple[str, ...] = ("locations", "logs", "tracks", "orders", "decisions")

Connect = Callable[[], contextlib.AbstractContextManager[Connection]]
Item = dict[str, Any]

_OPTIONS = orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z


def encode(item: Item) -> bytes:
    """One item as compact UTF-8 JSON, times as RFC 3339 UTC (like the API's responses)."""
    return orjson.dumps(item, option=_OPTIONS)


def encode_lines(items: Sequence[Item]) -> bytes:
    """Items as NDJSON: one line each, each ending in a newline."""
    dumps = orjson.dumps
    return b"".join([dumps(i, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE) for i in items])


class UnknownItem(LookupError):
    """`after` names no item of the subject in that section (deleted, or never existed)."""


@dataclass(frozen=True)
class _Spec:
    """One section: its table's time and id columns and the item columns to select."""

    at: Any
    id: Any
    owner: Any
    columns: tuple[Any, ...]
    extra_where: tuple[ColumnElement[bool], ...] = ()


def _text_id(column: Any) -> ColumnElement[str]:
    return cast(column, String).label("id")


def _raw_time(column: Any, name: str) -> ColumnElement[datetime]:
    # Without the UTC decorator: one C-level parse per value, no Python call per row.
    return type_coerce(column, DateTime()).label(name)


def _localized(en: Any, zh: Any, language: Language) -> Any:
    """A text column in `language`, as `server.i18n.pick` chooses: its Chinese when set."""
    if language != "zh-CN":
        return en
    return func.coalesce(func.nullif(zh, ""), en).label(en.key)


@functools.cache
def _specs(language: Language) -> dict[str, _Spec]:
    """The sections' columns, with the shop's texts in `language` (built once per language)."""
    return {
        "tracks": _Spec(
            Track.at,
            Track.id,
            Track.user_id,
            (_text_id(Track.id), Track.kind, Track.text, Track.item_ref, _raw_time(Track.at, "at")),
        ),
        "locations": _Spec(
            Location.at,
            Location.id,
            Location.user_id,
            (
                _text_id(Location.id),
                _raw_time(Location.at, "at"),
                Location.source,
                Location.ip,
                Location.latitude,
                Location.longitude,
                _localized(Location.city, Location.city_zh, language),
            ),
        ),
        "logs": _Spec(
            LogEntry.at,
            LogEntry.id,
            LogEntry.user_id,
            (
                _text_id(LogEntry.id),
                _raw_time(LogEntry.at, "at"),
                LogEntry.ip,
                LogEntry.browser,
                _localized(LogEntry.carrier, LogEntry.carrier_zh, language),
                LogEntry.language,
                LogEntry.page,
                LogEntry.search_query,
            ),
        ),
        "orders": _Spec(
            Order.placed_at,
            Order.id,
            Order.user_id,
            (
                Order.id,
                Order.number,
                _raw_time(Order.placed_at, "placed_at"),
                Order.status,
                Order.total_cents,
                Order.currency,
                Order.for_other,
                _localized(Order.logistics_partner, Order.logistics_partner_zh, language),
                Order.payment_method,
                _localized(Order.payment_masked, Order.payment_masked_zh, language),
                Order.payment_status,
                Order.tracking_no,
                Order.recipient_name,
                Order.recipient_phone_masked,
                Order.recipient_address,
                _raw_time(Order.purchaser_consent_at, "purchaser_consent_at"),
            ),
            (Order.removed_at.is_(None),),
        ),
        "decisions": _Spec(
            Decision.at,
            Decision.id,
            Decision.user_id,
            (
                _text_id(Decision.id),
                _localized(Decision.system, Decision.system_zh, language),
                Decision.kind,
                _localized(Decision.outcome, Decision.outcome_zh, language),
                Decision.significance,
                _raw_time(Decision.at, "at"),
                Decision.model_version,
                cast(Decision.order_id, String).label("order_id"),
                Decision.inputs,
                Decision.factors,
            ),
        ),
    }


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _before(at: Any, row_id: Any, key: tuple[datetime, int]) -> ColumnElement[bool]:
    """Strictly after `key` in newest-first order; the lead bound keeps it an index range."""
    moment, ident = _aware(key[0]), key[1]
    return and_(at <= moment, or_(at < moment, and_(at == moment, row_id < ident)))


def _key_of(
    conn: Connection, spec: _Spec, subject_id: int, after: str, *, text: bool = False
) -> tuple[Any, int]:
    try:
        ident = int(after)
    except ValueError:
        raise UnknownItem(after) from None
    moment = type_coerce(spec.at, String) if text else _raw_time(spec.at, "at")
    row = conn.execute(
        select(moment, spec.id).where(spec.id == ident, spec.owner == subject_id, *spec.extra_where)
    ).first()
    if row is None:
        raise UnknownItem(after)
    return row[0], int(row[1])


def batches(
    connect: Connect,
    section: str,
    subject_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    after: str | None = None,
    batch: int | None = None,
    policy: ShopPolicy | None = None,
) -> Iterator[list[Item]]:
    """The subject's items of `section` (one of `BULK_SECTIONS`), a batch at a time.

    `policy` is the shop's (for the clause of an order placed for someone else, as the API
    cites it); without it that clause counts as the shop's configuration.

    Raises `UnknownItem` (before yielding anything) when `after` is not one of its items.
    """
    language = current_language()
    spec = _specs(language)[section]
    size = batch or (ORDER_BATCH if section == "orders" else BATCH)
    where: list[ColumnElement[bool]] = [spec.owner == subject_id, *spec.extra_where]
    if start is not None:
        where.append(spec.at >= _aware(start))
    if end is not None:
        where.append(spec.at < _aware(end))
    query: Select[Any] = (
        select(*spec.columns, spec.id.label("_key_id"))
        .where(*where)
        .order_by(spec.at.desc(), spec.id.desc())
        .limit(size)
    )
    time_name = "placed_at" if section == "orders" else "at"
    key: tuple[datetime, int] | None = None
    if after is not None:
        with connect() as conn:
            key = _key_of(conn, spec, subject_id, after)
    while True:
        page = query if key is None else query.where(_before(spec.at, spec.id, key))
        with connect() as conn:
            rows = conn.execute(page).all()
            if not rows:
                return
            last = rows[-1]
            key = (last._mapping[time_name], int(last._mapping["_key_id"]))
            if section == "orders":
                items = _orders(conn, subject_id, rows, language, placed_for_clause(policy))
            else:
                keys = [k for k in rows[0]._fields if k != "_key_id"]
                items = [dict(zip(keys, row, strict=False)) for row in rows]
        if section == "decisions":
            for item in items:
                _decision_detail(item)
        yield items
        if len(rows) < size:
            return


def _json_list(text: str | None) -> list[Any]:
    try:
        value = orjson.loads(text) if text else []
    except orjson.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


def _decision_detail(item: Item) -> None:
    """Like `GET /decisions/{id}`: inputs as strings, factors that have a name and a weight."""
    item["inputs"] = [str(x) for x in _json_list(item["inputs"])]
    factors = []
    for entry in _json_list(item["factors"]):
        if isinstance(entry, dict) and "factor" in entry:
            try:
                weight = float(entry.get("weight", 0.0))
            except (TypeError, ValueError):
                weight = 0.0
            name = str(entry["factor"])
            factors.append({"factor": name, "weight": weight, "label": label(FACTORS, name)})
    item["factors"] = factors


def placed_for_clause(policy: ShopPolicy | None) -> tuple[str | None, str | None, str]:
    """(clause, its title in the current language, basis) for orders placed for others."""
    if policy is None:
        return None, None, "shop_configuration"
    fields = clause_fields(policy, policy.orders_for_others)
    return fields["clause"], fields["clause_title"], fields["basis"]


def _orders(
    conn: Connection,
    subject_id: int,
    rows: Sequence[Any],
    language: Language,
    clause: tuple[str | None, str | None, str] = (None, None, "shop_configuration"),
) -> list[Item]:
    """Like `GET /orders/{id}` (OrderDetail), with three queries for the whole batch."""
    ids = [row.id for row in rows]
    placed_by = conn.execute(select(User.display_name).where(User.id == subject_id)).scalar()
    lines: dict[int, list[Item]] = {}
    quantities: dict[int, int] = {}
    for oid, line_id, title, quantity, price in conn.execute(
        select(
            OrderItem.order_id,
            cast(OrderItem.id, String),
            OrderItem.title,
            OrderItem.quantity,
            OrderItem.unit_price_cents,
        )
        .where(OrderItem.order_id.in_(ids))
        .order_by(OrderItem.order_id, OrderItem.id)
    ):
        lines.setdefault(oid, []).append(
            {"id": line_id, "title": title, "quantity": quantity, "unit_price_cents": price}
        )
        quantities[oid] = quantities.get(oid, 0) + quantity
    shared: dict[int | None, list[Item]] = {}
    for event_order, rid, name, kind, categories, at in conn.execute(
        select(
            RecipientEvent.order_id,
            cast(Recipient.id, String),
            _localized(Recipient.name, Recipient.name_zh, language),
            Recipient.type,
            RecipientEvent.categories,
            _raw_time(RecipientEvent.at, "at"),
        )
        .join(Recipient, Recipient.id == RecipientEvent.recipient_id)
        .where(RecipientEvent.order_id.in_(ids), RecipientEvent.user_id == subject_id)
        .order_by(RecipientEvent.order_id, RecipientEvent.at, RecipientEvent.id)
    ):
        shared.setdefault(event_order, []).append(
            {
                "recipient_id": rid,
                "name": name,
                "type": kind,
                "categories": [str(c) for c in _json_list(categories)],
                "at": at,
            }
        )
    out: list[Item] = []
    for o in rows:
        out.append(
            {
                "id": str(o.id),
                "number": o.number,
                "placed_at": o.placed_at,
                "status": o.status,
                "total_cents": o.total_cents,
                "currency": o.currency,
                "item_count": quantities.get(o.id, 0),
                "for_other": o.for_other,
                "logistics_partner": o.logistics_partner,
                "placed_for": {
                    "placed_by": placed_by or "",
                    "placed_for": o.recipient_name,
                    "purchaser_consent_at": o.purchaser_consent_at,
                    "clause": clause[0],
                    "clause_title": clause[1],
                    "basis": clause[2],
                }
                if o.for_other
                else None,
                "items": lines.get(o.id, []),
                "payment": {
                    "method": o.payment_method,
                    "masked": o.payment_masked,
                    "status": o.payment_status,
                },
                "logistics": {"partner": o.logistics_partner, "tracking_no": o.tracking_no},
                "recipient": {
                    "name": o.recipient_name,
                    "phone_masked": o.recipient_phone_masked,
                    "address": o.recipient_address,
                    "for_other": o.for_other,
                },
                "shared_with": shared.get(o.id, []),
            }
        )
    return out


# --- ready-made lines -------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """A batch as NDJSON (one line per item) and, when asked for, as CSV values per item."""

    ndjson: bytes
    count: int
    rows: list[Sequence[Any]] | None = None
    csv: bytes | None = None  # or the CSV lines ready-made (each ending in CRLF)


def api_time(value: datetime) -> str:
    """A naive-UTC datetime as the API writes it: `...Z`, microseconds only when non-zero."""
    return value.isoformat() + "Z"


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=_OPTIONS).decode("utf-8")


# A CSV row by the archive format's one cell rule, with the API's JSON for nested values and
# times: each cell holds the value as the item's NDJSON line writes it (`encode`).
csv_values: CsvRow = csv_row(_json_text, time=api_time)


def _api_time_sql(column: Any) -> ColumnElement[str]:
    """SQLite: the stored `YYYY-MM-DD HH:MM:SS.ffffff` as the API writes it, in SQL."""
    raw = type_coerce(column, String)
    day, clock = func.substr(raw, 1, 10), func.substr(raw, 12)
    return case(
        (func.substr(raw, 21, 6) == "000000", day + "T" + func.substr(raw, 12, 8) + "Z"),
        else_=day + "T" + clock + "Z",
    )


def _csv_field_sql(value: Any, *, plain: bool = False) -> ColumnElement[str]:
    """One CSV field, in SQL, exactly as Python's `csv` writes it (QUOTE_MINIMAL): quoted
    when it holds a comma, a quote or a line break; NULL as nothing. `plain`: never needs it."""
    if plain:
        return func.coalesce(value, "")
    value = _formula_safe_sql(value)
    needs_quotes = or_(
        func.instr(value, ",") > 0,
        func.instr(value, '"') > 0,
        func.instr(value, "\n") > 0,
        func.instr(value, "\r") > 0,
    )
    return case(
        (value.is_(None), ""),
        (needs_quotes, '"' + func.replace(value, '"', '""') + '"'),
        else_=value,
    )


def _formula_safe_sql(value: Any) -> ColumnElement[str]:
    """`csv_safe` in SQL: text that would start a spreadsheet formula gets an apostrophe
    (numbers and JSON values never do: only SQLite text is text in Python too)."""
    return case(
        (
            and_(
                func.typeof(value) == "text",
                or_(*(func.substr(value, 1, 1) == start for start in FORMULA_STARTS)),
            ),
            literal("'") + value,
        ),
        else_=value,
    )


def _sql_time(column: str) -> str:
    return (
        f"CASE WHEN substr({column}, 21, 6) = '000000' THEN substr({column}, 1, 10) || 'T' "
        f"|| substr({column}, 12, 8) || 'Z' ELSE substr({column}, 1, 10) || 'T' || "
        f"substr({column}, 12) || 'Z' END"
    )


def _sql_bool(column: str) -> str:
    return f"CASE WHEN {column} THEN 'true' ELSE 'false' END"


def _sql_string_list(column: str) -> str:
    """A JSON text column holding a list, as the API gives it: its items as strings, and a
    value that is not a JSON list as `[]`. (Column names are constants here, never input.)"""
    return (
        f"CASE WHEN json_valid({column}) AND json_type({column}) = 'array' THEN "  # noqa: S608
        f"(SELECT json_group_array(CAST(value AS TEXT)) FROM json_each({column})) "
        "ELSE '[]' END"
    )


# OrderDetail, all in SQL. Nested lists come from correlated subqueries whose rows arrive in
# the inner ORDER BY; json() keeps them JSON (a subquery loses SQLite's JSON subtype).
_ORDER_ITEMS_SQL = (
    "(SELECT json_group_array(json_object('id', CAST(i.id AS TEXT), 'title', i.title, "
    "'quantity', i.quantity, 'unit_price_cents', i.unit_price_cents)) FROM (SELECT * FROM "
    "order_items AS i WHERE i.order_id = orders.id ORDER BY i.id) AS i)"
)


# Constant SQL: no input is ever formatted into these strings. `+e.user_id`: the unary plus
# keeps the planner off ix_recipient_events_user_recipient for this subquery; with it, it took
# that index for the user_id term and read all the subject's events once per order (2.5 s
# instead of 1.3 s for 100,000 orders), not the few of one order by ix_recipient_events_order_id.
def _order_shared_sql(language: Language) -> str:
    name = "coalesce(nullif(r.name_zh, ''), r.name)" if language == "zh-CN" else "r.name"
    return (
        "(SELECT json_group_array(json_object('recipient_id', CAST(s.rid AS TEXT), 'name', s.name, "  # noqa: S608
        "'type', s.type, 'categories', json(s.categories), 'at', s.at)) FROM (SELECT r.id AS rid, "
        f"{name} AS name, r.type AS type, {_sql_string_list('e.categories')} AS categories, "
        f"{_sql_time('e.at')} AS at FROM recipient_events AS e JOIN recipients AS r ON r.id = "
        "e.recipient_id WHERE e.order_id = orders.id AND +e.user_id = orders.user_id "
        "ORDER BY e.at, e.id) AS s)"
    )


_ORDER_BOOL = _sql_bool("orders.for_other")


@dataclass(frozen=True)
class _Field:
    """One item key: its JSON value in SQL and, if different, its CSV text in SQL."""

    name: str
    json: Any
    csv: Any = None
    plain: bool = False  # its CSV text never needs quotes (ids, times, numbers)


# Sections whose items are all text or built in SQL: on SQLite, `json_object` writes each line
# in C (and the CSV line for the shop's archive is put together in SQL too).
@functools.cache
def _text_items(language: Language) -> dict[str, tuple[_Field, ...]]:
    """The sections built all in SQL (SQLite), with the shop's texts in `language` (orders
    have their own statement: `_order_sql`)."""
    return {
        "tracks": (
            _Field("id", cast(Track.id, String), plain=True),
            _Field("kind", Track.kind),
            _Field("text", Track.text),
            _Field("item_ref", Track.item_ref),
            _Field("at", _api_time_sql(Track.at), plain=True),
        ),
        "logs": (
            _Field("id", cast(LogEntry.id, String), plain=True),
            _Field("at", _api_time_sql(LogEntry.at), plain=True),
            _Field("ip", LogEntry.ip),
            _Field("browser", LogEntry.browser),
            _Field("carrier", _localized(LogEntry.carrier, LogEntry.carrier_zh, language)),
            _Field("language", LogEntry.language),
            _Field("page", LogEntry.page),
            _Field("search_query", LogEntry.search_query),
        ),
    }


COLUMNS: dict[str, list[str]] = {
    "tracks": ["id", "kind", "text", "item_ref", "at"],
    "logs": ["id", "at", "ip", "browser", "carrier", "language", "page", "search_query"],
    "locations": ["id", "at", "source", "ip", "latitude", "longitude", "city"],
    "orders": [
        "id",
        "number",
        "placed_at",
        "status",
        "total_cents",
        "currency",
        "item_count",
        "for_other",
        "logistics_partner",
        "placed_for",
        "items",
        "payment",
        "logistics",
        "recipient",
        "shared_with",
    ],
    "decisions": [
        "id",
        "system",
        "kind",
        "outcome",
        "significance",
        "at",
        "model_version",
        "order_id",
        "inputs",
        "factors",
    ],
}


def chunks(
    connect: Connect,
    section: str,
    subject_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    after: str | None = None,
    with_rows: bool = False,
    policy: ShopPolicy | None = None,
) -> Iterator[Chunk]:
    """Like `batches`, as ready NDJSON (and CSV values with `with_rows`)."""
    with connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
    if sqlite and section == "orders":
        yield from _order_chunks(
            connect, subject_id, start, end, after, with_rows, placed_for_clause(policy)
        )
        return
    if sqlite and section == "tracks":
        with connect() as conn:
            kept = has_track_lines(conn)
        if kept:
            yield from _kept_track_chunks(connect, subject_id, start, end, after, with_rows)
            return
    if sqlite and section in _text_items(current_language()):
        yield from _text_chunks(connect, section, subject_id, start, end, after, with_rows)
        return
    columns = COLUMNS[section]
    for items in batches(
        connect, section, subject_id, start=start, end=end, after=after, policy=policy
    ):
        rows: list[Sequence[Any]] | None = None
        if with_rows:
            rows = [csv_values(i, columns) for i in items]
        yield Chunk(encode_lines(items), len(items), rows)


# --- My Tracks' lines kept by SQLite ----------------------------------------------------------
#
# On SQLite, `tracks` has two virtual generated columns, each item's NDJSON line and CSV row,
# written by the same SQL as `_text_items` builds, and an index that holds them after the
# subject and time (server.schema.create_extras); only the archive and the bulk export read it.
# SQLite computes both once, when a row is written (any write path, ORM or Core, since the
# database does it), and stores them in that index only; the readers then take them in order
# from the index instead of building every line again (the build's largest cost before).
# Cost: about 280 bytes per track on disk and ~2 us more per insert. Tracks are never updated,
# only added and deleted. A database made before these existed has no such index: the lines
# are then built per batch as before, until `python -m server migrate` (revision 0002, or at
# the newest revision) or a single-process server's start makes them (server.schema.
# create_kept_lines). Changing what a track item holds makes `has_track_lines` false, and the
# same step drops and adds them again.

TRACK_LINE, TRACK_CSV, TRACK_LINES_INDEX = "export_line", "export_csv", "ix_tracks_export"


def _sqlite_text(expression: Any) -> str:
    from sqlalchemy.dialects import sqlite

    compiled = expression.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    # A generated column names the columns of its own row without the table.
    return str(compiled).replace("tracks.", "")


@functools.cache
def _track_line_sql() -> tuple[str, str]:
    """The SQL of a track's NDJSON line and of its CSV row (no shop text: any language)."""
    fields = _text_items("en")["tracks"]
    pairs: list[Any] = []
    for f in fields:
        pairs += [literal_column(f"'{f.name}'"), f.json]
    row: Any = None
    for f in fields:
        field = _csv_field_sql(f.json if f.csv is None else f.csv, plain=f.plain)
        row = field if row is None else row.concat(",").concat(field)
    return _sqlite_text(func.json_object(*pairs)), _sqlite_text(row)


def track_line_ddl() -> list[str]:
    """SQLite statements that add the kept lines of My Tracks (run once, on a new schema)."""
    line, csv_row = _track_line_sql()
    return [
        f"ALTER TABLE tracks ADD COLUMN {TRACK_LINE} TEXT GENERATED ALWAYS AS ({line}) VIRTUAL",
        f"ALTER TABLE tracks ADD COLUMN {TRACK_CSV} TEXT GENERATED ALWAYS AS ({csv_row}) VIRTUAL",
        # Led by an expression of user_id (never NULL, so the same value) that no other query
        # writes: the planner then never picks this wide index for the My Tracks list, whose
        # kind filter needs ix_tracks_user_at (kind is in it), and the build names it.
        f"CREATE INDEX IF NOT EXISTS {TRACK_LINES_INDEX} ON tracks "
        f"(coalesce(user_id, 0), at, id, {TRACK_LINE}, {TRACK_CSV})",
    ]


def has_track_lines(conn: Connection) -> bool:
    """Whether this SQLite database keeps the lines of My Tracks (`track_line_ddl`), made by
    the SQL this code writes: kept by an older definition, they are not used (built per batch
    instead) until a migration makes them again."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            "SELECT type, sql FROM sqlite_master WHERE (type = 'table' AND name = 'tracks') "
            "OR (type = 'index' AND name = ?)",
            (TRACK_LINES_INDEX,),
        )
        found = dict(cursor.fetchall())
    finally:
        cursor.close()
    line, csv_row = _track_line_sql()
    table = found.get("table") or ""
    return "index" in found and line in table and csv_row in table


@functools.cache
def _kept_track_sql(keyset: bool, lower: bool, upper: bool, with_rows: bool) -> str:
    """A batch of kept track lines (and CSV rows) as one text each, in SQLite, newest first.

    INDEXED BY: without it a plain `user_id` bound took ix_tracks_user_at, which does not hold
    the generated columns, and every line was built again (the index is named to be sure).
    group_concat() takes the rows in the order the subquery gives them, as json_group_array()
    does for an order's items above; a batch is one value, not 2,000 Python objects."""
    where = "coalesce(user_id, 0) = :uid"  # the index's leading expression
    if keyset:
        where += " AND at <= :k_at AND (at < :k_at OR (at = :k_at AND id < :k_id))"
    where += " AND at >= :lower" if lower else ""
    where += " AND at < :upper" if upper else ""
    rows = f"CAST(group_concat({TRACK_CSV}, char(13, 10)) AS BLOB)" if with_rows else "NULL"
    return (
        f"SELECT CAST(group_concat({TRACK_LINE}, char(10)) AS BLOB), {rows}, count(*), "  # noqa: S608
        f"min(at) FROM (SELECT {TRACK_LINE}, {TRACK_CSV}, at FROM tracks INDEXED BY "
        f"{TRACK_LINES_INDEX} WHERE {where} ORDER BY at DESC, id DESC LIMIT {BATCH})"
    )


def _kept_track_chunks(
    connect: Connect,
    subject_id: int,
    start: datetime | None,
    end: datetime | None,
    after: str | None,
    with_rows: bool,
) -> Iterator[Chunk]:
    """SQLite with kept track lines: each batch is read from the index as two texts."""
    spec = _specs(current_language())["tracks"]
    params: dict[str, Any] = {"uid": subject_id}
    if start is not None:
        params["lower"] = _stored_time(start)
    if end is not None:
        params["upper"] = _stored_time(end)
    key: tuple[Any, int] | None = None
    if after is not None:
        with connect() as conn:
            key = _key_of(conn, spec, subject_id, after, text=True)
    while True:
        sql = _kept_track_sql(key is not None, start is not None, end is not None, with_rows)
        if key is not None:
            params["k_at"], params["k_id"] = key
        with connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(sql, params)
                batch = cursor.fetchone()  # an aggregate: always one row
            finally:
                cursor.close()
        lines, rows, count, last_at = batch or (b"", None, 0, "")
        if not count:
            return
        # The batch's last row is its oldest: its time is the least, its id opens its line.
        last = lines[lines.rfind(b"\n") + 1 :]
        key = (last_at, int(orjson.loads(last)["id"]))
        yield Chunk(lines + b"\n", count, None, None if rows is None else rows + b"\r\n")
        if count < BATCH:
            return


def _stored_time(value: datetime) -> str:
    """A time as SQLAlchemy stores it in SQLite (naive UTC text, always with microseconds)."""
    return _aware(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _text_chunks(
    connect: Connect,
    section: str,
    subject_id: int,
    start: datetime | None,
    end: datetime | None,
    after: str | None,
    with_rows: bool,
) -> Iterator[Chunk]:
    """SQLite only: each batch's lines come out of SQL; the statement is compiled once and run
    on the DB-API cursor, since its rows are plain strings that need no result processing."""
    language = current_language()
    spec = _specs(language)[section]
    fields = _text_items(language)[section]
    pairs: list[Any] = []
    for f in fields:
        pairs += [literal_column(f"'{f.name}'"), f.json]
    raw_at = type_coerce(spec.at, String)
    values: list[Any] = []
    if with_rows:
        line: Any = None
        for f in fields:
            field = _csv_field_sql(f.json if f.csv is None else f.csv, plain=f.plain)
            line = field if line is None else line.concat(",").concat(field)
        values = [cast(line, LargeBinary).label("csv")]
    # Stored times compare as text in SQLite, as bound datetimes do: bind them as that text.
    where: list[ColumnElement[bool]] = [spec.owner == subject_id, *spec.extra_where]
    if start is not None:
        where.append(raw_at >= _stored_time(start))
    if end is not None:
        where.append(raw_at < _stored_time(end))
    query: Select[Any] = (
        select(
            # As UTF-8 bytes: what the archive writes, with no decoding and encoding per row.
            cast(func.json_object(*pairs), LargeBinary).label("line"),
            raw_at.label("_key_at"),
            spec.id.label("_key_id"),
            *values,
        )
        .where(*where)
        .order_by(spec.at.desc(), spec.id.desc())
        .limit(BATCH)
    )
    k_at, k_id = bindparam("k_at", type_=String), bindparam("k_id", type_=Integer)
    following = query.where(
        and_(raw_at <= k_at, or_(raw_at < k_at, and_(raw_at == k_at, spec.id < k_id)))
    )
    key: tuple[Any, int] | None = None
    with connect() as conn:
        if after is not None:
            key = _key_of(conn, spec, subject_id, after, text=True)
        first_sql, next_sql = query.compile(conn), following.compile(conn)
    while True:
        compiled = first_sql if key is None else next_sql
        params = compiled.construct_params({} if key is None else {"k_at": key[0], "k_id": key[1]})
        args = [params[name] for name in compiled.positiontup or ()]
        with connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(str(compiled), args)
                rows = cursor.fetchall()
            finally:
                cursor.close()
        if not rows:
            return
        key = (rows[-1][1], int(rows[-1][2]))
        lines = b"\n".join([r[0] for r in rows]) + b"\n"
        csv_lines = b"\r\n".join([r[3] for r in rows]) + b"\r\n" if with_rows else None
        yield Chunk(lines, len(rows), None, csv_lines)
        if len(rows) < BATCH:
            return


# Quotes around a CSV cell, as a byte that UTF-8 text never holds: the batch's rows get their
# quotes doubled and these turned into quotes in two passes over the whole batch (`_csv_batch`),
# instead of a replace() per cell in SQL. Every cell that holds a quote is quoted (QUOTE_MINIMAL
# quotes a cell with a quote in it), so doubling every quote of the batch is exactly right.
_QUOTE = "x'ff'"
# FORMULA_STARTS as SQL literals (tab and carriage return by their code)
_FORMULA_STARTS_SQL = tuple(
    f"char({ord(c)})" if not c.isprintable() else f"'{c}'" for c in FORMULA_STARTS
)


def _formula_safe_text_sql(value: str) -> str:
    """`csv_safe` as SQL text (as `_formula_safe_sql`): text that would start a formula gets an
    apostrophe. `_order_sql` computes it once per cell in the materialised batch: written into
    `_csv_cell_sql`'s tests, it ran six times per cell (0.4 s of CPU per 100,000 orders)."""
    starts = ", ".join(_FORMULA_STARTS_SQL)
    return (
        f"CASE WHEN typeof({value}) = 'text' AND substr({value}, 1, 1) IN ({starts}) "
        f"THEN '''' || {value} ELSE {value} END"
    )


def _csv_cell_sql(value: str, kind: str) -> str:
    """A CSV cell of a batch column, in SQL, quoted as Python's csv (QUOTE_MINIMAL) quotes it;
    NULL as nothing. `kind`: "string" (a value already made formula-safe by
    `_formula_safe_text_sql`), "array" (JSON text: never a raw line break), or "object" (a JSON
    object with keys: always holds a quote)."""
    if kind == "object":
        return f"CASE WHEN {value} IS NULL THEN '' ELSE {_QUOTE} || {value} || {_QUOTE} END"
    test = f"instr({value}, ',') > 0 OR instr({value}, '\"') > 0"
    if kind == "string":
        test += f" OR instr({value}, char(10)) > 0 OR instr({value}, char(13)) > 0"
    return (
        f"CASE WHEN {value} IS NULL THEN '' WHEN {test} THEN {_QUOTE} || {value} || {_QUOTE} "
        f"ELSE {value} END"
    )


def _csv_batch(rows: Sequence[bytes]) -> bytes:
    """CSV rows made with `_csv_cell_sql` as the CSV text (each row ending in CRLF)."""
    return (b"\r\n".join(rows) + b"\r\n").replace(b'"', b'""').replace(b"\xff", b'"')


# OrderDetail's keys (COLUMNS["orders"]): how each is written in JSON (a string, a number or
# JSON text made in the batch), and whether its CSV cell can ever need quotes.
_ORDER_CELLS: tuple[tuple[str, str, bool], ...] = (
    ("id", "string", True),
    ("number", "string", False),
    ("placed_at", "string", True),
    ("status", "string", False),
    ("total_cents", "number", True),
    ("currency", "string", False),
    ("item_count", "number", True),
    ("for_other", "json", True),
    ("logistics_partner", "string", False),
    ("placed_for", "object", False),
    ("items", "array", False),
    ("payment", "object", False),
    ("logistics", "object", False),
    ("recipient", "object", False),
    ("shared_with", "array", False),
)


def _order_text_sources(localized: Callable[[str], str]) -> list[tuple[str, str]]:
    """The text cells of `_ORDER_CELLS` that may need quotes, each with the SQL it comes from."""
    return [
        (name, localized(f"orders.{name}") if name == "logistics_partner" else f"orders.{name}")
        for name, kind, plain in _ORDER_CELLS
        if kind == "string" and not plain
    ]


def _order_json_value(name: str, kind: str) -> str:
    # Concatenated, not json_object(): the nested values are JSON text already, and json()
    # would parse each of them again (the JSON subtype does not cross the materialised batch).
    if kind == "string":
        return f"json_quote({'CAST(id AS TEXT)' if name == 'id' else name})"
    return f"coalesce({name}, 'null')"  # numbers and JSON text


# An order placed for someone else: who placed it, for whom, and the policy's clause that allows
# it (bound: the subject's name and the shop's policy are not in the order's row).
_PLACED_FOR_SQL = (
    "CASE WHEN orders.for_other = 1 THEN json_object('placed_by', :placed_by, 'placed_for', "
    "orders.recipient_name, 'purchaser_consent_at', CASE WHEN orders.purchaser_consent_at "
    f"IS NULL THEN NULL ELSE {_sql_time('orders.purchaser_consent_at')} END, 'clause', "
    ":clause, 'clause_title', :clause_title, 'basis', :basis) END"
)
_PLACED_FOR = [name for name, _, _ in _ORDER_CELLS].index("placed_for")


def _order_values_sql(language: Language, *, placed_for: bool = True) -> str:
    """The select list of a batch of orders (`FROM orders`): every OrderDetail value, nested
    ones as JSON text, plus `k_at` and the text cells' formula-safe CSV values."""
    localized = _localized_sql(language)
    return (
        "orders.id AS id, orders.number AS number, orders.placed_at AS k_at, "  # noqa: S608
        f"{_sql_time('orders.placed_at')} AS placed_at, orders.status AS status, "
        "orders.total_cents AS total_cents, orders.currency AS currency, "
        "(SELECT coalesce(sum(q.quantity), 0) FROM order_items AS q "
        "WHERE q.order_id = orders.id) AS item_count, "
        f"{_ORDER_BOOL} AS for_other, "
        f"{localized('orders.logistics_partner')} AS logistics_partner, "
        f"{_PLACED_FOR_SQL if placed_for else 'NULL'} AS placed_for, "
        f"{_ORDER_ITEMS_SQL} AS items, "
        "json_object('method', orders.payment_method, 'masked', "
        f"{localized('orders.payment_masked')}, 'status', orders.payment_status) AS payment, "
        f"json_object('partner', {localized('orders.logistics_partner')}, 'tracking_no', "
        "orders.tracking_no) AS logistics, "
        "json_object('name', orders.recipient_name, 'phone_masked', "
        "orders.recipient_phone_masked, 'address', orders.recipient_address, 'for_other', "
        f"json({_ORDER_BOOL})) AS recipient, "
        f"{_order_shared_sql(language)} AS shared_with, "
        # the text cells' CSV values, formula-safe, once each (the JSON keeps the exact text)
        + ", ".join(
            f"{_formula_safe_text_sql(source)} AS {name}_csv"
            for name, source in _order_text_sources(localized)
        )
    )


def _order_cells_sql(first: int, stop: int) -> tuple[str, str]:
    """printf() of the JSON members and of the CSV cells `_ORDER_CELLS[first:stop]` of a
    materialised batch row: each whole text at once (a chain of || copies the growing text per
    cell). The JSON members are joined by commas, as the CSV cells are."""
    cells = _ORDER_CELLS[first:stop]
    line = ",".join(f'"{name}":%s' for name, _, _ in cells)
    row = ",".join("%s" for _ in cells)
    line_values = ", ".join(_order_json_value(name, kind) for name, kind, _ in cells)
    row_values = ", ".join(
        f"coalesce({name}, '')"
        if plain
        else _csv_cell_sql(f"{name}_csv" if kind == "string" else name, kind)
        for name, kind, plain in cells
    )
    return f"printf('{line}', {line_values})", f"printf('{row}', {row_values})"


@functools.cache
def _order_sql(language: Language, keyset: bool, lower: bool = False, upper: bool = False) -> str:
    """SQLite: a batch of OrderDetail lines and their CSV rows in one statement.

    The batch's orders are materialised first (at most ORDER_BATCH rows), each nested value
    computed once there; the outer select writes both the JSON line and the CSV row from those
    values, so the correlated subqueries run once per order, not once per copy. Constant SQL:
    the subject, keyset bound, placed-by name and clause are bound parameters."""
    inner = (
        f"SELECT {_order_values_sql(language)} FROM orders "  # noqa: S608
        "WHERE orders.user_id = :uid AND orders.removed_at IS NULL"
        f"{_order_bound(keyset, lower, upper)} "
        f"ORDER BY orders.placed_at DESC, orders.id DESC LIMIT {ORDER_BATCH}"
    )
    line, row = _order_cells_sql(0, len(_ORDER_CELLS))
    return (
        f"WITH b AS MATERIALIZED ({inner}) SELECT CAST('{{' || {line} || '}}' AS BLOB), "  # noqa: S608
        f"k_at, id, CAST({row} AS BLOB) FROM b ORDER BY k_at DESC, id DESC"
    )


def _order_bound(keyset: bool, lower: bool, upper: bool, table: str = "orders") -> str:
    bound = (
        f" AND {table}.placed_at <= :k_at AND ({table}.placed_at < :k_at OR "
        f"({table}.placed_at = :k_at AND {table}.id < :k_id))"
        if keyset
        else ""
    )
    # Stored times compare as text in SQLite: the bounds are bound as that text.
    bound += f" AND {table}.placed_at >= :lower" if lower else ""
    bound += f" AND {table}.placed_at < :upper" if upper else ""
    return bound


def _localized_sql(language: Language) -> Callable[[str], str]:
    """`_localized` as SQL text: `orders.x` in `language` (its `_zh` column when set)."""
    if language != "zh-CN":
        return lambda column: column
    return lambda column: f"coalesce(nullif({column}_zh, ''), {column})"


def _order_chunks(
    connect: Connect,
    subject_id: int,
    start: datetime | None,
    end: datetime | None,
    after: str | None,
    with_rows: bool,
    clause: tuple[str | None, str | None, str] = (None, None, "shop_configuration"),
) -> Iterator[Chunk]:
    """SQLite: the subject's orders as OrderDetail lines (and CSV rows), a batch at a time."""
    language = current_language()
    spec = _specs(language)["orders"]
    params: dict[str, Any] = {
        "uid": subject_id,
        "clause": clause[0],
        "clause_title": clause[1],
        "basis": clause[2],
    }
    with connect() as conn:
        params["placed_by"] = (
            conn.execute(select(User.display_name).where(User.id == subject_id)).scalar() or ""
        )
        key = None if after is None else _key_of(conn, spec, subject_id, after, text=True)
        kept = has_order_lines(conn)
    if start is not None:
        params["lower"] = _stored_time(start)
    if end is not None:
        params["upper"] = _stored_time(end)
    while True:
        bounds = (key is not None, start is not None, end is not None)
        if key is not None:
            params["k_at"], params["k_id"] = key
        with connect() as conn:
            cursor = conn.connection.cursor()
            try:
                batch = None
                if kept:
                    cursor.execute(_kept_order_sql(language, *bounds), params)
                    batch = cursor.fetchone()  # an aggregate: always one row
                    if batch is not None and batch[2] != batch[3]:
                        batch = None  # an order without its kept line: built below instead
                if batch is None:
                    cursor.execute(_order_sql(language, *bounds), params)
                    rows = cursor.fetchall()
            finally:
                cursor.close()
        if batch is not None:
            lines, csv_text, count, _, last_at = batch
            if not count:
                return
            # the batch's last line is its oldest order: its time is the least, its id first
            last = lines[lines.rfind(b"\n") + 1 :]
            key = (last_at, int(orjson.loads(last)["id"]))
            lines += b"\n"
            csv_rows = _csv_batch([csv_text]) if with_rows else None
        else:
            if not rows:
                return
            count = len(rows)
            key = (rows[-1][1], int(rows[-1][2]))
            lines = b"\n".join([r[0] for r in rows]) + b"\n"
            csv_rows = _csv_batch([r[3] for r in rows]) if with_rows else None
        yield Chunk(lines, count, None, csv_rows)
        if count < ORDER_BATCH:
            return


# --- Orders' lines kept by SQLite -------------------------------------------------------------
#
# On SQLite each order's OrderDetail line and CSV row are kept in `order_lines`, in both
# languages, by triggers on every table the line is made of: an order (any column), its items,
# its recipient events and the recipients they name. SQLite runs them on every write (ORM, Core,
# raw SQL, cascades), in the writing transaction, so no write path can forget them; the archive
# then reads each batch of lines instead of building every line again (the section's largest
# cost). What an order's row does not hold, `placed_for` (the subject's name, the policy's
# clause), is not kept: each line is kept as the text before it and after it, and the build puts
# `placed_for` between them. The Chinese parts are kept only where they differ from the English
# ones (NULL otherwise). Cost: about 1.3 KB per order on disk and 0.1-0.3 ms of CPU more per
# write of an order, an item or an event (docs/ARCHIVE.md). A database made before this has no
# such table: the lines are then built per batch as before, as they are for a missing line,
# until `python -m server migrate` or a single-process server's start makes them (as for the
# tracks' lines above; also when their definition here has changed).

ORDER_LINES = "order_lines"
_PARTS = ("json_head", "json_tail", "csv_head", "csv_tail")
_LANGUAGES: dict[Language, str] = {"en": "en", "zh-CN": "zh"}


def _order_parts_select(language: Language, target: str) -> str:
    """The orders `target` (SQL over `orders`) as (id, the four kept parts) in `language`.

    A trigger cannot use WITH (MATERIALIZED); the window function keeps SQLite from flattening
    the derived table instead, which would write each nested value's SQL into every use of it
    (30 times slower: 1 ms per order)."""
    head_line, head_row = _order_cells_sql(0, _PLACED_FOR)
    tail_line, tail_row = _order_cells_sql(_PLACED_FOR + 1, len(_ORDER_CELLS))
    return (
        f"SELECT id, CAST('{{' || {head_line} || ',\"placed_for\":' AS BLOB) AS json_head, "  # noqa: S608
        f"CAST(',' || {tail_line} || '}}' AS BLOB) AS json_tail, "
        f"CAST({head_row} || ',' AS BLOB) AS csv_head, CAST(',' || {tail_row} AS BLOB) AS csv_tail "
        f"FROM (SELECT {_order_values_sql(language, placed_for=False)}, "
        f"row_number() OVER () AS _unflattened FROM orders WHERE {target}) AS b"
    )


def _order_insert_sql(target: str) -> list[str]:
    """Keep the lines of the orders `target` (SQL over `orders`): the English parts, then the
    Chinese ones where they differ (an upsert: a join of the two derived tables was 10 times
    slower)."""
    english = ", ".join(f"en_{part}" for part in _PARTS)
    chinese = ", ".join(f"zh_{part}" for part in _PARTS)
    differing = ", ".join(
        f"zh_{part} = nullif(excluded.zh_{part}, {ORDER_LINES}.en_{part})" for part in _PARTS
    )
    return [
        f"INSERT INTO {ORDER_LINES} (order_id, {english}) "  # noqa: S608
        f"SELECT * FROM ({_order_parts_select('en', target)})",
        f"INSERT INTO {ORDER_LINES} (order_id, {chinese}) "  # noqa: S608
        f"SELECT * FROM ({_order_parts_select('zh-CN', target)}) WHERE true "
        f"ON CONFLICT (order_id) DO UPDATE SET {differing}",
    ]


def _order_refresh_sql(target: str) -> str:
    """A trigger body that makes the kept lines of the orders `target` again: removed first,
    so an order that is gone keeps none."""
    return (
        f"DELETE FROM {ORDER_LINES} WHERE {target.replace('orders.id', 'order_id', 1)}; "  # noqa: S608
        + "".join(f"{statement}; " for statement in _order_insert_sql(target))
    )


# (trigger name, when it fires, which orders it makes again). One order per trigger, by its
# id: a target of two (`IN (OLD.id, NEW.id)`) made SQLite scan every order (0.7 ms a write at
# 20,000 orders); the old order of a row moved to another one has a trigger of its own.
_ORDER_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    ("order_lines_ai", "AFTER INSERT ON orders", "orders.id = NEW.id"),
    ("order_lines_au", "AFTER UPDATE ON orders", "orders.id = NEW.id"),
    (
        "order_lines_au_old",
        "AFTER UPDATE ON orders WHEN OLD.id IS NOT NEW.id",
        "orders.id = OLD.id",
    ),
    ("order_lines_item_ai", "AFTER INSERT ON order_items", "orders.id = NEW.order_id"),
    ("order_lines_item_au", "AFTER UPDATE ON order_items", "orders.id = NEW.order_id"),
    (
        "order_lines_item_au_old",
        "AFTER UPDATE ON order_items WHEN OLD.order_id IS NOT NEW.order_id",
        "orders.id = OLD.order_id",
    ),
    ("order_lines_item_ad", "AFTER DELETE ON order_items", "orders.id = OLD.order_id"),
    ("order_lines_event_ai", "AFTER INSERT ON recipient_events", "orders.id = NEW.order_id"),
    ("order_lines_event_au", "AFTER UPDATE ON recipient_events", "orders.id = NEW.order_id"),
    (
        "order_lines_event_au_old",
        "AFTER UPDATE ON recipient_events WHEN OLD.order_id IS NOT NEW.order_id",
        "orders.id = OLD.order_id",
    ),
    ("order_lines_event_ad", "AFTER DELETE ON recipient_events", "orders.id = OLD.order_id"),
    # a recipient's id cannot change under its events (their foreign key): its new id only
    (
        "order_lines_recipient_au",
        "AFTER UPDATE ON recipients",
        "orders.id IN (SELECT order_id FROM recipient_events WHERE recipient_id = NEW.id)",
    ),
)


@functools.cache
def _order_lines_schema() -> tuple[str, ...]:
    """The kept order lines' table and triggers, as SQLite keeps their SQL in sqlite_master."""
    columns = ", ".join(f"{code}_{part} BLOB" for code in _LANGUAGES.values() for part in _PARTS)
    statements = [f"CREATE TABLE {ORDER_LINES} (order_id INTEGER PRIMARY KEY, {columns})"]
    for name, event, target in _ORDER_TRIGGERS:
        statements.append(f"CREATE TRIGGER {name} {event} BEGIN {_order_refresh_sql(target)} END")
    # An order deleted: its line goes (its items' and events' triggers find no order to make).
    statements.append(
        "CREATE TRIGGER order_lines_ad AFTER DELETE ON orders BEGIN "  # noqa: S608
        f"DELETE FROM {ORDER_LINES} WHERE order_id = OLD.id; END"
    )
    return tuple(statements)


def order_lines_ddl() -> list[str]:
    """SQLite statements that add the kept order lines (run once, on a new schema): the table,
    the lines of the orders already there, and the triggers that keep them."""
    table, *triggers = _order_lines_schema()
    return [table, *_order_insert_sql("1 = 1"), *triggers]


def order_lines_drop_ddl() -> list[str]:
    names = [name for name, _, _ in _ORDER_TRIGGERS] + ["order_lines_ad"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names] + [
        f"DROP TABLE IF EXISTS {ORDER_LINES}"
    ]


def has_order_lines(conn: Connection) -> bool:
    """Whether this SQLite database keeps the order lines as this code writes them (the table
    and every trigger, each with this code's SQL): kept by an older definition, they are not
    used (built per batch instead) until a migration makes them again."""
    if conn.dialect.name != "sqlite":
        return False
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN "
            "('order_lines', 'orders', 'order_items', 'recipient_events', 'recipients') "
            "AND (name = 'order_lines' OR (type = 'trigger' AND name LIKE 'order_lines_%'))"
        )
        found = {row[0] for row in cursor.fetchall()}
    finally:
        cursor.close()
    return found == set(_order_lines_schema())


@functools.cache
def _kept_order_sql(
    language: Language, keyset: bool, lower: bool = False, upper: bool = False
) -> str:
    """A batch of kept order lines (and CSV rows) as one text each, newest first, with
    `placed_for` put in; also the batch's count, how many had a kept line, and its least time.

    group_concat() takes the rows in the order the subquery gives them (as for My Tracks)."""
    code = _LANGUAGES[language]

    def part(name: str) -> str:
        return f"l.en_{name}" if code == "en" else f"coalesce(l.{code}_{name}, l.en_{name})"

    inner = (
        f"SELECT orders.placed_at AS k_at, l.order_id AS kept, {part('json_head')} AS jh, "  # noqa: S608
        f"{part('json_tail')} AS jt, {part('csv_head')} AS ch, {part('csv_tail')} AS ct, "
        f"{_PLACED_FOR_SQL} AS pf FROM orders LEFT JOIN {ORDER_LINES} AS l "
        "ON l.order_id = orders.id WHERE orders.user_id = :uid AND orders.removed_at IS NULL"
        f"{_order_bound(keyset, lower, upper)} "
        f"ORDER BY orders.placed_at DESC, orders.id DESC LIMIT {ORDER_BATCH}"
    )
    placed_for_cell = _csv_cell_sql("pf", "object")
    return (
        "SELECT CAST(group_concat(jh || coalesce(pf, 'null') || jt, char(10)) AS BLOB), "  # noqa: S608
        f"CAST(group_concat(ch || {placed_for_cell} || ct, char(13, 10)) AS BLOB), count(*), "
        f"count(kept), min(k_at) FROM ({inner})"
    )


def session_connect(conn: Connection) -> Connect:
    """A `Connect` that reuses one connection (the archive builder's session's)."""
    return lambda: contextlib.nullcontext(conn)


__all__ = [
    "BULK_SECTIONS",
    "COLUMNS",
    "Chunk",
    "UnknownItem",
    "api_time",
    "batches",
    "chunks",
    "csv_values",
    "encode",
    "encode_lines",
    "has_order_lines",
    "has_track_lines",
    "order_lines_ddl",
    "session_connect",
    "track_line_ddl",
]
