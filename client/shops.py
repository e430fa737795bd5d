"""The registry of configured shops and their accounts: a small JSON file, never any secret.

Each shop is known by its base URL, display name and shop id (from discovery); each account by
its username (the label the keychain entry is filed under), customer number and role. Tokens
live in the keychain (`client.tokens`), never here. Writes are atomic (temp file + rename) and
serialised by a lock, so a crash cannot leave a half-written file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

log = logging.getLogger("client.shops")


def _normalize(base_url: str) -> str:
    # Imported here: discovery pulls in requests and pydantic, which the app's first window
    # (which lists the saved shops) does not need.
    from client.discovery import normalize_base_url

    return normalize_base_url(base_url)


REGISTRY_FILE = "shops.json"
FORMAT_VERSION = 1

# Keys that must never be written to the registry, whatever a caller passes in.
_FORBIDDEN_KEYS = frozenset(
    {"access_token", "refresh_token", "token", "password", "code", "code_verifier", "secret"}
)


@dataclass(frozen=True)
class Account:
    username: str
    customer_no: str | None = None
    role: str = "shopper"
    display_name: str | None = None


@dataclass(frozen=True)
class ShopEntry:
    base_url: str
    shop_id: str
    name: str
    accounts: tuple[Account, ...] = field(default=())
    kind: str = "ours"  # the backend the shop runs: "ours" or "fides" (client.backends)

    def account(self, username: str) -> Account | None:
        return next((a for a in self.accounts if a.username == username), None)


class ShopRegistry:
    """Shops and accounts configured by the user, persisted in `config_dir/shops.json`."""

    def __init__(self, config_dir: str | os.PathLike[str]) -> None:
        self.config_dir = Path(config_dir)
        self.path = self.config_dir / REGISTRY_FILE
        self._lock = threading.RLock()
        self._shops: dict[str, ShopEntry] = {}
        self._load()

    # -- reading ---------------------------------------------------------------------------
    def shops(self) -> list[ShopEntry]:
        with self._lock:
            return list(self._shops.values())

    def get(self, shop_id: str) -> ShopEntry | None:
        with self._lock:
            return self._shops.get(shop_id)

    def find_by_url(self, base_url: str) -> ShopEntry | None:
        base = _normalize(base_url)
        with self._lock:
            return next((s for s in self._shops.values() if s.base_url == base), None)

    def accounts(self, shop_id: str) -> tuple[Account, ...]:
        entry = self.get(shop_id)
        return entry.accounts if entry else ()

    # -- changing --------------------------------------------------------------------------
    def add_shop(self, base_url: str, shop_id: str, name: str, kind: str = "ours") -> ShopEntry:
        """Add a shop or update its address and name; its accounts are kept."""
        base = _normalize(base_url)
        with self._lock:
            existing = self._shops.get(shop_id)
            entry = ShopEntry(base, shop_id, name, existing.accounts if existing else (), kind)
            self._shops[shop_id] = entry
            self._save()
            return entry

    def remove_shop(self, shop_id: str) -> None:
        with self._lock:
            if self._shops.pop(shop_id, None) is not None:
                self._save()

    def add_account(
        self,
        shop_id: str,
        username: str,
        *,
        customer_no: str | None = None,
        role: str = "shopper",
        display_name: str | None = None,
    ) -> Account:
        """Add or update an account of a configured shop."""
        if not username:
            raise ValueError("an account needs a username")
        with self._lock:
            entry = self._shops.get(shop_id)
            if entry is None:
                raise KeyError(f"unknown shop {shop_id!r}")
            account = Account(username, customer_no, role, display_name)
            others = tuple(a for a in entry.accounts if a.username != username)
            self._shops[shop_id] = replace(entry, accounts=(*others, account))
            self._save()
            return account

    def remove_account(self, shop_id: str, username: str) -> None:
        with self._lock:
            entry = self._shops.get(shop_id)
            if entry is None:
                return
            kept = tuple(a for a in entry.accounts if a.username != username)
            if kept != entry.accounts:
                self._shops[shop_id] = replace(entry, accounts=kept)
                self._save()

    def account_for_customer(self, shop_id: str, customer_no: str) -> Account | None:
        return next((a for a in self.accounts(shop_id) if a.customer_no == customer_no), None)

    # -- the file ------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        try:
            data = json.loads(raw)
            shops = data["shops"] if isinstance(data, dict) else []
            for item in shops:
                accounts = tuple(
                    Account(
                        username=str(a["username"]),
                        customer_no=_opt_str(a.get("customer_no")),
                        role=str(a.get("role") or "shopper"),
                        display_name=_opt_str(a.get("display_name")),
                    )
                    for a in item.get("accounts", [])
                )
                entry = ShopEntry(
                    base_url=str(item["base_url"]),
                    shop_id=str(item["shop_id"]),
                    name=str(item["name"]),
                    accounts=accounts,
                    kind=str(item.get("kind") or "ours"),
                )
                self._shops[entry.shop_id] = entry
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            # Keep the unreadable file for the user to inspect; start with an empty registry.
            backup = self.path.with_suffix(".json.bad")
            log.warning("the shop list could not be read (%s); moved it aside", type(exc).__name__)
            os.replace(self.path, backup)
            self._shops = {}

    def _save(self) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        data = {
            "version": FORMAT_VERSION,
            "shops": [
                {
                    "base_url": s.base_url,
                    "shop_id": s.shop_id,
                    "name": s.name,
                    "accounts": [_clean(asdict(a)) for a in s.accounts],
                    **({"kind": s.kind} if s.kind != "ours" else {}),
                }
                for s in self._shops.values()
            ],
        }
        handle, temp = tempfile.mkstemp(prefix=".shops-", suffix=".tmp", dir=self.config_dir)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in _FORBIDDEN_KEYS}


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["REGISTRY_FILE", "Account", "ShopEntry", "ShopRegistry"]
