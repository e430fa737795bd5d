"""The kinds of privacy request a shopper can file: the one list the server takes them from.

`RequestType` is the type the API's schemas validate with (`server/schemas/privacy_requests.py`
re-exports it) and `REQUEST_TYPES` is the same list as a plain tuple, in this order, for what
needs no pydantic: a shop's profile (`server/shops.py`), whose list the discovery document
publishes. The module imports only `typing`, so `server.shops` stays free of the API schemas.
"""

from __future__ import annotations

from typing import Literal, get_args

RequestType = Literal[
    "access",
    "correction",
    "deletion",
    "explanation",
    "human_review",
    "consent_withdrawal",
    "account_cancellation",
    "complaint",
]
REQUEST_TYPES: tuple[RequestType, ...] = get_args(RequestType)
