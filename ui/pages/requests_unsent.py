"""Requests page: the outbox items a shop refused, shown before anything is thrown away.

A request queued while the shop was unreachable can be refused when it is finally sent (a
complaint too long for the shop, a reason it does not take). Its text is the shopper's own
and may be long, so nothing is deleted unseen: this dialog lists each refused item with its
type, its shop, the shop's reason and what was written; "Edit and file again" opens the
request's form filled in with it, and deleting one asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.outbox import OutboxItem
from ui.formats import format_datetime
from ui.i18n import translate
from ui.models.requests import type_label
from ui.plain_text import plain_message_box
from ui.terms.data import field_text
from ui.widgets.load_state import plain_label

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def refusal_text(item: OutboxItem) -> str:
    """The shop's reason in the UI language.

    The outbox keeps the sentence it was given: the shop's own words, or, when the shop sent
    none, the app's English sentence for the kind of problem, translated here.
    """
    if not item.error:
        return translate("UnsentRequests", "The shop gave no reason.")
    return translate("Errors", item.error)


def written_text(item: OutboxItem) -> str:
    """What the shopper wrote in the request, labelled ("" when it held no text of theirs)."""
    details = item.payload.get("details")
    details = details if isinstance(details, dict) else {}
    parts: list[str] = []

    def add(label: str, value: Any) -> None:
        if isinstance(value, str) and value.strip():
            parts.append(f"{label}\n{value}")

    add(translate("UnsentRequests", "Text:"), details.get("text"))
    add(translate("UnsentRequests", "Your point of view:"), details.get("statement"))
    add(translate("UnsentRequests", "Reason:"), details.get("reason"))
    field = details.get("field")
    if isinstance(field, str) and field:
        add(
            translate("UnsentRequests", "Proposed value for {0}:").format(field_text(field)),
            details.get("proposed"),
        )
    add(translate("UnsentRequests", "Note:"), item.payload.get("note"))
    return "\n\n".join(parts)


def _queued_at(item: OutboxItem) -> str:
    try:
        return format_datetime(datetime.fromisoformat(item.created_at))
    except ValueError:
        return ""


class UnsentDialog(QDialog):
    """The refused outbox items; `refile(item)` and `delete(item)` are the page's."""

    refile_requested = Signal(object)  # OutboxItem: open its form, filled in
    delete_requested = Signal(object)  # OutboxItem: confirmed, remove it from the outbox

    def __init__(
        self,
        items: list[OutboxItem],
        shop_name: Callable[[str], str],
        can_refile: Callable[[OutboxItem], str],
        parent: QWidget | None = None,
    ) -> None:
        """`can_refile(item)` says why it cannot be filed again from here ("" when it can)."""
        super().__init__(parent)
        self._shop_name = shop_name
        self._can_refile = can_refile
        self.setWindowTitle(self.tr("Requests the shop did not accept"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "These requests were kept while the shop could not be reached, and the "
                    "shop refused them when they were sent. Read why, then edit one and file "
                    "it again, or delete it."
                )
            )
        )
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Requests the shop did not accept"))
        self.list.setMaximumHeight(120)
        layout.addWidget(self.list)
        self.reason = plain_label()
        self.reason.setObjectName("unsentReason")
        layout.addWidget(self.reason)
        self.written = QPlainTextEdit(self)
        self.written.setReadOnly(True)
        self.written.setAccessibleName(self.tr("What you wrote"))
        self.written.setMaximumHeight(150)
        layout.addWidget(self.written)
        self.why_not = plain_label()
        self.why_not.setObjectName("unsentWhyNot")
        layout.addWidget(self.why_not)
        buttons = QDialogButtonBox(self)
        self.refile_button = QPushButton(self.tr("Edit and file again"))
        self.refile_button.setObjectName("unsentRefile")
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("unsentDelete")
        buttons.addButton(self.refile_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.refile_button.clicked.connect(self._refile)
        self.delete_button.clicked.connect(self._delete)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.confirm_box: QMessageBox | None = None
        self.set_items(items)

    def set_items(self, items: list[OutboxItem]) -> None:
        self.items = list(items)
        self.list.clear()
        for item in self.items:
            rtype = str(item.payload.get("type") or "")
            when = _queued_at(item)
            text = self.tr("{0} at {1}").format(type_label(rtype), self._shop_name(item.shop_id))
            entry = QListWidgetItem(f"{text} · {when}" if when else text)
            entry.setData(ITEM_ROLE, item.id)
            self.list.addItem(entry)
        if self.items:
            self.list.setCurrentRow(0)
        self._show_selected()

    def selected(self) -> OutboxItem | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(ITEM_ROLE)
        return next((i for i in self.items if i.id == wanted), None)

    def _show_selected(self) -> None:
        item = self.selected()
        self.refile_button.setEnabled(False)
        self.delete_button.setEnabled(item is not None)
        if item is None:
            self.reason.setText(self.tr("No request is waiting for a decision."))
            self.written.setPlainText("")
            self.why_not.setText("")
            return
        self.reason.setText(self.tr("The shop's reason: {0}").format(refusal_text(item)))
        self.written.setPlainText(
            written_text(item) or self.tr("This request held no text of yours.")
        )
        why_not = self._can_refile(item)
        self.why_not.setText(why_not)
        self.why_not.setVisible(bool(why_not))
        self.refile_button.setEnabled(not why_not)

    def _refile(self) -> None:
        item = self.selected()
        if item is not None and not self._can_refile(item):
            self.accept()
            self.refile_requested.emit(item)

    def _delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        box = plain_message_box(
            self,
            QMessageBox.Icon.Warning,
            self.tr("Delete the request"),
            self.tr("Delete this request ({0}) for good? What you wrote in it is lost.").format(
                type_label(str(item.payload.get("type") or ""))
            ),
            buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        box.setObjectName("confirmDeleteUnsent")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep it"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(item)


__all__ = ["UnsentDialog", "refusal_text", "written_text"]
