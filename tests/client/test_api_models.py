"""Models and pagination without a server: bad data becomes BadResponse, pages are lazy."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from client.errors import BadResponse
from client.models import Account, Page, Track, parse, parse_page
from client.pagination import ListPage, PageIterator, auto_paging_iter, single_page


def track(n: int, **changes: Any) -> dict[str, Any]:
    return {
        "id": str(n),
        "kind": "search",
        "text": f"t{n}",
        "item_ref": None,
        "at": "2026-01-02T03:04:05.000006Z",
        **changes,
    }


def test_unknown_fields_are_ignored_and_models_are_frozen() -> None:
    item = parse(Track, track(1, colour="blue"))
    assert item.at == datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
    with pytest.raises(Exception, match="frozen"):
        item.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "bad",
    [
        track(1, at="2026-01-02T03:04:05"),  # naive time
        track(1, kind="purchase"),
        track(1, at="yesterday"),
        {"id": "1"},
    ],
)
def test_malformed_items_raise_bad_response(bad: dict[str, Any]) -> None:
    with pytest.raises(BadResponse) as caught:
        parse_page(Track, {"items": [track(0), bad], "next_cursor": None})
    assert "item 1" in str(caught.value)
    assert "Track" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"next_cursor": None},
        {"items": {}, "next_cursor": None},
        {"items": [], "next_cursor": 5},
    ],
)
def test_malformed_pages_raise_bad_response(data: Any) -> None:
    with pytest.raises(BadResponse):
        parse_page(Track, data)


def test_bad_account_message_names_the_field() -> None:
    with pytest.raises(BadResponse, match="created_at"):
        parse(
            Account,
            {
                "id": "1",
                "customer_no": "x",
                "display_name": "y",
                "role": "shopper",
                "created_at": "not a time",
                "personalization": True,
                "fields": [],
            },
        )


class FakeList:
    def __init__(self, total: int) -> None:
        self.items = [parse(Track, track(n)) for n in range(total)]
        self.calls: list[tuple[int, str | None]] = []

    def fetch(self, limit: int, cursor: str | None) -> Page[Track]:
        self.calls.append((limit, cursor))
        start = int(cursor) if cursor else 0
        end = start + limit
        return Page(
            items=self.items[start:end], next_cursor=str(end) if end < len(self.items) else None
        )


def test_iteration_is_lazy_and_follows_cursors() -> None:
    source = FakeList(7)
    iterator = auto_paging_iter(source.fetch, limit=3)
    assert source.calls == []
    assert next(iterator).id == "0"
    assert source.calls == [(3, None)]
    assert [t.id for t in iterator] == [str(n) for n in range(1, 7)]
    assert source.calls == [(3, None), (3, "3"), (3, "6")]


def test_max_items_stops_early_and_shrinks_the_last_page() -> None:
    source = FakeList(100)
    assert len(list(auto_paging_iter(source.fetch, limit=10, max_items=25))) == 25
    assert source.calls[-1] == (5, "20")
    assert list(PageIterator(source.fetch, max_items=0)) == []


def test_a_repeated_cursor_is_a_bad_response() -> None:
    def stuck(limit: int, cursor: str | None) -> Page[Track]:
        return Page(items=[parse(Track, track(1))], next_cursor="same")

    with pytest.raises(BadResponse):
        list(auto_paging_iter(stuck, limit=1))


def test_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="limit"):
        PageIterator(FakeList(1).fetch, limit=0)
    with pytest.raises(ValueError, match="limit"):
        PageIterator(FakeList(1).fetch, limit=501)


def test_a_list_page_is_one_fetch_and_walks_the_rest_lazily() -> None:
    source = FakeList(7)
    first = ListPage.fetch(source.fetch, limit=3)
    assert source.calls == [(3, None)]
    assert [t.id for t in first.items] == ["0", "1", "2"]
    assert first.has_more
    assert first.next_cursor == "3"
    walk = first.auto_paging_iter()
    assert [next(walk).id for _ in range(3)] == ["0", "1", "2"]
    assert source.calls == [(3, None)]  # this page's items cost nothing more
    assert next(walk).id == "3"
    assert source.calls == [(3, None), (3, "3")]
    assert [t.id for t in walk] == ["4", "5", "6"]
    assert source.calls == [(3, None), (3, "3"), (3, "6")]


def test_a_list_page_walks_from_where_it_was_fetched_and_stops_at_max_items() -> None:
    source = FakeList(100)
    page = ListPage.fetch(source.fetch, limit=10, cursor="40")
    assert [t.id for t in page.auto_paging_iter(max_items=25)] == [str(n) for n in range(40, 65)]
    assert source.calls == [(10, "40"), (10, "50"), (5, "60")]
    assert list(page.auto_paging_iter(max_items=0)) == []
    following = page.next_page()
    assert following is not None
    assert following.cursor == "50"
    assert [t.id for t in following.items] == [str(n) for n in range(50, 60)]
    last = ListPage.fetch(source.fetch, limit=10, cursor="90")
    assert last.next_cursor is None
    assert last.next_page() is None
    with pytest.raises(ValueError, match="max_items"):
        page.auto_paging_iter(max_items=-1)


def test_a_list_page_refuses_a_shop_that_would_loop() -> None:
    def stuck(limit: int, cursor: str | None) -> Page[Track]:
        return Page(items=[parse(Track, track(1))], next_cursor="same")

    walk = ListPage.fetch(stuck, limit=1, cursor="same").auto_paging_iter()
    assert next(walk).id == "1"
    with pytest.raises(BadResponse):
        next(walk)

    def empty(limit: int, cursor: str | None) -> Page[Track]:
        return Page(items=[], next_cursor="more")

    with pytest.raises(BadResponse):
        list(ListPage.fetch(empty, limit=5).auto_paging_iter())
    with pytest.raises(ValueError, match="limit"):
        ListPage.fetch(FakeList(1).fetch, limit=0)


def test_a_single_page_is_the_last_one() -> None:
    items = [parse(Track, track(n)) for n in range(3)]
    page = single_page(items)
    assert page.items == items
    assert not page.has_more
    assert list(page.auto_paging_iter()) == items
    assert page.next_page() is None
