"""Guardians and wards (`/v1/guardian/wards`, `/v1/me`): who looks after whom, and the rule
of the shop's policy that applies to the ward's consents."""

from __future__ import annotations

from pydantic import Field

from client.models.common import ClientModel, Timestamp


class ClauseRef(ClientModel):
    number: str
    title: str = ""


class GuardianRule(ClientModel):
    summary: str
    grant_needs_guardian: bool = True
    withdraw_needs_guardian: bool = False
    presence_required: bool = False
    covers_no_capacity: bool = False
    clauses: list[ClauseRef] = Field(default_factory=list)


class AccountConsent(ClientModel):
    """The guardian's consent to the ward holding an account, where the shop's policy asks it.

    `state`: granted, pending, refused, withdrawn (or not_needed: never recorded); only
    `sign_in_allowed` says whether the ward may sign in with it.
    """

    state: str
    sign_in_allowed: bool = False
    clause: ClauseRef | None = None


class AccountConsentChanged(AccountConsent):
    changed: bool = False
    sign_ins_ended: int = 0


class Ward(ClientModel):
    """An account a signed-in guardian may open."""

    id: str
    customer_no: str
    display_name: str
    is_minor: bool = False
    age_years: int | None = None
    legal_capacity: str = "full"
    relationship: str = ""
    since: Timestamp | None = None
    rule: GuardianRule | None = None
    account_consent: AccountConsent | None = None  # None: the shop's policy asks none


class WardSessionOpened(ClientModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (the OAuth token type)
    expires_in: int
    ward: Ward

    def __repr__(self) -> str:  # never the token
        return f"WardSessionOpened(ward={self.ward.id!r})"


class GuardianLink(ClientModel):
    """One guardian link, from this account's side: the other person is its guardian or ward."""

    id: str
    other_role: str  # guardian | ward
    display_name: str
    relationship: str = ""
    since: Timestamp | None = None
    revoked_at: Timestamp | None = None


class GuardianOfMe(ClientModel):
    display_name: str
    relationship: str = ""
    since: Timestamp | None = None


__all__ = [
    "AccountConsent",
    "AccountConsentChanged",
    "ClauseRef",
    "GuardianLink",
    "GuardianOfMe",
    "GuardianRule",
    "Ward",
    "WardSessionOpened",
]
