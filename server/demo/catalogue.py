"""Shop-level demo data: data categories, consent purposes, cookies, recipients, policy, notices.

The two demo shops share one domain (taken from their privacy policies) but differ where the
policies differ: Silumart keeps data for fixed periods, Sinomai until the account is closed;
their section numbering, partners and policy histories are their own. All text is original.
Dates are given as whole days before the generator's anchor so the data stays deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    storage_vendor_zh: str = ""


@dataclass(frozen=True)
class PurposeSpec:
    key: str
    title: str
    title_zh: str
    description: str
    legal_basis: str
    required: bool
    description_zh: str = ""
    destination_country: str = ""  # a cross-border transfer purpose: where the data goes


@dataclass(frozen=True)
class CookieSpec:
    name: str
    technology: str  # cookie | flash_cookie | local_storage | web_beacon | pixel_tag
    purpose: str
    consent_purpose: str | None  # None: strictly necessary
    party: str  # first | third
    provider: str
    lifetime: str
    purpose_zh: str = ""
    provider_zh: str = ""
    lifetime_zh: str = ""


@dataclass(frozen=True)
class RecipientSpec:
    name: str
    type: str
    categories: tuple[str, ...]
    purpose: str
    legal_basis: str
    identifiable: bool
    country: str
    name_zh: str = ""
    purpose_zh: str = ""
    # the data-protection agreement: (days before the anchor it was signed, scope, scope_zh)
    agreement: tuple[int, str, str] | None = None
    consent_purpose: str = ""  # the one consent that allows sharing with this partner


@dataclass(frozen=True)
class ImpactAssessmentSpec:
    subject: str
    subject_zh: str
    days_before_anchor: int
    outcome: str
    outcome_zh: str
    notice_key: str  # the NoticeSpec.key of the announcement that published it


@dataclass(frozen=True)
class PolicyVersionSpec:
    version: str
    days_before_anchor: int
    major: bool
    summary: str
    changes: tuple[str, ...]
    url: str
    summary_zh: str = ""
    changes_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeSpec:
    kind: str  # security_incident | policy_update | service
    severity: str  # info | warning | critical
    title: str
    body: str
    days_before_anchor: int
    title_zh: str = ""
    body_zh: str = ""
    key: str = ""  # a name other demo rows (sharing events, assessments) link the notice by


@dataclass(frozen=True)
class ShopCatalogue:
    """Everything shop-wide the generator writes before any shopper's data."""

    categories: tuple[CategorySpec, ...]
    purposes: tuple[PurposeSpec, ...]
    cookies: tuple[CookieSpec, ...]
    recipients: tuple[RecipientSpec, ...]
    policy_versions: tuple[PolicyVersionSpec, ...]  # oldest first; the last is in force
    notices: tuple[NoticeSpec, ...]
    assessments: tuple[ImpactAssessmentSpec, ...] = ()

    def recipients_of_type(self, kind: str) -> tuple[RecipientSpec, ...]:
        return tuple(r for r in self.recipients if r.type == kind)


# --- what each data category holds, as the shopper reads it (English, Chinese) ---------------

CATEGORY_TEXT: dict[str, tuple[str, str]] = {
    "account": (
        "Your member name, mobile number, e-mail address and contact name.",
        "您的会员名、手机号码、电子邮箱和联系人姓名。",
    ),
    "profile": (
        "What you added to your profile: real name, gender, landline, occupation, business.",
        "您在个人资料中补充的信息：真实姓名、性别、固定电话、职业和主营业务。",
    ),
    "identity_verification": (
        "The result of your real-name check and your partly hidden ID card number.",
        "实名认证结果以及部分隐藏的身份证号。",
    ),
    "devices": (
        "The phones, tablets and computers you used, with their settings.",
        "您使用过的手机、平板和电脑及其设置。",
    ),
    "locations": (
        "Where you were when using the shop: from GPS, Wi-Fi, base stations or your IP address.",
        "您使用商城时所在的位置，来自 GPS、Wi-Fi、基站或 IP 地址。",
    ),
    "logs": (
        "Pages you opened, with time, IP address, browser and network operator.",
        "您打开过的页面，以及时间、IP 地址、浏览器和网络运营商。",
    ),
    "tracks": (
        "Your searches and the product pages you viewed (My Tracks).",
        "您的搜索记录和浏览过的商品页面（我的足迹）。",
    ),
    "tags": (
        "Interest tags the shop inferred about you for recommendations.",
        "商城为推荐而推断出的关于您的兴趣标签。",
    ),
    "orders": (
        "Your orders: goods, prices, delivery address and recipient.",
        "您的订单：商品、价格、收货地址和收件人。",
    ),
    "payments": (
        "How each order was paid, with the card or account partly hidden.",
        "每笔订单的支付方式，银行卡或账户号码部分隐藏。",
    ),
    "decisions": (
        "Decisions the shop's systems made about you automatically, with their reasons.",
        "商城系统对您自动作出的决策及其依据。",
    ),
    "consents": (
        "Every consent you gave or withdrew, with its signed receipt.",
        "您每一次给予或撤回的授权及其签名回执。",
    ),
    "subscriptions": (
        "Which marketing channels (SMS, e-mail, push, in-site letters) are on.",
        "哪些营销渠道（短信、电子邮件、推送、站内信）处于开启状态。",
    ),
    "sharing": (
        "When the shop passed your data to partners, and what it passed.",
        "商城何时向合作方提供了您的哪些数据。",
    ),
    "service_records": (
        "Your calls, chats, e-mails and letters with customer service, and how each was solved.",
        "您与客服的通话、在线咨询、邮件和信函记录，以及每次问题的解决结果。",
    ),
}

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
        "用于运营您的会员账户：登录、订单记录和售后服务。没有这些信息，我们无法为您保留账户。",
    ),
    PurposeSpec(
        "risk_control",
        "Fraud prevention and account security",
        "风险控制与账户安全",
        "Spotting stolen accounts, fake orders and payment fraud from device, log and order "
        "signals. It protects you and other shoppers, so it cannot be switched off.",
        "legitimate_interest",
        True,
        "根据设备、日志和订单信号识别账户被盗、虚假订单和支付欺诈。这既保护您，也保护其他顾客，因此无法关闭。",
    ),
    PurposeSpec(
        "real_name_verification",
        "Real-name verification",
        "实名认证",
        "Checking your identity where the law requires it, for example before cross-border "
        "purchases or certain payment services.",
        "legal_obligation",
        True,
        "在法律要求时核验您的身份，例如跨境购物或使用部分支付服务之前。",
    ),
    PurposeSpec(
        "personalised_recommendations",
        "Personalised recommendations",
        "个性化推荐",
        "Using your searches, browsing, orders and interest tags to rank products for you. "
        "When off, you see the same lists as a signed-out visitor.",
        "consent",
        False,
        "根据您的搜索、浏览、订单和兴趣标签为您排序商品。关闭后，您看到的列表与未登录访客相同。",
    ),
    PurposeSpec(
        "marketing_messages",
        "Marketing messages",
        "营销信息推送",
        "Sending promotions by SMS, e-mail, push notification and in-site letters. "
        "Each channel can also be switched off on its own.",
        "consent",
        False,
        "通过短信、电子邮件、推送通知和站内信向您发送促销信息。每个渠道也可以单独关闭。",
    ),
    PurposeSpec(
        "location_services",
        "Location-based services",
        "位置服务",
        "Using GPS, Wi-Fi and base-station location to suggest nearby pickup points and "
        "delivery estimates.",
        "consent",
        False,
        "使用 GPS、Wi-Fi 和基站定位，为您推荐附近的自提点并估算送达时间。",
    ),
    PurposeSpec(
        "cookies_analytics",
        "Analytics cookies and similar technologies",
        "分析类Cookie及同类技术",
        "Measuring how pages are used with cookies, local storage, web beacons and pixel tags "
        "so we can fix and improve the site.",
        "consent",
        False,
        "通过 Cookie、本地存储、网络信标和像素标签了解页面的使用情况，以便我们修复和改进网站。",
    ),
    PurposeSpec(
        "partner_advertising_aggregated",
        "Aggregated statistics for advertising partners",
        "向广告合作方提供汇总统计",
        "Giving advertising partners audience statistics that cannot identify you "
        "(for example, how many people in a city clicked an ad).",
        "consent",
        False,
        "向广告合作方提供无法识别您身份的受众统计数据（例如某个城市有多少人点击了某条广告）。",
    ),
)

# Silumart's analytics partner works in Singapore: its policy (7) allows a transfer abroad only
# with the shopper's explicit authorisation, so it has its own consent, not the cookie consent.
_CROSS_BORDER_ANALYTICS = PurposeSpec(
    "cross_border_analytics",
    "Analytics processed in Singapore",
    "在新加坡处理的统计分析",
    "Sending usage logs and device details to our analytics partner in Singapore, which "
    "returns aggregated statistics. Only with this consent does your data leave the country; "
    "without it no statistics about you are produced abroad.",
    "consent",
    False,
    "将使用日志和设备信息发送给我们在新加坡的统计分析合作方，由其返回汇总统计。只有取得此项授权，"
    "您的数据才会出境；不授权则不会在境外生成关于您的统计。",
    destination_country="SG",
)

# --- cookies and similar technologies -------------------------------------------------------


def _cookies(
    first_party: str,
    first_party_zh: str,
    prefix: str,
    ad_partner: tuple[str, str],
    analytics_purpose: str = "cookies_analytics",
) -> tuple[CookieSpec, ...]:
    # ad_partner (English, Chinese): each shop names only its own advertising partner
    def c(
        name: str,
        technology: str,
        purpose: tuple[str, str],
        consent: str | None,
        party: str,
        provider: tuple[str, str],
        lifetime: tuple[str, str],
    ) -> CookieSpec:
        return CookieSpec(
            name,
            technology,
            purpose[0],
            consent,
            party,
            provider[0],
            lifetime[0],
            purpose[1],
            provider[1],
            lifetime[1],
        )

    own = (first_party, first_party_zh)
    session = ("Until you close the browser", "关闭浏览器即失效")
    year = ("1 year", "1 年")
    return (
        c(
            f"{prefix}_sid",
            "cookie",
            ("Keeps you signed in during a visit.", "在您浏览期间保持登录状态。"),
            None,
            "first",
            own,
            session,
        ),
        c(
            f"{prefix}_csrf",
            "cookie",
            ("Protects forms against cross-site requests.", "防止表单遭受跨站请求伪造。"),
            None,
            "first",
            own,
            session,
        ),
        c(
            f"{prefix}_cart",
            "local_storage",
            ("Remembers your shopping cart.", "记住您购物车中的商品。"),
            None,
            "first",
            own,
            ("30 days", "30 天"),
        ),
        c(
            f"{prefix}_dev_fp",
            "local_storage",
            ("Device check that helps detect account takeover.", "识别设备，帮助发现账户被盗用。"),
            "risk_control",
            "first",
            own,
            year,
        ),
        c(
            f"{prefix}_lang",
            "cookie",
            ("Your language and region choice.", "记住您选择的语言和地区。"),
            None,
            "first",
            own,
            year,
        ),
        c(
            f"{prefix}_reco",
            "cookie",
            (
                "Recently viewed items used to personalise recommendations.",
                "记录最近浏览的商品，用于个性化推荐。",
            ),
            "personalised_recommendations",
            "first",
            own,
            ("90 days", "90 天"),
        ),
        c(
            "legacy_player_lso",
            "flash_cookie",
            (
                "Old video-player setting store kept for legacy browsers.",
                "为旧版浏览器保留的视频播放器设置。",
            ),
            "cookies_analytics",
            "first",
            own,
            year,
        ),
        c(
            "_sg_stats",
            "cookie",
            ("Counts visits and page views.", "统计访问次数和页面浏览量。"),
            analytics_purpose,
            "third",
            ("Shuguan Analytics", "数观分析"),
            ("13 months", "13 个月"),
        ),
        c(
            "sg_beacon.gif",
            "web_beacon",
            ("Tells us whether a marketing e-mail was opened.", "告诉我们营销邮件是否被打开。"),
            "marketing_messages",
            "first",
            own,
            ("Read once, nothing is stored", "仅读取一次，不保存"),
        ),
        c(
            "jdn_px",
            "pixel_tag",
            (
                "Counts ad conversions in aggregate for advertising partners.",
                "为广告合作方汇总统计广告转化次数。",
            ),
            "partner_advertising_aggregated",
            "third",
            ad_partner,
            ("90 days", "90 天"),
        ),
        c(
            f"{prefix}_geo",
            "local_storage",
            ("Caches your last pickup-point search area.", "缓存您上次搜索自提点的区域。"),
            "location_services",
            "first",
            own,
            ("7 days", "7 天"),
        ),
    )


# --- Silumart --------------------------------------------------------------------------------


def _with_agreements(
    recipients: tuple[RecipientSpec, ...], scopes: dict[str, tuple[str, str]]
) -> tuple[RecipientSpec, ...]:
    """Each partner of a listed type with its data-protection agreement, signed before the first
    sharing (days before the anchor, before any demo account exists; staggered so they differ)."""
    return tuple(
        replace(r, agreement=(1600 - 37 * i, *scopes[r.type])) if r.type in scopes else r
        for i, r in enumerate(recipients)
    )


def _silumart(profile: ShopProfile) -> ShopCatalogue:
    country, vendor = profile.storage.country, profile.storage.vendor
    vendor_zh = profile.storage.vendor_zh or vendor

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
            vendor_zh,
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
        cat(
            "service_records",
            "Customer-service records",
            "客服通信记录",
            False,
            ("membership",),
            "contract",
            "P3Y",
            "provided",
            "1.C.2",
        ),
    )
    recipients: tuple[RecipientSpec, ...] = (
        RecipientSpec(
            "Shunda Logistics",
            "logistics",
            ("account", "orders"),
            "Delivering your parcels.",
            "contract",
            True,
            "CN",
            "顺达物流",
            "为您配送包裹。",
        ),
        RecipientSpec(
            "Yunxun Express",
            "logistics",
            ("account", "orders"),
            "Delivering your parcels.",
            "contract",
            True,
            "CN",
            "云迅快递",
            "为您配送包裹。",
        ),
        RecipientSpec(
            "Beichen Supply Chain",
            "logistics",
            ("orders",),
            "Warehousing and bulky-item delivery.",
            "contract",
            True,
            "CN",
            "北辰供应链",
            "仓储及大件商品配送。",
        ),
        RecipientSpec(
            "Yinxin Payments",
            "payment",
            ("orders", "payments"),
            "Processing card and wallet payments and refunds.",
            "contract",
            True,
            "CN",
            "银信支付",
            "处理银行卡和钱包支付及退款。",
        ),
        RecipientSpec(
            "Huilian PayLater",
            "payment",
            ("orders", "payments", "decisions"),
            "Buy-now-pay-later instalments.",
            "contract",
            True,
            "CN",
            "汇联先付",
            "先用后付分期服务。",
        ),
        RecipientSpec(
            vendor,
            "infrastructure",
            ("account", "profile", "devices", "logs", "tracks", "orders"),
            "Cloud hosting of the shop's databases.",
            "contract",
            True,
            country,
            vendor_zh,
            "托管商城数据库的云服务。",
        ),
        RecipientSpec(
            "Qinghe Customer Care",
            "customer_service",
            ("account", "orders"),
            "Outsourced after-sales hotline.",
            "contract",
            True,
            "CN",
            "青禾客服",
            "外包的售后服务热线。",
        ),
        RecipientSpec(
            "Judian Ads",
            "advertising",
            ("tags",),
            "Aggregated audience statistics for ad campaigns.",
            "consent",
            False,
            "CN",
            "聚点广告",
            "为广告投放提供汇总的受众统计。",
        ),
        RecipientSpec(
            "Shuguan Analytics",
            "analytics",
            ("logs", "devices"),
            "Aggregated site usage statistics.",
            "consent",
            False,
            "SG",
            "数观分析",
            "汇总的网站使用统计。",
        ),
        RecipientSpec(
            "Public security authority (lawful request)",
            "authority",
            ("account", "orders", "logs"),
            "Disclosure required by law in a criminal investigation.",
            "legal_obligation",
            True,
            "CN",
            "公安机关（依法调取）",
            "刑事侦查中依法要求的披露。",
        ),
        RecipientSpec(
            "Haina Trade Services",
            "successor",
            ("account", "orders", "payments"),
            "Took over Silumart's cross-border purchasing business in a merger; bound by this "
            "privacy policy.",
            "legitimate_interest",
            True,
            "CN",
            "海纳贸易服务",
            "通过合并承接了丝路商城的跨境采购业务，继续受本隐私政策约束。",
        ),
        RecipientSpec(
            "The public (shop pages)",
            "public",
            ("account",),
            "Your member name shown with the reviews you chose to publish.",
            "consent",
            True,
            "CN",
            "公众（商城页面）",
            "您选择公开的评价旁显示的会员名。",
        ),
    )
    recipients = _with_agreements(
        recipients,
        {
            "logistics": (
                "Delivery only; no other use; deletion after delivery and the complaint period.",
                "仅用于配送，不得他用；配送及投诉期结束后删除。",
            ),
            "payment": (
                "Payment and refunds only; card data encrypted; our instructions and this policy.",
                "仅用于支付与退款；银行卡信息加密；遵守我们的指示及本政策。",
            ),
            "infrastructure": (
                "Hosting only; access control, encryption, no access to content without order.",
                "仅用于托管；访问控制、加密，未经指令不得访问数据内容。",
            ),
            "customer_service": (
                "After-sales service only; confidentiality; calls and chats kept for us only.",
                "仅用于售后服务；保密；通话与聊天记录仅为我们保存。",
            ),
            "advertising": (
                "Aggregated statistics only; no attempt to identify anyone.",
                "仅限汇总统计；不得试图识别任何个人。",
            ),
            "analytics": (
                "Aggregated statistics only; processing in Singapore under this policy.",
                "仅限汇总统计；在新加坡按本政策处理。",
            ),
            "successor": (
                "Continues to be bound by this privacy policy for the data taken over.",
                "对所承接的数据继续受本隐私政策约束。",
            ),
        },
    )
    recipients = tuple(
        replace(r, consent_purpose="cross_border_analytics") if r.country == "SG" else r
        for r in recipients
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
            summary_zh="明确了使用日志的保存期限。",
            changes_zh=("使用日志：保存期限明确为六个月。", "新的个人信息保护问题联系地址。"),
        ),
        PolicyVersionSpec(
            "2025.3",
            420,
            False,
            "Added the pay-later partner and its data.",
            (
                "New payment partner for instalments (pay later).",
                "Explained the automated eligibility check for instalments.",
            ),
            "https://silumart.example/privacy/2025.3",
            summary_zh="新增先用后付合作方及其处理的数据。",
            changes_zh=("新增分期付款（先用后付）支付合作方。", "说明了分期资格的自动化评估。"),
        ),
        PolicyVersionSpec(
            profile.policy_version,
            12,
            True,
            "Major update: analytics moved to a Singapore partner; new consent choices.",
            (
                "Analytics statistics are now processed in Singapore, with its own consent to the "
                "transfer abroad.",
                "Cookie analytics became a separate consent you can refuse.",
                "Interest tags can be removed one by one.",
                "Requests are answered within 15 working days.",
            ),
            f"https://silumart.example/privacy/{profile.policy_version}",
            summary_zh="重大更新：统计分析改由新加坡合作方处理；新增授权选项。",
            changes_zh=(
                "统计分析数据现由新加坡的合作方处理，数据出境须单独授权。",
                "分析类 Cookie 改为单独授权，您可以拒绝。",
                "兴趣标签可以逐条删除。",
                "个人信息申请将在 15 个工作日内答复。",
            ),
        ),
    )
    notices = (
        NoticeSpec(
            "security_incident",
            "warning",
            "Security notice: unusual sign-in attempts",
            "Between 3 and 5 March we blocked a wave of sign-in attempts using passwords "
            "leaked elsewhere. No payment data was exposed. If you use the same password on "
            "other sites, please change it soon.",
            260,
            "安全通报：异常登录尝试",
            "3 月 3 日至 5 日，我们拦截了一批使用其他网站泄露密码的登录尝试，未泄露任何支付信息。"
            "如您在其他网站使用相同密码，请尽快修改。",
        ),
        NoticeSpec(
            "policy_update",
            "info",
            f"Privacy policy {profile.policy_version}",
            "We updated our privacy policy: analytics now runs in Singapore and analytics "
            "cookies need your consent. Please review the changes under Notices and confirm.",
            12,
            f"隐私政策 {profile.policy_version} 更新",
            "我们更新了隐私政策：统计分析改在新加坡进行，分析类 Cookie 需要您的授权。"
            "请在“通知”中查看变更并确认。",
        ),
        NoticeSpec(
            "service",
            "info",
            "Planned maintenance",
            "Order history may be unavailable for up to two hours during a database upgrade "
            "on Saturday night. Placing orders and paying are not affected.",
            4,
            "系统维护公告",
            "周六晚间数据库升级期间，订单记录可能最多有两小时无法查看。维护期间下单与支付不受影响。",
        ),
        NoticeSpec(
            "merger_transfer",
            "warning",
            "Our cross-border purchasing business moved to Haina Trade Services",
            "Silumart's cross-border purchasing business merged into Haina Trade Services. The "
            "account, order and payment details of shoppers who bought cross-border were "
            "transferred with it. Haina remains bound by this privacy policy; if it wants to "
            "use the data otherwise it must ask for your consent again.",
            90,
            "跨境采购业务已转由海纳贸易服务承接",
            "丝路商城的跨境采购业务已并入海纳贸易服务，曾进行跨境购买的顾客的账户、订单和支付信息"
            "随之转让。海纳继续受本隐私政策约束；如需另作他用，须重新征得您的授权同意。",
            key="merger",
        ),
        NoticeSpec(
            "cessation",
            "warning",
            "The wholesale quotation service is closing",
            "Silumart will stop operating its wholesale quotation service at the end of next "
            "month. From that day we stop collecting personal information for it, tell each "
            "user of the service, and delete or anonymise the quotation data we hold. Your "
            "account and orders are not affected.",
            6,
            "批发报价服务即将停止运营",
            "丝路商城将于下月底停止运营批发报价服务。自该日起，我们将停止为该服务收集个人信息，"
            "逐一通知该服务的用户，并删除或匿名化处理所持有的报价数据。您的账户和订单不受影响。",
            key="cessation",
        ),
        NoticeSpec(
            "impact_assessment",
            "info",
            "Impact assessment: analytics in Singapore",
            "We published the personal-information security impact assessment for moving "
            "analytics to a partner in Singapore. Summary: only aggregated statistics come "
            "back; the transfer needs its own consent; the partner signed a data-protection "
            "agreement.",
            14,
            "影响评估：在新加坡进行统计分析",
            "我们发布了将统计分析交由新加坡合作方处理的个人信息安全影响评估报告。摘要：只返回汇总"
            "统计；数据出境须单独授权；合作方已签署数据保护协议。",
            key="assessment_analytics",
        ),
        NoticeSpec(
            "impact_assessment",
            "info",
            "Impact assessment: pay-later eligibility check",
            "We published the impact assessment of the automated eligibility check for "
            "instalments. Summary: the check may refuse instalments; you can ask for an "
            "explanation and a human review; no sensitive data beyond payments is used.",
            425,
            "影响评估：先用后付资格评估",
            "我们发布了分期资格自动化评估的影响评估报告。摘要：该评估可能拒绝分期；您可以要求"
            "解释并由人工复核；除支付信息外不使用其他敏感信息。",
            key="assessment_paylater",
        ),
    )
    assessments = (
        ImpactAssessmentSpec(
            "Moving usage analytics to Shuguan Analytics in Singapore",
            "将使用统计分析交由新加坡的数观分析处理",
            20,
            "Acceptable with safeguards: aggregated results only, separate consent for the "
            "transfer abroad, a data-protection agreement, deletion of raw logs after 30 days.",
            "采取保障措施后可接受：只返回汇总结果；数据出境须单独授权；签署数据保护协议；原始日志"
            "30 天后删除。",
            "assessment_analytics",
        ),
        ImpactAssessmentSpec(
            "Automated eligibility check for pay-later instalments",
            "先用后付分期的自动化资格评估",
            430,
            "Medium risk: the decision can refuse a service, so every refusal is explained on "
            "request and can be reviewed by a person.",
            "中等风险：该决策可能拒绝提供服务，因此每次拒绝均可应要求作出解释，并可由人工复核。",
            "assessment_paylater",
        ),
    )
    return ShopCatalogue(
        categories,
        (*_PURPOSES, _CROSS_BORDER_ANALYTICS),
        _cookies(
            "Silumart", "丝路商城", "slm", ("Judian Ads", "聚点广告"), "cross_border_analytics"
        ),
        recipients,
        versions,
        notices,
        assessments,
    )


# --- Sinomai ---------------------------------------------------------------------------------


def _sinomai(profile: ShopProfile) -> ShopCatalogue:
    country, vendor = profile.storage.country, profile.storage.vendor
    vendor_zh = profile.storage.vendor_zh or vendor
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
            vendor_zh,
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
    recipients: tuple[RecipientSpec, ...] = (
        RecipientSpec(
            "Shunda Logistics",
            "logistics",
            ("account", "orders"),
            "Parcel delivery.",
            "contract",
            True,
            "CN",
            "顺达物流",
            "包裹配送。",
        ),
        RecipientSpec(
            "Nanling Express",
            "logistics",
            ("account", "orders"),
            "Parcel delivery in southern provinces.",
            "contract",
            True,
            "CN",
            "南岭速运",
            "南方省份的包裹配送。",
        ),
        RecipientSpec(
            "Pengcheng Fulfilment",
            "logistics",
            ("orders",),
            "Warehouse picking and packing.",
            "contract",
            True,
            "CN",
            "鹏程仓配",
            "仓库拣货与打包。",
        ),
        RecipientSpec(
            "Jinqiao Pay",
            "payment",
            ("orders", "payments"),
            "Card and wallet payments.",
            "contract",
            True,
            "CN",
            "金桥支付",
            "银行卡和钱包支付。",
        ),
        RecipientSpec(
            "Xinda Consumer Finance",
            "payment",
            ("orders", "payments", "decisions"),
            "Instalment credit after your application.",
            "contract",
            True,
            "CN",
            "信达消费金融",
            "在您申请后提供分期信贷。",
        ),
        RecipientSpec(
            vendor,
            "infrastructure",
            ("account", "profile", "devices", "logs", "tracks", "orders"),
            "Cloud servers and backups.",
            "contract",
            True,
            country,
            vendor_zh,
            "云服务器与数据备份。",
        ),
        RecipientSpec(
            "Xinghe Cloud Support",
            "customer_service",
            ("account", "orders"),
            "Online chat and call-centre support.",
            "contract",
            True,
            "CN",
            "星河云客服",
            "在线客服与呼叫中心支持。",
        ),
        RecipientSpec(
            "Yinli Advertising",
            "advertising",
            ("tags",),
            "Aggregated reach and conversion statistics.",
            "consent",
            False,
            "CN",
            "引力广告",
            "汇总的覆盖与转化统计。",
        ),
        RecipientSpec(
            "Shuguan Analytics",
            "analytics",
            ("logs", "devices"),
            "Aggregated usage statistics.",
            "consent",
            False,
            "CN",
            "数观分析",
            "汇总的使用统计。",
        ),
        RecipientSpec(
            "Market regulation authority",
            "authority",
            ("orders",),
            "Answers to a regulator's lawful inquiry.",
            "legal_obligation",
            True,
            "CN",
            "市场监督管理部门",
            "答复监管部门的依法问询。",
        ),
    )
    # Sinomai's policy does not mention agreements with partners; the shop keeps them anyway
    # and shows them as its own configuration.
    entrusted = (
        "Only the entrusted task; only the data it needs; deletion when the task ends.",
        "仅限受托事项；仅限所需数据；事项结束后删除。",
    )
    recipients = _with_agreements(
        recipients,
        {
            kind: entrusted
            for kind in (
                "logistics",
                "payment",
                "infrastructure",
                "customer_service",
                "advertising",
                "analytics",
            )
        },
    )
    # Every change cites the section of Sinomai's own policy it describes (server/demo/
    # policies/sinomai.py): the history says only what that text contains.
    versions = (
        PolicyVersionSpec(
            "2.4",
            1500,
            False,
            "What is collected: account data plus purchase, service-account, payment and "
            "cookie information.",
            (
                "§ 1: name, contact details, e-mail address and password collected to open an "
                "account.",
                "§ 1.3: payment information named as payment time, amount and channel.",
                "§ 1.4: cookies and other computer information named.",
            ),
            "https://sinomai.example/privacy/2.4",
            summary_zh="收集范围：账户信息以及购买、服务账户、支付和 Cookie 信息。",
            changes_zh=(
                "§ 1：为开设账户收集姓名、联系方式、电子邮箱和密码。",
                "§ 1.3：支付信息明确为支付时间、金额和渠道。",
                "§ 1.4：列明 Cookie 及其他计算机信息。",
            ),
        ),
        PolicyVersionSpec(
            "3.0",
            300,
            True,
            "Major update: when no consent is needed, entrusted partners, advertisers and "
            "how long data is kept.",
            (
                "§ 2.X: the seven circumstances in which no authorisation or consent is needed "
                "are listed.",
                "§ 2.P.entrusted: authorised partners see only what their duties need.",
                "§ 2.P.advertisers: personal data goes to advertisers only with your consent.",
                "§ 3: data is kept until you cancel the account or ask online customer "
                "service to delete it.",
            ),
            "https://sinomai.example/privacy/3.0",
            summary_zh="重大更新：无需同意的情形、受托合作伙伴、广告商及信息保存期限。",
            changes_zh=(
                "§ 2.X：列明无需授权同意的七种情形。",
                "§ 2.P.entrusted：授权合作伙伴只能获取履职所需的信息。",
                "§ 2.P.advertisers：仅在取得您的同意后才向广告商提供个人信息。",
                "§ 3：信息保存至您注销账户，或联系在线客服要求删除。",
            ),
        ),
        PolicyVersionSpec(
            profile.policy_version,
            20,
            False,
            "Guardians, notification settings and the privacy contact.",
            (
                "§ 2.P.minors: children's information only with a guardian's consent, "
                "knowledge and presence.",
                "§ 2.P.notifications: notifications can be cancelled in the custom settings.",
                "§ 6: privacy questions go to the shop's privacy e-mail address.",
            ),
            f"https://sinomai.example/privacy/{profile.policy_version}",
            summary_zh="监护人、通知设置及隐私联系方式。",
            changes_zh=(
                "§ 2.P.minors：儿童信息须经监护人同意、知情并在场。",
                "§ 2.P.notifications：可在自定义功能中取消通知。",
                "§ 6：隐私问题可发送至商城的隐私电子邮箱。",
            ),
        ),
    )
    notices = (
        NoticeSpec(
            "security_incident",
            "critical",
            "Incident report: courier label data",
            "A contractor of one delivery partner printed extra copies of shipping labels. "
            "Names, masked phone numbers and addresses of some orders may have been seen. "
            "We have ended the contractor's access; beware of calls pretending to be our "
            "customer service.",
            150,
            "快递面单信息安全事件通报",
            "一家配送合作方的外包人员多打印了部分快递面单，部分订单的收件人姓名、"
            "隐藏部分号码的手机号和地址可能被他人看到。我们已终止该外包人员的访问权限，"
            "请警惕冒充客服的电话。",
        ),
        NoticeSpec(
            "policy_update",
            "info",
            f"Privacy policy {profile.policy_version} published",
            "A minor update: guardians' consent, notification settings and the privacy "
            "contact. The summary of changes is in the list of policy versions.",
            20,
            f"隐私政策 {profile.policy_version} 已发布",
            "小幅更新：监护人同意、通知设置及隐私联系方式。变更摘要见政策版本列表。",
        ),
        NoticeSpec(
            "service",
            "info",
            "Double-12 delivery times",
            "Parcels may take one or two extra days during the December sale, longer in "
            "remote areas.",
            3,
            "双十二配送提示",
            "十二月大促期间，包裹可能晚到一两天，偏远地区配送时效可能更长。",
        ),
    )
    return ShopCatalogue(
        categories,
        _PURPOSES,
        _cookies("Sinomai", "华迈商城", "snm", ("Yinli Advertising", "引力广告")),
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
