"""The embedded demo: both demo shops served on loopback ports from per-user SQLite files.

Each shop runs as its own `python -m server --demo` process, so the shop's work never competes
with the window for the interpreter, and a shop that fails cannot take the app down.
"""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ui.priority import background_creation_flags, lower_process

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
    # The shop stops when our end of its stdin closes, so it never outlives the app. It stands
    # in for a shop far away: it runs below the app's window (see ui.priority).
    process = subprocess.Popen(  # noqa: S603  (our own server, fixed arguments)
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        creationflags=background_creation_flags(),
    )
    lower_process(process.pid)
    return await_serving(name, process, timeout)


def await_serving(name: str, process: subprocess.Popen[str], timeout: float) -> DemoShop:
    """Wait until `process` says where it listens, at most `timeout` seconds; else stop it.

    A thread reads the output: the deadline holds even while the process prints nothing (a
    blocking read in this thread would wait forever), and the thread goes on draining the
    output afterwards so the process never blocks on a full pipe.
    """
    assert process.stdout is not None
    announced: queue.Queue[re.Match[str] | None] = queue.Queue(maxsize=1)
    drain = threading.Thread(target=_watch, args=(process.stdout, announced), daemon=True)
    drain.start()
    try:
        found = announced.get(timeout=timeout)
    except queue.Empty:
        found = None
    if found is not None:
        return DemoShop(found["name"], found["url"], process, drain)
    process.kill()
    process.wait(timeout=10)
    DemoShop(name, "", process, drain).close_pipes()
    raise RuntimeError(f"the {name} demo shop did not start")


def _watch(stream: IO[str], announced: queue.Queue[re.Match[str] | None]) -> None:
    """Hand over the serving line (None at the end of the output), then drain the rest."""
    found = None
    try:
        for line in stream:
            found = _SERVING.match(line.strip())
            if found:
                announced.put(found)
                break
    except (OSError, ValueError):  # closed under us while stopping
        pass
    if found is None:
        announced.put(None)
        return
    _drain(stream)


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
