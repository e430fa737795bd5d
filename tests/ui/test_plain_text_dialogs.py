"""Dialogs that show remote text (a shop's problem detail, an archive's member names, the
outbox's failures) show it literally: HTML planted there is never rendered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from client.errors import Conflict
from client.outbox import OutboxItem
from server.embedded import RunningShop
from server.models import PrivacyRequest as ServerRequest
from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.pages.requests import RequestsPage
from ui.plain_text import force_plain_text, plain_message_box

PLANTED = '<b>x</b><img src="http://127.0.0.1:9/tracker.png">'
MEMBER = "<b>x<i>y<img src=x>"  # a ZIP member name (no slash: that would be a path)


def _all_plain(box: QMessageBox) -> None:
    assert box.textFormat() == Qt.TextFormat.PlainText
    labels = box.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_a_shops_problem_detail_with_html_is_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    view = window.session.view()
    assert view is not None
    # A shop's text in a problem detail: the real shop quotes the request's state from its
    # database ("The request is …; nothing to verify."), and that row holds planted markup.
    created = view.shop.create_request("complaint", {"text": "hello"})
    with shop.ctx.sessions() as db:
        db.execute(
            update(ServerRequest)
            .where(ServerRequest.id == int(created.request.id))
            .values(status=PLANTED)
        )
        db.commit()
    with pytest.raises(Conflict) as caught:
        view.shop.verify_request(created.request.id, "123456")
    assert PLANTED in (caught.value.detail or "")
    window._show_error(caught.value)
    box = window.error_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=5000)
    _all_plain(box)
    main = box.findChild(QLabel, "qt_msgbox_label")
    assert main is not None
    assert PLANTED in main.text()  # the tags themselves, not a bold x and an image
    box.close()


def test_an_archive_error_quoting_a_member_name_is_shown_literally(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "crafted.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo(MEMBER + "/")
        info.create_system = 3
        info.external_attr = 0o40755 << 16
        archive.writestr(info, b"")
    opener = window.archive_opener
    with qtbot.waitSignal(opener.failed, timeout=20000):
        window.open_archive(str(path))
    box = opener.error_box
    assert box is not None
    _all_plain(box)
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative is not None
    assert MEMBER in informative.text()
    box.close()


def test_the_outbox_tooltip_quotes_the_shop_literally(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    item = OutboxItem("i", "s", "a", {"type": "access"}, "k", "failed", "2026-01-01", 1, PLANTED)
    page.set_outbox_state(0, [item])
    tip = page.outbox_label.toolTip()
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in tip
    assert "<img" not in tip


def test_the_one_helper_makes_every_text_of_a_box_plain(qtbot: QtBot) -> None:
    box = plain_message_box(
        None, QMessageBox.Icon.Warning, PLANTED, PLANTED, informative=PLANTED, detailed=PLANTED
    )
    qtbot.addWidget(box)
    _all_plain(box)
    texts = [label.text() for label in box.findChildren(QLabel)]
    assert texts.count(PLANTED) >= 2  # the text and the informative text, tags and all
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setLabelText(PLANTED)
    force_plain_text(dialog)
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel)
    )
