"""`main.py --demo`'s shops: two real shop processes that seed, serve, and stop with the app."""

from __future__ import annotations

from pathlib import Path

import requests

from ui.demo import start_demo_shops


def test_both_demo_shops_start_serve_and_stop(tmp_path: Path) -> None:
    shops = start_demo_shops(tmp_path, tracks=50, processor_delay=1.0)
    try:
        names = []
        for _name, url in shops.urls:
            discovery = requests.get(f"{url}/.well-known/privacy-api", timeout=10).json()
            names.append(discovery["shop"]["id"])
            assert url.startswith("http://127.0.0.1:")
        assert names == ["silumart-demo", "sinomai-demo"]
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
