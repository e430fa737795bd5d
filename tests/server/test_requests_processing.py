"""The shop's side: every request type from creation to its final state, over real HTTP."""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import timedelta

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select

from server.admin import answer, approve
from server.models import (
    AccessToken,
    ConsentPurpose,
    ConsentState,
    Decision,
    DeletionReceipt,
    Device,
    Location,
    LogEntry,
    Order,
    ProfileField,
    RecipientEvent,
    RefreshToken,
    Tag,
    Track,
    User,
)
from server.processor import RequestProcessor
from server.signing import canonical_json
from tests.support.oauth_login import Api, sign_in


def file(api: Api, rtype: str, details: dict | None = None) -> dict:
    response = api.post(
        "/requests",
        json={"type": rtype, "details": details or {}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return response.json()


def verified(api: Api, req: dict) -> dict:
    if req["status"] != "identity_unverified":
        return req
    code = api.get(f"/requests/{req['id']}/demo-verification-code").json()["code"]
    response = api.post(f"/requests/{req['id']}/verify", json={"code": code})
    assert response.status_code == 200, response.text
    return response.json()


def drive(shop, api: Api, rid: str, steps: int = 2) -> dict:
    processor = RequestProcessor(shop.ctx)
    for _ in range(steps):
        processor.run_once()
    return api.get(f"/requests/{rid}").json()


def subject_id(shop, username: str) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == username)).one()


def count(shop, model, user: int) -> int:
    with shop.ctx.sessions() as db:
        return db.scalar(select(func.count()).select_from(model).where(model.user_id == user))


def signing_key(shop) -> Ed25519PublicKey:
    discovery = requests.get(f"{shop.url}/.well-known/privacy-api", timeout=10).json()
    raw = base64.b64decode(discovery["signing_keys"][0]["public_key"])
    return Ed25519PublicKey.from_public_bytes(raw)


def test_correction_applies_to_a_non_editable_field(shop, api):
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        field = db.scalars(
            select(ProfileField).where(
                ProfileField.user_id == me,
                ProfileField.editable.is_(False),
                ProfileField.value.is_not(None),
            )
        ).first()
    assert field is not None
    req = file(
        api,
        "correction",
        {"field": field.key, "current": field.value, "proposed": "Corrected 更正"},
    )
    assert req["status"] == "pending"
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed", done
    assert done["result"] == {
        "kind": "correction",
        "available": True,
        "media_type": "application/json",
        "size": None,
        "sha256": None,
    }
    result = api.get(f"/requests/{req['id']}/result").json()
    assert result["field"] == field.key
    assert result["before"] == field.value
    assert result["after"] == "Corrected 更正"
    me_fields = {f["key"]: f["value"] for f in api.get("/me").json()["fields"]}
    assert me_fields[field.key] == "Corrected 更正"
    # replaying the same correction now is stale
    stale = api.post(
        "/requests",
        json={
            "type": "correction",
            "details": {"field": field.key, "current": field.value, "proposed": "again"},
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert stale.status_code == 409


def test_result_is_not_ready_until_completed(shop, api):
    req = file(api, "complaint", {"text": "Where is my refund?"})
    response = api.get(f"/requests/{req['id']}/result")
    assert response.status_code == 404
    assert response.json()["code"] == "result_not_ready"


def test_deletion_by_category_removes_data_and_notifies_recipients(shop, api):
    me = subject_id(shop, "lin.mei")
    other = subject_id(shop, "zhang.wei")
    assert count(shop, Track, me) > 0
    assert count(shop, Tag, me) > 0
    other_tracks = count(shop, Track, other)
    with shop.ctx.sessions() as db:
        shared = set()
        for event in db.scalars(select(RecipientEvent).where(RecipientEvent.user_id == me)):
            if {"tracks", "tags", "locations"} & set(json.loads(event.categories)):
                shared.add(event.recipient_id)
    req = verified(api, file(api, "deletion", {"categories": ["tracks", "tags", "locations"]}))
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed", done
    assert count(shop, Track, me) == 0
    assert count(shop, Tag, me) == 0
    assert count(shop, Location, me) == 0
    assert count(shop, Track, other) == other_tracks
    assert api.get("/tracks").json()["items"] == []
    assert api.get("/tags").json()["items"] == []
    result = api.get(f"/requests/{req['id']}/result").json()
    assert result["kind"] == "deletion_receipts"
    assert result["deleted"]["tracks"] > 0
    assert result["deleted"]["tags"] > 0
    assert {r["recipient_id"] for r in result["receipts"]} == {str(i) for i in shared}
    assert shared, "the demo data shares some of these categories"
    for receipt in result["receipts"]:
        assert receipt["notified_at"]
        assert receipt["backup_purge_at"]
        assert set(receipt["categories"]) <= {"tracks", "tags", "locations"}
        assert receipt["confirmed_at"] is None
    # the recipients confirm on their own a moment later
    RequestProcessor(shop.ctx).run_once()
    confirmed = api.get(f"/requests/{req['id']}/result").json()["receipts"]
    assert all(r["confirmed_at"] for r in confirmed)
    assert confirmed[0]["backup_purge_at"] > confirmed[0]["notified_at"]


def test_deletion_of_items_and_orders(shop, api):
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        tracks = list(db.scalars(select(Track.id).where(Track.user_id == me).limit(3)))
        order = db.scalars(
            select(Order).where(Order.user_id == me, Order.removed_at.is_(None))
        ).first()
        device = db.scalars(select(Device.id).where(Device.user_id == me)).first()
    assert order is not None
    assert device is not None
    before = count(shop, Track, me)
    req = verified(
        api,
        file(
            api,
            "deletion",
            {
                "items": [
                    {"category": "tracks", "ids": [str(t) for t in tracks]},
                    {"category": "orders", "ids": [str(order.id)]},
                    {"category": "devices", "ids": [str(device)]},
                ]
            },
        ),
    )
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed", done
    assert count(shop, Track, me) == before - 3
    with shop.ctx.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Track).where(Track.id.in_(tracks))) == 0
        hidden = db.get(Order, order.id)
        assert hidden is not None
        assert hidden.removed_at is not None
        assert hidden.retained_until is not None
        assert db.get(Device, device) is None
    assert api.get(f"/orders/{order.id}").status_code == 404
    result = api.get(f"/requests/{req['id']}/result").json()
    assert result["deleted"] == {"tracks": 3, "orders": 1, "devices": 1}
    assert "orders" in result["retained"]


def test_explanation_comes_from_the_decision_record(shop, api):
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        decision = db.scalars(select(Decision).where(Decision.user_id == me)).first()
    assert decision is not None
    req = file(api, "explanation", {"decision_id": str(decision.id)})
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed"
    result = api.get(f"/requests/{req['id']}/result").json()
    assert result["decision_id"] == str(decision.id)
    assert result["system"] == decision.system
    assert result["outcome"] == decision.outcome
    assert result["model_version"] == decision.model_version
    assert result["inputs"] == json.loads(decision.inputs)
    weights = [f["weight"] for f in result["main_factors"]]
    assert weights == sorted(weights, key=abs, reverse=True)
    stored = {f["factor"]: f["weight"] for f in json.loads(decision.factors)}
    assert {f["factor"]: f["weight"] for f in result["main_factors"]}.items() <= stored.items()
    assert result["human_review_available"] is True
    assert "human_review" in result["how_to_contest"]


def test_human_review_and_complaint_wait_for_a_person(shop, api):
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        decision = db.scalars(select(Decision).where(Decision.user_id == me)).first()
    assert decision is not None
    review = file(
        api, "human_review", {"decision_id": str(decision.id), "statement": "I did not do this."}
    )
    complaint = file(
        api, "complaint", {"text": "Nobody answers.", "related_request_id": review["id"]}
    )
    for _ in range(4):
        RequestProcessor(shop.ctx).run_once()
    assert api.get(f"/requests/{review['id']}").json()["status"] == "in_progress"
    assert api.get(f"/requests/{complaint['id']}").json()["status"] == "in_progress"
    answer(
        shop.ctx,
        int(review["id"]),
        "A colleague checked it: the flag was lifted.",
        officer="officer Qian",
    )
    approve(shop.ctx, int(complaint["id"]), "We apologise and will call you.")
    reviewed = api.get(f"/requests/{review['id']}").json()
    assert reviewed["status"] == "completed"
    assert reviewed["timeline"][-1]["actor"] == "officer Qian"
    result = api.get(f"/requests/{review['id']}/result").json()
    assert result["answer"] == "A colleague checked it: the flag was lifted."
    assert result["decided_by"] == "officer Qian"
    assert api.get(f"/requests/{complaint['id']}/result").json()["answer"].startswith("We apol")


def test_consent_withdrawal_sets_consents_and_signs_receipts(shop, api):
    me = subject_id(shop, "lin.mei")
    with shop.ctx.sessions() as db:
        optional = [
            p.key
            for p in db.scalars(select(ConsentPurpose).where(ConsentPurpose.required.is_(False)))
        ][:2]
    assert len(optional) == 2
    req = file(api, "consent_withdrawal", {"purposes": optional})
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed"
    consents = {c["purpose"]: c for c in api.get("/consents").json()["items"]}
    assert all(consents[p]["granted"] is False for p in optional)
    with shop.ctx.sessions() as db:
        states = db.scalars(
            select(ConsentState).where(
                ConsentState.user_id == me, ConsentState.purpose.in_(optional)
            )
        )
        assert all(not s.granted for s in states)
    result = api.get(f"/requests/{req['id']}/result").json()
    key = signing_key(shop)
    assert {r["purpose"] for r in result["receipts"]} == set(optional)
    for receipt in result["receipts"]:
        signed = {
            k: receipt[k] for k in ("id", "purpose", "granted", "at", "policy_version", "subject")
        }
        assert signed["subject"] == "SM100001"
        assert signed["granted"] is False
        key.verify(base64.b64decode(receipt["signature"]), canonical_json(signed))
    history = api.get("/consents/history").json()["items"]
    assert {r["id"] for r in result["receipts"]} <= {h["id"] for h in history}


def test_third_access_request_in_30_days_is_denied(make_shop):
    shop = make_shop("sinomai")  # access needs no verification code at Sinomai
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    processor = RequestProcessor(shop.ctx)
    ids = []
    for _ in range(3):
        ids.append(file(api, "access")["id"])
        processor.run_once()
    processor.run_once()
    first, second, third = (api.get(f"/requests/{i}").json() for i in ids)
    assert first["status"] == "completed"
    assert second["status"] == "completed"
    assert third["status"] == "denied"
    assert third["denial"]["reason"] == "repeated_request"
    # Sinomai's policy names no fee, so the refusal does not hint at one (Silumart quotes one:
    # tests/server/test_fees_and_grounds.py)
    assert "two access requests in 30 days" in third["denial"]["text"]
    assert "fee" not in third["denial"]["text"]
    assert third["resolution"] == third["denial"]["text"]
    assert third["result"]["available"] is False
    # 31 days later the shop answers again
    shop.ctx.clock.offset = timedelta(days=31)
    later = Api(api.base_url, str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    fourth = file(later, "access")
    assert drive(shop, later, fourth["id"])["status"] == "completed"


def test_cancellation_deletes_at_silumart(shop, api):
    me = subject_id(shop, "lin.mei")
    req = verified(api, file(api, "account_cancellation", {"reason": "no longer shopping"}))
    done = drive(shop, api, req["id"], steps=1)
    assert done["status"] == "in_progress"
    RequestProcessor(shop.ctx).run_once()
    assert api.get("/me").status_code == 401  # the account is closed, its tokens revoked
    with shop.ctx.sessions() as db:
        user = db.get(User, me)
        assert user is not None
        assert user.closed_at is not None
        assert (
            db.scalar(
                select(func.count())
                .select_from(AccessToken)
                .where(AccessToken.subject_id == me, AccessToken.revoked.is_(False))
            )
            == 0
        )
        assert (
            db.scalar(
                select(func.count())
                .select_from(RefreshToken)
                .where(RefreshToken.user_id == me, RefreshToken.revoked.is_(False))
            )
            == 0
        )
        assert (
            db.scalar(
                select(func.count())
                .select_from(ProfileField)
                .where(ProfileField.user_id == me, ProfileField.value.is_not(None))
            )
            == 0
        )
        orders = list(db.scalars(select(Order).where(Order.user_id == me)))
        assert orders
        assert all(o.removed_at and o.recipient_address == "—" for o in orders)
        assert db.scalar(select(func.count()).select_from(DeletionReceipt)) > 0
    for model in (Track, Tag, Location, LogEntry, Device, Decision):
        assert count(shop, model, me) == 0, model
    login = requests.get(
        f"{shop.url}/v1/me", timeout=10, headers={"Authorization": api.headers["Authorization"]}
    )
    assert login.status_code == 401


def test_cancellation_anonymises_at_sinomai(make_shop):
    shop = make_shop("sinomai")
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    me = subject_id(shop, "wang.fang")
    tracks = count(shop, Track, me)
    req = verified(api, file(api, "account_cancellation"))
    drive(shop, api, req["id"])
    with shop.ctx.sessions() as db:
        user = db.get(User, me)
        assert user is not None
        assert user.closed_at is not None
        assert (
            db.scalar(
                select(func.count())
                .select_from(ProfileField)
                .where(ProfileField.user_id == me, ProfileField.value.is_not(None))
            )
            == 0
        )
        assert all(
            d.device_uid == "anonymised"
            for d in db.scalars(select(Device).where(Device.user_id == me))
        )
    assert count(shop, Track, me) == tracks  # kept, no longer tied to a person's identifiers
    assert api.get("/requests").status_code == 401


def test_background_processor_moves_requests_on_its_own(make_shop):
    shop = make_shop("sinomai", run_processor=True, processor_delay=timedelta(seconds=0.1))
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == "wang.fang")).one()
        decision = db.scalars(select(Decision.id).where(Decision.user_id == me)).first()
    req = file(api, "explanation", {"decision_id": str(decision)})
    deadline = time.monotonic() + 10
    status = req["status"]
    while status != "completed" and time.monotonic() < deadline:
        time.sleep(0.1)
        status = api.get(f"/requests/{req['id']}").json()["status"]
    assert status == "completed"
    assert shop.processor is not None
    shop.processor.stop()
    shop.processor.stop()  # stopping twice is harmless
