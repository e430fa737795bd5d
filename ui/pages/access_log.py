"""Who accessed my data: the shop's hash-chained access log, checked on your own machine, and
the assisted sessions you allowed (with one-time assist codes to hand to an agent).

The log table loads lazily, page by page. Independently, the whole log is read oldest first
in the background and its chain of fingerprints verified (`client.verify.verify_access_log`):
an intact chain says so in green; a broken one is a loud red warning naming the first entry
that does not fit. In assist mode, "End now" and "Create an assist code" do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client.api import new_idempotency_key
from client.errors import ApiError, ConnectionFailed, RateLimited, ServerError
from client.models.access_log import AccessLogEntry
from client.models.assist import AssistCode, AssistSession
from client.verify import ChainResult, verify_access_log
from ui.errors import user_message
from ui.models.columns import display_text
from ui.models.record_table import RecordTableModel
from ui.pages.access_log_parts import (
    KIND_GROUPS,
    LOG_COLUMNS,
    SESSION_COLUMNS,
    WHO,
    AccessLogModel,
    chain_message,
)
from ui.pages.access_log_rows import LogRowsModel
from ui.pages.base import DataPage
from ui.session import ActiveView
from ui.tasks import Task, TaskControl
from ui.widgets.countdown import Countdown
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

PAGE_SIZE = 100
CHAIN_PAGE_SIZE = 500
CODE_WATCH_MS = 4000
CHAIN_OK_STYLE = "QLabel { color: #2e7d32; font-weight: 600; padding: 6px 0; }"
CHAIN_BUSY_STYLE = "QLabel { padding: 6px 0; }"
CHAIN_BROKEN_STYLE = (
    "QLabel { background: #c62828; color: white; font-weight: 700; "
    "font-size: 16px; padding: 10px; border-radius: 4px; }"
)
CHAIN_ERROR_STYLE = "QLabel { color: #c62828; font-weight: 600; padding: 6px 0; }"
ALERT_STYLE = "color: #c62828;"


def _whose(view: ActiveView | None) -> tuple[object, ...] | None:
    """Whose data a view shows. A view is made anew on every change (a step-up sign-in of
    the same account too), so views are compared by this, not by identity."""
    if view is None:
        return None
    return (view.shop_id, view.account_label, view.role, view.assist, view.archive, view.guardian)


@dataclass(frozen=True)
class AccessLogData:
    sessions: list[AssistSession]
    live: bool = True  # False: nothing to show (an archive without assist sessions)


class AccessLogPage(DataPage[AccessLogData]):
    page_id = "access-log"
    icon_name = "access-log"

    def title(self) -> str:
        return self.tr("Who accessed my data")

    # --- widgets ----------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.chain_result: ChainResult | None = None
        self._chain_task: Task[ChainResult | None] | None = None
        self._code_task: Task[tuple[AssistCode, frozenset[str]]] | None = None
        self._code_key: str | None = None
        self._end_tasks: set[str] = set()
        self.code: AssistCode | None = None
        self._code_shown_at = datetime.now(UTC)
        # Sessions that existed before the shown code was made: none of them used it.
        self._sessions_before_code: frozenset[str] = frozenset()
        self.end_buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 4, 16, 12)
        chain_row = QHBoxLayout()
        self.chain_status = plain_label()
        self.chain_status.setObjectName("chainStatus")
        self.chain_status.setAccessibleName(self.tr("Log integrity"))
        chain_row.addWidget(self.chain_status, 1)
        self.chain_button = QPushButton(self.tr("Check again"))
        self.chain_button.clicked.connect(self.check_chain)
        chain_row.addWidget(self.chain_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(chain_row)
        self.chain_problems = plain_label()
        self.chain_problems.setObjectName("chainProblems")
        self.chain_problems.setStyleSheet(ALERT_STYLE)
        self.chain_problems.hide()
        layout.addWidget(self.chain_problems)

        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter, 1)

        # the log
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(
            plain_label(
                self.tr(
                    "Every look at your data and every change is written here, including this "
                    "app's own reads, which are grouped per visit: click a group to see each "
                    "entry. Assisted sessions are highlighted."
                ),
                wrap=True,
            )
        )
        controls = QHBoxLayout()
        controls.addStretch(1)
        self.who_combo = QComboBox()
        self.who_combo.setObjectName("logWho")
        self.who_combo.setAccessibleName(self.tr("Show entries made by"))
        self.who_combo.addItem(self.tr("Everyone"), None)
        for key, words in WHO.items():
            self.who_combo.addItem(QCoreApplication.translate("AccessLogPage", words), key)
        self.who_combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        controls.addWidget(self.who_combo)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("logKind")
        self.kind_combo.setAccessibleName(self.tr("Show entries about"))
        self.kind_combo.addItem(self.tr("Anything"), None)
        for key, (words, _kinds) in KIND_GROUPS.items():
            self.kind_combo.addItem(QCoreApplication.translate("AccessLogPage", words), key)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        controls.addWidget(self.kind_combo)
        self.order_combo = QComboBox()
        self.order_combo.addItem(self.tr("Newest first"), "desc")
        self.order_combo.addItem(self.tr("Oldest first"), "asc")
        self.order_combo.setAccessibleName(self.tr("Order of the log"))
        self.order_combo.currentIndexChanged.connect(lambda _i: self.reload_log())
        controls.addWidget(self.order_combo)
        log_layout.addLayout(controls)

        self.log_model = AccessLogModel(LOG_COLUMNS, self.context.runner, self)
        self.log_rows = LogRowsModel(self.log_model, self)
        self.log_table = record_table(self.tr("Access log"))
        self.log_table.setObjectName("accessLog")
        self.log_table.setModel(self.log_rows)
        self.log_table.horizontalHeader().setStretchLastSection(False)
        self.log_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.log_table.clicked.connect(self._row_clicked)
        self.log_table.activated.connect(self._row_clicked)
        fit_columns(self.log_table, stretch=3)
        log_layout.addWidget(self.log_table, 1)
        log_error_row = QHBoxLayout()
        self.log_error = plain_label()
        self.log_error.setStyleSheet(ALERT_STYLE)
        self.log_retry = QPushButton(self.tr("Try again"))
        self.log_retry.clicked.connect(self.log_model.retry)
        log_error_row.addWidget(self.log_error, 1)
        log_error_row.addWidget(self.log_retry)
        log_layout.addLayout(log_error_row)
        self.log_error.hide()
        self.log_retry.hide()
        self.log_model.load_failed.connect(self._log_failed)
        self.log_model.loading_changed.connect(self._log_loading)
        splitter.addWidget(log_box)

        # assisted sessions
        self.assist_box = QGroupBox(self.tr("Assisted sessions"))
        assist_layout = QHBoxLayout(self.assist_box)
        sessions_column = QVBoxLayout()
        self.session_model: RecordTableModel[AssistSession] = RecordTableModel(
            SESSION_COLUMNS, self
        )
        self.session_table = record_table(self.tr("Assisted sessions"))
        self.session_table.setModel(self.session_model)
        self.session_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        sessions_column.addWidget(self.session_table, 1)
        self.sessions_note = plain_label()
        sessions_column.addWidget(self.sessions_note)
        self.session_error = plain_label()
        self.session_error.setStyleSheet(ALERT_STYLE)
        self.session_error.hide()
        sessions_column.addWidget(self.session_error)
        sessions_column.addStretch(0)
        assist_layout.addLayout(sessions_column, 3)
        self.code_panel = self._build_code_panel()
        assist_layout.addWidget(self.code_panel, 2)
        # In a scroll area: at 1024×640 the splitter's lower half is short, and the code the
        # shopper reads out and the sentences about it must stay whole (scrolled, never cut).
        self.assist_scroll = QScrollArea()
        self.assist_scroll.setObjectName("assistArea")
        self.assist_scroll.setAccessibleName(self.tr("Assisted sessions"))
        self.assist_scroll.setWidgetResizable(True)
        self.assist_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.assist_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.assist_scroll.setWidget(self.assist_box)
        splitter.addWidget(self.assist_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 230])

        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.refresh)

    def _build_code_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("assistCodePanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(panel)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Talking to the shop's customer service? An agent can look at your data for a "
                    "short time with a one-time code that you create here."
                )
            )
        )
        self.create_code_button = QPushButton(self.tr("Create an assist code"))
        self.create_code_button.clicked.connect(self.create_code)
        layout.addWidget(self.create_code_button)
        self.code_label = plain_label(wrap=False)
        self.code_label.setObjectName("assistCode")
        self.code_label.setAccessibleName(self.tr("Assist code"))
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(32)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_label, 1)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the assist code"))
        self.copy_button.clicked.connect(self.copy_code)
        code_row.addWidget(self.copy_button)
        layout.addLayout(code_row)
        self.customer_label = plain_label()
        self.customer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.countdown = Countdown()
        self.countdown.expired.connect(self._code_expired)
        # While a code is shown, look every few seconds whether an agent has used it, so a
        # used code says so at once instead of counting down as if it still worked.
        self._code_watch = QTimer(self)
        self._code_watch.setInterval(CODE_WATCH_MS)
        self._code_watch.timeout.connect(self._check_code_used)
        self._watch_task: Any = None
        self.code_note = plain_label(
            self.tr("Give this code only to an agent you contacted; it works once, for 10 minutes.")
        )
        self.code_error = plain_label()
        self.code_error.setStyleSheet(ALERT_STYLE)
        for widget in (self.customer_label, self.countdown, self.code_note, self.code_error):
            layout.addWidget(widget)
        layout.addStretch(1)
        hidden: tuple[QWidget, ...] = (
            self.code_label,
            self.copy_button,
            self.customer_label,
            self.countdown,
            self.code_note,
            self.code_error,
        )
        for hidden_widget in hidden:
            hidden_widget.hide()
        return panel

    # --- loading ----------------------------------------------------------------------------
    def set_view(self, view: ActiveView | None) -> None:
        if _whose(view) != _whose(self.view):
            self._reset_code()  # the code belonged to the previous account or shop
        super().set_view(view)

    def _reset_code(self) -> None:
        """Back to "Create an assist code": no code, no watch, no late answer shown."""
        for task in (self._code_task, self._watch_task):
            if task is not None:
                task.cancel()
        self._code_task = None
        self._watch_task = None
        self._code_key = None
        self._code_watch.stop()
        self.countdown.stop()
        self.code = None
        self._sessions_before_code = frozenset()
        self.code_label.clear()
        self.customer_label.clear()
        self.code_error.clear()
        for widget in (
            self.code_label,
            self.copy_button,
            self.customer_label,
            self.countdown,
            self.code_note,
            self.code_error,
        ):
            widget.hide()
        self.create_code_button.setText(self.tr("Create an assist code"))
        self.create_code_button.setEnabled(True)

    def fetch(self, view: ActiveView) -> AccessLogData:
        assist = view.assist_api
        if assist is None:
            # an archive lists the sessions it holds (read only); an older one holds none
            archive = view.archive
            if archive is None or not archive.api.has_section("assist_sessions"):
                return AccessLogData([], live=False)
            listed = archive.api.list_assist_sessions(limit=100).auto_paging_iter(max_items=500)
            return AccessLogData(list(listed))
        sessions = assist.list_assist_sessions(limit=100).auto_paging_iter(max_items=500)
        return AccessLogData(list(sessions))

    def present(self, data: AccessLogData) -> bool:
        can_change = self.view is not None and self.view.can_change
        self.assist_box.setVisible(data.live)
        self.assist_scroll.setVisible(data.live)
        self.code_panel.setVisible(can_change)
        self._show_sessions(data.sessions, can_change)
        self.reload_log()
        self.check_chain()
        return True

    def reload_log(self) -> None:
        view = self.view
        if view is None:
            return
        api = view.api
        order: Literal["asc", "desc"] = "asc" if self.order_combo.currentData() == "asc" else "desc"
        self.log_error.hide()
        self.log_retry.hide()

        def page(cursor: str | None) -> tuple[list[AccessLogEntry], str | None]:
            result = api.list_access_log(limit=PAGE_SIZE, cursor=cursor, order=order)
            return list(result.items), result.next_cursor

        self.log_model.start(page)

    def _log_failed(self, error: BaseException) -> None:
        self.log_error.setText(
            self.tr("More entries could not be loaded: {0}").format(user_message(error))
        )
        self.log_error.show()
        self.log_retry.show()

    def _log_loading(self, loading: bool) -> None:
        if loading:
            self.log_error.hide()
            self.log_retry.hide()

    def _filter_changed(self) -> None:
        self.log_rows.set_filters(self.who_combo.currentData(), self.kind_combo.currentData())

    def _row_clicked(self, index: QModelIndex) -> None:
        """A click (or Enter) on a group's row shows or hides its entries."""
        if index.isValid() and self.log_rows.is_header(index.row()):
            self.log_rows.toggle(index.row())

    # --- the chain check ----------------------------------------------------------------------
    def check_chain(self) -> None:
        view = self.view
        if view is None:
            return
        if self._chain_task is not None:
            self._chain_task.cancel()
        api = view.api
        self.chain_result = None
        self.chain_status.setText(self.tr("Checking the log's chain of fingerprints…"))
        self.chain_status.setStyleSheet(CHAIN_BUSY_STYLE)
        self.chain_problems.hide()
        self.chain_button.setEnabled(False)

        def work(control: TaskControl) -> ChainResult | None:
            head = api.get_access_log_head()
            entries: list[AccessLogEntry] = []
            for entry in api.list_access_log(limit=CHAIN_PAGE_SIZE, order="asc").auto_paging_iter():
                if control.cancelled:
                    return None
                entries.append(entry)
            return verify_access_log(entries, head=head)

        def done(result: ChainResult | None) -> None:
            self._chain_task = None
            self.chain_button.setEnabled(True)
            if result is not None:
                self._show_chain(result)

        def failed(error: BaseException) -> None:
            self._chain_task = None
            self.chain_button.setEnabled(True)
            self.chain_status.setText(
                self.tr("The log's chain could not be checked: {0}").format(user_message(error))
            )
            self.chain_status.setStyleSheet(CHAIN_ERROR_STYLE)

        self._chain_task = self.run(work, done, failed)

    def _show_chain(self, result: ChainResult) -> None:
        self.chain_result = result
        self.chain_status.setText(chain_message(result))
        self.chain_status.setStyleSheet(CHAIN_OK_STYLE if result.ok else CHAIN_BROKEN_STYLE)
        if result.ok:
            self.chain_problems.hide()
            return
        shown = result.problems[:5]
        more = len(result.problems) - len(shown)
        lines = [
            self.tr(
                "The shop's record of who looked at your data does not match what was written at "
                "the time. Someone changed or removed entries. Keep a screenshot and consider a "
                "complaint (Requests page)."
            )
        ]
        lines += [f"• {problem}" for problem in shown]
        if more > 0:
            lines.append(self.tr("… and {0} more problems").format(more))
        self.chain_problems.setText("\n".join(lines))
        self.chain_problems.show()

    # --- assisted sessions ------------------------------------------------------------------
    def _show_sessions(self, sessions: list[AssistSession], can_change: bool) -> None:
        self._note_used_code(sessions)
        ordered = sorted(sessions, key=lambda s: (not s.active, -s.started_at.timestamp()))
        self.session_model.set_rows(ordered)
        self.end_buttons = {}
        self.session_error.hide()
        end_column = len(SESSION_COLUMNS) - 1
        self.session_table.setColumnHidden(end_column, not can_change)
        for row, session in enumerate(ordered):
            if not (session.active and can_change):
                continue
            button = QPushButton(self.tr("End now"))
            button.setAccessibleName(
                self.tr("End the session of {0} now").format(session.agent_name)
            )
            button.clicked.connect(lambda _checked=False, s=session: self.end_session(s))
            self.session_table.setIndexWidget(self.session_model.index(row, end_column), button)
            self.end_buttons[session.id] = button
        self.session_table.setVisible(bool(ordered))
        fit_columns(self.session_table, stretch=1)
        active = sum(1 for s in sessions if s.active)
        self.sessions_note.setText(
            self.tr("No agent has had access to your data through an assist code.")
            if not sessions
            else self.tr(
                "%n active session(s). An agent sees your data only while a session is "
                "active; every look is in the log above.",
                "",
                active,
            )
        )

    def end_session(self, session: AssistSession) -> None:
        view = self.view
        api = view.assist_api if view is not None and view.can_change else None
        if api is None or session.id in self._end_tasks:
            return
        self._end_tasks.add(session.id)
        button = self.end_buttons.get(session.id)
        if button is not None:
            button.setEnabled(False)

        def work(_control: TaskControl) -> None:
            api.end_assist_session(session.id)

        def done(_result: None) -> None:
            self._end_tasks.discard(session.id)
            self.context.notify(self.tr("The session of {0} was ended.").format(session.agent_name))
            self.refresh()

        def failed(error: BaseException) -> None:
            self._end_tasks.discard(session.id)
            if button is not None:
                button.setEnabled(True)
            self.session_error.setText(
                self.tr("The session could not be ended: {0}").format(user_message(error))
            )
            self.session_error.show()

        self.run(work, done, failed)

    # --- assist codes -----------------------------------------------------------------------
    def create_code(self) -> None:
        view = self.view
        api = view.assist_api if view is not None and view.can_change else None
        if api is None or self._code_task is not None:
            return
        key = self._code_key = self._code_key or new_idempotency_key()
        self.create_code_button.setEnabled(False)
        self.code_error.hide()

        def work(_control: TaskControl) -> tuple[AssistCode, frozenset[str]]:
            # Listed first: a new code ends the older ones, so a session not in this list
            # was opened with the new code (the previous code cannot be used after it).
            before = frozenset(s.id for s in api.list_assist_sessions(limit=20).items)
            return api.create_assist_code(idempotency_key=key), before

        def done(result: tuple[AssistCode, frozenset[str]]) -> None:
            code, before = result
            self._code_task = None
            self._code_key = None
            self.create_code_button.setEnabled(True)
            self.create_code_button.setText(self.tr("Create a new assist code"))
            self._sessions_before_code = before
            self._show_code(code)

        def failed(error: BaseException) -> None:
            self._code_task = None
            # Without an answer from the shop the same key re-sends the same request.
            if isinstance(error, ApiError) and not isinstance(
                error, ConnectionFailed | ServerError | RateLimited
            ):
                self._code_key = None
            self.create_code_button.setEnabled(True)
            self.code_error.setText(self.tr("No code was created: {0}").format(user_message(error)))
            self.code_error.show()

        self._code_task = self.run(work, done, failed)

    def _show_code(self, code: AssistCode) -> None:
        self.code = code
        self.code_label.setText(code.code)
        self.code_label.setEnabled(True)
        self.customer_label.setText(self.tr("Your customer number: {0}").format(code.customer_no))
        self.copy_button.setEnabled(True)
        shown: tuple[QWidget, ...] = (
            self.code_label,
            self.copy_button,
            self.customer_label,
            self.countdown,
            self.code_note,
        )
        for shown_widget in shown:
            shown_widget.show()
        self.countdown.start(code.expires_at)
        self._code_shown_at = datetime.now(UTC)
        self._code_watch.start()

    def _check_code_used(self) -> None:
        view = self.view
        if view is None or not self.countdown.running:
            self._code_watch.stop()
            return
        if self._watch_task is not None:
            return
        api = view.assist_api
        if api is None:
            self._code_watch.stop()
            return

        def work(_control: TaskControl) -> list[AssistSession]:
            return api.list_assist_sessions(limit=20).items

        def done(sessions: list[AssistSession]) -> None:
            self._watch_task = None
            if self._note_used_code(sessions):
                self.refresh()  # used: show the agent's session and its first looks

        def failed(_error: BaseException) -> None:
            self._watch_task = None  # the next tick tries again; the countdown still runs

        self._watch_task = self.run(work, done, failed)

    def _note_used_code(self, sessions: list[AssistSession]) -> bool:
        """A session opened after the code was shown used it: the code no longer works, so it
        must not keep counting down as if it did. True when this noticed it."""
        if self.code is None or not self.countdown.running:
            return False
        # Server and app clocks may differ by a little; a code lives 10 minutes at most.
        since = self._code_shown_at - timedelta(seconds=30)
        before = self._sessions_before_code
        users = [s for s in sessions if s.started_at >= since and s.id not in before]
        if not users:
            return False
        first = min(users, key=lambda s: s.started_at)
        self._code_watch.stop()
        self.countdown.stop()
        self.countdown.hide()
        self.code_label.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.code_error.setText(
            self.tr(
                "This code was used by {0} at {1} and no longer works. Create a new one if needed."
            ).format(first.agent_name, display_text(first.started_at))
        )
        self.code_error.show()
        return True

    def _code_expired(self) -> None:
        self._code_watch.stop()
        self.code_label.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.code_error.setText(self.tr("This code has expired. Create a new one if needed."))
        self.code_error.show()

    def copy_code(self) -> None:
        if self.code is not None and self.countdown.remaining_seconds() > 0:
            QGuiApplication.clipboard().setText(self.code.code)
            self.context.notify(self.tr("Assist code copied."))
