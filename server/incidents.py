"""Publishing a security incident to the shoppers it affected (admin CLI and demo data).

An incident carries what a policy like Silumart's (4.F) promises to tell: the situation, its
impact, the measures taken, what the shopper can do, and remedies, in English and Chinese.
Each affected shopper gets a notice of their own naming which of *their* data categories the
incident touched; the app links each category to the page that shows that data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import DataCategory, Incident, IncidentNotice, User

SEVERITIES = ("info", "warning", "critical")
TEXT_FIELDS = ("title", "situation", "impact", "measures", "advice", "remedies")


class IncidentError(ValueError):
    """An incident that cannot be published as given; the message says why."""


@dataclass(frozen=True)
class IncidentSpec:
    """An incident's text in both languages: `text[field] = (english, chinese)`."""

    severity: str
    occurred_at: datetime
    text: Mapping[str, tuple[str, str | None]]

    @classmethod
    def from_json(cls, data: Mapping[str, Any], occurred_at: datetime) -> IncidentSpec:
        """`{"severity", "title": {"en", "zh"}, "situation": {...}, ...}` (the CLI's file)."""
        text: dict[str, tuple[str, str | None]] = {}
        for name in TEXT_FIELDS:
            value = data.get(name)
            if not isinstance(value, Mapping) or not str(value.get("en") or "").strip():
                raise IncidentError(f"{name}: give at least the English text as {name}.en")
            zh = value.get("zh")
            text[name] = (str(value["en"]).strip(), str(zh).strip() if zh else None)
        return cls(str(data.get("severity") or "warning"), occurred_at, text)


def publish_incident(
    session: Session,
    spec: IncidentSpec,
    affected: Mapping[int, Sequence[str]],
    *,
    now: datetime,
) -> Incident:
    """Store the incident and one notice per affected shopper (user id -> category keys)."""
    if spec.severity not in SEVERITIES:
        raise IncidentError(f"severity must be one of {', '.join(SEVERITIES)}")
    missing = [name for name in TEXT_FIELDS if not spec.text.get(name, ("", None))[0]]
    if missing:
        raise IncidentError(f"missing text: {', '.join(missing)}")
    if not affected:
        raise IncidentError("name at least one affected shopper")
    known = set(session.scalars(select(DataCategory.key)))
    for user_id, categories in affected.items():
        if session.get(User, user_id) is None:
            raise IncidentError(f"no account {user_id}")
        unknown = sorted(set(categories) - known)
        if unknown or not categories:
            raise IncidentError(
                f"account {user_id}: name affected data categories from: {', '.join(sorted(known))}"
            )
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        en, zh = spec.text[name]
        fields[name], fields[f"{name}_zh"] = en, zh
    incident = Incident(
        severity=spec.severity, occurred_at=spec.occurred_at, published_at=now, **fields
    )
    session.add(incident)
    session.flush()
    for user_id, categories in affected.items():
        session.add(
            IncidentNotice(
                incident_id=incident.id,
                user_id=user_id,
                affected=json.dumps(list(dict.fromkeys(categories))),
                read_at=None,
                unread=1,
            )
        )
    session.flush()
    return incident
