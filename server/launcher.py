"""The `privacy-shop` command: the server's command line, or one sentence on what to install.

The base install (the app and the client) has no server libraries; `privacy-shop` is declared
there all the same, so without the `[server]` extra it says what to install instead of failing
with a traceback.
"""

from __future__ import annotations

import sys

# The libraries of the `[server]` extra, by import name.
SERVER_LIBRARIES = frozenset(
    {
        "fastapi",
        "starlette",
        "uvicorn",
        "sqlalchemy",
        "argon2",
        "faker",
        "multipart",
        "python_multipart",
        "alembic",
    }
)
NEEDS = (
    "privacy-shop needs the reference server's libraries, which are not installed: run "
    'python -m pip install -e ".[server]" in the project folder (or pip install '
    '"privacy-dashboard[server]") and try again.'
)


def main(argv: list[str] | None = None) -> int:
    try:
        from server.__main__ import main as serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in SERVER_LIBRARIES:
            raise
        print(NEEDS, file=sys.stderr)
        return 2
    return serve(argv)


if __name__ == "__main__":
    sys.exit(main())
