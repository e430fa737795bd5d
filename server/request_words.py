"""A privacy request as one sentence in the shopper's language: "Correct your mobile number
from “138…21” to “139…88”", "Delete your search history", "Explain the decision of 3 May 2026
about your pay-later credit".

The request's `details` are what the shopper filed, in the API's words (a field key, category
keys, a decision id); this names each thing as the shopper knows it, looking up the shop's
own titles (data categories, consent purposes, the decision's day and subject). Served as the
request's `summary`, in the language of the answer, so the app's list, detail and
notifications never show `field: phone` or `decision_id: 3`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.access_what import DECISION_SUBJECTS, date_words
from server.i18n import Text, current_language
from server.messages import FIELDS
from server.models import ConsentPurpose, Decision, PrivacyRequest, User

# What an access request exports, section by section (the archive's section keys).
SECTIONS: dict[str, Text] = {
    "account": Text("account details", "账户资料"),
    "profile": Text("profile", "补充资料"),
    "identity_verification": Text("real-name verification", "实名认证信息"),
    "devices": Text("devices", "设备信息"),
    "locations": Text("locations", "位置信息"),
    "logs": Text("sign-in records", "登录日志"),
    "tracks": Text("browsing history", "浏览记录"),
    "tags": Text("interest tags", "兴趣标签"),
    "orders": Text("orders", "订单"),
    "payments": Text("payments", "支付信息"),
    "decisions": Text("automated decisions", "自动化决策"),
    "consents": Text("consents", "授权同意"),
    "consent_history": Text("consent history", "授权变更记录"),
    "subscriptions": Text("subscriptions", "营销订阅"),
    "cookies": Text("cookie choices", "Cookie 选择"),
    "categories": Text("data categories", "数据类别"),
    "recipients": Text("recipients of your data", "数据接收方"),
    "recipient_events": Text("record of what was shared", "对外提供记录"),
    "sharing": Text("record of what was shared", "对外提供记录"),
    "policy_versions": Text("privacy policy versions", "隐私政策版本"),
    "notices": Text("notices", "通知"),
    "access_log": Text("access log", "访问记录"),
    "requests": Text("privacy requests", "个人信息申请"),
    "service_records": Text("customer-service records", "客服通信记录"),
    "service_contacts": Text("customer-service records", "客服通信记录"),
    "impact_assessments": Text("impact assessments", "个人信息安全影响评估"),
}

# Deletion of single records: "3 entries of your browsing history".
ITEM_WORDS: dict[str, Text] = {
    "tracks": Text("of your browsing history", "足迹记录"),
    "tags": Text("of your interest tags", "兴趣标签"),
    "orders": Text("of your orders", "订单记录"),
    "devices": Text("of your devices", "设备记录"),
    "locations": Text("of your locations", "位置记录"),
    "logs": Text("of your sign-in records", "登录日志"),
    "decisions": Text("of your automated decisions", "自动化决策记录"),
    "service_records": Text("of your customer-service records", "客服通信记录"),
}

_MAX_VALUE = 24  # longer values are shortened in the sentence (the details keep them whole)
_MAX_COMPLAINT = 60


def _zh() -> bool:
    return current_language() == "zh-CN"


def _pick(text: Text) -> str:
    return text.zh if _zh() else text.en


def _join(items: list[str]) -> str:
    if _zh():
        return "、".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _humanised(key: str) -> str:
    return key.replace("_", " ").replace("-", " ").strip()


def short_value(value: object, limit: int = _MAX_VALUE) -> str:
    """A filed value as quoted in a sentence: whole when short, else its ends ("138…21")."""
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return "“”"
    if len(text) > limit:
        text = f"{text[: limit - 10]}…{text[-6:]}"
    return f"“{text}”"


def _section(key: str) -> str:
    found = SECTIONS.get(key)
    return _pick(found) if found else _humanised(key)


def _titles(db: Session, model: Any, keys: list[str]) -> list[str]:
    rows = {row.key: row for row in db.scalars(select(model).where(model.key.in_(keys[:50]))).all()}
    out = []
    for key in keys:
        row = rows.get(key)
        if row is None:
            out.append(_section(key))
        else:
            out.append(row.title_zh if _zh() and row.title_zh else row.title)
    return out


def _decision(db: Session, req: PrivacyRequest, details: dict[str, Any]) -> str:
    raw = str(details.get("decision_id", ""))
    decision = (
        db.scalars(
            select(Decision).where(Decision.id == int(raw), Decision.user_id == req.user_id)
        ).first()
        if (raw.isascii() and raw.isdigit()) and len(raw) < 19
        else None
    )
    if decision is None:
        return "一项自动化决策" if _zh() else "an automated decision"
    subject = DECISION_SUBJECTS.get(decision.kind)
    day = date_words(decision.at, current_language())
    if _zh():
        return f"{day}关于{subject.zh if subject else '您'}的决策"
    return f"the decision of {day} about {subject.en if subject else 'you'}"


def agent_display_name(db: Session, name: str) -> str:
    """An agent as a customer reads them: the display name of the agent with login `name`
    (requests filed before the display name was stored), else `name` as stored."""
    found = db.scalars(
        select(User.display_name).where(User.username == name, User.role == "agent")
    ).first()
    return found or name


def request_summary(db: Session, req: PrivacyRequest, details: dict[str, Any]) -> str:
    """The request as one sentence in the answer's language."""
    zh = _zh()
    kind = req.type
    if kind == "access":
        sections = [str(s) for s in details.get("sections") or []]
        if not sections:
            return "向您提供您的全部个人信息副本" if zh else "Send you a copy of all your data"
        listed = _join([_section(s) for s in sections])
        return f"向您提供您的{listed}副本" if zh else f"Send you a copy of your {listed}"
    if kind == "correction":
        key = str(details.get("field", ""))
        en, zh_name = FIELDS.get(key, (_humanised(key), _humanised(key)))
        before, after = short_value(details.get("current")), short_value(details.get("proposed"))
        if zh:
            return f"将您的{zh_name}从{before}更正为{after}"
        return f"Correct your {en[:1].lower() + en[1:]} from {before} to {after}"
    if kind == "deletion":
        parts: list[str] = []
        categories = [str(c) for c in details.get("categories") or []]
        parts.extend(_section(c) for c in categories)  # short words, not the policy's titles
        for item in details.get("items") or []:
            if not isinstance(item, dict):
                continue
            count = len(item.get("ids") or [])
            words = ITEM_WORDS.get(str(item.get("category")))
            if words is None:
                continue
            if zh:
                parts.append(f"{count} 条{words.zh}")
            else:
                parts.append(f"{count} {'entry' if count == 1 else 'entries'} {words.en}")
        if not parts:
            return "删除您的部分个人信息" if zh else "Delete some of your data"
        if zh:
            return f"删除您的{_join(parts)}"
        named = [p if p[:1].isdigit() else f"your {p}" for p in parts]
        return f"Delete {_join(named)}"
    if kind == "explanation":
        about = _decision(db, req, details)
        return f"解释{about}" if zh else f"Explain {about}"
    if kind == "human_review":
        about = _decision(db, req, details)
        return f"请人工复核{about}" if zh else f"Have a person review {about}"
    if kind == "consent_withdrawal":
        purposes = [str(p) for p in details.get("purposes") or []]
        titles = _join([f"“{t}”" for t in _titles(db, ConsentPurpose, purposes)])
        return f"撤回您对{titles}的授权同意" if zh else f"Withdraw your consent to {titles}"
    if kind == "account_cancellation":
        return "注销您的账户" if zh else "Close your account"
    if kind == "complaint":
        text = details.get("text")
        quoted = short_value(text, _MAX_COMPLAINT) if text else ""
        return f"投诉：{quoted}" if zh else f"Complaint: {quoted}"
    return "个人信息申请" if zh else "Privacy request"
