"""Write the server's OpenAPI document to docs/openapi.json: `python -m server.openapi_export`."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from server.app import create_app
from server.context import ServerConfig, ShopContext
from server.db import sqlite_url
from server.shops import SILUMART

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def openapi_document() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as directory:
        ctx = ShopContext(ServerConfig(db_url=sqlite_url(f"{directory}/spec.db"), shop=SILUMART))
        try:
            return create_app(ctx).openapi()
        finally:
            ctx.dispose()


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_PATH
    target.write_text(render(openapi_document()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
