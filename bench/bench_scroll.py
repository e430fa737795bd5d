"""The UI thread's stalls while scrolling a 1,000,000-entry My Tracks history, against a bare table.

    python -m bench.bench_scroll [--tracks 1000000] [--seconds 20] [--profile]

Runs the real app window offscreen against a real shop process (as `main.py --demo` starts
it) whose first shopper has `--tracks` entries, opens My Tracks, and keeps scrolling down (one
viewport per step, every 16 ms, as a user dragging the scroll bar would); pages load lazily
as the view nears the end. A 5 ms heartbeat timer on the UI thread records the gaps between its
ticks: the longest gap is the longest stall the user could feel.

The baseline, interleaved with it in the same process (segments of `--segment` seconds, taking
turns, `--seconds` of scrolling each in total): a bare `QMainWindow` of the same size holding a
`QTableView` over a minimal in-memory model with the same number of rows and columns (every row
present, the app's first page of texts repeated, answered on demand), scrolled and timed the
same way. Prints both, the ratios, and writes bench/results/scroll.json. `--profile` prints
where the app's UI thread spent its time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QAbstractTableModel,
    QEventLoop,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow, QTableView

from bench.report import render_table, write_result
from bench.screenshots import wait_until
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from ui.app import tune_interpreter
from ui.demo import DemoShop, DemoShops, start_demo_shop
from ui.main_window import MainWindow
from ui.pages.tracks import TracksPage
from ui.session import AppSession
from ui.settings import Settings
from ui.style import apply_style
from ui.tasks import TaskRunner

TARGET_LONGEST_MS = 16.0
TARGET_P99_MS = 8.0
HEARTBEAT_MS = 5
STEP_MS = 16


class BareModel(QAbstractTableModel):
    """`rows` × 4 cells of text, answered on demand: the least a Python model can do.

    The texts are the app's own (its first page, repeated), so both tables draw the same
    glyphs (the history's Chinese text needs font fallback; "row 1 column 2" would not).
    """

    def __init__(self, rows: int, texts: list[tuple[str, ...]]) -> None:
        super().__init__()
        self._rows = rows
        self._texts = texts

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts
            return texts[index.row() % len(texts)][index.column()]
        return None


def bare_window(rows: int, texts: list[tuple[str, ...]]) -> tuple[QMainWindow, QTableView]:
    window = QMainWindow()
    table = QTableView()
    table.setModel(BareModel(rows, texts))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setVisible(False)
    window.setCentralWidget(table)
    window.resize(1280, 820)
    return window, table


class Heartbeat:
    """Gaps between ticks of a 5 ms timer, filed under whichever run is scrolling.

    Beside each gap (wall time) it keeps the UI thread's own CPU time in it: a long gap with
    little CPU is the thread waiting (for the machine's cores or the interpreter lock), a long
    gap with as much CPU is work done on the UI thread. Garbage collections are timed too.
    """

    def __init__(self) -> None:
        self.gaps: dict[str, list[float]] = {"app": [], "bare": []}
        self.busy: dict[str, list[float]] = {"app": [], "bare": []}
        self.collections: dict[str, list[float]] = {"app": [], "bare": []}
        self.current = "app"
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._gc_started = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)
        gc.callbacks.append(self._collection)

    def _collection(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        elif self._timer.isActive():
            self.collections[self.current].append((time.perf_counter() - self._gc_started) * 1000)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps[self.current].append((now - self._last) * 1000)
        self.busy[self.current].append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def start(self, current: str) -> None:
        self.current = current
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def close(self) -> None:
        gc.callbacks.remove(self._collection)


def run_event_loop(seconds: float) -> None:
    """Run the real event loop (as app.exec() does) for `seconds`."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def scroll_segment(
    table: QTableView,
    heartbeat: Heartbeat,
    name: str,
    seconds: float,
    profile: cProfile.Profile | None = None,
) -> None:
    def step() -> None:
        bar = table.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))

    stepper = QTimer()
    stepper.setTimerType(Qt.TimerType.PreciseTimer)
    stepper.setInterval(STEP_MS)
    stepper.timeout.connect(step)
    heartbeat.start(name)
    stepper.start()
    if profile is not None:
        profile.enable()
    run_event_loop(seconds)
    if profile is not None:
        profile.disable()
    stepper.stop()
    heartbeat.stop()


def paint_cost(table: QTableView, paints: int) -> tuple[float, int]:
    """The UI thread's CPU per full-viewport paint (median, ms) and Python calls per paint.

    Each paint follows a one-page scroll and renders the whole viewport (`grab`, the same
    painting as a frame on screen): the part of a stall that is the table's own work, free of
    the machine's scheduling noise.
    """
    bar = table.verticalScrollBar()
    costs: list[float] = []
    for _ in range(paints):
        bar.setValue(bar.value() + bar.pageStep() if bar.value() < bar.maximum() else 0)
        started = time.thread_time()
        table.viewport().grab()
        costs.append((time.thread_time() - started) * 1000)
    calls = [0]

    def count(_frame: object, event: str, _arg: object) -> None:
        if event == "call":
            calls[0] += 1

    bar.setValue(bar.value() + bar.pageStep() if bar.value() < bar.maximum() else 0)
    sys.setprofile(count)
    try:
        table.viewport().grab()
    finally:
        sys.setprofile(None)
    return percentile(costs, 0.5), calls[0]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[int(fraction * (len(ordered) - 1))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="scrolling time of each")
    parser.add_argument("--segment", type=float, default=5.0, help="length of one turn")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_style(app)
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        started = time.perf_counter()
        shop = start_demo_shop(
            "silumart", work / "shop.db", tracks=args.tracks, processor_delay=60.0, timeout=300.0
        )
        print(f"shop seeded with {args.tracks:,} tracks in {time.perf_counter() - started:.1f} s")
        runner = TaskRunner()
        session = AppSession(
            work / "config",
            runner,
            open_browser=ScriptedBrowser("lin.mei", "demo1234"),
            keyring_backend=MemoryKeyring(),
        )
        window = MainWindow(session, runner, Settings(work / "settings.ini"))
        window.resize(1280, 820)
        window.show()
        try:
            measure(app, window, session, shop, args)
        finally:
            window.close()
            session.close()
            runner.shutdown()
            DemoShops([shop]).stop()


def measure(
    app: QApplication,
    window: MainWindow,
    session: AppSession,
    shop: DemoShop,
    args: argparse.Namespace,
) -> None:
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
    model = page.history_model
    first_page = [
        tuple(str(model.data(model.index(row, column))) for column in range(4))
        for row in range(model.rowCount())
    ]
    bare, bare_table = bare_window(args.tracks, first_page)

    heartbeat = Heartbeat()
    profile = cProfile.Profile() if args.profile else None
    tune_interpreter()  # as ui.app.run does once the window is up
    turns = max(1, round(args.seconds / args.segment))
    segment = args.seconds / turns
    windows: dict[str, QMainWindow] = {"app": window, "bare": bare}
    for turn in range(turns):
        for name in ("app", "bare") if turn % 2 == 0 else ("bare", "app"):
            for other, shown in windows.items():
                shown.setVisible(other == name)
            windows[name].raise_()
            run_event_loop(0.3)  # settle the switch; not measured
            if name == "app":
                scroll_segment(page.table, heartbeat, name, segment, profile)
            else:
                scroll_segment(bare_table, heartbeat, name, segment)
    # The paint alone, interleaved the same way (each window shown in its turn).
    paints: dict[str, list[float]] = {"app": [], "bare": []}
    python_calls: dict[str, int] = {}
    for turn in range(6):
        for name in ("app", "bare") if turn % 2 == 0 else ("bare", "app"):
            for other, shown in windows.items():
                shown.setVisible(other == name)
            run_event_loop(0.2)
            cost, python_calls[name] = paint_cost(page.table if name == "app" else bare_table, 40)
            paints[name].append(cost)
    bare.close()
    heartbeat.close()
    paint = {name: percentile(costs, 0.5) for name, costs in paints.items()}
    report(heartbeat, page.history_model.rowCount(), args, paint, python_calls)
    if profile is not None:
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def report(
    heartbeat: Heartbeat,
    rows_loaded: int,
    args: argparse.Namespace,
    paint: dict[str, float],
    python_calls: dict[str, int],
) -> None:
    app_gaps, bare_gaps = heartbeat.gaps["app"], heartbeat.gaps["bare"]
    figures = {
        name: {
            "p50": percentile(gaps, 0.5),
            "p99": percentile(gaps, 0.99),
            "longest": max(gaps),
            "ticks": len(gaps),
            "busy_p99": percentile(heartbeat.busy[name], 0.99),
            "busy_longest": max(heartbeat.busy[name]),
            "gc_count": len(heartbeat.collections[name]),
            "gc_longest": max(heartbeat.collections[name], default=0.0),
        }
        for name, gaps in (("app", app_gaps), ("bare", bare_gaps))
    }
    app_f, bare_f = figures["app"], figures["bare"]
    p99_ratio = app_f["p99"] / bare_f["p99"]
    longest_ratio = app_f["longest"] / bare_f["longest"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"rows loaded while scrolling {args.seconds:.0f} s: {rows_loaded:,}")
    for name, label in (("app", "privacy dashboard"), ("bare", "bare table")):
        f = figures[name]
        print(
            f"UI heartbeat gaps ({HEARTBEAT_MS} ms timer), {label:17}  p50 {f['p50']:5.1f} ms"
            f"   p99 {f['p99']:5.1f} ms   longest stall {f['longest']:5.1f} ms"
        )
        print(
            f"  UI thread CPU within a gap: p99 {f['busy_p99']:5.1f} ms, longest "
            f"{f['busy_longest']:5.1f} ms; {f['gc_count']} garbage collections, longest "
            f"{f['gc_longest']:.1f} ms"
        )
    print(
        f"full-viewport paint, UI thread CPU (median): app {paint['app']:.2f} ms "
        f"({python_calls['app']} Python calls), bare {paint['bare']:.2f} ms "
        f"({python_calls['bare']} Python calls); ratio {paint['app'] / paint['bare']:.2f}x"
    )
    print(
        f"  ratios: p99 {p99_ratio:.2f}x, longest {longest_ratio:.2f}x "
        f"(targets: p99 <= {TARGET_P99_MS:.0f} ms, longest <= {TARGET_LONGEST_MS:.0f} ms)"
    )
    write_result(
        "scroll",
        command=f"python -m bench.bench_scroll --tracks {args.tracks} --seconds {args.seconds:g}",
        title=f"Scrolling a {args.tracks:,}-entry history, one viewport every {STEP_MS} ms, "
        f"{args.seconds:g} s each, interleaved with a bare QTableView over an in-memory "
        f"model of {args.tracks:,} rows; {HEARTBEAT_MS} ms heartbeat on the UI thread",
        columns=["what", "this app", "bare table", "ratio", "target"],
        rows=[
            [
                "UI thread heartbeat gap, p99",
                f"{app_f['p99']:.1f} ms",
                f"{bare_f['p99']:.1f} ms",
                f"{p99_ratio:.2f}×",
                f"≤ {TARGET_P99_MS:.0f} ms",
            ],
            [
                "longest UI thread stall",
                f"{app_f['longest']:.1f} ms",
                f"{bare_f['longest']:.1f} ms",
                f"{longest_ratio:.2f}×",
                f"≤ {TARGET_LONGEST_MS:.0f} ms",
            ],
            [
                "the UI thread's own CPU time within one gap, p99 / longest",
                f"{app_f['busy_p99']:.1f} / {app_f['busy_longest']:.1f} ms",
                f"{bare_f['busy_p99']:.1f} / {bare_f['busy_longest']:.1f} ms",
                f"{app_f['busy_p99'] / bare_f['busy_p99']:.2f}×",
                "",
            ],
            [
                "one full-viewport paint: UI thread CPU (median) / Python calls in it",
                f"{paint['app']:.2f} ms / {python_calls['app']:,}",
                f"{paint['bare']:.2f} ms / {python_calls['bare']:,}",
                f"{paint['app'] / paint['bare']:.2f}×",
                "",
            ],
            [
                "garbage collections while scrolling, longest",
                f"{app_f['gc_count']}, {app_f['gc_longest']:.1f} ms",
                f"{bare_f['gc_count']}, {bare_f['gc_longest']:.1f} ms",
                "",
                "",
            ],
            ["rows loaded while scrolling", f"{rows_loaded:,}", f"{args.tracks:,} (all)", "", ""],
            ["machine load average (1 min) at the end", f"{load:.1f}", "", "", ""],
        ],
        data={
            "figures": figures,
            "paint_cpu_ms": paint,
            "paint_python_calls": python_calls,
            "rows_loaded": rows_loaded,
            "p99_ratio": p99_ratio,
            "longest_ratio": longest_ratio,
            "tracks": args.tracks,
            "seconds": args.seconds,
            "load_average": load,
        },
    )


def render(result: dict[str, Any]) -> str:
    """The README table between this bench's markers (for `python -m bench.all`)."""
    return render_table(result)


if __name__ == "__main__":
    main()
