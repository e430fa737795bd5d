"""One rule makes every CSV cell of an archive or export, and no caller's bytes changed with it.

A CSV cell is made on four paths: the shared writer's `write_section` (the app's test archives,
the shop's hand-written sections: `archive_format.writer.csv_cells`), the shop's bulk sections
read in Python (`server.bulk.csv_values`), the app's export spool (`client.archive.export`) and,
inside SQLite, the shop's bulk sections built in SQL (`server.bulk._csv_field_sql`,
`_csv_cell_sql`). `csv_cells_main.json` holds the CSV bytes each Python path wrote for awkward
values before the rule had one owner (captured from main at 59a2b71 by this module's `__main__`,
not regenerated since): every path must still write them.

The one difference between the paths is the JSON encoder of a nested value, and it is on
purpose: each CSV cell holds the same JSON text as its record's data member. The shared writer
writes `data/` with the standard library (`compact_json`: archive_format stays stdlib-only),
so its cells do too (`1e+16`); the shop's bulk lines are orjson with naive times as UTC `Z`
(`bulk.encode`), the app's spooled lines plain orjson (`1e16`): their cells use the same.
"""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import create_engine, literal, select

from archive_format import writer as writer_module
from archive_format.canonical import compact_json
from archive_format.cells import csv_cells, csv_row
from archive_format.writer import CsvSpool, write_archive
from client.archive import export as client_export
from server import bulk

MAIN_FILE = Path(__file__).with_name("csv_cells_main.json")

# Awkward values, by a stable name (each goes into a row of its own and into one wide row).
VALUES: dict[str, Any] = {
    "none": None,
    "true": True,
    "false": False,
    "zero": 0,
    "negative": -5,
    "int_2_53_plus_1": 2**53 + 1,
    "int64_max": 2**63 - 1,
    "int64_min": -(2**63),
    "int_2_64": 2**64,
    "int_10_30": 10**30,
    "float_1e16": 1e16,
    "float_1e-7": 1e-7,
    "float_1e300": 1e300,
    "float_negative_zero": -0.0,
    "float_point_1_plus_point_2": 0.1 + 0.2,
    "float_two": 2.0,
    "float_inf": float("inf"),
    "float_nan": float("nan"),
    "empty": "",
    "plain": "plain",
    "comma": "a,b",
    "quote": 'say "hi"',
    "lf": "line\nbreak",
    "cr": "carriage\rreturn",
    "crlf": "crlf\r\nend",
    "nul": "nul\x00inside",
    "control": "\x01\x08\x0c\x1b\x1f\x7f",
    "unicode": "耳机 中文 Ünïcødé",
    "emoji": "🎧👩‍👩‍👧",
    "line_separator": "a\u2028b\u2029c",
    "bom": "\ufeffbom",
    "formula_equals": "=1+1",
    "formula_plus": "+86 138 0000 0000",
    "formula_minus": "-3 items",
    "formula_at": "@SUM(A1)",
    "formula_tab": "\t=cmd",
    "formula_cr": "\r=cmd",
    "formula_hyperlink": '=HYPERLINK("http://x.example/?a="&A1,"open, now")',
    "leading_space_equals": " =1+1",
    "leading_apostrophe": "'quoted",
    "inner_equals": "a=b",
    "lone_surrogate": "\ud800",
    "list_empty": [],
    "dict_empty": {},
    "list_mixed": [1, 1.5, 1e16, -0.0, None, True, "=x", "耳机", [2, [3]]],
    "dict_key_order": {"z": 1, "a": 2, "m": {"y": None, "b": [1, {"k": "v"}]}},
    "dict_awkward_text": {"t": 'q"uote, \n\r\x00\x01\x1f\x7f\u2028 🎧 耳机', "=k": "=v"},
    "dict_floats": {"a": 0.1 + 0.2, "b": 1e16, "c": 1e-7, "d": -0.0, "e": 10**30},
    "dict_int_key": {1: "one"},
    "dict_datetime": {"at": datetime(2026, 3, 2, 9, 0, 0, 5)},
    "datetime_naive": datetime(2026, 3, 2, 9, 0),
    "datetime_naive_micro": datetime(2026, 3, 2, 9, 0, 0, 120000),
    "datetime_aware_utc": datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    "datetime_aware_plus8": datetime(2026, 3, 2, 17, 0, tzinfo=timezone(timedelta(hours=8))),
}
# Values some path cannot write at all (stdlib json: no datetimes; orjson: no int beyond 64 bits
# or non-text keys; UTF-8: no lone surrogate), left out of the wide row.
NOT_EVERYWHERE = {
    "lone_surrogate",
    "int_2_64",
    "int_10_30",
    "dict_floats",
    "dict_int_key",
    "dict_datetime",
    "datetime_naive",
    "datetime_naive_micro",
    "datetime_aware_utc",
    "datetime_aware_plus8",
}
WIDE = "wide"  # a row with every other value at once, one column each


def _items() -> dict[str, tuple[list[str], dict[str, Any]]]:
    """Each test row: its columns and its item."""
    rows = {name: (["v"], {"v": value}) for name, value in VALUES.items()}
    wide = {name: value for name, value in VALUES.items() if name not in NOT_EVERYWHERE}
    rows[WIDE] = (list(wide), wide)
    return rows


def _spooled(rows: list[Sequence[Any]], columns: Sequence[str], directory: Path) -> bytes:
    """CSV rows as the shared writer spools them (BOM, header, CRLF), what both the shop's
    builder (`archive_builder`, `write_chunks`) and `write_section` write into the member."""
    spool = CsvSpool(directory)
    try:
        spool.header(columns)
        spool.add(rows)
        spool.file.seek(0)
        return spool.file.read()
    finally:
        spool.file.close()


def shared_write_section(columns: list[str], item: dict[str, Any], directory: Path) -> bytes:
    """The shared writer end to end (the app's test archives, `write_archive`)."""
    path = directory / "a.zip"
    write_archive(path, {"tracks": [item]}, shop={"name": "s"}, subject={"id": "u"})
    with zipfile.ZipFile(path) as archive:
        return archive.read("csv/tracks.csv")


def shared_rule(columns: list[str], item: dict[str, Any], directory: Path) -> bytes:
    """The shop's hand-written sections (`server.archive_sections`): `csv_cells` rows."""
    return _spooled([csv_cells(item, columns)], columns, directory)


def shop_bulk(columns: list[str], item: dict[str, Any], directory: Path) -> bytes:
    """The shop's bulk sections read in Python (`bulk.chunks`: locations and decisions, and
    every section on PostgreSQL)."""
    return _spooled([bulk.csv_values(item, columns)], columns, directory)


def app_export(columns: list[str], item: dict[str, Any], directory: Path) -> bytes:
    """The app's export: the item as it arrives (the shop's JSON, decoded), spooled."""
    arrived = orjson.loads(bulk.encode(item))
    line = orjson.dumps(arrived, option=orjson.OPT_APPEND_NEWLINE)
    spool = client_export._Spool(directory, "tracks", client_export._SectionState(), False)
    try:
        spool.add(line, [arrived])
        spool.flush()
        spool.csv.seek(0)
        return spool.csv.read()
    finally:
        spool.close()


PATHS: dict[str, Callable[[list[str], dict[str, Any], Path], bytes]] = {
    "shared_write_section": shared_write_section,
    "shared_rule": shared_rule,
    "shop_bulk": shop_bulk,
    "app_export": app_export,
}


def _outcome(path: str, name: str, directory: Path) -> str:
    """What a path writes for a row: its bytes (base64), or the error it raises."""
    columns, item = _items()[name]
    target = directory / f"{path}-{name}"
    target.mkdir()
    try:
        return base64.b64encode(PATHS[path](columns, item, target)).decode("ascii")
    except (TypeError, ValueError, UnicodeError) as exc:
        return f"error: {type(exc).__name__}"


def capture(directory: Path) -> dict[str, dict[str, str]]:
    return {p: {n: _outcome(p, n, directory) for n in _items()} for p in PATHS}


@functools.cache
def main_bytes() -> dict[str, dict[str, str]]:
    """The captured outcomes: {path: {row: base64 bytes or "error: ..."}}."""
    loaded: dict[str, dict[str, str]] = json.loads(MAIN_FILE.read_text("utf-8"))
    return loaded


@pytest.mark.parametrize("path", list(PATHS))
def test_every_path_writes_the_bytes_it_wrote_before(path: str, tmp_path: Path) -> None:
    assert set(main_bytes()[path]) == set(_items())
    now = {n: _outcome(path, n, tmp_path) for n in _items()}
    changed = {n: (main_bytes()[path][n], now[n]) for n in now if now[n] != main_bytes()[path][n]}
    assert not changed


def _cells(path: str, name: str) -> list[str]:
    """The data row of a captured file, as a CSV reader reads it."""
    raw = base64.b64decode(main_bytes()[path][name]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(raw, newline="")))[1]


def test_the_captured_rows_show_the_rule_and_each_paths_encoder() -> None:
    """The captured bytes are not just any bytes: the rule as documented, per path."""
    for path in PATHS:
        assert _cells(path, "formula_hyperlink") == ["'" + VALUES["formula_hyperlink"]]
        for name in ("formula_equals", "formula_tab", "formula_cr", "formula_at"):
            assert _cells(path, name) == ["'" + VALUES[name]]
        assert _cells(path, "leading_space_equals") == [" =1+1"]
        assert _cells(path, "none") == [""]
        assert _cells(path, "true") == ["true"]
        assert _cells(path, "float_1e16") == ["1e+16"]  # a plain number: Python's repr
        assert _cells(path, "crlf") == ["crlf\r\nend"]
        assert json.loads(_cells(path, "dict_key_order")[0]) == VALUES["dict_key_order"]
        assert list(json.loads(_cells(path, "dict_key_order")[0])) == ["z", "a", "m"]
    # the encoders: the shared writer's stdlib json, the shop's and the app's orjson ...
    assert _cells("shared_write_section", "dict_floats") == [
        '{"a":0.30000000000000004,"b":1e+16,"c":1e-07,"d":-0.0,"e":1000000000000000000000000000000}'
    ]
    assert _cells("shop_bulk", "list_mixed")[0].startswith('[1,1.5,1e16,-0.0,null,true,"=x",')
    assert _cells("app_export", "list_mixed")[0].startswith('[1,1.5,1e16,-0.0,null,true,"=x",')
    # ... each the encoder of its own data member
    item = VALUES["list_mixed"]
    assert _cells("shared_write_section", "list_mixed") == [compact_json(item).decode()]
    assert _cells("shop_bulk", "list_mixed") == [bulk.encode(item).decode()]
    assert _cells("app_export", "list_mixed") == [orjson.dumps(item).decode()]
    assert _cells("shop_bulk", "datetime_naive_micro") == ["2026-03-02T09:00:00.120000Z"]
    assert _cells("shop_bulk", "dict_datetime") == ['{"at":"2026-03-02T09:00:00.000005Z"}']
    # what stdlib json cannot write the shared writer's data member cannot hold either
    assert main_bytes()["shared_write_section"]["datetime_naive"].startswith("error")


def test_every_python_path_takes_its_row_from_the_one_rule() -> None:
    """No path keeps a cell function of its own: each row maker is `csv_row`'s, with the
    encoder of its data members."""
    made_by_the_rule = csv_row().__code__
    for cells in (csv_cells, bulk.csv_values, client_export.csv_values):
        assert cells.__code__ is made_by_the_rule
    assert writer_module.csv_cells is csv_cells  # the writer's name for it is the same one


def _python_row(value: Any) -> bytes:
    """The shop's Python rule for a row of `value` and "x" (a second column: a row of one empty
    field is the one case where csv writes quotes around nothing, never met in a real row)."""
    out = io.StringIO()
    cells = bulk.csv_values({"v": value, "x": "x"}, ["v", "x"])
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue().encode("utf-8")


# What the SQL twins are given: SQLite text, integers and NULL (times and ids arrive as text
# made in SQL, JSON as text): every such value of VALUES, NUL included.
SQL_VALUES = {
    name: value
    for name, value in VALUES.items()
    if value is None
    or (type(value) is int and -(2**63) <= value < 2**63)
    or (type(value) is str and name != "lone_surrogate")
}


def test_the_sql_fields_are_the_python_rule_byte_for_byte() -> None:
    """`_csv_field_sql` (My Tracks, the logs) writes each value as the shop's Python path."""
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        for name, value in SQL_VALUES.items():
            row = bulk._csv_field_sql(literal(value)).concat(",x")
            got = conn.execute(select(row)).scalar_one()
            assert (got + "\r\n").encode() == _python_row(value), name
            if value is None or type(value) is int:  # what `plain` is for: never quoted
                plain = bulk._csv_field_sql(literal(value), plain=True).concat(",x")
                got = conn.execute(select(plain)).scalar_one()
                assert (got + "\r\n").encode() == _python_row(value), name


def test_the_sql_order_cells_are_the_python_rule_byte_for_byte() -> None:
    """`_formula_safe_text_sql`, `_csv_cell_sql` and `_csv_batch` (the orders' statement):
    each kind of cell against the Python rule, nested values given as the JSON text the
    statement holds for them."""
    cases: list[tuple[str, Any, Any]] = [  # (kind, what SQL holds, what Python holds)
        *(("string", v, v) for v in SQL_VALUES.values() if type(v) is not int),
        *(("number", v, v) for v in SQL_VALUES.values() if v is None or type(v) is int),
        ("json", "true", True),
        ("json", "false", False),
    ]
    for value in VALUES.values():
        # "object": the statement's nested objects always have keys (so always a quote)
        if type(value) not in (list, dict) or value == {}:
            continue
        try:
            held = bulk.encode(value).decode("utf-8")
        except TypeError:  # orjson cannot write it: the shop never holds it
            continue
        cases.append(("object" if type(value) is dict else "array", held, value))
    engine = create_engine("sqlite://")
    rows: list[bytes] = []
    want: list[Any] = []
    with engine.connect() as conn:
        for kind, held, value in cases:
            # A text cell as the statement makes it: formula-safe once, then quoted as needed.
            safe = f"({bulk._formula_safe_text_sql('v')})" if kind == "string" else "v"
            cell = bulk._csv_cell_sql(safe, kind)
            # || and not the statement's printf(), which ends a text at a NUL: the order
            # columns that are "string" are the shop's own (number, status...), never NUL.
            sql = f"SELECT CAST(({cell}) || ',x' AS BLOB) FROM (SELECT ? AS v)"  # noqa: S608
            rows.append(conn.exec_driver_sql(sql, (held,)).scalar_one())
            want.append(bulk.csv_values({"v": value, "x": "x"}, ["v", "x"]))
    for (kind, held, _), row, cells in zip(cases, rows, want, strict=True):
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(cells)
        assert bulk._csv_batch([row]) == out.getvalue().encode("utf-8"), (kind, held)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(want)
    assert bulk._csv_batch(rows) == out.getvalue().encode("utf-8")  # a whole batch at once


if __name__ == "__main__":
    # `python -m tests.server.test_csv_cell_rule OUT.json`: the outcomes of the code as it
    # stands, for a before/after comparison. MAIN_FILE itself was written so from main and is
    # not regenerated: a change to the bytes is a change to the rule, made on purpose.
    import tempfile

    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.server.test_csv_cell_rule OUT.json")
    with tempfile.TemporaryDirectory() as tmp:
        text = json.dumps(capture(Path(tmp)), indent=1, sort_keys=True) + "\n"
    Path(sys.argv[1]).write_text(text, "utf-8")
