"""Cursor pagination: `ListPage[T]`, one page that can also walk the whole list.

Like stripe-python's list objects: a list method of `ShopReader` fetches one page and returns a
`ListPage` (its `items`, its `next_cursor`); `auto_paging_iter()` then yields every item from
that page on, fetching each further page only when the previous one is used up, and stops at
the last page (`next_cursor` null) or after `max_items`. The cursor is the server's keyset
cursor (or an archive's position); callers never build one.

`PageIterator` is the engine underneath: it walks pages from any cursor with any fetch
function, lazily (nothing is fetched until the first item is asked for).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, Protocol, TypeVar

from client.errors import BadResponse
from client.models.common import Page

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class PageLike(Protocol[T_co]):
    """What a fetch returns: `Page[T]` from the wire, or a `ListPage[T]`."""

    @property
    def items(self) -> Sequence[T_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


# fetch(limit, cursor) -> one page
PageFetcher = Callable[[int, str | None], PageLike[T]]


def check_limit(limit: int) -> int:
    """The API accepts 1..500 items per page."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}, not {limit}")
    return limit


def _check_progress(page: PageLike[T], cursor: str | None, seen: set[str]) -> None:
    """Refuse a page that would make a walk loop forever or spin on nothing."""
    if page.next_cursor is None:
        return
    if page.next_cursor in seen or page.next_cursor == cursor:
        raise BadResponse("The shop sent the same page cursor twice.")
    if not page.items:
        # A page with no items but a cursor would make the UI spin; the shop is confused.
        raise BadResponse("The shop sent an empty page that claims more follow.")


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

    def pages(self) -> Iterator[PageLike[T]]:
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
            _check_progress(page, cursor, seen)
            seen.add(page.next_cursor)
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


class ListPage(Generic[T]):
    """One fetched page of a list, which can also fetch the rest.

    `items` and `next_cursor` are this page (a lazy view shows it and keeps the cursor for the
    next scroll); `auto_paging_iter()` yields this page's items and then every later page's,
    fetching as it goes. Made by `ListPage.fetch`; immutable once made.
    """

    __slots__ = ("_fetch", "cursor", "items", "limit", "next_cursor")

    def __init__(
        self,
        items: Sequence[T],
        next_cursor: str | None,
        *,
        fetch: PageFetcher[T] | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> None:
        self.items: list[T] = list(items)
        self.next_cursor = next_cursor or None
        self.limit = check_limit(limit)
        self.cursor = cursor  # the cursor this page was fetched with (None: the first page)
        self._fetch = fetch

    @classmethod
    def fetch(
        cls, fetch: PageFetcher[T], *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[T]:
        """Fetch the page at `cursor` (the first page without one), `limit` items at most."""
        page = fetch(check_limit(limit), cursor)
        return cls(page.items, page.next_cursor, fetch=fetch, limit=limit, cursor=cursor)

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    def next_page(self) -> ListPage[T] | None:
        """The following page (fetched now), or None after the last one."""
        if self.next_cursor is None:
            return None
        if self._fetch is None:
            raise BadResponse("This list cannot fetch further pages.")
        _check_progress(self, self.cursor, set())
        return ListPage.fetch(self._fetch, limit=self.limit, cursor=self.next_cursor)

    def auto_paging_iter(self, *, max_items: int | None = None) -> Iterator[T]:
        """Every item from this page on, fetching later pages lazily; at most `max_items`."""
        if max_items is not None and max_items < 0:
            raise ValueError("max_items must not be negative")
        return self._walk(max_items)

    def _walk(self, max_items: int | None) -> Iterator[T]:
        count = 0
        for item in self.items:
            if max_items is not None and count >= max_items:
                return
            count += 1
            yield item
        if self.next_cursor is None or (max_items is not None and count >= max_items):
            return
        if self._fetch is None:
            raise BadResponse("This list cannot fetch further pages.")
        _check_progress(self, self.cursor, set())
        rest = PageIterator(
            self._fetch,
            limit=self.limit,
            cursor=self.next_cursor,
            max_items=None if max_items is None else max_items - count,
        )
        yield from rest

    def __repr__(self) -> str:
        return f"ListPage({len(self.items)} items, next_cursor={self.next_cursor!r})"


def single_page(items: Sequence[T]) -> ListPage[T]:
    """A whole list held locally (e.g. a backend's own record) as a last page."""
    return ListPage(items, None, limit=MAX_PAGE_SIZE)


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "ListPage",
    "Page",
    "PageFetcher",
    "PageIterator",
    "PageLike",
    "auto_paging_iter",
    "check_limit",
    "single_page",
]
