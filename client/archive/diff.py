"""Comparing two archives of the same account: what was added, removed or changed, by item id.

    result = diff_archives("before.zip", "after.zip")
    result.sections["tracks"].removed   # the items only in the old archive

Items are matched within each section by `id` (categories by `key`); an item is *changed*
when its content differs (`ItemChange.fields` names the top-level keys that differ). Memory
holds one small digest per old item, not the items; the archives are streamed (twice for the
old one, to return the removed and changed items in full).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from client.archive.format import DEFAULT_LIMITS, SECTIONS, ArchiveError, Limits, item_key
from client.archive.reader import Archive, open_archive
from client.verify import canonical_json


@dataclass(frozen=True)
class ItemChange:
    id: str
    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]


@dataclass
class SectionDiff:
    section: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }


@dataclass
class ArchiveDiff:
    old_created_at: str
    new_created_at: str
    sections: dict[str, SectionDiff]
    only_in_old: list[str]  # sections the new archive does not include
    only_in_new: list[str]

    @property
    def empty(self) -> bool:
        return all(s.empty for s in self.sections.values())

    def summary(self) -> dict[str, dict[str, int]]:
        return {name: s.counts() for name, s in self.sections.items()}


def _keyed(items: Iterator[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    seen: dict[str, int] = {}
    for item in items:
        key = item_key(item)
        n = seen.get(key, 0)
        seen[key] = n + 1
        yield (key if n == 0 else f"{key}#{n}"), item


def _digest(item: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical_json(item)).digest()[:16]


def diff_section(
    old: Archive, new: Archive, section: str, cancel: Callable[[], bool] | None = None
) -> SectionDiff:
    result = SectionDiff(section)

    def check() -> None:
        if cancel is not None and cancel():
            raise ArchiveError("cancelled", "The comparison was cancelled.")

    before: dict[str, bytes] = {}
    for key, item in _keyed(old.iter_items(section)):
        check()
        before[key] = _digest(item)
    changed_after: dict[str, dict[str, Any]] = {}
    for key, item in _keyed(new.iter_items(section)):
        check()
        digest = before.pop(key, None)
        if digest is None:
            result.added.append(item)
        elif digest != _digest(item):
            changed_after[key] = item
        else:
            result.unchanged += 1
    removed = set(before)
    if removed or changed_after:
        for key, item in _keyed(old.iter_items(section)):
            check()
            if key in removed:
                result.removed.append(item)
            elif key in changed_after:
                after = changed_after[key]
                fields = sorted(
                    k
                    for k in set(item) | set(after)
                    if item.get(k) != after.get(k) or (k in item) != (k in after)
                )
                result.changed.append(ItemChange(key, item, after, fields))
    return result


def diff_archives(
    old: Archive | str | os.PathLike[str],
    new: Archive | str | os.PathLike[str],
    *,
    sections: Sequence[str] | None = None,
    old_passphrase: str | bytes | None = None,
    new_passphrase: str | bytes | None = None,
    allow_different_account: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    cancel: Callable[[], bool] | None = None,
) -> ArchiveDiff:
    """Compare two archives (opened `Archive`s or paths, which are opened and verified)."""
    opened: list[Archive] = []
    try:
        a = old if isinstance(old, Archive) else _open(old, old_passphrase, limits, opened)
        b = new if isinstance(new, Archive) else _open(new, new_passphrase, limits, opened)
        if not allow_different_account:
            _same_account(a, b)
        wanted = [s for s in SECTIONS if sections is None or s in sections]
        in_a, in_b = set(a.sections), set(b.sections)
        result = ArchiveDiff(
            a.manifest.created_at,
            b.manifest.created_at,
            {},
            [s for s in wanted if s in in_a and s not in in_b],
            [s for s in wanted if s in in_b and s not in in_a],
        )
        for section in wanted:
            if section in in_a and section in in_b:
                result.sections[section] = diff_section(a, b, section, cancel)
        return result
    finally:
        for archive in opened:
            archive.close()


def _open(
    path: str | os.PathLike[str],
    passphrase: str | bytes | None,
    limits: Limits,
    opened: list[Archive],
) -> Archive:
    archive = open_archive(path, passphrase=passphrase, limits=limits)
    opened.append(archive)
    return archive


def _same_account(a: Archive, b: Archive) -> None:
    sa, sb = a.manifest.subject, b.manifest.subject
    if sa.get("customer_no") != sb.get("customer_no"):
        raise ArchiveError(
            "different_account",
            "These archives are of different accounts "
            f"({sa.get('customer_no')} and "
            f"{sb.get('customer_no')}); they are not "
            "compared.",
        )
    ids = (a.manifest.shop.get("id"), b.manifest.shop.get("id"))
    bases = (a.manifest.shop.get("api_base"), b.manifest.shop.get("api_base"))
    if (all(ids) and ids[0] != ids[1]) or (not all(ids) and all(bases) and bases[0] != bases[1]):
        raise ArchiveError(
            "different_account", "These archives are from different shops; they are not compared."
        )


__all__ = ["ArchiveDiff", "ItemChange", "SectionDiff", "diff_archives", "diff_section"]
