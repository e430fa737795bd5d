"""The embedded demo: both demo shops served on loopback ports from per-user SQLite files.

Each shop runs as its own `python -m server --demo` process, so the shop's work never competes
with the window for the interpreter, and a shop that fails cannot take the app down.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEMO_SHOPS = ("silumart", "sinomai")
# What `--demo` needs beyond the app: the server package and its `[server]` dependencies.
SERVER_MODULES = ("server", "fastapi", "uvicorn", "sqlalchemy", "argon2", "multipart", "faker")
DEMO_NEEDS = (
    "The demo shops need the reference server, which is not installed: run "
    'python -m pip install -e ".[demo]" in the project folder (or pip install '
    '"privacy-dashboard[demo]") and start the app with --demo again.'
)


def missing_server_packages(names: tuple[str, ...] = SERVER_MODULES) -> list[str]:
    """The server modules this Python cannot import (looked up, not imported: no cost)."""
    import importlib.util

    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a blocked or broken module counts as missing
            found = False
        if not found:
            missing.append(name)
    return missing


_SERVING = re.compile(r"^(?P<name>.+) is serving the privacy API at (?P<url>http://\S+)$")


@dataclass
class DemoShop:
    name: str
    url: str
    process: subprocess.Popen[str] = field(repr=False)
    drain: threading.Thread | None = field(default=None, repr=False)

    def close_pipes(self) -> None:
        if self.drain is not None:
            self.drain.join(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@dataclass
class DemoShops:
    shops: list[DemoShop]

    @property
    def urls(self) -> list[tuple[str, str]]:
        return [(shop.name, shop.url) for shop in self.shops]

    def stop(self) -> None:
        for shop in self.shops:
            if shop.process.poll() is None:
                shop.process.terminate()
        for shop in self.shops:
            try:
                shop.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                shop.process.kill()
                shop.process.wait(timeout=10)
            shop.close_pipes()


def _drain(stream: IO[str]) -> None:
    try:
        for _line in stream:
            pass
    except (OSError, ValueError):  # closed under us while stopping
        return


def start_demo_shop(
    name: str, database: Path, *, tracks: int, processor_delay: float, timeout: float = 120.0
) -> DemoShop:
    """Start one demo shop process and wait until it says where it listens."""
    command = [
        sys.executable,
        "-m",
        "server",
        "--demo",
        "--shop",
        name,
        "--db",
        str(database),
        "--port",
        "0",
        "--tracks",
        str(tracks),
        "--processor-delay",
        str(processor_delay),
        "--exit-with-parent",
    ]
    # The shop stops when our end of its stdin closes, so it never outlives the app.
    process = subprocess.Popen(  # noqa: S603  (our own server, fixed arguments)
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        found = _SERVING.match(line.strip())
        if found:
            # Keep draining its output so the process never blocks on a full pipe.
            drain = threading.Thread(target=_drain, args=(process.stdout,), daemon=True)
            drain.start()
            return DemoShop(found["name"], found["url"], process, drain)
        if time.monotonic() > deadline:
            break
    process.kill()
    process.wait(timeout=10)
    DemoShop(name, "", process).close_pipes()
    raise RuntimeError(f"the {name} demo shop did not start")


def start_demo_shops(
    data_dir: Path, *, tracks: int = 3000, fresh: bool = False, processor_delay: float = 4.0
) -> DemoShops:
    """Start (seeding on first use) both demo shops; blocking: call from a worker thread."""
    data_dir.mkdir(parents=True, exist_ok=True)
    started: list[DemoShop] = []
    try:
        for name in DEMO_SHOPS:
            path = data_dir / f"{name}.db"
            if fresh:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            started.append(
                start_demo_shop(name, path, tracks=tracks, processor_delay=processor_delay)
            )
    except BaseException:
        DemoShops(started).stop()
        raise
    return DemoShops(started)
