"""The frame every "new request" dialog shares: heading, shop, status, error line, File/Cancel.

The request pages' dialogs (our API's forms, a Fides shop's two requests) differ in what they
show between the heading and the buttons and in how they send; the frame, its words and its
busy state are written once here.

While a request is on its way the dialog cannot be closed (Cancel, Escape, the window's close
button): the shop may file it, and its answer (the new request, or the reason it refused, with
what was typed) has to reach a dialog that is still there. Loads the dialog started for itself
(its form, the rights card) are dropped when it closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.models.requests import type_label
from ui.widgets.load_state import plain_label


class FilingDialog(QDialog):
    """A dialog filing one request of `rtype` at `shop_name`.

    A subclass adds its own widgets to `self.body` (and `self.status` where it belongs), then
    calls `finish_layout()`, which puts the error line and the buttons last; pressing
    "File request" calls `submit()`.
    """

    def __init__(
        self, rtype: str, shop_name: str, *, min_width: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rtype = rtype
        self.busy = False
        self._loads: list[Any] = []  # tasks the dialog started for itself (see `own_load`)
        self.setWindowTitle(self.tr("New request: {0}").format(type_label(rtype)))
        self.setMinimumWidth(min_width)
        self.body = QVBoxLayout(self)
        heading = plain_label(type_label(rtype))
        heading.setObjectName("dialogHeading")
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.body.addWidget(heading)
        self.body.addWidget(plain_label(self.tr("Shop: {0}").format(shop_name)))
        self.status = plain_label()
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.submit_button = self.buttons.addButton(
            self.tr("File request"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        """Put the error line and the buttons under what the subclass added."""
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def own_load(self, task: Any) -> None:
        """A load whose answer only this dialog wants: dropped unanswered when it closes."""
        if task is not None and hasattr(task, "cancel"):
            self._loads.append(task)

    def reject(self) -> None:
        if self.busy:
            # Closing now would lose the shop's answer (and a refusal with what was typed).
            self.show_error(refuse_close_text())
            return
        super().reject()

    def done(self, result: int) -> None:
        loads, self._loads = self._loads, []
        for task in loads:
            task.cancel()
        super().done(result)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.submit_button.setEnabled(not busy)
        self.status.setText(self.tr("Sending…") if busy else "")


def refuse_close_text() -> str:
    """Why a dialog whose request is on its way does not close (shared by the request dialogs)."""
    return translate(
        "FilingDialog",
        "Still sending: wait for the shop's answer. Closing now could file the request without "
        "telling you.",
    )


__all__ = ["FilingDialog", "refuse_close_text"]
