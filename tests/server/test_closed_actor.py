"""A closed account acts for nobody: its ward sessions and assist sessions end with it.

A guardian's ward token and an agent's assist token speak for someone else's account (the
subject) on behalf of the token's actor. Closing the actor's account must end them, on the
ordinary routes and on the fast read path alike: the closure revokes every token the account
holds, and every token check refuses a closed actor anyway (so an account closed any other way,
or a token minted in a race with the closure, still stops at once).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update

from server.embedded import RunningShop
from server.models import AccessToken, User
from server.processor import RequestProcessor
from tests.conftest import AGENT
from tests.server.test_assist import start_assist
from tests.server.test_guardians import OPTIONAL, signed_in, ward_api
from tests.support.oauth_login import Api, sign_in

# Ordinary routes and the batched fast reads (`server.fastpath`) take different code paths.
READS = ("/me", "/tracks", "/access-log", "/consents")


def refused_everywhere(api: Api) -> None:
    for path in READS:
        answer = api.get(path)
        assert answer.status_code == 401, (path, answer.status_code, answer.text)
    put = api.put(f"/consents/{OPTIONAL}", json={"granted": True})
    assert put.status_code == 401, put.text


def close_by_request(shop: RunningShop, api: Api) -> None:
    """The account holder's own account_cancellation, verified and processed."""
    filed = api.post(
        "/requests",
        json={"type": "account_cancellation", "details": {"reason": "moving abroad"}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status_code == 201, filed.text
    rid = filed.json()["id"]
    code = api.get(f"/requests/{rid}/demo-verification-code").json()["code"]
    assert api.post(f"/requests/{rid}/verify", json={"code": code}).status_code == 200
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    assert api.get("/me").status_code == 401


def mark_closed(shop: RunningShop, username: str) -> None:
    """Closed by some other path that revokes nothing: only the token check stands."""
    with shop.ctx.sessions() as db:
        db.execute(
            update(User)
            .where(User.username == username)
            .values(closed_at=shop.ctx.clock.now())
            .execution_options(synchronize_session=False)
        )
        db.commit()


def live_tokens_held_by(shop: RunningShop, username: str) -> int:
    with shop.ctx.sessions() as db:
        actor = db.scalars(select(User.id).where(User.username == username)).one()
        return len(
            db.scalars(
                select(AccessToken.token_hash).where(
                    AccessToken.actor_id == actor, AccessToken.revoked.is_(False)
                )
            ).all()
        )


def test_a_closed_guardians_ward_session_ends(make_shop: Any) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward, _ward = ward_api(shop, guardian)
    for path in READS:
        assert ward.get(path).status_code == 200, path
    close_by_request(shop, guardian)
    assert live_tokens_held_by(shop, "chen.jing") == 0
    refused_everywhere(ward)
    # the ward's own sign-in is untouched
    assert signed_in(shop, "alice.chen").get("/me").status_code == 200


def test_a_guardian_closed_otherwise_is_refused_by_the_token_check(make_shop: Any) -> None:
    shop = make_shop("silumart")
    guardian = signed_in(shop, "chen.jing")
    ward, _ward = ward_api(shop, guardian)
    assert ward.get("/tracks").status_code == 200
    mark_closed(shop, "chen.jing")
    assert live_tokens_held_by(shop, "chen.jing") > 0  # nothing revoked them
    refused_everywhere(ward)


def test_a_closed_agents_assist_session_ends(shop: RunningShop, api: Api) -> None:
    agent = Api(
        shop.url + "/v1",
        str(sign_in(shop.url, *AGENT, scope="privacy.read assist")["access_token"]),
    )
    assisting, _body = start_assist(shop, api, agent)
    assert assisting.get("/tracks").status_code == 200
    mark_closed(shop, AGENT[0])
    for path in READS:
        answer = assisting.get(path)
        assert answer.status_code == 401, (path, answer.status_code, answer.text)
    # nor can the closed agent open another session with their own sign-in
    assert agent.post("/assist/sessions", json={}).status_code == 401
    assert agent.get("/assist/sessions").status_code == 401
    # the customer is unaffected
    assert api.get("/me").status_code == 200
