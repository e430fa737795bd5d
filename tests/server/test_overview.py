"""`GET /v1/overview`: the first page's counts, equal to what the lists would give."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from server.embedded import RunningShop
from server.models import PrivacyRequest
from tests.server.test_orders import collect
from tests.server.test_requests_api import file
from tests.support.oauth_login import Api

FINAL = {"completed", "denied", "canceled"}


def from_lists(api: Api) -> dict[str, Any]:
    recipients = collect(api, "/recipients", limit=500)
    open_requests = [r for r in collect(api, "/requests", limit=500) if r["status"] not in FINAL]
    return {
        "recipients": len(recipients),
        "recipients_with_data": sum(1 for r in recipients if r["event_count"] > 0),
        "open_requests": len(open_requests),
        "overdue_requests": sum(1 for r in open_requests if r["overdue"]),
        "next_due_working_days": min((r["working_days_left"] for r in open_requests), default=None),
    }


def test_counts_equal_the_lists(api: Api, other_api: Api, shop: RunningShop) -> None:
    first = api.get("/overview")
    assert first.status_code == 200, first.text
    assert first.json() == from_lists(api)
    assert first.json()["recipients_with_data"] > 0

    assert file(api, "access").status_code == 201
    assert file(api, "deletion", {"categories": ["tracks"]}).status_code == 201
    counts = api.get("/overview").json()
    assert counts == from_lists(api)
    assert counts["open_requests"] >= 2
    assert counts["overdue_requests"] == 0
    assert counts["next_due_working_days"] is not None

    with shop.ctx.sessions() as db:  # one request past its deadline
        late_one = db.scalars(select(PrivacyRequest).order_by(PrivacyRequest.id)).first()
        assert late_one is not None
        late_one.due_at = shop.ctx.clock.now() - timedelta(days=1)
        db.commit()
    late = api.get("/overview").json()
    assert late == from_lists(api)
    assert late["overdue_requests"] == 1
    # another subject's requests are not counted
    assert other_api.get("/overview").json() == from_lists(other_api)


def test_overview_needs_a_sign_in(api: Api) -> None:
    response = api.get("/overview", headers={"Authorization": ""})
    assert response.status_code == 401


def test_decision_requests_are_the_newest_per_decision_and_type(api: Api, other_api: Api) -> None:
    decisions = collect(api, "/decisions", limit=500)
    assert len(decisions) >= 2
    first, second = decisions[0]["id"], decisions[1]["id"]
    assert api.get("/decision-requests").json() == {"items": []}
    older = file(api, "explanation", {"decision_id": first}).json()
    newer = file(api, "explanation", {"decision_id": first}).json()
    review = file(api, "human_review", {"decision_id": second}).json()
    assert file(api, "access").status_code == 201  # about no decision
    got = api.get("/decision-requests").json()["items"]
    by_key = {(i["decision_id"], i["type"]): i["request"] for i in got}
    assert set(by_key) == {(first, "explanation"), (second, "human_review")}
    assert older["id"] != newer["id"]
    assert by_key[(first, "explanation")]["id"] == newer["id"]
    assert by_key[(second, "human_review")]["id"] == review["id"]
    listed = {r["id"]: r for r in collect(api, "/requests", limit=500)}
    newest = max(
        (r for r in listed.values() if r["type"] == "explanation"),
        key=lambda r: (r["received_at"], int(r["id"])),
    )
    assert by_key[(first, "explanation")] == newest
    assert by_key[(second, "human_review")] == listed[by_key[(second, "human_review")]["id"]]
    assert other_api.get("/decision-requests").json() == {"items": []}
