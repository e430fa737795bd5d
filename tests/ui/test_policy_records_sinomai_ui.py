"""Issue 13.6 at Sinomai in the app: what its short policy never promises is absent or shown as
the shop's own setting, never as a promise (signed in as Sinomai's demo shopper)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.test_policy_records_ui import click_row, open_page, row_where
from ui.main_window import MainWindow
from ui.pages.consents import ConsentsPage
from ui.pages.my_data import MyDataPage
from ui.pages.notices import NoticesPage
from ui.pages.sharing import SharingPage
from ui.session import AppSession
from ui.tasks import TaskRunner

NOT_STATED = "Not stated in the policy (the shop's own setting)"


@pytest.fixture
def shop(make_shop: Callable[..., RunningShop]) -> RunningShop:
    return make_shop("sinomai")


@pytest.fixture
def app_session(tmp_path: Path, runner: TaskRunner) -> Iterator[AppSession]:
    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("wang.fang", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    yield session
    session.close()


def test_sinomai_shows_no_promise_its_policy_does_not_make(
    qtbot: QtBot, window: MainWindow
) -> None:
    data = open_page(qtbot, window, "my-data")
    assert isinstance(data, MyDataPage)
    assert not data.tabs.isTabVisible(data.service_tab)  # no customer-service records kept
    verification = row_where(data.category_proxy, lambda c: c.key == "identity_verification")
    click_row(qtbot, data.category_table, verification)
    assert NOT_STATED in data.category_detail.text()

    sharing = open_page(qtbot, window, "sharing")
    assert isinstance(sharing, SharingPage)
    logistics = row_where(sharing.recipient_proxy, lambda r: r.type == "logistics")
    click_row(qtbot, sharing.recipient_table, logistics)
    qtbot.waitUntil(lambda: "§ 2.X.3" in sharing.detail_facts.text(), timeout=10000)
    # the agreement exists but its policy never promises one
    assert f"({NOT_STATED})" in sharing.detail_facts.text()

    notices = open_page(qtbot, window, "notices")
    assert isinstance(notices, NoticesPage)
    assert not notices.assessment_box.isVisible()  # its policy promises no assessments

    consents = open_page(qtbot, window, "consents")
    assert isinstance(consents, ConsentsPage)
    assert "cross_border_analytics" not in consents.consent_rows
    assert all(row.transfer_note is None for row in consents.consent_rows.values())
