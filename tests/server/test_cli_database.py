"""The shop's command-line tools open their database one way (`server/cli_database.py`): the
same checks and sentences for `--db`/`--db-url` in `admin`, `process`, `migrate` and `serve`,
exit status 2, and no traceback from the database driver; `serve` alone has a default (the
shop's own file) when neither is given."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from server import admin, migrate_cli, processor_cli
from server.cli_database import SQLITE_HEADER, DatabaseArgumentError, database_url

ROOT = Path(__file__).resolve().parents[2]

Main = Callable[[list[str] | None], int]
# each tool with the rest of a command line that would otherwise run
TOOLS: dict[str, tuple[Main, list[str]]] = {
    "admin": (admin.main, ["list"]),
    "process": (processor_cli.main, ["--once"]),
    "migrate": (migrate_cli.main, []),
}


def run(tool: str, database: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    main, rest = TOOLS[tool]
    code = main([*database, *rest])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip()


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_neither_or_both_flags(tool: str, tmp_path: Path, capsys) -> None:
    assert run(tool, [], capsys) == (2, "give --db PATH (or --db-url)")
    db = tmp_path / "shop.db"
    sqlite3.connect(db).close()
    both = ["--db", str(db), "--db-url", f"sqlite:///{db}"]
    assert run(tool, both, capsys) == (2, "give --db PATH or --db-url URL, not both")


@pytest.mark.parametrize("tool", ["admin", "process"])
def test_a_missing_database_is_not_created(tool: str, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere" / "shop.db"
    assert run(tool, ["--db", str(missing)], capsys) == (2, f"no database at {missing}")
    assert not missing.parent.exists()


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_path_that_is_no_database(tool: str, tmp_path: Path, capsys) -> None:
    assert run(tool, ["--db", str(tmp_path)], capsys) == (
        2,
        f"{tmp_path} is a directory, not a database file",
    )
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n", encoding="utf-8")
    assert run(tool, ["--db", str(text)], capsys) == (2, f"{text} is not a SQLite database")
    assert text.read_text(encoding="utf-8") == "not a database at all\n"  # left as it was


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_an_unreadable_database(tool: str, capsys) -> None:
    """A file that exists but cannot be read (here: the test's own memory file, whose first
    bytes are no mapped address, so reading it fails even for root)."""
    path = Path(f"/proc/{os.getpid()}/mem")
    if not path.exists():
        pytest.skip("needs Linux /proc")
    code, err = run(tool, ["--db", str(path)], capsys)
    assert code == 2
    assert err.startswith(f"cannot read the database at {path}: ")  # and the OS's reason


def test_a_database_without_read_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    db = tmp_path / "shop.db"
    sqlite3.connect(db).close()
    db.chmod(0)
    try:
        with pytest.raises(DatabaseArgumentError, match=r"^cannot read the database at .*: "):
            database_url(str(db), None)
    finally:
        db.chmod(0o600)


def test_what_opens(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    sqlite3.connect(db).execute("create table t (x)").connection.close()
    assert database_url(str(db), None) == f"sqlite:///{db.resolve()}"
    empty = tmp_path / "empty.db"
    empty.touch()  # SQLite's own reading of an empty file: a new, empty database
    assert database_url(str(empty), None) == f"sqlite:///{empty.resolve()}"
    url = "postgresql+psycopg://shop@127.0.0.1/shop"
    assert database_url(None, url) == url
    new = tmp_path / "new.db"
    assert database_url(str(new), None, existing=False) == f"sqlite:///{new.resolve()}"
    assert not new.exists()  # made by the tool that opens it, not by the check


def serve_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m server …` as typed (the serve command and its old form), for a refusal."""
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("command", [["serve"], []])
def test_serve_refuses_both_flags(command: list[str], tmp_path: Path) -> None:
    """`serve` once preferred --db-url silently when both were given; now it refuses as every
    other command does, before opening anything (exit 2, one sentence, no traceback)."""
    db = tmp_path / "shop.db"
    both = ["--db", str(db), "--db-url", f"sqlite:///{tmp_path / 'other.db'}", "--port", "0"]
    done = serve_cli(*command, *both, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "give --db PATH or --db-url URL, not both"
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not db.exists()
    assert not (tmp_path / "other.db").exists()
    assert not (tmp_path / "silumart.db").exists()  # nor the default


def test_serve_refuses_what_is_no_database(tmp_path: Path, capsys) -> None:
    """The same checks as the other commands, in process (nothing is served)."""
    from server.__main__ import serve

    assert serve(["--db", str(tmp_path), "--port", "0"]) == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path} is a directory, not a database file"
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n", encoding="utf-8")
    assert serve(["--db", str(text), "--port", "0"]) == 2
    assert capsys.readouterr().err.strip() == f"{text} is not a SQLite database"
    assert text.read_text(encoding="utf-8") == "not a database at all\n"


def test_serve_without_flags_serves_the_shops_own_file(tmp_path: Path) -> None:
    """What the README promises (`python -m server --demo`): neither flag serves, and makes,
    `./<shop>.db` in the working directory."""
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "--shop", "sinomai", "--port", "0", "--no-processor"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the server prints its URL once it is up
        assert "is serving the privacy API at http://127.0.0.1:" in first, first
        assert (tmp_path / "sinomai.db").read_bytes().startswith(SQLITE_HEADER)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0
