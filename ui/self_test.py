"""`--self-test REPORT.json`: prove a build starts and works, then quit with its verdict.

Packaging checks (tests/packaging/test_bundle.py) start the real app — from source or from the
bundle — with this flag. It records the window's first paint, then waits for what the window
settles on: with nobody signed in, the page's sign-in welcome; with an archive named on the
command line, the archive open and its overview loaded from it (no network). It also records
what a bundle could lack: the translations loading, the SVG icons rendering, the keyring
backends importable. Then it writes the report and quits, exit code 0 only if every check
held. With remembered accounts the window settles on the signed-in page instead.

The report holds no personal data: the archive's subject is only said to be shown. The
subject's name and a screenshot of the window (which shows the data) are written only with
`--self-test-details`, for checks on demo data.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TIMEOUT_S = 60.0
SERVER_STACK = ("server", "fastapi", "starlette", "uvicorn", "sqlalchemy", "argon2", "faker")


def bundle_contents() -> dict[str, Any]:
    """Translations, icons and keyring backends as this build sees them."""
    from importlib import metadata

    from ui.i18n import TRANSLATIONS_DIR
    from ui.icons import icon

    translator = QTranslator()
    backends: dict[str, bool] = {}
    for entry in metadata.entry_points(group="keyring.backends"):
        try:
            entry.load()
            backends[entry.name] = True
        except Exception:  # a backend for another platform may fail to import: record it
            backends[entry.name] = False
    from ui.demo import missing_server_packages

    return {
        # A shopper's bundle carries no server: which of its modules this build could import.
        "server_modules": sorted(set(SERVER_STACK) - set(missing_server_packages(SERVER_STACK))),
        "translation_zh_CN": translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm")),
        "icon_renders": not icon("overview").pixmap(32, 32).isNull(),
        "keyring_backends": backends,
    }


def _face(page: QObject) -> str:
    """The load-state face a page shows ("BUSY", "EMPTY", "WELCOME", …; "" if none)."""
    state = getattr(page, "state", None)
    return str(state.name) if state is not None else ""


class SelfTest(QObject):
    """Watches the window's first paint (and the archive opening), then reports and quits."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        report: Path,
        archive: Path | None = None,
        *,
        details: bool = False,
    ) -> None:
        super().__init__(window)
        self.app = app
        self.details = details  # the subject's name and a screenshot: personal data
        self.window = window
        self.report_path = report
        self.archive = archive
        self.started = time.monotonic()
        self.report: dict[str, Any] = {
            "frozen": bool(getattr(sys, "frozen", False)),
            "painted": False,
            "errors": [],
        }
        window.installEventFilter(self)
        window.archive_opener.failed.connect(self._archive_failed)
        self.poll = QTimer(self)
        self.poll.setInterval(50)
        self.poll.timeout.connect(self._check)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.window
            and event.type() == QEvent.Type.Paint
            and not self.report["painted"]
        ):
            self.window.removeEventFilter(self)
            # Record after this paint has finished, with the state it painted.
            QTimer.singleShot(0, self._first_paint)
        return False

    def _first_paint(self) -> None:
        self.report.update(
            {
                "painted": True,
                "first_paint_ms": round((time.monotonic() - self.started) * 1000),
                "title": self.window.windowTitle(),
            }
        )
        self.report.update(bundle_contents())
        self.poll.start()
        self._check()

    def _archive_failed(self, message: str) -> None:
        self.report["errors"].append(f"archive: {message}")
        self._finish()

    def _check(self) -> None:
        if time.monotonic() - self.started > TIMEOUT_S:
            self.report["errors"].append("timed out")
            self._finish()
            return
        page = self.window.current_page()
        if (
            self.archive is None
            and page.view is not None
            and page.view.archive is None
            and _face(page) not in ("BUSY", "")
        ):
            # A remembered account signed in again: the page loaded its data.
            self.report.update({"page": page.page_id, "face": _face(page), "signed_in": True})
            self._finish()
            return
        if page.view is None and self.archive is None and _face(page) != "BUSY":
            # Nobody signed in: the page shows its welcome (sign in to a shop).
            stack = getattr(page, "stack", None)
            self.report.update(
                {
                    "page": page.page_id,
                    "face": _face(page),
                    "text": _face_text(page, stack),
                }
            )
            self._finish()
            return
        opened = self.window.session.archive
        if self.archive is None or opened is None or page.view is None or _face(page) == "BUSY":
            return
        self.report["archive"] = {
            "subject_shown": bool(opened.subject),
            "page": page.page_id,
            "face": _face(page),
        }
        if self.details:
            self.report["archive"].update({"subject": opened.subject, "shop": opened.shop_name})
        self._finish()

    def _finish(self) -> None:
        self.poll.stop()
        self.report["screenshot"] = ""
        if self.details:  # the window shows the signed-in or archived data
            shot = self.report_path.with_suffix(".png")
            self.report["screenshot"] = str(shot) if self.window.grab().save(str(shot)) else ""
        checks = [
            self.report["painted"],
            not self.report["errors"],
            self.report.get("translation_zh_CN", False),
            self.report.get("icon_renders", False),
        ]
        if self.archive is None and self.report.get("signed_in"):
            checks.append(self.report.get("face") in ("CONTENT", "EMPTY"))
        elif self.archive is None:
            # a fresh start shows the signed-out welcome, with its sentence
            checks.append(self.report.get("face") == "WELCOME" and bool(self.report.get("text")))
        else:
            checks.append(self.report.get("archive", {}).get("face") == "CONTENT")
        self.report["ok"] = all(checks)
        self.report_path.write_text(
            json.dumps(self.report, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        self.app.exit(0 if self.report["ok"] else 1)


def _face_text(page: QObject, stack: object) -> str:
    """The sentence the page's face shows (the welcome's, or the empty face's)."""
    if stack is None:
        return ""
    if _face(page) == "WELCOME":
        return str(getattr(stack, "welcome_text", ""))
    return str(getattr(stack, "empty_text", ""))


__all__ = ["SelfTest", "bundle_contents"]
