"""Sinomai's privacy policy as data: its outline (an opening statement and sections 1–6, with
the numbered items and paragraphs inside them) and the clause behind each Sinomai value.

Sinomai's policy is short. It names account, purchase, service-account, payment and
cookie/computer information (1), e-mail contact and promotions (2), permanent retention until
the account is cancelled (3) and an e-mail contact (6). It states no answer deadline, no fees,
no verification method, no refusal grounds and no regulator or court route: those values are
the shop's configuration and are marked as such.

Numbering used here: "1.1"–"1.4" are the numbered items of section 1; "2.1"/"2.2" the uses in
section 2; "2.X.1"–"2.X.7" the no-consent circumstances listed in section 2; "2.P.*" the
unnumbered paragraphs of section 2 (advertisers, minors, de-identified data, entrusted partners).
"""

from __future__ import annotations

from server.demo.policies import OTHER_REFUSAL, GuardianRule, Section, ShopPolicy, Term, Text

SHOP_ID = "sinomai-demo"


def _s(number: str, en: str, zh: str) -> Section:
    return Section(number, Text(en, zh))


SECTIONS: tuple[Section, ...] = (
    _s(
        "Opening",
        "Opening statement: no sale of data; online customer service",
        "开篇声明：不出售信息；在线客服",
    ),
    _s(
        "1",
        "What personal information we collect (account registration)",
        "我们收集哪些个人信息（注册账户）",
    ),
    _s("1.1", "Purchase information", "购买信息"),
    _s("1.2", "Service account information", "服务账户信息"),
    _s("1.3", "Payment information (time, amount, channel)", "支付信息（时间、金额、渠道）"),
    _s("1.4", "Cookies and other computer information", "Cookie及其他计算机信息"),
    _s("2", "How we use your personal information", "我们如何使用您的个人信息"),
    _s(
        "2.1",
        "E-mail contact for consulting, orders, parcels and after-sales",
        "通过电子邮件提供咨询、订单、包裹及售后服务",
    ),
    _s(
        "2.2",
        "Platform activities, coupons and promotions by e-mail and letters",
        "通过邮件和站内信告知平台活动、优惠券和促销",
    ),
    _s("2.X", "Circumstances needing no consent", "无需授权同意的情形"),
    _s(
        "2.X.1",
        "Laws, regulations and authorities' compulsory requirements",
        "法律法规及行政、司法机关的强制性要求",
    ),
    _s(
        "2.X.2",
        "Protecting the public interest, property or people from damage",
        "保护公共利益、财产安全或相关主体免受损害",
    ),
    _s(
        "2.X.3",
        "Essential for core functions or services you need",
        "实现核心功能或提供您所需服务所必需",
    ),
    _s("2.X.4", "Information you or others lawfully disclosed", "您自行公开或其他已合法公开的信息"),
    _s("2.X.5", "Handling a dispute between you and others", "应您需要处理您与他人的纠纷"),
    _s("2.X.6", "Agreements signed with you and platform rules", "与您签订的协议及平台规则"),
    _s(
        "2.X.7",
        "Social and public interests, public health emergencies",
        "社会公共利益及突发公共卫生事件",
    ),
    _s(
        "2.P.notifications",
        "You can cancel notifications in the custom settings",
        "您可在自定义功能中取消通知",
    ),
    _s("2.P.advertisers", "No sharing with advertisers without consent", "未经同意不与广告商共享"),
    _s(
        "2.P.minors",
        "Children and people without legal capacity: guardian consent, knowledge and presence",
        "儿童及无民事行为能力人：须监护人同意、知情并在场",
    ),
    _s("2.P.deidentified", "De-identified information", "去标识化信息"),
    _s(
        "2.P.entrusted",
        "Entrusted authorised partners, only what their duties need",
        "委托授权合作伙伴处理，仅限履职所需",
    ),
    _s(
        "3",
        "Retention: kept permanently; cancel or delete through online customer service",
        "保存期限：永久保存；通过在线客服注销或删除",
    ),
    _s("4", "Protecting your personal information", "保护您的个人信息"),
    _s("5", "Policy updates", "政策更新"),
    _s("6", "Contact us by e-mail", "通过电子邮件联系我们"),
)

_CATEGORIES: dict[str, str | None] = {
    "account": "1",
    "profile": "1",
    "orders": "1.1",
    "payments": "1.3",
    "devices": "1.4",
    "logs": "1.4",
    "subscriptions": "2.2",
    "sharing": "2.P.entrusted",
    # Not named anywhere in Sinomai's policy: the shop's own configuration.
    "identity_verification": None,
    "locations": None,
    "tracks": None,
    "tags": None,
    "decisions": None,
    "consents": None,
}

# Section 2's list of circumstances needing no consent covers use by partners, transfer and
# disclosure (so: sharing); Sinomai's policy has no such list for collection.
_NO_CONSENT_KEYS = (
    "statutory_duty",
    "protection_from_damage",
    "core_functions",
    "disclosed_information",
    "dispute_handling",
    "agreements_with_you",
    "public_health",
)
_REAL_NAME_REFUSAL = Text(
    "Not stated in the policy. The shop's setting: instalment and cross-border orders need it; "
    "everything else works without it.",
    "政策未载明。商家自行设定：分期和跨境订单需要实名认证，其他功能不受影响。",
)

# 2 (minors paragraph): nothing is solicited from a child or a person without the capacity to
# act without the guardian's consent, knowledge AND presence. So every consent change for such
# a subject is the guardian's (their knowledge), the guardian attests being with the ward at
# the time and has signed in just now (their presence), and the rule covers adults without
# legal capacity too. It says nothing about holding an account, so sign-in asks no guardian
# consent (no `account_clause`).
GUARDIANS = GuardianRule(
    clauses=("2.P.minors",),
    covers_no_capacity=True,
    grant_needs_guardian=True,
    withdraw_needs_guardian=True,
    presence_required=True,
    summary=Text(
        "For a child or a person without legal capacity, every consent change is made by the "
        "guardian, with their knowledge and while present with them.",
        "儿童或无民事行为能力人的每一项同意变更均须由监护人在知情并在场的情况下作出。",
    ),
)

POLICY = ShopPolicy(
    shop_id=SHOP_ID,
    sections=SECTIONS,
    categories=_CATEGORIES,
    retention={key: "3" for key in _CATEGORIES},  # 3: kept until the account is cancelled
    purposes={
        "membership": "2.1",
        "marketing_messages": "2.2",
        "cookies_analytics": "1.4",
        "partner_advertising_aggregated": "2.P.advertisers",
        "risk_control": None,
        "real_name_verification": None,
        "personalised_recommendations": None,
        "location_services": None,
    },
    recipient_types={
        "logistics": "2.P.entrusted",
        "payment": "2.P.entrusted",
        "infrastructure": "2.P.entrusted",
        "customer_service": "2.P.entrusted",
        "advertising": "2.P.advertisers",
        "analytics": "2.P.entrusted",
        "authority": "2.X.1",
    },
    cookies="1.4",
    deadline_clause=None,
    deadline_note=Text(
        "Not stated in the policy; the shop aims for 15 working days",
        "政策未载明；商家自行设定的目标为15个工作日",
    ),
    # The policy says nothing about fees: the shop charges none and quotes none (repeat_fee
    # stays None); an excessive repeat is refused on its configured ground instead.
    fees=Term(
        "fees",
        Text(
            "Not stated in the policy; the shop charges no fee (a third copy within 30 days is "
            "refused instead)",
            "政策未载明；商家不收取费用（30 天内第三次申请数据副本将被拒绝）",
        ),
        None,
    ),
    verification=(
        Term(
            "one_time_code",
            Text(
                "A 6-digit code, for account cancellation (the shop's setting)",
                "注销账户时使用6位验证码（商家自行设定）",
            ),
            None,
        ),
    ),
    refusal_grounds=(
        Term(
            "statutory",
            Text(
                "Required by law or an authority (the shop's setting)",
                "法律法规或主管机关要求（商家自行设定）",
            ),
            None,
        ),
        Term(
            "repeated_request",
            Text("Unreasonably repeated (the shop's setting)", "无端重复（商家自行设定）"),
            None,
        ),
        Term(
            "identity_not_verified",
            Text(
                "Your identity could not be verified (the shop's setting)",
                "无法核实您的身份（商家自行设定）",
            ),
            None,
        ),
        OTHER_REFUSAL,
    ),
    deletion_grounds=(
        Term("account_cancelled", Text("You cancel your account", "您注销账户"), "3"),
        Term(
            "on_request",
            Text("You ask online customer service to delete it", "您联系在线客服要求删除"),
            "3",
        ),
        Term("other", Text("Other (explain)", "其他（请说明）"), None),
    ),
    contacts=(
        Term(
            "customer_service",
            Text(
                "Online customer service or the official service account",
                "在线客服系统或官方服务号",
            ),
            "Opening",
        ),
        Term(
            "privacy_email",
            Text("Privacy questions by e-mail", "隐私问题电子邮件"),
            "6",
            "privacy@sinomai.example",
        ),
        Term(
            "regulator",
            Text("Regulator or court: not stated in the policy", "监管部门或法院：政策未载明"),
            None,
        ),
    ),
    notice_kinds={"policy_update": "5", "security_incident": None, "service": None},
    sharing_event_kinds={"disclosure": "2.P.entrusted"},
    sharing_exceptions=tuple(
        Term(key, section.title, section.number)
        for key, section in zip(
            _NO_CONSENT_KEYS, [s for s in SECTIONS if s.number.startswith("2.X.")], strict=True
        )
    ),
    # Parcels cannot be delivered without the address (2.X.3); the regulator's inquiry is a
    # compulsory requirement of an authority (2.X.1).
    recipient_exceptions={"logistics": "core_functions", "authority": "statutory_duty"},
    refusal_consequences={
        "identity_verification": Term("identity_verification", _REAL_NAME_REFUSAL, None),
        "real_name_verification": Term("real_name_verification", _REAL_NAME_REFUSAL, None),
    },
    guardian=GUARDIANS,
    incidents_clause=None,  # the policy promises no incident notices
)
