"""The one rule for a CSV cell of an archive or an export, for every writer of one.

A cell is the item's value with these exceptions: booleans as `true`/`false`, nested values
(objects, lists) as compact JSON, text that would start a spreadsheet formula behind an
apostrophe (`csv_safe`), and, where a caller has them, times as its API writes them. Everything
else goes to the csv module as it is (`csv_writer`): None as an empty cell, numbers as Python
writes them (`repr`: `1e+16`), quoted only when needed (QUOTE_MINIMAL), rows ending in CRLF.

    cells = csv_row(json_text)            # once, per encoder
    writer = csv_writer(text_buffer)
    writer.writerows(cells(item, columns) for item in items)

The JSON encoder is the caller's, so that a nested cell holds the same JSON text as the
record's data member: the shared writer's `data/` is standard-library json (this package has
no other dependency; `csv_cells`), the shop's bulk lines and the app's spooled lines are orjson
(`1e16`, times as UTC `Z`); the server and the client pass theirs. The shop also builds the same
cells inside SQLite for its bulk sections (`server.bulk`, `_csv_field_sql` and
`_csv_cell_sql`); tests/server/test_csv_cell_rule.py holds those to this rule byte for byte.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import IO, Any

# What a spreadsheet would run as a formula (OWASP's "CSV injection"): a text cell starting
# with = + - @, or with a tab or carriage return before one. Such a cell gets a leading
# apostrophe, which spreadsheets take as "this is text" and do not show; the JSON members keep
# the exact value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CsvRow = Callable[[Mapping[str, Any], Sequence[str]], list[Any]]


def csv_safe(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def stdlib_json_text(value: Any) -> str:
    """A nested value as the shared writer's data members write it (`compact_json`)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def csv_row(
    json_text: Callable[[Any], str] = stdlib_json_text,
    *,
    time: Callable[[datetime], str] | None = None,
) -> CsvRow:
    """The cells of one item's row, `columns` in order, with `json_text` writing nested values
    and `time` (if given) writing datetimes; as `csv_writer` should get them."""
    # Dispatch on the exact type, one dict look-up per value (the archive's hot loop); the
    # values are what a JSON decoder or the shop's serialisers make, never subclasses.
    table: dict[type, Callable[[Any], Any]] = {
        str: csv_safe,
        bool: _bool_text,
        dict: json_text,
        list: json_text,
    }
    if time is not None:
        table[datetime] = time
    cell = table.get

    def cells(item: Mapping[str, Any], columns: Sequence[str]) -> list[Any]:
        return [f(v) if (f := cell(type(v))) is not None else v for v in map(item.get, columns)]

    return cells


# The shared writer's rows (`write_section`, the shop's hand-written sections): stdlib JSON.
csv_cells: CsvRow = csv_row()


def csv_writer(out: IO[str]) -> Any:
    """A csv writer in the archive's dialect: QUOTE_MINIMAL, rows ending in CRLF."""
    return csv.writer(out, lineterminator="\r\n")


__all__ = [
    "FORMULA_STARTS",
    "CsvRow",
    "csv_cells",
    "csv_row",
    "csv_safe",
    "csv_writer",
    "stdlib_json_text",
]
