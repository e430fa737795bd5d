"""A database error logs the statement, never the personal data bound into it.

The server logs every unexpected error with its traceback, and a SQLAlchemy error's message
carries the statement's parameters unless the engine hides them. Here a shopper's profile
change fails inside the database (a trigger refuses it), over real HTTP: the answer is the
generic 500 problem, and neither it nor the log holds the value the shopper sent.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from server.db import make_engine
from server.embedded import RunningShop
from tests.support.oauth_login import Api

SECRET = "correct.horse.battery@mail.example.cn"


def test_a_failed_statement_logs_no_values(
    shop: RunningShop, api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with shop.ctx.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse_profile_changes BEFORE UPDATE ON profile_fields "
                "BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END"
            )
        )
    with caplog.at_level(logging.ERROR):
        answer = api.patch("/me", json={"fields": {"email": SECRET}})
    assert answer.status_code == 500, answer.text
    assert answer.json()["code"] == "internal_error"
    assert SECRET not in answer.text
    logged = caplog.text
    assert "disk quota exceeded" in logged  # the error itself is logged, with its statement
    assert "UPDATE profile_fields" in logged
    assert SECRET not in logged
    assert "parameters hidden" in logged


def test_every_backend_hides_parameters() -> None:
    for url in ("sqlite:///:memory:", "postgresql+psycopg://shop@127.0.0.1:1/shop"):
        engine = make_engine(url)
        try:
            assert engine.hide_parameters, url
        finally:
            engine.dispose()
