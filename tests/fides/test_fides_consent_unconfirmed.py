"""The Fides consent panel says so when the shop's answer does not show the change (r2 #17).

The real Fides always answers with the state it stored, so this one answer is made to
disagree by a loopback proxy in front of it (`tests/support/cut_proxy.py`): the change reaches
Fides and is done there; the proxy hands the app an answer listing the data use the other way.
The app must not claim the change, and say that the answer does not show it. The next change,
with Fides's own answer, is confirmed again. Nothing of the app or of Fides is mocked.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.client.browser import MemoryKeyring
from tests.fides.test_fides_ui import (  # noqa: F401 - runner and keyring are fixtures
    add_fides_shop,
    keyring,
    make_window,
    page,
    runner,
    wait_content,
)
from tests.support.cut_proxy import cut_proxy
from tests.support.fides import FidesServer
from ui.pages.consents import ConsentsPage
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(900)  # the first Fides test of a run starts Fides

USE = "marketing.advertising"


def flipped(use: str) -> Callable[[bytes], bytes]:
    """The answer's consent for `use` turned the other way (the rest as Fides sent it)."""

    def change(body: bytes) -> bytes:
        answer = json.loads(body)
        for item in answer.get("consent") or []:
            if item.get("data_use") == use:
                item["opt_in"] = not item["opt_in"]
        return json.dumps(answer).encode()

    return change


def test_an_answer_that_does_not_show_the_change_is_not_claimed(
    qtbot: QtBot,
    fides_server: FidesServer,
    tmp_path: Path,
    runner: TaskRunner,  # noqa: F811 - the fixture
    keyring: MemoryKeyring,  # noqa: F811 - the fixture
) -> None:
    window, session = make_window(qtbot, tmp_path, runner, keyring)
    try:
        with cut_proxy(fides_server.url) as proxy:
            identity = f"u-{uuid.uuid4().hex[:10]}@example.com"
            add_fides_shop(qtbot, window, proxy.url, identity)
            consents_page = page(window, "consents")
            assert isinstance(consents_page, ConsentsPage)
            wait_content(qtbot, consents_page)
            consents = consents_page.fides_panel
            consents.send_button.click()
            qtbot.waitUntil(lambda: consents.consent_session is not None, timeout=30000)
            assert consents.consent_session is not None
            code = fides_server.verification_code(consents.consent_session.id)
            assert code is not None
            qtbot.keyClicks(consents.code_edit, code)
            consents.verify_button.click()
            qtbot.waitUntil(lambda: USE in consents.switches, timeout=30000)
            switch = consents.switches[USE]
            assert not switch.isChecked()

            proxy.rewrite("PATCH", "/preferences", flipped(USE))
            switch.click()
            qtbot.waitUntil(lambda: switch.isEnabled(), timeout=30000)
            assert proxy.rewritten, "the answer was not the proxy's"
            said = consents.answer.text()
            assert "The shop's answer does not show the change." in said, said
            assert "confirms" not in said
            message = window.statusBar().currentMessage()
            assert message.startswith("The shop's answer does not show the change to:"), message
            assert "Consent changed" not in message
            assert not switch.isChecked()  # what the answer says, not what was asked
            assert consents.history.rowCount() == 1

            # Fides's own answer again: the change is confirmed, and claimed.
            switch.click()
            qtbot.waitUntil(lambda: "confirms" in consents.answer.text(), timeout=30000)
            assert switch.isChecked()
            assert window.statusBar().currentMessage().startswith("Consent changed:")
            assert consents.history.rowCount() == 2
            assert len(proxy.rewritten) == 1
            qtbot.waitUntil(lambda: runner.active == 0, timeout=30000)
    finally:
        window.close()
        session.close()
