"""The sidebar's pages, in order. A page is a `Page` subclass with a unique `page_id`."""

from __future__ import annotations

from ui.pages.access_log import AccessLogPage
from ui.pages.base import Page
from ui.pages.consents import ConsentsPage
from ui.pages.decisions import DecisionsPage
from ui.pages.my_data import MyDataPage
from ui.pages.notices import NoticesPage
from ui.pages.orders import OrdersPage
from ui.pages.overview import OverviewPage
from ui.pages.requests import RequestsPage
from ui.pages.sharing import SharingPage
from ui.pages.tracks import TracksPage


def page_classes() -> list[type[Page]]:
    return [
        OverviewPage,
        MyDataPage,
        TracksPage,
        OrdersPage,
        ConsentsPage,
        SharingPage,
        DecisionsPage,
        RequestsPage,
        NoticesPage,
        AccessLogPage,
    ]
