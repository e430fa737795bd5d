"""The one way the app does slow work: run a callable off the UI thread, deliver back on it.

`TaskRunner.run(work, on_result, on_error)` calls `work(control)` on a worker thread and later
calls exactly one of `on_result(value)` or `on_error(exception)` on the UI thread — unless the
task was cancelled first, in which case neither is called. `control.report(done, total)` sends
progress to `on_progress`; `control.cancelled` tells long work to stop early.

`hold()` … `release()` keeps submitted work queued until released: the app holds its workers
until the first window has painted, so their imports and network calls do not compete with it
for the interpreter.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

T = TypeVar("T")

# The event that starts work posted with `after_events` (see TaskRunner.run).
_START = QEvent.Type(QEvent.registerEventType())
_LOW_PRIORITY = int(Qt.EventPriority.LowEventPriority.value)


class TaskControl:
    """Handed to the work function: cancellation flag and progress reporting."""

    def __init__(self, emit_progress: Callable[[int, int], None]) -> None:
        self._cancelled = threading.Event()
        self._emit_progress = emit_progress

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def report(self, done: int, total: int) -> None:
        if not self.cancelled:
            self._emit_progress(done, total)


class Task(QObject, Generic[T]):
    """One piece of background work. Lives on the UI thread; its slots run there."""

    _done = Signal(bool, object)  # ok, value-or-exception (emitted from the worker)
    _progress = Signal(int, int)
    finished = Signal()

    def __init__(
        self,
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self.control = TaskControl(self._progress.emit)
        self.running = True
        # Bound-method slots of an object living on the UI thread: Qt queues the calls there.
        self._done.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

    def cancel(self) -> None:
        """Stop caring: the work is asked to stop and neither callback will be called."""
        self.control.cancel()

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: Any) -> None:
        self.running = False
        try:
            if self.control.cancelled:
                return
            if ok:
                self._on_result(value)
            else:
                self._on_error(value)
        finally:
            self.finished.emit()

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and not self.control.cancelled:
            self._on_progress(done, total)


class TaskRunner(QObject):
    """A small pool of worker threads shared by the whole app."""

    def __init__(self, max_workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._max_workers = max_workers
        self._pool_instance: ThreadPoolExecutor | None = None  # started with the first work
        self._live: set[Task[Any]] = set()
        self._held: list[Callable[[], None]] | None = None  # queued bodies while held
        self._after_events: deque[Callable[[], None]] = deque()  # posted to start (run)
        self._shut_down = False

    def run(
        self,
        work: Callable[[TaskControl], T],
        on_result: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        *,
        on_progress: Callable[[int, int], None] | None = None,
        after_events: bool = False,
    ) -> Task[T]:
        """Run `work` on a worker thread; its result or error comes back on the UI thread.

        `after_events`: start it once the events already waiting are handled (the repaint and
        the rest of the scroll that asked for it): a worker woken at once would take turns with
        them for the interpreter lock, and a frame would wait on it.
        """
        task: Task[T] = Task(on_result, on_error, on_progress, self)
        if self._shut_down:
            # The app is closing (a timer of a window that outlives it): the work never starts.
            task.cancel()
            return task
        self._live.add(task)
        task.finished.connect(lambda: self._forget(task))

        def body() -> None:
            try:
                value = work(task.control)
            except BaseException as exc:  # delivered to on_error on the UI thread
                # kept with its traceback for diagnostics (the log's redaction filter applies)
                log.info("background task failed", exc_info=True)
                task._done.emit(False, exc)
            else:
                task._done.emit(True, value)

        if after_events:
            # Posted behind what is already waiting, at a repaint's own (low) priority.
            self._after_events.append(body)
            QCoreApplication.postEvent(self, QEvent(_START), _LOW_PRIORITY)
        else:
            self._start(body)
        return task

    def event(self, event: QEvent) -> bool:
        if event.type() == _START:
            self._start(self._after_events.popleft())
            return True
        return super().event(event)

    def _start(self, body: Callable[[], None]) -> None:
        if self._shut_down:
            return  # closed in between: the work never starts, as above
        if self._held is not None:
            self._held.append(body)
        else:
            self._pool.submit(body)

    def hold(self) -> None:
        """Queue work from now on instead of starting it (see `release`)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the queued work, in order, and run new work at once again."""
        held, self._held = self._held, None
        for body in held or []:
            self._pool.submit(body)

    @property
    def _pool(self) -> ThreadPoolExecutor:
        if self._pool_instance is None:
            if self._shut_down:
                raise RuntimeError("cannot schedule new work after shutdown")
            from concurrent.futures import ThreadPoolExecutor

            from ui.priority import lower_current_thread

            # Workers yield the processor to the UI thread (see ui.priority).
            self._pool_instance = ThreadPoolExecutor(
                max_workers=self._max_workers,
                thread_name_prefix="ui-task",
                initializer=lower_current_thread,
            )
        return self._pool_instance

    def _forget(self, task: Task[Any]) -> None:
        self._live.discard(task)
        task.deleteLater()

    @property
    def active(self) -> int:
        return len(self._live)

    def shutdown(self) -> None:
        self._held = None  # queued work never started: its tasks are cancelled below
        self._shut_down = True
        for task in list(self._live):
            task.cancel()
        if self._pool_instance is not None:
            self._pool_instance.shutdown(wait=True, cancel_futures=True)
