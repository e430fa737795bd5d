"""Issue 13.6 over real HTTP: the pieces each shop's policy promises, modelled and cited.

Customer-service records, data-protection agreements, transfers on merger and public
disclosures with their notices, impact assessments, the cessation notice, the cross-border
transfer with its own consent, the statutory no-consent exceptions, the consequence of refusing
real-name verification and orders placed for someone else: each appears at a shop only where
its own policy says so (Silumart), cites a section of that shop's outline, and is marked as the
shop's configuration where the policy is silent (Sinomai).
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from server.demo.policies import policy_for
from server.embedded import RunningShop
from server.models import Notice, RecipientEvent
from tests.server.test_shop_policies import SHOPPERS, items, signed_in
from tests.support.oauth_login import Api, sign_in

HOSTILE_QUERIES: tuple[dict[str, Any], ...] = (
    {"limit": 0},
    {"limit": -1},
    {"limit": "abc"},
    {"limit": 10**12},
    {"cursor": "not-a-cursor"},
    {"cursor": "\x00"},
    {"cursor": "x" * 600},
    {"cursor": "eyJ4IjoxfQ"},  # base64 of a JSON object that is not a cursor
)


def walk(api: Api, path: str, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):  # bounded: a broken cursor must not loop forever
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = api.get(path, params=params)
        assert response.status_code == 200, response.text
        out.extend(response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return out
    raise AssertionError("paging did not end")


def zh(api: Api, path: str, **params: Any) -> requests.Response:
    return api.get(path, params={"limit": 200, **params}, headers={"Accept-Language": "zh-CN"})


def outline(api: Api) -> dict[str, str]:
    return {s["number"]: s["title"] for s in api.get("/rights").json()["outline"]}


def without_key(term: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in term.items() if k != "key"}


def assert_cited(term: dict[str, Any], sections: dict[str, str], clause: str | None) -> None:
    assert term["clause"] == clause
    if clause is None:
        assert term["basis"] == "shop_configuration"
        assert term.get("clause_title") is None
    else:
        assert term["basis"] == "policy"
        assert clause in sections
        if "clause_title" in term:  # a recipient carries only clause and basis
            assert term["clause_title"] == sections[clause]


def test_new_lists_are_keyset_paged_and_survive_hostile_queries(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    for path in ("/data/service-contacts", "/impact-assessments"):
        everything = walk(api, path, 200)
        assert len(everything) >= 2, path
        assert walk(api, path, 1) == everything  # same order, one at a time
        times = [item.get("at") or item["assessed_at"] for item in everything]
        assert times == sorted(times, reverse=True)
        for params in HOSTILE_QUERIES:
            response = api.get(path, params=params)
            assert response.status_code in (400, 422), (path, params, response.text)
        assert requests.get(shop.url + "/v1" + path, timeout=30).status_code == 401


def test_silumart_keeps_customer_service_records_in_my_data(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    category = next(c for c in items(api, "/data/categories") if c["key"] == "service_records")
    assert_cited(category, sections, "1.C.2")
    contacts = walk(api, "/data/service-contacts", 3)
    assert category["count"] == len(contacts)
    orders = {o["id"]: o["number"] for o in walk(api, "/orders", 200)}
    assert any(contact["order_id"] is not None for contact in contacts)
    for contact in contacts:
        assert contact["channel"] in {"phone", "online_chat", "email", "letter"}
        assert contact["summary"]
        assert contact["outcome"]
        assert (contact["duration_seconds"] is not None) == (contact["channel"] == "phone")
        assert contact["order_id"] is None or contact["order_id"] in orders
        # the shopper knows an order by its number, never its id
        assert contact["order_number"] == orders.get(contact["order_id"] or "")
    chinese = zh(api, "/data/service-contacts").json()["items"]
    assert [c["id"] for c in chinese] == [c["id"] for c in contacts]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in c["summary"]) for c in chinese)
    assert all(c["summary"].isascii() for c in contacts)


def test_silumart_partners_have_agreements_and_policy_sharing_events(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    recipients = {r["type"]: r for r in items(api, "/recipients")}
    for recipient in items(api, "/recipients"):
        agreement = recipient["data_protection_agreement"]
        if recipient["type"] in ("authority", "public"):
            assert agreement["exists"] is False
            assert agreement["signed_at"] is None
            assert_cited(agreement, sections, None)
        else:
            assert agreement["exists"] is True, recipient["name"]
            assert agreement["signed_at"]
            assert agreement["scope"]
            assert_cited(agreement, sections, "3.A")  # "we will sign strict agreements"
            if recipient["first_shared"] is not None and recipient["type"] != "analytics":
                assert agreement["signed_at"] <= recipient["first_shared"]

    notices = {n["id"]: n for n in walk(api, "/notices", 200)}
    successor = recipients["successor"]
    assert_cited(successor, sections, "3.B")
    (merger,) = walk(api, f"/recipients/{successor['id']}/events", 50)
    assert merger["kind"] == "merger_transfer"
    assert_cited(merger, sections, "3.B")
    notice = notices[merger["notice_id"]]
    assert notice["kind"] == "merger_transfer"
    assert not notice["personal"]
    assert_cited(notice, sections, "3.B")
    assert notice["published_at"] > merger["at"]

    public = recipients["public"]
    (disclosure,) = walk(api, f"/recipients/{public['id']}/events", 50)
    assert disclosure["kind"] == "public_disclosure"
    assert_cited(disclosure, sections, "3.C")
    told = notices[disclosure["notice_id"]]
    assert told["kind"] == "public_disclosure"
    assert told["personal"] is True
    assert_cited(told, sections, "3.C")
    # every other event is an ordinary disclosure under 3.A
    logistics = recipients["logistics"]
    for event in walk(api, f"/recipients/{logistics['id']}/events", 200):
        assert event["kind"] == "disclosure"
        assert event["notice_id"] is None
        assert_cited(event, sections, "3.A")


def test_silumart_assessments_cessation_and_chinese(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    notices = {n["id"]: n for n in walk(api, "/notices", 200)}
    assessments = walk(api, "/impact-assessments", 200)
    assert len(assessments) == 2
    for assessment in assessments:
        assert assessment["topic"]
        assert assessment["outcome"]
        assert assessment["assessed_at"]
        assert_cited(assessment, sections, "4.E")
        announcement = notices[assessment["notice_id"]]
        assert announcement["kind"] == "impact_assessment"
        assert announcement["published_at"] >= assessment["assessed_at"]
    (cessation,) = [n for n in notices.values() if n["kind"] == "cessation"]
    assert_cited(cessation, sections, "1.F")
    assert "delete or anonymise" in cessation["body"]
    chinese = zh(api, "/impact-assessments").json()["items"]
    assert all(not a["topic"].isascii() and not a["outcome"].isascii() for a in chinese)
    incident = next(n for n in notices.values() if n["kind"] == "security_incident")
    assert_cited(incident, sections, "4.F")
    service = next(n for n in notices.values() if n["kind"] == "service")
    assert_cited(service, sections, None)


def test_the_singapore_partner_has_its_own_transfer_consent(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    consents = {c["purpose"]: c for c in items(api, "/consents")}
    transfer = consents["cross_border_analytics"]
    assert transfer["destination_country"] == "SG"
    assert transfer["legal_basis"] == "consent"
    assert transfer["required"] is False
    assert_cited(transfer, sections, "7")
    assert all(c["destination_country"] is None for k, c in consents.items() if k != transfer["id"])
    (partner,) = [r for r in items(api, "/recipients") if r["country"] == "SG"]
    assert partner["consent_purpose"] == "cross_border_analytics"
    cookie = next(c for c in items(api, "/cookies") if c["name"] == "_sg_stats")
    assert cookie["consent_purpose"] == "cross_border_analytics"  # not the cookie consent

    # withdrawing the transfer consent switches the partner's cookie off, not the cookie consent
    api.put("/consents/cookies_analytics", json={"granted": True})
    for granted in (False, True):
        changed = api.put("/consents/cross_border_analytics", json={"granted": granted})
        assert changed.status_code == 200, changed.text
        assert changed.json()["consent"]["destination_country"] == "SG"
        cookie = next(c for c in items(api, "/cookies") if c["name"] == "_sg_stats")
        assert cookie["active"] is granted
        legacy = next(c for c in items(api, "/cookies") if c["name"] == "legacy_player_lso")
        assert legacy["active"] is True


def test_silumart_no_consent_exceptions_and_refusal_consequences(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    categories = {c["key"]: c for c in items(api, "/data/categories")}
    assert categories["logs"]["no_consent_exception"]["key"] == "safe_operation"
    assert_cited(categories["logs"]["no_consent_exception"], sections, "1.F.8")
    assert_cited(categories["orders"]["no_consent_exception"], sections, "1.F.7")
    assert categories["tracks"]["no_consent_exception"] is None
    authority = next(r for r in items(api, "/recipients") if r["type"] == "authority")
    assert authority["no_consent_exception"]["key"] == "criminal_justice"
    assert_cited(authority["no_consent_exception"], sections, "3.D.3")
    for recipient in items(api, "/recipients"):
        if recipient["type"] != "authority":
            assert recipient["no_consent_exception"] is None

    refusal = categories["identity_verification"]["refusal_consequence"]
    assert_cited(refusal, sections, "1.D")
    assert "browsing and search" in refusal["text"]
    purpose = next(c for c in items(api, "/consents") if c["purpose"] == "real_name_verification")
    assert without_key(purpose["refusal_consequence"]) == without_key(refusal)
    assert_cited(categories["profile"]["refusal_consequence"], sections, "1.A")
    chinese = {c["key"]: c for c in zh(api, "/data/categories").json()["items"]}
    assert "浏览" in chinese["identity_verification"]["refusal_consequence"]["text"]
    assert chinese["logs"]["no_consent_exception"]["clause_title"] == (
        policy_for(shop.ctx.shop.id).section("1.F.8").title.zh  # type: ignore[union-attr]
    )


def test_orders_placed_for_someone_else_say_who_for_whom(shop: RunningShop) -> None:
    api = signed_in(shop, "silumart")
    sections = outline(api)
    me = api.get("/me").json()
    orders = walk(api, "/orders", 200)
    for_others = [o for o in orders if o["for_other"]]
    assert for_others
    assert len(for_others) < len(orders)
    for order in orders:
        placed = order["placed_for"]
        if not order["for_other"]:
            assert placed is None
            continue
        assert placed["placed_by"] == me["display_name"]
        assert_cited(placed, sections, "1.C.1")
        assert placed["purchaser_consent_at"] <= order["placed_at"]
        detail = api.get(f"/orders/{order['id']}").json()
        assert detail["placed_for"] == placed
        assert placed["placed_for"] == detail["recipient"]["name"] != me["display_name"]


@pytest.mark.parametrize("name", ["sinomai"])
def test_sinomai_shows_only_what_its_policy_says_or_marks_configuration(
    make_shop: Any, name: str
) -> None:
    shop = make_shop(name)
    api = signed_in(shop, name)
    sections = outline(api)
    categories = {c["key"]: c for c in items(api, "/data/categories")}
    assert "service_records" not in categories  # its policy keeps no such records
    assert walk(api, "/data/service-contacts", 50) == []
    assert walk(api, "/impact-assessments", 50) == []  # its policy promises none
    notices = walk(api, "/notices", 200)
    assert {n["kind"] for n in notices} <= {"security_incident", "policy_update", "service"}
    assert_cited(next(n for n in notices if n["kind"] == "policy_update"), sections, "5")
    assert_cited(next(n for n in notices if n["kind"] == "security_incident"), sections, None)

    recipients = items(api, "/recipients")
    assert {r["type"] for r in recipients}.isdisjoint({"successor", "public"})
    assert all(r["consent_purpose"] is None and r["country"] == "CN" for r in recipients)
    for recipient in recipients:
        agreement = recipient["data_protection_agreement"]
        assert_cited(agreement, sections, None)  # kept, but not a promise of its policy
        assert agreement["exists"] is (recipient["type"] != "authority")
        exception = recipient["no_consent_exception"]
        if recipient["type"] == "logistics":
            assert_cited(exception, sections, "2.X.3")
        elif recipient["type"] == "authority":
            assert_cited(exception, sections, "2.X.1")
        else:
            assert exception is None
        for event in walk(api, f"/recipients/{recipient['id']}/events", 200):
            assert event["kind"] == "disclosure"
    # its policy has no list of collection exceptions
    assert all(c["no_consent_exception"] is None for c in categories.values())
    consents = {c["purpose"]: c for c in items(api, "/consents")}
    assert "cross_border_analytics" not in consents
    assert all(c["destination_country"] is None for c in consents.values())
    refusal = consents["real_name_verification"]["refusal_consequence"]
    assert_cited(refusal, sections, None)
    assert refusal["text"].startswith("Not stated in the policy")
    assert without_key(categories["identity_verification"]["refusal_consequence"]) == without_key(
        refusal
    )
    for_other = [o for o in walk(api, "/orders", 200) if o["for_other"]]
    assert for_other
    for order in for_other:
        assert_cited(order["placed_for"], sections, None)
    assert SHOPPERS[name][0]


def test_customer_service_records_can_be_deleted_like_any_category(shop: RunningShop) -> None:
    """5.C: the shopper may ask for removal; the records go, other shoppers' stay."""
    from server.models import ServiceContact, User
    from tests.server.test_requests_processing import count, drive, file, verified

    api = signed_in(shop, "silumart")
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPERS["silumart"][0])).one()
        others = db.scalar(
            select(func.count()).select_from(ServiceContact).where(ServiceContact.user_id != me)
        )
    assert count(shop, ServiceContact, me) > 0
    req = verified(api, file(api, "deletion", {"categories": ["service_records"]}))
    done = drive(shop, api, req["id"])
    assert done["status"] == "completed", done
    assert count(shop, ServiceContact, me) == 0
    assert walk(api, "/data/service-contacts", 50) == []
    category = next(c for c in items(api, "/data/categories") if c["key"] == "service_records")
    assert category["count"] == 0
    with shop.ctx.sessions() as db:
        assert (
            db.scalar(
                select(func.count()).select_from(ServiceContact).where(ServiceContact.user_id != me)
            )
            == others
        )
    result = api.get(f"/requests/{req['id']}/result").json()
    assert result["deleted"]["service_records"] > 0


def test_silumart_discloses_a_rule_breaker_under_its_own_clause(make_shop: Any) -> None:
    """Silumart 3.C.2: a serious breach of the shop's rules may be published with the measures
    taken. The demo's second shopper (who also sells) has such a disclosure to the public and
    the personal notice that told them, each citing 3.C.2 of Silumart's own outline, in both
    languages; Sinomai's policy has no such clause and its data no such disclosure."""
    shop = make_shop("silumart")
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "zhang.wei", "demo1234")["access_token"]))
    sections = outline(api)
    assert policy_for("silumart").violation_disclosure == "3.C.2"
    assert policy_for("silumart").section("3.C.2") is not None
    assert "3.C.2" in sections
    assert "rules" in sections["3.C.2"]
    public = next(r for r in items(api, "/recipients") if r["type"] == "public")
    events = walk(api, f"/recipients/{public['id']}/events", 50)
    (breach,) = [e for e in events if e["clause"] == "3.C.2"]
    assert breach["kind"] == "public_disclosure"
    assert_cited(breach, sections, "3.C.2")
    assert "penalty" in breach["description"]
    notices = {n["id"]: n for n in walk(api, "/notices", 200)}
    told = notices[breach["notice_id"]]
    assert (told["kind"], told["personal"], told["severity"]) == (
        "public_disclosure",
        True,
        "warning",
    )
    assert_cited(told, sections, "3.C.2")
    assert told["published_at"] > breach["at"]
    # in Chinese: the notice, the event and the clause's title
    zh_sections = {
        s["number"]: s["title"]
        for s in api.get("/rights", headers={"Accept-Language": "zh-CN"}).json()["outline"]
    }
    zh_notice = next(n for n in zh(api, "/notices").json()["items"] if n["id"] == told["id"])
    assert "处罚" in zh_notice["title"]
    assert zh_notice["clause_title"] == zh_sections["3.C.2"]
    zh_event = next(
        e
        for e in zh(api, f"/recipients/{public['id']}/events").json()["items"]
        if e["id"] == breach["id"]
    )
    assert "假冒" in zh_event["description"]
    # nobody else's data has it: the first shopper's review disclosure keeps 3.C
    first = signed_in(shop, "silumart")
    theirs = walk(first, f"/recipients/{public['id']}/events", 50)
    assert [e["clause"] for e in theirs] == ["3.C"]
    # exactly these two rows carry a clause narrower than their kind's
    with shop.ctx.sessions() as session:
        stored = session.scalars(select(Notice.clause).where(Notice.clause.is_not(None))).all()
        cited = session.scalars(
            select(RecipientEvent.clause).where(RecipientEvent.clause.is_not(None))
        ).all()
    assert stored == ["3.C.2"]
    assert cited == ["3.C.2"]


def test_every_stored_clause_of_notices_and_events_is_in_that_shops_outline(
    make_shop: Any,
) -> None:
    for name in ("silumart", "sinomai"):
        shop = make_shop(name)
        policy = policy_for(shop.ctx.shop.id)
        with shop.ctx.sessions() as session:
            clauses = set(session.scalars(select(Notice.clause))) | set(
                session.scalars(select(RecipientEvent.clause))
            )
        for clause in clauses - {None}:
            assert policy.section(clause) is not None, (name, clause)
        assert (clauses - {None} != set()) == (name == "silumart")
