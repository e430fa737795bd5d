"""The "Your rights here" card: the shop's deadline, fees, verification, refusal grounds and
contact channels, each with the clause of the shop's own policy behind it.

A value the policy does not state is labelled as the shop's own setting, so that it never
reads as a promise. All shop text is shown as plain text (it comes from the server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the card arrives with the page's data
    from client.models.rights import RightsCard, RightsTerm


class RightsCardWidget(QGroupBox):
    """`max_height` (pixels): scroll the card inside that height instead of growing with it,
    for a dialog, where a card taller than the screen would have its last lines cut off."""

    def __init__(self, parent: QWidget | None = None, *, max_height: int | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your rights here"))
        self.setObjectName("rightsCard")
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # remote text: never rich text
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        if max_height is None:
            layout.addWidget(self.body)
        else:
            self.scroller = QScrollArea()
            self.scroller.setObjectName("rightsCardScroll")
            self.scroller.setWidgetResizable(True)
            self.scroller.setFrameShape(QFrame.Shape.NoFrame)
            self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroller.setMaximumHeight(max_height)
            self.scroller.setWidget(self.body)
            layout.addWidget(self.scroller)
        self.body.setText(self.tr("Not loaded yet."))
        self._cited: dict[str, str] = {}  # section number → title, in the order first cited

    def cite(self, term: RightsTerm) -> str:
        """A short citation: the section number only; its title is listed once at the end
        (`show_card`), since one section usually backs most lines and its title repeated after
        each of them buries what they say."""
        if term.stated:
            if term.clause_title and str(term.clause) not in self._cited:
                self._cited[str(term.clause)] = term.clause_title
            return self.tr("(policy § {0})").format(term.clause)
        return self.tr("(not stated in the policy: the shop's own setting)")

    def line(self, term: RightsTerm) -> str:
        value = f" {term.value}" if term.value else ""
        # translated for its space: Chinese puts no space before "（政策第 5.G 条）"
        return self.tr("• {0} {1}").format(f"{term.text}{value}", self.cite(term))

    def show_card(self, card: RightsCard | None) -> None:
        if card is None:
            self.body.setText(self.tr("This shop does not publish a rights card."))
            return
        self._cited = {}
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
        if self._cited:
            lines.append(self.tr("Sections of the shop's policy cited above:"))
            lines.extend(
                self.tr("§ {0} {1}").format(number, title) for number, title in self._cited.items()
            )
        self.body.setText("\n".join(lines))
