"""Privacy requests: what the subject files, the request with its timeline, and the results.

Results are typed by their `kind`: an explanation of an automated decision, deletion receipts
per recipient, a correction, a human answer, or consent receipts. The access archive is not
JSON; `ShopApi.download_result` streams it to a file.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import Field

from client.models.common import ClientModel, Timestamp
from client.models.consents import ConsentReceipt

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
REQUEST_TYPES: tuple[RequestType, ...] = get_args(RequestType)  # in the order above
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
FINAL_STATUSES: frozenset[str] = frozenset({"completed", "denied", "canceled"})
# A key of the shop's own enumerated refusal grounds (each shop has its list; GET /v1/rights).
DenialReason = str
ResultKind = Literal[
    "archive",
    "explanation",
    "deletion_receipts",
    "correction",
    "answer",
    "consent_receipts",
    "none",
]


class TimelineEvent(ClientModel):
    at: Timestamp
    status: RequestStatus
    actor: str
    note: str | None = None


class Denial(ClientModel):
    reason: DenialReason
    # The ground in words in the language asked for, and the policy clause naming it (None:
    # the shop's setting). Older servers send only the key.
    label: str = ""
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "policy"
    text: str = ""


class Ground(ClientModel):
    """A ground the shopper named (a deletion ground), in words, with its clause."""

    key: str
    label: str = ""
    clause: str | None = None
    basis: str = "policy"


class FeeQuote(ClientModel):
    """A cost fee the shop quoted for a repeated request; accept it or withdraw the request."""

    amount: str
    currency: str
    reason: str = ""
    clause: str | None = None
    clause_title: str | None = None
    basis: str = "policy"
    status: Literal["quoted", "accepted", "withdrawn"]
    quoted_at: Timestamp
    answered_at: Timestamp | None = None


class Extension(ClientModel):
    reason: str
    original_due_at: Timestamp


class FiledBy(ClientModel):
    role: Literal["subject", "agent"]
    name: str


class ResultSummary(ClientModel):
    kind: ResultKind
    available: bool
    media_type: str | None = None
    size: int | None = None
    sha256: str | None = None


class IdentityDocument(ClientModel):
    """A document sent to prove identity, and where the shop's review of it stands."""

    id: str
    kind: str  # written_request | other_proof
    filename: str
    media_type: str
    size: int
    sha256: str = ""
    uploaded_at: Timestamp
    review: Literal["pending", "accepted", "rejected"]
    reviewed_at: Timestamp | None = None
    review_note: str | None = None


class PrivacyRequest(ClientModel):
    id: str
    type: RequestType
    status: RequestStatus
    details: dict[str, Any] = Field(default_factory=dict)
    # The request as one sentence in the asked language (an older shop sends none).
    summary: str | None = None
    note: str | None = None
    received_at: Timestamp
    due_at: Timestamp
    updated_at: Timestamp
    filed_by: FiledBy
    overdue: bool = False
    working_days_left: int = 0
    denial: Denial | None = None
    deletion_ground: Ground | None = None
    fee: FeeQuote | None = None
    identity_documents: list[IdentityDocument] = Field(default_factory=list)
    extension: Extension | None = None
    resolution: str | None = None
    timeline: list[TimelineEvent] = Field(default_factory=list)
    result: ResultSummary

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def cancelable(self) -> bool:
        return self.status in ("identity_unverified", "pending", "fee_quoted")

    @property
    def fee_to_answer(self) -> bool:
        """A fee is quoted and waits for the shopper's answer."""
        return self.status == "fee_quoted" and self.fee is not None and self.fee.status == "quoted"


class CreatedRequest(ClientModel):
    """A filed request together with the Idempotency-Key it was sent with (to re-send safely)."""

    request: PrivacyRequest
    idempotency_key: str


class DemoVerificationCode(ClientModel):
    request_id: str
    code: str


class ExplanationFactor(ClientModel):
    factor: str
    label: str = ""  # what the factor means, in the language asked for
    weight: float


class ExplanationResult(ClientModel):
    kind: Literal["explanation"] = "explanation"
    decision_id: str
    system: str
    decision_kind: str
    outcome: str
    decided_at: Timestamp
    significance: str
    model_version: str
    inputs: list[str]
    main_factors: list[ExplanationFactor]
    how_to_contest: str
    human_review_available: bool


class DeletionReceipt(ClientModel):
    """One recipient of deleted data: was it notified, did it confirm, when backups go."""

    recipient_id: str | None = None
    recipient_name: str
    categories: list[str]
    notified_at: Timestamp | None = None
    confirmed_at: Timestamp | None = None
    backup_purge_at: Timestamp | None = None


class DeletionResult(ClientModel):
    kind: Literal["deletion_receipts"] = "deletion_receipts"
    receipts: list[DeletionReceipt]
    deleted: dict[str, int]
    retained: dict[str, str] = Field(default_factory=dict)


class CorrectionResult(ClientModel):
    kind: Literal["correction"] = "correction"
    field: str
    before: str | None = None
    after: str | None = None
    applied_at: Timestamp


class AnswerResult(ClientModel):
    kind: Literal["answer"] = "answer"
    answer: str
    decided_by: str
    decided_at: Timestamp


class ConsentWithdrawalResult(ClientModel):
    kind: Literal["consent_receipts"] = "consent_receipts"
    receipts: list[ConsentReceipt]


RequestResult = Annotated[
    ExplanationResult | DeletionResult | CorrectionResult | AnswerResult | ConsentWithdrawalResult,
    Field(discriminator="kind"),
]


class DownloadedArchive(ClientModel):
    """Where an access archive was saved, and what was checked."""

    path: str
    size: int
    sha256: str
    resumed_from: int = 0


__all__ = [
    "FINAL_STATUSES",
    "REQUEST_TYPES",
    "AnswerResult",
    "ConsentWithdrawalResult",
    "CorrectionResult",
    "CreatedRequest",
    "DeletionReceipt",
    "DeletionResult",
    "DemoVerificationCode",
    "Denial",
    "DenialReason",
    "DownloadedArchive",
    "ExplanationFactor",
    "ExplanationResult",
    "Extension",
    "FeeQuote",
    "FiledBy",
    "Ground",
    "IdentityDocument",
    "PrivacyRequest",
    "RequestResult",
    "RequestStatus",
    "RequestType",
    "ResultKind",
    "ResultSummary",
    "TimelineEvent",
]
