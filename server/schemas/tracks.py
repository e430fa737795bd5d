"""My Tracks, the activity chart and interest tags."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from server.schemas.common import ApiModel, UtcDateTime

TrackKind = Literal["search", "view"]
Bucket = Literal["day", "week", "month"]
MAX_BULK_IDS = 500


class TrackOut(ApiModel):
    id: str
    kind: TrackKind
    text: str
    item_ref: str | None
    at: datetime


class TrackDeleteRequest(ApiModel):
    """Exactly one of `ids`, a `from`/`to` range, or `all: true`."""

    ids: list[Annotated[str, Field(min_length=1, max_length=40)]] | None = Field(
        default=None, min_length=1, max_length=MAX_BULK_IDS
    )
    from_: UtcDateTime | None = Field(default=None, alias="from")
    to: UtcDateTime | None = None
    all: Literal[True] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> TrackDeleteRequest:
        ranged = self.from_ is not None or self.to is not None
        modes = sum([self.ids is not None, ranged, self.all is not None])
        if modes != 1:
            raise ValueError("Send exactly one of `ids`, `from` and `to`, or `all: true`.")
        if ranged:
            if self.from_ is None or self.to is None:
                raise ValueError("A range needs both `from` and `to`.")
            if self.from_ > self.to:
                raise ValueError("`from` must not be after `to`.")
        return self


class TracksDeleted(ApiModel):
    deleted: int


class ActivityBucket(ApiModel):
    start: date
    search: int
    view: int


class Activity(ApiModel):
    bucket: Bucket
    buckets: list[ActivityBucket]


class TagOut(ApiModel):
    id: str
    tag: str
    source: str
    confidence: float
    since: datetime
