"""Silumart's privacy policy as data: its outline (Part Two, numbered 1–9 with lettered
articles) and the clause behind each value of the Silumart demo shop.

Retention periods are the shop's configuration: the policy only says data is kept as long as
its purposes need (4.C), so no period cites a clause. The 6-digit verification code is
likewise the shop's choice; the policy names a written request or other proof (5.G).
"""

from __future__ import annotations

from server.demo.policies import (
    OTHER_REFUSAL,
    FeeRule,
    GuardianRule,
    Section,
    ShopPolicy,
    Term,
    Text,
)

SHOP_ID = "silumart-demo"


def _s(number: str, en: str, zh: str) -> Section:
    return Section(number, Text(en, zh))


# 1.F: collecting without consent; 3.D: sharing, transfer or disclosure without prior consent
# (key, English, Chinese), in the policy's own order (the position is the item number).
_COLLECTION: tuple[tuple[str, str, str], ...] = (
    ("national_security", "National security or defence", "与国家安全、国防安全有关"),
    (
        "public_safety",
        "Public safety, public health or major public interests",
        "与公共安全、公共卫生、重大公共利益有关",
    ),
    (
        "criminal_justice",
        "Criminal investigation, prosecution, trial or enforcement of judgments",
        "与刑事侦查、起诉、审判和判决执行有关",
    ),
    (
        "vital_interests",
        "Protecting life or property when consent is hard to get",
        "为维护生命财产等重大合法权益但又很难得到本人同意",
    ),
    ("self_disclosed", "Information you made public yourself", "您自行向社会公众公开的信息"),
    (
        "lawfully_disclosed",
        "Information from lawful public sources (news, government releases)",
        "从合法公开披露的信息中收集（如新闻报道、政府信息公开）",
    ),
    ("contract", "Needed to conclude a contract you asked for", "根据您的要求签订合同所必需"),
    (
        "safe_operation",
        "Needed to keep the service running safely (finding and fixing faults)",
        "维护所提供产品或服务的安全稳定运行所必需（如发现、处置故障）",
    ),
    ("news_reporting", "Needed for legitimate news reporting", "合法的新闻报道所必需"),
    (
        "research",
        "Statistics or research in the public interest, results de-identified",
        "出于公共利益开展统计或学术研究，结果去标识化",
    ),
    ("other_law", "Other cases laws and regulations provide for", "法律法规规定的其他情形"),
)
_SHARING: tuple[tuple[str, str, str], ...] = (
    *_COLLECTION[:3],
    (
        "vital_interests",
        "Protecting your or others' life, property or major rights when consent is hard to get",
        "为维护您或他人的生命、财产等重大合法权益但又很难得到本人同意",
    ),
    *_COLLECTION[4:6],
)

SECTIONS: tuple[Section, ...] = (
    _s("Preface", "Preface: scope and how to ask questions", "前言：适用范围与咨询方式"),
    _s("1", "Collecting and using personal information", "个人信息的收集与使用"),
    _s("1.A", "Becoming a member", "成为会员"),
    _s("1.B", "Showing and promoting products", "展示与推送商品或服务"),
    _s("1.C", "Providing products and services", "提供商品或服务"),
    _s(
        "1.C.1",
        "Information you give us (contacts, payment, orders for others)",
        "您提供的信息（联系人、支付、为他人订购）",
    ),
    _s(
        "1.C.2",
        "Information gathered while serving you (devices, logs, orders, correspondence)",
        "服务过程中收集的信息（设备、日志、订单、通信记录）",
    ),
    _s(
        "1.C.3",
        "Information collected indirectly (transaction, payment, logistics)",
        "间接收集的信息（交易、支付、物流）",
    ),
    _s("1.D", "Security and real-name authentication", "安全保障与实名认证"),
    _s("1.E", "Other uses need prior consent", "其他用途须事先同意"),
    _s(
        "1.F",
        "Collection without consent (statutory exceptions) and cessation of service",
        "无需同意的收集情形（法定例外）及停止运营",
    ),
    *(_s(f"1.F.{n}", en, zh) for n, (_key, en, zh) in enumerate(_COLLECTION, start=1)),
    _s("2", "Cookies and similar technologies", "Cookie及同类技术"),
    _s("2.A", "Cookies and local storage", "Cookie与本地存储"),
    _s("2.B", "Web beacons and pixel tags", "网站信标与像素标签"),
    _s("3", "Sharing, transfer and public disclosure", "共享、转让与公开披露"),
    _s(
        "3.A",
        "Sharing (consent, law, authorised partners, data-protection agreements)",
        "共享（同意、法定情形、授权合作伙伴、数据保护协议）",
    ),
    _s(
        "3.B",
        "Transfer (consent; merger, acquisition, bankruptcy)",
        "转让（同意；合并、收购、破产）",
    ),
    _s(
        "3.C",
        "Public disclosure (with your consent; violations of rules)",
        "公开披露（经您同意；违反规则的情形）",
    ),
    _s("3.C.1", "Public disclosure you agree to or start yourself", "经您同意或由您主动的公开披露"),
    _s(
        "3.C.2",
        "Publishing a serious breach of the law or the shop's rules, and the measures taken",
        "公开严重违反法律或商城规则的行为及已采取的措施",
    ),
    _s(
        "3.D",
        "Sharing without prior consent (statutory exceptions)",
        "无需事先同意的共享（法定例外）",
    ),
    *(_s(f"3.D.{n}", en, zh) for n, (_key, en, zh) in enumerate(_SHARING, start=1)),
    _s("4", "Protecting personal information", "个人信息的保护"),
    _s("4.A", "Security measures", "安全措施"),
    _s("4.B", "Security management system", "安全管理体系"),
    _s("4.C", "Minimal collection and retention only as long as needed", "最少收集与必要期限保存"),
    _s("4.D", "Your own care when sharing; reporting a leak", "您自己的防护；发现泄露时联系我们"),
    _s("4.E", "Security impact assessment reports", "安全影响评估报告"),
    _s("4.F", "Security incident notices", "安全事件告知"),
    _s("5", "Managing your personal information", "管理您的个人信息"),
    _s("5.A", "Access (reply within 15 working days)", "访问（15个工作日内答复）"),
    _s("5.B", "Correction and supplement", "更正与补充"),
    _s("5.C", "Deletion and its five grounds", "删除及五种情形"),
    _s("5.D", "Changing the scope of consent", "改变授权同意的范围"),
    _s("5.E", "Cancelling the account", "注销账户"),
    _s("5.F", "Automated decisions and explanations", "自动化决策与解释"),
    _s(
        "5.G",
        "Answering your requests: verification, deadline, fees, refusals",
        "响应您的请求：身份验证、期限、费用、拒绝情形",
    ),
    _s("6", "Minors' personal information", "未成年人的个人信息"),
    # section 6's two unnumbered paragraphs
    _s(
        "6.P.accounts",
        "Minors need a parent's or guardian's consent to hold an account",
        "未成年人须经父母或监护人同意方可创建账户",
    ),
    _s(
        "6.P.use",
        "A minor's data is used or shared only by law, with explicit guardian consent, or to "
        "protect the minor",
        "未成年人信息仅在法律允许、监护人明确同意或保护未成年人所必需时使用或共享",
    ),
    _s("7", "Global transfer of personal information", "个人信息的全球转移"),
    _s("8", "Updating the policy", "本政策的更新"),
    _s("9", "Contacting us, and complaints to a court", "联系我们及向法院起诉"),
)

_STATUTORY = (
    ("national_security", "National security or defence", "国家安全、国防安全"),
    (
        "public_safety",
        "Public safety, public health or major public interests",
        "公共安全、公共卫生、重大公共利益",
    ),
    (
        "criminal_investigation",
        "Criminal investigation, prosecution, trial or enforcement",
        "刑事侦查、起诉、审判和判决执行",
    ),
    (
        "abuse_of_rights",
        "Evidence of malice or abuse of rights by the requester",
        "有充分证据表明请求人存在主观恶意或滥用权利",
    ),
    (
        "harm_to_others",
        "Answering would seriously harm you or other people or organisations",
        "响应将严重损害您或其他个人、组织的合法权益",
    ),
    ("trade_secret", "The request involves trade secrets", "涉及商业秘密"),
)

_REAL_NAME_REFUSAL = Text(
    "Without real-name authentication you may be unable to manage your account, publish "
    "products, send quotations or continue transactions flagged as risky; browsing and search "
    "keep working.",
    "如不提供实名认证信息，您可能无法使用账户管理、发布商品、报价以及继续可能存在风险的交易等"
    "功能，但不影响浏览和搜索。",
)

# 6: a minor's data is used or shared only with a guardian's explicit consent, so only a
# guardian may grant a consent for a minor. The policy restricts use, not its reduction: the
# minor may withdraw on their own. It speaks of minors only, and asks for no presence.
GUARDIANS = GuardianRule(
    clauses=("6.P.accounts", "6.P.use"),
    covers_no_capacity=False,
    grant_needs_guardian=True,
    withdraw_needs_guardian=False,
    presence_required=False,
    summary=Text(
        "For a minor, only a parent or guardian can give a consent; the minor can withdraw one.",
        "未成年人的同意只能由父母或监护人给予；未成年人本人可以撤回同意。",
    ),
    # 6, first paragraph: no account of their own without the parent's or guardian's consent
    account_clause="6.P.accounts",
)

POLICY = ShopPolicy(
    shop_id=SHOP_ID,
    sections=SECTIONS,
    categories={
        "account": "1.A",
        "profile": "1.A",
        "identity_verification": "1.D",
        "devices": "1.C.2",
        "locations": "1.C.2",
        "logs": "1.C.2",
        "tracks": "1.B",
        "tags": "1.B",
        "orders": "1.C.2",
        "payments": "1.C.1",
        "decisions": "5.F",
        "consents": "5.D",
        "subscriptions": "1.B",
        "sharing": "3.A",
        "service_records": "1.C.2",
    },
    # The policy states no period for any category (4.C: only as long as needed).
    retention={
        key: None
        for key in (
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
            "service_records",
        )
    },
    purposes={
        "membership": "1.A",
        "risk_control": "1.D",
        "real_name_verification": "1.D",
        "personalised_recommendations": "1.B",
        "marketing_messages": "1.B",
        "location_services": "1.C.2",
        "cookies_analytics": "2.A",
        "partner_advertising_aggregated": "3.A",
        "cross_border_analytics": "7",
    },
    recipient_types={
        "logistics": "3.A",
        "payment": "1.C.3",
        "infrastructure": "7",
        "customer_service": "3.A",
        "advertising": "3.A",
        "analytics": "3.A",
        "authority": "3.A",
        "successor": "3.B",
        "public": "3.C",
    },
    cookies="2",
    deadline_clause="5.G",
    deadline_note=Text("15 working days", "15个工作日"),
    fees=Term(
        "fees",
        Text(
            "Free in principle; repeated requests beyond a reasonable limit may be charged a "
            "cost fee.",
            "原则上免费；超出合理限度的重复请求可能收取一定成本费用。",
        ),
        "5.G",
    ),
    verification=(
        Term("written_request", Text("A written request", "书面请求"), "5.G"),
        Term("other_proof", Text("Other proof of identity", "以其他方式证明身份"), "5.G"),
        Term(
            "one_time_code",
            Text("A 6-digit code sent to your account contact", "发送到账户联系方式的6位验证码"),
            None,
        ),
    ),
    refusal_grounds=(
        Term("repeated_request", Text("Unreasonably repeated", "无端重复"), "5.G"),
        Term(
            "excessive_technical_means",
            Text(
                "Needs excessive technical means (new systems, changed practice)",
                "需要过多技术手段（如开发新系统或从根本上改变现行惯例）",
            ),
            "5.G",
        ),
        Term(
            "risk_to_others",
            Text("Risks the legitimate rights of others", "给他人合法权益带来风险"),
            "5.G",
        ),
        Term("impractical", Text("Highly impractical", "非常不切实际"), "5.G"),
        *(Term(key, Text(en, zh), "5.G") for key, en, zh in _STATUTORY),
        # 5.G: the shop may ask you to prove who you are before it answers.
        Term(
            "identity_not_verified",
            Text("Your identity could not be verified", "无法核实您的身份"),
            "5.G",
        ),
        OTHER_REFUSAL,
    ),
    deletion_grounds=(
        Term(
            "unlawful_processing",
            Text("Processing breaks laws or regulations", "处理个人信息违反法律法规"),
            "5.C",
        ),
        Term(
            "no_consent",
            Text("Collected or used without your explicit consent", "未征得您的明确同意收集、使用"),
            "5.C",
        ),
        Term(
            "breach_of_agreement",
            Text(
                "Processing seriously breaches our agreement with you",
                "处理个人信息严重违反与您的约定",
            ),
            "5.C",
        ),
        Term(
            "no_longer_used",
            Text(
                "You no longer use the service or cancelled the account",
                "您不再使用我们的产品或服务，或主动注销账户",
            ),
            "5.C",
        ),
        Term(
            "service_ended",
            Text(
                "We permanently stopped providing you the service", "我们永久不再为您提供产品或服务"
            ),
            "5.C",
        ),
        Term("other", Text("Other (explain)", "其他（请说明）"), None),
    ),
    # 5.G allows "a certain cost fee" for repeats beyond reason; the figure is configuration.
    repeat_fee=FeeRule(
        amount="10.00",
        currency="CNY",
        reason=Text(
            "A third copy of your data within 30 days goes beyond the two the shop answers free "
            "of charge; the policy allows a cost fee for such repeated requests.",
            "30 天内第三次申请数据副本，超出商城免费受理的两次；"
            "本政策允许对此类重复请求收取成本费用。",
        ),
        clause="5.G",
    ),
    contacts=(
        Term("customer_service", Text("Service Center", "服务中心"), "9"),
        Term(
            "privacy_email",
            Text("Personal-information protection department", "个人信息保护专职部门"),
            "9",
            "privacy@silumart.example",
        ),
        Term(
            "court",
            Text(
                "A lawsuit at the court where the defendant is domiciled",
                "向被告住所地有管辖权的法院提起诉讼",
            ),
            "9",
        ),
        Term("regulator", Text("A regulator complaint route", "向监管部门投诉"), None),
    ),
    service_records="1.C.2",
    agreements="3.A",
    impact_assessments="4.E",
    orders_for_others="1.C.1",
    cross_border="7",
    violation_disclosure="3.C.2",
    notice_kinds={
        "security_incident": "4.F",
        "policy_update": "8",
        "service": None,
        "cessation": "1.F",
        "merger_transfer": "3.B",
        "public_disclosure": "3.C",
        "impact_assessment": "4.E",
    },
    sharing_event_kinds={
        "disclosure": "3.A",
        "merger_transfer": "3.B",
        "public_disclosure": "3.C",
    },
    collection_exceptions=tuple(
        Term(key, Text(en, zh), f"1.F.{n}") for n, (key, en, zh) in enumerate(_COLLECTION, 1)
    ),
    sharing_exceptions=tuple(
        Term(key, Text(en, zh), f"3.D.{n}") for n, (key, en, zh) in enumerate(_SHARING, 1)
    ),
    # Usage logs are kept to find and fix faults; order data to conclude the purchase contract.
    category_exceptions={"logs": "safe_operation", "orders": "contract"},
    # The police receive data in a criminal investigation without the shopper's consent.
    recipient_exceptions={"authority": "criminal_justice"},
    refusal_consequences={
        key: Term(key, text, clause)
        for key, text, clause in (
            (
                "identity_verification",
                _REAL_NAME_REFUSAL,
                "1.D",
            ),
            ("real_name_verification", _REAL_NAME_REFUSAL, "1.D"),
            (
                "profile",
                Text(
                    "Without these extra details personalised products and services are "
                    "affected; browsing and search keep working.",
                    "如不提供这些补充信息，将影响个性化产品或服务，但不影响浏览和搜索。",
                ),
                "1.A",
            ),
        )
    },
    guardian=GUARDIANS,
    incidents_clause="4.F",
)
