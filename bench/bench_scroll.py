"""The UI thread's longest stall while scrolling a 1,000,000-entry My Tracks history.

    python -m bench.bench_scroll [--tracks 1000000] [--seconds 30]

Runs the real app window offscreen against a real shop process (as `main.py --demo` starts
it) whose first shopper has `--tracks` entries, opens My Tracks, and keeps scrolling down (one
viewport per step, every 16 ms, as a user dragging the scroll bar would); pages load lazily
as the view nears the end. A 5 ms
heartbeat timer on the UI thread records the gaps between its ticks: the longest gap is the
longest stall the user could feel.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench.screenshots import wait_until
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from ui.app import tune_garbage_collector
from ui.demo import DemoShop, DemoShops, start_demo_shop
from ui.main_window import MainWindow
from ui.pages.tracks import TracksPage
from ui.session import AppSession
from ui.settings import Settings
from ui.style import apply_style
from ui.tasks import TaskRunner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        shop = start_demo_shop("silumart", work / "shop.db", tracks=args.tracks,
                               processor_delay=60.0, timeout=300.0)
        runner = TaskRunner()
        session = AppSession(work / "config", runner,
                             open_browser=ScriptedBrowser("lin.mei", "demo1234"),
                             keyring_backend=MemoryKeyring())
        window = MainWindow(session, runner, Settings(work / "settings.ini"))
        window.resize(1280, 820)
        window.show()
        try:
            measure(app, window, session, shop, args.seconds)
        finally:
            window.close()
            session.close()
            runner.shutdown()
            DemoShops([shop]).stop()


def measure(app: QApplication, window: MainWindow, session: AppSession, shop: DemoShop,
            seconds: float) -> None:
    done: list[object] = []
    session.add_shop(shop.url, done.append, done.append)
    wait_until(app, lambda: bool(done))
    signed: list[object] = []
    session.sign_in("silumart-demo", lambda: signed.append(1), signed.append)
    wait_until(app, lambda: bool(signed))
    window.select_page("tracks")
    page = window.pages["tracks"]
    assert isinstance(page, TracksPage)
    wait_until(app, lambda: page.history_model.rowCount() > 0)

    gaps: list[float] = []
    last = [time.perf_counter()]

    def heartbeat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    def scroll() -> None:
        bar = page.table.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))

    beat = QTimer()
    beat.setInterval(5)
    beat.timeout.connect(heartbeat)
    step = QTimer()
    step.setInterval(16)
    step.timeout.connect(scroll)
    tune_garbage_collector()  # as ui.app.run does once the window is up
    beat.start()
    step.start()
    wait_until(app, lambda: False, timeout=seconds)
    beat.stop()
    step.stop()
    ordered = sorted(gaps)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    print(f"rows loaded after {seconds:.0f} s of scrolling: {page.history_model.rowCount():,}")
    print(f"UI heartbeat gaps (5 ms timer): p99 {p99:.1f} ms, longest stall {ordered[-1]:.1f} ms")


if __name__ == "__main__":
    main()
