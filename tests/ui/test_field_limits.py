"""Every remaining text field shows its limit and refuses past it; nothing is ever cut.

Code fields (our shop's verification code, a Fides consent code, the agent's assist code), the
Fides dialog (identity, shop name), passphrases (export, verify, compare, the opener's
passphrase dialog) and addresses (the shop's address, file paths). Each test types or pastes
(Ctrl+V, as a person would) past the limit, checks the text is whole, the counter and the
error say so, and the real button refuses: no dialog accepted, no work started, nothing sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from client.backends.fides import FidesProbe
from client.limits import (
    ARCHIVE_PASSPHRASE,
    FIDES_CODE,
    FIDES_IDENTITY,
    FILE_PATH,
    ISSUED_ASSIST_CODE,
    SHOP_ADDRESS,
    SHOP_NAME,
    VERIFY_CODE,
    TextLimit,
)
from tests.ui.conftest import click
from ui.archive_dialogs import CompareDialog, PassphraseDialog, VerifyDialog
from ui.dialogs import AddShopDialog, AssistDialog
from ui.fides_dialogs import FidesIdentityDialog
from ui.pages.consents_fides import FidesConsentsPanel
from ui.pages.requests_detail import RequestDetail
from ui.session import AppSession
from ui.tasks import TaskRunner
from ui.widgets.limited_text import LimitedText


def _paste(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Paste `text` into the field with Ctrl+V, as a shopper pasting from elsewhere."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _past_limit(qtbot: QtBot, edit: QLineEdit, limit: TextLimit, char: str = "x") -> str:
    """Type (short limits) or paste (long ones) one character more than the limit."""
    text = char * (limit.max_length + 1)
    if limit.max_length <= 100:
        qtbot.keyClicks(edit, text)
    else:
        _paste(qtbot, edit, text)
    return text


def _field_of(edit: QLineEdit) -> LimitedText:
    field = edit.parentWidget()
    assert isinstance(field, LimitedText), "the edit has no counter"
    return field


def _says_too_long(qtbot: QtBot, edit: QLineEdit, limit: TextLimit, typed: str) -> None:
    assert edit.text() == typed, "the text was cut"
    field = _field_of(edit)
    assert field.max_length == limit.max_length
    assert field.counter.text().replace(",", "") == f"{len(typed)} / {limit.max_length}"
    assert "c62828" in field.counter.styleSheet()  # red
    assert field.error.isVisible()
    assert "Too long" in field.error.text()


def _ok(dialog: QWidget) -> Any:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_shop_address_is_counted_and_refused_past_its_limit(qtbot: QtBot) -> None:
    dialog = AddShopDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    typed = _past_limit(qtbot, dialog.url, SHOP_ADDRESS)
    _says_too_long(qtbot, dialog.url, SHOP_ADDRESS, typed)
    click(qtbot, _ok(dialog))
    assert dialog.isVisible(), "accepted past the limit"
    assert dialog.result() == 0
    assert "Too long" in dialog.error.text()
    dialog.url.setText("https://shop.example")  # within the limit: OK works
    click(qtbot, _ok(dialog))
    assert dialog.result() == 1
    assert dialog.address == "https://shop.example"


def test_the_assist_code_is_counted_and_a_pasted_long_code_is_not_cut(qtbot: QtBot) -> None:
    dialog = AssistDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    submitted: list[tuple[str, str, str]] = []
    dialog.submitted.connect(lambda *values: submitted.append(values))
    qtbot.keyClicks(dialog.customer, "SM100001")
    qtbot.keyClicks(dialog.reason, "ticket 4711")
    typed = _past_limit(qtbot, dialog.code, ISSUED_ASSIST_CODE, "7")
    _says_too_long(qtbot, dialog.code, ISSUED_ASSIST_CODE, typed)
    click(qtbot, _ok(dialog))
    assert submitted == []
    assert "Too long" in dialog.error.text()
    dialog.code.clear()
    _paste(qtbot, dialog.code, "12345")  # too short: said, not sent
    click(qtbot, _ok(dialog))
    assert submitted == []
    assert dialog.error.text() == "The code has 6 digits."
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "123456")
    click(qtbot, _ok(dialog))
    assert submitted == [("SM100001", "123456", "ticket 4711")]


def test_the_fides_dialog_counts_identity_and_name(qtbot: QtBot) -> None:
    probe = FidesProbe("https://fides.example", "2.0", True, True)
    dialog = FidesIdentityDialog(probe)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = _past_limit(qtbot, dialog.identity_edit, FIDES_IDENTITY)
    _says_too_long(qtbot, dialog.identity_edit, FIDES_IDENTITY, typed)
    click(qtbot, _ok(dialog))
    assert dialog.result() == 0
    assert dialog.identity is None
    dialog.identity_edit.setText("shopper@example.com")
    dialog.name_edit.clear()
    typed = _past_limit(qtbot, dialog.name_edit, SHOP_NAME)
    _says_too_long(qtbot, dialog.name_edit, SHOP_NAME, typed)  # was cut at 80 before
    click(qtbot, _ok(dialog))
    assert dialog.result() == 0
    assert dialog.identity is None
    assert "Too long" in dialog.error.text()
    dialog.name_edit.setText("My shop")
    click(qtbot, _ok(dialog))
    assert dialog.result() == 1
    assert dialog.shop_name == "My shop"


def test_a_fides_consent_code_past_its_limit_is_refused(qtbot: QtBot) -> None:
    ran: list[object] = []
    panel = FidesConsentsPanel(lambda *args: ran.append(args), lambda _message: None)
    qtbot.addWidget(panel)
    panel.show()
    panel.code_edit.setEnabled(True)  # as after "Send me a code"
    typed = _past_limit(qtbot, panel.code_edit, FIDES_CODE, "1")
    _says_too_long(qtbot, panel.code_edit, FIDES_CODE, typed)
    panel.verify_button.setEnabled(True)
    click(qtbot, panel.verify_button)
    assert ran == []
    assert "Too long" in panel.code_status.text()


def test_our_shop_s_verification_code_past_its_limit_is_refused(qtbot: QtBot) -> None:
    ran: list[object] = []
    detail = RequestDetail(lambda *args: ran.append(args), lambda _shop: None)
    qtbot.addWidget(detail)
    detail.show()
    detail.body.show()  # as for a request waiting for its code
    detail.actions_box.show()
    detail.verify_box.show()
    typed = _past_limit(qtbot, detail.code_edit, VERIFY_CODE, "9")
    _says_too_long(qtbot, detail.code_edit, VERIFY_CODE, typed)
    click(qtbot, detail.verify_button)
    assert ran == []
    assert "Too long" in detail.action_message.text()


def _refused_to_start(qtbot: QtBot, dialog: Any) -> None:
    started: list[object] = []
    dialog.runner.run = lambda *args, **kwargs: started.append(args)  # nothing may start
    click(qtbot, dialog.start_button)
    assert started == []
    assert dialog.task is None
    assert "Too long" in dialog.status.text()


@pytest.mark.parametrize(
    ("dialog_class", "edit_of"),
    [
        (VerifyDialog, lambda d: d.passphrase),
        (VerifyDialog, lambda d: d.archive_path.edit),
        (VerifyDialog, lambda d: d.key_file.edit),
        (CompareDialog, lambda d: d.old_passphrase),
        (CompareDialog, lambda d: d.new_path.edit),
    ],
    ids=[
        "verify-passphrase",
        "verify-path",
        "verify-key-file",
        "compare-passphrase",
        "compare-path",
    ],
)
def test_archive_passphrases_and_paths_are_counted_and_refused(
    qtbot: QtBot,
    runner: TaskRunner,
    app_session: AppSession,
    tmp_path: Path,
    dialog_class: type,
    edit_of: Callable[[Any], QLineEdit],
) -> None:
    dialog = (
        dialog_class(runner, app_session) if dialog_class is VerifyDialog else dialog_class(runner)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    for other in (getattr(dialog, name, None) for name in ("archive_path", "old_path", "new_path")):
        if other is not None:  # the other paths are filled in and fine
            other.set_path(tmp_path / "some.pdarchive.zip")
    edit = edit_of(dialog)
    edit.clear()
    is_path = edit.echoMode() == QLineEdit.EchoMode.Normal
    limit = FILE_PATH if is_path else ARCHIVE_PASSPHRASE
    typed = _past_limit(qtbot, edit, limit, "p")
    _says_too_long(qtbot, edit, limit, typed)
    _refused_to_start(qtbot, dialog)


def test_the_opener_s_passphrase_dialog_counts_and_refuses(qtbot: QtBot) -> None:
    dialog = PassphraseDialog("Encrypted archive", "Enter its passphrase:")
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.textValueSelected.connect(chosen.append)
    dialog.show()
    typed = _past_limit(qtbot, dialog.edit, ARCHIVE_PASSPHRASE, "s")
    _says_too_long(qtbot, dialog.edit, ARCHIVE_PASSPHRASE, typed)
    click(qtbot, _ok(dialog))
    assert chosen == []
    assert dialog.isVisible()
    dialog.edit.setText("correct horse")
    click(qtbot, _ok(dialog))
    assert chosen == ["correct horse"]
    assert not dialog.isVisible()
