"""The compare dialog: two archives of one account, per section what was added, removed or
changed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from client.archive import (
    ArchiveDiff,
    SectionDiff,
)
from client.i18n import trans_late
from ui import formats
from ui.archive_dialogs.common import PathField, WorkDialog, limited, password_edit, section_title
from ui.i18n import translate
from ui.models.columns import Column
from ui.models.record_table import RecordTableModel
from ui.models.requests import category_label
from ui.tasks import TaskControl, TaskRunner
from ui.terms.data import field_text

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


# What names an item to a person (its words, its time), in this order; never its raw id.
_WORD_KEYS = ("number", "title", "name", "display_name", "text", "system", "recipient")
_TIME_KEYS = ("at", "placed_at", "created_at", "received_at", "published_at", "granted_at")


def _item_label(item: Mapping[str, Any]) -> str:
    words = next(
        (v.strip() for v in (item.get(k) for k in _WORD_KEYS) if isinstance(v, str) and v.strip()),
        "",
    )
    if not words and isinstance(item.get("key"), str):
        words = category_label(str(item["key"]))
    if len(words) > 80:
        words = words[:79] + "…"
    when = ""
    for key in _TIME_KEYS:
        value = item.get(key)
        if isinstance(value, str):
            try:
                when = formats.format_datetime(datetime.fromisoformat(value))
            except ValueError:
                continue
            break
    if words and when:
        return f"{words} ({when})"
    return words or when or translate("CompareDialog", "an item without a name")


def _field_label(name: str) -> str:
    """A field of a record in words (a profile field by its name, others spelled out)."""
    known = field_text(name)
    if known != name:
        return known
    spelled = name.replace("_", " ").strip()
    return spelled[:1].upper() + spelled[1:]


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
        self.details.setPlaceholderText(
            self.tr(
                "Choose two archives and press Compare; then select a section above to see "
                "what was added, removed or changed in it."
            )
        )
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
            lines.extend(f"  + {_item_label(item)}" for item in diff.added)
        if diff.removed:
            lines.append(self.tr("Removed:"))
            lines.extend(f"  - {_item_label(item)}" for item in diff.removed)
        if diff.changed:
            lines.append(self.tr("Changed:"))
            lines.extend(
                f"  ~ {_item_label(change.after)}: {', '.join(map(_field_label, change.fields))}"
                for change in diff.changed
            )
        self.details.setPlainText("\n".join(lines))
