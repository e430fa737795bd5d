"""Seed a shop context for demo use and remember its accounts for the login page."""

from __future__ import annotations

from server.context import ShopContext


def seed_for_demo(
    ctx: ShopContext, *, tracks: int = 3000, seed: int = 20261122
) -> list[tuple[str, str, str]]:
    """Seed an empty database (a no-op otherwise); returns (username, password, role) rows."""
    from server.demo.generator import seed_demo

    accounts = seed_demo(ctx.sessions, ctx.shop, ctx.clock, ctx.signer, seed=seed, tracks=tracks)
    ctx.demo_accounts = [(a.username, a.password, a.role) for a in accounts]
    return ctx.demo_accounts
