"""Start `python -m server serve --workers N` as a real process tree, for tests and the bench."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import requests

ROOT = Path(__file__).resolve().parents[2]
_URL = re.compile(r"serving the privacy API at (http://\S+)")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@dataclass
class ServedShop:
    process: subprocess.Popen[str]
    url: str
    errors: IO[str]

    def worker_pids(self) -> list[int]:
        """The supervisor's child processes (the workers), from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = [int(p) for p in children.read_text().split()] if children.exists() else []
        # multiprocessing's spawned workers, not its resource tracker
        return [pid for pid in pids if b"spawn_main" in _cmdline(pid)]

    def stop(self) -> str:
        """SIGTERM the supervisor (it stops its workers); returns what it wrote to stderr."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate()
        self.errors.seek(0)
        written = self.errors.read()
        self.errors.close()
        return written


def serve_workers(db_url: str, workers: int, *extra: str, timeout: float = 90) -> ServedShop:
    """Start the shop with `workers` processes on a free loopback port; wait until it answers."""
    errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115  (closed by ServedShop.stop)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "serve",
            "--workers",
            str(workers),
            "--db-url",
            db_url,
            "--port",
            "0",
            "--no-processor",
            *extra,
        ],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        # a file, not a pipe: workers that log many errors must never block on a full pipe
        stderr=errors,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    url = None
    while url is None:
        line = process.stdout.readline()
        if not line:
            process.wait(timeout=30)
            errors.seek(0)
            written = errors.read()
            errors.close()
            raise RuntimeError(f"the server exited: {written}")
        found = _URL.search(line)
        url = found.group(1) if found else None
    shop = ServedShop(process, url, errors)
    # Every worker must be up, not just the first: each answers the discovery document.
    while True:
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"the workers did not start: {shop.stop()}")
        try:
            if (
                len(shop.worker_pids()) >= workers
                and requests.get(f"{url}/.well-known/privacy-api", timeout=5).status_code == 200
            ):
                break
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return shop
