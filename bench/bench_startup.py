"""Start-up: process start to the first painted window, and RSS then, against a bare window.

    python -m bench.bench_startup [--repeat 10]

The app (`main.py` with a fresh config directory) and a bare PySide6 `QMainWindow` of the same
size run offscreen in fresh processes, interleaved (app, bare, bare, app, …) so both see the
same machine load. Each prints "painted <RSS KiB>" from inside its first paint event and quits;
the time is from just before the process is spawned to reading that line. Prints both
distributions and the ratios of the medians; writes bench/results/startup.json.

The project's sources are byte-compiled first, as an installed app's are (PySide6, like every
installed package, already is); without that, a checkout run with PYTHONDONTWRITEBYTECODE
compiles each module from source on every start.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import write_result
from bench.stats import summary

TARGET_TIME_RATIO = 2.0
TARGET_RSS_RATIO = 1.6

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def resident_kib():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 800)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            window.removeEventFilter(self)
            print(f"painted {resident_kib()}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def time_until_painted(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(milliseconds from spawn to the first paint, RSS in MiB at that paint)."""
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603  (our own command lines)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        words = line.split()
        if words and words[0] == "painted":
            elapsed = (time.perf_counter() - start) * 1000
            process.wait(timeout=30)
            return elapsed, int(words[1]) / 1024
    process.wait(timeout=30)
    raise RuntimeError(f"{command} never painted")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PRIVACY_DASHBOARD_STARTUP_PROBE="1")
    root = Path(__file__).resolve().parent.parent
    for package in ("ui", "client"):
        compileall.compile_dir(root / package, quiet=1)
    app_times: list[float] = []
    bare_times: list[float] = []
    app_rss: list[float] = []
    bare_rss: list[float] = []
    with tempfile.TemporaryDirectory() as config:
        app = [sys.executable, str(root / "main.py"), "--config-dir", config]
        bare = [sys.executable, "-c", BARE_WINDOW]
        time_until_painted(app, env)  # warm the file cache once for each
        time_until_painted(bare, env)
        for round_ in range(args.repeat):
            order = [(app, app_times, app_rss), (bare, bare_times, bare_rss)]
            for command, times, rss in order if round_ % 2 == 0 else reversed(order):
                elapsed, mib = time_until_painted(command, env)
                times.append(elapsed)
                rss.append(mib)
    time_ratio = statistics.median(app_times) / statistics.median(bare_times)
    rss_ratio = statistics.median(app_rss) / statistics.median(bare_rss)
    print(f"time to first paint, privacy dashboard  {summary(app_times)}")
    print(f"time to first paint, bare QMainWindow   {summary(bare_times)}")
    print(f"  ratio of medians {time_ratio:.2f}x (target <= {TARGET_TIME_RATIO}x)")
    print(f"RSS at first paint, privacy dashboard  {statistics.median(app_rss):6.1f} MiB")
    print(f"RSS at first paint, bare QMainWindow   {statistics.median(bare_rss):6.1f} MiB")
    print(f"  ratio of medians {rss_ratio:.2f}x (target <= {TARGET_RSS_RATIO}x)")
    write_result(
        "startup",
        command=f"python -m bench.bench_startup --repeat {args.repeat}",
        title=f"App start-up, offscreen, {args.repeat} runs each, interleaved with a bare "
        "PySide6 QMainWindow",
        columns=["what", "this app (median)", "bare QMainWindow (median)", "ratio", "target"],
        rows=[
            [
                "process start → first painted window",
                f"{statistics.median(app_times):.0f} ms",
                f"{statistics.median(bare_times):.0f} ms",
                f"{time_ratio:.2f}×",
                f"≤ {TARGET_TIME_RATIO}×",
            ],
            [
                "RSS at first paint",
                f"{statistics.median(app_rss):.1f} MiB",
                f"{statistics.median(bare_rss):.1f} MiB",
                f"{rss_ratio:.2f}×",
                f"≤ {TARGET_RSS_RATIO}×",
            ],
        ],
        data={
            "app_ms": app_times,
            "bare_ms": bare_times,
            "app_rss_mib": app_rss,
            "bare_rss_mib": bare_rss,
            "time_ratio": time_ratio,
            "rss_ratio": rss_ratio,
        },
    )


if __name__ == "__main__":
    main()
