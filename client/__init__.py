"""The shop privacy API client library: no Qt, usable from scripts, the CLI, the app and tests."""
