"""Keep the translations in step with the code: `python -m ui.i18n_tool [update|release]`.

`update` scans ui/ with pyside6-lupdate into resources/translations/app_zh_CN.ts (new strings
arrive marked unfinished); `release` compiles the .ts files into the .qm files the app loads.

Some strings are translated through variables lupdate cannot follow (column titles, word
tables, small wrappers): `ui.i18n_scan` finds them, and `update` hands them to lupdate as a
temporary file of QT_TRANSLATE_NOOP markers read along with the sources.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ui.i18n import TRANSLATIONS_DIR
from ui.i18n_scan import hidden_messages

UI_DIR = Path(__file__).resolve().parent
LANGUAGES = ("zh_CN", "en")
# English needs only its plural forms ("%n request(s)" → "1 request" / "2 requests"): the source
# text is English already, so app_en.ts holds the numerus messages alone (lupdate -pluralonly).
PLURAL_ONLY = ("en",)


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    tools = ("i18n_tool.py", "i18n_scan.py")
    return sorted(str(path) for path in UI_DIR.rglob("*.py") if path.name not in tools)


def ts_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"app_{language}.ts"


def update(directory: Path = TRANSLATIONS_DIR) -> None:
    markers = "".join(
        f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)})\n"
        for context, text in sorted(hidden_messages(Path(p) for p in sources()))
    )
    with tempfile.TemporaryDirectory() as scratch:
        columns_file = Path(scratch) / "column_titles.py"
        columns_file.write_text(markers, encoding="utf-8")
        for language in LANGUAGES:
            subprocess.run(  # noqa: S603  (our own tool, fixed arguments)
                [
                    tool("pyside6-lupdate"),
                    "-no-obsolete",
                    "-locations",
                    "none",
                    *(["-pluralonly"] if language in PLURAL_ONLY else []),
                    *sources(),
                    str(columns_file),
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
