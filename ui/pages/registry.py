"""The sidebar's pages, in order. A page is a `Page` subclass with a unique `page_id`."""

from __future__ import annotations

from ui.pages.base import Page
from ui.pages.overview import OverviewPage


def page_classes() -> list[type[Page]]:
    return [OverviewPage]
