"""The shop's length limits on text the shopper types, in one place for the whole app.

The server refuses (422) a text longer than its schema allows; the app must say so BEFORE
sending and never cut a text silently. Each limit names the OpenAPI schema and property it
comes from, so `tests/client/test_limits.py` checks every number against `docs/openapi.json`
(which another test keeps equal to what the server serves): a server change that is not
copied here fails a test instead of truncating someone's data.

Lengths are counted as the server counts them: Unicode code points (Python's `len`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    """At most `max_length` characters, as the shop's `schema`.`prop` says."""

    max_length: int
    schema: str  # a component schema, or "GET /path" for a query parameter
    prop: str  # a property name; "fields.*" for a map's values; a query parameter's name


REQUEST_NOTE = TextLimit(1000, "NewCorrectionRequest", "note")
CORRECTION_VALUE = TextLimit(200, "CorrectionDetails", "proposed")
DELETION_REASON = TextLimit(1000, "DeletionDetails", "reason")
CANCELLATION_REASON = TextLimit(1000, "AccountCancellationDetails", "reason")
REVIEW_STATEMENT = TextLimit(5000, "DecisionDetails", "statement")
COMPLAINT_TEXT = TextLimit(5000, "ComplaintDetails", "text")
PROFILE_VALUE = TextLimit(200, "MePatch", "fields.*")
ASSIST_CUSTOMER = TextLimit(32, "AssistSessionOpen", "customer_no")
ASSIST_CODE = TextLimit(12, "AssistSessionOpen", "code")
ASSIST_REASON = TextLimit(500, "AssistSessionOpen", "reason")
VERIFY_CODE = TextLimit(12, "VerifyBody", "code")
TRACK_QUERY = TextLimit(200, "GET /v1/tracks", "q")

ALL_LIMITS: dict[str, TextLimit] = {
    "REQUEST_NOTE": REQUEST_NOTE,
    "CORRECTION_VALUE": CORRECTION_VALUE,
    "DELETION_REASON": DELETION_REASON,
    "CANCELLATION_REASON": CANCELLATION_REASON,
    "REVIEW_STATEMENT": REVIEW_STATEMENT,
    "COMPLAINT_TEXT": COMPLAINT_TEXT,
    "PROFILE_VALUE": PROFILE_VALUE,
    "ASSIST_CUSTOMER": ASSIST_CUSTOMER,
    "ASSIST_CODE": ASSIST_CODE,
    "ASSIST_REASON": ASSIST_REASON,
    "VERIFY_CODE": VERIFY_CODE,
    "TRACK_QUERY": TRACK_QUERY,
}

# Limits that are not our shop API's, so not in ALL_LIMITS (checked against docs/openapi.json):
# a Fides shop's (another program: its documented behaviour), and the app's own for text that
# never reaches a shop. Same rule: shown with a counter, refused past the limit, never cut.
FIDES_IDENTITY = TextLimit(254, "Fides", "identity.email")  # the longest address SMTP carries
FIDES_CODE = TextLimit(6, "Fides", "code")  # Fides sends six-digit verification codes
ISSUED_ASSIST_CODE = TextLimit(6, "app", "assist code")  # the shop issues six digits
SHOP_NAME = TextLimit(80, "app", "shop name")  # a name in the app's list of shops
SHOP_ADDRESS = TextLimit(2000, "app", "shop address")  # longer URLs fail in common servers
ARCHIVE_PASSPHRASE = TextLimit(1024, "app", "archive passphrase")
FILE_PATH = TextLimit(4096, "app", "file path")  # PATH_MAX on Linux

LOCAL_LIMITS: dict[str, TextLimit] = {
    "FIDES_IDENTITY": FIDES_IDENTITY,
    "FIDES_CODE": FIDES_CODE,
    "ISSUED_ASSIST_CODE": ISSUED_ASSIST_CODE,
    "SHOP_NAME": SHOP_NAME,
    "SHOP_ADDRESS": SHOP_ADDRESS,
    "ARCHIVE_PASSPHRASE": ARCHIVE_PASSPHRASE,
    "FILE_PATH": FILE_PATH,
}

__all__ = [*ALL_LIMITS, *LOCAL_LIMITS, "ALL_LIMITS", "LOCAL_LIMITS", "TextLimit"]
