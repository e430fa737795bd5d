"""The access log's hash chain, checked by a verifier written here from the contract alone.

Contract (API.md, server/audit.py): each entry's `hash` is SHA-256 (hex) of the canonical JSON
(sorted keys, no spaces, UTF-8) of `{seq, at, actor, role, action, resource, reason, prev_hash}`;
`seq` counts from 1 without gaps; the first `prev_hash` is 64 zeros. The verifier deliberately
does not import the server's hashing code.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

import pytest
import requests
from sqlalchemy import select

from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from tests.conftest import AGENT, SHOPPER
from tests.support.oauth_login import Api, sign_in

GENESIS = "0" * 64
HASHED = ("seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash")


def entry_digest(entry: dict[str, Any]) -> str:
    fields = {key: entry[key] for key in HASHED}
    raw = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def chain_problems(entries: list[dict[str, Any]]) -> list[str]:
    """Everything wrong with a chain given in the order served; [] when it verifies."""
    problems: list[str] = []
    previous = GENESIS
    for position, entry in enumerate(entries, start=1):
        if entry["seq"] != position:
            problems.append(f"entry {position}: seq is {entry['seq']}")
        if entry["prev_hash"] != previous:
            problems.append(f"entry {position}: prev_hash does not link to the entry before")
        if entry_digest(entry) != entry["hash"]:
            problems.append(f"entry {position}: hash does not match its fields")
        previous = entry["hash"]
    return problems


def fetch_chain(api: Api) -> list[dict[str, Any]]:
    """The whole log over HTTP, oldest first, following cursors."""
    entries: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500, "order": "asc"}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/access-log", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        entries.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return entries


def user_id(shop: RunningShop, username: str) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == username)).one()


def rows_by_seq(db: Any, uid: int) -> dict[int, AccessLogEntry]:
    rows = db.scalars(select(AccessLogEntry).where(AccessLogEntry.user_id == uid))
    return {row.seq: row for row in rows}


def make_history(api: Api, reads: int = 8) -> None:
    for _ in range(reads):
        assert api.get("/access-log/head").status_code == 200


@pytest.fixture
def history(shop: RunningShop, api: Api) -> list[dict[str, Any]]:
    make_history(api)
    entries = fetch_chain(api)
    assert len(entries) >= 9
    return entries


def test_served_chain_verifies(api: Api, history: list[dict[str, Any]]) -> None:
    assert chain_problems(history) == []
    assert history[0]["prev_hash"] == GENESIS
    # the fetch itself was logged before it was answered, and the head pins the tip
    assert history[-1]["resource"] == "/v1/access-log"
    head = api.get("/access-log/head").json()
    assert head["seq"] == history[-1]["seq"] + 1  # this call is logged too
    assert chain_problems(fetch_chain(api)) == []


def test_verifier_is_not_trivially_true(history: list[dict[str, Any]]) -> None:
    forged = [dict(e) for e in history]
    forged[2]["reason"] = "nothing to see"
    assert chain_problems(forged)
    assert chain_problems(history[1:])  # a missing genesis
    assert chain_problems(history[:3] + history[4:])
    assert chain_problems([*history[:2], history[3], history[2], *history[4:]])


def test_edited_field_is_detected(shop: RunningShop, api: Api, history: Any) -> None:
    uid = user_id(shop, SHOPPER[0])
    with shop.ctx.sessions() as db:
        rows_by_seq(db, uid)[3].actor = "somebody else"
        db.commit()
    problems = chain_problems(fetch_chain(api))
    assert problems == ["entry 3: hash does not match its fields"]


def test_edited_field_with_recomputed_hash_breaks_the_next_link(
    shop: RunningShop, api: Api, history: Any
) -> None:
    uid = user_id(shop, SHOPPER[0])
    with shop.ctx.sessions() as db:
        row = rows_by_seq(db, uid)[3]
        row.reason = "routine check"
        served = next(e for e in history if e["seq"] == 3)
        row.hash = entry_digest({**served, "reason": "routine check"})
        db.commit()
    problems = chain_problems(fetch_chain(api))
    assert problems == ["entry 4: prev_hash does not link to the entry before"]


def test_deleted_middle_row_is_detected(shop: RunningShop, api: Api, history: Any) -> None:
    uid = user_id(shop, SHOPPER[0])
    with shop.ctx.sessions() as db:
        db.delete(rows_by_seq(db, uid)[4])
        db.commit()
    problems = chain_problems(fetch_chain(api))
    assert "entry 4: seq is 5" in problems
    assert "entry 4: prev_hash does not link to the entry before" in problems


def test_swapped_rows_are_detected(shop: RunningShop, api: Api, history: Any) -> None:
    uid = user_id(shop, SHOPPER[0])
    with shop.ctx.sessions() as db:
        rows = rows_by_seq(db, uid)
        second, fifth = rows[2], rows[5]
        second.seq = -2  # (user_id, seq) is unique: park one first
        db.flush()
        fifth.seq = 2
        db.flush()
        second.seq = 5
        db.commit()
    problems = chain_problems(fetch_chain(api))
    assert "entry 2: prev_hash does not link to the entry before" in problems
    assert "entry 2: hash does not match its fields" in problems
    assert "entry 5: hash does not match its fields" in problems


def test_concurrent_requests_keep_the_chain_whole(shop: RunningShop, api: Api) -> None:
    before = len(fetch_chain(api))
    token = api.headers["Authorization"]
    # an agent in an assist session reads at the same time as the shopper
    code = api.post("/assist/codes").json()
    agent_token = sign_in(shop.url, *AGENT, scope="privacy.read assist")["access_token"]
    opened = requests.post(
        shop.url + "/v1/assist/sessions",
        json={"customer_no": code["customer_no"], "code": code["code"], "reason": "chain test"},
        headers={"Authorization": f"Bearer {agent_token}"},
        timeout=30,
    )
    assert opened.status_code == 201, opened.text
    assist_token = f"Bearer {opened.json()['access_token']}"
    per_thread = 5
    failures: list[str] = []
    barrier = threading.Barrier(10)

    def hammer(index: int) -> None:
        auth = assist_token if index % 3 == 0 else token
        with requests.Session() as http:
            barrier.wait()
            for _ in range(per_thread):
                response = http.get(
                    shop.url + "/v1/access-log/head", headers={"Authorization": auth}, timeout=60
                )
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text}")

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    entries = fetch_chain(api)
    assert chain_problems(entries) == []
    # the code request, assist_start, 50 reads and this fetch: every one of them, no gaps
    assert len(entries) == before + 1 + 1 + 10 * per_thread + 1
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    agent_reads = [e for e in entries if e["role"] == "agent" and e["action"] == "read"]
    assert len(agent_reads) == 4 * per_thread  # threads 0, 3, 6, 9
    assert all(e["actor"] == AGENT[0] and e["reason"] == "chain test" for e in agent_reads)
