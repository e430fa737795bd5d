"""Build the shop's signed personal-data archive (docs/ARCHIVE.md) for one subject.

Every section is streamed into the ZIP member by member (large sections item by item from the
database), hashing as it goes; the manifest lists each member's SHA-256, size and record count
and is signed with the shop's Ed25519 key over its canonical JSON without `signature`. The file
is written under a temporary name and renamed into place, so a reader never sees half an archive.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import io
import json
import os
import queue
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server import bulk
from server.categories import category_items
from server.context import ShopContext
from server.demo.policies import ShopPolicy, basis_of, policy_for
from server.i18n import current_language, localized, localized_list
from server.messages import FIELDS, label, term
from server.models import (
    AccessLogEntry,
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    CookieEntry,
    Device,
    Notice,
    PolicyAck,
    PolicyVersion,
    PrivacyRequest,
    ProfileField,
    Recipient,
    RecipientEvent,
    Subscription,
    Tag,
    User,
)
from server.timeutil import rfc3339

FORMAT = "shop-privacy-archive"
FORMAT_VERSION = 1
SECTIONS: tuple[str, ...] = (
    "account",
    "categories",
    "devices",
    "locations",
    "logs",
    "tracks",
    "tags",
    "orders",
    "decisions",
    "consents",
    "consent_history",
    "subscriptions",
    "cookies",
    "recipients",
    "recipient_events",
    "policy_versions",
    "notices",
    "access_log",
    "requests",
)
NDJSON_SECTIONS: frozenset[str] = frozenset({"tracks", "logs", "locations", "access_log"})
# Sections that are not tables (no CSV): the account is one object.
NO_CSV: frozenset[str] = frozenset({"account"})
CHANNELS: tuple[str, ...] = ("sms", "email", "push", "internal_letter")
BATCH = 500
COMPRESS_LEVEL = 1


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
            {
                "key": f.key,
                "label": label(FIELDS, f.key),
                "group": f.group,
                "value": f.value,
                "source": f.source,
                "editable": f.editable,
                "updated_at": _t(f.updated_at),
            }
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
        yield {
            "id": str(d.id),
            "device_type": d.device_type,
            "model": d.model,
            "os": d.os,
            "os_version": d.os_version,
            "device_uid": d.device_uid,
            "settings": settings,
            "first_seen": _t(d.first_seen),
            "last_seen": _t(d.last_seen),
        }


def _tags(db: Session, user: User) -> Iterator[dict[str, Any]]:
    for x in db.scalars(select(Tag).where(Tag.user_id == user.id).order_by(Tag.id)):
        yield {
            "id": str(x.id),
            "tag": localized(x, "tag"),
            "source": x.source,
            "confidence": x.confidence,
            "since": _t(x.since),
        }


def _consents(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    policy = policy_for(ctx.shop.id)

    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        yield from _consent_items(db, user, policy)

    return produce


def _consent_items(db: Session, user: User, policy: ShopPolicy) -> Iterator[dict[str, Any]]:
    states = {
        s.purpose: s
        for s in db.scalars(select(ConsentState).where(ConsentState.user_id == user.id))
    }
    for p in db.scalars(
        select(ConsentPurpose).order_by(ConsentPurpose.position, ConsentPurpose.key)
    ):
        s = states.get(p.key)
        yield {
            "id": p.key,
            "purpose": p.key,
            "title": localized(p, "title"),
            "title_zh": p.title_zh,
            "description": localized(p, "description"),
            "legal_basis": p.legal_basis,
            "required": p.required,
            "granted": s.granted if s else p.required,
            "updated_at": _t(s.updated_at) if s else None,
            "policy_version": s.policy_version if s else None,
            # the clause of the shop's own policy, as GET /v1/consents gives it
            "clause": (clause := policy.purposes.get(p.key)),
            "clause_title": (
                section.title.pick(current_language())
                if (section := policy.section(clause))
                else None
            ),
            "basis": basis_of(clause),
        }


def _consent_history(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(ConsentEvent)
        .where(ConsentEvent.user_id == user.id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc())
    )
    for e in db.scalars(q):
        yield {
            "id": e.receipt_id,
            "purpose": e.purpose,
            "granted": e.granted,
            "at": _t(e.at),
            "policy_version": e.policy_version,
            "subject": user.customer_no,
            "kid": e.kid,
            "signature": e.signature,
        }


def _subscriptions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    rows = {
        s.channel: s
        for s in db.scalars(select(Subscription).where(Subscription.user_id == user.id))
    }
    for channel in CHANNELS:
        s = rows.get(channel)
        yield {
            "id": channel,
            "channel": channel,
            "enabled": s.enabled if s else False,
            "updated_at": _t(s.updated_at) if s else None,
        }


def _cookies(db: Session, user: User) -> Iterator[dict[str, Any]]:
    purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}
    states = {
        s.purpose: s.granted
        for s in db.scalars(select(ConsentState).where(ConsentState.user_id == user.id))
    }
    for c in db.scalars(select(CookieEntry).order_by(CookieEntry.id)):
        if c.consent_purpose is None:
            active = True
        else:
            p = purposes.get(c.consent_purpose)
            active = states.get(c.consent_purpose, p.required if p else False)
        yield {
            "id": str(c.id),
            "name": c.name,
            "technology": c.technology,
            "purpose": localized(c, "purpose"),
            "consent_purpose": c.consent_purpose,
            "party": c.party,
            "provider": localized(c, "provider"),
            "lifetime": localized(c, "lifetime"),
            "active": active,
        }


def _recipients(db: Session, user: User) -> Iterator[dict[str, Any]]:
    stats = {
        rid: (first, last, n)
        for rid, first, last, n in db.execute(
            select(
                RecipientEvent.recipient_id,
                func.min(RecipientEvent.at),
                func.max(RecipientEvent.at),
                func.count(),
            )
            .where(RecipientEvent.user_id == user.id)
            .group_by(RecipientEvent.recipient_id)
        )
    }
    for r in db.scalars(select(Recipient).order_by(Recipient.id)):
        first, last, n = stats.get(r.id, (None, None, 0))
        yield {
            "id": str(r.id),
            "name": localized(r, "name"),
            "type": r.type,
            "categories": _json_list(r.categories),
            "purpose": localized(r, "purpose"),
            "legal_basis": r.legal_basis,
            "identifiable": r.identifiable,
            "country": r.country,
            "first_shared": _t(first),
            "last_shared": _t(last),
            "event_count": n,
        }


def _recipient_events(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(RecipientEvent)
        .where(RecipientEvent.user_id == user.id)
        .order_by(RecipientEvent.at.desc(), RecipientEvent.id.desc())
    )
    for e in _batched(db, q):
        yield {
            "id": str(e.id),
            "recipient_id": str(e.recipient_id),
            "at": _t(e.at),
            "categories": _json_list(e.categories),
            "description": localized(e, "description"),
            "order_id": str(e.order_id) if e.order_id is not None else None,
        }


def _policy_versions(db: Session, user: User) -> Iterator[dict[str, Any]]:
    acked = set(db.scalars(select(PolicyAck.version).where(PolicyAck.user_id == user.id)))
    for p in db.scalars(select(PolicyVersion).order_by(PolicyVersion.published_at.desc())):
        yield {
            "id": p.version,
            "version": p.version,
            "published_at": _t(p.published_at),
            "major": p.major,
            "summary": localized(p, "summary"),
            "changes": localized_list(p.changes, p.changes_zh),
            "url": p.url,
            "acknowledged": p.version in acked,
        }


def _notices(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = (
        select(Notice)
        .where((Notice.user_id == user.id) | Notice.user_id.is_(None))
        .order_by(Notice.published_at.desc(), Notice.id.desc())
    )
    for n in db.scalars(q):
        yield {
            "id": str(n.id),
            "kind": n.kind,
            "severity": n.severity,
            "title": localized(n, "title"),
            "body": localized(n, "body"),
            "published_at": _t(n.published_at),
            "personal": n.user_id is not None,
        }


def _access_log(db: Session, user: User) -> Iterator[dict[str, Any]]:
    q = select(AccessLogEntry).where(AccessLogEntry.user_id == user.id).order_by(AccessLogEntry.seq)
    for e in _batched(db, q):
        yield {
            "id": str(e.id),
            "seq": e.seq,
            "at": _t(e.at),
            "actor": e.actor,
            "role": e.role,
            "action": e.action,
            "resource": e.resource,
            "reason": e.reason,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }


def _requests(ctx: ShopContext) -> Callable[[Session, User], Iterator[dict[str, Any]]]:
    def produce(db: Session, user: User) -> Iterator[dict[str, Any]]:
        from server.requests_flow import request_out  # local: requests_flow imports schemas

        q = (
            select(PrivacyRequest)
            .where(PrivacyRequest.user_id == user.id)
            .order_by(PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc())
        )
        for r in db.scalars(q).all():
            yield request_out(db, ctx, r).model_dump(mode="json")

    return produce


# --- writing -------------------------------------------------------------------------------


class _Member:
    """A ZIP member being written: counts bytes and hashes them on the way in.

    Deflating, the CRC and the SHA-256 run in a thread of their own (zlib and hashlib let go
    of the GIL on large buffers), so the next rows are read from the database meanwhile; a
    small bounded queue keeps memory flat.
    """

    def __init__(self, archive: zipfile.ZipFile, path: str, when: datetime) -> None:
        info = zipfile.ZipInfo(path, date_time=when.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        # Deflate level 1, as `zip -1`: about three times faster than the default on this data.
        info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]
        self._stream = archive.open(info, "w", force_zip64=True)
        self._hash = hashlib.sha256()
        self.size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="archive-deflate", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._failed is None:
                try:
                    self._stream.write(data)
                    self._hash.update(data)
                except BaseException as exc:  # raised in the writing thread by write/close
                    self._failed = exc

    def write(self, data: bytes) -> None:
        if self._failed is not None:
            raise self._failed
        if data:
            self._queue.put(data)
            self.size += len(data)

    def close(self) -> str:
        self._queue.put(None)
        self._thread.join()
        if self._failed is not None:
            raise self._failed
        self._stream.close()
        return self._hash.hexdigest()

    def abandon(self) -> None:
        """Stop the thread after a failure elsewhere (the file is removed anyway)."""
        self._failed = self._failed or RuntimeError("abandoned")
        self._queue.put(None)
        self._thread.join()
        # Let the ZIP close (it refuses while a member is open) so the first error is raised.
        with contextlib.suppress(Exception):
            self._stream.close()


_CELL: dict[type, Callable[[Any], Any]] = {
    bool: lambda v: "true" if v else "false",
    dict: lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")),
    list: lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")),
}


def _cells(item: dict[str, Any], columns: list[str]) -> list[Any]:
    cell = _CELL.get
    return [f(v) if (f := cell(type(v))) is not None else v for v in map(item.get, columns)]


class _CsvSpool:
    """CSV rows (UTF-8 with BOM, CRLF) into a temporary file, copied into its member after the
    section's data member (ZIP members are written one after the other)."""

    def __init__(self, directory: Path) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._text = io.StringIO()
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self.rows = 0
        self.file.write("\ufeff".encode())

    def header(self, columns: Sequence[str]) -> None:
        self.add([columns])
        self.rows -= 1  # the header is not a record

    def add_lines(self, lines: bytes, count: int) -> None:
        self.file.write(lines)
        self.rows += count

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        self._writer.writerows(rows)
        self.rows += len(rows)
        self.file.write(self._text.getvalue().encode("utf-8"))
        self._text.seek(0)
        self._text.truncate()

    def copy_to(self, member: _Member) -> int:
        self.file.seek(0)
        for block in iter(lambda: self.file.read(1 << 20), b""):
            member.write(block)
        return self.rows


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _producers(ctx: ShopContext) -> dict[str, Callable[[Session, User], Iterable[dict[str, Any]]]]:
    return {
        "categories": _categories(ctx),
        "devices": _devices,
        "tags": _tags,
        "consents": _consents(ctx),
        "consent_history": _consent_history,
        "subscriptions": _subscriptions,
        "cookies": _cookies,
        "recipients": _recipients,
        "recipient_events": _recipient_events,
        "policy_versions": _policy_versions,
        "notices": _notices,
        "access_log": _access_log,
        "requests": _requests(ctx),
    }


def _section_chunks(
    db: Session, ctx: ShopContext, user: User, section: str
) -> tuple[list[str], Iterator[bulk.Chunk]]:
    """A section as NDJSON chunks with CSV values, and its CSV columns (a list that is filled
    in from the first item, for the hand-written producers, before that item's chunk comes).

    Large sections come from `server.bulk`, the same items as the bulk export and the API's
    detail resources; the others from the hand-written producers above.
    """
    if section in bulk.BULK_SECTIONS:
        connect = bulk.session_connect(db.connection())
        columns = list(bulk.COLUMNS[section])
        return columns, bulk.chunks(connect, section, user.id, with_rows=True)
    produce = _producers(ctx)[section]
    columns = []

    def chunked() -> Iterator[bulk.Chunk]:
        lines: list[bytes] = []
        rows: list[Sequence[Any]] = []
        for item in produce(db, user):
            if not columns:
                columns.extend(item)
            lines.append(_dumps(item) + b"\n")
            rows.append(_cells(item, columns))
            if len(lines) >= BATCH:
                yield bulk.Chunk(b"".join(lines), len(lines), rows)
                lines, rows = [], []
        if lines:
            yield bulk.Chunk(b"".join(lines), len(lines), rows)

    return columns, chunked()


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
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:

            def add(path: str, media_type: str, write: Callable[[_Member], int]) -> None:
                member = _Member(archive, path, now)
                try:
                    records = write(member)
                except BaseException:
                    member.abandon()
                    raise
                digest = member.close()
                files.append(
                    {
                        "path": path,
                        "sha256": digest,
                        "size": member.size,
                        "records": records,
                        "media_type": media_type,
                    }
                )

            for section in wanted:
                if section == "account":
                    account = account_item(db, user)
                    counts[section] = 1

                    def write_account(m: _Member, account: dict[str, Any] = account) -> int:
                        m.write(_dumps(account))
                        return 1

                    add("data/account.json", "application/json", write_account)

                    def write_account_csv(m: _Member, account: dict[str, Any] = account) -> int:
                        spool = _CsvSpool(target_dir)
                        with spool.file:
                            fields = account["fields"]
                            if fields:
                                columns = list(fields[0])
                                spool.header(columns)
                                spool.add([_cells(f, columns) for f in fields])
                            return spool.copy_to(m)

                    add("csv/account.csv", "text/csv", write_account_csv)
                    continue
                columns, produced = _section_chunks(db, ctx, user, section)
                ndjson = section in NDJSON_SECTIONS
                spool = _CsvSpool(target_dir)
                with spool.file:

                    def write_data(
                        m: _Member,
                        produced: Iterator[bulk.Chunk] = produced,
                        columns: list[str] = columns,
                        spool: _CsvSpool = spool,
                        ndjson: bool = ndjson,
                    ) -> int:
                        n = 0
                        if not ndjson:
                            m.write(b"[")
                        for chunk in produced:
                            if ndjson:
                                m.write(chunk.ndjson)
                            else:
                                # Each line is one item and JSON never holds a raw newline.
                                body = chunk.ndjson[:-1].replace(b"\n", b",")
                                m.write((b"," if n else b"") + body)
                            if n == 0 and chunk.count:
                                spool.header(columns)
                            if chunk.csv is not None:
                                spool.add_lines(chunk.csv, chunk.count)
                            else:
                                spool.add(chunk.rows or [])
                            n += chunk.count
                        if not ndjson:
                            m.write(b"]")
                        return n

                    if ndjson:
                        add(f"data/{section}.ndjson", "application/x-ndjson", write_data)
                    else:
                        add(f"data/{section}.json", "application/json", write_data)
                    counts[section] = files[-1]["records"]
                    add(f"csv/{section}.csv", "text/csv", spool.copy_to)

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
                "kid": ctx.signer.kid,
                "alg": "Ed25519",
                "value": ctx.signer.sign_json(manifest),
            }
            info = zipfile.ZipInfo("manifest.json", date_time=now.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        digest = hashlib.sha256()
        with open(tmp_name, "rb") as done:
            for block in iter(lambda: done.read(1 << 20), b""):
                digest.update(block)
        final = target_dir / name
        os.replace(tmp_name, final)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return ArchiveInfo(
        path=final, sha256=digest.hexdigest(), size=final.stat().st_size, manifest=manifest
    )


def _index_html(
    ctx: ShopContext,
    user: User,
    now: datetime,
    counts: dict[str, int],
    files: list[dict[str, Any]],
) -> str:
    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(term(section) if current_language() == 'zh-CN' else section)}</td>"
        f"<td>{counts.get(section, 0)}</td></tr>"
        for section in counts
    )
    members = "\n".join(
        f"<tr><td><code>{e(f['path'])}</code></td><td>{f['size']}</td>"
        f"<td><code>{e(f['sha256'])}</code></td></tr>"
        for f in files
    )
    # One language, the one the archive was asked for in (server/i18n.py).
    lang = current_language()
    zh = lang == "zh-CN"
    shop = ctx.shop.name_zh if zh else ctx.shop.name
    who, no, kid = e(user.display_name), e(user.customer_no), e(ctx.signer.kid)
    t = {
        "title": "个人信息副本" if zh else "personal data archive",
        "intro": f"<strong>{who}</strong>（客户编号 {no}）的个人信息副本，生成于 "
        f"{e(rfc3339(now))}。"
        if zh
        else f"Personal data archive of <strong>{who}</strong>"
        f" (customer no. {no}), created {e(rfc3339(now))}.",
        "files_intro": "数据在 <code>data/</code>（JSON）和 <code>csv/</code>（表格）中；"
        "<code>manifest.json</code> 列出每个文件及其 SHA-256，并由商城签名（密钥 "
        f"{kid}，公布于 <code>/.well-known/privacy-api</code>）。"
        if zh
        else "The data is in <code>data/</code> (JSON) and <code>csv/</code> (spreadsheets); "
        "<code>manifest.json</code> lists every file with its SHA-256 and is signed by the "
        f"shop (key {kid}, published at <code>/.well-known/privacy-api</code>).",
        "sections": "内容" if zh else "Sections",
        "section": "类别" if zh else "section",
        "records": "条数" if zh else "records",
        "files": "文件" if zh else "Files",
        "file": "文件" if zh else "file",
        "bytes": "字节" if zh else "bytes",
    }
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(shop)} — {t["title"]}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}</style>
</head>
<body>
<h1>{e(shop)}</h1>
<p>{t["intro"]}</p>
<p>{t["files_intro"]}</p>
<h2>{t["sections"]}</h2>
<table><tr><th>{t["section"]}</th><th>{t["records"]}</th></tr>
{rows}
</table>
<h2>{t["files"]}</h2>
<table><tr><th>{t["file"]}</th><th>{t["bytes"]}</th><th>SHA-256</th></tr>
{members}
</table>
</body>
</html>
"""
