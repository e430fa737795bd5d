"""Where UI code lives: pages import widgets, models and terms, never each other.

A page is a module of `ui/pages/` listed in the registry; its helpers are the modules named after
it (`requests_detail.py` belongs to `requests.py`). A page and its helpers may import
`ui.pages.base`, `ui.pages.registry` and each other; anything two pages share lives in
`ui/widgets/`, `ui/models/` or `ui/terms/`, and code outside `ui/pages/` imports no page — but
the window (`ui/main_window.py`), which hosts them. The imports are read from the syntax tree,
so imports inside functions and under TYPE_CHECKING count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ui.pages.registry import PAGES

UI = Path(__file__).resolve().parents[2] / "ui"
SHARED = {"ui.pages", "ui.pages.base", "ui.pages.registry"}
HOSTS = {"ui.main_window"}  # the window builds and wires the pages


def _module(path: Path) -> str:
    parts = path.relative_to(UI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, tuple[bool, str]]:
    """Every ui module: its name → (is a package, its source)."""
    return {
        _module(path): (path.name == "__init__.py", path.read_text(encoding="utf-8"))
        for path in sorted(UI.rglob("*.py"))
    }


def _imports(module: str, is_package: bool, source: str) -> set[str]:
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=module)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from ui.pages import requests` imports a page module, not the package
            found.update(f"{base}.{alias.name}" for alias in node.names if base == "ui.pages")
    return {name for name in found if name.startswith("ui.")}


def _pages() -> set[str]:
    return {entry.module.rpartition(".")[2] for entry in PAGES}


def _page_of(module: str, pages: set[str]) -> str | None:
    """The page a `ui.pages` module belongs to (its own stem or the longest page prefix)."""
    stem = module.rpartition(".")[2]
    owners = [page for page in pages if stem == page or stem.startswith(page + "_")]
    return max(owners, key=len) if owners else None


def _violations(sources: dict[str, tuple[bool, str]]) -> list[str]:
    pages = _pages()
    found = []
    for module, (is_package, source) in sorted(sources.items()):
        in_pages = module.startswith("ui.pages.")
        owner = _page_of(module, pages) if in_pages else None
        for target in sorted(_imports(module, is_package, source)):
            if not target.startswith("ui.pages.") or target in SHARED:
                continue
            if module in HOSTS:
                continue
            if in_pages and owner is not None and _page_of(target, pages) == owner:
                continue
            found.append(f"{module} imports {target}")
    return found


def test_every_module_in_pages_belongs_to_a_page() -> None:
    pages = _pages()
    loose = [
        _module(path)
        for path in (UI / "pages").glob("*.py")
        if _module(path) not in SHARED and _page_of(_module(path), pages) is None
    ]
    assert not loose, f"move these to ui/widgets/, ui/models/ or ui/terms/: {loose}"


def test_pages_never_import_each_other() -> None:
    found = _violations(_sources())
    assert not found, "\n".join(found)


def test_the_rule_sees_a_cross_page_import() -> None:
    """The scan itself works: a cross-page import written the ways Python allows is found."""
    pages = _pages()
    assert {"requests", "my_data", "orders", "tracks"} <= pages
    assert _page_of("ui.pages.requests_detail", pages) == "requests"
    assert _page_of("ui.pages.my_data_tables", pages) == "my_data"
    assert _page_of("ui.pages.orders", pages) == "orders"
    name = "ui.pages.orders_probe"
    probe = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from . import tracks_dialogs\n"
        "if TYPE_CHECKING:\n"
        "    from ui.pages.my_data_tables import VALUE_COLUMN\n"
        "def later() -> None:\n"
        "    import ui.pages.requests\n"
        "from ui.pages import orders_detail, base\n"  # its own helper and the base: allowed
    )
    found = set(_violations({**_sources(), name: (False, probe)}))
    outside = set(_violations({"ui.notifier": (False, "from ui.pages import requests_fides\n")}))
    assert {
        f"{name} imports ui.pages.tracks_dialogs",
        f"{name} imports ui.pages.my_data_tables",
        f"{name} imports ui.pages.requests",
    } == {violation for violation in found if violation.startswith(name)}
    assert outside == {"ui.notifier imports ui.pages.requests_fides"}
