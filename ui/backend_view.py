"""What a shop's backend offers, in the shopper's words: which pages to show, what to say.

Pages appear only where the backend has what they show (`page_offered`); `missing_text`
says, in the UI language, what this shop does not offer and what the shopper can do instead.
The sentences for Fides' limits (codes, no status, no receipts) live here too, so the
Requests and Consents pages say the same thing.
"""

from __future__ import annotations

from client.backends import Capabilities
from ui.i18n import translate


def page_offered(page_id: str, caps: Capabilities) -> bool:
    """Whether the sidebar shows `page_id` for a shop with `caps`."""
    needs = {
        "overview": caps.sees_data,
        "my-data": caps.sees_data,
        "tracks": caps.tracks,
        "orders": caps.orders,
        "consents": caps.consents,
        "sharing": caps.sharing,
        "decisions": caps.decisions,
        "requests": bool(caps.request_types),
        "notices": caps.notices,
        "incidents": caps.incidents,
        "access-log": caps.access_log,
    }
    return needs.get(page_id, True)


def missing_text(caps: Capabilities, shop_name: str) -> str:
    """One paragraph: what this shop's privacy center does not offer (empty: it offers all)."""
    lines = []
    if not caps.sees_data:
        lines.append(
            translate(
                "BackendView",
                "This shop's privacy center does not show what it holds about you; "
                "you can ask for a copy (Requests → Copy of my data).",
            )
        )
    if not (caps.tracks and caps.orders and caps.sharing and caps.decisions):
        lines.append(
            translate(
                "BackendView",
                "It does not list your orders, tracking, who received your data or "
                "automated decisions.",
            )
        )
    if not caps.subject_status:
        lines.append(
            translate(
                "BackendView",
                "After you verify a request, it does not let the app follow it: the "
                "shop tells you by e-mail when it is done.",
            )
        )
    if caps.consents and not caps.consent_receipts_signed:
        lines.append(
            translate(
                "BackendView",
                "Consent changes get no signed receipt: the app keeps its own record "
                "with the shop's answer.",
            )
        )
    if not lines:
        return ""
    head = (
        translate("BackendView", "{0} runs Ethyca Fides.").format(shop_name)
        if caps.kind == "fides"
        else ""
    )
    return " ".join([head, *lines]).strip()


def code_rules_text(caps: Capabilities, where: str) -> str:
    """How verification codes work at this shop (tries and lifetime)."""
    if not caps.code_tries and not caps.code_lifetime_s:
        return ""
    minutes = max(1, caps.code_lifetime_s // 60)
    return translate(
        "BackendView",
        "The shop sends a code to {0}. It works for {1} minutes; after {2} wrong "
        "tries it stops working and you need a new one.",
    ).format(where, minutes, caps.code_tries)


def no_status_text() -> str:
    return translate(
        "BackendView",
        "This shop does not let the app follow a request after it is verified. The "
        "status shown is the shop's last answer here; the shop will tell you by e-mail "
        "when it is done.",
    )


def no_result_text() -> str:
    return translate(
        "BackendView",
        "The result does not come back through the app: the shop sends it to you directly.",
    )


def data_use_label(data_use: str, description: str | None = None) -> str:
    """Fides taxonomy data uses in plain words; an unknown one in the shop's `description`
    (FidesConsent.description) where it gave one, else spelled out."""
    labels = {
        "marketing.advertising": translate("BackendView", "Advertising"),
        "marketing.advertising.first_party": translate(
            "BackendView", "Advertising by the shop itself"
        ),
        "marketing.advertising.third_party": translate("BackendView", "Advertising by partners"),
        "marketing.communications.email": translate("BackendView", "Marketing e-mails"),
        "marketing.communications.sms": translate("BackendView", "Marketing text messages"),
        "analytics.reporting": translate("BackendView", "Analytics and reports"),
        "functional.service.improve": translate("BackendView", "Improving the service"),
        "personalize": translate("BackendView", "Personalisation"),
        "essential": translate("BackendView", "Essential for the service"),
    }
    known = labels.get(data_use)
    if known is not None:
        return known
    if description and description.strip():
        return description.strip()  # the shop's own words for a use this app does not know
    # Spelled out, not as a taxonomy key ("marketing.advertising.x")
    spelled = data_use.replace(".", " · ").replace("_", " ").strip()
    return spelled[:1].upper() + spelled[1:] if spelled else "—"


__all__ = [
    "code_rules_text",
    "data_use_label",
    "missing_text",
    "no_result_text",
    "no_status_text",
    "page_offered",
]
