"""Only the shopper's own sign-in reads a demo verification code, over real HTTP.

In `--demo` the code the shop "sends" to the shopper can be read back from
`GET /v1/requests/{id}/demo-verification-code`. The code proves that the person answering is
the shopper, so an agent in an assist session (who may file for the shopper) and a guardian on
a ward's session are refused with a 403 in the caller's language; the shopper reads it.
"""

from __future__ import annotations

import uuid
from typing import Any

from server.embedded import RunningShop
from tests.server.test_assist import start_assist
from tests.server.test_guardians import FAMILY, signed_in, ward_api
from tests.support.oauth_login import Api

ZH = {"Accept-Language": "zh-CN"}


def waiting_for_code(shop: RunningShop, api: Api) -> str:
    """A request of a type the shop verifies, filed by `api`, waiting for its code."""
    verified = api.get("/rights").json()["verification_required_for"]
    rtype = next(t for t in ("access", "deletion") if t in verified)
    details: dict[str, Any] = {} if rtype == "access" else {"categories": ["tracks"]}
    filed = api.post(
        "/requests",
        json={"type": rtype, "details": details},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status_code == 201, filed.text
    assert filed.json()["status"] == "identity_unverified"
    return str(filed.json()["id"])


def assert_refused(api: Api, rid: str) -> None:
    path = f"/requests/{rid}/demo-verification-code"
    english = api.get(path)
    assert english.status_code == 403, english.text
    assert english.json()["code"] == "forbidden"
    assert "own sign-in" in english.json()["detail"]
    chinese = api.get(path, headers=ZH)
    assert chinese.status_code == 403
    assert chinese.headers["Content-Language"] == "zh-CN"
    assert "本人" in chinese.json()["detail"]
    assert not any("a" <= c.lower() <= "z" for c in chinese.json()["detail"])


def test_an_assisting_agent_cannot_read_the_shoppers_code(shop: RunningShop, api: Api) -> None:
    assisting, _body = start_assist(shop, api)
    # filed by the shopper, and filed by the agent for the shopper: neither code is the agent's
    for filer in (api, assisting):
        rid = waiting_for_code(shop, filer)
        assert_refused(assisting, rid)
        own = api.get(f"/requests/{rid}/demo-verification-code")
        assert own.status_code == 200, own.text
        code = own.json()["code"]
        assert api.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200


def test_a_guardian_on_a_ward_session_cannot_read_the_wards_code(make_shop: Any) -> None:
    shop = make_shop("silumart")
    ward_name, guardian_name, _display = FAMILY["silumart"]
    ward = signed_in(shop, ward_name)
    rid = waiting_for_code(shop, ward)
    on_ward, _item = ward_api(shop, signed_in(shop, guardian_name))
    assert on_ward.get(f"/requests/{rid}").status_code == 200  # the guardian reads the request
    assert_refused(on_ward, rid)
    assert ward.get(f"/requests/{rid}/demo-verification-code").status_code == 200
