"""One consent change: the subject's state row and the signed receipt of the change.

`PUT /v1/consents/{purpose}` and the request processor (a withdrawal filed as a privacy
request) both change consents; they share this, so their receipts are signed over the same
fields (`server.serialisers.receipt_payload`) and verify the same way.

The state row is written by one upsert: two first changes of a purpose at once (the subject and
their guardian, say) both succeed instead of one of them failing on the row's unique key.

A receipt records a change. The PUT route asks (`only_if_changed`) that setting the state the
subject already holds, under the current policy version, mint nothing: it answers the receipt
that recorded that state. The upsert decides this itself (its update applies only where the
row differs, and the row it touches stays locked until the caller commits), so two identical
changes racing each other mint one receipt between them, not two. A withdrawal the request
processor makes always gets its receipt: the request's result shows it.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.models import ConsentEvent, ConsentState, PolicyVersion
from server.serialisers import receipt_payload

RECEIPT_PREFIX = "rcpt_"


def current_policy_version(ctx: ShopContext, db: Session) -> str:
    """The latest published policy version (the shop profile's one before any is stored)."""
    latest = db.scalars(
        select(PolicyVersion.version).order_by(
            PolicyVersion.published_at.desc(), PolicyVersion.version.desc()
        )
    ).first()
    return latest if latest is not None else ctx.shop.policy_version


def change_consent(
    ctx: ShopContext,
    db: Session,
    *,
    user_id: int,
    customer_no: str,
    purpose: str,
    granted: bool,
    now: datetime,
    only_if_changed: bool = False,
) -> tuple[ConsentState, ConsentEvent, bool]:
    """Set one consent and add its signed receipt (flushed, not committed).

    Returns the state, the receipt and whether this call changed anything. With
    `only_if_changed`, a state already held under the current policy version, with its
    receipt, is left as it is and that receipt is returned (changed: False).
    """
    version = current_policy_version(ctx, db)
    table: Any = ConsentState.__table__
    insert: Any = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    values = {"granted": granted, "updated_at": now, "policy_version": version}
    # ON CONFLICT updates a row another call has just inserted (PostgreSQL waits for that
    # call to commit; SQLite's writers take turns): no unique-key error, the second change
    # simply follows the first. With `only_if_changed` the update applies only where the row
    # differs; RETURNING then says whether a row was written. PostgreSQL locks the row either
    # way, and SQLite holds its write lock from this statement on, so the answer stays true
    # until the caller commits.
    upsert = insert(table).values(user_id=user_id, purpose=purpose, **values)
    written = db.execute(
        upsert.on_conflict_do_update(
            index_elements=[table.c.user_id, table.c.purpose],
            set_=values,
            where=(table.c.granted != granted) | (table.c.policy_version != version)
            if only_if_changed
            else None,
        ).returning(table.c.id)
    ).first()
    state = db.scalars(
        select(ConsentState)
        .where(ConsentState.user_id == user_id, ConsentState.purpose == purpose)
        .execution_options(populate_existing=True)
    ).one()
    if written is None:
        held = db.scalars(
            select(ConsentEvent)
            .where(ConsentEvent.user_id == user_id, ConsentEvent.purpose == purpose)
            .order_by(ConsentEvent.id.desc())
            .limit(1)
        ).first()
        # A state without a matching receipt (one seeded or set before receipts existed)
        # gets its receipt now: the answer always carries the receipt of the state it shows.
        if held is not None and held.granted == granted and held.policy_version == version:
            return state, held, False
    event = ConsentEvent(
        receipt_id=RECEIPT_PREFIX + secrets.token_hex(12),
        user_id=user_id,
        purpose=purpose,
        granted=granted,
        at=now,
        policy_version=version,
        kid=ctx.signer.kid,
        signature="",
    )
    event.signature = ctx.signer.sign_json(receipt_payload(event, customer_no))
    db.add(event)
    db.flush()
    return state, event, True
