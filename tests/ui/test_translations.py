"""The Chinese translation is complete, current with the code, and compiled."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.i18n import TRANSLATIONS_DIR
from ui.i18n_tool import release, ts_path, update


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314  (our own file)
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path: Path) -> None:
    shutil.copy(ts_path("zh_CN"), ts_path("zh_CN", tmp_path))
    update(tmp_path)
    committed = set(_messages(ts_path("zh_CN")))
    current = set(_messages(ts_path("zh_CN", tmp_path)))
    missing = sorted(current - committed)
    assert not missing, f"run `python -m ui.i18n_tool all` and translate: {missing[:20]}"


def _translated(message: ET.Element) -> bool:
    element = message.find("translation")
    if element is None or element.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if message.get("numerus") == "yes":
        forms = element.findall("numerusform")
        return bool(forms) and all((form.text or "").strip() for form in forms)
    return bool((element.text or "").strip())


def test_every_message_is_translated() -> None:
    unfinished = [key for key, message in _messages(ts_path("zh_CN")).items()
                  if not _translated(message)]
    assert not unfinished, unfinished[:20]


def test_compiled_file_matches_the_source(tmp_path: Path) -> None:
    release(TRANSLATIONS_DIR, tmp_path)
    assert (tmp_path / "app_zh_CN.qm").read_bytes() == \
        (TRANSLATIONS_DIR / "app_zh_CN.qm").read_bytes(), "run `python -m ui.i18n_tool release`"


def test_the_app_speaks_chinese(qapp: QCoreApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    assert translator.translate("OverviewPage", "Overview") not in ("", "Overview")
