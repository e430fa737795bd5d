"""Every way of filing a request files it once, even when the answer is lost on the way back.

A proxy in front of the real shop forwards the first `POST /v1/requests` (the shop creates the
request), throws its answer away and then drops every connection: the app sees a failed
connection and queues the request in the outbox. When the line is back the outbox sends it,
and because the outbox item carries the key made when the button was pressed, the shop answers
with the request it already has. Exactly one request exists. The buttons are really clicked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from client.models.requests import PrivacyRequest, RequestType
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from tests.support.cut_proxy import CutProxy, cut_proxy
from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.decisions import DecisionsPage
from ui.pages.my_data import MyDataPage
from ui.pages.my_data_dialogs import CorrectionDialog
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import ComplaintForm, NewRequestDialog, QueuedOffline
from ui.widgets.load_state import LoadState


@pytest.fixture
def line(window: MainWindow, shop: RunningShop) -> Iterator[CutProxy]:
    """The app's connection to the shop, through the cutting proxy."""
    connection = window.session.current
    assert connection is not None
    transport = connection.transport
    real, retries, timeout = transport.base_url, transport.max_retries, transport.timeout
    with cut_proxy(shop.url) as proxy:
        assert real.startswith(shop.url)
        transport.base_url = proxy.url + real[len(shop.url.rstrip("/")) :]
        transport.max_retries = 1  # the retry goes into the dead line, too
        transport.timeout = (2.0, 5.0)
        yield proxy
        transport.base_url, transport.max_retries, transport.timeout = real, retries, timeout


def _requests(shop: RunningShop, rtype: RequestType) -> list[PrivacyRequest]:
    """What the shop holds, asked through a separate sign-in of the same shopper."""
    return list(api_for(shop, *SHOPPER).list_requests(type=rtype).auto_paging_iter())


def _flush_on_requests_page(qtbot: QtBot, window: MainWindow) -> RequestsPage:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page._task is None, timeout=20000)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.refresh(quiet=True)
    assert page.state is LoadState.CONTENT
    return page


def _lost_then_healed(proxy: CutProxy) -> None:
    assert [status for _m, _p, status in proxy.lost_answers] == [201]
    assert proxy.dropped >= 1  # the transport's retry met the dead line as well
    proxy.heal()


def test_requests_form_answer_lost_is_filed_once(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, line: CutProxy
) -> None:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=20000)
    form = dialog.form
    assert isinstance(form, ComplaintForm)
    form.text.setPlainText("Answer lost on the way back")
    results: list[object] = []
    dialog.finished.connect(lambda _code: results.append(dialog.result_value))
    line.cut_after("POST", "/v1/requests")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(results) or dialog.error.isVisible(), timeout=30000)
    assert results, dialog.error.text()
    queued = results[0]
    assert isinstance(queued, QueuedOffline)
    # The shop has it already; the outbox keeps the key of the press, not a new one.
    assert len(_requests(shop, "complaint")) == 1
    items = window.session.outbox().pending()
    assert [item.idempotency_key for item in items] == [queued.idempotency_key]
    _lost_then_healed(line)

    _flush_on_requests_page(qtbot, window)
    assert window.session.outbox().pending() == []
    assert window.session.outbox().failed() == []
    filed = _requests(shop, "complaint")
    assert len(filed) == 1
    assert filed[0].details["text"] == "Answer lost on the way back"


def test_my_data_correction_answer_lost_is_filed_once(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, line: CutProxy
) -> None:
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    dialog = page.request_correction("gender")
    assert isinstance(dialog, CorrectionDialog)
    dialog.proposed.setText("male")
    line.cut_after("POST", "/v1/requests")
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.filed or dialog.error.isVisible(), timeout=30000)
    assert dialog.queued is not None, dialog.error.text()
    assert "outbox" in dialog.confirmation.text()
    assert len(_requests(shop, "correction")) == 1
    key = dialog.queued.filing.idempotency_key
    assert [item.idempotency_key for item in window.session.outbox().pending()] == [key]
    _lost_then_healed(line)

    _flush_on_requests_page(qtbot, window)
    assert window.session.outbox().pending() == []
    filed = _requests(shop, "correction")
    assert len(filed) == 1
    assert filed[0].details["proposed"] == "male"


def test_decision_explanation_answer_lost_is_filed_once(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, line: CutProxy
) -> None:
    page = window.pages["decisions"]
    assert isinstance(page, DecisionsPage)
    window.select_page("decisions")
    wait_loaded(qtbot, page)
    decision = page.proxy.index(0, 0).data(RAW_ROLE)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current is not None and page._detail_task is None, timeout=15000)
    line.cut_after("POST", "/v1/requests")
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.filed_label.isVisible(), timeout=30000)
    assert "outbox" in page.filed_label.text(), page.filed_label.text()
    assert not page.explain_button.isEnabled()  # pressing again would file a second one
    assert not page._keys  # the outbox took the key over
    assert len(_requests(shop, "explanation")) == 1
    _lost_then_healed(line)

    _flush_on_requests_page(qtbot, window)
    assert window.session.outbox().pending() == []
    filed = [r for r in _requests(shop, "explanation") if r.details["decision_id"] == decision.id]
    assert len(filed) == 1
