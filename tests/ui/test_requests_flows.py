"""The Requests page: every request type filed through its guided form reaches a final state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server import admin
from server.embedded import RunningShop
from server.processor import RequestProcessor
from tests.ui.conftest import ModalAnswer, click, wait_loaded
from ui.main_window import MainWindow
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import (
    AccessForm,
    AccountCancellationForm,
    ComplaintForm,
    ConsentWithdrawalForm,
    CorrectionForm,
    DecisionForm,
    DeletionForm,
    NewRequestDialog,
    RequestForm,
)
from ui.widgets.load_state import LoadState

FINAL = {"completed", "denied", "canceled"}
F = TypeVar("F", bound=RequestForm)


def _page(qtbot: QtBot, window: MainWindow) -> RequestsPage:
    window.select_page("requests")
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def _api(window: MainWindow) -> ShopApi:
    view = window.session.view()
    assert view is not None
    return view.shop


def _file(
    qtbot: QtBot,
    page: RequestsPage,
    rtype: str,
    form_type: type[F],
    fill: Callable[[F], object],
) -> str:
    """Open the guided form (a `form_type`), fill it, submit; returns the new request's id."""
    dialog = page.new_request(rtype)
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=10000)
    form = dialog.form
    assert isinstance(form, form_type)
    fill(form)
    assert dialog.idempotency_key is None  # made when the button is pressed, not before
    # A correction asks before → after first: answered with the box's own Yes button.
    answer = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes) if rtype == "correction" else None
    click(qtbot, dialog.submit_button)
    assert answer is None or answer.answered
    key = dialog.idempotency_key
    assert key
    qtbot.waitUntil(
        lambda: dialog.result_value is not None or dialog.error.isVisible(), timeout=10000
    )
    assert dialog.result_value is not None, dialog.error.text()
    created = dialog.result_value
    assert created.idempotency_key == key
    return str(created.request.id)


def _verify_in_the_ui(qtbot: QtBot, page: RequestsPage, request_id: str) -> None:
    page.refresh(quiet=True)
    qtbot.waitUntil(lambda: page._task is None, timeout=10000)
    key = (page.view.shop_id if page.view else "", request_id)
    assert page.select(key)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.demo_code_button.isVisible(), timeout=5000)
    qtbot.mouseClick(detail.demo_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(detail.code_edit.text()) == 6, timeout=10000)
    qtbot.mouseClick(detail.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "verified" in detail.action_message.text(), timeout=10000)


def _drive(shop: RunningShop, times: int = 4) -> None:
    processor = RequestProcessor(shop.ctx)
    for _ in range(times):
        processor.run_once()


def test_every_request_type_from_its_form_to_a_final_state(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    decision = next(iter(api.list_decisions().auto_paging_iter()))
    optional = next(c for c in api.list_consents() if c.granted and not c.required)
    filed: dict[str, str] = {}

    filed["access"] = _file(qtbot, page, "access", AccessForm, lambda f: None)

    def correct_job(form: CorrectionForm) -> None:
        form.select_field("job")
        form.proposed.setText("产品经理 <b>PM</b>")

    filed["correction"] = _file(qtbot, page, "correction", CorrectionForm, correct_job)
    filed["deletion"] = _file(qtbot, page, "deletion", DeletionForm, lambda f: f.check("tags"))
    filed["explanation"] = _file(
        qtbot, page, "explanation", DecisionForm, lambda f: f.select_decision(decision.id)
    )
    filed["human_review"] = _file(
        qtbot, page, "human_review", DecisionForm, lambda f: f.select_decision(decision.id)
    )
    filed["consent_withdrawal"] = _file(
        qtbot,
        page,
        "consent_withdrawal",
        ConsentWithdrawalForm,
        lambda f: f.check(optional.purpose),
    )
    filed["complaint"] = _file(
        qtbot,
        page,
        "complaint",
        ComplaintForm,
        lambda f: f.text.setPlainText("Nobody answered my e-mails. <b>x</b><img src=x> مرحبا 😀"),
    )

    for rtype in ("access", "deletion"):  # this shop asks for identity verification first
        _verify_in_the_ui(qtbot, page, filed[rtype])
    _drive(shop)
    admin.answer(shop.ctx, int(filed["human_review"]), "A person looked again: it stands.")
    admin.answer(shop.ctx, int(filed["complaint"]), "Sorry; we have replied now.")
    _drive(shop)

    statuses = {rtype: api.get_request(rid).status for rtype, rid in filed.items()}
    assert statuses == dict.fromkeys(filed, "completed"), statuses
    page.refresh(quiet=True)
    qtbot.waitUntil(lambda: page._task is None, timeout=10000)
    page.filter_box.setCurrentIndex(1)  # all requests, not only open ones
    shown = {row.request.id: row.request.status for row in page.model.rows}
    assert {shown[rid] for rid in filed.values()} == {"completed"}
    assert not any(c.purpose == optional.purpose and c.granted for c in api.list_consents())
    assert api.list_tags().items == []

    # the complaint's text is shown literally in the detail
    assert page.select((page.view.shop_id if page.view else "", filed["complaint"]))
    assert "<b>x</b><img src=x> مرحبا 😀" in page.detail.details.toPlainText()


def test_account_cancellation_from_its_form(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    dialog = page.new_request("account_cancellation")
    assert isinstance(dialog, NewRequestDialog)
    dialog.submit()
    assert "Tick the box" in dialog.error.text()  # nothing is sent unconfirmed
    cancellation = dialog.form
    assert isinstance(cancellation, AccountCancellationForm)
    cancellation.confirm.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10000)
    request_id = str(dialog.result_value.request.id)
    _verify_in_the_ui(qtbot, page, request_id)
    _drive(shop)
    with shop.ctx.sessions() as db:
        from server.models import PrivacyRequest, User

        request = db.get(PrivacyRequest, int(request_id))
        assert request is not None
        assert request.status == "completed"
        user = db.get(User, request.user_id)
        assert user is not None
        assert user.closed_at is not None
    del api


def test_a_cancelled_request_and_the_tracker_models(
    qtbot: QtBot, qtmodeltester, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    request_id = _file(
        qtbot,
        page,
        "complaint",
        ComplaintForm,
        lambda f: f.text.setPlainText("Please call me back."),
    )
    page.refresh(quiet=True)
    qtbot.waitUntil(lambda: page._task is None and page.model.rowCount() == 1, timeout=10000)
    assert page.select((page.view.shop_id if page.view else "", request_id))
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.detail.confirm = lambda *_args: True  # type: ignore[method-assign]
    page.detail.cancel_request()
    qtbot.waitUntil(
        lambda: _api(window).get_request(request_id).status == "canceled", timeout=10000
    )


def test_a_request_filed_offline_waits_in_the_outbox_and_is_sent_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    connection = window.session.current
    assert connection is not None
    transport = connection.transport
    real_base, real_retries = transport.base_url, transport.max_retries
    transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens there: "offline"
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    complaint = dialog.form
    assert isinstance(complaint, ComplaintForm)
    complaint.text.setPlainText("Filed while offline.")
    dialog.submit()
    qtbot.waitUntil(
        lambda: dialog.result_value is not None or dialog.error.isVisible(), timeout=20000
    )
    assert dialog.result_value is not None, dialog.error.text()
    assert type(dialog.result_value).__name__ == "QueuedOffline"
    qtbot.waitUntil(lambda: page.outbox_label.isVisible(), timeout=20000)
    assert "1" in page.outbox_label.text()

    transport.base_url, transport.max_retries = real_base, real_retries
    page.refresh(quiet=True)
    qtbot.waitUntil(lambda: not page.outbox_label.isVisible(), timeout=20000)
    page.refresh(quiet=True)  # a second flush must not send it again
    qtbot.waitUntil(lambda: page._task is None, timeout=20000)
    complaints = [r for r in api.list_requests().auto_paging_iter() if r.type == "complaint"]
    assert len(complaints) == 1
    assert complaints[0].details["text"] == "Filed while offline."


def test_an_unreachable_shop_is_reported_and_the_tracker_recovers(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    connection = window.session.current
    assert connection is not None
    transport = connection.transport
    real_base = transport.base_url
    transport.base_url = "http://127.0.0.1:9/v1/"
    transport.max_retries = 0
    transport.timeout = (2.0, 5.0)
    page.refresh()
    qtbot.waitUntil(
        lambda: (
            page._task is None and (page.shop_errors.isVisible() or page.state is LoadState.ERROR)
        ),
        timeout=20000,
    )
    shown = page.shop_errors.text() if page.shop_errors.isVisible() else page.stack.error_text
    assert "cannot be reached" in shown
    transport.base_url = real_base
    page.refresh()
    qtbot.waitUntil(
        lambda: (
            page._task is None
            and page.state is LoadState.CONTENT
            and not page.shop_errors.isVisible()
        ),
        timeout=20000,
    )


def test_the_rights_card_is_shown_before_filing(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    dialog = page.new_request("access")
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: "Answer deadline" in dialog.rights.body.text(), timeout=10000)
    text = dialog.rights.body.text()
    assert "15 working days (policy § 5.G" in text
    assert "Fees: Free in principle" in text
    assert dialog.rights.body.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert dialog.result_value is None
