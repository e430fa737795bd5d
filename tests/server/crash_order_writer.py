"""A process that writes orders the way the shop's demo seeder does, for
tests/server/test_order_lines_crash.py to SIGKILL: `python -m tests.server.crash_order_writer DB
USER_ID STOP [HOLD_AT [FIRST]]`
(rounds FIRST, default 0, to STOP; their orders are numbered CR<round><k>).

The reference shop has no route that places an order or records a sharing event: its orders,
their items and recipient events come from `server.demo.generator` (ORM objects in a session),
and routes and the request processor then change them. This writes the same ORM objects through
the shop's own engine set-up (`server.db`: WAL, foreign keys), in many short transactions that
each place orders with items and a recipient event, change an earlier order and move one of its
items, and rename a recipient (which makes again the line of every order naming it). It says
on stdout what each transaction did, before (`flushed`: written, not yet committed) and after
its commit (`committed`), so the test knows which orders must exist and which must not. With
HOLD_AT, that transaction says `holding` after its writes and waits (at most 20 s) before its
commit, so the test can kill it there for certain. Its page cache is small (64 KiB), so a
transaction's pages spill into the WAL file before its commit: a kill leaves uncommitted frames
there, which the next opener must ignore.
Bounded: STOP - FIRST transactions and 30 seconds at most.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, select

from server.db import make_engine, make_session_factory, sqlite_url, transaction
from server.models import Order, OrderItem, Recipient, RecipientEvent

AWKWARD = ['a, "b"', "line\nbreak", "=SUM(1)", "耳机 🎧", "+86 138", ""]


def main(argv: list[str]) -> int:
    db, user_id, stop = argv[0], int(argv[1]), int(argv[2])
    hold_at = int(argv[3]) if len(argv) > 3 else -1
    first = int(argv[4]) if len(argv) > 4 else 0
    engine = make_engine(sqlite_url(db))

    @event.listens_for(engine, "connect")
    def _small_cache(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA cache_size = -64")

    factory = make_session_factory(engine)
    rng = random.Random(20261201)
    deadline = time.monotonic() + 30
    with factory() as session:
        recipients = list(session.scalars(select(Recipient.id).order_by(Recipient.id)))
        earlier = list(session.scalars(select(Order.id).where(Order.user_id == user_id)))
    moment = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    for n in range(first, stop):
        if time.monotonic() > deadline:
            break
        placed: list[int] = []
        with transaction(factory) as session:
            for k in range(3):
                text = AWKWARD[(n + k) % len(AWKWARD)]
                items = [
                    OrderItem(title=f"{text} {q}", quantity=q + 1, unit_price_cents=199 + q)
                    for q in range(1 + (n + k) % 3)
                ]
                order = Order(
                    user_id=user_id,
                    number=f"CR{n:05d}{k}",
                    placed_at=moment + timedelta(minutes=n, seconds=k),
                    status="paid",
                    total_cents=sum(i.quantity * i.unit_price_cents for i in items),
                    currency="CNY",
                    payment_method="card",
                    payment_masked=f"**** {n % 10000:04d}",
                    payment_masked_zh=f"尾号 {n % 10000:04d}" if k else None,
                    payment_status="paid",
                    logistics_partner=text,
                    logistics_partner_zh="顺丰速运" if k == 1 else None,
                    tracking_no=f"SF{n}{k}",
                    recipient_name=text,
                    recipient_phone_masked="138****0000",
                    recipient_address="上海市, " + text,
                    for_other=k == 2,
                    purchaser_consent_at=moment if k == 2 else None,
                )
                session.add(order)
                session.flush()  # as the seeder: the order's id for its items and event
                for item in items:
                    item.order_id = order.id
                session.add_all(items)
                session.add(
                    RecipientEvent(
                        recipient_id=rng.choice(recipients),
                        user_id=user_id,
                        at=order.placed_at + timedelta(seconds=30),
                        categories=json.dumps(["orders", "payments"]),
                        description=f"Order {order.number} shared, {text}",
                        description_zh=f"订单 {order.number} 已共享",
                        order_id=order.id,
                    )
                )
                placed.append(order.id)
            if earlier:
                changed = session.get(Order, rng.choice(earlier))
                if changed is not None:
                    changed.status = rng.choice(("shipped", "completed", "returned"))
                    moved = session.scalars(
                        select(OrderItem).where(OrderItem.order_id == changed.id).limit(1)
                    ).first()
                    if moved is not None:  # to one of this transaction's orders
                        moved.order_id = placed[0]
            renamed = session.get(Recipient, rng.choice(recipients))
            if renamed is not None:
                renamed.name = f"{renamed.name.split(' #')[0]} #{n}"
                renamed.name_zh = f"收件方 {n}"
            session.flush()
            print("flushed", n, *placed, flush=True)
            if n == hold_at:
                print("holding", n, flush=True)
                time.sleep(20)  # killed here by the test
        print("committed", n, flush=True)
        earlier += placed
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
