"""The verify dialog: every checksum, the ZIP structure and the shop's signature."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from client.archive import (
    ArchiveReport,
)
from ui.archive_dialogs.checking import check_archive, report_text, shop_keys
from ui.archive_dialogs.common import (
    PathField,
    WorkDialog,
    key_filter,
    limited,
    password_edit,
)
from ui.session import AppSession
from ui.tasks import TaskControl, TaskRunner


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
            file_filter=key_filter(),
        )
        self.passphrase = password_edit(self.tr("Passphrase (if encrypted)"))
        form.addRow(self.tr("Archive:"), self.archive_path)
        form.addRow(self.tr("Key file (optional):"), self.key_file)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.passphrase))
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Verification report"))
        # an empty white box says nothing: tell what will appear in it
        self.report_view.setPlaceholderText(
            self.tr(
                "Choose an archive and press Verify: the report of its checksums and its "
                "signature appears here."
            )
        )
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
