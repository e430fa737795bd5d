"""One serialiser per resource: the route's schema built from the ORM rows.

The routes answer with these objects and the shop's archive (`server/archive_sections.py`)
writes `obj.model_dump(mode="json")` of the very same objects, so an archive section and the
API's list for the same subject cannot drift apart (`tests/server/test_archive_sections.py`
compares them). The long lists (tracks, logs, locations, orders, decisions) have their own
equivalent in `server/bulk.py`, checked the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server import access_what
from server.context import ShopContext
from server.demo.policies import ShopPolicy, Term, basis_of, policy_for
from server.guardians import covered, rule_out
from server.i18n import Language, current_language, localized, pick
from server.messages import FACTORS, FIELDS, label, translate
from server.models import (
    AssistSession,
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    DeletionReceipt,
    Device,
    GuardianLink,
    ImpactAssessment,
    Location,
    LogEntry,
    Notice,
    Order,
    PolicyVersion,
    ProfileField,
    Recipient,
    RecipientEvent,
    ServiceContact,
    Subscription,
    Tag,
    User,
)
from server.policy_terms import clause_fields, term_out
from server.schemas.assessments import ImpactAssessmentItem
from server.schemas.assist import AssistSessionItem
from server.schemas.consents import ConsentItem, ConsentReceipt, CookieItem, SubscriptionItem
from server.schemas.data import DeviceOut, LocationOut, LogOut, ServiceContactOut
from server.schemas.guardians import GuardianOfMe
from server.schemas.me import Me, ProfileFieldOut
from server.schemas.notices import NoticeItem, PolicyVersionItem
from server.schemas.privacy_requests import DeletionReceiptOut, DeletionResult, ExplanationResult
from server.schemas.rights import PolicySectionOut, RightsCard, RightsDeadline, RightsTerm
from server.schemas.sharing import AgreementOut, RecipientEventItem, RecipientItem
from server.schemas.tracks import TagOut
from server.timeutil import rfc3339

Stats = tuple[datetime | None, datetime | None, int]
CHANNELS: tuple[str, ...] = ("sms", "email", "push", "internal_letter")


def json_value(raw: Any, fallback: Any) -> Any:
    """A value kept as JSON text (or already decoded); the fallback when unreadable or of
    another kind than the fallback, so a damaged row is shown as empty rather than a 500."""
    if raw is None or raw == "":
        return fallback
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return fallback
    return raw if isinstance(raw, type(fallback)) else fallback


def string_list(raw: Any) -> list[str]:
    return [str(v) for v in json_value(raw, [])]


# --- the account ----------------------------------------------------------------------------


def guardians_of(db: Session, user: User) -> list[GuardianOfMe]:
    """The subject's active guardians, as the subject sees them (names only)."""
    rows = db.execute(
        select(GuardianLink, User.display_name)
        .join(User, User.id == GuardianLink.guardian_id)
        .where(GuardianLink.ward_id == user.id, GuardianLink.revoked_at.is_(None))
        .order_by(GuardianLink.id)
    )
    return [
        GuardianOfMe(display_name=name, relationship=link.relationship, since=link.since)
        for link, name in rows
    ]


def me_out(db: Session, user: User, shop_id: str) -> Me:
    rows = db.scalars(
        select(ProfileField).where(ProfileField.user_id == user.id).order_by(ProfileField.id)
    )
    policy = policy_for(shop_id)
    return Me(
        id=str(user.id),
        customer_no=user.customer_no,
        display_name=user.display_name,
        role=user.role,
        created_at=user.created_at,
        is_minor=user.is_minor,
        guardian_consent=user.guardian_consent,
        age_years=user.age_years,
        legal_capacity=user.legal_capacity,
        guardians=guardians_of(db, user),
        guardian_rule=rule_out(policy) if covered(user, policy.guardian) else None,
        personalization=user.personalization,
        fields=[
            ProfileFieldOut.model_validate(
                {
                    "key": row.key,
                    "label": label(FIELDS, row.key),
                    "group": row.group,
                    "value": row.value,
                    "source": row.source,
                    "editable": row.editable,
                    "updated_at": row.updated_at,
                }
            )
            for row in rows
        ],
    )


# --- data -----------------------------------------------------------------------------------


def device_out(row: Device) -> DeviceOut:
    return DeviceOut(
        id=str(row.id),
        device_type=row.device_type,
        model=row.model,
        os=row.os,
        os_version=row.os_version,
        device_uid=row.device_uid,
        settings=json_value(row.settings, {}),
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


def location_out(row: Location) -> LocationOut:
    return LocationOut(
        id=str(row.id),
        at=row.at,
        source=row.source,
        ip=row.ip,
        latitude=row.latitude,
        longitude=row.longitude,
        city=localized(row, "city"),
    )


def log_out(row: LogEntry) -> LogOut:
    return LogOut(
        id=str(row.id),
        at=row.at,
        ip=row.ip,
        browser=row.browser,
        carrier=localized(row, "carrier"),
        language=row.language,
        page=row.page,
        search_query=row.search_query,
    )


def tag_out(row: Tag) -> TagOut:
    return TagOut(
        id=str(row.id),
        tag=localized(row, "tag"),
        source=row.source,
        confidence=row.confidence,
        since=row.since,
    )


# --- consents, subscriptions, cookies -------------------------------------------------------


def consent_states(db: Session, subject_id: int) -> dict[str, ConsentState]:
    rows = db.scalars(select(ConsentState).where(ConsentState.user_id == subject_id))
    return {row.purpose: row for row in rows}


def is_granted(purpose: ConsentPurpose, state: ConsentState | None) -> bool:
    """A purpose never decided on counts as granted only when the service requires it."""
    return state.granted if state is not None else purpose.required


def consent_item(
    purpose: ConsentPurpose, state: ConsentState | None, policy: ShopPolicy | None = None
) -> ConsentItem:
    """`policy`: the shop's, for the clause behind the purpose and the consequence of refusing
    it (without it both count as the shop's configuration)."""
    return ConsentItem(
        id=purpose.key,
        purpose=purpose.key,
        title=localized(purpose, "title"),
        title_zh=purpose.title_zh,
        description=localized(purpose, "description"),
        legal_basis=purpose.legal_basis,
        required=purpose.required,
        granted=is_granted(purpose, state),
        updated_at=state.updated_at if state is not None else None,
        policy_version=state.policy_version if state is not None else None,
        destination_country=purpose.destination_country,
        **_clause_fields(policy, policy.purposes.get(purpose.key) if policy else None),
        refusal_consequence=term_out(policy, policy.refusal_consequences.get(purpose.key))
        if policy is not None
        else None,
    )


def _clause_fields(policy: ShopPolicy | None, clause: str | None) -> dict[str, Any]:
    if policy is None:
        return {"clause": None, "clause_title": None, "basis": basis_of(None)}
    return clause_fields(policy, clause)


def receipt_payload(event: ConsentEvent, subject: str) -> dict[str, Any]:
    """Exactly the fields the shop signs."""
    return {
        "id": event.receipt_id,
        "purpose": event.purpose,
        "granted": event.granted,
        "at": rfc3339(event.at),
        "policy_version": event.policy_version,
        "subject": subject,
    }


def consent_receipt(event: ConsentEvent, subject: str) -> ConsentReceipt:
    return ConsentReceipt(
        **receipt_payload(event, subject), kid=event.kid, signature=event.signature
    )


def subscription_item(channel: str, row: Subscription | None) -> SubscriptionItem:
    return SubscriptionItem(
        id=channel,
        channel=channel,
        enabled=row.enabled if row is not None else False,
        updated_at=row.updated_at if row is not None else None,
    )


class CookieActivity:
    """Whether each cookie is active for one subject: the shop's purposes and their consents."""

    def __init__(self, db: Session, subject_id: int) -> None:
        self.states = consent_states(db, subject_id)
        self.purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}

    def active(self, cookie: CookieEntry) -> bool:
        if cookie.consent_purpose is None:
            return True
        purpose = self.purposes.get(cookie.consent_purpose)
        if purpose is None:  # names a purpose the shop no longer asks for: not consented
            return False
        return is_granted(purpose, self.states.get(purpose.key))


def cookie_item(cookie: CookieEntry, activity: CookieActivity, policy: ShopPolicy) -> CookieItem:
    return CookieItem(
        id=str(cookie.id),
        name=cookie.name,
        technology=cookie.technology,
        purpose=localized(cookie, "purpose"),
        consent_purpose=cookie.consent_purpose,
        party=cookie.party,
        provider=localized(cookie, "provider"),
        lifetime=localized(cookie, "lifetime"),
        active=activity.active(cookie),
        clause=policy.cookies,
        basis=basis_of(policy.cookies),
    )


# --- sharing --------------------------------------------------------------------------------


def recipient_stats(
    db: Session, subject_id: int, recipient_ids: list[int] | None = None
) -> dict[int, Stats]:
    """recipient id -> (first shared, last shared, how often) for one subject."""
    if recipient_ids is not None and not recipient_ids:
        return {}
    query = select(
        RecipientEvent.recipient_id,
        func.min(RecipientEvent.at),
        func.max(RecipientEvent.at),
        func.count(RecipientEvent.id),
    ).where(RecipientEvent.user_id == subject_id)
    if recipient_ids is not None:
        query = query.where(RecipientEvent.recipient_id.in_(recipient_ids))
    rows = db.execute(query.group_by(RecipientEvent.recipient_id)).all()
    return {row[0]: (row[1], row[2], int(row[3])) for row in rows}


def recipient_item(recipient: Recipient, stats: Stats | None, policy: ShopPolicy) -> RecipientItem:
    first, last, count = stats if stats is not None else (None, None, 0)
    clause = policy.recipient_types.get(recipient.type)
    return RecipientItem(
        id=str(recipient.id),
        name=localized(recipient, "name"),
        type=recipient.type,
        categories=string_list(recipient.categories),
        purpose=localized(recipient, "purpose"),
        legal_basis=recipient.legal_basis,
        identifiable=recipient.identifiable,
        country=recipient.country,
        first_shared=first,
        last_shared=last,
        event_count=count,
        clause=clause,
        basis=basis_of(clause),
        data_protection_agreement=AgreementOut(
            exists=recipient.dpa_signed_at is not None,
            signed_at=recipient.dpa_signed_at,
            scope=localized(recipient, "dpa_scope") if recipient.dpa_scope else None,
            **clause_fields(
                policy, policy.agreements if recipient.dpa_signed_at is not None else None
            ),
        ),
        consent_purpose=recipient.consent_purpose,
        no_consent_exception=term_out(
            policy, policy.sharing_exception(policy.recipient_exceptions.get(recipient.type))
        ),
    )


SHARING_EVENT_KINDS = ("disclosure", "merger_transfer", "public_disclosure")


def recipient_event_item(
    event: RecipientEvent, policy: ShopPolicy | None = None, order_number: str | None = None
) -> RecipientEventItem:
    """`policy`: the shop's, for the clause allowing the event's kind (a transfer on merger, a
    public disclosure, an ordinary disclosure); `order_number`: the number of the event's order
    (the caller looks a page's up at once)."""
    kind = event.kind if event.kind in SHARING_EVENT_KINDS else "disclosure"
    return RecipientEventItem(
        id=str(event.id),
        at=event.at,
        categories=string_list(event.categories),
        description=localized(event, "description"),
        order_id=str(event.order_id) if event.order_id is not None else None,
        order_number=order_number if event.order_id is not None else None,
        kind=kind,
        notice_id=str(event.notice_id) if event.notice_id is not None else None,
        **_clause_fields(
            policy, (event.clause or policy.sharing_event_kinds.get(kind)) if policy else None
        ),
    )


# --- the policy and notices -----------------------------------------------------------------


def policy_changes(raw: Any) -> list[str]:
    """A version's list of changes; text that is not a JSON list is shown as one change."""
    if isinstance(raw, list):
        return [str(v) for v in raw]
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError:
        return [str(raw)]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def policy_version_fields(row: PolicyVersion, acknowledged: bool) -> dict[str, object]:
    zh = current_language() == "zh-CN" and bool(row.changes_zh)
    return {
        "id": row.version,
        "version": row.version,
        "published_at": row.published_at,
        "major": row.major,
        "summary": localized(row, "summary"),
        "changes": policy_changes(row.changes_zh if zh else row.changes),
        "url": row.url,
        "acknowledged": acknowledged,
    }


def policy_version_item(row: PolicyVersion, acknowledged: bool) -> PolicyVersionItem:
    return PolicyVersionItem.model_validate(policy_version_fields(row, acknowledged))


def notice_item(row: Notice, policy: ShopPolicy | None = None) -> NoticeItem:
    """`policy`: the shop's, for the clause promising this kind of notice (cessation, transfer
    on merger, incident, ...); without it the notice counts as the shop's own announcement."""
    return NoticeItem(
        id=str(row.id),
        kind=row.kind,
        severity=row.severity,
        title=localized(row, "title"),
        body=localized(row, "body"),
        published_at=row.published_at,
        personal=row.user_id is not None,
        **_clause_fields(
            policy, (row.clause or policy.notice_kinds.get(row.kind)) if policy else None
        ),
    )


# --- results of requests, assist sessions --------------------------------------------------


def explanation_view(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored explanation (both languages kept) in the asked language, for the API."""
    view = {key: value for key, value in stored.items() if not key.endswith("_zh")}
    view["system"] = pick(str(stored.get("system", "")), stored.get("system_zh"))
    view["outcome"] = pick(str(stored.get("outcome", "")), stored.get("outcome_zh"))
    view["how_to_contest"] = translate(str(stored.get("how_to_contest", ""))) or ""
    view["main_factors"] = [
        {**f, "label": label(FACTORS, str(f.get("factor", "")))}
        for f in stored.get("main_factors", [])
        if isinstance(f, dict)
    ]
    return view


def explanation_result(stored: Mapping[str, Any]) -> ExplanationResult:
    return ExplanationResult.model_validate(explanation_view(stored))


def _recipient_name(db: Session, receipt: DeletionReceipt) -> str:
    """The receipt's recipient by its name in the asked language (as stored if it is gone)."""
    recipient = db.get(Recipient, receipt.recipient_id) if receipt.recipient_id else None
    return localized(recipient, "name") if recipient is not None else receipt.recipient_name


def deletion_receipt_out(db: Session, receipt: DeletionReceipt) -> DeletionReceiptOut:
    return DeletionReceiptOut(
        recipient_id=str(receipt.recipient_id) if receipt.recipient_id is not None else None,
        recipient_name=_recipient_name(db, receipt),
        categories=string_list(receipt.categories),
        notified_at=receipt.notified_at,
        confirmed_at=receipt.confirmed_at,
        backup_purge_at=receipt.backup_purge_at,
    )


def deletion_receipts(db: Session, request_id: int) -> list[DeletionReceiptOut]:
    rows = db.scalars(
        select(DeletionReceipt)
        .where(DeletionReceipt.request_id == request_id)
        .order_by(DeletionReceipt.id)
    )
    return [deletion_receipt_out(db, r) for r in rows]


def deletion_result(db: Session, request_id: int, stored: Mapping[str, Any]) -> DeletionResult:
    return DeletionResult(
        receipts=deletion_receipts(db, request_id),
        deleted=stored.get("deleted", {}),
        retained={
            key: translate(str(text)) or "" for key, text in (stored.get("retained") or {}).items()
        },
    )


def assist_session_item(
    row: AssistSession, agent_name: str, now: datetime, agent_display: str = ""
) -> AssistSessionItem:
    return AssistSessionItem(
        id=str(row.id),
        agent=agent_name,
        agent_display=agent_display or agent_name,
        reason=row.reason,
        started_at=row.started_at,
        expires_at=row.expires_at,
        ended_at=row.ended_at,
        active=row.ended_at is None and row.expires_at > now,
    )


def assist_session_items(
    db: Session, rows: Sequence[AssistSession], now: datetime
) -> list[AssistSessionItem]:
    """The sessions with their agents' login and display names (one query for the agents)."""
    agent_ids = {row.agent_id for row in rows}
    names: dict[int, tuple[str, str]] = {}
    if agent_ids:
        names = {
            user_id: (username, display)
            for user_id, username, display in db.execute(
                select(User.id, User.username, User.display_name).where(User.id.in_(agent_ids))
            ).all()
        }
    items = []
    for row in rows:
        username, display = names.get(row.agent_id, ("", ""))
        items.append(assist_session_item(row, username, now, display))
    return items


def access_log_item(
    row: Mapping[str, Any] | Any, language: Language | None = None
) -> dict[str, Any]:
    """One access-log entry as the API writes it (times as the hash chain has them; `what` in
    `language`, the request's by default, and not hashed)."""
    get: Callable[[str], Any] = (
        row.__getitem__ if isinstance(row, Mapping) else lambda name: getattr(row, name)
    )
    what = access_what.parse(get("what"))
    resource = get("resource")
    return {
        "id": str(get("id")),
        "seq": get("seq"),
        "at": rfc3339(get("at")),
        "actor": get("actor"),
        "role": get("role"),
        "action": get("action"),
        "resource": resource,
        "reason": get("reason"),
        "prev_hash": get("prev_hash"),
        "hash": get("hash"),
        "what": access_what.served(what, resource, language),
        "actor_display": access_what.actor_display(what),
        "assist_session_id": access_what.assist_session_id(what, resource),
    }


# --- the rights card ---------------------------------------------------------------------------


def _rights_term(policy: ShopPolicy, term: Term, language: Language) -> RightsTerm:
    section = policy.section(term.clause)
    return RightsTerm(
        key=term.key,
        text=term.text.pick(language),
        value=term.value,
        clause=term.clause,
        clause_title=section.title.pick(language) if section else None,
        basis=basis_of(term.clause),
    )


def rights_card_for(ctx: ShopContext, language: Language) -> RightsCard:
    """The card in `language`: the route answers with it, the shop's archive keeps it."""
    policy = policy_for(ctx.shop.id)
    section = policy.section(policy.deadline_clause)
    shop = ctx.shop
    contacts = [_rights_term(policy, t, language) for t in policy.contacts]
    for contact in contacts:
        # The address the shop really answers at, even where the policy text differs.
        if contact.key == "privacy_email":
            contact.value = shop.privacy_email
    return RightsCard(
        shop_id=shop.id,
        language=language,
        deadline=RightsDeadline(
            key="deadline",
            text=policy.deadline_note.pick(language),
            value=None,
            clause=policy.deadline_clause,
            clause_title=section.title.pick(language) if section else None,
            basis=basis_of(policy.deadline_clause),
            working_days=shop.deadline_days,
        ),
        fees=_rights_term(policy, policy.fees, language),
        verification=[_rights_term(policy, t, language) for t in policy.verification],
        verification_required_for=list(shop.verification_required_for),
        refusal_grounds=[_rights_term(policy, t, language) for t in policy.refusal_grounds],
        deletion_grounds=[_rights_term(policy, t, language) for t in policy.deletion_grounds],
        contacts=contacts,
        outline=[
            PolicySectionOut(number=s.number, title=s.title.pick(language)) for s in policy.sections
        ],
    )


__all__ = [
    "CHANNELS",
    "CookieActivity",
    "Stats",
    "access_log_item",
    "assist_session_item",
    "assist_session_items",
    "consent_item",
    "consent_receipt",
    "consent_states",
    "cookie_item",
    "deletion_receipt_out",
    "deletion_receipts",
    "deletion_result",
    "device_out",
    "explanation_result",
    "explanation_view",
    "is_granted",
    "json_value",
    "me_out",
    "notice_item",
    "order_numbers",
    "policy_changes",
    "policy_version_fields",
    "policy_version_item",
    "receipt_payload",
    "recipient_event_item",
    "recipient_item",
    "recipient_stats",
    "rights_card_for",
    "string_list",
    "tag_out",
]


# --- records a shop's policy promises (issue 13.6) -------------------------------------------

SERVICE_CHANNELS = ("phone", "online_chat", "email", "letter")


def order_numbers(db: Session, ids: Sequence[int | None]) -> dict[int, str]:
    """Order id → order number, in one query for a page of events."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.execute(select(Order.id, Order.number).where(Order.id.in_(wanted)))
    return {order_id: number for order_id, number in rows}


def service_contact_out(row: ServiceContact, order_number: str | None = None) -> ServiceContactOut:
    """`order_number`: the number of the contact's order (the caller looks a page's up at once)."""
    return ServiceContactOut(
        id=str(row.id),
        at=row.at,
        # a channel written by an older tool than this server is shown as a letter
        channel=row.channel if row.channel in SERVICE_CHANNELS else "letter",
        summary=localized(row, "summary"),
        outcome=localized(row, "outcome"),
        duration_seconds=row.duration_seconds,
        order_id=str(row.order_id) if row.order_id is not None else None,
        order_number=order_number if row.order_id is not None else None,
    )


def impact_assessment_item(row: ImpactAssessment, policy: ShopPolicy) -> ImpactAssessmentItem:
    return ImpactAssessmentItem(
        id=str(row.id),
        topic=localized(row, "subject"),
        assessed_at=row.assessed_at,
        outcome=localized(row, "outcome"),
        notice_id=str(row.notice_id) if row.notice_id is not None else None,
        **clause_fields(policy, policy.impact_assessments),
    )
