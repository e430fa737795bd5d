"""The paging of the paged model (ui/models/paging.py), checked with texts made per read and with
texts made on the worker (`cache_text`):
pages load only when the view asks, a new start drops late pages (and can keep the old rows
until the new first page is in), and a failed page waits for retry()."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from ui.models.columns import Column
from ui.models.paged_table import PagedTableModel
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

MODELS = [partial(PagedTableModel, cache_text=False), partial(PagedTableModel, cache_text=True)]
MODEL_IDS = ["texts per read", "texts made on the worker"]


def _rows(n: int, start: int = 0) -> list[Row]:
    return [
        Row(str(i), f"row {i}", datetime(2026, 1, 1 + i % 28, tzinfo=UTC))
        for i in range(start, start + n)
    ]


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=2)
    yield runner
    runner.shutdown()


def ids(model: Any) -> list[str]:
    return [model.data(model.index(row, 2)) for row in range(model.rowCount())]


@pytest.mark.parametrize(
    "model_class", MODELS, ids=lambda m: f"cache_text={m.keywords['cache_text']}"
)
def test_fetches_more_only_when_asked(
    qtbot: QtBot, qtmodeltester: Any, runner: TaskRunner, model_class: Any
) -> None:
    data = _rows(250)
    calls: list[str | None] = []

    def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
        calls.append(cursor)
        start = int(cursor or 0)
        end = min(start + 100, len(data))
        return data[start:end], (str(end) if end < len(data) else None)

    model = model_class(COLUMNS, runner)
    pages: list[int] = []
    model.page_loaded.connect(pages.append)
    model.start(fetch)
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=5000)
    qtbot.wait(50)
    assert calls == [None]  # nothing more until the view asks
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # ignored: one page in flight at a time
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=5000)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 250, timeout=5000)
    assert not model.canFetchMore(QModelIndex())
    assert calls == [None, "100", "200"]
    assert pages == [100, 200, 250]
    assert ids(model) == [r.id for r in data]
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    "model_class", MODELS, ids=lambda m: f"cache_text={m.keywords['cache_text']}"
)
def test_new_start_keeps_rows_until_loaded_and_drops_late_pages(
    qtbot: QtBot, runner: TaskRunner, model_class: Any
) -> None:
    model = model_class(COLUMNS, runner)
    model.start(lambda _cursor: (_rows(150)[:100], "100"))
    qtbot.waitUntil(lambda: model.rowCount() == 100 and not model.loading, timeout=5000)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    # new filters, offline-friendly: the old rows stay until the new first page is in
    model.start(lambda _cursor: (_rows(5, start=1000), None), keep_until_loaded=True)
    assert model.stale
    assert model.rowCount() == 100
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert not model.stale
    assert resets == [5]
    assert ids(model) == ["1000", "1001", "1002", "1003", "1004"]
    assert not model.canFetchMore(QModelIndex())
    # a start while a page is in flight: the late page never shows
    model.start(lambda _cursor: (_rows(7), None))
    model.start(lambda _cursor: (_rows(2, start=50), None))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    qtbot.wait(50)
    assert ids(model) == ["50", "51"]


@pytest.mark.parametrize(
    "model_class", MODELS, ids=lambda m: f"cache_text={m.keywords['cache_text']}"
)
def test_reports_errors_and_waits_for_retry(
    qtbot: QtBot, runner: TaskRunner, model_class: Any
) -> None:
    attempts: list[int] = []
    errors: list[object] = []

    def fetch(cursor: str | None) -> tuple[list[Row], str | None]:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("offline")
        return _rows(3), None

    model = model_class(COLUMNS, runner)
    model.load_failed.connect(errors.append)
    model.start(fetch)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ConnectionError)
    assert model.rowCount() == 0
    # scrolling does not hammer a shop that just failed: only retry() asks again
    assert not model.canFetchMore(QModelIndex())
    qtbot.wait(50)
    assert len(attempts) == 1
    model.retry()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    assert ids(model) == ["0", "1", "2"]
