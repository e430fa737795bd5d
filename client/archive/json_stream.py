"""Records out of a data member, streamed: NDJSON line by line, a JSON array item by item.

The array is parsed by `ijson` (its C backend, yajl2), which holds one item at a time however
long the array is, so memory stays flat; `tests/client/test_archive_reader_memory.py` measures
it. Every malformation (not an array, an item that is not an object, a cut, bytes after the
array, bad UTF-8, one record above `MAX_ITEM_BYTES`) is an `ArchiveError("malformed_json")`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import ijson

from archive_format.manifest import ArchiveError

MAX_ITEM_BYTES = 64 * 1024 * 1024  # one JSON record (an NDJSON line, an array item)
_WS = b" \t\r\n"


def iter_ndjson(chunks: Iterable[bytes], what: str) -> Iterator[dict[str, Any]]:
    """One JSON object per line."""
    pending = b""
    line_no = 0
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            line_no += 1
            yield _object_line(line, what, line_no)
        if len(pending) > MAX_ITEM_BYTES:
            raise ArchiveError(
                "malformed_json",
                f"{what}: line {line_no + 1} is longer than {MAX_ITEM_BYTES} bytes.",
            )
    if pending:
        raise ArchiveError(
            "malformed_json", f"{what}: the last line has no line end (the file is cut short)."
        )


def _object_line(line: bytes, what: str, line_no: int) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError("malformed_json", f"{what}: line {line_no} is not valid JSON.") from None
    if not isinstance(value, dict):
        raise ArchiveError("malformed_json", f"{what}: line {line_no} is not a JSON object.")
    return value


def parse_object(data: bytes, what: str) -> dict[str, Any]:
    """A member that is one JSON object (the account)."""
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError("malformed_json", f"{what} is not valid JSON.") from None
    if not isinstance(value, dict):
        raise ArchiveError("malformed_json", f"{what} is not a JSON object.")
    return value


class _ChunkReader:
    """The file-like `read(n)` ijson wants, over an iterator of byte chunks; counts what it
    handed out so a single record above the cap is refused while it is being read."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._source = iter(chunks)
        self._held = b""
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        while not self._held:
            try:
                self._held = next(self._source)
            except StopIteration:
                return b""
        if size < 0 or size >= len(self._held):
            out, self._held = self._held, b""
        else:
            out, self._held = self._held[:size], self._held[size:]
        self.delivered += len(out)
        return out

    def first_byte(self) -> bytes:
        """The first byte that is not white space (it stays to be read)."""
        while True:
            stripped = self._held.lstrip(_WS)
            self.delivered += len(self._held) - len(stripped)
            self._held = stripped
            if self._held:
                return self._held[:1]
            try:
                self._held = next(self._source)
            except StopIteration:
                return b""


def iter_json_array(chunks: Iterable[bytes], what: str) -> Iterator[dict[str, Any]]:
    """The objects of one top-level JSON array, parsed incrementally (memory stays flat)."""

    def bad(detail: str) -> ArchiveError:
        return ArchiveError("malformed_json", f"{what} is not valid JSON: {detail}.")

    reader = _ChunkReader(chunks)
    if reader.first_byte() != b"[":
        raise bad("it is not an array")
    items = ijson.items(reader, "item", use_float=True)
    before = 0
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except ijson.JSONError:
            raise bad("it is malformed or cut short") from None
        except UnicodeDecodeError:
            raise bad("it is not UTF-8") from None
        if reader.delivered - before > MAX_ITEM_BYTES + 2 * 65536:
            raise bad(f"an item is longer than {MAX_ITEM_BYTES} bytes")
        before = reader.delivered
        if not isinstance(item, dict):
            raise bad("an item is not an object")
        yield item


__all__ = ["MAX_ITEM_BYTES", "iter_json_array", "iter_ndjson", "parse_object"]
