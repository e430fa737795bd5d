"""Keep the translations in step with the code: `python -m ui.i18n_tool [update|release]`.

`update` scans ui/ with pyside6-lupdate into resources/translations/app_zh_CN.ts (new strings
arrive marked unfinished); `release` compiles the .ts files into the .qm files the app loads.

Strings translated through variables (column titles, word tables, the client's error
sentences) are marked where they are written with `trans_late("Context", "…")`
(`client/i18n.py`); lupdate is told that `trans_late` is another spelling of QT_TRANSLATE_NOOP
(`-tr-function-alias`), so it reads them like any other literal. The sources are ui/ and the
client modules that mark text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ui.i18n import TRANSLATIONS_DIR

UI_DIR = Path(__file__).resolve().parent
CLIENT_DIR = UI_DIR.parent / "client"
MARKER = "trans_late"
# lupdate reads `trans_late("Context", "text")` as QT_TRANSLATE_NOOP("Context", "text").
MARKER_ALIAS = f"QT_TRANSLATE_NOOP+={MARKER}"
LANGUAGES = ("zh_CN", "en")
# English needs only its plural forms ("%n request(s)" → "1 request" / "2 requests"): the source
# text is English already, so app_en.ts holds the numerus messages alone (lupdate -pluralonly).
PLURAL_ONLY = ("en",)


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    """ui/ (but this tool), and the client modules that mark text with `trans_late`."""
    ui = [path for path in UI_DIR.rglob("*.py") if path.name != "i18n_tool.py"]
    client = [
        path
        for path in CLIENT_DIR.rglob("*.py")
        if path.name != "i18n.py" and f"{MARKER}(" in path.read_text(encoding="utf-8")
    ]
    return sorted(str(path) for path in ui + client)


def ts_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"app_{language}.ts"


def update(directory: Path = TRANSLATIONS_DIR) -> None:
    for language in LANGUAGES:
        subprocess.run(  # noqa: S603  (our own tool, fixed arguments)
            [
                tool("pyside6-lupdate"),
                "-tr-function-alias",
                MARKER_ALIAS,
                "-no-obsolete",
                "-locations",
                "none",
                *(["-pluralonly"] if language in PLURAL_ONLY else []),
                *sources(),
                "-ts",
                str(ts_path(language, directory)),
            ],
            check=True,
            capture_output=True,
        )


def release(directory: Path = TRANSLATIONS_DIR, out: Path = TRANSLATIONS_DIR) -> None:
    for language in LANGUAGES:
        subprocess.run(  # noqa: S603  (our own tool, fixed arguments)
            [
                tool("pyside6-lrelease"),
                str(ts_path(language, directory)),
                "-qm",
                str(out / f"app_{language}.qm"),
            ],
            check=True,
            capture_output=True,
        )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "update"
    if command in ("update", "all"):
        update()
    if command in ("release", "all"):
        release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
