"""Personal-data archive dialogs: export (build now, or download the shop's), verify, compare,
convert to SQLite, one module each, on the shared frame in `common` (`WorkDialog`); checking
and its report text in `checking`.

Every dialog keeps its inputs in plain widgets whose values can be set in code (`PathField
.set_path`, the line edits), and starts its work with `start()`: the work runs on the
TaskRunner, progress comes back through `control.report`, and the outcome is left in
`result` / `error` and the plain-text `status` label, then `work_finished` is emitted.
File pickers are only opened by the "Browse…" buttons.
"""

from __future__ import annotations

from ui.archive_dialogs.checking import (
    NO_KEY_KNOWN,
    check_archive,
    choose_keys,
    report_for,
    report_summary,
    report_text,
    shop_keys,
)
from ui.archive_dialogs.common import (
    ARCHIVE_FILTER,
    REQUEST_ROLE,
    SECTION_TITLES,
    PassphraseDialog,
    PathField,
    WorkDialog,
    format_size,
    limited,
    password_edit,
    section_title,
)
from ui.archive_dialogs.compare import SECTION_COLUMNS, CompareDialog
from ui.archive_dialogs.export import ExportDialog, SavedArchive
from ui.archive_dialogs.sqlite import SqliteDialog
from ui.archive_dialogs.verify import VerifyDialog

__all__ = [
    "ARCHIVE_FILTER",
    "NO_KEY_KNOWN",
    "REQUEST_ROLE",
    "SECTION_COLUMNS",
    "SECTION_TITLES",
    "CompareDialog",
    "ExportDialog",
    "PassphraseDialog",
    "PathField",
    "SavedArchive",
    "SqliteDialog",
    "VerifyDialog",
    "WorkDialog",
    "check_archive",
    "choose_keys",
    "format_size",
    "limited",
    "password_edit",
    "report_for",
    "report_summary",
    "report_text",
    "section_title",
    "shop_keys",
]
