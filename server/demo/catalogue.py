"""Shop-level demo data: data categories, consent purposes, cookies, recipients, policy, notices.

The two demo shops share one domain (taken from their privacy policies) but differ where the
policies differ: Silumart keeps data for fixed periods, Sinomai until the account is closed;
their section numbering, partners and policy histories are their own. All text is original.
Dates are given as whole days before the generator's anchor so the data stays deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.shops import SILUMART, SINOMAI, ShopProfile

CATEGORY_KEYS: tuple[str, ...] = (
    "account",
    "profile",
    "identity_verification",
    "devices",
    "locations",
    "logs",
    "tracks",
    "tags",
    "orders",
    "payments",
    "decisions",
    "consents",
    "subscriptions",
    "sharing",
)

LEGAL_BASES: tuple[str, ...] = (
    "consent",
    "contract",
    "legal_obligation",
    "legitimate_interest",
    "vital_interest",
    "public_interest",
)


@dataclass(frozen=True)
class CategorySpec:
    key: str
    title: str
    title_zh: str
    sensitive: bool
    purposes: tuple[str, ...]
    legal_basis: str
    retention: str
    storage_country: str
    storage_vendor: str
    source: str  # provided | collected | inferred | partner
    policy_section: str


@dataclass(frozen=True)
class PurposeSpec:
    key: str
    title: str
    title_zh: str
    description: str
    legal_basis: str
    required: bool


@dataclass(frozen=True)
class CookieSpec:
    name: str
    technology: str  # cookie | flash_cookie | local_storage | web_beacon | pixel_tag
    purpose: str
    consent_purpose: str | None  # None: strictly necessary
    party: str  # first | third
    provider: str
    lifetime: str


@dataclass(frozen=True)
class RecipientSpec:
    name: str
    type: str
    categories: tuple[str, ...]
    purpose: str
    legal_basis: str
    identifiable: bool
    country: str


@dataclass(frozen=True)
class PolicyVersionSpec:
    version: str
    days_before_anchor: int
    major: bool
    summary: str
    changes: tuple[str, ...]
    url: str


@dataclass(frozen=True)
class NoticeSpec:
    kind: str  # security_incident | policy_update | service
    severity: str  # info | warning | critical
    title: str
    body: str
    days_before_anchor: int


@dataclass(frozen=True)
class ShopCatalogue:
    """Everything shop-wide the generator writes before any shopper's data."""

    categories: tuple[CategorySpec, ...]
    purposes: tuple[PurposeSpec, ...]
    cookies: tuple[CookieSpec, ...]
    recipients: tuple[RecipientSpec, ...]
    policy_versions: tuple[PolicyVersionSpec, ...]  # oldest first; the last is in force
    notices: tuple[NoticeSpec, ...]

    def recipients_of_type(self, kind: str) -> tuple[RecipientSpec, ...]:
        return tuple(r for r in self.recipients if r.type == kind)


# --- consent purposes (the same set at both shops; the wording is the shops' own) -------------

_PURPOSES: tuple[PurposeSpec, ...] = (
    PurposeSpec(
        "membership",
        "Membership account",
        "会员账户",
        "Running your member account: sign-in, order history, after-sales service. "
        "Without it we cannot keep an account for you.",
        "contract",
        True,
    ),
    PurposeSpec(
        "risk_control",
        "Fraud prevention and account security",
        "风险控制与账户安全",
        "Spotting stolen accounts, fake orders and payment fraud from device, log and order "
        "signals. It protects you and other shoppers, so it cannot be switched off.",
        "legitimate_interest",
        True,
    ),
    PurposeSpec(
        "real_name_verification",
        "Real-name verification",
        "实名认证",
        "Checking your identity where the law requires it, for example before cross-border "
        "purchases or certain payment services.",
        "legal_obligation",
        True,
    ),
    PurposeSpec(
        "personalised_recommendations",
        "Personalised recommendations",
        "个性化推荐",
        "Using your searches, browsing, orders and interest tags to rank products for you. "
        "When off, you see the same lists as a signed-out visitor.",
        "consent",
        False,
    ),
    PurposeSpec(
        "marketing_messages",
        "Marketing messages",
        "营销信息推送",
        "Sending promotions by SMS, e-mail, push notification and in-site letters. "
        "Each channel can also be switched off on its own.",
        "consent",
        False,
    ),
    PurposeSpec(
        "location_services",
        "Location-based services",
        "位置服务",
        "Using GPS, Wi-Fi and base-station location to suggest nearby pickup points and "
        "delivery estimates.",
        "consent",
        False,
    ),
    PurposeSpec(
        "cookies_analytics",
        "Analytics cookies and similar technologies",
        "分析类Cookie及同类技术",
        "Measuring how pages are used with cookies, local storage, web beacons and pixel tags "
        "so we can fix and improve the site.",
        "consent",
        False,
    ),
    PurposeSpec(
        "partner_advertising_aggregated",
        "Aggregated statistics for advertising partners",
        "向广告合作方提供汇总统计",
        "Giving advertising partners audience statistics that cannot identify you "
        "(for example, how many people in a city clicked an ad).",
        "consent",
        False,
    ),
)

# --- cookies and similar technologies -------------------------------------------------------


def _cookies(first_party: str, prefix: str, ad_partner: str) -> tuple[CookieSpec, ...]:
    # ad_partner: each shop names only its own advertising partner
    return (
        CookieSpec(
            f"{prefix}_sid",
            "cookie",
            "Keeps you signed in during a visit.",
            None,
            "first",
            first_party,
            "session",
        ),
        CookieSpec(
            f"{prefix}_csrf",
            "cookie",
            "Protects forms against cross-site requests.",
            None,
            "first",
            first_party,
            "session",
        ),
        CookieSpec(
            f"{prefix}_cart",
            "local_storage",
            "Remembers your shopping cart.",
            None,
            "first",
            first_party,
            "30 days",
        ),
        CookieSpec(
            f"{prefix}_dev_fp",
            "local_storage",
            "Device check that helps detect account takeover.",
            "risk_control",
            "first",
            first_party,
            "1 year",
        ),
        CookieSpec(
            f"{prefix}_lang",
            "cookie",
            "Your language and region choice.",
            None,
            "first",
            first_party,
            "1 year",
        ),
        CookieSpec(
            f"{prefix}_reco",
            "cookie",
            "Recently viewed items used to personalise recommendations.",
            "personalised_recommendations",
            "first",
            first_party,
            "90 days",
        ),
        CookieSpec(
            "legacy_player_lso",
            "flash_cookie",
            "Old video-player setting store kept for legacy browsers.",
            "cookies_analytics",
            "first",
            first_party,
            "1 year",
        ),
        CookieSpec(
            "_sg_stats",
            "cookie",
            "Counts visits and page views.",
            "cookies_analytics",
            "third",
            "数观分析 Shuguan Analytics",
            "13 months",
        ),
        CookieSpec(
            "sg_beacon.gif",
            "web_beacon",
            "Tells us whether a marketing e-mail was opened.",
            "marketing_messages",
            "first",
            first_party,
            "n/a",
        ),
        CookieSpec(
            "jdn_px",
            "pixel_tag",
            "Counts ad conversions in aggregate for advertising partners.",
            "partner_advertising_aggregated",
            "third",
            ad_partner,
            "90 days",
        ),
        CookieSpec(
            f"{prefix}_geo",
            "local_storage",
            "Caches your last pickup-point search area.",
            "location_services",
            "first",
            first_party,
            "7 days",
        ),
    )


# --- Silumart --------------------------------------------------------------------------------


def _silumart(profile: ShopProfile) -> ShopCatalogue:
    country, vendor = profile.storage.country, profile.storage.vendor

    def cat(
        key: str,
        title: str,
        title_zh: str,
        sensitive: bool,
        purposes: tuple[str, ...],
        basis: str,
        retention: str,
        source: str,
        section: str,
    ) -> CategorySpec:
        return CategorySpec(
            key,
            title,
            title_zh,
            sensitive,
            purposes,
            basis,
            retention,
            country,
            vendor,
            source,
            section,
        )

    categories = (
        cat(
            "account",
            "Membership account",
            "会员账户信息",
            False,
            ("membership",),
            "contract",
            "P3Y",
            "provided",
            "1.A",
        ),
        cat(
            "profile",
            "Optional profile",
            "补充资料",
            False,
            ("membership", "personalised_recommendations"),
            "consent",
            "P3Y",
            "provided",
            "1.A",
        ),
        cat(
            "identity_verification",
            "Identity verification",
            "实名认证信息",
            True,
            ("real_name_verification", "risk_control"),
            "legal_obligation",
            "P5Y",
            "partner",
            "1.D",
        ),
        cat(
            "devices",
            "Devices",
            "设备信息",
            False,
            ("risk_control", "personalised_recommendations"),
            "legitimate_interest",
            "P1Y",
            "collected",
            "1.C.2",
        ),
        cat(
            "locations",
            "Locations",
            "位置信息",
            True,
            ("location_services", "risk_control"),
            "consent",
            "P6M",
            "collected",
            "1.C.2",
        ),
        cat(
            "logs",
            "Usage logs",
            "日志信息",
            False,
            ("risk_control", "cookies_analytics"),
            "legal_obligation",
            "P6M",
            "collected",
            "1.C.2",
        ),
        cat(
            "tracks",
            "My Tracks (searches and views)",
            "我的足迹（搜索与浏览）",
            False,
            ("personalised_recommendations",),
            "consent",
            "P1Y",
            "collected",
            "1.B",
        ),
        cat(
            "tags",
            "Interest tags",
            "兴趣标签（人群画像）",
            False,
            ("personalised_recommendations", "partner_advertising_aggregated"),
            "consent",
            "P1Y",
            "inferred",
            "1.B",
        ),
        cat(
            "orders",
            "Orders and delivery",
            "订单与物流信息",
            True,
            ("membership",),
            "legal_obligation",
            "P3Y",
            "provided",
            "1.C.2",
        ),
        cat(
            "payments",
            "Payments",
            "支付信息",
            True,
            ("membership", "risk_control"),
            "legal_obligation",
            "P3Y",
            "partner",
            "1.C.1",
        ),
        cat(
            "decisions",
            "Automated decisions",
            "自动化决策记录",
            False,
            ("risk_control",),
            "legitimate_interest",
            "P3Y",
            "inferred",
            "5.F",
        ),
        cat(
            "consents",
            "Consent records",
            "授权同意记录",
            False,
            ("membership",),
            "legal_obligation",
            "P5Y",
            "provided",
            "5.D",
        ),
        cat(
            "subscriptions",
            "Marketing subscriptions",
            "营销订阅",
            False,
            ("marketing_messages",),
            "consent",
            "P1Y",
            "provided",
            "1.B",
        ),
        cat(
            "sharing",
            "Sharing with partners",
            "共享与披露记录",
            False,
            ("membership",),
            "legal_obligation",
            "P3Y",
            "collected",
            "3.A",
        ),
    )
    recipients = (
        RecipientSpec(
            "顺达物流 Shunda Logistics",
            "logistics",
            ("account", "orders"),
            "Delivering your parcels.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "云迅快递 Yunxun Express",
            "logistics",
            ("account", "orders"),
            "Delivering your parcels.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "北辰供应链 Beichen Supply Chain",
            "logistics",
            ("orders",),
            "Warehousing and bulky-item delivery.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "银信支付 Yinxin Payments",
            "payment",
            ("orders", "payments"),
            "Processing card and wallet payments and refunds.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "汇联先付 Huilian PayLater",
            "payment",
            ("orders", "payments", "decisions"),
            "Buy-now-pay-later instalments.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            vendor,
            "infrastructure",
            ("account", "profile", "devices", "logs", "tracks", "orders"),
            "Cloud hosting of the shop's databases.",
            "contract",
            True,
            country,
        ),
        RecipientSpec(
            "青禾客服 Qinghe Customer Care",
            "customer_service",
            ("account", "orders"),
            "Outsourced after-sales hotline.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "聚点广告 Judian Ads",
            "advertising",
            ("tags",),
            "Aggregated audience statistics for ad campaigns.",
            "consent",
            False,
            "CN",
        ),
        RecipientSpec(
            "数观分析 Shuguan Analytics",
            "analytics",
            ("logs", "devices"),
            "Aggregated site usage statistics.",
            "consent",
            False,
            "SG",
        ),
        RecipientSpec(
            "公安机关（依法调取） Public security authority (lawful request)",
            "authority",
            ("account", "orders", "logs"),
            "Disclosure required by law in a criminal investigation.",
            "legal_obligation",
            True,
            "CN",
        ),
    )
    versions = (
        PolicyVersionSpec(
            "2023.1",
            1500,
            False,
            "Clarified how long usage logs are kept.",
            (
                "Usage logs: retention stated as six months.",
                "New contact address for privacy questions.",
            ),
            "https://silumart.example/privacy/2023.1",
        ),
        PolicyVersionSpec(
            "2025.3",
            420,
            False,
            "Added the pay-later partner and its data.",
            (
                "New payment partner for instalments (先用后付).",
                "Explained the automated eligibility check for instalments.",
            ),
            "https://silumart.example/privacy/2025.3",
        ),
        PolicyVersionSpec(
            profile.policy_version,
            12,
            True,
            "Major update: analytics moved to a Singapore partner; new consent choices.",
            (
                "Analytics statistics are now processed in Singapore (global transfer).",
                "Cookie analytics became a separate consent you can refuse.",
                "Interest tags can be removed one by one.",
                "Requests are answered within 15 working days.",
            ),
            f"https://silumart.example/privacy/{profile.policy_version}",
        ),
    )
    notices = (
        NoticeSpec(
            "security_incident",
            "warning",
            "Security notice: unusual sign-in attempts / 异常登录尝试通报",
            "Between 3 and 5 March we blocked a wave of sign-in attempts using passwords "
            "leaked elsewhere. No payment data was exposed. "
            "如您在其他网站使用相同密码，请尽快修改。",
            260,
        ),
        NoticeSpec(
            "policy_update",
            "info",
            f"Privacy policy {profile.policy_version} / 隐私政策更新",
            "We updated our privacy policy: analytics now runs in Singapore and analytics "
            "cookies need your consent. 请在“通知”中查看变更并确认。",
            12,
        ),
        NoticeSpec(
            "service",
            "info",
            "Planned maintenance / 系统维护公告",
            "Order history may be unavailable for up to two hours during a database upgrade "
            "on Saturday night. 维护期间下单与支付不受影响。",
            4,
        ),
    )
    return ShopCatalogue(
        categories,
        _PURPOSES,
        _cookies("Silumart", "slm", "聚点广告 Judian Ads"),
        recipients,
        versions,
        notices,
    )


# --- Sinomai ---------------------------------------------------------------------------------


def _sinomai(profile: ShopProfile) -> ShopCatalogue:
    country, vendor = profile.storage.country, profile.storage.vendor
    forever = profile.default_retention  # until_account_closed

    def cat(
        key: str,
        title: str,
        title_zh: str,
        sensitive: bool,
        purposes: tuple[str, ...],
        basis: str,
        source: str,
        section: str,
    ) -> CategorySpec:
        return CategorySpec(
            key,
            title,
            title_zh,
            sensitive,
            purposes,
            basis,
            forever,
            country,
            vendor,
            source,
            section,
        )

    categories = (
        cat(
            "account",
            "Member account",
            "会员账户信息",
            False,
            ("membership",),
            "contract",
            "provided",
            "1",
        ),
        cat(
            "profile",
            "Additional profile",
            "补充资料",
            False,
            ("membership", "personalised_recommendations"),
            "consent",
            "provided",
            "1",
        ),
        cat(
            "identity_verification",
            "Real-name verification",
            "实名认证信息",
            True,
            ("real_name_verification",),
            "legal_obligation",
            "partner",
            "",
        ),
        cat(
            "devices",
            "Device information",
            "设备信息",
            False,
            ("risk_control", "personalised_recommendations"),
            "legitimate_interest",
            "collected",
            "1.4",
        ),
        cat(
            "locations",
            "Location information",
            "位置信息",
            True,
            ("location_services", "risk_control"),
            "consent",
            "collected",
            "",
        ),
        cat(
            "logs",
            "Web logs",
            "网络日志",
            False,
            ("risk_control", "cookies_analytics"),
            "legitimate_interest",
            "collected",
            "1.4",
        ),
        cat(
            "tracks",
            "Browsing and search history",
            "浏览与搜索记录",
            False,
            ("personalised_recommendations",),
            "consent",
            "collected",
            "",
        ),
        cat(
            "tags",
            "Crowd-portrait tags",
            "人群画像标签",
            False,
            ("personalised_recommendations", "partner_advertising_aggregated"),
            "consent",
            "inferred",
            "",
        ),
        cat("orders", "Orders", "订单信息", True, ("membership",), "contract", "provided", "1.1"),
        cat(
            "payments",
            "Payment information",
            "支付信息",
            True,
            ("membership", "risk_control"),
            "legal_obligation",
            "partner",
            "1.3",
        ),
        cat(
            "decisions",
            "Automated decisions",
            "自动化决策",
            False,
            ("risk_control",),
            "legitimate_interest",
            "inferred",
            "",
        ),
        cat(
            "consents",
            "Consent history",
            "授权记录",
            False,
            ("membership",),
            "legal_obligation",
            "provided",
            "",
        ),
        cat(
            "subscriptions",
            "Commercial messages",
            "商业信息订阅",
            False,
            ("marketing_messages",),
            "consent",
            "provided",
            "2.2",
        ),
        cat(
            "sharing",
            "Disclosures to partners",
            "对外提供记录",
            False,
            ("membership",),
            "legal_obligation",
            "collected",
            "2.P.entrusted",
        ),
    )
    recipients = (
        RecipientSpec(
            "顺达物流 Shunda Logistics",
            "logistics",
            ("account", "orders"),
            "Parcel delivery.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "南岭速运 Nanling Express",
            "logistics",
            ("account", "orders"),
            "Parcel delivery in southern provinces.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "鹏程仓配 Pengcheng Fulfilment",
            "logistics",
            ("orders",),
            "Warehouse picking and packing.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "金桥支付 Jinqiao Pay",
            "payment",
            ("orders", "payments"),
            "Card and wallet payments.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "信达消费金融 Xinda Consumer Finance",
            "payment",
            ("orders", "payments", "decisions"),
            "Instalment credit after your application.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            vendor,
            "infrastructure",
            ("account", "profile", "devices", "logs", "tracks", "orders"),
            "Cloud servers and backups.",
            "contract",
            True,
            country,
        ),
        RecipientSpec(
            "星河云客服 Xinghe Cloud Support",
            "customer_service",
            ("account", "orders"),
            "Online chat and call-centre support.",
            "contract",
            True,
            "CN",
        ),
        RecipientSpec(
            "引力广告 Yinli Advertising",
            "advertising",
            ("tags",),
            "Aggregated reach and conversion statistics.",
            "consent",
            False,
            "CN",
        ),
        RecipientSpec(
            "数观分析 Shuguan Analytics",
            "analytics",
            ("logs", "devices"),
            "Aggregated usage statistics.",
            "consent",
            False,
            "CN",
        ),
        RecipientSpec(
            "市场监督管理部门 Market regulation authority",
            "authority",
            ("orders",),
            "Answers to a regulator's lawful inquiry.",
            "legal_obligation",
            True,
            "CN",
        ),
    )
    versions = (
        PolicyVersionSpec(
            "2.4",
            1500,
            False,
            "Added Wi-Fi and base-station location to the list of signals.",
            ("Location: Wi-Fi and base-station signals named explicitly.",),
            "https://sinomai.example/privacy/2.4",
        ),
        PolicyVersionSpec(
            "3.0",
            300,
            True,
            "Major update: instalment credit partner, real-name verification, crowd portraits.",
            (
                "New consumer-finance partner for instalments.",
                "Real-name verification for instalment and cross-border orders.",
                "Crowd-portrait tags explained and made visible to you.",
                "Data is kept until you cancel your account.",
            ),
            "https://sinomai.example/privacy/3.0",
        ),
        PolicyVersionSpec(
            profile.policy_version,
            20,
            False,
            "New customer-service partner; wording fixes.",
            (
                "Customer-service chat moved to a new provider.",
                "Clarified that advertising partners receive aggregated statistics only.",
            ),
            f"https://sinomai.example/privacy/{profile.policy_version}",
        ),
    )
    notices = (
        NoticeSpec(
            "security_incident",
            "critical",
            "Incident report: courier label data / 快递面单信息安全事件",
            "A contractor of one delivery partner printed extra copies of shipping labels. "
            "Names, masked phone numbers and addresses of some orders may have been seen. "
            "我们已终止该外包人员的访问权限，并提醒您警惕冒充客服的电话。",
            150,
        ),
        NoticeSpec(
            "policy_update",
            "info",
            f"Privacy policy {profile.policy_version} published / 隐私政策已更新",
            "A minor update: customer-service chat has a new provider. 变更摘要见政策版本列表。",
            20,
        ),
        NoticeSpec(
            "service",
            "info",
            "Double-12 delivery times / 双十二配送提示",
            "Parcels may take one or two extra days during the December sale. "
            "偏远地区配送时效可能延长。",
            3,
        ),
    )
    return ShopCatalogue(
        categories,
        _PURPOSES,
        _cookies("Sinomai", "snm", "引力广告 Yinli Advertising"),
        recipients,
        versions,
        notices,
    )


CATALOGUES: dict[str, ShopCatalogue] = {
    SILUMART.id: _silumart(SILUMART),
    SINOMAI.id: _sinomai(SINOMAI),
}


def catalogue_for(profile: ShopProfile) -> ShopCatalogue:
    """The catalogue of a known demo shop, or one built from a Silumart-like template."""
    found = CATALOGUES.get(profile.id)
    if found is not None:
        return found
    if profile.default_retention == "until_account_closed":
        return _sinomai(profile)
    return _silumart(profile)
