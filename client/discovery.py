"""The shop's discovery document (`/.well-known/privacy-api`), fetched and validated.

A shop is configured by nothing more than its base URL; everything else (the API base, the
OAuth endpoints, request types, deadline, signing keys) comes from here. Every URL in the
document must itself be HTTPS (or loopback HTTP), so an HTTPS shop cannot send the app to a
plain-HTTP token endpoint.
"""

from __future__ import annotations

from typing import Any

import requests
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from client.errors import BadResponse, InsecureTransport
from client.transport import Transport, check_url_allowed, decode_json

WELL_KNOWN_PATH = "/.well-known/privacy-api"


class _Model(BaseModel):
    # Unknown keys are ignored so a newer shop does not break an older app.
    model_config = ConfigDict(extra="ignore", frozen=True)


class ShopInfo(_Model):
    id: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1)
    name_zh: str | None = None
    logo_url: str | None = None
    locales: tuple[str, ...] = ()


class OAuthInfo(_Model):
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    client_id: str = Field(min_length=1)
    scopes_supported: tuple[str, ...] = ()
    code_challenge_methods_supported: tuple[str, ...] = ()

    @field_validator("authorization_endpoint", "token_endpoint", "revocation_endpoint")
    @classmethod
    def _secure_endpoint(cls, value: str) -> str:
        return _secure_url(value)


class Deadline(_Model):
    days: int = Field(ge=0)
    calendar: str


class RequestsInfo(_Model):
    types: tuple[str, ...]
    deadline: Deadline
    verification_required_for: tuple[str, ...] = ()


class SigningKey(_Model):
    kid: str
    alg: str
    public_key: str


class PolicyInfo(_Model):
    url: str
    version: str


class ContactInfo(_Model):
    privacy_email: str | None = None


class RetentionInfo(_Model):
    default: str | None = None
    deletes_on_cancellation: bool | None = None


class Discovery(_Model):
    """What `/.well-known/privacy-api` says about one shop."""

    shop: ShopInfo
    api_base: str
    oauth: OAuthInfo
    requests: RequestsInfo
    signing_keys: tuple[SigningKey, ...] = ()
    policy: PolicyInfo
    contact: ContactInfo = ContactInfo()
    retention: RetentionInfo | None = None

    @field_validator("api_base")
    @classmethod
    def _secure_api_base(cls, value: str) -> str:
        return _secure_url(value)

    @property
    def shop_id(self) -> str:
        return self.shop.id

    @property
    def supports_pkce_s256(self) -> bool:
        methods = self.oauth.code_challenge_methods_supported
        return not methods or "S256" in methods


def _secure_url(value: str) -> str:
    try:
        check_url_allowed(value)
    except InsecureTransport as exc:
        raise ValueError(exc.user_message) from None
    return value


def parse_discovery(body: Any) -> Discovery:
    """Validate a decoded discovery document; anything malformed is a `BadResponse`."""
    if not isinstance(body, dict):
        raise BadResponse("The shop's discovery document is not a JSON object.")
    try:
        return Discovery.model_validate(body)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors()[:5])
        raise BadResponse(
            "The shop's discovery document is incomplete or malformed.",
            detail=f"invalid fields: {fields}",
        ) from None


def fetch_discovery(
    base_url: str,
    *,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = (5.0, 15.0),
    max_retries: int = 2,
) -> Discovery:
    """GET `{base_url}/.well-known/privacy-api` and validate it.

    Raises `InsecureTransport` for plain HTTP to a non-loopback host, `ConnectionFailed` when the
    shop cannot be reached, `NotFound` when the address is not a shop, `BadResponse` when the
    document is malformed.
    """
    base = normalize_base_url(base_url)
    transport = Transport(base, timeout=timeout, max_retries=max_retries, session=session)
    try:
        response = transport.request("GET", WELL_KNOWN_PATH, authenticated=False)
        try:
            body = decode_json(response)
        finally:
            response.close()
    finally:
        if session is None:
            transport.close()
    if response.status_code != 200:
        # A redirect (3xx) is not followed: a shop's discovery lives at its own address.
        raise BadResponse(
            "The shop's discovery address answered with a redirect.",
            status=response.status_code,
            request_id=response.headers.get("X-Request-Id"),
        )
    return parse_discovery(body)


def normalize_base_url(base_url: str) -> str:
    """Trim whitespace and trailing slashes; refuse insecure or malformed addresses."""
    base = base_url.strip().rstrip("/")
    check_url_allowed(base)
    return base


__all__ = [
    "WELL_KNOWN_PATH",
    "ContactInfo",
    "Deadline",
    "Discovery",
    "OAuthInfo",
    "PolicyInfo",
    "RequestsInfo",
    "RetentionInfo",
    "ShopInfo",
    "SigningKey",
    "fetch_discovery",
    "normalize_base_url",
    "parse_discovery",
]
