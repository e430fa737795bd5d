"""Desktop notifications about privacy requests (state changes, deadlines coming up) and
about security incident notices the shop addressed to the shopper.

`compute_alerts` is the whole decision (pure, unit-tested): given the previous snapshot of
request states and the current list, which requests changed state, and which are within
`deadline_days` working days of their deadline (or past it) and have not been mentioned today.
`Notifier` keeps the snapshot between refreshes and shows the alerts in the system tray, or
through a fallback callback (the status bar) when there is no tray.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ui.icons import icon
from ui.settings import Settings

if TYPE_CHECKING:  # the tracker's rows (and the API models) load with the Requests page
    from client.models.incidents import Incident
    from ui.models.requests import TrackedRequest

Key = tuple[str, str]  # (shop id, request id)
FINAL = frozenset({"completed", "denied", "canceled"})


@dataclass(frozen=True)
class RequestState:
    """What the comparison needs to know about one request."""

    key: Key
    shop_name: str
    type: str
    status: str
    working_days_left: int
    overdue: bool = False
    summary: str | None = None  # the shop's one-sentence wording of the request

    @property
    def final(self) -> bool:
        return self.status in FINAL


@dataclass(frozen=True)
class Alert:
    key: Key
    kind: Literal["status", "deadline", "overdue"]
    state: RequestState
    previous_status: str | None = None


@dataclass(frozen=True)
class AlertResult:
    alerts: list[Alert]
    snapshot: dict[Key, str]  # status per request, for the next comparison
    deadline_notified: dict[Key, date]  # the day each request was last mentioned for its deadline


def compute_alerts(
    previous: Mapping[Key, str] | None,
    current: Sequence[RequestState],
    *,
    today: date,
    deadline_days: int,
    deadline_notified: Mapping[Key, date] | None = None,
) -> AlertResult:
    """Alerts for this refresh.

    - A request whose status differs from `previous` gives a "status" alert. With no previous
      snapshot (the first load) nothing counts as a change; a request not seen before is new,
      not changed.
    - An open request that is overdue, or has at most `deadline_days` working days left, gives a
      "overdue" / "deadline" alert once per calendar day (`deadline_notified` remembers).
    Requests missing from `current` (a shop that could not be reached) keep their old status.
    """
    notified = dict(deadline_notified or {})
    snapshot = dict(previous or {})
    alerts: list[Alert] = []
    for state in current:
        before = previous.get(state.key) if previous is not None else None
        if before is not None and before != state.status:
            alerts.append(Alert(state.key, "status", state, before))
        snapshot[state.key] = state.status
        if state.final:
            notified.pop(state.key, None)
            continue
        late = state.overdue or state.working_days_left < 0
        close = 0 <= state.working_days_left <= max(0, deadline_days)
        if (late or close) and notified.get(state.key) != today:
            alerts.append(Alert(state.key, "overdue" if late else "deadline", state))
            notified[state.key] = today
    return AlertResult(alerts, snapshot, notified)


def state_of(row: TrackedRequest) -> RequestState:
    request = row.request
    return RequestState(
        row.key,
        row.shop_name,
        request.type,
        request.status,
        request.working_days_left,
        request.overdue,
        request.summary,
    )


class Notifier(QObject):
    """Owns the tray icon (when there is a tray) and turns each refresh into notifications."""

    notified = Signal(str, str)  # title, message (also handy for tests)
    incident_notified = Signal(str, str)  # title, message of a security incident notice
    activated = Signal()  # the user clicked a notification or the tray icon

    def __init__(
        self,
        settings: Settings,
        fallback: Callable[[str], None],
        parent: QObject | None = None,
        *,
        today: Callable[[], date] = date.today,
        use_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.fallback = fallback
        self._today = today
        self._snapshot: dict[Key, str] | None = None
        self._notified: dict[Key, date] = {}
        # incident notices already announced: once each, even across sign-outs
        self._incidents_notified: set[Key] = set()
        self.tray: QSystemTrayIcon | None = None
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        if use_tray:
            self.tray = QSystemTrayIcon(icon("requests"), self)
            self.tray.setToolTip(self.tr("Privacy Dashboard"))
            self.tray.messageClicked.connect(self.activated)
            self.tray.activated.connect(lambda _reason: self.activated.emit())
            self.tray.show()

    def reset(self) -> None:
        """Forget the snapshot (e.g. after signing out)."""
        self._snapshot = None
        self._notified.clear()

    def update(self, rows: Iterable[TrackedRequest]) -> list[Alert]:
        """Compare with the last refresh and notify; returns the alerts."""
        result = compute_alerts(
            self._snapshot,
            [state_of(row) for row in rows],
            today=self._today(),
            deadline_days=self.settings.notify_deadline_days,
            deadline_notified=self._notified,
        )
        self._snapshot = result.snapshot
        self._notified = result.deadline_notified
        for alert in result.alerts:
            title, message = self.describe(alert)
            self._show(title, message)
        return result.alerts

    def update_incidents(
        self, shop_id: str, shop_name: str, unread: Sequence[Incident]
    ) -> list[Incident]:
        """Announce each unread incident notice not announced before; returns those."""
        new = [i for i in unread if not i.read and (shop_id, i.id) not in self._incidents_notified]
        for incident in new:
            self._incidents_notified.add((shop_id, incident.id))
            title = self.tr("Security incident at {0}").format(shop_name)
            message = self.tr(
                "{0} — open Security incidents to see what of your data was affected."
            ).format(incident.title)
            self.incident_notified.emit(title, message)
            # Without a tray the Overview's banner is the notice: the status bar keeps
            # saying whose data is shown.
            if self.tray is not None and self.settings.tray_notifications:
                self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 15000)
        return new

    def describe(self, alert: Alert) -> tuple[str, str]:
        from ui.models.requests import request_title, status_label

        state = alert.state
        what = request_title(state.summary, state.type)
        if alert.kind == "status":
            title = self.tr("Request update from {0}").format(state.shop_name)
            message = self.tr("{0}: {1} → {2}").format(
                what, status_label(alert.previous_status or ""), status_label(state.status)
            )
        elif alert.kind == "overdue":
            title = self.tr("Request overdue at {0}").format(state.shop_name)
            late = max(1, -state.working_days_left)
            message = self.tr("{0} is overdue by %n working day(s).", "", late).format(what)
        else:
            title = self.tr("Deadline coming up at {0}").format(state.shop_name)
            message = (
                self.tr("{0} is due today.").format(what)
                if state.working_days_left == 0
                else self.tr(
                    "{0} is due in %n working day(s).", "", state.working_days_left
                ).format(what)
            )
        return title, message

    def _show(self, title: str, message: str) -> None:
        self.notified.emit(title, message)
        if self.tray is not None and self.settings.tray_notifications:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10000)
        else:
            self.fallback(f"{title}: {message}")

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
