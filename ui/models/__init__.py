"""Item models for the app's tables (no item widgets)."""
