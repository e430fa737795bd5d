"""Test-wide set-up: offscreen Qt, and real shop servers on loopback ports."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from server.embedded import RunningShop
from tests.support.oauth_login import Api, sign_in
from tests.support.postgres import PostgresCluster, postgres_bin
from tests.support.shops import build_template, start_shop_from

SHOPPER = ("lin.mei", "demo1234")
SECOND_SHOPPER = ("zhang.wei", "demo1234")
AGENT = ("agent.wu", "agent1234")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="run the long variants of fault and load tests (more iterations)",
    )


@pytest.fixture(scope="session")
def runslow(request: pytest.FixtureRequest) -> bool:
    """True with `--runslow`: heavy tests use their long settings."""
    return bool(request.config.getoption("--runslow"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the session (skips when it is not installed)."""
    if postgres_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    # Not under pytest's tmp dir: the `postgres` user must be able to reach the directory.
    directory = Path(tempfile.mkdtemp(prefix="privacy-pg-"))
    cluster = PostgresCluster(directory)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def shop_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("templates")
    return {name: build_template(directory, name) for name in ("silumart", "sinomai")}


@pytest.fixture
def make_shop(
    shop_templates: dict[str, Path], tmp_path: Path
) -> Iterator[Callable[..., RunningShop]]:
    """Start a fresh shop (its own database copy); stopped after the test."""
    started: list[RunningShop] = []

    def factory(name: str = "silumart", **overrides: object) -> RunningShop:
        shop = start_shop_from(
            shop_templates[name], tmp_path / f"{name}-{len(started)}", name, **overrides
        )
        started.append(shop)
        return shop

    yield factory
    for shop in started:
        shop.stop()


@pytest.fixture
def shop(make_shop: Callable[..., RunningShop]) -> RunningShop:
    """A fresh Silumart demo shop for one test."""
    return make_shop("silumart")


@pytest.fixture
def api(shop: RunningShop) -> Api:
    """The first demo shopper, signed in through the real OAuth flow."""
    tokens = sign_in(shop.url, *SHOPPER)
    return Api(shop.url + "/v1", str(tokens["access_token"]))


@pytest.fixture
def other_api(shop: RunningShop) -> Api:
    """A second shopper of the same shop."""
    tokens = sign_in(shop.url, *SECOND_SHOPPER)
    return Api(shop.url + "/v1", str(tokens["access_token"]))


@pytest.fixture(autouse=True)
def _cheap_archive_kdf(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Encrypted archives at a test-only scrypt cost (as one lowers bcrypt rounds in tests).

    The real cost (age's default, log2 N = 18) takes seconds per derivation on a loaded
    machine; tests that ask for the `real_archive_kdf` fixture keep it and check it.
    """
    if "real_archive_kdf" in request.fixturenames:
        return
    import client.archive.crypto as crypto

    monkeypatch.setattr(crypto, "SCRYPT_LOG2_N", 10)


@pytest.fixture
def real_archive_kdf() -> None:
    """Keep the shipped scrypt cost for this test (see `_cheap_archive_kdf`)."""
