"""No internal names on screen: every page, tab and dialog reachable without writing to the shop.

Signed out, then signed in to a real demo shop, in English and in Simplified Chinese, the test
opens every page and every tab, then every dialog a shopper can open without sending anything
(Add a shop, Export / Verify / Compare / Convert archive, About, the My data Edit and Request
correction dialogs, each kind of New request form, the Orders removal question, which it
cancels). It reads what is on screen there: labels, buttons, tabs, window titles, table
headers and the cells of visible columns (with their tooltips), lists, combo boxes and
read-only text boxes. It fails on:

- API paths (`/v1/...`), the shop's web pages as paths (`/item/123`, `/search?q=…`),
  snake_case keys, raw ids (`item-123`, `decision_id`);
- the shop's keys for its categories and purposes shown instead of their titles
  (`account, orders`);
- `key: value` dumps (`language: zh-CN, notifications: True`, `categories: locations`);
- ISO durations (`P3Y`) and timestamps (`2026-12-01T…`, `06:54:12.123456`);
- ASCII brackets around Chinese words (`个性化推荐 (已同意)`) in the Chinese UI;
- English in the Chinese UI: one of the app's own English strings shown untranslated, or a run
  of three or more English words that is not in what the shop serves in Chinese (products as
  listed, searches the shopper typed in English, browser names are shown as they are).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from client.models.consents import Cookie
from client.models.requests import REQUEST_TYPES
from server.embedded import RunningShop
from tests.server.test_language import ZH, _read, _urls
from tests.support.oauth_login import Api
from tests.support.oauth_login import sign_in as api_sign_in
from tests.ui.conftest import sign_in, wait_loaded
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.base import DataPage
from ui.pages.my_data import MyDataPage
from ui.pages.orders import OrdersPage
from ui.pages.requests import RequestsPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

ROOT = Path(__file__).resolve().parents[2]

API_PATH = re.compile(r"(?<![\w.])/(?:v1|api/v\d)/")
# a page of the shop's web site as its server logged it ("/item/4303014013", "/search?q=…",
# "/cart"), or its home page as a bare "/"; not "km/h", "TCP/IP", a date, a web address, an
# HTML tag, or a file on this computer (About names the settings file: that is its job)
SITE_PATH = re.compile(
    r"(?<![\w.:/<])/(?!(?:tmp|home|usr|etc|var|opt|root|Users|private|mnt|run|srv)/)"
    r"[a-z][a-z0-9-]*(?:/[\w.-]+)*(?:\?\S*)?(?![\w/])|^/$"
)
# snake_case: lower-case words joined by "_" (not inside an e-mail address or a web address;
# "x86_64" is the name of a processor, in About)
SNAKE = re.compile(r"(?<![\w@./=-])(?!x86_64\b)[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@]|\.[a-z])")
RAW_ID = re.compile(r"\b(?:item|order|dec|req|rcpt|receipt)-\d{3,}\b|\b[a-z]+_id\b")
# `key: value` as code prints it: a snake_case key ("decision_id: 3"), a raw value
# ("notifications: True"), or two lower-case `key: value` pairs in a row ("categories:
# locations, purposes: ads"); sentences such as "Answer deadline: 15 working days" pass
DUMP = re.compile(
    r"(?<![\w/])[a-z]+_[a-z_]+: \S"
    r"|(?<![\w/])[a-z][a-z_]*: (?:True|False|None)\b"
    r"|(?<![\w/])[a-z][a-z_]*: [^\s,;]+[,;] [a-z][a-z_]*: \S"
)
ISO_DURATION = re.compile(r"\bP(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?\b|\bPT(?:\d+[HMS])+\b")
TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b\d{2}:\d{2}:\d{2}\.\d+")
# ASCII brackets around Chinese words ("个性化推荐 (已同意)"): Chinese takes "（…）"
ASCII_BRACKETS_IN_CHINESE = re.compile(r"[\u4e00-\u9fff]\s*\([\u4e00-\u9fff][^()]*\)")
THREE_ENGLISH_WORDS = re.compile(r"[A-Za-z][a-z'’-]+(?:[ ,]+[A-Za-z][a-z'’-]+){2,}")


# What engineer h12t's part of issue 12 (item 2) changes: the access-log and requests wording,
# products by name, receipt ids as short references, "P3Y" on the cancellation form.
# (page id, kind of problem): tolerated on that page only, not required, so merging h12t's
# branch leaves this test green; then these entries should go.
def _technical_by_nature(model: QAbstractItemModel, index: QModelIndex) -> bool:
    """A cookie's name (e.g. `slm_sid`) is what the shopper finds in the browser's own cookie
    list: shown as it is, it is the thing itself, not an internal name."""
    if not isinstance(index.data(RAW_ROLE), Cookie):
        return False
    source = getattr(model, "sourceModel", lambda: None)() or model
    columns = getattr(source, "columns", [])
    return index.column() < len(columns) and columns[index.column()].title == "Name"


class EnglishUi:
    """The app's own English strings (the translation file's sources that have a Chinese
    translation): a text of two words or more found anywhere in a shown text (its `{0}` and
    `%n` standing for anything), a one-word text only when it is the whole shown text."""

    def __init__(self) -> None:
        tree = ET.parse(ROOT / "resources" / "translations" / "app_zh_CN.ts")  # noqa: S314 (ours)
        phrases: list[str] = []
        self.words: set[str] = set()
        for message in tree.iter("message"):
            source = re.sub(r"\s+", " ", (message.findtext("source") or "").replace("&&", "&"))
            source = source.strip()
            translation = (message.findtext("translation") or "").strip()
            if not translation or translation == source:
                continue
            words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\d+\}|%n|&", " ", source))
            if len(words) >= 2:
                pieces = re.split(r"\{\d+\}|%n", source.replace("&", ""))
                phrases.append(".+?".join(re.escape(p) for p in pieces))
            elif words:
                self.words.add(source.replace("&", ""))
        phrases.sort(key=len, reverse=True)  # the longest first: the report names the most
        self.pattern = re.compile("|".join(f"(?:{p})" for p in phrases))

    def find(self, flat: str) -> str | None:
        if flat in self.words:
            return flat
        found = self.pattern.search(flat)
        return found.group(0) if found else None


def _texts(root: QWidget) -> Iterator[str]:
    """What a person can read in `root`: every visible widget's text (scrolled-away included,
    as scrolling shows it), table headers and the cells of visible columns, with tooltips."""
    if root.windowTitle():
        yield root.windowTitle()
    for label in root.findChildren(QLabel):
        if label.isVisible() and label.text():
            yield label.text()
    for widget in root.findChildren(QAbstractButton):
        if widget.isVisible() and widget.text():
            yield widget.text().replace("&", "")
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            yield from (tabs.tabText(i) for i in range(tabs.count()))
    for box in root.findChildren(QComboBox):
        if box.isVisible():
            yield from (box.itemText(i) for i in range(box.count()))
    for plain in root.findChildren(QPlainTextEdit):
        if plain.isVisible():
            yield plain.toPlainText()
    for rich in root.findChildren(QTextEdit):
        if rich.isVisible():
            yield rich.toPlainText()
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        columns = [
            c
            for c in range(model.columnCount(QModelIndex()))
            if not (isinstance(view, QTableView) and view.isColumnHidden(c))
        ]
        for column in columns:
            yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(min(model.rowCount(QModelIndex()), 80)):
            for column in columns:
                index = model.index(row, column)
                if _technical_by_nature(model, index):
                    continue
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str) and value:
                        yield value


def _shop_strings(shop: RunningShop) -> str:
    """Every string the shop serves this shopper in Chinese (every GET route of the API), one
    per line: English found there is the shop's or the shopper's own (a product's title as
    listed, a search typed in English, a browser's name), shown as it is."""
    tokens = api_sign_in(shop.url, "lin.mei", "demo1234")
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for url in _urls(shop, api):
        response = _read(api, shop, url, ZH)
        if response.headers.get("content-type", "").startswith("application/json"):
            walk(response.json())
    return "\n".join(found)


def _shop_keys(shop: RunningShop) -> set[str]:
    """The shop's keys for its data categories and purposes ("account", "orders", "ads"):
    shown alone or as a list of keys, they are internal names, not the shop's titles."""
    tokens = api_sign_in(shop.url, "lin.mei", "demo1234")
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    keys = {c["key"] for c in api.get("/data/categories").json()["items"]}
    keys |= {c["purpose"] for c in api.get("/consents").json()["items"]}
    return keys


def _only_keys(text: str, keys: set[str]) -> bool:
    parts = [p.strip() for p in re.split(r"[,、]", text)]
    return bool(parts) and all(p in keys for p in parts)


def _problems(
    text: str, chinese: bool, english_ui: EnglishUi | None, shop_text: str = ""
) -> Iterator[str]:
    for kind, pattern in (
        ("an API path", API_PATH),
        ("a web page's path", SITE_PATH),
        ("a snake_case key", SNAKE),
        ("a raw id", RAW_ID),
        ("a key: value dump", DUMP),
        ("an ISO duration", ISO_DURATION),
        ("a raw timestamp", TIMESTAMP),
    ):
        found = pattern.search(text)
        if found:
            yield f"{kind} {found.group(0)!r}"
    if chinese:
        flat = re.sub(r"\s+", " ", text).strip()
        untranslated = english_ui.find(flat) if english_ui is not None else None
        brackets = ASCII_BRACKETS_IN_CHINESE.search(flat)
        if brackets:
            yield f"ASCII brackets in Chinese {brackets.group(0)[:60]!r}"
        if untranslated:
            yield f"English in the Chinese UI {untranslated[:60]!r}"
        else:
            for prose in THREE_ENGLISH_WORDS.finditer(flat):
                if prose.group(0) not in shop_text:
                    yield f"English words in the Chinese UI {prose.group(0)[:60]!r}"
                    break


def _walk_faces(qtbot: QtBot, root: QWidget) -> Iterator[str]:
    """Every tab of every visible tab widget in turn (nested tabs included)."""
    tabs = [t for t in root.findChildren(QTabWidget) if t.isVisible()]
    if not tabs:
        yield ""
        return
    for tab in tabs:
        for index in range(tab.count()):
            if tab.isTabEnabled(index):
                tab.setCurrentIndex(index)
                qtbot.wait(80)
                yield tab.tabText(index)


class DialogReader:
    """Opens a dialog through `open_it` (modal or not), reads every tab of it, then closes it
    with Cancel/Close (never OK: nothing is sent)."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    def read(self, open_it: Callable[[], object], settle_ms: int = 400) -> tuple[str, list[str]]:
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        texts: list[str] = []
        title: list[str] = []
        timer = QTimer()
        timer.setInterval(50)
        waited = [0]

        def poll() -> None:
            dialog = next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
                ),
                None,
            )
            if dialog is None:
                return
            waited[0] += 50
            if waited[0] < settle_ms:  # let it load what it reads (e.g. the request list)
                return
            timer.stop()
            title.append(dialog.windowTitle() or type(dialog).__name__)
            for _face in _walk_faces(self.qtbot, dialog):
                texts.extend(_texts(dialog))
            if isinstance(dialog, QMessageBox):
                texts.extend([dialog.text(), dialog.informativeText()])
                cancel = next(
                    (
                        b
                        for b in dialog.buttons()
                        if dialog.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
                    ),
                    None,
                )
                if cancel is not None:
                    cancel.click()
                    return
            dialog.reject()

        timer.timeout.connect(poll)
        timer.start()
        try:
            open_it()
            self.qtbot.waitUntil(lambda: bool(title), timeout=15000)
        except Exception as exc:
            opened = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
            raise AssertionError(f"no dialog opened; shown: {opened}") from exc
        finally:
            timer.stop()
        return title[0], texts


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


def _dialogs(window: MainWindow) -> list[tuple[str, str, Callable[[], object]]]:
    """(page to show first, what, how to open it): every dialog that sends nothing on opening."""
    pages = window.pages
    my_data, requests, orders = pages["my-data"], pages["requests"], pages["orders"]
    assert isinstance(my_data, MyDataPage)
    assert isinstance(requests, RequestsPage)
    assert isinstance(orders, OrdersPage)
    found: list[tuple[str, str, Callable[[], object]]] = [
        ("overview", "add shop", window.add_shop_action.trigger),
        ("overview", "export", window.export_archive_action.trigger),
        ("overview", "verify", window.verify_archive_action.trigger),
        ("overview", "compare", window.compare_archives_action.trigger),
        ("overview", "sqlite", window.sqlite_archive_action.trigger),
        ("overview", "about", window.about_action.trigger),
    ]
    if window.assist_action.isEnabled():
        found.append(("overview", "assist", window.assist_action.trigger))

    def on_profile_tab(pressed: QAbstractButton) -> Callable[[], object]:
        def run() -> object:
            my_data.tabs.setCurrentIndex(1)
            table = my_data.profile_table
            model = table.model()
            for row in range(model.rowCount()):  # the first field the button applies to
                table.setCurrentIndex(model.index(row, 1))
                if pressed.isEnabled():
                    break
            pressed.click()
            return None

        return run

    found.append(("my-data", "edit field", on_profile_tab(my_data.edit_button)))
    found.append(("my-data", "correction", on_profile_tab(my_data.correction_button)))
    for kind in REQUEST_TYPES:
        found.append(("requests", f"new {kind}", partial(requests.new_request, kind)))
    found.append(("orders", "remove order", orders.remove_button.click))
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_internal_names_on_any_page_tab_or_dialog(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
    language: str,
) -> None:
    translations.apply(language)
    chinese = language == "zh_CN"
    english_ui = EnglishUi() if chinese else None
    shop_text = _shop_strings(shop) if chinese else ""
    keys = _shop_keys(shop)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.wait(150)
    signed_out = list(_texts(window))  # the welcome face, before any shop is added
    sign_in(qtbot, app_session, shop)
    seen: dict[str, set[str]] = {}  # problem → where

    def check(where: str, page_id: str, texts: Iterator[str] | list[str]) -> None:
        for text in texts:
            problems = list(_problems(text, chinese, english_ui, shop_text))
            if _only_keys(text, keys):
                problems.append(f"the shop's keys {text[:40]!r}")
            for problem in problems:
                seen.setdefault(f"{problem} in {text[:90]!r}", set()).add(where)

    check("signed out", "", signed_out)
    for page_id, page in window.pages.items():
        window.select_page(page_id)
        if isinstance(page, DataPage):
            assert wait_loaded(qtbot, page) is LoadState.CONTENT, (page_id, page.stack.error_text)
        qtbot.wait(150)
        for face in _walk_faces(qtbot, page):
            check(f"{page_id} {face}".strip(), page_id, list(_texts(window)))
    reader = DialogReader(qtbot, window)
    for page_id, what, open_it in _dialogs(window):
        window.select_page(page_id)
        page = window.pages[page_id]
        if isinstance(page, DataPage):
            wait_loaded(qtbot, page)
        try:
            title, texts = reader.read(open_it)
        except AssertionError as exc:
            raise AssertionError(f"{page_id}: {what}: {exc}") from None
        check(f"{page_id}: {what} dialog ({title})", page_id, texts)
    report = [f"{problem}  [{', '.join(sorted(where)[:3])}]" for problem, where in seen.items()]
    assert not report, f"{len(report)} internal names on screen:\n" + "\n".join(report[:80])


def _column_texts(model: QAbstractItemModel, title: str) -> list[str]:
    """The shown texts of the column whose (translated) title is `title`."""
    columns = [
        c
        for c in range(model.columnCount(QModelIndex()))
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    ]
    assert columns, f"no column {title!r}"
    return [
        str(model.data(model.index(row, columns[0]), Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount(QModelIndex()))
    ]


def test_the_shops_words_for_profile_values_and_languages_read_in_chinese(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
) -> None:
    """A gender, a verification state and a logged language tag are the shop's words, not
    something the shopper typed: the Chinese UI shows "女", "已验证" and "简体中文", not
    "female", "verified" and "zh-CN" (the three-word rule above cannot see one-word English)."""
    translations.apply("zh_CN")
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    sign_in(qtbot, app_session, shop)
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    fields = _column_texts(page.profile_model, "字段")
    values = dict(zip(fields, _column_texts(page.profile_model, "值"), strict=True))
    assert values["性别"] in ("女", "男"), values
    assert values["身份已验证"] == "已验证", values
    page.tabs.setCurrentWidget(page.logs)
    qtbot.waitUntil(lambda: page.log_model.rowCount(QModelIndex()) > 0, timeout=10000)
    languages = set(_column_texts(page.log_model, "语言"))
    assert languages
    assert not any(re.fullmatch(r"[a-z]{2}(?:-[A-Z]{2})?", t) for t in languages), languages
