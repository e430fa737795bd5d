"""Where the app's translations and icons are, however it was installed.

- from a checkout (also an editable install) and in the PyInstaller bundle: `resources/` beside
  the `ui` package (the bundle lays its files out the same way);
- from a wheel (`pip install privacy-dashboard…whl`): the wheel's data files, installed under
  the environment's data prefix as `share/privacy-dashboard/` (pyproject `data-files`), for a
  per-user install under the user base.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent / "resources"
SHARED = Path("share") / "privacy-dashboard"


def candidates(kind: str) -> list[Path]:
    import sysconfig  # only needed off a checkout: not loaded before a checkout's first paint

    found = [CHECKOUT / kind]
    schemes = [sysconfig.get_default_scheme(), f"{os.name}_user"]
    for scheme in schemes:
        try:
            found.append(Path(sysconfig.get_path("data", scheme)) / SHARED / kind)
        except KeyError:  # a scheme this platform does not have
            continue
    return found


def resource_dir(kind: str) -> Path:
    """The first folder of `kind` ("translations", "icons") that exists, else the checkout's."""
    if (CHECKOUT / kind).is_dir():  # the first candidate, without asking sysconfig
        return CHECKOUT / kind
    for path in candidates(kind):
        if path.is_dir():
            return path
    return CHECKOUT / kind


__all__ = ["resource_dir"]
