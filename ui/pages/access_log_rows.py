"""The access log as a shopper reads it: the app's own reads grouped per visit, each assisted
session gathered under one highlighted row, and filters by who and by what.

Grouping is done here, over the pages already loaded, not by the shop. The shop's list is
the hash chain itself, page by page, and the app verifies exactly those entries; a grouped
endpoint would be a second, unverifiable view of the same log, and the shop cannot know which
reads were one "visit" of the app anyway. The cost stays per page: each page that arrives is
folded into the groups in O(its entries), and the rows shown are extended at the end (a
collapsed visit of 300 reads is one row). Only a change of filter regroups what is loaded.

Rows: a group's header (a visit of the app, an assisted session) or an entry. A click on a
header, or Enter/Space on it, shows or hides its entries; nothing is ever hidden without a row
saying how many entries it holds.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from client.models.access_log import AccessLogEntry
from ui.formats import format_datetime, format_time, join_list
from ui.i18n import translate
from ui.models.paged_table import PagedTableModel
from ui.pages.access_log_parts import (
    LOG_COLUMNS,
    agent_name,
    entry_kind,
    kind_group,
    session_key,
    what_text,
    who_of,
)
from ui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

# Reads of the app less than this far apart belong to one visit.
VISIT_GAP = timedelta(minutes=10)
# With a filter on, load on (at most this many more pages) until a screenful matches.
FILTER_PAGES = 20
FILTER_ROWS = 40

SESSION_BACKGROUND = QColor("#fff1c2")
SESSION_FOREGROUND = QColor("#4a3600")
VISIT_BACKGROUND = QColor("#e8eef6")
VISIT_FOREGROUND = QColor("#1d2b3a")

HEADER = -1  # the child index of a group's own row


@dataclass
class Group:
    """A visit of the app (`visit`), an assisted session (`session`) or one entry (`single`)."""

    kind: str
    entries: list[AccessLogEntry] = field(default_factory=list)
    expanded: bool = False

    @property
    def first(self) -> AccessLogEntry:
        return min(self.entries, key=lambda e: e.seq)

    @property
    def last(self) -> AccessLogEntry:
        return max(self.entries, key=lambda e: e.seq)


def _summary(entries: list[AccessLogEntry], limit: int = 3) -> str:
    """The distinct things looked at, the first few by name: "your orders, your consents and
    4 more"."""
    seen: list[str] = []
    for entry in sorted(entries, key=lambda e: e.seq):
        if entry.action == "assist_start" or (
            entry.action == "delete" and entry_kind(entry) == "assist_session"
        ):
            continue
        text = what_text(entry)
        if text not in seen:
            seen.append(text)
    if not seen:
        return translate("AccessLogPage", "nothing yet")
    if len(seen) <= limit:
        return join_list(seen)
    return QCoreApplication.translate(
        "AccessLogPage", "{0} and %n more", "", len(seen) - limit
    ).format(join_list(seen[:limit]))


def _span(group: Group) -> str:
    start, end = group.first.time, group.last.time
    if end - start < timedelta(minutes=1):
        return format_datetime(start)
    if start.date() == end.date():
        return f"{format_datetime(start)}–{format_time(end)}"
    return f"{format_datetime(start)} – {format_datetime(end)}"


def visit_texts(group: Group) -> tuple[str, ...]:
    n = len(group.entries)
    marker = "▾" if group.expanded else "▸"
    return (
        f"{marker} {_span(group)}",
        translate("AccessLogPage", "This app, for you"),
        QCoreApplication.translate("AccessLogPage", "You used this app: %n reads", "", n),
        translate("AccessLogPage", "While you used this app it read {0}").format(
            _summary(group.entries)
        ),
        "—",
        "",
    )


def session_texts(group: Group) -> tuple[str, ...]:
    marker = "▾" if group.expanded else "▸"
    agents = [e for e in group.entries if e.role == "agent"]
    named = next((e for e in agents if e.actor_display), agents[0] if agents else None)
    if named is not None:
        agent = agent_name(named)
    else:  # only the end is loaded (a filter): the shop names the session by its agent
        end = group.entries[0]
        agent = end.what.name if end.what is not None and end.what.name else end.actor
    ended_by = next(
        (e for e in group.entries if e.action == "delete" and entry_kind(e) == "assist_session"),
        None,
    )
    if ended_by is None:
        state = translate("AccessLogPage", "Assisted session")
    elif ended_by.role == "subject":
        state = translate("AccessLogPage", "Assisted session, which you ended at {0}").format(
            format_time(ended_by.time)
        )
    else:
        state = translate("AccessLogPage", "Assisted session, ended at {0}").format(
            format_time(ended_by.time)
        )
    reason = next((e.reason for e in agents if e.reason), None)
    return (
        f"{marker} {_span(group)}",
        translate("AccessLogPage", "{0} · customer service agent").format(agent),
        state,
        translate("AccessLogPage", "The agent saw {0}").format(_summary(group.entries)),
        reason or "—",
        "",
    )


def entry_texts(entry: AccessLogEntry) -> tuple[str, ...]:
    return tuple(column.display(entry) for column in LOG_COLUMNS)


class LogRowsModel(QAbstractTableModel):
    """Rows shown for the log loaded in `source` (a `PagedTableModel` of entries)."""

    filters_changed = Signal()

    def __init__(self, source: PagedTableModel[AccessLogEntry], parent: QObject | None = None):
        super().__init__(parent)
        self.source = source
        self.who: str | None = None  # you | app | agent | guardian | shop
        self.kind: str | None = None  # a KIND_GROUPS key
        self.groups: list[Group] = []
        self._rows: list[tuple[int, int]] = []  # (group, child or HEADER)
        self._open_visit: Group | None = None
        self._sessions: dict[str, Group] = {}
        self._seen = 0  # source rows folded in so far
        self._texts: dict[int, tuple[str, ...]] = {}  # entry seq -> cell texts
        self._filter_pages = 0
        source.modelReset.connect(self._regroup)
        source.rowsInserted.connect(self._source_rows_inserted)
        source.page_loaded.connect(self._page_loaded)

    # --- grouping -----------------------------------------------------------------------------
    def _accepts(self, entry: AccessLogEntry) -> bool:
        if self.who is not None and who_of(entry) != self.who:
            return False
        return self.kind is None or kind_group(entry_kind(entry)) == self.kind

    def _fold(self, entry: AccessLogEntry, touched: set[int]) -> None:
        """Put one entry (in load order) into its group; a new group goes at the end."""
        if not self._accepts(entry):
            return
        key = session_key(entry)
        if key is not None:
            group = self._sessions.get(key)
            if group is None:
                group = self._sessions[key] = Group("session", expanded=True)
                self.groups.append(group)
            group.entries.append(entry)
            touched.add(id(group))
            return
        if who_of(entry) == "app":
            visit = self._open_visit
            if visit is not None and abs(entry.time - visit.entries[-1].time) <= VISIT_GAP:
                visit.entries.append(entry)
                touched.add(id(visit))
                return
            visit = self._open_visit = Group("visit")
            visit.entries.append(entry)
            self.groups.append(visit)
            touched.add(id(visit))
            return
        self._open_visit = None
        self.groups.append(Group("single", [entry]))

    def _layout(self) -> list[tuple[int, int]]:
        rows: list[tuple[int, int]] = []
        for number, group in enumerate(self.groups):
            if group.kind == "single":
                rows.append((number, 0))
                continue
            rows.append((number, HEADER))
            if group.expanded:
                rows.extend((number, child) for child in range(len(group.entries)))
        return rows

    def _regroup(self) -> None:
        self.beginResetModel()
        self.groups = []
        self._open_visit = None
        self._sessions = {}
        touched: set[int] = set()
        for row in range(self.source.rowCount()):
            self._fold(self.source.row_at(row), touched)
        self._seen = self.source.rowCount()
        self._texts = {}
        self._rows = self._layout()
        self.endResetModel()

    def _source_rows_inserted(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid() or first != self._seen:
            self._regroup()
            return
        touched: set[int] = set()
        groups_before = len(self.groups)
        for row in range(first, last + 1):
            self._fold(self.source.row_at(row), touched)
        self._seen = last + 1
        self._relayout(touched, groups_before)

    def _relayout(self, touched: set[int], groups_before: int) -> None:
        """Show the new layout with the fewest changes: rows up to the first one that differs
        stay (their headers repainted when their group grew); the rest are replaced."""
        new = self._layout()
        old = self._rows
        # Groups are only ever added at the end, so the rows of groups before the first one
        # that grew are as they were: compare from there on.
        lowest = min(
            (n for n, group in enumerate(self.groups) if id(group) in touched),
            default=groups_before,
        )
        same = bisect_left(old, (lowest, HEADER - 1))
        limit = min(len(old), len(new))
        while same < limit and old[same] == new[same]:
            same += 1
        if same < len(old):
            self.beginRemoveRows(QModelIndex(), same, len(old) - 1)
            self._rows = old[:same]
            self.endRemoveRows()
        if same < len(new):
            self.beginInsertRows(QModelIndex(), same, len(new) - 1)
            self._rows = new
            self.endInsertRows()
        self._rows = new
        for position in range(same):
            group, child = new[position]
            if child == HEADER and id(self.groups[group]) in touched:
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, self.columnCount() - 1)
                )

    def _page_loaded(self, _rows: int) -> None:
        # With a filter on, keep loading (bounded) until a screenful matches.
        if (self.who is None and self.kind is None) or self._filter_pages >= FILTER_PAGES:
            return
        if len(self._rows) < FILTER_ROWS and self.source.canFetchMore():
            self._filter_pages += 1
            self.source.fetchMore()

    # --- filters and expanding ------------------------------------------------------------------
    def set_filters(self, who: str | None, kind: str | None) -> None:
        if (who, kind) == (self.who, self.kind):
            return
        self.who, self.kind = who, kind
        self._filter_pages = 0
        self._regroup()
        self.filters_changed.emit()
        self._page_loaded(self.source.rowCount())

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row][1] == HEADER

    def group_at(self, row: int) -> Group:
        return self.groups[self._rows[row][0]]

    def entry_at(self, row: int) -> AccessLogEntry | None:
        group, child = self._rows[row]
        return None if child == HEADER else self.groups[group].entries[child]

    def toggle(self, row: int) -> None:
        """Show or hide the entries of the group whose header is `row`."""
        if not self.is_header(row):
            return
        group = self.group_at(row)
        count = len(group.entries)
        group.expanded = not group.expanded
        if group.expanded:
            self.beginInsertRows(QModelIndex(), row + 1, row + count)
            self._rows[row + 1 : row + 1] = [(self._rows[row][0], c) for c in range(count)]
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), row + 1, row + count)
            del self._rows[row + 1 : row + 1 + count]
            self.endRemoveRows()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LOG_COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self.source.canFetchMore()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid():
            self.source.fetchMore()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self.source.headerData(section, orientation, role)

    def texts(self, row: int) -> tuple[str, ...]:
        group_number, child = self._rows[row]
        group = self.groups[group_number]
        if child == HEADER:
            return visit_texts(group) if group.kind == "visit" else session_texts(group)
        entry = group.entries[child]
        found = self._texts.get(entry.seq)
        if found is None:
            found = self._texts[entry.seq] = entry_texts(entry)
        if group.kind == "single":
            return found
        return ("    " + found[0], *found[1:])  # a group's entries sit under its header

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(row)[column]
        group_number, child = self._rows[row]
        group = self.groups[group_number]
        if role == Qt.ItemDataRole.ToolTipRole:
            if child == HEADER:
                hint = (
                    QCoreApplication.translate(
                        "AccessLogPage", "Click to hide these %n entries", "", len(group.entries)
                    )
                    if group.expanded
                    else QCoreApplication.translate(
                        "AccessLogPage", "Click to show these %n entries", "", len(group.entries)
                    )
                )
                return plain_tooltip(f"{self.texts(row)[column]}\n{hint}")
            if column in (3, 4):
                return plain_tooltip(self.texts(row)[column])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == len(LOG_COLUMNS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if group.kind == "session":
                return QBrush(SESSION_BACKGROUND)
            if group.kind == "visit" and child == HEADER:
                return QBrush(VISIT_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if group.kind == "session":
                return QBrush(SESSION_FOREGROUND)
            if group.kind == "visit" and child == HEADER:
                return QBrush(VISIT_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole and (
            child == HEADER or (group.kind == "session" and group.entries[child].role == "agent")
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and child == HEADER:
            return QCoreApplication.translate(
                "AccessLogPage", "Group of %n entries", "", len(group.entries)
            )
        return None
