"""Guardians and wards: the accounts a guardian may open, and a ward session's token."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from server.schemas.common import ApiModel

LegalCapacity = Literal["full", "limited", "none"]


class ClauseRef(ApiModel):
    number: str
    title: str


class GuardianRuleOut(ApiModel):
    """What the shop's policy asks before a covered subject's consent changes."""

    summary: str
    grant_needs_guardian: bool
    withdraw_needs_guardian: bool
    presence_required: bool
    covers_no_capacity: bool
    clauses: list[ClauseRef]


AccountConsentState = Literal["not_needed", "pending", "granted", "refused", "withdrawn"]


class AccountConsentOut(ApiModel):
    """The guardian's consent to the ward holding an account, where the shop's policy asks it.

    `state` is what the shop has recorded; `sign_in_allowed` whether the ward may sign in with
    it (only `granted` lets them); `clause` the policy's section that asks for it.
    """

    state: AccountConsentState
    sign_in_allowed: bool
    clause: ClauseRef


class AccountConsentChange(ApiModel):
    """A guardian gives (`granted`) or withdraws (`withdrawn`) their consent to the account.

    `guardian_present`: where the shop's policy asks for the guardian's presence, the
    guardian confirms being with the ward now.
    """

    state: Literal["granted", "withdrawn"]
    guardian_present: bool | None = None


class AccountConsentResult(AccountConsentOut):
    changed: bool
    sign_ins_ended: int


class WardItem(ApiModel):
    id: str
    customer_no: str
    display_name: str
    is_minor: bool
    age_years: int | None
    legal_capacity: LegalCapacity
    relationship: str
    since: datetime
    rule: GuardianRuleOut | None
    # None where the shop's policy asks no consent to the account itself
    account_consent: AccountConsentOut | None = None


class WardSession(ApiModel):
    access_token: str
    token_type: str
    expires_in: int
    ward: WardItem


class GuardianOfMe(ApiModel):
    """A guardian linked to the signed-in account (what the ward sees of them)."""

    display_name: str
    relationship: str
    since: datetime


class GuardianLinkItem(ApiModel):
    """One guardian link of the signed-in account, seen from its side."""

    id: str
    other_role: Literal["guardian", "ward"]  # what the other person is to this account
    display_name: str
    relationship: str
    since: datetime
    revoked_at: datetime | None
