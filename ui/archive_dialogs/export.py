"""The export dialog: build an archive now from the shop's API, or download the shop's official
signed archive (then verified)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.archive import (
    SECTIONS,
    ArchiveReport,
)
from ui import formats
from ui.archive_dialogs.checking import check_archive, report_summary, shop_keys
from ui.archive_dialogs.common import (
    REQUEST_ROLE,
    PathField,
    WorkDialog,
    format_size,
    limited,
    password_edit,
    section_title,
)
from ui.errors import user_message
from ui.session import AppSession
from ui.tasks import Task, TaskControl, TaskRunner
from ui.widgets.load_state import plain_label
from ui.widgets.optional_date import OptionalDateEdit, day_range


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
                    self.tr("Access request received {0}").format(
                        formats.format_datetime(request.received_at)
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
