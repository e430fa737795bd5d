"""Issue 13.6 in the app, against a real Silumart demo shop, clicking what a user clicks:
customer-service records and the no-consent exceptions in My data, agreements and merger
transfers on Sharing, impact assessments and the cessation notice, the Singapore transfer's own
consent and the consequence of refusing real-name verification, orders placed for others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTabWidget
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.ui.conftest import button, wait_loaded
from tests.ui.test_archives_ui import export, no_network, open_in_window
from tests.ui.test_page_my_data import shopper_api
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.base import DataPage
from ui.pages.consents import ConsentsPage
from ui.pages.my_data import MyDataPage
from ui.pages.notices import NoticesPage
from ui.pages.orders import OrdersPage
from ui.pages.sharing import SharingPage
from ui.widgets.load_state import LoadState


def open_page(qtbot: QtBot, window: MainWindow, page_id: str) -> Any:
    page = window.pages[page_id]
    assert isinstance(page, DataPage)
    window.select_page(page_id)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&&", "&") == title)
    assert tabs.isTabVisible(index), f"tab {title!r} is hidden"
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot: QtBot, table: QAbstractItemView, index: QModelIndex) -> None:
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def row_where(model: Any, predicate: Any) -> QModelIndex:
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if predicate(index.data(RAW_ROLE)):
            return index
    raise AssertionError("no such row")


def test_my_data_service_records_and_exceptions(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window, "my-data")
    assert isinstance(page, MyDataPage)
    contacts = shopper_api(shop).list_service_contacts(limit=200).items
    assert contacts
    click_tab(qtbot, page.tabs, "Customer service")
    qtbot.waitUntil(lambda: page.service_model.rowCount() == len(contacts), timeout=10000)
    model = page.service_model
    channels = {str(model.data(model.index(r, 1))) for r in range(model.rowCount())}
    assert channels <= {"Phone call", "Online chat", "E-mail", "Letter"}
    assert str(model.data(model.index(0, 2))) == contacts[0].summary
    assert "§ 1.C.2" in page.service_clause.text()

    click_tab(qtbot, page.tabs, "Categories")
    logs = row_where(page.category_proxy, lambda c: c.key == "logs")
    click_row(qtbot, page.category_table, logs)
    detail = page.category_detail.text()
    assert "No consent needed" in detail
    assert "§ 1.F.8" in detail
    verification = row_where(page.category_proxy, lambda c: c.key == "identity_verification")
    click_row(qtbot, page.category_table, verification)
    detail = page.category_detail.text()
    assert "If you refuse" in detail
    assert "§ 1.D" in detail
    assert "No exception" in detail


def test_sharing_shows_agreements_merger_transfer_and_exceptions(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = open_page(qtbot, window, "sharing")
    assert isinstance(page, SharingPage)
    successor = row_where(page.recipient_proxy, lambda r: r.type == "successor")
    click_row(qtbot, page.recipient_table, successor)
    qtbot.waitUntil(lambda: page.events_model.rowCount() == 1, timeout=10000)
    events = page.events_model
    assert events.data(events.index(0, 4)) == "Transferred in a merger or acquisition"
    notice = str(events.data(events.index(0, 5)))
    assert "Haina Trade Services" in notice
    assert "§ 3.B" in str(events.data(events.index(0, 6)))
    facts = page.detail_facts.text()
    assert "Data-protection agreement signed" in facts
    assert "§ 3.A" in facts

    authority = row_where(page.recipient_proxy, lambda r: r.type == "authority")
    click_row(qtbot, page.recipient_table, authority)
    qtbot.waitUntil(lambda: "No consent needed" in page.detail_facts.text(), timeout=10000)
    assert "§ 3.D.3" in page.detail_facts.text()
    assert "No data-protection agreement" in page.detail_facts.text()

    abroad = row_where(page.recipient_proxy, lambda r: r.country == "SG")
    click_row(qtbot, page.recipient_table, abroad)
    qtbot.waitUntil(
        lambda: "Shared only with its own consent" in page.detail_facts.text(), timeout=10000
    )
    assert "Analytics processed in Singapore" in page.detail_facts.text()


def test_notices_show_assessments_and_the_cessation_notice(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = open_page(qtbot, window, "notices")
    assert isinstance(page, NoticesPage)
    assert page.assessment_box.isVisible()
    assert page.assessment_model.rowCount() == 2
    older = page.assessment_model.index(1, 0)
    click_row(qtbot, page.assessment_table, older)
    detail = page.assessment_detail.text()
    assert "pay-later" in detail
    assert "Outcome:" in detail
    assert "§ 4.E" in detail
    cessation = row_where(page.notice_model, lambda n: n.kind == "cessation")
    click_row(qtbot, page.notice_table, cessation)
    assert "Service closing" in page.notice_meta.text()
    assert "§ 1.F" in page.notice_meta.text()
    assert "anonymise" in page.notice_body.text()


def test_transfer_consent_names_singapore_and_can_be_withdrawn(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window, "consents")
    assert isinstance(page, ConsentsPage)
    row = page.consent_rows["cross_border_analytics"]
    assert row.transfer_note is not None
    assert "Singapore" in row.transfer_note.text()
    assert "§ 7" in row.transfer_note.text()
    real_name = page.consent_rows["real_name_verification"]
    assert real_name.refusal_note is not None
    assert "If you refuse" in real_name.refusal_note.text()
    switch = button(page, "consentSwitch_cross_border_analytics")
    before = switch.isChecked()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)

    def changed() -> bool:
        consents = shopper_api(shop).list_consents()
        state = next(c for c in consents if c.purpose == "cross_border_analytics")
        return state.granted is not before

    qtbot.waitUntil(changed, timeout=10000)
    qtbot.waitUntil(lambda: not page.receipt_panel.isHidden(), timeout=10000)


def test_orders_say_who_placed_an_order_for_whom(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window, "orders")
    assert isinstance(page, OrdersPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).for_other)
    order = page.model.row_at(row)
    click_row(qtbot, page.table, page.table.model().index(row, 0))
    qtbot.waitUntil(
        lambda: page.detail.order is not None and page.detail.order.id == order.id,
        timeout=10000,
    )
    expected = shopper_api(shop).get_order(order.id)
    assert expected.placed_for is not None
    text = page.detail.placed_for.text()
    assert page.detail.placed_for.isVisible()
    assert f"Placed by {expected.placed_for.placed_by} for {expected.placed_for.placed_for}" in (
        text
    )
    assert "§ 1.C.1" in text
    plain = next(r for r in range(page.model.rowCount()) if not page.model.row_at(r).for_other)
    other = page.model.row_at(plain)
    click_row(qtbot, page.table, page.table.model().index(plain, 0))
    qtbot.waitUntil(
        lambda: page.detail.order is not None and page.detail.order.id == other.id,
        timeout=10000,
    )
    assert not page.detail.placed_for.isVisible()


def test_the_offline_viewer_shows_the_new_records_from_an_exported_archive(
    qtbot: QtBot,
    window: MainWindow,
    shop: RunningShop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = shopper_api(shop)
    contacts = list(api.list_service_contacts().auto_paging_iter())
    assessments = list(api.list_impact_assessments().auto_paging_iter())
    path = tmp_path / "lin.zip"
    export(qtbot, window, path)  # every section, as a shopper would
    attempts = no_network(monkeypatch)
    open_in_window(qtbot, window, path)
    view = window.session.view()
    assert view is not None
    assert view.archive is not None

    data = open_page(qtbot, window, "my-data")
    assert isinstance(data, MyDataPage)
    click_tab(qtbot, data.tabs, "Customer service")
    qtbot.waitUntil(lambda: data.service_model.rowCount() == len(contacts), timeout=15000)
    assert str(data.service_model.data(data.service_model.index(0, 2))) == contacts[0].summary

    notices = open_page(qtbot, window, "notices")
    assert isinstance(notices, NoticesPage)
    assert notices.assessment_model.rowCount() == len(assessments)
    click_row(qtbot, notices.assessment_table, notices.assessment_model.index(0, 0))
    assert assessments[0].outcome in notices.assessment_detail.text()

    sharing = open_page(qtbot, window, "sharing")
    assert isinstance(sharing, SharingPage)
    successor = row_where(sharing.recipient_proxy, lambda r: r.type == "successor")
    click_row(qtbot, sharing.recipient_table, successor)
    qtbot.waitUntil(lambda: sharing.events_model.rowCount() == 1, timeout=15000)
    assert "Haina" in str(sharing.events_model.data(sharing.events_model.index(0, 5)))
    assert "Data-protection agreement signed" in sharing.detail_facts.text()
    assert attempts == []
