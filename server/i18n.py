"""Which of the shop's languages a caller reads: English or Simplified Chinese, one at a time.

The app names its interface language explicitly (the OAuth `ui_locales` parameter on the
sign-in page, `Accept-Language` on API calls); a browser sends its own `Accept-Language`.
Anything that is not Chinese gets English, the documented fallback.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "zh-CN"]
DEFAULT_LANGUAGE: Language = "en"
SUPPORTED: tuple[Language, ...] = ("en", "zh-CN")
MAX_HEADER = 500  # a longer Accept-Language is ignored rather than parsed


def language_of(tag: str) -> Language | None:
    """The supported language a BCP 47 tag falls under, if any (zh-Hans, zh-SG → zh-CN)."""
    primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    if primary == "zh":
        lowered = tag.lower()
        # Traditional-script variants are not Simplified Chinese; English serves them better
        # than the wrong script would.
        if any(mark in lowered for mark in ("hant", "-tw", "-hk", "-mo")):
            return None
        return "zh-CN"
    if primary == "en":
        return "en"
    return None


def negotiate(accept_language: str | None, explicit: str | None = None) -> Language:
    """The caller's language: `explicit` (space-separated tags, as `ui_locales`) first, then
    `Accept-Language` by its q-values, then English."""
    for tag in (explicit or "")[:MAX_HEADER].split():
        found = language_of(tag)
        if found:
            return found
    if not accept_language or len(accept_language) > MAX_HEADER:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, Language]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        found = language_of(tag)
        if found and 0 < quality <= 1:
            ranked.append((-quality, index, found))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
