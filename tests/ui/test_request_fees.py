"""Requests detail: a quoted fee answered with real clicks, and grounds shown in words.

The shop is a real Silumart demo shop: three copies of one's data within 30 days make the
third one `fee_quoted` (its policy, 5.G, allows a cost fee); the shopper accepts it or
withdraws the request by clicking the detail's buttons and answering the confirmation box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server import admin
from server.embedded import RunningShop
from server.processor import RequestProcessor
from tests.ui.conftest import ModalAnswer, click, wait_loaded
from tests.ui.test_archives_ui import export, open_in_window
from tests.ui.test_no_clipping import _clip_problems
from tests.ui.test_requests_flows import _file
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import AccessForm
from ui.widgets.load_state import LoadState


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


def _copy(shop: RunningShop, api: ShopApi) -> str:
    """One access request, verified with the demo code and driven as far as it goes."""
    created = api.create_request("access", {"sections": ["consents"]}).request
    if created.status == "identity_unverified":
        api.verify_request(created.id, api.get_demo_verification_code(created.id).code)
    processor = RequestProcessor(shop.ctx)
    processor.run_once()
    processor.run_once()
    return created.id


def _select(qtbot: QtBot, page: RequestsPage, request_id: str) -> None:
    page.refresh(quiet=True)
    qtbot.waitUntil(lambda: page._task is None, timeout=10000)
    assert page.select((page.view.shop_id if page.view else "", request_id))


def test_accepting_then_withdrawing_a_quoted_fee_by_clicking(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    ids = [_copy(shop, api) for _ in range(3)]
    assert api.get_request(ids[2]).status == "fee_quoted"
    _select(qtbot, page, ids[2])
    detail = page.detail
    qtbot.waitUntil(lambda: detail.fee_box.isVisible(), timeout=5000)
    shown = detail.fee_text.text()
    assert "¥10.00" in shown
    assert "§ 5.G" in shown
    assert "30 days" in shown
    assert "Waiting for your answer" in shown
    assert not detail.cancel_button.isVisible()  # withdrawing is the way to cancel here
    # at the smallest size the app supports, the fee and its buttons fit (the detail scrolls)
    window.resize(1024, 640)
    qtbot.wait(200)
    assert list(_clip_problems(window)) == []

    answer = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes)
    # the buttons are laid out (as a user sees them) before they are clicked
    qtbot.waitUntil(lambda: detail.accept_fee_button.height() > 0, timeout=5000)
    click(qtbot, detail.accept_fee_button)
    qtbot.waitUntil(lambda: answer.answered, timeout=10000)
    qtbot.waitUntil(lambda: api.get_request(ids[2]).status == "pending", timeout=10000)
    qtbot.waitUntil(lambda: "You accepted" in detail.fee_text.text(), timeout=10000)
    assert not detail.fee_buttons.isVisible()
    assert "10.00" in answer.texts[0]
    RequestProcessor(shop.ctx).run_once()
    RequestProcessor(shop.ctx).run_once()
    timeline = api.get_request(ids[2]).timeline
    assert [e.status for e in timeline][-4:] == [
        "fee_quoted",
        "pending",
        "in_progress",
        "completed",
    ]

    # a fourth copy is quoted again; this time the shopper withdraws it
    fourth = _copy(shop, api)
    assert api.get_request(fourth).status == "fee_quoted"
    _select(qtbot, page, fourth)
    qtbot.waitUntil(lambda: detail.withdraw_fee_button.height() > 0, timeout=5000)
    # "No" in the confirmation leaves it as it was
    refused = ModalAnswer(qtbot, QMessageBox.StandardButton.No)
    click(qtbot, detail.withdraw_fee_button)
    qtbot.waitUntil(lambda: refused.answered, timeout=10000)
    assert api.get_request(fourth).status == "fee_quoted"
    answer = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes)
    click(qtbot, detail.withdraw_fee_button)
    qtbot.waitUntil(lambda: api.get_request(fourth).status == "canceled", timeout=10000)
    qtbot.waitUntil(lambda: "withdrew" in detail.fee_text.text(), timeout=10000)
    rows = [detail.timeline.row_at(r) for r in range(detail.timeline.rowCount())]
    assert rows[-1].status == "canceled"


def test_refusal_and_deletion_grounds_are_shown_in_words(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    page.filter_box.setCurrentIndex(1)  # all requests: the refused one is final
    api = _api(window)
    complaint = api.create_request("complaint", {"text": "Rebuild your search for me."}).request
    admin.deny_request(
        shop.ctx, int(complaint.id), "excessive_technical_means", "It would need a new system."
    )
    _select(qtbot, page, complaint.id)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.denial_box.isVisible(), timeout=5000)
    assert detail.denial_reason.text() == (
        "Needs excessive technical means (new systems, changed practice) (policy § 5.G)"
    )
    assert detail.denial_text.text() == "It would need a new system."

    deletion = api.create_request(
        "deletion", {"categories": ["tracks"], "ground": "no_consent"}
    ).request
    _select(qtbot, page, deletion.id)
    qtbot.waitUntil(lambda: "Ground for deletion:" in detail.details.toPlainText(), timeout=5000)
    text = detail.details.toPlainText()
    assert "Collected or used without your explicit consent (policy § 5.C)" in text
    assert "no_consent" not in text


def test_verifying_by_a_document_from_the_file_chooser(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, tmp_path: Path
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    # filed through the guided form: the new request is selected, its detail asks for proof
    request_id = _file(qtbot, page, "access", AccessForm, lambda _form: None)
    created = api.get_request(request_id)
    assert created.status == "identity_unverified"
    detail = page.detail
    assert detail.row is not None
    assert detail.row.request.id == request_id
    assert "or with a document" in page.message.text()
    # Silumart's policy (5.G) names a written request and other proof: both are offered
    qtbot.waitUntil(lambda: detail.document_box.isVisible(), timeout=10000)
    kinds = [detail.document_kind.itemData(i) for i in range(detail.document_kind.count())]
    assert kinds == ["written_request", "other_proof"]
    qtbot.waitUntil(lambda: detail.document_button.height() > 0, timeout=5000)

    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-" + b"0" * (2 * 1024 * 1024))
    detail.choose_document_path = lambda: str(big)  # type: ignore[method-assign]
    click(qtbot, detail.document_button)
    qtbot.waitUntil(lambda: "2 MiB" in detail.action_message.text(), timeout=10000)
    assert api.get_request(created.id).identity_documents == []

    signed = tmp_path / "signed request.pdf"
    signed.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    detail.choose_document_path = lambda: str(signed)  # type: ignore[method-assign]
    click(qtbot, detail.document_button)
    qtbot.waitUntil(
        lambda: "Sent: signed request.pdf" in detail.action_message.text(), timeout=10000
    )
    (document,) = api.get_request(created.id).identity_documents
    assert (document.kind, document.review) == ("written_request", "pending")
    assert "waiting for the shop's review" in detail.documents_text.text()

    admin.review_document(shop.ctx, int(document.id), accept=True)
    _select(qtbot, page, created.id)
    qtbot.waitUntil(lambda: "accepted by the shop" in detail.documents_text.text(), timeout=10000)
    assert not detail.document_box.isVisible()  # verified: nothing more to send
    assert detail.status.text() == "Received"


def test_the_offline_viewer_shows_the_fee_the_ground_and_the_rights_card(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, tmp_path: Path
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    ids = [_copy(shop, api) for _ in range(3)]
    api.answer_fee(ids[2], True)
    complaint = api.create_request("complaint", {"text": "Rebuild your search."}).request
    admin.deny_request(shop.ctx, int(complaint.id), "impractical", "Not practicable.")

    path = tmp_path / "mine.zip"
    export(qtbot, window, path)  # every section, as a shopper would
    open_in_window(qtbot, window, path)
    view = window.session.view()
    assert view is not None
    assert view.archive is not None

    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    card = overview.rights.body.text()
    assert "Highly impractical (policy § 5.G" in card
    assert "repeated requests beyond a reasonable limit" in card

    page = _page(qtbot, window)
    page.filter_box.setCurrentIndex(1)  # all requests
    _select(qtbot, page, ids[2])
    detail = page.detail
    qtbot.waitUntil(lambda: detail.fee_box.isVisible(), timeout=5000)
    assert "You accepted it" in detail.fee_text.text()
    assert not detail.fee_buttons.isVisible()
    _select(qtbot, page, complaint.id)
    qtbot.waitUntil(lambda: detail.denial_box.isVisible(), timeout=5000)
    assert detail.denial_reason.text() == "Highly impractical (policy § 5.G)"


def test_a_fee_an_officer_quoted_is_shown_and_accepted_by_clicking(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    """The officer's own quote (`admin quote-fee`) reaches the shopper as the automatic one
    does: amount, clause and the officer's reason in the detail, answered with its buttons."""
    page = _page(qtbot, window)
    api = _api(window)
    created = api.create_request("deletion", {"categories": ["tracks"], "ground": "no_consent"})
    request_id = created.request.id
    if created.request.status == "identity_unverified":
        api.verify_request(request_id, api.get_demo_verification_code(request_id).code)
    reason = "Your fifth request this month to delete the same data goes beyond reason."
    admin.quote_fee_for(
        shop.ctx, int(request_id), "25", "CNY", reason, "本月第五次申请删除同一数据，超出合理范围。"
    )
    _select(qtbot, page, request_id)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.fee_box.isVisible(), timeout=5000)
    shown = detail.fee_text.text()
    assert "¥25.00" in shown
    assert "§ 5.G" in shown
    assert reason in shown
    assert "Waiting for your answer" in shown
    answer = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: detail.accept_fee_button.height() > 0, timeout=5000)
    click(qtbot, detail.accept_fee_button)
    qtbot.waitUntil(lambda: answer.answered, timeout=10000)
    assert "25.00" in answer.texts[0]
    qtbot.waitUntil(lambda: api.get_request(request_id).status == "pending", timeout=10000)
    qtbot.waitUntil(lambda: "You accepted" in detail.fee_text.text(), timeout=10000)
    assert not detail.fee_buttons.isVisible()
    rows = [detail.timeline.row_at(r) for r in range(detail.timeline.rowCount())]
    assert [row.status for row in rows][-2:] == ["fee_quoted", "pending"]
