"""The discovery document."""

from __future__ import annotations

from pydantic import Field

from server.schemas.common import ApiModel


class ShopInfo(ApiModel):
    id: str
    name: str = Field(description="The shop's name in the asked language.")
    name_zh: str = Field(description="The shop's Chinese name, whatever the language.")
    logo_url: str
    locales: list[str]


class OAuthInfo(ApiModel):
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    client_id: str
    scopes_supported: list[str]
    code_challenge_methods_supported: list[str]


class Deadline(ApiModel):
    days: int
    calendar: str


class RequestsInfo(ApiModel):
    types: list[str]
    deadline: Deadline
    verification_required_for: list[str]


class SigningKeyInfo(ApiModel):
    kid: str
    alg: str
    public_key: str


class PolicyInfo(ApiModel):
    url: str
    version: str


class ContactInfo(ApiModel):
    privacy_email: str


class RetentionInfo(ApiModel):
    default: str
    deletes_on_cancellation: bool


class Discovery(ApiModel):
    shop: ShopInfo
    api_base: str
    oauth: OAuthInfo
    requests: RequestsInfo
    signing_keys: list[SigningKeyInfo]
    policy: PolicyInfo
    contact: ContactInfo
    retention: RetentionInfo
