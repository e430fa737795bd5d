"""Locale formats: one format per kind of value, different per UI language, never ISO."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from ui import formats
from ui.i18n import Translations
from ui.models.columns import display_text

MOMENT = datetime(2026, 9, 28, 6, 54, tzinfo=UTC)


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())


def _all(language: str, translations: Translations) -> dict[str, str]:
    translations.apply(language)
    return {
        "date": formats.format_date(MOMENT),
        "day": formats.format_date(date(2026, 9, 28)),
        "datetime": formats.format_datetime(MOMENT),
        "cell": display_text(MOMENT),
        "count": formats.format_count(1234567),
        "size": formats.format_size(3 * 1024 * 1024),
        "percent": formats.format_percent(0.96),
        "list": formats.join_list(["a", "b", "c"]),
        "plural_one": QCoreApplication.translate("SharingPage", "%n disclosure(s) shown", "", 1),
        "plural_many": QCoreApplication.translate("SharingPage", "%n disclosure(s) shown", "", 5),
    }


def test_formats_follow_the_ui_language(translations: Translations) -> None:
    english = _all("en", translations)
    chinese = _all("zh_CN", translations)
    assert english["date"] == english["day"] == "28 Sep 2026"
    assert chinese["date"] == chinese["day"] == "2026年9月28日"
    assert english["cell"] == english["datetime"]  # tables show a timestamp one way
    assert chinese["cell"] == chinese["datetime"]
    assert english["datetime"].startswith("28 Sep 2026, ")
    assert chinese["datetime"].startswith("2026年9月28日 ")
    assert english["count"] == "1,234,567"
    assert english["percent"] == chinese["percent"] == "96%"
    assert english["list"] == "a, b, c"
    assert chinese["list"] == "a、b、c"
    assert english["plural_one"] == "1 disclosure shown"
    assert english["plural_many"] == "5 disclosures shown"
    assert "(s)" not in chinese["plural_many"]
    assert "5" in chinese["plural_many"]
    for values in (english, chinese):
        for key, value in values.items():
            assert not any(bad in value for bad in ("iB", "-09-", "(s)")), (key, value)
    assert "MB" in english["size"]
    assert "3" in english["size"]


def test_nothing_is_formatted_as_iso_in_the_c_locale(qapp: QApplication) -> None:
    QLocale.setDefault(QLocale.c())  # tests and bare environments: English, not ISO
    assert formats.format_date(MOMENT) == "28 Sep 2026"
    assert formats.format_date(None) == "—"
    assert formats.join_list([]) == "—"


_SAME_LOCAL_TIME_AS_QT = """
import sys
from datetime import UTC, datetime, timedelta
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from ui import formats

app = QCoreApplication([])
for language in (QLocale.Language.English, QLocale.Language.Chinese):
    QLocale.setDefault(QLocale(language))
    pattern = "yyyy年M月d日 HH:mm" if language == QLocale.Language.Chinese else "d MMM yyyy, HH:mm"
    # Every 37 minutes for two years: both DST changes of each year, each side of them.
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    for _ in range(2 * 365 * 24 * 60 // 37):
        qt = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())), pattern)
        if formats.format_datetime(moment) != qt:
            sys.exit(f"{moment}: {formats.format_datetime(moment)!r} != Qt's {qt!r}")
        moment += timedelta(minutes=37)
"""


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
def test_a_time_reads_as_qt_reads_it_in_the_local_zone(zone: str) -> None:
    # format_datetime takes the local time from Python (cheaper than QDateTime's): it must be
    # the local time Qt shows, across daylight-saving changes (Lord Howe's are half an hour).
    env = {**os.environ, "TZ": zone, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _SAME_LOCAL_TIME_AS_QT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
