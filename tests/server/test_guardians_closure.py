"""A guardian who closes their account is nobody's guardian any more, over real HTTP.

The closure (the guardian's own account_cancellation, processed by the shop) ends their links
in its own transaction: the ward's guardian links show the link ended at the closure, and the
ward's access log says so under the guardian's name and role, in the reader's language. A
closure sent twice with one Idempotency-Key, and the processor running again afterwards,
change and log nothing twice. A ward's own closure ends the link from the guardian's side.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from client.verify import verify_access_log
from server import guardians as guardian_rules
from server.embedded import RunningShop
from server.guardians import LINK_ENDED_ACTION, LINK_ENDED_RESOURCE
from server.models import GuardianLink, User
from server.processor import RequestProcessor
from server.timeutil import rfc3339
from tests.server.test_guardians import FAMILY, log_entries, signed_in, ward_api
from tests.support.oauth_login import Api

ZH = {"Accept-Language": "zh-CN"}


def file_closure(api: Api, key: str) -> dict[str, Any]:
    filed = api.post(
        "/requests",
        json={"type": "account_cancellation", "details": {"reason": "moving abroad"}},
        headers={"Idempotency-Key": key},
    )
    assert filed.status_code == 201, filed.text
    body: dict[str, Any] = filed.json()
    return body


def closed_at(shop: RunningShop, username: str) -> Any:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.closed_at).where(User.username == username)).one()


def link_rows(shop: RunningShop, username: str) -> list[GuardianLink]:
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User.id).where(User.username == username)).one()
        return list(
            db.scalars(
                select(GuardianLink).where(
                    (GuardianLink.guardian_id == user) | (GuardianLink.ward_id == user)
                )
            )
        )


def closure_entries(api: Api, **headers: str) -> list[dict[str, Any]]:
    answer = api.get("/access-log", params={"limit": 500}, headers=headers)
    assert answer.status_code == 200, answer.text
    return [e for e in answer.json()["items"] if e["action"] == LINK_ENDED_ACTION]


@pytest.mark.parametrize("name", ["silumart", "sinomai"])
def test_a_guardians_closure_ends_their_links_and_the_ward_reads_it(
    make_shop: Any, name: str
) -> None:
    shop = make_shop(name)
    ward_name, guardian_name, guardian_display = FAMILY[name]
    guardian = signed_in(shop, guardian_name)
    ward_session, _item = ward_api(shop, guardian)
    key = str(uuid.uuid4())
    first = file_closure(guardian, key)
    # the answer was lost; the app sends the closure again with its key: the same request
    again = file_closure(guardian, key)
    assert again["id"] == first["id"]
    rid = first["id"]
    code = guardian.get(f"/requests/{rid}/demo-verification-code").json()["code"]
    assert guardian.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    when = closed_at(shop, guardian_name)
    assert when is not None
    assert ward_session.get("/me").status_code == 401

    ward = signed_in(shop, ward_name)
    links = ward.get("/guardian/links").json()["items"]
    [link] = [item for item in links if item["other_role"] == "guardian"]
    assert link["revoked_at"] == rfc3339(when)  # ended at the closure, in its transaction
    assert ward.get("/me").json()["guardians"] == []

    [entry] = closure_entries(ward)
    assert (entry["actor"], entry["role"]) == (guardian_display, "guardian")
    assert entry["resource"] == LINK_ENDED_RESOURCE
    assert entry["at"] >= rfc3339(when)  # written in the closing step
    assert entry["what"]["text"] == f"your link with your guardian {guardian_display}"
    [chinese] = closure_entries(ward, **ZH)
    assert chinese["what"]["text"] == f"您与监护人{guardian_display}的监护关系"
    entries = sorted(log_entries(ward), key=lambda e: e["seq"])
    assert verify_access_log(entries).ok  # written into the ward's chain like any entry

    # A retry with the closure's key after the closure, and the processor running again,
    # end nothing twice and log nothing twice.
    late = guardian.post(
        "/requests",
        json={"type": "account_cancellation", "details": {"reason": "moving abroad"}},
        headers={"Idempotency-Key": key},
    )
    assert late.status_code == 401  # the account is closed: its sign-in acts for nobody
    for _ in range(2):
        processor.run_once()
    assert len(closure_entries(ward)) == 1
    assert [r.revoked_at for r in link_rows(shop, guardian_name)] == [when]


def test_a_wards_closure_ends_the_link_on_the_guardians_side(make_shop: Any) -> None:
    shop = make_shop("silumart")
    ward_name, guardian_name, _display = FAMILY["silumart"]
    ward = signed_in(shop, ward_name)
    rid = file_closure(ward, str(uuid.uuid4()))["id"]
    code = ward.get(f"/requests/{rid}/demo-verification-code").json()["code"]
    assert ward.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    when = closed_at(shop, ward_name)
    assert when is not None
    guardian = signed_in(shop, guardian_name)
    [link] = [
        i for i in guardian.get("/guardian/links").json()["items"] if i["other_role"] == "ward"
    ]
    assert link["revoked_at"] == rfc3339(when)
    assert guardian.get("/guardian/wards").json()["items"] == []
    # the guardian's own log has no entry about it: they did not close anything
    assert closure_entries(guardian) == []


def test_the_link_ends_with_the_closure_or_not_at_all(
    make_shop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: a closing step that fails writing the ward's log entry closes nothing
    and ends no link; the processor's next run does all of it, once."""
    shop = make_shop("silumart")
    ward_name, guardian_name, _display = FAMILY["silumart"]
    guardian = signed_in(shop, guardian_name)
    rid = file_closure(guardian, str(uuid.uuid4()))["id"]
    code = guardian.get(f"/requests/{rid}/demo-verification-code").json()["code"]
    assert guardian.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
    append = guardian_rules.append_access_with
    failures = [1]

    def fail_once(*args: Any, **kwargs: Any) -> None:
        if failures[0]:
            failures[0] -= 1
            raise RuntimeError("the access log is unavailable")
        append(*args, **kwargs)

    monkeypatch.setattr(guardian_rules, "append_access_with", fail_once)
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):  # accepted, then the closing step, which fails
        processor.run_once()
        if failures == [0]:
            break
    assert failures == [0]
    assert closed_at(shop, guardian_name) is None
    assert [r.revoked_at for r in link_rows(shop, guardian_name)] == [None]
    assert guardian.get("/me").status_code == 200  # nothing of the closure happened
    ward = signed_in(shop, ward_name)
    assert closure_entries(ward) == []
    # the claim was released: a later run takes the request again and does it all, once
    for _ in range(3):
        processor.run_once()
    when = closed_at(shop, guardian_name)
    assert when is not None
    assert [r.revoked_at for r in link_rows(shop, guardian_name)] == [when]
    assert len(closure_entries(ward)) == 1
