"""Convert archive to SQLite: an encrypted archive is converted only after the shopper agrees
that the database holds their data decrypted (r2 #23). Real dialog, real archives exported
from the real shop."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ModalAnswer, click
from tests.ui.test_archives_ui import SMALL, export
from ui.archive_dialogs import SqliteDialog
from ui.main_window import MainWindow


def _open(qtbot: QtBot, window: MainWindow) -> SqliteDialog:
    window.sqlite_archive_action.trigger()
    dialog = window.archive_dialog
    assert isinstance(dialog, SqliteDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def test_an_encrypted_archive_is_converted_only_after_the_warning(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    archive, db = tmp_path / "secret.pdarchive.enc", tmp_path / "secret.db"
    export(qtbot, window, archive, sections=SMALL, passphrase="correct horse")
    dialog = _open(qtbot, window)
    assert dialog.clear_text_note.isVisible()  # said before anything is chosen
    assert "not encrypted" in dialog.clear_text_note.text()
    dialog.archive_path.set_path(archive)
    dialog.passphrase.setText("correct horse")
    dialog.out_path.set_path(db)

    # The shopper declines: nothing is written.
    declined = ModalAnswer(qtbot, QMessageBox.StandardButton.Cancel)
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: declined.answered, timeout=10000)
    qtbot.waitUntil(lambda: "Nothing was converted" in dialog.status.text(), timeout=5000)
    (question,) = declined.texts
    assert "encrypted" in question
    assert "decrypted" in question
    assert not db.exists()
    assert not dialog.busy

    # The shopper agrees: the database is written.
    agreed = ModalAnswer(qtbot, "Convert, not encrypted")
    with qtbot.waitSignal(dialog.work_finished, timeout=60000):
        click(qtbot, dialog.start_button)
    assert agreed.answered
    assert dialog.error is None, dialog.error
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM tracks").fetchone()[0] > 0
    dialog.reject()


def test_a_plain_archive_is_converted_without_a_question(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    archive, db = tmp_path / "plain.zip", tmp_path / "plain.db"
    export(qtbot, window, archive, sections=SMALL)
    dialog = _open(qtbot, window)
    dialog.archive_path.set_path(archive)
    dialog.out_path.set_path(db)
    unasked = ModalAnswer(qtbot, QMessageBox.StandardButton.Cancel, timeout_ms=3000)
    with qtbot.waitSignal(dialog.work_finished, timeout=60000):
        click(qtbot, dialog.start_button)
    assert not unasked.answered
    assert dialog.error is None, dialog.error
    assert db.is_file()
    dialog.reject()
