"""Privacy requests: what a subject files, the request resource with its timeline, and results."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, model_validator

from archive_format.sections import SECTIONS
from server.request_types import RequestType
from server.schemas.common import ApiModel, ProvenanceBasis

RequestStatus = Literal[
    "identity_unverified",
    "pending",
    "fee_quoted",
    "in_progress",
    "extended",
    "completed",
    "denied",
    "canceled",
]
ResultKind = Literal[
    "archive",
    "explanation",
    "deletion_receipts",
    "correction",
    "answer",
    "consent_receipts",
    "none",
]
# The section names, from the one list of the archive format (archive_format/sections.py).
if TYPE_CHECKING:
    ArchiveSection = str
else:
    ArchiveSection = Literal[SECTIONS]
ItemCategory = Literal["tracks", "tags", "orders", "devices", "locations", "logs", "decisions"]

Note = Annotated[str, Field(max_length=1000)]
ShortText = Annotated[str, Field(min_length=1, max_length=1000)]
IdStr = Annotated[str, Field(min_length=1, max_length=20)]
Key = Annotated[str, Field(min_length=1, max_length=40)]


# --- what the subject files -------------------------------------------------------------------


class AccessDetails(ApiModel):
    sections: list[ArchiveSection] | None = Field(
        default=None, description="Sections to export; all of them when absent."
    )


class CorrectionDetails(ApiModel):
    field: Key = Field(description="A profile field key of this subject (see GET /me).")
    current: str | None = Field(
        max_length=200, description="The value as the subject sees it now; must match."
    )
    proposed: str | None = Field(max_length=200, description="The corrected value.")


class DeletionItems(ApiModel):
    category: ItemCategory
    ids: list[IdStr] = Field(min_length=1, max_length=500)


class DeletionDetails(ApiModel):
    categories: list[Key] | None = Field(
        default=None, max_length=20, description="Data category keys: delete all of each."
    )
    items: list[DeletionItems] | None = Field(
        default=None, max_length=20, description="Individual records to delete."
    )
    ground: Key | None = Field(
        default=None,
        description="Why deletion is due: a key of the shop's own enumerated deletion grounds "
        "(`deletion_grounds` in GET /v1/rights, each with its policy clause); `other` needs a "
        "`reason` saying which.",
    )
    reason: Annotated[str, Field(max_length=1000)] | None = None

    @model_validator(mode="after")
    def _something(self) -> DeletionDetails:
        if not self.categories and not self.items:
            raise ValueError("name at least one category or item")
        return self


class DecisionDetails(ApiModel):
    decision_id: IdStr = Field(description="An automated decision of this subject.")
    statement: Annotated[str, Field(max_length=5000)] | None = Field(
        default=None, description="The subject's point of view (human review)."
    )


class ConsentWithdrawalDetails(ApiModel):
    purposes: list[Key] = Field(min_length=1, max_length=50)


class AccountCancellationDetails(ApiModel):
    reason: Annotated[str, Field(max_length=1000)] | None = None


class ComplaintDetails(ApiModel):
    text: Annotated[str, Field(min_length=1, max_length=5000)]
    related_request_id: IdStr | None = None


class _NewRequestBase(ApiModel):
    note: Note | None = None


class NewAccessRequest(_NewRequestBase):
    type: Literal["access"]
    details: AccessDetails = Field(default_factory=AccessDetails)


class NewCorrectionRequest(_NewRequestBase):
    type: Literal["correction"]
    details: CorrectionDetails


class NewDeletionRequest(_NewRequestBase):
    type: Literal["deletion"]
    details: DeletionDetails


class NewExplanationRequest(_NewRequestBase):
    type: Literal["explanation"]
    details: DecisionDetails


class NewHumanReviewRequest(_NewRequestBase):
    type: Literal["human_review"]
    details: DecisionDetails


class NewConsentWithdrawalRequest(_NewRequestBase):
    type: Literal["consent_withdrawal"]
    details: ConsentWithdrawalDetails


class NewAccountCancellationRequest(_NewRequestBase):
    type: Literal["account_cancellation"]
    details: AccountCancellationDetails = Field(default_factory=AccountCancellationDetails)


class NewComplaintRequest(_NewRequestBase):
    type: Literal["complaint"]
    details: ComplaintDetails


NewRequest = Annotated[
    NewAccessRequest
    | NewCorrectionRequest
    | NewDeletionRequest
    | NewExplanationRequest
    | NewHumanReviewRequest
    | NewConsentWithdrawalRequest
    | NewAccountCancellationRequest
    | NewComplaintRequest,
    Field(discriminator="type"),
]


class VerifyBody(ApiModel):
    code: Annotated[str, Field(min_length=1, max_length=12)]


# --- the request resource ---------------------------------------------------------------------


class TimelineEvent(ApiModel):
    at: datetime
    status: RequestStatus
    actor: str
    note: str | None


class Denial(ApiModel):
    reason: str = Field(
        description="A key of this shop's enumerated refusal grounds (`refusal_grounds` in "
        "GET /v1/rights), e.g. `excessive_technical_means`; `other` comes with its text."
    )
    label: str = Field(description="The ground in words, in the asked language.")
    clause: str | None = Field(
        description="Section of the shop's policy naming the ground; null: the shop's setting."
    )
    clause_title: str | None
    basis: ProvenanceBasis
    text: str


class Ground(ApiModel):
    """A ground the subject named (a deletion ground), in words, with its clause."""

    key: str
    label: str = Field(description="In the asked language.")
    clause: str | None
    basis: ProvenanceBasis


FeeStatus = Literal["quoted", "accepted", "withdrawn"]


class FeeQuoteOut(ApiModel):
    """A cost fee quoted for a repeated request; the request waits in `fee_quoted` meanwhile."""

    amount: str = Field(description='A decimal in the currency\'s major unit, e.g. "10.00".')
    currency: str = Field(description="ISO 4217 code.")
    reason: str = Field(description="Why the fee applies, in the asked language.")
    clause: str | None = Field(
        description="Section of the shop's policy allowing the fee; null: the fee is the "
        "shop's configuration, not stated in its policy."
    )
    clause_title: str | None
    basis: ProvenanceBasis
    status: FeeStatus
    quoted_at: datetime
    answered_at: datetime | None


class Extension(ApiModel):
    reason: str
    original_due_at: datetime


class FiledBy(ApiModel):
    role: Literal["subject", "agent"]
    name: str


class ResultSummary(ApiModel):
    kind: ResultKind
    available: bool
    media_type: str | None = None
    size: int | None = Field(default=None, description="Archive size in bytes.")
    sha256: str | None = Field(default=None, description="Archive SHA-256, hex.")


class IdentityDocumentOut(ApiModel):
    """A document sent as proof of identity (its content is never sent back)."""

    id: str
    kind: Literal["written_request", "other_proof"]
    filename: str
    media_type: str
    size: int
    sha256: str = Field(description="Of the content as received, hex.")
    uploaded_at: datetime
    review: Literal["pending", "accepted", "rejected"]
    reviewed_at: datetime | None
    review_note: str | None = Field(description="The officer's words, when rejected.")


class PrivacyRequestOut(ApiModel):
    id: str
    type: RequestType
    status: RequestStatus
    details: dict[str, Any]
    summary: str = Field(
        description="The request as one sentence in the answer's language, naming what was "
        "filed as the shopper knows it (“Correct your mobile number from … to …”)."
    )
    note: str | None
    received_at: datetime
    due_at: datetime
    updated_at: datetime
    filed_by: FiledBy
    overdue: bool = Field(description="Past `due_at` and not yet final.")
    working_days_left: int = Field(description="Working days to `due_at`; negative when overdue.")
    denial: Denial | None
    deletion_ground: Ground | None = Field(
        default=None, description="A deletion's `details.ground`, in words with its clause."
    )
    fee: FeeQuoteOut | None = Field(
        default=None, description="The fee the shop quoted for this request, if any."
    )
    identity_documents: list[IdentityDocumentOut] = Field(
        default_factory=list,
        description="Documents sent to prove identity, with the state of their review.",
    )
    extension: Extension | None
    resolution: str | None
    timeline: list[TimelineEvent]
    result: ResultSummary


class DemoVerificationCode(ApiModel):
    request_id: str
    code: str


# --- results ----------------------------------------------------------------------------------


class Factor(ApiModel):
    factor: str = Field(description="The factor's code (stable).")
    label: str = Field(description="What the factor means, in the asked language.")
    weight: float


class ExplanationResult(ApiModel):
    kind: Literal["explanation"] = "explanation"
    decision_id: str
    system: str
    decision_kind: str
    outcome: str
    decided_at: datetime
    significance: str
    model_version: str
    inputs: list[str]
    main_factors: list[Factor]
    how_to_contest: str
    human_review_available: bool


class DeletionReceiptOut(ApiModel):
    recipient_id: str | None
    recipient_name: str
    categories: list[str]
    notified_at: datetime | None
    confirmed_at: datetime | None
    backup_purge_at: datetime | None


class DeletionResult(ApiModel):
    kind: Literal["deletion_receipts"] = "deletion_receipts"
    receipts: list[DeletionReceiptOut]
    deleted: dict[str, int] = Field(description="Records deleted (or hidden) per category.")
    retained: dict[str, str] = Field(
        default_factory=dict, description="What is kept by law, per category, and why."
    )


class CorrectionResult(ApiModel):
    kind: Literal["correction"] = "correction"
    field: str
    before: str | None
    after: str | None
    applied_at: datetime


class AnswerResult(ApiModel):
    kind: Literal["answer"] = "answer"
    answer: str
    decided_by: str
    decided_at: datetime


class ConsentReceiptOut(ApiModel):
    id: str
    purpose: str
    granted: bool
    at: str
    policy_version: str
    subject: str
    kid: str
    signature: str


class ConsentWithdrawalResult(ApiModel):
    kind: Literal["consent_receipts"] = "consent_receipts"
    receipts: list[ConsentReceiptOut]


RequestResult = Annotated[
    ExplanationResult | DeletionResult | CorrectionResult | AnswerResult | ConsentWithdrawalResult,
    Field(discriminator="kind"),
]
