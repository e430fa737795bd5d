"""The look follows the system's colour scheme."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ui.style import apply_style


def test_dark_and_light_palettes(qapp: QApplication) -> None:
    apply_style(qapp, dark=True)
    window = qapp.palette().color(QPalette.ColorRole.Window)
    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    assert window.lightness() < 80
    assert text.lightness() > 180
    apply_style(qapp, dark=False)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    apply_style(qapp)  # back to following the system
