"""Opening a personal-data archive as the active view: the whole window shows it, read only.

`ArchiveOpener.open_path(path, passphrase=…, key_file=…)` opens and fully checks the archive on a
worker thread (checksums, structure, and the shop's signature with the keys of a signed-in
connection to the same shop, or a key file), then hands it to `AppSession.open_archive_view`:
`view.api` becomes an `ArchiveApi`, so every page reads the archive with no network. An
encrypted archive asks for its passphrase (a non-modal dialog, `passphrase_dialog`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from client.archive import Archive, ArchiveApi, ArchiveError, open_archive
from ui import formats
from ui.archive_dialogs import (
    PassphraseDialog,
    choose_keys,
    report_for,
    report_summary,
    shop_keys,
)
from ui.archive_dialogs.common import archive_filter, key_filter
from ui.errors import user_message
from ui.plain_text import plain_message_box
from ui.session import AppSession, OpenArchive
from ui.tasks import Task, TaskControl, TaskRunner

NEEDS_PASSPHRASE = frozenset({"encrypted", "wrong_passphrase"})


def banner_text(opened: OpenArchive) -> str:
    """ "Archive of <subject> at <shop>, created <date> — signature …; checksums ✓"."""
    from PySide6.QtCore import QCoreApplication

    # in local time like every other time on screen (the manifest keeps UTC)
    try:
        when = datetime.fromisoformat(opened.created_at)
    except ValueError:
        created = "—"
    else:
        created = formats.format_datetime(when if when.tzinfo else when.replace(tzinfo=UTC))
    return QCoreApplication.translate(
        "ArchiveView", "Archive of {0} at {1}, created {2} — {3} (read only)"
    ).format(opened.subject or "—", opened.shop_name or "—", created, report_summary(opened.report))


class ArchiveOpener(QObject):
    """Open / re-check archives for the window (one at a time)."""

    opened = Signal()
    failed = Signal(str)  # the user message
    report_changed = Signal()

    def __init__(
        self, runner: TaskRunner, session: AppSession, parent: QWidget, notify: Any = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session = session
        self.parent_widget = parent
        self.notify = notify or (lambda _text: None)
        self.task: Task[Any] | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.error_box: QMessageBox | None = None
        self.last_error: BaseException | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("Open archive"), str(Path.home()), archive_filter()
        )
        if path:
            self.open_path(path)

    def open_path(
        self, path: str | Path, *, passphrase: str | None = None, key_file: str | None = None
    ) -> None:
        if self.task is not None:
            return
        target = str(path)
        known = shop_keys(self.session)
        self.last_error = None
        self.notify(self.tr("Checking the archive…"))

        def work(control: TaskControl) -> OpenArchive:
            archive = open_archive(
                target,
                passphrase=passphrase or None,
                verify=True,
                progress=control.report,
                cancel=lambda: control.cancelled,
            )
            try:
                report = report_for(archive, choose_keys(archive, known, key_file))
            except BaseException:
                archive.close()
                raise
            return OpenArchive(Path(target), ArchiveApi(archive, owned=True), report)

        def done(opened: OpenArchive) -> None:
            self.task = None
            self.session.open_archive_view(opened)
            self.notify(self.tr("Showing the archive {0}").format(opened.path.name))
            self.opened.emit()

        def failed(error: BaseException) -> None:
            self.task = None
            self.last_error = error
            self.notify("")  # no stale "Checking the archive… 8%" after a failed open
            if isinstance(error, ArchiveError) and error.reason in NEEDS_PASSPHRASE:
                self.ask_passphrase(target, key_file, wrong=error.reason == "wrong_passphrase")
                return
            self._show_error(error)

        def progress(done_bytes: int, total: int) -> None:
            if total:
                self.notify(
                    self.tr("Checking the archive… {0}%").format(
                        min(100, done_bytes * 100 // total)
                    )
                )

        self.task = self.runner.run(work, done, failed, on_progress=progress)

    def ask_passphrase(self, path: str, key_file: str | None, *, wrong: bool = False) -> None:
        dialog = PassphraseDialog(
            self.tr("Encrypted archive"),
            self.tr("The passphrase was wrong. Try again:")
            if wrong
            else self.tr("This archive is encrypted. Enter its passphrase:"),
            self.parent_widget,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda text: self.open_path(path, passphrase=text, key_file=key_file)
        )
        self.passphrase_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "passphrase_dialog", None))
        dialog.open()

    def _show_error(self, error: BaseException) -> None:
        message = user_message(error)
        detail = error.message if isinstance(error, ArchiveError) and error.message else ""
        # The detail can quote the archive (member names): plain text, informative line too.
        box = plain_message_box(
            self.parent_widget,
            QMessageBox.Icon.Warning,
            self.tr("Open archive"),
            message,
            informative=detail,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()
        self.failed.emit(message)

    # --- the signature of the open archive, with a key file ---
    def choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("The shop's key file"),
            str(Path.home()),
            key_filter(),
        )
        if path:
            self.check_signature(path)

    def check_signature(self, key_file: str) -> None:
        opened = self.session.archive
        if opened is None or self.task is not None:
            return
        archive: Archive = opened.api.archive

        def work(_control: TaskControl) -> Any:
            return report_for(archive, choose_keys(archive, {}, key_file))

        def done(report: Any) -> None:
            self.task = None
            if self.session.archive is opened:
                self.session.archive = replace(opened, report=report)
                self.report_changed.emit()

        def failed(error: BaseException) -> None:
            self.task = None
            self._show_error(error)

        self.task = self.runner.run(work, done, failed)
