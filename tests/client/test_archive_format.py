"""Writing and reading archives without a shop: round trips, integrity, hostile files, crypto."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from client.archive import (
    ArchiveError,
    ArchiveWriter,
    Limits,
    open_archive,
    verify_archive,
    write_archive,
)
from client.archive.crypto import MAGIC, is_encrypted
from client.archive.reader import iter_json_array
from tests.client.archive_helpers import (
    SHOP,
    SUBJECT,
    craft,
    manifest_for,
    sample_sections,
    small_archive,
    tracks_ndjson,
)

TEXTS = [
    "林美的蓝牙耳机",
    "🎧🛒👩🏽‍💻",
    "مرحبا بالعالم",
    "שלום עולם",
    "Ünïcødé",
    'a"b\\c\n',
    "\u202eRTL override",
    "",
]


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# --- round trips ----------------------------------------------------------------------------


def test_round_trip_keeps_every_item_and_writes_only_the_final_file(tmp_path: Path) -> None:
    sections = sample_sections(50)
    result = write_archive(tmp_path / "a.zip", sections, shop=SHOP, subject=SUBJECT)
    assert listing(tmp_path) == ["a.zip"]
    with open_archive(result.path) as archive:
        assert archive.sections == ["account", "tracks", "orders"]
        assert archive.manifest.source == "client"
        assert archive.manifest.signature is None
        for name, items in sections.items():
            assert list(archive.iter_items(name)) == items
        names = set(archive.member_names)
    assert names == {
        "manifest.json",
        "index.html",
        "data/account.json",
        "csv/account.csv",
        "data/tracks.ndjson",
        "csv/tracks.csv",
        "data/orders.json",
        "csv/orders.csv",
    }
    with zipfile.ZipFile(result.path) as plain:  # any ZIP tool reads it too
        assert plain.read("csv/tracks.csv").startswith("\ufeffid,kind,text".encode())
        assert "林美" in plain.read("index.html").decode()
        assert plain.testzip() is None


item = st.fixed_dictionaries(
    {
        "text": st.one_of(
            st.sampled_from(TEXTS), st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
        ),
        "n": st.integers(-(2**53), 2**53),
        "flag": st.booleans(),
        "nested": st.lists(
            st.dictionaries(
                st.sampled_from(["a", "名", "🎧"]), st.one_of(st.none(), st.text(max_size=5))
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tracks=st.lists(item, max_size=30), orders=st.lists(item, max_size=10), encrypt=st.booleans()
)
def test_property_round_trip(tracks, orders, encrypt) -> None:
    sections = {
        "tracks": [{"id": str(i), **t} for i, t in enumerate(tracks)],
        "orders": [{"id": f"o{i}", **o} for i, o in enumerate(orders)],
    }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "p.zip"
        passphrase = "correct horse 马" if encrypt else None
        write_archive(path, sections, shop=SHOP, subject=SUBJECT, passphrase=passphrase)
        with open_archive(path, passphrase=passphrase) as archive:
            assert list(archive.iter_items("tracks")) == sections["tracks"]
            assert list(archive.iter_items("orders")) == sections["orders"]
            assert {f.section: f.records for f in archive.manifest.files if f.section} == {
                "tracks": len(tracks),
                "orders": len(orders),
            }


def test_json_arrays_stream_across_chunk_boundaries() -> None:
    items = [{"id": str(i), "t": "汉字🎧" * (i % 7)} for i in range(300)]
    blob = json.dumps(items, ensure_ascii=False).encode()
    for size in (1, 3, 7, 64):
        chunks = [blob[i : i + size] for i in range(0, len(blob), size)]
        assert list(iter_json_array(chunks, "x")) == items
    with pytest.raises(ArchiveError) as caught:
        list(iter_json_array([blob[:-1]], "x"))
    assert caught.value.reason == "malformed_json"


# --- integrity ------------------------------------------------------------------------------


def test_a_flipped_byte_anywhere_is_caught(tmp_path: Path) -> None:
    original = small_archive(tmp_path / "a.zip").read_bytes()
    target = tmp_path / "flipped.zip"
    missed = []
    for offset in range(len(original)):  # every offset of a ~2.5 KB archive
        data = bytearray(original)
        data[offset] ^= 0xFF
        target.write_bytes(bytes(data))
        try:
            open_archive(target).close()
        except ArchiveError:
            continue
        missed.append(offset)
    assert missed == []


def test_a_flipped_bit_in_an_encrypted_archive_is_caught(tmp_path: Path) -> None:
    original = small_archive(tmp_path / "a.zip", passphrase="pw").read_bytes()
    target = tmp_path / "flipped.zip"
    for offset in [*range(0, 60), *range(60, len(original), 101), len(original) - 1]:
        data = bytearray(original)
        data[offset] ^= 0x01
        target.write_bytes(bytes(data))
        with pytest.raises(ArchiveError):
            open_archive(target, passphrase="pw").close()


def test_signed_archive_verifies_and_a_wrong_key_does_not(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    path = small_archive(tmp_path / "s.zip", signing_key=key, kid="k-1", source="shop")
    good = {"k-1": key.public_key()}
    report = verify_archive(path, keys=good)
    assert report.ok
    assert report.signature_ok
    assert report.kid == "k-1"
    bad = verify_archive(path, keys={"k-1": Ed25519PrivateKey.generate().public_key()})
    assert not bad.ok
    assert bad.reason == "bad_signature"
    unknown = verify_archive(path, keys={"k-2": key.public_key()})
    assert not unknown.ok
    assert unknown.reason == "unknown_key"
    assert verify_archive(path).reason == "unknown_key"  # signed, but no key to check
    with pytest.raises(ArchiveError) as caught:
        open_archive(path, keys={"k-1": Ed25519PrivateKey.generate().public_key()})
    assert caught.value.reason == "bad_signature"
    client_made = small_archive(tmp_path / "c.zip")
    assert verify_archive(client_made).ok
    assert verify_archive(client_made, require_signature=True).reason == "unsigned"


def test_a_re_signed_manifest_with_changed_content_fails(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    path = small_archive(tmp_path / "s.zip", signing_key=key, kid="k-1", source="shop")
    with open_archive(path) as archive:
        members = [
            (n, archive.read_member(n)) for n in archive.member_names if n != "manifest.json"
        ]
        signed = dict(archive.manifest.raw)
    members = [(n, d.replace("蓝牙耳机".encode(), "无线耳机".encode())) for n, d in members]
    forged = manifest_for(members, source="shop", signature=signed["signature"])
    craft(tmp_path / "forged.zip", members, manifest=forged)
    report = verify_archive(tmp_path / "forged.zip", keys={"k-1": key.public_key()})
    assert not report.ok
    assert report.reason == "bad_signature"


# --- hostile archives -----------------------------------------------------------------------

GOOD = [("data/tracks.ndjson", tracks_ndjson())]


def _unlisted(m: dict) -> None:
    m["files"] = [f for f in m["files"] if f["path"] != "extra.txt"]


def _missing(m: dict) -> None:
    m["files"].append({**m["files"][0], "path": "data/logs.ndjson"})


def _bad_sha(m: dict) -> None:
    m["files"][0]["sha256"] = "0" * 64


def _bad_size(m: dict) -> None:
    m["files"][0]["size"] += 1


def _records(m: dict) -> None:
    m["files"][0]["records"] = 99


def _format(m: dict) -> None:
    m["format"] = "something-else"


def _version(m: dict) -> None:
    m["format_version"] = 2


def _bad_files(m: dict) -> None:
    m["files"] = "all of them"


HOSTILE = [
    ("dotdot", [("../evil.txt", b"x")], None, {}, "unsafe_path"),
    ("nested dotdot", [("data/../../evil.txt", b"x")], None, {}, "unsafe_path"),
    ("absolute", [("/etc/evil", b"x")], None, {}, "unsafe_path"),
    ("backslash", [("data\\evil.json", b"x")], None, {}, "unsafe_path"),
    ("drive letter", [("C:/evil.txt", b"x")], None, {}, "unsafe_path"),
    ("symlink", [("link", b"/etc/passwd")], None, {"link": 0o120777}, "symlink"),
    ("directory", [("dir/", b"")], None, {"dir/": 0o040755}, "not_regular"),
    ("device", [("dev", b"")], None, {"dev": 0o020644}, "not_regular"),
    ("duplicate", [*GOOD, ("data/tracks.ndjson", tracks_ndjson())], None, {}, "duplicate_member"),
    ("unlisted", [*GOOD, ("extra.txt", b"hi")], _unlisted, {}, "unlisted_member"),
    ("missing", GOOD, _missing, {}, "missing_member"),
    ("checksum", GOOD, _bad_sha, {}, "checksum_mismatch"),
    ("size", GOOD, _bad_size, {}, "size_mismatch"),
    ("records", GOOD, _records, {}, "record_count_mismatch"),
    (
        "malformed json",
        [("data/tracks.ndjson", b'{"id": "1"}\n{"id": \n')],
        None,
        {},
        "malformed_json",
    ),
    ("not objects", [("data/orders.json", b"[1, 2]")], None, {}, "malformed_json"),
    ("wrong format", GOOD, _format, {}, "wrong_format"),
    ("wrong version", GOOD, _version, {}, "unsupported_version"),
    ("malformed manifest", GOOD, _bad_files, {}, "malformed_manifest"),
]


@pytest.mark.parametrize(
    ("members", "edit", "modes", "reason"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_archives_are_refused_and_nothing_is_written(
    tmp_path: Path, members, edit, modes, reason
) -> None:
    path = craft(tmp_path / "hostile.zip", members, edit=edit, modes=modes)
    before = listing(tmp_path)
    with pytest.raises(ArchiveError) as caught:
        open_archive(path)
    assert caught.value.reason == reason, caught.value
    assert str(caught.value)  # a readable message
    assert listing(tmp_path) == before
    assert not (tmp_path.parent / "evil.txt").exists()
    report = verify_archive(path)
    assert not report.ok
    assert report.reason == reason
    assert report.problems


def test_missing_manifest_truncated_garbage_and_comments(tmp_path: Path) -> None:
    no_manifest = tmp_path / "nm.zip"
    with zipfile.ZipFile(no_manifest, "w") as z:
        z.writestr("data/tracks.ndjson", tracks_ndjson())
    good = small_archive(tmp_path / "good.zip").read_bytes()
    cases = {
        "missing_manifest": no_manifest,
        "truncated": tmp_path / "cut.zip",
        "not_an_archive": tmp_path / "garbage.zip",
        "corrupt": tmp_path / "comment.zip",
    }
    cases["truncated"].write_bytes(good[: len(good) // 2])
    cases["not_an_archive"].write_bytes(os.urandom(4096))
    cases["corrupt"].write_bytes(good[:-2] + b"\x05\x00hello")  # an end-record comment
    for reason, path in cases.items():
        with pytest.raises(ArchiveError) as caught:
            open_archive(path)
        assert caught.value.reason == reason, (reason, caught.value)
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    with pytest.raises(ArchiveError) as caught:
        open_archive(empty)
    assert caught.value.reason == "not_an_archive"
    with pytest.raises(ArchiveError) as caught:
        open_archive(tmp_path / "nope.zip")
    assert caught.value.reason == "not_found"


def test_caps_are_counted_while_decompressing(tmp_path: Path) -> None:
    zeros = b"\0" * 200_000
    path = craft(tmp_path / "z.zip", [("index.html", zeros), ("csv/a.csv", b"a,b\r\n" * 10)])
    open_archive(path).close()  # within the default caps: opening raises nothing
    cases = [
        (Limits(max_entries=2), "too_many_members"),
        (Limits(max_member_size=100_000), "member_too_large"),
        (Limits(max_total_size=150_000), "total_too_large"),
        (Limits(max_ratio=50, ratio_min_bytes=0), "compression_ratio"),
    ]
    for limits, reason in cases:
        with pytest.raises(ArchiveError) as caught:
            open_archive(path, limits=limits)
        assert caught.value.reason == reason


def test_a_real_zip_bomb_is_stopped_early_with_default_caps(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("index.html", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with z.open(info, "w", force_zip64=True) as out:
            block = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MiB of zeros, ~64 KiB compressed
                out.write(block)
        # the manifest tells the truth about the size: only the ratio gives it away
        z.writestr("manifest.json", json.dumps(manifest_for([("index.html", block * 64)])))
    with pytest.raises(ArchiveError) as caught:
        open_archive(path)
    assert caught.value.reason == "compression_ratio"


def test_headers_that_lie_about_sizes_are_refused(tmp_path: Path) -> None:
    path = craft(tmp_path / "z.zip", GOOD)
    data = bytearray(path.read_bytes())
    # the central directory's uncompressed size of the first member: claim 1 byte
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x01\x02"))
    data[cd + 24 : cd + 28] = (1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError) as caught:
        open_archive(path)
    assert caught.value.reason == "corrupt"


# --- encryption -----------------------------------------------------------------------------


def test_encrypted_round_trip_and_refusals(tmp_path: Path) -> None:
    path = small_archive(tmp_path / "e.zip", passphrase="几个字 and words")
    raw = path.read_bytes()
    assert raw.startswith(MAGIC)
    assert is_encrypted(path)
    assert "蓝牙".encode() not in raw
    assert b"tracks" not in raw
    with open_archive(path, passphrase="几个字 and words") as archive:
        assert archive.encrypted
        assert list(archive.iter_items("tracks")) == sample_sections()["tracks"]
    for passphrase, reason in ((None, "encrypted"), ("wrong", "wrong_passphrase")):
        with pytest.raises(ArchiveError) as caught:
            open_archive(path, passphrase=passphrase)
        assert caught.value.reason == reason
    for cut in (len(raw) - 1, len(raw) - 17, 41 + 10, 30):
        (tmp_path / "cut.zip").write_bytes(raw[:cut])
        with pytest.raises(ArchiveError) as caught:
            open_archive(tmp_path / "cut.zip", passphrase="几个字 and words")
        assert caught.value.reason in ("truncated", "wrong_passphrase"), cut
    report = verify_archive(path, passphrase="几个字 and words")
    assert report.ok
    assert report.encrypted


def test_large_encrypted_archive_truncated_at_a_chunk_boundary(tmp_path: Path) -> None:
    sections = {"tracks": [{"id": str(i), "text": os.urandom(40).hex()} for i in range(3000)]}
    path = write_archive(
        tmp_path / "big.zip", sections, shop=SHOP, subject=SUBJECT, passphrase="pw"
    ).path
    raw = path.read_bytes()
    assert len(raw) > 3 * (65536 + 16)
    boundary = 41 + 2 * (65536 + 16)  # exactly two whole chunks: the end is missing
    (tmp_path / "cut.zip").write_bytes(raw[:boundary])
    with pytest.raises(ArchiveError) as caught:
        open_archive(tmp_path / "cut.zip", passphrase="pw")
    assert caught.value.reason == "truncated"
    with open_archive(path, passphrase="pw") as archive:
        assert sum(1 for _ in archive.iter_items("tracks")) == 3000


# --- atomic writing -------------------------------------------------------------------------


def test_a_failed_or_cancelled_write_leaves_nothing(tmp_path: Path) -> None:
    def items():
        yield {"id": "1"}
        raise RuntimeError("the shop went away")

    with (
        pytest.raises(RuntimeError),
        ArchiveWriter(tmp_path / "a.zip", shop=SHOP, subject=SUBJECT) as writer,
    ):
        writer.write_section("tracks", items())
    assert listing(tmp_path) == []

    calls = iter(range(100))
    with (
        pytest.raises(ArchiveError) as caught,
        ArchiveWriter(
            tmp_path / "b.zip",
            shop=SHOP,
            subject=SUBJECT,
            passphrase="pw",
            cancel=lambda: next(calls) >= 3,
        ) as writer,
    ):
        writer.write_section("tracks", ({"id": str(i)} for i in range(10)))
    assert caught.value.reason == "cancelled"
    assert listing(tmp_path) == []


def test_the_part_file_is_all_there_is_while_writing(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def items():
        for i in range(3):
            seen.append(listing(tmp_path))
            yield {"id": str(i)}

    write_archive(tmp_path / "a.zip", {"tracks": items()}, shop=SHOP, subject=SUBJECT)
    assert all("a.zip" not in names and "a.zip.part" in names for names in seen)
    assert listing(tmp_path) == ["a.zip"]


# -- the cost of the passphrase's key derivation ------------------------------------------------
_LOG2_N, _R, _P = 10, 11, 12  # offsets of scrypt's parameters in the 41-byte header


@pytest.mark.parametrize(
    ("log2_n", "r", "p"),
    [
        (20, 8, 1),  # 1 GiB of memory
        (19, 32, 1),  # 2 GiB
        (20, 32, 1),  # 4 GiB: what an unchecked file could ask for
        (18, 8, 16),  # 256 MiB, but 16 times age's work
        (21, 8, 1),  # log2 N beyond any cap
        (18, 200, 1),  # r out of range
        (18, 8, 0),  # p = 0 is no scrypt
        (0, 8, 1),
    ],
)
def test_crafted_scrypt_parameters_are_refused_before_any_work(
    tmp_path: Path, log2_n: int, r: int, p: int
) -> None:
    import time

    from client.cli import main

    original = small_archive(tmp_path / "a.zip", passphrase="pw").read_bytes()
    crafted = bytearray(original)
    crafted[_LOG2_N], crafted[_R], crafted[_P] = log2_n, r, p
    target = tmp_path / "crafted.zip.enc"
    target.write_bytes(bytes(crafted))
    started = time.monotonic()
    with pytest.raises(ArchiveError) as caught:
        open_archive(target, passphrase="pw")
    assert caught.value.reason == "kdf_too_costly"
    assert "scrypt" in str(caught.value)
    assert verify_archive(target, passphrase="pw").reason == "kdf_too_costly"
    assert time.monotonic() - started < 2.0  # refused from the header, nothing derived
    # The command line says so, and writes nothing.
    secret = tmp_path / "pass.txt"
    secret.write_text("pw\n")
    out = tmp_path / "out.db"
    code = main(
        ["archive", "to-sqlite", str(target), str(out), "--passphrase-file", str(secret)],
        out=io.StringIO(),
        err=(err := io.StringIO()),
    )
    assert code == 1
    assert "kdf_too_costly" in err.getvalue()
    assert not out.exists()
    assert not list(tmp_path.glob("out.db*"))


def test_the_highest_accepted_cost_is_within_the_documented_cap() -> None:
    from client.archive import crypto

    crypto.check_scrypt_cost(19, 8, 1)  # 512 MiB, twice age's memory: still read
    crypto.check_scrypt_cost(18, 8, 4)  # four times age's work: still read
    crypto.check_scrypt_cost(15, 8, 1)  # what earlier versions wrote
    crypto.check_scrypt_cost(19, 8, 2)  # exactly at both limits
    for params in ((19, 8, 3), (20, 4, 3), (20, 8, 1), (19, 9, 1)):
        with pytest.raises(ArchiveError):
            crypto.check_scrypt_cost(*params)
    assert crypto.MAX_SCRYPT_MEMORY == 512 * 2**20
    assert crypto.MAX_SCRYPT_WORK == 2**23


def test_archives_are_encrypted_at_least_at_ages_default_cost(
    tmp_path: Path, real_archive_kdf: None
) -> None:
    from client.archive import crypto

    assert crypto.SCRYPT_LOG2_N >= 18
    header = small_archive(tmp_path / "a.zip", passphrase="pw").read_bytes()[: crypto.HEADER_SIZE]
    assert (header[_LOG2_N], header[_R], header[_P]) == (18, 8, 1)
    with pytest.raises(ValueError, match="weaker than age"):
        crypto.EncryptingWriter(io.BytesIO(), "pw", log2_n=15)
