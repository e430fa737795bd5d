"""Test doubles for the client's sign-in: a scripted "browser" and an in-memory keychain.

`ScriptedBrowser` stands in for `webbrowser.open`: it loads the real login page of the shop,
fills the form (with `tests.support.oauth_login.hidden_fields`), posts it without following the
redirect, and then requests the `Location` (the app's loopback listener) as a browser would.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import requests
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from tests.support.oauth_login import hidden_fields


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in a dict (priority high enough to count as a real one)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.writes: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes.append((service, username))
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


def _replace_query(url: str, change: Callable[[dict[str, str]], None]) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    change(query)
    return urlunsplit(parts._replace(query=urlencode(query)))


class ScriptedBrowser:
    """Drives the shop's login page over HTTP, then delivers the redirect to the listener."""

    def __init__(
        self,
        username: str,
        password: str,
        *,
        tamper_authorize: Callable[[dict[str, str]], None] | None = None,
        tamper_callback: Callable[[dict[str, str]], None] | None = None,
        before_callback: Callable[[str], None] | None = None,
    ) -> None:
        self.username = username
        self.password = password
        self.tamper_authorize = tamper_authorize
        self.tamper_callback = tamper_callback
        self.before_callback = before_callback
        self.opened: list[str] = []
        self.callback_response: requests.Response | None = None
        self.http = requests.Session()
        self.http.trust_env = False

    @property
    def last_query(self) -> dict[str, str]:
        query = parse_qs(urlsplit(self.opened[-1]).query)
        return {k: v[0] for k, v in query.items()}

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        if self.tamper_authorize is not None:
            url = _replace_query(url, self.tamper_authorize)
        page = self.http.get(url, timeout=10, allow_redirects=False)
        if page.status_code == 302:
            # The shop refused the parameters and redirected straight back with an error.
            location = page.headers["location"]
        else:
            assert page.status_code == 200, page.text
            form = hidden_fields(page.text)
            form.update(username=self.username, password=self.password)
            action = urlunsplit(urlsplit(url)._replace(query=""))
            answer = self.http.post(action, data=form, allow_redirects=False, timeout=10)
            assert answer.status_code == 302, answer.status_code
            location = answer.headers["location"]
        if self.tamper_callback is not None:
            location = _replace_query(location, self.tamper_callback)
        if self.before_callback is not None:
            self.before_callback(location)
        self.callback_response = self.http.get(location, timeout=10)
        return True
