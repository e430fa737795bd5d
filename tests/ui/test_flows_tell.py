"""Flows that always tell: sign-out keeps the shop, a stuck sign-in can be cancelled and says
so, results stay on the page until dismissed, a failed refresh keeps what was loaded.

Everything is driven like a user: toolbar and page buttons clicked, the shop's real login page
answered over HTTP by a scripted browser.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser, hidden_fields
from tests.ui.conftest import button, click, wait_loaded
from ui.dialogs import SignInWaitDialog
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


class WrongPasswordBrowser:
    """A shopper who types a wrong password on the shop's page and then does nothing more."""

    def __init__(self) -> None:
        self.pages: list[str] = []
        self.http = requests.Session()
        self.http.trust_env = False

    def __call__(self, url: str) -> bool:
        page = self.http.get(url, timeout=10, allow_redirects=False)
        assert page.status_code == 200
        form = hidden_fields(page.text)
        form.update(username="lin.mei", password="not-the-password")
        action = urlunsplit(urlsplit(url)._replace(query=""))
        answer = self.http.post(action, data=form, allow_redirects=False, timeout=10)
        assert answer.status_code != 302  # no redirect back to the app: the app keeps waiting
        self.pages.append(answer.text)
        return True


def button_text(root: SignInWaitDialog, name: str) -> str:
    label = root.findChild(QLabel, name)
    assert label is not None
    return label.text()


def _sign_out(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.toolbar_button(window.sign_out_action))
    qtbot.waitUntil(lambda: window.session.view() is None, timeout=20000)


def test_sign_out_keeps_the_shop_and_signs_in_again_in_one_click(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    window.select_page("overview")
    page = window.pages["overview"]
    assert isinstance(page, DataPage)
    wait_loaded(qtbot, page)
    _sign_out(qtbot, window)
    # the shop is still there, signed out; Sign in stays available
    assert shop.ctx.shop.id in window.session.connections
    assert window.account_box.count() == 1
    # the account list is refilled once the sign-out has finished
    qtbot.waitUntil(lambda: "signed out" in window.account_box.itemText(0), timeout=5000)
    assert window.sign_in_action.isEnabled()
    # the page welcomes with a real Sign in button, and says what happened
    qtbot.waitUntil(lambda: page.state is LoadState.WELCOME, timeout=5000)
    welcome = page.findChild(type(page.heading), "welcomeHeading")
    assert welcome is not None
    assert "You are signed out" in welcome.text()
    assert page.result_banner is not None
    qtbot.waitUntil(lambda: page.result_banner.isVisible(), timeout=5000)
    assert page.result_banner.text == "Signed out"
    assert window.session.registry.accounts(shop.ctx.shop.id)  # the account is remembered
    connection = window.session.connections[shop.ctx.shop.id]
    connection.open_browser = ScriptedBrowser("lin.mei", "demo1234")
    click(qtbot, button(page, "welcomeSignIn"))
    qtbot.waitUntil(lambda: window.session.view() is not None, timeout=20000)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT


def test_a_wrong_password_can_be_cancelled_and_the_app_says_so(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    _sign_out(qtbot, window)
    connection = window.session.connections[shop.ctx.shop.id]
    browser = WrongPasswordBrowser()
    connection.open_browser = browser
    click(qtbot, window.toolbar_button(window.sign_in_action))
    wait = window.sign_in_wait
    assert isinstance(wait, SignInWaitDialog)
    qtbot.waitUntil(wait.isVisible, timeout=5000)
    assert "Waiting for you in the browser" in button_text(wait, "signInWaiting")
    qtbot.waitUntil(lambda: bool(browser.pages), timeout=20000)  # the wrong password was sent
    assert wait.isVisible()  # still waiting: the way out is Cancel
    click(qtbot, button(wait, "cancelSignIn"))
    qtbot.waitUntil(lambda: not wait.isVisible(), timeout=5000)
    banner = window.current_page().result_banner
    assert banner is not None
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert "cancelled" in banner.text
    qtbot.waitUntil(lambda: connection._pending is None, timeout=20000)  # the flow ended
    qtbot.wait(300)
    assert window.error_box is None  # a cancel is not reported as an error
    assert window.session.view() is None


def test_a_result_stays_on_the_page_until_dismissed(qtbot: QtBot, window: MainWindow) -> None:
    window.select_page("overview")
    page = window.current_page()
    assert isinstance(page, DataPage)
    wait_loaded(qtbot, page)
    page.context.notify("Order 1 removed")  # what an action on the page reports
    banner = page.result_banner
    assert banner is not None
    assert banner.isVisible()
    qtbot.wait(200)
    assert banner.isVisible()  # not a timed status-bar line
    page.context.notify("Tag removed")  # replaced by the next message
    assert banner.text == "Tag removed"
    assert banner.close_button is not None
    click(qtbot, banner.close_button)
    assert not banner.isVisible()


def test_a_signed_out_shop_is_still_listed_after_a_restart(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> None:
    _sign_out(qtbot, window)
    # the app starts again: nothing to resume (signed out), but the shop stays listed
    again = AppSession(tmp_path / "config", runner, keyring_backend=MemoryKeyring())
    try:
        resumed: list[int] = []
        again.resume_remembered(resumed.append)
        qtbot.waitUntil(lambda: bool(resumed), timeout=20000)
        assert resumed == [0]
        connection = again.connections.get(shop.ctx.shop.id)
        assert connection is not None
        assert not connection.signed_in
        assert again.view() is None
        restarted = MainWindow(again, runner, Settings(tmp_path / "again.ini"))
        qtbot.addWidget(restarted)
        restarted.show()
        assert restarted.sign_in_action.isEnabled()  # sign in again in one click
        assert "signed out" in restarted.account_box.itemText(0)
    finally:
        again.close()
