"""The consents & subscriptions page against a real shop: switches, receipts, history,
channels, cookies, assist mode, failure faces and hostile strings."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select, update

from client.connection import AssistSession, ShopConnection
from server.embedded import RunningShop
from server.models.consent import ConsentEvent, ConsentPurpose, ConsentState, CookieEntry
from server.models.consent import Subscription as SubscriptionRow
from server.models.identity import User
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import button, click, refresh_offline, retry_offline, wait_loaded
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.consents import ConsentsData, ConsentsPage
from ui.pages.consents_models import SIGNATURE_COLUMN, HistoryRow, receipt_reference
from ui.session import ActiveView
from ui.widgets.load_state import LoadState

HOSTILE = "<b>x</b><img src=x> مرحبا 😀 蓝牙" + " long" * 200


def open_page(qtbot: QtBot, window: MainWindow) -> ConsentsPage:
    page = window.pages["consents"]
    assert isinstance(page, ConsentsPage)
    window.select_page("consents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def wait_history(qtbot: QtBot, page: ConsentsPage) -> list[HistoryRow]:
    model = page.history_model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=15000)
    return model.rows


def current_view(window: MainWindow) -> ActiveView:
    view = window.session.view()
    assert view is not None
    return view


def user_id(shop: RunningShop, username: str = "lin.mei") -> int:
    with shop.ctx.sessions() as db:
        return int(db.scalars(select(User.id).where(User.username == username)).one())


@pytest.fixture
def assist(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> Iterator[ActiveView]:
    """An agent's assist view on lin.mei (the shopper hands over a one-time code)."""
    shopper = current_view(window)
    code = shopper.shop.create_assist_code()
    agent = ShopConnection(
        shop.url,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
        scopes=["privacy.read", "assist"],
    )
    agent.sign_in("agent.wu")
    session: AssistSession = agent.open_assist_session(
        code.customer_no, code.code, "Customer asked about consents"
    )
    yield ActiveView(
        shopper.shop_id, shopper.shop_name, code.customer_no, session.api, session, "agent"
    )
    session.close()
    agent.close()


def test_purposes_show_basis_required_and_switches(
    qtbot: QtBot, window: MainWindow, qtmodeltester: object
) -> None:
    page = open_page(qtbot, window)
    consents = current_view(window).api.list_consents()
    assert set(page.consent_rows) == {c.purpose for c in consents}
    for consent in consents:
        row = page.consent_rows[consent.purpose]
        assert row.switch is not None
        assert row.switch.isChecked() is consent.granted
        assert row.description.text() == consent.description
        assert row.title_label.text() == consent.title  # English app: the English title
        if consent.required:
            assert not row.switch.isEnabled()  # required: not switchable
            assert row.required_note is not None
            assert "cancel" in row.required_note.text()
        else:
            assert row.switch.isEnabled()
            assert row.required_note is None
    membership = page.consent_rows["membership"]
    assert membership.basis.text() == "Legal basis: Needed to fulfil your contract with the shop"
    assert "Your consent" in page.consent_rows["marketing_messages"].basis.text()
    wait_history(qtbot, page)
    for model in (page.history_model, page.cookie_model, page.cookie_proxy):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_required_purpose_click_does_nothing(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    switch = page.consent_rows["membership"].switch
    assert switch is not None
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert switch.isChecked()
    assert page.receipt_panel.isHidden()
    membership = next(
        c for c in current_view(window).api.list_consents() if c.purpose == "membership"
    )
    assert membership.granted


def test_withdraw_and_give_consent_with_verified_receipts(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    api = current_view(window).api
    row = page.consent_rows["personalised_recommendations"]
    assert row.switch is not None
    # the switch a user sees, found by its name, is the one clicked
    assert button(page, "consentSwitch_personalised_recommendations") is row.switch
    assert row.switch.isChecked()
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            page.receipt_panel.ok is not None and row.switch is not None and row.switch.isEnabled()
        ),
        timeout=15000,
    )
    assert page.receipt_panel.ok is True
    assert "✓ verified" in page.receipt_panel.verified.text()
    assert not page.receipt_panel.withdrawal_note.isHidden()
    assert "does not undo" in page.receipt_panel.withdrawal_note.text()
    assert not row.switch.isChecked()
    server = {c.purpose: c for c in api.list_consents()}
    assert server["personalised_recommendations"].granted is False
    newest = api.list_consent_history(limit=1).items[0]
    assert newest.purpose == "personalised_recommendations"
    assert newest.granted is False
    # The receipt reads as a short reference; its Copy button copies the whole id.
    reference = receipt_reference(newest.id)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", reference)
    assert f"Receipt {reference}:" in page.receipt_panel.summary.text()
    assert newest.id not in page.receipt_panel.summary.text()
    click(qtbot, button(page, "copyReceipt"))
    assert QGuiApplication.clipboard().text() == newest.id
    # The history shows the new receipt first, verified.
    qtbot.waitUntil(
        lambda: page.history_model.rowCount() > 0 and page.history_model.row_at(0).id == newest.id,
        timeout=15000,
    )
    first = page.history_model.row_at(0)
    assert first.check.ok
    index = page.history_model.index(0, SIGNATURE_COLUMN)
    assert page.history_model.data(index) == "✓ verified"
    assert page.history_model.data(page.history_model.index(0, 2)) == "Withdrawn"
    assert page.history_model.data(page.history_model.index(0, 3)) == newest.policy_version
    assert page.history_model.data(page.history_model.index(0, 4)) == reference
    QGuiApplication.clipboard().clear()
    page.tabs.setCurrentIndex(1)  # History
    page.history_table.selectRow(0)
    click(qtbot, button(page, "copyHistoryReceipt"))
    assert QGuiApplication.clipboard().text() == newest.id
    # Give it again: the note about past processing goes away.
    page.receipt_panel.ok = None
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            page.receipt_panel.ok is not None and row.switch is not None and row.switch.isEnabled()
        ),
        timeout=15000,
    )
    assert row.switch.isChecked()
    assert page.receipt_panel.withdrawal_note.isHidden()
    server = {c.purpose: c for c in api.list_consents()}
    assert server["personalised_recommendations"].granted is True


def test_tampered_receipt_shows_not_verified(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)
    wait_history(qtbot, page)
    assert all(row.check.ok for row in page.history_model.rows)
    uid = user_id(shop)
    with shop.ctx.sessions() as db:
        event = db.scalars(
            select(ConsentEvent)
            .where(ConsentEvent.user_id == uid)
            .order_by(ConsentEvent.at.desc())
            .limit(1)
        ).one()
        tampered_id = event.receipt_id
        event.signature = base64.b64encode(bytes(64)).decode()
        db.commit()
    page.refresh()
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    rows = wait_history(qtbot, page)
    bad = [r for r in rows if not r.check.ok]
    assert [r.id for r in bad] == [tampered_id]
    position = rows.index(bad[0])
    index = page.history_model.index(position, SIGNATURE_COLUMN)
    assert page.history_model.data(index) == "✗ NOT verified"
    brush = page.history_model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#c62828"
    assert "changed or forged" in page.history_model.data(index, Qt.ItemDataRole.ToolTipRole)
    good = page.history_model.index(0 if position else 1, SIGNATURE_COLUMN)
    assert page.history_model.data(good, Qt.ItemDataRole.ForegroundRole) is None


def test_marketing_channels_toggle(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    api = current_view(window).api
    assert list(page.channel_switches) == ["sms", "email", "push", "internal_letter"]
    assert page.channel_switches["push"].text() == "Push notifications"
    page.tabs.setCurrentIndex(2)
    switch = page.channel_switches["email"]
    before = switch.isChecked()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: switch.isEnabled() and page.channel_status.text() != "", timeout=15000)
    assert switch.isChecked() is (not before)
    server = {s.channel: s.enabled for s in api.list_subscriptions()}
    assert server["email"] is (not before)
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: switch.isEnabled() and switch.isChecked() is before, timeout=15000)
    assert {s.channel: s.enabled for s in api.list_subscriptions()}["email"] is before


def test_cookie_inventory_grouped_and_tied_to_consents(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    cookies = list(current_view(window).api.list_cookies(limit=100).auto_paging_iter())
    assert page.cookie_model.rowCount() == len(cookies)
    proxy = page.cookie_proxy
    technologies = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert technologies == sorted(technologies, key=str.lower)  # grouped by technology
    assert "Pixel tag" in technologies
    assert "Flash cookie" in technologies
    by_name = {proxy.index(r, 0).data(RAW_ROLE).name: r for r in range(proxy.rowCount())}
    reco = by_name["slm_reco"]
    assert proxy.index(reco, 6).data() == "Personalised recommendations (Given)"
    assert proxy.index(by_name["slm_sid"], 6).data() == "—"
    assert proxy.index(by_name["jdn_px"], 3).data() == "Third party"
    page.cookie_group.setCurrentIndex(page.cookie_group.findData("party"))
    parties = [proxy.index(r, 3).data() for r in range(proxy.rowCount())]
    assert parties == sorted(parties, key=str.lower)
    # Withdrawing the consent updates the tied-consent column.
    row = page.consent_rows["personalised_recommendations"]
    assert row.switch is not None
    qtbot.mouseClick(row.switch, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.receipt_panel.ok is not None, timeout=15000)
    by_name = {proxy.index(r, 0).data(RAW_ROLE).name: r for r in range(proxy.rowCount())}
    assert proxy.index(by_name["slm_reco"], 6).data() == "Personalised recommendations (Withdrawn)"


def test_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    transport = current_view(window).shop.transport
    real_base = transport.base_url
    transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    transport.base_url = real_base
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    wait_history(qtbot, page)


def test_history_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    wait_history(qtbot, page)
    view = current_view(window)
    transport = view.shop.transport
    real_base = transport.base_url
    transport.base_url = "http://127.0.0.1:9/v1/"
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    page.start_history(view)
    qtbot.waitUntil(lambda: not page.history_error.isHidden(), timeout=30000)
    assert "cannot be reached" in page.history_error.text()
    assert page.history_model.rowCount() == 0
    transport.base_url = real_base
    qtbot.mouseClick(page.history_retry, Qt.MouseButton.LeftButton)
    wait_history(qtbot, page)
    assert page.history_error.isHidden()


def test_empty_shop(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        db.execute(delete(ConsentState))
        db.execute(delete(ConsentEvent))
        db.execute(delete(ConsentPurpose))
        db.execute(delete(SubscriptionRow))
        db.execute(delete(CookieEntry))
        db.commit()
    page = open_page(qtbot, window)  # the shop always lists its marketing channels
    assert not page.consent_rows
    labels = [w.text() for w in page.findChildren(QLabel) if not w.isHidden()]
    assert "This shop lists no purposes that need your consent." in labels
    assert page.cookie_model.rowCount() == 0
    assert len(page.channel_switches) == 4
    qtbot.waitUntil(lambda: not page.history_model.loading, timeout=15000)
    assert page.history_model.rowCount() == 0
    # A shop that lists nothing at all gets the empty face.
    assert page.present(ConsentsData([], [], [])) is False
    page.stack.show_empty(page.empty_message())
    assert "no purposes" in page.stack.empty_text


def test_assist_mode_has_no_switches(qtbot: QtBot, window: MainWindow, assist: ActiveView) -> None:
    page = open_page(qtbot, window)
    assert page.findChildren(QCheckBox)
    page.set_view(assist)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    qtbot.waitUntil(lambda: not page.findChildren(QCheckBox), timeout=5000)
    assert page.consent_rows
    for row in page.consent_rows.values():
        assert row.switch is None
        assert row.state_label is not None
        assert row.state_label.text() == ("Given" if row.consent.granted else "Withdrawn")
    assert not page.channel_switches
    assert set(page.channel_labels) == {"sms", "email", "push", "internal_letter"}
    assert page.channel_labels["sms"].text() in (
        "Text messages (SMS): on",
        "Text messages (SMS): off",
    )
    assert not page.mode_note.isHidden()
    page.set_consent("personalised_recommendations", False)  # no switch: nothing happens
    assert page.receipt_panel.isHidden()
    wait_history(qtbot, page)  # the agent can still read the history


def test_hostile_strings_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    with shop.ctx.sessions() as db:
        db.execute(
            update(ConsentPurpose)
            .where(ConsentPurpose.key == "location_services")
            .values(description=HOSTILE, title=HOSTILE[:60])
        )
        db.execute(
            update(CookieEntry)
            .where(CookieEntry.name == "slm_geo")
            .values(purpose=HOSTILE, provider=HOSTILE)
        )
        db.commit()
    page = open_page(qtbot, window)
    row = page.consent_rows["location_services"]
    assert row.description.text() == HOSTILE
    assert row.description.textFormat() is Qt.TextFormat.PlainText
    assert row.title_label.text() == HOSTILE[:60]
    assert row.title_label.textFormat() is Qt.TextFormat.PlainText
    model = page.cookie_model
    position = next(i for i, c in enumerate(model.rows) if c.name == "slm_geo")
    assert model.data(model.index(position, 2)) == HOSTILE
    assert model.data(model.index(position, 4)) == HOSTILE
    tooltip = model.data(model.index(position, 2), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip
    # A cookie tied to the hostile purpose title shows it as text as well.
    tied = model.data(model.index(position, 6))
    assert tied.startswith(HOSTILE[:60])
    assert QModelIndex() != model.index(position, 0)
