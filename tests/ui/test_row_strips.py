"""Rows painted ahead while the UI thread is idle are the rows painted afresh, pixel for pixel.

After a jump of a screenful, `TextTableView` paints the next screenful (in the direction of the
jump) into images when the event loop has nothing else to do, and the next jump copies them.
Each test compares a frame that copied rows with the same view painted again with no rows kept
(`RowStrips.clear`), and checks that rows were in fact copied: a view that never painted ahead
would pass the comparison alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_text_table import CHINESE, COLUMNS, LATIN, Entry, differing, entries, table
from ui.models.paged_table import PagedTableModel
from ui.tasks import TaskRunner
from ui.widgets.text_table import RowTexts, TextTableView


def history(qtbot: QtBot, runner: TaskRunner, texts: list[str]) -> TextTableView:
    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    model.set_rows(entries(texts, count=400))
    return table(qtbot, model)


def screen_rows(view: TextTableView) -> range:
    rows = view.verticalHeader()
    first = rows.visualIndexAt(0)
    last = rows.visualIndexAt(view.viewport().height() - 1)
    return range(first, (last if last >= 0 else view.model().rowCount() - 1) + 1)


def jump(view: TextTableView, qtbot: QtBot, screens: int = 1) -> None:
    """Scroll by `screens` screenfuls, as a dragged scroll bar does, and let the loop idle."""
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + screens * bar.pageStep())
    view.viewport().update()
    QApplication.processEvents()  # the frame that shows the new rows (and asks for the next)
    assert view._strips.painting() or view._strips.kept_rows()
    qtbot.waitUntil(lambda: not view._strips.painting(), timeout=5000)  # idle: painted ahead


def copied_and_afresh(
    view: TextTableView, monkeypatch: pytest.MonkeyPatch
) -> tuple[QImage, QImage, set[int]]:
    """The view as painted with the rows kept, then painted again with none kept; and the
    rows the first paint drew afresh (not copied)."""
    drawn: set[int] = set()
    paint_rows = view._paint_rows

    def counting(
        painter: QPainter, model: RowTexts, spans: list[tuple[int, int, int]], *rest: Any
    ) -> None:
        drawn.update(row for row, _top, _height in spans)
        paint_rows(painter, model, spans, *rest)

    with monkeypatch.context() as patch:
        patch.setattr(view, "_paint_rows", counting)
        copied = view.viewport().grab().toImage()
    view._strips.clear()
    afresh = view.viewport().grab().toImage()
    return copied, afresh, drawn


def colours(image: QImage) -> int:
    return len(
        {image.pixel(x, y) for y in range(0, image.height(), 2) for x in range(image.width())}
    )


@pytest.mark.parametrize("texts", [LATIN, CHINESE], ids=["latin", "chinese"])
def test_the_next_screenful_is_painted_ahead_and_copied_as_painted(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, texts: list[str]
) -> None:
    view = history(qtbot, runner, texts)
    jump(view, qtbot)
    shown = screen_rows(view)
    kept = view._strips.kept_rows()
    # the rows just below the screen, about a screenful of them
    assert set(range(shown[-1] + 1, shown[-1] + len(shown))) <= kept

    jump(view, qtbot)
    assert set(screen_rows(view)) <= kept
    copied, afresh, drawn = copied_and_afresh(view, monkeypatch)
    assert drawn == set()  # every row on screen was copied
    assert differing(copied, afresh) == []
    assert colours(copied) > 10  # texts (anti-aliased), not a blank picture


def test_scrolling_up_paints_the_rows_above_ahead(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = history(qtbot, runner, LATIN)
    jump(view, qtbot, screens=10)
    jump(view, qtbot, screens=-1)
    shown = screen_rows(view)
    assert set(range(shown[0] - len(shown) + 1, shown[0])) <= view._strips.kept_rows()
    jump(view, qtbot, screens=-1)
    copied, afresh, drawn = copied_and_afresh(view, monkeypatch)
    assert drawn == set()
    assert differing(copied, afresh) == []


def test_a_row_changed_selected_or_focused_since_is_painted_afresh(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = history(qtbot, runner, LATIN)
    model = view.model()
    assert isinstance(model, PagedTableModel)
    jump(view, qtbot)
    kept_before = view._strips.kept_rows()
    assert kept_before
    next_top = screen_rows(view)[-1]  # where the next jump's screen starts
    # The model's rows replaced (a reset, same count), one text changed: every image dropped,
    # and the rows painted ahead again show the new text.
    rows = entries(LATIN, count=400)
    rows[next_top + 1] = Entry("1 Dec 2026, 09:00", "Search", "a changed text")
    model.set_rows(rows)
    assert view._strips.kept_rows() == set()
    jump(view, qtbot, screens=0)  # the same screen again: the next one painted ahead anew
    assert next_top + 1 in view._strips.kept_rows()
    # Since painted ahead: a row's texts changed in place, one row selected, one focused.
    rows[next_top + 2] = Entry("2 Dec 2026, 09:00", "Search", "changed after painting ahead")
    assert model._texts is not None  # a model of cached texts
    model._texts[next_top + 2] = model.row_texts(rows[next_top + 2])  # as a refresh would
    view.setFocus()
    view.setCurrentIndex(model.index(next_top + 3, 1))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(model.index(next_top + 5, 0), flags)
    QApplication.processEvents()
    assert view.hasFocus()
    view.verticalScrollBar().setValue(next_top)  # the jump (rows scroll one at a time)
    assert screen_rows(view)[0] == next_top
    copied, afresh, drawn = copied_and_afresh(view, monkeypatch)
    assert {next_top + 2, next_top + 3, next_top + 5} <= drawn  # changed, focused, selected
    assert next_top + 1 not in drawn  # copied, painted ahead with its new text
    assert differing(copied, afresh) == []


def test_a_resized_column_drops_the_rows_painted_ahead(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = history(qtbot, runner, LATIN)
    jump(view, qtbot)
    assert view._strips.kept_rows()
    view.setColumnWidth(0, 120)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + bar.pageStep())
    copied, afresh, drawn = copied_and_afresh(view, monkeypatch)
    assert drawn == set(screen_rows(view))  # painted with the old widths: none copied
    assert differing(copied, afresh) == []


def test_only_the_rows_around_the_screen_are_kept(qtbot: QtBot, runner: TaskRunner) -> None:
    view = history(qtbot, runner, LATIN)
    for _ in range(8):
        jump(view, qtbot)
    shown = screen_rows(view)
    kept = view._strips.kept_rows()
    assert kept
    assert min(kept) >= shown[0] - len(shown) - 1
    assert max(kept) <= shown[-1] + len(shown) + 1


def test_painting_ahead_reuses_the_images_no_row_is_kept_in(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    # a new image of a few megabytes costs page faults the first time it is painted (up to
    # 7 ms measured): a long scroll paints into the same few images over and over
    view = history(qtbot, runner, LATIN)
    seen: list[QImage] = []
    for _ in range(12):
        jump(view, qtbot)
        for _texts, image, _y in view._strips._strips.values():
            if not any(image is known for known in seen):
                seen.append(image)
    assert view._strips.kept_rows()  # it did paint ahead all along
    assert len(seen) <= 5  # screens kept (3 at most), spares (2), not one per jump
