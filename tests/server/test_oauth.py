"""The OAuth 2.0 authorization server, end to end over HTTP."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from server.embedded import RunningShop
from tests.conftest import AGENT, SHOPPER
from tests.support.oauth_login import (
    CLIENT_ID,
    Api,
    authorize,
    exchange,
    hidden_fields,
    pkce_pair,
    sign_in,
)


def _token(shop: RunningShop, **form: str) -> requests.Response:
    return requests.post(
        f"{shop.url}/oauth/token", data={"client_id": CLIENT_ID, **form}, timeout=10
    )


def _refresh(shop: RunningShop, refresh_token: str) -> requests.Response:
    return _token(shop, grant_type="refresh_token", refresh_token=refresh_token)


def _me_status(shop: RunningShop, access_token: str) -> int:
    return Api(shop.url + "/v1", access_token).get("/me").status_code


def _authorize_params(**overrides: str) -> dict[str, str]:
    _verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": "http://127.0.0.1:40000/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "xyz",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v != ""}


def test_full_flow_gives_working_tokens(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 900
    assert set(str(tokens["scope"]).split()) == {"privacy.read", "privacy.write"}
    assert _me_status(shop, str(tokens["access_token"])) == 200


def test_login_page_is_plain_html_with_demo_accounts(shop: RunningShop) -> None:
    page = requests.get(f"{shop.url}/oauth/authorize?{urlencode(_authorize_params())}", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text.lower()
    assert "lin.mei" in page.text  # demo mode lists the demo accounts
    assert hidden_fields(page.text)["state"] == "xyz"


def test_wrong_password_shows_the_form_again_without_a_code(shop: RunningShop) -> None:
    form = {**_authorize_params(), "username": SHOPPER[0], "password": "wrong"}
    answer = requests.post(
        f"{shop.url}/oauth/authorize", data=form, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 401
    assert "location" not in answer.headers
    assert "not right" in answer.text


def test_wrong_verifier_is_refused(shop: RunningShop) -> None:
    auth = authorize(shop.url, *SHOPPER)
    auth.verifier = pkce_pair()[0]
    answer = _token(
        shop,
        grant_type="authorization_code",
        code=auth.code,
        redirect_uri=auth.redirect_uri,
        code_verifier=auth.verifier,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_reused_code_is_refused_and_revokes_what_it_issued(shop: RunningShop) -> None:
    auth = authorize(shop.url, *SHOPPER)
    first = exchange(shop.url, auth)
    again = _token(
        shop,
        grant_type="authorization_code",
        code=auth.code,
        redirect_uri=auth.redirect_uri,
        code_verifier=auth.verifier,
    )
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    assert _me_status(shop, str(first["access_token"])) == 401
    assert _refresh(shop, str(first["refresh_token"])).status_code == 400


def test_code_bound_to_its_redirect_uri(shop: RunningShop) -> None:
    auth = authorize(shop.url, *SHOPPER)
    answer = _token(
        shop,
        grant_type="authorization_code",
        code=auth.code,
        redirect_uri="http://127.0.0.1:40001/callback",
        code_verifier=auth.verifier,
    )
    assert answer.status_code == 400


def test_expired_code_is_refused(shop: RunningShop) -> None:
    auth = authorize(shop.url, *SHOPPER)
    shop.ctx.clock.offset += timedelta(minutes=3)
    answer = _token(
        shop,
        grant_type="authorization_code",
        code=auth.code,
        redirect_uri=auth.redirect_uri,
        code_verifier=auth.verifier,
    )
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://127.0.0.1:40000/callback",
        "http://localhost:40000/callback",
        "http://evil.example:40000/callback",
        "http://127.0.0.1/callback",
        "http://user@127.0.0.1:40000/callback",
        "not a uri",
    ],
)
def test_bad_redirect_uri_is_refused_without_redirecting(
    shop: RunningShop, redirect_uri: str
) -> None:
    url = f"{shop.url}/oauth/authorize?{urlencode(_authorize_params(redirect_uri=redirect_uri))}"
    page = requests.get(url, allow_redirects=False, timeout=10)
    assert page.status_code == 400
    assert "location" not in page.headers


def test_loopback_redirect_on_any_port_and_ipv6(shop: RunningShop) -> None:
    for uri in ("http://127.0.0.1:1/cb", "http://[::1]:65000/callback"):
        auth = authorize(shop.url, *SHOPPER, redirect_uri=uri)
        assert exchange(shop.url, auth)["access_token"]


def test_unknown_client_is_refused(shop: RunningShop) -> None:
    url = f"{shop.url}/oauth/authorize?{urlencode(_authorize_params(client_id='other'))}"
    assert requests.get(url, allow_redirects=False, timeout=10).status_code == 400
    assert _token(shop, grant_type="refresh_token", client_id="x").status_code in (400, 401)


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"state": ""}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_bad_authorization_parameters_redirect_with_an_error(
    shop: RunningShop, overrides: dict[str, str], error: str
) -> None:
    params = _authorize_params(**overrides)
    page = requests.get(
        f"{shop.url}/oauth/authorize?{urlencode(params)}", allow_redirects=False, timeout=10
    )
    assert page.status_code == 302
    query = parse_qs(urlsplit(page.headers["location"]).query)
    assert query["error"] == [error]


def test_refresh_rotates_and_reuse_revokes_the_family(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    rotated = _refresh(shop, str(tokens["refresh_token"]))
    assert rotated.status_code == 200
    new = rotated.json()
    assert new["refresh_token"] != tokens["refresh_token"]
    assert _me_status(shop, new["access_token"]) == 200
    replay = _refresh(shop, str(tokens["refresh_token"]))
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    # the whole family is gone: the newest access and refresh tokens too
    assert _me_status(shop, new["access_token"]) == 401
    assert _refresh(shop, new["refresh_token"]).status_code == 400


def test_access_token_lives_fifteen_minutes(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    shop.ctx.clock.offset += timedelta(minutes=14)
    assert _me_status(shop, str(tokens["access_token"])) == 200
    shop.ctx.clock.offset += timedelta(minutes=2)
    assert _me_status(shop, str(tokens["access_token"])) == 401
    assert _refresh(shop, str(tokens["refresh_token"])).status_code == 200


def test_refresh_keeps_the_original_auth_time(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    shop.ctx.clock.offset += timedelta(minutes=10)
    rotated = _refresh(shop, str(tokens["refresh_token"])).json()
    assert rotated["auth_time"] == tokens["auth_time"]
    fresh = sign_in(shop.url, *SHOPPER)
    assert int(str(fresh["auth_time"])) > int(str(tokens["auth_time"]))


def test_revoking_the_refresh_token_ends_the_sign_in(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    answer = requests.post(
        f"{shop.url}/oauth/revoke",
        data={"token": tokens["refresh_token"], "client_id": CLIENT_ID},
        timeout=10,
    )
    assert answer.status_code == 200
    assert _me_status(shop, str(tokens["access_token"])) == 401
    assert _refresh(shop, str(tokens["refresh_token"])).status_code == 400
    unknown = requests.post(f"{shop.url}/oauth/revoke", data={"token": "nonsense"}, timeout=10)
    assert unknown.status_code == 200


def test_revoking_an_access_token_keeps_the_refresh_token(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    requests.post(f"{shop.url}/oauth/revoke", data={"token": tokens["access_token"]}, timeout=10)
    assert _me_status(shop, str(tokens["access_token"])) == 401
    assert _refresh(shop, str(tokens["refresh_token"])).status_code == 200


def test_prompt_login_always_asks_for_the_password(shop: RunningShop) -> None:
    params = _authorize_params(prompt="login")
    page = requests.get(f"{shop.url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200
    assert 'name="password"' in page.text
    assert hidden_fields(page.text)["prompt"] == "login"


def test_scopes_follow_the_role(shop: RunningShop) -> None:
    shopper = sign_in(shop.url, *SHOPPER, scope="privacy.read assist")
    assert str(shopper["scope"]) == "privacy.read"
    agent = sign_in(shop.url, *AGENT, scope="privacy.read privacy.write assist")
    assert set(str(agent["scope"]).split()) == {"privacy.read", "assist"}


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_shopper_cannot_obtain_only_the_assist_scope(shop: RunningShop, language: str) -> None:
    """Refused back to the app (RFC 6749 4.1.2.1: `access_denied`, the state echoed), so the
    app stops waiting; no code is issued."""
    params = _authorize_params(scope="assist", ui_locales=language)
    page = requests.get(f"{shop.url}/oauth/authorize?{urlencode(params)}", timeout=10)
    form = hidden_fields(page.text)
    form.update(username=SHOPPER[0], password=SHOPPER[1])
    answer = requests.post(
        f"{shop.url}/oauth/authorize", data=form, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith("http://127.0.0.1:40000/callback?"), location
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert (query["error"], query["state"]) == ("access_denied", "xyz")
    assert "code" not in query
    assert "reason" not in query
    words = "无法授予" if language == "zh-CN" else "cannot grant"
    assert words in query["error_description"]
    assert answer.headers["Content-Language"] == language


def test_unsupported_grant_type(shop: RunningShop) -> None:
    answer = _token(shop, grant_type="password", username="x", password="y")
    assert answer.status_code == 400
    assert answer.json()["error"] == "unsupported_grant_type"


def test_token_responses_are_not_cached(shop: RunningShop) -> None:
    auth = authorize(shop.url, *SHOPPER)
    answer = _token(
        shop,
        grant_type="authorization_code",
        code=auth.code,
        redirect_uri=auth.redirect_uri,
        code_verifier=auth.verifier,
    )
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_cancel_on_the_login_page_goes_back_to_the_app(shop: RunningShop, language: str) -> None:
    """The page's Cancel sends the browser back with `access_denied` and the state, so the app
    stops waiting; no code is issued, and nothing is sent anywhere but a loopback address."""
    params = _authorize_params(ui_locales=language)
    page = requests.get(f"{shop.url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200
    words = "取消，不登录" if language == "zh-CN" else "Cancel: do not sign in"
    assert words in page.text
    assert 'action="/oauth/authorize/cancel"' in page.text
    form = hidden_fields(page.text)  # what the Cancel form sends: no account, no password
    answer = requests.post(
        f"{shop.url}/oauth/authorize/cancel", data=form, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith("http://127.0.0.1:40000/callback?"), location
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert (query["error"], query["state"]) == ("access_denied", "xyz")
    assert query["iss"].rstrip("/") == shop.url.rstrip("/")
    assert "code" not in query
    said = "取消" if language == "zh-CN" else "cancelled"
    assert said in query["error_description"]
    # a cancel naming another return address or client is refused, never redirected
    for change in ({"redirect_uri": "https://evil.example/cb"}, {"client_id": "other"}):
        bad = requests.post(
            f"{shop.url}/oauth/authorize/cancel",
            data={**form, **change},
            allow_redirects=False,
            timeout=10,
        )
        assert bad.status_code == 400, bad.text
        assert "location" not in bad.headers
    # no state: back to the app with invalid_request, as the sign-in itself
    stateless = {k: v for k, v in form.items() if k != "state"}
    missing = requests.post(
        f"{shop.url}/oauth/authorize/cancel", data=stateless, allow_redirects=False, timeout=10
    )
    assert missing.status_code == 302
    assert "error=invalid_request" in missing.headers["location"]
    # not a form at all: refused, never a 500
    junk = requests.post(
        f"{shop.url}/oauth/authorize/cancel",
        data=b"\xff\x00{",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
        timeout=10,
    )
    assert junk.status_code == 400, junk.text
