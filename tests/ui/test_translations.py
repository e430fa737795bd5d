"""The Chinese translation is complete, current with the code, and compiled."""

from __future__ import annotations

import ast
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from client.backends import CodeRejected
from client.errors import ConnectionFailed
from ui.i18n import TRANSLATIONS_DIR
from ui.i18n_tool import LANGUAGES, UI_DIR, release, ts_path, update


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314  (our own file)
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path: Path) -> None:
    for language in LANGUAGES:
        shutil.copy(ts_path(language), ts_path(language, tmp_path))
    update(tmp_path)
    for language in LANGUAGES:
        committed = set(_messages(ts_path(language)))
        current = set(_messages(ts_path(language, tmp_path)))
        missing = sorted(current - committed)
        assert not missing, (
            f"run `python -m ui.i18n_tool all`, translate {language}: {missing[:20]}"
        )


def test_marked_text_reaches_the_translation_file(tmp_path: Path) -> None:
    """Text marked with `trans_late` (tables, column titles, the client's error sentences) is
    read by lupdate like a literal: without the marker alias these would be missing."""
    update(tmp_path)
    found = set(_messages(ts_path("zh_CN", tmp_path)))
    assert ("Columns", "Order number") in found  # a column title
    assert ("OrdersPage", "payment method") in found  # a word table
    assert ("Errors", ConnectionFailed.default_message) in found  # Qt-free client/errors.py
    assert ("Errors", CodeRejected.default_message) in found  # client/backends


def _column_titles_unmarked(source: str, filename: str) -> list[int]:
    """Lines where a `Column(...)` title is not `trans_late("Columns", ...)` (or empty)."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func.value if isinstance(node.func, ast.Subscript) else node.func
        if not (isinstance(function, ast.Name) and function.id == "Column"):
            continue
        title = node.args[0]
        if isinstance(title, ast.Constant) and title.value == "":
            continue
        marked = (
            isinstance(title, ast.Call)
            and isinstance(title.func, ast.Name)
            and title.func.id == "trans_late"
            and isinstance(title.args[0], ast.Constant)
            and title.args[0].value == "Columns"
        )
        if not marked:
            found.append(node.lineno)
    return found


def test_every_column_title_is_marked() -> None:
    """Column titles are translated when shown (context "Columns"): lupdate sees them only
    through the marker, so a bare `Column("Title", ...)` would stay English in Chinese."""
    assert _column_titles_unmarked('Column[int]("Bare", len)\n', "probe") == [1]
    assert _column_titles_unmarked('Column(trans_late("Columns", "Ok"), len)\n', "probe") == []
    unmarked = {
        str(path): lines
        for path in sorted(UI_DIR.rglob("*.py"))
        if (lines := _column_titles_unmarked(path.read_text(encoding="utf-8"), str(path)))
    }
    assert not unmarked, f'write Column(trans_late("Columns", "Title"), ...): {unmarked}'


def _translated(message: ET.Element) -> bool:
    element = message.find("translation")
    if element is None or element.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if message.get("numerus") == "yes":
        forms = element.findall("numerusform")
        return bool(forms) and all((form.text or "").strip() for form in forms)
    return bool((element.text or "").strip())


def test_every_message_is_translated() -> None:
    for language in LANGUAGES:
        unfinished = [
            key for key, message in _messages(ts_path(language)).items() if not _translated(message)
        ]
        assert not unfinished, (language, unfinished[:20])


def test_english_plurals_have_no_parenthesised_s() -> None:
    """English has its own file of plural forms: '1 request', '2 requests', never '(s)'."""
    messages = _messages(ts_path("en"))
    assert messages, "app_en.ts holds the English plural forms"
    for key, message in messages.items():
        assert message.get("numerus") == "yes", key
        forms = [form.text or "" for form in message.iter("numerusform")]
        assert len(forms) == 2, key
        # %Ln: the count in the locale's digit grouping (a record count can run to thousands)
        assert all(("%n" in f or "%Ln" in f) and "(s)" not in f for f in forms), key
        assert forms[0] != forms[1], key


def test_compiled_file_matches_the_source(tmp_path: Path) -> None:
    release(TRANSLATIONS_DIR, tmp_path)
    for language in LANGUAGES:
        assert (tmp_path / f"app_{language}.qm").read_bytes() == (
            TRANSLATIONS_DIR / f"app_{language}.qm"
        ).read_bytes(), "run `python -m ui.i18n_tool release`"


def test_the_app_speaks_chinese(qapp: QCoreApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    assert translator.translate("OverviewPage", "Overview") not in ("", "Overview")
