"""A label counting down to a moment (an assist code's expiry), updated every second."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Countdown(QLabel):
    """Shows "Expires in m:ss" and then "Expired"; emits `expired` once when time is up."""

    expired = Signal()

    def __init__(
        self, parent: QWidget | None = None, now: Callable[[], datetime] = _utc_now
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("countdown")
        self._now = now
        self._deadline: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    def start(self, deadline: datetime) -> None:
        self._deadline = deadline
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        self._timer.stop()
        self._deadline = None
        self.clear()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def remaining_seconds(self) -> int:
        if self._deadline is None:
            return 0
        return max(0, int((self._deadline - self._now()).total_seconds() + 0.999))

    def _tick(self) -> None:
        left = self.remaining_seconds()
        if left <= 0:
            self._timer.stop()
            self.setText(self.tr("Expired"))
            self.expired.emit()
            return
        minutes, seconds = divmod(left, 60)
        self.setText(self.tr("Expires in {0}:{1:02d}").format(minutes, seconds))
