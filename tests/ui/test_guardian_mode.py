"""A guardian in the app (issue 13.5): picks whose dashboard to see, is told plainly whose data
it is, changes the ward's consents under the shop's rule, and every step is in the ward's log.
Real shops, real sign-in, real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import click, sign_in, wait_loaded
from ui.main_window import MainWindow
from ui.pages.consents import ConsentsPage
from ui.pages.my_data import MyDataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

OPTIONAL = "personalised_recommendations"


def guardian_window(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path, username: str
) -> MainWindow:
    session = AppSession(
        tmp_path / username,
        runner,
        open_browser=ScriptedBrowser(username, "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / f"{username}.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    sign_in(qtbot, session, shop)
    return window


def pick_ward(qtbot: QtBot, window: MainWindow) -> None:
    """Choose the ward in the picker with the keyboard, as a user would."""
    bar = window.guardian_bar
    qtbot.waitUntil(lambda: bar.picker_row.isVisible(), timeout=10000)
    assert bar.picker.count() == 2
    bar.picker.setFocus()
    qtbot.keyClick(bar.picker, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.session.ward is not None, timeout=10000)
    qtbot.waitUntil(lambda: bar.banner.isVisible(), timeout=5000)


def consent_switch(page: ConsentsPage) -> QCheckBox:
    row = page.consent_rows[OPTIONAL]
    assert row.switch is not None
    return row.switch


def test_silumart_guardian_views_the_wards_data_and_grants_a_consent(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    window = guardian_window(qtbot, shop, runner, tmp_path, "chen.jing")
    pick_ward(qtbot, window)
    bar = window.guardian_bar
    assert bar.banner.text == "You are viewing Alice Chen's data as their guardian."
    assert "Alice Chen" in window.statusBar().currentMessage()

    my_data = window.pages["my-data"]
    assert isinstance(my_data, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, my_data) is LoadState.CONTENT
    assert not my_data.edit_button.isVisible()  # a guardian reads the ward's profile
    status = my_data.minor_status.text()
    assert "Age on file at the shop: 15." in status
    assert "Guardian: 陈静 Chen Jing." in status
    assert "6.P.use" in status

    page = window.pages["consents"]
    assert isinstance(page, ConsentsPage)
    window.select_page("consents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert "Alice Chen" in page.mode_note.text()
    assert "6.P.use" in page.mode_note.text()
    assert page.presence_box is None  # Silumart's policy asks for no presence
    switch = consent_switch(page)
    if switch.isChecked():  # start from "not allowed" so the click is a grant
        click(qtbot, switch)
        qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
    click(qtbot, switch)
    qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
    qtbot.waitUntil(lambda: page.receipt_panel.isVisible(), timeout=5000)
    assert switch.isChecked()

    alice: ShopApi = api_for(shop, "alice.chen", "demo1234")
    assert alice.list_consents()[0] is not None
    granted = {c.purpose: c.granted for c in alice.list_consents()}
    assert granted[OPTIONAL] is True
    entries = list(alice.list_access_log(order="desc", limit=200).auto_paging_iter())
    mine = [e for e in entries if e.role == "guardian"]
    assert {e.actor for e in mine} == {"陈静 Chen Jing"}
    assert any(e.action == "update" and e.resource == f"/v1/consents/{OPTIONAL}" for e in mine)
    assert any(e.action == "read" and e.resource == "/v1/me" for e in mine)

    click(qtbot, bar.banner.button)  # "Back to my own data"
    qtbot.waitUntil(lambda: window.session.ward is None, timeout=5000)
    assert not bar.banner.isVisible()
    assert bar.picker.currentIndex() == 0
    assert "Alice Chen" not in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    window.session.close()


def test_sinomai_guardian_must_confirm_being_present(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    shop: RunningShop = make_shop("sinomai")  # type: ignore[operator]
    window = guardian_window(qtbot, shop, runner, tmp_path, "liu.min")
    own = window.pages["my-data"]
    assert isinstance(own, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, own) is LoadState.CONTENT
    assert own.links_status.text() == "You are the guardian of: Bob Liu."
    pick_ward(qtbot, window)
    assert "Bob Liu" in window.guardian_bar.banner.text
    my_data = window.pages["my-data"]
    assert isinstance(my_data, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, my_data) is LoadState.CONTENT
    assert "The shop holds no age for this account." in my_data.minor_status.text()
    page = window.pages["consents"]
    assert isinstance(page, ConsentsPage)
    window.select_page("consents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert "2.P.minors" in page.mode_note.text()
    presence = page.presence_box
    assert presence is not None
    assert presence.isVisible()
    assert presence.text() == "I am with Bob Liu now"
    switch = consent_switch(page)
    before = switch.isChecked()
    click(qtbot, switch)
    qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
    assert switch.isChecked() == before  # refused: not confirmed present
    assert "present" in page.receipt_panel.summary.text()
    click(qtbot, presence)
    click(qtbot, switch)
    qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
    assert switch.isChecked() != before, page.receipt_panel.summary.text()
    bob: ShopApi = api_for(shop, "bob.liu", "demo1234")
    assert {c.purpose: c.granted for c in bob.list_consents()}[OPTIONAL] is not before
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    window.session.close()


def test_an_account_without_wards_sees_no_picker(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.guardian_bar
    qtbot.waitUntil(lambda: window.session.view() is not None, timeout=5000)
    qtbot.wait(300)
    assert not bar.isVisible()


def test_the_minor_is_told_the_rule_and_the_shop_refuses_their_own_grant(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    window = guardian_window(qtbot, shop, runner, tmp_path, "alice.chen")
    page = window.pages["consents"]
    assert isinstance(page, ConsentsPage)
    window.select_page("consents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert "6.P.use" in page.mode_note.text()
    assert "guardian" in page.mode_note.text()
    switch = consent_switch(page)
    if switch.isChecked():  # the minor may withdraw on their own
        click(qtbot, switch)
        qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
        assert not switch.isChecked(), page.receipt_panel.summary.text()
    click(qtbot, switch)  # ... but not grant
    qtbot.waitUntil(lambda: switch.isEnabled(), timeout=10000)
    assert not switch.isChecked()
    assert "guardian must make this change" in page.receipt_panel.summary.text()
    assert not window.guardian_bar.isVisible()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    window.session.close()


def test_the_offline_viewer_shows_the_guardians_links(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    from tests.ui.test_archives_ui import export, open_in_window

    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    window = guardian_window(qtbot, shop, runner, tmp_path, "chen.jing")
    path = tmp_path / "chen.zip"
    export(qtbot, window, path).close()
    open_in_window(qtbot, window, path)
    assert not window.guardian_bar.isVisible()  # an archive is no one's live dashboard
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    qtbot.waitUntil(lambda: page.view is not None and page.view.archive is not None)
    assert page.links_status.text() == "You are the guardian of: Alice Chen."
    window.close_archive()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    window.session.close()
