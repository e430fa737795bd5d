"""What the shop's archive holds, section by section: each section's records for one subject.

`producers(ctx)` maps a section name to a function `(db, user) -> records`; `section_chunks`
turns one section into NDJSON batches for the writer (`archive_format.writer`). The long lists
(`server.bulk.BULK_SECTIONS`) come from `server.bulk`, the same items as the bulk export and the
API's detail resources. To add a section: its `Section` in `archive_format/sections.py`, then a
producer here (docs/ARCHITECTURE.md, "How to add an archive section").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive_format.canonical import compact_json
from archive_format.writer import BATCH, csv_cells
from server import bulk
from server.categories import category_items
from server.context import ShopContext
from server.demo.policies import policy_for
from server.i18n import localized, localized_list
from server.messages import FIELDS, label
from server.models import (
    AccessLogEntry,
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    Device,
    Notice,
    PolicyAck,
    PolicyVersion,
    PrivacyRequest,
    ProfileField,
    Recipient,
    RecipientEvent,
    Subscription,
    Tag,
    User,
)
from server.requests_flow import request_out
from server.timeutil import rfc3339

CHANNELS: tuple[str, ...] = ("sms", "email", "push", "internal_letter")

Producer = Callable[[Session, User], Iterable[dict[str, Any]]]


def _t(value: datetime | None) -> str | None:
    return rfc3339(value) if value is not None else None


def _json_list(raw: str | None) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


# --- item shapes (the same field names as the API items) ------------------------------------------


def account_item(db: Session, user: User) -> dict[str, Any]:
    fields = db.scalars(
        select(ProfileField).where(ProfileField.user_id == user.id).order_by(ProfileField.id)
    )
    return {
        "id": str(user.id),
        "customer_no": user.customer_no,
        "display_name": user.display_name,
        "role": user.role,
        "created_at": _t(user.created_at),
        "is_minor": user.is_minor,
        "guardian_consent": user.guardian_consent,
        "personalization": user.personalization,
        "fields": [
            {
                "key": f.key,
                "label": label(FIELDS, f.key),
                "group": f.group,
                "value": f.value,
                "source": f.source,
                "editable": f.editable,
                "updated_at": _t(f.updated_at),
            }
            for f in fields
        ],
    }


def _categories(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        yield from category_items(db, user.id, policy)

    return produce


def _batched(db: Session, query: Any) -> Iterator[Any]:
    yield from db.execute(query.execution_options(yield_per=BATCH)).scalars()


def _devices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for d in _batched(db, select(Device).where(Device.user_id == user.id).order_by(Device.id)):
        try:
            settings = json.loads(d.settings or "{}")
        except json.JSONDecodeError:
            settings = {}
        yield {
            "id": str(d.id),
            "device_type": d.device_type,
            "model": d.model,
            "os": d.os,
            "os_version": d.os_version,
            "device_uid": d.device_uid,
            "settings": settings,
            "first_seen": _t(d.first_seen),
            "last_seen": _t(d.last_seen),
        }


def _tags(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for x in db.scalars(select(Tag).where(Tag.user_id == user.id).order_by(Tag.id)):
        yield {
            "id": str(x.id),
            "tag": localized(x, "tag"),
            "source": x.source,
            "confidence": x.confidence,
            "since": _t(x.since),
        }


def _consents(db: Session, user: User) -> Iterator[dict[str, Any]]:
    states = {
        s.purpose: s
        for s in db.scalars(select(ConsentState).where(ConsentState.user_id == user.id))
    }
    for p in db.scalars(
        select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
    ):
        s = states.get(p.key)
        yield {
            "id": p.key,
            "purpose": p.key,
            "title": localized(p, "title"),
            "title_zh": p.title_zh,
            "description": localized(p, "description"),
            "legal_basis": p.legal_basis,
            "required": p.required,
            "granted": s.granted if s else p.required,
            "updated_at": _t(s.updated_at) if s else None,
            "policy_version": s.policy_version if s else None,
        }


def _consent_history(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(ConsentEvent)
        .where(ConsentEvent.user_id == user.id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc())
    )
    for e in db.scalars(q):
        yield {
            "id": e.receipt_id,
            "purpose": e.purpose,
            "granted": e.granted,
            "at": _t(e.at),
            "policy_version": e.policy_version,
            "subject": user.customer_no,
            "kid": e.kid,
            "signature": e.signature,
        }


def _subscriptions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    rows = {
        s.channel: s
        for s in db.scalars(select(Subscription).where(Subscription.user_id == user.id))
    }
    for channel in CHANNELS:
        s = rows.get(channel)
        yield {
            "id": channel,
            "channel": channel,
            "enabled": s.enabled if s else False,
            "updated_at": _t(s.updated_at) if s else None,
        }


def _cookies(db: Session, user: User) -> Iterator[dict[str, Any]]:
    purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}
    states = {
        s.purpose: s.granted
        for s in db.scalars(select(ConsentState).where(ConsentState.user_id == user.id))
    }
    for c in db.scalars(select(CookieEntry).order_by(CookieEntry.id)):
        if c.consent_purpose is None:
            active = True
        else:
            p = purposes.get(c.consent_purpose)
            active = states.get(c.consent_purpose, p.required if p else False)
        yield {
            "id": str(c.id),
            "name": c.name,
            "technology": c.technology,
            "purpose": localized(c, "purpose"),
            "consent_purpose": c.consent_purpose,
            "party": c.party,
            "provider": localized(c, "provider"),
            "lifetime": localized(c, "lifetime"),
            "active": active,
        }


def _recipients(db: Session, user: User) -> Iterator[dict[str, Any]]:
    stats = {
        rid: (first, last, n)
        for rid, first, last, n in db.execute(
            select(
                RecipientEvent.recipient_id,
                func.min(RecipientEvent.at),
                func.max(RecipientEvent.at),
                func.count(),
            )
            .where(RecipientEvent.user_id == user.id)
            .group_by(RecipientEvent.recipient_id)
        )
    }
    for r in db.scalars(select(Recipient).order_by(Recipient.id)):
        first, last, n = stats.get(r.id, (None, None, 0))
        yield {
            "id": str(r.id),
            "name": localized(r, "name"),
            "type": r.type,
            "categories": _json_list(r.categories),
            "purpose": localized(r, "purpose"),
            "legal_basis": r.legal_basis,
            "identifiable": r.identifiable,
            "country": r.country,
            "first_shared": _t(first),
            "last_shared": _t(last),
            "event_count": n,
        }


def _recipient_events(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(RecipientEvent)
        .where(RecipientEvent.user_id == user.id)
        .order_by(RecipientEvent.at.desc(), RecipientEvent.id.desc())
    )
    for e in _batched(db, q):
        yield {
            "id": str(e.id),
            "recipient_id": str(e.recipient_id),
            "at": _t(e.at),
            "categories": _json_list(e.categories),
            "description": localized(e, "description"),
            "order_id": str(e.order_id) if e.order_id is not None else None,
        }


def _policy_versions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    acked = set(db.scalars(select(PolicyAck.version).where(PolicyAck.user_id == user.id)))
    for p in db.scalars(select(PolicyVersion).order_by(PolicyVersion.published_at.desc())):
        yield {
            "id": p.version,
            "version": p.version,
            "published_at": _t(p.published_at),
            "major": p.major,
            "summary": localized(p, "summary"),
            "changes": localized_list(p.changes, p.changes_zh),
            "url": p.url,
            "acknowledged": p.version in acked,
        }


def _notices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(Notice)
        .where((Notice.user_id == user.id) | Notice.user_id.is_(None))
        .order_by(Notice.published_at.desc(), Notice.id.desc())
    )
    for n in db.scalars(q):
        yield {
            "id": str(n.id),
            "kind": n.kind,
            "severity": n.severity,
            "title": localized(n, "title"),
            "body": localized(n, "body"),
            "published_at": _t(n.published_at),
            "personal": n.user_id is not None,
        }


def _access_log(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(AccessLogEntry).where(AccessLogEntry.user_id == user.id).order_by(AccessLogEntry.seq)
    for e in _batched(db, q):
        yield {
            "id": str(e.id),
            "seq": e.seq,
            "at": _t(e.at),
            "actor": e.actor,
            "role": e.role,
            "action": e.action,
            "resource": e.resource,
            "reason": e.reason,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }


def _requests(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        q = (
            select(PrivacyRequest)
            .where(PrivacyRequest.user_id == user.id)
            .order_by(PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())
        )
        for r in db.scalars(q).all():
            yield request_out(db, ctx, r).model_dump(mode="json")

    return produce


def producers(ctx: ShopContext) -> dict[str, Producer]:
    return {
        "categories": _categories(ctx),
        "devices": _devices,
        "tags": _tags,
        "consents": _consents,
        "consent_history": _consent_history,
        "subscriptions": _subscriptions,
        "cookies": _cookies,
        "recipients": _recipients,
        "recipient_events": _recipient_events,
        "policy_versions": _policy_versions,
        "notices": _notices,
        "access_log": _access_log,
        "requests": _requests(ctx),
    }


def section_chunks(
    db: Session, ctx: ShopContext, user: User, section: str
) -> tuple[list[str], Iterator[bulk.Chunk]]:
    """A section as NDJSON chunks with CSV values, and its CSV columns (a list that is filled
    in from the first item, for the hand-written producers, before that item's chunk comes).

    Large sections come from `server.bulk`, the same items as the bulk export and the API's
    detail resources; the others from the hand-written producers above.
    """
    if section in bulk.BULK_SECTIONS:
        connect = bulk.session_connect(db.connection())
        columns = list(bulk.COLUMNS[section])
        return columns, bulk.chunks(connect, section, user.id, with_rows=True)
    produce = producers(ctx)[section]
    columns = []

    def chunked() -> Iterator[bulk.Chunk]:
        lines: list[bytes] = []
        rows: list[Sequence[Any]] = []
        for item in produce(db, user):
            if not columns:
                columns.extend(item)
            lines.append(compact_json(item) + b"\n")
            rows.append(csv_cells(item, columns))
            if len(lines) >= BATCH:
                yield bulk.Chunk(b"".join(lines), len(lines), rows)
                lines, rows = [], []
        if lines:
            yield bulk.Chunk(b"".join(lines), len(lines), rows)

    return columns, chunked()
