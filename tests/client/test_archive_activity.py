"""The activity chart of an archive (`ArchiveApi.track_activity`) says what the shop's
`GET /v1/tracks/activity` says for the same tracks: the bucket rule (UTC days, weeks from
Monday, months) is written on both sides (server/routes/tracks.py, client/archive/offline_api.py:
server and client share no code outside archive_format), so this holds them together at the
edges where they could drift: the last microsecond of a day, Sunday into Monday, month and year
ends, a leap day, empty buckets between, a range, and a process time zone with summer time."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from client.api import ShopApi
from client.archive import ArchiveApi, export_archive, offline_api, open_archive
from client.models.tracks import Activity, Bucket
from server.embedded import RunningShop
from server.models import Track, User
from server.routes import tracks as tracks_route
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER

# (instant in UTC, kind): each pair straddles an edge a bucket rule could get wrong
MOMENTS: tuple[tuple[datetime, str], ...] = (
    (datetime(2024, 2, 28, 12, 0, tzinfo=UTC), "search"),
    (datetime(2024, 2, 29, 23, 59, 59, 999000, tzinfo=UTC), "view"),  # leap day's last ms
    (datetime(2024, 3, 1, 0, 0, tzinfo=UTC), "search"),  # month start
    (datetime(2024, 3, 10, 6, 30, tzinfo=UTC), "view"),  # US summer time begins (local)
    (datetime(2024, 3, 31, 1, 30, tzinfo=UTC), "view"),  # EU summer time begins (local)
    # nothing from April to November: empty buckets in between
    (datetime(2024, 12, 29, 23, 59, 59, tzinfo=UTC), "search"),  # a Sunday's last second
    (datetime(2024, 12, 30, 0, 0, tzinfo=UTC), "view"),  # Monday: the week of New Year
    (datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC), "search"),  # the year's last second
    (datetime(2025, 1, 1, 0, 0, tzinfo=UTC), "search"),  # same week, new month and year
    (datetime(2025, 1, 5, 23, 0, tzinfo=UTC), "view"),  # Sunday, still that week
    (datetime(2025, 1, 6, 0, 0, tzinfo=UTC), "view"),  # the next Monday
)


@pytest.fixture
def summer_time_zone() -> Iterator[None]:
    """The process's local time zone has summer time: no rule may read local time."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    assert time.tzname == ("EST", "EDT")
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def only_these_tracks(shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        db.execute(delete(Track).where(Track.user_id == me))
        db.add_all(
            Track(user_id=me, kind=kind, text=f"edge {n}", item_ref=None, at=at)
            for n, (at, kind) in enumerate(MOMENTS)
        )
        db.commit()


def test_offline_activity_is_the_shops_at_every_edge(
    shop: RunningShop, tmp_path: Path, summer_time_zone: None
) -> None:
    assert tracks_route.MAX_BUCKETS == offline_api.MAX_BUCKETS
    only_these_tracks(shop)
    api: ShopApi = api_for(shop, *SHOPPER)
    ranges: list[tuple[datetime | None, datetime | None]] = [
        (None, None),
        # from the leap day's last instant to (excluded) the Monday after New Year
        (datetime(2024, 2, 29, 23, 59, 59, 999000, tzinfo=UTC), datetime(2025, 1, 6, tzinfo=UTC)),
        (datetime(2024, 12, 30, tzinfo=UTC), None),
    ]
    buckets: tuple[Bucket, ...] = ("day", "week", "month")
    live: dict[tuple[Bucket, datetime | None, datetime | None], Activity] = {
        (bucket, start, end): api.track_activity(bucket=bucket, start=start, end=end)
        for bucket in buckets
        for start, end in ranges
    }
    export_archive(api, tmp_path / "tracks.zip", sections=["tracks"])
    with open_archive(tmp_path / "tracks.zip") as archive:
        offline = ArchiveApi(archive)
        for (bucket, start, end), answer in live.items():
            assert offline.track_activity(bucket=bucket, start=start, end=end) == answer, (
                bucket,
                start,
                end,
            )

    # and both say what the rule says, worked out by hand
    def counted(bucket: Bucket) -> dict[date, tuple[int, int]]:
        activity = live[(bucket, None, None)]
        assert activity.bucket == bucket
        return {b.start: (b.search, b.view) for b in activity.buckets if b.search or b.view}

    assert counted("week") == {
        date(2024, 2, 26): (2, 1),  # Mon 26 Feb: the 28th, the 29th, 1 March
        date(2024, 3, 4): (0, 1),
        date(2024, 3, 25): (0, 1),
        date(2024, 12, 23): (1, 0),  # Sunday 29 Dec belongs to the week before
        date(2024, 12, 30): (2, 2),
        date(2025, 1, 6): (0, 1),
    }
    assert counted("month") == {
        date(2024, 2, 1): (1, 1),
        date(2024, 3, 1): (1, 2),
        date(2024, 12, 1): (2, 1),
        date(2025, 1, 1): (1, 2),
    }
    days = counted("day")
    assert days[date(2024, 2, 29)] == (0, 1)
    assert days[date(2024, 3, 1)] == (1, 0)
    assert days[date(2024, 12, 29)] == (1, 0)
    assert days[date(2024, 12, 31)] == (1, 0)
    assert days[date(2025, 1, 1)] == (1, 0)
    assert sum(s + v for s, v in days.values()) == len(MOMENTS)
    # every bucket between the first and the last is there, empty ones too
    months = [b.start for b in live[("month", None, None)].buckets]
    assert months[0] == date(2024, 2, 1)
    assert months[-1] == date(2025, 1, 1)
    assert len(months) == 12
    weeks = [b.start for b in live[("week", None, None)].buckets]
    assert all(w.weekday() == 0 for w in weeks)
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(weeks))
    ranged = live[("week", *ranges[1])]
    assert sum(b.search + b.view for b in ranged.buckets) == len(MOMENTS) - 2
