"""Cursor pagination: `Page[T]` and a lazy iterator that follows `next_cursor`.

Like stripe-python's `auto_paging_iter`: nothing is fetched until the first item is asked for,
each further page is fetched only when the previous one is used up, and iteration stops at the
last page (`next_cursor` null) or after `max_items`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from client.errors import BadResponse
from client.models.common import Page

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500

# fetch(limit, cursor) -> one page
PageFetcher = Callable[[int, str | None], Page[T]]


def check_limit(limit: int) -> int:
    """The API accepts 1..500 items per page."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}, not {limit}")
    return limit


class PageIterator(Generic[T]):
    """Iterate the items of a list across pages, lazily.

    `pages()` yields whole pages instead (for a UI that shows them as they arrive). A cursor that
    repeats is reported as a bad response rather than looping forever.
    """

    def __init__(
        self,
        fetch: PageFetcher[T],
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        max_items: int | None = None,
    ) -> None:
        if max_items is not None and max_items < 0:
            raise ValueError("max_items must not be negative")
        self._fetch = fetch
        self.limit = check_limit(limit)
        self.start_cursor = cursor
        self.max_items = max_items
        self.pages_fetched = 0

    def pages(self) -> Iterator[Page[T]]:
        cursor = self.start_cursor
        seen: set[str] = set()
        remaining = self.max_items
        while remaining is None or remaining > 0:
            size = self.limit if remaining is None else min(self.limit, remaining)
            page = self._fetch(size, cursor)
            self.pages_fetched += 1
            if remaining is not None:
                remaining -= len(page.items)
            yield page
            if page.next_cursor is None:
                return
            if page.next_cursor in seen or page.next_cursor == cursor:
                raise BadResponse("The shop sent the same page cursor twice.")
            seen.add(page.next_cursor)
            if not page.items:
                # A page with no items but a cursor would make the UI spin; the shop is confused.
                raise BadResponse("The shop sent an empty page that claims more follow.")
            cursor = page.next_cursor

    def __iter__(self) -> Iterator[T]:
        count = 0
        for page in self.pages():
            for item in page.items:
                if self.max_items is not None and count >= self.max_items:
                    return
                count += 1
                yield item


def auto_paging_iter(
    fetch: PageFetcher[T],
    *,
    limit: int = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
    max_items: int | None = None,
) -> Iterator[T]:
    """Items of every page from `cursor` on, fetching `limit` at a time, at most `max_items`."""
    return iter(PageIterator(fetch, limit=limit, cursor=cursor, max_items=max_items))


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Page",
    "PageFetcher",
    "PageIterator",
    "auto_paging_iter",
    "check_limit",
]
