"""client.verify: the access-log hash chain and the shop's signatures, on real and forged data."""

from __future__ import annotations

import base64
import copy
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from client.api import ShopApi
from client.discovery import fetch_discovery
from client.models import AccessLogHead
from client.verify import (
    canonical_json,
    load_public_keys,
    verify_access_log,
    verify_consent_receipt,
    verify_manifest_signature,
)
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


@pytest.fixture
def log_json(shop_api: ShopApi) -> list[dict[str, Any]]:
    """The raw JSON of the whole access log, after a few reads so it has some length."""
    for _ in range(5):
        shop_api.get_me()
    entries: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = shop_api.transport.get_json(
            "access-log", {"limit": 3, **({"cursor": cursor} if cursor else {})}
        )
        entries.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return entries


def test_the_real_access_log_verifies(shop_api: ShopApi) -> None:
    shop_api.get_me()
    head = shop_api.get_access_log_head()
    entries = list(shop_api.list_access_log(limit=2).auto_paging_iter())
    result = verify_access_log(entries, head=head)
    assert result.ok, result.problems
    assert result.problems == []
    assert result.checked == len(entries) >= head.seq
    assert result.first_broken_seq is None


def test_the_raw_json_verifies_too(log_json: list[dict[str, Any]]) -> None:
    assert verify_access_log(log_json).ok


def test_an_edited_entry_is_found(log_json: list[dict[str, Any]]) -> None:
    forged = copy.deepcopy(log_json)
    forged[3]["actor"] = "nobody"
    result = verify_access_log(forged)
    assert not result.ok
    assert result.first_broken_seq == forged[3]["seq"]
    assert result.reason == "edited"
    assert "changed" in result.problems[0]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(
    log_json: list[dict[str, Any]],
) -> None:
    from client.verify import entry_hash

    forged = copy.deepcopy(log_json)
    forged[2]["resource"] = "/v1/nothing"
    forged[2]["hash"] = entry_hash(forged[2])
    result = verify_access_log(forged)
    assert not result.ok
    assert result.first_broken_seq == forged[3]["seq"]
    assert result.reason == "unlinked"


def test_a_missing_entry_is_found(log_json: list[dict[str, Any]]) -> None:
    forged = copy.deepcopy(log_json)
    removed = forged.pop(4)
    result = verify_access_log(forged)
    assert not result.ok
    assert result.reason == "missing"
    assert result.first_broken_seq == removed["seq"] + 1
    assert str(removed["seq"]) in result.problems[0]


def test_reordered_entries_are_found(log_json: list[dict[str, Any]]) -> None:
    forged = copy.deepcopy(log_json)
    forged[2], forged[3] = forged[3], forged[2]
    result = verify_access_log(forged)
    assert not result.ok
    assert result.reason == "reordered"
    assert result.first_broken_seq == log_json[3]["seq"]


def test_a_truncated_log_is_found_against_the_head(log_json: list[dict[str, Any]]) -> None:
    last = log_json[-1]
    head = AccessLogHead(seq=last["seq"], hash=last["hash"])
    assert verify_access_log(log_json, head=head).ok
    result = verify_access_log(log_json[:-2], head=head)
    assert not result.ok
    assert result.reason == "missing"
    rewritten = verify_access_log(log_json, head=AccessLogHead(seq=last["seq"], hash="f" * 64))
    assert not rewritten.ok
    assert rewritten.reason == "head_mismatch"


def test_a_malformed_entry_is_reported_not_raised(log_json: list[dict[str, Any]]) -> None:
    forged = copy.deepcopy(log_json)
    del forged[1]["hash"]
    result = verify_access_log(forged)
    assert not result.ok
    assert result.reason == "malformed"


def test_receipt_signature_verifies_and_a_flipped_byte_fails(
    shop: RunningShop, shop_api: ShopApi
) -> None:
    purpose = next(c for c in shop_api.list_consents() if not c.required)
    receipt = shop_api.set_consent(purpose.purpose, not purpose.granted).receipt
    keys = fetch_discovery(shop.url).signing_keys
    good = verify_consent_receipt(receipt, keys)
    assert good.ok
    assert good.problems == []
    assert good.kid == receipt.kid
    raw = base64.b64decode(receipt.signature)
    flipped = base64.b64encode(bytes([raw[0] ^ 0x01]) + raw[1:]).decode()
    bad = verify_consent_receipt(receipt.model_copy(update={"signature": flipped}), keys)
    assert not bad.ok
    assert "does not match" in bad.problems[0]
    changed = verify_consent_receipt(receipt.model_copy(update={"granted": purpose.granted}), keys)
    assert not changed.ok
    unknown = verify_consent_receipt(receipt.model_copy(update={"kid": "k-unknown"}), keys)
    assert not unknown.ok
    assert "k-unknown" in unknown.problems[0]
    as_json = receipt.model_dump(mode="json")
    assert verify_consent_receipt(as_json, keys).ok
    as_json["at"] = as_json["at"].replace("Z", "+00:00")  # same time, other bytes
    assert not verify_consent_receipt(as_json, keys).ok


def make_key() -> tuple[Ed25519PrivateKey, dict[str, str]]:
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    encoded = base64.b64encode(public).decode()
    return private, {"kid": "k-test", "alg": "Ed25519", "public_key": encoded}


def test_manifest_signature_over_canonical_json() -> None:
    private, key = make_key()
    manifest: dict[str, Any] = {
        "format": "shop-privacy-archive",
        "format_version": 1,
        "source": "shop",
        "subject": {"customer_no": "SM1", "display_name": "林美"},
        "files": [{"path": "data/tracks.ndjson", "sha256": "ab" * 32, "size": 1}],
    }
    signature = private.sign(canonical_json(manifest))
    manifest["signature"] = {
        "kid": "k-test",
        "alg": "Ed25519",
        "value": base64.b64encode(signature).decode(),
    }
    assert verify_manifest_signature(manifest, [key]).ok
    assert verify_manifest_signature(manifest, load_public_keys([key])).ok
    tampered = copy.deepcopy(manifest)
    tampered["files"][0]["size"] = 2
    assert not verify_manifest_signature(tampered, [key]).ok
    unsigned = {**manifest, "signature": None}
    result = verify_manifest_signature(unsigned, [key])
    assert not result.ok
    assert "not signed" in result.problems[0]
    other_alg = {**manifest, "signature": {**manifest["signature"], "alg": "RS256"}}
    assert not verify_manifest_signature(other_alg, [key]).ok


def test_malformed_keys_are_skipped() -> None:
    _private, key = make_key()
    keys = load_public_keys(
        [
            key,
            {"kid": "bad", "alg": "Ed25519", "public_key": "!!"},
            {"kid": "rsa", "alg": "RS256", "public_key": key["public_key"]},
        ]
    )
    assert set(keys) == {"k-test"}
