"""Where the app and the command line keep their files, by platform convention.

One folder holds the shop list (`shops.json`), the request outbox and the demo shops' data, for
the desktop app and `privacy-dashboard-cli` alike. It is the folder Qt's
`QStandardPaths.AppDataLocation` names for organisation "PrivacyDashboard" and application
"privacy-dashboard", computed here without Qt so the command line needs no GUI library:

- Linux and other XDG desktops: `$XDG_DATA_HOME/PrivacyDashboard/privacy-dashboard`
  (`~/.local/share/…` when unset)
- Windows: `%APPDATA%\\PrivacyDashboard\\privacy-dashboard`
- macOS: `~/Library/Application Support/PrivacyDashboard/privacy-dashboard`

Preferences live beside the platform's other settings (QSettings: `~/.config/PrivacyDashboard/
privacy-dashboard.conf` on Linux, the registry on Windows, a plist on macOS); tokens live only
in the system keychain, never in these files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "PrivacyDashboard"
APPLICATION = "privacy-dashboard"
DATA_ENV = "PRIVACY_DASHBOARD_CONFIG"  # overrides the folder (tests, portable use)


def platform_data_dir(
    platform: str | None = None, environ: dict[str, str] | None = None, home: Path | None = None
) -> Path:
    """The per-user data folder this platform expects (no override applied)."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    home = home or Path.home()
    if platform.startswith("win"):
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        # XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
        configured = env.get("XDG_DATA_HOME", "")
        base = Path(configured) if os.path.isabs(configured) else home / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


def data_dir() -> Path:
    """The folder in use: `$PRIVACY_DASHBOARD_CONFIG` if set, else the platform's."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured) if configured else platform_data_dir()


__all__ = ["APPLICATION", "DATA_ENV", "ORGANIZATION", "data_dir", "platform_data_dir"]
