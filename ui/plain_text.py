"""Showing untrusted text literally where Qt would otherwise guess rich text."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """Tooltip text shown literally: Qt guesses rich text in tooltips, so escape it."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
