"""Sign-in to a shop the way RFC 8252 says a native app should.

Authorization code with PKCE (S256) through authlib's requests `OAuth2Session`: the system
browser opens the shop's login page (through a callable the caller can replace), the code comes
back to a one-shot listener on `127.0.0.1:{ephemeral}`, `state` is checked, and the code is
exchanged for tokens. `prompt=login` forces a fresh password entry when the shop asked for a
recent sign-in. A pending sign-in can be cancelled from another thread.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session

from client.discovery import OAuthInfo
from client.errors import (
    GUARDIAN_CONSENT_REASON,
    ApiError,
    BadResponse,
    ConnectionFailed,
    GuardianConsentMissing,
    RateLimited,
    ServerError,
    SignInCancelled,
    SignInDenied,
    SignInFailed,
    SignInRequestRefused,
)
from client.loopback import LoopbackListener
from client.transport import USER_AGENT, check_url_allowed

log = logging.getLogger("client.auth")

# After a cancel, how long a late redirect still gets a "sign-in was cancelled" page: the
# shop's authorization code lives about as long.
CANCELLED_PAGE_SECONDS = 600.0

OpenBrowser = Callable[[str], object]
"""Opens a URL in the user's browser; returns something falsy when it could not."""

DEFAULT_SCOPES: tuple[str, ...] = ("privacy.read", "privacy.write")
AGENT_SCOPES: tuple[str, ...] = ("privacy.read", "assist")
TOKEN_TIMEOUT: tuple[float, float] = (5.0, 30.0)


@dataclass(frozen=True)
class TokenSet:
    """What the token endpoint returned. Token values never appear in `repr`."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    token_type: str = "Bearer"  # noqa: S105 (the OAuth token type, not a secret)
    expires_at: float | None = None  # wall-clock seconds
    scope: frozenset[str] = frozenset()
    auth_time: datetime | None = None

    def expired(self, *, now: float | None = None, leeway: float = 30.0) -> bool:
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) >= self.expires_at - leeway


def token_set_from_response(
    body: Mapping[str, Any], *, now: float | None = None, previous: TokenSet | None = None
) -> TokenSet:
    """Validate a token response; the old refresh token is kept if the shop sent no new one."""
    access = body.get("access_token")
    if not isinstance(access, str) or not access:
        raise BadResponse("The shop's sign-in answer had no access token.")
    token_type = body.get("token_type", "Bearer")
    if not isinstance(token_type, str) or token_type.lower() != "bearer":
        raise BadResponse("The shop issued a kind of token the app cannot use.")
    refresh = body.get("refresh_token")
    if refresh is not None and not isinstance(refresh, str):
        raise BadResponse("The shop's sign-in answer is malformed.")
    if refresh is None and previous is not None:
        refresh = previous.refresh_token
    expires_in = body.get("expires_in")
    expires_at = None
    if isinstance(expires_in, int | float) and not isinstance(expires_in, bool):
        expires_at = (time.time() if now is None else now) + float(expires_in)
    scope_value = body.get("scope")
    if isinstance(scope_value, str):
        scope = frozenset(scope_value.split())
    elif previous is not None:
        scope = previous.scope
    else:
        scope = frozenset()
    auth_time = None
    raw_auth_time = body.get("auth_time")
    if isinstance(raw_auth_time, int | float) and not isinstance(raw_auth_time, bool):
        auth_time = datetime.fromtimestamp(float(raw_auth_time), tz=UTC)
    elif previous is not None:
        auth_time = previous.auth_time
    return TokenSet(
        access_token=access,
        refresh_token=refresh or None,
        token_type="Bearer",  # noqa: S106 (the OAuth token type)
        expires_at=expires_at,
        scope=scope,
        auth_time=auth_time,
    )


def oauth_session(
    oauth: OAuthInfo,
    *,
    scope: Iterable[str] | None = None,
    redirect_uri: str | None = None,
) -> OAuth2Session:
    """An authlib session for this shop's public client (PKCE S256, no client secret)."""
    session = OAuth2Session(
        client_id=oauth.client_id,
        scope=" ".join(scope) if scope is not None else None,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",  # noqa: S106 (a public client: no secret)
        revocation_endpoint_auth_method="none",
    )
    session.trust_env = False
    session.verify = True
    session.headers["User-Agent"] = USER_AGENT
    return session


def oauth_failure(exc: OAuthError) -> SignInFailed:
    """The shop's OAuth error (e.g. invalid_grant) as a SignInFailed with its description."""
    description = exc.description or None
    return SignInFailed(
        f"The shop refused the sign-in: {description}" if description else None,
        code=exc.error or None,
        detail=description,
    )


def redirect_failure(error: str, params: Mapping[str, str]) -> SignInFailed:
    """The error the shop sent back to the loopback listener (RFC 6749 4.1.2.1) as the kind a
    person reads: its `reason` (the token endpoint's, as a redirect parameter) first."""
    description = params.get("error_description") or None
    kind: type[SignInFailed]
    if params.get("reason") == GUARDIAN_CONSENT_REASON:
        kind = GuardianConsentMissing
    elif error == "access_denied":
        kind = SignInDenied
    else:
        kind = SignInRequestRefused
    return kind(description, code=error, detail=description)


def http_failure(exc: requests.HTTPError) -> ApiError:
    response = exc.response
    status = response.status_code if response is not None else None
    kind: type[ApiError]
    if status == 429:
        kind = RateLimited
    elif status is not None and status >= 500:
        kind = ServerError
    else:
        kind = BadResponse
    return kind(status=status)


class BrowserSignIn:
    """One interactive sign-in: open the browser, wait for the redirect, exchange the code.

    `run()` blocks (call it from a worker thread); `cancel()` may be called from any thread and
    makes `run()` raise `SignInCancelled` promptly.
    """

    def __init__(
        self,
        oauth: OAuthInfo,
        *,
        open_browser: OpenBrowser = webbrowser.open,
        scopes: Iterable[str] | None = None,
        timeout: float = 300.0,
        callback_path: str = "/callback",
        language: str = "en",
    ) -> None:
        for url in (oauth.authorization_endpoint, oauth.token_endpoint):
            check_url_allowed(url)
        self.oauth = oauth
        self.open_browser = open_browser
        self.scopes = tuple(scopes) if scopes is not None else None
        self.timeout = timeout
        self.callback_path = callback_path
        self.language = language  # the interface's: the shop's sign-in page and ours speak it
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop a pending sign-in (for example, the user closed the dialog)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def authorization_url(
        self,
        session: OAuth2Session,
        *,
        state: str,
        code_verifier: str,
        fresh: bool,
        username_hint: str | None,
    ) -> str:
        extra: dict[str, str] = {"ui_locales": "zh-CN" if self.language.startswith("zh") else "en"}
        if fresh:
            extra["prompt"] = "login"
        if username_hint:
            extra["login_hint"] = username_hint
        url, _ = session.create_authorization_url(
            self.oauth.authorization_endpoint,
            state=state,
            code_verifier=code_verifier,
            **extra,
        )
        return str(url)

    def run(self, *, fresh: bool = False, username_hint: str | None = None) -> TokenSet:
        """Sign in and return the tokens (with `auth_time` and `scope`)."""
        if self._cancel.is_set():
            raise SignInCancelled()
        state = generate_token(32)
        code_verifier = generate_token(64)
        with LoopbackListener(
            self.callback_path, timeout=self.timeout, language=self.language
        ) as listener:
            session = oauth_session(
                self.oauth, scope=self.scopes, redirect_uri=listener.redirect_uri
            )
            with session:
                url = self.authorization_url(
                    session,
                    state=state,
                    code_verifier=code_verifier,
                    fresh=fresh,
                    username_hint=username_hint,
                )
                log.info("opening the browser for sign-in (fresh=%s)", fresh)
                try:
                    opened = self.open_browser(url)
                except Exception as exc:
                    raise SignInFailed("The web browser could not be opened.") from exc
                if opened is False:
                    raise SignInFailed("The web browser could not be opened.")
                try:
                    callback = listener.wait(self._cancel)
                except SignInCancelled:
                    listener.abandon(CANCELLED_PAGE_SECONDS)
                    raise
                code = self._check_callback(callback.params, state)
                if self._cancel.is_set():
                    raise SignInCancelled()
                return self._exchange(session, code, code_verifier, listener.redirect_uri)

    def _check_callback(self, params: Mapping[str, str], state: str) -> str:
        received_state = params.get("state", "")
        if not hmac.compare_digest(received_state.encode(), state.encode()):
            # Not our request (or tampered with): do not even look at the rest.
            raise SignInFailed(
                "The sign-in answer did not match this sign-in; please try again.",
                code="state_mismatch",
            )
        error = params.get("error")
        if error:
            raise redirect_failure(error, params)
        issuer = params.get("iss")
        if issuer and issuer.rstrip("/") != self.oauth.issuer.rstrip("/"):
            # RFC 9207: an answer from another authorization server (mix-up attack).
            raise SignInFailed("The sign-in answer came from another site.", code="iss_mismatch")
        code = params.get("code")
        if not code:
            raise SignInFailed("The shop's answer had no authorization code.", code="no_code")
        return code

    def _exchange(
        self, session: OAuth2Session, code: str, code_verifier: str, redirect_uri: str
    ) -> TokenSet:
        # authlib keeps only `error` and `error_description` of a refusal; the shop's `reason`
        # (why, in a form the app words itself) is read off the answer on its way in.
        reasons: list[str] = []

        def note_reason(response: requests.Response) -> requests.Response:
            if response.status_code == 400:
                try:
                    body = response.json()
                except ValueError:
                    body = None
                if isinstance(body, dict) and isinstance(body.get("reason"), str):
                    reasons.append(body["reason"])
            return response

        session.register_compliance_hook("access_token_response", note_reason)
        try:
            body = session.fetch_token(
                self.oauth.token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=code_verifier,
                redirect_uri=redirect_uri,
                timeout=TOKEN_TIMEOUT,
            )
        except OAuthError as exc:
            if GUARDIAN_CONSENT_REASON in reasons:
                raise GuardianConsentMissing(
                    exc.description or None, code=exc.error or None, detail=exc.description
                ) from None
            raise oauth_failure(exc) from None
        except requests.HTTPError as exc:
            raise http_failure(exc) from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ConnectionFailed() from exc
        except requests.RequestException as exc:
            raise ConnectionFailed(f"The sign-in could not be sent: {type(exc).__name__}.") from exc
        except ValueError:
            raise BadResponse("The shop's sign-in answer is not JSON.") from None
        tokens = token_set_from_response(dict(body))
        log.info("signed in; scope %s", " ".join(sorted(tokens.scope)))
        return tokens


def sign_in(
    oauth: OAuthInfo,
    *,
    open_browser: OpenBrowser = webbrowser.open,
    scopes: Iterable[str] | None = None,
    fresh: bool = False,
    username_hint: str | None = None,
    timeout: float = 300.0,
) -> TokenSet:
    """Convenience: one blocking interactive sign-in (not cancellable; use BrowserSignIn)."""
    flow = BrowserSignIn(oauth, open_browser=open_browser, scopes=scopes, timeout=timeout)
    return flow.run(fresh=fresh, username_hint=username_hint)


__all__ = [
    "AGENT_SCOPES",
    "DEFAULT_SCOPES",
    "BrowserSignIn",
    "OpenBrowser",
    "TokenSet",
    "http_failure",
    "oauth_failure",
    "oauth_session",
    "redirect_failure",
    "sign_in",
    "token_set_from_response",
]
