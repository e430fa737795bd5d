"""Logs never carry tokens, codes, passwords or personal data: unit checks and a canary run."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from client.connection import ShopConnection
from client.redaction import (
    MASK,
    QUIET_LOGGERS,
    RedactingFilter,
    install_redaction,
    redact,
    uninstall_redaction,
)
from client.shops import ShopRegistry
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import AGENT, SHOPPER
from ui.diagnostics import diagnostics_report, install_log_buffer, uninstall_log_buffer


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("GET /callback?code=Zx81aQ&state=s7 200", "Zx81aQ"),
        ("POST body grant_type=authorization_code&code=c0d3&code_verifier=v3r1f13r", "v3r1f13r"),
        ("POST body grant_type=authorization_code&code=c0d3&code_verifier=v3r1f13r", "c0d3"),
        ("redirect http://127.0.0.1:5000/cb?access_token=AT-123&x=1", "AT-123"),
        ('{"access_token": "eyJhbGciOi.abc", "token_type": "Bearer"}', "eyJhbGciOi.abc"),
        ('{"refresh_token":"r-secret-9"}', "r-secret-9"),
        ("{'refresh_token': 'r-secret-9', 'x': 1}", "r-secret-9"),
        ("headers: Authorization: Bearer abc.def-ghi", "abc.def-ghi"),
        ("{'Authorization': 'Bearer abc.def-ghi'}", "abc.def-ghi"),
        ("username=lin.mei&password=demo1234", "demo1234"),
        ('{"code": "481516", "customer_no": "SM100001"}', "481516"),
        ("contact lin.mei@example.com now", "lin.mei@example.com"),
        ("call +86 138 0013 8000 please", "138 0013 8000"),
        ("mobile 13800138000.", "13800138000"),
        ("tel 010-6552-9988", "6552-9988"),
        ("Cookie: session=abcdef123", "abcdef123"),
    ],
)
def test_redact_masks_secrets(text: str, secret: str) -> None:
    assert secret not in redact(text)


def test_redact_keeps_ordinary_text() -> None:
    text = "GET /v1/tracks -> 200 (request 5f2c9a1b) at 2026-11-22T03:08:29Z on 127.0.0.1:8731"
    assert redact(text) == text


def test_filter_rewrites_args_and_exceptions() -> None:
    record = logging.LogRecord(
        "client.x",
        logging.ERROR,
        __file__,
        1,
        "token response %s",
        ({"access_token": "AT-1"},),
        None,
    )
    try:
        raise RuntimeError("refresh_token=RT-2 failed")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    flt = RedactingFilter()
    flt.add_secret("EXACT-SECRET-VALUE")
    assert flt.filter(record)
    assert "AT-1" not in record.getMessage()
    assert record.exc_text is not None
    assert "RT-2" not in record.exc_text
    other = logging.LogRecord(
        "client.x", logging.INFO, __file__, 1, "saw EXACT-SECRET-VALUE here", None, None
    )
    flt.filter(other)
    assert other.getMessage() == f"saw {MASK} here"


@pytest.fixture
def debug_capture() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    quiet = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        uninstall_redaction()
        uninstall_log_buffer()
        root.removeHandler(handler)
        root.setLevel(old_level)
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


def test_canary_sign_in_and_api_calls_leak_nothing(
    shop: RunningShop,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    debug_capture: io.StringIO,
) -> None:
    caplog.set_level(logging.DEBUG)
    install_log_buffer()  # what Help → Copy diagnostics reports as the recent log
    install_redaction()
    redirects: list[str] = []
    registry = ShopRegistry(tmp_path / "config")
    keychain = MemoryKeyring()
    customer = ShopConnection(
        shop.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*SHOPPER, before_callback=redirects.append),
    )
    customer.sign_in("lin.mei")
    seen_tokens = []
    first = customer.tokens.tokens
    assert first is not None
    seen_tokens += [first.access_token, first.refresh_token]
    customer.transport.get_json("me")
    customer.transport.get_json("tracks", params={"limit": 5})
    customer.transport.send_json(
        "POST",
        "requests",
        {"type": "complaint", "details": {"text": "canary"}},
        idempotency_key="2f1d7c1e-7a51-4d6e-9f43-1f0f1b1c2d3e",
    )
    customer.tokens.refresh_access_token()
    second = customer.tokens.tokens
    assert second is not None
    seen_tokens += [second.access_token, second.refresh_token]
    issued = customer.transport.send_json("POST", "assist/codes", {})

    agent = ShopConnection(
        shop.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*AGENT, before_callback=redirects.append),
    )
    agent.sign_in("agent.wu")
    agent_tokens = agent.tokens.tokens
    assert agent_tokens is not None
    seen_tokens += [agent_tokens.access_token, agent_tokens.refresh_token]
    session = agent.open_assist_session(issued["customer_no"], issued["code"], "canary case")
    session.transport.get_json("me")
    assist_token = session._token.access_token()
    # A careless log line of the kind redaction exists for.
    logging.getLogger("client.canary").debug(
        "token response %s",
        {"access_token": second.access_token, "refresh_token": second.refresh_token},
    )
    logging.getLogger("client.canary").debug("redirect %s", redirects[0])
    logging.getLogger("urllib3.connectionpool").debug("GET %s", redirects[0])
    # Help → Copy diagnostics while both are signed in, with the careless lines in its log.
    report = diagnostics_report(
        versions={"version": "test"},
        paths={"data folder": str(registry.config_dir)},
        registry=registry,
        connections=[customer, agent],
    )
    customer.sign_out()
    agent.sign_out()

    codes = [parse_qs(urlsplit(r).query)["code"][0] for r in redirects]
    secrets = [*seen_tokens, assist_token, *codes, issued["code"], SHOPPER[1], AGENT[1]]
    assert all(secrets)
    assert len(codes) == 2
    captured = "\n".join(
        [debug_capture.getvalue(), caplog.text, *(r.getMessage() for r in caplog.records)]
    )
    assert MASK in captured  # the careless lines were logged, masked
    for secret in secrets:
        assert secret not in captured, "a secret reached the logs"
    assert "token response" in report  # the recent log is in the report, masked
    assert MASK in report
    assert "shops: 1" in report
    personal = [SHOPPER[0], AGENT[0], "林美", "SM100001", issued["customer_no"]]
    for secret in [*secrets, *personal]:
        assert secret not in report, "a secret or personal datum reached the diagnostics"
