"""A text input with the shop's limit, a live counter and its own error line.

`LimitedText` wraps a QLineEdit or QPlainTextEdit. It never cuts what was typed or pasted
(a silent cut once overwrote a shopper's phone number with half a pasted text): past the limit
the counter turns red, the error line under the field says by how much, and `problem()` tells
the dialog not to send. Errors the shop reports for this field (422) are shown on the same
line, in the UI language (see `ui.field_errors`).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from client.limits import TextLimit
from ui.widgets.load_state import plain_label

ERROR_STYLE = "color: #c62828;"


class LimitedText(QWidget):
    """`edit` (re-parented into this widget) with "12 / 200" under it and an error line."""

    validity_changed = Signal(bool)  # True: within the limit

    def __init__(
        self,
        edit: QLineEdit | QPlainTextEdit,
        limit: TextLimit | int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edit = edit
        self.max_length = limit.max_length if isinstance(limit, TextLimit) else int(limit)
        if isinstance(edit, QLineEdit):
            # QLineEdit's own limit truncates pasted text without a word: never use it here.
            edit.setMaxLength(32767)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.error = plain_label()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.counter = plain_label(wrap=False)
        self.counter.setObjectName("charCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.error, 1)
        row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self._shop_error = ""  # what the shop said about the last value sent
        self._valid = True
        edit.textChanged.connect(self._changed)
        self._changed()

    # --- reading --------------------------------------------------------------------------
    def raw_text(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def text(self) -> str:
        """What is sent: the text without surrounding blanks."""
        return self.raw_text().strip()

    @property
    def length(self) -> int:
        return len(self.text())

    @property
    def over(self) -> bool:
        return self.length > self.max_length

    def problem(self) -> str:
        """Why this text cannot be sent ("" when it can); also shown under the field."""
        if self.over:
            self._show_error(self._too_long())
            return self._too_long()
        return ""

    # --- errors ---------------------------------------------------------------------------
    def set_shop_error(self, message: str) -> None:
        """What the shop said about this field; cleared as soon as the text changes."""
        self._shop_error = message
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _too_long(self) -> str:
        locale = QLocale()
        return self.tr(
            "Too long: {0} characters, the shop accepts at most {1}. Shorten it to "
            "send; nothing is cut for you."
        ).format(locale.toString(self.length), locale.toString(self.max_length))

    def _changed(self) -> None:
        locale = QLocale()
        used = self.length
        self.counter.setText(
            self.tr("{0} / {1}").format(locale.toString(used), locale.toString(self.max_length))
        )
        self.counter.setAccessibleName(
            self.tr("{0} of at most {1} characters").format(
                locale.toString(used), locale.toString(self.max_length)
            )
        )
        over = used > self.max_length
        self.counter.setStyleSheet(ERROR_STYLE if over else "")
        self._shop_error = ""
        self._show_error(self._too_long() if over else "")
        if self._valid == over:
            self._valid = not over
            self.validity_changed.emit(self._valid)


__all__ = ["LimitedText"]
