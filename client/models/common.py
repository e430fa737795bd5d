"""Shared pieces of the typed models: the base class, `Page[T]`, and validation of server data.

Every model ignores unknown fields (a newer shop must not break the app) and is frozen. Whatever
the shop sends goes through `parse`/`parse_page`, which turn a pydantic `ValidationError` into
`client.errors.BadResponse` with a short, readable message, so malformed data fails at the edge
and never deep inside the UI.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    ValidationError,
    field_validator,
)

from client.errors import BadResponse

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

LegalBasis = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "legitimate_interest",
    "vital_interest",
    "public_interest",
]
Source = Literal["provided", "collected", "inferred", "partner"]

# An aware datetime; a naive one from the shop is rejected rather than guessed at.
Timestamp = AwareDatetime

MAX_REPORTED_ERRORS = 3


class ClientModel(BaseModel):
    """Base of every model the client reads from a shop."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Page(ClientModel, Generic[T]):
    """One page of a list: its items and the cursor of the next page (None on the last)."""

    items: list[T]
    next_cursor: str | None = None

    @field_validator("next_cursor")
    @classmethod
    def _non_empty_cursor(cls, value: str | None) -> str | None:
        return value or None

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


def parse_rfc3339(text: str) -> datetime:
    """Parse an RFC 3339 string into an aware datetime; raise ValueError when it is not one."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone")
    return value


def _rfc3339_text(text: str) -> str:
    parse_rfc3339(text)
    return text


# An RFC 3339 time kept as the exact string the shop sent (it is hashed or signed as written);
# checked like `Timestamp`.
ExactTimestamp = Annotated[str, AfterValidator(_rfc3339_text)]


def describe_validation_error(error: ValidationError, limit: int = MAX_REPORTED_ERRORS) -> str:
    """A one-line summary of the first few problems, e.g. `items.3.at: Input should ...`."""
    parts = []
    for problem in error.errors()[:limit]:
        where = ".".join(str(part) for part in problem.get("loc", ())) or "(body)"
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    more = error.error_count() - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


def bad_response(what: str, reason: str) -> BadResponse:
    return BadResponse(f"The shop sent an unexpected {what}: {reason}", detail=reason)


def parse(model: type[M], data: Any, *, what: str | None = None) -> M:
    """Validate one object from the shop as `model`; raise BadResponse if it does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise bad_response(what or model.__name__, describe_validation_error(exc)) from exc


def parse_list(model: type[M], data: Any, *, what: str | None = None) -> list[M]:
    """Validate a JSON array of objects as a list of `model`."""
    name = what or model.__name__
    if not isinstance(data, list):
        raise bad_response(f"list of {name}", f"expected an array, got {type(data).__name__}")
    items: list[M] = []
    for index, raw in enumerate(data):
        try:
            items.append(model.model_validate(raw))
        except ValidationError as exc:
            raise bad_response(name, f"item {index}: {describe_validation_error(exc)}") from exc
    return items


def parse_page(model: type[M], data: Any, *, what: str | None = None) -> Page[M]:
    """Validate `{"items": [...], "next_cursor": ...}` with items of `model`."""
    name = what or model.__name__
    if not isinstance(data, dict):
        raise bad_response(f"page of {name}", f"expected an object, got {type(data).__name__}")
    if "items" not in data:
        raise bad_response(f"page of {name}", "it has no `items`")
    cursor = data.get("next_cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise bad_response(f"page of {name}", "`next_cursor` is not a string")
    items = parse_list(model, data["items"], what=name)
    return Page(items=items, next_cursor=cursor)


__all__ = [
    "ClientModel",
    "ExactTimestamp",
    "LegalBasis",
    "Page",
    "Source",
    "Timestamp",
    "bad_response",
    "describe_validation_error",
    "parse",
    "parse_list",
    "parse_page",
    "parse_rfc3339",
]
