"""The paged model whose cells live in Qt: it shows the columns' texts, keeps the
records, and painting a full viewport over it runs no Python at all."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from ui.models.columns import RAW_ROLE, Column
from ui.models.paged_text import PagedTextModel
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    at: datetime


COLUMNS = [
    Column[Row]("Text", lambda r: r.text),
    Column[Row]("Time", lambda r: r.at),
    Column[Row]("Id", lambda r: r.id),
]


def _rows(n: int, start: int = 0) -> list[Row]:
    return [
        Row(str(i), f"<b>row {i}</b> 蓝牙", datetime(2026, 1, 1 + i % 28, tzinfo=UTC))
        for i in range(start, start + n)
    ]


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=2)
    yield runner
    runner.shutdown()


def pager(data: list[Row]) -> Any:
    def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
        start = int(cursor or 0)
        end = min(start + 100, len(data))
        return data[start:end], (str(end) if end < len(data) else None)

    return fetch


def test_shows_what_the_columns_say_and_keeps_the_records(
    qtbot: QtBot, qtmodeltester: Any, runner: TaskRunner
) -> None:
    # paging itself (fetch on demand, restart, retry) is tests/ui/test_paging.py, for both models
    data = _rows(250)
    model = PagedTextModel[Row](COLUMNS, runner)
    model.start(pager(data))
    while model.canFetchMore(QModelIndex()):
        count = model.rowCount()
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: model.rowCount() > count, timeout=5000)  # noqa: B023
    assert model.rowCount() == 250
    # the same texts as the Python model shows, the record under RAW_ROLE, read-only cells
    reference = RecordTableModel[Row](COLUMNS)
    reference.set_rows(data)
    for row in range(250):
        for column in range(3):
            index = model.index(row, column)
            assert model.data(index) == reference.data(reference.index(row, column))
            assert model.data(index, RAW_ROLE) is data[row]
            assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.rows == data
    assert model.row_at(7) is data[7]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Text"
    qtmodeltester.check(model)


def test_texts_are_made_on_the_worker_and_no_wrapper_per_cell_stays(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    threads: set[str] = set()

    def text(row: Row) -> str:
        threads.add(threading.current_thread().name)
        return row.text

    model = PagedTextModel[Row]([Column[Row]("Text", text), *COLUMNS[1:]], runner)
    data = _rows(1000)
    model.start(pager(data))
    while model.canFetchMore(QModelIndex()):
        count = model.rowCount()
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: model.rowCount() > count, timeout=5000)  # noqa: B023
    assert model.rowCount() == 1000
    assert threads
    assert threading.main_thread().name not in threads
    gc.collect()
    wrappers = sum(isinstance(thing, QStandardItem) for thing in gc.get_objects())
    assert wrappers < 10  # the cells are C++ items only (3,000 of them)


def test_painting_a_full_viewport_runs_no_python(qtbot: QtBot, runner: TaskRunner) -> None:
    model = PagedTextModel[Row](COLUMNS, runner)
    model.set_rows(_rows(400))
    python_model = RecordTableModel[Row](COLUMNS)
    python_model.set_rows(_rows(400))
    counts = {}
    for name, shown in (("cells in Qt", model), ("cells in Python", python_model)):
        table = QTableView()
        qtbot.addWidget(table)
        table.setModel(shown)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.resize(1000, 700)
        table.show()
        qtbot.waitExposed(table)
        table.viewport().grab()  # settle layout and fonts (grab paints, like a frame)
        calls = [0]

        def count(frame: FrameType, event: str, _arg: object) -> None:
            if event == "call":
                calls[0] += 1  # noqa: B023

        table.verticalScrollBar().setValue(200)
        sys.setprofile(count)
        try:
            table.viewport().grab()
        finally:
            sys.setprofile(None)
        counts[name] = calls[0]
    # the check can fail: a model answering from Python is asked for every role of every cell
    assert counts["cells in Python"] > 300, counts
    assert counts["cells in Qt"] == 0
