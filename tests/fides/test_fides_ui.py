"""The app against a real Fides 2.78.2, driven like a shopper: add the shop by its address,
see only what it offers, file access and erasure requests, verify with the code (read from
Redis, where Fides keeps it), watch the shop's staff approve, change a consent, restart."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from client.backends.fides import FidesIdentity, FidesShop, FidesStore
from client.outbox import Outbox
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.fides.test_fides_client import cut_after_send  # noqa: F401 (a fixture)
from tests.support.fides import FidesServer
from ui.dialogs import AddShopDialog
from ui.fides_dialogs import FidesIdentityDialog
from ui.main_window import MainWindow
from ui.models.requests import TrackedRequest
from ui.pages.base import Page
from ui.pages.consents import ConsentsPage
from ui.pages.requests import RequestsPage
from ui.pages.requests_fides import FidesRequestDialog
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

pytestmark = pytest.mark.timeout(900)  # the first test installs (cached) and starts Fides


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=3)
    yield runner
    runner.shutdown()


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


def make_window(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, keyring: MemoryKeyring
) -> tuple[MainWindow, AppSession]:
    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("nobody", "x"),
        keyring_backend=keyring,
    )
    window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window, session


def page(window: MainWindow, page_id: str) -> Page:
    window.select_page(page_id)
    shown = window.current_page()
    assert shown.page_id == page_id
    return shown


def sidebar_visible(window: MainWindow) -> set[str]:
    model = window.sidebar_model
    return {
        str(model.index(row, 0).data(Qt.ItemDataRole.UserRole + 10))
        for row in range(model.rowCount())
        if not window.sidebar.isRowHidden(row)
    }


def add_fides_shop(qtbot: QtBot, window: MainWindow, url: str, identity: str) -> None:
    """File → Add shop…: type the address, OK; then the identity dialog: type, OK."""

    def fill_address() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddShopDialog)
        qtbot.keyClicks(dialog.url, url)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_address)
    window.add_shop_action.trigger()
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(window, "fides_dialog", None), FidesIdentityDialog)
            and window.fides_dialog.isVisible()
        ),
        timeout=30000,
    )
    dialog = window.fides_dialog
    qtbot.keyClicks(dialog.identity_edit, "not an identity")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible()
    assert dialog.error.isVisible()  # refused: neither an e-mail nor a phone number
    dialog.identity_edit.clear()
    qtbot.keyClicks(dialog.identity_edit, identity)
    dialog.name_edit.setText("Fides Test Shop")
    ok.click()
    qtbot.waitUntil(
        lambda: getattr(window.session.view(), "fides", None) is not None, timeout=30000
    )


def wait_content(qtbot: QtBot, shown: Page) -> None:
    qtbot.waitUntil(lambda: getattr(shown, "state", None) is LoadState.CONTENT, timeout=30000)


def file_request(qtbot: QtBot, requests: RequestsPage, rtype: str) -> TrackedRequest:
    before = {r.key for r in requests.model.rows}
    action = next(a for a in requests.new_menu.actions() if a.data() == rtype)
    assert action.isVisible()
    action.trigger()
    dialog = requests.dialog
    assert isinstance(dialog, FidesRequestDialog)
    assert "10 minutes" in dialog.rules.text()
    if dialog.confirm is not None:
        dialog.submit_button.click()
        assert dialog.error.isVisible()  # the erasure must be confirmed first
        dialog.confirm.click()
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: len({r.key for r in requests.model.rows} - before) == 1, timeout=30000)
    new = ({r.key for r in requests.model.rows} - before).pop()
    return requests.model.rows[requests.model.find(new)]


def verify(qtbot: QtBot, requests: RequestsPage, code: str) -> None:
    detail = requests.detail
    detail.code_edit.clear()
    qtbot.keyClicks(detail.code_edit, code)
    detail.verify_button.click()
    qtbot.waitUntil(lambda: detail.action_message.text() != "", timeout=30000)


def test_a_fides_shop_from_adding_to_consent(
    qtbot: QtBot,
    fides_server: FidesServer,
    tmp_path: Path,
    runner: TaskRunner,
    keyring: MemoryKeyring,
) -> None:
    email = f"ui-{uuid.uuid4().hex[:10]}@example.com"
    window, session = make_window(qtbot, tmp_path, runner, keyring)
    add_fides_shop(qtbot, window, fides_server.url, email)

    # Only what Fides offers, and a sentence about what it does not.
    visible = sidebar_visible(window)
    assert {"requests", "consents"} <= visible
    assert not visible & {
        "overview",
        "my-data",
        "tracks",
        "orders",
        "sharing",
        "decisions",
        "notices",
        "access-log",
    }
    assert window.offer_banner.isVisible()
    assert "does not show what it holds about you" in window.offer_banner.label.text()
    assert "e-mail" in window.offer_banner.label.text()

    requests = page(window, "requests")
    assert isinstance(requests, RequestsPage)
    wait_content(qtbot, requests)
    offered = {a.data() for a in requests.new_menu.actions() if a.isVisible()}
    assert offered == {"access", "deletion"}

    # Access: filed, verified with a wrong then the right code.
    access = file_request(qtbot, requests, "access")
    assert access.request.status == "identity_unverified"
    assert (access.request.due_at - access.request.received_at).days == 45
    assert requests.select(access.key)
    detail = requests.detail
    assert detail.verify_box.isVisibleTo(detail)
    assert not detail.cancel_button.isVisibleTo(detail)  # Fides lets no shopper cancel
    assert not detail.demo_code_button.isVisibleTo(detail)
    assert "3 wrong tries" in detail.backend_note.text()
    code = fides_server.verification_code(access.request.id)
    assert code is not None
    verify(qtbot, requests, "000000" if code != "000000" else "111111")
    assert "Tries left: 2" in detail.action_message.text()
    verify(qtbot, requests, code)
    qtbot.waitUntil(
        lambda: requests.model.rows[requests.model.find(access.key)].request.status == "pending",
        timeout=30000,
    )
    assert "tell you by e-mail" in detail.backend_note.text()

    # Erasure: confirmed, filed, verified.
    erasure = file_request(qtbot, requests, "deletion")
    assert erasure.request.type == "deletion"
    assert requests.select(erasure.key)
    erasure_code = fides_server.verification_code(erasure.request.id)
    assert erasure_code is not None
    verify(qtbot, requests, erasure_code)
    qtbot.waitUntil(
        lambda: requests.model.rows[requests.model.find(erasure.key)].request.status == "pending",
        timeout=30000,
    )

    # The shop's staff approve both (only the test holds the admin token).
    answer = fides_server.approve(access.request.id, erasure.request.id)
    assert len(answer["succeeded"]) == 2
    assert fides_server.status_of(access.request.id) in ("approved", "in_processing", "complete")
    # One tracker: a refresh still lists both, from what the shop told the shopper.
    qtbot.waitUntil(lambda: requests._task is None, timeout=30000)
    with qtbot.waitSignal(requests.loaded, timeout=30000):
        requests.refresh(quiet=True)
    assert {r.request.id for r in requests.model.rows} == {access.request.id, erasure.request.id}
    assert session.registry.config_dir.joinpath("outbox.sqlite").exists()

    # Consent: ask for a code, enter it, switch advertising on.
    consents_page = page(window, "consents")
    assert isinstance(consents_page, ConsentsPage)
    wait_content(qtbot, consents_page)
    consents = consents_page.fides_panel  # the Consents page, in its Fides form
    assert consents.isVisible()
    assert not consents_page.tabs.isVisible()
    assert "no signed receipt" in consents.receipt_note.text()
    consents.send_button.click()
    qtbot.waitUntil(lambda: consents.consent_session is not None, timeout=30000)
    assert consents.consent_session is not None
    consent_code = fides_server.verification_code(consents.consent_session.id)
    assert consent_code is not None
    qtbot.keyClicks(consents.code_edit, consent_code)
    consents.verify_button.click()
    qtbot.waitUntil(lambda: "marketing.advertising" in consents.switches, timeout=30000)
    switch = consents.switches["marketing.advertising"]
    assert not switch.isChecked()
    switch.click()
    qtbot.waitUntil(lambda: "confirms" in consents.answer.text(), timeout=30000)
    assert switch.isChecked()
    assert consents.history.rowCount() == 1

    # The identity is in the keychain, not in any file the app wrote.
    assert any(service.startswith("privacy-dashboard:fides:") for service, _ in keyring.entries)
    for path in (tmp_path / "config").rglob("*"):
        if path.is_file():
            assert email.encode() not in path.read_bytes(), path

    # A restart: the shop, the identity and the tracked requests come back.
    window.close()
    session.close()
    again, again_session = make_window(qtbot, tmp_path, runner, keyring)
    resumed: list[int] = []
    again_session.resume_remembered(resumed.append)
    qtbot.waitUntil(lambda: bool(resumed), timeout=30000)
    assert resumed == [1]
    assert again_session.view() is not None
    tracker = page(again, "requests")
    assert isinstance(tracker, RequestsPage)
    wait_content(qtbot, tracker)
    assert {r.request.id for r in tracker.model.rows} == {access.request.id, erasure.request.id}
    history = page(again, "consents")
    assert isinstance(history, ConsentsPage)
    wait_content(qtbot, history)
    assert history.fides_panel.history.rowCount() == 1
    again_session.close()


def test_our_api_and_a_fides_shop_in_one_tracker(
    qtbot: QtBot,
    fides_server: FidesServer,
    tmp_path: Path,
    runner: TaskRunner,
    keyring: MemoryKeyring,
    shop: object,
) -> None:
    from server.embedded import RunningShop
    from tests.ui.conftest import sign_in

    assert isinstance(shop, RunningShop)
    window, session = make_window(qtbot, tmp_path, runner, keyring)
    sign_in(qtbot, session, shop, ScriptedBrowser("lin.mei", "demo1234"))
    add_fides_shop(qtbot, window, fides_server.url, f"mix-{uuid.uuid4().hex[:8]}@example.com")
    requests = page(window, "requests")
    assert isinstance(requests, RequestsPage)
    wait_content(qtbot, requests)
    fides_row = file_request(qtbot, requests, "access")
    qtbot.waitUntil(lambda: requests._task is None, timeout=30000)
    with qtbot.waitSignal(requests.loaded, timeout=30000):
        requests.refresh(quiet=True)
    shops = {r.shop_id for r in requests.model.rows}
    assert fides_row.shop_id in shops
    # Switching to our API's shop shows every page and every request type again.
    window.session.switch_to(shop.ctx.shop.id)
    visible = sidebar_visible(window)
    assert {"overview", "my-data", "consents", "requests"} <= visible
    consents_page = page(window, "consents")
    assert isinstance(consents_page, ConsentsPage)
    wait_content(qtbot, consents_page)
    assert consents_page.tabs.isVisible()  # our API: receipts, channels, cookies again
    assert not consents_page.fides_panel.isVisible()
    assert not window.offer_banner.isVisible()
    offered = {a.data() for a in requests.new_menu.actions() if a.isVisible()}
    assert "complaint" in offered
    assert isinstance(window.findChild(QLineEdit), QLineEdit)
    session.close()


def test_after_a_maybe_filed_the_dialog_does_not_file_a_second_request(
    qtbot: QtBot,
    runner: TaskRunner,
    fides_server: FidesServer,
    shopper_email: str,
    tmp_path: Path,
    cut_after_send: str,  # noqa: F811 (the fixture imported above)
) -> None:
    """The connection breaks after Fides took the request: the shop may have it, so "File
    request" is not offered again (Fides has no idempotency; a second press is a second one)."""
    shop = FidesShop(
        cut_after_send,
        "Fides test shop",
        FidesIdentity(email=shopper_email),
        FidesStore(tmp_path / "fides.sqlite"),
    )
    outbox = Outbox(tmp_path / "outbox.sqlite")
    dialog = FidesRequestDialog("access", shop, lambda: outbox, runner.run)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=30000)
    assert "may have it" in dialog.error.text()
    assert not dialog.submit_button.isEnabled()
    assert dialog.maybe_filed  # recognised by its kind, not by comparing its words
    assert dialog.cancel_button.text() == "Close"
    dialog.submit()  # not even a press that reaches the slot sends it again
    assert not dialog.busy
    failed = outbox.failed()
    assert [item.idempotency_key for item in failed] == [dialog.idempotency_key]
    found = fides_server.admin(
        "POST", "/privacy-request/search", {"identities": {"email": shopper_email}}
    )
    assert len(found["items"]) == 1  # the shop has it exactly once
    click_close = dialog.cancel_button
    qtbot.mouseClick(click_close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    shop.close()
