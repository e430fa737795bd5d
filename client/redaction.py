"""Keep secrets and personal data out of logs.

`RedactingFilter` rewrites every record passing through it: bearer tokens and Authorization
headers, access/refresh tokens, authorization codes, PKCE verifiers, passwords, assist codes
(in URLs, form bodies, JSON and `key=value` text), e-mail addresses and phone numbers.
`install_redaction()` puts it on the "client" logger and on every root handler, and holds the
chatty HTTP libraries (urllib3, requests, authlib) at WARNING so they never log request lines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "[redacted]"

_SENSITIVE_KEYS = (
    r"access_token|refresh_token|id_token|token|code_verifier|code_challenge|code|password|"
    r"passwd|secret|client_secret|assertion|api_key|apikey|session_token|otp|state"
)

# Query strings / form bodies / plain text: key=value up to a separator.
_KV = re.compile(rf"(?i)\b({_SENSITIVE_KEYS})(\s*[=:]\s*)(?!\s*\[redacted\])([^\s&,;\"'}}]+)")
# JSON: "key": "value" (or a bare number).
_JSON = re.compile(rf'(?i)("(?:{_SENSITIVE_KEYS})"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+)')
# Python reprs of dicts: 'key': 'value'.
_REPR = re.compile(rf"(?i)('(?:{_SENSITIVE_KEYS})'\s*:\s*)('(?:[^'\\]|\\.)*'|-?\d+)")
_AUTH_HEADER = re.compile(
    r"(?i)\b(authorization|proxy-authorization)(\"?'?\s*[:=]\s*\"?'?)((?:\w+\s+)?[^\s\"',;}]+)"
)
_COOKIE_HEADER = re.compile(r"(?i)\b(cookie|set-cookie)(\"?'?\s*[:=]\s*\"?'?)([^\r\n\"']+)")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]+=*")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# Phone numbers: international (+86 138 0013 8000), mainland mobiles (13800138000), and dashed
# or spaced groups of 7+ digits. Timestamps and ids are left alone by requiring phone shape.
_PHONE = re.compile(
    r"(?<![\w\-:.])(?:\+\d{1,3}[\s\-]?)?(?:\(?\d{2,4}\)?[\s\-]?)?\d{3,4}[\s\-]?\d{4}(?![\w\-:.])"
)
_MOBILE_CN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


# Registered names and secrets this short are not masked (one or two characters would blank
# out half of any text). The diagnostics report collects names by the same length.
MIN_SECRET_LENGTH = 3


def redact(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """Return `text` with secrets and personal data masked."""
    for secret in extra_secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, MASK)
    text = _AUTH_HEADER.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    text = _COOKIE_HEADER.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    text = _BEARER.sub(lambda m: m.group(1) + " " + MASK, text)
    text = _JSON.sub(lambda m: m.group(1) + '"' + MASK + '"', text)
    text = _REPR.sub(lambda m: m.group(1) + "'" + MASK + "'", text)
    text = _KV.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    text = _EMAIL.sub("[email]", text)
    text = _MOBILE_CN.sub("[phone]", text)
    text = _PHONE.sub(_phone_or_keep, text)
    return text


def _phone_or_keep(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return "[phone]" if 7 <= digits <= 15 else match.group(0)


def _redact_value(value: Any, extra: Iterable[str]) -> Any:
    if isinstance(value, str):
        return redact(value, extra)
    if isinstance(value, int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return redact(repr(dict(value)), extra)
    return redact(str(value), extra)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) with secrets masked.

    It never drops records. `add_secret()` registers exact strings (for example a token the app
    holds) that are masked wherever they appear, even without a recognisable key around them.
    """

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self._secrets: set[str] = set()

    def add_secret(self, secret: str) -> None:
        if secret:
            self._secrets.add(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        extra = tuple(self._secrets)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw template, masked
            message = str(record.msg)
        record.msg = redact(message, extra)
        record.args = None
        if record.exc_info and not record.exc_text:
            formatter = logging.Formatter()
            record.exc_text = formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, extra)
            # The formatted text replaces the live exception so nothing re-renders it raw.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info, extra)
        return True


_installed: RedactingFilter | None = None

QUIET_LOGGERS = ("urllib3", "requests", "authlib", "keyring", "httpx", "httpcore")
CLIENT_LOGGERS = (
    "client.transport",
    "client.auth",
    "client.tokens",
    "client.connection",
    "client.shops",
    "client.outbox",
    "client.discovery",
    "client.api",
)


def install_redaction(extra_loggers: Iterable[str] = ()) -> RedactingFilter:
    """Attach one shared filter to the "client" logger and every root handler (idempotent).

    Call it again after adding handlers to the root logger so they are covered too.
    """
    global _installed
    flt = _installed or RedactingFilter()
    _installed = flt
    # Logger filters are not inherited by child loggers, so each "client.*" logger gets it too.
    names = {"client", *CLIENT_LOGGERS, *extra_loggers}
    names.update(n for n in logging.root.manager.loggerDict if n.startswith("client."))
    for name in sorted(names):
        logger = logging.getLogger(name)
        if flt not in logger.filters:
            logger.addFilter(flt)
    for handler in logging.getLogger().handlers:
        if flt not in handler.filters:
            handler.addFilter(flt)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return flt


def uninstall_redaction() -> None:
    """Remove the shared filter (for tests)."""
    global _installed
    flt = _installed
    if flt is None:
        return
    children = [n for n in logging.root.manager.loggerDict if n.startswith("client.")]
    for name in ["client", *children]:
        logging.getLogger(name).removeFilter(flt)
    for handler in logging.getLogger().handlers:
        handler.removeFilter(flt)
    _installed = None


__all__ = [
    "MASK",
    "QUIET_LOGGERS",
    "RedactingFilter",
    "install_redaction",
    "redact",
    "uninstall_redaction",
]
