"""A sign-in the shop refuses on its own login page ends the app's wait and says why.

The shop's page sends the browser back to the app's loopback listener with an OAuth error
(RFC 6749 4.1.2.1): a minor whose guardian has not consented to the account (Silumart § 6,
`reason=guardian_consent_required`), an account that cannot grant what the app asks
(`access_denied`), the shopper pressing the page's Cancel (`access_denied` too), a request
the shop does not accept (`invalid_request`). The waiting dialog
closes by itself and the window says why in the app's own words, in English and Chinese; the
browser's page (the listener's answer) says it too. Everything over the real shop: the login
page is answered over HTTP by a scripted browser, the toolbar's Sign in button is clicked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from server.admin import account_consent
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser, hidden_fields
from tests.ui.conftest import click
from ui.dialogs import SignInWaitDialog
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QCoreApplication) -> Iterator[str]:
    """The interface language: its translator, and QLocale's default (the app's sign-in asks
    the shop's page and its own listener for it)."""
    code = str(request.param)
    translator = QTranslator()
    if code == "zh_CN":
        assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
        QCoreApplication.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield code
    if code == "zh_CN":
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


def refused_sign_in(
    qtbot: QtBot,
    shop: RunningShop,
    runner: TaskRunner,
    tmp_path: Path,
    browser: ScriptedBrowser,
) -> tuple[MainWindow, str]:
    """Add the shop, press Sign in, let the browser answer: the wait ends by itself. Returns
    the window and what its message box said (the box is closed with its OK button)."""
    session = AppSession(
        tmp_path / "config", runner, open_browser=browser, keyring_backend=MemoryKeyring()
    )
    window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    added: list[object] = []
    errors: list[BaseException] = []
    session.add_shop(shop.url, added.append, errors.append)
    qtbot.waitUntil(lambda: bool(added or errors), timeout=15000)
    assert not errors, errors
    window._refill_accounts()
    click(qtbot, window.toolbar_button(window.sign_in_action))
    wait = window.sign_in_wait
    assert isinstance(wait, SignInWaitDialog)
    # The browser answered (the listener's page), and the dialog closed without Cancel.
    qtbot.waitUntil(lambda: browser.callback_response is not None, timeout=20000)
    qtbot.waitUntil(lambda: not wait.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=5000)
    box = window.error_box
    assert isinstance(box, QMessageBox)
    said = box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: window.error_box is None, timeout=5000)
    connection = session.connections[shop.ctx.shop.id]
    qtbot.waitUntil(lambda: connection._pending is None, timeout=20000)  # the flow ended
    assert session.view() is None  # not signed in
    assert not connection.signed_in
    return window, said


def browser_page(browser: ScriptedBrowser) -> str:
    answer = browser.callback_response
    assert answer is not None
    assert answer.status_code == 200
    return answer.text


def close(qtbot: QtBot, runner: TaskRunner, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    window.session.close()


def test_a_minor_refused_on_the_login_page_is_told_why_in_the_app(
    qtbot: QtBot,
    make_shop: Callable[[str], RunningShop],
    runner: TaskRunner,
    tmp_path: Path,
    language: str,
) -> None:
    shop = make_shop("silumart")
    account_consent(shop.ctx, "alice.chen", "withdrawn")  # her guardian withdrew it
    browser = ScriptedBrowser("alice.chen", "demo1234")
    window, said = refused_sign_in(qtbot, shop, runner, tmp_path, browser)
    page = browser_page(browser)
    if language == "zh_CN":
        assert "监护人" in said, said
        assert not LATIN.search(said), said  # no English left
        assert "监护人" in page
        assert 'lang="zh-CN"' in page
    else:
        assert "refused the sign-in" in said
        assert "parent or guardian must consent" in said
        assert "parent or guardian must consent" in page
        assert "Sign-in refused" in page
    close(qtbot, runner, window)


class CancellingBrowser(ScriptedBrowser):
    """A shopper who opens the shop's page and presses its Cancel instead of signing in."""

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        page = self.http.get(url, timeout=10, allow_redirects=False)
        assert page.status_code == 200, page.text
        action = re.search(r'<form method="post" action="([^"]+)" class="cancel">', page.text)
        assert action is not None, page.text
        target = urlunsplit(urlsplit(url)._replace(path=action.group(1), query=""))
        answer = self.http.post(
            target, data=hidden_fields(page.text), allow_redirects=False, timeout=10
        )
        assert answer.status_code == 302, answer.status_code
        self.callback_response = self.http.get(answer.headers["location"], timeout=10)
        return True


@pytest.mark.parametrize("case", ["cancelled", "declined", "bad request"])
def test_other_errors_sent_back_to_the_app_end_the_wait_too(
    qtbot: QtBot,
    shop: RunningShop,
    runner: TaskRunner,
    tmp_path: Path,
    language: str,
    case: str,
) -> None:
    def tamper(query: dict[str, str]) -> None:
        if case == "declined":
            query["scope"] = "assist"  # a shopper cannot grant it: the shop declines
        else:
            del query["code_challenge"]  # no PKCE: the shop refuses the request itself

    browser = (
        CancellingBrowser("lin.mei", "demo1234")
        if case == "cancelled"
        else ScriptedBrowser("lin.mei", "demo1234", tamper_authorize=tamper)
    )
    window, said = refused_sign_in(qtbot, shop, runner, tmp_path, browser)
    location = browser.callback_response.url if browser.callback_response else ""
    denied = case != "bad request"  # the page's Cancel, or the shop: access_denied
    assert f"error={'access_denied' if denied else 'invalid_request'}" in location
    page = browser_page(browser)
    if language == "zh_CN":
        assert not LATIN.search(said), said
        words = "被拒绝或取消" if denied else "无法继续"
        assert words in said, said
        assert ("被拒绝或取消" in page) == denied
    else:
        words = "declined on the shop's page" if denied else "could not go on"
        assert words in said, said
        assert "PKCE" not in said  # the shop's technical description stays in the log
        assert ("was declined on the shop's page" in page) == denied
        assert ("did not complete" in page) == (not denied)
    close(qtbot, runner, window)
