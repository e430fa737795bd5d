"""Start-up stays light: what `import ui.app` and the first painted window load and build.

The first window needs Qt, the shell and the page it shows; the server stack, the HTTP and
OAuth clients, the keychain, the pydantic models and the other pages load later (on a worker
thread after the first paint, or when first shown). These checks count modules and pages, which
a loaded machine cannot make flaky; the one time budget is generous.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.pages.base import PageContext
from ui.pages.registry import page_entries
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]

# Never needed for the first window (top-level packages).
HEAVY_PACKAGES = frozenset(
    {
        "server",
        "fastapi",
        "starlette",
        "sqlalchemy",
        "uvicorn",
        "anyio",
        "pydantic",
        "pydantic_core",
        "requests",
        "urllib3",
        "keyring",
        "authlib",
        "cryptography",
        "psycopg",
    }
)
# Our own modules that only a later step needs.
LATER_MODULES = frozenset(
    {
        "client.api",
        "client.connection",
        "client.auth",
        "client.tokens",
        "client.transport",
        "client.discovery",
        "client.models",
        "client.archive.reader",
        "client.archive.offline_api",
        "client.archive.format",
        "client.outbox",
        "client.backends",
        "client.backends.fides",
        "client.filing",
        "ui.backend_view",
        "ui.fides_dialogs",
        "ui.archive_dialogs",
        "ui.archive_view",
        "ui.dialogs",
        "ui.notifier",
        "ui.demo",
        *(entry.module for entry in page_entries()),
    }
)


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def _too_early(modules: set[str], shown: str = "") -> list[str]:
    later = LATER_MODULES - {shown}
    return sorted(m for m in modules if m.split(".")[0] in HEAVY_PACKAGES or m in later)


def test_importing_the_app_loads_no_server_http_keychain_or_models() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ui.app"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = [
        re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        for line in result.stderr.splitlines()
    ]
    self_us = {m[4]: int(m[1]) for m in rows if m}
    assert "ui.app" in self_us, result.stderr[-2000:]
    assert _too_early(set(self_us)) == []
    ours = {name: us for name, us in self_us.items() if name.split(".")[0] in ("ui", "client")}
    # The shell, the first page's base and their helpers; not one module per page.
    assert len(ours) <= 25, sorted(ours)
    # Our own modules' import time (their own code, plus compiling it where no bytecode is
    # cached, plus the Qt types and enums they touch first) is 50-100 ms on an idle 2-core
    # machine; the budget leaves room for a heavily loaded one.
    assert sum(ours.values()) < 1_000_000, sorted(ours.items(), key=lambda item: -item[1])[:8]


FIRST_PAINT_REPORT = """
import json, sys
from PySide6.QtCore import QTimer
import ui.app

def probe(app, window):
    def painted():
        report = {"modules": sorted(sys.modules),
                  "built": [page.page_id for page in window.pages.built()],
                  "sidebar": window.sidebar_model.rowCount(),
                  "current": window.current_page().page_id}
        print("REPORT " + json.dumps(report), flush=True)
        QTimer.singleShot(0, app.quit)
    ui.app.FirstPaint(window, painted, immediate=True)

ui.app.install_startup_probe = probe
sys.exit(ui.app.run(["--config-dir", sys.argv[1]]))
"""


def test_the_first_painted_window_has_built_only_its_page(tmp_path: Path) -> None:
    env = dict(_env(), PRIVACY_DASHBOARD_STARTUP_PROBE="1")
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_REPORT, str(tmp_path / "config")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("REPORT ")]
    assert result.returncode == 0, result.stderr[-2000:]
    assert lines, result.stderr[-2000:]
    report = json.loads(lines[0].removeprefix("REPORT "))
    assert report["sidebar"] == len(page_entries())  # every page is listed…
    assert report["built"] == ["overview"] == [report["current"]]  # …one is built
    assert _too_early(set(report["modules"]), shown="ui.pages.overview") == []


def test_pages_are_built_when_first_shown(
    qtbot: QtBot, runner: TaskRunner, app_session: AppSession, tmp_path: Path
) -> None:
    window = MainWindow(app_session, runner, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    assert [page.page_id for page in window.pages.built()] == ["overview"]
    assert list(window.pages) == [entry.page_id for entry in page_entries()]
    assert "tracks" in window.pages
    assert window.pages.built_page("tracks") is None
    window.select_page("tracks")
    assert window.current_page().page_id == "tracks"
    assert window.pages.built_page("tracks") is window.pages["tracks"]
    assert window.stack.count() == 2
    with pytest.raises(KeyError):
        window.pages["no-such-page"]


def test_a_page_built_after_sign_in_shows_the_account(qtbot: QtBot, window: MainWindow) -> None:
    assert window.pages.built_page("orders") is None
    page = window.pages["orders"]
    assert page.view is not None
    assert page.view.shop_id == window.session.current_shop


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_sidebar_entries_match_their_page_classes(
    qtbot: QtBot, runner: TaskRunner, app_session: AppSession, tmp_path: Path, language: str
) -> None:
    translator = QTranslator()
    if language != "en":
        assert translator.load(str(TRANSLATIONS_DIR / f"app_{language}.qm"))
        QCoreApplication.installTranslator(translator)
    try:
        context = PageContext(
            runner,
            app_session,
            Settings(tmp_path / "s.ini"),
            lambda _text: None,
            lambda _then, _cancel: None,
        )
        for entry in page_entries():
            page_class = entry.page_class()
            assert page_class.__name__ == entry.class_name
            assert (page_class.page_id, page_class.icon_name) == (entry.page_id, entry.icon_name)
            page = page_class(context)
            qtbot.addWidget(page)
            assert entry.title() == page.title(), entry.page_id
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_archive_name_resolves_lazily() -> None:
    import client.archive as archive

    sources = vars(archive)["_SOURCES"]
    assert set(sources) == set(archive.__all__)
    for name in archive.__all__:
        value = getattr(archive, name)
        assert value is getattr(sys.modules[f"client.archive.{sources[name]}"], name)
