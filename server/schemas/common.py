"""Shapes shared by every resource: pages, problems, query parameters."""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict

from server.pagination import DEFAULT_LIMIT, MAX_LIMIT

T = TypeVar("T")

LegalBasis = Literal[
    "consent", "contract", "legal_obligation", "legitimate_interest", "vital_interest",
    "public_interest",
]
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
