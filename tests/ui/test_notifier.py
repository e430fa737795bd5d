"""The notifier's decision (pure) and the object that shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from ui.i18n import TRANSLATIONS_DIR
from ui.notifier import Notifier, RequestState, compute_alerts
from ui.settings import Settings

TODAY = date(2026, 3, 2)


def state(rid: str, status: str, left: int = 10, overdue: bool = False) -> RequestState:
    return RequestState(("shop", rid), "Shop", "access", status, left, overdue)


def test_first_snapshot_reports_no_changes_but_deadlines() -> None:
    result = compute_alerts(
        None, [state("1", "pending"), state("2", "pending", left=2)], today=TODAY, deadline_days=3
    )
    assert [(a.key[1], a.kind) for a in result.alerts] == [("2", "deadline")]
    assert result.snapshot == {("shop", "1"): "pending", ("shop", "2"): "pending"}


def test_status_change_is_reported_once() -> None:
    first = compute_alerts(None, [state("1", "pending")], today=TODAY, deadline_days=3)
    second = compute_alerts(first.snapshot, [state("1", "completed")], today=TODAY, deadline_days=3)
    assert [(a.kind, a.previous_status) for a in second.alerts] == [("status", "pending")]
    third = compute_alerts(second.snapshot, [state("1", "completed")], today=TODAY, deadline_days=3)
    assert third.alerts == []


def test_new_request_is_not_a_change() -> None:
    result = compute_alerts(
        {("shop", "1"): "pending"}, [state("2", "pending")], today=TODAY, deadline_days=3
    )
    assert result.alerts == []


def test_deadline_once_per_day_and_overdue() -> None:
    first = compute_alerts(
        {},
        [state("1", "pending", left=3), state("2", "in_progress", left=-2, overdue=True)],
        today=TODAY,
        deadline_days=3,
    )
    assert sorted(a.kind for a in first.alerts) == ["deadline", "overdue"]
    again = compute_alerts(
        first.snapshot,
        [state("1", "pending", left=3)],
        today=TODAY,
        deadline_days=3,
        deadline_notified=first.deadline_notified,
    )
    assert again.alerts == []
    tomorrow = compute_alerts(
        again.snapshot,
        [state("1", "pending", left=2)],
        today=date(2026, 3, 3),
        deadline_days=3,
        deadline_notified=again.deadline_notified,
    )
    assert [a.kind for a in tomorrow.alerts] == ["deadline"]


def test_outside_window_and_final_requests_are_quiet() -> None:
    result = compute_alerts(
        {},
        [state("1", "pending", left=4), state("2", "completed", left=0)],
        today=TODAY,
        deadline_days=3,
    )
    assert result.alerts == []
    assert (
        compute_alerts({}, [state("1", "pending", left=4)], today=TODAY, deadline_days=5)
        .alerts[0]
        .kind
        == "deadline"
    )


def test_missing_requests_keep_their_status() -> None:
    result = compute_alerts({("shop", "1"): "pending"}, [], today=TODAY, deadline_days=3)
    assert result.snapshot == {("shop", "1"): "pending"}


def test_notifier_falls_back_without_tray(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.ui.test_page_requests import tracked

    messages: list[str] = []
    notifier = Notifier(
        Settings(tmp_path / "s.ini"), messages.append, use_tray=False, today=lambda: TODAY
    )
    assert notifier.tray is None
    notifier.update([tracked("1", "pending", left=10)])
    assert messages == []
    alerts = notifier.update([tracked("1", "in_progress", left=10)])
    assert [a.kind for a in alerts] == ["status"]
    assert len(messages) == 1
    assert "Received → In progress" in messages[0]
    settings = Settings(tmp_path / "s.ini")
    settings.notify_deadline_days = 12
    notifier.settings = settings
    plurals = QTranslator()  # the app's English plural forms, as the app installs them
    assert plurals.load(str(TRANSLATIONS_DIR / "app_en.qm"))
    QCoreApplication.installTranslator(plurals)
    try:
        notifier.update([tracked("1", "in_progress", left=10)])
    finally:
        QCoreApplication.removeTranslator(plurals)
    assert "due in 10 working days" in messages[-1]


def test_a_notification_names_the_request_in_the_shops_words(tmp_path: Path) -> None:
    notifier = Notifier(Settings(tmp_path / "s.ini"), lambda _m: None, use_tray=False)
    worded = RequestState(
        ("shop", "7"),
        "Shop",
        "correction",
        "completed",
        3,
        summary="Correct your mobile number from “13800000021” to “13900000088”",
    )
    alert = compute_alerts(
        {("shop", "7"): "pending"}, [worded], today=TODAY, deadline_days=5
    ).alerts[0]
    _title, message = notifier.describe(alert)
    assert message.startswith("Correct your mobile number from “13800000021” to “13900000088”: ")
    bare = RequestState(("shop", "8"), "Shop", "correction", "completed", 3)
    alert = compute_alerts({("shop", "8"): "pending"}, [bare], today=TODAY, deadline_days=5).alerts[
        0
    ]
    assert notifier.describe(alert)[1].startswith("Correction: ")  # an older shop: its kind
