"""The archive's sections: the one list every writer, reader, schema and page takes them from.

To add a section, add one `Section(...)` line to `SECTION_LIST` (its place there is its place in
every archive and on the index page), then give it a producer on each side that writes it (see
docs/ARCHITECTURE.md, "How to add an archive section"). Nothing else here needs editing: the
tuples below, the server's `ArchiveSection` enum and the readers' checks follow this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One section of an archive.

    `name`: the member stem (`data/<name>.json` or `.ndjson`) and the key in `scope.sections`.
    `title`/`title_zh`: what a person reads (the index page; the shop's Chinese answers).
    `ndjson`: one JSON object per line instead of one JSON array (for long lists).
    `csv`: whether a `csv/<name>.csv` copy is written (not for one-object sections).
    """

    name: str
    title: str
    title_zh: str
    ndjson: bool = False
    csv: bool = True

    @property
    def path(self) -> str:
        return f"data/{self.name}.{'ndjson' if self.ndjson else 'json'}"


SECTION_LIST: tuple[Section, ...] = (
    Section("account", "Account", "会员账户信息", csv=False),
    Section("categories", "Data categories", "数据类别"),
    Section("devices", "Devices", "设备信息"),
    Section("locations", "Locations", "位置信息", ndjson=True),
    Section("logs", "Activity logs", "日志信息", ndjson=True),
    Section("tracks", "Search and browsing records", "我的足迹", ndjson=True),
    Section("tags", "Interest tags", "兴趣标签"),
    Section("orders", "Orders", "订单"),
    Section("decisions", "Automated decisions", "自动化决策"),
    Section("consents", "Consents", "授权同意记录"),
    Section("consent_history", "Consent history", "授权变更记录"),
    Section("subscriptions", "Subscriptions", "营销订阅"),
    Section("cookies", "Cookies", "Cookie 及同类技术"),
    Section("recipients", "Partners", "数据接收方"),
    Section("recipient_events", "Data shared with partners", "对外提供记录"),
    Section("policy_versions", "Privacy policy versions", "隐私政策版本"),
    Section("notices", "Notices", "通知"),
    Section("access_log", "Access log", "访问记录", ndjson=True),
    Section("requests", "Privacy requests", "个人信息申请"),
    Section("explanations", "Explanations of automated decisions", "自动化决策说明"),
    Section("deletion_receipts", "Deletion receipts", "删除回执"),
    Section("assist_sessions", "Assist sessions", "协助会话"),
    Section("service_contacts", "Customer-service records", "客服通信记录"),
    Section("impact_assessments", "Impact assessments", "个人信息安全影响评估"),
    # one record: the shop's "Your rights here" card (GET /v1/rights) as it stood
    Section("rights", "Your rights here", "您在此商城的权利", csv=False),
    Section("incidents", "Security incident notices", "安全事件告知"),
    Section("guardian_links", "Guardians and wards", "监护关系"),
)

BY_NAME: dict[str, Section] = {s.name: s for s in SECTION_LIST}
SECTIONS: tuple[str, ...] = tuple(s.name for s in SECTION_LIST)
NDJSON_SECTIONS: frozenset[str] = frozenset(s.name for s in SECTION_LIST if s.ndjson)
# Sections that are not tables (no CSV of their own): the account is one object.
NO_CSV: frozenset[str] = frozenset(s.name for s in SECTION_LIST if not s.csv)


def section_path(section: str) -> str:
    """`data/<section>.ndjson` for the long lists, else `data/<section>.json`."""
    suffix = "ndjson" if section in NDJSON_SECTIONS else "json"
    return f"data/{section}.{suffix}"


def section_title(section: str, language: str = "en") -> str:
    """The section's title in `language` (`en` or `zh-CN`); an unknown name as itself."""
    found = BY_NAME.get(section)
    if found is None:
        return section
    return found.title_zh if language == "zh-CN" else found.title


__all__ = [
    "BY_NAME",
    "NDJSON_SECTIONS",
    "NO_CSV",
    "SECTIONS",
    "SECTION_LIST",
    "Section",
    "section_path",
    "section_title",
]
