"""A guardian withdraws and gives their consent to a ward's account in the app, and the minor
is told why their sign-in ended (both over the real shop, with real clicks).

Silumart's policy (§ 6) lets a minor hold an account only with a guardian's consent. The
guardian's bar says whether the ward can sign in and offers the change, confirmed first with
what follows; the minor's own app, signed in meanwhile, then says that a guardian's consent is
needed, not merely that the sign-in expired; a sign-in refused for that reason says so too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.errors import GuardianConsentMissing, GuardianConsentRequired
from server.admin import account_consent
from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import ModalAnswer, click, sign_in, wait_loaded
from tests.ui.test_guardian_mode import guardian_window, pick_ward
from ui.errors import user_message
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.pages.my_data import MyDataPage
from ui.session import AppSession
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


def consent_state(shop: RunningShop, username: str = "alice.chen") -> str:
    with shop.ctx.sessions() as db:
        return str(db.scalars(select(User.guardian_consent).where(User.username == username)).one())


def ward_log(shop: RunningShop) -> list[AccessLogEntry]:
    with shop.ctx.sessions() as db:
        ward = db.scalars(select(User.id).where(User.username == "alice.chen")).one()
        rows = db.scalars(
            select(AccessLogEntry)
            .where(AccessLogEntry.user_id == ward, AccessLogEntry.resource.like("%account-%"))
            .order_by(AccessLogEntry.seq)
        ).all()
        for row in rows:
            db.expunge(row)
        return list(rows)


def wait_consent_line(qtbot: QtBot, window: MainWindow) -> str:
    bar = window.guardian_bar
    qtbot.waitUntil(lambda: bar.consent_status.isVisible(), timeout=15000)
    return bar.consent_status.text()


def my_data(qtbot: QtBot, window: MainWindow) -> MyDataPage:
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def test_the_guardian_withdraws_the_account_consent_and_the_minor_is_told_why(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    minor = guardian_window(qtbot, shop, runner, tmp_path, "alice.chen")
    minor_page = my_data(qtbot, minor)
    assert not minor.guardian_bar.consent_button.isVisible()  # the minor has no wards

    guardian = guardian_window(qtbot, shop, runner, tmp_path, "chen.jing")
    bar = guardian.guardian_bar
    assert wait_consent_line(qtbot, guardian) == (
        "Alice Chen can sign in: you have consented to their account."
    )
    assert bar.consent_button.text() == "Withdraw consent…"

    # Cancel first: nothing changes
    cancel = ModalAnswer(qtbot, QMessageBox.StandardButton.No)
    click(qtbot, bar.consent_button)
    qtbot.waitUntil(lambda: cancel.answered, timeout=10000)
    assert consent_state(shop) == "granted"
    assert bar.consent_button.isEnabled()

    answer = ModalAnswer(qtbot, "Withdraw consent")
    click(qtbot, bar.consent_button)
    qtbot.waitUntil(lambda: answer.answered, timeout=10000)
    [asked] = answer.texts
    assert "Withdraw your consent to Alice Chen's account?" in asked
    assert "signed out at once" in asked
    assert "cannot sign in again until you give your consent again" in asked
    qtbot.waitUntil(lambda: bar.consent_button.text() == "Give consent…", timeout=15000)
    assert bar.consent_status.text() == (
        "Alice Chen cannot sign in: you withdrew your consent to their account."
    )
    assert consent_state(shop) == "withdrawn"
    [entry] = ward_log(shop)
    assert (entry.actor, entry.role, entry.action) == ("陈静 Chen Jing", "guardian", "update")
    assert "withdrawn" in guardian.statusBar().currentMessage()

    # The minor's app, still showing her data: the next load says why her sign-in ended.
    with qtbot.waitSignal(minor_page.loaded, timeout=30000):
        minor_page.refresh()
    banner = minor_page.result_banner
    assert banner is not None
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "a parent or guardian must consent to this account" in banner.text
    assert "sign-in has ended" in banner.text
    assert not minor.session.connections[shop.ctx.shop.id].signed_in

    # Giving it again: confirmed, recorded, and she can sign in again.
    give = ModalAnswer(qtbot, "Give consent")
    click(qtbot, bar.consent_button)
    qtbot.waitUntil(lambda: give.answered, timeout=10000)
    assert "Give your consent to Alice Chen's account?" in give.texts[0]
    qtbot.waitUntil(lambda: bar.consent_button.text() == "Withdraw consent…", timeout=15000)
    assert consent_state(shop) == "granted"
    assert len(ward_log(shop)) == 2
    done: list[bool] = []
    errors: list[BaseException] = []
    minor.session.sign_in(shop.ctx.shop.id, lambda: done.append(True), errors.append)
    qtbot.waitUntil(lambda: bool(done or errors), timeout=20000)
    assert not errors, errors

    # The bar follows the ward being viewed, too (the same line while on her dashboard).
    pick_ward(qtbot, guardian)
    assert bar.consent_status.text() == (
        "Alice Chen can sign in: you have consented to their account."
    )
    assert bar.consent_button.isVisible()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    guardian.session.close()
    minor.session.close()


@pytest.fixture
def chinese(qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_sign_in_refused_for_missing_consent_says_so_in_both_languages(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path, chinese: None
) -> None:
    """The code is issued, then the guardian's consent goes before the app exchanges it: the
    shop refuses the exchange with its reason, and the app words that reason itself."""
    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]

    def withdraw_first(_location: str) -> None:
        account_consent(shop.ctx, "alice.chen", "withdrawn")

    session = AppSession(
        tmp_path / "alice",
        runner,
        open_browser=ScriptedBrowser("alice.chen", "demo1234", before_callback=withdraw_first),
        keyring_backend=MemoryKeyring(),
    )
    added: list[object] = []
    errors: list[BaseException] = []
    session.add_shop(shop.url, added.append, errors.append)
    qtbot.waitUntil(lambda: bool(added or errors), timeout=15000)
    assert not errors, errors
    session.sign_in(shop.ctx.shop.id, lambda: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    [error] = errors
    assert isinstance(error, GuardianConsentMissing)
    said = user_message(error)
    assert "监护人" in said, said
    assert not any("a" <= c.lower() <= "z" for c in said), said  # no English left
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    session.close()


def test_the_two_sentences_in_english(qapp: QCoreApplication) -> None:
    refused = user_message(GuardianConsentMissing())
    ended = user_message(GuardianConsentRequired())
    assert "parent or guardian must consent" in refused
    assert "refused the sign-in" in refused
    assert "sign-in has ended" in ended
    assert "parent or guardian must consent" in ended


def test_a_remembered_sign_in_refused_at_start_up_says_why(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    """The app starts again with the minor's remembered sign-in; meanwhile her guardian's
    consent was withdrawn: the silent sign-in is refused, and the window says why."""
    from ui.app import add_startup_shops
    from ui.settings import Settings

    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    keyring = MemoryKeyring()
    first = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("alice.chen", "demo1234"),
        keyring_backend=keyring,
    )
    sign_in(qtbot, first, shop)
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    first.close()  # the app quits, the refresh token stays in the keychain
    account_consent(shop.ctx, "alice.chen", "withdrawn")  # the officer's command, or the app

    again = AppSession(tmp_path / "config", runner, keyring_backend=keyring)
    restarted = MainWindow(again, runner, Settings(tmp_path / "again.ini"))
    qtbot.addWidget(restarted)
    restarted.show()
    add_startup_shops(again, restarted, [])
    qtbot.waitUntil(
        lambda: "guardian must consent" in restarted.statusBar().currentMessage(), timeout=20000
    )
    said = restarted.statusBar().currentMessage()
    assert said.startswith("Silumart"), said
    assert "sign-in has ended" in said
    assert again.view() is None  # signed out, the shop still listed
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    again.close()
