"""Minors and guardians (issue 13.5), over real HTTP against both demo shops.

A guardian signs in with their own account, opens a short session on their ward and reads the
ward's dashboard and changes the ward's consents under the shop's own rule: Silumart (§6) only
lets the guardian grant, Sinomai (§2, minors paragraph) reserves every change to the guardian,
present and freshly signed in, and covers people without legal capacity too. Every call the
guardian makes is in the ward's access log under the guardian's name and role.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from sqlalchemy import select, update

from server.admin import main as admin_main
from server.embedded import RunningShop
from server.models import GuardianLink, User
from tests.support.oauth_login import (
    CLIENT_ID,
    REDIRECT_URI,
    Api,
    authorize,
    hidden_fields,
    pkce_pair,
    sign_in,
)

PASSWORD = "demo1234"
FAMILY = {
    "silumart": ("alice.chen", "chen.jing", "陈静 Chen Jing"),
    "sinomai": ("bob.liu", "liu.min", "刘敏 Liu Min"),
}
OPTIONAL = "personalised_recommendations"


def signed_in(shop: RunningShop, username: str) -> Api:
    return Api(shop.url + "/v1", str(sign_in(shop.url, username, PASSWORD)["access_token"]))


def ward_api(shop: RunningShop, guardian: Api) -> tuple[Api, dict[str, Any]]:
    wards = guardian.get("/guardian/wards")
    assert wards.status_code == 200, wards.text
    [ward] = wards.json()["items"]
    opened = guardian.post(f"/guardian/wards/{ward['id']}/session")
    assert opened.status_code == 201, opened.text
    assert opened.headers["Cache-Control"] == "no-store"
    body = opened.json()
    assert body["token_type"] == "Bearer"
    return Api(shop.url + "/v1", body["access_token"]), body["ward"]


def log_entries(api: Api) -> list[dict[str, Any]]:
    response = api.get("/access-log", params={"limit": 500})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


@pytest.mark.parametrize("name", ["silumart", "sinomai"])
def test_the_minor_sees_age_guardian_and_the_shops_rule(make_shop: Any, name: str) -> None:
    shop = make_shop(name)
    minor_name, _guardian, guardian_display = FAMILY[name]
    me = signed_in(shop, minor_name).get("/me")
    assert me.status_code == 200, me.text
    body = me.json()
    assert body["is_minor"] is True
    # Silumart holds Alice's age; Sinomai knows only that Bob is a minor.
    assert body["age_years"] == (15 if name == "silumart" else None)
    assert body["legal_capacity"] == "limited"
    assert [g["display_name"] for g in body["guardians"]] == [guardian_display]
    rule = body["guardian_rule"]
    numbers = [c["number"] for c in rule["clauses"]]
    if name == "silumart":
        assert numbers == ["6.P.accounts", "6.P.use"]
        assert (rule["grant_needs_guardian"], rule["withdraw_needs_guardian"]) == (True, False)
        assert rule["presence_required"] is False
        assert rule["covers_no_capacity"] is False
    else:
        assert numbers == ["2.P.minors"]
        assert (rule["grant_needs_guardian"], rule["withdraw_needs_guardian"]) == (True, True)
        assert rule["presence_required"] is True
        assert rule["covers_no_capacity"] is True
    # An adult with full capacity is covered by no rule and has no guardian.
    adult = signed_in(shop, "lin.mei" if name == "silumart" else "wang.fang").get("/me").json()
    assert adult["guardian_rule"] is None
    assert adult["guardians"] == []
    zh = signed_in(shop, minor_name).get("/me", headers={"Accept-Language": "zh-CN"}).json()
    assert zh["guardian_rule"]["summary"] != rule["summary"]
    assert "监护人" in zh["guardian_rule"]["summary"]


def test_the_guardian_reads_the_wards_dashboard_and_every_call_is_logged(
    make_shop: Any,
) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward, item = ward_api(shop, guardian)
    assert item["display_name"] == "Alice Chen"
    assert item["age_years"] == 15
    assert item["relationship"] == "parent"
    me = ward.get("/me")
    assert me.status_code == 200
    assert me.json()["customer_no"] == "SM100003"
    for path in ("/orders", "/consents", "/data/categories", "/incidents"):
        assert ward.get(path).status_code == 200, path
    minor = signed_in(shop, "alice.chen")
    entries = log_entries(minor)
    by_guardian = [e for e in entries if e["role"] == "guardian"]
    assert {e["actor"] for e in by_guardian} == {"陈静 Chen Jing"}
    resources = {(e["action"], e["resource"]) for e in by_guardian}
    assert ("guardian_start", f"/v1/guardian/wards/{item['id']}/session") in resources
    for path in ("/v1/me", "/v1/orders", "/v1/consents", "/v1/data/categories"):
        assert ("read", path) in resources, path
    # The guardian's own log records opening the session, not the ward's reads.
    own = {e["resource"] for e in log_entries(guardian)}
    assert "/v1/orders" not in own
    assert "/v1/guardian/wards" in own


def test_a_guardian_token_reads_and_changes_consents_only(make_shop: Any) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward, item = ward_api(shop, guardian)
    assert ward.patch("/me", json={"fields": {"job": "x"}}).status_code == 403
    assert ward.put("/subscriptions/email", json={"enabled": True}).status_code == 403
    filed = ward.post(
        "/requests", json={"type": "access", "details": {}}, headers={"Idempotency-Key": "g1"}
    )
    assert filed.status_code == 403, filed.text
    # A ward token cannot open further sessions or list wards.
    assert ward.get("/guardian/wards").status_code == 403
    assert ward.post(f"/guardian/wards/{item['id']}/session").status_code == 403
    # Someone who is not Alice's guardian finds no such ward; nor does anyone for a bad id.
    stranger = signed_in(shop, "lin.mei")
    assert stranger.post(f"/guardian/wards/{item['id']}/session").status_code == 404
    assert guardian.post("/guardian/wards/abc/session").status_code == 404
    assert stranger.get("/guardian/wards").json()["items"] == []


def test_silumart_only_the_guardian_grants_the_minor_withdraws(make_shop: Any) -> None:
    shop = make_shop("silumart")
    minor = signed_in(shop, "alice.chen")
    refused = minor.put(f"/consents/{OPTIONAL}", json={"granted": True})
    assert refused.status_code == 403, refused.text
    problem = refused.json()
    assert problem["code"] == "guardian_consent_required"
    assert "guardian" in problem["detail"]
    assert [c["number"] for c in problem["clauses"]] == ["6.P.accounts", "6.P.use"]
    zh = minor.put(
        f"/consents/{OPTIONAL}", json={"granted": True}, headers={"Accept-Language": "zh-CN"}
    )
    assert zh.status_code == 403
    assert "监护人" in zh.json()["detail"]
    withdrawn = minor.put(f"/consents/{OPTIONAL}", json={"granted": False})
    assert withdrawn.status_code == 200, withdrawn.text
    ward, _item = ward_api(shop, signed_in(shop, "chen.jing"))
    granted = ward.put(f"/consents/{OPTIONAL}", json={"granted": True})
    assert granted.status_code == 200, granted.text
    assert granted.json()["consent"]["granted"] is True
    assert granted.json()["receipt"]["subject"] == "SM100003"
    changes = [
        e
        for e in log_entries(minor)
        if e["action"] == "update" and e["resource"] == f"/v1/consents/{OPTIONAL}"
    ]
    assert [(e["role"], e["actor"]) for e in changes][-1] == ("guardian", "陈静 Chen Jing")


def test_sinomai_every_change_is_the_guardians_present_and_just_signed_in(
    make_shop: Any,
) -> None:
    shop = make_shop("sinomai")
    minor = signed_in(shop, "bob.liu")
    for granted in (True, False):
        refused = minor.put(f"/consents/{OPTIONAL}", json={"granted": granted})
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "guardian_consent_required"
        assert [c["number"] for c in refused.json()["clauses"]] == ["2.P.minors"]
    ward, _item = ward_api(shop, signed_in(shop, "liu.min"))
    absent = ward.put(f"/consents/{OPTIONAL}", json={"granted": True})
    assert absent.status_code == 422
    assert absent.json()["code"] == "guardian_presence_required"
    zh = ward.put(
        f"/consents/{OPTIONAL}", json={"granted": True}, headers={"Accept-Language": "zh-CN"}
    )
    assert "在场" in zh.json()["detail"]
    present = ward.put(f"/consents/{OPTIONAL}", json={"granted": True, "guardian_present": True})
    assert present.status_code == 200, present.text
    shop.ctx.clock.offset += timedelta(minutes=6)  # past the 5-minute window, token still live
    stale = ward.put(f"/consents/{OPTIONAL}", json={"granted": False, "guardian_present": True})
    assert stale.status_code == 403
    assert stale.json()["code"] == "reauth_required"


def test_sinomai_covers_an_adult_without_legal_capacity_silumart_does_not(
    make_shop: Any,
) -> None:
    for name, adult, expected in (("sinomai", "li.qiang", 403), ("silumart", "zhang.wei", 200)):
        shop = make_shop(name)
        with shop.ctx.sessions() as session:
            session.execute(
                update(User).where(User.username == adult).values(legal_capacity="none")
            )
            session.commit()
        answer = signed_in(shop, adult).put(f"/consents/{OPTIONAL}", json={"granted": True})
        assert answer.status_code == expected, (name, answer.text)


def test_a_revoked_link_ends_the_ward_session(make_shop: Any) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward, _item = ward_api(shop, guardian)
    assert ward.get("/me").status_code == 200
    with shop.ctx.sessions() as session:
        link = session.scalars(select(GuardianLink)).one()
        link.revoked_at = shop.ctx.clock.now()
        session.commit()
    assert ward.get("/me").status_code == 401
    assert guardian.get("/guardian/wards").json()["items"] == []


def test_guardian_links_from_both_sides(make_shop: Any) -> None:
    shop = make_shop("sinomai")
    guardian = signed_in(shop, "liu.min").get("/guardian/links").json()["items"]
    ward = signed_in(shop, "bob.liu").get("/guardian/links").json()["items"]
    assert [(i["other_role"], i["display_name"]) for i in guardian] == [("ward", "Bob Liu")]
    assert [(i["other_role"], i["display_name"]) for i in ward] == [("guardian", "刘敏 Liu Min")]
    assert guardian[0]["id"] == ward[0]["id"]
    assert ward[0]["revoked_at"] is None
    assert signed_in(shop, "wang.fang").get("/guardian/links").json()["items"] == []


def test_a_ward_session_on_postgres(pg_database: Any) -> None:
    """The principal's link join and the guardian's consent change, on PostgreSQL."""
    from server.context import ServerConfig
    from server.demo.seeding import seed_for_demo
    from server.shops import shop_profile

    config = ServerConfig(
        db_url=pg_database(),
        shop=shop_profile("sinomai"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    try:
        seed_for_demo(shop.ctx, tracks=50)
        shop.start()
        ward, item = ward_api(shop, signed_in(shop, "liu.min"))
        assert ward.get("/me").json()["customer_no"] == item["customer_no"]
        changed = ward.put(
            f"/consents/{OPTIONAL}", json={"granted": True, "guardian_present": True}
        )
        assert changed.status_code == 200, changed.text
        roles = {e["role"] for e in log_entries(signed_in(shop, "bob.liu"))}
        assert "guardian" in roles
    finally:
        shop.stop()


def admin_cli(shop: RunningShop, shop_name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The admin tool as an officer runs it: `python -m server admin`, a process of its own."""
    command = [sys.executable, "-m", "server", "admin", "--db-url", shop.ctx.config.db_url]
    return subprocess.run(
        [*command, "--shop", shop_name, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_admin_cli_links_and_unlinks_a_guardian(make_shop: Any) -> None:
    shop = make_shop("silumart")
    url = shop.ctx.config.db_url
    base = ["--db-url", url, "--shop", "silumart"]
    # Lin Mei becomes Alice's second guardian; linking twice leaves one link.
    assert admin_main([*base, "link-guardian", "lin.mei", "SM100003"]) == 0
    again = admin_cli(shop, "silumart", "link-guardian", "lin.mei", "alice.chen")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["changed"] is False
    with shop.ctx.sessions() as session:
        lin = session.scalars(select(User).where(User.username == "lin.mei")).one()
        rows = session.scalars(select(GuardianLink).where(GuardianLink.guardian_id == lin.id))
        assert len(rows.all()) == 1
    guardian = signed_in(shop, "lin.mei")
    ward, item = ward_api(shop, guardian)
    assert item["customer_no"] == "SM100003"
    assert ward.get("/me").status_code == 200
    alice = signed_in(shop, "alice.chen").get("/me").json()
    assert sorted(g["display_name"] for g in alice["guardians"]) == ["林美", "陈静 Chen Jing"]
    # Ending the link ends the open ward session at once; the guardian's own sign-in stays.
    ended = admin_cli(shop, "silumart", "unlink-guardian", "SM100001", "alice.chen")
    assert ended.returncode == 0, ended.stderr
    out = json.loads(ended.stdout)
    assert (out["changed"], out["sessions_ended"]) == (True, 1)
    assert ward.get("/me").status_code == 401
    assert guardian.get("/guardian/wards").json()["items"] == []
    assert guardian.get("/me").status_code == 200
    assert "陈静 Chen Jing" in [
        g["display_name"] for g in signed_in(shop, "alice.chen").get("/me").json()["guardians"]
    ]
    # Unlinking again says there is nothing to end; that is no error.
    missing = admin_cli(shop, "silumart", "unlink-guardian", "lin.mei", "alice.chen")
    assert missing.returncode == 0, missing.stderr
    assert json.loads(missing.stdout)["changed"] is False
    assert "nothing to end" in missing.stdout
    # Linked again (the same row starts over): the old session stays dead, a new one works.
    assert admin_main([*base, "link-guardian", "lin.mei", "alice.chen"]) == 0
    assert ward.get("/me").status_code == 401
    fresh, _item = ward_api(shop, guardian)
    assert fresh.get("/me").status_code == 200
    # Real errors: nobody by that name, an adult as ward, oneself, a minor as guardian.
    for args in (
        ["link-guardian", "lin.mei", "SM999999"],
        ["unlink-guardian", "nobody", "alice.chen"],
        ["link-guardian", "lin.mei", "zhang.wei"],
        ["link-guardian", "alice.chen", "alice.chen"],
        ["link-guardian", "alice.chen", "lin.mei"],
    ):
        failed = admin_cli(shop, "silumart", *args)
        assert failed.returncode == 1, (args, failed.stdout)
        assert failed.stderr.startswith("error: "), failed.stderr


def authorize_page(
    shop: RunningShop, username: str, language: str, password: str = PASSWORD
) -> requests.Response:
    """Submit the shop's sign-in form in `language`; the answer without following redirects."""
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": verifier[:16],
        "ui_locales": language,
    }
    page = requests.get(f"{shop.url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200, page.text
    form = hidden_fields(page.text)
    form.update(username=username, password=password)
    return requests.post(
        f"{shop.url}/oauth/authorize", data=form, allow_redirects=False, timeout=10
    )


def refused_redirect(answer: requests.Response) -> dict[str, str]:
    """The query of a sign-in refused back to the app's redirect URI (its state echoed)."""
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(REDIRECT_URI + "?"), location
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert query["state"], query
    return query


def test_silumart_a_minor_signs_in_only_with_the_guardians_consent(make_shop: Any) -> None:
    """Silumart § 6 (6.P.accounts): a minor's account needs the guardian's consent."""
    shop = make_shop("silumart")
    # The demo minor's guardian has consented: Alice signs in.
    assert authorize_page(shop, "alice.chen", "en").status_code == 302
    with shop.ctx.sessions() as session:
        session.execute(
            update(User).where(User.username == "alice.chen").values(guardian_consent="pending")
        )
        session.commit()
    for language, words in (("en", "guardian must consent"), ("zh-CN", "监护人")):
        refused = authorize_page(shop, "alice.chen", language)
        # back to the app with the error (RFC 6749 4.1.2.1), else it would wait forever
        answer = refused_redirect(refused)
        assert refused.headers["Content-Language"] == language
        assert answer["error"] == "access_denied"
        assert answer["reason"] == "guardian_consent_required"  # what the app branches on
        assert answer["iss"] == shop.ctx.config.public_url
        assert "code" not in answer
        message = answer["error_description"]
        assert words in message
        title = "未成年人须经父母或监护人同意" if language == "zh-CN" else "Minors need a parent"
        assert title in message
        assert ("account" in message) == (language == "en")
    # A wrong password still gets the plain answer: the page tells no stranger who is a minor.
    wrong = authorize_page(shop, "alice.chen", "en", password="not-her-password")
    assert wrong.status_code == 401
    assert "guardian" not in wrong.text
    assert "The account or password is not right." in wrong.text
    # The guardian's consent recorded through the admin tool lets her in again.
    done = admin_cli(
        shop, "silumart", "link-guardian", "chen.jing", "alice.chen", "--account-consent"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ward_guardian_consent"] == "granted"
    assert authorize_page(shop, "alice.chen", "en").status_code == 302


def test_sinomai_asks_no_guardian_consent_at_sign_in(make_shop: Any) -> None:
    """Sinomai's policy speaks of soliciting data, not of holding an account."""
    shop = make_shop("sinomai")
    with shop.ctx.sessions() as session:
        session.execute(
            update(User).where(User.username == "bob.liu").values(guardian_consent="pending")
        )
        session.commit()
    assert authorize_page(shop, "bob.liu", "zh-CN").status_code == 302


def refresh(shop: RunningShop, token: str, language: str = "en") -> requests.Response:
    return requests.post(
        f"{shop.url}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": token, "client_id": CLIENT_ID},
        headers={"Accept-Language": language},
        timeout=10,
    )


def assert_refused_for_consent(answer: requests.Response, language: str) -> None:
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["error"] == "invalid_grant"
    assert body["reason"] == "guardian_consent_required"  # what the app branches on
    assert answer.headers["Content-Language"] == language
    words = "监护人" if language == "zh-CN" else "guardian must consent"
    assert words in body["error_description"], body


def _withdraw_ends_every_sign_in(shop: RunningShop, withdraw: Any) -> None:
    """Two sign-ins of the minor (two token families) and a guardian's ward session; the
    consent is withdrawn by `withdraw()`; every token of the minor's own stops at once."""
    first = sign_in(shop.url, "alice.chen", PASSWORD)
    second = sign_in(shop.url, "alice.chen", PASSWORD)
    # a refresh before the change works and rotates (the new pair is what the app holds)
    rotated = refresh(shop, str(second["refresh_token"]))
    assert rotated.status_code == 200, rotated.text
    second = rotated.json()
    apis = [Api(shop.url + "/v1", str(t["access_token"])) for t in (first, second)]
    for api in apis:
        assert api.get("/me").status_code == 200
        assert api.get("/tracks", params={"limit": 5}).status_code == 200  # pre-routing path
        assert api.get("/tracks", params={"q": "a", "limit": "5"}).status_code == 200
    ward, _item = ward_api(shop, signed_in(shop, "chen.jing"))
    assert ward.get("/me").status_code == 200

    withdraw()

    for api in apis:
        assert api.get("/me").status_code == 401
        # the batched fast path checks every token as it comes: refused too, at once
        assert api.get("/tracks", params={"limit": 5}).status_code == 401
        assert api.get("/tracks", params={"q": "a", "limit": "5"}).status_code == 401
        assert api.get("/access-log", params={"limit": 5}).status_code == 401
    assert_refused_for_consent(refresh(shop, str(first["refresh_token"])), "en")
    assert_refused_for_consent(refresh(shop, str(second["refresh_token"]), "zh-CN"), "zh-CN")
    # the guardian's own session on the ward is the guardian's sign-in: it stays
    assert ward.get("/me").status_code == 200


def test_withdrawing_the_guardians_consent_ends_the_minors_sign_ins(make_shop: Any) -> None:
    """Silumart § 6: once the account has no guardian's consent, no sign-in of the minor
    works any more: access and refresh tokens of every sign-in, revoked in one transaction."""
    shop = make_shop("silumart")
    done: list[dict[str, Any]] = []

    def withdraw() -> None:
        answer = admin_cli(shop, "silumart", "account-consent", "alice.chen", "withdrawn")
        assert answer.returncode == 0, answer.stderr
        done.append(json.loads(answer.stdout))

    _withdraw_ends_every_sign_in(shop, withdraw)
    [out] = done
    assert (out["changed"], out["guardian_consent"]) == (True, "withdrawn")
    assert out["tokens_revoked"] >= 4  # two access and two refresh tokens at least
    # the same again changes nothing; the sign-in page refuses her meanwhile
    again = admin_cli(shop, "silumart", "account-consent", "SM100003", "withdrawn")
    assert json.loads(again.stdout)["changed"] is False
    assert refused_redirect(authorize_page(shop, "alice.chen", "en"))["error"] == "access_denied"
    # consent given again: she signs in afresh; the old refresh tokens stay dead
    base = ["--db-url", shop.ctx.config.db_url]
    assert admin_main([*base, "account-consent", "alice.chen", "granted"]) == 0
    assert signed_in(shop, "alice.chen").get("/me").status_code == 200


def test_consent_asked_again_also_ends_the_sign_ins_and_a_pending_code(make_shop: Any) -> None:
    shop = make_shop("silumart")
    # a code issued before the change cannot be exchanged after it
    code = authorize(shop.url, "alice.chen", PASSWORD)
    base = ["--db-url", shop.ctx.config.db_url, "--shop", "silumart"]

    def ask_again() -> None:
        assert admin_main([*base, "account-consent", "alice.chen", "pending"]) == 0

    _withdraw_ends_every_sign_in(shop, ask_again)
    answer = requests.post(
        f"{shop.url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code.code,
            "redirect_uri": code.redirect_uri,
            "client_id": CLIENT_ID,
            "code_verifier": code.verifier,
        },
        timeout=10,
    )
    assert_refused_for_consent(answer, "en")


def test_a_consent_state_written_directly_still_stops_the_refresh(make_shop: Any) -> None:
    """Defence in depth: a state written by some other tool (no revocation) still stops the
    refresh, and that refusal revokes the sign-in's access token with it."""
    shop = make_shop("silumart")
    tokens = sign_in(shop.url, "alice.chen", PASSWORD)
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    with shop.ctx.sessions() as session:
        session.execute(
            update(User).where(User.username == "alice.chen").values(guardian_consent="refused")
        )
        session.commit()
    assert_refused_for_consent(refresh(shop, str(tokens["refresh_token"])), "en")
    assert api.get("/me").status_code == 401


def test_account_consent_errors_and_shops_without_the_rule(make_shop: Any) -> None:
    shop = make_shop("silumart")
    for args in (
        ["account-consent", "zhang.wei", "withdrawn"],  # an adult needs no guardian's consent
        ["account-consent", "nobody", "withdrawn"],
    ):
        failed = admin_cli(shop, "silumart", *args)
        assert failed.returncode == 1, (args, failed.stdout)
        assert failed.stderr.startswith("error: "), failed.stderr
    assert admin_cli(shop, "silumart", "account-consent", "alice.chen", "bogus").returncode == 2
    # without a live guardian link there is nobody whose consent could be recorded
    assert admin_cli(shop, "silumart", "unlink-guardian", "chen.jing", "alice.chen").returncode == 0
    assert admin_cli(shop, "silumart", "account-consent", "alice.chen", "withdrawn").returncode == 0
    lonely = admin_cli(shop, "silumart", "account-consent", "alice.chen", "granted")
    assert lonely.returncode == 1
    assert "link one first" in lonely.stderr
    # Sinomai's policy asks nothing of the account: recording the state revokes nothing
    sinomai = make_shop("sinomai")
    tokens = sign_in(sinomai.url, "bob.liu", PASSWORD)
    out = admin_cli(sinomai, "sinomai", "account-consent", "bob.liu", "withdrawn")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["tokens_revoked"] == 0
    assert refresh(sinomai, str(tokens["refresh_token"])).status_code == 200


def test_withdrawn_consent_ends_the_sign_ins_on_postgres(pg_database: Any) -> None:
    from server.admin import account_consent
    from server.context import ServerConfig
    from server.demo.seeding import seed_for_demo
    from server.shops import shop_profile

    config = ServerConfig(
        db_url=pg_database(),
        shop=shop_profile("silumart"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    try:
        seed_for_demo(shop.ctx, tracks=50)
        shop.start()

        def withdraw() -> None:
            out = account_consent(shop.ctx, "alice.chen", "withdrawn")
            assert out["tokens_revoked"] >= 4

        _withdraw_ends_every_sign_in(shop, withdraw)
    finally:
        shop.stop()
