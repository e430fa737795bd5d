"""Each privacy request reads as one sentence, in the language asked for: the field, the
categories, the decision and the purposes named as the shopper knows them, never as keys."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from server.models import ConsentPurpose, Decision, ProfileField, User
from server.request_words import short_value
from tests.conftest import SHOPPER
from tests.server.test_requests_api import file
from tests.support.oauth_login import Api

ZH = {"Accept-Language": "zh-CN"}
CJK = re.compile(r"[\u4e00-\u9fff]")
CODES = re.compile(r"[a-z]+_[a-z]+|decision_id|\{|\}")


def filed(api: Api, rtype: str, details: dict[str, Any]) -> str:
    response = file(api, rtype, details)
    assert response.status_code == 201, response.text
    request_id: str = response.json()["id"]
    return request_id


def summaries(api: Api, request_id: str) -> tuple[str, str]:
    en = api.get(f"/requests/{request_id}")
    zh = api.get(f"/requests/{request_id}", headers=ZH)
    assert en.status_code == zh.status_code == 200
    pair = (en.json()["summary"], zh.json()["summary"])
    for text in pair:
        assert not CODES.search(text), text
    assert not CJK.search(pair[0].replace("“", "").replace("”", "")) or "“" in pair[0]
    assert CJK.search(pair[1]), pair[1]
    return pair


def test_every_type_reads_as_a_sentence_in_both_languages(shop, api: Api) -> None:
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        phone = db.scalars(
            select(ProfileField).where(ProfileField.user_id == me.id, ProfileField.key == "phone")
        ).one()
        decision = db.scalars(
            select(Decision).where(Decision.user_id == me.id, Decision.kind == "credit_limit")
        ).first()
        purpose = db.scalars(
            select(ConsentPurpose).where(ConsentPurpose.required.is_(False))
        ).first()
    assert decision is not None
    assert purpose is not None

    correction = filed(
        api, "correction", {"field": "phone", "current": phone.value, "proposed": "13900000088"}
    )
    en, zh = summaries(api, correction)
    assert en == f"Correct your mobile number from {short_value(phone.value)} to “13900000088”"
    assert zh == f"将您的手机号码从{short_value(phone.value)}更正为“13900000088”"

    explanation = filed(api, "explanation", {"decision_id": str(decision.id)})
    en, zh = summaries(api, explanation)
    day = decision.at
    assert en.startswith(f"Explain the decision of {day.day} ")
    assert en.endswith(f" {day.year} about your pay-later credit")
    assert zh == f"解释{day.year}年{day.month}月{day.day}日关于先用后付额度的决策"

    deletion = filed(api, "deletion", {"categories": ["tracks"]})
    assert summaries(api, deletion) == ("Delete your browsing history", "删除您的浏览记录")

    track = api.get("/tracks", params={"limit": 2}).json()["items"]
    items = filed(
        api, "deletion", {"items": [{"category": "tracks", "ids": [t["id"] for t in track]}]}
    )
    assert summaries(api, items) == (
        "Delete 2 entries of your browsing history",
        "删除您的2 条足迹记录",
    )

    withdrawal = filed(api, "consent_withdrawal", {"purposes": [purpose.key]})
    en, zh = summaries(api, withdrawal)
    assert en == f"Withdraw your consent to “{purpose.title}”"
    assert zh == f"撤回您对“{purpose.title_zh}”的授权同意"

    access = filed(api, "access", {"sections": ["orders", "locations"]})
    assert summaries(api, access) == (
        "Send you a copy of your orders and locations",
        "向您提供您的订单、位置信息副本",
    )

    complaint = filed(api, "complaint", {"text": "The shop kept mailing me after I said no."})
    en, zh = summaries(api, complaint)
    assert en == "Complaint: “The shop kept mailing me after I said no.”"
    assert zh == "投诉：“The shop kept mailing me after I said no.”"

    # The list serves the same sentences.
    listed = api.get("/requests", params={"limit": 50}, headers=ZH).json()["items"]
    by_id = {item["id"]: item["summary"] for item in listed}
    assert by_id[deletion] == "删除您的浏览记录"


def test_a_long_value_is_shortened_in_the_sentence_only() -> None:
    assert short_value("13812345621") == "“13812345621”"
    assert short_value("x" * 30 + "tail12") == f"“{'x' * 14}…tail12”"
    assert short_value(None) == "“”"
    assert short_value("  two\n lines ") == "“two lines”"
