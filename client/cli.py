"""The command line (`python -m client`): the API client without the desktop app.

    python -m client shops
    python -m client sign-in https://shop.example [--username lin.mei]
    python -m client sign-out [--shop URL]
    python -m client show tracks [--shop URL] [--json] [--limit N]
    python -m client file deletion --details '{"categories": ["tracks"]}'
    python -m client status 42
    python -m client export 42 --out archive.zip
    python -m client verify-log

Commands run as the account signed in to the shop (refresh token from the keychain). For
scripts and tests, `--token` (or `PRIVACY_DASHBOARD_TOKEN`) with `--api-base URL` (the shop's
`/v1` base) runs with a given bearer token and no sign-in at all.

Exit codes: 0 done, 1 the shop or the network failed (message on stderr, no traceback),
2 the command line was wrong. `verify-log` also exits 1 when the chain does not verify.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel

from client.api import ShopApi
from client.errors import ApiError
from client.models.requests import REQUEST_TYPES
from client.transport import Transport
from client.verify import verify_access_log

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
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "privacy-dashboard"


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

SECTIONS: dict[str, SectionFetcher] = {
    "me": lambda api, _limit: api.get_me(),
    "categories": lambda api, _limit: api.list_categories(),
    "devices": lambda api, limit: list(api.iter_devices(max_items=limit)),
    "locations": lambda api, limit: list(api.iter_locations(max_items=limit)),
    "logs": lambda api, limit: list(api.iter_logs(max_items=limit)),
    "tracks": lambda api, limit: list(api.iter_tracks(max_items=limit)),
    "tags": lambda api, limit: list(api.iter_tags(max_items=limit)),
    "orders": lambda api, limit: list(api.iter_orders(max_items=limit)),
    "decisions": lambda api, limit: list(api.iter_decisions(max_items=limit)),
    "consents": lambda api, _limit: api.list_consents(),
    "subscriptions": lambda api, _limit: api.list_subscriptions(),
    "cookies": lambda api, limit: list(api.iter_cookies(max_items=limit)),
    "recipients": lambda api, limit: list(api.iter_recipients(max_items=limit)),
    "notices": lambda api, limit: list(api.iter_notices(max_items=limit)),
    "policy": lambda api, _limit: api.get_policy(),
    "access-log": lambda api, limit: list(api.iter_access_log(max_items=limit)),
    "requests": lambda api, limit: list(api.iter_requests(max_items=limit)),
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m client",
        description="See and manage what online shops know about you.",
    )
    parser.add_argument("--config-dir", type=Path, default=None,
                        help=f"where the shop list lives (default: ${CONFIG_ENV} or "
                             "~/.config/privacy-dashboard)")
    parser.add_argument("--token", default=None,
                        help=f"run with this bearer token instead of a sign-in (or ${TOKEN_ENV})")
    parser.add_argument("--api-base", default=None,
                        help=f"the shop's API base URL (…/v1) for --token (or ${API_BASE_ENV})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    commands.add_parser("shops", help="list configured shops and accounts")

    sign_in = commands.add_parser("sign-in", help="sign in to a shop in the browser")
    sign_in.add_argument("shop_url", metavar="SHOP_URL")
    sign_in.add_argument("--username", default=None, help="the account to sign in as")

    sign_out = commands.add_parser("sign-out", help="sign out and revoke the sign-in")
    _shop_options(sign_out)

    show = commands.add_parser("show", help="print one section of your data")
    show.add_argument("section", choices=sorted(SECTIONS), metavar="SECTION",
                      help=", ".join(sorted(SECTIONS)))
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--limit", type=_positive, default=None,
                      help="at most this many items of a list")
    _shop_options(show)

    file = commands.add_parser("file", help="file a privacy request")
    file.add_argument("type", choices=REQUEST_TYPES, metavar="TYPE",
                      help=", ".join(REQUEST_TYPES))
    file.add_argument("--details", default=None, help="the request details as a JSON object")
    file.add_argument("--note", default=None, help="a note to the shop")
    file.add_argument("--idempotency-key", default=None,
                      help="re-send an earlier attempt with its key (nothing is filed twice)")
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
    return parser


def _shop_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shop", default=None, metavar="URL",
                        help="the shop (its base URL); needed when several are configured")
    parser.add_argument("--username", default=None, help="the account, if several")


# --- connecting -------------------------------------------------------------------------------


class Session:
    """What one command runs against: the typed API, and how to close it."""

    def __init__(self, api: ShopApi, close: Callable[[], None]) -> None:
        self.api = api
        self.close = close


def _registry(config_dir: Path) -> Any:
    try:
        from client.shops import ShopRegistry
    except ImportError as exc:  # the registry module is optional for token-only use
        raise UsageError("Configured shops are not available in this build; "
                         "use --token with --api-base.") from exc
    return ShopRegistry(config_dir)


def _connection(args: argparse.Namespace, shop_url: str | None) -> Any:
    try:
        from client.connection import ShopConnection
    except ImportError as exc:
        raise UsageError("Signing in is not available in this build; "
                         "use --token with --api-base.") from exc
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


def cmd_sign_out(args: argparse.Namespace, out: TextIO) -> int:
    connection = _connection(args, None)
    try:
        connection.resume(args.username)
        confirmed = connection.sign_out()
    finally:
        connection.close()
    out.write("Signed out." if confirmed else "Signed out here; the shop did not confirm.")
    out.write("\n")
    return EXIT_OK


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
    created = session.api.create_request(
        args.type, details, note=args.note, idempotency_key=args.idempotency_key
    )
    if args.json:
        emit(created, out, True)
    else:
        request = created.request
        out.write(f"Filed {request.type} request {request.id}: {request.status}, "
                  f"due {request.due_at:%Y-%m-%d}.\n")
        out.write(f"To re-send safely: --idempotency-key {created.idempotency_key}\n")
    return EXIT_OK


def cmd_status(args: argparse.Namespace, session: Session, out: TextIO) -> int:
    request = session.api.get_request(args.request_id)
    if args.json:
        emit(request, out, True)
        return EXIT_OK
    out.write(f"Request {request.id} ({request.type}): {request.status}\n")
    out.write(f"Received {request.received_at:%Y-%m-%d %H:%M} UTC, due "
              f"{request.due_at:%Y-%m-%d}" + (" (overdue)" if request.overdue else "") + "\n")
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
    entries = list(session.api.iter_access_log(limit=500))
    result = verify_access_log(entries, head=head)
    if args.json:
        emit({"ok": result.ok, "checked": result.checked, "problems": result.problems,
              "first_broken_seq": result.first_broken_seq, "reason": result.reason}, out, True)
    elif result.ok:
        out.write(f"The access log verifies: {result.checked} entries, chain intact.\n")
    if not result.ok:
        for problem in result.problems:
            err.write(f"{problem}\n")
        return EXIT_API
    return EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command == "shops":
        return cmd_shops(args, out)
    if args.command == "sign-in":
        return cmd_sign_in(args, out)
    if args.command == "sign-out":
        return cmd_sign_out(args, out)
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
