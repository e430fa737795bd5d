"""Grab every page of the app offscreen, in English and Simplified Chinese.

    QT_QPA_PLATFORM=offscreen python -m bench.screenshots [--out docs/screenshots]
        [--size 1024x640 --suffix -1024]

Starts a real demo shop, signs in through its real login page (driven over HTTP, as a browser
would), opens each page, waits for it to load, and saves `<out>/<language>/<page>.png`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

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
    window.close()
    session.close()
    runner.shutdown()


if __name__ == "__main__":
    sys.exit(main())
