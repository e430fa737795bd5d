"""The sidebar's pages, in order, and the window's lazily built set of them.

Each entry names its page (id, icon, title) and where its class lives; the module is imported
and the page built only when the page is first shown, so the first window paints without
importing the API models or building ten pages. `PageSet` is the window's `pages` mapping:
reading a page builds it, `built()` lists only the pages that exist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ui.pages.base import Page, PageContext


@dataclass(frozen=True)
class PageEntry:
    """What the sidebar shows for a page before the page exists."""

    page_id: str
    icon_name: str
    module: str
    class_name: str
    title_text: str  # the page's title as its class says it: `self.tr(title_text)`

    def title(self) -> str:
        # The same context and source text as the page's own `self.tr(...)`, hence the same
        # translation; tests/ui/test_startup.py checks that each entry matches its class.
        return QCoreApplication.translate(self.class_name, self.title_text)

    def page_class(self) -> type[Page]:
        page_class: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return page_class


PAGES: tuple[PageEntry, ...] = (
    PageEntry("overview", "overview", "ui.pages.overview", "OverviewPage", "Overview"),
    PageEntry("my-data", "data", "ui.pages.my_data", "MyDataPage", "My data"),
    PageEntry("tracks", "tracks", "ui.pages.tracks", "TracksPage", "My Tracks"),
    PageEntry("orders", "orders", "ui.pages.orders", "OrdersPage", "Orders"),
    PageEntry(
        "consents", "consents", "ui.pages.consents", "ConsentsPage", "Consents & subscriptions"
    ),
    PageEntry("sharing", "sharing", "ui.pages.sharing", "SharingPage", "Sharing"),
    PageEntry(
        "decisions", "decisions", "ui.pages.decisions", "DecisionsPage", "Automated decisions"
    ),
    PageEntry("requests", "requests", "ui.pages.requests", "RequestsPage", "Requests"),
    PageEntry("notices", "notices", "ui.pages.notices", "NoticesPage", "Notices & policy"),
    PageEntry("incidents", "warning", "ui.pages.incidents", "IncidentsPage", "Security incidents"),
    PageEntry(
        "access-log", "access-log", "ui.pages.access_log", "AccessLogPage", "Who accessed my data"
    ),
)


def page_entries() -> tuple[PageEntry, ...]:
    return PAGES


def page_classes() -> list[type[Page]]:
    """Every page class, in sidebar order (imports every page module)."""
    return [entry.page_class() for entry in PAGES]


class PageSet(Mapping[str, "Page"]):
    """The window's pages by id, built on first access (`window.pages["tracks"]`).

    Iterating keys or testing membership never builds a page; reading a value does, through
    `build(entry, context)` (the window's hook, which also puts the page in its stack).
    """

    def __init__(
        self,
        entries: tuple[PageEntry, ...],
        context: PageContext,
        build: Callable[[PageEntry, PageContext], Page],
    ) -> None:
        self._entries = {entry.page_id: entry for entry in entries}
        self._context = context
        self._build = build
        self._pages: dict[str, Page] = {}

    def __getitem__(self, page_id: str) -> Page:
        page = self._pages.get(page_id)
        if page is None:
            page = self._build(self._entries[page_id], self._context)
            self._pages[page_id] = page
        return page

    def __contains__(self, page_id: object) -> bool:
        return page_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, page_id: str) -> PageEntry:
        return self._entries[page_id]

    def built(self) -> list[Page]:
        """The pages that exist so far, in sidebar order."""
        return [self._pages[key] for key in self._entries if key in self._pages]

    def built_page(self, page_id: str) -> Page | None:
        """The page if it was built already; never builds it."""
        return self._pages.get(page_id)
