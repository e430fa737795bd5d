"""A token that acts on someone's data exists only together with the entry saying who opened it.

An agent's assist session and a guardian's ward session each mint a token on another person's
account and write "session opened" to that person's access log. Here the log write fails once
(a database error at the worst moment, forced over real HTTP): no token may survive the failed
call, and the retry (for the agent, with the same Idempotency-Key) opens the session with
exactly one "session opened" entry.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from server import audit
from server.embedded import RunningShop
from server.models import AccessLogEntry, AccessToken, AssistSession, User
from tests.server.test_assist import agent_api, new_code, open_session
from tests.server.test_guardians import signed_in
from tests.support.oauth_login import Api


def fail_once(monkeypatch: pytest.MonkeyPatch, action: str) -> list[int]:
    """The next access-log insert of `action` raises a database error; returns a counter."""
    failed: list[int] = []
    insert = audit._INSERT.execute

    def flaky(connection: Any, params: dict[str, Any]) -> Any:
        if params.get("action") == action and not failed:
            failed.append(1)
            raise OperationalError("INSERT INTO access_log", {}, Exception("disk I/O error"))
        return insert(connection, params)

    monkeypatch.setattr(audit._INSERT, "execute", flaky)
    return failed


def entries(shop: RunningShop, username: str, action: str) -> int:
    with shop.ctx.sessions() as db:
        subject = db.scalars(select(User.id).where(User.username == username)).one()
        return int(
            db.scalar(
                select(func.count())
                .select_from(AccessLogEntry)
                .where(AccessLogEntry.user_id == subject, AccessLogEntry.action == action)
            )
            or 0
        )


def tokens_on(shop: RunningShop, username: str) -> int:
    """Tokens on `username`'s data held by someone else (agents, guardians)."""
    with shop.ctx.sessions() as db:
        subject = db.scalars(select(User.id).where(User.username == username)).one()
        return int(
            db.scalar(
                select(func.count())
                .select_from(AccessToken)
                .where(AccessToken.subject_id == subject, AccessToken.actor_id != subject)
            )
            or 0
        )


def test_a_failed_assist_start_leaves_no_token_and_the_retry_logs_once(
    shop: RunningShop, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = new_code(api)
    agent = agent_api(shop)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    failed = fail_once(monkeypatch, "assist_start")
    first = open_session(agent, code["customer_no"], code["code"], **key)
    assert failed == [1]
    assert first.status_code == 500, first.text
    assert tokens_on(shop, "lin.mei") == 0
    with shop.ctx.sessions() as db:
        assert db.scalar(select(func.count()).select_from(AssistSession)) == 0
    retry = open_session(agent, code["customer_no"], code["code"], **key)
    assert retry.status_code == 201, retry.text
    assert entries(shop, "lin.mei", "assist_start") == 1
    assert tokens_on(shop, "lin.mei") == 1
    # a replay of the success writes nothing more
    replay = open_session(agent, code["customer_no"], code["code"], **key)
    assert replay.status_code == 201, replay.text
    assert replay.json()["access_token"] == retry.json()["access_token"]
    assert entries(shop, "lin.mei", "assist_start") == 1
    assisting = Api(shop.url + "/v1", retry.json()["access_token"])
    assert assisting.get("/me").status_code == 200


def test_a_failed_ward_session_leaves_no_token_and_the_retry_logs_once(
    make_shop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    [ward] = guardian.get("/guardian/wards").json()["items"]
    before = entries(shop, "alice.chen", "guardian_start")
    failed = fail_once(monkeypatch, "guardian_start")
    first = guardian.post(f"/guardian/wards/{ward['id']}/session")
    assert failed == [1]
    assert first.status_code == 500, first.text
    assert tokens_on(shop, "alice.chen") == 0
    assert entries(shop, "alice.chen", "guardian_start") == before
    retry = guardian.post(f"/guardian/wards/{ward['id']}/session")
    assert retry.status_code == 201, retry.text
    assert entries(shop, "alice.chen", "guardian_start") == before + 1
    assert tokens_on(shop, "alice.chen") == 1
    assert Api(shop.url + "/v1", retry.json()["access_token"]).get("/me").status_code == 200
