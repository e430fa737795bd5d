"""Privacy requests over HTTP: filing, validation, idempotency, verification, cancel, listing."""

from __future__ import annotations

import logging
import re
import threading
import uuid
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy import func, select, update

from server.models import ConsentPurpose, Decision, PrivacyRequest, ProfileField, User
from server.processor import RequestProcessor
from tests.conftest import AGENT, SHOPPER
from tests.support.oauth_login import Api, sign_in


def file(
    api: Api,
    rtype: str,
    details: dict | None = None,
    key: str | None = None,
    note: str | None = None,
) -> requests.Response:
    body: dict = {"type": rtype, "details": details or {}}
    if note is not None:
        body["note"] = note
    return api.post("/requests", json=body, headers={"Idempotency-Key": key or str(uuid.uuid4())})


def user_id(shop, username: str) -> int:
    with shop.ctx.sessions() as db:
        return db.scalars(select(User.id).where(User.username == username)).one()


def test_access_request_walks_the_whole_state_machine(shop, api):
    created = file(api, "access", note="everything please")
    assert created.status_code == 201, created.text
    req = created.json()
    assert created.headers["Location"].endswith(f"/v1/requests/{req['id']}")
    assert req["type"] == "access"
    assert req["status"] == "identity_unverified"  # Silumart verifies access requests
    assert req["note"] == "everything please"
    assert req["filed_by"] == {"role": "subject", "name": "林美"}
    assert req["overdue"] is False
    assert req["working_days_left"] >= 14
    assert req["result"] == {
        "kind": "archive",
        "available": False,
        "media_type": None,
        "size": None,
        "sha256": None,
    }
    assert req["denial"] is None
    rid = req["id"]

    processor = RequestProcessor(shop.ctx)
    processor.run_once()
    assert api.get(f"/requests/{rid}").json()["status"] == "identity_unverified"

    code = api.get(f"/requests/{rid}/demo-verification-code").json()["code"]
    assert re.fullmatch(r"\d{6}", code)
    wrong = "000000" if code != "000000" else "111111"
    bad = api.post(f"/requests/{rid}/verify", json={"code": wrong})
    assert bad.status_code == 422
    assert bad.json()["code"] == "verification_failed"
    good = api.post(f"/requests/{rid}/verify", json={"code": code})
    assert good.status_code == 200, good.text
    assert good.json()["status"] == "pending"
    assert api.get(f"/requests/{rid}/demo-verification-code").status_code == 404

    assert processor.run_once() >= 1
    assert api.get(f"/requests/{rid}").json()["status"] == "in_progress"
    processor.run_once()
    done = api.get(f"/requests/{rid}").json()
    assert done["status"] == "completed"
    assert done["result"]["kind"] == "archive"
    assert done["result"]["available"] is True
    assert re.fullmatch(r"[0-9a-f]{64}", done["result"]["sha256"])
    statuses = [e["status"] for e in done["timeline"]]
    assert statuses[0] == "identity_unverified"
    assert statuses[-3:] == ["pending", "in_progress", "completed"]
    assert all(e["at"] and e["actor"] for e in done["timeline"])
    # completed requests are never overdue
    shop.ctx.clock.offset = timedelta(days=60)
    later = Api(api.base_url, str(sign_in(shop.url, *SHOPPER)["access_token"]))
    assert later.get(f"/requests/{rid}").json()["overdue"] is False


def test_idempotency_replay_conflict_and_missing_key(shop, api):
    key = str(uuid.uuid4())
    details = {"text": "The parcel arrived opened.", "related_request_id": None}
    first = file(api, "complaint", details, key=key)
    assert first.status_code == 201
    again = file(api, "complaint", details, key=key)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    other = file(api, "complaint", {"text": "Something else."}, key=key)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_conflict"
    missing = api.post("/requests", json={"type": "complaint", "details": {"text": "x"}})
    assert missing.status_code == 400
    assert missing.json()["code"] == "idempotency_key_required"
    with shop.ctx.sessions() as db:
        count = db.scalar(
            select(func.count())
            .select_from(PrivacyRequest)
            .where(PrivacyRequest.type == "complaint")
        )
    assert count == 1
    # a failed first attempt does not burn the key
    key2 = str(uuid.uuid4())
    assert file(api, "complaint", {"text": "y" * 5001}, key=key2).status_code == 422
    assert file(api, "complaint", {"text": "ok"}, key=key2).status_code == 201


def test_concurrent_duplicates_create_exactly_one_request(shop, api):
    key = str(uuid.uuid4())
    body = {"type": "complaint", "details": {"text": "Sent twice at once."}}
    results: list[requests.Response] = []
    lock = threading.Lock()
    start = threading.Barrier(8)
    token = api.headers["Authorization"]

    def send() -> None:
        start.wait()
        response = requests.post(
            f"{shop.url}/v1/requests",
            json=body,
            timeout=30,
            headers={"Idempotency-Key": key, "Authorization": token},
        )
        with lock:
            results.append(response)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert set(codes) <= {201, 409}, codes
    assert 201 in codes
    ids = {r.json()["id"] for r in results if r.status_code == 201}
    assert len(ids) == 1
    for r in results:
        if r.status_code == 409:
            assert r.json()["code"] == "request_in_progress"
            assert "Retry-After" in r.headers
    with shop.ctx.sessions() as db:
        rows = db.scalar(select(func.count()).select_from(PrivacyRequest))
    assert rows == 1


def test_each_type_is_validated(shop, api):
    me_id = user_id(shop, SHOPPER[0])
    other_id = user_id(shop, "zhang.wei")
    with shop.ctx.sessions() as db:
        field = db.scalars(
            select(ProfileField).where(
                ProfileField.user_id == me_id, ProfileField.value.is_not(None)
            )
        ).first()
        other_decision = db.scalars(select(Decision).where(Decision.user_id == other_id)).first()
        required = db.scalars(select(ConsentPurpose).where(ConsentPurpose.required)).first()
    assert field is not None
    assert other_decision is not None
    assert required is not None

    def problem(response: requests.Response, status: int, code: str) -> None:
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == code

    problem(file(api, "wishes", {}), 422, "validation_failed")
    problem(
        api.post(
            "/requests",
            json={"type": "access", "details": {}, "extra": 1},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ),
        422,
        "validation_failed",
    )
    problem(
        file(api, "correction", {"field": "no_such_field", "current": "a", "proposed": "b"}),
        422,
        "validation_failed",
    )
    stale = file(
        api, "correction", {"field": field.key, "current": "not the value", "proposed": "new"}
    )
    problem(stale, 409, "stale_value")
    problem(file(api, "correction", {"field": field.key}), 422, "validation_failed")
    problem(
        file(api, "explanation", {"decision_id": str(other_decision.id)}), 422, "validation_failed"
    )
    problem(file(api, "human_review", {"decision_id": "abc"}), 422, "validation_failed")
    problem(file(api, "deletion", {}), 422, "validation_failed")
    problem(file(api, "deletion", {"categories": ["no_such_category"]}), 422, "validation_failed")
    problem(file(api, "deletion", {"categories": ["account"]}), 422, "validation_failed")
    problem(
        file(api, "deletion", {"items": [{"category": "tracks", "ids": ["999999999"]}]}),
        422,
        "validation_failed",
    )
    problem(
        file(api, "deletion", {"items": [{"category": "planets", "ids": ["1"]}]}),
        422,
        "validation_failed",
    )
    problem(file(api, "consent_withdrawal", {"purposes": []}), 422, "validation_failed")
    problem(
        file(api, "consent_withdrawal", {"purposes": ["no_such_purpose"]}), 422, "validation_failed"
    )
    problem(file(api, "consent_withdrawal", {"purposes": [required.key]}), 422, "validation_failed")
    problem(file(api, "complaint", {"text": ""}), 422, "validation_failed")
    problem(file(api, "complaint", {"text": "x" * 5001}), 422, "validation_failed")
    assert file(api, "complaint", {"text": "x" * 5000}).status_code == 201
    problem(file(api, "access", {}, note="n" * 1001), 422, "validation_failed")
    with shop.ctx.sessions() as db:
        assert db.scalar(select(func.count()).select_from(PrivacyRequest)) == 1


def test_cancel_only_before_work_starts(shop, api):
    pending = file(api, "complaint", {"text": "Please call me back."}).json()
    assert pending["status"] == "pending"
    canceled = api.post(f"/requests/{pending['id']}/cancel")
    assert canceled.status_code == 200
    body = canceled.json()
    assert body["status"] == "canceled"
    assert body["timeline"][-1]["status"] == "canceled"
    again = api.post(f"/requests/{pending['id']}/cancel")
    assert again.status_code == 200
    assert again.json() == body

    unverified = file(api, "access").json()
    assert api.post(f"/requests/{unverified['id']}/cancel").json()["status"] == "canceled"
    verify = api.post(f"/requests/{unverified['id']}/verify", json={"code": "123456"})
    assert verify.status_code == 409
    assert verify.json()["code"] == "invalid_state"

    working = file(api, "complaint", {"text": "Another one."}).json()
    RequestProcessor(shop.ctx).run_once()
    assert api.get(f"/requests/{working['id']}").json()["status"] == "in_progress"
    refused = api.post(f"/requests/{working['id']}/cancel")
    assert refused.status_code == 409
    assert refused.json()["code"] == "invalid_state"


def test_verification_is_rate_limited(shop, api):
    req = file(api, "deletion", {"categories": ["tracks"]}).json()
    assert req["status"] == "identity_unverified"
    code = api.get(f"/requests/{req['id']}/demo-verification-code").json()["code"]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in range(4, -1, -1):
        response = api.post(f"/requests/{req['id']}/verify", json={"code": wrong})
        assert response.status_code == 422
        assert response.json()["attempts_left"] == left
    locked = api.post(f"/requests/{req['id']}/verify", json={"code": code})
    assert locked.status_code == 429
    assert locked.json()["code"] == "rate_limited"
    assert int(locked.headers["Retry-After"]) > 0
    shop.ctx.clock.offset = timedelta(minutes=16)
    # the access token lives 15 minutes: sign in again
    fresh = Api(api.base_url, str(sign_in(shop.url, *SHOPPER)["access_token"]))
    ok = fresh.post(f"/requests/{req['id']}/verify", json={"code": code})
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "pending"
    with shop.ctx.sessions() as db:
        row = db.get(PrivacyRequest, int(req["id"]))
        assert row is not None
        assert row.verification_code_hash is None
        assert row.demo_verification_code is None


def test_outside_demo_the_code_goes_to_the_gateway_and_never_to_the_log(make_shop, caplog):
    shop = make_shop("silumart", demo=False)
    sent: list[tuple[int, str]] = []
    shop.ctx.send_verification_code = lambda request_id, code: sent.append((request_id, code))
    api = Api(shop.url + "/v1", str(sign_in(shop.url, *SHOPPER)["access_token"]))
    with caplog.at_level(logging.DEBUG, logger="server"):
        req = file(api, "access").json()
    assert api.get(f"/requests/{req['id']}/demo-verification-code").status_code == 404
    with shop.ctx.sessions() as db:
        row = db.get(PrivacyRequest, int(req["id"]))
        assert row is not None
        assert row.demo_verification_code is None
        assert row.verification_code_hash
        assert len(row.verification_code_hash) == 64
    assert [request_id for request_id, _code in sent] == [int(req["id"])]
    code = sent[0][1]
    assert re.fullmatch(r"\d{6}", code)
    assert row.verification_code_hash != code
    logged = [r.getMessage() for r in caplog.records]
    assert any("verification code sent" in message for message in logged)
    assert not any(code in message for message in logged if "verification" in message)
    assert (
        api.post(f"/requests/{req['id']}/verify", json={"code": code}).json()["status"] == "pending"
    )


def test_list_filters_and_pages_newest_first(shop, api):
    ids = []
    for i in range(3):
        ids.append(file(api, "complaint", {"text": f"complaint {i}"}).json()["id"])
    access = file(api, "access").json()["id"]
    first = api.get("/requests", params={"limit": 2}).json()
    assert [r["id"] for r in first["items"]] == [access, ids[2]]
    assert first["next_cursor"]
    second = api.get("/requests", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [r["id"] for r in second["items"]] == [ids[1], ids[0]]
    assert second["next_cursor"] is None
    only = api.get("/requests", params={"type": "access"}).json()["items"]
    assert [r["id"] for r in only] == [access]
    unverified = api.get("/requests", params={"status": "identity_unverified"}).json()["items"]
    assert [r["id"] for r in unverified] == [access]
    assert api.get("/requests", params={"status": "sleeping"}).status_code == 422
    bad = api.get("/requests", params={"cursor": "!!!"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_cursor"


def test_other_subjects_requests_are_not_found(shop, api, other_api):
    mine = file(api, "access").json()["id"]
    for method, path in [
        ("GET", f"/requests/{mine}"),
        ("POST", f"/requests/{mine}/cancel"),
        ("GET", f"/requests/{mine}/result"),
        ("GET", f"/requests/{mine}/demo-verification-code"),
        ("GET", "/requests/abc"),
        ("GET", "/requests/0"),
        ("GET", "/requests/99999999999999999999999"),
    ]:
        response = other_api.request(method, path)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["code"] == "not_found"
    verify = other_api.post(f"/requests/{mine}/verify", json={"code": "123456"})
    assert verify.status_code == 404
    assert other_api.get("/requests").json()["items"] == []
    assert api.get(f"/requests/{mine}").status_code == 200


def test_account_cancellation_needs_a_fresh_sign_in(shop, api):
    shop.ctx.clock.offset = timedelta(minutes=6)
    stale = file(api, "account_cancellation", {"reason": "moving abroad"})
    assert stale.status_code == 403
    assert stale.json()["code"] == "reauth_required"
    fresh = Api(api.base_url, str(sign_in(shop.url, *SHOPPER)["access_token"]))
    created = file(fresh, "account_cancellation", {"reason": "moving abroad"})
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "identity_unverified"


def _agent_api(shop, api: Api) -> Api:
    code = api.post("/assist/codes").json()
    agent_token = sign_in(shop.url, *AGENT, scope="assist")["access_token"]
    opened = requests.post(
        f"{shop.url}/v1/assist/sessions",
        json={
            "customer_no": code["customer_no"],
            "code": code["code"],
            "reason": "caller asked for help with a request",
        },
        headers={"Authorization": f"Bearer {agent_token}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    assert opened.status_code == 201, opened.text
    return Api(api.base_url, opened.json()["access_token"])


def test_an_agent_files_for_the_subject(shop, api):
    agent = _agent_api(shop, api)
    complaint = file(agent, "complaint", {"text": "Filed by phone."})
    assert complaint.status_code == 201, complaint.text
    assert complaint.json()["filed_by"]["role"] == "agent"
    assert complaint.json()["filed_by"]["name"] == "客服 吴 Agent Wu"  # not the login
    # one filed before display names were stored reads the same
    with shop.ctx.sessions() as db:
        db.execute(
            update(PrivacyRequest)
            .where(PrivacyRequest.id == int(complaint.json()["id"]))
            .values(filed_by=f"agent:{AGENT[0]}")
        )
        db.commit()
    again = api.get(f"/requests/{complaint.json()['id']}").json()
    assert again["filed_by"] == {"role": "agent", "name": "客服 吴 Agent Wu"}
    # agents file cancellations without the subject's fresh sign-in
    shop.ctx.clock.offset = timedelta(minutes=6)
    cancel = file(agent, "account_cancellation", {})
    assert cancel.status_code == 201, cancel.text
    shop.ctx.clock.offset = timedelta(0)
    listed = api.get("/requests").json()["items"]
    assert {r["type"] for r in listed} == {"complaint", "account_cancellation"}


def test_due_date_counts_working_days_and_overdue(shop, api):
    # pretend it is 10:00 in Shanghai on Wednesday 30 September 2026, before Golden Week
    target = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)
    shop.ctx.clock.offset = target - datetime.now(UTC)
    req = file(api, "complaint", {"text": "When will you answer?"}).json()
    assert req["received_at"].startswith("2026-09-30T02:00")
    assert req["due_at"] == "2026-10-27T15:59:59Z"
    assert req["working_days_left"] == 15
    for moment, overdue, left in [
        (datetime(2026, 10, 27, 15, 0, tzinfo=UTC), False, 0),
        (datetime(2026, 10, 28, 1, 0, tzinfo=UTC), True, -1),
        (datetime(2026, 11, 2, 1, 0, tzinfo=UTC), True, -4),
    ]:
        shop.ctx.clock.offset = moment - datetime.now(UTC)
        fresh = Api(api.base_url, str(sign_in(shop.url, *SHOPPER)["access_token"]))
        body = fresh.get(f"/requests/{req['id']}").json()
        assert (body["overdue"], body["working_days_left"]) == (overdue, left), moment


def _statements_of(shop, call) -> tuple[requests.Response, int]:
    """`call()`'s answer and how many SQL statements the server ran for it."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(shop.ctx.engine, "before_cursor_execute", count)
    try:
        answer = call()
    finally:
        event.remove(shop.ctx.engine, "before_cursor_execute", count)
    return answer, len(seen)


def test_request_list_reads_timelines_together_not_per_request(shop, api):
    """A page's timelines, quotes and documents are read in one query each: the statements of
    one list call stay the same whether the page holds 3 more requests or 15."""
    for _ in range(3):
        assert file(api, "complaint", {"text": "late parcel"}).status_code == 201
    small, few = _statements_of(shop, lambda: api.get("/requests", params={"limit": 50}))
    assert small.status_code == 200
    assert len(small.json()["items"]) >= 3
    for _ in range(12):  # 15 in all: within the daily limit of one account
        assert file(api, "complaint", {"text": "late parcel"}).status_code == 201
    large, many = _statements_of(shop, lambda: api.get("/requests", params={"limit": 50}))
    assert len(large.json()["items"]) == len(small.json()["items"]) + 12
    assert many == few, (few, many)
    every = large.json()["items"]
    assert all(item["timeline"] for item in every)  # each still has its own timeline
    one = api.get(f"/requests/{every[0]['id']}").json()
    assert one == every[0]  # the same answer as the request read alone
