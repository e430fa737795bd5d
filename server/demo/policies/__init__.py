"""Each demo shop's privacy policy as data: its outline and what every shop value rests on.

A shop's catalogue (categories, purposes, partners, cookies) and its rights terms (deadline,
fees, verification, refusal and deletion grounds, contact channels) each cite a section of
*that shop's* policy, numbered as that policy numbers itself. Where the policy says nothing, the
value is the shop's own configuration: `clause` is None and the API reports
`basis: "shop_configuration"`, so the app can say "not stated in the policy" instead of
presenting a setting as a promise. Section titles are paraphrased, never quoted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from server.i18n import Language

Basis = Literal["policy", "shop_configuration"]
# Verification methods that are a document the shopper uploads (the rest are codes).
DOCUMENT_METHODS = ("written_request", "other_proof")


@dataclass(frozen=True)
class Text:
    """One human-readable text in both interface languages."""

    en: str
    zh: str

    def pick(self, language: Language) -> str:
        return self.zh if language == "zh-CN" else self.en


@dataclass(frozen=True)
class Section:
    number: str  # as the policy numbers it, e.g. "5.G" or "2.X.3"
    title: Text


@dataclass(frozen=True)
class Term:
    """One entry of a rights list (a ground, a method, a channel) and the clause behind it."""

    key: str
    text: Text
    clause: str | None
    value: str | None = None  # e.g. an e-mail address


@dataclass(frozen=True)
class FeeRule:
    """What the shop quotes for a repeated request beyond what it answers free of charge.

    `clause` is the section allowing a fee (None: the policy is silent and the fee is only the
    shop's configuration). The amount is always configuration: no policy names a figure.
    """

    amount: str  # a decimal in the currency's major unit, e.g. "10.00"
    currency: str  # ISO 4217
    reason: Text
    clause: str | None


@dataclass(frozen=True)
class GuardianRule:
    """What a policy says about minors (and whom else it protects the same way).

    The server enforces it on consent changes (server/guardians.py): who is covered, whether a
    grant or a withdrawal needs the guardian rather than the ward, and whether the guardian
    must attest being present with the ward. `clauses` are where the policy says so.
    """

    clauses: tuple[str, ...]
    covers_no_capacity: bool  # also persons without (full) legal capacity, not minors only
    grant_needs_guardian: bool
    withdraw_needs_guardian: bool
    presence_required: bool
    summary: Text
    # the clause that makes a covered person's account wait for the guardian's consent (the
    # shop's sign-in refuses them until it is given); None: the policy asks nothing of the kind
    account_clause: str | None = None


@dataclass(frozen=True)
class ShopPolicy:
    """A shop's policy outline and the clause (or None: configuration) behind each value."""

    shop_id: str
    sections: tuple[Section, ...]
    categories: dict[str, str | None]
    retention: dict[str, str | None]  # category key -> clause stating its retention
    purposes: dict[str, str | None]
    recipient_types: dict[str, str | None]
    cookies: str | None  # the clause announcing cookies and similar technologies
    deadline_clause: str | None
    deadline_note: Text
    fees: Term
    verification: tuple[Term, ...]
    refusal_grounds: tuple[Term, ...]
    deletion_grounds: tuple[Term, ...]
    contacts: tuple[Term, ...]
    # --- records and notices the policy promises (None: not promised; the shop's setting) ---
    service_records: str | None = None  # customer-service correspondence and call records
    agreements: str | None = None  # a data-protection agreement with every partner
    impact_assessments: str | None = None  # published impact assessments
    orders_for_others: str | None = None  # ordering for someone else with their consent
    cross_border: str | None = None  # transfer abroad only with explicit consent
    # publishing a serious rule breaker's violation and the measures taken against them
    violation_disclosure: str | None = None
    # notice kind -> the clause that promises that kind of notice
    notice_kinds: dict[str, str | None] = field(default_factory=dict)
    # sharing-event kind (disclosure, merger_transfer, public_disclosure) -> its clause
    sharing_event_kinds: dict[str, str | None] = field(default_factory=dict)
    # the policy's statutory lists of cases needing no consent (keys are the list positions)
    collection_exceptions: tuple[Term, ...] = ()
    sharing_exceptions: tuple[Term, ...] = ()
    # where the shop relies on one: category key / recipient type -> exception key
    category_exceptions: dict[str, str] = field(default_factory=dict)
    recipient_exceptions: dict[str, str] = field(default_factory=dict)
    # what refusing to give the data (category key) or consent (purpose key) costs the shopper
    refusal_consequences: dict[str, Term] = field(default_factory=dict)
    # None: the shop quotes no fee and refuses an excessive repeat outright.
    repeat_fee: FeeRule | None = None
    guardian: GuardianRule | None = None
    incidents_clause: str | None = None  # where the policy promises incident notices
    _index: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({s.number: s for s in self.sections})

    def section(self, number: str | None) -> Section | None:
        return self._index.get(number) if number else None

    def refusal_ground(self, key: str) -> Term | None:
        """One of the grounds on which this shop may refuse a request (None: not one)."""
        return next((t for t in self.refusal_grounds if t.key == key), None)

    def document_methods(self) -> tuple[Term, ...]:
        """The verification methods that take an uploaded document (a signed written request,
        other proof of identity), as the policy names them; empty: codes only."""
        return tuple(t for t in self.verification if t.key in DOCUMENT_METHODS)

    def deletion_ground(self, key: str) -> Term | None:
        return next((t for t in self.deletion_grounds if t.key == key), None)

    def all_clauses(self) -> list[tuple[str, str]]:
        """Every (where, clause) this policy's data cites; a test resolves each one."""
        cited: list[tuple[str, str | None]] = []
        cited += [(f"category {k}", v) for k, v in self.categories.items()]
        cited += [(f"retention {k}", v) for k, v in self.retention.items()]
        cited += [(f"purpose {k}", v) for k, v in self.purposes.items()]
        cited += [(f"recipient type {k}", v) for k, v in self.recipient_types.items()]
        cited += [("cookies", self.cookies), ("deadline", self.deadline_clause)]
        cited.append(("incidents", self.incidents_clause))
        if self.guardian is not None:
            cited += [("guardians", clause) for clause in self.guardian.clauses]
            if self.guardian.account_clause:
                cited.append(("guardians", self.guardian.account_clause))
        cited.append(("fees", self.fees.clause))
        if self.repeat_fee is not None:
            cited.append(("repeat fee", self.repeat_fee.clause))
        for group, terms in (
            ("verification", self.verification),
            ("refusal", self.refusal_grounds),
            ("deletion", self.deletion_grounds),
            ("contact", self.contacts),
        ):
            cited += [(f"{group} {t.key}", t.clause) for t in terms]
        cited += [
            ("service records", self.service_records),
            ("agreements", self.agreements),
            ("impact assessments", self.impact_assessments),
            ("orders for others", self.orders_for_others),
            ("cross-border", self.cross_border),
            ("violation disclosure", self.violation_disclosure),
        ]
        cited += [(f"notice kind {k}", v) for k, v in self.notice_kinds.items()]
        cited += [(f"sharing event {k}", v) for k, v in self.sharing_event_kinds.items()]
        for group, terms in (
            ("collection exception", self.collection_exceptions),
            ("sharing exception", self.sharing_exceptions),
            ("refusal consequence", tuple(self.refusal_consequences.values())),
        ):
            cited += [(f"{group} {t.key}", t.clause) for t in terms]
        return [(where, clause) for where, clause in cited if clause is not None]

    def collection_exception(self, key: str | None) -> Term | None:
        return next((t for t in self.collection_exceptions if t.key == key), None)

    def sharing_exception(self, key: str | None) -> Term | None:
        return next((t for t in self.sharing_exceptions if t.key == key), None)


def basis_of(clause: str | None) -> Basis:
    return "policy" if clause else "shop_configuration"


# Every shop may refuse for a reason it explains in writing; the text is then required.
OTHER_REFUSAL = Term(
    "other",
    Text(
        "Another reason, explained in writing (the shop's setting)",
        "其他原因，书面说明（商家自行设定）",
    ),
    None,
)

NOT_STATED = Text("Not stated in the policy (the shop's own setting)", "政策未载明（商家自行设定）")


def policy_for(shop_id: str) -> ShopPolicy:
    """The policy of a demo shop; shops built from a template use the Silumart policy."""
    from server.demo.policies import silumart, sinomai

    return {sinomai.POLICY.shop_id: sinomai.POLICY}.get(shop_id, silumart.POLICY)


def all_policies() -> tuple[ShopPolicy, ...]:
    from server.demo.policies import silumart, sinomai

    return (silumart.POLICY, sinomai.POLICY)
