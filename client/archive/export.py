"""Build an archive now, from the shop's API (`ShopApi`), section by section.

    result = export_archive(api, "lin-mei.zip", sections=["tracks", "orders"],
                            start=datetime(2026, 1, 1, tzinfo=UTC), progress=cb, cancel=flag,
                            resume=True)

- Large sections (tracks, locations, logs, orders and decisions in full detail) come from the
  shop's bulk export, `GET /export/{section}`: one streamed NDJSON response per section,
  instead of a page per 500 items and one call per order. A producer thread reads the stream
  ahead (a bounded queue of blocks, so memory stays flat) while this thread spools it and
  writes the ZIP; the lines are written as received (each one parsed once, for its CSV row),
  with no model per item. A shop without the bulk export is read page by page, as the small
  sections always are (`get_order`/`get_decision` per item for the details).
- Each section is spooled (its NDJSON and its CSV) and then written into the ZIP, while the
  next section is already being fetched.
- `progress(done, total)`: `done` counts items so far; `total` is an estimate from the shop's
  data categories that may grow while exporting (it never falls below `done`); the last call
  has `done == total`. Calls are throttled (every `PROGRESS_EVERY` items and at each section's
  end), so a UI can forward them to its thread as they come.
- `cancel()`: checked for every block of items; when it returns true the export stops with
  `ArchiveError("cancelled", ...)`.
- `resume=False` (the default): a cancelled or failed export leaves nothing behind.
  `resume=True`: the spools stay beside the output in `PATH.partial/` with `state.json` (which
  sections are complete, and for the section under way its record count, spool lengths and
  the id of the last item kept), written every `CHECKPOINT_SECONDS` and when stopping; the
  next `export_archive(..., resume=True)` to the same path with the same options continues
  after that item (`after=` of the bulk export; a small section is fetched again), rebuilds
  the ZIP from the spools and removes the partial directory when done. An export with a
  passphrase is never resumable: its spools are unlinked temporary files, so no plaintext
  outlives it.
- `start`/`end` (aware datetimes, `start` inclusive, `end` exclusive) keep only the records of
  activity in that range: tracks, locations, logs, orders and decisions (filtered by the
  shop), and consent history, recipient events, access log, notices and requests (filtered
  here, by their time). Inventory sections (account, categories, devices, tags, consents,
  subscriptions, cookies, recipients, policy versions) are always complete.
- Orders and decisions are written in full detail (like the shop's own archive);
  `details=False` writes the list summaries only.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel

from archive_format.cells import CsvRow, csv_row, csv_writer
from client.archive.format import NO_CSV, SECTIONS, ArchiveError
from client.archive.writer import ArchiveWriter
from client.errors import ApiError, NotFound
from client.models.common import parse_rfc3339
from client.pagination import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from client.api import ShopApi

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
PROGRESS_EVERY = 500
# Sections the shop's bulk export serves (`GET /export/{section}`, NDJSON).
BULK_SECTIONS: frozenset[str] = frozenset({"locations", "logs", "tracks", "orders", "decisions"})
DETAIL_SECTIONS: frozenset[str] = frozenset({"orders", "decisions"})
QUEUE_BLOCKS = 32  # blocks read ahead (each at most BLOCK bytes): the memory bound
BLOCK = 1 << 17
PAGED_BLOCK_ITEMS = 200
CHECKPOINT_SECONDS = 1.0
STATE_VERSION = 1


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


# The archive format's one cell rule with orjson for nested values, the encoder of the spooled
# NDJSON lines (the shop's bulk lines as sent, paged items by `_lines`): a nested cell holds
# the JSON text its data member holds.
csv_values: CsvRow = csv_row(_json_text)


# Which time field limits a section to [start, end).
TIME_FIELDS: dict[str, str] = {
    "locations": "at",
    "logs": "at",
    "tracks": "at",
    "orders": "placed_at",
    "decisions": "at",
    "consent_history": "at",
    "recipient_events": "at",
    "access_log": "at",
    "notices": "published_at",
    "incidents": "published_at",
    "requests": "received_at",
    "service_contacts": "at",
}
# Which data category (GET /data/categories) counts a section, for the progress estimate.
CATEGORY_OF: dict[str, str] = {
    "devices": "devices",
    "locations": "locations",
    "logs": "logs",
    "tracks": "tracks",
    "tags": "tags",
    "orders": "orders",
    "decisions": "decisions",
    "consent_history": "consents",
    "recipient_events": "sharing",
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]
    counts: dict[str, int]


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _in_range(
    item: Mapping[str, Any], field: str, start: datetime | None, end: datetime | None
) -> bool:
    raw = item.get(field)
    if not isinstance(raw, str):
        return True
    try:
        moment = parse_rfc3339(raw)
    except ValueError:
        return True
    return (start is None or moment >= start) and (end is None or moment < end)


def _check_time(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")


def section_items(
    api: ShopApi,
    section: str,
    *,
    page_size: int = MAX_PAGE_SIZE,
    start: datetime | None = None,
    end: datetime | None = None,
    details: bool = True,
) -> Iterator[dict[str, Any]]:
    """The items of one section as the archive stores them, fetched page by page."""
    n = page_size
    sources: dict[str, Callable[[], Iterable[Any]]] = {
        "account": lambda: [api.get_me()],
        "categories": api.list_categories,
        "devices": lambda: api.list_devices(limit=n).auto_paging_iter(),
        "locations": lambda: api.list_locations(limit=n).auto_paging_iter(),
        "logs": lambda: api.list_logs(limit=n).auto_paging_iter(),
        "tracks": lambda: api.list_tracks(start=start, end=end, limit=n).auto_paging_iter(),
        "tags": lambda: api.list_tags(limit=n).auto_paging_iter(),
        "orders": lambda: (
            api.get_order(o.id) if details else o
            for o in api.list_orders(limit=n).auto_paging_iter()
            if _in_range(_dump(o), "placed_at", start, end)
        ),
        "decisions": lambda: (
            api.get_decision(d.id) if details else d
            for d in api.list_decisions(limit=n).auto_paging_iter()
        ),
        "consents": api.list_consents,
        "consent_history": lambda: api.list_consent_history(limit=n).auto_paging_iter(),
        "subscriptions": api.list_subscriptions,
        "cookies": lambda: api.list_cookies(limit=n).auto_paging_iter(),
        "recipients": lambda: api.list_recipients(limit=n).auto_paging_iter(),
        "recipient_events": lambda: _recipient_events(api, n),
        "policy_versions": lambda: api.list_policy_versions(limit=n).auto_paging_iter(),
        "notices": lambda: api.list_notices(limit=n).auto_paging_iter(),
        "incidents": lambda: api.list_incidents(limit=n).auto_paging_iter(),
        "guardian_links": api.list_guardian_links,
        "access_log": lambda: api.list_access_log(limit=n).auto_paging_iter(),
        "requests": lambda: api.list_requests(limit=n).auto_paging_iter(),
        "explanations": lambda: _explanations(api, n),
        "deletion_receipts": lambda: _deletion_receipts(api, n),
        "assist_sessions": lambda: api.list_assist_sessions(limit=n).auto_paging_iter(),
        "service_contacts": lambda: api.list_service_contacts(limit=n).auto_paging_iter(),
        "impact_assessments": lambda: api.list_impact_assessments(limit=n).auto_paging_iter(),
        "rights": lambda: [api.get_rights()],
    }
    if section not in sources:
        raise ArchiveError("unknown_section", f"There is no section {section!r}.")
    field = TIME_FIELDS.get(section) if section != "tracks" else None
    for value in sources[section]():
        item = value if isinstance(value, dict) else _dump(value)
        if field is None or _in_range(item, field, start, end):
            yield item


def _recipient_events(api: ShopApi, page_size: int) -> Iterator[dict[str, Any]]:
    recipient_ids = [r.id for r in api.list_recipients(limit=page_size).auto_paging_iter()]
    for rid in recipient_ids:
        for event in api.list_recipient_events(rid, limit=page_size).auto_paging_iter():
            yield {**_dump(event), "recipient_id": rid}


def _completed_results(api: ShopApi, kind: str, page_size: int) -> Iterator[tuple[str, Any]]:
    """(request id, result) of each completed request whose result is of `kind`, newest first."""
    for request in api.list_requests(limit=page_size).auto_paging_iter():
        summary = request.result
        if request.status == "completed" and summary.kind == kind and summary.available:
            yield request.id, api.get_request_result(request.id)


def _explanations(api: ShopApi, page_size: int) -> Iterator[dict[str, Any]]:
    """As the shop's archive writes them: the result, `id` the request's."""
    for request_id, result in _completed_results(api, "explanation", page_size):
        yield {"id": request_id, **_dump(result)}


def _deletion_receipts(api: ShopApi, page_size: int) -> Iterator[dict[str, Any]]:
    """Each deletion request's answer (receipts, deleted, kept), `id` the request's."""
    for request_id, result in _completed_results(api, "deletion_receipts", page_size):
        yield {"id": request_id, **_dump(result)}


def partial_dir(out_path: str | os.PathLike[str]) -> Path:
    """Where a resumable export keeps its spools and `state.json`."""
    path = Path(out_path)
    return path.with_name(path.name + ".partial")


def discard_partial(out_path: str | os.PathLike[str]) -> None:
    """Forget an interrupted resumable export to `out_path` (its spools and state)."""
    shutil.rmtree(partial_dir(out_path), ignore_errors=True)


@dataclass
class _SectionState:
    records: int = 0
    data: int = 0  # bytes of spooled NDJSON
    csv: int = 0  # bytes of spooled CSV
    columns: list[str] | None = None
    after: str | None = None  # id of the last item spooled
    done: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "data": self.data,
            "csv": self.csv,
            "columns": self.columns,
            "after": self.after,
            "done": self.done,
        }

    @classmethod
    def from_json(cls, raw: Any) -> _SectionState:
        if not isinstance(raw, dict):
            raise ValueError("bad section state")
        columns = raw.get("columns")
        after = raw.get("after")
        state = cls(
            int(raw["records"]),
            int(raw["data"]),
            int(raw["csv"]),
            [str(c) for c in columns] if isinstance(columns, list) else None,
            str(after) if after is not None else None,
            bool(raw["done"]),
        )
        if min(state.records, state.data, state.csv) < 0:
            raise ValueError("negative length")
        return state


@dataclass
class _State:
    key: dict[str, Any]
    created_at: str
    sections: dict[str, _SectionState] = field(default_factory=dict)


def _load_state(directory: Path, key: dict[str, Any]) -> _State | None:
    """The saved state if it is for the same export and its spools are all there."""
    try:
        raw = json.loads((directory / "state.json").read_text("utf-8"))
        if raw.get("version") != STATE_VERSION or raw.get("key") != key:
            return None
        state = _State(
            key,
            str(raw["created_at"]),
            {
                str(name): _SectionState.from_json(value)
                for name, value in raw["sections"].items()
                if name in SECTIONS
            },
        )
        parse_rfc3339(state.created_at)
        for name, section in state.sections.items():
            # A spool shorter than the state says (e.g. after a power cut): fetch it again.
            if (
                _size(directory / f"{name}.ndjson") < section.data
                or _size(directory / f"{name}.csv") < section.csv
            ):
                state.sections[name] = _SectionState()
        return state
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _save_state(directory: Path, state: _State) -> None:
    raw = {
        "version": STATE_VERSION,
        "key": state.key,
        "created_at": state.created_at,
        "sections": {n: s.to_json() for n, s in state.sections.items()},
    }
    tmp = directory / "state.json.tmp"
    tmp.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    os.replace(tmp, directory / "state.json")


class _Spool:
    """One section's NDJSON lines and CSV rows, in two files (named ones when resumable)."""

    def __init__(self, directory: Path, section: str, state: _SectionState, named: bool) -> None:
        self.section = section
        self.state = state
        self.data: IO[bytes]
        self.csv: IO[bytes]
        if named:
            self.data = _reopen(directory / f"{section}.ndjson", state.data)
            self.csv = _reopen(directory / f"{section}.csv", state.csv)
        else:
            self.data = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 - closed in close()
            self.csv = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        # Rows go to a string buffer, encoded and written once per block: a text file
        # wrapper would run its encoder once per row.
        self._text = io.StringIO()
        self._rows = csv_writer(self._text)
        self.tabular = section not in NO_CSV
        if self.state.csv == 0:
            self.csv.write("\ufeff".encode())  # a BOM, so spreadsheets read UTF-8 (CJK)
            self.state.columns = None

    def reset(self) -> None:
        """Drop everything spooled (the section is fetched again from its start)."""
        self._text.seek(0)
        self._text.truncate()
        for f in (self.data, self.csv):
            f.seek(0)
            f.truncate()
        self.state.records = self.state.data = self.state.csv = 0
        self.state.columns = None
        self.state.after = None
        self.csv.write("\ufeff".encode())

    def add(self, chunk: bytes, items: Sequence[dict[str, Any]]) -> None:
        """`chunk`: the items' NDJSON lines exactly (each ends in a newline)."""
        self.data.write(chunk)
        if self.tabular:
            columns = self.state.columns
            if columns is None:
                columns = self.state.columns = [str(k) for k in items[0]]
                self._rows.writerow(columns)
            cells = csv_values
            self._rows.writerows([cells(item, columns) for item in items])
            self.csv.write(self._text.getvalue().encode("utf-8"))
            self._text.seek(0)
            self._text.truncate()
        self.state.records += len(items)
        last = items[-1].get("id")
        self.state.after = str(last) if last is not None else None

    def flush(self) -> None:
        """Everything added so far is in the files; the state records their lengths."""
        self.csv.flush()
        self.data.flush()
        self.state.data = self.data.tell()
        self.state.csv = self.csv.tell()

    def close(self) -> None:
        self.csv.close()
        self.data.close()


def _reopen(path: Path, length: int) -> IO[bytes]:
    handle = open(path, "r+b" if path.exists() else "w+b")  # noqa: SIM115 - the spool owns it
    handle.truncate(length)  # anything after the last checkpoint is dropped
    handle.seek(length)
    return handle


def _lines(items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """Items from the paged API, as blocks of NDJSON lines."""
    batch: list[bytes] = []
    for item in items:
        batch.append(orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE))
        if len(batch) >= PAGED_BLOCK_ITEMS:
            yield b"".join(batch)
            batch = []
    if batch:
        yield b"".join(batch)


class _Restart(Exception):
    """The section's stream must start over (the item to continue after is gone)."""


class _Fetcher(threading.Thread):
    """Reads the sections ahead of the writer into a bounded queue (flat memory)."""

    def __init__(
        self,
        api: ShopApi,
        sections: Sequence[str],
        first_after: str | None,
        options: dict[str, Any],
    ) -> None:
        super().__init__(name="archive-export-fetch", daemon=True)
        self.api = api
        self.sections = list(sections)
        self.first_after = first_after
        self.options = options
        self.queue: queue.Queue[tuple[str, str, Any]] = queue.Queue(QUEUE_BLOCKS)
        self.stopping = threading.Event()
        self.bulk = True

    def stop(self) -> None:
        self.stopping.set()
        # Unblock a producer waiting on a full queue; it sees `stopping` next.
        with contextlib.suppress(queue.Empty):
            while True:
                self.queue.get_nowait()
        self.join(timeout=10)

    def _put(self, entry: tuple[str, str, Any]) -> bool:
        while not self.stopping.is_set():
            try:
                self.queue.put(entry, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        after = self.first_after
        for section in self.sections:
            try:
                while True:
                    try:
                        for block in self._blocks(section, after):
                            if not self._put(("data", section, block)):
                                return
                        break
                    except _Restart:
                        after = None
                        if not self._put(("restart", section, None)):
                            return
                if not self._put(("end", section, None)):
                    return
            except BaseException as exc:  # handed to the writer thread, raised there
                self._put(("error", section, exc))
                return
            after = None
        self._put(("done", "", None))

    def _blocks(self, section: str, after: str | None) -> Iterator[bytes]:
        o = self.options
        if (
            self.bulk
            and section in BULK_SECTIONS
            and (o["details"] or section not in DETAIL_SECTIONS)
        ):
            stream = self.api.export_stream(
                section, after=after, start=o["start"], end=o["end"], chunk_size=BLOCK
            )
            try:
                first = next(stream, None)
            except NotFound:
                self.bulk = False  # an older shop: read it page by page
            except ApiError as exc:
                if exc.code == "invalid_cursor" and after is not None:
                    raise _Restart() from exc
                raise
            else:
                if first is not None:
                    yield first
                    yield from stream
                return
        if after is not None:
            raise _Restart()  # pages cannot continue after an item: fetch it again
        yield from _lines(
            section_items(
                self.api,
                section,
                page_size=o["page_size"],
                start=o["start"],
                end=o["end"],
                details=o["details"],
            )
        )


class _Zipper(threading.Thread):
    """Writes finished sections into the ZIP, in order, while the next one is being read:
    deflate, CRC-32 and SHA-256 let go of the GIL, so this runs beside the parsing."""

    def __init__(self) -> None:
        super().__init__(name="archive-export-zip", daemon=True)
        self.jobs: queue.Queue[Callable[[bool], None] | None] = queue.Queue(2)
        self.error: BaseException | None = None
        self.skip = False

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                job(self.skip or self.error is not None)
            except BaseException as exc:  # raised in the exporting thread
                self.error = self.error or exc

    def submit(self, job: Callable[[bool], None]) -> None:
        self.check()
        self.jobs.put(job)

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def finish(self, *, abandon: bool = False) -> None:
        """Wait for the jobs (with `abandon`, each only releases its spool)."""
        self.skip = self.skip or abandon
        self.jobs.put(None)
        self.join()
        if not abandon:
            self.check()


def export_archive(
    api: ShopApi,
    out_path: str | os.PathLike[str],
    *,
    sections: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    passphrase: str | bytes | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    details: bool = True,
    page_size: int = MAX_PAGE_SIZE,
    shop: Mapping[str, Any] | None = None,
    resume: bool = False,
) -> ExportResult:
    """Export the signed-in account's data into a client archive at `out_path` (see above)."""
    _check_time("start", start)
    _check_time("end", end)
    if start is not None and end is not None and start > end:
        raise ValueError("start must not be after end")
    wanted = list(SECTIONS) if sections is None else [s for s in SECTIONS if s in sections]
    unknown = sorted(set(sections or ()) - set(SECTIONS))
    if unknown:
        raise ArchiveError("unknown_section", f"Unknown sections: {', '.join(unknown)}.")
    resumable = resume and not passphrase
    out = Path(out_path)
    directory = partial_dir(out)

    def check_cancel() -> None:
        if cancel is not None and cancel():
            raise ArchiveError("cancelled", "The export was cancelled; nothing was saved.")

    check_cancel()
    me = api.get_me()
    shop_info = (
        dict(shop)
        if shop is not None
        else {"id": None, "name": None, "api_base": api.transport.base_url.rstrip("/")}
    )
    scope = {
        "sections": wanted,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }
    key = {
        "sections": wanted,
        "from": scope["from"],
        "to": scope["to"],
        "details": details,
        "api_base": api.transport.base_url.rstrip("/"),
        "customer_no": me.customer_no,
    }
    state = _load_state(directory, key) if resumable else None
    if state is None:
        shutil.rmtree(directory, ignore_errors=True)
        state = _State(key, datetime.now().astimezone().isoformat())
    if resumable:
        directory.mkdir(parents=True, exist_ok=True)
    created = parse_rfc3339(state.created_at)
    estimate = _estimate(api, wanted)
    done = sum(s.records for s in state.sections.values())
    reported = -1
    total = max(estimate, 1, done)

    def report(force: bool = False) -> None:
        nonlocal reported, total
        total = max(total, done)
        if progress is not None and (force or done - reported >= PROGRESS_EVERY):
            reported = done
            progress(done, total)

    report(force=True)
    pending = [
        s for s in wanted if s != "account" and not state.sections.get(s, _SectionState()).done
    ]
    first = state.sections.get(pending[0]) if pending else None
    fetcher = _Fetcher(
        api,
        pending,
        first.after if first is not None else None,
        {"start": start, "end": end, "details": details, "page_size": page_size},
    )
    spool_dir = directory if resumable else out.parent
    spool_dir.mkdir(parents=True, exist_ok=True)
    writer = ArchiveWriter(
        out,
        shop=shop_info,
        subject={"customer_no": me.customer_no, "display_name": me.display_name},
        source="client",
        scope=scope,
        passphrase=passphrase,
        cancel=cancel,
        created_at=created,
        # the archive is in the language the API answered in (the UI's)
        language=str(api.transport.session.headers.get("Accept-Language", "en")),
    )
    counts: dict[str, int] = {}
    current: _Spool | None = None
    consistent = True
    finished = False
    fetcher.start()
    zipper = _Zipper()
    try:
        with writer:
            zipper.start()
            try:
                last_checkpoint = time.monotonic()
                for section in wanted:
                    zipper.check()
                    check_cancel()
                    if section == "account":
                        account = _dump(me)

                        def write_account(skip: bool, account: dict[str, Any] = account) -> None:
                            if not skip:
                                writer.write_account(account)

                        zipper.submit(write_account)
                        counts[section] = 1
                        if not state.sections.get("account", _SectionState()).done:
                            done += 1
                        state.sections["account"] = _SectionState(records=1, done=True)
                        report(force=True)
                        continue
                    section_state = state.sections.setdefault(section, _SectionState())
                    current = _Spool(spool_dir, section, section_state, resumable)
                    if not section_state.done:
                        rest = b""
                        while True:
                            kind, _name, value = fetcher.queue.get()
                            if kind == "error":
                                raise value
                            if kind == "restart":
                                done -= current.state.records
                                current.reset()
                                rest = b""
                                continue
                            if kind == "end":
                                if rest.strip():
                                    raise ArchiveError(
                                        "corrupt",
                                        "The shop's data broke off in the middle of an item.",
                                    )
                                break
                            check_cancel()
                            buf = rest + value
                            cut = buf.rfind(b"\n") + 1
                            if cut == 0:
                                rest = buf
                                continue
                            chunk, rest = buf[:cut], buf[cut:]
                            items = _parse_lines(chunk)
                            if not items:
                                continue
                            consistent = False
                            current.add(chunk, items)
                            consistent = True
                            done += len(items)
                            report()
                            now = time.monotonic()
                            if resumable and now - last_checkpoint > CHECKPOINT_SECONDS:
                                current.flush()
                                _save_state(directory, state)
                                last_checkpoint = time.monotonic()
                        section_state.done = True
                    current.flush()
                    if resumable:
                        _save_state(directory, state)
                    counts[section] = section_state.records

                    def write(skip: bool, spool: _Spool = current, name: str = section) -> None:
                        try:
                            if not skip:
                                records = spool.state.records
                                writer.write_spooled(
                                    name,
                                    spool.data,
                                    records,
                                    spool.csv,
                                    records if spool.state.columns else 0,
                                )
                        finally:
                            spool.close()

                    zipper.submit(write)
                    current = None
                    report(force=True)
                zipper.finish()
            except BaseException:
                zipper.finish(abandon=True)  # before the writer removes its part file
                raise
        finished = True
    except BaseException as exc:
        fetcher.stop()
        if current is not None:
            if resumable and consistent:
                with contextlib.suppress(Exception):
                    current.flush()
                    _save_state(directory, state)
            current.close()
        if not resumable:
            shutil.rmtree(directory, ignore_errors=True)
        elif isinstance(exc, ArchiveError) and exc.reason == "cancelled":
            raise ArchiveError(
                "cancelled",
                "The export was cancelled; export again to the "
                "same file to continue where it stopped.",
            ) from None
        raise
    finally:
        if finished:
            fetcher.stop()
            shutil.rmtree(directory, ignore_errors=True)
    result = writer.result
    assert result is not None
    total = done
    if progress is not None:
        progress(done, total)
    return ExportResult(result.path, result.size, result.sha256, result.manifest, counts)


def _parse_lines(chunk: bytes) -> list[dict[str, Any]]:
    """Every line one JSON object (else `corrupt`): the CSV needs the values."""
    loads = orjson.loads
    try:
        items = [loads(line) for line in chunk.split(b"\n") if line.strip()]
    except orjson.JSONDecodeError:
        raise ArchiveError("corrupt", "The shop sent an item that is not valid JSON.") from None
    if not all(type(item) is dict for item in items):
        raise ArchiveError("corrupt", "The shop sent an item that is not a JSON object.")
    return items


def _estimate(api: ShopApi, sections: Sequence[str]) -> int:
    try:
        counts = {c.key: c.count for c in api.list_categories()}
    except ApiError:  # only an estimate for the progress bar
        counts = {}
    return sum(counts.get(CATEGORY_OF.get(s, ""), 1) for s in sections)


__all__ = [
    "BULK_SECTIONS",
    "CATEGORY_OF",
    "TIME_FIELDS",
    "ExportResult",
    "discard_partial",
    "export_archive",
    "partial_dir",
    "section_items",
]
