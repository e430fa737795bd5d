"""The generic table models pass Qt's model tester; the paging they share is checked in
tests/ui/test_paging.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from ui.models.columns import RAW_ROLE, SORT_ROLE, Column
from ui.models.paged_table import PagedTableModel
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    at: datetime
    count: int


COLUMNS = [
    Column[Row]("Text", lambda r: r.text),
    Column[Row]("Time", lambda r: r.at),
    Column[Row]("Count", lambda r: r.count, align_right=True),
]


def _rows(n: int) -> list[Row]:
    return [
        Row(str(i), f"<b>row {i}</b> 蓝牙", datetime(2026, 1, 1 + i % 28, tzinfo=UTC), i)
        for i in range(n)
    ]


@pytest.fixture
def runner(qtbot: QtBot):
    runner = TaskRunner(max_workers=2)
    yield runner
    runner.shutdown()


def test_record_model_passes_the_model_tester(qtmodeltester) -> None:
    model = RecordTableModel[Row](COLUMNS)
    model.set_rows(_rows(20))
    qtmodeltester.check(model)
    model.append_rows(_rows(3))
    model.remove_where(lambda r: r.count % 2 == 0)
    qtmodeltester.check(model)


def test_record_model_roles(qtbot: QtBot) -> None:
    model = RecordTableModel[Row](COLUMNS)
    rows = _rows(3)
    model.set_rows(rows)
    index = model.index(1, 0)
    assert model.data(index) == "<b>row 1</b> 蓝牙"  # literal text, never interpreted
    assert model.data(index, RAW_ROLE) is rows[1]
    assert model.data(model.index(2, 2), SORT_ROLE) == 2
    assert isinstance(model.data(model.index(2, 1), SORT_ROLE), float)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Text"


def test_cached_texts_match_the_columns_through_every_change(qtmodeltester) -> None:
    plain = RecordTableModel[Row](COLUMNS)
    cached = RecordTableModel[Row](COLUMNS, cache_text=True)
    for model in (plain, cached):
        model.set_rows(_rows(12))
        model.append_rows(_rows(5))
        model.remove_where(lambda r: r.count % 3 == 0)
    assert cached.rowCount() == plain.rowCount() == 11
    for row in range(plain.rowCount()):
        for column in range(plain.columnCount()):
            expected = plain.data(plain.index(row, column))
            assert cached.data(cached.index(row, column)) == expected
            role = Qt.ItemDataRole.TextAlignmentRole
            assert cached.data(cached.index(row, column), role) == plain.data(
                plain.index(row, column), role
            )
    assert cached.data(cached.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert cached.data(cached.index(99, 0)) is None
    qtmodeltester.check(cached)


def test_paged_model_makes_cell_texts_on_the_worker_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    import threading

    threads: set[str] = set()

    def text(row: Row) -> str:
        threads.add(threading.current_thread().name)
        return row.text

    columns = [Column[Row]("Text", text), *COLUMNS[1:]]
    data = _rows(150)

    def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
        start = int(cursor or 0)
        return data[start : start + 100], (str(start + 100) if start + 100 < len(data) else None)

    model = PagedTableModel[Row](columns, runner, cache_text=True)
    model.start(fetch)
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=5000)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 150, timeout=5000)
    assert [model.data(model.index(r, 0)) for r in range(150)] == [r.text for r in data]
    assert threads
    assert threading.main_thread().name not in threads  # painting only reads ready strings
