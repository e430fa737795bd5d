"""The shared archive-format package keeps the one-way flow: it imports neither Qt, nor a web
framework, nor the server, the client or the app, and everyone takes the section list from it."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from archive_format.sections import SECTIONS

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_THIRD_PARTY = {"cryptography"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_archive_format_imports_only_the_standard_library_and_cryptography() -> None:
    files = sorted((ROOT / "archive_format").glob("*.py"))
    assert len(files) >= 8
    for path in files:
        outside = {
            name
            for name in _imports(path)
            if name not in sys.stdlib_module_names
            and name not in ALLOWED_THIRD_PARTY
            and name != "archive_format"
        }
        assert not outside, f"{path.name} imports {sorted(outside)}"


def test_server_and_client_meet_only_in_archive_format() -> None:
    for package, forbidden in (("server", {"client", "ui"}), ("client", {"server", "ui"})):
        for path in sorted((ROOT / package).rglob("*.py")):
            wrong = _imports(path) & forbidden
            assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_each_layer_imports_only_what_docs_architecture_allows() -> None:
    """The one-way flow of docs/ARCHITECTURE.md: no Qt below the app, no web framework or
    database in the client, and the app reaches a shop only through the client."""
    qt = {"PySide6", "shiboken6"}
    rules = {
        "server": qt | {"client", "ui"},
        "client": qt | {"server", "ui", "fastapi", "starlette", "uvicorn", "sqlalchemy"},
        "ui": {"server", "requests", "httpx", "urllib3", "authlib", "orjson", "ijson"},
    }
    for package, forbidden in rules.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            wrong = _imports(path) & forbidden
            assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
    # the app parses no JSON: the one `json` import writes the self-test's own report
    readers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "ui").rglob("*.py")
        if "json" in _imports(path)
    )
    assert readers == ["ui/self_test.py"], readers


def test_every_list_of_sections_is_the_package_one() -> None:
    from client.archive import SECTIONS as client_sections
    from server.archive_builder import SECTIONS as server_sections
    from ui.archive_dialogs import SECTION_TITLES

    assert client_sections == server_sections == SECTIONS
    assert list(SECTION_TITLES) == list(SECTIONS)
    document = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    enum = schemas["AccessDetails"]["properties"]["sections"]["anyOf"][0]["items"]["enum"]
    assert enum == list(SECTIONS)
