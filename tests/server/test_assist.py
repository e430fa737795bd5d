"""Assisted sessions over real HTTP: assist codes, agent sessions, their limits and their log."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import select

from server.demo.accounts import demo_accounts
from server.embedded import RunningShop
from server.models import AccessLogEntry, AccessToken, AssistCode, AssistSession, User
from server.timeutil import parse_rfc3339
from tests.conftest import AGENT, SECOND_SHOPPER, SHOPPER
from tests.support.oauth_login import Api, sign_in

REASON = "Case 4711: the customer cannot find where to withdraw marketing consent"
INVALID = "invalid_assist_code"


def customer_no(shop: RunningShop, username: str) -> str:
    return next(a.customer_no for a in demo_accounts(shop.ctx.shop) if a.username == username)


def agent_api(shop: RunningShop) -> Api:
    """The agent's own sign-in (scope `assist`), used to open sessions."""
    tokens = sign_in(shop.url, *AGENT, scope="privacy.read assist")
    return Api(shop.url + "/v1", str(tokens["access_token"]))


def shopper_api(shop: RunningShop, who: tuple[str, str] = SHOPPER) -> Api:
    """A fresh sign-in (tokens live 15 minutes, and tests move the clock past that)."""
    return Api(shop.url + "/v1", str(sign_in(shop.url, *who)["access_token"]))


def new_code(api: Api, **headers: str) -> dict[str, Any]:
    response = api.post("/assist/codes", headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def open_session(
    agent: Api, customer: str, code: str, reason: str = REASON, **headers: str
) -> requests.Response:
    return agent.post(
        "/assist/sessions",
        json={"customer_no": customer, "code": code, "reason": reason},
        headers=headers,
    )


def start_assist(shop: RunningShop, api: Api, agent: Api | None = None) -> tuple[Api, dict]:
    """lin.mei issues a code, the agent redeems it; returns the assist Api and the body."""
    code = new_code(api)
    response = open_session(agent or agent_api(shop), code["customer_no"], code["code"])
    assert response.status_code == 201, response.text
    body = response.json()
    return Api(shop.url + "/v1", body["access_token"]), body


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def has_route(shop: RunningShop, method: str, path: str) -> bool:
    """Whether the shop serves this operation (per its OpenAPI document; others are still
    filling in their routes)."""
    paths = requests.get(shop.url + "/openapi.json", timeout=30).json()["paths"]
    return method.lower() in paths.get(path, {})


def log_entries(shop: RunningShop, username: str) -> list[AccessLogEntry]:
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == username)).one()
        return list(
            db.scalars(
                select(AccessLogEntry)
                .where(AccessLogEntry.user_id == user.id)
                .order_by(AccessLogEntry.seq)
            )
        )


def assert_invalid(response: requests.Response) -> str:
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["code"] == INVALID
    assert response.headers["content-type"].startswith("application/problem+json")
    detail: str = body["detail"]
    return detail


# --- assist codes -----------------------------------------------------------------------------


def test_code_is_six_digits_for_ten_minutes_and_stored_hashed(shop: RunningShop, api: Api) -> None:
    before = shop.ctx.clock.now()
    body = new_code(api)
    assert set(body) == {"code", "expires_at", "customer_no"}
    assert len(body["code"]) == 6
    assert body["code"].isdigit()
    assert body["customer_no"] == customer_no(shop, SHOPPER[0])
    expires = parse_rfc3339(body["expires_at"])
    assert before + timedelta(minutes=10) <= expires <= shop.ctx.clock.now() + timedelta(minutes=10)
    with shop.ctx.sessions() as db:
        rows = list(db.scalars(select(AssistCode)))
    assert len(rows) == 1
    assert body["code"] not in rows[0].code_hash
    assert len(rows[0].code_hash) == 64


def test_code_response_is_not_cached(api: Api) -> None:
    response = api.post("/assist/codes")
    assert response.status_code == 201
    assert "no-store" in response.headers["cache-control"]


def test_idempotent_replay_returns_the_same_code_not_a_new_one(shop: RunningShop, api: Api) -> None:
    first = api.post("/assist/codes", headers={"Idempotency-Key": "code-key-1"})
    again = api.post("/assist/codes", headers={"Idempotency-Key": "code-key-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    with shop.ctx.sessions() as db:
        assert len(list(db.scalars(select(AssistCode)))) == 1
    # the replayed code is still the one that works
    response = open_session(agent_api(shop), first.json()["customer_no"], first.json()["code"])
    assert response.status_code == 201, response.text


def test_new_code_invalidates_older_unused_codes(shop: RunningShop, api: Api) -> None:
    old = new_code(api)
    fresh = new_code(api)
    agent = agent_api(shop)
    if old["code"] != fresh["code"]:
        assert_invalid(open_session(agent, old["customer_no"], old["code"]))
    assert open_session(agent, fresh["customer_no"], fresh["code"]).status_code == 201


def test_code_creation_is_limited_to_five_an_hour(shop: RunningShop, api: Api) -> None:
    first = new_code(api, **{"Idempotency-Key": "code-key-early"})
    for _ in range(4):
        new_code(api)
    limited = api.post("/assist/codes")
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert 3500 <= int(limited.headers["retry-after"]) <= 3600
    # other shoppers are not affected
    other = shopper_api(shop, SECOND_SHOPPER)
    assert other.post("/assist/codes").status_code == 201
    # a replay of an earlier key is still answered, with the same code, and makes none
    replay = api.post("/assist/codes", headers={"Idempotency-Key": "code-key-early"})
    assert replay.status_code == 201
    assert replay.json() == first
    with shop.ctx.sessions() as db:
        assert len(list(db.scalars(select(AssistCode)))) == 6
    shop.ctx.clock.offset += timedelta(minutes=61)
    again = shopper_api(shop)
    assert again.post("/assist/codes").status_code == 201


def test_agents_cannot_create_codes(shop: RunningShop, api: Api) -> None:
    agent = agent_api(shop)
    assert agent.post("/assist/codes").status_code == 403
    assisting, _ = start_assist(shop, api, agent)
    refused = assisting.post("/assist/codes")
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"


def test_code_needs_a_sign_in(shop: RunningShop) -> None:
    assert requests.post(shop.url + "/v1/assist/codes", timeout=10).status_code == 401


# --- opening sessions -------------------------------------------------------------------------


def test_agent_exchanges_code_for_customer_scoped_token(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    response = open_session(agent_api(shop), code["customer_no"], code["code"])
    assert response.status_code == 201, response.text
    assert "no-store" in response.headers["cache-control"]
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 30 * 60
    session = body["session"]
    assert session["agent"] == AGENT[0]
    assert session["reason"] == REASON
    assert session["active"] is True
    assert session["ended_at"] is None
    started = parse_rfc3339(session["started_at"])
    assert parse_rfc3339(session["expires_at"]) - started == timedelta(minutes=30)
    with shop.ctx.sessions() as db:
        token = db.scalars(
            select(AccessToken).where(AccessToken.assist_session_id == int(session["id"]))
        ).one()
        subject = db.get(User, token.subject_id)
        actor = db.get(User, token.actor_id)
        assert subject is not None
        assert actor is not None
        assert (subject.username, actor.username) == (SHOPPER[0], AGENT[0])
        assert token.scope == "privacy.read assist"
        assert token.expires_at == parse_rfc3339(session["expires_at"])
        assert body["access_token"] not in token.token_hash
    start = [e for e in log_entries(shop, SHOPPER[0]) if e.action == "assist_start"]
    assert len(start) == 1
    assert (start[0].actor, start[0].role, start[0].reason) == (AGENT[0], "agent", REASON)
    # the subject sees it
    listed = api.get("/assist/sessions").json()
    assert listed["items"][0] == session
    assert listed["next_cursor"] is None


def test_code_is_single_use(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    assert open_session(agent, code["customer_no"], code["code"]).status_code == 201
    assert_invalid(open_session(agent, code["customer_no"], code["code"]))


def test_expired_code_is_refused(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    shop.ctx.clock.offset += timedelta(minutes=11)
    assert_invalid(open_session(agent_api(shop), code["customer_no"], code["code"]))


def test_failures_all_look_the_same(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    details = {
        assert_invalid(open_session(agent, code["customer_no"], wrong(code["code"]))),
        assert_invalid(open_session(agent, customer_no(shop, SECOND_SHOPPER[0]), code["code"])),
        assert_invalid(open_session(agent, "SM999999", code["code"])),
        assert_invalid(open_session(agent, customer_no(shop, AGENT[0]), code["code"])),
    }
    assert len(details) == 1
    # one wrong try does not burn the code
    assert open_session(agent, code["customer_no"], code["code"]).status_code == 201
    # a spent code looks the same as the others
    details.add(assert_invalid(open_session(agent, code["customer_no"], code["code"])))
    assert len(details) == 1


def test_five_wrong_codes_burn_the_code_and_make_that_agent_wait(
    shop: RunningShop, api: Api
) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    for _ in range(5):
        assert_invalid(open_session(agent, code["customer_no"], wrong(code["code"])))
    locked = open_session(agent, code["customer_no"], code["code"])
    assert locked.status_code == 429, locked.text
    assert locked.json()["code"] == "rate_limited"
    assert 1 <= int(locked.headers["retry-after"]) <= 15 * 60
    with shop.ctx.sessions() as db:
        row = db.scalars(select(AssistCode)).one()
        assert row.used is True
        assert row.failed_attempts == 5
    # this agent waits for this customer, even with a fresh, correct code (other agents do
    # not: tests/server/test_limits.py)
    fresh = new_code(api)
    assert open_session(agent, fresh["customer_no"], fresh["code"]).status_code == 429
    # other customers are not locked
    other = shopper_api(shop, SECOND_SHOPPER)
    theirs = new_code(other)
    assert open_session(agent, theirs["customer_no"], theirs["code"]).status_code == 201
    # after 15 minutes this agent can help the customer again, with a new code
    shop.ctx.clock.offset += timedelta(minutes=15, seconds=1)
    agent, api = agent_api(shop), shopper_api(shop)
    assert_invalid(open_session(agent, fresh["customer_no"], fresh["code"]))  # expired by now
    latest = new_code(api)
    assert open_session(agent, latest["customer_no"], latest["code"]).status_code == 201


def test_guessing_unknown_customers_makes_the_agent_wait_too(shop: RunningShop) -> None:
    agent = agent_api(shop)
    for _ in range(5):
        assert_invalid(open_session(agent, "SM424242", "123456"))
    assert open_session(agent, "SM424242", "123456").status_code == 429


def test_shopper_token_cannot_open_sessions(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    refused = open_session(api, code["customer_no"], code["code"])
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    # an assist token cannot open further sessions either
    assisting, _ = start_assist(shop, api)
    code = new_code(api)
    assert open_session(assisting, code["customer_no"], code["code"]).status_code == 403


def test_open_session_validates_the_body(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    for reason in ("", "   ", "x" * 501):
        response = open_session(agent, code["customer_no"], code["code"], reason=reason)
        assert response.status_code == 422
        assert response.json()["code"] == "validation_failed"
    missing = agent.post("/assist/sessions", json={"customer_no": code["customer_no"]})
    assert missing.status_code == 422
    # validation failures are not counted as wrong codes and do not spend the code
    assert open_session(agent, code["customer_no"], code["code"]).status_code == 201


def test_open_session_is_idempotent(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    first = open_session(agent, code["customer_no"], code["code"], **{"Idempotency-Key": "s-1"})
    again = open_session(agent, code["customer_no"], code["code"], **{"Idempotency-Key": "s-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    with shop.ctx.sessions() as db:
        assert len(list(db.scalars(select(AssistSession)))) == 1


def test_racing_redemptions_open_one_session(shop: RunningShop, api: Api) -> None:
    code = new_code(api)
    agent_token = agent_api(shop).headers["Authorization"]
    statuses: list[int] = []

    def redeem() -> None:
        with requests.Session() as http:
            response = http.post(
                shop.url + "/v1/assist/sessions",
                json={"customer_no": code["customer_no"], "code": code["code"], "reason": REASON},
                headers={"Authorization": agent_token},
                timeout=30,
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=redeem) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 403, 403, 403]


# --- what an agent can do -----------------------------------------------------------------------


def test_agent_own_token_does_not_reach_customer_data(shop: RunningShop) -> None:
    agent = agent_api(shop)
    if has_route(shop, "GET", "/v1/me"):
        me = agent.get("/me")
        assert me.status_code == 200
        assert me.json()["customer_no"] == customer_no(shop, AGENT[0])
    assert agent.get("/assist/sessions").json()["items"] == []
    assert [e for e in log_entries(shop, SHOPPER[0]) if e.role == "agent"] == []


def test_agent_reads_are_logged_with_agent_and_reason(shop: RunningShop, api: Api) -> None:
    assisting, _ = start_assist(shop, api)
    paths = ["/assist/sessions"]
    for path in ("/me", "/consents", "/tracks", "/orders", "/data/categories", "/access-log"):
        if has_route(shop, "GET", "/v1" + path):
            paths.append(path)
    for path in paths:
        response = assisting.get(path)
        assert response.status_code == 200, (path, response.text)
    if "/me" in paths:
        assert assisting.get("/me").json()["customer_no"] == customer_no(shop, SHOPPER[0])
        paths.append("/me")
    agent_entries = [e for e in log_entries(shop, SHOPPER[0]) if e.role == "agent"]
    assert agent_entries[0].action == "assist_start"
    reads = [e for e in agent_entries if e.action == "read"]
    assert [e.resource for e in reads] == ["/v1" + p for p in paths]
    for entry in agent_entries:
        assert entry.actor == AGENT[0]
        assert entry.reason == REASON
    if has_route(shop, "GET", "/v1/access-log"):
        served = api.get("/access-log", params={"order": "desc", "limit": "50"}).json()["items"]
        mine = [i for i in served if i["role"] == "agent"]
        assert mine
        assert all((i["actor"], i["reason"]) == (AGENT[0], REASON) for i in mine)


def test_agent_cannot_change_data_with_assist_token(shop: RunningShop, api: Api) -> None:
    assisting, _ = start_assist(shop, api)
    checked: list[str] = []
    if has_route(shop, "PUT", "/v1/consents/{purpose}"):
        listed = assisting.get("/consents").json()
        purposes = listed["items"] if isinstance(listed, dict) else listed
        key = next(p for p in purposes if not p["required"] and p["granted"])["purpose"]
        refused = assisting.put(f"/consents/{key}", json={"granted": False})
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"
        checked.append("consents")
    if has_route(shop, "PUT", "/v1/subscriptions/{channel}"):
        refused = assisting.put("/subscriptions/email", json={"enabled": False})
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"
        checked.append("subscriptions")
    if has_route(shop, "PATCH", "/v1/me"):
        refused = assisting.patch("/me", json={"fields": {"nickname": "x"}})
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"
        checked.append("me")
    if has_route(shop, "POST", "/v1/tracks:delete"):
        refused = assisting.post("/tracks:delete", json={"all": True})
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"
        checked.append("tracks")
    if has_route(shop, "DELETE", "/v1/tracks/{track_id}"):
        assert assisting.delete("/tracks/1").status_code == 403
    # ending any session by id is the subject's call, and so is issuing codes
    assert assisting.delete("/assist/sessions/1").status_code == 403
    assert assisting.post("/assist/codes").status_code == 403
    # the shopper's data is unchanged: the consent the agent tried to withdraw still stands
    if "consents" in checked:
        assert api.get("/consents").json() == assisting.get("/consents").json()


def test_agent_can_file_requests_with_assist_token(shop: RunningShop, api: Api) -> None:
    if not has_route(shop, "POST", "/v1/requests"):
        pytest.skip("POST /v1/requests is still a placeholder")
    assisting, _ = start_assist(shop, api)
    filed = assisting.post(
        "/requests", json={"type": "access"}, headers={"Idempotency-Key": "assist-req-1"}
    )
    assert filed.status_code == 201, filed.text
    assert api.get(f"/requests/{filed.json()['id']}").status_code == 200


# --- lifetime and ending ------------------------------------------------------------------------


def test_session_expires_after_thirty_minutes(shop: RunningShop, api: Api) -> None:
    assisting, body = start_assist(shop, api)
    assert assisting.get("/assist/sessions").status_code == 200
    shop.ctx.clock.offset += timedelta(minutes=29)
    assert assisting.get("/assist/sessions").status_code == 200
    shop.ctx.clock.offset += timedelta(minutes=1, seconds=1)
    expired = assisting.get("/assist/sessions")
    assert expired.status_code == 401
    assert expired.json()["code"] == "invalid_token"
    api = shopper_api(shop)
    listed = api.get("/assist/sessions").json()["items"]
    assert listed[0]["id"] == body["session"]["id"]
    assert listed[0]["active"] is False
    assert listed[0]["ended_at"] is None


def test_subject_ends_session(shop: RunningShop, api: Api, other_api: Api) -> None:
    assisting, body = start_assist(shop, api)
    session_id = body["session"]["id"]
    # another shopper cannot see or end it
    assert other_api.get("/assist/sessions").json()["items"] == []
    assert other_api.delete(f"/assist/sessions/{session_id}").status_code == 404
    assert assisting.get("/assist/sessions").status_code == 200
    for bad in ("abc", "0", "-1", "99999999", "1" * 30):
        response = api.delete(f"/assist/sessions/{bad}")
        assert response.status_code == 404, bad
        assert response.json()["code"] == "not_found"
    ended = api.delete(f"/assist/sessions/{session_id}")
    assert ended.status_code == 204
    assert ended.content == b""
    refused = assisting.get("/assist/sessions")
    assert refused.status_code == 401
    assert api.delete(f"/assist/sessions/{session_id}").status_code == 204
    item = api.get("/assist/sessions").json()["items"][0]
    assert item["active"] is False
    assert item["ended_at"] is not None
    with shop.ctx.sessions() as db:
        tokens = list(
            db.scalars(select(AccessToken).where(AccessToken.assist_session_id == int(session_id)))
        )
    assert tokens
    assert all(t.revoked for t in tokens)


def test_agent_ends_own_session(shop: RunningShop, api: Api) -> None:
    assisting, body = start_assist(shop, api)
    # "current" means nothing to the shopper's own sign-in
    assert api.delete("/assist/sessions/current").status_code == 404
    assert assisting.delete("/assist/sessions/current").status_code == 204
    assert assisting.get("/assist/sessions").status_code == 401
    assert assisting.delete("/assist/sessions/current").status_code == 401
    item = api.get("/assist/sessions").json()["items"][0]
    assert item["id"] == body["session"]["id"]
    assert item["active"] is False


def test_sessions_are_listed_newest_first_with_paging(shop: RunningShop, api: Api) -> None:
    agent = agent_api(shop)
    ids = []
    for _ in range(3):
        _, body = start_assist(shop, api, agent)
        ids.append(body["session"]["id"])
        shop.ctx.clock.offset += timedelta(seconds=1)
    first = api.get("/assist/sessions", params={"limit": 2}).json()
    assert [i["id"] for i in first["items"]] == ids[::-1][:2]
    rest = api.get("/assist/sessions", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in rest["items"]] == ids[:1]
    assert rest["next_cursor"] is None
    assert api.get("/assist/sessions", params={"cursor": "%%%"}).status_code == 400
