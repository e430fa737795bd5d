"""The fixed demo accounts of each shop: three shoppers (the third a minor), one agent, and
the minor's guardian (listed last, so the earlier positions stay what they were)."""

from __future__ import annotations

from dataclasses import dataclass

from server.shops import SILUMART, SINOMAI, ShopProfile


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str  # shopper | agent
    display_name: str
    customer_no: str
    is_minor: bool = False
    age_years: int | None = None  # the age the shop holds (None: none on file)
    legal_capacity: str = "full"  # full | limited | none
    guardian_of: str | None = None  # the ward's username, for a guardian
    relationship: str = "parent"


SHOPPER_PASSWORD = "demo1234"  # noqa: S105 (published demo credential)
AGENT_PASSWORD = "agent1234"  # noqa: S105 (published demo credential)

_ACCOUNTS: dict[str, tuple[DemoAccount, ...]] = {
    SILUMART.id: (
        DemoAccount("lin.mei", SHOPPER_PASSWORD, "shopper", "林美", "SM100001"),
        DemoAccount("zhang.wei", SHOPPER_PASSWORD, "shopper", "张伟", "SM100002"),
        DemoAccount(
            "alice.chen",
            SHOPPER_PASSWORD,
            "shopper",
            "Alice Chen",
            "SM100003",
            True,
            age_years=15,
            legal_capacity="limited",
        ),
        DemoAccount("agent.wu", AGENT_PASSWORD, "agent", "客服 吴 Agent Wu", "SM900001"),
        DemoAccount(
            "chen.jing",
            SHOPPER_PASSWORD,
            "shopper",
            "陈静 Chen Jing",
            "SM100004",
            guardian_of="alice.chen",
        ),
    ),
    SINOMAI.id: (
        DemoAccount("wang.fang", SHOPPER_PASSWORD, "shopper", "王芳", "SN200001"),
        DemoAccount("li.qiang", SHOPPER_PASSWORD, "shopper", "李强", "SN200002"),
        # Sinomai holds no age for Bob: only that he is a minor.
        DemoAccount(
            "bob.liu",
            SHOPPER_PASSWORD,
            "shopper",
            "Bob Liu",
            "SN200003",
            True,
            legal_capacity="limited",
        ),
        DemoAccount("agent.zhao", AGENT_PASSWORD, "agent", "客服 赵 Agent Zhao", "SN900001"),
        DemoAccount(
            "liu.min",
            SHOPPER_PASSWORD,
            "shopper",
            "刘敏 Liu Min",
            "SN200004",
            guardian_of="bob.liu",
        ),
    ),
}


def demo_accounts(profile: ShopProfile) -> list[DemoAccount]:
    """The shop's demo accounts, shoppers first (the first is the one with the most data)."""
    try:
        return list(_ACCOUNTS[profile.id])
    except KeyError:
        raise ValueError(f"no demo accounts for shop {profile.id!r}") from None
