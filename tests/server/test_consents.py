"""Consents with signed receipts, subscriptions and cookies, over real HTTP."""

from __future__ import annotations

import base64
import json
import re
import secrets
from datetime import timedelta
from typing import Any

import pytest
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select

from server.auth.tokens import token_hash
from server.embedded import RunningShop
from server.models import AccessToken, AssistSession, ConsentPurpose, ConsentState, User
from tests.conftest import AGENT, SHOPPER
from tests.support.oauth_login import Api

RECEIPT_FIELDS = {"id", "purpose", "granted", "at", "policy_version", "subject"}
CONSENT_KEYS = {
    "id",
    "purpose",
    "title",
    "title_zh",
    "description",
    "legal_basis",
    "required",
    "granted",
    "updated_at",
    "policy_version",
    "destination_country",
    "clause",
    "clause_title",
    "basis",
    "refusal_consequence",
}
LEGAL_BASES = {
    "consent",
    "contract",
    "legal_obligation",
    "legitimate_interest",
    "vital_interest",
    "public_interest",
}


# --- an independent verifier: no server code, only the contract and `cryptography` -----------


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def shop_keys(base_url: str) -> dict[str, Ed25519PublicKey]:
    doc = requests.get(f"{base_url}/.well-known/privacy-api", timeout=10).json()
    keys = {}
    for key in doc["signing_keys"]:
        assert key["alg"] == "Ed25519"
        keys[key["kid"]] = Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key"]))
    return keys


def receipt_is_valid(receipt: dict[str, Any], keys: dict[str, Ed25519PublicKey]) -> bool:
    key = keys.get(receipt["kid"])
    if key is None:
        return False
    signed = {field: receipt[field] for field in RECEIPT_FIELDS}
    try:
        key.verify(base64.b64decode(receipt["signature"]), canonical(signed))
    except InvalidSignature:
        return False
    return True


# --- helpers --------------------------------------------------------------------------------


def customer_no(shop: RunningShop, username: str) -> str:
    with shop.ctx.sessions() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        return user.customer_no


def consents(api: Api) -> list[dict[str, Any]]:
    response = api.get("/consents")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def optional_purpose(api: Api) -> dict[str, Any]:
    for item in consents(api):
        if not item["required"]:
            return item
    raise AssertionError("the demo shop has no optional purpose")


def agent_token(shop: RunningShop, subject_username: str, scope: str = "privacy.read") -> str:
    """An assist-session token for the demo agent on the subject (set up in the database)."""
    token = secrets.token_urlsafe(32)
    now = shop.ctx.clock.now()
    with shop.ctx.sessions() as session:
        subject = session.scalars(select(User).where(User.username == subject_username)).one()
        agent = session.scalars(select(User).where(User.username == AGENT[0])).one()
        assist = AssistSession(
            subject_id=subject.id,
            agent_id=agent.id,
            reason="test help",
            started_at=now,
            expires_at=now + timedelta(minutes=30),
        )
        session.add(assist)
        session.flush()
        session.add(
            AccessToken(
                token_hash=token_hash(token),
                subject_id=subject.id,
                actor_id=agent.id,
                assist_session_id=assist.id,
                scope=scope,
                auth_time=now,
                expires_at=now + timedelta(minutes=30),
            )
        )
        session.commit()
    return token


# --- consents -------------------------------------------------------------------------------


def test_consents_list_shape_and_order(shop: RunningShop, api: Api) -> None:
    items = consents(api)
    with shop.ctx.sessions() as session:
        expected = [
            p.key
            for p in session.scalars(
                select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
            )
        ]
    assert [i["purpose"] for i in items] == expected
    assert any(i["required"] for i in items)
    assert any(not i["required"] for i in items)
    for item in items:
        assert set(item) == CONSENT_KEYS
        assert item["id"] == item["purpose"]
        assert item["legal_basis"] in LEGAL_BASES
        assert isinstance(item["granted"], bool)
        assert item["title"]
        assert item["title_zh"]
        assert item["description"]


def test_switch_consent_returns_a_verifiable_receipt(shop: RunningShop, api: Api) -> None:
    keys = shop_keys(shop.url)
    policy_version = requests.get(f"{shop.url}/.well-known/privacy-api", timeout=10).json()[
        "policy"
    ]["version"]
    purpose = optional_purpose(api)
    wanted = not purpose["granted"]

    response = api.put(f"/consents/{purpose['purpose']}", json={"granted": wanted})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"consent", "receipt", "changed"}
    assert body["changed"] is True
    consent, receipt = body["consent"], body["receipt"]
    assert set(consent) == CONSENT_KEYS
    assert consent["granted"] is wanted
    assert consent["policy_version"] == policy_version
    assert set(receipt) == RECEIPT_FIELDS | {"kid", "signature"}
    assert re.fullmatch(r"rcpt_[0-9a-f]{24}", receipt["id"])
    assert receipt["purpose"] == purpose["purpose"]
    assert receipt["granted"] is wanted
    assert receipt["policy_version"] == policy_version
    assert receipt["subject"] == customer_no(shop, SHOPPER[0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", receipt["at"])
    assert receipt_is_valid(receipt, keys)

    # the verifier really checks: any changed field breaks the signature
    for field, value in (
        ("granted", not wanted),
        ("purpose", "other"),
        ("subject", "SM0"),
        ("at", "2020-01-01T00:00:00.000000Z"),
        ("policy_version", "0"),
    ):
        assert not receipt_is_valid({**receipt, field: value}, keys), field

    again = next(i for i in consents(api) if i["purpose"] == purpose["purpose"])
    assert again["granted"] is wanted
    assert again["updated_at"] is not None

    # setting the same state again changes nothing: no new receipt, the one that recorded it
    history_before = api.get("/consents/history", params={"limit": 500}).json()["items"]
    repeat = api.put(f"/consents/{purpose['purpose']}", json={"granted": wanted})
    assert repeat.status_code == 200
    assert repeat.json()["changed"] is False
    assert repeat.json()["receipt"] == receipt
    assert repeat.json()["consent"] == consent
    assert api.get("/consents/history", params={"limit": 500}).json()["items"] == history_before

    # and switching back works too
    back = api.put(f"/consents/{purpose['purpose']}", json={"granted": not wanted})
    assert back.status_code == 200
    assert back.json()["consent"]["granted"] is (not wanted)
    assert receipt_is_valid(back.json()["receipt"], keys)


def test_required_purpose_cannot_be_withdrawn(shop: RunningShop, api: Api) -> None:
    required = next(i for i in consents(api) if i["required"])
    response = api.put(f"/consents/{required['purpose']}", json={"granted": False})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "consent_required"
    assert "cancel" in problem["detail"].lower()
    after = next(i for i in consents(api) if i["purpose"] == required["purpose"])
    assert after == required
    with shop.ctx.sessions() as session:
        user = session.scalars(select(User).where(User.username == SHOPPER[0])).one()
        state = session.scalars(
            select(ConsentState).where(
                ConsentState.user_id == user.id, ConsentState.purpose == required["purpose"]
            )
        ).first()
        assert state is None or state.granted
    # granting a required purpose is allowed (it is already needed)
    assert api.put(f"/consents/{required['purpose']}", json={"granted": True}).status_code == 200


def test_consent_errors(api: Api) -> None:
    purpose = optional_purpose(api)["purpose"]
    unknown = api.put("/consents/no_such_purpose", json={"granted": True})
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    for bad in ({}, {"granted": "yes"}, {"granted": True, "extra": 1}, [True]):
        response = api.put(f"/consents/{purpose}", json=bad)
        assert response.status_code == 422, bad
        assert response.json()["code"] == "validation_failed"
    assert api.get("/consents/receipts/rcpt_000000000000000000000000").status_code == 404
    assert api.get("/consents/receipts/nonsense").status_code == 404


def test_agents_cannot_change_consents(shop: RunningShop) -> None:
    agent = Api(shop.url + "/v1", agent_token(shop, SHOPPER[0]))
    assert agent.get("/consents").status_code == 200
    purpose = optional_purpose(agent)["purpose"]
    for path, body in (
        (f"/consents/{purpose}", {"granted": True}),
        ("/subscriptions/email", {"enabled": False}),
    ):
        response = agent.put(path, json=body)
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "forbidden"


def test_history_contains_changes_and_every_receipt_verifies(shop: RunningShop, api: Api) -> None:
    keys = shop_keys(shop.url)
    purpose = optional_purpose(api)
    made = []
    for granted in (not purpose["granted"], purpose["granted"], not purpose["granted"]):
        response = api.put(f"/consents/{purpose['purpose']}", json={"granted": granted})
        assert response.status_code == 200
        made.append(response.json()["receipt"])

    first = api.get("/consents/history", params={"limit": 2})
    assert first.status_code == 200
    assert [r["id"] for r in first.json()["items"]] == [made[2]["id"], made[1]["id"]]

    history: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/consents/history", params=params).json()
        history.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    ids = [r["id"] for r in history]
    assert len(ids) == len(set(ids))
    assert ids[:3] == [m["id"] for m in reversed(made)]
    assert history[:3] == list(reversed(made))
    stamps = [(r["at"], r["id"]) for r in history]
    assert [s[0] for s in stamps] == sorted((s[0] for s in stamps), reverse=True)
    subject = customer_no(shop, SHOPPER[0])
    for receipt in history:
        assert set(receipt) == RECEIPT_FIELDS | {"kid", "signature"}
        assert receipt["subject"] == subject
        assert receipt_is_valid(receipt, keys), receipt

    one = api.get(f"/consents/receipts/{made[0]['id']}")
    assert one.status_code == 200
    assert one.json() == made[0]


# --- subscriptions --------------------------------------------------------------------------


def test_subscriptions(api: Api) -> None:
    response = api.get("/subscriptions")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["channel"] for i in items] == ["sms", "email", "push", "internal_letter"]
    for item in items:
        assert set(item) == {"id", "channel", "enabled", "updated_at"}
        assert isinstance(item["enabled"], bool)
    email = items[1]
    changed = api.put("/subscriptions/email", json={"enabled": not email["enabled"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["enabled"] is (not email["enabled"])
    assert changed.json()["updated_at"] is not None
    after = {i["channel"]: i for i in api.get("/subscriptions").json()["items"]}
    assert after["email"]["enabled"] is (not email["enabled"])
    assert after["sms"] == items[0]
    assert api.put("/subscriptions/fax", json={"enabled": True}).status_code == 404
    bad = api.put("/subscriptions/sms", json={"enabled": "sure"})
    assert bad.status_code == 422


# --- cookies --------------------------------------------------------------------------------


def all_cookies(api: Api, limit: int = 3) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/cookies", params=params)
        assert response.status_code == 200, response.text
        out.extend(response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return out


def test_cookie_inventory_and_active_flag_follows_consent(api: Api) -> None:
    cookies = all_cookies(api)
    assert cookies == api.get("/cookies", params={"limit": 500}).json()["items"]
    assert [int(c["id"]) for c in cookies] == sorted(int(c["id"]) for c in cookies)
    keys = {
        "id",
        "name",
        "technology",
        "purpose",
        "consent_purpose",
        "party",
        "provider",
        "lifetime",
        "active",
        "clause",
        "basis",
    }
    for cookie in cookies:
        assert set(cookie) == keys
        if cookie["consent_purpose"] is None:
            assert cookie["active"] is True
    purposes = {i["purpose"]: i for i in consents(api)}
    gated = [
        c
        for c in cookies
        if c["consent_purpose"] in purposes and not purposes[c["consent_purpose"]]["required"]
    ]
    if not gated:
        pytest.skip("the demo shop has no cookie behind an optional consent")
    purpose = gated[0]["consent_purpose"]
    for granted in (True, False, True):
        assert api.put(f"/consents/{purpose}", json={"granted": granted}).status_code == 200
        now = {c["id"]: c for c in all_cookies(api, limit=100)}
        for cookie in gated:
            if cookie["consent_purpose"] == purpose:
                assert now[cookie["id"]]["active"] is granted
