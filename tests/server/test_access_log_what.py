"""What each access-log entry looked at, in words, in the language asked for.

Every kind of read is made over real HTTP, then the log is read back in English and in
Chinese: each entry's `what` names the thing (a recipient by its name, an order by its number,
a decision by its date and subject), never an API path, and an entry written before `what`
existed still reads as words derived from its path.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select, update

from server.embedded import RunningShop
from server.models import AccessLogEntry, Decision, Order, Recipient, User
from tests.conftest import SHOPPER
from tests.server.test_access_log import chain_problems, read_log
from tests.server.test_assist import REASON, start_assist
from tests.support.oauth_login import Api

ZH = {"Accept-Language": "zh-CN"}
CJK = re.compile(r"[\u4e00-\u9fff]")
INTERNAL = re.compile(r"/v1|/[a-z-]+/|[a-z]+_[a-z]+|\{|\}")


def log_in(api: Api, language: str) -> list[dict[str, Any]]:
    """The whole log, oldest first, in `language`."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if cursor:
            params["cursor"] = cursor
        response = api.get("/access-log", params=params, headers={"Accept-Language": language})
        assert response.status_code == 200, response.text
        assert response.headers["content-language"] == language
        out.extend(response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return out


def by_resource(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The last entry of each path (the reads made in the test)."""
    return {entry["resource"]: entry for entry in entries}


def subject_id(shop: RunningShop) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()


def first_of(shop: RunningShop, model: Any) -> Any:
    uid = subject_id(shop)
    with shop.ctx.sessions() as db:
        column = model.user_id if hasattr(model, "user_id") else None
        query = select(model).order_by(model.id)
        if column is not None:
            query = query.where(column == uid)
        row = db.scalars(query).first()
        assert row is not None
        db.expunge(row)
        return row


def test_each_kind_of_read_is_named_in_both_languages(shop: RunningShop, api: Api) -> None:
    order = first_of(shop, Order)
    decision = first_of(shop, Decision)
    with shop.ctx.sessions() as db:
        recipient = db.scalars(select(Recipient).where(Recipient.name == "Shunda Logistics")).one()
        db.expunge(recipient)
    track = api.get("/tracks", params={"limit": 1}).json()["items"][0]
    receipt = api.get("/consents/history", params={"limit": 1}).json()["items"][0]
    reads = {
        "/v1/tracks": ("tracks", None),
        "/v1/tags": ("tags", None),
        "/v1/orders": ("orders", None),
        f"/v1/orders/{order.id}": ("order", order.number),
        f"/v1/recipients/{recipient.id}/events": ("recipient_events", "Shunda Logistics"),
        f"/v1/recipients/{recipient.id}": ("recipient", "Shunda Logistics"),
        f"/v1/decisions/{decision.id}": ("decision", None),
        f"/v1/consents/receipts/{receipt['id']}": ("consent_receipt", None),
        "/v1/consents/history": ("consent_history", None),
        "/v1/data/locations": ("locations", None),
        "/v1/me": ("me", None),
        "/v1/policy": ("policy", None),
    }
    for path in reads:
        assert api.get(path.removeprefix("/v1")).status_code == 200, path
    assert api.delete(f"/tracks/{track['id']}").status_code == 204
    assert api.get("/orders/999999").status_code == 404  # someone else's or nobody's

    english = by_resource(log_in(api, "en"))
    chinese = by_resource(log_in(api, "zh-CN"))
    for path, (kind, name) in reads.items():
        en, zh = english[path]["what"], chinese[path]["what"]
        assert en["kind"] == zh["kind"] == kind, path
        if name is not None:
            assert en["name"] == name, path
        for what in (en, zh):
            assert what["text"], path
            assert path not in what["text"]
            assert not INTERNAL.search(what["text"]), what
        assert not CJK.search(en["text"]), en
        assert CJK.search(zh["text"]), zh

    assert english[f"/v1/recipients/{recipient.id}/events"]["what"]["text"] == (
        "what Shunda Logistics received"
    )
    assert chinese[f"/v1/recipients/{recipient.id}/events"]["what"]["text"] == "顺达物流收到的内容"
    assert english[f"/v1/orders/{order.id}"]["what"]["text"] == f"order {order.number}"
    assert chinese[f"/v1/orders/{order.id}"]["what"]["text"] == f"订单 {order.number}"
    assert english["/v1/tracks"]["what"]["text"] == "your search and browsing history"
    assert chinese["/v1/tracks"]["what"]["text"] == "您的搜索与浏览记录"
    # A decision by its day and subject: "the decision of 3 May 2026 about a payment".
    day = decision.at
    assert english[f"/v1/decisions/{decision.id}"]["what"]["text"].startswith(
        f"the decision of {day.day} "
    )
    assert (
        f"{day.year}年{day.month}月{day.day}日"
        in (chinese[f"/v1/decisions/{decision.id}"]["what"]["text"])
    )
    # A receipt by its purpose's title in the reader's language.
    receipt_path = f"/v1/consents/receipts/{receipt['id']}"
    assert english[receipt_path]["what"]["text"].startswith("the receipt of your consent to “")
    assert chinese[receipt_path]["what"]["text"].endswith("授权的回执")
    # The deleted track was named when the entry was written.
    deleted = english[f"/v1/tracks/{track['id']}"]
    assert deleted["action"] == "delete"
    assert deleted["what"] == {
        "kind": "track",
        "name": track["text"],
        "text": deleted["what"]["text"],
    }
    assert track["text"] in deleted["what"]["text"]
    # Nobody's order: no name leaks, a generic phrase instead.
    missing = english["/v1/orders/999999"]["what"]
    assert missing == {"kind": "order", "name": None, "text": "one of your orders"}
    # The shopper's own entries carry no agent name.
    assert all(entry["actor_display"] is None for entry in english.values())


def test_a_name_of_another_shoppers_object_never_enters_my_log(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    theirs = other_api.get("/orders", params={"limit": 1}).json()["items"][0]
    assert api.get(f"/orders/{theirs['id']}").status_code == 404
    entry = by_resource(log_in(api, "en"))[f"/v1/orders/{theirs['id']}"]
    assert entry["what"]["name"] is None
    assert theirs["number"] not in entry["what"]["text"]


def test_an_agents_session_is_named_with_the_agent_and_reason(shop: RunningShop, api: Api) -> None:
    assisting, body = start_assist(shop, api)
    assert assisting.get("/orders").status_code == 200
    ended = api.delete(f"/assist/sessions/{body['session']['id']}")
    assert ended.status_code in (200, 204), ended.text
    english = log_in(api, "en")
    chinese = log_in(api, "zh-CN")
    start = next(e for e in english if e["action"] == "assist_start")
    assert start["what"]["kind"] == "assist_session"
    assert start["actor"] == "agent.wu"
    assert start["actor_display"] == "客服 吴 Agent Wu"
    assert start["reason"] == REASON
    assert start["what"]["text"] == "the assisted session of 客服 吴 Agent Wu"
    session_id = body["session"]["id"]
    assert start["assist_session_id"] == session_id
    read = next(e for e in english if e["role"] == "agent" and e["resource"] == "/v1/orders")
    assert read["actor_display"] == "客服 吴 Agent Wu"
    assert read["what"]["text"] == "your orders"
    assert read["assist_session_id"] == session_id
    end = next(e for e in english if e["action"] == "delete")
    assert end["assist_session_id"] == session_id
    assert end["what"]["text"] == "the assisted session of 客服 吴 Agent Wu"
    others = [e for e in english if e["role"] == "subject" and e["action"] != "delete"]
    assert all(e["assist_session_id"] is None for e in others)
    zh_read = next(e for e in chinese if e["id"] == read["id"])
    assert zh_read["what"]["text"] == "您的订单"
    # The chain is untouched by the words next to it.
    assert chain_problems(english) == []
    assert body["access_token"]


def test_older_entries_without_words_read_from_their_path(shop: RunningShop, api: Api) -> None:
    order = first_of(shop, Order)
    assert api.get(f"/orders/{order.id}").status_code == 200
    assert api.get("/data/devices").status_code == 200
    with shop.ctx.sessions() as db:
        db.execute(update(AccessLogEntry).values(what=None))
        db.commit()
    entries = read_log(api)
    assert chain_problems(entries) == []
    found = by_resource(entries)
    assert found[f"/v1/orders/{order.id}"]["what"] == {
        "kind": "order",
        "name": None,
        "text": "one of your orders",
    }
    assert found["/v1/data/devices"]["what"]["text"] == "your devices"
    zh = by_resource(log_in(api, "zh-CN"))
    assert zh["/v1/data/devices"]["what"]["text"] == "您的设备信息"


def test_an_unknown_path_reads_as_words_never_a_path(shop: RunningShop, api: Api) -> None:
    assert api.get("/orders").status_code == 200
    with shop.ctx.sessions() as db:
        db.execute(
            update(AccessLogEntry).values(what='{"k":"no-such-kind"}', resource="/v1/brand-new/7")
        )
        db.commit()
    rewritten = [e for e in log_in(api, "en") if e["resource"] == "/v1/brand-new/7"]
    assert rewritten
    for entry in rewritten:
        assert entry["what"] == {
            "kind": "other",
            "name": None,
            "text": "other information in your account",
        }


def test_odd_ids_in_a_path_never_break_the_log(shop: RunningShop, api: Api) -> None:
    for odd in ("²", "١٢", "9" * 40, "-1", "%F0%9F%98%80", "1e3"):
        for path in (f"/orders/{odd}", f"/assist/sessions/{odd}", f"/decisions/{odd}"):
            response = api.get(path)
            assert response.status_code in (400, 404, 405, 422), (path, response.text)
        response = api.delete(f"/assist/sessions/{odd}")
        assert response.status_code in (400, 404, 422), (odd, response.text)
    entries = log_in(api, "en")
    assert chain_problems(entries) == []
    for entry in entries:
        assert entry["what"]["text"]
        assert "/" not in entry["what"]["text"]


def test_every_signed_in_route_has_words_of_its_own(shop: RunningShop) -> None:
    """A new route must be given a kind in `server/access_what.py`; otherwise every look at it
    reads "other information in your account" in the shopper's log."""
    from server.access_what import kind_of

    document = shop.app.openapi()
    unnamed = []
    for path in document["paths"]:
        if not path.startswith("/v1/"):
            continue
        concrete = re.sub(r"\{[^}]+\}", "7", path)
        if kind_of(concrete)[0] == "other":
            unnamed.append(path)
    assert len(document["paths"]) > 30
    assert unnamed == []
