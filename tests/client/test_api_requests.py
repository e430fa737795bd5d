"""ShopApi against the real shop: privacy requests of every type, their results, the archive."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

import client.api
from client.api import ChecksumMismatch, DownloadCanceled, ShopApi
from client.discovery import fetch_discovery
from client.errors import (
    Conflict,
    IdempotencyConflict,
    NotFound,
    ReauthRequired,
    ValidationFailed,
)
from client.models import (
    REQUEST_TYPES,
    ConsentWithdrawalResult,
    CorrectionResult,
    DeletionResult,
    ExplanationResult,
    PrivacyRequest,
)
from client.verify import verify_consent_receipt, verify_manifest_signature
from server.embedded import RunningShop
from server.models import PrivacyRequest as RequestRow
from server.processor import RequestProcessor
from tests.client.api_helpers import api_for
from tests.conftest import SECOND_SHOPPER, SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def complete(shop: RunningShop, api: ShopApi, request: PrivacyRequest) -> PrivacyRequest:
    """Verify if needed and run the shop's processor until the request is final."""
    if request.status == "identity_unverified":
        code = api.get_demo_verification_code(request.id).code
        request = api.verify_request(request.id, code)
        assert request.status == "pending"
    processor = RequestProcessor(shop.ctx)
    for _ in range(5):
        processor.run_once()
        request = api.get_request(request.id)
        if request.is_final:
            return request
    return request


def request_count(shop: RunningShop) -> int:
    with shop.ctx.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(RequestRow)) or 0)


def test_every_request_type_can_be_filed(shop_api: ShopApi) -> None:
    me = shop_api.get_me()
    field = next(f for f in me.fields if f.editable)
    decision = shop_api.list_decisions(limit=1).items[0]
    purpose = next(c.purpose for c in shop_api.list_consents() if not c.required)
    track = shop_api.list_tracks(limit=1).items[0]
    details: dict[str, dict[str, object] | None] = {
        "access": {"sections": ["account", "tracks"]},
        "correction": {"field": field.key, "current": field.value, "proposed": "Corrected"},
        "deletion": {"items": [{"category": "tracks", "ids": [track.id]}]},
        "explanation": {"decision_id": decision.id},
        "human_review": {"decision_id": decision.id, "statement": "Please look again."},
        "consent_withdrawal": {"purposes": [purpose]},
        "account_cancellation": {"reason": "Moving away"},
        "complaint": {"text": "The parcel arrived opened."},
    }
    assert set(details) == set(REQUEST_TYPES)
    filed = {}
    for kind in REQUEST_TYPES:
        created = shop_api.create_request(kind, details[kind], note=f"test {kind}")
        uuid.UUID(created.idempotency_key)
        assert created.request.type == kind
        assert created.request.note == f"test {kind}"
        assert created.request.due_at > created.request.received_at
        assert created.request.timeline
        assert created.request.timeline[0].at.tzinfo is not None
        filed[kind] = created.request.id
    listed = {r.id for r in shop_api.list_requests(limit=3).auto_paging_iter()}
    assert set(filed.values()) <= listed
    only = list(shop_api.list_requests(type="complaint").auto_paging_iter())
    assert [r.id for r in only] == [filed["complaint"]]


def test_the_same_key_twice_creates_one_request(shop: RunningShop, shop_api: ShopApi) -> None:
    before = request_count(shop)
    first = shop_api.create_request("complaint", {"text": "Sent twice."})
    again = shop_api.create_request(
        "complaint", {"text": "Sent twice."}, idempotency_key=first.idempotency_key
    )
    assert again.request.id == first.request.id
    assert again.idempotency_key == first.idempotency_key
    assert request_count(shop) == before + 1
    with pytest.raises(IdempotencyConflict) as caught:
        shop_api.create_request(
            "complaint", {"text": "Something else."}, idempotency_key=first.idempotency_key
        )
    assert caught.value.status == 422
    assert caught.value.code == "idempotency_conflict"


def test_invalid_details_are_422_and_foreign_ids_404(shop: RunningShop, shop_api: ShopApi) -> None:
    with pytest.raises(ValidationFailed) as caught:
        shop_api.create_request("explanation", {"decision_id": "999999"})
    assert caught.value.status == 422
    with pytest.raises(ValidationFailed):
        shop_api.create_request("deletion", {})
    field = next(f for f in shop_api.get_me().fields if f.editable)
    with pytest.raises(Conflict) as stale:
        shop_api.create_request(
            "correction", {"field": field.key, "current": "not the value", "proposed": "x"}
        )
    assert stale.value.code == "stale_value"
    foreign = api_for(shop, *SECOND_SHOPPER).create_request("complaint", {"text": "mine"})
    with pytest.raises(NotFound):
        shop_api.get_request(foreign.request.id)
    with pytest.raises(NotFound):
        shop_api.cancel_request(foreign.request.id)


def test_account_cancellation_needs_a_recent_sign_in(shop: RunningShop, shop_api: ShopApi) -> None:
    shop.ctx.clock.offset += timedelta(minutes=6)
    try:
        with pytest.raises(ReauthRequired):
            shop_api.create_request("account_cancellation", {})
    finally:
        shop.ctx.clock.offset -= timedelta(minutes=6)


def test_cancel_and_verify(shop_api: ShopApi) -> None:
    created = shop_api.create_request("access").request
    assert created.status == "identity_unverified"
    assert created.cancelable
    code = shop_api.get_demo_verification_code(created.id).code
    with pytest.raises(ValidationFailed) as caught:
        shop_api.verify_request(created.id, "000000" if code != "000000" else "111111")
    assert caught.value.code == "verification_failed"
    canceled = shop_api.cancel_request(created.id)
    assert canceled.status == "canceled"
    assert canceled.is_final
    assert canceled.timeline[-1].status == "canceled"
    assert shop_api.cancel_request(created.id).status == "canceled"  # harmless to repeat


def test_json_results_are_typed(shop: RunningShop, shop_api: ShopApi) -> None:
    decision = shop_api.list_decisions(limit=1).items[0]
    explained = complete(
        shop, shop_api, shop_api.create_request("explanation", {"decision_id": decision.id}).request
    )
    assert explained.status == "completed"
    explanation = shop_api.get_request_result(explained.id)
    assert isinstance(explanation, ExplanationResult)
    assert explanation.decision_id == decision.id

    field = next(f for f in shop_api.get_me().fields if f.editable)
    corrected = complete(
        shop,
        shop_api,
        shop_api.create_request(
            "correction", {"field": field.key, "current": field.value, "proposed": "Fixed"}
        ).request,
    )
    correction = shop_api.get_request_result(corrected.id)
    assert isinstance(correction, CorrectionResult)
    assert correction.after == "Fixed"

    purpose = next(c.purpose for c in shop_api.list_consents() if not c.required and c.granted)
    withdrawn = complete(
        shop,
        shop_api,
        shop_api.create_request("consent_withdrawal", {"purposes": [purpose]}).request,
    )
    receipts = shop_api.get_request_result(withdrawn.id)
    assert isinstance(receipts, ConsentWithdrawalResult)
    assert receipts.receipts
    keys = fetch_discovery(shop.url).signing_keys
    assert all(verify_consent_receipt(r, keys).ok for r in receipts.receipts)

    track = shop_api.list_tracks(limit=1).items[0]
    deleted = complete(
        shop, shop_api, shop_api.create_request("deletion", {"categories": ["tracks"]}).request
    )
    assert deleted.status == "completed", deleted.timeline
    deletion = shop_api.get_request_result(deleted.id)
    assert isinstance(deletion, DeletionResult)
    assert deletion.deleted.get("tracks", 0) >= 1
    assert all(r.recipient_name for r in deletion.receipts)
    with pytest.raises(NotFound):
        shop_api.delete_track(track.id)


def test_result_not_ready_is_not_found(shop_api: ShopApi) -> None:
    created = shop_api.create_request("complaint", {"text": "waiting"}).request
    with pytest.raises(NotFound) as caught:
        shop_api.get_request_result(created.id)
    assert caught.value.code == "result_not_ready"


@pytest.fixture
def archive_request(shop: RunningShop, shop_api: ShopApi) -> PrivacyRequest:
    done = complete(shop, shop_api, shop_api.create_request("access").request)
    assert done.status == "completed"
    assert done.result.available
    return done


def test_download_the_archive_and_verify_its_manifest(
    shop: RunningShop, shop_api: ShopApi, archive_request: PrivacyRequest, tmp_path: Path
) -> None:
    seen: list[tuple[int, int | None]] = []
    dest = tmp_path / "archive.zip"
    result = shop_api.download_result(
        archive_request.id, dest, progress=lambda done, total: seen.append((done, total))
    )
    data = dest.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest() == archive_request.result.sha256
    assert result.size == len(data) == archive_request.result.size
    assert seen[-1] == (len(data), len(data))
    assert not (tmp_path / "archive.zip.part").exists()
    with zipfile.ZipFile(dest) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    keys = fetch_discovery(shop.url).signing_keys
    assert verify_manifest_signature(manifest, keys).ok
    manifest["subject"]["display_name"] = "someone else"
    tampered = verify_manifest_signature(manifest, keys)
    assert not tampered.ok
    assert tampered.problems
    with pytest.raises(ValidationFailed):
        shop_api.get_request_result(archive_request.id)  # a file, not JSON


def test_download_resumes_from_a_part_file(
    shop_api: ShopApi, archive_request: PrivacyRequest, tmp_path: Path
) -> None:
    full = tmp_path / "full.zip"
    shop_api.download_result(archive_request.id, full)
    data = full.read_bytes()
    dest = tmp_path / "resumed.zip"
    half = len(data) // 2
    (tmp_path / "resumed.zip.part").write_bytes(data[:half])
    (tmp_path / "resumed.zip.part.etag").write_text(f'"{archive_request.result.sha256}"')
    result = shop_api.download_result(archive_request.id, dest)
    assert result.resumed_from == half
    assert dest.read_bytes() == data


def test_a_changed_archive_restarts_and_a_bad_part_is_caught(
    shop_api: ShopApi, archive_request: PrivacyRequest, tmp_path: Path
) -> None:
    full = tmp_path / "full.zip"
    shop_api.download_result(archive_request.id, full)
    data = full.read_bytes()
    dest = tmp_path / "a.zip"
    # another ETag: the shop ignores the range (If-Range) and sends everything again
    (tmp_path / "a.zip.part").write_bytes(b"x" * 100)
    (tmp_path / "a.zip.part.etag").write_text('"0000"')
    result = shop_api.download_result(archive_request.id, dest)
    assert result.resumed_from == 0
    assert dest.read_bytes() == data
    # the right ETag but corrupted bytes: the checksum catches it, and the part file goes
    dest.unlink()
    (tmp_path / "a.zip.part").write_bytes(b"x" * 100)
    (tmp_path / "a.zip.part.etag").write_text(f'"{archive_request.result.sha256}"')
    with pytest.raises(ChecksumMismatch):
        shop_api.download_result(archive_request.id, dest)
    assert not dest.exists()
    assert not (tmp_path / "a.zip.part").exists()


def test_cancel_keeps_the_part_file_for_a_resume(
    shop_api: ShopApi,
    archive_request: PrivacyRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client.api, "CHUNK_SIZE", 512)
    dest = tmp_path / "c.zip"
    calls = [0]

    def cancel() -> bool:
        calls[0] += 1
        return calls[0] > 3

    with pytest.raises(DownloadCanceled):
        shop_api.download_result(archive_request.id, dest, cancel=cancel)
    part = tmp_path / "c.zip.part"
    assert not dest.exists()
    assert part.stat().st_size == 3 * 512
    result = shop_api.download_result(archive_request.id, dest)
    assert result.resumed_from == 3 * 512
    assert hashlib.sha256(dest.read_bytes()).hexdigest() == archive_request.result.sha256
