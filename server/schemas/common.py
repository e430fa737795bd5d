"""Shapes shared by every resource: pages, problems, query parameters."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from server.pagination import DEFAULT_LIMIT, MAX_LIMIT
from server.timeutil import as_utc

T = TypeVar("T")

LegalBasis = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "legitimate_interest",
    "vital_interest",
    "public_interest",
]
# Whether a shop's value rests on a clause of its own policy or is only the shop's configuration
# (the policy is silent: the app shows "not stated in the policy").
ProvenanceBasis = Literal["policy", "shop_configuration"]
Source = Literal["provided", "collected", "inferred", "partner"]


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(ApiModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class ProblemDetails(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str


_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})"
)


def _rfc3339_text(value: object) -> object:
    """Only RFC 3339 text with an offset: pydantic alone would read `0.5` as a Unix time."""
    if isinstance(value, str) and not _RFC3339.fullmatch(value):
        raise ValueError("use an RFC 3339 time with an offset, e.g. 2026-01-31T12:00:00Z")
    if not isinstance(value, str | datetime):
        raise ValueError("use an RFC 3339 time with an offset, e.g. 2026-01-31T12:00:00Z")
    return value


UtcDateTime = Annotated[datetime, BeforeValidator(_rfc3339_text), AfterValidator(as_utc)]
"""A time the caller sends, as aware UTC; one with no UTC equivalent is a 422, not a crash."""

LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (1..500).")]
MAX_CURSOR = 512
CursorQuery = Annotated[
    str | None, Query(max_length=MAX_CURSOR, description="`next_cursor` of the previous page.")
]
DEFAULT_PAGE_LIMIT = DEFAULT_LIMIT

PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails, "content": {"application/problem+json": {}}}
    for status in (400, 401, 403, 404, 422, 429)
}
