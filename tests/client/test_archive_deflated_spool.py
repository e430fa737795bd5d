"""Members deflated as they come (`archive_format.writer.DeflatedSpool`, `SectionSpool`).

A threaded writer deflates, CRCs and hashes each section's CSV copy on a thread of its own while
the rows come, and its member is then the ready deflate stream copied as it is. The archive
must hold the same bytes as one written the plain way: every member equal, every CRC right, the
manifest's size and SHA-256 those of the member's bytes; and the same when zipfile lacks the
private counters the copy sets (then the stream is inflated and deflated again). A section made
ahead (`SectionSpool`, the shop's orders read ahead) is the section written in place.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest

from archive_format import writer as archive_writer
from archive_format.canonical import compact_json
from archive_format.writer import ArchiveWriter, ItemChunk, csv_cells

WHEN = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
RECORDS = [
    {"id": str(n), "text": f'row {n}, "quoted"\nline' if n % 7 == 0 else f"=row {n}", "n": n}
    for n in range(30_000)
]


def _write(path: Path, *, threaded: bool) -> dict[str, Any]:
    with ArchiveWriter(
        path,
        shop={"id": "s", "name": "Shop"},
        subject={"customer_no": "C1", "display_name": "Lin"},
        created_at=WHEN,
        threaded=threaded,
    ) as writer:
        writer.write_section("tags", iter(RECORDS))
        writer.write_section("tracks", iter(RECORDS[:5]))
    assert writer.result is not None
    return writer.result.manifest


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every CRC
        return {n: archive.read(n) for n in archive.namelist() if n.startswith(("data/", "csv/"))}


def _check(path: Path, manifest: dict[str, Any]) -> None:
    members = _members(path)
    for entry in manifest["files"]:
        if entry["path"] in members:
            data = members[entry["path"]]
            assert entry["size"] == len(data), entry["path"]
            assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]


def test_a_threaded_writer_writes_the_same_csv_members(tmp_path: Path) -> None:
    plain = _write(tmp_path / "plain.zip", threaded=False)
    threaded = _write(tmp_path / "threaded.zip", threaded=True)
    assert _members(tmp_path / "plain.zip") == _members(tmp_path / "threaded.zip")
    _check(tmp_path / "threaded.zip", threaded)
    assert [f["sha256"] for f in plain["files"]] == [f["sha256"] for f in threaded["files"]]
    csv_text = _members(tmp_path / "threaded.zip")["csv/tags.csv"].decode("utf-8-sig")
    assert csv_text.count("\r\n") > len(RECORDS)  # the quoted line breaks, and every row
    assert "'=row 1," in csv_text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.zip", "threaded.zip"]


def test_without_zipfiles_counters_the_stream_is_deflated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a Python's zipfile has no `_crc`/`_file_size` on its member stream, the copy cannot
    set them: the writer inflates the ready stream and lets zipfile deflate it itself."""
    real_open = zipfile.ZipFile.open
    fallbacks: list[str] = []

    class Hidden:
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def write(self, data: bytes) -> int:
            return int(self._stream.write(data))

        def close(self) -> None:
            self._stream.close()

    def opened(
        self: zipfile.ZipFile, name: Any, mode: Literal["r", "w"] = "r", **kwargs: Any
    ) -> Any:
        stream = real_open(self, name, mode, **kwargs)
        if mode == "w" and str(getattr(name, "filename", name)).startswith("csv/"):
            fallbacks.append(str(name.filename))
            return Hidden(stream)
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", opened)
    manifest = _write(tmp_path / "fallback.zip", threaded=True)
    monkeypatch.undo()
    assert fallbacks == ["csv/tags.csv", "csv/tracks.csv"]
    _check(tmp_path / "fallback.zip", manifest)
    _write(tmp_path / "plain.zip", threaded=False)
    assert _members(tmp_path / "fallback.zip") == _members(tmp_path / "plain.zip")


def test_a_failing_spool_fails_the_section_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def compress(self, data: bytes, /) -> bytes:
            raise OSError("no space left")

        def flush(self, /) -> bytes:
            return b""

    real = archive_writer.DeflatedSpool.__init__

    def broken_init(self: Any, directory: Path, deflater: Any = None) -> None:
        real(self, directory, Broken)

    monkeypatch.setattr(archive_writer.DeflatedSpool, "__init__", broken_init)
    with pytest.raises(OSError, match="no space left"):
        _write(tmp_path / "broken.zip", threaded=True)
    assert list(tmp_path.iterdir()) == []  # no archive, part file or spool


def _chunks(records: list[dict[str, Any]]) -> list[ItemChunk]:
    lines = [compact_json(r) + b"\n" for r in records]
    rows = [csv_cells(r, list(records[0])) for r in records]
    return [
        ItemChunk(b"".join(lines[i : i + 700]), len(lines[i : i + 700]), rows[i : i + 700])
        for i in range(0, len(lines), 700)
    ]


@pytest.mark.parametrize("section", ["tags", "tracks"])  # a JSON array, an NDJSON member
def test_a_section_made_ahead_is_the_section_written_in_place(tmp_path: Path, section: str) -> None:
    columns = list(RECORDS[0])
    manifests = []
    for name, ahead in (("inline.zip", False), ("ahead.zip", True)):
        with ArchiveWriter(
            tmp_path / name,
            shop={"id": "s", "name": "Shop"},
            subject={"customer_no": "C1", "display_name": "Lin"},
            created_at=WHEN,
            threaded=True,
        ) as writer:
            if ahead:
                spool = writer.section_spool(section, columns)
                try:
                    for chunk in _chunks(RECORDS):
                        spool.add(chunk)
                    spool.end()
                    writer.write_section_spool(spool)
                finally:
                    spool.close()
            else:
                writer.write_chunks(section, _chunks(RECORDS), columns)
        assert writer.result is not None
        manifests.append(writer.result.manifest)
        _check(tmp_path / name, writer.result.manifest)
    assert _members(tmp_path / "inline.zip") == _members(tmp_path / "ahead.zip")
    assert manifests[0]["files"] == manifests[1]["files"]
    with zipfile.ZipFile(tmp_path / "ahead.zip") as archive:
        index = archive.read("index.html").decode()
    assert "row 1" in index  # the index page previews the section made ahead
