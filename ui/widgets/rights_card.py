"""The "Your rights here" card: the shop's deadline, fees, verification, refusal grounds and
contact channels, each with the clause of the shop's own policy behind it.

A value the policy does not state is labelled as the shop's own setting, so that it never
reads as a promise. All shop text is shown as plain text (it comes from the server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the card arrives with the page's data
    from client.models.rights import RightsCard, RightsTerm


class RightsCardWidget(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your rights here"))
        self.setObjectName("rightsCard")
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # remote text: never rich text
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        self.body.setText(self.tr("Not loaded yet."))

    def cite(self, term: RightsTerm) -> str:
        if term.stated:
            title = f" {term.clause_title}" if term.clause_title else ""
            return self.tr("(policy § {0}{1})").format(term.clause, title)
        return self.tr("(not stated in the policy: the shop's own setting)")

    def line(self, term: RightsTerm) -> str:
        value = f" {term.value}" if term.value else ""
        return f"• {term.text}{value} {self.cite(term)}"

    def show_card(self, card: RightsCard | None) -> None:
        if card is None:
            self.body.setText(self.tr("This shop does not publish a rights card."))
            return
        lines = [
            self.tr("Answer deadline: {0} {1}").format(
                card.deadline.text, self.cite(card.deadline)
            ),
            self.tr("Fees: {0} {1}").format(card.fees.text, self.cite(card.fees)),
            self.tr("How you prove who you are:"),
            *(self.line(t) for t in card.verification),
            self.tr("Grounds on which the shop may refuse:"),
            *(self.line(t) for t in card.refusal_grounds),
            self.tr("Where to turn:"),
            *(self.line(t) for t in card.contacts),
        ]
        self.body.setText("\n".join(lines))
