"""Drive the shop's real sign-in over HTTP, the way a browser and the app's loopback listener would.

Used by server tests; the client library has its own flow and is tested separately.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

CLIENT_ID = "privacy-dashboard"
REDIRECT_URI = "http://127.0.0.1:53682/callback"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


def hidden_fields(html: str) -> dict[str, str]:
    return {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', html)
    }


@dataclass
class Authorization:
    code: str
    state: str
    verifier: str
    redirect_uri: str


def authorize(
    base_url: str,
    username: str,
    password: str,
    *,
    scope: str = "",
    redirect_uri: str = REDIRECT_URI,
    prompt: str = "",
) -> Authorization:
    """Open the login page, submit the form, and read the code off the redirect."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": redirect_uri,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": state,
    }
    if scope:
        params["scope"] = scope
    if prompt:
        params["prompt"] = prompt
    page = requests.get(f"{base_url}/oauth/authorize?{urlencode(params)}", timeout=10)
    page.raise_for_status()
    form = hidden_fields(page.text)
    form.update(username=username, password=password)
    answer = requests.post(
        f"{base_url}/oauth/authorize", data=form, allow_redirects=False, timeout=10
    )
    if answer.status_code != 302:
        raise AssertionError(f"login failed: {answer.status_code}")
    location = answer.headers["location"]
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == [state]
    return Authorization(query["code"][0], state, verifier, redirect_uri)


def exchange(base_url: str, auth: Authorization) -> dict[str, object]:
    response = requests.post(
        f"{base_url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": auth.code,
            "redirect_uri": auth.redirect_uri,
            "client_id": CLIENT_ID,
            "code_verifier": auth.verifier,
        },
        timeout=10,
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def sign_in(base_url: str, username: str, password: str, scope: str = "") -> dict[str, object]:
    """The whole flow: returns the token response."""
    return exchange(base_url, authorize(base_url, username, password, scope=scope))


class Api(requests.Session):
    """A requests session bound to one shop's /v1 with one bearer token."""

    def __init__(self, base_url: str, access_token: str) -> None:
        super().__init__()
        self.base_url = base_url
        self.headers["Authorization"] = f"Bearer {access_token}"

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("timeout", 30)
        return super().request(method, url, *args, **kwargs)
