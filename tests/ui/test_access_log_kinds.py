"""The app's fallback words for access-log kinds cannot drift from what the shop writes.

`server/access_what.py` decides the kind of every entry it stores (from the API path) and
serves words for it; `ui/pages/access_log_parts.py` keeps its own words and path table for
entries without them (an older shop or archive). The UI must not import the server, so this
test (which may import both) holds them together: every kind the server can write has UI words
and a filter group, and for every path the server knows the app finds the same kind.
"""

from __future__ import annotations

import re

import pytest

from server import access_what
from ui.pages import access_log_parts as parts


def server_kinds() -> set[str]:
    """Every kind the server can store or serve."""
    return (
        set(access_what.PHRASES)
        | set(access_what._FIXED.values())
        | {kind for _pattern, kind in access_what._PATTERNS}
    )


def sample_paths() -> list[tuple[str, str]]:
    """(path, the server's kind) for each fixed path and an example of each patterned one."""
    samples = [(f"/v1/{tail}", kind) for tail, kind in access_what._FIXED.items()]
    for compiled, kind in access_what._PATTERNS:
        pattern = compiled.pattern
        if kind == "other":
            tails = ["data/something-new", "assist/new", "policy/a/b"]
        else:
            example = pattern.replace("([^/]+)", "42").replace("/.+", "/cancel")
            # each optional tail both ways: "policy/2026.1" and "policy/2026.1/acknowledge"
            optional = re.compile(r"\(\?:(/[^()?]*?)\)\?")
            bare = optional.sub("", example)
            full = optional.sub(lambda m: m.group(1).replace("[^/]+", "x"), example)
            tails = sorted({bare, full})
        for tail in tails:
            assert compiled.fullmatch(tail), (pattern, tail)  # the example is a real path
            samples.append((f"/v1/{tail}", access_what.kind_of(tail)[0]))
    return samples


def test_every_kind_the_server_writes_has_ui_words_and_a_group() -> None:
    kinds = server_kinds()
    assert set(parts.KIND_WORDS) == kinds, (
        f"no UI words: {sorted(kinds - set(parts.KIND_WORDS))}; "
        f"not a server kind: {sorted(set(parts.KIND_WORDS) - kinds)}"
    )
    grouped = [kind for _words, members in parts.KIND_GROUPS.values() for kind in members]
    assert sorted(grouped) == sorted(kinds), "each kind in exactly one group of the filter"
    for kind in kinds:
        assert parts.KIND_WORDS[kind].strip()
        assert "_" not in parts.KIND_WORDS[kind]  # words, not the key


@pytest.mark.parametrize(("path", "kind"), sample_paths(), ids=lambda v: str(v))
def test_the_app_reads_every_server_path_as_the_server_does(path: str, kind: str) -> None:
    assert parts.path_kind(path) == kind
    assert parts.path_kind(path.removeprefix("/v1")) == kind  # older entries without /v1
    assert parts.resource_text(path) == parts.KIND_WORDS[kind]  # the app's words, never a path
