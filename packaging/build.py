"""Build the desktop bundle: `python packaging/build.py [--dist DIR] [--no-tar]`.

One command from a checkout with the `[dev]` extra installed (it brings PyInstaller):

1. PyInstaller builds the one-folder app from `packaging/privacy-dashboard.spec` into
   `DIR/privacy-dashboard/` (default DIR: `dist/`);
2. the app icon is rendered from its SVG to PNGs (16–512 px) with Qt;
3. on Linux the folder, a `.desktop` entry declaring the archive MIME types, the
   shared-mime-info XML, the icons, the AppStream metainfo and `install.sh` are packed into
   `DIR/privacy-dashboard-<version>-linux-<machine>.tar.gz`.

`packaging/` is deliberately not a Python package: a top-level package by that name would
shadow the PyPI `packaging` library that pip, setuptools and PyInstaller import. So this is a
script, run by path, and PyInstaller runs in its own process from the project root.

The same script builds on Windows and macOS (steps 1–2; the folder or `.app` is the result),
but only the Linux build is tested in this project.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
NAME = "privacy-dashboard"
APP_ID = "io.github.privacydashboard.PrivacyDashboard"
ICON_SVG = ROOT / "resources" / "icons" / f"{NAME}.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

INSTALL_SH = """#!/bin/sh
# Put Privacy Dashboard in this user's desktop menu and make it open personal-data archives.
# Nothing outside your home folder is touched; run ./install.sh --uninstall to undo.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
app_id="@APP_ID@"
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \\
          "$data/mime/packages/@NAME@.xml" "$bin/@NAME@"
    find "$data/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
else
    mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" "$bin"
    cp -R "$here/share/icons" "$data/"
    cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
    cp "$here/share/mime/packages/@NAME@.xml" "$data/mime/packages/"
    # The menu entry starts this copy of the app, wherever it was unpacked.
    sed "s|^Exec=@NAME@ |Exec=\\"$here/@NAME@\\" |" \\
        "$here/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
    ln -sf "$here/@NAME@" "$bin/@NAME@"
fi
# Refresh the desktop's caches where the tools exist (each is optional).
if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime"; fi
if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$data/applications"
fi
if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi
echo "Privacy Dashboard is in your applications menu (run $0 --uninstall to remove it)."
"""


def project_version() -> str:
    """The version in pyproject.toml (the bundle's metadata comes from the installed copy)."""
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def run_pyinstaller(dist: Path, work: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(PACKAGING / f"{NAME}.spec"),
    ]
    # From the project root, so `packaging/` is never first on sys.path (see the docstring).
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603 (our own fixed command)
    built = dist / NAME
    if not built.is_dir():
        raise SystemExit(f"PyInstaller did not produce {built}")
    return built


def render_icons(out: Path) -> dict[int, Path]:
    """PNG renderings of the app's SVG icon, `out/<n>x<n>/<APP_ID>.png`, drawn by Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {ICON_SVG}")
    made: dict[int, Path] = {}
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out / f"{size}x{size}" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"cannot write {target}")
        made[size] = target
    return made


def stage_linux(icons: dict[int, Path], stage: Path) -> Path:
    """The desktop integration files the tarball adds beside the app: share/…, install.sh."""
    if stage.exists():
        shutil.rmtree(stage)
    share = stage / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(PACKAGING / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    shutil.copy2(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(PACKAGING / f"{NAME}-mime.xml", share / "mime" / "packages" / f"{NAME}.xml")
    hicolor = share / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICON_SVG, hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    for size, png in icons.items():
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(png, target)
    script = stage / "install.sh"
    script.write_text(
        INSTALL_SH.replace("@APP_ID@", APP_ID).replace("@NAME@", NAME), encoding="utf-8"
    )
    script.chmod(0o755)
    return stage


def validate(stage: Path) -> None:
    """The freedesktop validators, where installed (CI installs both)."""
    checks = [
        ("desktop-file-validate", [str(stage / "share" / "applications" / f"{APP_ID}.desktop")]),
        (
            "appstreamcli",
            ["validate", "--no-net", str(stage / "share" / "metainfo" / f"{APP_ID}.metainfo.xml")],
        ),
    ]
    for tool, arguments in checks:
        found = shutil.which(tool)
        if found is None:
            print(f"note: {tool} is not installed; not validated", file=sys.stderr)
            continue
        subprocess.run([found, *arguments], check=True)  # noqa: S603


def make_tarball(bundle: Path, extras: Path, target: Path, top: str, level: int = 6) -> Path:
    """`top/` = the app folder plus the desktop files. gzip level 6 is the default: measured on
    this bundle, level 1 packs ~4x faster but ~9 % larger (the tests use it to save time)."""
    with tarfile.open(target, "w:gz", compresslevel=level) as archive:
        archive.add(bundle, arcname=top)
        for item in sorted(extras.iterdir()):
            archive.add(item, arcname=f"{top}/{item.name}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python packaging/build.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--dist",
        type=Path,
        default=ROOT / "dist",
        help="where the bundle and the tarball go (default: dist/)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder (default: build/pyinstaller)",
    )
    parser.add_argument("--no-tar", action="store_true", help="build the folder only")
    parser.add_argument(
        "--compress-level",
        type=int,
        default=6,
        choices=range(1, 10),
        metavar="1-9",
        help="gzip level of the tarball (default: 6)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    # The icons come first: the Windows and macOS executables take the PNG as their icon.
    icons = render_icons(ROOT / "build" / "icons")
    bundle = run_pyinstaller(args.dist.resolve(), args.work.resolve())
    print(f"bundle: {bundle}")
    if sys.platform.startswith("linux") and not args.no_tar:
        machine = platform.machine() or "unknown"
        top = f"{NAME}-{project_version()}-linux-{machine}"
        extras = stage_linux(icons, args.work.resolve() / "desktop")
        validate(extras)
        tarball = make_tarball(
            bundle, extras, args.dist.resolve() / f"{top}.tar.gz", top, args.compress_level
        )
        print(f"tarball: {tarball}")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
