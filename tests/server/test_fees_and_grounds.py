"""Refusal grounds from each shop's own policy, and the cost fee quoted for excessive repeats.

Over real HTTP against a fresh demo shop: Silumart's policy (5.G) allows a cost fee for
repeated requests beyond reason, so a third copy of one's data within 30 days is answered with
a quoted fee the shopper accepts (the request proceeds) or withdraws (it is canceled); Sinomai's
policy says nothing about fees, so it refuses on its configured ground instead.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
import zipfile
from typing import Any

import pytest
from sqlalchemy import select

from server.admin import AdminError, deny_request, list_grounds, quote_fee_for
from server.admin import main as admin_main
from server.embedded import RunningShop
from server.models import FeeQuote
from server.processor import RequestProcessor
from tests.server.test_requests_processing import drive, file, verified
from tests.support.oauth_login import Api, sign_in

ZH = {"Accept-Language": "zh-CN"}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _three_copies(shop: RunningShop, api: Api) -> list[dict[str, Any]]:
    """Files three access requests in a row, each verified and driven as far as it goes."""
    out = []
    for _ in range(3):
        req = verified(api, file(api, "access"))
        out.append(drive(shop, api, req["id"]))
    return out


def test_a_third_copy_is_quoted_the_policys_fee_and_proceeds_once_accepted(
    shop: RunningShop, api: Api
) -> None:
    first, second, third = _three_copies(shop, api)
    assert first["status"] == second["status"] == "completed"
    assert third["status"] == "fee_quoted", third
    fee = third["fee"]
    assert (fee["amount"], fee["currency"], fee["status"]) == ("10.00", "CNY", "quoted")
    assert (fee["clause"], fee["basis"]) == ("5.G", "policy")
    assert fee["clause_title"].startswith("Answering your requests")
    assert "30 days" in fee["reason"]
    assert third["timeline"][-1]["status"] == "fee_quoted"
    assert "10.00 CNY" in third["timeline"][-1]["note"]
    # the processor leaves a quoted request alone: it waits for the shopper
    assert drive(shop, api, third["id"])["status"] == "fee_quoted"

    zh = api.get(f"/requests/{third['id']}", headers=ZH).json()
    assert zh["fee"]["reason"].startswith("30 天内第三次")
    assert zh["fee"]["clause_title"].startswith("响应您的请求")
    assert zh["timeline"][-1]["note"].startswith("商城报价费用 10.00 CNY")

    # like other writes it needs an Idempotency-Key
    assert api.post(f"/requests/{third['id']}/fee/accept").status_code == 400
    key = _key()
    accepted = api.post(f"/requests/{third['id']}/fee/accept", headers=key)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "pending"
    assert accepted.json()["fee"]["status"] == "accepted"
    # the same call again replays; a new call with the same answer changes nothing
    again = api.post(f"/requests/{third['id']}/fee/accept", headers=key)
    assert again.json() == accepted.json()
    repeat = api.post(f"/requests/{third['id']}/fee/accept", headers=_key())
    assert repeat.status_code == 200
    assert len(repeat.json()["timeline"]) == len(accepted.json()["timeline"])
    # the other answer after the first is a conflict
    assert api.post(f"/requests/{third['id']}/fee/withdraw", headers=_key()).status_code == 409

    done = drive(shop, api, third["id"])
    assert done["status"] == "completed", done
    statuses = [e["status"] for e in done["timeline"]]
    assert statuses[-4:] == ["fee_quoted", "pending", "in_progress", "completed"]
    assert done["timeline"][-3]["note"] == "Fee of 10.00 CNY accepted by the requester."

    # the request's own archive keeps the fee record with it
    archive = api.get(f"/requests/{third['id']}/result")
    assert archive.status_code == 200
    records = json.loads(zipfile.ZipFile(io.BytesIO(archive.content)).read("data/requests.json"))
    records = records["items"] if isinstance(records, dict) else records
    mine = next(r for r in records if r["id"] == third["id"])
    assert mine["fee"]["status"] == "accepted"
    assert mine["fee"]["clause"] == "5.G"


def test_withdrawing_instead_of_paying_cancels_the_request(shop: RunningShop, api: Api) -> None:
    third = _three_copies(shop, api)[2]
    assert third["status"] == "fee_quoted"
    withdrawn = api.post(f"/requests/{third['id']}/fee/withdraw", headers=_key())
    assert withdrawn.status_code == 200, withdrawn.text
    body = withdrawn.json()
    assert body["status"] == "canceled"
    assert body["fee"]["status"] == "withdrawn"
    assert body["fee"]["answered_at"] is not None
    assert body["timeline"][-1]["note"] == (
        "Withdrawn by the requester instead of paying the quoted fee."
    )
    assert api.post(f"/requests/{third['id']}/fee/accept", headers=_key()).status_code == 409
    zh = api.get(f"/requests/{third['id']}", headers=ZH).json()
    assert zh["timeline"][-1]["note"] == "申请人未接受报价费用，已撤回申请。"


def test_no_fee_to_answer_is_a_conflict_and_others_cannot_answer(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    req = verified(api, file(api, "access"))
    response = api.post(f"/requests/{req['id']}/fee/accept", headers=_key())
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert other_api.post(f"/requests/{req['id']}/fee/accept", headers=_key()).status_code == 404
    assert api.post("/requests/999999/fee/withdraw", headers=_key()).status_code == 404
    assert api.post("/requests/x/fee/withdraw", headers=_key()).status_code == 404


def test_sinomai_quotes_no_fee_and_refuses_on_its_configured_ground(make_shop: Any) -> None:
    shop = make_shop("sinomai")
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    processor = RequestProcessor(shop.ctx)
    ids = []
    for _ in range(3):
        ids.append(file(api, "access")["id"])
        processor.run_once()
    third = api.get(f"/requests/{ids[2]}").json()
    assert third["status"] == "denied"
    assert third["fee"] is None
    denial = third["denial"]
    assert denial["reason"] == "repeated_request"
    assert (denial["clause"], denial["basis"]) == (None, "shop_configuration")
    assert denial["label"] == "Unreasonably repeated (the shop's setting)"
    zh = api.get(f"/requests/{ids[2]}", headers=ZH).json()["denial"]
    assert zh["label"] == "无端重复（商家自行设定）"


def test_the_officer_refuses_on_the_shops_own_grounds(
    make_shop: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = make_shop("silumart")
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "zhang.wei", "demo1234")["access_token"]))
    keys = [g["key"] for g in list_grounds(shop.ctx)]
    assert {"excessive_technical_means", "impractical", "repeated_request", "other"} <= set(keys)
    req = file(api, "complaint", {"text": "Rebuild your ranking system for me."})
    url = shop.ctx.config.db_url
    # the command line lists the shop's grounds with their clauses, and refuses others
    assert admin_main(["--db-url", url, "grounds"]) == 0
    listed = capsys.readouterr().out
    assert "excessive_technical_means" in listed
    assert "(policy 5.G)" in listed
    assert "other" in listed
    assert "shop's setting, not in policy" in listed
    assert admin_main(["--db-url", url, "deny", req["id"], "--reason", "x", "--text", "t"]) == 1
    assert "one of this shop's grounds" in capsys.readouterr().err
    with pytest.raises(AdminError):
        deny_request(shop.ctx, int(req["id"]), "statutory", "not a Silumart ground")
    with pytest.raises(AdminError):
        deny_request(shop.ctx, int(req["id"]), "other", "   ")
    deny_request(
        shop.ctx,
        int(req["id"]),
        "excessive_technical_means",
        "It would need a new system.",
    )
    denial = api.get(f"/requests/{req['id']}").json()["denial"]
    assert denial == {
        "reason": "excessive_technical_means",
        "label": "Needs excessive technical means (new systems, changed practice)",
        "clause": "5.G",
        "clause_title": "Answering your requests: verification, deadline, fees, refusals",
        "basis": "policy",
        "text": "It would need a new system.",
    }
    zh = api.get(f"/requests/{req['id']}", headers=ZH).json()
    assert zh["denial"]["label"].startswith("需要过多技术手段")
    assert zh["timeline"][-1]["note"].startswith("需要过多技术手段：")

    sinomai = make_shop("sinomai")
    assert "excessive_technical_means" not in [g["key"] for g in list_grounds(sinomai.ctx)]
    assert [g["clause"] for g in list_grounds(sinomai.ctx)] == [None] * 4


def test_the_deletion_ground_comes_back_in_words(shop: RunningShop, api: Api) -> None:
    req = file(api, "deletion", {"categories": ["tracks"], "ground": "no_consent"})
    assert req["deletion_ground"] == {
        "key": "no_consent",
        "label": "Collected or used without your explicit consent",
        "clause": "5.C",
        "basis": "policy",
    }
    zh = api.get(f"/requests/{req['id']}", headers=ZH).json()
    assert zh["deletion_ground"]["label"] == "未征得您的明确同意收集、使用"
    plain = file(api, "deletion", {"categories": ["tags"]})
    assert plain["deletion_ground"] is None


REASON = "Your fifth request this month to delete the same data goes beyond reason."
REASON_ZH = "本月第五次申请删除同一数据，超出合理范围。"


def officer_cli(shop: RunningShop, *args: str) -> subprocess.CompletedProcess[str]:
    """The admin tool as an officer runs it: a process of its own on the shop's database."""
    command = [sys.executable, "-m", "server", "admin", "--db-url", shop.ctx.config.db_url]
    name = "sinomai" if shop.ctx.shop.id.startswith("sinomai") else "silumart"
    return subprocess.run(
        [*command, "--shop", name, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _quote(shop: RunningShop, rid: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return officer_cli(
        shop,
        "quote-fee",
        rid,
        "--amount",
        "25",
        "--reason",
        REASON,
        "--reason-zh",
        REASON_ZH,
        *extra,
    )


def test_an_officer_quotes_a_fee_on_one_request_and_the_shopper_answers_it(
    shop: RunningShop, api: Api
) -> None:
    req = verified(api, file(api, "deletion", {"categories": ["tracks"], "ground": "no_consent"}))
    assert req["status"] == "pending"
    quoted = _quote(shop, req["id"], "--clause", "5.G")
    assert quoted.returncode == 0, quoted.stderr
    out = json.loads(quoted.stdout)
    assert (out["status"], out["changed"]) == ("fee_quoted", True)

    shown = api.get(f"/requests/{req['id']}").json()
    fee = shown["fee"]
    assert (fee["amount"], fee["currency"], fee["status"]) == ("25.00", "CNY", "quoted")
    assert (fee["clause"], fee["basis"], fee["reason"]) == ("5.G", "policy", REASON)
    assert fee["clause_title"].startswith("Answering your requests")
    last = shown["timeline"][-1]
    assert (last["status"], last["actor"]) == ("fee_quoted", "privacy officer")
    assert last["note"] == "A fee of 25.00 CNY is quoted by the shop's privacy officer."
    zh = api.get(f"/requests/{req['id']}", headers=ZH).json()
    assert zh["fee"]["reason"] == REASON_ZH
    assert zh["timeline"][-1]["note"] == "商城个人信息保护负责人报价费用 25.00 CNY。"
    assert zh["timeline"][-1]["actor"] == "个人信息保护负责人"

    # the same quote again (a retried command) changes nothing; a different one is refused
    again = _quote(shop, req["id"])
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["changed"] is False
    assert len(api.get(f"/requests/{req['id']}").json()["timeline"]) == len(shown["timeline"])
    other = officer_cli(
        shop, "quote-fee", req["id"], "--amount", "30", "--reason", REASON, "--reason-zh", "x"
    )
    assert other.returncode == 1
    assert "already had a fee quoted" in other.stderr

    # the processor leaves it waiting; the shopper accepts as for an automatic quote
    assert drive(shop, api, req["id"])["status"] == "fee_quoted"
    accepted = api.post(f"/requests/{req['id']}/fee/accept", headers=_key())
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["status"], accepted.json()["fee"]["status"]) == ("pending", "accepted")
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed", done
    statuses = [e["status"] for e in done["timeline"]]
    assert statuses[-4:] == ["fee_quoted", "pending", "in_progress", "completed"]
    # quoted once: an accepted fee cannot be quoted over
    assert _quote(shop, req["id"]).returncode == 1
    # the shopper's answer is in their access log, in words
    log = api.get("/access-log", params={"limit": 50}).json()["items"]
    answered = [e for e in log if e["resource"] == f"/v1/requests/{req['id']}/fee/accept"]
    assert answered, log
    assert answered[0]["what"], answered


def test_the_shopper_withdraws_instead_of_paying_an_officers_fee(
    shop: RunningShop, api: Api
) -> None:
    req = verified(api, file(api, "access"))
    out = quote_fee_for(shop.ctx, int(req["id"]), "8.5", "cny", REASON, REASON_ZH)
    assert (out["fee"]["amount"], out["fee"]["currency"]) == ("8.50", "CNY")
    withdrawn = api.post(f"/requests/{req['id']}/fee/withdraw", headers=_key())
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "canceled"
    assert withdrawn.json()["fee"]["status"] == "withdrawn"


def test_a_bad_fee_quote_is_refused_in_words_and_stores_nothing(
    make_shop: Any,
) -> None:
    shop = make_shop("silumart")
    tokens = sign_in(shop.url, "lin.mei", "demo1234")
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    pending = verified(api, file(api, "access"))
    unverified = file(api, "deletion", {"categories": ["tracks"], "ground": "no_consent"})
    complaint = file(api, "complaint", {"text": "Too slow."})
    good = {"amount": "10", "currency": "CNY", "reason": REASON, "reason_zh": REASON_ZH}
    cases: list[tuple[int, dict[str, str | None], str]] = [
        (999999, {}, "no request 999999"),
        (int(pending["id"]), {"amount": "ten"}, "amount"),
        (int(pending["id"]), {"amount": "-1"}, "positive"),
        (int(pending["id"]), {"amount": "0"}, "positive"),
        (int(pending["id"]), {"amount": "NaN"}, "positive"),
        (int(pending["id"]), {"amount": "Infinity"}, "positive"),
        (int(pending["id"]), {"amount": "10.001"}, "two decimal places"),
        (int(pending["id"]), {"amount": "1e9"}, "at most"),
        (int(pending["id"]), {"currency": "yuan"}, "ISO 4217"),
        (int(pending["id"]), {"currency": "C1Y"}, "ISO 4217"),
        (int(pending["id"]), {"reason": "  "}, "--reason"),
        (int(pending["id"]), {"reason_zh": ""}, "--reason-zh"),
        (int(pending["id"]), {"reason": "x" * 501}, "500 characters"),
        (int(pending["id"]), {"clause": "9"}, "5.G"),
        (int(pending["id"]), {"clause": "no-such"}, "5.G"),
        (int(complaint["id"]), {}, "free of charge"),
    ]
    if unverified["status"] == "identity_unverified":
        cases.append((int(unverified["id"]), {}, "identity_unverified"))
    for rid, change, words in cases:
        args = {**good, **change}
        with pytest.raises(AdminError) as refused:
            quote_fee_for(
                shop.ctx,
                rid,
                str(args["amount"]),
                str(args["currency"]),
                str(args["reason"]),
                str(args["reason_zh"]),
                args.get("clause"),
            )
        assert words in str(refused.value), (change, str(refused.value))
    with shop.ctx.sessions() as session:
        assert session.scalars(select(FeeQuote)).all() == []
    assert api.get(f"/requests/{pending['id']}").json()["status"] == "pending"
    # the command line says the same, on stderr, with exit status 1 (never a traceback)
    failed = officer_cli(
        shop, "quote-fee", pending["id"], "--amount", "x", "--reason", "r", "--reason-zh", "r"
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: amount"), failed.stderr
    assert "Traceback" not in failed.stderr
    # a request already being worked on is past the point of a fee
    assert drive(shop, api, pending["id"], steps=1)["status"] != "pending"
    late = _quote(shop, pending["id"])
    assert late.returncode == 1
    assert "only a pending request" in late.stderr, late.stderr
    # Sinomai's policy names no fee: its officer cannot quote one
    sinomai = make_shop("sinomai")
    sinomai_api = Api(
        sinomai.url + "/v1", str(sign_in(sinomai.url, "wang.fang", "demo1234")["access_token"])
    )
    theirs = verified(sinomai_api, file(sinomai_api, "access"))
    none = _quote(sinomai, theirs["id"])
    assert none.returncode == 1
    assert "allows no fee" in none.stderr
