"""Proving identity with an uploaded document, reviewed by the shop's officer (admin CLI).

Over real HTTP against a fresh demo shop. Silumart's policy (5.G) accepts a written request or
other proof of identity; Sinomai's names no such proof, so it takes codes only.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests
from sqlalchemy import select

from server import admin
from server.embedded import RunningShop
from server.models import IdentityDocument
from tests.server.test_requests_processing import drive, file
from tests.support.oauth_login import Api, sign_in

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n\x00\x01 trailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(
    api: Api,
    rid: str,
    content: bytes,
    media: str = "application/pdf",
    kind: str = "written_request",
    key: str | None = None,
    filename: str | None = "signed request.pdf",
) -> requests.Response:
    params = {"kind": kind}
    if filename is not None:
        params["filename"] = filename
    return api.post(
        f"/requests/{rid}/identity-documents",
        params=params,
        data=content,
        headers={"Content-Type": media, "Idempotency-Key": key or str(uuid.uuid4())},
    )


def test_a_signed_request_is_uploaded_reviewed_and_verifies(
    shop: RunningShop, api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    req = file(api, "access")
    assert req["status"] == "identity_unverified"
    key = str(uuid.uuid4())
    sent = upload(api, req["id"], PDF, key=key, filename="../../etc/signed request.pdf")
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["status"] == "identity_unverified"
    (document,) = body["identity_documents"]
    assert document["kind"] == "written_request"
    assert document["filename"] == "signed request.pdf"  # no path survives
    assert (document["media_type"], document["size"]) == ("application/pdf", len(PDF))
    assert document["review"] == "pending"
    assert body["timeline"][-1]["note"] == (
        "A signed written request was sent for the shop to review."
    )
    # re-sent with the same key: stored once
    again = upload(api, req["id"], PDF, key=key, filename="../../etc/signed request.pdf")
    assert again.status_code == 201
    assert again.json() == body
    with shop.ctx.sessions() as db:
        stored = db.scalars(select(IdentityDocument)).all()
        assert [d.content for d in stored] == [PDF]

    # the officer rejects it with a note: the request stays unverified
    url = shop.ctx.config.db_url
    assert admin.main(["--db-url", url, "documents", "--pending"]) == 0
    assert "signed request.pdf" in capsys.readouterr().out
    with pytest.raises(admin.AdminError):
        admin.review_document(shop.ctx, int(document["id"]), accept=False, note="  ")
    rejected = admin.review_document(
        shop.ctx, int(document["id"]), accept=False, note="The signature is missing."
    )
    assert rejected["status"] == "identity_unverified"
    view = api.get(f"/requests/{req['id']}").json()
    assert view["identity_documents"][0]["review"] == "rejected"
    assert view["identity_documents"][0]["review_note"] == "The signature is missing."
    assert view["timeline"][-1]["note"] == (
        "The document you sent was not accepted: The signature is missing."
    )
    zh = api.get(f"/requests/{req['id']}", headers={"Accept-Language": "zh-CN"}).json()
    assert zh["timeline"][-1]["note"] == "您发送的文件未被接受：The signature is missing."
    with pytest.raises(admin.AdminError):  # a verdict is given once
        admin.review_document(shop.ctx, int(document["id"]), accept=True)
    # the officer's list shows the same document as the shopper's view, and when it was reviewed
    (listed,) = admin.list_documents(shop.ctx)
    assert listed["review"] == "rejected"
    assert listed["reviewed_at"] == view["identity_documents"][0]["reviewed_at"]
    assert listed["reviewed_at"].endswith("Z")
    assert admin.list_documents(shop.ctx, pending_only=True) == []

    # a second proof, accepted through the command line: the request goes on
    second = upload(api, req["id"], PNG, media="image/png", kind="other_proof", filename=None)
    assert second.status_code == 201, second.text
    second_id = second.json()["identity_documents"][1]["id"]
    assert second.json()["identity_documents"][1]["filename"] == "document"
    assert admin.main(["--db-url", url, "review-document", second_id, "--accept"]) == 0
    capsys.readouterr()
    view = api.get(f"/requests/{req['id']}").json()
    assert view["status"] == "pending"
    assert view["identity_documents"][1]["review"] == "accepted"
    assert view["timeline"][-1]["note"] == (
        "Identity verified by the shop from the document you sent."
    )
    assert api.get(f"/requests/{req['id']}/demo-verification-code").status_code == 404
    assert drive(shop, api, req["id"])["status"] == "completed"
    # once verified, no more documents
    late = upload(api, req["id"], PDF)
    assert late.status_code == 409


def test_uploads_the_shop_cannot_take_are_refused_never_500(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    rid = file(api, "access")["id"]
    assert upload(api, rid, b"hello", media="text/plain").status_code == 415
    assert upload(api, rid, b"{}", media="application/json").status_code == 415
    too_big = upload(api, rid, b"%PDF-" + b"0" * (2 * 1024 * 1024))
    assert too_big.status_code == 413
    assert too_big.json()["code"] == "payload_too_large"
    assert upload(api, rid, b"").status_code == 422
    mismatch = upload(api, rid, PDF, media="image/png")
    assert mismatch.status_code == 422
    assert mismatch.json()["code"] == "validation_failed"
    assert upload(api, rid, PDF, kind="passport_scan").status_code == 422
    assert upload(api, rid, PDF, kind="").status_code == 422
    assert upload(api, rid, PDF, filename="x" * 600).status_code == 422
    missing_key = api.post(
        f"/requests/{rid}/identity-documents",
        params={"kind": "written_request"},
        data=PDF,
        headers={"Content-Type": "application/pdf"},
    )
    assert missing_key.status_code == 400
    # someone else's request does not exist for them
    assert upload(other_api, rid, PDF).status_code == 404
    assert upload(api, "999999", PDF).status_code == 404
    for _ in range(5):
        assert upload(api, rid, PDF).status_code == 201
    assert upload(api, rid, PDF).status_code == 409  # at most five per request
    # nothing was stored for the refused ones
    with shop.ctx.sessions() as db:
        assert len(db.scalars(select(IdentityDocument.id)).all()) == 5


def test_sinomai_names_no_document_proof_and_takes_codes_only(make_shop: Any) -> None:
    shop = make_shop("sinomai")
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "wang.fang", "demo1234")["access_token"]))
    card = api.get("/rights").json()
    assert {m["key"] for m in card["verification"]} == {"one_time_code"}
    created = api.post(
        "/requests",
        json={"type": "account_cancellation", "details": {}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    assert created.json()["status"] == "identity_unverified"
    refused = upload(api, rid, PDF)
    assert refused.status_code == 422
    assert refused.json()["code"] == "not_offered"
    zh = api.post(
        f"/requests/{rid}/identity-documents",
        params={"kind": "written_request"},
        data=PDF,
        headers={
            "Content-Type": "application/pdf",
            "Idempotency-Key": str(uuid.uuid4()),
            "Accept-Language": "zh-CN",
        },
    )
    assert zh.json()["detail"] == "本商城的隐私政策不接受以文件证明身份，请使用验证码。"


def test_a_code_and_a_document_for_a_request_past_verification_get_one_answer(
    shop: RunningShop, api: Api
) -> None:
    """Both ways of verifying refuse a request that no longer waits with the same 409 (one
    function makes it), in each language."""
    rid = file(api, "access")["id"]
    assert api.post(f"/requests/{rid}/cancel").json()["status"] == "canceled"
    for language, detail in (
        ("en", "The request is canceled; nothing to verify."),
        ("zh-CN", "该申请状态为“已撤回”，无需验证。"),
    ):
        headers = {"Accept-Language": language}
        by_code = api.post(f"/requests/{rid}/verify", json={"code": "123456"}, headers=headers)
        by_document = api.post(
            f"/requests/{rid}/identity-documents",
            params={"kind": "written_request"},
            data=PDF,
            headers={
                **headers,
                "Content-Type": "application/pdf",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        assert by_code.status_code == by_document.status_code == 409
        code_body, document_body = by_code.json(), by_document.json()
        assert set(code_body) == set(document_body)
        assert code_body["code"] == document_body["code"] == "invalid_state"
        assert code_body["request_status"] == document_body["request_status"] == "canceled"
        assert code_body["detail"] == document_body["detail"] == detail
