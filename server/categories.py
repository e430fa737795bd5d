"""Counting each category of personal data held about a subject, and retention periods."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.demo.policies import ShopPolicy, basis_of
from server.i18n import current_language, localized
from server.messages import retention_text
from server.models import (
    ConsentState,
    DataCategory,
    Decision,
    Device,
    Location,
    LogEntry,
    Order,
    ProfileField,
    RecipientEvent,
    ServiceContact,
    Subscription,
    Tag,
    Track,
)
from server.policy_terms import term_fields

Counter = Callable[[Session, int], int]


def _count(model: Any, *conditions: Any) -> Counter:
    def counter(db: Session, subject_id: int) -> int:
        query = select(func.count()).select_from(model).where(model.user_id == subject_id)
        for condition in conditions:
            query = query.where(condition)
        return int(db.scalar(query) or 0)

    return counter


CATEGORY_COUNTERS: dict[str, Counter] = {
    "account": _count(ProfileField, ProfileField.group == "membership"),
    "profile": _count(ProfileField, ProfileField.group == "profile"),
    "identity_verification": _count(ProfileField, ProfileField.group == "verification"),
    "devices": _count(Device),
    "locations": _count(Location),
    "logs": _count(LogEntry),
    "tracks": _count(Track),
    "tags": _count(Tag),
    "orders": _count(Order, Order.removed_at.is_(None)),
    "payments": _count(
        Order,
        Order.removed_at.is_(None),
        Order.payment_method != "",
        Order.payment_status != "none",
    ),
    "decisions": _count(Decision),
    "consents": _count(ConsentState),
    "subscriptions": _count(Subscription),
    "sharing": _count(RecipientEvent),
    "service_records": _count(ServiceContact),
}


def count_category(db: Session, key: str, subject_id: int) -> int:
    """Rows held in one category (0 for a category the shop lists but keeps no rows of)."""
    counter = CATEGORY_COUNTERS.get(key)
    return counter(db, subject_id) if counter else 0


def category_items(
    db: Session, subject_id: int, policy: ShopPolicy | None = None
) -> list[dict[str, Any]]:
    """Every category the shop holds, as the API and the access archive both show it.

    `clause`/`basis` say which section of the shop's own policy announces the category (None:
    the shop's configuration, "not stated in the policy"); the same for its retention period,
    which only `policy` knows (without it the retention counts as configuration)."""
    rows = db.scalars(select(DataCategory).order_by(DataCategory.position, DataCategory.key))
    return [
        {
            "key": row.key,
            "title": localized(row, "title"),
            "title_zh": row.title_zh,
            "description": localized(row, "description"),
            "count": count_category(db, row.key, subject_id),
            "sensitive": row.sensitive,
            "purposes": [str(p) for p in _json_list(row.purposes)],
            "legal_basis": row.legal_basis,
            "retention": row.retention,
            "retention_text": retention_text(row.retention),
            "storage": {"country": row.storage_country, "vendor": localized(row, "storage_vendor")},
            "source": row.source,
            "policy_section": row.policy_section,
            **provenance(policy, row.policy_section or None),
            "retention_clause": (retention := _retention_clause(policy, row.key)),
            "retention_basis": basis_of(retention),
            # the statutory case (no consent needed) the shop relies on to collect it, if any
            "no_consent_exception": term_fields(
                policy, policy.collection_exception(policy.category_exceptions.get(row.key))
            )
            if policy is not None
            else None,
            # what refusing to provide this data costs the shopper
            "refusal_consequence": term_fields(policy, policy.refusal_consequences.get(row.key))
            if policy is not None
            else None,
        }
        for row in rows
    ]


def provenance(policy: ShopPolicy | None, clause: str | None) -> dict[str, Any]:
    """`clause`, its title in the asked language, and `basis` for one value of the shop."""
    section = policy.section(clause) if policy is not None else None
    return {
        "clause": clause,
        "clause_title": section.title.pick(current_language()) if section else None,
        "basis": basis_of(clause),
    }


def _retention_clause(policy: ShopPolicy | None, key: str) -> str | None:
    return policy.retention.get(key) if policy is not None else None


def _json_list(text: str | None) -> list[Any]:
    try:
        value = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def parse_period(text: str) -> tuple[int, int, int] | None:
    """An ISO 8601 date period ("P3Y", "P1Y6M", "P30D") as (years, months, days), else None."""
    match = _PERIOD.match(text.strip().upper()) if text else None
    if match is None or not any(match.groups()):
        return None
    years, months, weeks, days = (int(part) if part else 0 for part in match.groups())
    return years, months, weeks * 7 + days


def add_period(start: datetime, period: tuple[int, int, int]) -> datetime:
    """`start` plus a calendar period (a 29 February start lands on the 28th if need be)."""
    years, months, days = period
    month_index = start.month - 1 + months
    year = start.year + years + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day) + timedelta(days=days)
