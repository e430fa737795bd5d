"""The SQLite dialog: an archive converted into a database (one table per section)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.archive_dialogs.common import (
    PathField,
    WorkDialog,
    limited,
    password_edit,
    sqlite_filter,
)
from ui.plain_text import plain_message_box
from ui.tasks import TaskControl, TaskRunner
from ui.widgets.load_state import plain_label


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
            file_filter=sqlite_filter(),
            suggested="personal-data.db",
        )
        form.addRow(self.tr("Archive:"), self.archive_path)
        form.addRow(self.tr("Passphrase (if encrypted):"), limited(self.passphrase))
        form.addRow(self.tr("Save as:"), self.out_path)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # Said before anything is chosen: the database holds the data in the clear.
        self.clear_text_note = plain_label(
            self.tr(
                "The database is not encrypted, even when the archive is: anyone who can open "
                "the file can read your data."
            )
        )
        self.clear_text_note.setObjectName("sqliteClearTextNote")
        layout.addWidget(self.clear_text_note)
        layout.addStretch(1)
        self._checking = False  # looking whether the archive is encrypted
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
        if self._checking or self.busy:
            return
        self._checking = True
        self.start_button.setEnabled(False)

        def look(_control: TaskControl) -> bool:
            from client.archive.crypto import is_encrypted  # reads the file: not on the UI thread

            return is_encrypted(source)

        def looked(encrypted: bool) -> None:
            self._checking = False
            self.start_button.setEnabled(True)
            if encrypted and not self.confirm_clear_text():
                self.status.setText(self.tr("Nothing was converted."))
                return
            self._convert(source, out, passphrase)

        def not_looked(error: BaseException) -> None:
            self._checking = False
            self.start_button.setEnabled(True)
            self._convert(source, out, passphrase)  # the conversion says what is wrong

        self.runner.run(look, looked, not_looked)

    def confirm_clear_text(self) -> bool:
        """Ask before an encrypted archive's data is written to a database without a passphrase."""
        box = plain_message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Convert archive to SQLite"),
            self.tr(
                "This archive is encrypted, but the database will not be: your data is written "
                "to it decrypted, readable by anyone who can open the file."
            ),
            informative=self.tr(
                "Convert it anyway? Keep the database somewhere only you can reach, and delete "
                "it when you no longer need it."
            ),
            buttons=QMessageBox.StandardButton.Cancel,
        )
        convert = box.addButton(
            self.tr("Convert, not encrypted"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        chosen = box.clickedButton() is convert
        box.deleteLater()
        return chosen

    def _convert(self, source: str, out: str, passphrase: str | None) -> None:
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
