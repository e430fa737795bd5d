"""The SQLite dialog: an archive converted into a database (one table per section)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
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
from ui.tasks import TaskControl, TaskRunner


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
