"""Start-up time: process start to the first painted window, against a bare PySide6 window.

    python -m bench.bench_startup [--repeat 5]

Both run offscreen in fresh processes; each prints "painted" on its first paint and quits.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from bench.stats import summary

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 800)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def time_until_painted(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,  # noqa: S603
                               text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "painted":
            elapsed = (time.perf_counter() - start) * 1000
            process.wait(timeout=30)
            return elapsed
    process.wait(timeout=30)
    raise RuntimeError(f"{command} never painted")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PRIVACY_DASHBOARD_STARTUP_PROBE="1")
    with tempfile.TemporaryDirectory() as config:
        app = [sys.executable, "main.py", "--config-dir", config]
        bare = [sys.executable, "-c", BARE_WINDOW]
        time_until_painted(app, env)  # warm the file cache once
        app_times = [time_until_painted(app, env) for _ in range(args.repeat)]
        bare_times = [time_until_painted(bare, env) for _ in range(args.repeat)]
    print(f"privacy dashboard  {summary(app_times)}")
    print(f"bare PySide6       {summary(bare_times)}")


if __name__ == "__main__":
    main()
