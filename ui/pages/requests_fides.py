"""Requests page: filing an access or erasure request at a shop that runs Ethyca Fides.

The request goes through the outbox like every other (one item, its key made when the button is
pressed, sent at most once: see `client.backends.fides`). Fides files by the shop's policy, so
there is nothing to choose but the type; the dialog says what happens next: a code arrives at
the identity the shop knows, it works for 10 minutes and 3 wrong tries, and the result reaches
the shopper from the shop, not through the app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from client.backends import MaybeFiled
from client.backends.fides import IDENTITY_ENTRY, FidesShop
from client.models.requests import CreatedRequest
from client.outbox import Outbox
from ui.backend_view import code_rules_text, no_result_text
from ui.errors import user_message
from ui.widgets.filing_dialog import FilingDialog
from ui.widgets.load_state import plain_label

FIDES_ACCOUNT = IDENTITY_ENTRY  # the outbox account of a Fides shop (never the identity)

Runner = Callable[..., Any]  # Page.run(work, done, failed)


class FidesRequestDialog(FilingDialog):
    """File one access or erasure request at a Fides shop, through the outbox."""

    def __init__(
        self,
        rtype: str,
        shop: FidesShop,
        outbox: Callable[[], Outbox],
        run: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(rtype, shop.shop_name, min_width=520, parent=parent)
        self.shop = shop
        self._outbox = outbox
        self._run = run
        self.created: CreatedRequest | None = None  # None after accept: queued in the outbox
        # One key per dialog: a second press after no answer is the same request, never a
        # new one (Fides itself has no idempotency; see client.backends.fides).
        self.idempotency_key = str(uuid.uuid4())
        self.maybe_filed = False  # the shop may have it: not offered again from here
        layout = self.body
        if rtype == "access":
            intro = self.tr(
                "Ask for a copy of what the shop holds about you, under its access policy."
            )
        else:
            intro = self.tr(
                "Ask the shop to erase your personal data under its erasure "
                "policy. This shop's privacy center erases by its policy as a "
                "whole: you cannot choose categories."
            )
        layout.addWidget(plain_label(intro))
        layout.addWidget(plain_label(no_result_text()))
        self.rules = plain_label(code_rules_text(shop.capabilities, shop.account_label))
        self.rules.setObjectName("codeRules")
        layout.addWidget(self.rules)
        self.confirm: QCheckBox | None = None
        if rtype == "deletion":
            self.confirm = QCheckBox(self.tr("I understand the shop will erase my data"))
            layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        self.finish_layout()

    def submit(self) -> None:
        if self.busy or self.maybe_filed:
            return
        if self.confirm is not None and not self.confirm.isChecked():
            self.show_error(self.tr("Tick the box to confirm the erasure."))
            return
        self.show_error("")
        self._set_busy(True)
        shop, rtype, outbox_of, key = self.shop, self.rtype, self._outbox, self.idempotency_key

        def work(_control: Any) -> CreatedRequest | None:
            outbox = outbox_of()
            payload = {"type": rtype, "details": {}}
            item = outbox.add(shop.shop_id, FIDES_ACCOUNT, payload, idempotency_key=key)
            report = outbox.flush(
                shop.send_filed_request, shop_id=shop.shop_id, account=FIDES_ACCOUNT
            )
            for sent, result in report.sent:
                if sent.id == item.id and isinstance(result, CreatedRequest):
                    return result
            for failed in report.failed:
                if failed.id == item.id:
                    problem = report.problems.get(item.id)
                    if isinstance(problem, MaybeFiled):  # by its kind: the words may change
                        raise problem
                    raise _Refused(failed.error or "")
            return None  # deferred: the shop is away, the outbox sends it later

        def done(created: CreatedRequest | None) -> None:
            self._set_busy(False)
            self.created = created
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if isinstance(error, MaybeFiled):
                # Pressing again would file a second request the shop may not need: the
                # item stays among the outbox's refused ones, where filing it again is a
                # deliberate choice.
                self.maybe_filed = True
                self.submit_button.setEnabled(False)
                self.cancel_button.setText(self.tr("Close"))
                self.show_error(
                    self.tr(
                        "The connection broke after the request was sent, so the shop may have "
                        "it. The app does not send it again by itself: if a code arrives, the "
                        "request was filed."
                    )
                )
            elif isinstance(error, _Refused):
                # Refused for good, so not filed: another press is a new request.
                self.idempotency_key = str(uuid.uuid4())
                self.show_error(
                    self.tr("The shop did not accept the request: {0}").format(str(error))
                )
            else:
                self.show_error(user_message(error))

        self._run(work, done, failed)


class _Refused(Exception):
    """The shop refused the outbox item for good; the text is the shop's."""


__all__ = ["FIDES_ACCOUNT", "FidesRequestDialog"]
