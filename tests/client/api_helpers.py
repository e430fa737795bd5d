"""Helpers for the client API tests: a `ShopApi` signed in to a real test shop."""

from __future__ import annotations

from client.api import ShopApi
from client.transport import Transport
from server.embedded import RunningShop
from tests.support.oauth_login import sign_in


class FixedToken:
    """A token source holding one access token (the tests sign in through the real flow)."""

    def __init__(self, token: str) -> None:
        self.token = token

    def access_token(self) -> str | None:
        return self.token

    def refresh_access_token(self) -> str | None:
        return None


def token_for(shop: RunningShop, username: str, password: str, scope: str = "") -> str:
    return str(sign_in(shop.url, username, password, scope=scope)["access_token"])


def api_for(shop: RunningShop, username: str, password: str, scope: str = "") -> ShopApi:
    """A ShopApi for one account; retries back off without sleeping so tests stay fast."""
    transport = Transport(
        shop.url + "/v1",
        tokens=FixedToken(token_for(shop, username, password, scope)),
        sleep=lambda _seconds: None,
    )
    return ShopApi(transport)
