"""Application start-up: QApplication, translations, style, session, window, demo shops."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from client.redaction import install_redaction
from ui.errors import user_message
from ui.i18n import Translations, resolve_language
from ui.main_window import MainWindow
from ui.pages.registry import page_entries
from ui.session import AppSession
from ui.settings import Settings
from ui.style import apply_style
from ui.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:  # the demo server and the sign-in stack load on worker threads, when needed
    from client.connection import ShopConnection
    from ui.demo import DemoShops

APP_NAME = "privacy-dashboard"
STARTUP_PROBE = "PRIVACY_DASHBOARD_STARTUP_PROBE"  # bench: print "painted" and quit

# Loaded on a worker thread once the first window has painted, so that signing in, opening a
# page or an archive does not wait for them on the UI thread (requests, keyring, authlib and
# the pydantic models; each page's module).
PRELOAD: tuple[str, ...] = (
    "client.connection",
    "client.api",
    "client.backends",
    "ui.backend_view",
    "client.archive.offline_api",
    "ui.archive_view",
    *(entry.module for entry in page_entries()),
)

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=_prog_name(),
        description="Privacy Dashboard: see and control what online shops hold about you.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the two embedded demo shops on this computer and use them",
    )
    parser.add_argument(
        "--demo-fresh",
        action="store_true",
        help="with --demo: throw away the demo shops' data and seed it again",
    )
    parser.add_argument(
        "--demo-tracks",
        type=int,
        default=3000,
        metavar="N",
        help="with --demo: My Tracks entries for the first demo shopper",
    )
    parser.add_argument(
        "--shop",
        action="append",
        default=[],
        metavar="URL",
        help="add a shop by its address (repeatable)",
    )
    parser.add_argument(
        "--language",
        choices=["system", "en", "zh_CN"],
        help="interface language (default: the saved setting, else the system)",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help="keep settings and the shop list in DIR instead of the user profile",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (never secrets)")
    parser.add_argument(
        "archive",
        nargs="?",
        type=Path,
        metavar="ARCHIVE.zip",
        help="open this personal-data archive (read only, no network)",
    )
    parser.add_argument(
        "--self-test",
        type=Path,
        metavar="REPORT.json",
        help="check start-up: write what the first painted window shows (and "
        "the archive, if given) to REPORT.json, then quit; exit 0 if well",
    )
    parser.add_argument(
        "--self-test-details",
        action="store_true",
        help="with --self-test: also write the archive subject's name and a screenshot of "
        "the window beside the report (personal data: for checks on demo data only)",
    )
    return parser.parse_args(argv)


class FirstPaint(QObject):
    """Calls `callback` once, soon after `window` first paints (or after `fallback_ms`)."""

    def __init__(
        self,
        window: QWidget,
        callback: Callable[[], None],
        *,
        fallback_ms: int = 3000,
        immediate: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], None] | None = callback
        self._immediate = immediate  # call inside the paint event (the probe measures it)
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)  # e.g. a window that starts minimised

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._window:
            self._window.removeEventFilter(self)
            if self._immediate:
                self._fire()
            else:
                QTimer.singleShot(0, self._fire)  # after this paint has been shown
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def resident_kib() -> int:
    """This process's resident set size in KiB (peak RSS where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _prog_name() -> str:
    """`privacy-dashboard` when started by that name (entry point, bundle), else main.py's."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name.startswith("privacy-dashboard") else "python main.py"


def install_startup_probe(app: QApplication, window: QWidget) -> None:
    """For bench/bench_startup.py: report the first paint (RSS and CPU time then), then quit."""

    def painted() -> None:
        print(f"painted {resident_kib()} {time.process_time() * 1000:.1f}", flush=True)
        QTimer.singleShot(0, app.quit)

    FirstPaint(window, painted, immediate=True)


def preload_modules(_control: TaskControl | None = None) -> list[str]:
    """Import `PRELOAD` (on a worker thread); returns the modules that failed to load."""
    failed = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception as exc:  # the UI thread imports it again when needed and reports
            log.debug("preloading %s failed: %s", name, type(exc).__name__)
            failed.append(name)
    return failed


def tune_garbage_collector() -> None:
    """Keep the collector from pausing the UI thread.

    Long histories mean many live objects; Python's default thresholds then run full
    collections often enough to freeze scrolling for 150+ ms (measured in bench/bench_scroll.py).
    Objects alive after start-up are moved out of the collector's sight, and the older
    generations are collected rarely. The youngest is collected every 10,000 net allocations:
    each pass then scans at most that many objects (~2 ms; at 50,000 one pass took 13 ms, most
    of a frame, while a long history loaded).
    """
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


UI_SWITCH_INTERVAL = 0.001  # seconds


def tune_interpreter() -> None:
    """The collector as above; and the UI thread waits at most ~1 ms for the interpreter lock.

    Worker threads parse pages and build models in pure Python; with the default 5 ms switch
    interval the UI thread, woken for a paint or a timer, could wait that long for its turn.
    Also `keep_none_alive` (PySide6 6.12 on Python 3.11 loses a reference to `None` per void
    call: a long session would abort).
    """
    from ui.pyside_fixes import keep_none_alive

    keep_none_alive()
    tune_garbage_collector()
    sys.setswitchinterval(UI_SWITCH_INTERVAL)


def add_startup_shops(
    session: AppSession, window: MainWindow, urls: list[str], *, first_demo: bool = False
) -> None:
    """Add the shops named at start-up, then sign every remembered account in again silently.

    The silent sign-in waits until each address has answered, added or not: one unreachable
    `--shop` address (or a demo shop that failed) must not keep the others signed out.
    `first_demo`: with nothing to resume, open the first added shop's sign-in page.
    """
    added: list[str] = []
    answered = [0]  # added and failed alike

    def resumed(count: int) -> None:
        if count:
            window.notify(
                QCoreApplication.translate("MainWindow", "Signed in again to %n shop(s)", "", count)
            )
        elif added and first_demo:
            window.sign_in(added[0])  # first demo run: open the shop's sign-in page

    def refused(shop_name: str, error: BaseException) -> None:
        # why a remembered sign-in could not be resumed, where the person must act on it
        window.notify(
            QCoreApplication.translate("MainWindow", "{0}: {1}").format(
                shop_name, user_message(error)
            )
        )

    def one_answered() -> None:
        answered[0] += 1
        if answered[0] == len(urls):
            session.resume_remembered(resumed, refused)

    def one_added(connection: ShopConnection) -> None:
        added.append(connection.shop_id)
        one_answered()

    def not_added(error: BaseException) -> None:
        window.notify(user_message(error))
        one_answered()

    for url in urls:
        session.add_shop(url, one_added, not_added)
    if not urls:
        session.resume_remembered(resumed, refused)


def config_dir(args: argparse.Namespace) -> Path:
    if args.config_dir:
        return Path(args.config_dir)
    from client.paths import data_dir  # the command line's folder too (same shop list)

    return data_dir()


def run(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.demo:
        from ui.demo import DEMO_NEEDS, missing_server_packages

        if missing_server_packages():
            print(DEMO_NEEDS, file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    from ui.diagnostics import install_log_buffer

    install_log_buffer()  # recent (redacted) log lines for Help → Copy diagnostics
    install_redaction()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("PrivacyDashboard")
    app.setApplicationDisplayName("Privacy Dashboard")
    # The launcher entry (packaging/*.desktop) and its icon, for Wayland and the task bar.
    app.setDesktopFileName("io.github.privacydashboard.PrivacyDashboard")
    from ui.icons import icon

    app.setWindowIcon(icon("privacy-dashboard"))
    directory = config_dir(args)
    directory.mkdir(parents=True, exist_ok=True)
    settings = Settings(directory / "settings.ini" if args.config_dir else None)
    translations = Translations(app)
    translations.apply(resolve_language(args.language or settings.language))
    apply_style(app)
    runner = TaskRunner()
    runner.hold()  # background work starts once the first window has painted
    session = AppSession(directory, runner)
    demo: list[DemoShops] = []
    window = MainWindow(session, runner, settings)
    if os.environ.get(STARTUP_PROBE):
        install_startup_probe(app, window)
    if args.self_test:
        from ui.self_test import SelfTest

        SelfTest(app, window, args.self_test, archive=args.archive, details=args.self_test_details)

    def first_painted() -> None:
        runner.release()
        window.notifier.reset()  # built now: the tray icon appears
        # Modules loaded later are moved out of the collector's sight as well.
        runner.run(preload_modules, lambda _failed: tune_garbage_collector(), log.debug)

    FirstPaint(window, first_painted)
    window.show()
    if args.archive:
        window.open_archive(str(args.archive))  # File → Open archive's path, offline
    tune_interpreter()

    def shops_ready(shops: DemoShops | None) -> None:
        urls = [url for _name, url in shops.urls] if shops else []
        if shops is not None:
            demo.append(shops)
            window.local_shops = shops.urls
        add_startup_shops(session, window, [*urls, *args.shop], first_demo=shops is not None)

    if args.demo:
        from PySide6.QtWidgets import QMessageBox, QProgressDialog  # not for the first paint

        from ui.plain_text import plain_message_box

        progress = QProgressDialog(window.tr("Starting the demo shops…"), "", 0, 0, window)
        progress.setCancelButton(None)
        progress.setWindowTitle(window.tr("Demo"))
        progress.setMinimumDuration(0)
        progress.show()
        data_dir = directory / "demo-shops"

        def work(_control: TaskControl) -> DemoShops:
            from ui.demo import start_demo_shops

            return start_demo_shops(data_dir, tracks=args.demo_tracks, fresh=args.demo_fresh)

        def started(shops: DemoShops) -> None:
            progress.close()
            shops_ready(shops)

        def failed(error: BaseException) -> None:
            progress.close()
            plain_message_box(
                window,
                QMessageBox.Icon.Critical,
                "Privacy Dashboard",
                window.tr("The demo shops could not start: {0}").format(error),
            ).exec()
            shops_ready(None)  # the --shop addresses and remembered accounts still come back

        runner.run(work, started, failed)
    else:
        shops_ready(None)
    code = app.exec()
    session.close()
    runner.shutdown()
    for shops in demo:
        shops.stop()
    return code
