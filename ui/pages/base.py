"""What every page shares: loading in the background with busy, empty and error faces.

A page is a `DataPage[D]`: it implements `fetch(view) -> D` (runs on a worker thread, may
block on the network) and `present(data: D)` (runs on the UI thread, fills the widgets, returns
False when there is nothing to show); mypy checks that the two agree. Pages load when first
shown and again after the active account changes.

What a page's actions report (`context.notify` inside a page) appears on the page itself, in a
banner that stays until dismissed or replaced. A refresh that fails while the page shows
content keeps that content and says it could not be updated (offline keeps what was loaded).
Signed out, a page shows a welcome with Add a shop / Sign in.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from client.errors import ReauthRequired
from ui.errors import user_message
from ui.session import ActiveView, AppSession
from ui.settings import Settings
from ui.tasks import Task, TaskControl, TaskRunner
from ui.widgets.banner import Banner
from ui.widgets.load_state import LoadState, LoadStateStack, plain_label

D = TypeVar("D")  # what a page's fetch gives its present
T = TypeVar("T")


def newest(items: Iterable[T], cap: int) -> tuple[list[T], bool]:
    """At most `cap` of `items` and whether there were more (one more is read to know)."""
    taken = list(itertools.islice(items, cap + 1))
    return taken[:cap], len(taken) > cap


@dataclass
class PageContext:
    """Shared services handed to every page."""

    runner: TaskRunner
    session: AppSession
    settings: Settings
    notify: Callable[[str], None]  # a short status message (status bar / tray)
    # sign in again, then call back the first; the second if that sign-in is cancelled or fails
    reauth: Callable[[Callable[[], None], Callable[[], None]], None]
    add_shop: Callable[[], None] | None = None  # the welcome's "Add a shop…"
    sign_in: Callable[[], None] | None = None  # the welcome's "Sign in"


class Page(QWidget):
    """Base of every sidebar page."""

    page_id: ClassVar[str] = ""
    icon_name: ClassVar[str] = "page"
    loaded = Signal()  # a load finished (content, empty or error): handy for tests
    navigate = Signal(str)  # ask the window to show another page (by page_id)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The page's own copy: what its actions report goes to its banner (see `tell`).
        self._window_notify = context.notify
        self.context = replace(context, notify=self.tell)
        self.result_banner: Banner | None = None  # made by pages that show one
        self.view: ActiveView | None = None
        self._stale = True
        self._task: Task[Any] | None = None

    def title(self) -> str:
        raise NotImplementedError

    def set_view(self, view: ActiveView | None) -> None:
        self.view = view
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False

    def tell(self, message: str, kind: str = "result") -> None:
        """Show what an action did on the page, until dismissed or replaced; also the status bar."""
        banner = self.result_banner
        if banner is not None and message:
            banner.set_kind(kind)
            banner.show_message(message, self.tr("Try again") if kind == "offline" else None)
        self._window_notify(message)

    def clear_message(self) -> None:
        if self.result_banner is not None:
            self.result_banner.dismiss()

    def run(
        self,
        work: Callable[[TaskControl], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task[T]:
        """Start background work; a ReauthRequired answer asks the user to sign in again.

        If that sign-in is cancelled or fails, the work fails with the ReauthRequired, so
        whatever waits for it (a busy button, a "Sending…" dialog) is released.
        """

        def again() -> None:
            self.run(work, done, failed, on_progress=on_progress)

        def give_up(error: BaseException) -> None:
            if failed is not None:
                failed(error)
            else:
                self.tell(user_message(error), "error")

        def on_error(error: BaseException) -> None:
            if isinstance(error, ReauthRequired):
                self.context.reauth(again, lambda: give_up(error))
                return
            give_up(error)

        return self.context.runner.run(work, done, on_error, on_progress=on_progress)


class DataPage(Page, Generic[D]):
    """A page whose content comes from one background load: `fetch` gives `present` a `D`."""

    result_banner: Banner  # every data page has one (made below)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.content = QWidget()
        self.stack = LoadStateStack(self.content)
        self.stack.retry_requested.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = plain_label()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        self.result_banner = Banner("result", dismissable=True)
        self.result_banner.setObjectName("pageMessage")
        self.result_banner.button.setObjectName("pageMessageAction")
        self.result_banner.action_clicked.connect(self.refresh)
        layout.addWidget(self.result_banner)
        # A list cut at its cap says so (see `show_capped`); hidden otherwise.
        self.capped_note = plain_label()
        self.capped_note.setObjectName("cappedNote")
        self.capped_note.setContentsMargins(16, 2, 16, 2)
        self.capped_note.hide()
        layout.addWidget(self.capped_note)
        layout.addWidget(self.stack, 1)
        self.stack.add_shop_requested.connect(self._welcome_add_shop)
        self.stack.sign_in_requested.connect(self._welcome_sign_in)
        context.session.shops_changed.connect(self._shops_changed)
        self.build(self.content)
        self.heading.setText(self.title())

    def build(self, content: QWidget) -> None:
        """Create the page's widgets inside `content`."""
        raise NotImplementedError

    def fetch(self, view: ActiveView) -> D:
        """Runs on a worker thread: get everything the page shows."""
        raise NotImplementedError

    def present(self, data: D) -> bool:
        """Runs on the UI thread: show `data`; return False for the empty face."""
        raise NotImplementedError

    def empty_message(self) -> str:
        return self.tr("Nothing here yet.")

    def show_capped(self, cap: int) -> None:
        """Say that the list shows only its newest `cap` items: the shop holds more."""
        self.capped_note.setText(
            self.tr("Only the newest %n are listed here; the shop holds more.", "", cap)
        )
        self.capped_note.show()

    def refresh(self) -> None:
        super().refresh()
        view = self.view
        if self._task is not None:
            self._task.cancel()
        if view is None:
            self.clear_message()
            self.show_welcome()
            self.loaded.emit()
            return
        # Content of this same view: shown again, untouched, if the new answer never comes.
        keep = self.stack.state is LoadState.CONTENT and self._shown_view is view
        self.stack.show_busy()

        def done(data: D) -> None:
            self._task = None
            self._shown_view = view
            self._loaded_at = QLocale().toString(
                QTime.currentTime(), QLocale.FormatType.ShortFormat
            )
            if (
                self.result_banner is not None
                and self.result_banner.property("bannerKind") == "offline"
            ):
                self.clear_message()  # back online: the stale warning goes
            self.capped_note.hide()  # `present` shows it again if the new list is cut too
            if self.present(data):
                self.stack.show_content()
            else:
                self.stack.show_empty(self.empty_message())
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            self._task = None
            if keep:
                # Offline (or the shop failed): keep what was loaded and say so.
                self.stack.show_content()
                self.tell(
                    self.tr(
                        "Could not update this page: {0} Showing what was loaded at {1}."
                    ).format(user_message(error), self._loaded_at),
                    "offline",
                )
            else:
                self.stack.show_error(user_message(error))
            self.loaded.emit()

        self._task = self.run(lambda _control: self.fetch(view), done, failed)

    _shown_view: ActiveView | None = None  # the view whose data the content shows
    _loaded_at = ""  # when that data arrived, as a local time

    # --- signed out ---------------------------------------------------------------------------
    def show_welcome(self) -> None:
        session = self.context.session
        if session.view() is not None:
            # Signed in, but this page has nothing for this account (an agent not assisting,
            # a backend without the page): not a welcome.
            self.stack.show_empty(self.tr("Sign in to a shop to see this page."))
            return
        known = next(iter(session.connections.values()), None)
        self.stack.show_welcome(known.shop_name if known is not None else None)

    def _shops_changed(self) -> None:
        if self.view is None and self.stack.state in (LoadState.WELCOME, LoadState.EMPTY):
            self.show_welcome()

    def _welcome_add_shop(self) -> None:
        if self.context.add_shop is not None:
            self.context.add_shop()

    def _welcome_sign_in(self) -> None:
        if self.context.sign_in is not None:
            self.context.sign_in()

    @property
    def state(self) -> LoadState:
        return self.stack.state
