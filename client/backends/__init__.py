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
from client.errors import ApiError
from client.reader import RequestActions, RequestReader


class NotOffered(ApiError):
    """The shop's backend has no such thing (see its `Capabilities`)."""

    default_message = "This shop does not offer this."

    def __init__(self, what: str = "", message: str | None = None) -> None:
        super().__init__(message, code="not_offered")
        self.what = what


class CodeRejected(ApiError):
    """A verification code was wrong; `tries_left` more are allowed (None: unknown)."""

    default_message = "The code is not right."

    def __init__(self, tries_left: int | None, message: str | None = None, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.tries_left = tries_left


class CodeExpired(ApiError):
    """The code is no longer valid (too old, or too many wrong tries): a new one is needed."""

    default_message = "The code is no longer valid; ask for a new one."

    def __init__(self, used_up: bool = False, message: str | None = None, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.used_up = used_up


class MaybeFiled(ApiError):
    """The connection broke after the request was sent: the shop may have it already.

    Raised instead of retrying where the shop has no Idempotency-Key, so a request is never
    filed twice behind the shopper's back.
    """

    default_message = (
        "The connection broke after the request was sent; the shop may have received it."
    )


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
