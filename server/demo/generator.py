"""The deterministic demo-data generator: `seed_demo` fills an empty shop database.

Everything is derived from one integer seed (random.Random and seeded Faker instances) and from
an anchor time that only moves in whole weeks, so two runs in the same week produce the same
rows. The only things that differ between runs are Argon2 salts in password hashes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session, sessionmaker

from server.auth.passwords import hash_password
from server.db import transaction
from server.demo import vocab
from server.demo.accounts import DemoAccount, demo_accounts
from server.demo.catalogue import CATEGORY_TEXT, ShopCatalogue, catalogue_for
from server.demo.incidents import seed_guardians_and_incidents
from server.demo.policies import policy_for
from server.demo.tracks import seed_bulk_tracks, track_rows
from server.i18n import Text
from server.models import (
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    DataCategory,
    Decision,
    Device,
    ImpactAssessment,
    Location,
    LogEntry,
    Notice,
    Order,
    OrderItem,
    PolicyAck,
    PolicyVersion,
    ProfileField,
    Recipient,
    RecipientEvent,
    ServiceContact,
    Subscription,
    Tag,
    Track,
    User,
)
from server.shops import ShopProfile
from server.signing import Signer
from server.timeutil import Clock, rfc3339

__all__ = [
    "BULK_TRACKS_THRESHOLD",
    "DEFAULT_SEED",
    "FIXED_ANCHOR",
    "demo_anchor",
    "seed_bulk_tracks",
    "seed_demo",
]

DEFAULT_SEED = 20261122
FIXED_ANCHOR = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
BULK_TRACKS_THRESHOLD = 5000
OTHER_SHOPPER_TRACKS = (320, 210)  # second and third shopper
CHANNELS = ("sms", "email", "push", "internal_letter")


def demo_anchor(now: datetime) -> datetime:
    """The newest moment of demo data: FIXED_ANCHOR moved by whole weeks to at most `now`.

    Whole weeks keep it stable for a week (and keep the weekday), and it is never in the future.
    """
    weeks = (now - FIXED_ANCHOR).days // 7
    return FIXED_ANCHOR + timedelta(days=7 * weeks)


# --- small fixed tables ----------------------------------------------------------------------

# "中文 English" pairs: the English half is stored, the Chinese half beside it (`*_zh`)
_CITIES: tuple[tuple[str, float, float], ...] = (
    ("上海 Shanghai", 31.2304, 121.4737),
    ("杭州 Hangzhou", 30.2741, 120.1551),
    ("北京 Beijing", 39.9042, 116.4074),
    ("深圳 Shenzhen", 22.5431, 114.0579),
    ("广州 Guangzhou", 23.1291, 113.2644),
    ("成都 Chengdu", 30.5728, 104.0668),
    ("南京 Nanjing", 32.0603, 118.7969),
    ("武汉 Wuhan", 30.5928, 114.3055),
    ("西安 Xi'an", 34.3416, 108.9398),
    ("厦门 Xiamen", 24.4798, 118.0894),
)


def _halves(pair: str) -> tuple[str, str]:
    """("English", "中文") of a "中文 English" demo string."""
    zh, _, en = pair.partition(" ")
    return en, zh


_AREA_CODES = ("021", "0571", "010", "0755", "020", "028", "025", "027", "029", "0592")
_LOCATION_SOURCES = ("ip", "gps", "wifi", "bluetooth", "base_station")
_CARRIERS = (
    "中国移动 China Mobile",
    "中国联通 China Unicom",
    "中国电信 China Telecom",
    "宽带 Home broadband",
)
_IP_FIRST_OCTETS = (36, 39, 58, 101, 112, 116, 117, 120, 183, 223)
_DEVICES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("phone", "Xiaomi 14", "Android", ("14", "15")),
    ("phone", "HUAWEI Mate 60", "HarmonyOS", ("4.2", "5.0")),
    ("phone", "iPhone 15", "iOS", ("17.6", "18.1")),
    ("phone", "OPPO Find X7", "Android", ("14",)),
    ("tablet", "iPad Air", "iPadOS", ("17.5", "18.0")),
    ("tablet", "HUAWEI MatePad 11", "HarmonyOS", ("4.2",)),
    ("laptop", "Lenovo ThinkPad X1", "Windows", ("11 23H2", "11 24H2")),
    ("laptop", "MacBook Air", "macOS", ("14.6", "15.1")),
    ("desktop", "Desktop PC", "Windows", ("10 22H2", "11 24H2")),
)
_BROWSERS = (
    "Chrome 131 (Windows 11)",
    "Edge 131 (Windows 11)",
    "Safari 18 (macOS)",
    "Firefox 133 (Linux)",
    "WeChat in-app browser (Android)",
)
_PAGES = (
    "/",
    "/cart",
    "/orders",
    "/member/profile",
    "/coupon-center",
    "/help/after-sales",
    "/member/addresses",
    "/flash-sale",
)
_JOBS = (
    "产品经理 Product manager",
    "教师 Teacher",
    "会计 Accountant",
    "软件工程师 Software engineer",
    "设计师 Designer",
    "个体经营 Self-employed",
    "护士 Nurse",
)
_BUSINESSES = (
    "跨境电商 Cross-border e-commerce",
    "餐饮 Catering",
    "服装批发 Garment wholesale",
    "茶叶零售 Tea retail",
    "软件外包 Software outsourcing",
)
_BANKS = (
    "招商银行 China Merchants Bank",
    "工商银行 ICBC",
    "建设银行 China Construction Bank",
    "中国银行 Bank of China",
    "交通银行 Bank of Communications",
    "浦发银行 SPD Bank",
)
_REAL_NAMES = {
    "lin.mei": "林美",
    "zhang.wei": "张伟",
    "alice.chen": "陈爱琳",
    "wang.fang": "王芳",
    "li.qiang": "李强",
    "bob.liu": "刘博文",
}
_GENDERS = {
    "lin.mei": "female",
    "zhang.wei": "male",
    "alice.chen": "female",
    "wang.fang": "female",
    "li.qiang": "male",
    "bob.liu": "male",
}


# --- the shop-wide catalogue -----------------------------------------------------------------


def _seed_catalogue(
    session: Session, catalogue: ShopCatalogue, anchor: datetime
) -> tuple[dict[str, Recipient], dict[str, Notice]]:
    for position, purpose in enumerate(catalogue.purposes):
        session.add(
            ConsentPurpose(
                key=purpose.key,
                title=purpose.title,
                title_zh=purpose.title_zh,
                description=purpose.description,
                description_zh=purpose.description_zh or None,
                legal_basis=purpose.legal_basis,
                required=purpose.required,
                destination_country=purpose.destination_country or None,
                position=position,
            )
        )
    for position, cat in enumerate(catalogue.categories):
        session.add(
            DataCategory(
                key=cat.key,
                title=cat.title,
                title_zh=cat.title_zh,
                description=CATEGORY_TEXT.get(cat.key, ("", ""))[0],
                description_zh=CATEGORY_TEXT.get(cat.key, ("", ""))[1] or None,
                sensitive=cat.sensitive,
                purposes=json.dumps(list(cat.purposes)),
                legal_basis=cat.legal_basis,
                retention=cat.retention,
                storage_country=cat.storage_country,
                storage_vendor=cat.storage_vendor,
                storage_vendor_zh=cat.storage_vendor_zh or None,
                source=cat.source,
                policy_section=cat.policy_section,
                position=position,
            )
        )
    for cookie in catalogue.cookies:
        session.add(
            CookieEntry(
                name=cookie.name,
                technology=cookie.technology,
                purpose=cookie.purpose,
                consent_purpose=cookie.consent_purpose,
                party=cookie.party,
                provider=cookie.provider,
                lifetime=cookie.lifetime,
                purpose_zh=cookie.purpose_zh or None,
                provider_zh=cookie.provider_zh or None,
                lifetime_zh=cookie.lifetime_zh or None,
            )
        )
    for version in catalogue.policy_versions:
        session.add(
            PolicyVersion(
                version=version.version,
                published_at=anchor - timedelta(days=version.days_before_anchor),
                major=version.major,
                summary=version.summary,
                changes=list(version.changes),
                summary_zh=version.summary_zh or None,
                changes_zh=list(version.changes_zh) if version.changes_zh else None,
                url=version.url,
            )
        )
    notices: dict[str, Notice] = {}
    for notice in catalogue.notices:
        notice_row = Notice(
            user_id=None,
            kind=notice.kind,
            severity=notice.severity,
            title=notice.title,
            body=notice.body,
            title_zh=notice.title_zh or None,
            body_zh=notice.body_zh or None,
            published_at=anchor - timedelta(days=notice.days_before_anchor, hours=3),
        )
        session.add(notice_row)
        if notice.key:
            notices[notice.key] = notice_row
    session.flush()
    for assessment in catalogue.assessments:
        session.add(
            ImpactAssessment(
                subject=assessment.subject,
                subject_zh=assessment.subject_zh,
                assessed_at=anchor - timedelta(days=assessment.days_before_anchor),
                outcome=assessment.outcome,
                outcome_zh=assessment.outcome_zh,
                notice_id=notices[assessment.notice_key].id,
            )
        )
    recipients: dict[str, Recipient] = {}
    for spec in catalogue.recipients:
        row = Recipient(
            name=spec.name,
            type=spec.type,
            categories=json.dumps(list(spec.categories)),
            purpose=spec.purpose,
            name_zh=spec.name_zh or None,
            purpose_zh=spec.purpose_zh or None,
            legal_basis=spec.legal_basis,
            identifiable=spec.identifiable,
            country=spec.country,
            dpa_signed_at=anchor - timedelta(days=spec.agreement[0]) if spec.agreement else None,
            dpa_scope=spec.agreement[1] if spec.agreement else None,
            dpa_scope_zh=spec.agreement[2] if spec.agreement else None,
            consent_purpose=spec.consent_purpose or None,
        )
        session.add(row)
        recipients[spec.name] = row
    session.flush()
    return recipients, notices


# --- one shopper -----------------------------------------------------------------------------


@dataclass
class _Context:
    session: Session
    profile: ShopProfile
    catalogue: ShopCatalogue
    recipients: dict[str, Recipient]
    signer: Signer
    anchor: datetime
    fake_zh: Faker
    fake_en: Faker
    notices: dict[str, Notice] = field(default_factory=dict)  # NoticeSpec.key -> row

    def policy_version_at(self, at: datetime) -> str:
        versions = self.catalogue.policy_versions
        current = versions[0].version
        for version in versions:
            if self.anchor - timedelta(days=version.days_before_anchor) <= at:
                current = version.version
        return current


def _ip(rng: random.Random) -> str:
    return (
        f"{rng.choice(_IP_FIRST_OCTETS)}.{rng.randrange(256)}."
        f"{rng.randrange(256)}.{rng.randrange(1, 255)}"
    )


def _masked_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10)}****{rng.randrange(10000):04d}"


def _ago(rng: random.Random, anchor: datetime, max_days: float, min_hours: float = 1.0) -> datetime:
    seconds = rng.uniform(min_hours * 3600, max_days * 86400)
    return (anchor - timedelta(seconds=seconds)).replace(microsecond=0)


class _ShopperSeeder:
    """Writes one account's rows; every random choice comes from the account's own rng."""

    def __init__(self, ctx: _Context, account: DemoAccount, index: int, seed: int) -> None:
        self.ctx = ctx
        self.account = account
        self.index = index
        self.rng = random.Random(f"{seed}:{ctx.profile.id}:{account.username}")
        # rows a policy promises (service records, merger transfers, ...) draw from their own
        # stream so adding them leaves every older demo row exactly as it was
        self.extra_rng = random.Random(f"{seed}:{ctx.profile.id}:{account.username}:records")
        self.seed = seed
        ctx.fake_zh.seed_instance(self.rng.getrandbits(32))
        ctx.fake_en.seed_instance(self.rng.getrandbits(32))
        self.anchor = ctx.anchor
        self.user = User()
        self.real_name = ""
        self.orders: list[Order] = []
        self.timeline: dict[str, list[tuple[datetime, bool]]] = {}

    @property
    def session(self) -> Session:
        return self.ctx.session

    def add_user(self) -> User:
        account, rng = self.account, self.rng
        created = _ago(rng, self.anchor, 1400, 24 * 800)
        self.user = User(
            username=account.username,
            password_hash=hash_password(account.password),
            role=account.role,
            customer_no=account.customer_no,
            display_name=account.display_name,
            created_at=created,
            is_minor=account.is_minor,
            guardian_consent="granted" if account.is_minor else "not_needed",
            age_years=account.age_years,
            legal_capacity=account.legal_capacity,
            personalization=True,
        )
        self.session.add(self.user)
        self.session.flush()
        return self.user

    # profile fields

    def _field(self, key: str, group: str, value: str | None, source: str, editable: bool) -> None:
        self.session.add(
            ProfileField(
                user_id=self.user.id,
                key=key,
                group=group,
                value=value,
                source=source,
                editable=editable and source not in ("inferred", "partner"),
                updated_at=_ago(self.rng, self.anchor, 700, 24),
            )
        )

    def add_profile_fields(self) -> None:
        account, rng, fake = self.account, self.rng, self.ctx.fake_zh
        self.real_name = _REAL_NAMES.get(account.username) or fake.name()
        shop_domain = self.ctx.profile.privacy_email.split("@", 1)[1]
        if account.role == "agent":
            self._field(
                "phone",
                "membership",
                f"400-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
                "provided",
                True,
            )
            self._field(
                "email", "membership", f"{account.username}@{shop_domain}", "provided", True
            )
            self._field("contact_name", "membership", account.display_name, "provided", True)
            self._field("member_name", "membership", account.username, "provided", True)
            return
        self._field("phone", "membership", fake.phone_number(), "provided", True)
        self._field(
            "email",
            "membership",
            f"{account.username.replace('.', '_')}@mail.example.cn",
            "provided",
            True,
        )
        self._field("contact_name", "membership", account.display_name, "provided", True)
        self._field(
            "member_name",
            "membership",
            f"{account.username}_{rng.randrange(10, 99)}",
            "provided",
            True,
        )
        self._field("real_name", "profile", self.real_name, "provided", True)
        gender = _GENDERS.get(account.username, rng.choice(("female", "male")))
        self._field(
            "gender", "profile", gender, "inferred" if self.index == 0 else "provided", True
        )
        area = rng.choice(_AREA_CODES)
        self._field(
            "fixed_phone", "profile", f"{area}-{rng.randrange(10**7, 10**8)}", "provided", True
        )
        if account.is_minor:
            self._field("job", "profile", self._own_words("学生 Student"), "provided", True)
            self._field("main_business", "profile", None, "provided", True)
        else:
            self._field(
                "job",
                "profile",
                self._own_words(rng.choice(_JOBS)),
                "inferred" if self.index == 1 else "provided",
                True,
            )
            self._field(
                "main_business",
                "profile",
                self._own_words(rng.choice(_BUSINESSES)),
                "partner" if self.index == 0 else "provided",
                True,
            )
        self._field("id_verified", "verification", "verified", "partner", False)
        check = rng.choice("0123456789X")
        masked = f"{rng.randrange(1100, 6600)}{'*' * 10}{rng.randrange(100, 999)}{check}"
        self._field("id_number_masked", "verification", masked, "provided", False)

    def _own_words(self, pair: str) -> str:
        """What the shopper typed: in their own language (English names write English)."""
        en, zh = _halves(pair)
        return en if self.account.display_name.isascii() else zh

    # collected data

    def add_devices(self) -> None:
        rng = self.rng
        for device_type, model, os_name, versions in rng.sample(_DEVICES, rng.randint(2, 4)):
            first = _ago(rng, self.anchor, 900, 24 * 30)
            settings = {
                "language": "en-US" if self.account.display_name.isascii() else "zh-CN",
                "notifications": rng.random() < 0.7,
                "location_permission": rng.choice(("always", "while_using", "denied")),
                "dark_mode": rng.random() < 0.4,
            }
            self.session.add(
                Device(
                    user_id=self.user.id,
                    device_type=device_type,
                    model=model,
                    os=os_name,
                    os_version=rng.choice(versions),
                    device_uid=f"{rng.getrandbits(128):032x}",
                    settings=settings,
                    first_seen=first,
                    last_seen=_ago(rng, self.anchor, 20, 2),
                )
            )

    def add_locations(self) -> None:
        rng = self.rng
        home = rng.choice(_CITIES)
        rows: list[Location] = []
        for _ in range(rng.randint(45, 55)):
            city, lat, lon = home if rng.random() < 0.8 else rng.choice(_CITIES)
            source = rng.choice(_LOCATION_SOURCES)
            precise = source != "ip"
            rows.append(
                Location(
                    user_id=self.user.id,
                    at=_ago(rng, self.anchor, 180),
                    source=source,
                    ip=_ip(rng) if source == "ip" else None,
                    latitude=round(lat + rng.uniform(-0.08, 0.08), 5) if precise else None,
                    longitude=round(lon + rng.uniform(-0.08, 0.08), 5) if precise else None,
                    city=_halves(city)[0],
                    city_zh=_halves(city)[1],
                )
            )
        rows.sort(key=lambda row: row.at)
        self.session.add_all(rows)

    def add_logs(self) -> None:
        rng = self.rng
        english = self.account.display_name.isascii()
        app = f"{self.ctx.profile.name.split(' ')[0]} App {rng.randint(7, 9)}.{rng.randint(0, 9)}"
        browsers = (*_BROWSERS, f"{app} (Android 14)", f"{app} (iOS 18)")
        home_ips = [_ip(rng) for _ in range(3)]
        rows: list[LogEntry] = []
        for _ in range(rng.randint(190, 210)):
            query: str | None = None
            roll = rng.random()
            if roll < 0.3:
                query = vocab.search_query(rng)
                page = f"/search?q={query}"
            elif roll < 0.65:
                page = f"/{vocab.item_ref(rng).replace('-', '/')}"
            else:
                page = rng.choice(_PAGES)
            rows.append(
                LogEntry(
                    user_id=self.user.id,
                    at=_ago(rng, self.anchor, 180),
                    ip=rng.choice(home_ips) if rng.random() < 0.7 else _ip(rng),
                    browser=rng.choice(browsers),
                    carrier=_halves(carrier := rng.choice(_CARRIERS))[0],
                    carrier_zh=_halves(carrier)[1],
                    language=("en-US" if english else "zh-CN")
                    if rng.random() < 0.9
                    else rng.choice(("zh-CN", "en-US", "zh-TW")),
                    page=page,
                    search_query=query,
                )
            )
        rows.sort(key=lambda row: row.at)
        self.session.add_all(rows)

    def add_tracks(self, count: int) -> None:
        if count <= 0:
            return
        # a stream of its own, so the track count does not change any other generated row
        rng = random.Random(f"{self.seed}:{self.ctx.profile.id}:{self.account.username}:tracks")
        rows = track_rows(rng, self.user.id, count, self.anchor)
        self.session.execute(insert(Track), rows)

    def add_tags(self) -> None:
        rng = self.rng
        for tag, tag_zh in rng.sample(vocab.TAGS, rng.randint(8, 15)):
            self.session.add(
                Tag(
                    user_id=self.user.id,
                    tag=tag,
                    tag_zh=tag_zh,
                    source=rng.choice(vocab.TAG_SOURCES),
                    confidence=round(rng.uniform(0.55, 0.97), 2),
                    since=_ago(rng, self.anchor, 600, 24),
                )
            )

    # orders and sharing

    def _payment_options(self) -> list[tuple[str, str, str, str]]:
        """(method, masked instrument, the same in Chinese, payment recipient name)."""
        rng = self.rng
        payments = self.ctx.catalogue.recipients_of_type("payment")
        bank, other_bank = (_halves(b) for b in rng.sample(_BANKS, 2))
        debit, credit = f"{rng.randrange(10000):04d}", f"{rng.randrange(10000):04d}"
        options = [
            (
                "bank_card",
                f"{bank[0]} debit card **** {debit}",
                f"{bank[1]} 储蓄卡 **** {debit}",
                payments[0].name,
            ),
            (
                "credit_card",
                f"{other_bank[0]} credit card **** {credit}",
                f"{other_bank[1]} 信用卡 **** {credit}",
                payments[0].name,
            ),
        ]
        if not self.account.is_minor:
            later = payments[-1]
            options.append(
                (
                    "pay_later",
                    f"Pay later ({later.name})",
                    f"先用后付（{later.name_zh}）",
                    later.name,
                )
            )
        return options

    def add_orders(self) -> None:
        rng, fake = self.rng, self.ctx.fake_zh
        logistics = self.ctx.catalogue.recipients_of_type("logistics")
        options = self._payment_options()
        own_address = fake.address()
        prefix = self.account.customer_no[:2]
        numbers: set[str] = set()
        placed_times = sorted(_ago(rng, self.anchor, 720, 6) for _ in range(rng.randint(27, 33)))
        must_cancel = len(placed_times) // 3  # so a blocked transaction has an order to cite
        for position, placed in enumerate(placed_times):
            age = self.anchor - placed
            number = ""
            while not number or number in numbers:
                number = f"{prefix}{placed:%y%m%d}{rng.randrange(10**7):07d}"
            numbers.add(number)
            method, masked, masked_zh, payer = rng.choices(
                options, weights=(5, 3, 2)[: len(options)]
            )[0]
            partner = rng.choice(logistics)
            for_other = rng.random() < 0.15
            if age < timedelta(days=1):
                status, paid = "paid", "paid"
            elif age < timedelta(days=4):
                status, paid = "shipped", "paid"
            else:
                status, paid = rng.choices(
                    (("completed", "paid"), ("cancelled", "refunded"), ("returned", "refunded")),
                    weights=(85, 8, 7),
                )[0]
                if position == must_cancel:
                    status, paid = "cancelled", "refunded"
            items = []
            for _ in range(rng.choices((1, 2, 3, 4), weights=(50, 30, 13, 7))[0]):
                line = rng.choice(vocab.PRODUCT_LINES)
                items.append(
                    OrderItem(
                        title=vocab.product_title(rng, line),
                        quantity=rng.choices((1, 2, 3), weights=(80, 15, 5))[0],
                        unit_price_cents=vocab.product_price_cents(rng, line),
                    )
                )
            english_part = partner.name
            order = Order(
                user_id=self.user.id,
                number=number,
                placed_at=placed,
                status=status,
                total_cents=sum(item.quantity * item.unit_price_cents for item in items),
                currency="CNY",
                payment_method=method,
                payment_masked=masked,
                payment_masked_zh=masked_zh,
                payment_status=paid,
                logistics_partner=partner.name,
                logistics_partner_zh=partner.name_zh or None,
                tracking_no="".join(w[0] for w in english_part.split()).upper()
                + f"{rng.randrange(10**11, 10**12)}",
                recipient_name=fake.name() if for_other else self.real_name,
                recipient_phone_masked=_masked_mobile(rng),
                recipient_address=fake.address() if for_other else own_address,
                for_other=for_other,
                # the account holder confirmed the actual purchaser agreed, just before paying
                purchaser_consent_at=placed - timedelta(minutes=3) if for_other else None,
            )
            self.session.add(order)
            self.session.flush()
            for item in items:
                item.order_id = order.id
            self.session.add_all(items)
            self.orders.append(order)
            self._order_events(order, payer)

    def _event(
        self,
        recipient_name: str,
        at: datetime,
        categories: Sequence[str],
        description: Text,
        order_id: int | None = None,
        kind: str = "disclosure",
        notice_id: int | None = None,
        clause: str | None = None,
    ) -> None:
        self.session.add(
            RecipientEvent(
                kind=kind,
                notice_id=notice_id,
                clause=clause,
                recipient_id=self.ctx.recipients[recipient_name].id,
                user_id=self.user.id,
                at=at,
                categories=json.dumps(list(categories)),
                description=description.en,
                description_zh=description.zh,
                order_id=order_id,
            )
        )

    def _order_events(self, order: Order, payer: str) -> None:
        rng = self.rng
        self._event(
            payer,
            order.placed_at + timedelta(seconds=rng.randint(5, 90)),
            ("orders", "payments"),
            Text(
                f"Payment of order {order.number} ({order.payment_masked}).",
                f"订单 {order.number} 的支付（{order.payment_masked_zh}）。",
            ),
            order.id,
        )
        if order.status != "cancelled":
            self._event(
                order.logistics_partner,
                order.placed_at + timedelta(hours=rng.uniform(1, 20)),
                ("account", "orders"),
                Text(
                    f"Recipient name, masked phone and address for order {order.number}.",
                    f"订单 {order.number} 的收件人姓名、隐藏部分号码的手机号和地址。",
                ),
                order.id,
            )
        if rng.random() < 0.1:
            service = self.ctx.catalogue.recipients_of_type("customer_service")[0]
            self._event(
                service.name,
                order.placed_at + timedelta(days=rng.uniform(2, 9)),
                ("account", "orders"),
                Text(
                    f"After-sales ticket about order {order.number}.",
                    f"关于订单 {order.number} 的售后工单。",
                ),
                order.id,
            )

    def add_periodic_events(self) -> None:
        """Monthly aggregated statistics while the matching consent was on, plus hosting."""
        infra = self.ctx.catalogue.recipients_of_type("infrastructure")[0]
        self._event(
            infra.name,
            self.user.created_at + timedelta(minutes=1),
            ("account", "profile"),
            Text(
                "Account data stored on the shop's cloud servers.",
                "账户数据存储在商城的云服务器上。",
            ),
        )
        periodic = (
            (
                "advertising",
                "partner_advertising_aggregated",
                ("tags",),
                Text(
                    "Monthly aggregated audience statistics (no identifiers).",
                    "每月汇总的受众统计（不含身份标识）。",
                ),
            ),
            (
                "analytics",
                "cookies_analytics",
                ("logs", "devices"),
                Text(
                    "Monthly aggregated usage statistics (no identifiers).",
                    "每月汇总的使用统计（不含身份标识）。",
                ),
            ),
        )
        for kind, purpose, categories, description in periodic:
            recipient = self.ctx.catalogue.recipients_of_type(kind)[0]
            # a partner abroad receives data only under its own transfer consent
            purpose = recipient.consent_purpose or purpose
            for month in range(12, 0, -1):
                at = self.anchor - timedelta(days=30 * month - 2, hours=self.rng.randint(1, 9))
                if self._granted_at(purpose, at):
                    self._event(recipient.name, at, categories, description)

    def add_policy_events(self) -> None:
        """A transfer on merger (to every shopper with cross-border-like orders) and a public
        disclosure the first shopper chose, each with the notice that told them; only at a shop
        whose catalogue has such recipients."""
        rng, catalogue = self.extra_rng, self.ctx.catalogue
        merger = self.ctx.notices.get("merger")
        for successor in catalogue.recipients_of_type("successor"):
            if merger is None or not self.orders:
                continue
            self._event(
                successor.name,
                merger.published_at - timedelta(days=2, hours=rng.randint(1, 9)),
                ("account", "orders", "payments"),
                Text(
                    f"Account, {len(self.orders)} orders and their payments transferred with the "
                    "cross-border purchasing business.",
                    f"账户、{len(self.orders)} 笔订单及其支付信息随跨境采购业务一并转让。",
                ),
                kind="merger_transfer",
                notice_id=merger.id,
            )
        for public in catalogue.recipients_of_type("public"):
            if self.index != 0:
                continue
            at = self.anchor - timedelta(days=rng.randint(30, 60), hours=rng.randint(1, 9))
            notice = Notice(
                user_id=self.user.id,
                kind="public_disclosure",
                severity="info",
                title="Your review is public",
                body="As you chose, your review of an order is shown on the product page with "
                "your member name. You can hide the name or remove the review at any time.",
                title_zh="您的评价已公开",
                body_zh="按照您的选择，您对一笔订单的评价连同会员名显示在商品页面上。"
                "您可以随时隐藏会员名或删除该评价。",
                published_at=at + timedelta(minutes=5),
            )
            self.session.add(notice)
            self.session.flush()
            self._event(
                public.name,
                at,
                ("account",),
                Text(
                    "Your member name published with your product review, at your choice.",
                    "按照您的选择，会员名随商品评价一同公开。",
                ),
                self.orders[-1].id if self.orders else None,
                kind="public_disclosure",
                notice_id=notice.id,
            )

    def add_violation_disclosure(self) -> None:
        """The second shopper, who also sells on the shop, broke its seller rules seriously:
        the shop published the store and the penalty, under the policy's own clause for
        disclosing rule breakers (Silumart 3.C.2), and told them in a personal notice. Only at
        a shop whose policy has such a clause and whose catalogue names the public."""
        clause = policy_for(self.ctx.profile.id).violation_disclosure
        public = self.ctx.catalogue.recipients_of_type("public")
        if clause is None or not public or self.index != 1:
            return
        # a fixed date: drawing it from a generator would change every later draw's data
        at = self.anchor - timedelta(days=84, hours=3)
        notice = Notice(
            user_id=self.user.id,
            kind="public_disclosure",
            severity="warning",
            title="Your store's penalty is published",
            body="Items listed by your store were found to be counterfeit, a serious breach of "
            "the seller rules you accepted. As the privacy policy provides for such breaches, "
            "the shop published your store's name, its operator's member name and the penalty "
            "(listings suspended for 30 days) on its rule-enforcement page. To contest it, "
            "file a complaint.",
            title_zh="您店铺的处罚已公示",
            body_zh="经查，您的店铺所售商品为假冒商品，严重违反您已接受的卖家规则。"
            "根据隐私政策对此类违规的规定，商城已在规则执行公示页公开您的店铺名称、"
            "经营者会员名及处罚措施（暂停商品上架 30 天）。如有异议，请提交投诉。",
            published_at=at + timedelta(hours=1),
            clause=clause,
        )
        self.session.add(notice)
        self.session.flush()
        self._event(
            public[0].name,
            at,
            ("account",),
            Text(
                "Your store's name, your member name and the penalty for selling counterfeit "
                "goods, on the shop's rule-enforcement page.",
                "您的店铺名称、会员名及销售假冒商品的处罚，公示于商城规则执行页面。",
            ),
            kind="public_disclosure",
            notice_id=notice.id,
            clause=clause,
        )

    def add_service_contacts(self) -> None:
        """Calls, chats, e-mails and letters with customer service (a shop whose policy keeps
        such records lists the category)."""
        if not any(c.key == "service_records" for c in self.ctx.catalogue.categories):
            return
        rng = self.extra_rng
        topics = (
            (
                "Asked where a parcel was",
                "询问包裹位置",
                "Tracking checked with the courier; delivered the next day.",
                "已与快递核实物流，次日送达。",
            ),
            (
                "Reported a damaged item",
                "反映商品破损",
                "Replacement sent free of charge.",
                "已免费补发。",
            ),
            (
                "Asked to change the delivery address",
                "要求修改收货地址",
                "Address changed before dispatch.",
                "已在发货前修改地址。",
            ),
            (
                "Complained about a late refund",
                "投诉退款延迟",
                "Refund pushed through; apology coupon given.",
                "已加急退款并赠送致歉优惠券。",
            ),
            (
                "Asked how to download my data",
                "咨询如何下载个人数据",
                "Explained the access request in the dashboard.",
                "已说明如何在管理面板中提交访问申请。",
            ),
        )
        channels = ("phone", "online_chat", "email", "letter")
        for _ in range(rng.randint(4, 7)):
            summary, summary_zh, outcome, outcome_zh = rng.choice(topics)
            channel = rng.choices(channels, weights=(4, 5, 2, 1))[0]
            order = rng.choice(self.orders) if self.orders and rng.random() < 0.7 else None
            at = (order.placed_at if order else self.anchor - timedelta(days=300)) + timedelta(
                days=rng.uniform(1, 10)
            )
            self.session.add(
                ServiceContact(
                    user_id=self.user.id,
                    at=min(at, self.anchor - timedelta(hours=2)),
                    channel=channel,
                    summary=summary,
                    summary_zh=summary_zh,
                    outcome=outcome,
                    outcome_zh=outcome_zh,
                    duration_seconds=rng.randint(60, 900) if channel == "phone" else None,
                    order_id=order.id if order else None,
                )
            )

    # decisions

    def add_decisions(self) -> None:
        rng, shop = self.rng, self.ctx.profile
        orders = self.orders
        blocked = next(o for o in orders if o.status == "cancelled")
        big = max(orders, key=lambda o: o.total_cents)
        version = "4.2.1" if shop.default_retention != "until_account_closed" else "2026.09"

        def weights(*names: str) -> str:
            raw = [rng.uniform(0.1, 1.0) for _ in names]
            total = sum(raw)
            return json.dumps(
                [
                    {"factor": n, "weight": round(w / total, 2)}
                    for n, w in sorted(zip(names, raw, strict=True), key=lambda p: -p[1])
                ]
            )

        minor = self.account.is_minor
        if minor:
            pay_later = Text(
                "Pay later: not offered (the account holder is a minor)",
                "先用后付：未开通（账户持有人未成年）",
            )
        else:
            limit = rng.choice((800, 1500, 3000))
            pay_later = Text(
                f"Pay later: approved, limit ¥{limit}", f"先用后付：已通过，额度 ¥{limit}"
            )
        decisions: list[Decision] = [
            Decision(
                system="RiskGuard risk engine",
                system_zh="风控引擎 RiskGuard",
                kind="risk_flag",
                outcome="Sign-in from a new device in another city: extra SMS check required",
                outcome_zh="新设备异地登录，需要额外的短信验证",
                significance="medium",
                at=_ago(rng, self.anchor, 200, 48),
                model_version=f"riskguard-{version}",
                inputs=json.dumps(["devices", "locations", "logs"]),
                factors=weights("new_device", "login_city_change", "night_time_login"),
            ),
            Decision(
                system="PayShield payment risk control",
                system_zh="支付风控 PayShield",
                kind="transaction_block",
                outcome=f"Payment for order {blocked.number} blocked and refunded",
                outcome_zh=f"订单 {blocked.number} 的支付被拦截，款项已退回",
                significance="high",
                at=blocked.placed_at + timedelta(minutes=2),
                model_version=f"payshield-{version}",
                inputs=json.dumps(["orders", "payments", "devices", "locations"]),
                factors=weights("amount_vs_history", "shipping_address_new", "card_recently_added"),
                order_id=blocked.id,
            ),
            Decision(
                system="CouponMatch marketing engine",
                system_zh="营销引擎 CouponMatch",
                kind="coupon_eligibility",
                outcome="Eligible for a ¥30 off ¥199 coupon",
                outcome_zh="获得满199减30优惠券",
                significance="low",
                at=_ago(rng, self.anchor, 90, 24),
                model_version="couponmatch-1.8",
                inputs=json.dumps(["orders", "tracks", "tags"]),
                factors=weights("category_affinity", "days_since_last_order", "basket_size"),
            ),
            Decision(
                system="Pay-later eligibility check",
                system_zh="先用后付资格评估",
                kind="credit_limit",
                outcome=pay_later.en,
                outcome_zh=pay_later.zh,
                significance="high",
                at=_ago(rng, self.anchor, 400, 24 * 30),
                model_version=f"paylater-{version}",
                inputs=json.dumps(["identity_verification", "orders", "payments", "account"]),
                factors=weights(
                    "account_age", "on_time_repayments", "order_frequency", "age_check"
                ),
            ),
        ]
        extras = [
            Decision(
                system="RiskGuard risk engine",
                system_zh="风控引擎 RiskGuard",
                kind="risk_flag",
                outcome="Delivery address changed right after payment: order held for 2 hours",
                outcome_zh="付款后修改了收货地址，订单暂缓发货 2 小时",
                significance="medium",
                at=big.placed_at + timedelta(minutes=30),
                model_version=f"riskguard-{version}",
                inputs=json.dumps(["orders", "account"]),
                factors=weights("address_change_after_payment", "order_value"),
                order_id=big.id,
            ),
            Decision(
                system="CouponMatch marketing engine",
                system_zh="营销引擎 CouponMatch",
                kind="coupon_eligibility",
                outcome="Not eligible for the new-customer coupon",
                outcome_zh="不符合新人券领取条件",
                significance="low",
                at=_ago(rng, self.anchor, 30, 24),
                model_version="couponmatch-1.9",
                inputs=json.dumps(["orders", "account"]),
                factors=weights("previous_orders", "account_age"),
            ),
        ]
        decisions.extend(extras[: rng.randint(0, 2)])
        for decision in decisions:
            decision.user_id = self.user.id
        self.session.add_all(decisions)

    # consents, subscriptions, policy

    def _granted_at(self, purpose: str, at: datetime) -> bool:
        state = False
        for when, granted in self.timeline.get(purpose, []):
            if when <= at:
                state = granted
        return state

    def add_consents(self) -> None:
        rng = self.rng
        signup = self.user.created_at + timedelta(minutes=2)
        minor = self.account.is_minor
        for purpose in self.ctx.catalogue.purposes:
            history: list[tuple[datetime, bool]] = []
            if purpose.required:
                history.append((signup, True))
            elif purpose.destination_country:
                # a transfer abroad: asked for when the policy introduced it, 12 days ago
                history.append((signup + timedelta(seconds=30), False))
                if self.extra_rng.random() < 0.6 or self.index == 0:
                    history.append((self.anchor - timedelta(days=11, hours=self.index + 2), True))
            else:
                initially = rng.random() < 0.8
                history.append((signup + timedelta(seconds=rng.randint(1, 60)), initially))
                if purpose.key == "personalised_recommendations":
                    final = True
                elif purpose.key == "marketing_messages" and self.index == 0:
                    final = False  # the first shopper shows a withdrawal in the history
                elif minor and purpose.key == "partner_advertising_aggregated":
                    final = False
                else:
                    final = rng.random() < 0.6
                if final != initially:
                    history.append((_ago(rng, self.anchor, 300, 24), final))
            self.timeline[purpose.key] = history
            for at, granted in history:
                self._consent_event(purpose.key, granted, at)
            last_at, last_granted = history[-1]
            self.session.add(
                ConsentState(
                    user_id=self.user.id,
                    purpose=purpose.key,
                    granted=last_granted,
                    updated_at=last_at,
                    policy_version=self.ctx.policy_version_at(last_at),
                )
            )
        self.user.personalization = self.timeline["personalised_recommendations"][-1][1]

    def _consent_event(self, purpose: str, granted: bool, at: datetime) -> None:
        receipt_id = f"rcpt_{self.rng.getrandbits(96):024x}"
        version = self.ctx.policy_version_at(at)
        receipt = {
            "id": receipt_id,
            "purpose": purpose,
            "granted": granted,
            "at": rfc3339(at),
            "policy_version": version,
            "subject": self.account.customer_no,
        }
        self.session.add(
            ConsentEvent(
                receipt_id=receipt_id,
                user_id=self.user.id,
                purpose=purpose,
                granted=granted,
                at=at,
                policy_version=version,
                kid=self.ctx.signer.kid,
                signature=self.ctx.signer.sign_json(receipt),
            )
        )

    def add_subscriptions(self) -> None:
        marketing = self.timeline["marketing_messages"][-1]
        for channel in CHANNELS:
            enabled = marketing[1] and (channel == "internal_letter" or self.rng.random() < 0.6)
            self.session.add(
                Subscription(
                    user_id=self.user.id, channel=channel, enabled=enabled, updated_at=marketing[0]
                )
            )

    def add_policy_ack(self) -> None:
        older = self.ctx.catalogue.policy_versions[-2]
        at = (
            self.anchor
            - timedelta(days=older.days_before_anchor)
            + timedelta(days=self.rng.uniform(0.5, 5))
        )
        self.session.add(PolicyAck(user_id=self.user.id, version=older.version, at=at))


# --- entry points ----------------------------------------------------------------------------


def _engine_of(factory: sessionmaker[Session]) -> Engine:
    with factory() as session:
        bind: Any = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def seed_demo(
    factory: sessionmaker[Session],
    profile: ShopProfile,
    clock: Clock,
    signer: Signer,
    *,
    seed: int = DEFAULT_SEED,
    tracks: int = 3000,
) -> list[DemoAccount]:
    """Fill an empty database with the shop's demo data; a database with users is left alone.

    The first shopper gets `tracks` My Tracks entries (above BULK_TRACKS_THRESHOLD through
    `seed_bulk_tracks`); the other shoppers a few hundred each.
    """
    accounts = demo_accounts(profile)
    anchor = demo_anchor(clock.now())
    catalogue = catalogue_for(profile)
    first_user_id: int | None = None
    with transaction(factory) as session:
        if session.scalar(select(User.id).limit(1)) is not None:
            return accounts
        recipients, notices = _seed_catalogue(session, catalogue, anchor)
        ctx = _Context(
            session, profile, catalogue, recipients, signer, anchor, Faker("zh_CN"), Faker("en_US")
        )
        ctx.notices = notices
        shopper_index = 0
        for account in accounts:
            seeder = _ShopperSeeder(ctx, account, shopper_index, seed)
            user = seeder.add_user()
            seeder.add_profile_fields()
            if account.role != "shopper":
                continue
            if account.guardian_of is not None:
                # a guardian's own account is small: the point of it is the ward's dashboard
                seeder.add_consents()
                seeder.add_subscriptions()
                seeder.add_policy_ack()
                continue
            if shopper_index == 0:
                first_user_id = user.id
                seeder.add_tracks(tracks if tracks <= BULK_TRACKS_THRESHOLD else 0)
            else:
                seeder.add_tracks(OTHER_SHOPPER_TRACKS[(shopper_index - 1) % 2])
            seeder.add_devices()
            seeder.add_locations()
            seeder.add_logs()
            seeder.add_tags()
            seeder.add_consents()
            seeder.add_orders()
            seeder.add_periodic_events()
            seeder.add_policy_events()
            seeder.add_violation_disclosure()
            seeder.add_service_contacts()
            seeder.add_decisions()
            seeder.add_subscriptions()
            seeder.add_policy_ack()
            shopper_index += 1
        seed_guardians_and_incidents(session, profile, accounts, anchor)
    if first_user_id is not None and tracks > BULK_TRACKS_THRESHOLD:
        seed_bulk_tracks(_engine_of(factory), first_user_id, tracks, seed=seed + 1, anchor=anchor)
    return accounts
