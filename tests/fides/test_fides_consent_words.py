"""The Fides consent panel says what it knows (r2 #17): the code's lifetime as the shop's
capabilities give it, and that an expired code no longer works. Against the real Fides."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.backends import fides as fides_backend
from tests.client.browser import MemoryKeyring
from tests.fides.test_fides_ui import (  # noqa: F401 - runner and keyring are fixtures
    add_fides_shop,
    keyring,
    make_window,
    page,
    runner,
    wait_content,
)
from tests.support.fides import FidesServer
from ui.pages.consents import ConsentsPage
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(900)  # the first Fides test of a run starts Fides


def test_the_code_lifetime_is_the_shops_and_an_expired_code_says_so(
    qtbot: QtBot,
    fides_server: FidesServer,
    tmp_path: Path,
    runner: TaskRunner,  # noqa: F811 - the fixture
    keyring: MemoryKeyring,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A shop whose codes live 90 s: the panel must not promise the default 10 minutes.
    short = replace(fides_backend.FIDES_CAPABILITIES, code_lifetime_s=90)
    monkeypatch.setattr(fides_backend, "FIDES_CAPABILITIES", short)
    window, session = make_window(qtbot, tmp_path, runner, keyring)
    try:
        add_fides_shop(qtbot, window, fides_server.url, f"w-{uuid.uuid4().hex[:10]}@example.com")
        consents_page = page(window, "consents")
        assert isinstance(consents_page, ConsentsPage)
        wait_content(qtbot, consents_page)
        consents = consents_page.fides_panel
        consents.send_button.click()
        qtbot.waitUntil(lambda: consents.consent_session is not None, timeout=30000)
        status = consents.code_status.text()
        assert "within 2 minute" in status, status  # "minutes" with the English plurals
        assert "10 minutes" not in status
        assert consents.expiry.isActive()
        assert consents.expiry.interval() == 90_000

        consents.expiry.start(20)  # the lifetime runs out (sooner than 90 s, for the test)
        qtbot.waitUntil(lambda: consents.consent_session is None, timeout=5000)
        assert "The code has expired" in consents.code_status.text()
        assert not consents.verify_button.isEnabled()
    finally:
        window.close()
        session.close()
