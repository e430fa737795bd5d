"""The registry of shops and accounts: persisted JSON, several shops, never a secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from client.errors import InsecureTransport
from client.shops import REGISTRY_FILE, ShopRegistry


def test_shops_and_accounts_persist(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path)
    assert registry.shops() == []
    registry.add_shop("http://127.0.0.1:8731/", "silumart-demo", "思路商城 Silumart")
    registry.add_shop("https://sinomai.example.com", "sinomai", "新麦 Sinomai")
    registry.add_account("silumart-demo", "lin.mei", customer_no="SM100001")
    registry.add_account("silumart-demo", "agent.wu", customer_no="SM900001", role="agent")
    registry.add_account("sinomai", "wang.fang", customer_no="SN200001")

    again = ShopRegistry(tmp_path)
    assert [s.shop_id for s in again.shops()] == ["silumart-demo", "sinomai"]
    silumart = again.get("silumart-demo")
    assert silumart is not None
    assert silumart.base_url == "http://127.0.0.1:8731"
    assert silumart.name == "思路商城 Silumart"
    assert [a.username for a in silumart.accounts] == ["lin.mei", "agent.wu"]
    agent = silumart.account("agent.wu")
    assert agent is not None
    assert agent.role == "agent"
    assert agent.customer_no == "SM900001"
    assert again.find_by_url("http://127.0.0.1:8731") == silumart
    assert again.account_for_customer("sinomai", "SN200001") is not None


def test_updating_a_shop_keeps_its_accounts(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path)
    registry.add_shop("http://127.0.0.1:1", "s", "Old name")
    registry.add_account("s", "lin.mei")
    registry.add_shop("http://127.0.0.1:2", "s", "New name")
    entry = ShopRegistry(tmp_path).get("s")
    assert entry is not None
    assert entry.name == "New name"
    assert entry.base_url == "http://127.0.0.1:2"
    assert [a.username for a in entry.accounts] == ["lin.mei"]


def test_removing(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path)
    registry.add_shop("http://127.0.0.1:1", "a", "A")
    registry.add_shop("http://127.0.0.1:2", "b", "B")
    registry.add_account("a", "x")
    registry.add_account("a", "y")
    registry.remove_account("a", "x")
    registry.remove_shop("b")
    again = ShopRegistry(tmp_path)
    assert [s.shop_id for s in again.shops()] == ["a"]
    assert [a.username for a in again.accounts("a")] == ["y"]


def test_no_secret_fields_and_insecure_urls_refused(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path)
    with pytest.raises(InsecureTransport):
        registry.add_shop("http://shop.example.com", "x", "X")
    with pytest.raises(KeyError):
        registry.add_account("unknown", "lin.mei")
    registry.add_shop("http://127.0.0.1:1", "a", "A")
    registry.add_account("a", "lin.mei", customer_no="SM1", display_name="林美")
    data = json.loads((tmp_path / REGISTRY_FILE).read_text(encoding="utf-8"))
    account = data["shops"][0]["accounts"][0]
    assert set(account) == {"username", "customer_no", "role", "display_name"}
    text = json.dumps(data)
    for word in ("token", "password", "secret"):
        assert word not in text


def test_a_corrupt_file_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / REGISTRY_FILE).write_text("{not json", encoding="utf-8")
    registry = ShopRegistry(tmp_path)
    assert registry.shops() == []
    assert (tmp_path / "shops.json.bad").exists()
    registry.add_shop("http://127.0.0.1:1", "a", "A")
    assert ShopRegistry(tmp_path).get("a") is not None


def test_no_temp_files_left_behind(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path / "nested" / "config")
    registry.add_shop("http://127.0.0.1:1", "a", "A")
    assert sorted(p.name for p in (tmp_path / "nested" / "config").iterdir()) == [REGISTRY_FILE]
