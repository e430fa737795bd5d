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
    """What a shop's backend offers a shopper. Pages and request types follow these flags.

    A flag a backend does not set is False: a backend names only what it offers.
    """

    kind: str
    sees_data: bool = False  # shows what it holds about you (My data)
    tracks: bool = False  # browsing and location tracks
    orders: bool = False
    sharing: bool = False  # who received your data
    decisions: bool = False  # automated decisions
    notices: bool = False  # privacy-policy versions and notices
    access_log: bool = False  # who looked at your data
    consents: bool = False  # consent per purpose at all
    consent_receipts_signed: bool = False  # each change answered with a signed receipt
    consent_needs_code: bool = False  # reading or changing consent needs a code sent to you
    subscriptions: bool = False  # marketing channels
    cookies: bool = False  # the cookie inventory
    request_types: frozenset[str] = frozenset()
    subject_status: bool = False  # the shopper can read a request's status after filing it
    cancel_requests: bool = False
    result_download: bool = False  # results (e.g. the access archive) come back through the app
    deletion_by_category: bool = False  # erasure can be limited to categories
    idempotent_filing: bool = False  # the shop de-duplicates a re-sent request (Idempotency-Key)
    sign_in: bool = False  # an account sign-in (OAuth) rather than an identity plus codes
    assist: bool = False  # customer-service assist sessions
    code_tries: int = 0  # wrong codes allowed before a code stops working (0: not limited)
    code_lifetime_s: int = 0  # how long a code works (0: not limited)
    incidents: bool = False  # security incident notices addressed to this shopper

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
    incidents=True,
)


__all__ = ["FIDES", "OUR_API", "OUR_API_CAPABILITIES", "Capabilities"]
