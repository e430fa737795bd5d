"""Build the shop's signed personal-data archive (docs/ARCHIVE.md) for one subject.

Every section is streamed into the ZIP member by member (large sections item by item from the
database), hashing as it goes; the manifest lists each member's SHA-256, size and record count
and is signed with the shop's Ed25519 key over its canonical JSON without `signature`. The file
is written under a temporary name and renamed into place, so a reader never sees half an archive.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.categories import category_items
from server.context import ShopContext
from server.demo.policies import policy_for
from server.models import (
    AccessLogEntry,
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    Decision,
    Device,
    Location,
    LogEntry,
    Notice,
    Order,
    OrderItem,
    PolicyAck,
    PolicyVersion,
    PrivacyRequest,
    ProfileField,
    Recipient,
    RecipientEvent,
    Subscription,
    Tag,
    Track,
    User,
)
from server.timeutil import rfc3339

FORMAT = "shop-privacy-archive"
FORMAT_VERSION = 1
SECTIONS: tuple[str, ...] = (
    "account", "categories", "devices", "locations", "logs", "tracks", "tags", "orders",
    "decisions", "consents", "consent_history", "subscriptions", "cookies", "recipients",
    "recipient_events", "policy_versions", "notices", "access_log", "requests",
)
NDJSON_SECTIONS: frozenset[str] = frozenset({"tracks", "logs", "locations", "access_log"})
# Sections that are not tables (no CSV): the account is one object.
NO_CSV: frozenset[str] = frozenset({"account"})
CHANNELS: tuple[str, ...] = ("sms", "email", "push", "internal_letter")
BATCH = 500


@dataclass(frozen=True)
class ArchiveInfo:
    path: Path
    sha256: str
    size: int
    manifest: dict[str, Any]


def results_dir(ctx: ShopContext) -> Path:
    """Where results live: `config.extra["results_dir"]`, else `<db dir>/<db stem>-results`."""
    configured = ctx.config.extra.get("results_dir")
    if configured:
        return Path(configured)
    url = ctx.config.db_url
    if url.startswith("sqlite:///") and ":memory:" not in url:
        db_path = Path(url.removeprefix("sqlite:///"))
        return db_path.parent / f"{db_path.stem}-results"
    return Path(tempfile.gettempdir()) / "shop-privacy-results" / ctx.shop.id


def _t(value: datetime | None) -> str | None:
    return rfc3339(value) if value is not None else None


def _json_list(raw: str | None) -> list[Any]:
    try:
        value = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


# --- item shapes (the same field names as the API items) ------------------------------------------

def account_item(db: Session, user: User) -> dict[str, Any]:
    fields = db.scalars(
        select(ProfileField).where(ProfileField.user_id == user.id).order_by(ProfileField.id)
    )
    return {
        "id": str(user.id),
        "customer_no": user.customer_no,
        "display_name": user.display_name,
        "role": user.role,
        "created_at": _t(user.created_at),
        "is_minor": user.is_minor,
        "guardian_consent": user.guardian_consent,
        "personalization": user.personalization,
        "fields": [
            {"key": f.key, "group": f.group, "value": f.value, "source": f.source,
             "editable": f.editable, "updated_at": _t(f.updated_at)}
            for f in fields
        ],
    }


def _categories(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        yield from category_items(db, user.id, policy)

    return produce


def _batched(db: Session, query: Any) -> Iterator[Any]:
    yield from db.execute(query.execution_options(yield_per=BATCH)).scalars()


def _devices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for d in _batched(db, select(Device).where(Device.user_id == user.id).order_by(Device.id)):
        try:
            settings = json.loads(d.settings or "{}")
        except json.JSONDecodeError:
            settings = {}
        yield {"id": str(d.id), "device_type": d.device_type, "model": d.model, "os": d.os,
               "os_version": d.os_version, "device_uid": d.device_uid, "settings": settings,
               "first_seen": _t(d.first_seen), "last_seen": _t(d.last_seen)}


def _locations(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(Location).where(Location.user_id == user.id).order_by(Location.at.desc(),
                                                                      Location.id.desc())
    for x in _batched(db, q):
        yield {"id": str(x.id), "at": _t(x.at), "source": x.source, "ip": x.ip,
               "latitude": x.latitude, "longitude": x.longitude, "city": x.city}


def _logs(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(LogEntry).where(LogEntry.user_id == user.id).order_by(LogEntry.at.desc(),
                                                                      LogEntry.id.desc())
    for x in _batched(db, q):
        yield {"id": str(x.id), "at": _t(x.at), "ip": x.ip, "browser": x.browser,
               "carrier": x.carrier, "language": x.language, "page": x.page,
               "search_query": x.search_query}


def _tracks(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(Track).where(Track.user_id == user.id).order_by(Track.at.desc(), Track.id.desc())
    for x in _batched(db, q):
        yield {"id": str(x.id), "kind": x.kind, "text": x.text, "item_ref": x.item_ref,
               "at": _t(x.at)}


def _tags(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for x in db.scalars(select(Tag).where(Tag.user_id == user.id).order_by(Tag.id)):
        yield {"id": str(x.id), "tag": x.tag, "source": x.source, "confidence": x.confidence,
               "since": _t(x.since)}


def _orders(db: Session, user: User) -> Iterator[dict[str, Any]]:
    """Like GET /orders/{id} (OrderDetail)."""
    recipients = {r.id: r for r in db.scalars(select(Recipient))}
    q = select(Order).where(Order.user_id == user.id, Order.removed_at.is_(None)).order_by(
        Order.placed_at.desc(), Order.id.desc())
    for o in db.scalars(q).all():
        items = db.scalars(select(OrderItem).where(OrderItem.order_id == o.id)
                           .order_by(OrderItem.id)).all()
        shared = db.scalars(select(RecipientEvent).where(RecipientEvent.order_id == o.id)
                            .order_by(RecipientEvent.at, RecipientEvent.id))
        yield {
            "id": str(o.id), "number": o.number, "placed_at": _t(o.placed_at),
            "status": o.status, "total_cents": o.total_cents, "currency": o.currency,
            "item_count": sum(i.quantity for i in items), "for_other": o.for_other,
            "logistics_partner": o.logistics_partner,
            "items": [{"id": str(i.id), "title": i.title, "quantity": i.quantity,
                       "unit_price_cents": i.unit_price_cents} for i in items],
            "payment": {"method": o.payment_method, "masked": o.payment_masked,
                        "status": o.payment_status},
            "logistics": {"partner": o.logistics_partner, "tracking_no": o.tracking_no},
            "recipient": {"name": o.recipient_name, "phone_masked": o.recipient_phone_masked,
                          "address": o.recipient_address, "for_other": o.for_other},
            "shared_with": [
                {"recipient_id": str(e.recipient_id),
                 "name": recipients[e.recipient_id].name if e.recipient_id in recipients
                 else "", "type": recipients[e.recipient_id].type
                 if e.recipient_id in recipients else "",
                 "categories": _json_list(e.categories), "at": _t(e.at)}
                for e in shared
            ],
        }


def _decisions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    """Like GET /decisions/{id} (DecisionDetail)."""
    q = select(Decision).where(Decision.user_id == user.id).order_by(Decision.at.desc(),
                                                                      Decision.id.desc())
    for d in db.scalars(q):
        yield {"id": str(d.id), "system": d.system, "kind": d.kind, "outcome": d.outcome,
               "significance": d.significance, "at": _t(d.at), "model_version": d.model_version,
               "order_id": str(d.order_id) if d.order_id is not None else None,
               "inputs": _json_list(d.inputs), "factors": _json_list(d.factors)}


def _consents(db: Session, user: User) -> Iterator[dict[str, Any]]:
    states = {s.purpose: s for s in db.scalars(
        select(ConsentState).where(ConsentState.user_id == user.id))}
    for p in db.scalars(select(ConsentPurpose).order_by(ConsentPurpose.position,
                                                        ConsentPurpose.key)):
        s = states.get(p.key)
        yield {"id": p.key, "purpose": p.key, "title": p.title, "title_zh": p.title_zh,
               "description": p.description, "legal_basis": p.legal_basis,
               "required": p.required, "granted": s.granted if s else p.required,
               "updated_at": _t(s.updated_at) if s else None,
               "policy_version": s.policy_version if s else None}


def _consent_history(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(ConsentEvent).where(ConsentEvent.user_id == user.id).order_by(
        ConsentEvent.at.desc(), ConsentEvent.id.desc())
    for e in db.scalars(q):
        yield {"id": e.receipt_id, "purpose": e.purpose, "granted": e.granted, "at": _t(e.at),
               "policy_version": e.policy_version, "subject": user.customer_no, "kid": e.kid,
               "signature": e.signature}


def _subscriptions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    rows = {s.channel: s for s in db.scalars(
        select(Subscription).where(Subscription.user_id == user.id))}
    for channel in CHANNELS:
        s = rows.get(channel)
        yield {"id": channel, "channel": channel, "enabled": s.enabled if s else False,
               "updated_at": _t(s.updated_at) if s else None}


def _cookies(db: Session, user: User) -> Iterator[dict[str, Any]]:
    purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}
    states = {s.purpose: s.granted for s in db.scalars(
        select(ConsentState).where(ConsentState.user_id == user.id))}
    for c in db.scalars(select(CookieEntry).order_by(CookieEntry.id)):
        if c.consent_purpose is None:
            active = True
        else:
            p = purposes.get(c.consent_purpose)
            active = states.get(c.consent_purpose, p.required if p else False)
        yield {"id": str(c.id), "name": c.name, "technology": c.technology,
               "purpose": c.purpose, "consent_purpose": c.consent_purpose, "party": c.party,
               "provider": c.provider, "lifetime": c.lifetime, "active": active}


def _recipients(db: Session, user: User) -> Iterator[dict[str, Any]]:
    stats = {
        rid: (first, last, n)
        for rid, first, last, n in db.execute(
            select(RecipientEvent.recipient_id, func.min(RecipientEvent.at),
                   func.max(RecipientEvent.at), func.count())
            .where(RecipientEvent.user_id == user.id).group_by(RecipientEvent.recipient_id))
    }
    for r in db.scalars(select(Recipient).order_by(Recipient.id)):
        first, last, n = stats.get(r.id, (None, None, 0))
        yield {"id": str(r.id), "name": r.name, "type": r.type,
               "categories": _json_list(r.categories), "purpose": r.purpose,
               "legal_basis": r.legal_basis, "identifiable": r.identifiable,
               "country": r.country, "first_shared": _t(first), "last_shared": _t(last),
               "event_count": n}


def _recipient_events(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(RecipientEvent).where(RecipientEvent.user_id == user.id).order_by(
        RecipientEvent.at.desc(), RecipientEvent.id.desc())
    for e in _batched(db, q):
        yield {"id": str(e.id), "recipient_id": str(e.recipient_id), "at": _t(e.at),
               "categories": _json_list(e.categories), "description": e.description,
               "order_id": str(e.order_id) if e.order_id is not None else None}


def _policy_versions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    acked = set(db.scalars(select(PolicyAck.version).where(PolicyAck.user_id == user.id)))
    for p in db.scalars(select(PolicyVersion).order_by(PolicyVersion.published_at.desc())):
        yield {"id": p.version, "version": p.version, "published_at": _t(p.published_at),
               "major": p.major, "summary": p.summary, "changes": _json_list(p.changes),
               "url": p.url, "acknowledged": p.version in acked}


def _notices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(Notice).where((Notice.user_id == user.id) | Notice.user_id.is_(None)).order_by(
        Notice.published_at.desc(), Notice.id.desc())
    for n in db.scalars(q):
        yield {"id": str(n.id), "kind": n.kind, "severity": n.severity, "title": n.title,
               "body": n.body, "published_at": _t(n.published_at),
               "personal": n.user_id is not None}


def _access_log(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(AccessLogEntry).where(AccessLogEntry.user_id == user.id).order_by(
        AccessLogEntry.seq)
    for e in _batched(db, q):
        yield {"id": str(e.id), "seq": e.seq, "at": _t(e.at), "actor": e.actor, "role": e.role,
               "action": e.action, "resource": e.resource, "reason": e.reason,
               "prev_hash": e.prev_hash, "hash": e.hash}


def _requests(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        from server.requests_flow import request_out  # local: requests_flow imports schemas

        q = select(PrivacyRequest).where(PrivacyRequest.user_id == user.id).order_by(
            PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())
        for r in db.scalars(q).all():
            yield request_out(db, ctx, r).model_dump(mode="json")
    return produce


# --- writing -------------------------------------------------------------------------------

class _Member:
    """A ZIP member being written: counts bytes and hashes them on the way in."""

    def __init__(self, archive: zipfile.ZipFile, path: str, when: datetime) -> None:
        info = zipfile.ZipInfo(path, date_time=when.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._stream = archive.open(info, "w", force_zip64=True)
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._stream.write(data)
        self._hash.update(data)
        self.size += len(data)

    def close(self) -> str:
        self._stream.close()
        return self._hash.hexdigest()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


class _CsvWriter:
    def __init__(self, member: _Member) -> None:
        self._member = member
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")
        self.columns: list[str] | None = None
        member.write("\ufeff".encode())

    def row(self, item: dict[str, Any]) -> None:
        if self.columns is None:
            self.columns = list(item)
            self._writer.writerow(self.columns)
        self._writer.writerow([_cell(item.get(c)) for c in self.columns])
        if self._buffer.tell() > 65536:
            self.flush()

    def flush(self) -> None:
        self._member.write(self._buffer.getvalue().encode())
        self._buffer.seek(0)
        self._buffer.truncate()


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _producers(ctx: ShopContext) -> dict[str, Callable[[Session, User], Iterable[dict[str, Any]]]]:
    return {
        "categories": _categories(ctx), "devices": _devices, "locations": _locations, "logs": _logs,
        "tracks": _tracks, "tags": _tags, "orders": _orders, "decisions": _decisions,
        "consents": _consents, "consent_history": _consent_history,
        "subscriptions": _subscriptions, "cookies": _cookies, "recipients": _recipients,
        "recipient_events": _recipient_events, "policy_versions": _policy_versions,
        "notices": _notices, "access_log": _access_log, "requests": _requests(ctx),
    }


def build_archive(
    db: Session,
    ctx: ShopContext,
    user: User,
    *,
    request_id: int | None,
    sections: Iterable[str] | None = None,
    out_dir: Path | None = None,
) -> ArchiveInfo:
    """Write the subject's archive; returns where it is and its SHA-256 and size."""
    wanted = [s for s in SECTIONS if sections is None or s in set(sections)]
    now = ctx.clock.now()
    target_dir = out_dir or results_dir(ctx)
    target_dir.mkdir(parents=True, exist_ok=True)
    name = f"archive-{request_id or 'adhoc'}-{now.strftime('%Y%m%dT%H%M%S%f')}.zip"
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".zip", dir=target_dir)
    files: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    producers = _producers(ctx)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:

            def add(path: str, media_type: str, write: Callable[[_Member], int]) -> None:
                member = _Member(archive, path, now)
                records = write(member)
                digest = member.close()
                files.append({"path": path, "sha256": digest, "size": member.size,
                              "records": records, "media_type": media_type})

            for section in wanted:
                if section == "account":
                    account = account_item(db, user)
                    counts[section] = 1

                    def write_account(m: _Member, account: dict[str, Any] = account) -> int:
                        m.write(_dumps(account))
                        return 1

                    add("data/account.json", "application/json", write_account)

                    def write_account_csv(m: _Member, account: dict[str, Any] = account) -> int:
                        out = _CsvWriter(m)
                        for f in account["fields"]:
                            out.row(f)
                        out.flush()
                        return len(account["fields"])

                    add("csv/account.csv", "text/csv", write_account_csv)
                    continue
                produce = producers[section]
                if section in NDJSON_SECTIONS:
                    def write_ndjson(m: _Member, produce: Any = produce) -> int:
                        n = 0
                        for item in produce(db, user):
                            m.write(_dumps(item) + b"\n")
                            n += 1
                        return n

                    add(f"data/{section}.ndjson", "application/x-ndjson", write_ndjson)
                else:
                    def write_json(m: _Member, produce: Any = produce) -> int:
                        n = 0
                        m.write(b"[")
                        for item in produce(db, user):
                            m.write((b"," if n else b"") + _dumps(item))
                            n += 1
                        m.write(b"]")
                        return n

                    add(f"data/{section}.json", "application/json", write_json)
                counts[section] = files[-1]["records"]

                def write_csv(m: _Member, produce: Any = produce) -> int:
                    out = _CsvWriter(m)
                    n = 0
                    for item in produce(db, user):
                        out.row(item)
                        n += 1
                    out.flush()
                    return n

                add(f"csv/{section}.csv", "text/csv", write_csv)

            def write_index(m: _Member) -> int:
                m.write(_index_html(ctx, user, now, counts, files).encode())
                return 1

            add("index.html", "text/html", write_index)
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "source": "shop",
                "created_at": rfc3339(now),
                "shop": {"id": ctx.shop.id, "name": ctx.shop.name, "api_base": ctx.api_base},
                "subject": {"customer_no": user.customer_no, "display_name": user.display_name},
                "request_id": str(request_id) if request_id is not None else None,
                "scope": {"sections": wanted, "from": None, "to": None},
                "files": files,
            }
            manifest["signature"] = {
                "kid": ctx.signer.kid, "alg": "Ed25519", "value": ctx.signer.sign_json(manifest),
            }
            info = zipfile.ZipInfo("manifest.json", date_time=now.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        digest = hashlib.sha256()
        with open(tmp_name, "rb") as done:
            for chunk in iter(lambda: done.read(1 << 20), b""):
                digest.update(chunk)
        final = target_dir / name
        os.replace(tmp_name, final)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return ArchiveInfo(path=final, sha256=digest.hexdigest(), size=final.stat().st_size,
                       manifest=manifest)


def _index_html(
    ctx: ShopContext, user: User, now: datetime, counts: dict[str, int],
    files: list[dict[str, Any]],
) -> str:
    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(section)}</td><td>{counts.get(section, 0)}</td></tr>" for section in counts
    )
    members = "\n".join(
        f"<tr><td><code>{e(f['path'])}</code></td><td>{f['size']}</td>"
        f"<td><code>{e(f['sha256'])}</code></td></tr>" for f in files
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(ctx.shop.name)} — personal data archive / 个人信息副本</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}</style>
</head>
<body>
<h1>{e(ctx.shop.name)} / {e(ctx.shop.name_zh)}</h1>
<p>Personal data archive of <strong>{e(user.display_name)}</strong>
(customer no. {e(user.customer_no)}), created {e(rfc3339(now))}.</p>
<p>The data is in <code>data/</code> (JSON) and <code>csv/</code> (spreadsheets);
<code>manifest.json</code> lists every file with its SHA-256 and is signed by the shop
(key {e(ctx.signer.kid)}, published at <code>/.well-known/privacy-api</code>).</p>
<h2>Sections / 内容</h2>
<table><tr><th>section</th><th>records</th></tr>
{rows}
</table>
<h2>Files / 文件</h2>
<table><tr><th>file</th><th>bytes</th><th>SHA-256</th></tr>
{members}
</table>
</body>
</html>
"""
