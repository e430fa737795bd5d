"""The sharing page against a real shop: recipients, their events, the flow chart, storage
locations, failure faces, assist mode and hostile strings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, update

from server.embedded import RunningShop
from server.models.sharing import Recipient as RecipientRow
from server.models.sharing import RecipientEvent as RecipientEventRow
from tests.ui.conftest import refresh_offline, retry_offline, wait_loaded
from tests.ui.test_page_consents import HOSTILE, assist, current_view  # noqa: F401
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.sharing import SharingPage
from ui.session import ActiveView
from ui.widgets.load_state import LoadState


def open_page(qtbot: QtBot, window: MainWindow) -> SharingPage:
    page = window.pages["sharing"]
    assert isinstance(page, SharingPage)
    window.select_page("sharing")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def wait_events(qtbot: QtBot, page: SharingPage) -> None:
    model = page.events_model
    qtbot.waitUntil(
        lambda: (not model.loading and model.exhausted) or not page.events_error.isHidden(),
        timeout=15000,
    )


def select(page: SharingPage, name_part: str) -> None:
    proxy = page.recipient_proxy
    for row in range(proxy.rowCount()):
        if name_part in proxy.index(row, 0).data(RAW_ROLE).name:
            page.recipient_table.setCurrentIndex(proxy.index(row, 0))
            return
    raise AssertionError(name_part)


def test_recipients_detail_and_events(
    qtbot: QtBot, window: MainWindow, qtmodeltester: object
) -> None:
    page = open_page(qtbot, window)
    api = current_view(window).api
    recipients = list(api.list_recipients(limit=100).auto_paging_iter())
    assert page.recipient_model.rowCount() == len(recipients)
    # Sorted by event count, the busiest partner is selected and its events load.
    busiest = max(recipients, key=lambda r: r.event_count)
    assert page.current_recipient is not None
    assert page.current_recipient.id == busiest.id
    assert page.detail_name.text() == busiest.name
    wait_events(qtbot, page)
    assert page.events_model.rowCount() == busiest.event_count
    assert page.events_status.text() == f"{busiest.event_count} disclosure(s) shown"
    # Columns in human words.
    proxy = page.recipient_proxy
    rows = {proxy.index(r, 0).data(RAW_ROLE).name: r for r in range(proxy.rowCount())}
    ads = rows["Judian Ads"]
    assert proxy.index(ads, 1).data() == "Advertising"
    assert proxy.index(ads, 2).data() == "Interest tags"
    assert proxy.index(ads, 4).data() == "Your consent"
    assert proxy.index(ads, 5).data() == "Aggregated only"
    assert proxy.index(ads, 6).data() == "China (CN)"
    analytics = rows["Shuguan Analytics"]
    assert proxy.index(analytics, 6).data() == "Singapore (SG)"
    assert proxy.index(analytics, 7).data() == "—"
    # Another partner: its own events.
    select(page, "Shunda")
    wait_events(qtbot, page)
    shunda = next(r for r in recipients if "Shunda" in r.name)
    assert page.detail_name.text() == shunda.name
    assert "Type: Logistics" in page.detail_facts.text()
    assert page.events_model.rowCount() == shunda.event_count
    events = list(api.list_recipient_events(shunda.id, limit=100).auto_paging_iter())
    first = page.events_model.index(0, 3)
    assert first.data() == events[0].description
    # the order by the number the shopper knows it by, never its internal id
    assert events[0].order_number
    assert events[0].order_number.startswith("SM")
    assert page.events_model.index(0, 1).data() == events[0].order_number
    # A partner that never received anything says so.
    select(page, "Shuguan")
    wait_events(qtbot, page)
    assert page.events_model.rowCount() == 0
    assert page.events_status.text() == "Nothing has been shared with this partner."
    for model in (
        page.recipient_model,
        page.recipient_proxy,
        page.events_model,
        page.storage_model,
        page.storage_proxy,
    ):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_flow_chart_and_storage(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    api = current_view(window).api
    recipients = list(api.list_recipients(limit=100).auto_paging_iter())
    chart = page.chart
    assert len(chart.targets) == len(recipients)
    assert len(chart.flows) == sum(len(r.categories) for r in recipients)
    assert {n.label for n in chart.sources} >= {"Interest tags", "Payments"}
    ads = next(r for r in recipients if r.type == "advertising")
    assert next(n for n in chart.targets if n.key == ads.id).muted  # aggregated only
    assert "Interest tags → Judian Ads: 12" in chart.accessibleDescription()
    current = page.current_recipient
    assert current is not None
    assert chart.highlight == current.id
    image = chart.grab()
    assert not image.isNull()
    assert image.width() > 100
    assert chart.tooltip_at(chart.rect().center().toPointF()) is not None
    # Where it is stored, per category.
    categories = api.list_categories()
    assert page.storage_model.rowCount() == len(categories)
    model = page.storage_model
    row = next(i for i, c in enumerate(model.rows) if c.key == "orders")
    assert model.index(row, 0).data() == "Orders and delivery"
    assert model.index(row, 1).data() == f"China (CN), {categories[0].storage.vendor}"


def test_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    transport = current_view(window).shop.transport
    real_base = transport.base_url
    transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    transport.base_url = real_base
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    wait_events(qtbot, page)
    assert page.events_model.rowCount() > 0


def test_events_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    wait_events(qtbot, page)
    transport = current_view(window).shop.transport
    real_base = transport.base_url
    transport.base_url = "http://127.0.0.1:9/v1/"
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    select(page, "Shunda")
    qtbot.waitUntil(lambda: not page.events_error.isHidden(), timeout=30000)
    assert "cannot be reached" in page.events_error.text()
    assert page.events_model.rowCount() == 0
    transport.base_url = real_base
    qtbot.mouseClick(page.events_retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.events_model.rowCount() > 0, timeout=15000)
    assert page.events_error.isHidden()


def test_empty(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        db.execute(delete(RecipientEventRow))
        db.execute(delete(RecipientRow))
        db.commit()
    page = window.pages["sharing"]
    assert isinstance(page, SharingPage)
    window.select_page("sharing")
    assert wait_loaded(qtbot, page) is LoadState.EMPTY
    assert "no partners" in page.stack.empty_text


def test_assist_mode_reads_the_same(qtbot: QtBot, window: MainWindow, assist: ActiveView) -> None:  # noqa: F811
    page = open_page(qtbot, window)
    count = page.recipient_model.rowCount()
    page.set_view(assist)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.recipient_model.rowCount() == count
    wait_events(qtbot, page)
    assert page.events_model.rowCount() > 0


def test_hostile_strings_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    with shop.ctx.sessions() as db:
        db.execute(
            update(RecipientRow).where(RecipientRow.id == 4).values(name=HOSTILE, purpose=HOSTILE)
        )
        db.execute(
            update(RecipientEventRow)
            .where(RecipientEventRow.recipient_id == 4)
            .values(description=HOSTILE)
        )
        db.commit()
    page = open_page(qtbot, window)
    model = page.recipient_model
    row = next(i for i, r in enumerate(model.rows) if r.id == "4")
    assert model.index(row, 0).data() == HOSTILE
    assert model.index(row, 3).data() == HOSTILE
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip
    assert "&lt;img src=x&gt;" in tooltip
    select(page, "<b>x</b>")
    wait_events(qtbot, page)
    assert page.detail_name.text() == HOSTILE
    assert page.detail_name.textFormat() is Qt.TextFormat.PlainText
    assert HOSTILE in page.detail_facts.text()
    assert page.detail_facts.textFormat() is Qt.TextFormat.PlainText
    assert page.events_model.index(0, 3).data() == HOSTILE
    assert any(n.label == HOSTILE for n in page.chart.targets)
    assert not page.chart.grab().isNull()
