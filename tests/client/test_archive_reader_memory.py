"""The JSON-array reader (ijson) holds one record at a time: memory stays flat however long the
member is, and a malformed array is still refused."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator

import pytest

from client.archive import ArchiveError
from client.archive.json_stream import iter_json_array

RECORDS = 30_000  # about 6 MB of JSON, never all in memory


def _chunks() -> Iterator[bytes]:
    yield b"["
    for i in range(RECORDS):
        record = {"id": str(i), "text": f"搜索 {i} " + "x" * 150, "at": "2026-01-01T00:00:00Z"}
        yield (b"," if i else b"") + json.dumps(record, ensure_ascii=False).encode()
    yield b"]"


def test_a_long_array_is_read_in_flat_memory() -> None:
    tracemalloc.start()
    try:
        count = 0
        for item in iter_json_array(_chunks(), "data/orders.json"):
            assert item["id"] == str(count)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == RECORDS
    # the whole member is ~6 MB; a parser that held it (or its items) would peak far above
    assert peak < 2 * 1024 * 1024, peak


@pytest.mark.parametrize(
    "blob",
    [
        b'[{"a": 1}, ',
        b'{"a": 1}',
        b"[1]",
        b'[{"a": 1}] trailing',
        b'[{"a": "\xff"}]',
        b'[{"a": 1},]',
    ],
    ids=["cut short", "not an array", "not objects", "trailing", "not utf-8", "trailing comma"],
)
def test_malformed_arrays_are_refused(blob: bytes) -> None:
    with pytest.raises(ArchiveError) as caught:
        list(iter_json_array([blob[i : i + 3] for i in range(0, len(blob), 3)], "x"))
    assert caught.value.reason == "malformed_json"
    assert "\n" not in str(caught.value)  # one plain sentence, no parser dump
