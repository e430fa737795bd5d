"""The two demo shops' profiles: who they are and the rules their policies set."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.request_types import REQUEST_TYPES


@dataclass(frozen=True)
class StorageLocation:
    country: str
    vendor: str
    vendor_zh: str = ""


@dataclass(frozen=True)
class ShopProfile:
    """Shop-wide facts the API publishes or acts on; the data itself is seeded separately."""

    id: str
    name: str
    name_zh: str
    locales: tuple[str, ...]
    privacy_email: str
    policy_version: str
    deadline_days: int
    holiday_calendar: str  # file name under server/data/holidays/
    deletes_on_cancellation: bool
    default_retention: str  # ISO 8601 period or "until_account_closed"
    storage: StorageLocation
    verification_required_for: tuple[str, ...] = field(default_factory=tuple)
    # every kind the API knows; a shop that takes fewer would list them here
    request_types: tuple[str, ...] = REQUEST_TYPES


SILUMART = ShopProfile(
    id="silumart-demo",
    name="Silumart (demo)",
    name_zh="丝路商城（演示）",
    locales=("zh-CN", "en"),
    privacy_email="privacy@silumart.example",
    policy_version="2026.2",
    deadline_days=15,
    holiday_calendar="cn",
    deletes_on_cancellation=True,
    default_retention="P3Y",
    storage=StorageLocation(
        country="CN", vendor="Aliyun (Hangzhou region)", vendor_zh="阿里云（杭州地域）"
    ),
    verification_required_for=("access", "deletion", "account_cancellation"),
)

SINOMAI = ShopProfile(
    id="sinomai-demo",
    name="Sinomai (demo)",
    name_zh="华迈商城（演示）",
    locales=("en", "zh-CN"),
    privacy_email="privacy@sinomai.example",
    policy_version="3.1",
    deadline_days=15,
    holiday_calendar="cn",
    deletes_on_cancellation=False,
    default_retention="until_account_closed",
    storage=StorageLocation(
        country="CN", vendor="Tencent Cloud (Shenzhen region)", vendor_zh="腾讯云（深圳地域）"
    ),
    verification_required_for=("account_cancellation",),
)

SHOPS: dict[str, ShopProfile] = {"silumart": SILUMART, "sinomai": SINOMAI}


def shop_profile(name: str) -> ShopProfile:
    try:
        return SHOPS[name]
    except KeyError:
        raise ValueError(f"unknown shop {name!r}; choose one of {', '.join(SHOPS)}") from None
