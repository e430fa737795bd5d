"""Demo guardian links and security incidents of each shop (both languages).

Each shop's minor gets the guardian account listed after them in `server.demo.accounts`.
Each shop publishes incident notices to some of its shoppers, each naming which of that
shopper's data categories were touched. Silumart's policy promises such notices (4.F);
Sinomai's says nothing, so its notice is the shop's own practice (the API says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.demo.accounts import DemoAccount
from server.incidents import IncidentSpec, publish_incident
from server.models import GuardianLink, IncidentNotice, User
from server.shops import SINOMAI, ShopProfile

_T = tuple[str, str]

# (days before the anchor, severity, texts, {username: categories}, read by those usernames)
_SILUMART: list[tuple[int, str, dict[str, _T], dict[str, list[str]], set[str]]] = [
    (
        40,
        "info",
        {
            "title": (
                "Order e-mails sent to the wrong address",
                "订单邮件误发至错误地址",
            ),
            "situation": (
                "For two hours a mail-merge fault sent some order confirmations to another "
                "customer's address.",
                "因邮件合并故障，约两小时内部分订单确认邮件被发送到其他顾客的邮箱。",
            ),
            "impact": (
                "The e-mail showed your order number, items and delivery city; no payment data.",
                "邮件中包含您的订单号、商品及收货城市，不含支付信息。",
            ),
            "measures": (
                "We stopped the mailer, fixed the fault and asked the recipients to delete the "
                "mails.",
                "我们已停止邮件发送、修复故障，并请误收人删除邮件。",
            ),
            "advice": (
                "Be wary of calls or messages quoting your order and asking for payment.",
                "对引用您订单信息并要求付款的电话或短信保持警惕。",
            ),
            "remedies": (
                "A 20-yuan coupon has been added to your account; contact the Service Center "
                "with any loss.",
                "已向您的账户发放20元优惠券；如有损失请联系服务中心。",
            ),
        },
        {"lin.mei": ["orders"]},
        {"lin.mei"},
    ),
    (
        6,
        "critical",
        {
            "title": ("Unauthorised access to a logistics partner", "物流合作方系统遭未授权访问"),
            "situation": (
                "An attacker used a stolen password to read delivery records at one of our "
                "logistics partners for three days.",
                "攻击者利用被盗密码，在三天内读取了我们一家物流合作方的配送记录。",
            ),
            "impact": (
                "Your name, mobile number and delivery address for recent orders may have "
                "been seen.",
                "您近期订单的姓名、手机号码和收货地址可能已被查看。",
            ),
            "measures": (
                "The partner locked the account, reset all passwords and added two-step "
                "sign-in; we reported the incident to the regulator.",
                "合作方已锁定该账户、重置全部密码并启用两步登录；我们已向监管部门报告。",
            ),
            "advice": (
                "Do not trust delivery calls asking for codes or payment; check your recent "
                "orders and change your password if you reuse it elsewhere.",
                "不要相信索要验证码或付款的配送电话；请核对近期订单，如在别处使用相同密码请修改。",
            ),
            "remedies": (
                "Free identity-theft monitoring for a year; any loss proven to come from this "
                "incident is compensated through the Service Center.",
                "免费提供一年身份盗用监测；经证实由本事件造成的损失可通过服务中心获得赔偿。",
            ),
        },
        {"lin.mei": ["account", "orders"], "alice.chen": ["account"]},
        set(),
    ),
]

_SINOMAI: list[tuple[int, str, dict[str, _T], dict[str, list[str]], set[str]]] = [
    (
        12,
        "warning",
        {
            "title": (
                "Coupon page showed other members' e-mails",
                "优惠券页面显示了其他会员的邮箱",
            ),
            "situation": (
                "A caching fault showed a few members the e-mail address of another member on "
                "the coupon page.",
                "缓存故障导致少数会员在优惠券页面看到其他会员的邮箱地址。",
            ),
            "impact": (
                "Your e-mail address may have been shown to one other member.",
                "您的邮箱地址可能被另一位会员看到。",
            ),
            "measures": (
                "The cache was cleared and the page fixed the same day.",
                "当天已清除缓存并修复页面。",
            ),
            "advice": (
                "Watch for phishing e-mails that pretend to come from Sinomai.",
                "请警惕冒充Sinomai的钓鱼邮件。",
            ),
            "remedies": (
                "Contact online customer service; we will answer every question about it.",
                "请联系在线客服，我们将解答与此相关的所有问题。",
            ),
        },
        {"wang.fang": ["account"], "bob.liu": ["account"]},
        set(),
    ),
]


def seed_guardians_and_incidents(
    session: Session, profile: ShopProfile, accounts: Sequence[DemoAccount], anchor: datetime
) -> None:
    users = {u.username: u for u in session.scalars(select(User))}
    for account in accounts:
        if account.guardian_of is None:
            continue
        session.add(
            GuardianLink(
                guardian_id=users[account.username].id,
                ward_id=users[account.guardian_of].id,
                relationship=account.relationship,
                since=users[account.guardian_of].created_at,
                revoked_at=None,
            )
        )
    plan = _SINOMAI if profile.id == SINOMAI.id else _SILUMART
    for days, severity, texts, affected, read_by in plan:
        at = anchor - timedelta(days=days)
        spec = IncidentSpec(
            severity, at - timedelta(days=2), {name: (en, zh) for name, (en, zh) in texts.items()}
        )
        incident = publish_incident(
            session,
            spec,
            {users[name].id: cats for name, cats in affected.items() if name in users},
            now=at,
        )
        for name in read_by:
            notice = session.scalars(
                select(IncidentNotice).where(
                    IncidentNotice.incident_id == incident.id,
                    IncidentNotice.user_id == users[name].id,
                )
            ).one()
            notice.read_at, notice.unread = at + timedelta(hours=5), 0
    session.flush()
