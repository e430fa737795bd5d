"""One path for filing a privacy request: one Idempotency-Key per user action, kept to the end.

Every way of filing (the Requests page forms, the correction dialog of My data, the
explanation and human-review buttons of Decisions, the command line) goes through
`RequestFiler.file`. The key is made once, when the person presses the button
(`FilingKeys.filing`), and the same key is used for

- the first attempt,
- a re-send after an attempt that got no answer (no connection, a 5xx, a 429), and
- the outbox item queued when the shop cannot be reached (`Outbox.add(idempotency_key=...)`).

So an attempt that reached the shop just before the connection dropped is, when re-sent or
flushed from the outbox, answered by the shop with the request it already created: filed once.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from client.errors import (
    ApiError,
    AuthenticationRequired,
    ConnectionFailed,
    RateLimited,
    ServerError,
)
from client.outbox import Outbox, OutboxItem

if TYPE_CHECKING:
    from client.models import CreatedRequest, RequestType
    from client.reader import RequestCreator

# Failures after which the shop may or may not have the request: the same key must be re-used.
UNANSWERED: tuple[type[ApiError], ...] = (
    ConnectionFailed,
    ServerError,
    RateLimited,
    AuthenticationRequired,
)


class QueueFailed(Exception):
    """The shop could not be reached and the outbox could not keep the filing (disk, file)."""


@dataclass(frozen=True)
class Filing:
    """One user action: what to file, and the Idempotency-Key made when the button was pressed."""

    type: str
    details: dict[str, Any]
    note: str | None
    idempotency_key: str

    @classmethod
    def new(
        cls,
        type: str,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> Filing:
        """One filing, with the given key (a re-send of an earlier attempt) or a fresh one."""
        return cls(type, dict(details or {}), note, idempotency_key or str(uuid.uuid4()))

    def payload(self) -> dict[str, Any]:
        """The JSON body of `POST /requests` (what `ShopApi.create_request` sends, too)."""
        body: dict[str, Any] = {"type": self.type, "details": dict(self.details)}
        if self.note is not None:
            body["note"] = self.note
        return body

    @property
    def fingerprint(self) -> str:
        return json.dumps(self.payload(), sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Queued:
    """The shop could not be reached: the filing waits in the outbox under its own key."""

    filing: Filing
    item: OutboxItem
    pending: int  # how many items the outbox holds for sending now


class FilingKeys:
    """The keys of a form's or a page's filings that have not had an answer yet.

    Pressing the button for the same request again after no answer re-uses its key (the shop
    may already have it); a changed request, or one the shop answered, gets a fresh key.
    """

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def filing(
        self,
        type: str,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
    ) -> Filing:
        draft = Filing(type, dict(details or {}), note, "")
        key = self._keys.setdefault(draft.fingerprint, str(uuid.uuid4()))
        return Filing(draft.type, draft.details, draft.note, key)

    def settle(self, filing: Filing, error: BaseException | None = None) -> None:
        """Forget the key once the shop answered (or the outbox took the filing over)."""
        if error is None or not isinstance(error, (*UNANSWERED, QueueFailed)):
            self._keys.pop(filing.fingerprint, None)

    def __len__(self) -> int:
        return len(self._keys)


class RequestFiler:
    """Files requests for one account at one shop; queues them in the outbox when unreachable.

    `outbox` is None where queueing makes no sense (an agent's assist session: the outbox
    sends with the shopper's own sign-in), or a callable that opens it on first use.
    """

    def __init__(
        self,
        api: RequestCreator,
        *,
        shop_id: str = "",
        account: str = "",
        outbox: Outbox | Callable[[], Outbox] | None = None,
    ) -> None:
        self.api = api
        self.shop_id = shop_id
        self.account = account
        self._outbox = outbox

    @property
    def can_queue(self) -> bool:
        return self._outbox is not None

    def outbox(self) -> Outbox | None:
        if isinstance(self._outbox, Outbox) or self._outbox is None:
            return self._outbox
        return self._outbox()

    def file(self, filing: Filing) -> CreatedRequest | Queued:
        """Send the filing with its key; on a dropped connection keep it, same key, in the outbox.

        Raises the shop's answer (`ApiError`) otherwise, `ConnectionFailed` when there is no
        outbox to queue into, and `QueueFailed` when the outbox could not store it.
        """
        try:
            return self.api.create_request(
                cast("RequestType", filing.type),
                filing.details,
                note=filing.note,
                idempotency_key=filing.idempotency_key,
            )
        except ConnectionFailed:
            outbox = self.outbox()
            if outbox is None:
                raise
        try:
            item = outbox.add(
                self.shop_id, self.account, filing.payload(), idempotency_key=filing.idempotency_key
            )
            pending = len(outbox.pending())
        except (OSError, ValueError, sqlite3.Error) as exc:
            raise QueueFailed(str(exc)) from exc
        return Queued(filing, item, pending)


__all__ = ["UNANSWERED", "Filing", "FilingKeys", "QueueFailed", "Queued", "RequestFiler"]
