"""No silent truncation: a pasted text past the shop's limit is refused before sending, never
cut; the correction form starts empty and asks before → after; what the shop refuses (422) is
said next to the field in the UI language, never in the validator's English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from client.errors import ApiError
from client.limits import CORRECTION_VALUE
from tests.ui.conftest import ModalAnswer, button, choose_from_menu, click, type_text
from tests.ui.test_page_requests import open_page
from ui.field_errors import field_problems, problem_text
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.models.requests import type_label
from ui.pages.requests_forms import CorrectionForm, NewRequestDialog

PASTED = "0123456789" * 1000  # 10,000 characters, as in the issue


def _api(window: MainWindow) -> ShopApi:
    view = window.session.view()
    assert view is not None
    return view.shop


def _corrections(window: MainWindow) -> list[object]:
    return list(_api(window).list_requests(type="correction").auto_paging_iter())


def _open_correction(qtbot: QtBot, window: MainWindow) -> tuple[NewRequestDialog, CorrectionForm]:
    page = open_page(qtbot, window)
    choose_from_menu(qtbot, button(page, "newRequest"), type_label("correction"))
    dialog = page.dialog
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=20000)
    form = dialog.form
    assert isinstance(form, CorrectionForm)
    return dialog, form


def test_a_pasted_text_is_refused_not_cut(qtbot: QtBot, window: MainWindow) -> None:
    dialog, form = _open_correction(qtbot, window)
    # nothing is chosen at first: a default field once received a text meant for another
    assert form.field_box.currentIndex() == -1
    assert form.field_box.placeholderText()
    assert not form.diff.isVisible()
    form.select_field("phone")
    assert form.diff.isVisible()
    form.proposed.setFocus()
    QApplication.clipboard().setText(PASTED)
    form.proposed.paste()
    assert form.proposed.text() == PASTED  # all of it: nothing is cut
    locale = QLocale()
    assert form.proposed_field.counter.text() == (
        f"{locale.toString(len(PASTED))} / {locale.toString(CORRECTION_VALUE.max_length)}"
    )
    assert form.proposed_field.error.isVisible()
    assert "at most 200" in form.proposed_field.error.text()
    click(qtbot, dialog.submit_button)
    assert dialog.filing is None  # nothing was sent
    assert "too long" in dialog.error.text()
    assert not _corrections(window)
    dialog.reject()


def test_the_correction_asks_before_after_and_going_back_files_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog, form = _open_correction(qtbot, window)
    click(qtbot, dialog.submit_button)  # no field chosen yet
    assert "Choose the field" in dialog.error.text()
    form.select_field("phone")
    phone = form.selected()
    assert phone is not None
    assert phone.value
    type_text(qtbot, form.proposed, "13900001111")
    assert form.diff.before_text == phone.value
    assert form.diff.after_text == "13900001111"
    back = ModalAnswer(qtbot, QMessageBox.StandardButton.No)
    click(qtbot, dialog.submit_button)
    assert back.answered
    assert phone.value in back.texts[0]
    assert "13900001111" in back.texts[0]
    assert dialog.isVisible()
    assert dialog.filing is None
    assert not _corrections(window)
    yes = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        click(qtbot, dialog.submit_button)
    assert yes.answered
    (filed,) = _api(window).list_requests(type="correction").auto_paging_iter()
    assert filed.details == {"field": "phone", "current": phone.value, "proposed": "13900001111"}


def test_a_refusal_by_the_shop_is_shown_next_to_the_field(qtbot: QtBot, window: MainWindow) -> None:
    dialog, form = _open_correction(qtbot, window)
    form.select_field("phone")
    # As if the app's table lagged behind the shop: the shop's own 422 must still be readable.
    form.proposed_field.max_length = 10_000
    type_text(qtbot, form.proposed, "9" * 250)
    yes = ModalAnswer(qtbot, QMessageBox.StandardButton.Yes)
    click(qtbot, dialog.submit_button)
    assert yes.answered
    qtbot.waitUntil(form.proposed_field.error.isVisible, timeout=20000)
    assert form.proposed_field.error.text() == (
        "Too long: the shop accepts at most 200 characters."
    )
    assert "marked above" in dialog.error.text()
    assert "String should" not in dialog.error.text()
    assert form.proposed.text() == "9" * 250  # kept to shorten
    assert not _corrections(window)
    dialog.reject()


def test_field_problems_read_the_loc() -> None:
    error = ApiError(
        status=422,
        body={
            "errors": [
                {
                    "loc": ["body", "details", "proposed"],
                    "msg": "String should have at most 200 characters",
                },
                {"loc": ["body", "fields", "job"], "msg": "Field required"},
                {"loc": ["body", "note"], "msg": "Something unforeseen"},
                "junk",
                {"loc": "not-a-list", "msg": 3},
            ]
        },
    )
    assert field_problems(error) == {
        "proposed": "Too long: the shop accepts at most 200 characters.",
        "job": "This is required.",
        "note": "The shop did not accept this value.",
    }
    assert field_problems(ValueError("no body")) == {}


@pytest.fixture
def chinese(qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_the_shops_reasons_in_chinese(chinese: None) -> None:
    text = problem_text("String should have at most 200 characters")
    assert "200" in text
    assert "String" not in text
    assert "最多" in text
