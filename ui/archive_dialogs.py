"""Personal-data archive dialogs: export (build now, or download the shop's), verify, compare,
convert to SQLite.

Every dialog keeps its inputs in plain widgets whose values can be set in code (`PathField
.set_path`, the line edits), and starts its work with `start()`: the work runs on the
TaskRunner, progress comes back through `control.report`, and the outcome is left in
`result` / `error` and the plain-text `status` label, then `work_finished` is emitted.
File pickers are only opened by the "Browse…" buttons.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.archive import (
    SECTIONS,
    Archive,
    ArchiveDiff,
    ArchiveError,
    ArchiveReport,
    SectionDiff,
    load_key_file,
    open_archive,
)
from client.archive.verify import ANY_KID
from client.i18n import trans_late
from client.limits import ARCHIVE_PASSPHRASE, FILE_PATH
from ui import formats
from ui.errors import archive_reason, user_message
from ui.i18n import translate
from ui.models.columns import Column
from ui.models.record_table import RecordTableModel
from ui.pages.tracks_dialogs import OptionalDateEdit, day_range
from ui.session import AppSession
from ui.tasks import Task, TaskControl, TaskRunner
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label

ARCHIVE_FILTER = "Personal-data archives (*.zip *.pdarchive.enc);;All files (*)"
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
}


def section_title(section: str) -> str:
    title = SECTION_TITLES.get(section)
    return translate("ArchiveSections", title) if title is not None else section


# --- keys and checking (worker-thread helpers, no Qt) ------------------------------------------
def shop_keys(session: AppSession) -> dict[str, dict[str, Any]]:
    """shop id -> public keys of every signed-in connection (read on the UI thread)."""
    from client.verify import load_public_keys

    keys: dict[str, dict[str, Any]] = {}
    for connection in session.signed_in_connections():
        try:
            keys[connection.shop_id] = load_public_keys(connection.discovery.signing_keys)
        except Exception:  # noqa: S112 - a shop without usable keys simply cannot verify
            continue
    return keys


def _resolve(keys: Mapping[str, Any], kid: str | None) -> dict[str, Any]:
    if ANY_KID in keys and kid is not None:
        return {**{k: v for k, v in keys.items() if k != ANY_KID}, kid: keys[ANY_KID]}
    return dict(keys)


def report_for(archive: Archive, keys: Mapping[str, Any] | None) -> ArchiveReport:
    """The report of an archive that opened and passed every check: now its signature."""
    manifest = archive.manifest
    base: dict[str, Any] = {
        "source": manifest.source,
        "signed": manifest.signed,
        "files_checked": len(manifest.files) + 1,
        "encrypted": archive.encrypted,
        "manifest": manifest,
    }
    if manifest.signature is None:
        if manifest.source == "shop":
            return ArchiveReport(
                False,
                ["The archive is not signed, but it should be (it says it was made by the shop)."],
                reason="unsigned",
                **base,
            )
        return ArchiveReport(True, [], **base)
    raw_kid = manifest.signature.get("kid")
    kid = raw_kid if isinstance(raw_kid, str) else None
    if not keys:
        return ArchiveReport(
            False,
            [
                "The shop's signature was not checked: no key is known "
                "for this shop (sign in to it or choose a key file)."
            ],
            reason="unknown_key",
            kid=kid,
            **base,
        )
    resolved = _resolve(keys, kid)
    result = archive.check_signature(resolved)
    if not result.ok:
        reason = "bad_signature" if kid in resolved else "unknown_key"
        return ArchiveReport(
            False, list(result.problems), reason=reason, signature_ok=False, kid=kid, **base
        )
    return ArchiveReport(True, [], signature_ok=True, kid=kid, **base)


def choose_keys(
    archive: Archive, known: Mapping[str, Mapping[str, Any]], key_file: str | None
) -> Mapping[str, Any] | None:
    if key_file:
        return load_key_file(key_file)
    shop_id = archive.manifest.shop.get("id")
    return known.get(shop_id) if isinstance(shop_id, str) else None


def check_archive(
    path: str,
    *,
    passphrase: str | None,
    known: Mapping[str, Mapping[str, Any]],
    key_file: str | None,
    control: TaskControl,
    cancel: Callable[[], bool],
) -> ArchiveReport:
    """Verify on a worker thread; a refusal becomes a report (never raises ArchiveError)."""
    try:
        archive = open_archive(
            path, passphrase=passphrase or None, verify=True, progress=control.report, cancel=cancel
        )
    except ArchiveError as exc:
        return ArchiveReport(False, [exc.message], reason=exc.reason)
    with archive:
        try:
            keys = choose_keys(archive, known, key_file)
        except ArchiveError as exc:
            return ArchiveReport(
                False,
                [exc.message],
                reason=exc.reason,
                manifest=archive.manifest,
                signed=archive.manifest.signed,
                encrypted=archive.encrypted,
            )
        return report_for(archive, keys)


# --- small widgets ----------------------------------------------------------------------------
class PathField(QWidget):
    """A file path: typed, set in code, or chosen with "Browse…" (a file dialog)."""

    def __init__(
        self,
        label: str,
        *,
        save: bool = False,
        file_filter: str = ARCHIVE_FILTER,
        suggested: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._filter = file_filter
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


# --- export -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SavedArchive:
    path: Path
    size: int
    sha256: str
    report: ArchiveReport | None = None  # downloaded archives are verified after download


class ExportDialog(WorkDialog):
    """Build an archive now from the shop's API, or download the shop's official archive."""

    BUILD, DOWNLOAD = 0, 1

    def __init__(
        self, runner: TaskRunner, session: AppSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.session = session
        self.setWindowTitle(self.tr("Export archive"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_tab(), self.tr("Build one now from the shop"))
        self.tabs.addTab(self._download_tab(), self.tr("Download the shop's official archive"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self.footer(layout)
        self.resize(640, 600)
        self._requests_task: Task[Any] | None = None

    def start_text(self) -> str:
        return self.tr("Export")

    def _build_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        sections = QGroupBox(self.tr("What to include"))
        grid = QGridLayout(sections)
        self.section_boxes: dict[str, QCheckBox] = {}
        for position, section in enumerate(SECTIONS):
            box = QCheckBox(section_title(section))
            box.setChecked(True)
            self.section_boxes[section] = box
            grid.addWidget(box, position // 3, position % 3)
        toggle = QHBoxLayout()
        all_button = QPushButton(self.tr("Select all"))
        all_button.clicked.connect(lambda: self.set_sections(SECTIONS))
        none_button = QPushButton(self.tr("Select none"))
        none_button.clicked.connect(lambda: self.set_sections(()))
        toggle.addWidget(all_button)
        toggle.addWidget(none_button)
        toggle.addStretch(1)
        grid.addLayout(toggle, len(SECTIONS) // 3 + 1, 0, 1, 3)
        layout.addWidget(sections)

        form = QFormLayout()
        self.date_from = OptionalDateEdit()
        self.date_from.setAccessibleName(self.tr("Activity from (optional)"))
        self.date_to = OptionalDateEdit()
        self.date_to.setAccessibleName(self.tr("Activity until (optional)"))
        form.addRow(self.tr("Activity from:"), self.date_from)
        form.addRow(self.tr("Activity until (inclusive):"), self.date_to)
        self.passphrase = password_edit(self.tr("Passphrase (optional)"))
        self.passphrase_again = password_edit(self.tr("Passphrase again"))
        form.addRow(self.tr("Passphrase (optional):"), limited(self.passphrase))
        form.addRow(self.tr("Passphrase again:"), limited(self.passphrase_again))
        note = plain_label(
            self.tr(
                "A passphrase encrypts the whole archive, so nobody who gets the file can read "
                "your data without it. It cannot be recovered: if you forget it, the archive "
                "cannot be opened by anyone, including you."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.save_path = PathField(
            self.tr("Save the archive as"), save=True, suggested="personal-data.pdarchive.zip"
        )
        form.addRow(self.tr("Save as:"), self.save_path)
        layout.addLayout(form)
        date_note = plain_label(
            self.tr(
                "The dates limit records of activity (searches, orders, logs…); lists such as "
                "devices and consents are always complete."
            )
        )
        date_note.setWordWrap(True)
        layout.addWidget(date_note)
        layout.addStretch(1)
        return tab

    def _download_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            plain_label(
                self.tr(
                    "When the shop has answered an access request, its official, signed archive "
                    "can be downloaded here. An interrupted download continues where it stopped."
                )
            )
        )
        self.requests_model = QStandardItemModel(self)
        self.requests_view = QListView()
        self.requests_view.setAccessibleName(self.tr("Completed access requests"))
        self.requests_view.setModel(self.requests_model)
        self.requests_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.requests_view, 1)
        self.requests_status = plain_label()
        layout.addWidget(self.requests_status)
        reload_button = QPushButton(self.tr("Refresh list"))
        reload_button.clicked.connect(self.load_requests)
        layout.addWidget(reload_button)
        form = QFormLayout()
        self.download_path = PathField(
            self.tr("Save the shop's archive as"), save=True, suggested="shop-archive.pdarchive.zip"
        )
        form.addRow(self.tr("Save as:"), self.download_path)
        layout.addLayout(form)
        return tab

    def set_sections(self, sections: Any) -> None:
        wanted = set(sections)
        for section, box in self.section_boxes.items():
            box.setChecked(section in wanted)

    def chosen_sections(self) -> list[str]:
        return [s for s, box in self.section_boxes.items() if box.isChecked()]

    def _tab_changed(self, index: int) -> None:
        if index == self.DOWNLOAD and self.requests_model.rowCount() == 0:
            self.load_requests()

    # --- the list of completed access requests ---
    def load_requests(self) -> None:
        view = self.session.live_view()
        if view is None:
            self.requests_status.setText(self.tr("Sign in to a shop first."))
            return
        if self._requests_task is not None:
            return
        api = view.api
        self.requests_status.setText(self.tr("Loading…"))

        def work(_control: TaskControl) -> list[Any]:
            return [
                r
                for r in api.list_requests(limit=100).auto_paging_iter()
                if r.type == "access" and r.status == "completed"
            ]

        def done(requests: list[Any]) -> None:
            self._requests_task = None
            self.requests_model.clear()
            for request in requests:
                item = QStandardItem(
                    self.tr("Request {0}, received {1}").format(
                        request.id, formats.format_datetime(request.received_at)
                    )
                )
                item.setData(request.id, REQUEST_ROLE)
                self.requests_model.appendRow(item)
            if requests:
                self.requests_view.setCurrentIndex(self.requests_model.index(0, 0))
                self.requests_status.setText("")
            else:
                self.requests_status.setText(
                    self.tr("No completed access request yet. File one on the Requests page.")
                )

        def failed(error: BaseException) -> None:
            self._requests_task = None
            self.requests_status.setText(user_message(error))

        self._requests_task = self.runner.run(work, done, failed)

    def selected_request(self) -> str | None:
        index = self.requests_view.currentIndex()
        value = index.data(REQUEST_ROLE) if index.isValid() else None
        return str(value) if value is not None else None

    # --- start ---
    def start(self) -> None:
        if self.tabs.currentIndex() == self.DOWNLOAD:
            self.start_download()
        else:
            self.start_export()

    def start_export(self) -> None:
        view = self.session.live_view()
        connection = self.session.current
        if view is None or connection is None:
            self.fail(self.tr("Sign in to a shop first: the archive is built from its data."))
            return
        sections = self.chosen_sections()
        if not sections:
            self.fail(self.tr("Choose at least one part to include."))
            return
        passphrase = self.passphrase.text()
        if passphrase != self.passphrase_again.text():
            self.fail(self.tr("The two passphrases differ."))
            return
        path = self.save_path.path
        if not path:
            self.fail(self.tr("Choose where to save the archive."))
            return
        first, last = self.date_from.value(), self.date_to.value()
        if first and last and first > last:
            self.fail(self.tr("The first day is after the last day."))
            return
        start, end = day_range(first, last)
        api = view.shop
        shop = {
            "id": connection.shop_id,
            "name": connection.shop_name,
            "api_base": connection.discovery.api_base.rstrip("/"),
        }

        def work(control: TaskControl) -> SavedArchive:
            from client.archive import export_archive

            result = export_archive(
                api,
                path,
                sections=sections,
                start=start,
                end=end,
                passphrase=passphrase or None,
                progress=control.report,
                cancel=self.cancelled(control),
                shop=shop,
            )
            return SavedArchive(result.path, result.size, result.sha256)

        self.launch(work, self._saved, self.tr("Exporting…"))

    def start_download(self) -> None:
        view = self.session.live_view()
        connection = self.session.current
        if view is None or connection is None:
            self.fail(self.tr("Sign in to a shop first."))
            return
        request_id = self.selected_request()
        if request_id is None:
            self.fail(self.tr("Choose a completed access request."))
            return
        path = self.download_path.path
        if not path:
            self.fail(self.tr("Choose where to save the archive."))
            return
        api = view.shop
        known = shop_keys(self.session)

        def work(control: TaskControl) -> SavedArchive:
            cancel = self.cancelled(control)

            def progress(done: int, total: int | None) -> None:
                control.report(done, total if total is not None else 0)

            saved = api.download_result(request_id, path, progress=progress, cancel=cancel)
            report = check_archive(
                saved.path,
                passphrase=None,
                known=known,
                key_file=None,
                control=control,
                cancel=cancel,
            )
            return SavedArchive(Path(saved.path), saved.size, saved.sha256, report)

        self.launch(work, self._saved, self.tr("Downloading…"))

    def _saved(self, saved: SavedArchive) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = self.tr("Saved to {0}\nSize: {1}\nSHA-256: {2}").format(
            saved.path, format_size(saved.size), saved.sha256
        )
        if saved.report is not None:
            text += "\n" + report_summary(saved.report)
        self.status.setText(text)


# --- verify -----------------------------------------------------------------------------------
def report_summary(report: ArchiveReport) -> str:
    """One line about the signature and checksums (for banners and messages)."""
    if not report.signed:
        signature = translate("ArchiveReport", "not signed")
    elif report.signature_ok:
        signature = translate("ArchiveReport", "signature ✓ verified")
    else:
        signature = translate("ArchiveReport", "signature ✗ NOT verified")
    checks = (
        translate("ArchiveReport", "checksums ✓")
        if report.manifest is not None
        else translate("ArchiveReport", "checksums ✗")
    )
    return f"{signature}; {checks}"


def report_text(report: ArchiveReport) -> str:
    """The plain-text verification report."""
    lines: list[str] = []
    if report.ok:
        lines.append(translate("ArchiveReport", "OK: the archive passed every check."))
    else:
        lines.append(translate("ArchiveReport", "Problems found:"))
        if report.reason:
            lines.append(f"- {archive_reason(report.reason)} [{report.reason}]")
        lines.extend(f"  {problem}" for problem in report.problems)
    manifest = report.manifest
    if manifest is not None:
        lines.append("")
        shop = (
            manifest.shop.get("name")
            or manifest.shop.get("id")
            or manifest.shop.get("api_base")
            or "—"
        )
        subject = manifest.subject.get("display_name") or manifest.subject.get("customer_no") or "—"
        maker = (
            translate("ArchiveReport", "the shop")
            if manifest.source == "shop"
            else translate("ArchiveReport", "this app")
        )
        encrypted = (
            translate("ArchiveReport", "yes")
            if report.encrypted
            else translate("ArchiveReport", "no")
        )
        lines.append(translate("ArchiveReport", "Shop: {0}").format(shop))
        lines.append(translate("ArchiveReport", "Of: {0}").format(subject))
        lines.append(translate("ArchiveReport", "Created: {0}").format(manifest.created_at))
        lines.append(translate("ArchiveReport", "Made by: {0}").format(maker))
        lines.append(translate("ArchiveReport", "Files checked: {0}").format(report.files_checked))
        lines.append(translate("ArchiveReport", "Encrypted: {0}").format(encrypted))
        lines.append(report_summary(report))
        if report.kid:
            lines.append(translate("ArchiveReport", "Signing key: {0}").format(report.kid))
        lines.append(
            translate("ArchiveReport", "Parts: {0}").format(formats.join_list(manifest.sections))
        )
    return "\n".join(lines)


class VerifyDialog(WorkDialog):
    """Check an archive: every checksum, the ZIP structure and the shop's signature."""

    def __init__(
        self, runner: TaskRunner, session: AppSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.session = session
        self.setWindowTitle(self.tr("Verify archive"))
        form = QFormLayout()
        self.archive_path = PathField(self.tr("Archive to verify"))
        self.key_file = PathField(
            self.tr("Shop's key file (optional)"),
            file_filter="Keys (*.json *.pem *.txt);;All files (*)",
        )
        self.passphrase = password_edit(self.tr("Passphrase (if encrypted)"))
        form.addRow(self.tr("Archive:"), self.archive_path)
        form.addRow(self.tr("Key file (optional):"), self.key_file)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.passphrase))
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Verification report"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report_view, 1)
        self.footer(layout)
        self.resize(620, 480)

    def start_text(self) -> str:
        return self.tr("Verify")

    def start(self) -> None:
        path = self.archive_path.path
        if not path:
            self.fail(self.tr("Choose an archive."))
            return
        key_file = self.key_file.path or None
        passphrase = self.passphrase.text() or None
        known = shop_keys(self.session)
        self.report_view.clear()

        def work(control: TaskControl) -> ArchiveReport:
            return check_archive(
                path,
                passphrase=passphrase,
                known=known,
                key_file=key_file,
                control=control,
                cancel=self.cancelled(control),
            )

        self.launch(work, self._show, self.tr("Verifying…"))

    def _show(self, report: ArchiveReport) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(
            self.tr("The archive is fine.") if report.ok else self.tr("The archive has problems.")
        )
        self.report_view.setPlainText(report_text(report))


# --- compare ----------------------------------------------------------------------------------
SECTION_COLUMNS: list[Column[SectionDiff]] = [
    Column[SectionDiff](trans_late("Columns", "Section"), lambda d: section_title(d.section)),
    Column[SectionDiff](trans_late("Columns", "Added"), lambda d: len(d.added), align_right=True),
    Column[SectionDiff](
        trans_late("Columns", "Removed"), lambda d: len(d.removed), align_right=True
    ),
    Column[SectionDiff](
        trans_late("Columns", "Changed"), lambda d: len(d.changed), align_right=True
    ),
]


def _item_id(item: Mapping[str, Any]) -> str:
    value = item.get("id", item.get("key"))
    return str(value) if value is not None else "—"


class CompareDialog(WorkDialog):
    """Two archives of the same account: per section, what was added, removed or changed."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("Compare archives"))
        form = QFormLayout()
        self.old_path = PathField(self.tr("Older archive"))
        self.new_path = PathField(self.tr("Newer archive"))
        self.old_passphrase = password_edit(self.tr("Passphrase of the older archive"))
        self.new_passphrase = password_edit(self.tr("Passphrase of the newer archive"))
        form.addRow(self.tr("Older archive:"), self.old_path)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.old_passphrase))
        form.addRow(self.tr("Newer archive:"), self.new_path)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.new_passphrase))
        self.model: RecordTableModel[SectionDiff] = RecordTableModel(SECTION_COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Differences per section"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_section(current.row())
        )
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Differences in the selected section"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details, 1)
        self.footer(layout)
        self.resize(700, 640)

    def start_text(self) -> str:
        return self.tr("Compare")

    def start(self) -> None:
        old, new = self.old_path.path, self.new_path.path
        if not old or not new:
            self.fail(self.tr("Choose both archives."))
            return
        old_pass = self.old_passphrase.text() or None
        new_pass = self.new_passphrase.text() or None
        self.model.set_rows([])
        self.details.clear()

        def work(control: TaskControl) -> ArchiveDiff:
            from client.archive import diff_archives

            return diff_archives(
                old,
                new,
                old_passphrase=old_pass,
                new_passphrase=new_pass,
                cancel=self.cancelled(control),
            )

        self.launch(work, self._show, self.tr("Comparing…"))

    def _show(self, diff: ArchiveDiff) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.model.set_rows(list(diff.sections.values()))
        parts = [self.tr("No differences.") if diff.empty else self.tr("Differences found.")]
        if diff.only_in_old:
            parts.append(
                self.tr("Only in the older archive: {0}").format(
                    formats.join_list([section_title(s) for s in diff.only_in_old])
                )
            )
        if diff.only_in_new:
            parts.append(
                self.tr("Only in the newer archive: {0}").format(
                    formats.join_list([section_title(s) for s in diff.only_in_new])
                )
            )
        self.status.setText("\n".join(parts))
        changed = next((row for row, d in enumerate(self.model.rows) if not d.empty), 0)
        if self.model.rowCount():
            self.table.selectRow(changed)

    def select_section(self, section: str) -> None:
        for row, diff in enumerate(self.model.rows):
            if diff.section == section:
                self.table.selectRow(row)
                self.show_section(row)

    def show_section(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.details.clear()
            return
        diff = self.model.row_at(row)
        lines: list[str] = [
            self.tr("{0}: {1} unchanged").format(section_title(diff.section), diff.unchanged)
        ]
        if diff.added:
            lines.append(self.tr("Added:"))
            lines.extend(f"  + {_item_id(item)}" for item in diff.added)
        if diff.removed:
            lines.append(self.tr("Removed:"))
            lines.extend(f"  - {_item_id(item)}" for item in diff.removed)
        if diff.changed:
            lines.append(self.tr("Changed:"))
            lines.extend(f"  ~ {change.id}: {', '.join(change.fields)}" for change in diff.changed)
        self.details.setPlainText("\n".join(lines))


# --- to SQLite --------------------------------------------------------------------------------
class SqliteDialog(WorkDialog):
    """Convert an archive into a SQLite database (one table per section, full-text search)."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setWindowTitle(self.tr("Convert archive to SQLite"))
        form = QFormLayout()
        self.archive_path = PathField(self.tr("Archive to convert"))
        self.passphrase = password_edit(self.tr("Passphrase (if encrypted)"))
        self.out_path = PathField(
            self.tr("Save the database as"),
            save=True,
            file_filter="SQLite (*.db *.sqlite);;All files (*)",
            suggested="personal-data.db",
        )
        form.addRow(self.tr("Archive:"), self.archive_path)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.passphrase))
        form.addRow(self.tr("Save as:"), self.out_path)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.footer(layout)
        self.resize(560, 300)

    def start_text(self) -> str:
        return self.tr("Convert")

    def start(self) -> None:
        source, out = self.archive_path.path, self.out_path.path
        if not source or not out:
            self.fail(self.tr("Choose the archive and where to save the database."))
            return
        passphrase = self.passphrase.text() or None

        def work(control: TaskControl) -> Any:
            from client.archive import archive_to_sqlite

            return archive_to_sqlite(
                source,
                out,
                passphrase=passphrase,
                progress=control.report,
                cancel=self.cancelled(control),
            )

        self.launch(work, self._show, self.tr("Converting…"))

    def _show(self, result: Any) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        tables = "\n".join(
            self.tr("  {0}: {1} rows").format(name, rows) for name, rows in result.tables.items()
        )
        text = self.tr("Saved to {0}\nTables:\n{1}").format(result.path, tables)
        if result.fts:
            text += "\n" + self.tr("Full-text search over your searches: tracks_fts")
        self.status.setText(text)
