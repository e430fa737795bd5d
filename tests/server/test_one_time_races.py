"""One-time things stay one-time under concurrency, on SQLite and on PostgreSQL.

Sixteen threads, each with its own keep-alive connection to the loopback server, fire the same
one-time credential at once (released together by a barrier): an authorization code, a refresh
token, an assist code and a request's verification code. Exactly one may succeed. For a
replayed authorization code (RFC 6749 4.1.2) and a reused refresh token (RFC 6819 5.2.2.3,
OAuth 2.0 Security BCP 4.14.2) the whole sign-in they belong to is revoked afterwards, the
winner's fresh tokens included.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest
import requests
from sqlalchemy import func, select

from server.admin import account_consent
from server.auth import oauth
from server.embedded import RunningShop
from server.models import AccessToken, RefreshToken, User
from server.routes import assist
from tests.conftest import SECOND_SHOPPER, SHOPPER
from tests.support.accounts import add_agent, agent_api
from tests.support.oauth_login import CLIENT_ID, Api, authorize, hidden_fields, pkce_pair, sign_in
from tests.support.sources import session_from

PARALLEL = 16


def race(
    shop: RunningShop,
    attempt: Callable[[requests.Session], requests.Response],
    n: int = PARALLEL,
    source: str | None = None,
) -> list[requests.Response]:
    """Run `attempt` in `n` threads at once, each on its own already-open connection (from
    the loopback address `source`, if given)."""
    sessions = [session_from(source) if source else requests.Session() for _ in range(n)]
    for session in sessions:  # open the connections first, so the attempts start together
        assert session.get(f"{shop.url}/.well-known/privacy-api", timeout=10).ok
    barrier = threading.Barrier(n)
    results: list[requests.Response | BaseException | None] = [None] * n

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = attempt(sessions[index])
        except BaseException as exc:  # reported below, with the others' answers
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    for session in sessions:
        session.close()
    answers = [r for r in results if isinstance(r, requests.Response)]
    assert len(answers) == n, results
    return answers


def statuses(answers: list[requests.Response]) -> list[int]:
    return sorted(a.status_code for a in answers)


def me_status(shop: RunningShop, access_token: str) -> int:
    return Api(shop.url + "/v1", access_token).get("/me").status_code


def refresh(
    shop: RunningShop, token: str, http: requests.Session | None = None
) -> requests.Response:
    return (http or requests).post(
        f"{shop.url}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": token, "client_id": CLIENT_ID},
        timeout=30,
    )


def test_an_authorization_code_is_redeemed_once(race_shop: RunningShop) -> None:
    auth = authorize(race_shop.url, *SHOPPER)
    form = {
        "grant_type": "authorization_code",
        "code": auth.code,
        "client_id": CLIENT_ID,
        "redirect_uri": auth.redirect_uri,
        "code_verifier": auth.verifier,
    }
    answers = race(
        race_shop,
        lambda http: http.post(f"{race_shop.url}/oauth/token", data=form, timeout=30),
    )
    assert statuses(answers) == [200] + [400] * (PARALLEL - 1), [a.text for a in answers]
    assert {a.json()["error"] for a in answers if a.status_code == 400} == {"invalid_grant"}
    [winner] = [a.json() for a in answers if a.status_code == 200]
    # the code was replayed, so what it issued is revoked: access and refresh token alike
    assert me_status(race_shop, winner["access_token"]) == 401
    assert refresh(race_shop, winner["refresh_token"]).status_code == 400


def test_a_refresh_token_rotates_once_and_reuse_ends_the_sign_in(
    race_shop: RunningShop,
) -> None:
    tokens = sign_in(race_shop.url, *SHOPPER)
    original = str(tokens["refresh_token"])
    answers = race(race_shop, lambda http: refresh(race_shop, original, http))
    assert statuses(answers) == [200] + [400] * (PARALLEL - 1), [a.text for a in answers]
    [winner] = [a.json() for a in answers if a.status_code == 200]
    assert winner["refresh_token"] != original
    # fifteen reuses of a rotated token: the family is revoked, the winner's new tokens too
    assert me_status(race_shop, winner["access_token"]) == 401
    assert me_status(race_shop, str(tokens["access_token"])) == 401
    assert refresh(race_shop, winner["refresh_token"]).status_code == 400


def test_an_assist_code_opens_one_session(race_shop: RunningShop) -> None:
    shopper = Api(race_shop.url + "/v1", str(sign_in(race_shop.url, *SHOPPER)["access_token"]))
    before = len(shopper.get("/assist/sessions", params={"limit": 100}).json()["items"])
    code = shopper.post("/assist/codes").json()
    agent = agent_api(race_shop, add_agent(race_shop))  # its own limits, untouched by others
    body = {
        "customer_no": code["customer_no"],
        "code": code["code"],
        "reason": "Case 1601: sixteen agents at once",
    }
    token = agent.headers["Authorization"]
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/v1/assist/sessions",
            json=body,
            headers={"Authorization": token},
            timeout=30,
        ),
    )
    codes = statuses(answers)
    assert codes.count(201) == 1, [a.text for a in answers]
    # the others found the code spent: the same refusal as any wrong code (or, once this
    # agent has too many refusals, its own back-off)
    assert set(codes) - {201} <= {403, 429}, codes
    after = shopper.get("/assist/sessions", params={"limit": 100}).json()["items"]
    assert len(after) == before + 1
    [opened] = [a.json() for a in answers if a.status_code == 201]
    assert Api(race_shop.url + "/v1", opened["access_token"]).get("/me").status_code == 200


def test_a_verification_code_verifies_once(race_shop: RunningShop) -> None:
    api = Api(race_shop.url + "/v1", str(sign_in(race_shop.url, *SHOPPER)["access_token"]))
    filed = api.post(
        "/requests",
        json={"type": "deletion", "details": {"categories": ["tags"]}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status_code == 201, filed.text
    req = filed.json()
    assert req["status"] == "identity_unverified"
    code = api.get(f"/requests/{req['id']}/demo-verification-code").json()["code"]
    token = api.headers["Authorization"]
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/v1/requests/{req['id']}/verify",
            json={"code": code},
            headers={"Authorization": token},
            timeout=30,
        ),
    )
    assert statuses(answers) == [200] + [409] * (PARALLEL - 1), [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"invalid_state"}
    timeline = api.get(f"/requests/{req['id']}").json()["timeline"]
    assert [e["note"] for e in timeline].count("Identity verified.") == 1
    assert api.get(f"/requests/{req['id']}").json()["status"] == "pending"


def test_one_idempotency_key_files_one_request(race_shop: RunningShop) -> None:
    """Duplicates racing the first wait for it and replay its answer: never two, never 409."""
    api = Api(race_shop.url + "/v1", str(sign_in(race_shop.url, *SHOPPER)["access_token"]))
    key = str(uuid.uuid4())
    text = f"Sixteen at once {key}"
    body = {"type": "complaint", "details": {"text": text}}
    token = api.headers["Authorization"]
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/v1/requests",
            json=body,
            timeout=30,
            headers={"Idempotency-Key": key, "Authorization": token},
        ),
    )
    assert statuses(answers) == [201] * PARALLEL, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") == "true" for a in answers) == PARALLEL - 1
    query: dict[str, str | int] = {"type": "complaint", "limit": 500}
    filed = api.get("/requests", params=query).json()["items"]
    assert [r["details"]["text"] for r in filed].count(text) == 1


# -- limits hold under bursts: each try is counted before it is checked -----------------------


def test_a_burst_of_wrong_passwords_gets_no_extra_guesses(
    race_shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oauth, "LOGIN_BACKOFF_BASE", 60.0)  # no wait runs out mid-test
    _verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "state": "s",
        "redirect_uri": "http://127.0.0.1:40000/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    page = requests.get(f"{race_shop.url}/oauth/authorize", params=params, timeout=10)
    form = {**hidden_fields(page.text), "username": SECOND_SHOPPER[0], "password": "wrong"}
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/oauth/authorize", data=form, allow_redirects=False, timeout=30
        ),
        source="127.0.0.6",
    )
    # five free failures and the one that starts the back-off are checked; no more
    assert statuses(answers) == [401] * (oauth.LOGIN_FREE_FAILURES + 1) + [429] * (
        PARALLEL - oauth.LOGIN_FREE_FAILURES - 1
    ), [a.status_code for a in answers]


def test_a_burst_of_wrong_assist_codes_gets_no_extra_guesses(race_shop: RunningShop) -> None:
    shopper = Api(
        race_shop.url + "/v1", str(sign_in(race_shop.url, *SECOND_SHOPPER)["access_token"])
    )
    code = shopper.post("/assist/codes").json()
    agent = agent_api(race_shop, add_agent(race_shop))
    wrong = f"{(int(code['code']) + 1) % 1_000_000:06d}"
    body = {"customer_no": code["customer_no"], "code": wrong, "reason": "Case 1602: a burst"}
    token = agent.headers["Authorization"]
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/v1/assist/sessions",
            json=body,
            headers={"Authorization": token},
            timeout=30,
        ),
    )
    assert statuses(answers) == [403] * assist.PAIR_FAILURES + [429] * (
        PARALLEL - assist.PAIR_FAILURES
    ), [a.text for a in answers]


def test_a_burst_of_wrong_verification_codes_gets_no_extra_guesses(
    race_shop: RunningShop,
) -> None:
    api = Api(race_shop.url + "/v1", str(sign_in(race_shop.url, *SHOPPER)["access_token"]))
    req = api.post(
        "/requests",
        json={"type": "deletion", "details": {"categories": ["tags"]}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).json()
    code = api.get(f"/requests/{req['id']}/demo-verification-code").json()["code"]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    token = api.headers["Authorization"]
    answers = race(
        race_shop,
        lambda http: http.post(
            f"{race_shop.url}/v1/requests/{req['id']}/verify",
            json={"code": wrong},
            headers={"Authorization": token},
            timeout=30,
        ),
    )
    assert statuses(answers) == [422] * 5 + [429] * (PARALLEL - 5), [a.text for a in answers]
    # the right code waits out the lock too
    assert api.post(f"/requests/{req['id']}/verify", json={"code": code}).status_code == 429


def _consent_race_round(shop: RunningShop, sign_ins: int) -> None:
    """`sign_ins` refreshes of the minor's sign-ins and one consent withdrawal, released
    together; afterwards no token of the minor's own may be live."""
    account_consent(shop.ctx, "alice.chen", "granted")
    tokens = [sign_in(shop.url, "alice.chen", "demo1234") for _ in range(sign_ins)]
    sessions = [requests.Session() for _ in tokens]
    for session in sessions:  # connections open first, so the attempts start together
        assert session.get(f"{shop.url}/.well-known/privacy-api", timeout=10).ok
    barrier = threading.Barrier(sign_ins + 1)
    answers: list[requests.Response | BaseException | None] = [None] * sign_ins
    withdrawn: list[BaseException | dict[str, object]] = []

    def refresher(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            token = str(tokens[index]["refresh_token"])
            answers[index] = refresh(shop, token, sessions[index])
        except BaseException as exc:  # reported below
            answers[index] = exc

    def withdrawer() -> None:
        try:
            barrier.wait(timeout=30)
            withdrawn.append(account_consent(shop.ctx, "alice.chen", "withdrawn"))
        except BaseException as exc:  # reported below
            withdrawn.append(exc)

    threads = [threading.Thread(target=refresher, args=(i,)) for i in range(sign_ins)]
    threads.append(threading.Thread(target=withdrawer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    for session in sessions:
        session.close()
    done = [a for a in answers if isinstance(a, requests.Response)]
    assert len(done) == sign_ins, answers
    assert [isinstance(w, dict) for w in withdrawn] == [True], withdrawn
    assert {a.status_code for a in done} <= {200, 400}, [a.text for a in done]
    with shop.ctx.sessions() as db:
        alice = db.scalars(select(User.id).where(User.username == "alice.chen")).one()
        live_access = db.scalar(
            select(func.count())
            .select_from(AccessToken)
            .where(AccessToken.actor_id == alice, AccessToken.revoked.is_(False))
        )
        live_refresh = db.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(RefreshToken.user_id == alice, RefreshToken.revoked.is_(False))
        )
    assert (live_access, live_refresh) == (0, 0)
    for answer in done:
        if answer.status_code == 200:  # won before the change: its new tokens died with it
            assert me_status(shop, answer.json()["access_token"]) == 401
            assert refresh(shop, answer.json()["refresh_token"]).status_code == 400


def test_no_sign_in_outlives_a_withdrawn_guardian_consent(race_shop: RunningShop) -> None:
    """Refreshes of a minor's sign-ins racing the withdrawal of the guardian's consent
    (Silumart § 6): whatever the order, no token of the minor's own is live afterwards: a
    refresh that won before the change had its new tokens revoked by it, one after it was
    refused. Eight rounds of five sign-ins, each refresh on its own connection (without the
    row lock of `server.auth.oauth._account_for_tokens` PostgreSQL let one through)."""
    try:
        for _round in range(8):
            _consent_race_round(race_shop, sign_ins=5)
    finally:
        account_consent(race_shop.ctx, "alice.chen", "granted")
