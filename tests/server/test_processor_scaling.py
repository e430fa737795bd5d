"""Several request processors on one PostgreSQL database: each request is processed exactly once.

Three `python -m server process` processes work through 300 consent-withdrawal requests; one is
killed with SIGKILL midway, holding claims. The others take its claims over when their lease
lapses, every request ends completed with exactly one `in_progress` and one `completed` event,
and each withdrawal wrote exactly one signed consent receipt (a step done twice would write two).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from server.context import ServerConfig, ShopContext
from server.demo.seeding import seed_for_demo
from server.models import ConsentEvent, ConsentPurpose, PrivacyRequest, RequestEvent, User
from server.processor import RequestProcessor
from server.requests_flow import Filer, create_request
from server.shops import shop_profile

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 300
LEASE_SECONDS = 2


def file_withdrawals(ctx: ShopContext, count: int) -> list[int]:
    """`count` pending consent withdrawals spread over the demo shoppers (the real create path)."""
    with ctx.sessions() as db:
        shoppers = db.execute(select(User.id, User.username).where(User.role == "shopper")).all()
        purpose = db.scalars(
            select(ConsentPurpose.key)
            .where(ConsentPurpose.required.is_(False))
            .order_by(ConsentPurpose.position)
        ).first()
        assert shoppers
        assert purpose
        ids = []
        for n in range(count):
            user_id, username = shoppers[n % len(shoppers)]
            req = create_request(
                db,
                ctx,
                Filer(user_id, "subject", username),
                "consent_withdrawal",
                {"purposes": [purpose]},
                None,
            )
            ids.append(req.id)
        db.commit()
    return ids


def steps_done(ctx: ShopContext, ids: list[int]) -> int:
    with ctx.sessions() as db:
        return int(
            db.scalar(
                select(func.count())
                .select_from(RequestEvent)
                .where(
                    RequestEvent.request_id.in_(ids),
                    RequestEvent.status.in_(("in_progress", "completed")),
                )
            )
            or 0
        )


def claims_of(ctx: ShopContext, pid: int) -> int:
    with ctx.sessions() as db:
        return int(
            db.scalar(
                select(func.count())
                .select_from(PrivacyRequest)
                .where(PrivacyRequest.claimed_by.like(f"%:{pid}:%"))
            )
            or 0
        )


def start_processor(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "process",
            "--db-url",
            url,
            "--delay",
            "0",
            "--lease",
            str(LEASE_SECONDS),
            "--batch",
            "10",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_three_processors_one_killed_each_request_exactly_once(
    pg_database: Callable[[], str], tmp_path: Path
) -> None:
    url = pg_database()
    ctx = ShopContext(
        ServerConfig(
            db_url=url, shop=shop_profile("silumart"), demo=True, processor_delay=timedelta(0)
        )
    )
    processors: list[subprocess.Popen[str]] = []
    try:
        seed_for_demo(ctx, tracks=20)
        started_at = ctx.clock.now()
        ids = file_withdrawals(ctx, REQUESTS)
        processors = [start_processor(url) for _ in range(3)]
        victim = processors[0]
        deadline = time.monotonic() + 30
        while steps_done(ctx, ids) < 2 * REQUESTS // 3:  # a third of the 600 steps
            assert time.monotonic() < deadline, "processors made no progress"
            assert all(p.poll() is None for p in processors), processors[0].stderr
            time.sleep(0.02)
        # Freeze the victim, and kill it only while it holds claims (it may be between
        # polls); SIGKILL leaves them behind, and its open transaction, if any, is rolled back.
        orphaned = 0
        while not orphaned:
            assert time.monotonic() < deadline, "the victim never held a claim"
            os.killpg(victim.pid, signal.SIGSTOP)
            orphaned = claims_of(ctx, victim.pid)
            if not orphaned:
                os.killpg(victim.pid, signal.SIGCONT)
                time.sleep(0.01)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        deadline = time.monotonic() + 40
        while steps_done(ctx, ids) < 2 * REQUESTS:
            assert time.monotonic() < deadline, f"stuck at {steps_done(ctx, ids)} steps"
            time.sleep(0.1)

        with ctx.sessions() as db:
            statuses = db.execute(
                select(PrivacyRequest.status, func.count())
                .where(PrivacyRequest.id.in_(ids))
                .group_by(PrivacyRequest.status)
            ).all()
            assert dict(statuses) == {"completed": REQUESTS}
            per_request = db.execute(
                select(RequestEvent.request_id, RequestEvent.status, func.count())
                .where(RequestEvent.request_id.in_(ids))
                .group_by(RequestEvent.request_id, RequestEvent.status)
            ).all()
            counts = {(rid, status): n for rid, status, n in per_request}
            for rid in ids:
                assert counts.get((rid, "in_progress")) == 1, rid
                assert counts.get((rid, "completed")) == 1, rid
            receipts = db.scalar(
                select(func.count()).select_from(ConsentEvent).where(ConsentEvent.at >= started_at)
            )
            assert receipts == REQUESTS
            leftover = db.scalar(
                select(func.count())
                .select_from(PrivacyRequest)
                .where(PrivacyRequest.claimed_by.is_not(None))
            )
            assert leftover == 0
    finally:
        for process in processors:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processors:
            try:
                process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
        ctx.dispose()


def test_two_processors_share_sqlite_without_double_steps(
    make_shop: Callable[..., object],
) -> None:
    """SQLite: the conditional-UPDATE claim; two processors in threads, each step once."""
    shop = make_shop("silumart")
    ctx: ShopContext = shop.ctx  # type: ignore[attr-defined]
    ids = file_withdrawals(ctx, 40)
    first, second = RequestProcessor(ctx, batch=5), RequestProcessor(ctx, batch=5)
    first.start()
    second.start()
    try:
        deadline = time.monotonic() + 30
        while steps_done(ctx, ids) < 80:
            assert time.monotonic() < deadline, f"stuck at {steps_done(ctx, ids)} steps"
            time.sleep(0.05)
    finally:
        first.stop()
        second.stop()
    with ctx.sessions() as db:
        per_request = db.execute(
            select(RequestEvent.request_id, RequestEvent.status, func.count())
            .where(RequestEvent.request_id.in_(ids))
            .group_by(RequestEvent.request_id, RequestEvent.status)
        ).all()
    assert {n for _rid, status, n in per_request if status != "pending"} == {1}
    assert len([1 for _rid, status, _n in per_request if status == "completed"]) == 40
