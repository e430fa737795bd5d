"""My Tracks (searches and views), the activity chart, and inferred interest tags."""

from __future__ import annotations

from datetime import date
from typing import Literal

from client.models.common import ClientModel, Timestamp

TrackKind = Literal["search", "view"]
Bucket = Literal["day", "week", "month"]


class Track(ClientModel):
    id: str
    kind: TrackKind
    text: str
    item_ref: str | None = None
    at: Timestamp


class TracksDeleted(ClientModel):
    deleted: int


class ActivityBucket(ClientModel):
    start: date
    search: int
    view: int


class Activity(ClientModel):
    bucket: Bucket
    buckets: list[ActivityBucket]


class Tag(ClientModel):
    id: str
    tag: str
    source: str
    confidence: float
    since: Timestamp


__all__ = ["Activity", "ActivityBucket", "Bucket", "Tag", "Track", "TrackKind", "TracksDeleted"]
