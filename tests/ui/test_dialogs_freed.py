"""Dialogs made per use are freed: opening and closing them again and again leaves at most
one of each kind alive (r2 #18). Driven through the window's own actions, signed in to the
real shop."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow

USES = 4


def _alive(window: MainWindow) -> dict[str, int]:
    """Dialogs under the window by class, once the pending deletions have run."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    counts: dict[str, int] = {}
    for dialog in window.findChildren(QDialog):
        name = type(dialog).__name__
        counts[name] = counts.get(name, 0) + 1
    return counts


def _open_and_close(qtbot: QtBot, window: MainWindow, attribute: str, open_it: object) -> None:
    assert callable(open_it)
    before = getattr(window, attribute, None)
    open_it()
    dialog = getattr(window, attribute)
    assert dialog is not before  # a fresh dialog each use
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_dialogs_used_again_and_again_do_not_pile_up(qtbot: QtBot, window: MainWindow) -> None:
    actions = {
        "about_dialog": window.about_action.trigger,
        "assist_dialog": window.assist_customer,
        "archive_dialog": window.export_archive_action.trigger,
    }
    for _use in range(USES):
        for attribute, open_it in actions.items():
            _open_and_close(qtbot, window, attribute, open_it)
        for action in (
            window.verify_archive_action,
            window.compare_archives_action,
            window.sqlite_archive_action,
        ):
            _open_and_close(qtbot, window, "archive_dialog", action.trigger)
    alive = _alive(window)
    assert alive.get("AboutDialog") == 1, alive
    assert alive.get("AssistDialog") == 1, alive
    archive = sum(alive.get(n, 0) for n in ("ExportDialog", "VerifyDialog", "CompareDialog"))
    assert archive + alive.get("SqliteDialog", 0) == 1, alive


def test_sign_in_waits_do_not_pile_up(qtbot: QtBot, window: MainWindow) -> None:
    for _use in range(3):
        before = getattr(window, "sign_in_wait", None)
        window.sign_in_action.trigger()  # signs in again through the real login page
        wait = window.sign_in_wait
        assert wait is not before
        qtbot.waitUntil(lambda: not wait.isVisible(), timeout=20000)  # noqa: B023 - waited here
    assert _alive(window).get("SignInWaitDialog") == 1, _alive(window)
