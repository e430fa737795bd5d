"""The shop's 422 `errors` turned into sentences in the UI language, one per input field.

A refused request answers `{"errors": [{"loc": ["body", "details", "proposed"], "msg": ...}]}`
where `msg` is the validator's English. The shopper never sees that English: the last name in
`loc` picks the field, and the message is our own, chosen from what the English says
(too long, too short, missing) with the number it names.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QLocale

from client.errors import ApiError
from ui.i18n import translate

_AT_MOST = re.compile(r"at most (\d+) character")
_AT_LEAST = re.compile(r"at least (\d+) character")


def problem_text(msg: str) -> str:
    """One validator message, in the UI language (never the validator's English)."""
    locale = QLocale()
    found = _AT_MOST.search(msg)
    if found:
        return translate(
            "FieldErrors", "Too long: the shop accepts at most {0} characters."
        ).format(locale.toString(int(found.group(1))))
    found = _AT_LEAST.search(msg)
    if found:
        return translate(
            "FieldErrors", "Too short: the shop needs at least {0} characters."
        ).format(locale.toString(int(found.group(1))))
    if "required" in msg.lower():
        return translate("FieldErrors", "This is required.")
    return translate("FieldErrors", "The shop did not accept this value.")


def field_problems(error: BaseException) -> dict[str, str]:
    """Field name (the last name in `loc`) to a sentence, from a 422 answer; {} otherwise."""
    body = error.body if isinstance(error, ApiError) else None
    problems: Any = body.get("errors") if isinstance(body, dict) else None
    found: dict[str, str] = {}
    if not isinstance(problems, list):
        return found
    for problem in problems[:20]:
        if not isinstance(problem, dict):
            continue
        loc = problem.get("loc")
        names = (
            [part for part in loc if isinstance(part, str) and not part.isdigit()]
            if (isinstance(loc, list))
            else []
        )
        field = names[-1] if names else ""
        msg = problem.get("msg")
        if field and field not in found:
            found[field] = problem_text(msg if isinstance(msg, str) else "")
    return found


__all__ = ["field_problems", "problem_text"]
