"""`/v1/me`: account, profile fields, edits and the personalisation switch, over real HTTP."""

from __future__ import annotations

from typing import Any

from tests.support.oauth_login import Api

FIELD_KEYS = {"key", "label", "group", "value", "source", "editable", "updated_at"}


def fields_of(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["key"]: field for field in body["fields"]}


def test_get_me_shape(api: Api) -> None:
    response = api.get("/me")
    assert response.status_code == 200, response.text
    assert response.headers["x-request-id"]
    body = response.json()
    assert set(body) == {
        "id",
        "customer_no",
        "display_name",
        "role",
        "created_at",
        "is_minor",
        "guardian_consent",
        "age_years",
        "legal_capacity",
        "guardians",
        "guardian_rule",
        "personalization",
        "fields",
    }
    assert body["role"] == "shopper"
    assert isinstance(body["personalization"], bool)
    fields = fields_of(body)
    assert {"phone", "email", "real_name", "id_number_masked"} <= set(fields)
    for field in body["fields"]:
        assert set(field) == FIELD_KEYS
        assert field["source"] in ("provided", "collected", "inferred", "partner")
        assert field["group"] in ("membership", "profile", "verification")
    assert fields["id_number_masked"]["editable"] is False
    assert fields["email"]["editable"] is True


def test_me_is_per_subject(api: Api, other_api: Api) -> None:
    mine, theirs = api.get("/me").json(), other_api.get("/me").json()
    assert mine["customer_no"] != theirs["customer_no"]
    assert mine["id"] != theirs["id"]


def test_patch_editable_fields(api: Api, other_api: Api) -> None:
    before = fields_of(api.get("/me").json())
    others_before = fields_of(other_api.get("/me").json())
    response = api.patch(
        "/me", json={"fields": {"email": "new.address@mail.example.cn", "fixed_phone": None}}
    )
    assert response.status_code == 200, response.text
    after = fields_of(response.json())
    assert after["email"]["value"] == "new.address@mail.example.cn"
    assert after["email"]["source"] == "provided"
    assert after["email"]["updated_at"] >= before["email"]["updated_at"]
    assert after["fixed_phone"]["value"] is None
    assert after["phone"] == before["phone"]
    assert fields_of(api.get("/me").json()) == after
    assert fields_of(other_api.get("/me").json()) == others_before


def test_patch_refuses_non_editable_and_unknown_atomically(api: Api) -> None:
    before = api.get("/me").json()
    locked = next(f["key"] for f in before["fields"] if not f["editable"])
    response = api.patch("/me", json={"fields": {"email": "x@y.example", locked: "changed"}})
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "field_not_editable"
    assert locked in problem["detail"]
    assert problem["field"] == locked
    unknown = api.patch("/me", json={"fields": {"email": "x@y.example", "shoe_size": "42"}})
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_field"
    assert unknown.json()["field"] == "shoe_size"
    assert api.get("/me").json() == before


def test_patch_validation(api: Api) -> None:
    before = api.get("/me").json()
    body: dict[str, Any]
    for body in (
        {"fields": {"email": "x" * 201}},
        {"fields": {"email": 5}},
        {"fields": {}},
        {"email": "x@y.example"},
        {},
    ):
        response = api.patch("/me", json=body)
        assert response.status_code == 422, (body, response.text)
    assert api.patch("/me", json={"fields": {"email": "y" * 200}}).status_code == 200
    assert fields_of(api.get("/me").json())["email"]["value"] == "y" * 200
    assert api.get("/me").json()["customer_no"] == before["customer_no"]


def test_personalization_switch(api: Api, other_api: Api) -> None:
    start = api.get("/me").json()["personalization"]
    others = other_api.get("/me").json()["personalization"]
    response = api.put("/me/personalization", json={"enabled": not start})
    assert response.status_code == 200, response.text
    assert response.json() == {"enabled": not start}
    assert api.get("/me").json()["personalization"] is (not start)
    assert api.put("/me/personalization", json={"enabled": start}).json() == {"enabled": start}
    assert api.get("/me").json()["personalization"] is start
    assert other_api.get("/me").json()["personalization"] is others
    assert api.put("/me/personalization", json={"enabled": "maybe"}).status_code == 422
    assert api.put("/me/personalization", json={}).status_code == 422


def test_me_needs_sign_in(api: Api) -> None:
    anonymous = Api(api.base_url, "not-a-token")
    assert anonymous.get("/me").status_code == 401
    assert anonymous.patch("/me", json={"fields": {"email": "a@b.example"}}).status_code == 401
