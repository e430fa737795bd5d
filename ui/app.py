"""Application start-up: QApplication, translations, style, session, window, demo shops."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from client.redaction import install_redaction
from ui.demo import DemoShops, start_demo_shops
from ui.errors import user_message
from ui.i18n import Translations, resolve_language
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from ui.style import apply_style
from ui.tasks import TaskControl, TaskRunner

APP_NAME = "privacy-dashboard"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Privacy Dashboard: see and control what online shops hold about you.",
    )
    parser.add_argument("--demo", action="store_true",
                        help="start the two embedded demo shops on this computer and use them")
    parser.add_argument("--demo-fresh", action="store_true",
                        help="with --demo: throw away the demo shops' data and seed it again")
    parser.add_argument("--demo-tracks", type=int, default=3000, metavar="N",
                        help="with --demo: My Tracks entries for the first demo shopper")
    parser.add_argument("--shop", action="append", default=[], metavar="URL",
                        help="add a shop by its address (repeatable)")
    parser.add_argument("--language", choices=["system", "en", "zh_CN"],
                        help="interface language (default: the saved setting, else the system)")
    parser.add_argument("--config-dir", type=Path, metavar="DIR",
                        help="keep settings and the shop list in DIR instead of the user profile")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (never secrets)")
    return parser.parse_args(argv)


def config_dir(args: argparse.Namespace) -> Path:
    if args.config_dir:
        return Path(args.config_dir)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / f".{APP_NAME}")


def run(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    install_redaction()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("PrivacyDashboard")
    app.setApplicationDisplayName("Privacy Dashboard")
    directory = config_dir(args)
    directory.mkdir(parents=True, exist_ok=True)
    settings = Settings(directory / "settings.ini" if args.config_dir else None)
    translations = Translations(app)
    translations.apply(resolve_language(args.language or settings.language))
    apply_style(app)
    runner = TaskRunner()
    session = AppSession(directory, runner)
    demo: list[DemoShops] = []
    window = MainWindow(session, runner, settings)
    window.show()

    def shops_ready(shops: DemoShops | None) -> None:
        if shops is not None:
            demo.append(shops)
            window.local_shops = shops.urls
        for url in [*(u for _n, u in (shops.urls if shops else [])), *args.shop]:
            session.add_shop(url, lambda _c: None, lambda e: window.notify(user_message(e)))
        session.resume_remembered(lambda n: window.notify(
            window.tr("Signed in again to {0} shop(s)").format(n) if n else ""))

    if args.demo:
        progress = QProgressDialog(window.tr("Starting the demo shops…"), "", 0, 0, window)
        progress.setCancelButton(None)
        progress.setWindowTitle(window.tr("Demo"))
        progress.setMinimumDuration(0)
        progress.show()
        data_dir = directory / "demo-shops"

        def work(_control: TaskControl) -> DemoShops:
            return start_demo_shops(data_dir, tracks=args.demo_tracks, fresh=args.demo_fresh)

        def started(shops: DemoShops) -> None:
            progress.close()
            shops_ready(shops)

        def failed(error: BaseException) -> None:
            progress.close()
            QMessageBox.critical(window, "Privacy Dashboard",
                                 window.tr("The demo shops could not start: {0}").format(error))

        runner.run(work, started, failed)
    else:
        shops_ready(None)
    code = app.exec()
    session.close()
    runner.shutdown()
    for shops in demo:
        shops.stop()
    return code
