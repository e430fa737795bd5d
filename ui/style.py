"""The app's look: the platform style with a light touch of its own, following light/dark."""

from __future__ import annotations

from PySide6.QtGui import QPalette
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
QFrame[bannerKind="archive"] { background: #455a64; color: white; }
QFrame[bannerKind="info"] { background: #e3f2fd; color: #0d3c61; }
"""


def is_dark(app: QApplication) -> bool:
    palette = app.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(_BASE)
