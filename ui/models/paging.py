"""Loading a server list page by page as a view scrolls: the part both paged models share.

`fetch(cursor)` runs on a worker thread (through the app's TaskRunner) and returns
`(items, next_cursor)`; the view asks `canFetchMore`/`fetchMore` when it nears the end; only one
page is in flight at a time, and a new `start` (new filters) drops any late answer. The model
(`PagedTableModel`) says how a page's rows are made and shown in `_page_texts` and `_show_page`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from ui.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

R = TypeVar("R")

Fetcher = Callable[[str | None], tuple[Sequence[R], str | None]]
Texts = list[tuple[str, ...]]
Loaded = tuple[Sequence[R], str | None, Texts | None]  # rows, cursor, their texts (or None)
Index = QModelIndex | QPersistentModelIndex


class PagedLoading(Generic[R]):
    """Mixed into a Qt item model (before the Qt class) that declares the three signals
    `loading_changed(bool)`, `load_failed(object)` and `page_loaded(int)`."""

    if TYPE_CHECKING:  # the host model's (Qt signals live on the QObject class itself)
        loading_changed: SignalInstance
        load_failed: SignalInstance
        page_loaded: SignalInstance

        def rowCount(self, parent: Index = ...) -> int: ...

    def _init_paging(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._fetch: Fetcher[R] | None = None
        self._cursor: str | None = None
        self._exhausted = True
        self._in_flight: Any = None
        self._generation = 0
        self._failed = False  # after an error, wait for retry() instead of re-asking on scroll
        self._replace_on_next = False  # old rows stay shown until the new first page arrives

    # --- what the model says ----------------------------------------------------------------
    def _page_texts(self, items: Sequence[R]) -> Texts | None:
        """A page's cell texts, made on the worker thread (None: the model makes none)."""
        raise NotImplementedError

    def _show_page(self, items: Sequence[R], texts: Texts | None, *, replace: bool) -> None:
        """Show a page that arrived: instead of every row (`replace`) or after them."""
        raise NotImplementedError

    def _clear_rows(self) -> None:
        raise NotImplementedError

    # --- paging -----------------------------------------------------------------------------
    def start(self, fetch: Fetcher[R], *, keep_until_loaded: bool = False) -> None:
        """Forget what was loaded and load the first page with `fetch`.

        `keep_until_loaded`: the rows shown stay until the first page arrives, and stay when
        it cannot be loaded (offline: what was loaded is kept, never emptied; see `stale`).
        """
        self._generation += 1
        if self._in_flight is not None:
            self._in_flight.cancel()
            self._in_flight = None
        self._fetch = fetch
        self._cursor = None
        self._exhausted = False
        self._failed = False
        self._replace_on_next = keep_until_loaded
        if not keep_until_loaded:
            self._clear_rows()
        self._load_next()

    @property
    def stale(self) -> bool:
        """The rows shown are from before the last `start` (its first page is not in yet)."""
        return self._replace_on_next

    @property
    def loading(self) -> bool:
        return self._in_flight is not None

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._failed
            and self._fetch is not None
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid() and self._in_flight is None:
            self._load_next()

    def retry(self) -> None:
        if self._in_flight is None and not self._exhausted:
            self._failed = False
            self._load_next()

    def _load_next(self) -> None:
        fetch = self._fetch
        if fetch is None or self._exhausted:
            return
        cursor = self._cursor
        generation = self._generation
        page_texts = self._page_texts

        def work(_control: TaskControl) -> Loaded[R]:
            items, next_cursor = fetch(cursor)
            return items, next_cursor, page_texts(items)

        def done(page: Loaded[R]) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            items, next_cursor, texts = page
            self._cursor = next_cursor
            self._exhausted = next_cursor is None
            replace = self._replace_on_next
            self._replace_on_next = False
            self._show_page(items, texts, replace=replace)
            self.loading_changed.emit(False)
            self.page_loaded.emit(self.rowCount())

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            self._failed = True
            self.loading_changed.emit(False)
            self.load_failed.emit(error)

        self._in_flight = self._runner.run(work, done, failed, after_events=True)
        self.loading_changed.emit(True)


__all__ = ["Fetcher", "Loaded", "PagedLoading", "Texts"]
