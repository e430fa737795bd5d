"""My data page against a real demo shop: categories, profile edit and correction, paged data."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.api import ShopApi
from client.connection import ShopConnection
from server.embedded import RunningShop
from server.models import ProfileField, User
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import SHOPPER
from tests.ui.conftest import click, refresh_offline, retry_offline, type_text, wait_loaded
from ui.main_window import MainWindow
from ui.models.columns import display_text
from ui.pages.my_data import MyDataPage
from ui.pages.my_data_dialogs import CorrectionDialog, EditFieldDialog
from ui.terms.consents import legal_basis_text
from ui.terms.data import retention_text
from ui.widgets.load_state import LoadState

HOSTILE = "<b>x</b><img src=x> مرحبا 😀 " + "长" * 150


def open_page(qtbot: QtBot, window: MainWindow) -> MyDataPage:
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def shopper_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def _held(shop: RunningShop, key: str) -> str | None:
    """The value of one profile field as the shop holds it now."""
    field = shopper_api(shop).get_me().field(key)
    assert field is not None, key
    return field.value


def cell(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def test_retention_words() -> None:
    assert retention_text("P3Y") == "3 years"
    assert retention_text("P1Y") == "1 year"
    assert retention_text("P6M") == "6 months"
    assert retention_text("until_account_closed") == "until the account is closed"


def test_categories_match_the_api(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, qtmodeltester: Any
) -> None:
    page = open_page(qtbot, window)
    expected = shopper_api(shop).list_categories()
    model = page.category_model
    assert model.rowCount() == len(expected)
    for row, category in enumerate(expected):
        assert cell(model, row, 0) == category.title
        assert cell(model, row, 1) == str(category.count)
        assert cell(model, row, 2) == display_text(category.sensitive)
        assert cell(model, row, 4) == legal_basis_text(category.legal_basis)
        # Silumart's policy states no retention period: the period is marked as the shop's
        assert category.retention_basis == "shop_configuration"
        assert cell(model, row, 5) == (
            f"{retention_text(category.retention)} (shop's setting, not stated in the policy)"
        )
        assert category.storage.vendor in cell(model, row, 6)
        assert category.clause == category.policy_section
        assert cell(model, row, 8) == f"§ {category.clause} — {category.clause_title}"
    qtmodeltester.check(model)
    qtmodeltester.check(page.category_proxy)
    qtmodeltester.check(page.profile_model)
    # sorting by count through the proxy (SORT_ROLE: numbers, not text)
    page.category_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    counts = [int(page.category_proxy.index(r, 1).data()) for r in range(len(expected))]
    assert counts == sorted(counts, reverse=True)


def test_paged_devices_locations_logs(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, qtmodeltester: Any
) -> None:
    page = open_page(qtbot, window)
    api = shopper_api(shop)
    devices = list(api.list_devices().auto_paging_iter())
    locations = list(api.list_locations().auto_paging_iter())
    qtbot.waitUntil(lambda: page.device_model.rowCount() == len(devices), timeout=10000)
    qtbot.waitUntil(
        lambda: page.location_model.rowCount() >= min(50, len(locations)), timeout=10000
    )
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 50, timeout=10000)
    assert page.log_model.canFetchMore()  # 210 logs: only the first page is loaded
    page.log_model.fetchMore()
    qtbot.waitUntil(lambda: page.log_model.rowCount() == 100, timeout=10000)
    assert cell(page.device_model, 0, 3) == devices[0].device_uid
    assert cell(page.location_model, 0, 2) == locations[0].city
    for model in (page.device_model, page.location_model, page.log_model):
        qtmodeltester.check(model)


def test_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    view.shop.transport.base_url = real_base
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT


def test_empty_profile_and_categories(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, window)
    real_present = page.present

    def empty(data: Any) -> bool:
        from dataclasses import replace

        account = data.account.model_copy(update={"fields": []})
        return real_present(replace(data, account=account, categories=[]))

    monkeypatch.setattr(page, "present", empty)
    page.refresh()
    assert wait_loaded(qtbot, page) is LoadState.EMPTY
    assert "no data" in page.stack.empty_text


def test_edit_an_editable_field(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = open_page(qtbot, window)
    field = next(f for f in page.profile_model.rows if f.editable and f.key == "job")
    page.tabs.setCurrentIndex(1)
    page.select_field(field.key)
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, EditFieldDialog)
    # too long for the shop: said next to the field, Save refuses, nothing is cut or sent
    too_long = "x" * 250
    dialog.editor.selectAll()
    type_text(qtbot, dialog.editor, too_long)
    assert dialog.editor.text() == too_long  # nothing cut
    assert dialog.editor_field.counter.text() == "250 / 200"
    assert dialog.editor_field.error.isVisible()
    assert "at most 200" in dialog.editor_field.error.text()
    assert not dialog.save_button.isEnabled()
    dialog.submit()  # Enter in the field: refused just the same
    assert not dialog.busy
    assert _held(shop, "job") == field.value
    dialog.editor.selectAll()
    type_text(qtbot, dialog.editor, "Pharmacist 药剂师")
    assert not dialog.editor_field.error.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        click(qtbot, dialog.save_button)
    assert _held(shop, "job") == "Pharmacist 药剂师"
    row = page.profile_model.row_of("job")
    assert cell(page.profile_model, row, 1) == "Pharmacist 药剂师"


def test_edit_in_place(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = open_page(qtbot, window)
    row = page.profile_model.row_of("fixed_phone")
    index = page.profile_model.index(row, 1)
    assert page.profile_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.profile_model.setData(index, "010-12345678")
    qtbot.waitUntil(lambda: cell(page.profile_model, row, 1) == "010-12345678", timeout=10000)
    assert _held(shop, "fixed_phone") == "010-12345678"
    # a refused in-place edit reopens the value in the dialog with the error
    assert page.profile_model.setData(index, "9" * 250)
    qtbot.waitUntil(
        lambda: isinstance(page.dialog, EditFieldDialog) and page.dialog.error.isVisible(),
        timeout=10000,
    )
    assert isinstance(page.dialog, EditFieldDialog)
    assert page.dialog.editor.text() == "9" * 250
    # the shop's reason is next to the field, in our words (never the validator's English)
    assert page.dialog.editor_field.error.text() == (
        "Too long: the shop accepts at most 200 characters."
    )
    assert "String should" not in page.dialog.error.text()
    page.dialog.reject()


def test_non_editable_field_goes_to_a_correction_request(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)
    gender = page.field("gender")
    assert gender is not None
    assert not gender.editable
    row = page.profile_model.row_of("gender")
    assert (
        not page.profile_model.flags(page.profile_model.index(row, 1)) & Qt.ItemFlag.ItemIsEditable
    )
    assert page.edit_field("gender") is None
    page.select_field("gender")
    assert not page.edit_button.isEnabled()
    assert page.correction_button.isEnabled()
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.correction_button)
    dialog = page.dialog
    assert isinstance(dialog, CorrectionDialog)
    type_text(qtbot, dialog.proposed, "male")
    assert dialog.diff.before_text == "female"
    assert dialog.diff.after_text == "male"
    assert dialog.diff.before_label.font().strikeOut()
    assert dialog.note_field.counter.text() == f"0 / {QLocale().toString(1000)}"
    type_text(qtbot, dialog.note, "x" * 1001)  # the note too: refused, not cut
    assert not dialog.file_button.isEnabled()
    assert dialog.note_field.error.isVisible()
    dialog.note.clear()
    key_before = None
    click(qtbot, dialog.file_button)
    key_before = dialog.idempotency_key
    assert key_before
    qtbot.waitUntil(lambda: dialog.filed, timeout=10000)
    assert dialog.idempotency_key is None
    assert dialog.faces.currentIndex() == 1
    assert "Requests page" in dialog.confirmation.text()
    filed = shopper_api(shop).list_requests(type="correction").items
    assert filed[0].details == {"field": "gender", "current": "female", "proposed": "male"}
    assert dialog.created is not None
    assert filed[0].id == dialog.created.request.id
    with qtbot.waitSignal(page.navigate, timeout=5000) as navigated:
        qtbot.mouseClick(dialog.open_requests, Qt.MouseButton.LeftButton)
    assert navigated.args == ["requests"]


def test_correction_refused_keeps_the_typed_value(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    dialog = page.request_correction("gender")
    assert dialog is not None
    dialog.proposed.setText("female ")  # differs locally; fine for the shop too
    dialog.proposed.setText("x")
    # make the current value stale: the shop answers 409
    dialog.field = dialog.field.model_copy(update={"value": "not on record"})
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.error.text().startswith("Not filed")
    assert dialog.proposed.text() == "x"
    assert not dialog.filed
    dialog.reject()


def set_hostile_profile(shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        for key in ("job", "gender"):
            row = db.scalars(
                select(ProfileField).where(ProfileField.user_id == user.id, ProfileField.key == key)
            ).one()
            row.value = HOSTILE
        user.is_minor = True
        user.guardian_consent = "pending"
        db.commit()


def test_hostile_strings_shown_literally_and_minor_status(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    set_hostile_profile(shop)
    page = open_page(qtbot, window)
    row = page.profile_model.row_of("job")
    assert cell(page.profile_model, row, 1) == HOSTILE
    assert not page.minor_status.isHidden()
    assert "waiting for a guardian" in page.minor_status.text()
    dialog = page.request_correction("gender")
    assert dialog is not None
    assert dialog.current_label.text() == HOSTILE
    assert dialog.current_label.textFormat() == Qt.TextFormat.PlainText
    dialog.proposed.setText("<i>y</i>")
    assert dialog.diff.before_text == HOSTILE
    assert dialog.diff.after_text == "<i>y</i>"
    assert dialog.diff.before_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.diff.after_label.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()
    edit = page.edit_field("job")
    assert edit is not None
    assert edit.editor.text() == HOSTILE
    edit.reject()


def open_assist(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    code = shopper_api(shop).create_assist_code()
    agent = ShopConnection(
        shop.url,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
        scopes=["privacy.read", "assist"],
    )
    agent.sign_in()
    session = agent.open_assist_session(code.customer_no, code.code, "Checking a field")
    window.session.assist = session
    window.session.changed.emit()


def test_assist_mode_has_no_editing_but_corrections(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    open_assist(qtbot, window, shop)
    page = open_page(qtbot, window)
    assert page.view is not None
    assert not page.view.can_change
    page.tabs.setCurrentIndex(1)
    assert page.edit_button.isHidden()
    assert page.edit_field("job") is None
    row = page.profile_model.row_of("job")
    assert (
        not page.profile_model.flags(page.profile_model.index(row, 1)) & Qt.ItemFlag.ItemIsEditable
    )
    page.select_field("job")
    assert not page.correction_button.isHidden()
    assert page.correction_button.isEnabled()
    dialog = page.request_correction("job")
    assert dialog is not None
    dialog.proposed.setText("Doctor")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.filed or dialog.error.isVisible(), timeout=10000)
    assert dialog.filed, dialog.error.text()
    filed = shopper_api(shop).list_requests(type="correction").items[0]
    assert filed.filed_by.role == "agent"
    dialog.accept()
