"""The Fides backend of the client against a real Fides 2.78.2 (no mocks).

Covers recognising a Fides API, filing access and erasure requests, verifying with the code
Fides stored in Redis (wrong codes counted, the limit of 3), the outbox's exactly-once sending
without an Idempotency-Key (a re-send answered locally; a connection that breaks after sending
is reported, never retried), admin approval seen by the shop only, and consent by code.
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from client.backends import CodeExpired, CodeRejected, MaybeFiled, NotOffered
from client.backends.fides import (
    IDENTITY_ENTRY,
    FidesIdentity,
    FidesShop,
    FidesStore,
    IdentityStore,
    probe_fides,
)
from client.errors import ConnectionFailed
from client.outbox import Outbox
from client.shops import ShopRegistry
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring
from tests.support.fides import FidesServer

pytestmark = pytest.mark.timeout(900)  # the first test installs (cached) and starts Fides


def _shop(server: FidesServer, email: str, tmp_path: Path, url: str | None = None) -> FidesShop:
    return FidesShop(
        url or server.url,
        "Fides test shop",
        FidesIdentity(email=email),
        FidesStore(tmp_path / "fides.sqlite"),
    )


def test_probe_recognises_fides_and_not_our_api(
    fides_server: FidesServer, shop: RunningShop
) -> None:
    probe = probe_fides(fides_server.url)
    assert probe is not None
    assert probe.version == "2.78.2"
    assert probe.verification_required is True
    assert probe.shop_id.startswith("fides:127.0.0.1:")
    assert probe_fides(shop.url) is None  # our own API is not mistaken for Fides


def test_probe_of_a_closed_port_is_a_connection_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectionFailed):
        probe_fides(f"http://127.0.0.1:{port}")


def test_identity_parsing_and_masking() -> None:
    assert FidesIdentity.parse(" lin@example.com ").email == "lin@example.com"
    phone = FidesIdentity.parse("+86 138-1234-5678")
    assert phone.phone_number == "+8613812345678"
    assert "1234" not in phone.masked()
    assert FidesIdentity(email="lin.mei@example.com").masked() == "l***@example.com"
    for bad in ("", "lin@", "12345", "+0123"):
        with pytest.raises(ValueError, match=r"\w"):
            FidesIdentity.parse(bad)


def test_identity_lives_in_the_keychain_only(tmp_path: Path) -> None:
    keyring = MemoryKeyring()
    store = IdentityStore("fides:127.0.0.1:1", backend=keyring)
    store.save(FidesIdentity(email="secret.person@example.com"))
    assert IdentityStore("fides:127.0.0.1:1", backend=keyring).load() == FidesIdentity(
        email="secret.person@example.com"
    )
    assert [s for s, _ in keyring.entries] == ["privacy-dashboard:fides:127.0.0.1:1"]
    store.forget()
    assert store.load() is None


def test_access_request_verified_with_the_code_and_approved_by_the_shop(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    created = shop.create_request("access", idempotency_key=str(uuid.uuid4()))
    request = created.request
    assert request.id.startswith("pri_")
    assert request.status == "identity_unverified"
    assert (request.due_at - request.received_at).days == 45  # the default policy's timeframe
    assert request.working_days_left > 25
    code = fides_server.verification_code(request.id)
    assert code is not None
    assert len(code) == 6

    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(CodeRejected) as rejected:
        shop.verify_request(request.id, wrong)
    assert rejected.value.tries_left == 2
    verified = shop.verify_request(request.id, code)
    assert verified.status == "pending"
    assert [e.note for e in verified.timeline] == ["filed", "verified"]
    assert fides_server.status_of(request.id) == "pending"

    # The shop's staff approve; Fides completes it in the webserver (no datasets: empty).
    answer = fides_server.approve(request.id)
    assert [r["id"] for r in answer["succeeded"]] == [request.id]
    assert fides_server.status_of(request.id) in ("approved", "in_processing", "complete")
    # A shopper cannot read that: the app's record stays at what Fides said to the shopper.
    assert shop.get_request(request.id).status == "pending"
    assert [r.id for r in shop.list_requests().auto_paging_iter()] == [request.id]
    with pytest.raises(NotOffered):
        shop.cancel_request(request.id)
    with pytest.raises(NotOffered):
        shop.get_request_result(request.id)


def test_three_wrong_codes_void_the_code(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    request = shop.create_request("deletion").request
    code = fides_server.verification_code(request.id)
    assert code is not None
    wrong = "000000" if code != "000000" else "111111"
    left = []
    for _ in range(3):
        with pytest.raises(CodeRejected) as rejected:
            shop.verify_request(request.id, wrong)
        left.append(rejected.value.tries_left)
    assert left == [2, 1, 0]
    with pytest.raises(CodeExpired) as expired:
        shop.verify_request(request.id, code)  # even the right code: the limit was hit
    assert expired.value.used_up
    assert shop.get_request(request.id).status == "identity_unverified"


def test_outbox_files_an_erasure_request_exactly_once(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    item = outbox.add(shop.shop_id, "identity", {"type": "deletion", "details": {}})
    report = outbox.flush(shop.send_filed_request, shop_id=shop.shop_id)
    assert [i.id for i, _ in report.sent] == [item.id]
    first = report.sent[0][1].request
    assert first.type == "deletion"
    assert first.details["policy"] == "default_erasure_policy"
    # The app died before the outbox forgot the item: sending it again must not file again.
    again = shop.send_filed_request({"type": "deletion", "details": {}}, item.idempotency_key)
    assert again.request.id == first.id
    found = fides_server.admin(
        "POST", "/privacy-request/search", {"identities": {"email": shopper_email}}
    )
    assert [r["id"] for r in found["items"]] == [first.id]


def test_unknown_request_type_is_not_offered(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    with pytest.raises(NotOffered):
        shop.create_request("correction", {"field": "name"})


@pytest.fixture
def cut_after_send(fides_server: FidesServer) -> Iterator[str]:
    """A loopback proxy that passes one request to Fides, then drops the connection unanswered."""
    upstream_port = int(fides_server.url.rsplit(":", 1)[1])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(30)
    forwarded = threading.Event()

    def serve() -> None:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        with client, socket.create_connection(("127.0.0.1", upstream_port), timeout=30) as up:
            client.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data:
                data += client.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            while len(body) < length:
                body += client.recv(65536)
            up.sendall(head + b"\r\n\r\n" + body)
            up.recv(1)  # Fides has answered: the request was created
            forwarded.set()
        # Both sockets close here: the app never sees the answer.

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()
    thread.join(timeout=30)
    assert forwarded.is_set()


def test_a_connection_cut_after_sending_is_reported_not_retried(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path, cut_after_send: str
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path, url=cut_after_send)
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add(shop.shop_id, "identity", {"type": "access", "details": {}})
    report = outbox.flush(shop.send_filed_request, shop_id=shop.shop_id)
    # Not deferred for a blind retry: it is final, with a sentence saying it may be filed.
    assert not report.sent
    assert not report.deferred
    assert len(report.failed) == 1
    assert report.failed[0].error == MaybeFiled.default_message
    assert outbox.pending() == []
    found = fides_server.admin(
        "POST", "/privacy-request/search", {"identities": {"email": shopper_email}}
    )
    assert len(found["items"]) == 1  # the shop has it exactly once


def test_a_shop_that_never_answered_keeps_the_item_queued(
    shopper_email: str, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    shop = FidesShop(
        f"http://127.0.0.1:{port}",
        "Away",
        FidesIdentity(email=shopper_email),
        FidesStore(tmp_path / "fides.sqlite"),
    )
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add(shop.shop_id, "identity", {"type": "access", "details": {}})
    report = outbox.flush(shop.send_filed_request, shop_id=shop.shop_id)
    assert len(report.deferred) == 1  # nothing was sent: safe to send later
    assert len(outbox.pending()) == 1


def test_consent_read_and_changed_by_code_with_local_history(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    session = shop.start_consent()
    assert session.id.startswith("con_")
    code = fides_server.verification_code(session.id)
    assert code is not None
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(CodeRejected) as rejected:
        shop.verify_consent(session, wrong)
    assert rejected.value.tries_left == 2
    current = shop.verify_consent(session, code)
    # A new identity: the shop has nothing on record; the common uses are offered, opted out.
    assert all(not c.known_to_shop and not c.opt_in for c in current)
    assert "marketing.advertising" in [c.data_use for c in current]

    change = shop.set_consent(session, "marketing.advertising", True)
    assert change.confirmed
    assert [(c.data_use, c.opt_in) for c in change.answer] == [("marketing.advertising", True)]
    change = shop.set_consent(session, "marketing.advertising", False)
    assert change.confirmed
    history = shop.consent_history()
    assert [(h.data_use, h.opt_in) for h in history] == [
        ("marketing.advertising", False),
        ("marketing.advertising", True),
    ]

    # A second consent request reads back what the shop stored.
    later = shop.start_consent()
    later_code = fides_server.verification_code(later.id)
    assert later_code is not None
    read = shop.verify_consent(later, later_code)
    advertising = next(c for c in read if c.data_use == "marketing.advertising")
    assert advertising.known_to_shop
    assert advertising.opt_in is False


def test_the_local_record_never_holds_the_identity(
    fides_server: FidesServer, shopper_email: str, tmp_path: Path
) -> None:
    shop = _shop(fides_server, shopper_email, tmp_path)
    shop.create_request("access")
    session = shop.start_consent()
    code = fides_server.verification_code(session.id)
    assert code is not None
    shop.verify_consent(session, code)
    shop.set_consent(session, "analytics.reporting", True)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert shopper_email.encode() not in path.read_bytes(), path


def test_the_shop_list_remembers_the_backend_and_never_the_identity(tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path)
    registry.add_shop("http://127.0.0.1:9/", "fides:127.0.0.1:9", "Fides shop", kind="fides")
    registry.add_account("fides:127.0.0.1:9", IDENTITY_ENTRY)
    registry.add_shop("http://127.0.0.1:8/", "silumart", "Silumart")
    again = ShopRegistry(tmp_path)
    fides = again.get("fides:127.0.0.1:9")
    ours = again.get("silumart")
    assert fides is not None
    assert ours is not None
    assert fides.kind == "fides"
    assert ours.kind == "ours"
    assert [a.username for a in fides.accounts] == [IDENTITY_ENTRY]
    text = (tmp_path / "shops.json").read_text(encoding="utf-8")
    assert "@" not in text
    assert text.count('"kind"') == 1  # our own shops keep the old file format
