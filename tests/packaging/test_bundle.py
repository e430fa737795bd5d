"""The shopper's bundle: build it with the one command, unpack the tarball, run what is inside.

Slow (PyInstaller: about a minute on two cores) but part of the normal run and of CI. The build
happens once per module; every run of the bundle is offscreen with an empty HOME and no
environment from this process beyond PATH and the locale.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.support import ROOT, app_env, run_self_test

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

APP_ID = "io.github.privacydashboard.PrivacyDashboard"
# the signed-out welcome, in the bundled Chinese translation
WELCOME_ZH = (
    "查看商店保存了您的哪些信息、与谁共享以及原因，并可要求它更正或删除。"
    "请先添加您购物的商店，然后在浏览器中打开的商店页面上登录。"
)


@dataclass
class Built:
    tarball: Path
    top: Path  # the unpacked folder
    build_seconds: float

    @property
    def app(self) -> list[str]:
        return [str(self.top / "privacy-dashboard")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    work = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(work / "dist"),
            "--work",
            str(work / "work"),
            # The same packing as the default; gzip level 1 saves ~30 s of the suite's time.
            "--compress-level",
            "1",
        ],
        cwd=ROOT,
        check=True,
        timeout=540,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    (tarball,) = (work / "dist").glob("privacy-dashboard-*-linux-*.tar.gz")
    unpacked = work / "unpacked"
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    (top,) = unpacked.iterdir()
    print(
        f"\nbundle built and packed in {seconds:.0f} s; tarball {tarball.stat().st_size >> 20} MB"
    )
    yield Built(tarball, top, seconds)
    shutil.rmtree(work, ignore_errors=True)  # ~300 MB: do not keep it around


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_tarball_holds_the_app_and_its_desktop_integration(built: Built) -> None:
    top = built.top
    assert (top / "privacy-dashboard").is_file()
    internal = top / "_internal"
    assert sorted(p.name for p in (internal / "resources" / "translations").iterdir()) == [
        "app_en.qm",  # English plural forms ("1 request", "2 requests")
        "app_zh_CN.qm",
    ]
    assert (internal / "resources" / "icons" / "overview.svg").is_file()
    # No server stack inside, neither as folders nor as bundled modules (the self-test below
    # asks the frozen importer too).
    for name in ("server", "fastapi", "starlette", "sqlalchemy", "uvicorn", "argon2", "faker"):
        assert not (internal / name).exists(), name
    share = top / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert (share / "mime" / "packages" / "privacy-dashboard.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(png) == (size, size)
    for command in (
        ["desktop-file-validate", str(desktop)],
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (top / "install.sh").stat().st_mode & 0o111


def test_bundle_starts_with_an_empty_home_and_shows_the_welcome(
    built: Built, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    done, report = run_self_test(
        built.app,
        tmp_path / "welcome.json",
        app_env(home),
        "--language",
        "zh_CN",
        "--self-test-details",  # the screenshot
    )
    assert done.returncode == 0, (report, done.stderr)
    assert report["frozen"] is True
    assert report["painted"] is True
    assert (report["page"], report["face"]) == ("overview", "WELCOME")
    assert report["text"] == WELCOME_ZH  # the bundled translation is in use
    assert report["icon_renders"] is True  # the SVG image plugin is inside
    assert report["server_modules"] == []
    backends = report["keyring_backends"]
    assert backends["SecretService"] is True
    assert backends["libsecret"] is True
    assert backends["KWallet"] is True
    assert Path(report["screenshot"]).stat().st_size > 1000
    assert (home / ".config" / "PrivacyDashboard" / "privacy-dashboard.conf").is_file()


def test_bundle_opens_an_archive_from_the_command_line_offline(
    built: Built, tmp_path: Path, exported_archive: Path
) -> None:
    done, report = run_self_test(
        built.app,
        tmp_path / "archive.json",
        app_env(tmp_path / "home"),
        str(exported_archive),
        "--self-test-details",  # the subject's name (demo data)
    )
    assert done.returncode == 0, (report, done.stderr)
    opened = report["archive"]
    assert (opened["subject"], opened["page"], opened["face"]) == ("林美", "overview", "CONTENT")


def test_bundle_demo_says_what_to_install(built: Built, tmp_path: Path) -> None:
    done = subprocess.run(
        [*built.app, "--demo"],
        env=app_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "[demo]" in done.stderr


def test_install_script_puts_the_app_in_the_menu_and_takes_it_out(
    built: Built, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = app_env(home)
    subprocess.run(
        ["sh", str(built.top / "install.sh")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = home / ".local" / "share"
    desktop = data / "applications" / f"{APP_ID}.desktop"
    done = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(desktop, encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"] == f'"{built.top / "privacy-dashboard"}" %f'
    assert "application/x-shop-privacy-archive" in (data / "mime" / "types").read_text()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (home / ".local" / "bin" / "privacy-dashboard").resolve() == (
        built.top / "privacy-dashboard"
    ).resolve()
    subprocess.run(
        ["sh", str(built.top / "install.sh"), "--uninstall"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert not desktop.exists()
    assert not (home / ".local" / "bin" / "privacy-dashboard").exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))
