"""Where tokens live, and how they are kept fresh.

`TokenStore` keeps refresh tokens in the OS keychain through `keyring` (service
`privacy-dashboard:<shop_id>`, user = the account's username). Without a usable keychain backend
it keeps them for this session only and says so (`persistent` is False). Access tokens are never
stored anywhere but memory.

`TokenManager` is the transport's `TokenSource` for one account: it hands out the access token,
refreshes it through the token endpoint (rotation: the new refresh token is saved before the new
access token is used), runs one refresh at a time across threads, resumes a session silently
from a stored refresh token, and revokes on sign-out (RFC 7009).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import keyring
import keyring.errors
import requests
from keyring.backend import KeyringBackend

from client.auth import TOKEN_TIMEOUT, TokenSet, token_set_from_response
from client.discovery import OAuthInfo
from client.errors import (
    GUARDIAN_CONSENT_REASON,
    AuthenticationRequired,
    BadResponse,
    ConnectionFailed,
    GuardianConsentMissing,
    GuardianConsentRequired,
    RateLimited,
    ServerError,
    SignInFailed,
)
from client.transport import USER_AGENT, check_url_allowed

log = logging.getLogger("client.tokens")

SERVICE_PREFIX = "privacy-dashboard:"


def keyring_is_usable(backend: KeyringBackend) -> bool:
    """False for the null and fail backends (and anything else claiming no priority)."""
    module = type(backend).__module__
    if module in ("keyring.backends.null", "keyring.backends.fail"):
        return False
    try:
        priority = float(backend.priority)
    except Exception:  # the property itself may raise when the backend is unavailable
        return False
    return priority > 0


class TokenStore:
    """Refresh tokens of one shop's accounts: keychain when available, else this session only."""

    def __init__(self, shop_id: str, *, backend: KeyringBackend | None = None) -> None:
        self.shop_id = shop_id
        self.service = SERVICE_PREFIX + shop_id
        self._lock = threading.Lock()
        self._memory: dict[str, str] = {}
        self._backend: KeyringBackend | None
        try:
            chosen = backend if backend is not None else keyring.get_keyring()
        except Exception:  # a broken keyring configuration must not stop the app
            chosen = None
        self._backend = chosen if chosen is not None and keyring_is_usable(chosen) else None
        if self._backend is None:
            log.warning("no system keychain: sign-ins are kept for this session only")

    @property
    def persistent(self) -> bool:
        """True when refresh tokens survive a restart (they are in the OS keychain)."""
        return self._backend is not None

    def _fall_back(self, exc: Exception) -> None:
        log.warning(
            "the keychain failed (%s): keeping sign-ins for this session only", type(exc).__name__
        )
        self._backend = None

    def load(self, username: str) -> str | None:
        with self._lock:
            if username in self._memory:
                return self._memory[username]
            backend = self._backend
            if backend is None:
                return None
            try:
                return backend.get_password(self.service, username)
            except (keyring.errors.KeyringError, OSError) as exc:
                self._fall_back(exc)
                return None

    def save(self, username: str, refresh_token: str) -> None:
        with self._lock:
            backend = self._backend
            if backend is not None:
                try:
                    backend.set_password(self.service, username, refresh_token)
                except (keyring.errors.KeyringError, OSError) as exc:
                    self._fall_back(exc)
                else:
                    self._memory.pop(username, None)
                    return
            self._memory[username] = refresh_token

    def forget(self, username: str) -> None:
        with self._lock:
            self._memory.pop(username, None)
            backend = self._backend
            if backend is None:
                return
            try:
                backend.delete_password(self.service, username)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored: already forgotten
            except (keyring.errors.KeyringError, OSError) as exc:
                log.warning("could not remove a sign-in from the keychain (%s)", type(exc).__name__)

    def has(self, username: str) -> bool:
        return self.load(username) is not None


class TokenManager:
    """The `client.transport.TokenSource` of one signed-in account. Thread-safe."""

    def __init__(
        self,
        oauth: OAuthInfo,
        store: TokenStore,
        username: str | None = None,
        *,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
        leeway: float = 30.0,
    ) -> None:
        check_url_allowed(oauth.token_endpoint)
        self.oauth = oauth
        self.store = store
        self._username = username
        self._clock = clock
        self.leeway = leeway
        self._session = session or requests.Session()
        self._session.trust_env = False
        self._session.verify = True
        self._session.headers["User-Agent"] = USER_AGENT
        self._state_lock = threading.Lock()  # guards _tokens/_generation
        self._refresh_lock = threading.Lock()  # one refresh at a time
        self._tokens: TokenSet | None = None
        self._generation = 0
        # Why the shop last refused to renew the sign-in (None: it did not, or it works again).
        self.refusal: SignInFailed | None = None

    # -- state ---------------------------------------------------------------------------
    @property
    def username(self) -> str | None:
        return self._username

    @property
    def signed_in(self) -> bool:
        with self._state_lock:
            return self._tokens is not None

    @property
    def tokens(self) -> TokenSet | None:
        with self._state_lock:
            return self._tokens

    @property
    def auth_time(self) -> datetime | None:
        current = self.tokens
        return current.auth_time if current else None

    @property
    def scope(self) -> frozenset[str]:
        current = self.tokens
        return current.scope if current else frozenset()

    @property
    def persistent(self) -> bool:
        return self.store.persistent

    def accept(self, tokens: TokenSet, username: str) -> None:
        """Take over the tokens of a fresh sign-in: the refresh token is stored first."""
        with self._refresh_lock:
            if tokens.refresh_token:
                self.store.save(username, tokens.refresh_token)
            with self._state_lock:
                self._username = username
                self._tokens = tokens
                self._generation += 1

    def _set(self, tokens: TokenSet | None) -> None:
        with self._state_lock:
            self._tokens = tokens
            self._generation += 1
        if tokens is not None:
            self.refusal = None

    def ended_error(self) -> AuthenticationRequired:
        """The error for a sign-in that has ended: why, where the shop said a reason the app
        words (a guardian's consent to the account is missing); the plain one otherwise."""
        if isinstance(self.refusal, GuardianConsentMissing):
            return GuardianConsentRequired(status=401, code=GUARDIAN_CONSENT_REASON)
        return AuthenticationRequired(status=401)

    # -- TokenSource -------------------------------------------------------------------------
    def access_token(self) -> str | None:
        with self._state_lock:
            current = self._tokens
        if current is None:
            return None
        if current.expired(now=self._clock(), leeway=self.leeway):
            # Refresh ahead of time rather than spend a request on a certain 401.
            return self.refresh_access_token()
        return current.access_token

    def refresh_access_token(self) -> str | None:
        """Rotate the refresh token; None when the sign-in is over (the caller must sign in)."""
        with self._state_lock:
            seen = self._generation
        with self._refresh_lock:
            with self._state_lock:
                if self._generation != seen and self._tokens is not None:
                    # Another thread refreshed while we waited: use its result.
                    return self._tokens.access_token
                previous = self._tokens
            return self._refresh_locked(previous)

    def resume(self) -> bool:
        """Silent sign-in from a stored refresh token; True when it worked."""
        if self._username is None:
            return False
        with self._refresh_lock:
            return self._refresh_locked(self.tokens) is not None

    def _refresh_locked(self, previous: TokenSet | None) -> str | None:
        username = self._username
        if username is None:
            return None
        refresh_token = self.store.load(username)
        if refresh_token is None and previous is not None:
            refresh_token = previous.refresh_token
        if not refresh_token:
            self._set(None)
            return None
        try:
            body = self._post_token({"grant_type": "refresh_token", "refresh_token": refresh_token})
        except SignInFailed as exc:
            # invalid_grant: expired, revoked, or reused (family revoked). The sign-in is over.
            log.info("refresh refused (%s): signing out locally", exc.code)
            self.store.forget(username)
            self._set(None)
            self.refusal = exc
            return None
        tokens = token_set_from_response(body, now=self._clock(), previous=previous)
        # Rotation: persist the new refresh token before anyone uses the new access token, so
        # a crash in between can never leave only the (now revoked) old one in the keychain.
        if tokens.refresh_token and tokens.refresh_token != refresh_token:
            self.store.save(username, tokens.refresh_token)
        self._set(tokens)
        log.debug("access token refreshed")
        return tokens.access_token

    def _post_token(self, data: dict[str, str]) -> dict[str, Any]:
        form = dict(data, client_id=self.oauth.client_id)
        try:
            response = self._session.post(
                self.oauth.token_endpoint,
                data=form,
                headers={"Accept": "application/json"},
                timeout=TOKEN_TIMEOUT,
                allow_redirects=False,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ConnectionFailed() from exc
        except requests.RequestException as exc:
            message = f"The sign-in could not be renewed: {type(exc).__name__}."
            raise ConnectionFailed(message) from exc
        with response:
            try:
                body = response.json()
            except ValueError:
                body = None
            status = response.status_code
            if status == 200 and isinstance(body, dict):
                return body
            if isinstance(body, dict) and isinstance(body.get("error"), str) and status < 500:
                description = body.get("error_description")
                # the shop's reason, where it gives one the app has words for
                kind = (
                    GuardianConsentMissing
                    if body.get("reason") == GUARDIAN_CONSENT_REASON
                    else SignInFailed
                )
                raise kind(
                    description if isinstance(description, str) else None,
                    status=status,
                    code=body["error"],
                )
            if status == 429:
                raise RateLimited(status=status)
            if status >= 500:
                raise ServerError(status=status)
            raise BadResponse(status=status)

    # -- sign-out ------------------------------------------------------------------------------
    def revoke(self) -> bool:
        """Revoke at the shop (RFC 7009) and forget locally; True when the shop confirmed."""
        with self._refresh_lock:
            username = self._username
            current = self.tokens
            refresh_token = self.store.load(username) if username else None
            if refresh_token is None and current is not None:
                refresh_token = current.refresh_token
            confirmed = True
            # The refresh token first: revoking it ends the whole family, access token included.
            for token, hint in (
                (refresh_token, "refresh_token"),
                (current.access_token if current else None, "access_token"),
            ):
                if token:
                    confirmed = self.revoke_token(token, hint) and confirmed
            if username:
                self.store.forget(username)
            self._set(None)
            return confirmed

    def revoke_token(self, token: str, hint: str) -> bool:
        """RFC 7009 revocation of one token; True when the shop answered 200."""
        check_url_allowed(self.oauth.revocation_endpoint)
        try:
            response = self._session.post(
                self.oauth.revocation_endpoint,
                data={"token": token, "token_type_hint": hint, "client_id": self.oauth.client_id},
                timeout=TOKEN_TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            log.warning("could not reach the shop to revoke the sign-in (%s)", type(exc).__name__)
            return False
        with response:
            return response.status_code == 200

    def forget(self) -> None:
        """Drop the tokens locally without telling the shop."""
        with self._refresh_lock:
            if self._username:
                self.store.forget(self._username)
            self._set(None)

    def close(self) -> None:
        self._session.close()


__all__ = ["SERVICE_PREFIX", "TokenManager", "TokenStore", "keyring_is_usable"]
