"""One shop, tied together: discovery, sign-in, tokens, the transport and the typed API.

`ShopConnection` is what the app holds per configured shop account. An agent's connection can
also open an assist session on a customer's data (`open_assist_session`): that token lives in
memory only, in its own transport, and is never stored.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
import webbrowser
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from keyring.backend import KeyringBackend

from client.auth import BrowserSignIn, OpenBrowser, TokenSet
from client.discovery import Discovery, fetch_discovery, normalize_base_url
from client.errors import ApiError, BadResponse
from client.shops import Account, ShopRegistry
from client.tokens import TokenManager, TokenStore
from client.transport import Transport, decode_json

if TYPE_CHECKING:
    from client.api import ShopApi

log = logging.getLogger("client.connection")


class StaticToken:
    """A TokenSource with one fixed token and no refresh (assist sessions, first /me call)."""

    def __init__(self, token: str) -> None:
        self._token = token
        self._lock = threading.Lock()

    def access_token(self) -> str | None:
        with self._lock:
            return self._token or None

    def refresh_access_token(self) -> None:
        return None

    def clear(self) -> None:
        with self._lock:
            self._token = ""

    def __repr__(self) -> str:
        return "StaticToken(<hidden>)"


@dataclass
class AssistSession:
    """An agent's assist session on one customer: its own transport, token in memory only."""

    id: str
    customer_no: str
    reason: str
    expires_at: float  # wall-clock seconds
    info: dict[str, Any]
    transport: Transport
    _token: StaticToken = field(repr=False)

    @property
    def api(self) -> ShopApi:
        from client.api import ShopApi

        return ShopApi(self.transport)

    @property
    def expired(self) -> bool:
        return time.time() >= self.expires_at

    def end(self) -> None:
        """End the session at the shop (best effort), then forget the token."""
        try:
            self.transport.request("DELETE", "assist/sessions/current").close()
        except ApiError as exc:
            log.info("ending the assist session at the shop failed (%s)", type(exc).__name__)
        finally:
            self.close()

    def close(self) -> None:
        """Forget the assist token (the session itself expires at the shop)."""
        self._token.clear()
        self.transport.close()


def accept_language(language: str) -> str:
    """The Accept-Language header for an interface language (`zh_CN` or `en`)."""
    return "zh-CN, zh;q=0.9, en;q=0.5" if language.startswith("zh") else "en"


class ShopConnection:
    """A shop (by base URL) and the account signed in to it.

    `registry` (or `config_dir`, to open one) records the shop and its accounts; without either
    nothing is written to disk. `keyring_backend` overrides the system keychain (tests, or an
    app-chosen backend); `transport_options` go to `client.transport.Transport`.
    Network calls block: call them from a worker thread, never the UI thread.
    """

    def __init__(
        self,
        base_url: str,
        *,
        registry: ShopRegistry | None = None,
        config_dir: str | os.PathLike[str] | None = None,
        username: str | None = None,
        open_browser: OpenBrowser = webbrowser.open,
        keyring_backend: KeyringBackend | None = None,
        discovery: Discovery | None = None,
        scopes: Iterable[str] | None = None,
        sign_in_timeout: float = 300.0,
        transport_options: dict[str, Any] | None = None,
        language: str = "en",
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.language = language
        self.discovery = discovery or fetch_discovery(self.base_url)
        if registry is None and config_dir is not None:
            registry = ShopRegistry(config_dir)
        self.registry = registry
        self.open_browser = open_browser
        self.scopes = tuple(scopes) if scopes is not None else None
        self.sign_in_timeout = sign_in_timeout
        self._transport_options = dict(transport_options or {})
        if registry is not None:
            registry.add_shop(self.base_url, self.shop_id, self.discovery.shop.name)
            if username is None:
                known = registry.accounts(self.shop_id)
                if len(known) == 1:
                    username = known[0].username
        self.token_store = TokenStore(self.shop_id, backend=keyring_backend)
        self.tokens = TokenManager(self.discovery.oauth, self.token_store, username)
        self.transport = Transport(
            self.discovery.api_base, tokens=self.tokens, **self._transport_options
        )
        # The shop answers its human-readable text in the interface language.
        self.transport.session.headers["Accept-Language"] = accept_language(language)
        self._pending: BrowserSignIn | None = None
        self._pending_lock = threading.Lock()
        self.account: Account | None = self._registered_account(username)

    # -- facts ----------------------------------------------------------------------------------
    @property
    def shop_id(self) -> str:
        return self.discovery.shop.id

    @property
    def shop_name(self) -> str:
        # The shop's name in the interface language, even from a discovery stored earlier
        # in the other language.
        shop = self.discovery.shop
        if self.language.startswith("zh") and shop.name_zh:
            return shop.name_zh
        return shop.name

    @property
    def username(self) -> str | None:
        return self.tokens.username

    @property
    def signed_in(self) -> bool:
        return self.tokens.signed_in

    @property
    def persistent(self) -> bool:
        """False when there is no keychain: the sign-in lasts for this session only."""
        return self.token_store.persistent

    @property
    def auth_time(self) -> datetime | None:
        return self.tokens.auth_time

    @property
    def api(self) -> ShopApi:
        # Imported here: the typed API module sits on top of this one.
        from client.api import ShopApi

        return ShopApi(self.transport)

    # -- signing in and out --------------------------------------------------------------------
    def sign_in(self, username_hint: str | None = None, fresh: bool = False) -> Account:
        """Interactive sign-in in the system browser; blocks until done (use a worker thread)."""
        flow = BrowserSignIn(
            self.discovery.oauth,
            open_browser=self.open_browser,
            scopes=self.scopes,
            timeout=self.sign_in_timeout,
            language=self.language,
        )
        with self._pending_lock:
            if self._pending is not None:
                self._pending.cancel()
            self._pending = flow
        try:
            tokens = flow.run(fresh=fresh, username_hint=username_hint)
        finally:
            with self._pending_lock:
                if self._pending is flow:
                    self._pending = None
        try:
            account = self._identify(tokens, username_hint)
        except BaseException:
            # Nobody will hold these tokens: end them at the shop rather than leave them live.
            if tokens.refresh_token:
                self.tokens.revoke_token(tokens.refresh_token, "refresh_token")
            raise
        self.tokens.accept(tokens, account.username)
        if self.registry is not None:
            self.registry.add_account(
                self.shop_id,
                account.username,
                customer_no=account.customer_no,
                role=account.role,
                display_name=account.display_name,
            )
        self.account = account
        return account

    def cancel_sign_in(self) -> None:
        """Cancel a pending `sign_in` (safe from any thread; a no-op when none is pending)."""
        with self._pending_lock:
            if self._pending is not None:
                self._pending.cancel()

    def reauth(self) -> Account:
        """Sign in again with `prompt=login` after the shop answered `reauth_required`."""
        return self.sign_in(username_hint=self.username, fresh=True)

    def resume(self, username: str | None = None) -> bool:
        """Silent sign-in from a stored refresh token; True when it worked."""
        if username is not None and username != self.tokens.username:
            self.tokens = TokenManager(self.discovery.oauth, self.token_store, username)
            self.transport.tokens = self.tokens
        ok = self.tokens.resume()
        if ok:
            self.account = self._registered_account(self.tokens.username)
        return ok

    def _registered_account(self, username: str | None) -> Account | None:
        if self.registry is None or username is None:
            return None
        entry = self.registry.get(self.shop_id)
        return entry.account(username) if entry else None

    def sign_out(self, *, forget_account: bool = False) -> bool:
        """Revoke at the shop and forget the tokens; True when the shop confirmed revocation."""
        username = self.tokens.username
        confirmed = self.tokens.revoke()
        if forget_account and username and self.registry is not None:
            self.registry.remove_account(self.shop_id, username)
        return confirmed

    def _identify(self, tokens: TokenSet, username_hint: str | None) -> Account:
        """Who signed in: `/me` with the new token tells the customer number and role."""
        probe = Transport(
            self.discovery.api_base,
            tokens=StaticToken(tokens.access_token),
            **self._transport_options,
        )
        try:
            me = decode_json(probe.request("GET", "me"))
        finally:
            probe.close()
        if not isinstance(me, dict) or not isinstance(me.get("customer_no"), str):
            raise BadResponse("The shop did not say which account signed in.")
        customer_no: str = me["customer_no"]
        role = me.get("role") if isinstance(me.get("role"), str) else "shopper"
        display = me.get("display_name") if isinstance(me.get("display_name"), str) else None
        username = username_hint
        if self.registry is not None:
            # The same customer keeps the label (and keychain entry) it was first filed under.
            known = self.registry.account_for_customer(self.shop_id, customer_no)
            if known is not None:
                username = known.username
            elif username_hint is not None:
                clash = self.registry.accounts(self.shop_id)
                if any(
                    a.username == username_hint and a.customer_no not in (None, customer_no)
                    for a in clash
                ):
                    username = customer_no
        return Account(
            username=username or customer_no,
            customer_no=customer_no,
            role=str(role),
            display_name=display,
        )

    # -- assist mode (agents) ------------------------------------------------------------------
    def open_assist_session(self, customer_no: str, code: str, reason: str) -> AssistSession:
        """Exchange a customer's one-time code for an assist session (agents only)."""
        body = self.transport.send_json(
            "POST",
            "assist/sessions",
            {"customer_no": customer_no, "code": code, "reason": reason},
            idempotency_key=str(uuid.uuid4()),
        )
        if not isinstance(body, dict):
            raise BadResponse("The shop's answer to opening an assist session is malformed.")
        token = body.get("access_token")
        session = body.get("session")
        if not isinstance(token, str) or not token or not isinstance(session, dict):
            raise BadResponse("The shop's answer to opening an assist session is malformed.")
        expires_in = body.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float) else 30 * 60.0
        source = StaticToken(token)
        transport = Transport(self.discovery.api_base, tokens=source, **self._transport_options)
        log.info("assist session opened")
        return AssistSession(
            id=str(session.get("id", "")),
            customer_no=customer_no,
            reason=reason,
            expires_at=time.time() + lifetime,
            info=session,
            transport=transport,
            _token=source,
        )

    # -- the outbox -----------------------------------------------------------------------------
    def send_filed_request(self, payload: dict[str, Any], idempotency_key: str) -> Any:
        """`client.outbox.Outbox.flush` sender: POST /requests with the item's own key."""
        return self.transport.send_json(
            "POST", "requests", payload, idempotency_key=idempotency_key
        )

    def close(self) -> None:
        self.cancel_sign_in()
        self.transport.close()
        self.tokens.close()


__all__ = ["AssistSession", "ShopConnection", "StaticToken"]
