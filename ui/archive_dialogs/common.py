"""The frame every archive dialog shares (`WorkDialog`), its small widgets, and section titles
as people read them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.i18n import trans_late
from client.limits import ARCHIVE_PASSPHRASE, FILE_PATH
from ui import formats
from ui.errors import user_message
from ui.i18n import translate
from ui.tasks import Task, TaskControl, TaskRunner
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label

ARCHIVE_FILTER = "Personal-data archives (*.zip *.pdarchive.enc);;All files (*)"  # English


# File-dialog filters in the UI language (the patterns in brackets stay as they are).
def archive_filter() -> str:
    return translate("FileFilters", "Personal-data archives (*.zip *.pdarchive.enc);;All files (*)")


def key_filter() -> str:
    return translate("FileFilters", "Key files (*.json *.pem *.txt);;All files (*)")


def sqlite_filter() -> str:
    return translate("FileFilters", "SQLite databases (*.db *.sqlite);;All files (*)")


REQUEST_ROLE = Qt.ItemDataRole.UserRole + 20

# Section names as shown to people (translated in context "ArchiveSections").
SECTION_TITLES: dict[str, str] = {
    "account": trans_late("ArchiveSections", "Account"),
    "categories": trans_late("ArchiveSections", "Data categories"),
    "devices": trans_late("ArchiveSections", "Devices"),
    "locations": trans_late("ArchiveSections", "Locations"),
    "logs": trans_late("ArchiveSections", "Activity logs"),
    "tracks": trans_late("ArchiveSections", "Search and browsing records"),
    "tags": trans_late("ArchiveSections", "Interest tags"),
    "orders": trans_late("ArchiveSections", "Orders"),
    "decisions": trans_late("ArchiveSections", "Automated decisions"),
    "consents": trans_late("ArchiveSections", "Consents"),
    "consent_history": trans_late("ArchiveSections", "Consent history"),
    "subscriptions": trans_late("ArchiveSections", "Subscriptions"),
    "cookies": trans_late("ArchiveSections", "Cookies"),
    "recipients": trans_late("ArchiveSections", "Partners"),
    "recipient_events": trans_late("ArchiveSections", "Data shared with partners"),
    "policy_versions": trans_late("ArchiveSections", "Privacy policy versions"),
    "notices": trans_late("ArchiveSections", "Notices"),
    "access_log": trans_late("ArchiveSections", "Access log"),
    "requests": trans_late("ArchiveSections", "Privacy requests"),
    "explanations": trans_late("ArchiveSections", "Explanations of automated decisions"),
    "deletion_receipts": trans_late("ArchiveSections", "Deletion receipts"),
    "assist_sessions": trans_late("ArchiveSections", "Assist sessions"),
    "service_contacts": trans_late("ArchiveSections", "Customer-service records"),
    "impact_assessments": trans_late("ArchiveSections", "Impact assessments"),
    "rights": trans_late("ArchiveSections", "Your rights here"),
    "incidents": trans_late("ArchiveSections", "Security incident notices"),
    "guardian_links": trans_late("ArchiveSections", "Guardians and wards"),
}


def section_title(section: str) -> str:
    title = SECTION_TITLES.get(section)
    return translate("ArchiveSections", title) if title is not None else section


# --- small widgets ----------------------------------------------------------------------------
class PathField(QWidget):
    """A file path: typed, set in code, or chosen with "Browse…" (a file dialog)."""

    def __init__(
        self,
        label: str,
        *,
        save: bool = False,
        file_filter: str | None = None,  # None: archive_filter()
        suggested: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._filter = file_filter if file_filter is not None else archive_filter()
        self._suggested = suggested
        self._label = label
        self.edit = QLineEdit()
        self.edit.setAccessibleName(label)
        self.field = LimitedText(self.edit, FILE_PATH)  # counted; a pasted path is never cut
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.setAccessibleName(self.tr("Browse for: {0}").format(label))
        self.browse.clicked.connect(self._pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.browse, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def path(self) -> str:
        return self.edit.text().strip()

    def set_path(self, path: str | Path) -> None:
        self.edit.setText(str(path))

    def _pick(self) -> None:
        start = self.path or str(Path.home() / self._suggested)
        if self._save:
            chosen, _ = QFileDialog.getSaveFileName(self, self._label, start, self._filter)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self._label, start, self._filter)
        if chosen:
            self.set_path(chosen)


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def limited(edit: QLineEdit) -> LimitedText:
    """A passphrase field with its counter: what goes in the form (the edit stays readable)."""
    return LimitedText(edit, ARCHIVE_PASSPHRASE)


class PassphraseDialog(QDialog):
    """Asks for an archive's passphrase, with its counter (QInputDialog would cut at 32767
    characters without a word). `textValueSelected` as QInputDialog's: the caller is the same."""

    textValueSelected = Signal(str)

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(label))
        self.edit = password_edit(self.tr("Passphrase"))
        self.field = limited(self.edit)
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def setTextValue(self, text: str) -> None:
        self.edit.setText(text)

    def textValue(self) -> str:
        return self.edit.text()

    def accept(self) -> None:
        if self.field.problem():
            return  # the error is under the field; nothing is sent, nothing cut
        super().accept()
        self.textValueSelected.emit(self.edit.text())


def format_size(size: int) -> str:
    return formats.format_size(size)


class WorkDialog(QDialog):
    """Shared frame: a progress bar, a status line, Start/Cancel/Close, one task at a time."""

    work_finished = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.task: Task[Any] | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel_event = threading.Event()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # "0%" before anything has started reads as stuck
        self.status = plain_label()
        self.status.setObjectName("workStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = self.buttons.addButton(
            self.start_text(), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start_button.clicked.connect(self.start)
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)

    def start_text(self) -> str:
        return self.tr("Start")

    def footer(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        """Ask the running work to stop; it reports back (e.g. "cancelled, nothing saved")."""
        if self.task is not None:
            self._cancel_event.set()
            self.status.setText(self.tr("Cancelling…"))

    def cancelled(self, control: TaskControl) -> Callable[[], bool]:
        event = self._cancel_event
        return lambda: event.is_set() or control.cancelled

    def launch(
        self, work: Callable[[TaskControl], Any], done: Callable[[Any], None], message: str
    ) -> None:
        if self.task is not None:
            return
        shown = [f for f in self.findChildren(LimitedText) if f.isVisibleTo(self)]
        too_long = next((p for p in (f.problem() for f in shown) if p), "")
        if too_long:  # refused before anything starts; the field says which and by how much
            self.fail(too_long)
            return
        self.result = None
        self.error = None
        self._cancel_event = threading.Event()
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setTextVisible(True)
        self.status.setText(message)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)

        def finished(value: Any) -> None:
            self.task = None
            self._idle()
            self.result = value
            done(value)
            self.work_finished.emit()

        def failed(error: BaseException) -> None:
            self.task = None
            self._idle()
            self.error = error
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.status.setText(user_message(error))
            self.work_finished.emit()

        self.task = self.runner.run(work, finished, failed, on_progress=self._report)

    def fail(self, message: str) -> None:
        """A problem with the inputs: shown, nothing started."""
        self.status.setText(message)

    def _idle(self) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _report(self, done: int, total: int) -> None:
        total = max(total, done, 1)
        scale = max(1, total // 1_000_000_000 + 1)  # QProgressBar is int32
        self.progress.setRange(0, total // scale)
        self.progress.setValue(done // scale)

    def reject(self) -> None:
        if self.task is not None:
            self.cancel()
            return
        super().reject()
