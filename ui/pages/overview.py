"""Overview: what the shop holds and what needs attention, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from ui.formats import format_count, format_date
from ui.pages.base import DataPage
from ui.widgets.banner import Banner
from ui.widgets.rights_card import RightsCardWidget
from ui.widgets.stat_card import StatCard

if TYPE_CHECKING:  # the models arrive with the data, from the worker thread
    from client.models.data import DataCategory
    from client.models.incidents import Incident
    from client.models.notices import CurrentPolicy, Notice
    from client.models.overview import OverviewCounts
    from client.models.rights import RightsCard
    from client.reader import ShopReader
    from ui.session import ActiveView


@dataclass(frozen=True)
class OverviewData:
    categories: list[DataCategory]
    consents_granted: int
    consents_total: int
    counts: OverviewCounts  # recipients and open requests, counted by the shop
    notices: list[Notice]
    policy: CurrentPolicy
    rights: RightsCard | None = None
    unread_incidents: list[Incident] | None = None  # None: the shop has no incident notices

    def count(self, key: str) -> int:
        return next((c.count for c in self.categories if c.key == key), 0)


class OverviewPage(DataPage[OverviewData]):
    page_id = "overview"
    icon_name = "overview"
    # (shop id, shop name, unread incidents) after each load: the tray notifications
    incidents_seen = Signal(str, str, list)

    def title(self) -> str:
        return self.tr("Overview")

    def build(self, content: QWidget) -> None:
        # The rights card is as tall as its wrapped text needs; at small window sizes the page
        # scrolls down to it rather than squeezing it (never sideways: the text wraps).
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.scroll_area = scroll
        grid = QGridLayout(inner)
        grid.setSpacing(12)
        # Unread security incidents come first: above everything else.
        self.incident_banner = Banner("warning")
        self.incident_banner.setObjectName("overviewIncidents")
        self.incident_banner.action_clicked.connect(lambda: self.navigate.emit("incidents"))
        grid.addWidget(self.incident_banner, 0, 0, 1, 4)
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
        targets = {
            "categories": "my-data",
            "tracks": "tracks",
            "orders": "orders",
            "consents": "consents",
            "recipients": "sharing",
            "requests": "requests",
            "notices": "notices",
            "policy": "notices",
        }
        for position, (key, card) in enumerate(self.cards.items()):
            grid.addWidget(card, position // 4 + 1, position % 4)
            card.clicked.connect(lambda target=targets[key]: self.navigate.emit(target))
        self.rights = RightsCardWidget()
        grid.addWidget(self.rights, 3, 0, 1, 4)
        grid.setRowStretch(4, 1)

    def fetch(self, view: ActiveView) -> OverviewData:
        api = view.api
        consents = api.list_consents()
        return OverviewData(
            categories=api.list_categories(),
            consents_granted=sum(1 for c in consents if c.granted),
            consents_total=len(consents),
            counts=api.get_overview(),
            notices=api.list_notices(limit=20).items,
            policy=api.get_policy(),
            rights=_rights(api),
            unread_incidents=_unread_incidents(api),
        )

    def present(self, data: OverviewData) -> bool:
        held = [c for c in data.categories if c.count > 0]
        sensitive = sum(1 for c in held if c.sensitive)
        self.cards["categories"].set_value(
            str(len(held)), self.tr("{0} of them sensitive").format(sensitive)
        )
        self.cards["tracks"].set_value(format_count(data.count("tracks")))
        self.cards["orders"].set_value(format_count(data.count("orders")))
        self.cards["consents"].set_value(f"{data.consents_granted} / {data.consents_total}")
        counts = data.counts
        self.cards["recipients"].set_value(str(counts.recipients_with_data))
        overdue = counts.overdue_requests
        if counts.open_requests:
            detail = (
                self.tr("{0} overdue").format(overdue)
                if overdue
                else self.tr("next due in %n working day(s)", "", counts.next_due_working_days or 0)
            )
        else:
            detail = self.tr("none open")
        self.cards["requests"].set_value(str(counts.open_requests), detail, alert=bool(overdue))
        incidents = [n for n in data.notices if n.kind == "security_incident"]
        newest = max((n.published_at for n in data.notices), default=None)
        self.cards["notices"].set_value(
            str(len(data.notices)),
            self.tr("%n security incident(s)", "", len(incidents)) if incidents else _date(newest),
            alert=bool(incidents),
        )
        policy = data.policy
        self.cards["policy"].set_value(
            policy.version,
            self.tr("acknowledged")
            if policy.acknowledged
            else self.tr("new version to acknowledge"),
            alert=not policy.acknowledged,
        )
        self.rights.show_card(data.rights)
        self._present_incidents(data.unread_incidents)
        return True

    def _present_incidents(self, unread: list[Incident] | None) -> None:
        if not unread:
            self.incident_banner.hide()
        else:
            titles = "; ".join(i.title for i in unread[:3])
            self.incident_banner.show_message(
                self.tr(
                    "⚠ %n unread security incident notice(s) about your data: {0}", "", len(unread)
                ).format(titles),
                self.tr("Read the notice"),
            )
        view = self.view
        if unread is not None and view is not None and view.archive is None:
            self.incidents_seen.emit(view.shop_id, view.shop_name, list(unread))


def _rights(api: ShopReader) -> RightsCard | None:
    from client.errors import NotFound  # worker thread: the client stack is loaded by then

    try:
        return api.get_rights()
    except NotFound:  # an older shop without the card: say so rather than fail the page
        return None


def _unread_incidents(api: ShopReader) -> list[Incident] | None:
    from client.errors import NotFound  # worker thread: the client stack is loaded by then

    try:
        # The shop lists unread notices first: the first page holds them all in practice.
        return [i for i in api.list_incidents(limit=50).items if not i.read]
    except NotFound:  # an older shop, or an archive without incident notices
        return None


def _date(value: datetime | None) -> str:
    return format_date(value) if value else ""
