"""Overview: what the shop holds and what needs attention, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QGridLayout, QWidget

from client.api import ShopApi
from client.errors import NotFound
from client.models.data import DataCategory
from client.models.notices import CurrentPolicy, Notice
from client.models.requests import PrivacyRequest
from client.models.rights import RightsCard
from ui.pages.base import DataPage
from ui.session import ActiveView
from ui.widgets.rights_card import RightsCardWidget
from ui.widgets.stat_card import StatCard

FINAL_STATUSES = {"completed", "denied", "canceled"}


@dataclass(frozen=True)
class OverviewData:
    categories: list[DataCategory]
    consents_granted: int
    consents_total: int
    recipients_with_data: int
    open_requests: list[PrivacyRequest]
    notices: list[Notice]
    policy: CurrentPolicy
    rights: RightsCard | None = None

    def count(self, key: str) -> int:
        return next((c.count for c in self.categories if c.key == key), 0)


class OverviewPage(DataPage):
    page_id = "overview"
    icon_name = "overview"

    def title(self) -> str:
        return self.tr("Overview")

    def build(self, content: QWidget) -> None:
        grid = QGridLayout(content)
        grid.setSpacing(12)
        self.cards = {
            "categories": StatCard(self.tr("Categories of data held")),
            "tracks": StatCard(self.tr("Search and browsing records")),
            "orders": StatCard(self.tr("Orders")),
            "consents": StatCard(self.tr("Consents given")),
            "recipients": StatCard(self.tr("Partners who received your data")),
            "requests": StatCard(self.tr("Open requests")),
            "notices": StatCard(self.tr("Notices")),
            "policy": StatCard(self.tr("Privacy policy")),
        }
        targets = {"categories": "my-data", "tracks": "tracks", "orders": "orders",
                   "consents": "consents", "recipients": "sharing", "requests": "requests",
                   "notices": "notices", "policy": "notices"}
        for position, (key, card) in enumerate(self.cards.items()):
            grid.addWidget(card, position // 4, position % 4)
            card.clicked.connect(lambda target=targets[key]: self.navigate.emit(target))
        self.rights = RightsCardWidget()
        grid.addWidget(self.rights, 2, 0, 1, 4)
        grid.setRowStretch(3, 1)

    def fetch(self, view: ActiveView) -> OverviewData:
        api = view.api
        consents = api.list_consents()
        recipients = list(api.iter_recipients(limit=200))
        requests = [r for r in api.iter_requests(limit=200) if r.status not in FINAL_STATUSES]
        return OverviewData(
            categories=api.list_categories(),
            consents_granted=sum(1 for c in consents if c.granted),
            consents_total=len(consents),
            recipients_with_data=sum(1 for r in recipients if r.event_count > 0),
            open_requests=requests,
            notices=api.list_notices(limit=20).items,
            policy=api.get_policy(),
            rights=_rights(api),
        )

    def present(self, data: OverviewData) -> bool:
        held = [c for c in data.categories if c.count > 0]
        sensitive = sum(1 for c in held if c.sensitive)
        self.cards["categories"].set_value(
            str(len(held)), self.tr("{0} of them sensitive").format(sensitive))
        self.cards["tracks"].set_value(f"{data.count('tracks'):,}")
        self.cards["orders"].set_value(f"{data.count('orders'):,}")
        self.cards["consents"].set_value(f"{data.consents_granted} / {data.consents_total}")
        self.cards["recipients"].set_value(str(data.recipients_with_data))
        overdue = [r for r in data.open_requests if r.overdue]
        if data.open_requests:
            soonest = min(data.open_requests, key=lambda r: r.working_days_left)
            detail = (self.tr("{0} overdue").format(len(overdue)) if overdue else
                      self.tr("next due in {0} working days").format(soonest.working_days_left))
        else:
            detail = self.tr("none open")
        self.cards["requests"].set_value(str(len(data.open_requests)), detail,
                                         alert=bool(overdue))
        incidents = [n for n in data.notices if n.kind == "security_incident"]
        newest = max((n.published_at for n in data.notices), default=None)
        self.cards["notices"].set_value(
            str(len(data.notices)),
            self.tr("{0} security incident(s)").format(len(incidents)) if incidents
            else _date(newest),
            alert=bool(incidents),
        )
        policy = data.policy
        self.cards["policy"].set_value(
            policy.version,
            self.tr("acknowledged") if policy.acknowledged
            else self.tr("new version to acknowledge"),
            alert=not policy.acknowledged,
        )
        self.rights.show_card(data.rights)
        return True


def _rights(api: ShopApi) -> RightsCard | None:
    try:
        return api.get_rights()
    except NotFound:  # an older shop without the card: say so rather than fail the page
        return None


def _date(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""
