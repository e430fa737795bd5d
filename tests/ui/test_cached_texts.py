"""A paged model that makes its rows' texts on the worker thread (`cache_text`): it shows the
columns' texts, keeps the records, and the table My Tracks scrolls paints a full viewport over it
without asking it for a single cell."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from ui.models.columns import RAW_ROLE, Column
from ui.models.paged_table import PagedTableModel
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner
from ui.widgets.text_table import TextTableView


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
    model = PagedTableModel[Row](COLUMNS, runner, cache_text=True)
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


def test_texts_are_made_on_the_worker(qtbot: QtBot, runner: TaskRunner) -> None:
    threads: set[str] = set()

    def text(row: Row) -> str:
        threads.add(threading.current_thread().name)
        return row.text

    columns = [Column[Row]("Text", text), *COLUMNS[1:]]
    model = PagedTableModel[Row](columns, runner, cache_text=True)
    data = _rows(1000)
    model.start(pager(data))
    while model.canFetchMore(QModelIndex()):
        count = model.rowCount()
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: model.rowCount() > count, timeout=5000)  # noqa: B023
    assert model.rowCount() == 1000
    assert threads
    assert threading.main_thread().name not in threads
    assert model.texts_at(999) == ("<b>row 999</b> 蓝牙", model.texts_at(999)[1], "999")


class CountingModel(PagedTableModel[Row]):
    """Counts the cells a view asks for."""

    asked = 0

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        self.asked += 1
        return super().data(index, role)


def test_painting_a_full_viewport_asks_the_model_for_no_cell(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    asked = {}
    for name, view_class in (("Qt's table", QTableView), ("text table", TextTableView)):
        model = CountingModel(COLUMNS, runner, cache_text=True)
        model.set_rows(_rows(400))
        table = view_class()
        qtbot.addWidget(table)
        table.setModel(model)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.resize(1000, 700)
        table.show()
        qtbot.waitExposed(table)
        table.viewport().grab()  # settle layout and fonts (grab paints, like a frame)
        table.verticalScrollBar().setValue(200)
        model.asked = 0
        table.viewport().grab()
        asked[name] = model.asked
    # the check can fail: Qt's own table asks every role of every visible cell
    assert asked["Qt's table"] > 300, asked
    assert asked["text table"] == 0, asked
