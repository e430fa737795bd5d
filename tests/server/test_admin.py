"""The shop officer's tool: deny with a reason, extend, answer; and its command line."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date

import pytest

from server.admin import AdminError, approve, deny_request, extend, list_requests, show_request
from server.processor import RequestProcessor
from server.workdays import add_working_days, load_calendar, local_date


def file(api, rtype: str, details: dict) -> dict:
    response = api.post(
        "/requests",
        json={"type": rtype, "details": details},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_deny_with_a_reason_from_the_closed_list(shop, api):
    req = file(api, "complaint", {"text": "Give me the source code of your ranking."})
    with pytest.raises(AdminError):
        deny_request(shop.ctx, int(req["id"]), "because", "no")
    with pytest.raises(AdminError):
        deny_request(shop.ctx, int(req["id"]), "trade_secret", "  ")
    deny_request(
        shop.ctx,
        int(req["id"]),
        "trade_secret",
        "The ranking model is a trade secret; we explained how it works in general.",
    )
    body = api.get(f"/requests/{req['id']}").json()
    assert body["status"] == "denied"
    assert body["denial"] == {
        "reason": "trade_secret",
        "label": "The request involves trade secrets",
        "clause": "5.G",
        "clause_title": "Answering your requests: verification, deadline, fees, refusals",
        "basis": "policy",
        "text": "The ranking model is a trade secret; we explained how it works in general.",
    }
    assert body["timeline"][-1]["status"] == "denied"
    assert body["overdue"] is False
    # final states do not move any more
    with pytest.raises(AdminError):
        approve(shop.ctx, int(req["id"]), "too late")
    with pytest.raises(AdminError):
        deny_request(shop.ctx, int(req["id"]), "other", "twice")
    assert api.post(f"/requests/{req['id']}/cancel").status_code == 409


def test_unverified_request_can_be_denied_for_identity(shop, api):
    req = file(api, "access", {})
    deny_request(shop.ctx, int(req["id"]), "identity_not_verified", "The code was never entered.")
    body = api.get(f"/requests/{req['id']}").json()
    assert body["denial"]["reason"] == "identity_not_verified"


def test_extend_moves_the_due_date_in_working_days(shop, api):
    req = file(api, "complaint", {"text": "Complicated case."})
    RequestProcessor(shop.ctx).run_once()
    with pytest.raises(AdminError):
        extend(shop.ctx, int(req["id"]), 0, "no")
    out = extend(shop.ctx, int(req["id"]), 10, "We need to ask the logistics partner.")
    assert out["status"] == "extended"
    cal = load_calendar("cn")
    old_due = json.loads(json.dumps(req["due_at"]))
    body = api.get(f"/requests/{req['id']}").json()
    assert body["status"] == "extended"
    assert body["extension"]["reason"] == "We need to ask the logistics partner."
    assert body["extension"]["original_due_at"] == old_due
    from server.timeutil import parse_rfc3339

    expected: date = add_working_days(local_date(parse_rfc3339(old_due), cal), 10, cal)
    assert local_date(parse_rfc3339(body["due_at"]), cal) == expected
    assert body["working_days_left"] >= 24
    # an extended request is still in progress: the officer can answer it
    approve(shop.ctx, int(req["id"]), "Sorted out with the carrier.")
    done = api.get(f"/requests/{req['id']}").json()
    assert done["status"] == "completed"
    assert [e["status"] for e in done["timeline"]][-3:] == ["in_progress", "extended", "completed"]


def test_command_line_lists_shows_and_extends(shop, api):
    req = file(api, "complaint", {"text": "From the command line."})
    db_path = shop.ctx.config.db_url.removeprefix("sqlite:///")
    assert [r["id"] for r in list_requests(shop.ctx, status="pending")] == [req["id"]]
    assert show_request(shop.ctx, int(req["id"]))["type"] == "complaint"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "server", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    processed = run("process", "--db", db_path, "--shop", "silumart", "--once", "--delay", "0")
    assert processed.returncode == 0, processed.stderr
    assert "1 steps" in processed.stdout
    listed = run("admin", "--db", db_path, "--shop", "silumart", "list")
    assert listed.returncode == 0, listed.stderr
    assert "complaint" in listed.stdout
    assert "in_progress" in listed.stdout
    answered = run(
        "admin",
        "--db",
        db_path,
        "--shop",
        "silumart",
        "answer",
        req["id"],
        "--text",
        "Answered from the terminal.",
    )
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["status"] == "completed"
    bad = run(
        "admin",
        "--db",
        db_path,
        "--shop",
        "silumart",
        "deny",
        req["id"],
        "--reason",
        "other",
        "--text",
        "late",
    )
    assert bad.returncode == 1
    assert "error" in bad.stderr
    assert api.get(f"/requests/{req['id']}/result").json()["answer"] == (
        "Answered from the terminal."
    )
