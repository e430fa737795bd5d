"""What the My data, Orders, Notices and Access log pages change, checked at the shop."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.api import ShopApi
from client.errors import NotFound
from client.verify import ChainResult
from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from tests.ui.conftest import ModalAnswer, button, click, type_text, wait_loaded
from ui.main_window import MainWindow
from ui.pages.access_log import AccessLogPage
from ui.pages.base import DataPage
from ui.pages.my_data import MyDataPage
from ui.pages.my_data_dialogs import CorrectionDialog, EditFieldDialog
from ui.pages.notices import NoticesPage
from ui.pages.orders import OrdersPage
from ui.widgets.load_state import LoadState


def _open(qtbot: QtBot, window: MainWindow, page_id: str) -> DataPage[Any]:
    window.select_page(page_id)
    page = window.pages[page_id]
    assert isinstance(page, DataPage)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def _chain(page: AccessLogPage) -> ChainResult:
    result = page.chain_result
    assert result is not None
    return result


def _api(window: MainWindow) -> ShopApi:
    view = window.session.view()
    assert view is not None
    return view.shop


def test_edit_a_field_and_request_a_correction(qtbot: QtBot, window: MainWindow) -> None:
    page = _open(qtbot, window, "my-data")
    assert isinstance(page, MyDataPage)
    api = _api(window)
    page.tabs.setCurrentIndex(1)
    page.select_field("email")
    click(qtbot, page.edit_button)
    editor = page.dialog
    assert isinstance(editor, EditFieldDialog)
    editor.editor.selectAll()
    type_text(qtbot, editor.editor, "lin.mei@example.org")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(
        lambda: any(
            f.key == "email" and f.value == "lin.mei@example.org" for f in api.get_me().fields
        ),
        timeout=10000,
    )

    locked = next(f for f in api.get_me().fields if not f.editable)
    page.select_field(locked.key)
    assert not page.edit_button.isEnabled()  # not editable: correction only
    click(qtbot, page.correction_button)
    correction = page.dialog
    assert isinstance(correction, CorrectionDialog)
    type_text(qtbot, correction.proposed, "<b>corrected</b> 值")
    click(qtbot, correction.file_button)
    qtbot.waitUntil(
        lambda: any(r.type == "correction" for r in api.list_requests().auto_paging_iter()),
        timeout=10000,
    )
    filed = next(r for r in api.list_requests().auto_paging_iter() if r.type == "correction")
    assert filed.details["field"] == locked.key
    assert filed.details["proposed"] == "<b>corrected</b> 值"


def test_remove_an_order_record(qtbot: QtBot, window: MainWindow) -> None:
    page = _open(qtbot, window, "orders")
    assert isinstance(page, OrdersPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    page.select_row(0)
    order = page.selected()
    assert order is not None
    remove = button(page, "removeOrder")
    qtbot.waitUntil(lambda: remove.isVisible() and page.detail.order is not None, timeout=10000)
    answer = ModalAnswer(qtbot, "Remove")  # the real question, answered with its button
    click(qtbot, remove)
    qtbot.waitUntil(lambda: page.last_removal is not None, timeout=10000)
    assert answer.answered
    assert page.result_banner is not None
    assert page.result_banner.text == f"Order {order.number} removed"  # said on the page
    removal = page.last_removal
    assert removal is not None
    assert removal.retained is not None
    assert removal.retained.until > order.placed_at
    with pytest.raises(NotFound):
        _api(window).get_order(order.id)
    assert all(row.id != order.id for row in page.model.rows)


def test_acknowledge_the_new_policy(qtbot: QtBot, window: MainWindow) -> None:
    page = _open(qtbot, window, "notices")
    assert isinstance(page, NoticesPage)
    click(qtbot, page.ack_button)
    qtbot.waitUntil(lambda: _api(window).get_policy().acknowledged, timeout=10000)


def test_assist_code_chain_check_and_tampering(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _open(qtbot, window, "access-log")
    assert isinstance(page, AccessLogPage)
    click(qtbot, page.create_code_button)
    qtbot.waitUntil(lambda: page.code is not None, timeout=10000)
    assert page.code_label.text().isdigit()
    assert len(page.code_label.text()) == 6
    click(qtbot, page.copy_button)
    assert QGuiApplication.clipboard().text() == page.code_label.text()

    qtbot.waitUntil(page.chain_button.isEnabled, timeout=10000)  # as a user waits for it
    click(qtbot, page.chain_button)
    qtbot.waitUntil(lambda: page.chain_result is not None, timeout=10000)
    assert _chain(page).ok
    assert page.chain_status.text().startswith("✓")

    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == "lin.mei")).one()
        entry = db.scalars(
            select(AccessLogEntry)
            .where(AccessLogEntry.user_id == user.id)
            .order_by(AccessLogEntry.seq)
        ).first()
        assert entry is not None
        entry.resource = "/v1/nothing-to-see"
        db.commit()
    page.chain_result = None
    qtbot.waitUntil(page.chain_button.isEnabled, timeout=10000)
    click(qtbot, page.chain_button)
    qtbot.waitUntil(lambda: page.chain_result is not None, timeout=10000)
    assert not _chain(page).ok
    assert page.chain_status.text().startswith("✗")
    assert page.chain_problems.isVisible()
