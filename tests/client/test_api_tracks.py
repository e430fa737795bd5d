"""ShopApi against the real shop: My Tracks (filters, pagination, deletion) and interest tags."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from client.api import ShopApi
from client.errors import NotFound, ReauthRequired
from client.models import Track
from server.embedded import RunningShop
from server.models import Track as TrackRow
from server.models import User
from tests.client.api_helpers import api_for
from tests.conftest import SECOND_SHOPPER, SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def server_track_count(shop: RunningShop, username: str = SHOPPER[0]) -> int:
    with shop.ctx.sessions() as db:
        user_id = db.scalars(select(User.id).where(User.username == username)).one()
        return int(db.scalar(select(func.count()).where(TrackRow.user_id == user_id)) or 0)


def test_iterating_all_tracks_in_pages_of_50_matches_the_server_count(
    shop: RunningShop, shop_api: ShopApi
) -> None:
    from client.pagination import PageIterator

    pages = PageIterator(lambda n, c: shop_api.list_tracks(limit=n, cursor=c), limit=50)
    tracks = list(pages)
    expected = server_track_count(shop)
    assert expected > 50
    assert len(tracks) == expected
    assert len({t.id for t in tracks}) == expected
    assert pages.pages_fetched == -(-expected // 50)
    assert all(isinstance(t, Track) and t.at.tzinfo is not None for t in tracks)
    assert [t.at for t in tracks] == sorted((t.at for t in tracks), reverse=True)


def test_iter_tracks_is_lazy_and_respects_max_items(shop_api: ShopApi) -> None:
    first = shop_api.list_tracks(limit=5)
    assert len(first.items) == 5
    assert first.next_cursor
    assert [t.id for t in shop_api.list_tracks(limit=2).auto_paging_iter(max_items=5)] == [
        t.id for t in first.items
    ]


def test_track_filters(shop_api: ShopApi) -> None:
    searches = list(shop_api.list_tracks(kind="search", limit=500).auto_paging_iter())
    views = list(shop_api.list_tracks(kind="view", limit=500).auto_paging_iter())
    assert searches
    assert views
    assert all(t.kind == "search" for t in searches)
    assert all(t.kind == "view" for t in views)
    word = searches[0].text[:3]
    found = list(shop_api.list_tracks(q=word, limit=500).auto_paging_iter())
    assert found
    assert all(word.lower() in t.text.lower() for t in found)
    middle = searches[len(searches) // 2].at
    start, end = middle - timedelta(days=7), middle + timedelta(days=1)
    ranged = list(shop_api.list_tracks(start=start, end=end, limit=500).auto_paging_iter())
    assert ranged
    assert all(start <= t.at < end for t in ranged)
    with pytest.raises(ValueError, match="timezone"):
        shop_api.list_tracks(start=middle.replace(tzinfo=None))


def test_activity_buckets(shop_api: ShopApi) -> None:
    activity = shop_api.track_activity(bucket="month")
    assert activity.bucket == "month"
    assert activity.buckets
    total = sum(b.search + b.view for b in activity.buckets)
    assert total == len(list(shop_api.list_tracks(limit=500).auto_paging_iter()))


def test_delete_one_track_and_a_missing_one(shop: RunningShop, shop_api: ShopApi) -> None:
    before = server_track_count(shop)
    victim = shop_api.list_tracks(limit=1).items[0]
    shop_api.delete_track(victim.id)
    assert server_track_count(shop) == before - 1
    with pytest.raises(NotFound) as caught:
        shop_api.delete_track(victim.id)
    assert caught.value.status == 404
    assert caught.value.code == "not_found"


def test_bulk_delete_by_ids_is_idempotent_with_its_key(
    shop: RunningShop, shop_api: ShopApi
) -> None:
    before = server_track_count(shop)
    ids = [t.id for t in shop_api.list_tracks(limit=3).items]
    key = str(uuid.uuid4())
    assert shop_api.delete_tracks(ids=ids, idempotency_key=key) == 3
    # the same key and body replays the first answer; nothing more is deleted
    assert shop_api.delete_tracks(ids=ids, idempotency_key=key) == 3
    assert server_track_count(shop) == before - 3


def test_bulk_delete_by_range_and_all(shop: RunningShop, shop_api: ShopApi) -> None:
    tracks = list(shop_api.list_tracks(limit=500).auto_paging_iter())
    end = tracks[0].at + timedelta(seconds=1)
    start = tracks[9].at
    in_range = sum(1 for t in tracks if start <= t.at < end)
    assert shop_api.delete_tracks(start=start, end=end) == in_range
    remaining = server_track_count(shop)
    assert shop_api.delete_tracks(everything=True) == remaining
    assert server_track_count(shop) == 0
    with pytest.raises(ValueError, match="exactly one"):
        shop_api.delete_tracks()


def test_bulk_delete_all_needs_a_recent_sign_in(shop: RunningShop, shop_api: ShopApi) -> None:
    shop.ctx.clock.offset += timedelta(minutes=6)  # past the reauth window, token still valid
    try:
        with pytest.raises(ReauthRequired) as caught:
            shop_api.delete_tracks(everything=True)
    finally:
        shop.ctx.clock.offset -= timedelta(minutes=6)
    assert caught.value.status == 403
    assert caught.value.code == "reauth_required"
    assert server_track_count(shop) > 0


def test_tracks_of_another_shopper_cannot_be_deleted(shop: RunningShop, shop_api: ShopApi) -> None:
    other = api_for(shop, *SECOND_SHOPPER)
    foreign = other.list_tracks(limit=1).items[0]
    with pytest.raises(NotFound):
        shop_api.delete_track(foreign.id)
    assert shop_api.delete_tracks(ids=[foreign.id]) == 0


def test_tags_list_and_delete(shop_api: ShopApi) -> None:
    tags = list(shop_api.list_tags(limit=2).auto_paging_iter())
    assert tags
    assert all(0.0 <= t.confidence <= 1.0 for t in tags)
    shop_api.delete_tag(tags[0].id)
    assert tags[0].id not in {t.id for t in shop_api.list_tags().auto_paging_iter()}
    with pytest.raises(NotFound):
        shop_api.delete_tag(tags[0].id)
