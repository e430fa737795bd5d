"""My Tracks, the activity chart and interest tags, over real HTTP."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tests.support.oauth_login import Api

TRACK_KEYS = {"id", "kind", "text", "item_ref", "at"}


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def collect(api: Api, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following `next_cursor`."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        query = dict(params)
        if cursor:
            query["cursor"] = cursor
        response = api.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next_cursor"}
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def all_tracks(api: Api) -> list[dict[str, Any]]:
    response = api.get("/tracks", params={"limit": 500})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    return list(body["items"])


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def contains(text: str, q: str) -> bool:
    return q.lower() in text.lower()


# listing and pagination


def test_list_shape_newest_first(api: Api) -> None:
    tracks = all_tracks(api)
    assert len(tracks) == 400
    for track in tracks:
        assert set(track) == TRACK_KEYS
        assert track["kind"] in ("search", "view")
        assert isinstance(track["id"], str)
        assert (track["item_ref"] is None) == (track["kind"] == "search")
        assert when(track["at"]).tzinfo is not None
    keys = [(when(t["at"]), int(t["id"])) for t in tracks]
    assert keys == sorted(keys, reverse=True)
    assert api.get("/tracks").json()["items"] == tracks[:100]  # default limit 100


def test_pages_of_37_match_one_big_page(api: Api) -> None:
    big = all_tracks(api)
    paged = collect(api, "/tracks", limit=37)
    assert ids(paged) == ids(big)
    assert len(set(ids(paged))) == len(paged) == 400


def test_bad_cursor_and_limit(api: Api) -> None:
    for cursor in ("not-a-cursor!", "eyJ4IjoxfQ", "WyJ4IiwxXQ", "W10", "WzEsMl0", "%%%"):
        response = api.get("/tracks", params={"cursor": cursor})
        assert response.status_code == 400, (cursor, response.text)
        assert response.json()["code"] == "invalid_cursor"
        assert response.headers["content-type"].startswith("application/problem+json")
    for limit in ("0", "501", "-3", "ten"):
        response = api.get("/tracks", params={"limit": limit})
        assert response.status_code == 422
        assert response.json()["code"] == "validation_failed"
    assert api.get("/tracks", params={"limit": 500}).status_code == 200


# filters


def test_filter_kind(api: Api) -> None:
    tracks = all_tracks(api)
    for kind in ("search", "view"):
        expected = [t for t in tracks if t["kind"] == kind]
        assert expected
        assert ids(collect(api, "/tracks", kind=kind, limit=50)) == ids(expected)
    assert api.get("/tracks", params={"kind": "purchase"}).status_code == 422


def _terms(tracks: list[dict[str, Any]]) -> list[str]:
    """Chinese and English queries of 1, 2, 3 and more characters drawn from the data."""
    runs = re.findall(r"[\u4e00-\u9fff]{4,}", " ".join(t["text"] for t in tracks))
    han = runs[0]
    english = next(t["text"] for t in tracks if t["kind"] == "search" and t["text"].isascii())
    word = max(english.split(), key=len)
    return [han[:1], han[:2], han[:3], han[:4], word[:2], word, word.upper(), english]


@pytest.fixture(params=["index-driven", "hits-driven"])
def fts_strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both full-text plans: walk the subject's index, or start from few full-text hits."""
    import server.routes.tracks as tracks_routes  # the shop runs in this process

    if request.param == "index-driven":
        monkeypatch.setattr(tracks_routes, "FTS_DRIVE_LIMIT", -1)
    else:
        monkeypatch.setattr(tracks_routes, "FTS_DRIVE_LIMIT", 10**6)
    return str(request.param)


def test_filter_q_chinese_and_english(api: Api, fts_strategy: str) -> None:
    tracks = all_tracks(api)
    terms = _terms(tracks)
    assert any(len(term) == 2 and not term.isascii() for term in terms)
    for term in terms:
        expected = [t for t in tracks if contains(t["text"], term)]
        assert expected, term
        got = collect(api, "/tracks", q=term, limit=500)
        assert ids(got) == ids(expected), term
        assert all(contains(t["text"], term) for t in got)
    nothing = api.get("/tracks", params={"q": "no such thing at all"}).json()
    assert nothing == {"items": [], "next_cursor": None}


def test_q_is_literal_text(api: Api) -> None:
    for q in ("%", "_", "%%", "__", "\\", '"', '"耳机', 'a"b', "NEAR(a b)", "x* OR y", "a:b", "*"):
        response = api.get("/tracks", params={"q": q})
        assert response.status_code == 200, (q, response.text)
        tracks = all_tracks(api)
        expected = [t for t in tracks if contains(t["text"], q)]
        assert ids(response.json()["items"]) == ids(expected)[:100], q
    assert api.get("/tracks", params={"q": "x" * 200}).status_code == 200
    too_long = api.get("/tracks", params={"q": "x" * 201})
    assert too_long.status_code == 422


def test_filter_from_to(api: Api) -> None:
    tracks = all_tracks(api)
    newer, older = when(tracks[40]["at"]), when(tracks[300]["at"])
    expected = [t for t in tracks if older <= when(t["at"]) < newer]
    got = collect(api, "/tracks", limit=23, **{"from": iso(older), "to": iso(newer)})
    assert ids(got) == ids(expected)
    assert 250 <= len(got) <= 261
    only_from = collect(api, "/tracks", limit=500, **{"from": iso(older)})
    assert ids(only_from) == [t["id"] for t in tracks if when(t["at"]) >= older]
    only_to = collect(api, "/tracks", limit=500, to=iso(newer))
    assert ids(only_to) == [t["id"] for t in tracks if when(t["at"]) < newer]
    # another offset means the same instant
    shifted = older.astimezone(datetime.now().astimezone().tzinfo).isoformat()
    assert ids(collect(api, "/tracks", limit=500, **{"from": shifted})) == ids(only_from)
    backwards = api.get("/tracks", params={"from": iso(newer), "to": iso(older)})
    assert backwards.status_code == 422
    assert api.get("/tracks", params={"from": "yesterday"}).status_code == 422


def test_filter_combinations(api: Api, fts_strategy: str) -> None:
    tracks = all_tracks(api)
    han = _terms(tracks)[1]  # two Chinese characters: the LIKE path
    word = _terms(tracks)[5]  # an English word: the full-text path
    newer, older = when(tracks[20]["at"]), when(tracks[380]["at"])
    for term in (han, word):
        for kind in ("search", "view"):
            expected = [
                t
                for t in tracks
                if t["kind"] == kind
                and contains(t["text"], term)
                and older <= when(t["at"]) < newer
            ]
            got = collect(
                api,
                "/tracks",
                kind=kind,
                q=term,
                limit=3,
                **{"from": iso(older), "to": iso(newer)},
            )
            assert ids(got) == ids(expected), (term, kind)


# deleting


def test_delete_one(api: Api, other_api: Api) -> None:
    victim = all_tracks(api)[5]["id"]
    assert other_api.delete(f"/tracks/{victim}").status_code == 404
    response = api.delete(f"/tracks/{victim}")
    assert response.status_code == 204
    assert response.content == b""
    assert victim not in ids(all_tracks(api))
    again = api.delete(f"/tracks/{victim}")
    assert again.status_code == 404
    assert again.json()["code"] == "not_found"
    for bad in ("abc", "0", "-1", "99999999999999999999", "１２"):
        assert api.delete(f"/tracks/{bad}").status_code == 404
    assert len(all_tracks(api)) == 399


def test_bulk_delete_by_ids(api: Api, other_api: Api) -> None:
    tracks = all_tracks(api)
    mine = ids(tracks[:10])
    foreign = ids(all_tracks(other_api))[:3]
    body = {"ids": [*mine, mine[0], *foreign, "nonsense", "0"]}
    response = api.post("/tracks:delete", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"deleted": 10}
    left = ids(all_tracks(api))
    assert len(left) == 390
    assert not set(mine) & set(left)
    assert set(foreign) <= set(ids(all_tracks(other_api)))
    assert api.post("/tracks:delete", json={"ids": mine}).json() == {"deleted": 0}


def test_bulk_delete_validation(api: Api) -> None:
    some = ids(all_tracks(api))[:2]
    bad_bodies: list[Any] = [
        {},
        {"ids": []},
        {"ids": [str(n) for n in range(1, 502)]},
        {"ids": some, "all": True},
        {"all": False},
        {"all": True, "from": "2025-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"},
        {"from": "2025-01-01T00:00:00Z"},
        {"from": "2026-01-01T00:00:00Z", "to": "2025-01-01T00:00:00Z"},
        {"ids": some, "extra": 1},
        ["1"],
    ]
    for body in bad_bodies:
        response = api.post("/tracks:delete", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["code"] == "validation_failed"
    assert len(all_tracks(api)) == 400
    ok = api.post("/tracks:delete", json={"ids": [str(n) for n in range(10**9, 10**9 + 500)]})
    assert ok.json() == {"deleted": 0}


def test_bulk_delete_range(api: Api) -> None:
    tracks = all_tracks(api)
    newer, older = when(tracks[100]["at"]), when(tracks[150]["at"])
    expected = [t["id"] for t in tracks if older <= when(t["at"]) < newer]
    body = {"from": iso(older), "to": iso(newer)}
    response = api.post("/tracks:delete", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"deleted": len(expected)} == {"deleted": 50}
    left = ids(all_tracks(api))
    assert len(left) == 350
    assert not set(expected) & set(left)


def test_bulk_delete_all_is_idempotent(api: Api, other_api: Api) -> None:
    others_before = len(all_tracks(other_api))
    key = str(uuid.uuid4())
    first = api.post("/tracks:delete", json={"all": True}, headers={"Idempotency-Key": key})
    assert first.status_code == 200, first.text
    assert first.json() == {"deleted": 400}
    replay = api.post("/tracks:delete", json={"all": True}, headers={"Idempotency-Key": key})
    assert replay.status_code == 200
    assert replay.json() == {"deleted": 400}
    assert all_tracks(api) == []
    conflict = api.post("/tracks:delete", json={"ids": ["1"]}, headers={"Idempotency-Key": key})
    assert conflict.status_code == 422
    assert conflict.json()["code"] == "idempotency_conflict"
    fresh = api.post("/tracks:delete", json={"all": True})
    assert fresh.json() == {"deleted": 0}
    assert len(all_tracks(other_api)) == others_before
    assert api.get("/tracks/activity").json()["buckets"] == []


def test_delete_all_and_range_need_recent_sign_in(shop: Any, api: Api) -> None:
    shop.ctx.clock.offset = timedelta(minutes=6)
    try:
        for body in (
            {"all": True},
            {"from": "2020-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"},
        ):
            response = api.post("/tracks:delete", json=body)
            assert response.status_code == 403, response.text
            assert response.json()["code"] == "reauth_required"
        assert len(all_tracks(api)) == 400
        one = all_tracks(api)[0]["id"]
        assert api.post("/tracks:delete", json={"ids": [one]}).json() == {"deleted": 1}
        assert api.delete(f"/tracks/{all_tracks(api)[0]['id']}").status_code == 204
    finally:
        shop.ctx.clock.offset = timedelta(0)


def test_cross_user_tracks_are_invisible(api: Api, other_api: Api) -> None:
    mine = set(ids(all_tracks(api)))
    theirs = set(ids(all_tracks(other_api)))
    assert mine
    assert theirs
    assert not mine & theirs
    stolen = other_api.post("/tracks:delete", json={"ids": sorted(mine)[:50]})
    assert stolen.json() == {"deleted": 0}
    assert set(ids(all_tracks(api))) == mine


# activity


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_activity_counts(api: Api, bucket: str) -> None:
    tracks = all_tracks(api)
    response = api.get("/tracks/activity", params={"bucket": bucket})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["bucket"] == bucket
    buckets = body["buckets"]
    starts = [date.fromisoformat(b["start"]) for b in buckets]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)

    def start_of(moment: datetime) -> date:
        day = moment.astimezone(UTC).date()
        return {"day": day, "week": _monday(day), "month": day.replace(day=1)}[bucket]

    expected: dict[date, dict[str, int]] = {}
    for t in tracks:
        slot = expected.setdefault(start_of(when(t["at"])), {"search": 0, "view": 0})
        slot[t["kind"]] += 1
    got = {
        date.fromisoformat(b["start"]): {"search": b["search"], "view": b["view"]} for b in buckets
    }
    assert {k: v for k, v in got.items() if v["search"] or v["view"]} == expected
    assert starts[0] == min(expected)
    assert starts[-1] == max(expected)
    if bucket == "week":
        assert all(s.weekday() == 0 for s in starts)
    if bucket == "month":
        assert all(s.day == 1 for s in starts)
    if bucket == "day":  # gaps are filled: one bucket per day
        assert len(starts) == (starts[-1] - starts[0]).days + 1


def test_activity_range_and_validation(api: Api) -> None:
    tracks = all_tracks(api)
    newer, older = when(tracks[10]["at"]), when(tracks[200]["at"])
    response = api.get(
        "/tracks/activity", params={"bucket": "month", "from": iso(older), "to": iso(newer)}
    )
    assert response.status_code == 200
    buckets = response.json()["buckets"]
    in_range = [t for t in tracks if older <= when(t["at"]) < newer]
    assert sum(b["search"] + b["view"] for b in buckets) == len(in_range) == 190
    assert sum(b["search"] for b in buckets) == sum(t["kind"] == "search" for t in in_range)
    assert api.get("/tracks/activity", params={"bucket": "year"}).status_code == 422
    backwards = api.get("/tracks/activity", params={"from": iso(newer), "to": iso(older)})
    assert backwards.status_code == 422


# tags


def test_tags_list_and_delete(api: Api, other_api: Api) -> None:
    tags = collect(api, "/tags", limit=3)
    assert len(tags) >= 8
    assert ids(tags) == ids(api.get("/tags").json()["items"])
    for tag in tags:
        assert set(tag) == {"id", "tag", "source", "confidence", "since"}
        assert 0 <= tag["confidence"] <= 1
    assert [int(i) for i in ids(tags)] == sorted(int(i) for i in ids(tags))
    victim = tags[0]["id"]
    assert other_api.delete(f"/tags/{victim}").status_code == 404
    assert victim not in ids(other_api.get("/tags").json()["items"])
    assert api.delete(f"/tags/{victim}").status_code == 204
    assert api.delete(f"/tags/{victim}").status_code == 404
    assert api.delete("/tags/nope").status_code == 404
    assert victim not in ids(collect(api, "/tags"))
    assert api.get("/tags", params={"cursor": "garbage!"}).status_code == 400
