"""Every table of the shop; importing this package registers them all on `Base.metadata`."""

from server.models.audit import AccessLogEntry, IdempotencyRecord
from server.models.commerce import Decision, Order, OrderItem
from server.models.consent import (
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    Subscription,
)
from server.models.data import Device, Location, LogEntry, Tag, Track
from server.models.guardians import GuardianLink
from server.models.identity import (
    AccessToken,
    AuthorizationCode,
    ProfileField,
    RefreshToken,
    SigningKey,
    User,
)
from server.models.incidents import Incident, IncidentNotice
from server.models.limits import RateLimitEntry
from server.models.notices import Notice, PolicyAck, PolicyVersion
from server.models.policy_records import ImpactAssessment, ServiceContact
from server.models.privacy_requests import (
    IDENTITY_DOCUMENT_FIELDS,
    AssistCode,
    AssistSession,
    DeletionReceipt,
    FeeQuote,
    IdentityDocument,
    PrivacyRequest,
    RequestEvent,
)
from server.models.sharing import DataCategory, Recipient, RecipientEvent

__all__ = [
    "IDENTITY_DOCUMENT_FIELDS",
    "AccessLogEntry",
    "AccessToken",
    "AssistCode",
    "AssistSession",
    "AuthorizationCode",
    "ConsentEvent",
    "ConsentPurpose",
    "ConsentState",
    "CookieEntry",
    "DataCategory",
    "Decision",
    "DeletionReceipt",
    "Device",
    "FeeQuote",
    "GuardianLink",
    "IdempotencyRecord",
    "IdentityDocument",
    "ImpactAssessment",
    "Incident",
    "IncidentNotice",
    "Location",
    "LogEntry",
    "Notice",
    "Order",
    "OrderItem",
    "PolicyAck",
    "PolicyVersion",
    "PrivacyRequest",
    "ProfileField",
    "RateLimitEntry",
    "Recipient",
    "RecipientEvent",
    "RefreshToken",
    "RequestEvent",
    "ServiceContact",
    "SigningKey",
    "Subscription",
    "Tag",
    "Track",
    "User",
]
