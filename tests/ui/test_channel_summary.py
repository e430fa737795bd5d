"""Consents › Marketing channels says in a sentence what the switches add up to, in the UI
language: with every channel off the tab used to show four empty boxes and nothing else.
The switches are clicked with the mouse; the sentence follows each answer from the shop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from client.models.consents import Channel
from server.embedded import RunningShop
from server.models.consent import Subscription
from tests.ui.conftest import sign_in, wait_loaded
from tests.ui.test_page_consents import user_id
from tests.ui.test_policy_records_ui import click_tab
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.consents import ConsentsPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.terms.consents import channel_text
from ui.widgets.load_state import LoadState

LATIN = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_channels_tab_says_what_reaches_you(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
    language: str,
) -> None:
    with shop.ctx.sessions() as db:
        db.execute(
            update(Subscription).where(Subscription.user_id == user_id(shop)).values(enabled=False)
        )
        db.commit()
    translations.apply(language)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    sign_in(qtbot, app_session, shop)
    page = window.pages["consents"]
    assert isinstance(page, ConsentsPage)
    window.select_page("consents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    tab = page.channel_summary.parentWidget()
    assert tab is not None
    click_tab(qtbot, page.tabs, page.tabs.tabText(page.tabs.indexOf(tab)).replace("&&", "&"))
    summary = page.channel_summary
    assert summary.isVisible()
    switches = page.channel_switches
    assert len(switches) == 4
    assert not any(s.isChecked() for s in switches.values())
    all_off = summary.text()
    assert all_off
    if language == "zh_CN":
        assert CJK.search(all_off)
        assert not LATIN.search(all_off), all_off
        assert "关闭" in all_off
    else:
        assert all_off.startswith("All channels are off")

    def click(channel: Channel) -> None:
        switch = switches[channel]
        before = switch.isChecked()
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: switch.isEnabled() and switch.isChecked() is not before, timeout=15000
        )

    click("email")
    one_on = summary.text()
    assert one_on != all_off
    assert channel_text("email") in one_on
    assert channel_text("sms") not in one_on
    others: list[Channel] = ["sms", "push", "internal_letter"]
    for channel in others:
        click(channel)
    every = summary.text()
    assert all(channel_text(c) in every for c in switches)
    assert every not in (one_on, all_off)
    if language == "zh_CN":
        assert "、" in every  # a Chinese list, not English commas
    for channel in list(switches):
        click(channel)
    assert summary.text() == all_off
