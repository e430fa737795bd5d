"""Every user preference, declared once with its type and default, stored through QSettings.

Secrets never come here: tokens live in the OS keychain (see client.tokens).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool, float, QByteArray)


class Setting(Generic[T]):
    """A typed preference: `Settings.language` reads and writes `ui/language`."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default: T = default

    @overload
    def __get__(self, instance: None, owner: type) -> Setting[T]: ...

    @overload
    def __get__(self, instance: Settings, owner: type) -> T: ...

    def __get__(self, instance: Settings | None, owner: type) -> Setting[T] | T:
        if instance is None:
            return self
        raw = instance.store.value(self.key, self.default)
        return self._coerce(raw)

    def __set__(self, instance: Settings, value: T) -> None:
        instance.store.setValue(self.key, value)

    def _coerce(self, raw: Any) -> T:
        kind = type(self.default)
        if isinstance(raw, kind):
            return raw
        value: Any
        try:
            if kind is bool:
                value = str(raw).lower() in ("true", "1", "yes")
            elif kind is QByteArray:
                value = QByteArray(raw)
            else:
                value = kind(raw)
        except (TypeError, ValueError):
            return self.default
        return cast(T, value)


class Settings:
    """The app's preferences. Pass `path` to keep them in an INI file (tests, portable use)."""

    language = Setting("ui/language", "system")  # "system", "en" or "zh_CN"
    window_geometry = Setting("ui/window_geometry", QByteArray())
    last_page = Setting("ui/last_page", "overview")
    notify_deadline_days = Setting("requests/notify_deadline_days", 3)
    tray_notifications = Setting("requests/tray_notifications", True)

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.store = QSettings("PrivacyDashboard", "privacy-dashboard")
        else:
            self.store = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.store.sync()
