"""The hash-chained access log: read it, verify it independently, and catch tampering."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from sqlalchemy import delete, select, update

from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from tests.conftest import SECOND_SHOPPER, SHOPPER
from tests.support.oauth_login import Api

GENESIS = "0" * 64
HASHED = ("seq", "at", "actor", "role", "action", "resource", "reason", "prev_hash")
ITEM_KEYS = {"id", *HASHED, "hash", "what", "actor_display", "assist_session_id"}


# --- an independent verifier, written from the contract (no server code) ---------------------


def entry_digest(entry: dict[str, Any]) -> str:
    fields = {name: entry[name] for name in HASHED}
    raw = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def chain_problems(entries: list[dict[str, Any]]) -> list[str]:
    """Everything wrong with a log read oldest first from its start; empty when it verifies."""
    problems = []
    prev_hash = GENESIS
    for index, entry in enumerate(entries):
        if entry["seq"] != index + 1:
            problems.append(f"entry {entry['id']}: seq {entry['seq']} where {index + 1} belongs")
        if entry["prev_hash"] != prev_hash:
            problems.append(f"seq {entry['seq']}: prev_hash does not link to the entry before")
        if entry_digest(entry) != entry["hash"]:
            problems.append(f"seq {entry['seq']}: hash does not match its contents")
        prev_hash = entry["hash"]
    return problems


def read_log(api: Api, limit: int = 500) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/access-log", params=params)
        assert response.status_code == 200, response.text
        out.extend(response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return out


def user_id(shop: RunningShop, username: str) -> int:
    with shop.ctx.sessions() as session:
        return session.scalars(select(User.id).where(User.username == username)).one()


def make_some_calls(api: Api) -> None:
    for path in ("/consents", "/recipients", "/notices", "/policy", "/cookies"):
        assert api.get(path).status_code == 200


# --- reading and verifying --------------------------------------------------------------------


def test_every_call_is_logged_and_the_chain_verifies(api: Api) -> None:
    make_some_calls(api)
    entries = read_log(api, limit=3)
    assert entries, "the log should have entries"
    for entry in entries:
        assert set(entry) == ITEM_KEYS
        assert re.fullmatch(r"[0-9a-f]{64}", entry["hash"])
        assert entry["role"] in {"subject", "agent", "system"}
    assert chain_problems(entries) == []
    resources = [e["resource"] for e in entries]
    for path in ("/v1/consents", "/v1/recipients", "/v1/notices", "/v1/policy", "/v1/cookies"):
        assert path in resources
    mine = [e for e in entries if e["resource"] == "/v1/consents"][-1]
    assert mine["role"] == "subject"
    assert mine["action"] == "read"
    assert mine["reason"] is None
    # the read of the log itself is logged before it is answered
    assert entries[-1]["resource"] == "/v1/access-log"

    api.put("/subscriptions/sms", json={"enabled": True})
    later = read_log(api)
    assert later[: len(entries)] == entries
    assert any(e["action"] == "update" and e["resource"] == "/v1/subscriptions/sms" for e in later)
    assert chain_problems(later) == []


def test_head_and_newest_first(api: Api) -> None:
    make_some_calls(api)
    head = api.get("/access-log/head")
    assert head.status_code == 200
    pinned = head.json()
    assert set(pinned) == {"seq", "hash"}
    entries = read_log(api)
    by_seq = {e["seq"]: e for e in entries}
    assert by_seq[pinned["seq"]]["hash"] == pinned["hash"]
    assert by_seq[pinned["seq"]]["resource"] == "/v1/access-log/head"

    newest = api.get("/access-log", params={"order": "desc", "limit": "2"}).json()
    seqs = [e["seq"] for e in newest["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert newest["next_cursor"]
    following = api.get(
        "/access-log", params={"order": "desc", "limit": 2, "cursor": newest["next_cursor"]}
    ).json()
    assert [e["seq"] for e in following["items"]] == [seqs[-1] - 1, seqs[-1] - 2]
    assert api.get("/access-log", params={"order": "sideways"}).status_code == 422


def test_logs_are_per_subject(shop: RunningShop, api: Api, other_api: Api) -> None:
    make_some_calls(api)
    make_some_calls(other_api)
    theirs = read_log(other_api)
    mine = read_log(api)
    assert not {e["id"] for e in theirs} & {e["id"] for e in mine}
    assert all(e["actor"] != mine[0]["actor"] for e in theirs)
    assert chain_problems(theirs) == []


# --- tampering is detected --------------------------------------------------------------------


def test_edited_entry_is_detected(shop: RunningShop, api: Api) -> None:
    make_some_calls(api)
    before = read_log(api)
    assert chain_problems(before) == []
    target = before[2]
    with shop.ctx.sessions() as session:
        session.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.id == int(target["id"]))
            .values(resource="/v1/nothing-to-see")
        )
        session.commit()
    after = read_log(api)
    problems = chain_problems(after)
    assert problems == [f"seq {target['seq']}: hash does not match its contents"]


def test_edit_with_recomputed_hash_still_breaks_the_chain(shop: RunningShop, api: Api) -> None:
    make_some_calls(api)
    target = read_log(api)[1]
    forged = {**target, "resource": "/v1/forged"}
    with shop.ctx.sessions() as session:
        session.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.id == int(target["id"]))
            .values(resource="/v1/forged", hash=entry_digest(forged))
        )
        session.commit()
    problems = chain_problems(read_log(api))
    assert problems == [f"seq {target['seq'] + 1}: prev_hash does not link to the entry before"]


def test_deleted_entry_is_detected(shop: RunningShop, api: Api) -> None:
    make_some_calls(api)
    pinned = api.get("/access-log/head").json()
    before = read_log(api)
    victim = before[3]
    with shop.ctx.sessions() as session:
        session.execute(delete(AccessLogEntry).where(AccessLogEntry.id == int(victim["id"])))
        session.commit()
    after = read_log(api)
    assert victim["id"] not in {e["id"] for e in after}
    assert chain_problems(after)
    assert any("prev_hash" in p for p in chain_problems(after))

    # deleting the newest entries is caught against a head pinned earlier
    with shop.ctx.sessions() as session:
        session.execute(
            delete(AccessLogEntry).where(
                AccessLogEntry.user_id == user_id(shop, SHOPPER[0]),
                AccessLogEntry.seq >= pinned["seq"],
            )
        )
        session.commit()
    truncated = read_log(api)
    assert not any(e["seq"] == pinned["seq"] and e["hash"] == pinned["hash"] for e in truncated)


def test_reordered_entries_are_detected(shop: RunningShop, api: Api) -> None:
    make_some_calls(api)
    before = read_log(api)
    first, second = before[1], before[2]
    with shop.ctx.sessions() as session:  # swap two entries' positions in the chain
        session.execute(
            update(AccessLogEntry).where(AccessLogEntry.id == int(first["id"])).values(seq=-1)
        )
        session.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.id == int(second["id"]))
            .values(seq=first["seq"])
        )
        session.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.id == int(first["id"]))
            .values(seq=second["seq"])
        )
        session.commit()
    after = read_log(api)
    assert [e["id"] for e in after[1:3]] == [second["id"], first["id"]]
    problems = chain_problems(after)
    assert any(p.startswith(f"seq {first['seq']}:") for p in problems)
    assert any(p.startswith(f"seq {second['seq']}:") for p in problems)


def test_other_subjects_are_untouched_by_tampering(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    make_some_calls(other_api)
    make_some_calls(api)
    target = read_log(api)[0]
    with shop.ctx.sessions() as session:
        session.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.id == int(target["id"]))
            .values(actor="someone else")
        )
        session.commit()
    assert chain_problems(read_log(api))
    assert chain_problems(read_log(other_api)) == []
    assert user_id(shop, SECOND_SHOPPER[0]) != user_id(shop, SHOPPER[0])
