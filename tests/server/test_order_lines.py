"""The orders' lines SQLite keeps for the archive (`server.bulk`, `order_lines` and its triggers).

- What the build reads from the kept lines is byte for byte what it builds per batch without
  them, and the same items as the serialiser the API uses, in both languages.
- Every write an order's line is made of keeps it right: the order's own columns (ORM and Core),
  its items, its recipient events, the recipients they name, the subject's name (put in at read
  time), removal and deletion, and cascades.
- A missing line is built in its batch instead; lines kept by another definition are not used.
- A database made by the migrations keeps them too.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import create_engine, delete, insert, select, update

from server import bulk, migrations
from server.demo.policies import policy_for
from server.embedded import RunningShop
from server.i18n import using_language
from server.models import Order, OrderItem, Recipient, RecipientEvent, User
from tests.conftest import SHOPPER

LANGUAGES = ("en", "zh-CN")


def _subject(shop: RunningShop) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()


def _read(
    shop: RunningShop, subject: int, language: str, *, kept: bool, **options: Any
) -> tuple[bytes, bytes]:
    """The subject's orders as the build reads them (NDJSON, CSV), from the kept lines or not;
    `options`: `bulk.chunks`' window (`start`, `end`) and `after`."""
    real = bulk.has_order_lines
    if not kept:
        bulk.has_order_lines = lambda conn: False
    try:
        with using_language(language), shop.ctx.engine.connect() as conn:  # type: ignore[arg-type]
            chunks = list(
                bulk.chunks(
                    bulk.session_connect(conn),
                    "orders",
                    subject,
                    with_rows=True,
                    policy=policy_for(shop.ctx.shop.id),
                    **options,
                )
            )
    finally:
        bulk.has_order_lines = real
    return b"".join(c.ndjson for c in chunks), b"".join(c.csv or b"" for c in chunks)


def _serialised(shop: RunningShop, subject: int, language: str) -> tuple[list[Any], bytes]:
    """The same orders from the serialiser (`bulk.batches`, the generic path) and Python's csv."""
    with using_language(language), shop.ctx.engine.connect() as conn:  # type: ignore[arg-type]
        items = [
            i
            for batch in bulk.batches(
                bulk.session_connect(conn),
                "orders",
                subject,
                batch=7,
                policy=policy_for(shop.ctx.shop.id),
            )
            for i in batch
        ]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        [bulk.csv_values(i, bulk.COLUMNS["orders"]) for i in items]
    )
    return [orjson.loads(bulk.encode(i)) for i in items], text.getvalue().encode()


def _assert_kept_lines_right(shop: RunningShop, subject: int) -> None:
    with shop.ctx.engine.connect() as conn:
        assert bulk.has_order_lines(conn)
        kept_count = conn.exec_driver_sql("SELECT count(*) FROM order_lines").scalar()
        orders = conn.exec_driver_sql("SELECT count(*) FROM orders").scalar()
    assert kept_count == orders  # one line per order, none left of a deleted one
    for language in LANGUAGES:
        kept = _read(shop, subject, language, kept=True)
        assert kept == _read(shop, subject, language, kept=False), language
        items, rows = _serialised(shop, subject, language)
        assert [orjson.loads(line) for line in kept[0].splitlines()] == items, language
        assert kept[1] == rows, language


def _line_of(shop: RunningShop, order_id: int, language: str = "en") -> dict[str, Any]:
    subject = _subject(shop)
    lines = _read(shop, subject, language, kept=True)[0].splitlines()
    found = [orjson.loads(line) for line in lines if orjson.loads(line)["id"] == str(order_id)]
    return found[0] if found else {}


AWKWARD = [
    'comma, "quote"',
    "line\nbreak\r\nand return",
    '=HYPERLINK("http://x.example")',
    "耳机 🎧, 中文",
    "",
    "-3 @home +86",
]


def _add_orders(shop: RunningShop, subject: int, count: int) -> list[int]:
    moment = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
    with shop.ctx.engine.begin() as conn:
        first = conn.execute(select(Order.id).order_by(Order.id.desc()).limit(1)).scalar() or 0
        ids = list(range(first + 1, first + 1 + count))
        conn.execute(
            insert(Order),
            [
                {
                    "id": oid,
                    "user_id": subject,
                    "number": f"N{oid}" if n % 3 else "=N,1",
                    "placed_at": moment - timedelta(seconds=n // 2),
                    "status": "paid",
                    "total_cents": 100 * n,
                    "currency": "CNY",
                    "payment_method": "card",
                    "payment_masked": AWKWARD[n % len(AWKWARD)],
                    "payment_masked_zh": None if n % 2 else "卡 " + AWKWARD[n % len(AWKWARD)],
                    "payment_status": "paid",
                    "logistics_partner": AWKWARD[(n + 1) % len(AWKWARD)],
                    "logistics_partner_zh": None if n % 3 else "+顺丰",
                    "tracking_no": f"T{oid}",
                    "recipient_name": AWKWARD[(n + 2) % len(AWKWARD)],
                    "recipient_phone_masked": "138****0000",
                    "recipient_address": AWKWARD[(n + 3) % len(AWKWARD)],
                    "for_other": n % 2 == 0,
                    "purchaser_consent_at": moment if n % 4 == 0 else None,
                }
                for n, oid in enumerate(ids)
            ],
        )
        conn.execute(
            insert(OrderItem),
            [
                {"order_id": oid, "title": AWKWARD[q], "quantity": q + 1, "unit_price_cents": 5}
                for oid in ids
                for q in range(oid % 3)
            ],
        )
    return ids


def test_kept_lines_are_the_lines_built_per_batch(shop: RunningShop) -> None:
    me = _subject(shop)
    _add_orders(shop, me, 1_203)  # several batches, equal times across batch ends
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.connect() as conn:
        # kept only where the Chinese differs (NULL otherwise)
        differing = conn.exec_driver_sql(
            "SELECT count(*) FROM order_lines WHERE zh_json_head IS NOT NULL "
            "OR zh_json_tail IS NOT NULL"
        ).scalar()
        orders = conn.exec_driver_sql("SELECT count(*) FROM orders").scalar()
    assert differing is not None
    assert orders is not None
    assert 0 < differing < orders


def test_every_write_an_order_is_made_of_keeps_its_line(shop: RunningShop) -> None:
    me = _subject(shop)
    first, second, third = _add_orders(shop, me, 3)
    with shop.ctx.sessions() as db:  # the ORM: an order's own columns
        order = db.get(Order, first)
        assert order is not None
        order.status = "shipped"
        order.logistics_partner_zh = "京东物流, =zh"
        db.commit()
    assert _line_of(shop, first)["status"] == "shipped"
    assert _line_of(shop, first, "zh-CN")["logistics_partner"] == "京东物流, =zh"
    _assert_kept_lines_right(shop, me)

    with shop.ctx.engine.begin() as conn:  # Core: items added, changed and deleted
        conn.execute(
            insert(OrderItem),
            [{"order_id": second, "title": 'new "one"', "quantity": 4, "unit_price_cents": 1}],
        )
        conn.execute(
            update(OrderItem).where(OrderItem.order_id == third).values(quantity=9, title="x,y")
        )
    assert _line_of(shop, second)["item_count"] == 4 + sum(range(1, second % 3 + 1))
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.begin() as conn:
        conn.execute(
            insert(OrderItem),
            [{"order_id": third, "title": "moved", "quantity": 2, "unit_price_cents": 3}],
        )
    assert [i["title"] for i in _line_of(shop, third)["items"]][-1] == "moved"
    with shop.ctx.engine.begin() as conn:  # an item moved to another order: both made again
        conn.execute(update(OrderItem).where(OrderItem.order_id == third).values(order_id=second))
    assert _line_of(shop, third)["items"] == []
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.begin() as conn:
        conn.execute(delete(OrderItem).where(OrderItem.order_id == second))
    assert _line_of(shop, second)["items"] == []
    _assert_kept_lines_right(shop, me)

    with shop.ctx.sessions() as db:  # recipient events for the order, and the recipient
        recipient = db.scalars(select(Recipient).order_by(Recipient.id)).first()
        assert recipient is not None
        event = RecipientEvent(
            recipient_id=recipient.id,
            user_id=me,
            at=datetime(2026, 4, 2, tzinfo=UTC),
            categories='["orders", 3]',
            description="shared",
            order_id=third,
        )
        db.add(event)
        db.commit()
        event_id, recipient_id = event.id, recipient.id
    assert [s["recipient_id"] for s in _line_of(shop, third)["shared_with"]] == [str(recipient_id)]
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.begin() as conn:
        conn.execute(
            update(Recipient)
            .where(Recipient.id == recipient_id)
            .values(name="Renamed, Ltd", name_zh="新名字")
        )
        conn.execute(
            update(RecipientEvent).where(RecipientEvent.id == event_id).values(categories="[]")
        )
    assert _line_of(shop, third)["shared_with"][0]["name"] == "Renamed, Ltd"
    assert _line_of(shop, third, "zh-CN")["shared_with"][0]["name"] == "新名字"
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.begin() as conn:  # the event moves to another order, then goes
        conn.execute(
            update(RecipientEvent).where(RecipientEvent.id == event_id).values(order_id=first)
        )
    assert _line_of(shop, third)["shared_with"] == []
    _assert_kept_lines_right(shop, me)
    with shop.ctx.engine.begin() as conn:
        conn.execute(delete(RecipientEvent).where(RecipientEvent.id == event_id))
    _assert_kept_lines_right(shop, me)

    with shop.ctx.engine.begin() as conn:  # the subject's name: put in when read
        conn.execute(update(User).where(User.id == me).values(display_name='Lin "Mei", ='))
    assert _line_of(shop, first)["placed_for"]["placed_by"] == 'Lin "Mei", ='
    _assert_kept_lines_right(shop, me)

    with shop.ctx.engine.begin() as conn:  # removed, then deleted (its items cascade)
        conn.execute(update(Order).where(Order.id == second).values(removed_at=datetime.now(UTC)))
        conn.execute(delete(Order).where(Order.id == third))
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert _line_of(shop, second) == {}
    assert _line_of(shop, third) == {}
    _assert_kept_lines_right(shop, me)


def test_a_deleted_subject_leaves_no_line(shop: RunningShop) -> None:
    me = _subject(shop)
    _add_orders(shop, me, 5)
    with shop.ctx.engine.begin() as conn:  # the database's cascade deletes the orders
        conn.execute(delete(User).where(User.id == me))
        left = conn.exec_driver_sql(
            "SELECT count(*) FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders)"
        ).scalar()
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM orders WHERE user_id = ?", (me,)).scalar()
            == 0
        )
    assert left == 0


def test_a_time_window_and_a_resume_point_read_the_same_lines(shop: RunningShop) -> None:
    me = _subject(shop)
    ids = _add_orders(shop, me, 1_100)
    window = {
        "start": datetime(2026, 4, 1, 11, 55, tzinfo=UTC),
        "end": datetime(2026, 4, 1, 11, 59, tzinfo=UTC),
    }
    for options in ({**window}, {"after": str(ids[300])}, {**window, "after": str(ids[400])}):
        for language in LANGUAGES:
            kept = _read(shop, me, language, kept=True, **options)
            assert kept == _read(shop, me, language, kept=False, **options), options
            assert kept[0].count(b"\n") > 100, options  # within the window: not empty


def test_a_missing_line_is_built_in_its_batch(shop: RunningShop) -> None:
    me = _subject(shop)
    ids = _add_orders(shop, me, 700)
    before = {language: _read(shop, me, language, kept=True) for language in LANGUAGES}
    with shop.ctx.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM order_lines WHERE order_id = ?", (ids[350],))
    for language in LANGUAGES:
        assert _read(shop, me, language, kept=True) == before[language]


def test_lines_kept_by_another_definition_are_not_used(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    with shop.ctx.engine.connect() as conn:
        assert bulk.has_order_lines(conn)
        schema = bulk._order_lines_schema()
        monkeypatch.setattr(
            bulk, "_order_lines_schema", lambda: tuple(s.replace("'id'", "'ident'") for s in schema)
        )
        assert not bulk.has_order_lines(conn)
        monkeypatch.undo()
        conn.exec_driver_sql("DROP TRIGGER order_lines_item_ad")
        assert not bulk.has_order_lines(conn)  # one trigger missing: not kept right


def test_a_migrated_database_keeps_order_lines(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    try:
        migrations.upgrade(engine)
        with engine.connect() as conn:
            assert bulk.has_order_lines(conn)
    finally:
        engine.dispose()
