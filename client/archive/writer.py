"""Writing an archive: streamed (memory stays flat however large a section is) and atomic.

    with ArchiveWriter(path, shop={...}, subject={...}) as writer:
        writer.write_section("tracks", iter_of_dicts)
    writer.result  # WrittenArchive(path, size, sha256, manifest)

Bytes go to `PATH.part` in the same directory; `finish()` (on a clean exit of the `with`)
writes the manifest, fsyncs and renames it into place, so a crash never leaves half an archive
under the final name. Any exception (a cancel, too) removes the part file. With `passphrase`,
the ZIP is encrypted as it is written (`client.archive.crypto`); the plaintext never touches
the disk. The CSV copy of a section is spooled to a temporary file next to the part file
(removed at once) because a ZIP member must be written in one go.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

import orjson

from client.archive.crypto import EncryptingWriter
from client.archive.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_PATH,
    NO_CSV,
    SECTIONS,
    ArchiveError,
    section_path,
)

COPY_SIZE = 1024 * 1024
# Deflate level 1 (what `zip -1` uses): about three times faster than the default 6 on this
# data for a few percent more bytes; an archive is written once and read rarely.
COMPRESS_LEVEL = 1


@dataclass(frozen=True)
class WrittenArchive:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode("utf-8")
    return str(value)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def set_compress_level(info: zipfile.ZipInfo, level: int = COMPRESS_LEVEL) -> None:
    """The deflate level of one member (`ZipFile.open(info, "w")` takes it from the info)."""
    info._compresslevel = level  # type: ignore[attr-defined]  # 3.11-3.12; 3.13 aliases it


class _Member:
    def __init__(self, archive: zipfile.ZipFile, path: str, when: datetime) -> None:
        info = zipfile.ZipInfo(path, date_time=when.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        set_compress_level(info)
        self.path = path
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


class _CsvSpool:
    """CSV rows into a temporary file (UTF-8 with BOM, CRLF), columns from the first item."""

    def __init__(self, directory: Path) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._text = io.StringIO()
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self.columns: list[str] | None = None
        self.rows = 0
        self.file.write("\ufeff".encode())

    def row(self, item: Mapping[str, Any]) -> None:
        if self.columns is None:
            self.columns = [str(k) for k in item]
            self._writer.writerow(self.columns)
        self._writer.writerow([_cell(item.get(c)) for c in self.columns])
        self.rows += 1
        if self._text.tell() > 65536:
            self.flush()

    def flush(self) -> None:
        self.file.write(self._text.getvalue().encode("utf-8"))
        self._text.seek(0)
        self._text.truncate()


class ArchiveWriter:
    """Builds one archive; see the module doc. Not thread-safe."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        shop: Mapping[str, Any],
        subject: Mapping[str, Any],
        source: str = "client",
        scope: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        passphrase: str | bytes | None = None,
        created_at: datetime | None = None,
        signing_key: Any = None,
        kid: str | None = None,
        cancel: Callable[[], bool] | None = None,
        language: str = "en",
    ) -> None:
        self.path = Path(path)
        # the language of the text inside (what the shopper read): index.html follows it
        self._language = "zh-CN" if language.replace("_", "-").startswith("zh") else "en"
        self.part = self.path.with_name(self.path.name + ".part")
        self._shop = dict(shop)
        self._subject = dict(subject)
        self._source = source
        self._scope = dict(scope or {"sections": None, "from": None, "to": None})
        self._request_id = request_id
        self._passphrase = passphrase
        self._now = created_at or datetime.now(UTC)
        self._signing_key = signing_key
        self._kid = kid
        self._cancel = cancel
        self._files: list[dict[str, Any]] = []
        self._counts: dict[str, int] = {}
        self._raw: BinaryIO | None = None
        self._crypt: EncryptingWriter | None = None
        self._zip: zipfile.ZipFile | None = None
        self._current: _Member | None = None
        self.result: WrittenArchive | None = None

    # -- life cycle
    def __enter__(self) -> ArchiveWriter:
        self.open()
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None:
            self.abort()
        elif self.result is None:
            self.finish()

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._raw = open(self.part, "wb")  # noqa: SIM115 - closed in finish/abort
        try:
            target: Any = self._raw
            if self._passphrase:
                self._crypt = EncryptingWriter(self._raw, self._passphrase)
                target = self._crypt
            self._zip = zipfile.ZipFile(target, "w")
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Stop and remove the part file (nothing is left under either name)."""
        # Close what zipfile holds open first, so nothing writes to a closed file later.
        if self._current is not None:
            with contextlib.suppress(Exception):
                self._current.close()
            self._current = None
        if self._zip is not None:
            with contextlib.suppress(Exception):
                self._zip.close()
        if self._crypt is not None:
            self._crypt.abort()
        if self._raw is not None:
            self._raw.close()
        self._zip = None
        self.part.unlink(missing_ok=True)

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ArchiveError("cancelled", "The export was cancelled; nothing was saved.")

    # -- members
    def _member(self, path: str, media_type: str, write: Callable[[_Member], int | None]) -> None:
        if self._zip is None:
            raise RuntimeError("the writer is not open")
        if any(f["path"] == path for f in self._files):
            raise ValueError(f"{path} is already written")
        member = self._current = _Member(self._zip, path, self._now)
        records = write(member)
        digest = member.close()
        self._current = None
        self._files.append(
            {
                "path": path,
                "sha256": digest,
                "size": member.size,
                "records": records,
                "media_type": media_type,
            }
        )

    def write_section(
        self,
        section: str,
        items: Iterable[Mapping[str, Any]],
        *,
        on_item: Callable[[], None] | None = None,
        csv_copy: bool = True,
    ) -> int:
        """Write `data/<section>.(nd)json` (and `csv/<section>.csv`) from items, streamed."""
        if section not in SECTIONS:
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        if section == "account":
            for item in items:
                self.write_account(item)
                return 1
            raise ValueError("the account section needs its one object")
        spool = _CsvSpool(self.part.parent) if csv_copy and section not in NO_CSV else None
        path = section_path(section)
        try:

            def write(member: _Member) -> int:
                count = 0
                ndjson = path.endswith(".ndjson")
                if not ndjson:
                    member.write(b"[")
                for item in items:
                    self._check_cancel()
                    data = dumps(dict(item))
                    if ndjson:
                        member.write(data + b"\n")
                    else:
                        member.write((b"," if count else b"") + data)
                    if spool is not None:
                        spool.row(item)
                    count += 1
                    if on_item is not None:
                        on_item()
                if not ndjson:
                    member.write(b"]")
                return count

            mt = "application/x-ndjson" if path.endswith(".ndjson") else "application/json"
            self._member(path, mt, write)
            self._counts[section] = self._files[-1]["records"]
            if spool is not None:
                spool.flush()
                csv_spool = spool

                def copy(member: _Member) -> int:
                    return self._copy(csv_spool, member)

                self._member(f"csv/{section}.csv", "text/csv", copy)
        finally:
            if spool is not None:
                spool.file.close()
        return self._counts[section]

    def write_spooled(
        self,
        section: str,
        data: IO[bytes],
        records: int,
        csv_file: IO[bytes] | None = None,
        csv_rows: int = 0,
    ) -> int:
        """Write a section from spooled NDJSON (`records` lines, each ending in a newline,
        each one JSON object) and, if given, its spooled CSV, both read from offset 0.

        For a `data/<section>.json` member the lines become one JSON array: a JSON text never
        holds a raw newline, so each line break is exactly an item boundary.
        """
        if section not in SECTIONS or section == "account":
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        path = section_path(section)
        ndjson = path.endswith(".ndjson")

        def write(member: _Member) -> int:
            data.seek(0)
            if ndjson:
                for block in iter(lambda: data.read(COPY_SIZE), b""):
                    self._check_cancel()
                    member.write(block)
                return records
            member.write(b"[")
            held = b""
            for block in iter(lambda: data.read(COPY_SIZE), b""):
                self._check_cancel()
                joined = held + block
                member.write(joined[:-1].replace(b"\n", b","))
                held = joined[-1:]
            if held not in (b"", b"\n"):
                raise ValueError("spooled NDJSON must end with a newline")
            member.write(b"]")
            return records

        mt = "application/x-ndjson" if ndjson else "application/json"
        self._member(path, mt, write)
        self._counts[section] = records
        if csv_file is not None and section not in NO_CSV:

            def copy(member: _Member) -> int:
                csv_file.seek(0)
                for block in iter(lambda: csv_file.read(COPY_SIZE), b""):
                    member.write(block)
                return csv_rows

            self._member(f"csv/{section}.csv", "text/csv", copy)
        return records

    @staticmethod
    def _copy(spool: _CsvSpool, member: _Member) -> int:
        spool.file.seek(0)
        for block in iter(lambda: spool.file.read(COPY_SIZE), b""):
            member.write(block)
        return spool.rows

    def write_account(self, account: Mapping[str, Any]) -> None:
        def write(member: _Member) -> int:
            member.write(dumps(dict(account)))
            return 1

        self._member("data/account.json", "application/json", write)
        self._counts["account"] = 1
        fields = account.get("fields")
        if isinstance(fields, list):
            spool = _CsvSpool(self.part.parent)
            try:
                for f in fields:
                    if isinstance(f, Mapping):
                        spool.row(f)
                spool.flush()
                self._member("csv/account.csv", "text/csv", lambda m: self._copy(spool, m))
            finally:
                spool.file.close()

    # -- finishing
    def finish(self) -> WrittenArchive:
        if self._zip is None or self._raw is None:
            raise RuntimeError("the writer is not open")
        try:
            self._check_cancel()

            def index(member: _Member) -> int:
                member.write(self._index_html().encode("utf-8"))
                return 1

            self._member("index.html", "text/html", index)
            sections = [s for s in SECTIONS if s in self._counts]
            scope = dict(self._scope)
            scope["sections"] = sections
            manifest: dict[str, Any] = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "source": self._source,
                "created_at": rfc3339(self._now),
                "shop": self._shop,
                "subject": self._subject,
                "request_id": self._request_id,
                "scope": scope,
                "files": self._files,
            }
            manifest["signature"] = self._sign(manifest)
            info = zipfile.ZipInfo(MANIFEST_PATH, date_time=self._now.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            self._zip.writestr(
                info, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            )
            self._zip.close()
            if self._crypt is not None:
                self._crypt.close()
            self._raw.flush()
            os.fsync(self._raw.fileno())
            self._raw.close()
            digest = hashlib.sha256()
            with open(self.part, "rb") as done:
                for block in iter(lambda: done.read(COPY_SIZE), b""):
                    digest.update(block)
            os.replace(self.part, self.path)
            _fsync_dir(self.path.parent)
        except BaseException:
            self.abort()
            raise
        self._zip = None
        self.result = WrittenArchive(
            self.path, self.path.stat().st_size, digest.hexdigest(), manifest
        )
        return self.result

    def _sign(self, manifest: dict[str, Any]) -> dict[str, Any] | None:
        if self._signing_key is None:
            return None
        import base64

        from client.verify import canonical_json

        value = base64.b64encode(self._signing_key.sign(canonical_json(manifest))).decode()
        return {"kid": self._kid or "k-local", "alg": "Ed25519", "value": value}

    def _index_html(self) -> str:
        e = html.escape
        shop = e(str(self._shop.get("name") or self._shop.get("id") or ""))
        who = e(str(self._subject.get("display_name") or ""))
        number = e(str(self._subject.get("customer_no") or ""))
        rows = "\n".join(f"<tr><td>{e(s)}</td><td>{n}</td></tr>" for s, n in self._counts.items())
        members = "\n".join(
            f"<tr><td><code>{e(f['path'])}</code></td><td>{f['size']}</td>"
            f"<td><code>{e(f['sha256'])}</code></td></tr>"
            for f in self._files
        )
        when = e(rfc3339(self._now))
        if self._language == "zh-CN":
            t = {
                "title": "个人信息副本",
                "intro": f"<strong>{who}</strong>（客户编号 {number}）的个人信息副本，由隐私"
                f"面板于 {when} 导出，未经商城签名。",
                "files_intro": "数据在 <code>data/</code>（JSON）和 <code>csv/</code>（表格）中；"
                "<code>manifest.json</code> 列出每个文件及其 SHA-256。",
                "sections": "内容",
                "section": "类别",
                "records": "条数",
                "files": "文件",
                "file": "文件",
                "bytes": "字节",
            }
        else:
            t = {
                "title": "personal data archive",
                "intro": f"Personal data archive of <strong>{who}</strong> (customer no. "
                f"{number}), exported by the privacy dashboard on {when}. It is not signed by "
                "the shop.",
                "files_intro": "The data is in <code>data/</code> (JSON) and <code>csv/</code> "
                "(spreadsheets); <code>manifest.json</code> lists every file with its SHA-256.",
                "sections": "Sections",
                "section": "section",
                "records": "records",
                "files": "Files",
                "file": "file",
                "bytes": "bytes",
            }
        return f"""<!DOCTYPE html>
<html lang="{self._language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{shop} — {t["title"]}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}</style>
</head>
<body>
<h1>{shop}</h1>
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


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_archive(
    path: str | os.PathLike[str],
    sections: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    shop: Mapping[str, Any],
    subject: Mapping[str, Any],
    **options: Any,
) -> WrittenArchive:
    """Write a whole archive from `{section: items}` (for `account`: a one-item list)."""
    with ArchiveWriter(path, shop=shop, subject=subject, **options) as writer:
        for section in SECTIONS:
            if section in sections:
                writer.write_section(section, sections[section])
    assert writer.result is not None
    return writer.result


__all__ = ["ArchiveWriter", "WrittenArchive", "dumps", "write_archive"]
