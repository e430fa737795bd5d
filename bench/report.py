"""A bench's figures as one table: saved through `bench.results`, rendered for `bench.all`.

`write_result(name, ...)` stores the table the bench printed (columns and rows of text, plus
the same table as Markdown) with the raw measurements in bench/results/NAME.json;
`render_table(result)` is the Markdown `python -m bench.all` puts between the README's
`<!-- bench:NAME -->` markers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bench.results import save


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_result(
    name: str,
    *,
    command: str,
    title: str,
    columns: list[str],
    rows: list[list[str]],
    data: dict[str, Any],
) -> Path:
    """Write bench/results/`name`.json; returns its path."""
    path = save(
        name,
        {
            "command": command,
            "title": title,
            "columns": columns,
            "rows": rows,
            "markdown": markdown_table(columns, rows),
            "data": data,
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        },
    )
    print(f"wrote {path}")
    return path


def render_table(result: dict[str, Any]) -> str:
    """The README section for a result saved by `write_result`."""
    return str(result["markdown"])
