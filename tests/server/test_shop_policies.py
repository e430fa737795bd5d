"""Each demo shop is its own policy (issue 13.1, 13.2), checked over real HTTP.

Every clause a shop cites must resolve to a section of THAT shop's outline; where the policy is
silent the API says `basis: "shop_configuration"`; Sinomai never borrows Silumart's numbering,
its deadline, its ad partner, or identity data for its finance partner.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.demo.catalogue import CATALOGUES
from server.demo.policies import all_policies, policy_for
from server.embedded import RunningShop
from tests.support.oauth_login import Api, sign_in

SHOPPERS = {"silumart": ("lin.mei", "demo1234"), "sinomai": ("wang.fang", "demo1234")}


def signed_in(shop: RunningShop, name: str) -> Api:
    return Api(shop.url + "/v1", str(sign_in(shop.url, *SHOPPERS[name])["access_token"]))


def items(api: Api, path: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    response = api.get(path, params={"limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return list(response.json()["items"])


def test_every_cited_clause_is_a_section_of_that_shops_outline() -> None:
    for policy in all_policies():
        unresolved = [(w, c) for w, c in policy.all_clauses() if policy.section(c) is None]
        assert unresolved == [], policy.shop_id
        catalogue = CATALOGUES[policy.shop_id]
        # Nothing of the catalogue is left without a decision: a clause or explicitly None.
        assert {c.key for c in catalogue.categories} == set(policy.categories)
        assert {c.key for c in catalogue.categories} == set(policy.retention)
        assert {p.key for p in catalogue.purposes} == set(policy.purposes)
        assert {r.type for r in catalogue.recipients} <= set(policy.recipient_types)
        for category in catalogue.categories:
            assert category.policy_section == (policy.categories[category.key] or "")
        for section in policy.sections:
            assert section.title.en
            assert section.title.zh


@pytest.mark.parametrize("name", ["silumart", "sinomai"])
def test_api_clauses_resolve_in_the_shops_own_outline(make_shop: Any, name: str) -> None:
    shop = make_shop(name)
    api = signed_in(shop, name)
    rights = api.get("/rights")
    assert rights.status_code == 200, rights.text
    outline = {s["number"]: s["title"] for s in rights.json()["outline"]}
    policy = policy_for(shop.ctx.shop.id)
    assert set(outline) == {s.number for s in policy.sections}

    cited: list[tuple[str | None, str]] = []
    for category in items(api, "/data/categories"):
        cited.append((category["clause"], category["basis"]))
        cited.append((category["retention_clause"], category["retention_basis"]))
        if category["clause"] is not None:
            assert category["clause_title"] == outline[category["clause"]]
    # one language per answer: the Chinese answer names the same clauses by their Chinese titles
    zh_titles = {s.number: s.title.zh for s in policy.sections}
    for category in items(api, "/data/categories", headers={"Accept-Language": "zh-CN"}):
        assert "clause_title_zh" not in category
        if category["clause"] is not None:
            assert category["clause_title"] == zh_titles[category["clause"]]
    for recipient in items(api, "/recipients"):
        cited.append((recipient["clause"], recipient["basis"]))
    for cookie in items(api, "/cookies"):
        cited.append((cookie["clause"], cookie["basis"]))
    consents = items(api, "/consents")
    assert consents
    for consent in consents:
        cited.append((consent["clause"], consent["basis"]))
        assert consent["clause"] == policy.purposes[consent["purpose"]]
        if consent["clause"] is not None:
            assert consent["clause_title"] == outline[consent["clause"]]
    card = rights.json()
    for term in [
        card["deadline"],
        card["fees"],
        *card["verification"],
        *card["refusal_grounds"],
        *card["deletion_grounds"],
        *card["contacts"],
    ]:
        cited.append((term["clause"], term["basis"]))
        assert term["text"]
        if term["clause"] is not None:
            assert term["clause_title"] == outline[term["clause"]]
    for clause, basis in cited:
        if clause is None:
            assert basis == "shop_configuration"
        else:
            assert basis == "policy"
            assert clause in outline, (name, clause)
    # "other" with its own text is always offered as a deletion ground
    assert "other" in {g["key"] for g in card["deletion_grounds"]}


def test_sinomai_is_not_a_copy_of_silumart(make_shop: Any) -> None:
    shop = make_shop("sinomai")
    api = signed_in(shop, "sinomai")
    categories = items(api, "/data/categories")
    clauses = {c["clause"] for c in categories} | {c["policy_section"] for c in categories}
    assert not clauses & {"2.C.2", "2.C.1", "6.F", "6.D", "2.D", "4.A"}
    # The policy names no location, track, tag, decision or identity data: configuration.
    silent = {c["key"] for c in categories if c["basis"] == "shop_configuration"}
    assert {"locations", "tracks", "tags", "decisions", "identity_verification"} <= silent
    # Retention "until the account is cancelled" is what its section 3 says.
    assert {(c["retention"], c["retention_clause"]) for c in categories} == {
        ("until_account_closed", "3")
    }

    recipients = items(api, "/recipients")
    names = {r["name"] for r in recipients}
    third_party = {c["provider"] for c in items(api, "/cookies") if c["party"] == "third"}
    assert third_party
    assert third_party <= names
    assert all("Judian" not in n for n in names | third_party)
    finance = [r for r in recipients if "Consumer Finance" in r["name"]]
    assert finance
    assert all("identity_verification" not in r["categories"] for r in finance)

    card = api.get("/rights").json()
    assert card["deadline"]["clause"] is None
    assert card["deadline"]["basis"] == "shop_configuration"
    assert card["deadline"]["text"].startswith("Not stated in the policy")
    assert card["fees"]["clause"] is None
    assert {c["key"]: c["clause"] for c in card["contacts"]}["privacy_email"] == "6"
    assert all(t["clause"] is None for t in card["refusal_grounds"])


def test_silumart_rights_card_cites_5g_and_answers_in_chinese(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    card = api.get("/rights").json()
    assert card["language"] == "en"
    assert (card["deadline"]["working_days"], card["deadline"]["clause"]) == (15, "5.G")
    grounds = {g["key"]: g["clause"] for g in card["refusal_grounds"]}
    for key in (
        "excessive_technical_means",
        "impractical",
        "repeated_request",
        "trade_secret",
    ):
        assert grounds[key] == "5.G"
    deletion = [g["key"] for g in card["deletion_grounds"]]
    assert deletion[:5] == [
        "unlawful_processing",
        "no_consent",
        "breach_of_agreement",
        "no_longer_used",
        "service_ended",
    ]
    contacts = {c["key"]: c for c in card["contacts"]}
    assert contacts["privacy_email"]["value"] == "privacy@silumart.example"
    assert contacts["court"]["clause"] == "9"
    assert contacts["regulator"]["basis"] == "shop_configuration"
    methods = {m["key"]: m["clause"] for m in card["verification"]}
    assert methods == {"written_request": "5.G", "other_proof": "5.G", "one_time_code": None}

    zh = api.get("/rights", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).json()
    assert zh["language"] == "zh-CN"
    assert zh["deadline"]["text"] == "15个工作日"
    assert zh["deadline"]["clause_title"].startswith("响应您的请求")


def test_rights_card_needs_a_signed_in_caller(shop: RunningShop) -> None:
    anonymous = Api(shop.url + "/v1", "not-a-token")
    response = anonymous.get("/rights")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


def _file_deletion(api: Api, details: dict[str, Any]) -> Any:
    body = {"type": "deletion", "details": details}
    return api.post("/requests", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})


def test_deletion_names_one_of_the_shops_own_grounds(make_shop: Any) -> None:
    shop = make_shop("silumart")
    api = signed_in(shop, "silumart")
    filed = _file_deletion(api, {"categories": ["tracks"], "ground": "no_consent"})
    assert filed.status_code == 201, filed.text
    stored = api.get(f"/requests/{filed.json()['id']}").json()
    assert stored["details"]["ground"] == "no_consent"

    unknown = _file_deletion(api, {"categories": ["tracks"], "ground": "account_cancelled"})
    assert unknown.status_code == 422  # a Sinomai ground, not Silumart's
    assert unknown.json()["errors"][0]["loc"] == ["body", "details", "ground"]
    bare_other = _file_deletion(api, {"categories": ["tracks"], "ground": "other"})
    assert bare_other.status_code == 422
    assert bare_other.json()["errors"][0]["loc"] == ["body", "details", "reason"]
    explained = _file_deletion(
        api, {"categories": ["tags"], "ground": "other", "reason": "I never agreed to tags"}
    )
    assert explained.status_code == 201, explained.text

    sinomai = make_shop("sinomai")
    theirs = _file_deletion(
        signed_in(sinomai, "sinomai"), {"categories": ["tracks"], "ground": "account_cancelled"}
    )
    assert theirs.status_code == 201, theirs.text


def test_sinomai_policy_history_traces_to_its_own_text() -> None:
    """Each change in Sinomai's version history cites a section of its policy, in both
    languages; nothing it describes (instalments, real-name checks) is absent from the text."""
    import re

    catalogue = CATALOGUES["sinomai-demo"]
    outline = {s.number for s in policy_for("sinomai-demo").sections}
    for version in catalogue.policy_versions:
        assert len(version.changes) == len(version.changes_zh), version.version
        for en, zh in zip(version.changes, version.changes_zh, strict=True):
            cited_en = re.match(r"§ ([\w.]+)[:：]", en)
            cited_zh = re.match(r"§ ([\w.]+)[:：]", zh)
            assert cited_en, (version.version, en)
            assert cited_zh, (version.version, zh)
            assert cited_en.group(1) == cited_zh.group(1)
            assert cited_en.group(1) in outline, (version.version, en)
        text = " ".join((version.summary, *version.changes)).lower()
        for invented in ("instalment", "real-name", "crowd", "wi-fi", "new provider"):
            assert invented not in text, (version.version, invented)
