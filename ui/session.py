"""The app's signed-in state: configured shops, the account in use, and assist mode.

Everything that touches the network runs through the TaskRunner; this object only keeps
references and tells the window when the active view changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Signal

from ui.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:  # the sign-in stack is imported on first use, off the UI thread
    from keyring.backend import KeyringBackend

    from client.api import ShopApi
    from client.archive import ArchiveApi, ArchiveReport
    from client.auth import OpenBrowser
    from client.backends import Capabilities, RequestBackend
    from client.backends.fides import FidesIdentity, FidesProbe, FidesShop
    from client.connection import AssistSession, ShopConnection
    from client.filing import RequestFiler
    from client.guardian import WardSession
    from client.models.guardians import AccountConsentChanged, Ward
    from client.outbox import Outbox
    from client.reader import AssistApi, ShopReader
    from client.shops import ShopRegistry

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite"  # in the config dir: requests waiting for an unreachable shop


def _system_browser(url: str) -> bool:
    import webbrowser  # on the sign-in worker thread; not needed for the first window

    return webbrowser.open(url)


@dataclass(frozen=True)
class OpenArchive:
    """An archive opened as the active view: its offline API and what checking it found."""

    path: Path
    api: ArchiveApi
    report: ArchiveReport

    @property
    def shop_id(self) -> str:
        return str(self.api.manifest.shop.get("id") or "")

    @property
    def shop_name(self) -> str:
        shop = self.api.manifest.shop
        return str(shop.get("name") or shop.get("id") or shop.get("api_base") or "")

    @property
    def subject(self) -> str:
        subject = self.api.manifest.subject
        return str(subject.get("display_name") or subject.get("customer_no") or "")

    @property
    def created_at(self) -> str:
        return str(self.api.manifest.created_at)


@dataclass(frozen=True)
class ActiveView:
    """What the pages show: whose data, through which API, in which mode."""

    shop_id: str
    shop_name: str
    account_label: str
    shop_api: ShopApi | None  # the live shop; None for an archive or a shop running `fides`
    assist: AssistSession | None = None
    role: str = "shopper"
    archive: OpenArchive | None = None  # set: `api` reads the archive (read only, offline)
    fides: FidesShop | None = None  # set: the shop runs Ethyca Fides
    guardian: WardSession | None = None  # set: a guardian viewing their ward's data

    @property
    def api(self) -> ShopReader:
        """What the pages read: the live shop or the open archive, one interface for both.
        A page of something the backend lacks gets `NotOffered` (pages are hidden by
        capability, so this is a last guard)."""
        if self.archive is not None:
            return self.archive.api
        return self.shop

    @property
    def shop(self) -> ShopApi:
        """The live shop, for changes (pages offer them only when `can_change`): an archive
        raises `ReadOnlyArchive`, a Fides shop `NotOffered`."""
        if self.archive is not None:
            from client.archive.offline_api import READ_ONLY_MESSAGE, ReadOnlyArchive

            raise ReadOnlyArchive(READ_ONLY_MESSAGE, code="read_only_archive")
        if self.shop_api is None:
            from client.backends import NotOffered  # loaded with the Fides shop

            raise NotOffered("api")
        return self.shop_api

    @property
    def assist_api(self) -> AssistApi | None:
        """Assist sessions, a capability of a live shop of our API only (None otherwise)."""
        return self.shop_api if self.archive is None else None

    @property
    def capabilities(self) -> Capabilities:
        if self.fides is not None:
            return self.fides.capabilities
        from client.backends import OUR_API_CAPABILITIES  # preloaded after the first paint

        return OUR_API_CAPABILITIES

    @property
    def requests(self) -> RequestBackend:
        """Where the request tracker reads and files for this view."""
        if self.fides is not None:
            return self.fides
        if self.archive is not None:
            return self.archive.api  # reads the archive; filing refuses: read only
        return self.shop

    @property
    def assisting(self) -> bool:
        return self.assist is not None

    @property
    def can_change(self) -> bool:
        """Agents may read and file requests, never change consents, data or credentials;
        an archive is read only; a guardian reads the ward's data (and changes consents
        only: `can_change_consents`)."""
        return self.assist is None and self.archive is None and self.guardian is None

    @property
    def can_change_consents(self) -> bool:
        """The account holder, or their guardian (under the shop's guardian rule)."""
        return self.can_change or (self.guardian is not None and self.archive is None)


class AppSession(QObject):
    changed = Signal()  # the active view changed (sign-in, switch, assist, sign-out)
    shops_changed = Signal()
    keychain_available = Signal(bool)
    outbox_changed = Signal()  # a request was queued in the outbox (by any page)

    def __init__(
        self,
        config_dir: Path,
        runner: TaskRunner,
        *,
        open_browser: OpenBrowser | None = None,
        keyring_backend: KeyringBackend | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config_dir = config_dir
        self._registry: ShopRegistry | None = None  # read from disk on first use
        self._registry_lock = threading.Lock()
        self.runner = runner
        self.open_browser: OpenBrowser = open_browser or _system_browser
        self.keyring_backend = keyring_backend
        self.connections: dict[str, ShopConnection] = {}
        self.current_shop: str | None = None
        self.assist: AssistSession | None = None
        self.archive: OpenArchive | None = None
        self._outbox: Outbox | None = None
        self._outbox_lock = threading.Lock()
        self.fides_shops: dict[str, FidesShop] = {}  # shops running Ethyca Fides
        self.ward: WardSession | None = None  # a guardian viewing a ward (on `ward_shop`)
        self.ward_shop: str | None = None

    @property
    def registry(self) -> ShopRegistry:
        """The saved shops and accounts (loaded on first use, usually on a worker thread)."""
        with self._registry_lock:
            if self._registry is None:
                from client.shops import ShopRegistry

                self._registry = ShopRegistry(self.config_dir)
            return self._registry

    # --- what the pages read ------------------------------------------------------------------
    @property
    def current(self) -> ShopConnection | None:
        return self.connections.get(self.current_shop or "")

    def view(self) -> ActiveView | None:
        if self.archive is not None:
            opened = self.archive
            return ActiveView(
                opened.shop_id, opened.shop_name, opened.subject, None, archive=opened
            )
        return self.live_view()

    def live_view(self) -> ActiveView | None:
        """The view of the signed-in account, ignoring an open archive."""
        fides = self.fides_shops.get(self.current_shop or "")
        if fides is not None:
            return ActiveView(
                fides.shop_id, fides.shop_name, fides.account_label, None, fides=fides
            )
        connection = self.current
        if connection is None or not connection.signed_in:
            return None
        label = connection.account.display_name if connection.account else None
        role = connection.account.role if connection.account else "shopper"
        if self.assist is not None:
            return ActiveView(
                connection.shop_id,
                connection.shop_name,
                self.assist.customer_no,
                self.assist.api,
                self.assist,
                role,
            )
        if self.ward is not None and self.ward_shop == connection.shop_id:
            return ActiveView(
                connection.shop_id,
                connection.shop_name,
                self.ward.ward.display_name,
                self.ward.api,
                None,
                role,
                guardian=self.ward,
            )
        return ActiveView(
            connection.shop_id,
            connection.shop_name,
            label or connection.username or "",
            connection.api,
            None,
            role,
        )

    # --- filing requests ------------------------------------------------------------------------
    def outbox(self) -> Outbox:
        """The one outbox of the app (opened on first use, from any thread)."""
        from client.outbox import Outbox

        with self._outbox_lock:
            if self._outbox is None:
                self._outbox = Outbox(self.registry.config_dir / OUTBOX_FILE)
            return self._outbox

    def request_filer(self, view: ActiveView) -> RequestFiler:
        """The one way every page files a request for `view` (see `client.filing`).

        Queueing in the outbox only for the shopper's own live sign-in: the outbox sends with
        the shopper's tokens, never with an agent's assist session.
        """
        from client.filing import RequestFiler

        connection = self.connections.get(view.shop_id)
        queue = (
            None
            if view.assisting or view.archive is not None or connection is None
            else self.outbox
        )
        account = (connection.username or "") if connection is not None else ""
        api = view.archive.api if view.archive is not None else view.shop  # an archive refuses
        return RequestFiler(api, shop_id=view.shop_id, account=account, outbox=queue)

    def signed_in_connections(self) -> list[ShopConnection]:
        return [c for c in self.connections.values() if c.signed_in]

    # --- actions (each runs in the background and reports back) -------------------------------
    def add_shop(
        self,
        base_url: str,
        done: Callable[[ShopConnection], None],
        failed: Callable[[BaseException], None],
        fides_found: Callable[[FidesProbe], None] | None = None,
    ) -> None:
        """Add a shop by address; one running Ethyca Fides goes to `fides_found` instead."""

        def work(_control: TaskControl) -> ShopConnection | FidesProbe:
            from client.errors import ApiError, ConnectionFailed, InsecureTransport

            try:
                return self._connection_for(base_url)
            except (ConnectionFailed, InsecureTransport):
                raise
            except ApiError:
                if fides_found is None:
                    raise
                from client.backends.fides import probe_fides

                probe = probe_fides(base_url)
                if probe is None:
                    raise
                return probe

        def added(result: ShopConnection | FidesProbe) -> None:
            from client.backends.fides import FidesProbe

            if isinstance(result, FidesProbe):
                if fides_found is not None:
                    fides_found(result)
                return
            self.connections[result.shop_id] = result
            self.shops_changed.emit()
            done(result)

        self.runner.run(work, added, failed)

    def add_fides_shop(
        self,
        probe: FidesProbe,
        identity: FidesIdentity,
        name: str,
        done: Callable[[FidesShop], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Remember a Fides shop: the identity goes to the keychain, the address to the list."""

        def work(_control: TaskControl) -> FidesShop:
            from client.backends.fides import IDENTITY_ENTRY, IdentityStore

            store = IdentityStore(probe.shop_id, backend=self.keyring_backend)
            store.save(identity)
            self.registry.add_shop(probe.base_url, probe.shop_id, name, kind="fides")
            self.registry.add_account(probe.shop_id, IDENTITY_ENTRY)
            return self._fides_shop(probe.base_url, name, identity, store)

        def added(shop: FidesShop) -> None:
            previous = self.fides_shops.pop(shop.shop_id, None)
            if previous is not None:
                previous.close()
            self.fides_shops[shop.shop_id] = shop
            self.current_shop = shop.shop_id
            self.assist = None
            self.keychain_available.emit(shop.persistent)
            self.shops_changed.emit()
            self.changed.emit()
            done(shop)

        self.runner.run(work, added, failed)

    def _fides_shop(
        self, base_url: str, name: str, identity: FidesIdentity, store: Any
    ) -> FidesShop:
        from client.backends.fides import STORE_FILE, FidesShop, FidesStore

        return FidesShop(
            base_url,
            name,
            identity,
            FidesStore(self.registry.config_dir / STORE_FILE),
            identity_store=store,
        )

    def _connection_for(self, base_url: str, username: str | None = None) -> ShopConnection:
        from client.connection import ShopConnection

        return ShopConnection(
            base_url,
            registry=self.registry,
            username=username,
            open_browser=self.open_browser,
            keyring_backend=self.keyring_backend,
            language=QLocale().name(),  # the interface language (QLocale's default is set to it)
        )

    def sign_in(
        self,
        shop_id: str,
        done: Callable[[], None],
        failed: Callable[[BaseException], None],
        *,
        fresh: bool = False,
    ) -> Callable[[], None]:
        """Interactive sign-in in the browser; returns a function that cancels it."""
        connection = self.connections[shop_id]

        def work(_control: TaskControl) -> object:
            return connection.sign_in(username_hint=connection.username, fresh=fresh)

        def signed_in(_account: object) -> None:
            self.current_shop = shop_id
            self.assist = None
            self.end_ward(emit=False)
            self.keychain_available.emit(connection.persistent)
            self.changed.emit()
            done()

        task = self.runner.run(work, signed_in, failed)

        def cancel() -> None:
            connection.cancel_sign_in()
            task.cancel()

        return cancel

    def resume_remembered(
        self,
        done: Callable[[int], None],
        refused: Callable[[str, BaseException], None] | None = None,
    ) -> None:
        """Silent sign-in for every remembered account that has a refresh token.

        `refused(shop name, error)` hears of each account whose shop refused the silent
        sign-in for a reason a person must act on (a guardian's consent to the account is
        missing); an account whose sign-in merely expired stays signed out without a word.
        """

        signed_out: list[ShopConnection] = []  # remembered shops to sign in again in one click

        def work(_control: TaskControl) -> list[ShopConnection | FidesShop]:
            resumed: list[ShopConnection | FidesShop] = []
            for entry in self.registry.shops():  # read here: no disk work on the UI thread
                if entry.kind == "fides":
                    fides = self._resume_fides(entry.base_url, entry.shop_id, entry.name)
                    if fides is not None:
                        resumed.append(fides)
                    continue
                last: ShopConnection | None = None
                for account in entry.accounts:
                    try:
                        connection = self._connection_for(entry.base_url, account.username)
                    except Exception as exc:  # an unreachable shop stays listed, signed out
                        log.info("could not resume %s: %s", entry.shop_id, type(exc).__name__)
                        continue
                    if connection.resume(account.username):
                        resumed.append(connection)
                        break
                    last = connection
                else:
                    if last is not None:
                        signed_out.append(last)
            return resumed

        def finished(found: list[ShopConnection | FidesShop]) -> None:
            from client.backends.fides import FidesShop

            connections = [c for c in found if not isinstance(c, FidesShop)]
            for shop in found:
                if isinstance(shop, FidesShop):
                    self.fides_shops[shop.shop_id] = shop
            for connection in connections:
                self.connections[connection.shop_id] = connection
            for connection in signed_out:
                self.connections.setdefault(connection.shop_id, connection)
                if refused is not None and connection.tokens.refusal is not None:
                    from client.errors import GuardianConsentMissing

                    if isinstance(connection.tokens.refusal, GuardianConsentMissing):
                        refused(connection.shop_name, connection.tokens.ended_error())
            if connections and (self.current is None or not self.current.signed_in):
                self.current_shop = connections[0].shop_id
                self.keychain_available.emit(connections[0].persistent)
                self.changed.emit()
            elif found and self.current_shop is None:
                self.current_shop = found[0].shop_id
                self.changed.emit()
            self.shops_changed.emit()
            done(len(found))

        self.runner.run(work, finished, lambda _error: done(0))

    def _resume_fides(self, base_url: str, shop_id: str, name: str) -> FidesShop | None:
        """A remembered Fides shop, from the identity in the keychain (no network)."""
        from client.backends.fides import IdentityStore

        store = IdentityStore(shop_id, backend=self.keyring_backend)
        identity = store.load()
        if identity is None:
            return None
        return self._fides_shop(base_url, name, identity, store)

    def switch_to(self, shop_id: str) -> None:
        """Show a signed-in account (this also closes an open archive)."""
        known = shop_id in self.connections or shop_id in self.fides_shops
        if known and (shop_id != self.current_shop or self.archive is not None):
            self.current_shop = shop_id
            self.assist = None
            opened, self.archive = self.archive, None
            self.changed.emit()
            if opened is not None:
                opened.api.close()

    def sign_out(self, done: Callable[[bool], None]) -> None:
        """Revoke at the shop and forget here; `done(True)` only when the shop confirmed."""
        fides = self.fides_shops.get(self.current_shop or "")
        if fides is not None:
            self._forget_fides(fides, lambda: done(True))  # nothing to revoke at a Fides shop
            return
        connection = self.current
        if connection is None:
            done(True)
            return
        self.end_assist()
        self.end_ward(emit=False)

        def work(_control: TaskControl) -> bool:
            return connection.sign_out()

        def finished(result: Any) -> None:
            # The shop and its accounts stay listed (signed out): sign in again in one click.
            remaining = self.signed_in_connections()
            self.current_shop = remaining[0].shop_id if remaining else None
            self.changed.emit()
            self.shops_changed.emit()
            done(result is True)

        self.runner.run(work, finished, lambda _error: finished(False))

    def _forget_fides(self, shop: FidesShop, done: Callable[[], None]) -> None:
        """ "Sign out" of a Fides shop: its identity leaves the keychain; requests stay listed."""

        def work(_control: TaskControl) -> None:
            from client.backends.fides import IDENTITY_ENTRY

            if shop.identity_store is not None:
                shop.identity_store.forget()
            self.registry.remove_account(shop.shop_id, IDENTITY_ENTRY)
            shop.close()

        def finished(_result: Any) -> None:
            self.fides_shops.pop(shop.shop_id, None)
            remaining = [c.shop_id for c in self.signed_in_connections()] + list(self.fides_shops)
            self.current_shop = remaining[0] if remaining else None
            self.changed.emit()
            self.shops_changed.emit()
            done()

        self.runner.run(work, finished, lambda _error: finished(None))

    def start_assist(
        self,
        customer_no: str,
        code: str,
        reason: str,
        done: Callable[[], None],
        failed: Callable[[BaseException], None],
    ) -> Callable[[], None]:
        """Open an assist session; returns `cancel`, after which neither callback is called.

        A session the shop opens after `cancel` is ended at once (as "End assist session"
        does): the agent said no, so the customer's data is never shown and the session does
        not stay open at the shop until it expires.
        """
        connection = self.current
        cancelled: list[bool] = []
        if connection is None:
            return lambda: None

        def work(_control: TaskControl) -> AssistSession:
            return connection.open_assist_session(customer_no, code, reason)

        def opened(session: AssistSession) -> None:
            if cancelled:
                self._close_assist(session)
                return
            self.assist = session
            self.changed.emit()
            done()

        def refused(error: BaseException) -> None:
            if not cancelled:
                failed(error)

        self.runner.run(work, opened, refused)
        return lambda: cancelled.append(True)

    def end_assist(self) -> None:
        if self.assist is None:
            return
        session, self.assist = self.assist, None
        self._close_assist(session)
        self.changed.emit()

    def _close_assist(self, session: AssistSession) -> None:
        """End the session at the shop and drop its token (in the background)."""

        def work(_control: TaskControl) -> None:
            try:
                session.api.end_current_assist_session()
            finally:
                session.close()

        self.runner.run(work, lambda _r: None, lambda _e: None)

    # --- guardians ------------------------------------------------------------------------------
    def list_wards(
        self, done: Callable[[list[Ward]], None], failed: Callable[[BaseException], None]
    ) -> None:
        """The wards of the signed-in account (most accounts have none)."""
        connection = self.current
        if connection is None or not connection.signed_in:
            done([])
            return

        def work(_control: TaskControl) -> list[Ward]:
            return connection.api.list_wards()

        self.runner.run(work, done, failed)

    def start_ward(
        self, ward: Ward, done: Callable[[], None], failed: Callable[[BaseException], None]
    ) -> None:
        """Show `ward`'s dashboard to their signed-in guardian."""
        connection = self.current
        if connection is None:
            return
        guardian_name = (connection.account.display_name if connection.account else "") or ""

        def work(_control: TaskControl) -> WardSession:
            from client.guardian import open_ward

            return open_ward(connection.api, ward.id, guardian_name=guardian_name)

        def opened(session: WardSession) -> None:
            previous, self.ward, self.ward_shop = self.ward, session, connection.shop_id
            if previous is not None:
                previous.close()
            self.changed.emit()
            done()

        self.runner.run(work, opened, failed)

    def set_ward_account_consent(
        self,
        ward: Ward,
        granted: bool,
        done: Callable[[AccountConsentChanged], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Give or withdraw the guardian's consent to `ward`'s account, with the guardian's
        own sign-in (never the ward session: the shop refuses that token for this)."""
        connection = self.current
        if connection is None or not connection.signed_in:
            return

        def work(_control: TaskControl) -> AccountConsentChanged:
            # one Idempotency-Key per click (the client makes it): a re-sent PUT applies once
            return connection.api.set_ward_account_consent(ward.id, granted)

        self.runner.run(work, done, failed)

    def end_ward(self, *, emit: bool = True) -> None:
        """Back to the guardian's own data."""
        if self.ward is None:
            return
        session, self.ward, self.ward_shop = self.ward, None, None
        session.close()
        if emit:
            self.changed.emit()

    # --- archives ---------------------------------------------------------------------------
    def open_archive_view(self, opened: OpenArchive) -> None:
        """Show `opened` instead of the live account (read only, no network)."""
        previous, self.archive = self.archive, opened
        if previous is not None:
            previous.api.close()
        self.changed.emit()

    def close_archive(self) -> None:
        if self.archive is None:
            return
        opened, self.archive = self.archive, None
        self.changed.emit()
        opened.api.close()

    def close(self) -> None:
        if self.archive is not None:
            self.archive.api.close()
            self.archive = None
        for connection in self.connections.values():
            connection.close()
        for fides in self.fides_shops.values():
            fides.close()
