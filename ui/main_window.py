"""The main window: account bar, sidebar of pages (each built when first shown), banners, menus
and shortcuts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.errors import user_message
from ui.icons import icon
from ui.pages.base import Page, PageContext
from ui.pages.registry import PageEntry, PageSet, page_entries
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.banner import Banner

if TYPE_CHECKING:  # pages, archives and the API load when first used, not before the first paint
    from PySide6.QtWidgets import QMessageBox

    from client.backends.fides import FidesProbe, FidesShop
    from client.connection import ShopConnection
    from client.models.incidents import Incident
    from ui.about import AboutDialog
    from ui.archive_dialogs import CompareDialog, ExportDialog, SqliteDialog, VerifyDialog
    from ui.archive_view import ArchiveOpener
    from ui.dialogs import AssistDialog, SignInWaitDialog
    from ui.fides_dialogs import FidesIdentityDialog
    from ui.notifier import Notifier
    from ui.session import ActiveView

PAGE_ROLE = Qt.ItemDataRole.UserRole + 10


class MainWindow(QMainWindow):
    # The last dialog of each kind, set on first use (see `_keep_dialog`).
    about_dialog: AboutDialog
    assist_dialog: AssistDialog
    sign_in_wait: SignInWaitDialog
    fides_dialog: FidesIdentityDialog

    def __init__(
        self,
        session: AppSession,
        runner: TaskRunner,
        settings: Settings,
        *,
        local_shops: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.settings = settings
        self.local_shops = local_shops or []
        self.setWindowTitle(self.tr("Privacy Dashboard"))
        self.setMinimumSize(QSize(960, 620))
        context = PageContext(
            runner,
            session,
            settings,
            self.notify,
            self.reauth,
            add_shop=self.add_shop,
            sign_in=lambda: self.sign_in(),
        )
        # Every page is listed in the sidebar; each is built when first shown (or asked for).
        self.pages = PageSet(page_entries(), context, self._build_page)

        self.error_box: QMessageBox | None = None  # the last error shown (plain text)
        self.keychain_banner = Banner("warning")
        self.agent_banner = Banner("info")
        self.agent_banner.action_clicked.connect(self.assist_customer)
        self.assist_banner = Banner("assist")
        self.assist_banner.action_clicked.connect(self.end_assist)
        self._assist_timer = QTimer(self)
        self._assist_timer.setInterval(1000)
        self._assist_timer.timeout.connect(self._update_assist_banner)
        self.offer_banner = Banner("info")  # what this shop's backend does not offer
        from ui.guardian_bar import GuardianBar

        self.guardian_bar = GuardianBar(session, self.notify)
        self.archive_banner = Banner("archive")
        self.archive_banner.action_clicked.connect(self.close_archive)
        self.archive_key_button = QPushButton(self.tr("Check the signature with a key file…"))
        self.archive_key_button.hide()
        banner_layout = self.archive_banner.layout()
        if banner_layout is not None:
            banner_layout.addWidget(self.archive_key_button)
        self._archive_opener: ArchiveOpener | None = None  # built on first use
        self.archive_key_button.clicked.connect(lambda: self.archive_opener.choose_key_file())
        self.archive_dialog: ExportDialog | VerifyDialog | CompareDialog | SqliteDialog | None
        self.archive_dialog = None

        self.sidebar_model = QStandardItemModel(self)
        self.sidebar = QListView()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setModel(self.sidebar_model)
        self.sidebar.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setMinimumWidth(200)
        self.sidebar.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget()
        for entry in page_entries():
            item = QStandardItem(icon(entry.icon_name), entry.title())
            item.setData(entry.page_id, PAGE_ROLE)
            item.setEditable(False)
            self.sidebar_model.appendRow(item)
        self.sidebar.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_page(current.data(PAGE_ROLE))
        )

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 900])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.keychain_banner)
        layout.addWidget(self.agent_banner)
        layout.addWidget(self.assist_banner)
        layout.addWidget(self.guardian_bar)
        layout.addWidget(self.archive_banner)
        layout.addWidget(self.offer_banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_notifications()
        session.changed.connect(self._view_changed)
        session.shops_changed.connect(self._refill_accounts)
        session.keychain_available.connect(self._keychain_state)
        self.statusBar().showMessage(self.tr("Not signed in"))
        if not settings.window_geometry.isEmpty():
            self.restoreGeometry(settings.window_geometry)
        self.select_page(settings.last_page if settings.last_page in self.pages else "overview")

    # --- construction ---------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.add_shop_action = QAction(icon("add"), self.tr("Add shop…"), self)
        self.add_shop_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_shop_action.triggered.connect(self.add_shop)
        self.sign_in_action = QAction(icon("sign-in"), self.tr("Sign in"), self)
        self.sign_in_action.triggered.connect(lambda: self.sign_in())
        self.sign_out_action = QAction(icon("sign-out"), self.tr("Sign out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.refresh_action = QAction(icon("refresh"), self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_current)
        self.assist_action = QAction(icon("assist"), self.tr("Assist a customer…"), self)
        self.assist_action.triggered.connect(self.assist_customer)
        self.assist_action.setVisible(False)
        self.export_archive_action = QAction(self.tr("Export archive…"), self)
        self.export_archive_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_archive_action.triggered.connect(self.export_archive)
        self.open_archive_action = QAction(self.tr("Open archive…"), self)
        self.open_archive_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_archive_action.triggered.connect(lambda: self.archive_opener.choose())
        self.close_archive_action = QAction(self.tr("Close archive"), self)
        self.close_archive_action.triggered.connect(self.close_archive)
        self.close_archive_action.setEnabled(False)
        self.verify_archive_action = QAction(self.tr("Verify archive…"), self)
        self.verify_archive_action.triggered.connect(self.verify_archive)
        self.compare_archives_action = QAction(self.tr("Compare archives…"), self)
        self.compare_archives_action.triggered.connect(self.compare_archives)
        self.sqlite_archive_action = QAction(self.tr("Convert archive to SQLite…"), self)
        self.sqlite_archive_action.triggered.connect(self.archive_to_sqlite)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Account"))
        toolbar.setObjectName("accountToolbar")
        toolbar.setMovable(False)
        self.account_box = QComboBox()
        self.account_box.setAccessibleName(self.tr("Shop and account"))
        self.account_box.setMinimumWidth(260)
        self.account_box.activated.connect(self._account_chosen)
        toolbar.addWidget(self.account_box)
        for action in (
            self.add_shop_action,
            self.sign_in_action,
            self.sign_out_action,
            self.refresh_action,
            self.assist_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        self.account_toolbar = toolbar
        self._refill_accounts()

    def toolbar_button(self, action: QAction) -> QAbstractButton:
        """The toolbar's button for `action` (what a user clicks; tests click it too)."""
        widget = self.account_toolbar.widgetForAction(action)
        assert isinstance(widget, QAbstractButton)
        return widget

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.add_shop_action)
        file_menu.addAction(self.assist_action)
        file_menu.addSeparator()
        for action in (
            self.export_archive_action,
            self.open_archive_action,
            self.close_archive_action,
            self.verify_archive_action,
            self.compare_archives_action,
            self.sqlite_archive_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("Language"))
        self.language_group = QActionGroup(self)  # one language ticked at a time
        self.language_group.setExclusive(True)
        for code, label in (
            ("system", self.tr("Follow the system")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            action = language_menu.addAction(label)
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            action.setChecked(self.settings.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self._set_language(c))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = help_menu.addAction(self.tr("About"), self._about)
        self.diagnostics_action = help_menu.addAction(
            self.tr("Copy diagnostics"), self.copy_diagnostics
        )

    def _build_notifications(self) -> None:
        """Request updates reach the tray even while another page is open."""
        self._notifier: Notifier | None = None  # with its tray icon: see `notifier`
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(60_000)
        self._poll_timer.timeout.connect(self._poll_requests)
        self._poll_timer.start()

    @property
    def notifier(self) -> Notifier:
        """The tray icon and request notifications; built on first use (the app asks for it
        right after the first paint)."""
        if self._notifier is None:
            from ui.notifier import Notifier

            self._notifier = Notifier(self.settings, self.notify, self)
            self._notifier.activated.connect(self._show_requests)
        return self._notifier

    def _poll_requests(self) -> None:
        self._poll_incidents()
        # The tracker polls even if its page was never opened: it is built for that here.
        if self._page_view("requests") is None:
            return
        page = self.pages["requests"]
        from ui.pages.requests import RequestsPage  # loaded with the page

        if isinstance(page, RequestsPage) and not page.isVisible() and page.view is not None:
            page.refresh(quiet=True)

    def _incidents_seen(self, shop_id: str, shop_name: str, unread: list[Incident]) -> None:
        self.notifier.update_incidents(shop_id, shop_name, unread)  # built on first use

    def _incidents_changed(self) -> None:
        overview = self.pages.built_page("overview")
        if overview is not None:
            overview.set_view(self._page_view("overview"))

    def _poll_incidents(self) -> None:
        """New incident notices reach the tray even while the Overview is not open."""
        view = self.session.live_view()
        if view is None or view.shop_api is None or view.assisting or view.archive is not None:
            return
        if not view.capabilities.incidents:
            return
        api, shop_id, shop_name = view.api, view.shop_id, view.shop_name

        def work(_control: object) -> list[Incident]:
            return [i for i in api.list_incidents(limit=50).items if not i.read]

        def done(unread: list[Incident]) -> None:
            self.notifier.update_incidents(shop_id, shop_name, unread)

        # offline or an older shop: nothing to say, the next poll tries again
        self.runner.run(work, done, lambda _error: None)

    def _show_requests(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.select_page("requests")

    # --- pages ----------------------------------------------------------------------------
    def _build_page(self, entry: PageEntry, context: PageContext) -> Page:
        page = entry.page_class()(context)
        page.navigate.connect(self.select_page)
        if entry.page_id == "requests":  # the tracker's refreshes feed the notifications
            from ui.pages.requests import RequestsPage  # loaded with the page

            if isinstance(page, RequestsPage):
                page.requests_refreshed.connect(self.notifier.update)
        if entry.page_id == "overview":  # unread incident notices reach the tray
            from ui.pages.overview import OverviewPage  # loaded with the page

            if isinstance(page, OverviewPage):
                page.incidents_seen.connect(self._incidents_seen)
        if entry.page_id == "incidents":  # marking one read recounts the Overview
            from ui.pages.incidents import IncidentsPage  # loaded with the page

            if isinstance(page, IncidentsPage):
                page.incidents_changed.connect(self._incidents_changed)
        if entry.page_id == "notices":  # acknowledging a version recounts the Overview, too
            from ui.pages.notices import NoticesPage  # loaded with the page

            if isinstance(page, NoticesPage):
                page.policy_acknowledged.connect(self._incidents_changed)
        page.set_view(self._page_view(entry.page_id))
        self.stack.addWidget(page)
        return page

    def _page_view(self, page_id: str) -> ActiveView | None:
        """What page `page_id` shows: nothing for an agent not assisting anyone, nor where
        the shop's backend does not offer the page."""
        view = self.session.view()
        if view is None:
            return None
        if view.archive is None and view.role == "agent" and not view.assisting:
            return None
        from ui.backend_view import page_offered  # loaded: a shop is signed in

        return view if page_offered(page_id, view.capabilities) else None

    @property
    def archive_opener(self) -> ArchiveOpener:
        if self._archive_opener is None:
            from ui.archive_view import ArchiveOpener

            self._archive_opener = ArchiveOpener(self.runner, self.session, self, self.notify)
            self._archive_opener.report_changed.connect(self._update_archive_banner)
        return self._archive_opener

    def select_page(self, page_id: str) -> None:
        for row in range(self.sidebar_model.rowCount()):
            index = self.sidebar_model.index(row, 0)
            if index.data(PAGE_ROLE) == page_id:
                self.sidebar.setCurrentIndex(index)
                self.show_page(page_id)
                return

    def show_page(self, page_id: str) -> None:
        if page_id in self.pages:
            self.stack.setCurrentWidget(self.pages[page_id])
            self.settings.last_page = page_id

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def refresh_current(self) -> None:
        self.current_page().refresh()

    def notify(self, message: str) -> None:
        # Pages show their results in their own banner (Page.tell); the bar echoes them.
        self.statusBar().showMessage(message, 8000)

    # --- accounts -------------------------------------------------------------------------
    def _refill_accounts(self) -> None:
        self.account_box.clear()
        for connection in self.session.connections.values():
            account = connection.account
            name = (account.display_name if account else None) or connection.username
            state = name if connection.signed_in else self.tr("signed out")
            self.account_box.addItem(f"{connection.shop_name} — {state}", connection.shop_id)
        for fides in self.session.fides_shops.values():
            self.account_box.addItem(f"{fides.shop_name} — {fides.account_label}", fides.shop_id)
        if self.account_box.count() == 0:
            self.account_box.addItem(self.tr("No shop yet — add one"), "")
        current = self.session.current_shop
        if current:
            self.account_box.setCurrentIndex(max(0, self.account_box.findData(current)))
        self._update_actions()

    def _account_chosen(self, position: int) -> None:
        shop_id = self.account_box.itemData(position)
        if shop_id in self.session.fides_shops:
            self.session.switch_to(shop_id)
            return
        connection = self.session.connections.get(shop_id or "")
        if connection is None:
            return
        if connection.signed_in:
            self.session.switch_to(connection.shop_id)
        else:
            self.sign_in(connection.shop_id)

    def _update_actions(self) -> None:
        connection = self.session.current
        fides = self.session.current_shop in self.session.fides_shops
        self.sign_out_action.setEnabled(fides or (connection is not None and connection.signed_in))
        self.sign_in_action.setEnabled(bool(self.session.connections))

    def add_shop(self) -> None:
        from ui.dialogs import AddShopDialog

        dialog = AddShopDialog(self.local_shops, self)
        chosen = dialog.exec()
        address = dialog.address
        dialog.deleteLater()  # made per use: freed once read
        if not chosen:
            return
        self.notify(self.tr("Contacting the shop…"))

        def added(connection: ShopConnection) -> None:
            self.notify(self.tr("Added {0}").format(connection.shop_name))
            self.sign_in(connection.shop_id)

        self.session.add_shop(address, added, self._show_error, self.add_fides_shop)

    def add_fides_shop(self, probe: FidesProbe) -> None:
        """The address serves Ethyca Fides: ask who the shop knows you as, then add it."""
        from ui.fides_dialogs import FidesIdentityDialog  # imported when first needed

        dialog = FidesIdentityDialog(probe, self)
        self._keep_dialog("fides_dialog", dialog)

        def chosen() -> None:
            identity = dialog.identity
            if identity is None:
                return

            def added(shop: FidesShop) -> None:
                self.notify(self.tr("Added {0}").format(shop.shop_name))
                self._refill_accounts()

            self.session.add_fides_shop(probe, identity, dialog.shop_name, added, self._show_error)

        dialog.accepted.connect(chosen)
        dialog.open()

    def sign_in(
        self,
        shop_id: str | None = None,
        fresh: bool = False,
        then: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        """Sign in to the shop; `then` after success, `on_cancel` when cancelled or failed."""
        shop_id = shop_id or self.account_box.currentData() or self.session.current_shop
        connection = self.session.connections.get(shop_id or "")
        if connection is None:
            if on_cancel is not None:
                on_cancel()  # nothing to sign in to: what waits for it must not wait forever
            self.add_shop()
            return
        from ui.dialogs import SignInWaitDialog

        wait = SignInWaitDialog(connection.shop_name, self)
        self._keep_dialog("sign_in_wait", wait)
        finished: list[bool] = []

        def done() -> None:
            finished.append(True)
            wait.accept()
            self.notify(self.tr("Signed in to {0}").format(connection.shop_name))
            self._refill_accounts()
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            if finished:  # cancelled here already: said so, no second message
                return
            finished.append(True)
            wait.reject()
            self._show_error(error)
            if on_cancel is not None:
                on_cancel()

        def cancelled() -> None:
            if finished:
                return
            finished.append(True)
            cancel()
            # Said on the page (and in the bar); a late finish in the browser gets a friendly
            # "cancelled" page from the app's loopback listener.
            self.current_page().tell(
                self.tr(
                    "Sign-in to {0} cancelled. Nothing was changed; sign in again whenever you "
                    "like."
                ).format(connection.shop_name),
                "info",
            )
            if on_cancel is not None:
                on_cancel()

        cancel = self.session.sign_in(connection.shop_id, done, failed, fresh=fresh)
        wait.rejected.connect(cancelled)
        wait.open()

    def reauth(self, then: Callable[[], None], on_cancel: Callable[[], None]) -> None:
        self.sign_in(self.session.current_shop, fresh=True, then=then, on_cancel=on_cancel)

    def sign_out(self) -> None:
        def done(confirmed: bool) -> None:
            # Never claim a revocation the shop did not confirm.
            message = (
                self.tr("Signed out")
                if confirmed
                else self.tr(
                    "Signed out on this computer, but the shop did not confirm that the sign-in "
                    "was revoked: it may keep working there until it expires."
                )
            )
            self.current_page().tell(message, "result" if confirmed else "offline")

        self.session.sign_out(done)

    def end_assist(self) -> None:
        self.session.end_assist()

    def assist_customer(self) -> None:
        from ui.dialogs import AssistDialog

        dialog = AssistDialog(self)
        opening: list[Callable[[], None]] = []  # cancels the session being opened

        def submit(customer: str, code: str, reason: str) -> None:
            def opened() -> None:
                opening.clear()
                dialog.accept()
                self.notify(self.tr("Assisting customer {0}").format(customer))

            def refused(error: BaseException) -> None:
                opening.clear()
                dialog.show_error(user_message(error))

            opening[:] = [self.session.start_assist(customer, code, reason, opened, refused)]

        def cancelled() -> None:
            # Cancel after OK: a session the shop opens anyway is ended at once.
            for cancel in opening:
                cancel()
            opening.clear()

        dialog.submitted.connect(submit)
        dialog.rejected.connect(cancelled)
        dialog.open()
        self._keep_dialog("assist_dialog", dialog)

    def _keep_dialog(self, name: str, dialog: QDialog) -> None:
        """Keep `dialog` as `self.<name>` and free the one it replaces.

        Dialogs made per use are parented to the window: without this, every use would stay
        alive until the app quits. One still open (in use) is freed when it closes.
        """
        old = getattr(self, name, None)
        if isinstance(old, QDialog) and old is not dialog:
            if old.isVisible():
                old.finished.connect(old.deleteLater)
            else:
                old.deleteLater()
        setattr(self, name, dialog)

    # --- archives -------------------------------------------------------------------------
    def _show_archive_dialog(
        self,
        make: Callable[[], ExportDialog | VerifyDialog | CompareDialog | SqliteDialog],
    ) -> None:
        if self.archive_dialog is not None and self.archive_dialog.busy:
            self.archive_dialog.raise_()  # refused: no new dialog is made
            return
        dialog = make()
        self._keep_dialog("archive_dialog", dialog)
        dialog.open()

    def export_archive(self) -> None:
        from ui.archive_dialogs import ExportDialog

        self._show_archive_dialog(lambda: ExportDialog(self.runner, self.session, self))

    def verify_archive(self) -> None:
        from ui.archive_dialogs import VerifyDialog

        self._show_archive_dialog(lambda: VerifyDialog(self.runner, self.session, self))

    def compare_archives(self) -> None:
        from ui.archive_dialogs import CompareDialog

        self._show_archive_dialog(lambda: CompareDialog(self.runner, self))

    def archive_to_sqlite(self) -> None:
        from ui.archive_dialogs import SqliteDialog

        self._show_archive_dialog(lambda: SqliteDialog(self.runner, self))

    def open_archive(self, path: str, passphrase: str | None = None) -> None:
        self.archive_opener.open_path(path, passphrase=passphrase)

    def close_archive(self) -> None:
        self.session.close_archive()

    def _update_archive_banner(self) -> None:
        opened = self.session.archive
        self.close_archive_action.setEnabled(opened is not None)
        if opened is None:
            self.archive_banner.hide()
            self.archive_key_button.hide()
            return
        from ui.archive_view import banner_text  # loaded: an archive is open

        self.archive_banner.show_message(banner_text(opened), self.tr("Close archive"))
        self.archive_key_button.setVisible(opened.report.signed and not opened.report.signature_ok)

    def _view_changed(self) -> None:
        view = self.session.view()
        self._update_archive_banner()
        agent_idle = (
            view is not None
            and view.archive is None
            and view.role == "agent"
            and not view.assisting
        )
        self.assist_action.setVisible(
            view is not None and view.archive is None and view.role == "agent"
        )
        if agent_idle:
            self.agent_banner.show_message(
                self.tr(
                    "You are signed in as a customer-service agent. "
                    "Assist a customer to see their dashboard."
                ),
                self.tr("Assist a customer…"),
            )
        else:
            self.agent_banner.hide()
        self._show_offered_pages(view)
        self.guardian_bar.view_changed(view)
        for page in self.pages.built():  # a page built later takes the view then
            page.set_view(self._page_view(page.page_id))
        self._refill_accounts()
        if self._notifier is not None:
            self._notifier.reset()
        if view is None:
            self.statusBar().showMessage(self.tr("Not signed in"))
        else:
            self.statusBar().showMessage(f"{view.shop_name} · {view.account_label}")
        if view is not None and view.assist is not None:
            self._assist_timer.start()
            self._update_assist_banner()
        else:
            self._assist_timer.stop()
            self.assist_banner.hide()

    def _show_offered_pages(self, view: ActiveView | None) -> None:
        """Only the pages this shop's backend has; say what it does not offer."""
        from ui.backend_view import missing_text, page_offered  # after a sign-in or out

        caps = view.capabilities if view is not None else None
        current_hidden = False
        for row in range(self.sidebar_model.rowCount()):
            page_id = self.sidebar_model.index(row, 0).data(PAGE_ROLE)
            hidden = caps is not None and not page_offered(str(page_id), caps)
            self.sidebar.setRowHidden(row, hidden)
            if hidden and self.sidebar.currentIndex().row() == row:
                current_hidden = True
        # An archive export reads what the shop holds: only where the backend shows it.
        # An agent assisting reads and files requests for the customer; taking the customer's
        # whole archive onto the agent's computer is not part of that (the shop refuses it too).
        assisting = view is not None and view.assisting
        self.export_archive_action.setEnabled((caps is None or caps.sees_data) and not assisting)
        self.export_archive_action.setToolTip(
            self.tr("An agent assisting a customer cannot export the customer's archive.")
            if assisting
            else self.tr("Save everything the shop holds about you in one archive file.")
        )
        text = missing_text(caps, view.shop_name) if view is not None and caps else ""
        if text:
            self.offer_banner.show_message(text)
        else:
            self.offer_banner.hide()
        if current_hidden:
            self.select_page("requests")

    def _update_assist_banner(self) -> None:
        view = self.session.view()
        if view is None or view.assist is None:
            self.assist_banner.hide()
            return
        seconds = max(0, int(view.assist.expires_at - time.time()))
        if seconds == 0:
            self.session.end_assist()
            return
        self.assist_banner.show_message(
            self.tr(
                "Assisting customer {0} — every action is recorded in their access log. "
                "{1}:{2:02d} left"
            ).format(view.assist.customer_no, seconds // 60, seconds % 60),
            self.tr("End assist session"),
        )

    def _keychain_state(self, available: bool) -> None:
        if available:
            self.keychain_banner.hide()
        else:
            self.keychain_banner.show_message(
                self.tr(
                    "No system keychain is available: you will need to sign in again next time."
                )
            )

    # --- misc -----------------------------------------------------------------------------
    def _show_error(self, error: BaseException) -> None:
        # Loaded on first use: QMessageBox's type (and enums) are not needed to paint.
        from PySide6.QtWidgets import QMessageBox

        from ui.plain_text import plain_message_box

        # The shop's problem `detail` is remote text: shown literally, never as rich text.
        box = plain_message_box(
            self, QMessageBox.Icon.Warning, self.tr("Privacy Dashboard"), user_message(error)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.finished.connect(lambda _result: setattr(self, "error_box", None))
        box.open()

    def _set_language(self, code: str) -> None:
        self.settings.language = code
        self.notify(self.tr("The language changes the next time the app starts."))

    def _about(self) -> None:
        from ui.about import AboutDialog

        dialog = AboutDialog(self.session, self.settings, self)
        self._keep_dialog("about_dialog", dialog)
        dialog.open()

    def copy_diagnostics(self) -> None:
        from ui.about import copy_diagnostics

        copy_diagnostics(self.session, self.settings)
        self.notify(
            self.tr(
                "Diagnostics copied (no tokens, no personal data): paste them "
                "into your support ticket."
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.sync()
        super().closeEvent(event)
