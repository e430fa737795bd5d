"""The shop's own sentences in Simplified Chinese: problem details, request notes, resolutions.

Text the server composes at run time (a problem's `detail`, a request's timeline notes and
resolution, an explanation's "how to contest") is written in English at its source, as before;
this table gives each sentence's Chinese form. An English template names its parameters
(`{what}`, `{status}`, `{n}`…); `translate` matches a finished English sentence against the
templates, translates the parameters that are words of the API (statuses, data categories,
purposes, resource names) and fills the Chinese template. A sentence without an entry stays
English: the documented fallback. `tests/server/test_language.py` checks every detail written
in `server/` has an entry, so a new `Problem(...)` without Chinese fails a test.

To add a sentence: append `(english_template, chinese_template)` to `MESSAGES`; a parameter
whose value is an API word gets translated through `TERMS`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from server.demo.policies import all_policies
from server.i18n import Language, current_language

# API words that appear inside sentences: request statuses and types, data categories,
# consent purposes, the names of resources, marketing channels.
TERMS: dict[str, str] = {
    # request statuses
    "identity_unverified": "待验证身份",
    "pending": "待处理",
    "fee_quoted": "待确认费用",
    "in_progress": "处理中",
    "extended": "已延期",
    "completed": "已完成",
    "denied": "已拒绝",
    "canceled": "已撤回",
    # data categories
    "account": "会员账户信息",
    "profile": "补充资料",
    "identity_verification": "实名认证信息",
    "devices": "设备信息",
    "locations": "位置信息",
    "logs": "日志信息",
    "tracks": "我的足迹",
    "tags": "兴趣标签",
    "orders": "订单",
    "payments": "支付信息",
    "decisions": "自动化决策",
    "consents": "授权同意记录",
    "subscriptions": "营销订阅",
    "sharing": "共享记录",
    "service_records": "客服通信记录",
    # consent purposes
    "membership": "会员账户",
    "risk_control": "风险控制与账户安全",
    "real_name_verification": "实名认证",
    "personalised_recommendations": "个性化推荐",
    "marketing_messages": "营销信息推送",
    "location_services": "位置服务",
    "cookies_analytics": "分析类Cookie及同类技术",
    "partner_advertising_aggregated": "向广告合作方提供汇总统计",
    "cross_border_analytics": "在新加坡处理的统计分析",
    # resources named in "No such …"
    "resource": "资源",
    "request": "申请",
    "order": "订单",
    "decision": "决策记录",
    "receipt": "回执",
    "consent purpose": "授权目的",
    "channel": "推送渠道",
    "recipient": "接收方",
    "policy version": "政策版本",
    "track": "足迹记录",
    "tag": "标签",
    "assist session": "协助会话",
    "ward": "被监护人账户",
    "incident notice": "安全事件告知",
    # what a rate limit counts
    "assist codes": "协助码申请",
    "wrong assist codes for this customer": "该客户的协助码错误",
    "sign-in attempts": "登录尝试",
    "privacy requests from this account": "该账户提交的隐私申请",
    "document uploads from this account": "该账户上传的证明文件",
    # profile fields
    "phone": "手机号码",
    "email": "电子邮箱",
    "contact_name": "联系人姓名",
    "member_name": "会员名",
    "real_name": "真实姓名",
    "gender": "性别",
    "fixed_phone": "固定电话",
    "job": "职业",
    "main_business": "主营业务",
    "id_verified": "实名认证状态",
    "id_number_masked": "身份证号（已隐藏）",
    # marketing channels
    "sms": "短信",
    "push": "推送通知",
    "internal_letter": "站内信",
    "none recorded": "无记录",
    # archive sections beyond the data categories
    "categories": "数据类别",
    "consent_history": "授权变更记录",
    "cookies": "Cookie 及同类技术",
    "recipients": "数据接收方",
    "recipient_events": "对外提供记录",
    "policy_versions": "隐私政策版本",
    "notices": "通知",
    "incidents": "安全事件告知",
    "guardian_links": "监护关系",
    "access_log": "访问记录",
    "requests": "个人信息申请",
    # denial reasons
    "national_security": "国家安全",
    "public_safety": "公共安全",
    "criminal_investigation": "刑事侦查",
    "abuse_of_rights": "滥用权利",
    "harm_to_others": "损害他人权益",
    "trade_secret": "商业秘密",
    "identity_not_verified": "身份未核实",
    "repeated_request": "重复申请",
    "other": "其他原因",
    "excessive_technical_means": "需要过多技术手段",
    "impractical": "非常不切实际",
    "risk_to_others": "给他人合法权益带来风险",
    "statutory": "法律法规或主管机关要求",
    # kinds of proof of identity
    "written_request": "书面申请",
    "other_proof": "其他身份证明",
    # what became of a quoted fee
    "quoted": "已报价",
    "accepted": "已接受",
    "withdrawn": "已撤回",
}

# (English template, Chinese template). Order matters only where two templates could match
# the same sentence: the more specific one first.
MESSAGES: tuple[tuple[str, str], ...] = (
    # --- authentication and access ---
    ("Sign in to use this resource.", "请先登录再使用此功能。"),
    ("The sign-in has expired or was revoked.", "登录已过期或已被撤销，请重新登录。"),
    ("The account is closed.", "该账户已注销。"),
    ("The assist session has ended.", "协助会话已结束。"),
    ("The guardian link has ended.", "监护关联已终止。"),
    (
        "A parent or guardian must consent to this account before it can be used; sign in again "
        "once they have.",
        "此账户须先获得父母或监护人的同意才能使用；获得同意后请重新登录。",
    ),
    ("Use the guardian's own sign-in for this.", "请使用监护人本人的登录进行此操作。"),
    (
        "Only the account holder's own sign-in can read this code: it proves who they are.",
        "只有账户持有人本人的登录才能查看此验证码：它用于证明本人身份。",
    ),
    (
        "This shop's policy does not ask a guardian to consent to the account itself.",
        "本商城的隐私政策未要求监护人对账户本身作出同意。",
    ),
    ("This sign-in cannot change this.", "此次登录无权修改此项。"),
    (
        "This account holder no longer needs a guardian; only they can change this.",
        "该账户持有人已无需监护人，只有本人可以修改此项。",
    ),
    (
        "The shop's policy asks the guardian to be present: confirm that you are with the "
        "account holder now.",
        "商家的隐私政策要求监护人在场：请确认您此刻与账户持有人在一起。",
    ),
    (
        "A parent or guardian must make this change: ask them to sign in to their own account "
        "and change it for you.",
        "此项变更须由父母或监护人作出：请他们登录自己的账户为您修改。",
    ),
    ("This sign-in cannot read personal data.", "此次登录无权查看个人信息。"),
    ("Only the account holder can change this.", "只有账户本人可以修改此项。"),
    ("This sign-in cannot file requests.", "此次登录无权提交申请。"),
    ("Please sign in again to confirm this action.", "请重新登录以确认此操作。"),
    ("Only customer-service agents can do this.", "只有客服人员可以执行此操作。"),
    ("Use the agent's own sign-in, not an assist token.", "请使用客服本人的登录，而非协助令牌。"),
    ("The customer number or assist code is not valid.", "客户编号或协助码无效。"),
    (
        "An agent assisting a customer cannot export the customer's data in bulk.",
        "协助客户的客服人员不能批量导出客户的数据。",
    ),
    # --- generic ---
    ("No such account.", "找不到该账户。"),
    ("No such {what}.", "找不到该{what}。"),
    ("The request is not valid.", "请求内容无效。"),
    ("Something went wrong on the shop's side.", "商城一方出现了问题，请稍后再试。"),
    ("Too many wrong codes. Try again in {n} seconds.", "验证码错误次数过多，请在 {n} 秒后重试。"),
    ("Too many {what}. Try again in {n} seconds.", "{what}次数过多，请在 {n} 秒后重试。"),
    ("The cursor is malformed or expired.", "分页游标格式错误或已过期。"),
    ("Send an Idempotency-Key header (a UUID).", "请在请求头中提供 Idempotency-Key（UUID）。"),
    ("The Idempotency-Key is not valid.", "Idempotency-Key 无效。"),
    ("Retry this request.", "请重试此请求。"),
    (
        "This Idempotency-Key was already used with a different request.",
        "此 Idempotency-Key 已用于另一项不同的请求。",
    ),
    (
        "The first request with this Idempotency-Key is still being processed.",
        "使用此 Idempotency-Key 的第一个请求仍在处理中。",
    ),
    (
        "The request body is larger than the {n} KiB this shop accepts.",
        "请求内容超过了本商城可接受的 {n} KiB。",
    ),
    ("The Content-Length header is not valid.", "Content-Length 请求头无效。"),
    ("The item to continue after is not in this section.", "要接续的条目不在这一部分中。"),
    (
        "The address contains a character the shop cannot store (NUL).",
        "地址中含有商城无法保存的字符（NUL）。",
    ),
    (
        "The request contains a character the shop cannot store (NUL).",
        "请求中含有商城无法保存的字符（NUL）。",
    ),
    ("Bad request", "请求有误"),
    ("Not Found", "找不到该资源"),
    ("Method Not Allowed", "不支持该请求方法"),
    # --- data, tracks, profile ---
    ("`from` must not be after `to`.", "开始时间不能晚于结束时间。"),
    ("Choose a larger bucket or a shorter range.", "请选择更大的统计粒度或更短的时间范围。"),
    ("Name at least one field to change.", "请至少指定一个要修改的字段。"),
    ("There is no field '{field}'.", "没有“{field}”这个字段。"),
    (
        "The field '{field}' cannot be edited here; file a correction request instead.",
        "“{field}”不能在这里修改，请改为提交更正申请。",
    ),
    (
        "'{title}' is needed to provide the service and cannot be withdrawn on its own. "
        "To stop this processing, cancel the account (a privacy request of type "
        "account_cancellation).",
        "“{title}”是提供服务所必需的，不能单独撤回。如需停止此项处理，请申请注销账户。",
    ),
    # --- privacy requests: validation ---
    ("You have no profile field '{field}'.", "您没有“{field}”这个资料字段。"),
    (
        "The current value you sent is not the value on record; reload and try again.",
        "您提交的当前值与记录不符，请刷新后重试。",
    ),
    ("The proposed value is the same as the current one.", "更正后的值与当前值相同。"),
    ("No such automated decision about you.", "没有关于您的这项自动化决策。"),
    ("Unknown data category '{category}'.", "未知的数据类别“{category}”。"),
    ("Unknown {category} ids.", "有未知的{category}编号。"),
    ("Some {category} ids are not yours or unknown.", "部分{category}编号不属于您或不存在。"),
    ("Unknown purpose '{purpose}'.", "未知的处理目的“{purpose}”。"),
    (
        "Not a deletion ground of this shop: '{ground}'; choose one of {grounds}.",
        "“{ground}”不是本商城的删除理由；请从以下选择：{grounds}。",
    ),
    ("Say which ground applies when you choose 'other'.", "选择“其他”时，请说明具体理由。"),
    ("No such request of yours.", "您没有这项申请。"),
    ("Category '{category}' cannot be deleted this way.", "“{category}”不能以这种方式删除。"),
    (
        "Membership data goes with the account: file an account_cancellation request.",
        "会员账户信息随账户一并保留：如需删除，请申请注销账户。",
    ),
    (
        "Payment records are kept by law with their orders; delete the orders instead.",
        "支付记录依法随订单保存；请改为删除相应订单。",
    ),
    (
        "Consent records are proof of your choices; file a consent_withdrawal request.",
        "授权记录是您所作选择的凭证；如需撤回授权，请提交撤回授权申请。",
    ),
    ("Switch marketing channels off under Subscriptions.", "请在“营销订阅”中关闭相应推送渠道。"),
    (
        "Records of disclosures are kept by law; delete the shared data itself.",
        "对外提供的记录依法保存；请删除被共享的数据本身。",
    ),
    # --- privacy requests: states and results ---
    (
        "A request that is {status} cannot become {status2}.",
        "状态为“{status}”的申请不能变为“{status2}”。",
    ),
    ("The request is {status}; nothing to verify.", "该申请状态为“{status}”，无需验证。"),
    (
        "The request is {status}; it was changed at the same moment.",
        "该申请刚刚被同时更改，现在的状态为“{status}”。",
    ),
    (
        "The request is {status}; it can only be canceled before work starts.",
        "该申请状态为“{status}”；只有在处理开始前才能撤回。",
    ),
    ("The request is {status}; its result is not ready.", "该申请状态为“{status}”，结果尚未生成。"),
    ("The verification code is not right.", "验证码不正确。"),
    (
        "This shop's policy does not accept documents as proof of identity; use the code.",
        "本商城的隐私政策不接受以文件证明身份，请使用验证码。",
    ),
    (
        "Not a kind of proof this shop accepts: '{kind}'; choose one of {kinds}.",
        "本商城不接受这种证明：“{kind}”；请从以下选择：{kinds}。",
    ),
    ("Send the document as PDF, PNG or JPEG.", "请以 PDF、PNG 或 JPEG 格式发送文件。"),
    ("Say which proof the document is.", "请说明该文件属于哪种证明。"),
    ("At most {n} characters.", "最多 {n} 个字符。"),
    ("The document is empty.", "文件是空的。"),
    ("The file's content is not the type it was sent as.", "文件内容与其声明的格式不符。"),
    (
        "At most {n} documents can be sent for one request.",
        "每项申请最多可发送 {n} 份文件。",
    ),
    (
        "A signed written request was sent for the shop to review.",
        "已发送签名的书面申请，等待商城审核。",
    ),
    ("A proof of identity was sent for the shop to review.", "已发送身份证明，等待商城审核。"),
    (
        "Identity verified by the shop from the document you sent.",
        "商城已根据您发送的文件核实身份。",
    ),
    ("The document you sent was not accepted: {reason}", "您发送的文件未被接受：{reason}"),
    ("This request is not waiting for a verification code.", "该申请无需输入验证码。"),
    (
        "This request has no result document; its resolution says what was done.",
        "该申请没有结果文件；处理结果中已说明所做的处理。",
    ),
    (
        "The archive is {n} bytes; that range is outside it.",
        "数据副本共 {n} 字节，请求的范围超出了它。",
    ),
    ("The archive is no longer kept; ask again.", "数据副本已不再保留，请重新申请。"),
    (
        "'{title}' is needed to provide the service; it cannot be withdrawn on its own (file an "
        "account_cancellation request instead).",
        "“{title}”是提供服务所必需的，不能单独撤回（如需停止，请申请注销账户）。",
    ),
    # --- timeline notes ---
    ("Taken up by the shop.", "商城已受理。"),
    (
        "A person at the shop reviewed the decision and confirms it.",
        "商城工作人员已复核该决策，维持原结果。",
    ),
    ("The shop looked into your complaint and accepts it.", "商城已调查您的投诉，并予以受理。"),
    ("Identity verified by the shop.", "商城已核实身份。"),
    ("Extended by {n} working days to {date}: {reason}", "已延期 {n} 个工作日至 {date}：{reason}"),
    ("Request received.", "已收到申请。"),
    (
        "A verification code was sent to the contact details on the account.",
        "验证码已发送到账户登记的联系方式。",
    ),
    ("{name} (agent, for the subject)", "{name}（客服代为提交）"),
    ("shop", "商城"),
    ("privacy officer", "个人信息保护负责人"),
    ("Identity verified.", "身份已验证。"),
    ("Canceled by the requester.", "申请人已撤回申请。"),
    (
        "A fee of {amount} {currency} is quoted: {reason}",
        "商城报价费用 {amount} {currency}：{reason}",
    ),
    (
        "A fee of {amount} {currency} is quoted by the shop's privacy officer.",
        "商城个人信息保护负责人报价费用 {amount} {currency}。",
    ),
    (
        "Fee of {amount} {currency} accepted by the requester.",
        "申请人已接受费用 {amount} {currency}。",
    ),
    (
        "Withdrawn by the requester instead of paying the quoted fee.",
        "申请人未接受报价费用，已撤回申请。",
    ),
    ("The request is {status}; no fee is quoted for it.", "该申请状态为“{status}”，没有报价费用。"),
    ("The fee was already {status}.", "该费用的状态已是“{status}”。"),
    ("Waiting for a person at the shop.", "等待商城工作人员处理。"),
    ("Work on the request has started.", "已开始处理申请。"),
    ("shop (automatic processing)", "商城（自动处理）"),
    # --- resolutions and denials written by the processor ---
    (
        "You already asked for a copy of your data {n} times in the last 30 days. The shop "
        "answers up to two access requests in 30 days free of charge; for more, a reasonable "
        "fee may apply. Download the earlier archive, or ask again later.",
        "您在最近 30 天内已申请过 {n} 次数据副本。商城在 30 天内免费受理最多两次查阅申请，"
        "超出部分可能收取合理费用。请下载之前的数据副本，或稍后再申请。",
    ),
    (
        "repeated_request: You already asked for a copy of your data {n} times in the last 30 "
        "days. The shop answers up to two access requests in 30 days free of charge; for more, "
        "a reasonable fee may apply. Download the earlier archive, or ask again later.",
        "重复申请：您在最近 30 天内已申请过 {n} 次数据副本。商城在 30 天内免费受理最多两次"
        "查阅申请，超出部分可能收取合理费用。请下载之前的数据副本，或稍后再申请。",
    ),
    (
        "You already asked for a copy of your data {n} times in the last 30 days. The shop "
        "answers up to two access requests in 30 days. Download the earlier archive, or ask "
        "again later.",
        "您在最近 30 天内已申请过 {n} 次数据副本。商城在 30 天内受理最多两次查阅申请。"
        "请下载之前的数据副本，或稍后再申请。",
    ),
    (
        "repeated_request: You already asked for a copy of your data {n} times in the last 30 "
        "days. The shop answers up to two access requests in 30 days. Download the earlier "
        "archive, or ask again later.",
        "重复申请：您在最近 30 天内已申请过 {n} 次数据副本。商城在 30 天内受理最多两次查阅申请。"
        "请下载之前的数据副本，或稍后再申请。",
    ),
    (
        "Your archive is ready ({n} bytes, SHA-256 {hash}). It is signed by the shop; "
        "download it from the request's result.",
        "您的数据副本已生成（{n} 字节，SHA-256 {hash}），并由商城签名；请在申请结果中下载。",
    ),
    ("The field no longer exists.", "该字段已不存在。"),
    ("other: The field no longer exists.", "其他原因：该字段已不存在。"),
    ("The field {field} was corrected.", "“{field}”已更正。"),
    ("The decision record no longer exists.", "该决策记录已不存在。"),
    ("other: The decision record no longer exists.", "其他原因：该决策记录已不存在。"),
    (
        "Decision {n} explained; main factors: {factors}.",
        "已说明决策 {n} 的依据；主要因素：{factors}。",
    ),
    (
        "Consent withdrawn for: {purposes}. Processing that already happened is not undone.",
        "已撤回以下授权：{purposes}。撤回前已进行的处理不受影响。",
    ),
    (
        "Order and payment records are kept, hidden from you and anonymised where possible, "
        "for three years after the order (e-commerce law); they are deleted then.",
        "订单与支付记录依《电子商务法》自下单起保存三年，期间对您隐藏并尽可能匿名化，期满后删除。",
    ),
    (
        "Deleted {n} records; {m} recipients that received this data were told to delete it "
        "too. Backups are purged at the next backup update (within 30 days).",
        "已删除 {n} 条记录，并已通知 {m} 个曾接收这些数据的接收方一并删除。"
        "备份将在下次备份更新时清除（30 天内）。",
    ),
    (
        "The account is closed and its personal data deleted ({n} records); orders kept by "
        "law are anonymised. {m} recipients were told to delete what they received. Backups "
        "are purged within 30 days.",
        "账户已注销，个人信息已删除（{n} 条记录）；依法保留的订单已匿名化。"
        "已通知 {m} 个接收方删除其收到的数据。备份将在 30 天内清除。",
    ),
    (
        "The account is closed. As the shop's policy says, data kept until the account is "
        "closed has now been anonymised ({n} records).",
        "账户已注销。按照本商城隐私政策，保存至账户注销的数据现已匿名化（{n} 条记录）。",
    ),
    (
        "If you think this decision is wrong, file a human_review request naming this "
        "decision: a person at the shop will look at it again, can change the outcome, and "
        "answers in writing. You may also complain to the shop's privacy contact or to the "
        "regulator.",
        "如果您认为这项决策有误，可以针对它申请人工复核：商城工作人员会重新审查，"
        "可以改变结果，并以书面形式答复您。您也可以向商城的个人信息保护联系人或监管部门投诉。",
    ),
    (
        "Transaction records (goods, prices, payment) must be kept for at least three years "
        "after the transaction (E-Commerce Law art. 31; accounting rules). They are hidden from "
        "the account and used for nothing else; the delivery details were erased.",
        "交易记录（商品、价格、支付）须自交易完成之日起至少保存三年（《电子商务法》第三十一条及"
        "会计规定）。这些记录已从账户中隐藏，不作其他用途；收货信息已清除。",
    ),
)

# Parameter names whose value is a list of API words joined by ", ".
_LIST_PARAMS = frozenset({"purposes", "factors", "kinds"})
# Parameters that are whole sentences of the shop: translated when they have an entry (an
# officer's own words have none and stay as written).
_SENTENCE_PARAMS = frozenset({"reason"})
# Parameters translated through TERMS (others, e.g. numbers and hashes, are kept as they are).
_TERM_PARAMS = frozenset(
    {"what", "status", "status2", "category", "purpose", "field", "purposes", "factors", "kind"}
    | {"kinds"}
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    compiled = []
    for english, chinese in (*MESSAGES, *_policy_sentences()):
        pattern = "".join(
            f"(?P<{part[1:-1]}>.+?)" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[a-z0-9]+\})", english)
            if part
        )
        compiled.append((re.compile(pattern + r"\Z", re.DOTALL), chinese))
    return tuple(compiled)


def _policy_sentences() -> list[tuple[str, str]]:
    """Sentences a shop's policy data gives in both languages (its fee reasons)."""
    return [
        (p.repeat_fee.reason.en, p.repeat_fee.reason.zh)
        for p in all_policies()
        if p.repeat_fee is not None
    ]


def term(word: str) -> str:
    """An API word (status, category, purpose, factor…) in Chinese, or the word itself."""
    found = TERMS.get(word)
    if found is None:
        found = _FACTORS_BY_ENGLISH.get(word) or (FACTORS[word][1] if word in FACTORS else None)
    return found or word


def _param(name: str, value: str) -> str:
    if name in _LIST_PARAMS:
        return "、".join(term(item.strip()) for item in value.split(",") if item.strip())
    if name in _TERM_PARAMS:
        return term(value)
    if name in _SENTENCE_PARAMS:
        return chinese(value) or value
    return value


def chinese(text: str) -> str | None:
    """The Chinese form of one English sentence of the shop, or None if it has none."""
    for pattern, template in _compiled():
        found = pattern.match(text)
        if found:
            params = {name: _param(name, value) for name, value in found.groupdict().items()}
            return template.format(**params)
    return None


_CODED = re.compile(r"([a-z_]+): (.+)\Z", re.DOTALL)


def translate(text: str | None, language: Language | None = None) -> str | None:
    """`text` in the asked language: its Chinese form for zh-CN when it has one.

    A "code: sentence" note (a denial's timeline entry) is translated in its two halves; a
    sentence a person at the shop wrote stays as written.
    """
    if text is None or (language or current_language()) != "zh-CN":
        return text
    found = chinese(text)
    if found is None and (coded := _CODED.match(text)) and coded.group(1) in TERMS:
        found = f"{term(coded.group(1))}：{chinese(coded.group(2)) or coded.group(2)}"
    return found or text


# Pydantic's validation messages (the `errors[].msg` of a 422), by error type.
_VALIDATION_ZH: dict[str, str] = {
    "string_too_long": "最多 {max_length} 个字符",
    "string_too_short": "至少 {min_length} 个字符",
    "too_long": "最多 {max_length} 项",
    "too_short": "至少 {min_length} 项",
    "missing": "必填",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "float_parsing": "应为数字",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "string_pattern_mismatch": "格式不正确",
    "extra_forbidden": "不允许此字段",
    "json_invalid": "JSON 格式不正确",
    "union_tag_invalid": "类型不正确",
    "union_tag_not_found": "缺少类型",
    "datetime_parsing": "应为日期时间",
    "datetime_from_date_parsing": "应为日期时间",
    "uuid_parsing": "应为 UUID",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "value_error": "值无效",
}


def validation_message(error_type: str, message: str, context: dict[str, object]) -> str:
    """One validation error's message in the asked language."""
    if current_language() != "zh-CN":
        return message
    template = _VALIDATION_ZH.get(error_type)
    if template is None:
        return translate(message) or message
    try:
        return template.format(**{k: str(v) for k, v in context.items()})
    except (KeyError, IndexError):
        return translate(message) or message


# --- labels of the shop's own keys ------------------------------------------------------------

# What each factor of an automated decision means, for the shopper (code → English, Chinese).
FACTORS: dict[str, tuple[str, str]] = {
    "new_device": ("Sign-in from a device not seen before", "从未使用过的设备登录"),
    "login_city_change": ("Sign-in from a different city", "在不同城市登录"),
    "night_time_login": ("Sign-in late at night", "深夜登录"),
    "amount_vs_history": ("Amount compared with your earlier orders", "金额与您以往订单的对比"),
    "shipping_address_new": ("A delivery address not used before", "首次使用的收货地址"),
    "card_recently_added": ("A payment card added only recently", "最近才添加的银行卡"),
    "category_affinity": ("How often you buy in this category", "您在该品类的购买频率"),
    "days_since_last_order": ("Days since your last order", "距上次下单的天数"),
    "basket_size": ("Usual size of your orders", "您通常的订单金额"),
    "account_age": ("How long you have had the account", "账户注册时长"),
    "on_time_repayments": ("Instalments repaid on time", "按时还款记录"),
    "order_frequency": ("How often you order", "下单频率"),
    "age_check": ("Age check (adults only)", "年龄核验（仅限成年人）"),
    "address_change_after_payment": (
        "Delivery address changed after payment",
        "付款后修改收货地址",
    ),
    "order_value": ("Value of the order", "订单金额"),
    "previous_orders": ("Whether you ordered before", "是否有过订单"),
}

# The account and profile fields (key → English, Chinese).
FIELDS: dict[str, tuple[str, str]] = {
    "phone": ("Mobile number", "手机号码"),
    "email": ("E-mail address", "电子邮箱"),
    "contact_name": ("Contact name", "联系人姓名"),
    "member_name": ("Member name", "会员名"),
    "real_name": ("Real name", "真实姓名"),
    "gender": ("Gender", "性别"),
    "fixed_phone": ("Landline number", "固定电话"),
    "job": ("Occupation", "职业"),
    "main_business": ("Main business", "主营业务"),
    "id_verified": ("Real-name verification status", "实名认证状态"),
    "id_number_masked": ("ID card number (partly hidden)", "身份证号（部分隐藏）"),
}


def label(table: dict[str, tuple[str, str]], key: str) -> str:
    """A key's label in the asked language; the key itself for one the table lacks."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[1] if current_language() == "zh-CN" else pair[0]


_PERIOD = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?\Z")


def retention_text(retention: str) -> str:
    """A retention rule ("P3Y", "P6M", "until_account_closed") as the shopper reads it."""
    zh = current_language() == "zh-CN"
    if retention == "until_account_closed":
        return "保存至您注销账户" if zh else "Until you close your account"
    found = _PERIOD.match(retention)
    if not found or not any(found.groups()):
        return retention
    units = (("年", "year"), ("个月", "month"), ("天", "day"))
    parts = []
    for value, (unit_zh, unit_en) in zip(found.groups(), units, strict=True):
        if value:
            n = int(value)
            parts.append(f"{n} {unit_zh}" if zh else f"{n} {unit_en}{'' if n == 1 else 's'}")
    return "".join(parts) if zh else ", ".join(parts)


_FACTORS_BY_ENGLISH = {en: zh for en, zh in FACTORS.values()}
