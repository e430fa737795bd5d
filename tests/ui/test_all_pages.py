"""Every page against the real shop: it loads, its models pass the model tester, and hostile
server text is shown literally everywhere (labels never guess rich text)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from server.embedded import RunningShop
from server.models import Notice, Order, OrderItem, ProfileField, Recipient, Track, User
from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.widgets.load_state import LoadState

HOSTILE = "<b>bold</b><img src=x> مرحبا 😀 蓝牙 " + "x" * 300


def _models(page: DataPage) -> list[QAbstractItemModel]:
    models: list[QAbstractItemModel] = []
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and model not in models:
            models.append(model)
    return models


def _cells(model: QAbstractItemModel) -> list[str]:
    texts = []
    for row in range(model.rowCount(QModelIndex())):
        for column in range(model.columnCount(QModelIndex())):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                texts.append(value)
    return texts


def _plant_hostile_text(shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == "lin.mei")).one()
        newest = db.scalars(
            select(Track).where(Track.user_id == user.id).order_by(Track.at.desc())
        ).first()
        assert newest is not None
        newest.text = HOSTILE
        order = db.scalars(
            select(Order).where(Order.user_id == user.id).order_by(Order.placed_at.desc())
        ).first()
        assert order is not None
        item = db.scalars(select(OrderItem).where(OrderItem.order_id == order.id)).first()
        assert item is not None
        item.title = HOSTILE
        notice = db.scalars(select(Notice)).first()
        recipient = db.scalars(select(Recipient)).first()
        assert notice is not None
        assert recipient is not None
        notice.title = HOSTILE
        recipient.name = HOSTILE
        field = db.scalars(
            select(ProfileField).where(ProfileField.user_id == user.id, ProfileField.key == "job")
        ).first()
        if field is not None:
            field.value = HOSTILE
        db.commit()


def test_every_page_loads_with_checked_models(
    qtbot: QtBot, qtmodeltester, window: MainWindow
) -> None:
    for page_id, page in window.pages.items():
        window.select_page(page_id)
        if not isinstance(page, DataPage):
            continue
        assert wait_loaded(qtbot, page) is LoadState.CONTENT, (page_id, page.stack.error_text)
        qtbot.wait(200)  # let lazy first pages arrive
        for model in _models(page):
            qtmodeltester.check(model)


def test_hostile_server_text_is_shown_literally_everywhere(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    _plant_hostile_text(shop)
    found_in_cells = 0
    for page_id, page in window.pages.items():
        window.select_page(page_id)
        if not isinstance(page, DataPage):
            continue
        page.refresh()
        assert wait_loaded(qtbot, page) is LoadState.CONTENT, (page_id, page.stack.error_text)
        qtbot.wait(300)
        for model in _models(page):
            for text in _cells(model):
                if "<b>bold</b>" in text:
                    assert HOSTILE in text or text in HOSTILE, (page_id, text[:80])
                    found_in_cells += 1
        for label in page.findChildren(QLabel):
            if "<b>bold</b>" in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, (page_id, label.text()[:80])
    assert found_in_cells >= 3


def test_every_page_keeps_its_data_offline_and_recovers_with_retry(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.session.view()
    assert view is not None
    transport = view.shop.transport
    real_base = transport.base_url
    for page_id, page in window.pages.items():
        if not isinstance(page, DataPage) or page_id == "requests":
            continue  # the request tracker keeps its table and reports per shop (own test)
        window.select_page(page_id)
        wait_loaded(qtbot, page)
        transport.base_url = "http://127.0.0.1:9/v1/"
        transport.max_retries = 0
        transport.timeout = (2.0, 5.0)
        banner = page.result_banner
        assert banner is not None
        with qtbot.waitSignal(page.loaded, timeout=30000):
            page.refresh()
        # offline: what was loaded stays, and a banner says it could not be updated
        assert wait_loaded(qtbot, page) is LoadState.CONTENT, page_id
        assert banner.isVisible(), page_id
        assert "Showing what was loaded" in banner.text, page_id
        transport.base_url = real_base
        with qtbot.waitSignal(page.loaded, timeout=30000):
            qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)  # "Try again"
        assert wait_loaded(qtbot, page) is LoadState.CONTENT, (page_id, page.stack.error_text)
        assert not banner.isVisible(), page_id
