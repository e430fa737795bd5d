"""The access log's assist code belongs to one account, and only its own use counts as used.

Real widgets, the real shop, a real agent signed in through the real login page (r2 #21).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from client.connection import ShopConnection
from server.embedded import RunningShop
from tests.client.browser import ScriptedBrowser
from tests.ui.conftest import sign_in
from tests.ui.test_page_access_log import _create_code, _page, agent  # noqa: F401 - fixture
from ui.main_window import MainWindow


def test_a_session_opened_with_the_previous_code_does_not_use_up_a_fresh_one(
    qtbot: QtBot,
    window: MainWindow,
    agent: ShopConnection,  # noqa: F811 - the fixture
) -> None:
    page = _page(qtbot, window)
    page._code_watch.setInterval(200)  # the page looks every few seconds; the test sooner
    first = _create_code(qtbot, page)
    assert page.code is not None
    customer = page.code.customer_no
    earlier = agent.open_assist_session(customer, first, "Order question")
    qtbot.waitUntil(lambda: not page.countdown.running, timeout=15000)
    assert "was used by" in page.code_error.text()

    # A new code seconds later: the agent's earlier session is not its use.
    used = page.code
    qtbot.mouseClick(page.create_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.code is not used, timeout=15000)
    assert page.code is not None
    second = page.code.code
    assert page.countdown.running
    assert page._code_watch.isActive()
    qtbot.wait(1200)  # several looks at the sessions, the earlier one among them
    assert page.countdown.running, page.code_error.text()
    assert page.copy_button.isEnabled()
    assert not page.code_error.isVisible()

    # Its own use still says so.
    later = agent.open_assist_session(customer, second, "Delivery question")
    qtbot.waitUntil(lambda: not page.countdown.running, timeout=15000)
    assert "was used by" in page.code_error.text()
    earlier.close()
    later.close()


def test_the_code_panel_starts_over_for_another_account(
    qtbot: QtBot, window: MainWindow, make_shop: Callable[..., RunningShop]
) -> None:
    page = _page(qtbot, window)
    _create_code(qtbot, page)
    assert page.code is not None
    old_customer = page.code.customer_no
    assert page.code_label.isVisible()
    assert page._code_watch.isActive()

    other = make_shop("sinomai")
    sign_in(qtbot, window.session, other, ScriptedBrowser("wang.fang", "demo1234"))
    view = window.session.view()
    assert view is not None
    assert view.shop_id == other.ctx.shop.id
    qtbot.waitUntil(
        lambda: page.view is not None and page.view.shop_id == other.ctx.shop.id, timeout=5000
    )

    assert page.code is None
    assert not page.code_label.isVisible()
    assert not page.copy_button.isVisible()
    assert not page.customer_label.isVisible()
    assert old_customer not in page.customer_label.text()
    assert not page.countdown.isVisible()
    assert not page._code_watch.isActive()  # no polling of the new account for the old code
    assert page.create_code_button.text() == "Create an assist code"
    assert page.create_code_button.isEnabled()


def test_signing_in_again_to_the_same_account_keeps_the_code(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    _create_code(qtbot, page)
    shown = page.code
    assert shown is not None
    done: list[bool] = []
    window.sign_in(then=lambda: done.append(True))  # as a step-up sign-in does
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert page.code is shown  # the same account: its code still works
    qtbot.waitUntil(page.code_label.isVisible, timeout=20000)  # once the page has reloaded
    assert page.countdown.running
