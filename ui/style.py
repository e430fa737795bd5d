"""The app's look: Fusion with a light touch of its own, following the system's light/dark mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_BASE = """
QLabel#pageHeading { font-size: 20px; font-weight: 600; padding: 12px 16px 4px 16px; }
QListView#sidebar { border: none; padding-top: 8px; font-size: 14px; }
QListView#sidebar::item { padding: 7px 10px; }
QFrame#statCard { background: palette(base); border: 1px solid palette(midlight);
                  border-radius: 8px; padding: 8px; }
QFrame#statCard:focus { border: 2px solid palette(highlight); }
QLabel#statFigure { font-size: 28px; font-weight: 600; }
QLabel#statDetail { color: palette(mid); }
QFrame#statCard[alert="true"] QLabel#statFigure { color: #c62828; }
QFrame#statCard[alert="true"] QLabel#statDetail { color: #c62828; }
QLabel#errorMessage { color: #c62828; }
QFrame[bannerKind="warning"] { background: #fff4ce; color: #4d3b00; }
QFrame[bannerKind="assist"] { background: #1565c0; color: white; }
QFrame[bannerKind="guardian"] { background: #6a1b9a; color: white; }
QFrame[bannerKind="archive"] { background: #455a64; color: white; }
QFrame[bannerKind="info"] { background: #e3f2fd; color: #0d3c61; }
QFrame[bannerKind="result"] { background: #e8f5e9; color: #1b5e20; }
QFrame[bannerKind="error"] { background: #fdecea; color: #7f1d1d; }
QFrame[bannerKind="offline"] { background: #fff4ce; color: #4d3b00; }
"""


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#2b2c30",
        QPalette.ColorRole.AlternateBase: "#323338",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#1a73e8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Mid: "#9aa0a6",
        QPalette.ColorRole.Midlight: "#44464b",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


def is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_style(app: QApplication, *, dark: bool | None = None) -> None:
    """Fusion everywhere (the same look on every desktop), in the system's colour scheme;
    `dark` forces one (screenshots, tests)."""
    app.setStyle("Fusion")

    def follow_scheme(*_args: object) -> None:
        use_dark = is_dark(app) if dark is None else dark
        app.setPalette(dark_palette() if use_dark else app.style().standardPalette())
        app.setStyleSheet(_BASE)

    follow_scheme()
    app.styleHints().colorSchemeChanged.connect(follow_scheme)
