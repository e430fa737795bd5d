"""Helpers for the packaging tests: a Python with the server stack unimportable, app runs.

`blocked_env()` returns an environment whose `sitecustomize` (on PYTHONPATH) puts a meta-path
hook first that refuses the reference server and its libraries, in that process and in every
Python it starts, exactly as on a machine where only the base install is present.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BLOCKED = (
    "server",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "uvicorn",
    "argon2",
    "faker",
    "multipart",
    "python_multipart",
)

SITECUSTOMIZE = '''
import sys

BLOCKED = frozenset(@BLOCKED@)


class BlockServerStack:
    """Refuse the server stack, as if only the app's own dependencies were installed."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


sys.meta_path.insert(0, BlockServerStack())
'''


def blocked_env(
    directory: Path, home: Path | None = None, blocked: tuple[str, ...] = BLOCKED
) -> dict[str, str]:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(
        SITECUSTOMIZE.replace("@BLOCKED@", repr(blocked)), encoding="utf-8"
    )
    env = app_env(home or directory / "home")
    env["PYTHONPATH"] = str(directory)
    return env


def app_env(home: Path) -> dict[str, str]:
    """A shopper's fresh session: an empty HOME, no XDG overrides, offscreen Qt, no D-Bus."""
    home.mkdir(parents=True, exist_ok=True)
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return env


def run_self_test(
    command: list[str], report: Path, env: dict[str, str], *args: str, timeout: float = 90
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Run the app with `--self-test report`; return the process and the report it wrote."""
    done = subprocess.run(
        [*command, "--self-test", str(report), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    assert report.exists(), f"no report; stderr:\n{done.stderr}"
    return done, json.loads(report.read_text(encoding="utf-8"))


SOURCE_APP = [sys.executable, str(ROOT / "main.py")]
