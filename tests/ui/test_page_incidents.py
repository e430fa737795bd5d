"""Security incident notices in the app (issue 13.7): unread first in Overview and on their
page, a tray (or status bar) notification, each affected data category a button to its page,
and "Mark as read" as the shop's idempotent write. Real shop, real clicks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import button, click, sign_in, wait_loaded
from ui.main_window import MainWindow
from ui.pages.incidents import IncidentsPage
from ui.pages.overview import OverviewPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


def test_unread_incident_in_overview_tray_and_its_page(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> None:
    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    told: list[tuple[str, str]] = []
    window.notifier.incident_notified.connect(lambda title, message: told.append((title, message)))
    sign_in(qtbot, session, shop)

    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    banner = overview.incident_banner
    assert banner.isVisible()
    assert "1 unread security incident notice" in banner.text
    assert "Unauthorised access to a logistics partner" in banner.text
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    assert told[0][0].startswith("Security incident at ")
    assert "Unauthorised access to a logistics partner" in told[0][1]
    window._poll_incidents()  # the same notice is announced once only
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    assert len(told) == 1

    click(qtbot, banner.button)  # "Read the notice"
    page = window.pages["incidents"]
    assert isinstance(page, IncidentsPage)
    assert window.current_page() is page
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.unread_note.isVisible()
    first, second = page.model.rows
    assert (first.read, second.read) == (False, True)  # unread first
    assert page.incident_heading.text() == first.title
    assert page.heading.text() == "Security incidents"  # the page keeps its own heading
    # whole dates, not the day of the month alone
    assert re.search(
        r"Published \d{1,2} \w{3} \d{4} · happened \d{1,2} \w{3} \d{4}", page.meta.text()
    )
    for key in ("situation", "impact", "measures", "advice", "remedies"):
        assert page.texts[key].text() == getattr(first, key)
    assert "4.F" in page.clause.text()
    assert set(page.affected_buttons) == {"account", "orders"}

    orders_button = button(page, "affected_orders")
    qtbot.waitUntil(lambda: orders_button.height() > 0, timeout=5000)  # laid out, as seen
    click(qtbot, orders_button)
    assert window.current_page() is window.pages["orders"]
    window.select_page("incidents")

    click(qtbot, button(page, "markIncidentRead"))
    qtbot.waitUntil(lambda: page.model.rows[0].read, timeout=10000)
    assert not page.read_button.isVisible()
    assert not page.unread_note.isVisible()
    lin: ShopApi = api_for(shop, "lin.mei", "demo1234")
    assert lin.get_incident_counts().unread == 0

    window.select_page("overview")
    qtbot.waitUntil(lambda: not overview.incident_banner.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    session.close()


def test_a_shopper_without_incidents_sees_an_empty_page(
    qtbot: QtBot, make_shop: object, runner: TaskRunner, tmp_path: Path
) -> None:
    shop: RunningShop = make_shop("silumart")  # type: ignore[operator]
    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("zhang.wei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, session, shop)
    page = window.pages["incidents"]
    assert isinstance(page, IncidentsPage)
    window.select_page("incidents")
    assert wait_loaded(qtbot, page) is LoadState.EMPTY
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    assert not overview.incident_banner.isVisible()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    session.close()


def test_the_offline_viewer_shows_the_archived_incidents_read_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_archives_ui import export, no_network, open_in_window

    path = tmp_path / "lin.zip"
    export(qtbot, window, path).close()
    told: list[tuple[str, str]] = []
    window.notifier.incident_notified.connect(lambda t, m: told.append((t, m)))
    attempts = no_network(monkeypatch)
    open_in_window(qtbot, window, path)
    page = window.pages["incidents"]
    assert isinstance(page, IncidentsPage)
    window.select_page("incidents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    first, second = page.model.rows
    assert (first.read, second.read) == (False, True)
    assert page.texts["remedies"].text() == first.remedies
    assert set(page.affected_buttons) == {"account", "orders"}
    assert not page.read_button.isVisible()  # an archive is read only
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    assert overview.incident_banner.isVisible()
    assert told == []  # an archive announces nothing
    assert attempts == []
    monkeypatch.undo()
    window.close_archive()


def test_the_notifier_announces_each_unread_notice_once(qtbot: QtBot, tmp_path: Path) -> None:
    from client.models.incidents import Incident
    from ui.notifier import Notifier

    def notice(notice_id: str, read: bool = False) -> Incident:
        return Incident.model_validate(
            {
                "id": notice_id,
                "severity": "critical",
                "title": f"Incident {notice_id}",
                **{k: "x" for k in ("situation", "impact", "measures", "advice", "remedies")},
                "occurred_at": "2026-01-01T00:00:00Z",
                "published_at": "2026-01-02T00:00:00Z",
                "read": read,
            }
        )

    status: list[str] = []
    notifier = Notifier(Settings(tmp_path / "s.ini"), status.append, use_tray=False)
    told: list[tuple[str, str]] = []
    notifier.incident_notified.connect(lambda t, m: told.append((t, m)))
    new = notifier.update_incidents("shop-a", "Shop A", [notice("1"), notice("2", read=True)])
    assert [i.id for i in new] == ["1"]
    assert told == [
        (
            "Security incident at Shop A",
            "Incident 1 — open Security incidents to see what of your data was affected.",
        )
    ]
    assert notifier.update_incidents("shop-a", "Shop A", [notice("1")]) == []
    assert [i.id for i in notifier.update_incidents("shop-b", "Shop B", [notice("1")])] == ["1"]
    notifier.reset()  # signing out does not announce the same notice again
    assert notifier.update_incidents("shop-a", "Shop A", [notice("1")]) == []
    assert status == []  # no tray: the Overview's banner is the notice, the status bar stays
