"""A table model that loads a server list page by page as the view scrolls.

`fetch(cursor)` runs on a worker thread (through the app's TaskRunner) and returns
`(items, next_cursor)`. The view asks `canFetchMore`/`fetchMore` when it nears the end; only
one page is in flight at a time, and a reset (new filters) drops any late answer. With
`cache_text=True` the worker thread also makes each row's cell texts, so a page's arrival on the
UI thread is one list extension and painting reads ready strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Signal

from ui.models.columns import Column
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskControl, TaskRunner

R = TypeVar("R")

Fetcher = Callable[[str | None], tuple[Sequence[R], str | None]]
Loaded = tuple[Sequence[R], str | None, list[tuple[str, ...]] | None]  # rows, cursor, texts


class PagedTableModel(RecordTableModel[R], Generic[R]):
    loading_changed = Signal(bool)
    load_failed = Signal(object)  # the exception
    page_loaded = Signal(int)  # rows now loaded

    def __init__(
        self,
        columns: Sequence[Column[R]],
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        cache_text: bool = False,
    ) -> None:
        super().__init__(columns, parent, cache_text=cache_text)
        self._runner = runner
        self._fetch: Fetcher[R] | None = None
        self._cursor: str | None = None
        self._exhausted = True
        self._in_flight: Any = None
        self._generation = 0
        self._failed = False  # after an error, wait for retry() instead of re-asking on scroll
        self._replace_on_next = False  # old rows stay shown until the new first page arrives

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
            self.set_rows([])
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

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._failed
            and self._fetch is not None
        )

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
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

        cache_text = self._texts is not None

        def work(_control: TaskControl) -> Loaded[R]:
            items, next_cursor = fetch(cursor)
            texts = [self.row_texts(item) for item in items] if cache_text else None
            return items, next_cursor, texts

        def done(page: Loaded[R]) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            items, next_cursor, texts = page
            self._cursor = next_cursor
            self._exhausted = next_cursor is None
            if self._replace_on_next:
                self._replace_on_next = False
                self.set_rows(list(items))
            else:
                self.append_rows(items, texts)
            self.loading_changed.emit(False)
            self.page_loaded.emit(self.rowCount())

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            self._failed = True
            self.loading_changed.emit(False)
            self.load_failed.emit(error)

        self._in_flight = self._runner.run(work, done, failed)
        self.loading_changed.emit(True)
