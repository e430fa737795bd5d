"""Shop backends behind one interface, each saying what it can do.

A shop speaks one of several privacy APIs: the project's own (`client.api.ShopApi`), or Ethyca
Fides (`client.backends.fides`). The app reads and files requests through `RequestBackend`
(the request half of `client.reader`, which the backends share rather than copy) and asks
`capabilities` (`client.capabilities`) which pages, request types and guarantees a shop has, so
it can show only what exists and say plainly what does not. `ShopApi` is a `RequestBackend` as
it is; so is `ArchiveApi`, which refuses every action (read only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from client.capabilities import FIDES, OUR_API, OUR_API_CAPABILITIES, Capabilities
from client.errors import ApiError, Sentence, fill
from client.i18n import trans_late
from client.reader import RequestActions, RequestReader


class NotOffered(ApiError):
    """The shop's backend has no such thing (see its `Capabilities`)."""

    default_message = trans_late("Errors", "This shop does not offer this.")
    shows_given_message = False

    def __init__(self, what: str = "", message: str | None = None) -> None:
        super().__init__(message, code="not_offered")
        self.what = what


class CodeRejected(ApiError):
    """A verification code was wrong; `tries_left` more are allowed (None: unknown)."""

    default_message = trans_late("Errors", "The code is not right. Check it and try again.")
    shows_given_message = False

    def __init__(self, tries_left: int | None, message: str | None = None, **kwargs: Any):
        self.tries_left = tries_left
        super().__init__(message, **kwargs)
        if message is None:
            self.user_message = fill(self.sentence())
            self.args = (self.user_message,)

    def sentence(self) -> Sentence:
        if self.tries_left is None:
            return self.default_message, ()
        if self.tries_left == 0:
            return trans_late(
                "Errors", "The code is not right, and no tries are left: it no longer works."
            ), ()
        return trans_late("Errors", "The code is not right. Tries left: {0}."), (self.tries_left,)


class CodeExpired(ApiError):
    """The code is no longer valid (too old, or too many wrong tries): a new one is needed."""

    default_message = trans_late(
        "Errors",
        "The code has expired (codes work for 10 minutes). File the request again "
        "to get a new one.",
    )
    used_up_message = trans_late(
        "Errors",
        "Too many wrong codes: this code no longer works. File the request again to get a new one.",
    )
    shows_given_message = False

    def __init__(self, used_up: bool = False, message: str | None = None, **kwargs: Any):
        self.used_up = used_up
        super().__init__(message or (self.used_up_message if used_up else None), **kwargs)

    def sentence(self) -> Sentence:
        return (self.used_up_message if self.used_up else self.default_message), ()


class MaybeFiled(ApiError):
    """The connection broke after the request was sent: the shop may have it already.

    Raised instead of retrying where the shop has no Idempotency-Key, so a request is never
    filed twice behind the shopper's back.
    """

    default_message = trans_late(
        "Errors",
        "The connection broke after the request was sent, so the shop may have it. "
        "The app does not send it again by itself.",
    )
    shows_given_message = False


@runtime_checkable
class RequestBackend(RequestReader, RequestActions, Protocol):
    """What the request tracker calls on a shop: the request half of `client.reader`, plus
    what the backend offers. `ShopApi`, `ArchiveApi` (read only) and `FidesShop` are ones."""

    @property
    def capabilities(self) -> Capabilities: ...


Send = Callable[[dict[str, Any], str], Any]
"""An outbox sender: file one payload with its idempotency key (client.outbox.Send)."""


__all__ = [
    "FIDES",
    "OUR_API",
    "OUR_API_CAPABILITIES",
    "Capabilities",
    "CodeExpired",
    "CodeRejected",
    "MaybeFiled",
    "NotOffered",
    "RequestBackend",
    "Send",
]
