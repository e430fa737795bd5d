"""The base install: entry points, the app without the server stack, desktop integration files.

Every app run here is a real subprocess of `main.py`, offscreen, with an empty HOME.
"""

from __future__ import annotations

import configparser
import json
import shutil
import subprocess
import sys
import tomllib
import venv
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from client.archive import write_archive
from client.paths import platform_data_dir
from tests.packaging.support import (
    BLOCKED,
    ROOT,
    SOURCE_APP,
    app_env,
    blocked_env,
    run_self_test,
)

PACKAGING = ROOT / "packaging"
APP_ID = "io.github.privacydashboard.PrivacyDashboard"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME_XML = PACKAGING / "privacy-dashboard-mime.xml"


def pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


# --- dependencies and entry points ----------------------------------------------------------


def test_base_dependencies_carry_no_server_stack() -> None:
    project = pyproject()["project"]
    names = {dep.split(">")[0].split("[")[0].strip().lower() for dep in project["dependencies"]}
    assert names >= {
        "pyside6-essentials",
        "requests",
        "keyring",
        "authlib",
        "pydantic",
        "cryptography",
    }
    assert not names & {
        "fastapi",
        "uvicorn",
        "sqlalchemy",
        "argon2-cffi",
        "python-multipart",
        "faker",
        "psycopg",
    }
    extras = project["optional-dependencies"]
    server = {dep.split(">")[0].strip().lower() for dep in extras["server"]}
    assert server >= {"fastapi", "uvicorn", "sqlalchemy", "argon2-cffi", "faker"}
    assert extras["demo"] == ["privacy-dashboard[server]"]
    assert any(dep.startswith("privacy-dashboard[server") for dep in extras["dev"])
    assert any(dep.startswith("pyinstaller") for dep in extras["dev"])


def test_readme_quick_start_names_the_extras() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in quick.splitlines() if line and not line.startswith(("#", "bash"))]
    assert commands == [
        'python -m pip install -e ".[demo]" && python main.py --demo',
        'python -m pip install -e ".[dev]" && python -m pytest',
    ]


@pytest.mark.timeout(240)
def test_entry_points_resolve_and_answer_help(tmp_path: Path) -> None:
    """Build this tree's wheel, install it into a fresh environment and use its scripts.

    No downloads: the environment sees this machine's packages (the dependencies), and the
    wheel is built without build isolation. A wheel, not a checkout: the scripts, the code and
    the translations and icons must all come from what was installed.
    """
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--quiet"]
    quiet: dict[str, Any] = {"check": True, "capture_output": True, "text": True, "timeout": 180}
    subprocess.run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "wheels"),
            str(ROOT),
        ],
        **quiet,
    )
    (wheel,) = (tmp_path / "wheels").glob("privacy_dashboard-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--no-index", str(wheel)], **quiet)
    located = subprocess.run(
        [
            str(python),
            "-c",
            "import json, ui, ui.i18n as i, ui.icons as c; "
            "print(json.dumps([ui.__file__, str(i.TRANSLATIONS_DIR), str(c.ICONS_DIR)]))",
        ],
        cwd=tmp_path,
        **quiet,
    )
    for path in json.loads(located.stdout):
        assert Path(path).is_relative_to(env_dir), path  # the installed copy, not this tree
    probe = """
import importlib.metadata as m, json
found = {}
for group in ("console_scripts", "gui_scripts"):
    for entry in m.entry_points(group=group):
        if entry.name.startswith("privacy-"):
            entry.load()  # the target imports and exists
            found[entry.name] = [group, entry.value]
print(json.dumps(found))
"""
    shown = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert json.loads(shown.stdout) == {
        "privacy-dashboard": ["gui_scripts", "ui.app:run"],
        "privacy-dashboard-cli": ["console_scripts", "client.cli:main"],
        "privacy-shop": ["console_scripts", "server.launcher:main"],
    }
    env = app_env(tmp_path / "home")
    for script, expected in [
        ("privacy-dashboard", "usage: privacy-dashboard"),
        ("privacy-dashboard-cli", "usage: privacy-dashboard-cli"),
        ("privacy-shop", "--demo"),
    ]:
        done = subprocess.run(
            [str(env_dir / "bin" / script), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout
    done, report = run_self_test(
        [str(env_dir / "bin" / "privacy-dashboard")],
        tmp_path / "r.json",
        env,
        "--language",
        "zh_CN",
    )
    assert done.returncode == 0, (report, done.stderr)
    # the welcome in Chinese: the translations came with the wheel
    assert report["text"].startswith("查看商店保存了您的哪些信息")
    assert report["icon_renders"] is True  # icons from the wheel
    assert (
        "ARCHIVE.zip"
        in subprocess.run(
            [str(env_dir / "bin" / "privacy-dashboard"), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=tmp_path,
            check=True,
        ).stdout
    )


def test_the_packaging_folder_shadows_no_library() -> None:
    """`packaging/` holds data files and a script; `import packaging` stays PyPI's library."""
    assert not (PACKAGING / "__init__.py").exists()
    shown = subprocess.run(
        [sys.executable, "-c", "import packaging.version as v; print(v.__file__)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert not Path(shown.stdout.strip()).is_relative_to(ROOT)


# --- the app with only the base install -----------------------------------------------------


def test_blocker_really_blocks(tmp_path: Path) -> None:
    env = blocked_env(tmp_path / "site")
    for name in ("server", "fastapi", "sqlalchemy", "uvicorn"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode == 1
        assert "ModuleNotFoundError" in done.stderr


def test_demo_without_the_server_says_what_to_install(tmp_path: Path) -> None:
    env = blocked_env(tmp_path / "site")
    done = subprocess.run(
        [*SOURCE_APP, "--demo"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1  # one sentence
    assert message.endswith(".")
    assert 'pip install -e ".[demo]"' in message
    assert not (tmp_path / "site" / "home" / ".local").exists()  # it quit before starting


def test_privacy_shop_without_the_server_libraries_says_what_to_install(tmp_path: Path) -> None:
    # The server's own code is present (it is in every install); its libraries are not.
    env = blocked_env(tmp_path / "site", blocked=BLOCKED[1:])
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from server.launcher import main; sys.exit(main(['--help']))",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert 'pip install -e ".[server]"' in done.stderr


def test_app_starts_and_opens_an_archive_without_the_server(
    tmp_path: Path, exported_archive: Path
) -> None:
    env = blocked_env(tmp_path / "site")
    done, report = run_self_test(SOURCE_APP, tmp_path / "welcome.json", env)
    assert done.returncode == 0, (report, done.stderr)
    assert report["painted"]
    assert report["face"] == "WELCOME"
    assert report["text"].startswith("See what a shop holds about you")
    assert report["server_modules"] == []  # blocked: the app ran with none of them

    done, report = run_self_test(
        SOURCE_APP, tmp_path / "archive.json", env, str(exported_archive), "--self-test-details"
    )
    assert done.returncode == 0, (report, done.stderr)
    opened = report["archive"]
    assert (opened["subject"], opened["page"], opened["face"]) == ("林美", "overview", "CONTENT")
    assert "Traceback" not in done.stderr


def test_the_self_test_writes_no_personal_data_unless_asked(
    tmp_path: Path, exported_archive: Path
) -> None:
    """Without `--self-test-details`: no subject's name in the report and no screenshot of
    their data beside it (the archive was exported from the real shop)."""
    report_path = tmp_path / "archive.json"
    done, report = run_self_test(
        SOURCE_APP, report_path, app_env(tmp_path / "home"), str(exported_archive)
    )
    assert done.returncode == 0, (report, done.stderr)
    opened = report["archive"]
    assert (opened["subject_shown"], opened["page"], opened["face"]) == (
        True,
        "overview",
        "CONTENT",
    )
    assert "subject" not in opened
    assert "林美" not in report_path.read_text(encoding="utf-8")
    assert report["screenshot"] == ""
    assert list(tmp_path.glob("*.png")) == []


def test_a_damaged_archive_on_the_command_line_fails_the_self_test(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    done, report = run_self_test(
        SOURCE_APP, tmp_path / "r.json", app_env(tmp_path / "home"), str(damaged)
    )
    assert done.returncode == 1
    assert report["ok"] is False
    assert report["errors"]
    assert report["errors"][0].startswith("archive:")


# --- where data lives -----------------------------------------------------------------------


def test_data_folder_is_the_platform_one(tmp_path: Path) -> None:
    home = Path("/home/shopper")
    assert (
        platform_data_dir("linux", {}, home)
        == home / ".local/share/PrivacyDashboard/privacy-dashboard"
    )
    assert platform_data_dir("linux", {"XDG_DATA_HOME": "/data"}, home) == Path(
        "/data/PrivacyDashboard/privacy-dashboard"
    )
    assert (
        platform_data_dir("linux", {"XDG_DATA_HOME": "relative"}, home)
        == home / ".local/share/PrivacyDashboard/privacy-dashboard"
    )
    assert (
        platform_data_dir("win32", {"APPDATA": r"C:\Users\s\AppData\Roaming"}, home)
        == Path(r"C:\Users\s\AppData\Roaming") / "PrivacyDashboard" / "privacy-dashboard"
    )
    assert (
        platform_data_dir("darwin", {}, home)
        == home / "Library/Application Support/PrivacyDashboard/privacy-dashboard"
    )
    # Qt's own answer on this platform, for an empty HOME and for XDG_DATA_HOME.
    probe = """
import json, sys
from PySide6.QtCore import QCoreApplication, QStandardPaths
app = QCoreApplication([])
app.setOrganizationName("PrivacyDashboard"); app.setApplicationName("privacy-dashboard")
from client.paths import data_dir
from client.cli import default_config_dir
print(json.dumps([QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation),
                  str(data_dir()), str(default_config_dir())]))
"""
    for extra in ({}, {"XDG_DATA_HOME": str(tmp_path / "xdg")}):
        env = {**app_env(tmp_path / "home"), **extra}
        shown = subprocess.run(
            [sys.executable, "-c", probe],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        qt, ours, cli = json.loads(shown.stdout)
        assert qt == ours == cli


def test_app_writes_its_files_where_the_platform_expects(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done, _report = run_self_test(SOURCE_APP, tmp_path / "r.json", app_env(home))
    assert done.returncode == 0, done.stderr
    assert (home / ".config/PrivacyDashboard/privacy-dashboard.conf").is_file()
    assert (home / ".local/share/PrivacyDashboard/privacy-dashboard").is_dir()
    # Nothing outside the platform's folders (caches aside), and no secret in any file.
    allowed = [
        home / ".config/PrivacyDashboard",
        home / ".local/share/PrivacyDashboard",
        home / ".cache",
    ]
    written = [p for p in home.rglob("*") if p.is_file()]
    assert written
    for path in written:
        assert any(path.is_relative_to(root) for root in allowed), path
        assert b"token" not in path.read_bytes().lower(), path


# --- desktop integration files --------------------------------------------------------------


def test_desktop_entry_validates_and_declares_the_archive_types() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate (Debian: desktop-file-utils) is needed; .ci/run installs it"
    done = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "privacy-dashboard %f"
    assert section["Icon"] == APP_ID
    declared = {t for t in section["MimeType"].split(";") if t}
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_info = ET.parse(MIME_XML).getroot()  # noqa: S314 (our own file)
    types = {node.get("type") for node in mime_info.findall("m:mime-type", namespace)}
    assert (
        declared
        == types
        == {"application/x-shop-privacy-archive", "application/x-shop-privacy-archive-encrypted"}
    )


def test_metainfo_validates_and_names_this_release() -> None:
    tool = shutil.which("appstreamcli")
    assert tool, "appstreamcli (Debian: appstream) is needed; .ci/run installs it"
    done = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    root = ET.parse(METAINFO).getroot()  # noqa: S314 (our own file)
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    release = root.find("releases/release")
    assert release is not None
    assert release.get("version") == pyproject()["project"]["version"]


def test_archives_are_recognised_by_their_mime_type(tmp_path: Path, exported_archive: Path) -> None:
    """Install the shared-mime-info XML in a private data dir; ask Qt's MIME database."""
    tool = shutil.which("update-mime-database")
    assert tool, "update-mime-database (Debian: shared-mime-info) is needed; .ci/run installs it"
    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(MIME_XML, share / "mime" / "packages" / "privacy-dashboard.xml")
    subprocess.run([tool, str(share / "mime")], check=True, capture_output=True, timeout=60)
    named = shutil.copy2(exported_archive, tmp_path / "lin.mei.pdarchive.zip")
    unnamed = shutil.copy2(exported_archive, tmp_path / "download")  # no extension: by content
    small = write_archive(
        tmp_path / "small.bin",
        {"tags": [{"id": "t1", "label": "x"}]},
        shop={"id": "s", "name": "S", "api_base": "http://127.0.0.1:1/v1"},
        subject={"customer_no": "SM1", "display_name": "S"},
    ).path
    encrypted = write_archive(
        tmp_path / "secret.pdarchive.enc",
        {"tags": [{"id": "t1", "label": "x"}]},
        passphrase="correct horse",
        shop={"id": "s", "name": "S", "api_base": "http://127.0.0.1:1/v1"},
        subject={"customer_no": "SM1", "display_name": "S"},
    ).path
    encrypted_renamed = shutil.copy2(encrypted, tmp_path / "secret")
    other = tmp_path / "photos.zip"  # an ordinary ZIP stays a ZIP
    shutil.make_archive(str(other.with_suffix("")), "zip", root_dir=PACKAGING)
    probe = """
import json, sys
from PySide6.QtCore import QCoreApplication, QMimeDatabase
app = QCoreApplication([])
db = QMimeDatabase()
print(json.dumps([db.mimeTypeForFile(p).name() for p in sys.argv[1:]]))
"""
    env = {**app_env(tmp_path / "home"), "XDG_DATA_DIRS": f"{share}:/usr/share"}
    files = [named, unnamed, small, encrypted, encrypted_renamed, other]
    shown = subprocess.run(
        [sys.executable, "-c", probe, *map(str, files)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    archive, sealed = (
        "application/x-shop-privacy-archive",
        "application/x-shop-privacy-archive-encrypted",
    )
    assert json.loads(shown.stdout) == [
        archive,
        archive,
        archive,
        sealed,
        sealed,
        "application/zip",
    ]
