"""The background-task helper delivers exactly one outcome, on the UI thread."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from ui.priority import BACKGROUND_NICENESS
from ui.tasks import TaskControl, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot):
    runner = TaskRunner(max_workers=2)
    yield runner
    runner.shutdown()


def _ui_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_result_arrives_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}
    worker_thread: list[str] = []

    def work(_control: TaskControl) -> int:
        worker_thread.append(threading.current_thread().name)
        return 42

    def on_result(value: int) -> None:
        seen["value"] = value
        seen["on_ui_thread"] = QThread.currentThread() is _ui_thread()

    def on_error(exc: BaseException) -> None:
        seen.setdefault("error", exc)

    runner.run(work, on_result, on_error)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"value": 42, "on_ui_thread": True}
    assert worker_thread[0].startswith("ui-task")


def test_error_arrives_instead_of_result(qtbot: QtBot, runner: TaskRunner) -> None:
    outcomes: list[tuple[str, object]] = []

    def work(_control: TaskControl) -> int:
        raise ValueError("boom")

    runner.run(
        work, lambda v: outcomes.append(("result", v)), lambda e: outcomes.append(("error", e))
    )
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    qtbot.wait(50)
    assert len(outcomes) == 1
    kind, value = outcomes[0]
    assert kind == "error"
    assert isinstance(value, ValueError)


def test_cancelled_task_delivers_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    outcomes: list[object] = []
    started = threading.Event()

    def work(control: TaskControl) -> str:
        started.set()
        while not control.cancelled:
            time.sleep(0.01)
        return "stopped"

    task = runner.run(work, outcomes.append, outcomes.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=5000)
    assert outcomes == []


def test_progress_is_reported_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    progress: list[tuple[int, int]] = []
    done: list[str] = []
    failed: list[BaseException] = []

    def work(control: TaskControl) -> str:
        for step in range(1, 6):
            control.report(step, 5)
        return "ok"

    runner.run(work, done.append, failed.append, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: bool(done or failed), timeout=5000)
    assert progress == [(i, 5) for i in range(1, 6)]
    assert done == ["ok"]
    assert failed == []


def test_held_work_starts_only_when_released(qtbot: QtBot, runner: TaskRunner) -> None:
    started: list[int] = []
    done: list[int] = []
    failed: list[BaseException] = []

    def starter(n: int) -> Callable[[TaskControl], int]:
        def work(_control: TaskControl) -> int:
            started.append(n)
            return n

        return work

    runner.hold()
    for number in range(3):
        runner.run(starter(number), done.append, failed.append)
    qtbot.wait(200)
    assert started == []
    assert done == []
    assert runner.active == 3
    runner.release()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert sorted(done) == [0, 1, 2]
    runner.run(lambda _control: 9, done.append, failed.append)  # released: runs at once
    qtbot.waitUntil(lambda: len(done) == 4, timeout=5000)
    assert failed == []


def test_work_held_at_shutdown_never_runs(qtbot: QtBot) -> None:
    runner = TaskRunner(max_workers=1)
    runner.hold()
    started: list[int] = []
    outcomes: list[object] = []
    runner.run(lambda _control: started.append(1), outcomes.append, outcomes.append)
    runner.shutdown()
    qtbot.wait(100)
    assert started == []
    assert outcomes == []
    # work asked for after shutdown (a timer of a window that outlives the app) never runs
    late = runner.run(lambda _control: started.append(2), outcomes.append, outcomes.append)
    qtbot.wait(100)
    assert late.control.cancelled
    assert started == []
    assert outcomes == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads are lowered on Linux")
def test_workers_run_below_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    # The UI thread keeps its priority; each worker runs BACKGROUND_NICENESS lower, so a page
    # being parsed (or a local demo shop answering) does not take the core a frame needs.
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def work(_control: TaskControl) -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    runner.run(work, seen.append, lambda error: pytest.fail(str(error)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [min(19, own + BACKGROUND_NICENESS)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own


def test_work_after_events_starts_after_the_waiting_repaint(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """A page asked for while scrolling starts once the frame that asked is painted."""
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QWidget

    order: list[str] = []

    class Canvas(QWidget):
        def paintEvent(self, _event: QPaintEvent) -> None:
            order.append("paint")

    canvas = Canvas()
    qtbot.addWidget(canvas)
    canvas.resize(200, 100)
    canvas.show()
    qtbot.waitExposed(canvas)
    qtbot.wait(50)
    for after_events in (True, False) * 3:
        order.clear()
        started = threading.Event()

        def work(_control: TaskControl, started: threading.Event = started) -> None:
            order.append("work")
            started.set()

        canvas.update()  # a repaint waits, as after a scroll step
        task = runner.run(work, lambda _value: None, lambda _error: None, after_events=after_events)
        if after_events:
            assert not started.wait(0.2)  # no event handled yet: not started
            expected = ["paint", "work"]
        else:
            assert started.wait(5)  # started at once, before the repaint
            expected = ["work", "paint"]
        qtbot.waitUntil(lambda: not task.running, timeout=5000)  # noqa: B023
        qtbot.waitUntil(lambda: len(order) == 2, timeout=5000)
        assert order == expected


def test_work_after_events_never_starts_after_shutdown(qtbot: QtBot) -> None:
    runner = TaskRunner(max_workers=1)
    started = threading.Event()
    delivered: list[object] = []
    task = runner.run(
        lambda _c: started.set(), delivered.append, delivered.append, after_events=True
    )
    runner.shutdown()  # before the event that would start it
    qtbot.wait(100)
    assert not started.is_set()
    assert task.control.cancelled
    assert delivered == []
