"""SVG icons from resources/icons, crisp at any device-pixel ratio."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ui.resources import resource_dir

ICONS_DIR = resource_dir("icons")  # resources/ in a checkout or the bundle


@cache
def icon(name: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
