"""Notices & policy: the shop's announcements (security incidents first in your mind), the
privacy-policy versions with what changed, and acknowledging the current version.

Everything the shop wrote is shown as plain text. In assist mode the acknowledge button does
not exist: only the account holder can acknowledge a policy.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client.errors import ApiError
from client.i18n import trans_late
from client.models.notices import (
    CurrentPolicy,
    ImpactAssessment,
    Notice,
    PolicyAcknowledgement,
    PolicyVersion,
)
from ui.errors import user_message
from ui.formats import format_date
from ui.models.columns import RAW_ROLE, Column, display_text
from ui.models.record_table import RecordTableModel
from ui.pages.base import DataPage, newest
from ui.session import ActiveView
from ui.tasks import Task, TaskControl
from ui.terms.data import clause_text
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

ALERT_RED = QColor("#c62828")
ALERT_STYLE = "color: #c62828; font-weight: 600;"
OK_STYLE = "color: #2e7d32; font-weight: 600;"
CONTEXT = "NoticesPage"
NOTICES_CAP = 1000  # listed at most; more say so

_KINDS = {
    "security_incident": trans_late("NoticesPage", "Security incident"),
    "policy_update": trans_late("NoticesPage", "Policy update"),
    "service": trans_late("NoticesPage", "Service"),
    "cessation": trans_late("NoticesPage", "Service closing"),
    "merger_transfer": trans_late("NoticesPage", "Transfer in a merger"),
    "public_disclosure": trans_late("NoticesPage", "Public disclosure"),
    "impact_assessment": trans_late("NoticesPage", "Impact assessment"),
}

Index = QModelIndex | QPersistentModelIndex


def notice_kind_text(kind: str) -> str:
    words = _KINDS.get(kind)
    return QCoreApplication.translate(CONTEXT, words) if words else kind


def major_text(major: bool) -> str:
    return (
        QCoreApplication.translate("NoticesPage", "Major change")
        if major
        else QCoreApplication.translate("NoticesPage", "Minor change")
    )


NOTICE_COLUMNS: list[Column[Notice]] = [
    Column(
        trans_late("Columns", "Published"),
        lambda n: format_date(n.published_at),
        sort=lambda n: n.published_at,
    ),
    Column(trans_late("Columns", "Kind"), lambda n: notice_kind_text(n.kind)),
    Column(trans_late("Columns", "Title"), lambda n: n.title, tooltip=lambda n: n.title),
]

VERSION_COLUMNS: list[Column[PolicyVersion]] = [
    Column(trans_late("Columns", "Version"), lambda v: v.version),
    Column(
        trans_late("Columns", "Published"),
        lambda v: format_date(v.published_at),
        sort=lambda v: v.published_at,
    ),
    # no summary column: the selected version's summary is right under the table, and its
    # wrapped lines made one row fill the table at 1024×640, the selection scrolled away
    Column(trans_late("Columns", "Change"), lambda v: major_text(v.major)),
]
VERSION_ROWS = 4  # versions the table always has room for


class NoticeModel(RecordTableModel[Notice]):
    """Notices, with security incidents in red and bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            index.isValid()
            and 0 <= index.row() < self.rowCount()
            and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)
        ):
            notice = self.row_at(index.row())
            if notice.kind != "security_incident":
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(ALERT_RED)
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class VersionModel(RecordTableModel[PolicyVersion]):
    """Policy versions, major ones in bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            index.isValid()
            and 0 <= index.row() < self.rowCount()
            and role == Qt.ItemDataRole.FontRole
        ):
            if not self.row_at(index.row()).major:
                return None
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


ASSESSMENT_COLUMNS: list[Column[ImpactAssessment]] = [
    Column(
        trans_late("Columns", "Assessed"),
        lambda a: format_date(a.assessed_at),
        sort=lambda a: a.assessed_at,
    ),
    Column(
        trans_late("Columns", "What was assessed"), lambda a: a.topic, tooltip=lambda a: a.topic
    ),
]


@dataclass(frozen=True)
class NoticesData:
    notices: list[Notice]
    versions: list[PolicyVersion]
    policy: CurrentPolicy
    assessments: list[ImpactAssessment] = field(default_factory=list)
    more: bool = False  # the shop holds more notices than were listed


def changes_text(changes: list[str]) -> str:
    return "\n".join(f"• {change}" for change in changes)


def _scrolling(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


class NoticesPage(DataPage[NoticesData]):
    page_id = "notices"
    icon_name = "notices"
    policy_acknowledged = Signal()  # the shopper acknowledged a version (Overview recounts)

    def title(self) -> str:
        return self.tr("Notices & policy")

    # --- widgets ----------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.policy: CurrentPolicy | None = None
        self._ack_task: Task[PolicyAcknowledgement] | None = None
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 4, 16, 12)

        # the current policy, on top
        self.policy_box = QGroupBox(self.tr("Current privacy policy"))
        policy_layout = QVBoxLayout(self.policy_box)
        self.policy_heading = plain_label()
        self.policy_heading.setObjectName("policyHeading")
        font = self.policy_heading.font()
        font.setBold(True)
        self.policy_heading.setFont(font)
        self.policy_summary = plain_label()
        row = QHBoxLayout()
        self.ack_status = plain_label()
        self.ack_status.setObjectName("acknowledgeStatus")
        row.addWidget(self.ack_status, 1)
        self.ack_button = QPushButton()
        self.ack_button.clicked.connect(self.acknowledge)
        self.ack_button.hide()
        row.addWidget(self.ack_button)
        policy_layout.addWidget(self.policy_heading)
        policy_layout.addWidget(self.policy_summary)
        policy_layout.addLayout(row)
        layout.addWidget(self.policy_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)

        # notices
        notices = QGroupBox(self.tr("Notices"))
        notices_layout = QVBoxLayout(notices)
        self.incident_note = plain_label()
        self.incident_note.setObjectName("incidentNote")
        self.incident_note.setStyleSheet(ALERT_STYLE)
        self.incident_note.hide()
        notices_layout.addWidget(self.incident_note)
        self.notice_model = NoticeModel(NOTICE_COLUMNS, self)
        self.notice_table = record_table(self.tr("Notices"), self.notice_model, fit_contents=True)
        self.notice_table.selectionModel().selectionChanged.connect(self._notice_chosen)
        notices_layout.addWidget(self.notice_table, 2)
        notice_detail = QWidget()
        detail_layout = QVBoxLayout(notice_detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.notice_title = plain_label()
        self.notice_title.setObjectName("noticeTitle")
        title_font = self.notice_title.font()
        title_font.setBold(True)
        self.notice_title.setFont(title_font)
        self.notice_meta = plain_label()
        self.notice_body = plain_label()
        self.notice_body.setObjectName("noticeBody")
        for label in (self.notice_title, self.notice_meta, self.notice_body):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            detail_layout.addWidget(label)
        detail_layout.addStretch(1)
        notices_layout.addWidget(_scrolling(notice_detail), 3)
        self.no_notices = plain_label(self.tr("The shop has published no notices."))
        self.no_notices.hide()
        notices_layout.addWidget(self.no_notices)
        splitter.addWidget(notices)

        # policy versions
        versions = QGroupBox(self.tr("Policy versions"))
        versions_layout = QVBoxLayout(versions)
        self.version_model = VersionModel(VERSION_COLUMNS, self)
        self.version_table = record_table(
            self.tr("Policy versions"), self.version_model, fit_contents=True
        )
        fit_columns(self.version_table, min_rows=VERSION_ROWS)
        self.version_table.selectionModel().selectionChanged.connect(self._version_chosen)
        versions_layout.addWidget(self.version_table, 2)
        version_detail = QWidget()
        version_layout = QVBoxLayout(version_detail)
        version_layout.setContentsMargins(0, 0, 0, 0)
        self.version_title = plain_label()
        self.version_title.setFont(title_font)
        self.version_summary = plain_label()
        self.version_changes = plain_label()
        self.version_changes.setObjectName("versionChanges")
        for label in (self.version_title, self.version_summary, self.version_changes):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            version_layout.addWidget(label)
        version_layout.addStretch(1)
        versions_layout.addWidget(_scrolling(version_detail), 3)
        # impact assessments the shop published (only where its policy promises them)
        self.assessment_box = QGroupBox(self.tr("Impact assessments"))
        assessment_layout = QVBoxLayout(self.assessment_box)
        self.assessment_model: RecordTableModel[ImpactAssessment] = RecordTableModel(
            ASSESSMENT_COLUMNS, self
        )
        self.assessment_table = record_table(
            self.tr("Impact assessments"), self.assessment_model, fit_contents=True
        )
        self.assessment_table.selectionModel().selectionChanged.connect(
            lambda *_: self._assessment_chosen()
        )
        assessment_layout.addWidget(self.assessment_table, 1)
        self.assessment_detail = plain_label()
        self.assessment_detail.setObjectName("assessmentDetail")
        self.assessment_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        assessment_layout.addWidget(_scrolling(self.assessment_detail), 1)
        self.assessment_box.hide()
        versions_layout.addWidget(self.assessment_box, 3)
        splitter.addWidget(versions)

    # --- loading ----------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> NoticesData:
        api = view.api
        notices, more = newest(api.list_notices(limit=200).auto_paging_iter(), NOTICES_CAP)
        versions = list(api.list_policy_versions(limit=200).auto_paging_iter(max_items=1000))
        assessments: list[ImpactAssessment] = []
        # an older shop or an archive without them: the box stays hidden
        with suppress(ApiError):
            assessments = list(
                api.list_impact_assessments(limit=100).auto_paging_iter(max_items=500)
            )
        return NoticesData(notices, versions, api.get_policy(), assessments, more)

    def present(self, data: NoticesData) -> bool:
        if data.more:
            self.show_capped(len(data.notices))
        notices = sorted(data.notices, key=lambda n: n.published_at, reverse=True)
        self.notice_model.set_rows(notices)
        has_notices = bool(notices)
        self.notice_table.setVisible(has_notices)
        self.no_notices.setVisible(not has_notices)
        incidents = [n for n in notices if n.kind == "security_incident"]
        self.incident_note.setText(
            self.tr(
                "⚠ %n security incident(s) announced, shown in red: read what happened and what "
                "to do.",
                "",
                len(incidents),
            )
        )
        self.incident_note.setVisible(bool(incidents))
        if has_notices:
            self.notice_table.selectRow(0)
        else:
            self._show_notice(None)
        versions = sorted(data.versions, key=lambda v: v.published_at, reverse=True)
        self.version_model.set_rows(versions)
        current = next((r for r, v in enumerate(versions) if v.version == data.policy.version), 0)
        if versions:
            self.version_table.selectRow(current)
            self.version_table.scrollTo(self.version_model.index(current, 0))
        self._show_policy(data.policy)
        self.assessment_model.set_rows(data.assessments)
        self.assessment_box.setVisible(bool(data.assessments))
        if data.assessments:
            self.assessment_table.selectRow(0)
        return True

    # --- showing ----------------------------------------------------------------------------
    def _notice_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.notice_table.selectionModel().selectedRows()
        record = rows[0].data(RAW_ROLE) if rows else None
        self._show_notice(record if isinstance(record, Notice) else None)

    def _show_notice(self, notice: Notice | None) -> None:
        if notice is None:
            for label in (self.notice_title, self.notice_meta, self.notice_body):
                label.clear()
            return
        self.notice_title.setText(notice.title)
        incident = notice.kind == "security_incident"
        self.notice_title.setStyleSheet(ALERT_STYLE if incident else "")
        meta = self.tr("{0} · published {1}").format(
            notice_kind_text(notice.kind), display_text(notice.published_at)
        )
        if notice.personal:
            meta += " · " + self.tr("about your account")
        # which clause of the shop's policy promises this kind of notice (or that none does)
        meta += "\n" + self.tr("Policy section: {0}").format(
            clause_text(notice.clause, notice.basis, notice.clause_title)
        )
        self.notice_meta.setText(meta)
        self.notice_body.setText(notice.body)

    def _assessment_chosen(self) -> None:
        rows = self.assessment_table.selectionModel().selectedRows()
        record = rows[0].data(RAW_ROLE) if rows else None
        if not isinstance(record, ImpactAssessment):
            self.assessment_detail.clear()
            return
        self.assessment_detail.setText(
            "\n".join(
                [
                    record.topic,
                    self.tr("Assessed {0}").format(display_text(record.assessed_at)),
                    self.tr("Outcome: {0}").format(record.outcome),
                    self.tr("Promised in: {0}").format(
                        clause_text(record.clause, record.basis, record.clause_title)
                    ),
                ]
            )
        )

    def _version_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.version_table.selectionModel().selectedRows()
        record = rows[0].data(RAW_ROLE) if rows else None
        if not isinstance(record, PolicyVersion):
            for label in (self.version_title, self.version_summary, self.version_changes):
                label.clear()
            return
        self.version_title.setText(
            self.tr("Version {0} · {1} · {2}").format(
                record.version, format_date(record.published_at), major_text(record.major)
            )
        )
        self.version_summary.setText(record.summary)
        self.version_changes.setText(
            self.tr("What changed:") + "\n" + changes_text(record.changes)
            if record.changes
            else self.tr("No list of changes was published.")
        )

    def _show_policy(self, policy: CurrentPolicy) -> None:
        self.policy = policy
        self.policy_heading.setText(
            self.tr("Version {0}, published {1}{2}").format(
                policy.version,
                format_date(policy.published_at),
                " · " + self.tr("major change") if policy.major else "",
            )
        )
        self.policy_summary.setText(policy.summary)
        can_change = self.view is not None and self.view.can_change
        if policy.acknowledged:
            when = display_text(policy.acknowledged_at) if policy.acknowledged_at else ""
            self.ack_status.setText(
                self.tr("✓ You acknowledged this version on {0}.").format(when)
                if when
                else self.tr("✓ You acknowledged this version.")
            )
            self.ack_status.setStyleSheet(OK_STYLE)
            self.ack_button.hide()
        else:
            self.ack_status.setText(
                self.tr(
                    "This version changed what the shop does with your data. Read what changed, "
                    "then acknowledge it."
                )
                if policy.major
                else self.tr("You have not acknowledged this version yet.")
            )
            self.ack_status.setStyleSheet(ALERT_STYLE if policy.major else "")
            text = self.tr("Acknowledge version {0}").format(policy.version)
            self.ack_button.setText(text)
            self.ack_button.setAccessibleName(text)
            self.ack_button.setEnabled(True)
            self.ack_button.setVisible(can_change)

    # --- acting -----------------------------------------------------------------------------
    def acknowledge(self) -> None:
        view, policy = self.view, self.policy
        if view is None or policy is None or not view.can_change or self._ack_task is not None:
            return
        version = policy.version
        self.ack_button.setEnabled(False)

        def work(_control: TaskControl) -> PolicyAcknowledgement:
            return view.shop.acknowledge_policy(version)

        def done(ack: PolicyAcknowledgement) -> None:
            self._ack_task = None
            current = self.policy
            if current is not None and current.version == ack.version:
                self._show_policy(
                    current.model_copy(
                        update={"acknowledged": True, "acknowledged_at": ack.acknowledged_at}
                    )
                )
            self.context.notify(self.tr("Policy version {0} acknowledged.").format(ack.version))
            self.policy_acknowledged.emit()

        def failed(error: BaseException) -> None:
            self._ack_task = None
            self.ack_button.setEnabled(True)
            self.ack_status.setText(
                self.tr("Could not acknowledge: {0}").format(user_message(error))
            )
            self.ack_status.setStyleSheet(ALERT_STYLE)

        self._ack_task = self.run(work, done, failed)
