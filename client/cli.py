"""The command line (`python -m client`): the API client without the desktop app.

    python -m client shops
    python -m client sign-in https://shop.example [--username lin.mei]
    python -m client sign-out [--shop URL] [--account NAME | --all]
    python -m client show tracks [--shop URL] [--json] [--limit N]
    python -m client file deletion --details '{"categories": ["tracks"]}'
    python -m client status 42
    python -m client export 42 --out archive.zip
    python -m client verify-log
    python -m client archive export --out me.zip [--sections tracks,orders] [--from D --to D]
                                    [--passphrase-file F] [--summaries] [--restart]
    python -m client archive verify me.zip [--key-file F | --shop URL] [--passphrase-file F]
    python -m client archive diff OLD.zip NEW.zip [--json]
    python -m client archive to-sqlite me.zip me.db

Commands run as the account signed in to the shop (refresh token from the keychain). For
scripts and tests, `--token` (or `PRIVACY_DASHBOARD_TOKEN`) with `--api-base URL` (the shop's
`/v1` base) runs with a given bearer token and no sign-in at all.

Exit codes: 0 done, 1 the shop or the network failed (message on stderr, no traceback),
2 the command line was wrong. `verify-log` also exits 1 when the chain does not verify;
`archive verify` exits 1 when the archive does not verify, and every `archive` command exits 1
when an archive is refused (the reason code and message on stderr). Only `archive export`
needs a sign-in; the others work offline (`archive verify --shop` fetches the shop's keys).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO, TypeVar

from pydantic import BaseModel

from client.api import ShopApi
from client.connection import ShopConnection
from client.errors import ApiError
from client.filing import Filing, Queued, RequestFiler
from client.models.requests import REQUEST_TYPES
from client.pagination import DEFAULT_PAGE_SIZE, ListPage
from client.shops import ShopRegistry
from client.transport import Transport
from client.verify import verify_access_log

T = TypeVar("T")

TOKEN_ENV = "PRIVACY_DASHBOARD_TOKEN"  # noqa: S105 - the variable name, not a token
API_BASE_ENV = "PRIVACY_DASHBOARD_API_BASE"
CONFIG_ENV = "PRIVACY_DASHBOARD_CONFIG"

EXIT_OK = 0
EXIT_API = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line cannot be carried out as written (exit code 2)."""


class _FixedToken:
    """A token source with one bearer token and no refresh (for `--token`)."""

    def __init__(self, token: str) -> None:
        self._token = token

    def access_token(self) -> str | None:
        return self._token

    def refresh_access_token(self) -> str | None:
        return None


def default_config_dir() -> Path:
    """The desktop app's data folder (client.paths), so both share one shop list."""
    from client.paths import data_dir

    return data_dir()


# --- output -----------------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def _plain(value: Any, out: TextIO, indent: str = "") -> None:
    """A readable rendering: `key: value` lines, list items separated by blank lines."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                out.write(f"{indent}{key}:\n")
                _plain(item, out, indent + "  ")
            else:
                out.write(f"{indent}{key}: {_scalar(item)}\n")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                if index and not indent:
                    out.write("\n")
                _plain(item, out, indent)
            else:
                out.write(f"{indent}- {_scalar(item)}\n")
    else:
        out.write(f"{indent}{_scalar(value)}\n")


def _scalar(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(value: Any, out: TextIO, as_json: bool) -> None:
    data = to_jsonable(value)
    if as_json:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _plain(data, out)


# --- sections of `show` -----------------------------------------------------------------------


SectionFetcher = Callable[[ShopApi, int | None], Any]


def _size(limit: int | None) -> int:
    """The first page's size: no more than `--limit` asks for."""
    return DEFAULT_PAGE_SIZE if limit is None else min(limit, DEFAULT_PAGE_SIZE)


def _upto(first: ListPage[T], limit: int | None) -> list[T]:
    """Every item of a list from its first page on, at most `limit`."""
    return list(first.auto_paging_iter(max_items=limit))


SECTIONS: dict[str, SectionFetcher] = {
    "me": lambda api, _limit: api.get_me(),
    "categories": lambda api, _limit: api.list_categories(),
    "devices": lambda api, limit: _upto(api.list_devices(limit=_size(limit)), limit),
    "locations": lambda api, limit: _upto(api.list_locations(limit=_size(limit)), limit),
    "logs": lambda api, limit: _upto(api.list_logs(limit=_size(limit)), limit),
    "tracks": lambda api, limit: _upto(api.list_tracks(limit=_size(limit)), limit),
    "tags": lambda api, limit: _upto(api.list_tags(limit=_size(limit)), limit),
    "orders": lambda api, limit: _upto(api.list_orders(limit=_size(limit)), limit),
    "decisions": lambda api, limit: _upto(api.list_decisions(limit=_size(limit)), limit),
    "consents": lambda api, _limit: api.list_consents(),
    "subscriptions": lambda api, _limit: api.list_subscriptions(),
    "cookies": lambda api, limit: _upto(api.list_cookies(limit=_size(limit)), limit),
    "recipients": lambda api, limit: _upto(api.list_recipients(limit=_size(limit)), limit),
    "notices": lambda api, limit: _upto(api.list_notices(limit=_size(limit)), limit),
    "policy": lambda api, _limit: api.get_policy(),
    "access-log": lambda api, limit: _upto(api.list_access_log(limit=_size(limit)), limit),
    "requests": lambda api, limit: _upto(api.list_requests(limit=_size(limit)), limit),
}


# --- the parser -------------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _prog_name() -> str:
    """`privacy-dashboard-cli` when started by that name, else `python -m client`."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name.startswith("privacy-dashboard") else "python -m client"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog_name(),
        description="See and manage what online shops know about you.",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        default=None,
        help=f"where the shop list lives (default: ${CONFIG_ENV} or the desktop app's data folder)",
    )
    parser.add_argument(
        "--token",
        default=None,
        help=(
            f"run with this bearer token instead of a sign-in (or ${TOKEN_ENV}); "
            "write it as --token=VALUE, since a token may begin with -"
        ),
    )
    parser.add_argument(
        "--api-base",
        default=None,
        help=f"the shop's API base URL (…/v1) for --token (or ${API_BASE_ENV})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    commands.add_parser("shops", help="list configured shops and accounts")

    sign_in = commands.add_parser("sign-in", help="sign in to a shop in the browser")
    sign_in.add_argument("shop_url", metavar="SHOP_URL")
    sign_in.add_argument("--username", default=None, help="the account to sign in as")

    sign_out = commands.add_parser(
        "sign-out", help="revoke an account's sign-in at the shop and forget it here"
    )
    sign_out.add_argument(
        "--shop",
        default=None,
        metavar="URL",
        help="the shop (its base URL); needed when several are configured",
    )
    who = sign_out.add_mutually_exclusive_group()
    who.add_argument(
        "--account",
        "--username",
        dest="username",
        default=None,
        metavar="NAME",
        help="the account to sign out, if several are signed in",
    )
    who.add_argument("--all", action="store_true", help="sign out every account on the shop")

    show = commands.add_parser("show", help="print one section of your data")
    show.add_argument(
        "section", choices=sorted(SECTIONS), metavar="SECTION", help=", ".join(sorted(SECTIONS))
    )
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument(
        "--limit", type=_positive, default=None, help="at most this many items of a list"
    )
    _shop_options(show)

    file = commands.add_parser("file", help="file a privacy request")
    file.add_argument("type", choices=REQUEST_TYPES, metavar="TYPE", help=", ".join(REQUEST_TYPES))
    file.add_argument("--details", default=None, help="the request details as a JSON object")
    file.add_argument("--note", default=None, help="a note to the shop")
    file.add_argument(
        "--idempotency-key",
        default=None,
        help="re-send an earlier attempt with its key (nothing is filed twice)",
    )
    file.add_argument("--json", action="store_true", help="print JSON")
    _shop_options(file)

    status = commands.add_parser("status", help="show a privacy request and its timeline")
    status.add_argument("request_id", metavar="REQUEST_ID")
    status.add_argument("--json", action="store_true", help="print JSON")
    _shop_options(status)

    export = commands.add_parser("export", help="download the archive of an access request")
    export.add_argument("request_id", metavar="REQUEST_ID")
    export.add_argument("--out", required=True, type=Path, metavar="PATH")
    export.add_argument("--no-resume", action="store_true", help="start the download over")
    _shop_options(export)

    verify_log = commands.add_parser("verify-log", help="check your access log's hash chain")
    verify_log.add_argument("--json", action="store_true", help="print JSON")
    _shop_options(verify_log)

    archive = commands.add_parser("archive", help="personal-data archives (docs/ARCHIVE.md)")
    archive_commands = archive.add_subparsers(
        dest="archive_command", metavar="ACTION", required=True
    )
    a_export = archive_commands.add_parser("export", help="build an archive now from the API")
    a_export.add_argument("--out", required=True, type=Path, metavar="PATH")
    a_export.add_argument(
        "--sections", default=None, type=_sections, help="comma-separated sections (default: all)"
    )
    a_export.add_argument(
        "--from",
        dest="start",
        default=None,
        type=_moment,
        metavar="TIME",
        help="only activity from this date/time (ISO 8601; UTC if no zone)",
    )
    a_export.add_argument(
        "--to",
        dest="end",
        default=None,
        type=_moment,
        metavar="TIME",
        help="only activity before this date/time",
    )
    a_export.add_argument(
        "--passphrase-file",
        default=None,
        type=Path,
        metavar="F",
        help="encrypt with the passphrase in this file (first line)",
    )
    a_export.add_argument(
        "--summaries",
        action="store_true",
        help="orders and decisions as list summaries (faster), not details",
    )
    a_export.add_argument(
        "--restart",
        action="store_true",
        help="discard an interrupted export to the same file and start over",
    )
    _shop_options(a_export)

    a_verify = archive_commands.add_parser("verify", help="check checksums and the signature")
    a_verify.add_argument("path", type=Path, metavar="PATH")
    keys = a_verify.add_mutually_exclusive_group()
    keys.add_argument(
        "--key-file",
        default=None,
        type=Path,
        metavar="F",
        help="the shop's public key(s): discovery JSON, key list, or PEM",
    )
    keys.add_argument(
        "--shop", default=None, metavar="URL", help="fetch the shop's published keys from this shop"
    )
    a_verify.add_argument("--passphrase-file", default=None, type=Path, metavar="F")
    a_verify.add_argument("--json", action="store_true", help="print JSON")

    a_diff = archive_commands.add_parser("diff", help="compare two archives of one account")
    a_diff.add_argument("old", type=Path, metavar="OLD")
    a_diff.add_argument("new", type=Path, metavar="NEW")
    a_diff.add_argument("--sections", default=None, type=_sections)
    a_diff.add_argument(
        "--passphrase-file",
        default=None,
        type=Path,
        metavar="F",
        help="the passphrase of encrypted archives",
    )
    a_diff.add_argument("--json", action="store_true", help="print the items as JSON")

    a_sqlite = archive_commands.add_parser("to-sqlite", help="convert to a SQLite database")
    a_sqlite.add_argument("path", type=Path, metavar="PATH")
    a_sqlite.add_argument("out", type=Path, metavar="OUT.db")
    a_sqlite.add_argument("--passphrase-file", default=None, type=Path, metavar="F")
    return parser


def _sections(text: str) -> list[str]:
    from client.archive.format import SECTIONS as ARCHIVE_SECTIONS

    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in names if name not in ARCHIVE_SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(ARCHIVE_SECTIONS)}"
        )
    return names


def _moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date/time: {text!r}") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _shop_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--shop",
        default=None,
        metavar="URL",
        help="the shop (its base URL); needed when several are configured",
    )
    parser.add_argument("--username", default=None, help="the account, if several")


# --- connecting -------------------------------------------------------------------------------


class Session:
    """What one command runs against: the typed API, and how to close it."""

    def __init__(self, api: ShopApi, close: Callable[[], None]) -> None:
        self.api = api
        self.close = close


def _registry(config_dir: Path) -> ShopRegistry:
    return ShopRegistry(config_dir)


def _connection(args: argparse.Namespace, shop_url: str | None) -> ShopConnection:
    registry = _registry(args.config_dir)
    url = shop_url or getattr(args, "shop", None)
    if url is None:
        shops = registry.shops()
        if not shops:
            raise UsageError("No shop is configured yet: run `sign-in SHOP_URL` first.")
        if len(shops) > 1:
            names = ", ".join(entry.base_url for entry in shops)
            raise UsageError(f"Several shops are configured; pick one with --shop ({names}).")
        url = shops[0].base_url
    return ShopConnection(url, registry=registry, username=getattr(args, "username", None))


def open_session(args: argparse.Namespace) -> Session:
    token = args.token or os.environ.get(TOKEN_ENV)
    if token:
        api_base = args.api_base or os.environ.get(API_BASE_ENV)
        if not api_base and getattr(args, "shop", None):
            from client.discovery import fetch_discovery

            api_base = fetch_discovery(args.shop).api_base
        if not api_base:
            raise UsageError("--token needs --api-base URL (or --shop URL).")
        transport = Transport(api_base, tokens=_FixedToken(token))
        return Session(ShopApi(transport), transport.close)
    connection = _connection(args, None)
    if not connection.resume(getattr(args, "username", None)):
        connection.close()
        raise UsageError(
            f"Not signed in to {connection.base_url}: run `sign-in {connection.base_url}`."
        )
    return Session(connection.api, connection.close)


# --- commands ---------------------------------------------------------------------------------


def cmd_shops(args: argparse.Namespace, out: TextIO) -> int:
    registry = _registry(args.config_dir)
    shops = registry.shops()
    if not shops:
        out.write("No shops configured. Add one with `sign-in SHOP_URL`.\n")
        return EXIT_OK
    for entry in shops:
        out.write(f"{entry.name} ({entry.shop_id})  {entry.base_url}\n")
        for account in entry.accounts:
            label = account.display_name or account.customer_no or ""
            out.write(f"  {account.username}  {label}  [{account.role}]\n")
    return EXIT_OK


def cmd_sign_in(args: argparse.Namespace, out: TextIO) -> int:
    connection = _connection(args, args.shop_url)
    try:
        out.write("Opening the shop's sign-in page in your browser…\n")
        out.flush()
        account = connection.sign_in(username_hint=args.username)
        where = "" if connection.persistent else " (no keychain: this sign-in is not kept)"
        out.write(f"Signed in to {connection.shop_name} as {account.username}{where}.\n")
    finally:
        connection.close()
    return EXIT_OK


def _shop_entry(args: argparse.Namespace) -> Any:
    """The configured shop named by --shop (or the only one), from the registry alone."""
    from client.discovery import normalize_base_url

    registry = _registry(args.config_dir)
    shops = registry.shops()
    if args.shop is not None:
        entry = registry.find_by_url(normalize_base_url(args.shop))
        if entry is None:
            raise UsageError(f"{args.shop} is not configured: nothing to sign out.")
        return entry
    if not shops:
        raise UsageError("No shop is configured yet: run `sign-in SHOP_URL` first.")
    if len(shops) > 1:
        names = ", ".join(entry.base_url for entry in shops)
        raise UsageError(f"Several shops are configured; pick one with --shop ({names}).")
    return shops[0]


def cmd_sign_out(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Revoke the named account's (or with --all every account's) sign-in, then forget it.

    The refresh token leaves the keychain in every case, so a stolen laptop holds nothing
    usable; when the shop did not confirm the revocation (or could not be reached) that is said
    per account and the exit code is 1: the sign-in may stay usable at the shop until it
    expires.
    """
    from client.tokens import TokenManager, TokenStore

    entry = _shop_entry(args)
    store = TokenStore(entry.shop_id)
    known = [account.username for account in entry.accounts]
    stored = [name for name in known if store.has(name)]
    if args.username is not None:
        if args.username not in known:
            raise UsageError(
                f"No account {args.username!r} on {entry.base_url} "
                f"(known: {', '.join(known) or 'none'})."
            )
        targets = [args.username]
    elif args.all or len(stored) <= 1:
        targets = stored
    else:
        raise UsageError(
            f"Several accounts are signed in to {entry.base_url} "
            f"({', '.join(stored)}): name one with --account NAME, or use --all."
        )
    targets = [name for name in targets if store.has(name)]
    if not targets:
        who = args.username or "No account"
        out.write(f"{who}: not signed in to {entry.base_url}; nothing to revoke.\n")
        return EXIT_OK
    try:
        from client.discovery import fetch_discovery

        oauth = fetch_discovery(entry.base_url).oauth
    except ApiError as exc:
        oauth = None
        reason = f"the shop could not be reached ({exc})"
    unconfirmed = []
    for name in targets:
        if oauth is None:
            store.forget(name)
            confirmed = False
        else:
            reason = "the shop did not confirm the revocation"
            manager = TokenManager(oauth, store, name)
            try:
                confirmed = manager.revoke()  # forgets the keychain entry either way
            finally:
                manager.close()
        if confirmed:
            out.write(f"{name}: signed out; the shop revoked the sign-in.\n")
        else:
            unconfirmed.append(name)
            err.write(
                f"{name}: NOT revoked: {reason}. The sign-in was removed from this "
                "computer's keychain, but it may keep working at the shop until it "
                "expires.\n"
            )
    return EXIT_API if unconfirmed else EXIT_OK


def cmd_show(args: argparse.Namespace, session: Session, out: TextIO) -> int:
    data = SECTIONS[args.section](session.api, args.limit)
    if isinstance(data, list) and args.limit is not None:
        data = data[: args.limit]  # the short unpaged lists too
    emit(data, out, args.json)
    return EXIT_OK


def cmd_file(args: argparse.Namespace, session: Session, out: TextIO) -> int:
    details: dict[str, Any] | None = None
    if args.details is not None:
        try:
            parsed = json.loads(args.details)
        except ValueError as exc:
            raise UsageError(f"--details is not valid JSON: {exc}") from exc
        if not isinstance(parsed, dict):
            raise UsageError("--details must be a JSON object.")
        details = parsed
    # The one filing path of the app (client.filing); the key is made once, here.
    filing = Filing.new(args.type, details, note=args.note, idempotency_key=args.idempotency_key)
    created = RequestFiler(session.api).file(filing)
    if isinstance(created, Queued):  # never: without an outbox the filer raises instead
        raise RuntimeError("the command line has no outbox")
    if args.json:
        emit(created, out, True)
    else:
        request = created.request
        out.write(
            f"Filed {request.type} request {request.id}: {request.status}, "
            f"due {request.due_at:%Y-%m-%d}.\n"
        )
        out.write(f"To re-send safely: --idempotency-key {created.idempotency_key}\n")
    return EXIT_OK


def cmd_status(args: argparse.Namespace, session: Session, out: TextIO) -> int:
    request = session.api.get_request(args.request_id)
    if args.json:
        emit(request, out, True)
        return EXIT_OK
    out.write(f"Request {request.id} ({request.type}): {request.status}\n")
    out.write(
        f"Received {request.received_at:%Y-%m-%d %H:%M} UTC, due "
        f"{request.due_at:%Y-%m-%d}" + (" (overdue)" if request.overdue else "") + "\n"
    )
    if request.denial is not None:
        out.write(f"Denied: {request.denial.reason} {request.denial.text}\n")
    if request.resolution:
        out.write(f"Resolution: {request.resolution}\n")
    for event in request.timeline:
        note = f" — {event.note}" if event.note else ""
        out.write(f"  {event.at:%Y-%m-%d %H:%M}  {event.status}  by {event.actor}{note}\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, session: Session, out: TextIO, err: TextIO) -> int:
    last = [-1]

    def progress(done: int, total: int | None) -> None:
        percent = int(done * 100 / total) if total else -1
        if percent != last[0]:
            last[0] = percent
            shown = f"{percent}%" if total else f"{done} bytes"
            err.write(f"\rDownloading… {shown}")
            err.flush()

    result = session.api.download_result(
        args.request_id, args.out, progress=progress, resume=not args.no_resume
    )
    err.write("\n")
    out.write(f"Saved {result.path} ({result.size} bytes, SHA-256 {result.sha256} checked).\n")
    return EXIT_OK


def cmd_verify_log(args: argparse.Namespace, session: Session, out: TextIO, err: TextIO) -> int:
    head = session.api.get_access_log_head()
    entries = list(session.api.list_access_log(limit=500).auto_paging_iter())
    result = verify_access_log(entries, head=head)
    if args.json:
        emit(
            {
                "ok": result.ok,
                "checked": result.checked,
                "problems": result.problems,
                "first_broken_seq": result.first_broken_seq,
                "reason": result.reason,
            },
            out,
            True,
        )
    elif result.ok:
        out.write(f"The access log verifies: {result.checked} entries, chain intact.\n")
    if not result.ok:
        for problem in result.problems:
            err.write(f"{problem}\n")
        return EXIT_API
    return EXIT_OK


# --- archives ---------------------------------------------------------------------------------


def _passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the passphrase file: {exc.strerror or exc}") from None
    if not lines or not lines[0]:
        raise UsageError("the passphrase file is empty")
    return lines[0]


def _progress_writer(err: TextIO, what: str) -> Callable[[int, int], None]:
    last = [-1]

    def progress(done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 100
        if percent != last[0]:
            last[0] = percent
            err.write(f"\r{what}… {percent}%")
            err.flush()

    return progress


def cmd_archive_export(args: argparse.Namespace, session: Session, out: TextIO, err: TextIO) -> int:
    from client.archive.export import export_archive

    shop = None
    if getattr(args, "shop", None):
        from client.discovery import fetch_discovery

        found = fetch_discovery(args.shop)
        shop = {"id": found.shop_id, "name": found.shop.name, "api_base": found.api_base}
    result = export_archive(
        session.api,
        args.out,
        sections=args.sections,
        start=args.start,
        end=args.end,
        passphrase=_passphrase(args.passphrase_file),
        details=not args.summaries,
        progress=_progress_writer(err, "Exporting"),
        shop=shop,
        resume=not args.restart,
    )
    err.write("\n")
    counts = ", ".join(f"{name} {n}" for name, n in result.counts.items())
    out.write(f"Saved {result.path} ({result.size} bytes, SHA-256 {result.sha256}).\n")
    out.write(f"Records: {counts}\n")
    return EXIT_OK


def cmd_archive_verify(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from client.archive.verify import keys_from_shop, load_key_file, verify_archive

    keys: Any = None
    if args.key_file is not None:
        keys = load_key_file(args.key_file)
    elif args.shop is not None:
        keys = keys_from_shop(args.shop)
    report = verify_archive(args.path, keys=keys, passphrase=_passphrase(args.passphrase_file))
    if args.json:
        emit(
            {
                "ok": report.ok,
                "reason": report.reason,
                "problems": report.problems,
                "source": report.source,
                "signed": report.signed,
                "signature_ok": report.signature_ok,
                "kid": report.kid,
                "files_checked": report.files_checked,
                "encrypted": report.encrypted,
            },
            out,
            True,
        )
    elif report.ok:
        signed = (
            f"signed by the shop (key {report.kid}), signature valid"
            if report.signature_ok
            else "not signed (made by the app)"
        )
        out.write(f"The archive verifies: {report.files_checked} files checked, {signed}.\n")
    if not report.ok:
        for problem in report.problems:
            err.write(f"[{report.reason}] {problem}\n")
        return EXIT_API
    return EXIT_OK


def cmd_archive_diff(args: argparse.Namespace, out: TextIO) -> int:
    from client.archive.diff import diff_archives

    passphrase = _passphrase(args.passphrase_file)
    result = diff_archives(
        args.old,
        args.new,
        sections=args.sections,
        old_passphrase=passphrase,
        new_passphrase=passphrase,
    )
    if args.json:
        emit(
            {
                "old_created_at": result.old_created_at,
                "new_created_at": result.new_created_at,
                "only_in_old": result.only_in_old,
                "only_in_new": result.only_in_new,
                "sections": {
                    name: {
                        "added": d.added,
                        "removed": d.removed,
                        "changed": [
                            {"id": c.id, "fields": c.fields, "before": c.before, "after": c.after}
                            for c in d.changed
                        ],
                    }
                    for name, d in result.sections.items()
                    if not d.empty
                },
            },
            out,
            True,
        )
        return EXIT_OK
    out.write(f"From {result.old_created_at} to {result.new_created_at}:\n")
    for name, d in result.sections.items():
        if d.empty:
            continue
        out.write(
            f"{name}: {len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed\n"
        )
    for name in result.only_in_old:
        out.write(f"{name}: only in the old archive\n")
    for name in result.only_in_new:
        out.write(f"{name}: only in the new archive\n")
    if result.empty and not (result.only_in_old or result.only_in_new):
        out.write("No differences.\n")
    return EXIT_OK


def cmd_archive_to_sqlite(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from client.archive.sqlite import archive_to_sqlite

    result = archive_to_sqlite(
        args.path,
        args.out,
        passphrase=_passphrase(args.passphrase_file),
        progress=_progress_writer(err, "Converting"),
    )
    err.write("\n")
    tables = ", ".join(f"{name} {n}" for name, n in result.tables.items())
    out.write(f"Wrote {result.path}: {tables}.\n")
    return EXIT_OK


def run_archive(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from client.archive.format import ArchiveError

    try:
        if args.archive_command == "verify":
            return cmd_archive_verify(args, out, err)
        if args.archive_command == "diff":
            return cmd_archive_diff(args, out)
        if args.archive_command == "to-sqlite":
            return cmd_archive_to_sqlite(args, out, err)
        if args.archive_command == "export":
            session = open_session(args)
            try:
                return cmd_archive_export(args, session, out, err)
            finally:
                with suppress(Exception):
                    session.close()
    except ArchiveError as exc:
        err.write(f"Error [{exc.reason}]: {exc}\n")
        return EXIT_API
    raise UsageError(f"unknown archive action {args.archive_command!r}")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "shops":
        return cmd_shops(args, out)
    if args.command == "archive":
        return run_archive(args, out, err)
    if args.command == "sign-in":
        return cmd_sign_in(args, out)
    if args.command == "sign-out":
        return cmd_sign_out(args, out, err)
    session = open_session(args)
    try:
        if args.command == "show":
            return cmd_show(args, session, out)
        if args.command == "file":
            return cmd_file(args, session, out)
        if args.command == "status":
            return cmd_status(args, session, out)
        if args.command == "export":
            return cmd_export(args, session, out, err)
        if args.command == "verify-log":
            return cmd_verify_log(args, session, out, err)
    finally:
        with suppress(Exception):
            session.close()
    raise UsageError(f"unknown command {args.command!r}")


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; returns the exit code (never raises for expected failures)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.config_dir is None:
        args.config_dir = default_config_dir()
    try:
        return run(args, out, err)
    except UsageError as exc:
        err.write(f"{parser.prog}: {exc}\n")
        return EXIT_USAGE
    except ApiError as exc:
        err.write(f"Error: {exc}\n")
        return EXIT_API
    except ValueError as exc:
        err.write(f"{parser.prog}: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("\nInterrupted.\n")
        return 130


__all__ = ["SECTIONS", "build_parser", "main"]
