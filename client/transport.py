"""HTTP transport to one shop: timeouts, TLS always verified, HTTPS except on loopback, retries.

Retries happen only for connection failures and 429/502/503/504, with capped, jittered
exponential backoff that honours `Retry-After`. A POST is retried only when it carries an
`Idempotency-Key`, so a retried creation can never create twice.
"""

from __future__ import annotations

import ipaddress
import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import requests

from client.errors import (
    ApiError,
    AuthenticationRequired,
    BadResponse,
    ConnectionFailed,
    InsecureTransport,
    RateLimited,
    error_from_response,
    retry_after,
)

log = logging.getLogger("client.transport")

RETRY_STATUSES = frozenset({429, 502, 503, 504})
SAFE_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
USER_AGENT = "privacy-dashboard/0.1"


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url_allowed(url: str) -> None:
    """HTTPS everywhere; plain HTTP only for loopback hosts (the embedded demo shop, tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return
    if parts.scheme == "http":
        raise InsecureTransport(f"Refusing plain HTTP to {parts.hostname}: use https://.")
    raise InsecureTransport(f"Not a web address the app can use: {url!r}.")


class TokenSource(Protocol):
    """Where the transport gets bearer tokens; `refresh` is asked once after a 401."""

    def access_token(self) -> str | None: ...

    def refresh_access_token(self) -> str | None: ...


class Transport:
    """One `requests.Session` per shop."""

    def __init__(
        self,
        base_url: str,
        *,
        tokens: TokenSource | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 3,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        max_retry_after: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        check_url_allowed(base_url)
        self.base_url = base_url.rstrip("/") + "/"
        self.tokens = tokens
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self._random = random.Random()  # noqa: S311  (jitter, not secrets)
        self.session = session or requests.Session()
        self.session.verify = True
        self.session.trust_env = False
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json, application/problem+json"

    def url_for(self, path: str) -> str:
        """Resolve `path` against the base; absolute URLs must stay on the same origin."""
        if path.startswith(("http://", "https://")):
            url = path
        else:
            # "./" keeps a colon in the first segment ("tracks:delete") from reading as a scheme.
            url = urljoin(self.base_url, "./" + path.lstrip("/"))
        base, target = urlsplit(self.base_url), urlsplit(url)
        if (base.scheme, base.netloc) != (target.scheme, target.netloc):
            raise InsecureTransport("The shop pointed to another site; the app will not follow.")
        return url

    def close(self) -> None:
        self.session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        stream: bool = False,
        authenticated: bool = True,
    ) -> requests.Response:
        """Send one request (with retries); return a 2xx/3xx response or raise an ApiError."""
        method = method.upper()
        url = self.url_for(path)
        send_headers = dict(headers or {})
        if idempotency_key:
            send_headers["Idempotency-Key"] = idempotency_key
        retryable_method = method in SAFE_METHODS or idempotency_key is not None
        refreshed = False
        attempt = 0
        while True:
            if authenticated and self.tokens is not None:
                token = self.tokens.access_token()
                if token:
                    send_headers["Authorization"] = f"Bearer {token}"
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    data=data,
                    headers=send_headers,
                    timeout=self.timeout,
                    stream=stream,
                    allow_redirects=False,
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                if retryable_method and attempt < self.max_retries:
                    self._backoff(attempt, None)
                    attempt += 1
                    continue
                raise ConnectionFailed() from exc
            except requests.RequestException as exc:
                message = f"The request could not be sent: {type(exc).__name__}."
                raise ConnectionFailed(message) from exc
            log.debug(
                "%s %s -> %s (request %s)",
                method,
                urlsplit(url).path,
                response.status_code,
                response.headers.get("X-Request-Id"),
            )
            if response.status_code < 400:
                return response
            if (
                response.status_code == 401
                and authenticated
                and self.tokens is not None
                and not refreshed
            ):
                response.close()
                refreshed = True
                if self.tokens.refresh_access_token():
                    continue
                # why it ended, where the token source knows (the shop's refusal to renew it)
                ended = getattr(self.tokens, "ended_error", None)
                raise ended() if callable(ended) else AuthenticationRequired()
            if response.status_code in RETRY_STATUSES and retryable_method:
                wait = retry_after(response)
                if attempt < self.max_retries and (wait is None or wait <= self.max_retry_after):
                    response.close()
                    self._backoff(attempt, wait)
                    attempt += 1
                    continue
            error = error_from_response(response)
            response.close()
            raise error

    def _backoff(self, attempt: int, retry_after: float | None) -> None:
        ceiling = min(self.backoff_cap, self.backoff_base * (2**attempt))
        delay = self._random.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            delay = max(delay, retry_after)
        self._sleep(delay)

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return decode_json(self.request("GET", path, params=params))

    def send_json(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        idempotency_key: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        response = self.request(
            method, path, json=body, idempotency_key=idempotency_key, params=params
        )
        if response.status_code == 204 or not response.content:
            return None
        return decode_json(response)


def decode_json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise BadResponse(
            status=response.status_code, request_id=response.headers.get("X-Request-Id")
        ) from exc


__all__ = [
    "RETRY_STATUSES",
    "ApiError",
    "RateLimited",
    "TokenSource",
    "Transport",
    "check_url_allowed",
    "decode_json",
    "is_loopback_host",
]
