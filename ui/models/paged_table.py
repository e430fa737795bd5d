"""A table model that loads a server list page by page as the view scrolls.

The paging (`fetch(cursor)` on a worker thread, `canFetchMore`/`fetchMore`, one page in flight,
a reset dropping late answers) is `ui.models.paging.PagedLoading`'s. With
`cache_text=True` the worker thread also makes each row's cell texts, so a page's arrival on the
UI thread is one list extension and painting reads ready strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from ui.models.columns import Column
from ui.models.paging import Fetcher, Loaded, PagedLoading, Texts
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner

R = TypeVar("R")


class PagedTableModel(PagedLoading[R], RecordTableModel[R], Generic[R]):
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
        self._init_paging(runner)

    def _page_texts(self, items: Sequence[R]) -> Texts | None:
        return [self.row_texts(item) for item in items] if self._texts is not None else None

    def _show_page(self, items: Sequence[R], texts: Texts | None, *, replace: bool) -> None:
        if replace:
            self.set_rows(items, texts)
        else:
            self.append_rows(items, texts)

    def _clear_rows(self) -> None:
        self.set_rows([])


__all__ = ["Fetcher", "Loaded", "PagedTableModel"]
