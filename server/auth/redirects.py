"""Which redirect URIs a native app may use: loopback IP literals on any port (RFC 8252 7.3)."""

from __future__ import annotations

from urllib.parse import urlsplit

_LOOPBACK_HOSTS = {"127.0.0.1", "::1"}


def is_loopback_redirect(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "http"
        and parts.hostname in _LOOPBACK_HOSTS
        and port is not None
        and not parts.username
        and not parts.password
        and not parts.fragment
    )
