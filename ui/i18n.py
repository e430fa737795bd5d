"""Loading translations: Qt's own and the app's, chosen by setting or by the system locale.

Strings are marked where they are written: `self.tr("…")` in widgets, `translate("Context",
"…")` in plain functions, and `trans_late("Context", "…")` (from `client.i18n`) for text kept
in tables or variables and translated later with `translate(context, text)`. lupdate reads all
three (`python -m ui.i18n_tool update`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ui.resources import resource_dir

TRANSLATIONS_DIR = resource_dir("translations")  # resources/ in a checkout or the bundle
SUPPORTED = ("en", "zh_CN")


def translate(context: str, text: str) -> str:
    """`text` in the app's language (lupdate reads literal calls; see the module docstring)."""
    return QCoreApplication.translate(context, text)


def resolve_language(preference: str, system: QLocale | None = None) -> str:
    """'system' follows the system locale (Chinese → zh_CN, anything else → en)."""
    if preference in SUPPORTED:
        return preference
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


class Translations:
    """Keeps the installed translators alive and swaps them when the language changes."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            # English plural forms only ("%n request(s)" → "1 request", "2 requests")
            plurals = QTranslator(self.app)
            if plurals.load(str(TRANSLATIONS_DIR / "app_en.qm")):
                self.app.installTranslator(plurals)
                self._installed.append(plurals)
            return True
        loaded = False
        qt_translator = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(QLocale(language), "qtbase", "_", qt_dir):
            self.app.installTranslator(qt_translator)
            self._installed.append(qt_translator)
        app_translator = QTranslator(self.app)
        if app_translator.load(str(TRANSLATIONS_DIR / f"app_{language}.qm")):
            self.app.installTranslator(app_translator)
            self._installed.append(app_translator)
            loaded = True
        QLocale.setDefault(QLocale(language))
        return loaded
