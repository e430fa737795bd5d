"""What the shop's archive holds, section by section: each section's records for one subject.

`producers(ctx)` maps a section name to a function `(db, user) -> records`; `section_chunks`
turns one section into NDJSON batches for the writer (`archive_format.writer`). The long lists
(`server.bulk.BULK_SECTIONS`) come from `server.bulk`, the same items as the bulk export and the
API's detail resources. To add a section: its `Section` in `archive_format/sections.py`, then a
producer here (docs/ARCHITECTURE.md, "How to add an archive section").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from archive_format.canonical import compact_json
from archive_format.writer import BATCH, csv_cells
from server import bulk
from server.categories import category_items
from server.context import ShopContext
from server.demo.policies import policy_for
from server.i18n import current_language
from server.models import (
    AccessLogEntry,
    AssistSession,
    ConsentEvent,
    ConsentPurpose,
    CookieEntry,
    Device,
    ImpactAssessment,
    Notice,
    Order,
    PolicyAck,
    PolicyVersion,
    PrivacyRequest,
    Recipient,
    RecipientEvent,
    ServiceContact,
    Subscription,
    Tag,
    User,
)
from server.requests_flow import requests_out, stored_result
from server.schemas.data import DataCategoryOut
from server.serialisers import (
    CHANNELS,
    CookieActivity,
    access_log_item,
    assist_session_items,
    consent_item,
    consent_receipt,
    consent_states,
    cookie_item,
    deletion_result,
    device_out,
    explanation_result,
    impact_assessment_item,
    me_out,
    notice_item,
    policy_version_item,
    recipient_event_item,
    recipient_item,
    recipient_stats,
    rights_card_for,
    service_contact_out,
    subscription_item,
    tag_out,
)

Producer = Callable[[Session, User], Iterable[dict[str, Any]]]


def _dump(model: BaseModel) -> dict[str, Any]:
    """A route's response object as the API writes it."""
    return model.model_dump(mode="json")


def account_item(db: Session, user: User, shop_id: str) -> dict[str, Any]:
    return _dump(me_out(db, user, shop_id))


def _categories(ctx: ShopContext) -> Producer:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        for item in category_items(db, user.id, policy):
            yield _dump(DataCategoryOut.model_validate(item))

    return produce


def _batched(db: Session, query: Any) -> Iterator[Any]:
    yield from db.execute(query.execution_options(yield_per=BATCH)).scalars()


def _devices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for d in _batched(db, select(Device).where(Device.user_id == user.id).order_by(Device.id)):
        yield _dump(device_out(d))


def _tags(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for x in db.scalars(select(Tag).where(Tag.user_id == user.id).order_by(Tag.id)):
        yield _dump(tag_out(x))


def _consents(ctx: ShopContext) -> Producer:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        states = consent_states(db, user.id)
        for p in db.scalars(
            select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
        ):
            yield _dump(consent_item(p, states.get(p.key), policy))

    return produce


def _consent_history(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(ConsentEvent)
        .where(ConsentEvent.user_id == user.id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc())
    )
    for e in db.scalars(q):
        yield _dump(consent_receipt(e, user.customer_no))


def _subscriptions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    rows = {
        s.channel: s
        for s in db.scalars(select(Subscription).where(Subscription.user_id == user.id))
    }
    for channel in CHANNELS:
        yield _dump(subscription_item(channel, rows.get(channel)))


def _cookies(ctx: ShopContext) -> Producer:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        activity = CookieActivity(db, user.id)
        for c in db.scalars(select(CookieEntry).order_by(CookieEntry.id)):
            yield _dump(cookie_item(c, activity, policy))

    return produce


def _recipients(ctx: ShopContext) -> Producer:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        stats = recipient_stats(db, user.id)
        for r in db.scalars(select(Recipient).order_by(Recipient.id)):
            yield _dump(recipient_item(r, stats.get(r.id), policy))

    return produce


def _recipient_events(ctx: ShopContext) -> Producer:
    """Every recipient's events in one list: the API's items, each with its recipient."""
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        q = (
            select(RecipientEvent)
            .where(RecipientEvent.user_id == user.id)
            .order_by(RecipientEvent.at.desc(), RecipientEvent.id.desc())
        )
        # the numbers of the orders the events name, as the API names them (one query, not per
        # row, and not every order of a subject who may have a hundred thousand)
        numbers = _order_numbers(db, user, RecipientEvent)
        for e in _batched(db, q):
            item = _dump(recipient_event_item(e, policy, numbers.get(e.order_id or -1)))
            yield {"id": item.pop("id"), "recipient_id": str(e.recipient_id), **item}

    return produce


def _policy_versions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    acked = set(db.scalars(select(PolicyAck.version).where(PolicyAck.user_id == user.id)))
    q = select(PolicyVersion).order_by(
        PolicyVersion.published_at.desc(), PolicyVersion.version.desc()
    )
    for p in db.scalars(q):
        yield _dump(policy_version_item(p, p.version in acked))


def _notices(ctx: ShopContext) -> Producer:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        q = (
            select(Notice)
            .where((Notice.user_id == user.id) | Notice.user_id.is_(None))
            .order_by(Notice.published_at.desc(), Notice.id.desc())
        )
        for n in db.scalars(q):
            yield _dump(notice_item(n, policy))

    return produce


def _service_contacts(db: Session, user: User) -> Iterator[dict[str, Any]]:
    """Customer-service correspondence and call records (`GET /data/service-contacts`)."""
    q = (
        select(ServiceContact)
        .where(ServiceContact.user_id == user.id)
        .order_by(ServiceContact.at.desc(), ServiceContact.id.desc())
    )
    numbers = _order_numbers(db, user, ServiceContact)
    for row in _batched(db, q):
        yield _dump(service_contact_out(row, numbers.get(row.order_id or -1)))


def _order_numbers(db: Session, user: User, model: Any) -> dict[int, str]:
    """The numbers of the subject's orders that `model`'s rows of the subject refer to."""
    named = select(model.order_id).where(model.user_id == user.id, model.order_id.is_not(None))
    rows = db.execute(
        select(Order.id, Order.number).where(Order.user_id == user.id, Order.id.in_(named))
    )
    return {order_id: number for order_id, number in rows}


def _impact_assessments(ctx: ShopContext) -> Producer:
    """The shop's published impact assessments (`GET /impact-assessments`), newest first."""
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        del user  # the same list for every subject
        q = select(ImpactAssessment).order_by(
            ImpactAssessment.assessed_at.desc(), ImpactAssessment.id.desc()
        )
        for row in db.scalars(q):
            yield _dump(impact_assessment_item(row, policy))

    return produce


def _access_log(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(AccessLogEntry).where(AccessLogEntry.user_id == user.id).order_by(AccessLogEntry.seq)
    for e in _batched(db, q):
        yield access_log_item(e)


def _completed(db: Session, user: User, kind: str) -> Iterator[tuple[PrivacyRequest, Any]]:
    """The subject's completed requests whose stored result is of `kind`, newest first."""
    q = (
        select(PrivacyRequest)
        .where(PrivacyRequest.user_id == user.id, PrivacyRequest.status == "completed")
        .order_by(PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())
    )
    for r in db.scalars(q).all():
        stored = stored_result(r)
        if stored is not None and stored.get("kind") == kind:
            yield r, stored


def _explanations(db: Session, user: User) -> Iterator[dict[str, Any]]:
    """Each explanation request's answer (`GET /requests/{id}/result`); `id` is the request's."""
    for r, stored in _completed(db, user, "explanation"):
        yield {"id": str(r.id), **_dump(explanation_result(stored))}


def _deletion_receipts(db: Session, user: User) -> Iterator[dict[str, Any]]:
    """Each deletion request's answer: its receipts, what was deleted and what is kept."""
    for r, stored in _completed(db, user, "deletion_receipts"):
        yield {"id": str(r.id), **_dump(deletion_result(db, r.id, stored))}


def _assist_sessions(ctx: ShopContext) -> Producer:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        rows = db.scalars(
            select(AssistSession)
            .where(AssistSession.subject_id == user.id)
            .order_by(AssistSession.id.desc())
        ).all()
        for item in assist_session_items(db, rows, ctx.clock.now()):
            yield _dump(item)

    return produce


def _requests(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        q = (
            select(PrivacyRequest)
            .where(PrivacyRequest.user_id == user.id)
            .order_by(PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())
        )
        for page in db.scalars(q).partitions(500):
            for out in requests_out(db, ctx, page):
                yield out.model_dump(mode="json")

    return produce


def _rights(ctx: ShopContext) -> Producer:
    """The shop's rights card, in the archive's language (one record)."""

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        yield _dump(rights_card_for(ctx, current_language()))

    return produce


def _incidents(ctx: ShopContext) -> Producer:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        from server.routes.incidents import incident_items  # the route's own item shape

        for item in incident_items(db, ctx, user.id):
            yield _dump(item)

    return produce


def _guardian_links(db: Session, user: User) -> Iterator[dict[str, Any]]:
    from server.routes.guardians import link_items  # the route's own item shape

    for item in link_items(db, user.id):
        yield _dump(item)


def producers(ctx: ShopContext) -> dict[str, Producer]:
    return {
        "categories": _categories(ctx),
        "devices": _devices,
        "tags": _tags,
        "consents": _consents(ctx),
        "consent_history": _consent_history,
        "subscriptions": _subscriptions,
        "cookies": _cookies(ctx),
        "recipients": _recipients(ctx),
        "recipient_events": _recipient_events(ctx),
        "policy_versions": _policy_versions,
        "notices": _notices(ctx),
        "access_log": _access_log,
        "requests": _requests(ctx),
        "explanations": _explanations,
        "deletion_receipts": _deletion_receipts,
        "assist_sessions": _assist_sessions(ctx),
        "service_contacts": _service_contacts,
        "impact_assessments": _impact_assessments(ctx),
        "rights": _rights(ctx),
        "incidents": _incidents(ctx),
        "guardian_links": _guardian_links,
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
        return columns, bulk.chunks(
            connect, section, user.id, with_rows=True, policy=policy_for(ctx.shop.id)
        )
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
