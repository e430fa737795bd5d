"""The PySide6 desktop app: windows, pages, item models, background tasks, dialogs."""
