"""Each bench's figures as a JSON file, bench/results/NAME.json, for the README's tables.

`write_result(name, ...)` stores the table the bench printed (columns and rows of text, plus the
same table as Markdown) with the raw measurements and where they were taken; `python -m
bench.all` puts each table between the README's `<!-- bench:NAME -->` markers.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


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
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {
        "name": name,
        "command": command,
        "title": title,
        "columns": columns,
        "rows": rows,
        "markdown": markdown_table(columns, rows),
        "data": data,
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path
