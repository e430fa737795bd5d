"""What every page shares: loading in the background with busy, empty and error faces.

A page implements `fetch(view)` (runs on a worker thread, may block on the network) and
`present(data)` (runs on the UI thread, fills the widgets, returns False when there is
nothing to show). Pages load when first shown and again after the active account changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from client.errors import ReauthRequired
from ui.errors import user_message
from ui.session import ActiveView, AppSession
from ui.settings import Settings
from ui.tasks import TaskControl, TaskRunner
from ui.widgets.load_state import LoadState, LoadStateStack, plain_label


@dataclass
class PageContext:
    """Shared services handed to every page."""

    runner: TaskRunner
    session: AppSession
    settings: Settings
    notify: Callable[[str], None]  # a short status message (status bar / tray)
    reauth: Callable[[Callable[[], None]], None]  # sign in again, then call back


class Page(QWidget):
    """Base of every sidebar page."""

    page_id: ClassVar[str] = ""
    icon_name: ClassVar[str] = "page"
    loaded = Signal()  # a load finished (content, empty or error): handy for tests
    navigate = Signal(str)  # ask the window to show another page (by page_id)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.view: ActiveView | None = None
        self._stale = True
        self._task: Any = None

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

    def run(
        self,
        work: Callable[[TaskControl], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Start background work; a ReauthRequired answer asks the user to sign in again."""

        def on_error(error: BaseException) -> None:
            if isinstance(error, ReauthRequired):
                self.context.reauth(lambda: self.run(work, done, failed, **kwargs))
                return
            if failed is not None:
                failed(error)
            else:
                self.context.notify(user_message(error))

        return self.context.runner.run(work, done, on_error, **kwargs)


class DataPage(Page):
    """A page whose content comes from one background load."""

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
        layout.addWidget(self.stack, 1)
        self.build(self.content)
        self.heading.setText(self.title())

    def build(self, content: QWidget) -> None:
        """Create the page's widgets inside `content`."""
        raise NotImplementedError

    def fetch(self, view: ActiveView) -> Any:
        """Runs on a worker thread: get everything the page shows."""
        raise NotImplementedError

    def present(self, data: Any) -> bool:
        """Runs on the UI thread: show `data`; return False for the empty face."""
        raise NotImplementedError

    def empty_message(self) -> str:
        return self.tr("Nothing here yet.")

    def refresh(self) -> None:
        super().refresh()
        view = self.view
        if self._task is not None:
            self._task.cancel()
        if view is None:
            self.stack.show_empty(self.tr("Sign in to a shop to see this page."))
            self.loaded.emit()
            return
        self.stack.show_busy()

        def done(data: Any) -> None:
            self._task = None
            if self.present(data):
                self.stack.show_content()
            else:
                self.stack.show_empty(self.empty_message())
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            self._task = None
            self.stack.show_error(user_message(error))
            self.loaded.emit()

        self._task = self.run(lambda _control: self.fetch(view), done, failed)

    @property
    def state(self) -> LoadState:
        return self.stack.state
