"""Privacy Dashboard: `python main.py [--demo] [--help] [ARCHIVE.zip]` (or `privacy-dashboard`)."""

from __future__ import annotations

import sys

from ui.app import run

if __name__ == "__main__":
    sys.exit(run())
