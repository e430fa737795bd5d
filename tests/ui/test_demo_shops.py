"""`main.py --demo`'s shops: two real shop processes that seed, serve, and stop with the app."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ui.demo import DemoShops, await_serving, start_demo_shops
from ui.priority import BACKGROUND_NICENESS


def test_both_demo_shops_start_serve_and_stop(tmp_path: Path) -> None:
    shops = start_demo_shops(tmp_path, tracks=50, processor_delay=1.0)
    try:
        names = []
        for _name, url in shops.urls:
            discovery = requests.get(f"{url}/.well-known/privacy-api", timeout=10).json()
            names.append(discovery["shop"]["id"])
            assert url.startswith("http://127.0.0.1:")
        assert names == ["silumart-demo", "sinomai-demo"]
        if hasattr(os, "getpriority"):  # they run below the app's window (ui.priority)
            own = os.getpriority(os.PRIO_PROCESS, 0)
            for shop in shops.shops:
                wanted = min(19, own + BACKGROUND_NICENESS)
                assert os.getpriority(os.PRIO_PROCESS, shop.process.pid) == wanted
    finally:
        shops.stop()
    assert all(shop.process.poll() is not None for shop in shops.shops)
    # a second start reuses the seeded databases
    assert (tmp_path / "silumart.db").exists()


def test_a_demo_shop_exits_when_the_app_goes_away(tmp_path: Path) -> None:
    shops = start_demo_shops(tmp_path, tracks=10)
    for shop in shops.shops:
        assert shop.process.stdin is not None
        shop.process.stdin.close()  # what happens when the app process dies
    for shop in shops.shops:
        assert shop.process.wait(timeout=20) is not None
    shops.stop()


def _child(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_the_start_up_deadline_holds_when_the_shop_prints_nothing() -> None:
    process = _child("import time; time.sleep(60)")  # alive, silent: a read would block
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not start"):
        await_serving("silumart", process, timeout=1.0)
    assert time.monotonic() - started < 10
    assert process.poll() is not None, "the silent shop is stopped, not left running"


def test_a_shop_that_exits_silently_fails_at_once() -> None:
    process = _child("pass")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not start"):
        await_serving("sinomai", process, timeout=30.0)
    assert time.monotonic() - started < 10


def test_a_shop_that_announces_itself_late_is_waited_for() -> None:
    process = _child(
        "import sys, time\n"
        "print('starting', flush=True); time.sleep(0.5)\n"
        "print('Shop is serving the privacy API at http://127.0.0.1:1', flush=True)\n"
        "print('x' * 100000, flush=True)\n"  # more than a pipe holds: it must be drained
        "sys.stdin.read()\n"
    )
    shop = await_serving("silumart", process, timeout=30.0)
    try:
        assert (shop.name, shop.url) == ("Shop", "http://127.0.0.1:1")
        assert process.poll() is None
    finally:
        DemoShops([shop]).stop()
    assert process.poll() is not None
