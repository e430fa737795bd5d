"""What a shop's backend offers (`Capabilities`), and what the project's own API offers.

Its own module so that `client.api.ShopApi` and `client.archive.ArchiveApi` can say what they
offer without importing the other backends (`client.backends` re-exports all of it).
"""

from __future__ import annotations

from dataclasses import dataclass

from client.models.requests import REQUEST_TYPES

OUR_API = "ours"
FIDES = "fides"


@dataclass(frozen=True)
class Capabilities:
    """What a shop's backend offers a shopper. Pages and request types follow these flags."""

    kind: str
    sees_data: bool  # shows what it holds about you (My data)
    tracks: bool  # browsing and location tracks
    orders: bool
    sharing: bool  # who received your data
    decisions: bool  # automated decisions
    notices: bool  # privacy-policy versions and notices
    access_log: bool  # who looked at your data
    consents: bool  # consent per purpose at all
    consent_receipts_signed: bool  # each change answered with a signed receipt
    consent_needs_code: bool  # reading or changing consent needs a code sent to you
    subscriptions: bool  # marketing channels
    cookies: bool  # the cookie inventory
    request_types: frozenset[str]
    subject_status: bool  # the shopper can read a request's status after filing it
    cancel_requests: bool
    result_download: bool  # results (e.g. the access archive) come back through the app
    deletion_by_category: bool  # erasure can be limited to categories
    idempotent_filing: bool  # the shop de-duplicates a re-sent request (Idempotency-Key)
    sign_in: bool  # an account sign-in (OAuth) rather than an identity plus codes
    assist: bool  # customer-service assist sessions
    code_tries: int = 0  # wrong codes allowed before a code stops working (0: not limited)
    code_lifetime_s: int = 0  # how long a code works (0: not limited)

    def offers(self, rtype: str) -> bool:
        return rtype in self.request_types


OUR_API_CAPABILITIES = Capabilities(
    kind=OUR_API,
    sees_data=True,
    tracks=True,
    orders=True,
    sharing=True,
    decisions=True,
    notices=True,
    access_log=True,
    consents=True,
    consent_receipts_signed=True,
    consent_needs_code=False,
    subscriptions=True,
    cookies=True,
    request_types=frozenset(REQUEST_TYPES),
    subject_status=True,
    cancel_requests=True,
    result_download=True,
    deletion_by_category=True,
    idempotent_filing=True,
    sign_in=True,
    assist=True,
)


__all__ = ["FIDES", "OUR_API", "OUR_API_CAPABILITIES", "Capabilities"]
