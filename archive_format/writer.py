"""Writing an archive, for the shop's builder and the app's export alike: streamed and atomic.

    with ArchiveWriter(path, shop={...}, subject={...}, source="shop", signer=signer) as w:
        w.write_section("tracks", iter_of_dicts)        # items one by one
        w.write_chunks("logs", chunks, columns)         # ready NDJSON batches (the shop's bulk)
        w.write_spooled("orders", ndjson_file, count)   # a spooled NDJSON file (the app's export)
    w.result  # WrittenArchive(path, size, sha256, manifest)

Bytes go to `PATH.part` in the same directory; `finish()` (on a clean exit of the `with`) writes
`index.html` and the manifest (signed by `signer` when given), fsyncs and renames the file into
place, so a crash never leaves half an archive under the final name. Any exception (a cancel,
too) removes the part file. A section's CSV copy is spooled to a temporary file next to the part
file (removed at once) because ZIP members are written one after the other.

`threaded=True` deflates and hashes each member on a thread of its own (zlib and hashlib let go
of the GIL on large buffers) while the caller produces the next rows: the shop does, reading from
its database. A subclass may wrap the output stream (`_wrap_output`): the app encrypts there.
`deflater` gives each member another raw-deflate encoder than zlib (the shop passes ISA-L's).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import queue
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol

from archive_format.canonical import canonical_json, compact_json, rfc3339
from archive_format.cells import FORMULA_STARTS, csv_cells, csv_safe, csv_writer
from archive_format.index_page import IndexSection, intro_html, render_index
from archive_format.manifest import FORMAT, FORMAT_VERSION, MANIFEST_PATH, ArchiveError
from archive_format.sections import NO_CSV, SECTIONS, section_path

COPY_SIZE = 1024 * 1024
# Deflate level 1 (what `zip -1` uses): about three times faster than the default 6 on this
# data for a few percent more bytes; an archive is written once and read rarely.
COMPRESS_LEVEL = 1
BATCH = 500
# Records of each section shown on the index page (all of them are in data/ and csv/).
INDEX_ROWS = 100


class ManifestSigner(Protocol):
    """Signs the canonical JSON of the manifest without `signature`; base64 Ed25519."""

    @property
    def kid(self) -> str: ...

    def sign(self, payload: bytes) -> str: ...


class Chunk(Protocol):
    """A batch of records as NDJSON (one line each) with their CSV values or ready CSV lines."""

    @property
    def ndjson(self) -> bytes: ...

    @property
    def count(self) -> int: ...

    @property
    def rows(self) -> Sequence[Sequence[Any]] | None: ...

    @property
    def csv(self) -> bytes | None: ...


@dataclass(frozen=True)
class ItemChunk:
    """A `Chunk` made here from items (`write_section`)."""

    ndjson: bytes
    count: int
    rows: Sequence[Sequence[Any]] | None = None
    csv: bytes | None = None


@dataclass(frozen=True)
class WrittenArchive:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]


def set_compress_level(info: zipfile.ZipInfo, level: int = COMPRESS_LEVEL) -> None:
    """The deflate level of one member (`ZipFile.open(info, "w")` takes it from the info)."""
    info._compresslevel = level  # type: ignore[attr-defined]  # 3.11-3.12; 3.13 aliases it


class Deflater(Protocol):
    """A raw-deflate compressor object, as `zlib.compressobj(level, DEFLATED, -15)` makes."""

    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self, /) -> bytes: ...


def _use_deflater(stream: IO[bytes], deflater: Callable[[], Deflater] | None) -> None:
    """Deflate a member being written with `deflater()` instead of zipfile's zlib.

    The caller's encoder (the shop's: ISA-L, `server.archive_builder`) must write raw deflate
    (wbits -15, as zipfile does), so any ZIP reader inflates the member; only the encoder
    differs. zipfile keeps its compressor in `_compressor` (3.11-3.13): if that ever changes,
    the member keeps zlib's."""
    if deflater is None or getattr(stream, "_compressor", None) is None:
        return
    stream._compressor = deflater()  # type: ignore[attr-defined]


def _info(path: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    set_compress_level(info)
    return info


class _Member:
    """A ZIP member being written: counts and hashes the bytes on the way in."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        path: str,
        when: datetime,
        deflater: Callable[[], Deflater] | None = None,
    ) -> None:
        self.path = path
        self._stream = archive.open(_info(path, when), "w", force_zip64=True)
        _use_deflater(self._stream, deflater)
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._stream.write(data)
        self._hash.update(data)
        self.size += len(data)

    def close(self) -> str:
        self._stream.close()
        return self._hash.hexdigest()

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            self._stream.close()


class _ThreadedMember(_Member):
    """Deflate, CRC and SHA-256 on a thread of their own; a small bounded queue keeps memory
    flat."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        path: str,
        when: datetime,
        deflater: Callable[[], Deflater] | None = None,
    ) -> None:
        super().__init__(archive, path, when, deflater)
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
        return super().close()

    def abandon(self) -> None:
        """Stop the thread after a failure elsewhere (the file is removed anyway)."""
        self._failed = self._failed or RuntimeError("abandoned")
        self._queue.put(None)
        self._thread.join()
        # Let the ZIP close (it refuses while a member is open) so the first error is raised.
        super().abandon()


class _Passthrough:
    """zipfile's "compressor" for a member whose bytes are deflated already (`DeflatedSpool`)."""

    def compress(self, data: bytes, /) -> bytes:
        return data

    def flush(self, /) -> bytes:
        return b""


class DeflatedSpool:
    """Bytes raw-deflated (zipfile's stream: level 1, wbits -15), CRC'd and SHA-256'd on a thread
    of their own as they come, into a temporary file; `ArchiveWriter` then copies the ready
    stream into its member (`_deflated_member`) instead of deflating it there.

    ZIP members follow one another: without this a section's CSV copy is deflated only after
    its data member, while nothing else runs. With it both are deflated while the database still
    produces the rows (zlib, ISA-L and hashlib let go of the GIL). The bytes are hashed and CRC'd
    once, from the buffer the deflater reads. A bounded queue keeps memory flat."""

    def __init__(self, directory: Path, deflater: Callable[[], Deflater] | None = None) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._deflate: Deflater = (
            deflater()
            if deflater is not None
            else zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
        )
        self._hash = hashlib.sha256()
        self.crc = 0
        self.size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._failed: BaseException | None = None
        self._open = True
        self._thread = threading.Thread(target=self._drain, name="archive-spool", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._failed is None:
                try:
                    self.crc = zlib.crc32(data, self.crc)
                    self._hash.update(data)
                    self.file.write(self._deflate.compress(data))
                except BaseException as exc:  # raised in the producing thread
                    self._failed = exc

    def write(self, data: bytes) -> None:
        if self._failed is not None:
            raise self._failed
        if data:
            self.size += len(data)
            self._queue.put(data)

    def finish(self) -> str:
        """Wait for the last bytes, end the deflate stream; returns the SHA-256 (hex)."""
        if self._open:
            self._open = False
            self._queue.put(None)
            self._thread.join()
            if self._failed is not None:
                raise self._failed
            self.file.write(self._deflate.flush())
        if self._failed is not None:
            raise self._failed
        return self._hash.hexdigest()

    def close(self) -> None:
        """Stop the thread (if a failure elsewhere left it running) and remove the file."""
        if self._open:
            self._open = False
            self._failed = self._failed or RuntimeError("abandoned")
            self._queue.put(None)
            self._thread.join()
        self.file.close()


class _CsvSpool:
    """CSV rows (UTF-8 with BOM, CRLF) into a temporary file, copied into its member after the
    section's data member; with `deflated`, deflated on the way in (`DeflatedSpool`)."""

    def __init__(self, directory: Path, deflated: DeflatedSpool | None = None) -> None:
        self.deflated = deflated
        self.file: IO[bytes] = (
            deflated.file if deflated is not None else tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        )
        self._put: Callable[[bytes], Any] = (
            deflated.write if deflated is not None else self.file.write
        )
        self._text = io.StringIO()
        self._writer = csv_writer(self._text)
        self.rows = 0
        self._put("\ufeff".encode())

    def header(self, columns: Sequence[str]) -> None:
        self.add([columns])
        self.rows -= 1  # the header is not a record

    def add_lines(self, lines: bytes, count: int) -> None:
        self._put(lines)
        self.rows += count

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        self._writer.writerows(rows)
        self.rows += len(rows)
        self._put(self._text.getvalue().encode("utf-8"))
        self._text.seek(0)
        self._text.truncate()

    def copy_to(self, member: _Member) -> int:
        self.file.seek(0)
        for block in iter(lambda: self.file.read(COPY_SIZE), b""):
            member.write(block)
        return self.rows

    def close(self) -> None:
        if self.deflated is not None:
            self.deflated.close()
        else:
            self.file.close()


# For a caller that spools a section itself before `write_spooled` (the shop's read-ahead).
CsvSpool = _CsvSpool


class SectionSpool:
    """A whole section made ahead, maybe on another thread than the writer's: its data member
    (NDJSON, or one JSON array) and its CSV copy, each deflated and hashed as the chunks come
    (`DeflatedSpool`); `ArchiveWriter.write_section_spool` then copies both streams as they are.
    Made by `ArchiveWriter.section_spool`; `close()` removes its files."""

    def __init__(
        self,
        directory: Path,
        section: str,
        columns: Sequence[str],
        deflater: Callable[[], Deflater] | None,
        csv_spool: _CsvSpool | None,
        index_rows: int,
    ) -> None:
        self.section = section
        self._columns = list(columns)
        self._ndjson = section_path(section).endswith(".ndjson")
        self.data = DeflatedSpool(directory, deflater)
        self.csv = csv_spool
        self.records = 0
        self.head = b""  # the first lines, for the index page
        self._index_rows = index_rows
        self._ended = False
        if not self._ndjson:
            self.data.write(b"[")

    def add(self, chunk: Chunk) -> None:
        if self._ndjson:
            self.data.write(chunk.ndjson)
        else:  # each line is one item and JSON never holds a raw newline
            body = chunk.ndjson[:-1].replace(b"\n", b",")
            self.data.write((b"," if self.records else b"") + body)
        if self.head.count(b"\n") < self._index_rows:
            self.head += chunk.ndjson
        if self.csv is not None:
            if self.records == 0 and chunk.count:
                self.csv.header(self._columns)
            if chunk.csv is not None:
                self.csv.add_lines(chunk.csv, chunk.count)
            else:
                self.csv.add(chunk.rows or [])
        self.records += chunk.count

    def end(self) -> None:
        """No more chunks (the producer says so: then the writer may copy it)."""
        if not self._ended:
            self._ended = True
            if not self._ndjson:
                self.data.write(b"]")

    def close(self) -> None:
        self.data.close()
        if self.csv is not None:
            self.csv.close()


def _preview(ndjson: bytes, room: int) -> list[dict[str, Any]]:
    """Up to `room` records from NDJSON lines (for the index page). Only whole lines count: a
    buffer cut mid-line (the head of a spool) just shows fewer records."""
    out: list[dict[str, Any]] = []
    start = 0
    while len(out) < room:
        end = ndjson.find(b"\n", start)
        if end < 0:
            break
        line, start = ndjson[start:end], end + 1
        try:
            value = json.loads(line) if line.strip() else None
        except ValueError:  # the data member holds it as it is; the page skips it
            continue
        if isinstance(value, dict):
            out.append(value)
    return out


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
        created_at: datetime | None = None,
        signer: ManifestSigner | None = None,
        cancel: Callable[[], bool] | None = None,
        language: str = "en",
        shop_name: str | None = None,
        threaded: bool = False,
        index_rows: int = INDEX_ROWS,
        deflater: Callable[[], Deflater] | None = None,
    ) -> None:
        self.path = Path(path)
        # the language of the text inside (what the shopper read): index.html follows it
        self.language = "zh-CN" if language.replace("_", "-").startswith("zh") else "en"
        self.part = self.path.with_name(self.path.name + ".part")
        self._shop = dict(shop)
        self._shop_name = shop_name
        self._subject = dict(subject)
        self._source = source
        self._scope = dict(scope or {"sections": None, "from": None, "to": None})
        self._request_id = request_id
        self._now = created_at or datetime.now(UTC)
        self._signer = signer
        self._cancel = cancel
        self._member_type = _ThreadedMember if threaded else _Member
        self._deflater = deflater
        self._index_rows = index_rows
        self._files: list[dict[str, Any]] = []
        self._counts: dict[str, int] = {}
        self._previews: dict[str, list[dict[str, Any]]] = {}
        self._raw: BinaryIO | None = None
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

    def _wrap_output(self, raw: BinaryIO) -> Any:
        """The stream the ZIP is written to (a subclass may encrypt here)."""
        return raw

    def _close_output(self) -> None:
        """Seal what `_wrap_output` made, before the file is flushed."""

    def _abort_output(self) -> None:
        """Stop what `_wrap_output` made without sealing it."""

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._raw = open(self.part, "wb")  # noqa: SIM115 - closed in finish/abort
        try:
            self._zip = zipfile.ZipFile(self._wrap_output(self._raw), "w")
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Stop and remove the part file (nothing is left under either name)."""
        # Close what zipfile holds open first, so nothing writes to a closed file later.
        if self._current is not None:
            self._current.abandon()
            self._current = None
        if self._zip is not None:
            with contextlib.suppress(Exception):
                self._zip.close()
        self._abort_output()
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
        member = self._current = self._member_type(self._zip, path, self._now, self._deflater)
        try:
            records = write(member)
        except BaseException:
            member.abandon()
            self._current = None
            raise
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

    def csv_spool(self) -> _CsvSpool:
        """A spool for a section's CSV copy: deflated as it comes when the writer is threaded
        (the caller closes it; `write_spooled(..., csv_spool=)` writes one made ahead)."""
        threaded = self._member_type is _ThreadedMember
        deflated = DeflatedSpool(self.part.parent, self._deflater) if threaded else None
        return _CsvSpool(self.part.parent, deflated)

    def section_spool(self, section: str, columns: Sequence[str]) -> SectionSpool:
        """A spool for a whole section made ahead (`SectionSpool`), with its CSV copy."""
        if section not in SECTIONS or section == "account":
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        directory = self.part.parent
        directory.mkdir(parents=True, exist_ok=True)
        csv_spool = None if section in NO_CSV else self.csv_spool()
        return SectionSpool(
            directory, section, columns, self._deflater, csv_spool, self._index_rows
        )

    def write_section_spool(self, spool: SectionSpool) -> int:
        """Write a section made ahead (`section_spool`, ended) from its ready deflate streams."""
        if not spool._ended:
            raise ValueError("the section spool is not ended")
        section, path = spool.section, section_path(spool.section)
        self._previews[section] = _preview(spool.head, self._index_rows)
        mt = "application/x-ndjson" if path.endswith(".ndjson") else "application/json"
        self._deflated_member(path, mt, spool.data, spool.records)
        self._counts[section] = spool.records
        if spool.csv is not None:
            self._csv_member(section, spool.csv)
        return spool.records

    def _csv_member(self, section: str, spool: _CsvSpool) -> None:
        path = f"csv/{section}.csv"
        if spool.deflated is not None:
            self._deflated_member(path, "text/csv", spool.deflated, spool.rows)
        else:
            self._member(path, "text/csv", spool.copy_to)

    def _deflated_member(
        self, path: str, media_type: str, spool: DeflatedSpool, records: int
    ) -> None:
        """A member from a ready deflate stream: copied as it is, not deflated again."""
        if self._zip is None:
            raise RuntimeError("the writer is not open")
        if any(f["path"] == path for f in self._files):
            raise ValueError(f"{path} is already written")
        digest = spool.finish()
        stream = self._zip.open(_info(path, self._now), "w", force_zip64=True)
        try:
            spool.file.seek(0)
            blocks = iter(lambda: spool.file.read(COPY_SIZE), b"")
            if all(hasattr(stream, a) for a in ("_compressor", "_crc", "_file_size")):
                # zipfile counts the compressed size itself; its CRC and size are then set to
                # those of the bytes the spool deflated (3.11-3.13 keep them in these names)
                stream._compressor = _Passthrough()  # type: ignore[attr-defined]
                for block in blocks:
                    stream.write(block)
                stream._crc = spool.crc  # type: ignore[attr-defined]
                stream._file_size = spool.size  # type: ignore[attr-defined]
            else:  # another zipfile: inflate, and let it deflate again (correct, slower)
                inflate = zlib.decompressobj(-15)
                for block in blocks:
                    stream.write(inflate.decompress(block))
                stream.write(inflate.flush())
        except BaseException:
            with contextlib.suppress(Exception):
                stream.close()
            raise
        stream.close()
        self._files.append(
            {
                "path": path,
                "sha256": digest,
                "size": spool.size,
                "records": records,
                "media_type": media_type,
            }
        )

    def _keep_preview(self, section: str, items: Iterable[Mapping[str, Any]]) -> None:
        kept = self._previews.setdefault(section, [])
        for item in items:
            if len(kept) >= self._index_rows:
                return
            kept.append(dict(item))

    def write_section(
        self,
        section: str,
        items: Iterable[Mapping[str, Any]],
        *,
        on_item: Callable[[], None] | None = None,
        csv_copy: bool = True,
    ) -> int:
        """Write `data/<section>.(nd)json` (and `csv/<section>.csv`) from items, streamed.

        The CSV columns are the keys of the first item."""
        if section not in SECTIONS:
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        if section == "account":
            for item in items:
                self.write_account(item)
                return 1
            raise ValueError("the account section needs its one object")
        columns: list[str] = []

        def chunked() -> Iterator[ItemChunk]:
            lines: list[bytes] = []
            rows: list[Sequence[Any]] = []
            for item in items:
                self._check_cancel()
                if not columns:
                    columns.extend(str(k) for k in item)
                lines.append(compact_json(dict(item)) + b"\n")
                rows.append(csv_cells(item, columns))
                if len(self._previews.get(section, ())) < self._index_rows:
                    self._keep_preview(section, [item])
                if on_item is not None:
                    on_item()
                if len(lines) >= BATCH:
                    yield ItemChunk(b"".join(lines), len(lines), rows)
                    lines, rows = [], []
            if lines:
                yield ItemChunk(b"".join(lines), len(lines), rows)

        self._previews.setdefault(section, [])
        return self.write_chunks(section, chunked(), columns, csv_copy=csv_copy)

    def write_chunks(
        self,
        section: str,
        chunks: Iterable[Chunk],
        columns: Sequence[str],
        *,
        csv_copy: bool = True,
    ) -> int:
        """Write a section from NDJSON batches; `columns` may be filled in by the time the
        first batch comes (as `write_section` does)."""
        if section not in SECTIONS or section == "account":
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        path = section_path(section)
        ndjson = path.endswith(".ndjson")
        spool = self.csv_spool() if csv_copy and section not in NO_CSV else None
        own_preview = section not in self._previews
        try:

            def write(member: _Member) -> int:
                n = 0
                if not ndjson:
                    member.write(b"[")
                for chunk in chunks:
                    self._check_cancel()
                    if ndjson:
                        member.write(chunk.ndjson)
                    else:
                        # Each line is one item and JSON never holds a raw newline.
                        body = chunk.ndjson[:-1].replace(b"\n", b",")
                        member.write((b"," if n else b"") + body)
                    if own_preview and len(self._previews.get(section, ())) < self._index_rows:
                        room = self._index_rows - len(self._previews.get(section, ()))
                        self._keep_preview(section, _preview(chunk.ndjson, room))
                    if spool is not None:
                        if n == 0 and chunk.count:
                            spool.header(columns)
                        if chunk.csv is not None:
                            spool.add_lines(chunk.csv, chunk.count)
                        else:
                            spool.add(chunk.rows or [])
                    n += chunk.count
                if not ndjson:
                    member.write(b"]")
                return n

            mt = "application/x-ndjson" if ndjson else "application/json"
            self._member(path, mt, write)
            self._counts[section] = self._files[-1]["records"]
            if spool is not None:
                self._csv_member(section, spool)
        finally:
            if spool is not None:
                spool.close()
        return self._counts[section]

    def write_spooled(
        self,
        section: str,
        data: IO[bytes],
        records: int,
        csv_file: IO[bytes] | None = None,
        csv_rows: int = 0,
        *,
        csv_spool: _CsvSpool | None = None,
    ) -> int:
        """Write a section from spooled NDJSON (`records` lines, each ending in a newline,
        each one JSON object) and, if given, its spooled CSV, both read from offset 0 (or its
        CSV spool from `csv_spool()`, filled by the caller, perhaps on another thread).

        For a `data/<section>.json` member the lines become one JSON array: a JSON text never
        holds a raw newline, so each line break is exactly an item boundary.
        """
        if section not in SECTIONS or section == "account":
            raise ArchiveError("unknown_section", f"There is no section {section!r}.")
        path = section_path(section)
        ndjson = path.endswith(".ndjson")
        data.seek(0)
        self._previews[section] = _preview(data.read(4 * COPY_SIZE), self._index_rows)

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
        if csv_spool is not None and section not in NO_CSV:
            self._csv_member(section, csv_spool)
        elif csv_file is not None and section not in NO_CSV:

            def copy(member: _Member) -> int:
                csv_file.seek(0)
                for block in iter(lambda: csv_file.read(COPY_SIZE), b""):
                    member.write(block)
                return csv_rows

            self._member(f"csv/{section}.csv", "text/csv", copy)
        return records

    def write_account(self, account: Mapping[str, Any]) -> None:
        """`data/account.json` (one object) and, from its `fields`, `csv/account.csv`."""

        def write(member: _Member) -> int:
            member.write(compact_json(dict(account)))
            return 1

        self._member("data/account.json", "application/json", write)
        self._counts["account"] = 1
        self._previews["account"] = [dict(account)]
        fields = account.get("fields")
        if isinstance(fields, list):
            rows = [f for f in fields if isinstance(f, Mapping)]
            spool = _CsvSpool(self.part.parent)
            try:
                if rows:
                    columns = [str(k) for k in rows[0]]
                    spool.header(columns)
                    spool.add([csv_cells(f, columns) for f in rows])
                self._member("csv/account.csv", "text/csv", spool.copy_to)
            finally:
                spool.file.close()

    # -- finishing
    def _index_html(self) -> str:
        parts = [
            IndexSection(
                name=s,
                path=section_path(s),
                records=self._counts[s],
                preview=self._previews.get(s, []),
                csv_path=f"csv/{s}.csv"
                if any(f["path"] == f"csv/{s}.csv" for f in self._files)
                else None,
            )
            for s in SECTIONS
            if s in self._counts
        ]
        name = self._shop_name or str(self._shop.get("name") or self._shop.get("id") or "")
        intro = intro_html(
            language=self.language,
            display_name=str(self._subject.get("display_name") or ""),
            customer_no=str(self._subject.get("customer_no") or ""),
            created_at=rfc3339(self._now),
            signed_by=self._signer.kid if self._signer is not None else None,
        )
        return render_index(
            language=self.language, shop_name=name, intro=intro, sections=parts, files=self._files
        )

    def finish(self) -> WrittenArchive:
        if self._zip is None or self._raw is None:
            raise RuntimeError("the writer is not open")
        try:
            self._check_cancel()

            def index(member: _Member) -> int:
                member.write(self._index_html().encode("utf-8"))
                return 1

            self._member("index.html", "text/html", index)
            scope = dict(self._scope)
            scope["sections"] = [s for s in SECTIONS if s in self._counts]
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
            manifest["signature"] = (
                None
                if self._signer is None
                else {
                    "kid": self._signer.kid,
                    "alg": "Ed25519",
                    "value": self._signer.sign(canonical_json(manifest)),
                }
            )
            info = _info(MANIFEST_PATH, self._now)
            set_compress_level(info, 6)  # the manifest is small: the default level
            self._zip.writestr(
                info, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            )
            self._zip.close()
            self._close_output()
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
    writer_class: type[ArchiveWriter] | None = None,
    **options: Any,
) -> WrittenArchive:
    """Write a whole archive from `{section: items}` (for `account`: a one-item list).

    `writer_class` is a subclass that adds to the output (the app's encrypting writer);
    `options` go to its constructor.
    """
    make = writer_class or ArchiveWriter
    with make(path, shop=shop, subject=subject, **options) as writer:
        for section in SECTIONS:
            if section in sections:
                writer.write_section(section, sections[section])
    assert writer.result is not None
    return writer.result


__all__ = [
    "BATCH",
    "COMPRESS_LEVEL",
    "FORMULA_STARTS",
    "INDEX_ROWS",
    "ArchiveWriter",
    "Chunk",
    "CsvSpool",
    "DeflatedSpool",
    "Deflater",
    "ItemChunk",
    "ManifestSigner",
    "SectionSpool",
    "WrittenArchive",
    "csv_cells",
    "csv_safe",
    "set_compress_level",
    "write_archive",
]
