"""A shop that runs Ethyca Fides: its public data-subject API, spoken with `requests`.

What Fides gives a shopper without any token, and what this module does with it:
- `GET /health` and `GET /api/v1/id-verification/config` recognise a Fides privacy API.
- `POST /api/v1/privacy-request` (a list of `{identity, policy_key}`) files access and erasure
  requests under the shop's default policies; `failed[]` is checked even on a 200, and a failed
  entry that still names a request id ("the code could not be sent") counts as filed.
- `POST /api/v1/privacy-request/{id}/verify {code}` confirms the identity with the code the shop
  sent (3 wrong tries, codes live 10 minutes).
- `POST /api/v1/consent-request`, `…/{id}/verify`, `PATCH …/{id}/preferences` read and change
  consent per data use, each time proven by a code.

What Fides does not give a shopper, and how the app copes:
- No way to read a request's status later (that needs an admin token, which reads everyone's;
  the app never holds one). The app keeps what the shop answered at filing and at verification
  in a local record (`FidesStore`: ids, types, statuses, dates; never the identity) and says
  the shop tells you the rest by e-mail.
- No Idempotency-Key. A re-send of the same outbox item is answered from the local record when
  the first answer arrived; and a connection that broke *after* the request went out is never
  retried blindly: it surfaces as `MaybeFiled`, so a request is never filed twice unseen. Only a
  connection that never opened (nothing was sent) is retried.
- No signed consent receipt: the app keeps its own history with the server's answer.

The identity the shop knows you by (e-mail or phone) lives in the keychain (`IdentityStore`),
like the tokens of our own API; never in a file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
import uuid
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import requests
from keyring.backend import KeyringBackend

from client.backends import (
    FIDES,
    Capabilities,
    CodeExpired,
    CodeRejected,
    MaybeFiled,
    NotOffered,
)
from client.discovery import normalize_base_url
from client.errors import (
    ApiError,
    BadResponse,
    ConnectionFailed,
    NotFound,
    RateLimited,
    ServerError,
    ValidationFailed,
)
from client.i18n import trans_late
from client.local_db import immediate_transaction
from client.models.requests import (
    CreatedRequest,
    DemoVerificationCode,
    DownloadedArchive,
    PrivacyRequest,
    RequestResult,
    RequestStatus,
    RequestType,
)
from client.models.rights import RightsCard
from client.pagination import DEFAULT_PAGE_SIZE, ListPage, check_limit, single_page
from client.reader import CancelCheck, ProgressCallback
from client.tokens import TokenStore
from client.transport import USER_AGENT, check_url_allowed

log = logging.getLogger("client.backends.fides")

API = "/api/v1"
CODE_TRIES = 3  # Fides [security] identity_verification_attempt_limit, default
CODE_LIFETIME_S = 600  # Fides [redis] identity_verification_code_ttl_seconds, default
DEFAULT_POLICIES: dict[str, str] = {
    "access": "default_access_policy",
    "deletion": "default_erasure_policy",
}
CONSENT_POLICY = "default_consent_policy"
DEFAULT_DEADLINE_DAYS = 45  # Fides' default policies: execution_timeframe
STORE_FILE = "fides.sqlite"
IDENTITY_ENTRY = "fides-identity"  # the keychain user name the identity is filed under

# Data uses (Fides taxonomy keys) a privacy center typically asks consent for. Fides does not
# publish a shop's list to a shopper, so the app offers these plus whatever the shop answers.
COMMON_DATA_USES: tuple[str, ...] = (
    "marketing.advertising",
    "marketing.communications.email",
    "analytics.reporting",
    "functional.service.improve",
)

FIDES_CAPABILITIES = Capabilities(
    kind=FIDES,
    consents=True,
    consent_needs_code=True,
    request_types=frozenset(DEFAULT_POLICIES),
    code_tries=CODE_TRIES,
    code_lifetime_s=CODE_LIFETIME_S,
)

# Fides' request statuses in the tracker's words.
_STATUS: dict[str, RequestStatus] = {
    "identity_unverified": "identity_unverified",
    "pending": "pending",
    "duplicate": "identity_unverified",
    "approved": "in_progress",
    "in_processing": "in_progress",
    "paused": "in_progress",
    "requires_input": "in_progress",
    "awaiting_email_send": "in_progress",
    "requires_manual_finalization": "in_progress",
    "error": "in_progress",
    "complete": "completed",
    "denied": "denied",
    "canceled": "canceled",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")  # E.164, as Fides expects


# --- the identity ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FidesIdentity:
    """How the shop knows you: an e-mail address or a phone number (E.164, "+8613…")."""

    email: str | None = None
    phone_number: str | None = None

    def __post_init__(self) -> None:
        if not self.email and not self.phone_number:
            raise ValueError("an identity needs an e-mail address or a phone number")
        if self.email and not _EMAIL.match(self.email):
            raise ValueError("not an e-mail address")
        if self.phone_number and not _PHONE.match(self.phone_number):
            raise ValueError("a phone number needs the international form, e.g. +8613812345678")

    @classmethod
    def parse(cls, text: str) -> FidesIdentity:
        """An e-mail address or a phone number typed by the shopper."""
        value = text.strip()
        if "@" in value:
            return cls(email=value)
        digits = re.sub(r"[\s\-().]", "", value)
        return cls(phone_number=digits)

    def as_json(self) -> dict[str, str]:
        body = {}
        if self.email:
            body["email"] = self.email
        if self.phone_number:
            body["phone_number"] = self.phone_number
        return body

    @property
    def channel(self) -> str:
        return "email" if self.email else "phone"

    def masked(self) -> str:
        """Enough to recognise it on screen, not enough to read it over a shoulder."""
        if self.email:
            name, _, domain = self.email.partition("@")
            return f"{name[:1]}***@{domain}"
        number = self.phone_number or ""
        return f"{number[:3]}***{number[-2:]}"

    def __repr__(self) -> str:
        return f"FidesIdentity({self.masked()})"


class IdentityStore:
    """The identity of one Fides shop in the OS keychain (memory only without one)."""

    def __init__(self, shop_id: str, *, backend: KeyringBackend | None = None) -> None:
        self._tokens = TokenStore(shop_id, backend=backend)

    @property
    def persistent(self) -> bool:
        return self._tokens.persistent

    def load(self) -> FidesIdentity | None:
        raw = self._tokens.load(IDENTITY_ENTRY)
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return FidesIdentity(email=data.get("email"), phone_number=data.get("phone_number"))
        except (ValueError, AttributeError, TypeError):
            log.warning("the stored identity of a Fides shop is unreadable; ignoring it")
            return None

    def save(self, identity: FidesIdentity) -> None:
        self._tokens.save(IDENTITY_ENTRY, json.dumps(identity.as_json()))

    def forget(self) -> None:
        self._tokens.forget(IDENTITY_ENTRY)


# --- recognising a Fides API ------------------------------------------------------------------


@dataclass(frozen=True)
class FidesProbe:
    """What a Fides privacy API says about itself before anyone is known to it."""

    base_url: str
    version: str
    verification_required: bool
    messaging_configured: bool

    @property
    def shop_id(self) -> str:
        return fides_shop_id(self.base_url)

    @property
    def suggested_name(self) -> str:
        return urlsplit(self.base_url).netloc


def fides_shop_id(base_url: str) -> str:
    parts = urlsplit(normalize_base_url(base_url))
    return f"fides:{parts.netloc}{parts.path.rstrip('/')}"


def probe_fides(base_url: str, *, timeout: float = 10.0) -> FidesProbe | None:
    """A `FidesProbe` when `base_url` serves a Fides privacy API, None when it serves another.

    Unreachable: `ConnectionFailed`. Only documented public endpoints are read.
    """
    base = normalize_base_url(base_url)
    check_url_allowed(base)
    http = _Http(base, timeout=(5.0, timeout))
    try:
        health = http.get_json("/health", quiet=True)
        config = http.get_json(API + "/id-verification/config", quiet=True)
    finally:
        http.close()
    if not (isinstance(health, dict) and isinstance(config, dict)):
        return None
    required = config.get("identity_verification_required")
    if "webserver" not in health or not isinstance(required, bool):
        return None
    return FidesProbe(
        base_url=base,
        version=str(health.get("version") or ""),
        verification_required=required,
        messaging_configured=bool(config.get("valid_email_config_exists")),
    )


# --- HTTP ---------------------------------------------------------------------------------------


class BadAddress(ValidationFailed):
    """The shop's address is not one the HTTP client can use (said in the app's words)."""

    default_message = trans_late("Errors", "Not a web address the app can use.")
    shows_given_message = False


class _NotSent(Exception):
    """The connection never opened: nothing reached the shop."""


class _Http:
    """One `requests.Session`; no token, no retries of anything that may have been received."""

    def __init__(self, base_url: str, *, timeout: tuple[float, float] = (5.0, 30.0)) -> None:
        check_url_allowed(base_url)
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy from the environment sees the identity
        self.session.verify = True
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        self._lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def send(self, method: str, path: str, body: Any = None) -> requests.Response:
        try:
            return self.session.request(
                method, self.base + path, json=body, timeout=self.timeout, allow_redirects=False
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise _NotSent() from exc
        except requests.exceptions.ConnectionError as exc:
            # "Connection refused" / no route: the request never left. Anything else (reset,
            # read timeout) may have happened after the shop had it.
            text = repr(exc)
            if "NewConnectionError" in text or "Failed to establish" in text:
                raise _NotSent() from exc
            raise
        except requests.exceptions.InvalidURL as exc:
            raise BadAddress() from exc

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """Send and decode; errors become `ApiError`s (unsent or not, see `send`)."""
        try:
            response = self.send(method, path, body)
        except _NotSent as exc:
            raise ConnectionFailed() from exc
        except requests.exceptions.RequestException as exc:
            raise ConnectionFailed() from exc
        return _decode(response)

    def get_json(self, path: str, *, quiet: bool = False) -> Any:
        """GET; with `quiet`, a non-JSON or error answer is None (used to recognise an API)."""
        try:
            return self.call("GET", path)
        except ConnectionFailed:
            raise
        except ApiError:
            if quiet:
                return None
            raise


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        detail = body.get("detail")
        if isinstance(detail, str):
            return detail
        if isinstance(detail, list) and detail and isinstance(detail[0], dict):
            return str(detail[0].get("msg") or "")
    return ""


def _decode(response: requests.Response) -> Any:
    try:
        body = response.json() if response.content else None
    except ValueError:
        body = None
        if response.ok:
            raise BadResponse("The shop sent something the app does not understand.") from None
    status = response.status_code
    if 200 <= status < 300:
        return body
    detail = _detail(body)
    kwargs: dict[str, Any] = {"status": status, "detail": detail or None, "body": body}
    if status in (401, 403) and "attempt limit" in detail.lower():
        raise CodeExpired(used_up=True, **kwargs)
    if status == 403 and "incorrect" in detail.lower():
        raise CodeRejected(None, **kwargs)
    if status == 400 and "expired" in detail.lower():
        raise CodeExpired(**kwargs)
    if status == 404:
        raise NotFound(**kwargs)
    if status == 429:
        raise RateLimited(**kwargs)
    if status >= 500:
        raise ServerError(**kwargs)
    if 300 <= status < 400:
        raise BadResponse("The shop redirected the app elsewhere.", status=status)
    raise ValidationFailed(detail or None, **kwargs)


# --- the local record -----------------------------------------------------------------------------

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS requests (
        shop_id TEXT NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        policy_key TEXT NOT NULL,
        fides_status TEXT NOT NULL,
        received_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        verified_at TEXT,
        updated_at TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        note TEXT,
        code_sent INTEGER NOT NULL DEFAULT 1,
        wrong_codes INTEGER NOT NULL DEFAULT 0,
        events TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (shop_id, id)
    )""",
    """CREATE TABLE IF NOT EXISTS consent_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        shop_id TEXT NOT NULL,
        at TEXT NOT NULL,
        data_use TEXT NOT NULL,
        opt_in INTEGER NOT NULL,
        answer TEXT NOT NULL
    )""",
)


@dataclass(frozen=True)
class StoredRequest:
    shop_id: str
    id: str
    type: RequestType
    policy_key: str
    fides_status: str
    received_at: datetime
    due_at: datetime
    verified_at: datetime | None
    updated_at: datetime
    idempotency_key: str | None
    note: str | None
    code_sent: bool
    wrong_codes: int
    events: tuple[tuple[str, str, str], ...]  # (time, our status, note key)


@dataclass(frozen=True)
class ConsentChange:
    """One change made from this app, with the shop's answer (Fides signs nothing)."""

    at: datetime
    data_use: str
    opt_in: bool
    answer: tuple[FidesConsent, ...]

    @property
    def confirmed(self) -> bool:
        """The shop's answer lists the data use with the state that was asked for."""
        return any(c.data_use == self.data_use and c.opt_in == self.opt_in for c in self.answer)


@dataclass(frozen=True)
class FidesConsent:
    data_use: str
    opt_in: bool
    description: str | None = None
    known_to_shop: bool = True  # False: one of COMMON_DATA_USES the shop has no record of

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> FidesConsent:
        return cls(
            str(item["data_use"]),
            bool(item.get("opt_in")),
            item.get("data_use_description")
            if isinstance(item.get("data_use_description"), str)
            else None,
        )


class FidesStore:
    """Requests filed and consent changes made at Fides shops, in one local SQLite file.

    It holds what the shop answered (ids, statuses, dates) and never the identity.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._tx() as db:
            for statement in _SCHEMA:
                db.execute(statement)

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        """One short IMMEDIATE transaction: writers queue up instead of interleaving."""
        return immediate_transaction(self.path)

    def by_key(self, idempotency_key: str) -> StoredRequest | None:
        with self._tx() as db:
            row = db.execute(
                "SELECT * FROM requests WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
        return _stored(row) if row else None

    def get(self, shop_id: str, request_id: str) -> StoredRequest | None:
        with self._tx() as db:
            row = db.execute(
                "SELECT * FROM requests WHERE shop_id = ? AND id = ?", (shop_id, request_id)
            ).fetchone()
        return _stored(row) if row else None

    def requests_of(self, shop_id: str) -> list[StoredRequest]:
        with self._tx() as db:
            rows = db.execute(
                "SELECT * FROM requests WHERE shop_id = ? ORDER BY received_at DESC", (shop_id,)
            ).fetchall()
        return [_stored(row) for row in rows]

    def add(self, record: StoredRequest) -> StoredRequest:
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO requests (shop_id, id, type, policy_key, fides_status,"
                " received_at, due_at, verified_at, updated_at, idempotency_key, note,"
                " code_sent, wrong_codes, events) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    record.shop_id,
                    record.id,
                    record.type,
                    record.policy_key,
                    record.fides_status,
                    record.received_at.isoformat(),
                    record.due_at.isoformat(),
                    record.verified_at.isoformat() if record.verified_at else None,
                    record.updated_at.isoformat(),
                    record.idempotency_key,
                    record.note,
                    int(record.code_sent),
                    record.wrong_codes,
                    json.dumps([list(e) for e in record.events]),
                ),
            )
        stored = self.get(record.shop_id, record.id)
        assert stored is not None
        return stored

    def update(
        self,
        shop_id: str,
        request_id: str,
        *,
        fides_status: str | None = None,
        verified_at: datetime | None = None,
        wrong_codes: int | None = None,
        event: tuple[str, str, str] | None = None,
    ) -> StoredRequest | None:
        with self._tx() as db:
            row = db.execute(
                "SELECT * FROM requests WHERE shop_id = ? AND id = ?", (shop_id, request_id)
            ).fetchone()
            if row is None:
                return None
            current = _stored(row)
            events = list(current.events) + ([event] if event else [])
            verified = verified_at or current.verified_at
            db.execute(
                "UPDATE requests SET fides_status = ?, verified_at = ?, wrong_codes = ?,"
                " updated_at = ?, events = ? WHERE shop_id = ? AND id = ?",
                (
                    fides_status or current.fides_status,
                    verified.isoformat() if verified else None,
                    current.wrong_codes if wrong_codes is None else wrong_codes,
                    _now().isoformat(),
                    json.dumps([list(e) for e in events]),
                    shop_id,
                    request_id,
                ),
            )
        return self.get(shop_id, request_id)

    def add_consent_change(self, shop_id: str, change: ConsentChange) -> None:
        answer = [{"data_use": c.data_use, "opt_in": c.opt_in} for c in change.answer]
        with self._tx() as db:
            db.execute(
                "INSERT INTO consent_history (shop_id, at, data_use, opt_in, answer)"
                " VALUES (?,?,?,?,?)",
                (
                    shop_id,
                    change.at.isoformat(),
                    change.data_use,
                    int(change.opt_in),
                    json.dumps(answer),
                ),
            )

    def consent_history(self, shop_id: str) -> list[ConsentChange]:
        with self._tx() as db:
            rows = db.execute(
                "SELECT * FROM consent_history WHERE shop_id = ? ORDER BY seq DESC", (shop_id,)
            ).fetchall()
        return [
            ConsentChange(
                at=datetime.fromisoformat(row["at"]),
                data_use=row["data_use"],
                opt_in=bool(row["opt_in"]),
                answer=tuple(
                    FidesConsent(str(a["data_use"]), bool(a["opt_in"]))
                    for a in json.loads(row["answer"])
                ),
            )
            for row in rows
        ]


def _stored(row: sqlite3.Row) -> StoredRequest:
    verified = row["verified_at"]
    return StoredRequest(
        shop_id=row["shop_id"],
        id=row["id"],
        type=cast(RequestType, row["type"]),
        policy_key=row["policy_key"],
        fides_status=row["fides_status"],
        received_at=datetime.fromisoformat(row["received_at"]),
        due_at=datetime.fromisoformat(row["due_at"]),
        verified_at=datetime.fromisoformat(verified) if verified else None,
        updated_at=datetime.fromisoformat(row["updated_at"]),
        idempotency_key=row["idempotency_key"],
        note=row["note"],
        code_sent=bool(row["code_sent"]),
        wrong_codes=int(row["wrong_codes"]),
        events=tuple((str(e[0]), str(e[1]), str(e[2])) for e in json.loads(row["events"])),
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: Any) -> datetime | None:
    """Fides answers in UTC, sometimes without saying so (naive ISO strings)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days from `start` to `end` (negative when `end` is past)."""
    if end < start:
        return -working_days_between(end, start)
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


# --- consent sessions ----------------------------------------------------------------------------


@dataclass
class ConsentSession:
    """One consent request: its id, and the code once the shopper typed it (memory only)."""

    id: str
    started_at: datetime
    code: str | None = field(default=None, repr=False)
    wrong_codes: int = 0

    @property
    def expires_at(self) -> datetime:
        return self.started_at + timedelta(seconds=CODE_LIFETIME_S)

    @property
    def expired(self) -> bool:
        return _now() >= self.expires_at

    @property
    def tries_left(self) -> int:
        return max(0, CODE_TRIES - self.wrong_codes)


# --- the shop -------------------------------------------------------------------------------


class FidesShop:
    """One Fides shop and the identity you use there. Network calls block: use a worker."""

    def __init__(
        self,
        base_url: str,
        name: str,
        identity: FidesIdentity,
        store: FidesStore,
        *,
        identity_store: IdentityStore | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.shop_id = fides_shop_id(self.base_url)
        self.shop_name = name
        self.identity = identity
        self.store = store
        self.identity_store = identity_store
        self._http = _Http(self.base_url, timeout=timeout)
        self._filing = threading.Lock()  # one creation at a time: the key check stays true

    # -- facts ---------------------------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        return FIDES_CAPABILITIES

    @property
    def account_label(self) -> str:
        return self.identity.masked()

    @property
    def persistent(self) -> bool:
        return self.identity_store.persistent if self.identity_store is not None else False

    def close(self) -> None:
        self._http.close()

    # -- requests ----------------------------------------------------------------------------
    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> CreatedRequest:
        """File an access or erasure request under the shop's default policy.

        The key is ours (Fides has none): an item already answered is returned from the local
        record instead of being sent again.
        """
        policy = DEFAULT_POLICIES.get(type)
        if policy is None:
            raise NotOffered(type)
        key = idempotency_key or str(uuid.uuid4())
        with self._filing:
            known = self.store.by_key(key)
            if known is not None:
                return CreatedRequest(request=self._as_request(known), idempotency_key=key)
            body = [{"identity": self.identity.as_json(), "policy_key": policy}]
            try:
                response = self._http.send("POST", API + "/privacy-request", body)
            except _NotSent as exc:
                raise ConnectionFailed() from exc
            except requests.exceptions.RequestException as exc:
                raise MaybeFiled() from exc
            answer = _decode(response)
            record = self._record_created(answer, type, policy, key, note)
        return CreatedRequest(request=self._as_request(record), idempotency_key=key)

    def _record_created(
        self, answer: Any, rtype: RequestType, policy: str, key: str, note: str | None
    ) -> StoredRequest:
        if not isinstance(answer, dict):
            raise BadResponse("The shop's answer to filing a request is malformed.")
        succeeded = answer.get("succeeded") or []
        failed = answer.get("failed") or []
        now = _now()
        if succeeded and isinstance(succeeded[0], dict) and isinstance(succeeded[0].get("id"), str):
            item = succeeded[0]
            received = _aware(item.get("created_at")) or now
            days = item.get("days_left")
            if not isinstance(days, int):
                timeframe = (item.get("policy") or {}).get("execution_timeframe")
                days = timeframe if isinstance(timeframe, int) else DEFAULT_DEADLINE_DAYS
            status = str(item.get("status") or "identity_unverified")
            record = StoredRequest(
                self.shop_id,
                item["id"],
                rtype,
                policy,
                status,
                received,
                received + timedelta(days=days),
                _aware(item.get("identity_verified_at")),
                now,
                key,
                note,
                True,
                0,
                ((now.isoformat(), _STATUS.get(status, "pending"), "filed"),),
            )
            return self.store.add(record)
        if failed and isinstance(failed[0], dict):
            raw = failed[0].get("data")
            data: dict[str, Any] = raw if isinstance(raw, dict) else {}
            message = str(failed[0].get("message") or "")
            request_id = data.get("privacy_request_id")
            if isinstance(request_id, str) and request_id:
                # Filed, but the shop could not send the code (its messaging is not working).
                received = _aware(data.get("requested_at")) or now
                due = _aware(data.get("due_date")) or received + timedelta(
                    days=DEFAULT_DEADLINE_DAYS
                )
                status = str(data.get("status") or "identity_unverified")
                record = StoredRequest(
                    self.shop_id,
                    request_id,
                    rtype,
                    policy,
                    status,
                    received,
                    due,
                    None,
                    now,
                    key,
                    note,
                    False,
                    0,
                    ((now.isoformat(), _STATUS.get(status, "pending"), "code_not_sent"),),
                )
                return self.store.add(record)
            raise ValidationFailed(message or None, detail=message or None, body=answer)
        raise BadResponse("The shop's answer to filing a request is malformed.")

    def list_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> ListPage[PrivacyRequest]:
        """What the shop answered so far, from the local record (Fides offers no reading).

        The record is small and local, so it comes back whole, as one last page."""
        check_limit(limit)
        return single_page(
            [
                request
                for request in map(self._as_request, self.store.requests_of(self.shop_id))
                if (status is None or request.status == status)
                and (type is None or request.type == type)
            ]
        )

    def get_request(self, request_id: str) -> PrivacyRequest:
        record = self.store.get(self.shop_id, request_id)
        if record is None:
            raise NotFound()
        return self._as_request(record)

    def stored(self, request_id: str) -> StoredRequest | None:
        return self.store.get(self.shop_id, request_id)

    def verify_request(self, request_id: str, code: str) -> PrivacyRequest:
        """Confirm the identity with the code the shop sent; the status it returns is kept."""
        record = self.store.get(self.shop_id, request_id)
        if record is None:
            raise NotFound()
        try:
            answer = self._http.call(
                "POST", f"{API}/privacy-request/{_seg(request_id)}/verify", {"code": code.strip()}
            )
        except CodeRejected as exc:
            wrong = record.wrong_codes + 1
            self.store.update(self.shop_id, request_id, wrong_codes=wrong)
            raise CodeRejected(
                max(0, CODE_TRIES - wrong), status=exc.status, detail=exc.detail
            ) from exc
        except CodeExpired as exc:
            if exc.used_up:
                self.store.update(self.shop_id, request_id, wrong_codes=CODE_TRIES)
            raise
        except ValidationFailed as exc:
            # Already verified (e.g. an earlier answer was lost): Fides names the status.
            found = re.search(r"status = (\w+)", exc.detail or "")
            if found is None:
                raise
            updated = self.store.update(self.shop_id, request_id, fides_status=found.group(1))
            assert updated is not None
            return self._as_request(updated)
        if not isinstance(answer, dict) or not isinstance(answer.get("status"), str):
            raise BadResponse("The shop's answer to the verification is malformed.")
        status = answer["status"]
        updated = self.store.update(
            self.shop_id,
            request_id,
            fides_status=status,
            verified_at=_aware(answer.get("identity_verified_at")) or _now(),
            event=(_now().isoformat(), _STATUS.get(status, "pending"), "verified"),
        )
        assert updated is not None
        return self._as_request(updated)

    def cancel_request(self, request_id: str) -> PrivacyRequest:
        raise NotOffered("cancel")

    def answer_fee(self, request_id: str, accept: bool) -> PrivacyRequest:
        raise NotOffered("fee")  # Fides quotes no fees

    def get_rights(self) -> RightsCard:
        raise NotOffered("rights")  # Fides publishes no rights card

    def upload_identity_document(
        self,
        request_id: str,
        content: bytes,
        *,
        media_type: str,
        kind: str,
        filename: str | None = None,
    ) -> PrivacyRequest:
        raise NotOffered("document")  # Fides verifies with codes only

    def get_demo_verification_code(self, request_id: str) -> DemoVerificationCode:
        raise NotFound()  # a real shop: the code arrives by e-mail or text message

    def get_request_result(self, request_id: str) -> RequestResult:
        raise NotOffered("result")

    def download_result(
        self,
        request_id: str,
        dest_path: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        resume: bool = True,
        cancel: CancelCheck | None = None,
    ) -> DownloadedArchive:
        raise NotOffered("download")

    def send_filed_request(self, payload: dict[str, Any], idempotency_key: str) -> Any:
        """`client.outbox.Outbox.flush` sender: file one outbox item, at most once."""
        rtype = payload.get("type")
        if rtype not in DEFAULT_POLICIES:
            raise NotOffered(str(rtype))
        details = payload.get("details") if isinstance(payload.get("details"), dict) else None
        note = payload.get("note") if isinstance(payload.get("note"), str) else None
        return self.create_request(
            cast(RequestType, rtype), details, note=note, idempotency_key=idempotency_key
        )

    def _as_request(self, record: StoredRequest) -> PrivacyRequest:
        status = _STATUS.get(record.fides_status, "pending")
        today = _now().date()
        left = working_days_between(today, record.due_at.date())
        timeline = [
            {"at": at, "status": st, "actor": "shop", "note": note}
            for at, st, note in record.events
        ]
        return PrivacyRequest.model_validate(
            {
                "id": record.id,
                "type": record.type,
                "status": status,
                "details": {"policy": record.policy_key, "fides_status": record.fides_status},
                "note": record.note,
                "received_at": record.received_at,
                "due_at": record.due_at,
                "updated_at": record.updated_at,
                "filed_by": {"role": "subject", "name": self.identity.masked()},
                "overdue": status not in ("completed", "denied", "canceled") and left < 0,
                "working_days_left": left,
                "timeline": timeline,
                "result": {"kind": "none", "available": False},
            }
        )

    # -- consent ------------------------------------------------------------------------------
    def start_consent(self) -> ConsentSession:
        """Ask the shop to send a code for reading and changing consent."""
        answer = self._http.call(
            "POST", API + "/consent-request", {"identity": self.identity.as_json()}
        )
        consent_id = answer.get("consent_request_id") if isinstance(answer, dict) else None
        if not isinstance(consent_id, str) or not consent_id:
            raise BadResponse("The shop's answer to a consent request is malformed.")
        return ConsentSession(consent_id, _now())

    def verify_consent(self, session: ConsentSession, code: str) -> list[FidesConsent]:
        """Check the code; the shop answers with your current preferences."""
        if session.tries_left == 0:
            raise CodeExpired(used_up=True)
        try:
            answer = self._http.call(
                "POST", f"{API}/consent-request/{_seg(session.id)}/verify", {"code": code.strip()}
            )
        except CodeRejected as exc:
            session.wrong_codes += 1
            raise CodeRejected(session.tries_left, status=exc.status, detail=exc.detail) from exc
        except CodeExpired as exc:
            if exc.used_up:
                session.wrong_codes = CODE_TRIES
            raise
        session.code = code.strip()
        return self.with_common_uses(_consents(answer))

    def set_consent(self, session: ConsentSession, data_use: str, opt_in: bool) -> ConsentChange:
        """Opt in or out of one data use; the shop's answer is kept in the local history."""
        if session.code is None:
            raise CodeExpired()
        answer = self._http.call(
            "PATCH",
            f"{API}/consent-request/{_seg(session.id)}/preferences",
            {
                "code": session.code,
                "identity": self.identity.as_json(),
                "consent": [{"data_use": data_use, "opt_in": opt_in}],
                "policy_key": CONSENT_POLICY,
            },
        )
        change = ConsentChange(_now(), data_use, opt_in, tuple(_consents(answer)))
        self.store.add_consent_change(self.shop_id, change)
        return change

    def consent_history(self) -> list[ConsentChange]:
        return self.store.consent_history(self.shop_id)

    @staticmethod
    def with_common_uses(consents: list[FidesConsent]) -> list[FidesConsent]:
        """The shop's answer, then the common data uses it has no record of (opted out)."""
        known = {c.data_use for c in consents}
        extra = [
            FidesConsent(use, False, None, known_to_shop=False)
            for use in COMMON_DATA_USES
            if use not in known
        ]
        return [*consents, *extra]


def _consents(answer: Any) -> list[FidesConsent]:
    if not isinstance(answer, dict):
        raise BadResponse("The shop's consent answer is malformed.")
    items = answer.get("consent") or []
    if not isinstance(items, list):
        raise BadResponse("The shop's consent answer is malformed.")
    try:
        return [FidesConsent.from_json(item) for item in items if isinstance(item, dict)]
    except (KeyError, TypeError) as exc:
        raise BadResponse("The shop's consent answer is malformed.") from exc


def _seg(value: str) -> str:
    """A path segment: Fides ids are `pri_…`/`con_…` uuids; anything else is refused."""
    if not re.fullmatch(r"[A-Za-z0-9_\-]{1,100}", value):
        raise NotFound()
    return value


__all__ = [
    "CODE_LIFETIME_S",
    "CODE_TRIES",
    "COMMON_DATA_USES",
    "FIDES_CAPABILITIES",
    "IDENTITY_ENTRY",
    "STORE_FILE",
    "ConsentChange",
    "ConsentSession",
    "FidesConsent",
    "FidesIdentity",
    "FidesProbe",
    "FidesShop",
    "FidesStore",
    "IdentityStore",
    "StoredRequest",
    "fides_shop_id",
    "probe_fides",
    "working_days_between",
]
