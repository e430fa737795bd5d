"""A real Fides for the tests in this folder: its own venv (cached), PostgreSQL, Redis, uvicorn.

One Fides serves the whole session; each test uses its own identity, so tests do not see each
other's requests. How long installing and starting took is printed at the end of the run. If
Fides cannot be installed or started here, the tests fail with the exact reason: nothing is
skipped and nothing is faked.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fides import FidesServer, FidesUnavailable, ensure_venv

TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="session")
def fides_server() -> Iterator[FidesServer]:
    started = time.monotonic()
    try:
        venv = ensure_venv()
    except FidesUnavailable as exc:
        pytest.fail(f"Fides could not be installed: {exc}", pytrace=False)
    TIMINGS["venv ready"] = time.monotonic() - started
    directory = Path(tempfile.mkdtemp(prefix="fides-test-"))
    server = FidesServer(directory, venv=venv)
    try:
        server.start()
    except FidesUnavailable as exc:
        pytest.fail(f"Fides could not be started: {exc}", pytrace=False)
    TIMINGS["started (PostgreSQL, Redis, Fides)"] = server.startup_seconds
    TIMINGS["_session_start"] = time.monotonic()
    yield server
    server.stop()
    TIMINGS["whole Fides session"] = time.monotonic() - started


@pytest.fixture
def shopper_email() -> str:
    """A fresh identity per test (Fides keeps every identity's requests apart)."""
    return f"shopper-{uuid.uuid4().hex[:10]}@example.com"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    shown = {k: v for k, v in TIMINGS.items() if not k.startswith("_")}
    if shown:
        terminalreporter.write_sep("-", "Fides timings")
        for name, seconds in shown.items():
            terminalreporter.write_line(f"{name}: {seconds:.1f} s")
