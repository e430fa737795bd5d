"""Issue 13's records in archives: a quoted fee, a refusal ground in words, proofs of identity
with their review state, and the shop's rights card, in the app's export and in the shop's own
signed archive, read back by the offline viewer exactly as the live shop shows them."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from client.api import ShopApi
from client.archive import ArchiveApi, export_archive, open_archive
from server import admin
from server.archive_builder import build_archive
from server.embedded import RunningShop
from server.models import User
from server.processor import RequestProcessor
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def _history(shop: RunningShop, api: ShopApi) -> dict[str, str]:
    """A fee accepted, a refusal on a ground of the policy, a proof waiting for review."""
    processor = RequestProcessor(shop.ctx)
    copies = []
    for _ in range(3):
        created = api.create_request("access", {"sections": ["consents"]}).request
        api.verify_request(created.id, api.get_demo_verification_code(created.id).code)
        processor.run_once()
        processor.run_once()
        copies.append(created.id)
    assert api.get_request(copies[2]).status == "fee_quoted"
    api.answer_fee(copies[2], True, idempotency_key=str(uuid.uuid4()))
    complaint = api.create_request("complaint", {"text": "Rebuild your search."}).request
    admin.deny_request(shop.ctx, int(complaint.id), "impractical", "Not practicable.")
    proof = api.create_request("access", {"sections": ["consents"]}).request
    assert proof.status == "identity_unverified"
    api.upload_identity_document(
        proof.id, PDF, media_type="application/pdf", kind="written_request", filename="a.pdf"
    )
    return {"fee": copies[2], "refused": complaint.id, "proof": proof.id}


def _check(offline: ArchiveApi, live: ShopApi, ids: dict[str, str]) -> None:
    fee = offline.get_request(ids["fee"])
    assert fee == live.get_request(ids["fee"])
    assert fee.fee is not None
    assert (fee.fee.status, fee.fee.clause, fee.fee.amount) == ("accepted", "5.G", "10.00")
    refused = offline.get_request(ids["refused"])
    assert refused == live.get_request(ids["refused"])
    assert refused.denial is not None
    assert (refused.denial.reason, refused.denial.label) == ("impractical", "Highly impractical")
    proof = offline.get_request(ids["proof"])
    assert proof == live.get_request(ids["proof"])
    assert [(d.filename, d.review) for d in proof.identity_documents] == [("a.pdf", "pending")]
    card = offline.get_rights()
    assert card == live.get_rights()
    assert "impractical" in {g.key for g in card.refusal_grounds}


def test_the_apps_export_and_the_shops_archive_keep_them(shop: RunningShop, tmp_path: Path) -> None:
    live = api_for(shop, *SHOPPER)
    ids = _history(shop, live)

    exported = export_archive(live, tmp_path / "app.zip", sections=["requests", "rights"])
    with open_archive(exported.path) as archive:
        _check(ArchiveApi(archive), live, ids)

    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(
            db, shop.ctx, user, request_id=None, sections=["requests", "rights"], out_dir=tmp_path
        )
    with open_archive(info.path) as archive:
        _check(ArchiveApi(archive), live, ids)
