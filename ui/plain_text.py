"""Showing untrusted text literally where Qt would otherwise guess rich text.

Qt's default text format is `AutoText`: a string that looks like HTML (`<b>x</b><img src=…>`)
is rendered as HTML, images fetched included. Shops, archives and the network are not trusted
with markup, so every place that can show their text goes through here:

- `plain_message_box` for message boxes (the main text, the informative and detailed text);
- `force_plain_text` for a dialog built elsewhere (e.g. a `QInputDialog`'s label);
- `plain_tooltip` for tooltips, which always guess;
- `ui.widgets.load_state.plain_label` for labels.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """Tooltip text shown literally: Qt guesses rich text in tooltips, so escape it."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def force_plain_text(widget: QWidget) -> QWidget:
    """Make `widget` (a message box, an input dialog…) and every label in it show plain text.

    Call it after the texts are set: a message box creates its informative label lazily.
    """
    if isinstance(widget, QMessageBox):
        widget.setTextFormat(Qt.TextFormat.PlainText)
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def plain_message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    informative: str = "",
    detailed: str = "",
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose every text is shown literally (remote text may hold markup)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detailed:
        box.setDetailedText(detailed)  # a QTextEdit that Qt fills with setPlainText
    box.setStandardButtons(buttons)
    force_plain_text(box)
    return box


__all__ = ["force_plain_text", "plain_message_box", "plain_tooltip"]
