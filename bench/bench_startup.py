"""Start-up: process start to the first painted window, and RSS then, against a bare window.

    python -m bench.bench_startup [--repeat 10]

The app (`main.py` with a fresh config directory) and a bare PySide6 `QMainWindow` of the same
size run offscreen in fresh processes, interleaved (app, bare, bare, app, …) so both see the
same machine load. Each prints "painted <RSS KiB> <CPU ms>" from inside its first paint event
and quits; the time is from just before the process is spawned to reading that line. The CPU
time (the whole process's, interpreter start included) is less disturbed by other load. Prints
the medians and their ratios; writes bench/results/startup.json.

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
from typing import Any, NamedTuple

from bench.report import render_table, write_result
from bench.stats import summary

TARGET_TIME_RATIO = 2.0
TARGET_RSS_RATIO = 1.6

BARE_WINDOW = """
import sys, time
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
            print(f"painted {resident_kib()} {time.process_time() * 1000:.1f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


class Sample(NamedTuple):
    wall_ms: float  # spawn → the "painted" line read
    rss_mib: float  # resident set size inside the first paint
    cpu_ms: float  # the process's CPU time then (all of it: interpreter start included)


def time_until_painted(command: list[str], env: dict[str, str]) -> Sample:
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
            return Sample(elapsed, int(words[1]) / 1024, float(words[2]))
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
    samples: dict[str, list[Sample]] = {"app": [], "bare": []}
    with tempfile.TemporaryDirectory() as config:
        commands = {
            "app": [sys.executable, str(root / "main.py"), "--config-dir", config],
            "bare": [sys.executable, "-c", BARE_WINDOW],
        }
        for command in commands.values():
            time_until_painted(command, env)  # warm the file cache once for each
        for round_ in range(args.repeat):
            for name in ("app", "bare") if round_ % 2 == 0 else ("bare", "app"):
                samples[name].append(time_until_painted(commands[name], env))

    def median(name: str, field: str) -> float:
        return statistics.median(getattr(sample, field) for sample in samples[name])

    ratios = {
        field: median("app", field) / median("bare", field)
        for field in ("wall_ms", "rss_mib", "cpu_ms")
    }
    for name, label in (("app", "privacy dashboard"), ("bare", "bare QMainWindow ")):
        print(f"time to first paint, {label}  {summary([s.wall_ms for s in samples[name]])}")
    print(f"  ratio of medians {ratios['wall_ms']:.2f}x (target <= {TARGET_TIME_RATIO}x)")
    for name, label in (("app", "privacy dashboard"), ("bare", "bare QMainWindow ")):
        print(f"CPU time to first paint, {label}  {median(name, 'cpu_ms'):6.1f} ms")
    print(f"  ratio of medians {ratios['cpu_ms']:.2f}x")
    for name, label in (("app", "privacy dashboard"), ("bare", "bare QMainWindow ")):
        print(f"RSS at first paint, {label}  {median(name, 'rss_mib'):6.1f} MiB")
    print(f"  ratio of medians {ratios['rss_mib']:.2f}x (target <= {TARGET_RSS_RATIO}x)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    write_result(
        "startup",
        command=f"python -m bench.bench_startup --repeat {args.repeat}",
        title=f"App start-up, offscreen, {args.repeat} runs each, interleaved with a bare "
        "PySide6 QMainWindow",
        columns=["what", "this app (median)", "bare QMainWindow (median)", "ratio", "target"],
        rows=[
            [
                "process start → first painted window",
                f"{median('app', 'wall_ms'):.0f} ms",
                f"{median('bare', 'wall_ms'):.0f} ms",
                f"{ratios['wall_ms']:.2f}×",
                f"≤ {TARGET_TIME_RATIO}×",
            ],
            [
                "CPU time until the first paint",
                f"{median('app', 'cpu_ms'):.0f} ms",
                f"{median('bare', 'cpu_ms'):.0f} ms",
                f"{ratios['cpu_ms']:.2f}×",
                "",
            ],
            [
                "RSS at first paint",
                f"{median('app', 'rss_mib'):.1f} MiB",
                f"{median('bare', 'rss_mib'):.1f} MiB",
                f"{ratios['rss_mib']:.2f}×",
                f"≤ {TARGET_RSS_RATIO}×",
            ],
            ["machine load average (1 min) at the end", f"{load:.1f}", "", "", ""],
        ],
        data={
            "samples": {name: [s._asdict() for s in runs] for name, runs in samples.items()},
            "ratios": ratios,
            "load_average": load,
        },
    )


def render(result: dict[str, Any]) -> str:
    """The README table between this bench's markers (for `python -m bench.all`)."""
    return render_table(result)


if __name__ == "__main__":
    main()
