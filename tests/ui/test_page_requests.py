"""The Requests page against a real shop: every type filed from its form, the tracker, the
detail's actions, the archive download, overdue requests, the outbox, hostile strings."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.models.requests import PrivacyRequest
from server import admin
from server.embedded import RunningShop
from server.models import PrivacyRequest as ServerRequest
from server.processor import RequestProcessor
from tests.ui.conftest import (
    ModalAnswer,
    button,
    choose_from_menu,
    click,
    type_text,
    wait_loaded,
)
from ui.main_window import MainWindow
from ui.models.requests import DUE_COLUMN, OVERDUE_COLOR, TrackedRequest, type_label
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import (
    AccountCancellationForm,
    ComplaintForm,
    ConsentWithdrawalForm,
    CorrectionForm,
    DecisionForm,
    DeletionForm,
    FormInvalid,
    NewRequestDialog,
    QueuedOffline,
)
from ui.widgets.load_state import LoadState

HOSTILE = "<b>x</b><img src=x> مرحبا 😀 投诉 " + "long " * 300


def tracked(
    rid: str, status: str, left: int = 10, overdue: bool = False, rtype: str = "access"
) -> TrackedRequest:
    now = datetime(2026, 3, 2, tzinfo=UTC)
    request = PrivacyRequest.model_validate(
        {
            "id": rid,
            "type": rtype,
            "status": status,
            "details": {},
            "received_at": now,
            "due_at": now + timedelta(days=20),
            "updated_at": now,
            "filed_by": {"role": "subject", "name": "lin.mei"},
            "overdue": overdue,
            "working_days_left": left,
            "timeline": [],
            "result": {"kind": "archive", "available": False},
        }
    )
    return TrackedRequest("shop", "Shop", request)


def open_page(qtbot: QtBot, window: MainWindow) -> RequestsPage:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    page.filter_box.setCurrentIndex(1)  # all requests
    return page


def reload(qtbot: QtBot, page: RequestsPage) -> None:
    qtbot.waitUntil(lambda: page._task is None, timeout=20000)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.refresh(quiet=True)


def file(
    qtbot: QtBot, page: RequestsPage, rtype: str, fill: Callable[[Any], None] | None = None
) -> Any:
    # "New request…" and the menu entry, clicked like a user
    choose_from_menu(qtbot, button(page, "newRequest"), type_label(rtype))
    dialog = page.dialog
    assert isinstance(dialog, NewRequestDialog)
    assert dialog.rtype == rtype
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=20000)
    if fill is not None:
        fill(dialog.form)
    # A correction asks "before → after?" first: answered like a user, with the Yes button.
    answer = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes) if rtype == "correction" else None
    result = submit(qtbot, dialog)
    if answer is not None:
        assert answer.answered
        assert "After:" in answer.texts[0]
    return result


def submit(qtbot: QtBot, dialog: NewRequestDialog) -> Any:
    """Submit and wait; returns the dialog's result (the dialog is gone once accepted)."""
    results: list[Any] = []
    dialog.finished.connect(lambda _code: results.append(dialog.result_value))
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: bool(results) or dialog.error.isVisible(), timeout=60000)
    assert results, dialog.error.text()
    return results[0]


def filed_id(result: Any) -> str:
    return str(result.request.id)


def row_of(page: RequestsPage, rid: str) -> TrackedRequest:
    return next(r for r in page.model.rows if r.request.id == rid)


def verify_with_demo_code(qtbot: QtBot, page: RequestsPage, rid: str) -> None:
    assert page.select((row_of(page, rid).shop_id, rid))
    detail = page.detail
    assert detail.verify_box.isVisibleTo(page)
    assert detail.demo_code_button.isVisibleTo(page)
    detail.demo_code_button.click()
    qtbot.waitUntil(lambda: len(detail.code_edit.text()) == 6, timeout=20000)
    detail.verify_button.click()
    qtbot.waitUntil(lambda: row_of(page, rid).request.status == "pending", timeout=20000)


def process(shop: RunningShop, steps: int = 2) -> None:
    processor = RequestProcessor(shop.ctx)
    for _ in range(steps):
        processor.run_once()


def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1/"


def test_empty_tracker_and_models(qtbot: QtBot, window: MainWindow, qtmodeltester: Any) -> None:
    page = open_page(qtbot, window)
    assert page.model.rowCount() == 0
    assert page.empty_hint.isVisibleTo(page)
    assert "No requests yet" in page.empty_hint.text()
    assert page.detail.placeholder.isVisibleTo(page)
    page.model.set_rows(
        [
            tracked("1", "pending"),
            tracked("2", "completed", left=-3),
            tracked("3", "in_progress", left=-2, overdue=True),
        ]
    )
    for model in (page.model, page.proxy, page.detail.timeline, page.detail.receipts):
        qtmodeltester.check(model)
    page.filter_box.setCurrentIndex(0)
    assert page.proxy.rowCount() == 2


def test_access_request_verify_process_download(
    qtbot: QtBot,
    window: MainWindow,
    shop: RunningShop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(qtbot, window)
    rid = filed_id(file(qtbot, page, "access", lambda f: f.note.setPlainText("for my records")))
    assert row_of(page, rid).request.status == "identity_unverified"
    verify_with_demo_code(qtbot, page, rid)
    process(shop)
    reload(qtbot, page)
    assert row_of(page, rid).request.status == "completed"
    assert page.select(("silumart", rid)) or page.select((row_of(page, rid).shop_id, rid))
    detail = page.detail
    qtbot.waitUntil(lambda: detail.download_box.isVisibleTo(page), timeout=10000)
    target = tmp_path / "archive.zip"
    monkeypatch.setattr(detail, "choose_save_path", lambda _suggested: str(target))
    seen: list[int] = []
    detail.progress.valueChanged.connect(seen.append)
    detail.download_button.click()
    qtbot.waitUntil(lambda: "Checksum verified" in detail.download_message.text(), timeout=60000)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert digest in detail.download_message.text()
    assert digest == row_of(page, rid).request.result.sha256
    assert seen, "progress was reported"


def test_each_type_reaches_its_final_state(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)

    def correction(form: CorrectionForm) -> None:
        assert form.field_box.currentIndex() == -1  # nothing preselected
        assert not form.proposed.isEnabled()
        position = next(i for i, f in enumerate(form.fields) if f.value)
        form.field_box.setCurrentIndex(position)
        assert form.current.isReadOnly()
        assert form.current.text() == form.fields[position].value
        type_text(qtbot, form.proposed, "Corrected 更正")
        assert form.diff.after_text == "Corrected 更正"
        assert form.diff.before_text == form.fields[position].value
        assert form.proposed_field.counter.text() == "12 / 200"

    def deletion(form: DeletionForm) -> None:
        form.check("tracks")
        assert form.ground_box.count() == 7  # "(not given)" + Silumart's five + other
        assert "policy § 5.C" in form.ground_box.itemText(1)
        form.choose_ground("other")
        with pytest.raises(FormInvalid):
            form.payload()
        form.choose_ground("no_consent")

    def explanation(form: DecisionForm) -> None:
        assert form.box.count() > 0

    def withdrawal(form: ConsentWithdrawalForm) -> None:
        assert form.model.rowCount() > 0
        form.model.item(0).setCheckState(Qt.CheckState.Checked)

    def complaint(form: ComplaintForm) -> None:
        form.text.setPlainText("Please explain your cookie banner.")
        assert form.counter.text() == f"34 / {QLocale().toString(5000)}"

    def review(form: DecisionForm) -> None:
        assert form.statement is not None
        form.statement.setPlainText("I disagree.")

    ids = {
        "correction": filed_id(file(qtbot, page, "correction", correction)),
        "deletion": filed_id(file(qtbot, page, "deletion", deletion)),
        "explanation": filed_id(file(qtbot, page, "explanation", explanation)),
        "consent_withdrawal": filed_id(file(qtbot, page, "consent_withdrawal", withdrawal)),
        "complaint": filed_id(file(qtbot, page, "complaint", complaint)),
        "human_review": filed_id(file(qtbot, page, "human_review", review)),
    }
    verify_with_demo_code(qtbot, page, ids["deletion"])
    process(shop)
    admin.answer(shop.ctx, int(ids["complaint"]), "We are sorry; fixed.")
    admin.answer(shop.ctx, int(ids["human_review"]), "A person confirmed the decision.")
    reload(qtbot, page)
    for rtype, rid in ids.items():
        assert row_of(page, rid).request.status == "completed", rtype
        assert row_of(page, rid).request.type == rtype
    detail = page.detail
    page.select((row_of(page, ids["deletion"]).shop_id, ids["deletion"]))
    qtbot.waitUntil(lambda: detail.result is not None, timeout=20000)
    assert "Deleted: " in detail.result_text.text()
    assert row_of(page, ids["deletion"]).request.details["ground"] == "no_consent"
    assert "Browsing history (" in detail.result_text.text()
    assert "tracks" not in detail.result_text.text()
    if detail.result.receipts:
        assert detail.receipts_view.isVisibleTo(page)
        assert detail.receipts.rowCount() == len(detail.result.receipts)
    # Each request reads as a sentence in the list, the detail's title and its details.
    sentences = {
        row.request.id: page.model.index(r, 0).data() for r, row in enumerate(page.model.rows)
    }
    assert sentences[ids["deletion"]] == "Delete your browsing history"
    assert sentences[ids["correction"]].startswith("Correct your ")
    assert sentences[ids["correction"]].endswith(" to “Corrected 更正”")
    assert sentences[ids["explanation"]].startswith("Explain the decision of ")
    assert sentences[ids["human_review"]].startswith("Have a person review the decision of ")
    assert sentences[ids["consent_withdrawal"]].startswith("Withdraw your consent to “")
    assert sentences[ids["complaint"]] == "Complaint: “Please explain your cookie banner.”"
    for sentence in sentences.values():
        assert "_" not in sentence
        assert "decision_id" not in sentence
    page.select((row_of(page, ids["correction"]).shop_id, ids["correction"]))
    assert detail.title.text().startswith(sentences[ids["correction"]])
    shown = detail.details.toPlainText()
    assert "Corrected value: Corrected 更正" in shown
    assert "field:" not in shown
    assert "proposed:" not in shown
    qtbot.waitUntil(lambda: "After:  Corrected 更正" in detail.result_text.text(), timeout=20000)
    first_line = detail.result_text.text().split("\n")[0]
    assert first_line.startswith("Mobile phone corrected on "), first_line
    page.select((row_of(page, ids["explanation"]).shop_id, ids["explanation"]))
    qtbot.waitUntil(lambda: "Model version" in detail.result_text.text(), timeout=20000)
    assert "How to contest" in detail.result_text.text()
    explained = detail.result_text.text()
    assert "human_review" not in explained
    assert not any(f.factor in explained for f in detail.result.main_factors if "_" in f.factor)
    shares = [
        int(line.rsplit("—", 1)[1].strip().rstrip("%"))
        for line in explained.splitlines()
        if line.startswith("  • ")
    ]
    assert shares
    assert sum(shares) == 100
    page.select((row_of(page, ids["complaint"]).shop_id, ids["complaint"]))
    qtbot.waitUntil(lambda: "We are sorry; fixed." in detail.result_text.text(), timeout=20000)


def test_account_cancellation_form_then_cancel(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, monkeypatch: Any
) -> None:
    page = open_page(qtbot, window)
    dialog = page.new_request("account_cancellation")
    assert isinstance(dialog, NewRequestDialog)
    form = dialog.form
    assert isinstance(form, AccountCancellationForm)
    warning = form.findChild(type(form.retention), "warningText")
    assert warning is not None
    assert "cannot be undone" in warning.text()
    assert form.retention.text()
    dialog.submit()
    assert "Tick the box" in dialog.error.text()  # input kept, nothing sent
    assert dialog.filing is None  # no key spent on a form that was not sent
    form.confirm.setChecked(True)
    rid = filed_id(submit(qtbot, dialog))
    page.select((row_of(page, rid).shop_id, rid))
    detail = page.detail
    assert detail.cancel_button.isVisibleTo(page)
    asked: list[str] = []

    def confirm(_title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(detail, "confirm", confirm)
    detail.cancel_button.click()
    qtbot.waitUntil(lambda: row_of(page, rid).request.status == "canceled", timeout=20000)
    assert asked
    with shop.ctx.sessions() as db:
        row = db.get(ServerRequest, int(rid))
        assert row is not None
        assert row.status == "canceled"


def test_overdue_in_red_and_complaint_draft(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)
    rid = filed_id(
        file(qtbot, page, "complaint", lambda f: f.text.setPlainText("Where is my refund?"))
    )
    shop.ctx.clock.offset = timedelta(days=25)  # refresh tokens last 30 days
    reload(qtbot, page)
    source_row = page.model.find((row_of(page, rid).shop_id, rid))
    index = page.model.index(source_row, DUE_COLUMN)
    assert "overdue by" in index.data()
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    page.select((row_of(page, rid).shop_id, rid))
    assert "overdue by" in page.detail.due.text()
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    form = dialog.form
    assert isinstance(form, ComplaintForm)
    assert form.related_box.currentData() == rid
    form.draft_button.click()
    text = form.text.toPlainText()
    assert "overdue by" in text
    assert rid in text
    assert "Dear" in text
    dialog.reject()


def test_offline_outbox_sends_exactly_once(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)
    connection = window.session.current
    assert connection is not None
    real = connection.transport.base_url
    connection.transport.max_retries = 0
    connection.transport.base_url = dead_url()
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=20000)
    form = dialog.form
    assert isinstance(form, ComplaintForm)
    form.text.setPlainText("Sent from the outbox")
    assert isinstance(submit(qtbot, dialog), QueuedOffline)
    assert page.outbox_label.text() == "1 request(s) waiting to be sent"
    assert "outbox" in page.message.text()
    connection.transport.base_url = real
    reload(qtbot, page)
    reload(qtbot, page)
    assert page.outbox_pending == 0
    assert not page.outbox_label.isVisibleTo(page)
    with shop.ctx.sessions() as db:
        texts = [
            r.details
            for r in db.scalars(select(ServerRequest).where(ServerRequest.type == "complaint"))
        ]
    assert sum("Sent from the outbox" in t for t in texts) == 1
    assert any(r.request.type == "complaint" for r in page.model.rows)


def test_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(qtbot, window)
    connection = window.session.current
    assert connection is not None
    real = connection.transport.base_url
    connection.transport.max_retries = 0
    connection.transport.base_url = dead_url()
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.refresh()
    assert page.state is LoadState.ERROR
    connection.transport.base_url = real
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.stack.retry_button.click()
    assert page.state is LoadState.CONTENT


def test_hostile_strings_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_page(qtbot, window)
    text = HOSTILE.strip()[:4900]
    rid = filed_id(file(qtbot, page, "complaint", lambda f: f.text.setPlainText(text)))
    admin.answer(shop.ctx, int(rid), "<b>answer</b><img src=x> 😀")
    reload(qtbot, page)
    page.select((row_of(page, rid).shop_id, rid))
    detail = page.detail
    assert text in detail.details.toPlainText()
    qtbot.waitUntil(
        lambda: "<b>answer</b><img src=x> 😀" in detail.result_text.text(), timeout=20000
    )
    assert detail.result_text.textFormat() is Qt.TextFormat.PlainText


@pytest.mark.parametrize("count", [5001])
def test_complaint_counter_and_limit(qtbot: QtBot, window: MainWindow, count: int) -> None:
    page = open_page(qtbot, window)
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    form = dialog.form
    assert isinstance(form, ComplaintForm)
    form.text.setPlainText("x" * count)
    locale = QLocale()
    assert form.counter.text() == f"{locale.toString(count)} / {locale.toString(5000)}"
    assert form.text_field.error.isVisible()  # said next to the field, before any sending
    click(qtbot, dialog.submit_button)
    assert "too long" in dialog.error.text()
    assert dialog.filing is None  # nothing was sent
    assert form.text.toPlainText() == "x" * count
    dialog.reject()
