"""One language at a time: every GET route in English and in Simplified Chinese, over HTTP.

A shopper of each demo shop files and completes requests of every automatic kind, then every
GET route of the API document is read twice, with `Accept-Language: en` and `zh-CN`:

- a Chinese answer holds no English prose in any text field (three Latin words in a row), and
  an English answer no Chinese, except the short allow-list of keys below (ids, codes, product
  names, what the shopper typed, technical strings);
- every human-readable text field differs between the two answers;
- problem details, validation messages, the fallback for other languages, the
  `Content-Language` and `Vary` headers, and the access archive in the filing language.

A new GET route, or a new human-text field, is covered without editing this file; a route
with a path parameter this file cannot fill fails `test_every_get_route_is_walked`.
"""

from __future__ import annotations

import ast
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from server.embedded import RunningShop
from server.messages import chinese
from server.processor import RequestProcessor
from tests.support.oauth_login import Api, sign_in
from tests.support.shops import start_shop_from

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN, zh;q=0.9, en;q=0.5"}

# Three Latin words in a row (letters, apostrophes and hyphens; separated by spaces or commas).
ENGLISH_PROSE = re.compile(r"[A-Za-z][A-Za-z'\-]+(?:[ ,;:]+[A-Za-z][A-Za-z'\-]*){2,}")
CODE = re.compile(r"[a-z][a-z0-9_]*")  # a snake_case code, the same in every language
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# A request's summary quotes what the shopper typed, as they typed it (投诉：“Too many SMS.”): the
# quotation is theirs, the words around it the shop's.
QUOTED_BY_SUMMARY = re.compile(r"“[^”]*”")

# Keys whose values are not prose in the shop's language: ids and codes, enum values, hashes
# and signatures, URLs, what the shopper typed or the shop's customers are called, product
# names, device and browser names. Matched against the last key of a value's path.
NOT_PROSE_KEYS = frozenset(
    {
        "id",
        "key",
        "code",
        "kid",
        "signature",
        "hash",
        "prev_hash",
        "sha256",
        "receipt_id",
        "type",
        "kind",
        "status",
        "source",
        "legal_basis",
        "significance",
        "technology",
        "party",
        "consent_purpose",
        "purpose_key",
        "role",
        "action",
        "channel",
        "method",
        "group",
        "url",
        "logo_url",
        "api_base",
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "revocation_endpoint",
        "client_id",
        "public_key",
        "alg",
        "privacy_email",
        "calendar",
        "resource",
        "actor",
        "agent",
        "reason_code",
        "policy_section",
        "policy_version",
        "version",
        "model_version",
        "decision_kind",
        "country",
        "storage_country",
        "customer_no",
        "subject",
        "display_name",
        "username",
        "name_en",
        "value",
        "text",
        "search_query",
        "page",
        "browser",
        "model",
        "os",
        "os_version",
        "device_uid",
        "device_type",
        "ip",
        "language",
        "address",
        "phone_masked",
        "tracking_no",
        "number",
        "currency",
        "item_ref",
        "at",
        "title_en",
        # the Chinese companions kept for clients that show both names
        "name_zh",
        "title_zh",
        # RFC 9457 fields that are addresses, not prose
        "type_uri",
    }
)
# (parent key, key): the filer's and an order recipient's own names, what the shopper typed.
NOT_PROSE_PATHS = frozenset(
    {
        ("filed_by", "name"),
        ("recipient", "name"),
        # who placed an order for whom: people's names
        ("placed_for", "placed_by"),
        ("placed_for", "placed_for"),
        ("details", "proposed"),
        ("details", "current"),
        ("details", "reason"),
        ("details", "text"),
    }
)
# Fields that carry the shop's own words: they must differ between the two languages.
HUMAN_KEYS = frozenset(
    {
        "title",
        "description",
        "purpose",
        "provider",
        "lifetime",
        "summary",
        "changes",
        "body",
        "system",
        "outcome",
        "label",
        "note",
        "resolution",
        "how_to_contest",
        "retention_text",
        "city",
        "carrier",
        "tag",
        "masked",
        "partner",
        "logistics_partner",
        "detail",
    }
)
# Keys that hold no text at all, so need no check (skips nested documents such as settings).
SKIP_KEYS = frozenset({"settings", "signing_keys", "errors_loc"})

PARAMS_FROM: dict[str, tuple[str, str]] = {
    # path parameter → (list route, key of an item giving the value)
    "order_id": ("/orders", "id"),
    "decision_id": ("/decisions", "id"),
    "recipient_id": ("/recipients", "id"),
    "request_id": ("/requests", "id"),
    "receipt_id": ("/consents/history", "id"),
    "notice_id": ("/incidents", "id"),
}
# path parameters that name one of a fixed set
PARAMS_FIXED: dict[str, list[str]] = {
    "section": ["tracks", "locations", "logs", "orders", "decisions"],
}
# GET routes that do not answer JSON for a signed-in shopper's walk: the OAuth page (HTML),
# an archive download (ZIP), and the demo verification code (a 404 once verified).
NOT_WALKED = frozenset(
    {
        "/oauth/authorize",
        "/v1/requests/{request_id}/demo-verification-code",
    }
)


def _strings(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string leaf with the keys that lead to it (list positions left out)."""
    if isinstance(value, dict):
        for key, item in value.items():
            # an order item's title is a product name, kept as the shop lists it
            product = key == "title" and "unit_price_cents" in value
            if key not in SKIP_KEYS and not product:
                yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)
    elif isinstance(value, str):
        yield path, value


def _is_prose_field(path: tuple[str, ...]) -> bool:
    if not path:
        return False
    key = path[-1]
    if key in NOT_PROSE_KEYS or key.endswith(("_at", "_id", "_ids")):
        return False
    return not (len(path) >= 2 and (path[-2], key) in NOT_PROSE_PATHS)


def english_prose(document: Any) -> list[str]:
    """Text fields of a (Chinese) answer that read like English sentences."""
    return [
        f"{'.'.join(path)} = {text!r}"
        for path, text in _strings(document)
        if _is_prose_field(path) and ENGLISH_PROSE.search(CJK.sub(" | ", _shop_words(path, text)))
    ]


def _shop_words(path: tuple[str, ...], text: str) -> str:
    """The text without what it quotes of the shopper (only a summary quotes them)."""
    return QUOTED_BY_SUMMARY.sub("“”", text) if path and path[-1] == "summary" else text


def chinese_text(document: Any) -> list[str]:
    """Text fields of an (English) answer that hold Chinese."""
    return [
        f"{'.'.join(path)} = {text!r}"
        for path, text in _strings(document)
        if _is_prose_field(path) and CJK.search(text)
    ]


def _human(document: Any) -> dict[tuple[str, ...], list[str]]:
    found: dict[tuple[str, ...], list[str]] = {}
    for path, text in _strings(document):
        if path and path[-1] in HUMAN_KEYS and _is_prose_field(path):
            found.setdefault(path, []).append(text)
    return found


# --- a shopper with requests of every automatic kind, completed -------------------------------


def _file(api: Api, body: dict[str, Any], headers: dict[str, str]) -> str:
    response = api.post(
        "/requests", json=body, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}
    )
    assert response.status_code == 201, response.text
    rid = str(response.json()["id"])
    if response.json()["status"] == "identity_unverified":
        code = api.get(f"/requests/{rid}/demo-verification-code").json()["code"]
        verified = api.post(f"/requests/{rid}/verify", json={"code": code})
        assert verified.status_code == 200, verified.text
    return rid


def _prepare(shop: RunningShop, api: Api) -> list[str]:
    decision = api.get("/decisions").json()["items"][0]["id"]
    tag = api.get("/tags").json()["items"][0]["id"]
    fields = {f["key"]: f["value"] for f in api.get("/me").json()["fields"]}
    ids = [
        _file(api, {"type": "explanation", "details": {"decision_id": decision}}, ZH),
        _file(
            api,
            {"type": "deletion", "details": {"items": [{"category": "tags", "ids": [tag]}]}},
            EN,
        ),
        _file(
            api,
            {
                "type": "correction",
                "details": {
                    "field": "fixed_phone",
                    "current": fields["fixed_phone"],
                    "proposed": "021-55550000",
                },
            },
            EN,
        ),
        _file(
            api, {"type": "consent_withdrawal", "details": {"purposes": ["location_services"]}}, ZH
        ),
        _file(api, {"type": "access", "details": {"sections": ["consents", "notices"]}}, ZH),
        _file(api, {"type": "complaint", "details": {"text": "Please call me back."}}, EN),
    ]
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    return ids


def _urls(shop: RunningShop, api: Api) -> list[str]:
    """Every GET route of the API document, its path parameters filled from the lists."""
    paths = shop.app.openapi()["paths"]
    urls: list[str] = []
    for template, item in paths.items():
        if "get" not in item or template in NOT_WALKED:
            continue
        names = re.findall(r"\{([^}]+)\}", template)
        if not names:
            urls.append(template)
            continue
        assert len(names) == 1, f"cannot fill {template}"
        if names[0] in PARAMS_FIXED:
            urls += [
                template.replace("{" + names[0] + "}", value) for value in PARAMS_FIXED[names[0]]
            ]
            continue
        assert names[0] in PARAMS_FROM, f"cannot fill {template}"
        route, key = PARAMS_FROM[names[0]]
        items = api.get(route, params={"limit": 100}, headers=EN).json()["items"]
        # none (a shopper without requests): test_every_get_route_is_walked names the
        # routes this module must reach
        for entry in items[:8]:
            urls.append(template.replace("{" + names[0] + "}", str(entry[key])))
    return urls


def _body(response: requests.Response) -> Any:
    """A JSON answer, or an NDJSON stream (the bulk export) as the list of its items."""
    if response.headers.get("content-type", "").startswith("application/x-ndjson"):
        return [json.loads(line) for line in response.text.splitlines() if line.strip()]
    return response.json()


def _is_json(response: requests.Response, *, problems: bool = False) -> bool:
    kinds = ("application/json", "application/x-ndjson") + (
        ("application/problem+json",) if problems else ()
    )
    return response.headers.get("content-type", "").startswith(kinds)


def _read(api: Api, shop: RunningShop, url: str, headers: dict[str, str]) -> requests.Response:
    if url.startswith("/v1/"):
        return api.get(url[3:], headers=headers)
    return requests.get(shop.url + url, headers=headers, timeout=30)


@pytest.fixture(scope="module", params=["silumart", "sinomai"])
def walked(
    request: pytest.FixtureRequest,
    shop_templates: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Any]:
    """One walk per shop, shared by the tests of this module (they only read it)."""
    name = request.param
    shop = start_shop_from(shop_templates[name], tmp_path_factory.mktemp(name), name)
    try:
        yield _walk(shop)
    finally:
        shop.stop()


def _walk(shop: RunningShop) -> Any:
    first = next(a for a in shop.ctx.demo_accounts if a[2] == "shopper")
    tokens = sign_in(shop.url, first[0], first[1])
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    _prepare(shop, api)
    answers: list[tuple[str, requests.Response, requests.Response]] = []
    for url in _urls(shop, api):
        en, zh = _read(api, shop, url, EN), _read(api, shop, url, ZH)
        answers.append((url, en, zh))
    return shop, api, answers


def test_the_checkers_flag_what_they_should() -> None:
    assert english_prose({"items": [{"description": "Keeps you signed in."}]})
    assert english_prose({"detail": "商城 could not find it"})
    assert not english_prose({"description": "使用 GPS、Wi-Fi 和基站定位。"})
    assert not english_prose({"id": "three english words", "status": "in_progress"})
    assert english_prose({"items": [{"title": "Membership account now"}]})
    product = {"title": "Sony X5 Wireless Earbuds", "quantity": 1, "unit_price_cents": 9900}
    assert not english_prose({"items": [product]})
    assert chinese_text({"summary": "隐私政策"})
    assert not chinese_text({"name_zh": "丝路商城"})


def test_every_get_route_is_walked(walked: Any) -> None:
    _shop, _api, answers = walked
    walked_paths = {re.sub(r"/\d+|/rcpt_[0-9a-f]+", "/{}", url) for url, _, _ in answers}
    assert {
        "/v1/consents",
        "/v1/cookies",
        "/v1/orders/{}",
        "/v1/decisions/{}",
        "/v1/requests/{}",
        "/v1/requests/{}/result",
        "/v1/recipients/{}/events",
        "/.well-known/privacy-api",
        "/v1/policy/versions",
        "/v1/notices",
    } <= walked_paths
    for url, en, zh in answers:
        assert en.headers["Content-Language"] == "en", url
        assert zh.headers["Content-Language"] == "zh-CN", url
        assert "accept-language" in zh.headers.get("Vary", "").lower(), url


def test_chinese_answers_hold_no_english_prose(walked: Any) -> None:
    _shop, _api, answers = walked
    flagged: list[str] = []
    for url, _en, zh in answers:
        if _is_json(zh, problems=True):
            flagged += [f"{url}: {hit}" for hit in english_prose(_body(zh))]
    assert not flagged, "\n".join(flagged[:40])


def test_english_answers_hold_no_chinese(walked: Any) -> None:
    _shop, _api, answers = walked
    flagged: list[str] = []
    for url, en, _zh in answers:
        if _is_json(en):
            flagged += [f"{url}: {hit}" for hit in chinese_text(_body(en))]
    assert not flagged, "\n".join(flagged[:40])


def test_every_human_text_differs_between_the_languages(walked: Any) -> None:
    _shop, _api, answers = walked
    same: list[str] = []
    checked = 0
    for url, en, zh in answers:
        if not _is_json(en):
            continue
        english, chinese_ = _human(_body(en)), _human(_body(zh))
        assert english.keys() == chinese_.keys(), url
        for path, texts in english.items():
            for a, b in zip(texts, chinese_[path], strict=True):
                checked += 1
                if a == b and a and not CODE.fullmatch(a):
                    same.append(f"{url}: {'.'.join(path)} = {a!r}")
    assert checked > 500
    assert not same, "\n".join(same[:40])


def test_shop_name_follows_the_language(walked: Any) -> None:
    shop, _api, _answers = walked
    en = requests.get(shop.url + "/.well-known/privacy-api", headers=EN, timeout=30).json()
    zh = requests.get(shop.url + "/.well-known/privacy-api", headers=ZH, timeout=30).json()
    assert en["shop"]["name"] == shop.ctx.shop.name
    assert zh["shop"]["name"] == shop.ctx.shop.name_zh == zh["shop"]["name_zh"]


# --- problem details ---------------------------------------------------------------------


def test_problem_details_in_both_languages(api: Api) -> None:
    en = api.get("/orders/999999", headers=EN)
    zh = api.get("/orders/999999", headers=ZH)
    assert en.status_code == zh.status_code == 404
    assert en.json()["code"] == zh.json()["code"] == "not_found"
    assert en.json()["detail"] == "No such order."
    assert zh.json()["detail"] == "找不到该订单。"
    assert zh.json()["title"] == "未找到"
    assert zh.headers["Content-Language"] == "zh-CN"

    too_long = {"fields": {"job": "x" * 300}}
    en = api.patch("/me", json=too_long, headers=EN)
    zh = api.patch("/me", json=too_long, headers=ZH)
    assert en.status_code == zh.status_code == 422
    assert en.json()["detail"] == "The request is not valid."
    assert zh.json()["detail"] == "请求内容无效。"
    message = zh.json()["errors"][0]["msg"]
    assert "200" in message
    assert CJK.search(message)
    assert en.json()["errors"][0]["loc"] == zh.json()["errors"][0]["loc"]

    required = api.put("/consents/membership", json={"granted": False}, headers=ZH)
    assert required.status_code == 422
    assert required.json()["code"] == "consent_required"
    assert required.json()["detail"].startswith("“会员账户”")


def test_unauthenticated_and_guard_refusals_in_chinese(shop: RunningShop) -> None:
    response = requests.get(shop.url + "/v1/me", headers=ZH, timeout=30)
    assert response.status_code == 401
    assert response.json()["detail"] == "请先登录再使用此功能。"
    assert response.headers["Content-Language"] == "zh-CN"


def test_other_languages_fall_back_to_english(api: Api, shop: RunningShop) -> None:
    for header in ("fr-FR, de;q=0.8", "zh-TW", "", "*", "x" * 600):
        response = api.get("/consents", headers={"Accept-Language": header})
        assert response.status_code == 200
        assert response.headers["Content-Language"] == "en"
        first = response.json()["items"][0]
        assert not CJK.search(first["description"]), header
    problem = requests.get(shop.url + "/v1/me", headers={"Accept-Language": "fr"}, timeout=30)
    assert problem.json()["detail"] == "Sign in to use this resource."


# --- every sentence the server writes has its Chinese -----------------------------------------

_SERVER = Path(__file__).resolve().parents[2] / "server"
# (function, index of the argument that is the sentence) for every way a sentence is written
_SENTENCE_ARGS = {
    "Problem": 2,
    "problem_response": 2,
    "_unauthenticated": 0,
    "invalid": 1,
    "deny": 3,
    "_refuse": 3,
    "not_found": 0,
}
_SKIP_FILES = {"login_page.py", "oauth.py", "messages.py", "errors.py"}


def _sample(node: ast.expr) -> str | None:
    """The sentence a string or f-string literal writes, with "7" for every placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue) and value.conversion == ord("r"):
                parts.append("'7'")
            else:
                parts.append("7")
        return "".join(parts)
    return None


def _sentences() -> Iterator[tuple[str, int, str]]:
    for path in sorted(_SERVER.rglob("*.py")):
        if path.name in _SKIP_FILES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                index = _SENTENCE_ARGS.get(str(name))
                if index is not None and len(node.args) > index:
                    text = _sample(node.args[index])
                    if name == "not_found" and text is not None:
                        text = f"No such {text}."
                    if text is not None and re.search(r"[A-Za-z]{3}", text):
                        yield path.name, node.lineno, text
            if isinstance(node, ast.keyword) and node.arg == "note":
                text = _sample(node.value)
                if text and re.search(r"[A-Za-z]{3}", text):
                    yield path.name, getattr(node.value, "lineno", 0), text


def test_every_server_sentence_has_chinese() -> None:
    sentences = list(_sentences())
    assert len(sentences) > 50
    missing = [
        f"{name}:{line}: {text!r}" for name, line, text in sentences if chinese(text) is None
    ]
    assert not missing, "no entry in server/messages.py for:\n" + "\n".join(missing)


# --- archives keep what the shopper saw ------------------------------------------------------


def _archive(shop: RunningShop, api: Api, headers: dict[str, str]) -> zipfile.ZipFile:
    rid = _file(
        api,
        {"type": "access", "details": {"sections": ["consents", "notices", "decisions"]}},
        headers,
    )
    processor = RequestProcessor(shop.ctx)
    processor.run_once()
    processor.run_once()
    # read in the other language: the archive keeps the language it was filed in
    other = EN if headers is ZH else ZH
    response = api.get(f"/requests/{rid}/result", headers=other)
    assert response.status_code == 200, response.text
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_access_archive_is_in_the_filing_language(shop: RunningShop, api: Api) -> None:
    zh = _archive(shop, api, ZH)
    consents = json.loads(zh.read("data/consents.json"))
    consents = consents["items"] if isinstance(consents, dict) else consents
    assert consents[0]["title"] == "会员账户"
    assert CJK.search(consents[0]["description"])
    assert english_prose(consents) == []
    assert '<html lang="zh-CN">' in zh.read("index.html").decode()
    assert "丝路商城" in zh.read("index.html").decode()

    en = _archive(shop, api, EN)
    consents = json.loads(en.read("data/consents.json"))
    consents = consents["items"] if isinstance(consents, dict) else consents
    assert consents[0]["title"] == "Membership account"
    assert chinese_text(consents) == []
    assert '<html lang="en">' in en.read("index.html").decode()


def test_sign_in_page_label_follows_ui_locales(shop: RunningShop) -> None:
    """The app names its language in `ui_locales`; the answer's label follows it."""
    response = requests.get(
        shop.url + "/oauth/authorize", params={"ui_locales": "zh-CN"}, headers=EN, timeout=30
    )
    assert response.headers["Content-Language"] == "zh-CN"
    response = requests.get(
        shop.url + "/oauth/authorize", params={"ui_locales": "en"}, headers=ZH, timeout=30
    )
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize(("page_language", "browser"), [("zh-CN", EN), ("en", ZH)])
def test_sign_in_form_answers_are_labelled_in_the_page_language(
    shop: RunningShop, page_language: str, browser: dict[str, str]
) -> None:
    """Every answer to the POSTed sign-in form (the page again with an error, the shop's error
    page, the way back to the app) says the language the app asked for in `ui_locales` (a
    hidden form field, not in the query), not the browser's."""
    from server.context import CLIENT_ID
    from tests.support.oauth_login import pkce_pair

    _verifier, challenge = pkce_pair()
    form = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": "http://127.0.0.1:40000/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "xyz",
        "ui_locales": page_language,
        "username": "lin.mei",
    }
    url = shop.url + "/oauth/authorize"

    def post(**changes: str) -> requests.Response:
        answer = requests.post(
            url, data={**form, **changes}, headers=browser, allow_redirects=False, timeout=30
        )
        assert answer.headers["Content-Language"] == page_language, (changes, answer.headers)
        assert "accept-language" in answer.headers["Vary"].lower()
        return answer

    wrong = post(password="not the password")
    assert wrong.status_code == 401
    assert f'<html lang="{page_language}">' in wrong.text
    assert bool(CJK.search(wrong.text)) == (page_language == "zh-CN")
    unknown = post(password="demo1234", client_id="someone-else")
    assert unknown.status_code == 400
    assert f'<html lang="{page_language}">' in unknown.text
    bad_redirect = post(password="demo1234", redirect_uri="https://elsewhere.example/cb")
    assert bad_redirect.status_code == 400
    done = post(password="demo1234")
    assert done.status_code in (302, 303, 307)
    assert done.headers["location"].startswith("http://127.0.0.1:40000/callback?code=")


def test_a_person_s_answer_in_the_readers_language(shop: RunningShop, api: Api) -> None:
    from server.admin import approve

    rid = _file(api, {"type": "complaint", "details": {"text": "Too many SMS."}}, EN)
    approve(shop.ctx, int(rid))
    zh = api.get(f"/requests/{rid}", headers=ZH).json()
    assert zh["resolution"] == "商城已调查您的投诉，并予以受理。"
    assert {event["actor"] for event in zh["timeline"][1:]} == {"个人信息保护负责人"}
    assert english_prose(zh) == []
    result = api.get(f"/requests/{rid}/result", headers=ZH).json()
    assert result["answer"] == "商城已调查您的投诉，并予以受理。"
    en = api.get(f"/requests/{rid}/result", headers=EN).json()
    assert en["answer"] == "The shop looked into your complaint and accepts it."
