"""Checks of the archive's kept order lines (server.bulk) straight on a database: shared by
tests/server/test_kept_lines_migration.py and test_order_lines_crash.py."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from server import bulk
from server.i18n import Language

LANGUAGES: tuple[tuple[Language, str], ...] = (("en", "en"), ("zh-CN", "zh"))


def order_line_problems(conn: Connection) -> list[str]:
    """What is wrong with the kept order lines, as sentences (none: every order has exactly one
    line, the one the code computes for it now in both languages, and no other line exists)."""
    problems: list[str] = []
    if not bulk.has_order_lines(conn):
        return ["no order_lines of this code's definition (table and every trigger)"]
    orders = conn.exec_driver_sql("SELECT count(*) FROM orders").scalar()
    lines, distinct = conn.exec_driver_sql(
        "SELECT count(*), count(DISTINCT order_id) FROM order_lines"
    ).one()
    if (lines, distinct) != (orders, orders):
        problems.append(f"{orders} orders, {lines} lines for {distinct} orders")
    missing: list[Any] = [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM order_lines) LIMIT 5"
        )
    ]
    if missing:
        problems.append(f"orders without a line: {missing}")
    stray = [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT order_id FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders) LIMIT 5"
        )
    ]
    if stray:
        problems.append(f"lines of orders that do not exist: {stray}")
    for language, code in LANGUAGES:
        parts = ", ".join(
            f"l.en_{p}" if code == "en" else f"coalesce(l.zh_{p}, l.en_{p})" for p in bulk._PARTS
        )
        fresh = ", ".join(f"f.{p}" for p in bulk._PARTS)
        differing = [
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT l.order_id FROM order_lines AS l JOIN "  # noqa: S608
                f"({bulk._order_parts_select(language, '1 = 1')}) AS f "
                f"ON f.id = l.order_id WHERE ({parts}) IS NOT ({fresh}) LIMIT 5"
            )
        ]
        if differing:
            problems.append(f"{language} lines not as computed now: {differing}")
    return problems
