"""Short lists to choose from keep their rows in view: Sharing's partners and a partner's
disclosures, and the policy versions on Notices & policy, in both languages, at 1024×640 and
1440×900.

A shopper picks a partner or a version by clicking its row, so the row must be on screen:
Sharing shows at least four partners whole (it showed one and a half at 1024×640), and the
policy versions table shows every version whole, the selected one included, also after the
window shrinks from 1440×900 to 1024×640. Rows are clicked with the mouse, as a user does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle, QTableView
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.ui.conftest import sign_in, wait_loaded
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.notices import NoticesPage
from ui.pages.sharing import EVENT_OPTIONAL, EVENT_ROWS, PARTNER_ROWS, SharingPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState
from ui.widgets.tables import dropped_columns

SMALL, LARGE = (1024, 640), (1440, 900)
DESCRIPTION = 3  # the disclosures' column


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


def whole_rows(table: QTableView) -> list[int]:
    """The rows the viewport shows from top to bottom, not cut by its edges."""
    model = table.model()
    height = table.viewport().height()
    rows = []
    for row in range(model.rowCount()):
        rect = table.visualRect(model.index(row, 0))
        if rect.isValid() and rect.top() >= 0 and rect.bottom() < height:
            rows.append(row)
    return rows


def click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def settle(qtbot: QtBot) -> None:
    qtbot.wait(300)  # the columns are fitted, and rows sized, over a few event-loop turns


@pytest.fixture(params=["en", "zh_CN"])
def window(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
) -> MainWindow:
    translations.apply(request.param)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(*LARGE)
    window.show()
    sign_in(qtbot, app_session, shop)
    return window


def test_sharing_shows_four_partners_whole_at_both_sizes(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["sharing"]
    assert isinstance(page, SharingPage)
    window.select_page("sharing")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    table = page.recipient_table
    assert table.model().rowCount() > PARTNER_ROWS  # the demo shop has more: the list scrolls
    for size in (LARGE, SMALL):
        window.resize(*size)
        settle(qtbot)
        assert window.width() <= size[0]
        assert window.height() <= size[1]
        shown = whole_rows(table)
        assert len(shown) >= PARTNER_ROWS, (size, shown, table.viewport().height())
        # the last whole row is a partner one can click, and its details follow
        row = shown[-1]
        click_row(qtbot, table, row)
        name = table.model().index(row, 0).data(RAW_ROLE).name
        qtbot.waitUntil(lambda: page.detail_name.text() == name, timeout=5000)  # noqa: B023
        assert table.currentIndex().row() == row
        assert row in whole_rows(table)


def test_sharing_shows_four_disclosures_whole_at_both_sizes(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The partner's disclosures showed one and a half rows, at 1024×640 and at 1440×900 (there
    every column was kept, the policy section and description wrapping to six lines): the
    table keeps its rows short at both sizes (the detail under it shows the hidden columns),
    four of them in view, and the description keeps its column wherever two lines hold it."""
    page = window.pages["sharing"]
    assert isinstance(page, SharingPage)
    window.select_page("sharing")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    table = page.events_table
    qtbot.waitUntil(lambda: table.model().rowCount() > EVENT_ROWS, timeout=10000)
    for size in (LARGE, SMALL, LARGE):
        window.resize(*size)
        settle(qtbot)
        assert window.width() <= size[0]
        assert window.height() <= size[1]
        shown = whole_rows(table)
        assert len(shown) >= EVENT_ROWS, (size, shown, table.viewport().height())
        assert len(whole_rows(page.recipient_table)) >= PARTNER_ROWS  # the partners keep theirs
        hidden = dropped_columns(table)
        assert set(hidden) <= set(EVENT_OPTIONAL)
        if size == LARGE:
            assert DESCRIPTION not in hidden, hidden  # wide enough for it on two lines
        # the last whole disclosure, clicked: the detail under the table shows what it hides
        row = shown[-1]
        click_row(qtbot, table, row)
        event = table.model().index(row, 0).data(RAW_ROLE)
        detail = page.event_detail
        qtbot.waitUntil(lambda: event.order_number in detail.text(), timeout=5000)  # noqa: B023
        assert event.description in detail.text()
        assert row in whole_rows(table)
        for column in hidden:
            text = table.model().index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert not text or text in detail.text(), (column, text)
        # nothing in the rows kept is cut: each cell's text fits its cell
        for shown_row in shown:
            for column in range(table.model().columnCount()):
                if table.isColumnHidden(column):
                    continue
                index = table.model().index(shown_row, column)
                assert cell_fits(table, index), (size, shown_row, column, index.data())


def cell_fits(table: QTableView, index: QModelIndex) -> bool:
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return True
    rect = table.visualRect(index)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    room = QRect(0, 0, rect.width() - 2 * (margin + 1), 100_000)
    box = table.fontMetrics().boundingRect(room, int(Qt.TextFlag.TextWordWrap), text)
    return box.width() <= room.width() + 1 and box.height() <= rect.height() + 1


def test_the_policy_versions_and_the_selection_stay_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pages["notices"]
    assert isinstance(page, NoticesPage)
    window.select_page("notices")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    table = page.version_table
    model = table.model()
    versions = model.rowCount()
    assert versions >= 3
    settle(qtbot)
    # the version in force is selected on load; every version is whole in the table
    assert whole_rows(table) == list(range(versions))
    # pick the oldest at the large size, then the window shrinks: it stays whole, selected
    oldest = versions - 1
    click_row(qtbot, table, oldest)
    version = model.index(oldest, 0).data(RAW_ROLE).version
    qtbot.waitUntil(lambda: version in page.version_title.text(), timeout=5000)
    window.resize(*SMALL)
    settle(qtbot)
    assert window.width() <= SMALL[0]
    assert window.height() <= SMALL[1]
    assert table.currentIndex().row() == oldest
    assert whole_rows(table) == list(range(versions)), (table.viewport().height(), versions)
    # and each version, clicked at the small size, shows its own summary
    for row in range(versions):
        click_row(qtbot, table, row)
        record = model.index(row, 0).data(RAW_ROLE)
        label = record.version
        qtbot.waitUntil(lambda: label in page.version_title.text(), timeout=5000)  # noqa: B023
        assert page.version_summary.text() == record.summary
        assert row in whole_rows(table)
