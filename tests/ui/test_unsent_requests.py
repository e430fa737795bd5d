"""Requests the shop refused when the outbox sent them: seen, edited and filed again, or deleted
after a question; never thrown away unseen.

The item is queued as a request written while the shop was unreachable would be (the real
outbox, the shopper's account); the real shop refuses it when the page's refresh sends it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from tests.ui.conftest import ModalAnswer, click, sign_in, wait_loaded
from tests.ui.test_no_clipping import _clip_problems, translations  # noqa: F401 (a fixture)
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import ComplaintForm, NewRequestDialog
from ui.pages.requests_unsent import UnsentDialog
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner

TEXT = "I asked twice for my data and nobody answered.\nPlease look into it."


def _refused_complaint(qtbot: QtBot, window: MainWindow) -> RequestsPage:
    """A complaint about a request the shop does not know: refused (422) when it is sent."""
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    connection = window.session.current
    assert connection is not None
    window.session.outbox().add(
        connection.shop_id,
        connection.username or "",
        {"type": "complaint", "details": {"text": TEXT, "related_request_id": "no-such-one"}},
    )
    qtbot.waitUntil(lambda: page._task is None, timeout=20000)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.refresh(quiet=True)
    qtbot.waitUntil(page.unsent_button.isVisible, timeout=10000)
    assert len(window.session.outbox().failed()) == 1
    assert page.message.isVisible()  # said when it happens, not only in a tooltip
    return page


def _open(qtbot: QtBot, page: RequestsPage) -> UnsentDialog:
    click(qtbot, page.unsent_button)
    dialog = page.unsent_dialog
    assert isinstance(dialog, UnsentDialog)
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Complaint at ")
    # the shop's reason and the shopper's words, before anything is decided
    assert "No such request of yours." in dialog.reason.text()
    assert TEXT in dialog.written.toPlainText()
    return dialog


def test_a_refused_request_is_shown_and_filed_again_after_editing(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _refused_complaint(qtbot, window)
    assert "did not accept 1 request" in page.message.text()
    assert "Complaint: No such request of yours." in page.outbox_label.toolTip()
    dialog = _open(qtbot, page)

    keep = ModalAnswer(qtbot, "Keep it")
    click(qtbot, dialog.delete_button)
    assert keep.answered
    assert "lost" in keep.texts[0]
    assert len(window.session.outbox().failed()) == 1  # kept: the shopper said no

    click(qtbot, dialog.refile_button)
    form_dialog = page.dialog
    assert isinstance(form_dialog, NewRequestDialog)
    qtbot.waitUntil(form_dialog.submit_button.isEnabled, timeout=20000)
    form = form_dialog.form
    assert isinstance(form, ComplaintForm)
    assert form.text.toPlainText() == TEXT  # the words come back to be edited
    assert form.related_box.currentData() in (None, "")  # the unknown request is not chosen
    form.text.appendPlainText("Filed again.")
    click(qtbot, form_dialog.submit_button)
    qtbot.waitUntil(lambda: page.message.text().startswith("Your request was filed"), timeout=20000)
    qtbot.waitUntil(lambda: not page.unsent_button.isVisible(), timeout=10000)
    assert window.session.outbox().failed() == []
    filed = list(api_for(shop, *SHOPPER).list_requests(type="complaint").auto_paging_iter())
    assert [r.details["text"] for r in filed] == [TEXT + "\nFiled again."]


def test_a_refused_request_is_deleted_only_after_a_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _refused_complaint(qtbot, window)
    dialog = _open(qtbot, page)
    delete = ModalAnswer(qtbot, "Delete")
    click(qtbot, dialog.delete_button)
    assert delete.answered
    qtbot.waitUntil(lambda: window.session.outbox().failed() == [], timeout=10000)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    assert not dialog.delete_button.isEnabled()
    assert not page.unsent_button.isVisible()
    click(qtbot, dialog.close_button)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_unsent_list_fits_a_small_screen(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,  # noqa: F811 (the fixture imported above)
    language: str,
) -> None:
    translations.apply(language)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    sign_in(qtbot, app_session, shop)
    page = _refused_complaint(qtbot, window)
    click(qtbot, page.unsent_button)
    dialog = page.unsent_dialog
    assert isinstance(dialog, UnsentDialog)
    qtbot.wait(200)
    assert dialog.height() <= 640
    assert not list(_clip_problems(dialog))
    assert not list(_clip_problems(window))
    dialog.reject()
