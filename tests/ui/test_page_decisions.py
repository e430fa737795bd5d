"""The automated-decisions page against a real shop: list, detail, filing requests, explanation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select, update

from client.api import ShopApi
from server.embedded import RunningShop
from server.models import Decision, User
from server.processor import RequestProcessor
from tests.ui.conftest import refresh_offline, retry_offline, wait_loaded
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.models.decisions import percent_shares
from ui.pages.decisions import DecisionsPage
from ui.widgets.load_state import LoadState

HOSTILE = "<b>x</b><img src=x> مرحبا 😀 风控" + " long" * 300


def _page(qtbot: QtBot, window: MainWindow) -> DecisionsPage:
    page = window.pages["decisions"]
    assert isinstance(page, DecisionsPage)
    window.select_page("decisions")
    wait_loaded(qtbot, page)
    return page


def _api(window: MainWindow) -> ShopApi:
    view = window.session.view()
    assert view is not None
    return view.shop


def _user_id(shop: RunningShop, username: str = "lin.mei") -> int:
    with shop.ctx.sessions() as db:
        return int(db.scalars(select(User.id).where(User.username == username)).one())


def _wait_detail(qtbot: QtBot, page: DecisionsPage) -> None:
    qtbot.waitUntil(lambda: page._detail_task is None and page.current is not None, timeout=15000)


def _select(qtbot: QtBot, page: DecisionsPage, decision_id: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(RAW_ROLE).id == decision_id:
            page.table.selectRow(row)
            break
    qtbot.waitUntil(
        lambda: (
            page.current is not None
            and page.current.detail.id == decision_id
            and page._detail_task is None
        ),
        timeout=15000,
    )


def test_decisions_match_the_api_and_models_pass_the_tester(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    page = _page(qtbot, window)
    assert page.state is LoadState.CONTENT
    api = _api(window)
    expected = {d.id: d for d in api.list_decisions().auto_paging_iter()}
    shown = {page.model.row_at(r).id for r in range(page.model.rowCount())}
    assert shown == set(expected)
    assert len(shown) >= 4
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    # newest first; kinds are words, not codes
    first = page.proxy.index(0, 0).data(RAW_ROLE)
    assert first.at == max(d.at for d in expected.values())
    kinds = {page.proxy.index(r, 2).data() for r in range(page.proxy.rowCount())}
    assert "Blocked transaction" in kinds
    assert "transaction_block" not in kinds
    # the detail panel shows the full record
    blocked = next(d for d in expected.values() if d.kind == "transaction_block")
    _select(qtbot, page, blocked.id)
    detail = api.get_decision(blocked.id)
    assert detail.model_version in page.model_label.text()
    # the data it used in words, each a link to the page that shows it
    shown_inputs = [b.text() for b in page.input_buttons]
    assert len(page.input_buttons) == len(detail.inputs)
    assert "• Your orders" in shown_inputs
    assert "• Your payments" in shown_inputs
    assert not any("_" in text or text.strip("• ") in detail.inputs for text in shown_inputs)
    assert page.factor_model.rowCount() == len(detail.factors)
    qtmodeltester.check(page.factor_model)
    assert detail.order_id is not None
    order = api.get_order(detail.order_id)
    assert order.number in page.order_label.text()
    assert page.explain_button.isVisible()
    assert page.review_button.isVisible()


def test_filing_an_explanation_then_seeing_it(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    decision = page.proxy.index(0, 0).data(RAW_ROLE)
    _select(qtbot, page, decision.id)
    assert not page.explanation_box.isVisible()
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.filed_label.isVisible(), timeout=15000)
    assert "filed" in page.filed_label.text()
    assert page.open_requests_button.isVisible()
    assert not page.explain_button.isEnabled()  # one open explanation request at a time
    assert not page._keys  # the key is dropped once the shop answered
    filed = [
        r
        for r in api.list_requests(type="explanation").auto_paging_iter()
        if r.details.get("decision_id") == decision.id
    ]
    assert len(filed) == 1
    assert "Explanation requested" in page.request_status.text()

    processor = RequestProcessor(shop.ctx)
    for _ in range(4):
        processor.run_once()
    assert api.get_request(filed[0].id).status == "completed"
    page.refresh()
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    _select(qtbot, page, decision.id)
    qtbot.waitUntil(lambda: page.explanation_box.isVisible(), timeout=15000)
    detail = api.get_decision(decision.id)
    assert detail.model_version in page.explanation_model.text()
    assert "How much each factor weighed" in page.explanation_factors.text()
    top = max(detail.factors, key=lambda f: abs(f.weight))
    assert top.label  # the shop's words for the factor, shown instead of its code
    assert top.label in page.explanation_factors.text()
    assert "_" not in page.explanation_factors.text()
    shares = [
        int(line.rsplit("—", 1)[1].strip().rstrip("%"))
        for line in page.explanation_factors.text().splitlines()[1:]
    ]
    assert sum(shares) == 100
    assert "How to contest" in page.explanation_contest.text()
    assert "human_review" not in page.explanation_contest.text()
    assert "Your" in page.explanation_inputs.text()
    assert "completed" in page.request_status.text()

    page.open_requests_button.show()
    with qtbot.waitSignal(page.navigate) as blocker:
        qtbot.mouseClick(page.open_requests_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["requests"]


def test_filing_a_human_review_with_a_statement(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    decision = page.proxy.index(1, 0).data(RAW_ROLE)
    _select(qtbot, page, decision.id)
    page.statement.setPlainText("I was travelling for work. <b>not bold</b>")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.filed_label.isVisible(), timeout=15000)
    filed = [
        r
        for r in api.list_requests(type="human_review").auto_paging_iter()
        if r.details.get("decision_id") == decision.id
    ]
    assert len(filed) == 1
    assert filed[0].details["statement"] == "I was travelling for work. <b>not bold</b>"
    assert not page.review_button.isEnabled()
    assert page.statement.toPlainText() == ""


def test_a_refused_request_says_why(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = _page(qtbot, window)
    decision = page.proxy.index(0, 0).data(RAW_ROLE)
    _select(qtbot, page, decision.id)
    with shop.ctx.sessions() as db:  # the decision disappears behind the page's back
        db.execute(delete(Decision).where(Decision.id == int(decision.id)))
        db.commit()
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.filed_label.isVisible(), timeout=15000)
    assert "not filed" in page.filed_label.text()
    assert page.explain_button.isEnabled()
    assert not page._keys  # the shop answered: the next click is a new request


def test_empty_error_and_retry(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = _page(qtbot, window)
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    view.shop.transport.base_url = real_base
    with shop.ctx.sessions() as db:
        db.execute(delete(Decision).where(Decision.user_id == _user_id(shop)))
        db.commit()
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.EMPTY
    assert "No automated decision" in page.stack.empty_text


def test_hostile_strings_are_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    with shop.ctx.sessions() as db:
        db.execute(
            update(Decision)
            .where(Decision.user_id == _user_id(shop))
            .values(outcome=HOSTILE, system="<i>系统</i>", kind="<u>odd_kind</u>")
        )
        db.commit()
    page = _page(qtbot, window)
    assert page.state is LoadState.CONTENT
    assert page.proxy.index(0, 3).data() == HOSTILE
    assert page.proxy.index(0, 2).data() == "<u>odd_kind</u>"
    _wait_detail(qtbot, page)
    assert page.outcome_label.text() == HOSTILE
    assert page.outcome_label.textFormat() is Qt.TextFormat.PlainText
    assert page.system_label.text() == "<i>系统</i>"
    assert page.system_label.textFormat() is Qt.TextFormat.PlainText


def test_percent_shares_sum_to_exactly_100() -> None:
    # Rounded one by one these read 34 % + 34 % + 34 % = 102 % or 33+33+33 = 99 %.
    assert percent_shares([1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33]
    assert sum(percent_shares([0.335, 0.335, 0.33])) == 100
    assert percent_shares([0.5, 0.5]) == [50, 50]
    assert percent_shares([2.0, -2.0]) == [50, 50]  # a weight against counts by its size
    assert percent_shares([0.0, 0.0]) == [0, 0]
    assert percent_shares([]) == []
    assert sum(percent_shares([float("nan"), 0.2, float("inf"), 0.7])) == 100
    for weights in ([0.41, 0.33, 0.26], [0.36, 0.36, 0.28], [0.01, 0.01, 0.98], [0.1] * 7):
        assert sum(percent_shares(weights)) == 100


def test_every_decision_weighs_its_factors_to_100_percent_in_words(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    with shop.ctx.sessions() as db:  # a record whose stored weights add up to 101 %
        row = db.scalars(select(Decision).where(Decision.user_id == _user_id(shop))).first()
        assert row is not None
        row.factors = (
            '[{"factor": "new_device", "weight": 0.335}, {"factor": "login_city_change", '
            '"weight": 0.335}, {"factor": "night_time_login", "weight": 0.335}]'
        )
        db.commit()
    page.refresh()
    wait_loaded(qtbot, page)
    for row_number in range(page.proxy.rowCount()):
        decision = page.proxy.index(row_number, 0).data(RAW_ROLE)
        _select(qtbot, page, decision.id)
        model = page.factor_model
        percents = [model.index(r, 1).data() for r in range(model.rowCount())]
        assert sum(int(p.rstrip("%")) for p in percents) == 100, percents
        names = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert all("_" not in name for name in names), names


def test_clicking_the_data_it_used_opens_the_page_showing_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    blocked = next(
        d for d in api.list_decisions().auto_paging_iter() if d.kind == "transaction_block"
    )
    _select(qtbot, page, blocked.id)
    button = next(b for b in page.input_buttons if b.text() == "• Your orders")
    with qtbot.waitSignal(window.pages["decisions"].navigate) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["orders"]
    qtbot.waitUntil(lambda: window.current_page().page_id == "orders", timeout=5000)


def test_the_decision_panel_speaks_chinese(qtbot: QtBot, window: MainWindow) -> None:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        page = _page(qtbot, window)
        api = _api(window)
        blocked = next(
            d for d in api.list_decisions().auto_paging_iter() if d.kind == "transaction_block"
        )
        _select(qtbot, page, blocked.id)
        texts = [b.text() for b in page.input_buttons]
        assert "• 您的订单" in texts
        assert "• 您的支付记录" in texts
        names = [page.factor_model.index(r, 0).data() for r in range(page.factor_model.rowCount())]
        assert names  # the shop's labels, in the language the app asked for
        assert all("_" not in n for n in names), names
    finally:
        app.removeTranslator(translator)
