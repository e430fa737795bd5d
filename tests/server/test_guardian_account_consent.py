"""A guardian gives or withdraws their consent to a ward's account over the API (the route of
`server/routes/guardian_consent.py`), over real HTTP against the demo shops.

Silumart's policy (§ 6) lets a minor hold an account only with a guardian's consent: the
guardian's own sign-in withdraws it, every sign-in of the minor ends at once, the minor's log
names the guardian, and giving it again lets the minor sign in. Every refusal is a problem in
the caller's language; hostile input never makes a 500.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
import requests
from sqlalchemy import update

from server.embedded import RunningShop
from server.models import User
from tests.server.test_assist import start_assist
from tests.server.test_guardians import (
    _withdraw_ends_every_sign_in,
    authorize_page,
    log_entries,
    refused_redirect,
    signed_in,
    ward_api,
)
from tests.support.oauth_login import Api

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = {"Accept-Language": "zh-CN"}


def ward_id(guardian: Api) -> str:
    [ward] = guardian.get("/guardian/wards").json()["items"]
    return str(ward["id"])


def put_consent(
    guardian: Api, ward: str, state: str, key: str | None = None, **headers: str
) -> requests.Response:
    sent = {"Idempotency-Key": key or str(uuid.uuid4()), **headers}
    return guardian.put(
        f"/guardian/wards/{ward}/account-consent", json={"state": state}, headers=sent
    )


def test_the_guardian_withdraws_and_gives_the_consent_from_their_own_sign_in(
    make_shop: Any,
) -> None:
    shop: RunningShop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward = ward_id(guardian)
    [listed] = guardian.get("/guardian/wards").json()["items"]
    before = listed["account_consent"]
    assert before["state"] == "granted"
    assert before["sign_in_allowed"] is True
    assert before["clause"]["number"] == "6.P.accounts"
    key = str(uuid.uuid4())
    answers: list[requests.Response] = []

    def withdraw() -> None:
        answers.append(put_consent(guardian, ward, "withdrawn", key))

    _withdraw_ends_every_sign_in(shop, withdraw)
    [answer] = answers
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["state"], body["sign_in_allowed"], body["changed"]) == ("withdrawn", False, True)
    assert body["sign_ins_ended"] >= 4  # two access and two refresh tokens at least
    # the same key again replays the answer; the same state with a new key changes nothing
    replay = put_consent(guardian, ward, "withdrawn", key)
    assert replay.status_code == 200
    assert replay.json() == body
    again = put_consent(guardian, ward, "withdrawn")
    assert again.status_code == 200
    assert again.json()["changed"] is False
    assert again.json()["sign_ins_ended"] == 0
    [listed] = guardian.get("/guardian/wards").json()["items"]
    assert listed["account_consent"]["state"] == "withdrawn"
    assert refused_redirect(authorize_page(shop, "alice.chen", "en"))["error"] == "access_denied"

    # the ward's log names the guardian, once for the change (not for the no-op repeat)
    ward_session, _item = ward_api(shop, guardian)
    path = f"/v1/guardian/wards/{ward}/account-consent"
    changes = [e for e in log_entries(ward_session) if e["resource"] == path]
    assert len(changes) == 1
    [entry] = changes
    assert (entry["actor"], entry["role"], entry["action"]) == (
        "陈静 Chen Jing",
        "guardian",
        "update",
    )
    assert entry["what"]["kind"] == "account_consent"
    assert "/" not in entry["what"]["text"]
    # ... and the guardian's own log holds each of their calls
    own = [e for e in log_entries(guardian) if e["resource"] == path]
    assert len(own) == 3
    assert {e["role"] for e in own} == {"subject"}

    given = put_consent(guardian, ward, "granted")
    assert given.status_code == 200, given.text
    assert (given.json()["state"], given.json()["sign_in_allowed"]) == ("granted", True)
    assert given.json()["sign_ins_ended"] == 0
    assert signed_in(shop, "alice.chen").get("/me").status_code == 200


def assert_problem(answer: requests.Response, status: int, code: str, chinese: bool) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["code"] == code, body
    assert bool(CJK.search(body["detail"])) is chinese, body["detail"]


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_every_refusal_is_a_problem_in_the_callers_language(make_shop: Any, language: str) -> None:
    shop: RunningShop = make_shop("silumart")
    zh = language == "zh-CN"
    lang = {"Accept-Language": language}
    guardian = signed_in(shop, "chen.jing")
    ward = ward_id(guardian)
    # a session on the ward's data is the ward's token: it cannot end the ward's consent
    ward_session, _item = ward_api(shop, guardian)
    assert_problem(put_consent(ward_session, ward, "withdrawn", **lang), 403, "forbidden", zh)
    # an agent's assist session on the guardian's account neither
    assisting, _body = start_assist(shop, guardian)
    assert_problem(put_consent(assisting, ward, "withdrawn", **lang), 403, "forbidden", zh)
    # someone who is not this ward's guardian: no such ward for them
    stranger = signed_in(shop, "zhang.wei")
    assert_problem(put_consent(stranger, ward, "withdrawn", **lang), 404, "not_found", zh)
    # the minor themself
    minor = signed_in(shop, "alice.chen")
    assert_problem(put_consent(minor, ward, "withdrawn", **lang), 404, "not_found", zh)
    # an unknown state, a missing one, a body that is not JSON
    unknown = put_consent(guardian, ward, "maybe", **lang)
    assert unknown.status_code == 422
    assert bool(CJK.search(unknown.text)) is zh
    path = f"/guardian/wards/{ward}/account-consent"
    assert guardian.put(path, json={}, headers=lang).status_code == 422
    assert guardian.put(path, data=b"\xff{", headers=lang).status_code == 422
    # the same key with another body
    key = str(uuid.uuid4())
    assert put_consent(guardian, ward, "granted", key).status_code == 200
    assert_problem(
        put_consent(guardian, ward, "withdrawn", key, **lang), 422, "idempotency_conflict", zh
    )
    assert_problem(
        put_consent(guardian, ward, "withdrawn", "\u00e9" * 3, **lang),
        400,
        "invalid_idempotency_key",
        zh,
    )
    # a ward who no longer needs a guardian (turned eighteen)
    with shop.ctx.sessions() as db:
        db.execute(
            update(User)
            .where(User.username == "alice.chen")
            .values(is_minor=False, legal_capacity="full")
        )
        db.commit()
    assert_problem(put_consent(guardian, ward, "withdrawn", **lang), 403, "guardian_not_needed", zh)
    assert signed_in(shop, "alice.chen").get("/me").status_code == 200


def test_a_shop_whose_policy_asks_no_account_consent_says_so(make_shop: Any) -> None:
    shop: RunningShop = make_shop("sinomai")
    guardian = signed_in(shop, "liu.min")
    [listed] = guardian.get("/guardian/wards").json()["items"]
    assert listed["account_consent"] is None
    answer = put_consent(guardian, str(listed["id"]), "withdrawn", **ZH)
    assert_problem(answer, 409, "account_consent_not_asked", True)
    assert signed_in(shop, "bob.liu").get("/me").status_code == 200


HOSTILE_IDS = ["0", "-1", "abc", "9" * 30, "1e3", "%00", "%E4%BD%A0", "..%2F..%2Fme", "1%20", " 1"]


def test_hostile_ward_ids_are_refused_never_a_500(make_shop: Any) -> None:
    shop: RunningShop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    for ward in HOSTILE_IDS:
        answer = guardian.put(
            f"{shop.url}/v1/guardian/wards/{ward}/account-consent", json={"state": "withdrawn"}
        )
        assert answer.status_code in (400, 404, 422), (ward, answer.status_code, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert signed_in(shop, "alice.chen").get("/me").status_code == 200


def test_hostile_bodies_never_make_a_500(make_shop: Any) -> None:
    shop: RunningShop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward = ward_id(guardian)
    path = f"/guardian/wards/{ward}/account-consent"
    bodies: list[Any] = [
        None,
        [],
        "withdrawn",
        {"state": None},
        {"state": ["withdrawn"]},
        {"state": "withdrawn\u0000"},
        {"state": "WITHDRAWN"},
        {"state": "granted", "guardian_present": "yes please"},
        {"state": "x" * 100_000},
        {"state": "withdrawn", "extra": {"deep": [1] * 1000}},
    ]
    for body in bodies:
        answer = guardian.put(path, json=body)
        assert answer.status_code in (400, 413, 422), (body, answer.status_code)
    # nothing was changed by any of them
    [listed] = guardian.get("/guardian/wards").json()["items"]
    assert listed["account_consent"]["state"] == "granted"


def test_the_guardian_withdraws_on_postgres(pg_database: Any) -> None:
    """The same on PostgreSQL, where the ward's row is locked (`FOR UPDATE`) for the change."""
    from datetime import timedelta

    from server.context import ServerConfig
    from server.demo.seeding import seed_for_demo
    from server.shops import shop_profile

    config = ServerConfig(
        db_url=pg_database(),
        shop=shop_profile("silumart"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    try:
        seed_for_demo(shop.ctx, tracks=50)
        shop.start()
        guardian = signed_in(shop, "chen.jing")
        ward = ward_id(guardian)

        def withdraw() -> None:
            answer = put_consent(guardian, ward, "withdrawn")
            assert answer.status_code == 200, answer.text
            assert answer.json()["sign_ins_ended"] >= 4

        _withdraw_ends_every_sign_in(shop, withdraw)
        assert put_consent(guardian, ward, "granted").status_code == 200
        assert signed_in(shop, "alice.chen").get("/me").status_code == 200
    finally:
        shop.stop()


def _pg_silumart(pg_database: Any) -> RunningShop:
    from datetime import timedelta

    from server.context import ServerConfig
    from server.demo.seeding import seed_for_demo
    from server.shops import shop_profile

    config = ServerConfig(
        db_url=pg_database(),
        shop=shop_profile("silumart"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    seed_for_demo(shop.ctx, tracks=20)
    shop.start()
    return shop


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_policy_asking_the_guardians_presence_refuses_a_change_without_it(
    make_shop: Any, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    """No demo policy has both an account clause and a presence rule: Silumart's, with its
    guardian rule asking the guardian to be present (as Sinomai's does). A change that does
    not say so is refused in the caller's language, and nothing changes or is logged as one;
    said, the same change goes through."""
    from dataclasses import replace

    from server.demo.policies import policy_for, silumart

    rule = silumart.POLICY.guardian
    assert rule is not None
    assert rule.account_clause is not None
    assert not rule.presence_required  # else this test would test nothing new
    asking = replace(silumart.POLICY, guardian=replace(rule, presence_required=True))
    monkeypatch.setattr(silumart, "POLICY", asking)  # policy_for reads it on every call
    shop: RunningShop = (
        make_shop("silumart")
        if database == "sqlite"
        else _pg_silumart(request.getfixturevalue("pg_database"))
    )
    try:
        assert policy_for(shop.ctx.shop.id) is asking
        guardian = signed_in(shop, "chen.jing")
        ward = ward_id(guardian)
        [listed] = guardian.get("/guardian/wards").json()["items"]
        assert listed["rule"]["presence_required"] is True  # what the app reads to ask for it
        minor = signed_in(shop, "alice.chen")
        path = f"/v1/guardian/wards/{ward}/account-consent"
        key = str(uuid.uuid4())
        for language, zh in (("en", False), ("zh-CN", True)):
            for present in (None, False):
                body: dict[str, Any] = {"state": "withdrawn"}
                if present is not None:
                    body["guardian_present"] = present
                answer = guardian.put(
                    path[len("/v1") :],
                    json=body,
                    headers={"Idempotency-Key": key, "Accept-Language": language},
                )
                assert_problem(answer, 422, "guardian_presence_required", zh)
                detail = answer.json()["detail"]
                assert ("监护人在场" in detail) if zh else ("present" in detail), detail
                assert answer.headers["Content-Language"] == language
                assert answer.json()["clauses"], answer.json()  # where the policy says so
        # nothing changed: the consent stands, the minor's sign-in still works, and the
        # minor's log has no change under the guardian's name
        [listed] = guardian.get("/guardian/wards").json()["items"]
        assert listed["account_consent"]["state"] == "granted"
        assert minor.get("/me").status_code == 200
        ward_session, _item = ward_api(shop, guardian)
        assert not [e for e in log_entries(ward_session) if e["resource"] == path]
        # said present (the same key: a refusal is not kept as the key's answer), it changes
        done = guardian.put(
            path[len("/v1") :],
            json={"state": "withdrawn", "guardian_present": True},
            headers={"Idempotency-Key": key},
        )
        assert done.status_code == 200, done.text
        assert (done.json()["state"], done.json()["changed"]) == ("withdrawn", True)
        assert minor.get("/me").status_code == 401
        changes = [e for e in log_entries(ward_session) if e["resource"] == path]
        assert [(e["role"], e["action"]) for e in changes] == [("guardian", "update")]
    finally:
        if database != "sqlite":
            shop.stop()
