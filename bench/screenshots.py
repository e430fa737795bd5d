"""Grab every page of the app offscreen, in English and Simplified Chinese.

    QT_QPA_PLATFORM=offscreen python -m bench.screenshots [--out docs/screenshots]
        [--size 1024x640 --suffix -1024] [--extras]

Starts a real demo shop, signs in through its real login page (driven over HTTP, as a browser
would), opens each page, waits for it to load, and saves `<out>/<language>/<page>.png`.
With `--extras` it also saves every tab of every page (`<page>--tab<N>.png`) and the main
dialogs (`dialog-*.png`: a new request of each type, archive export / verify / compare, assist,
About), for a review by eye; the README set is the default mode.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.support.shops import build_template, start_shop_from
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.style import apply_style
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


def wait_until(app: QApplication, condition: object, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if callable(condition) and condition():
            return True
        time.sleep(0.02)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--languages", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--dark", action="store_true", help="use the dark colour scheme")
    parser.add_argument("--size", default="1280x820", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. -1024")
    parser.add_argument("--pages", nargs="*", default=None, help="only these page ids")
    parser.add_argument(
        "--extras", action="store_true", help="also every tab and the main dialogs (review)"
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_style(app, dark=True if args.dark else None)
    translations = Translations(app)
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        template = build_template(work, "silumart")
        shop = start_shop_from(template, work / "shop", "silumart")
        try:
            for language in args.languages:
                translations.apply(language)
                width, height = (int(v) for v in args.size.lower().split("x"))
                grab_language(
                    app,
                    shop.url,
                    work / language,
                    args.out / language,
                    (width, height),
                    args.suffix,
                    args.pages,
                    args.extras,
                )
        finally:
            shop.stop()
    return 0


def grab_language(
    app: QApplication,
    shop_url: str,
    config: Path,
    out: Path,
    size: tuple[int, int] = (1280, 820),
    suffix: str = "",
    pages: list[str] | None = None,
    extras: bool = False,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    session = AppSession(
        config,
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(config / "settings.ini"))
    window.resize(*size)
    window.show()
    added: list[object] = []
    session.add_shop(shop_url, added.append, added.append)
    wait_until(app, lambda: bool(added))
    done: list[object] = []
    session.sign_in(session.registry.shops()[0].shop_id, lambda: done.append(1), done.append)
    wait_until(app, lambda: bool(done))
    for page_id, page in window.pages.items():
        if pages and page_id not in pages:
            continue
        window.select_page(page_id)
        if isinstance(page, DataPage):
            wait_until(app, lambda p=page: p.state is not LoadState.BUSY)
        # a page's parts load after it (an order's detail, a partner's disclosures) and
        # layouts settle over several event-loop turns: grab what a person would see
        wait_until(app, lambda: False, timeout=1.5)
        path = out / f"{page_id}{suffix}.png"
        window.grab().save(str(path))
        print(f"saved {path}")
        if extras:
            grab_tabs(app, window, page, out, f"{page_id}{suffix}")
    if extras:
        grab_dialogs(app, window, out, suffix)
    window.close()
    session.close()
    runner.shutdown()


def settle(app: QApplication, seconds: float = 1.0) -> None:
    wait_until(app, lambda: False, timeout=seconds)


def grab_tabs(app: QApplication, window: MainWindow, page: object, out: Path, stem: str) -> None:
    """Every tab of every tab widget the page shows (nested ones included), one file each."""
    if not isinstance(page, QWidget):
        return
    for number, tabs in enumerate(page.findChildren(QTabWidget)):
        if not tabs.isVisible():
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index) or index == first:
                continue
            tabs.setCurrentIndex(index)
            settle(app)
            path = out / f"{stem}--tab{number}-{index}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
        tabs.setCurrentIndex(first)


def grab_dialog(app: QApplication, dialog: QWidget, path: Path) -> None:
    settle(app, 2.0)
    dialog.grab().save(str(path))
    print(f"saved {path}")
    dialog.close()
    settle(app, 0.3)


def grab_dialogs(app: QApplication, window: MainWindow, out: Path, suffix: str) -> None:
    """A new request of each type, the archive dialogs, assist and About."""
    from client.models.requests import REQUEST_TYPES
    from ui.pages.requests import RequestsPage

    requests = window.pages.get("requests")
    if isinstance(requests, RequestsPage):
        window.select_page("requests")
        settle(app)
        for rtype in REQUEST_TYPES:
            dialog = requests.new_request(rtype)
            if dialog is not None:
                grab_dialog(app, dialog, out / f"dialog-request-{rtype}{suffix}.png")
    for name, opener in (
        ("export", window.export_archive),
        ("verify", window.verify_archive),
        ("compare", window.compare_archives),
    ):
        opener()
        if window.archive_dialog is not None:
            grab_dialog(app, window.archive_dialog, out / f"dialog-archive-{name}{suffix}.png")
    window.assist_customer()
    grab_dialog(app, window.assist_dialog, out / f"dialog-assist{suffix}.png")
    window._about()
    grab_dialog(app, window.about_dialog, out / f"dialog-about{suffix}.png")


if __name__ == "__main__":
    sys.exit(main())
