"""What an access-log entry looked at, in words: stored when the entry is written, read in the
caller's language.

The hash chain vouches for the entry's `resource` (the API path). Next to it the log keeps a
small JSON description, `what`, written at the same moment: the kind of thing looked at and,
for a single object, its name as the shopper knows it (a recipient's name in both languages,
an order's number, a decision's date and subject, a purpose's title…). Names are captured
then, not looked up when the log is read, so the entry still says "order SM2026…" after the
order is removed. `what` is a description of the hashed `resource`, not part of the hash: the
documented chain format stays as it was, and an older entry without it still verifies.

Stored form (compact keys; absent keys are empty): ``{"k": kind, "n": name, "z": name in
Chinese, "d": an RFC 3339 date, "s": a sub-kind such as a decision's kind}``. `served` turns
it into ``{"kind", "name", "text"}`` in the request's language. An entry written before this
existed, or a path this table does not know, gets its `what` from the path alone: a generic
phrase ("one of your orders"), never the path.

Cost on the hot path: the kind comes from one dict lookup for fixed paths (`/v1/tracks`, the
browse of My Tracks, never touches the database here) or a short regex list for paths with an
id; a name costs one indexed primary-key select, scoped to the subject so that nobody's
object names can leak into another person's log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, select

from server.db import Database, DriverStatement, connection_of
from server.i18n import Language, Text, current_language
from server.models import (
    AssistSession,
    ConsentEvent,
    ConsentPurpose,
    Decision,
    Order,
    PrivacyRequest,
    Recipient,
    Tag,
    Track,
    User,
)
from server.timeutil import parse_rfc3339, rfc3339

# kind -> (phrase without a name, phrase with {name}); both bilingual.
PHRASES: dict[str, tuple[Text, Text | None]] = {
    "access_log": (Text("this access log", "本访问记录"), None),
    "assist_code": (Text("an assist code", "协助码"), None),
    "assist_sessions": (Text("your assisted sessions", "您的协助会话"), None),
    "assist_session": (
        Text("an assisted session", "一次协助会话"),
        Text("the assisted session of {name}", "{name}的协助会话"),
    ),
    "consents": (Text("your consents", "您的授权同意"), None),
    "consent": (
        Text("one of your consents", "您的一项授权同意"),
        Text("your consent to “{name}”", "您对“{name}”的授权同意"),
    ),
    "consent_history": (Text("your consent history", "您的授权变更记录"), None),
    "consent_receipt": (
        Text("a consent receipt", "一份授权回执"),
        Text("the receipt of your consent to “{name}”", "您对“{name}”授权的回执"),
    ),
    "subscriptions": (Text("your marketing subscriptions", "您的营销订阅"), None),
    "subscription": (
        Text("one of your marketing subscriptions", "您的一项营销订阅"),
        Text("your {name} subscription", "您的{name}订阅"),
    ),
    "cookies": (Text("your cookie choices", "您的 Cookie 选择"), None),
    "data_categories": (Text("what data the shop holds about you", "商城持有您的哪些数据"), None),
    "devices": (Text("your devices", "您的设备信息"), None),
    "locations": (Text("your locations", "您的位置信息"), None),
    "logs": (Text("your sign-in and activity records", "您的登录与操作日志"), None),
    "service_contacts": (
        Text("your customer-service records", "您的客服通信记录"),
        None,
    ),
    "impact_assessments": (
        Text("the shop's impact assessments", "商城的个人信息安全影响评估"),
        None,
    ),
    "decisions": (Text("automated decisions about you", "与您有关的自动化决策"), None),
    "decision": (
        Text("an automated decision about you", "一项与您有关的自动化决策"),
        Text("the decision of {date} about {name}", "{date}关于{name}的决策"),
    ),
    "decision_requests": (
        Text("your requests about automated decisions", "您关于自动化决策的申请"),
        None,
    ),
    "export": (
        Text("a copy of your data", "您的数据副本"),
        Text("a copy of your {name}", "您的{name}副本"),
    ),
    "me": (Text("your account details", "您的账户资料"), None),
    "personalization": (Text("your personalisation setting", "您的个性化推荐设置"), None),
    "notices": (Text("notices from the shop", "商城的通知"), None),
    "policy": (Text("the privacy policy", "隐私政策"), None),
    "policy_version": (
        Text("a version of the privacy policy", "隐私政策的一个版本"),
        Text("version {name} of the privacy policy", "隐私政策 {name} 版"),
    ),
    "orders": (Text("your orders", "您的订单"), None),
    "order": (Text("one of your orders", "您的一笔订单"), Text("order {name}", "订单 {name}")),
    "overview": (Text("a summary of your data", "您的数据概览"), None),
    "recipients": (Text("who received your data", "哪些接收方获得了您的数据"), None),
    "recipient": (
        Text("a recipient of your data", "您数据的一个接收方"),
        Text("what the shop says about {name}", "关于{name}的说明"),
    ),
    "recipient_events": (
        Text("what a recipient received", "一个接收方收到的内容"),
        Text("what {name} received", "{name}收到的内容"),
    ),
    "requests": (Text("your privacy requests", "您的个人信息申请"), None),
    "request": (
        Text("one of your privacy requests", "您的一项个人信息申请"),
        Text("your {name}", "您的{name}"),
    ),
    "request_result": (
        Text("the result of one of your requests", "您一项申请的结果"),
        Text("the result of your {name}", "您的{name}的结果"),
    ),
    "rights": (Text("your rights at this shop", "您在本商城的权利"), None),
    "incidents": (Text("security incident notices", "安全事件告知"), None),
    "incident": (Text("a security incident notice", "一份安全事件告知"), None),
    "guardians": (
        Text("guardian links", "监护关系"),
        Text("your link with your guardian {name}", "您与监护人{name}的监护关系"),
    ),
    "guardian_session": (
        Text("a guardian's view of a ward's data", "监护人查看被监护人数据的会话"),
        None,
    ),
    "account_consent": (
        Text("a guardian's consent to an account", "监护人对账户的同意"),
        None,
    ),
    "tracks": (Text("your search and browsing history", "您的搜索与浏览记录"), None),
    "track": (
        Text("an entry of your browsing history", "一条浏览记录"),
        Text("“{name}” in your browsing history", "浏览记录中的“{name}”"),
    ),
    "tracks_activity": (Text("your activity over time", "您的活动趋势"), None),
    "tags": (Text("your interest tags", "您的兴趣标签"), None),
    "tag": (
        Text("one of your interest tags", "您的一个兴趣标签"),
        Text("the interest tag “{name}”", "兴趣标签“{name}”"),
    ),
    "other": (Text("other information in your account", "您账户中的其他信息"), None),
}

# A decision's kind as the subject of a sentence ("the decision of 3 May about …").
DECISION_SUBJECTS: dict[str, Text] = {
    "risk_flag": Text("your account's security", "账户安全"),
    "transaction_block": Text("a payment", "一笔支付"),
    "coupon_eligibility": Text("a coupon", "优惠券"),
    "credit_limit": Text("your pay-later credit", "先用后付额度"),
}
_DECISION_SUBJECT = Text("you", "您")

# A request's type as a noun phrase ("your deletion request").
REQUEST_NAMES: dict[str, Text] = {
    "access": Text("request for a copy of your data", "查阅复制申请"),
    "deletion": Text("deletion request", "删除申请"),
    "correction": Text("correction request", "更正申请"),
    "explanation": Text("request for an explanation", "解释说明申请"),
    "human_review": Text("request for a person to review a decision", "人工复核申请"),
    "consent_withdrawal": Text("withdrawal of consent", "撤回同意申请"),
    "account_cancellation": Text("request to close your account", "注销账户申请"),
    "complaint": Text("complaint", "投诉"),
}
_REQUEST_NAME = Text("privacy request", "个人信息申请")

# Export sections by name (the bulk sections of `/v1/export/{section}`).
SECTION_NAMES: dict[str, Text] = {
    "locations": Text("locations", "位置信息"),
    "logs": Text("sign-in and activity records", "登录与操作日志"),
    "tracks": Text("browsing history", "浏览记录"),
    "orders": Text("orders", "订单"),
    "decisions": Text("automated decisions", "自动化决策"),
}

CHANNEL_NAMES: dict[str, Text] = {
    "sms": Text("text message", "短信"),
    "email": Text("email", "电子邮件"),
    "push": Text("push notification", "推送通知"),
    "internal_letter": Text("in-app message", "站内信"),
}

# Fixed paths: one dict lookup (the browse of My Tracks is the hottest call there is).
_FIXED: dict[str, str] = {
    "access-log": "access_log",
    "access-log/head": "access_log",
    "assist/codes": "assist_code",
    "assist/sessions": "assist_sessions",
    "assist/sessions/current": "assist_session",
    "consents": "consents",
    "consents/history": "consent_history",
    "subscriptions": "subscriptions",
    "cookies": "cookies",
    "data/categories": "data_categories",
    "data/devices": "devices",
    "data/locations": "locations",
    "data/logs": "logs",
    "data/service-contacts": "service_contacts",
    "impact-assessments": "impact_assessments",
    "decisions": "decisions",
    "decision-requests": "decision_requests",
    "me": "me",
    "me/personalization": "personalization",
    "notices": "notices",
    "policy": "policy",
    "policy/versions": "policy",
    "orders": "orders",
    "overview": "overview",
    "recipients": "recipients",
    "requests": "requests",
    "rights": "rights",
    "tracks": "tracks",
    "tracks:delete": "tracks",
    "tracks/activity": "tracks_activity",
    "tags": "tags",
    "export": "export",
    "incidents": "incidents",
    "incidents/counts": "incidents",
    "guardian/wards": "guardians",
    "guardian/links": "guardians",
}
# Paths with an id or key: (pattern, kind); group 1 is the object's id or key.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"assist/sessions/([^/]+)", "assist_session"),
        (r"consents/receipts/([^/]+)", "consent_receipt"),
        (r"consents/([^/]+)", "consent"),
        (r"subscriptions/([^/]+)", "subscription"),
        (r"decisions/([^/]+)", "decision"),
        (r"export/([^/]+)", "export"),
        (r"policy/([^/]+)(?:/acknowledge)?", "policy_version"),
        (r"orders/([^/]+)", "order"),
        (r"recipients/([^/]+)/events", "recipient_events"),
        (r"recipients/([^/]+)", "recipient"),
        (r"requests/([^/]+)/result", "request_result"),
        (r"requests/([^/]+)/.+", "request"),
        (r"incidents/([^/]+)(?:/read)?", "incident"),
        (r"guardian/wards/([^/]+)/session", "guardian_session"),
        (r"guardian/wards/([^/]+)/account-consent", "account_consent"),
        (r"requests/([^/]+)(?:/[^/]+)?", "request"),
        (r"tracks/([^/]+)", "track"),
        (r"tags/([^/]+)", "tag"),
        # Other top-level collections share their kind's words (`data/...` → other).
        (r"(?:data|assist|consents|policy)/.*", "other"),
    )
)


def kind_of(path: str) -> tuple[str, str | None]:
    """(kind, the id or key in the path or None) for an API path; "other" when unknown."""
    tail = path.split("?", 1)[0].strip().strip("/")
    if tail.startswith("v1/"):
        tail = tail[3:]
    elif tail == "v1":
        tail = ""
    fixed = _FIXED.get(tail)
    if fixed is not None:
        return fixed, None
    for pattern, kind in _PATTERNS:
        found = pattern.fullmatch(tail)
        if found:
            return kind, (found.group(1) if found.groups() else None)
    return "other", None


# --- names, captured when the entry is written ---------------------------------------------


def _int(key: str) -> int | None:
    return int(key) if (key.isascii() and key.isdigit()) and len(key) < 19 else None


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


_RECIPIENT = _table(Recipient)
_ORDER = _table(Order)
_DECISION = _table(Decision)
_REQUEST = _table(PrivacyRequest)
_TRACK = _table(Track)
_TAG = _table(Tag)
_PURPOSE = _table(ConsentPurpose)
_RECEIPT = _table(ConsentEvent)
_SESSION = _table(AssistSession)
_USER = _table(User)

_RECIPIENT_NAME = DriverStatement(
    select(_RECIPIENT.c.name, _RECIPIENT.c.name_zh).where(_RECIPIENT.c.id == bindparam("key"))
)
_ORDER_NUMBER = DriverStatement(
    select(_ORDER.c.number).where(
        _ORDER.c.id == bindparam("key"), _ORDER.c.user_id == bindparam("subject")
    )
)
_DECISION_NAME = DriverStatement(
    select(_DECISION.c.kind, _DECISION.c.at).where(
        _DECISION.c.id == bindparam("key"), _DECISION.c.user_id == bindparam("subject")
    )
)
_REQUEST_TYPE = DriverStatement(
    select(_REQUEST.c.type).where(
        _REQUEST.c.id == bindparam("key"), _REQUEST.c.user_id == bindparam("subject")
    )
)
_TRACK_TEXT = DriverStatement(
    select(_TRACK.c.text).where(
        _TRACK.c.id == bindparam("key"), _TRACK.c.user_id == bindparam("subject")
    )
)
_TAG_NAME = DriverStatement(
    select(_TAG.c.tag, _TAG.c.tag_zh).where(
        _TAG.c.id == bindparam("key"), _TAG.c.user_id == bindparam("subject")
    )
)
_PURPOSE_TITLE = DriverStatement(
    select(_PURPOSE.c.title, _PURPOSE.c.title_zh).where(_PURPOSE.c.key == bindparam("key"))
)
_RECEIPT_PURPOSE = DriverStatement(
    select(_PURPOSE.c.title, _PURPOSE.c.title_zh)
    .select_from(_RECEIPT.join(_PURPOSE, _PURPOSE.c.key == _RECEIPT.c.purpose))
    .where(_RECEIPT.c.receipt_id == bindparam("key"), _RECEIPT.c.user_id == bindparam("subject"))
)
_SESSION_AGENT = DriverStatement(
    select(_USER.c.display_name)
    .select_from(_SESSION.join(_USER, _USER.c.id == _SESSION.c.agent_id))
    .where(_SESSION.c.id == bindparam("key"), _SESSION.c.subject_id == bindparam("subject"))
)

Named = dict[str, str]


def _pair(row: tuple[Any, ...] | None) -> Named:
    if row is None or not row[0]:
        return {}
    names = {"n": str(row[0])[:200]}
    if len(row) > 1 and row[1] and row[1] != row[0]:
        names["z"] = str(row[1])[:200]
    return names


def _text_pair(text: Text) -> Named:
    return {"n": text.en, "z": text.zh}


def _first(statement: DriverStatement, db: Database, **params: Any) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = statement.first(connection_of(db), params)
    return row


def _by_id(statement: DriverStatement) -> Callable[[Database, int, str], Named]:
    def look(db: Database, subject_id: int, key: str) -> Named:
        number = _int(key)
        if number is None:
            return {}
        return _pair(_first(statement, db, key=number, subject=subject_id))

    return look


def _recipient(db: Database, _subject_id: int, key: str) -> Named:
    number = _int(key)
    return _pair(_first(_RECIPIENT_NAME, db, key=number)) if number is not None else {}


def _decision(db: Database, subject_id: int, key: str) -> Named:
    number = _int(key)
    row = _first(_DECISION_NAME, db, key=number, subject=subject_id) if number else None
    if row is None:
        return {}
    kind, at = row
    return {"s": str(kind), "d": rfc3339(at)}


def _request(db: Database, subject_id: int, key: str) -> Named:
    number = _int(key)
    row = _first(_REQUEST_TYPE, db, key=number, subject=subject_id) if number else None
    if row is None:
        return {}
    return {"s": str(row[0])}


def _purpose(db: Database, _subject_id: int, key: str) -> Named:
    return _pair(_first(_PURPOSE_TITLE, db, key=key[:40]))


def _receipt(db: Database, subject_id: int, key: str) -> Named:
    return _pair(_first(_RECEIPT_PURPOSE, db, key=key[:40], subject=subject_id))


def _channel(_db: Database, _subject_id: int, key: str) -> Named:
    found = CHANNEL_NAMES.get(key)
    return _text_pair(found) if found else {}


def _section(_db: Database, _subject_id: int, key: str) -> Named:
    found = SECTION_NAMES.get(key)
    return _text_pair(found) if found else {}


def _policy_version(_db: Database, _subject_id: int, key: str) -> Named:
    # A version label is short and plain ("2026.1"); anything else is not shown.
    return {"n": key} if re.fullmatch(r"[0-9A-Za-z._-]{1,20}", key) else {}


_NAMES: dict[str, Callable[[Database, int, str], Named]] = {
    "assist_session": _by_id(_SESSION_AGENT),
    "consent": _purpose,
    "consent_receipt": _receipt,
    "subscription": _channel,
    "decision": _decision,
    "export": _section,
    "policy_version": _policy_version,
    "order": _by_id(_ORDER_NUMBER),
    "recipient": _recipient,
    "recipient_events": _recipient,
    "request": _request,
    "request_result": _request,
    "track": _by_id(_TRACK_TEXT),
    "tag": _by_id(_TAG_NAME),
}

# The stored `what` of paths that never name an object, encoded once.
_PLAIN: dict[str, str] = {}


def _plain(kind: str) -> str:
    found = _PLAIN.get(kind)
    if found is None:
        found = _PLAIN[kind] = json.dumps({"k": kind}, separators=(",", ":"))
    return found


def describe(
    db: Database,
    subject_id: int,
    path: str,
    *,
    actor_display: str | None = None,
    assist_session_id: int | None = None,
) -> str:
    """The `what` to store for an access to `path` by or for `subject_id` (compact JSON).

    `actor_display` is an agent's display name, kept as the entry's `"a"` so the log can name
    the person, not their login, even after the agent's account changes; `assist_session_id`
    (`"e"`) ties an agent's look to the assisted session it was made in.
    """
    kind, key = kind_of(path)
    look = _NAMES.get(kind) if key is not None else None
    if (
        kind == "assist_session"
        and key is not None
        and (key.isascii() and key.isdigit())
        and len(key) < 19
    ):
        assist_session_id = assist_session_id or int(key)
    if look is None and not actor_display and assist_session_id is None:
        return _plain(kind)
    names: Named = {}
    if look is not None:
        try:
            names = look(db, subject_id, key or "")
        except (ValueError, OverflowError):  # a malformed id in the path: no name, no 500
            names = {}
    if actor_display:
        names["a"] = actor_display[:100]
    if assist_session_id is not None:
        names["e"] = str(assist_session_id)
    if not names:
        return _plain(kind)
    return json.dumps({"k": kind, **names}, ensure_ascii=False, separators=(",", ":"))


def describe_session(agent_display: str, session_id: int) -> str:
    """The `what` of an assisted session's start, named (and done) by the agent."""
    name = agent_display[:100]
    stored = {"k": "assist_session", "n": name, "a": name, "e": str(session_id)}
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":"))


def describe_guardian_link(guardian_display: str) -> str:
    """The `what` of a ward's entry about their link with a guardian, named by the guardian."""
    stored = {"k": "guardians", "n": guardian_display[:100]}
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":"))


def parse(stored: str | None) -> dict[str, Any]:
    """The stored `what` as a dict; empty for none, a malformed one or an unknown kind."""
    if not stored:
        return {}
    found = _PARSED.get(stored)  # the few plain kinds are most of any log
    if found is not None:
        return found
    try:
        value = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(value, dict) or value.get("k") not in PHRASES:
        return {}
    if len(value) == 1:
        _PARSED[stored] = value
    return value


_PARSED: dict[str, dict[str, Any]] = {}


def actor_display(parsed: dict[str, Any]) -> str | None:
    """The display name of the agent who made the entry, when it was stored with one."""
    name = parsed.get("a")
    return name if isinstance(name, str) and name else None


def assist_session_id(parsed: dict[str, Any], resource: str) -> str | None:
    """The assisted session an entry belongs to: an agent's look, or a session's start or end
    (from the path, for entries stored before the session was recorded with them)."""
    found = parsed.get("e")
    if isinstance(found, str) and found:
        return found
    kind, key = kind_of(resource)
    return key if kind == "assist_session" and key and (key.isascii() and key.isdigit()) else None


# --- served in the caller's language --------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_words(value: datetime, language: Language) -> str:
    """A day as a shopper reads it: "3 May 2026" / "2026年5月3日" (UTC, as the log is)."""
    if language == "zh-CN":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _name(stored: dict[str, Any], language: Language) -> str | None:
    kind = stored.get("k")
    zh = language == "zh-CN"
    if kind in ("decision",):
        subject = DECISION_SUBJECTS.get(str(stored.get("s")), _DECISION_SUBJECT)
        return subject.zh if zh else subject.en
    if kind in ("request", "request_result") and stored.get("s"):
        found = REQUEST_NAMES.get(str(stored["s"]), _REQUEST_NAME)
        return found.zh if zh else found.en
    name = stored.get("z") if zh and stored.get("z") else stored.get("n")
    return str(name) if isinstance(name, str) and name else None


def served(
    parsed: dict[str, Any], resource: str, language: Language | None = None
) -> dict[str, Any]:
    """`{"kind", "name", "text"}` of an entry (its `parse`d `what`) in `language` (the
    request's by default); from the path alone when nothing was stored."""
    language = language or current_language()
    if not parsed:
        parsed = {"k": kind_of(resource)[0]}
    kind = str(parsed["k"])
    generic, named = PHRASES[kind]
    name = _name(parsed, language)
    date: str | None = None
    if parsed.get("d"):
        try:
            date = date_words(parse_rfc3339(str(parsed["d"])), language)
        except ValueError:
            date = None
    if named is not None and name and ("{date}" not in named.en or date):
        template = named.zh if language == "zh-CN" else named.en
        text = template.format(name=name, date=date or "")
    else:
        text = generic.zh if language == "zh-CN" else generic.en
    return {"kind": kind, "name": name, "text": text}


assert set(PHRASES) >= set(_FIXED.values()) | {kind for _p, kind in _PATTERNS}
