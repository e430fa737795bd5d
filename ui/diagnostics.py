"""The support report behind Help → Copy diagnostics, with no tokens and no personal data.

`install_log_buffer()` keeps the last log lines in memory (never on disk), each already passed
through the redaction filter (`client.redaction`). `diagnostics_report()` puts together what a
support ticket needs — versions, platform, where data lives, how many shops and accounts, the
keychain in use, the recent log — and runs the whole text through `redact()` once more with
every secret and name the app holds registered as an exact string: tokens of signed-in
connections, account usernames, customer numbers and display names, the computer's user name.
Shops appear by name and address (the shop's, not the shopper's); accounts only as counts.

Qt-free, so the client-side canary test (tests/client/test_logging_redaction.py) can check it.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from client.redaction import MASK, MIN_SECRET_LENGTH, redact

if TYPE_CHECKING:
    from client.connection import ShopConnection
    from client.shops import ShopRegistry

LOG_LINES = 200
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LogBuffer(logging.Handler):
    """The last `LOG_LINES` log lines, redacted, in memory only."""

    def __init__(self, capacity: int = LOG_LINES) -> None:
        super().__init__(logging.DEBUG)
        self.lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # The shared RedactingFilter normally ran already (it sits on every root handler);
            # redacting again costs little and covers a buffer added after install_redaction().
            self.lines.append(redact(self.format(record)))
        except Exception:  # logging must never take the app down
            self.handleError(record)


_buffer: LogBuffer | None = None


def install_log_buffer() -> LogBuffer:
    """Attach the one in-memory log buffer to the root logger (idempotent)."""
    global _buffer
    if _buffer is None:
        _buffer = LogBuffer()
    root = logging.getLogger()
    if _buffer not in root.handlers:
        root.addHandler(_buffer)
    return _buffer


def uninstall_log_buffer() -> None:
    """Detach the buffer (for tests)."""
    global _buffer
    if _buffer is not None:
        logging.getLogger().removeHandler(_buffer)
    _buffer = None


def recent_log_lines() -> list[str]:
    return list(_buffer.lines) if _buffer is not None else []


def app_version() -> str:
    """The installed distribution's version (the bundle carries its metadata too)."""
    from importlib import metadata

    try:
        return metadata.version("privacy-dashboard")
    except metadata.PackageNotFoundError:
        return "unknown"


def keychain_name() -> str:
    """The keyring backend in use, by class name only ("none" when there is no keychain)."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:
        return "none"
    name = type(backend).__name__
    module = type(backend).__module__.removeprefix("keyring.backends.")
    return "none" if module.startswith("fail") else f"{module}.{name}"


# keyring's backend modules, by the name their owners give them (About shows these; the
# diagnostics report keeps the module and class).
KEYCHAIN_PRODUCTS = {
    "SecretService": "Secret Service (GNOME Keyring, KeePassXC)",
    "libsecret": "Secret Service (GNOME Keyring, KeePassXC)",
    "kwallet": "KDE Wallet",
    "macOS": "macOS Keychain",
    "Windows": "Windows Credential Manager",
}


def keychain_product() -> str:
    """The keychain in use as its users know it; "" for none or one without a known name."""
    name = keychain_name()
    return KEYCHAIN_PRODUCTS.get(name.split(".", 1)[0], "") if name != "none" else ""


def _personal_strings(
    registry: ShopRegistry | None,
    connections: Iterable[ShopConnection],
    extra: Iterable[str] = (),
) -> list[str]:
    """Every secret or name the app holds, to mask wherever it might appear."""
    found: list[str] = list(extra)
    if registry is not None:
        for shop in registry.shops():
            for account in shop.accounts:
                found += [account.username, account.customer_no or "", account.display_name or ""]
    for connection in connections:
        tokens = getattr(getattr(connection, "tokens", None), "tokens", None)
        if tokens is not None:
            found += [tokens.access_token or "", tokens.refresh_token or ""]
        found.append(getattr(connection, "username", None) or "")
    import getpass  # here, not at start-up: the log buffer is installed before the first paint

    with suppress(Exception):  # no user name available (some containers): nothing to mask
        found.append(getpass.getuser())
    # Longest first, so a name containing another is masked whole.
    return sorted({s for s in found if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)


def _home_relative(path: str) -> str:
    """`~/…` instead of `/home/<user>/…`: the user name is personal."""
    home = str(Path.home())
    return "~" + path[len(home) :] if home and path.startswith(home) else path


def diagnostics_report(
    *,
    versions: Mapping[str, str],
    paths: Mapping[str, str],
    registry: ShopRegistry | None = None,
    connections: Iterable[ShopConnection] = (),
    state: Mapping[str, str] | None = None,
    log_lines: Iterable[str] | None = None,
    personal: Iterable[str] = (),
) -> str:
    """The plain-text report: safe to paste into a support ticket.

    `personal`: more names to mask (an assisted customer's number, a Fides identity).
    """
    connections = list(connections)
    lines = ["Privacy Dashboard diagnostics (redacted: no tokens, no personal data)", ""]
    lines += [f"{key}: {value}" for key, value in versions.items()]
    import platform  # ~5 ms to import: only when a report is made

    lines.append(f"platform: {platform.platform()} ({platform.machine()})")
    lines.append(f"bundle: {'yes' if getattr(sys, 'frozen', False) else 'no'}")
    lines.append(f"keychain: {keychain_name()}")
    lines.append("")
    lines += [f"{key}: {_home_relative(value)}" for key, value in paths.items()]
    lines.append("")
    shops = registry.shops() if registry is not None else []
    lines.append(f"shops: {len(shops)}")
    for shop in shops:
        roles = sorted(account.role for account in shop.accounts)
        lines.append(
            f"  {shop.name} <{shop.base_url}>: {len(shop.accounts)} account(s) "
            f"{'/'.join(roles) if roles else ''}".rstrip()
        )
    lines.append(f"signed in: {len(connections)}")
    lines += [f"{key}: {value}" for key, value in (state or {}).items()]
    lines.append("")
    lines.append("recent log:")
    lines += [f"  {line}" for line in (recent_log_lines() if log_lines is None else log_lines)]
    masked = _personal_strings(registry, connections, personal)
    return redact("\n".join(lines), masked) + "\n"


__all__ = [
    "MASK",
    "LogBuffer",
    "app_version",
    "diagnostics_report",
    "install_log_buffer",
    "keychain_name",
    "recent_log_lines",
    "uninstall_log_buffer",
]
