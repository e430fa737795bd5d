"""A real Ethyca Fides privacy API on loopback ports, for tests and for trying the app locally.

Fides pins its own FastAPI and SQLAlchemy, so it lives in its OWN virtual environment
(`ensure_venv`: created once under ~/.cache/privacy-dashboard-tests/, reused afterwards; the
install takes about 80 s). `FidesServer` then starts, as its own child processes, a throwaway
PostgreSQL cluster (tests.support.postgres), a Redis on a loopback port (no persistence), and
`uvicorn fides.api.main:app --host 127.0.0.1` from that venv, configured through a generated
fides.toml named by FIDES__CONFIG_PATH.

Only this module (the test, standing in for the shop's staff) holds the admin credentials: the
root OAuth client from the toml, used to approve or deny requests. It also reads verification
codes straight from Redis (`IDENTITY_VERIFICATION_CODE__<id>`): no messaging provider is
configured, so Fides stores the code but cannot send it.

Run `python -m tests.support.fides` to start one and leave it running (Ctrl-C stops it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from tests.support.postgres import PostgresCluster

FIDES_VERSION = "2.78.2"
CACHE_DIR = Path.home() / ".cache" / "privacy-dashboard-tests"
VENV_ENV = "PRIVACY_DASHBOARD_FIDES_VENV"
_MARKER = ".privacy-dashboard-installed"
INSTALL_TIMEOUT = 900.0
START_TIMEOUT = 240.0  # migrations on a first start, on a busy 2-core machine


class FidesUnavailable(RuntimeError):
    """Fides could not be installed or started here; the message says exactly why."""


def venv_dir() -> Path:
    override = os.environ.get(VENV_ENV)
    return Path(override) if override else CACHE_DIR / f"fides-venv-{FIDES_VERSION}"


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(*, log: Any = None) -> Path:
    """The Fides venv, installed on first use (a marker file says the install completed)."""
    venv = venv_dir()
    python = venv_python(venv)
    if (venv / _MARKER).is_file() and python.exists():
        return venv
    if venv.exists():
        shutil.rmtree(venv)  # a half-finished install from an interrupted run
    venv.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"ethyca-fides=={FIDES_VERSION}",
        ],
    ]
    for step in steps:
        done = subprocess.run(
            step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise FidesUnavailable(f"installing Fides failed ({' '.join(step[:4])}…):\n{tail}")
    check = subprocess.run(
        [str(python), "-c", "import fides.api.main"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "FIDES__CONFIG_PATH": "/nonexistent"},
    )
    if "ModuleNotFoundError" in check.stderr:
        raise FidesUnavailable(f"Fides installed but does not import:\n{check.stderr[-2000:]}")
    (venv / _MARKER).write_text(f"{FIDES_VERSION} {time.time():.0f}\n", encoding="utf-8")
    if log is not None:
        log(f"installed Fides {FIDES_VERSION} in {time.monotonic() - started:.0f} s")
    return venv


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_port(port: int, process: subprocess.Popen[bytes], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise FidesUnavailable(f"{what} exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise FidesUnavailable(f"{what} did not listen on port {port} within {timeout:.0f} s")


class RedisServer:
    """`redis-server` on a loopback port with a password, nothing saved to disk."""

    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FidesUnavailable("redis-server is not installed (Debian package redis-server)")
        self.binary = binary
        self.directory = directory
        self.port = _free_port()
        self.password = secrets.token_urlsafe(18)
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    def start(self) -> None:
        self._log = open(self.directory / "redis.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                self.password,
                "--dir",
                str(self.directory),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        _wait_port(self.port, self.process, 20, "redis-server")

    def command(self, *parts: str) -> Any:
        """One command over RESP (enough for GET and KEYS; no client library needed)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            stream = sock.makefile("rwb")
            for command in (("AUTH", self.password), parts):
                stream.write(f"*{len(command)}\r\n".encode())
                for part in command:
                    data = part.encode()
                    stream.write(b"$%d\r\n%s\r\n" % (len(data), data))
            stream.flush()
            _read_resp(stream)  # +OK for AUTH
            return _read_resp(stream)

    def get(self, key: str) -> str | None:
        value = self.command("GET", key)
        return value if isinstance(value, str) else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()


def _read_resp(stream: Any) -> Any:
    line = stream.readline().rstrip(b"\r\n")
    kind, rest = line[:1], line[1:]
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise RuntimeError(f"redis: {rest.decode()}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        if size < 0:
            return None
        data = stream.read(size + 2)[:-2]
        return data.decode()
    if kind == b"*":
        return [_read_resp(stream) for _ in range(int(rest))]
    raise RuntimeError(f"redis: unexpected answer {line!r}")


def _toml(values: dict[str, dict[str, Any]]) -> str:
    lines = []
    for section, entries in values.items():
        lines.append(f"[{section}]")
        for key, value in entries.items():
            if isinstance(value, bool):
                shown = "true" if value else "false"
            elif isinstance(value, int):
                shown = str(value)
            else:
                shown = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{key} = {shown}")
        lines.append("")
    return "\n".join(lines)


class FidesServer:
    """PostgreSQL + Redis + Fides, all on 127.0.0.1, all children of this process."""

    def __init__(
        self,
        directory: Path,
        *,
        venv: Path | None = None,
        manual_approval: bool = True,
        verification: bool = True,
    ) -> None:
        self.directory = directory
        self.venv = venv or ensure_venv()
        self.manual_approval = manual_approval
        self.verification = verification
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client_id = "fidesadmin"
        self.client_secret = secrets.token_urlsafe(24)
        self.postgres: PostgresCluster | None = None
        self.redis: RedisServer | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = directory / "fides.log"
        self.startup_seconds = 0.0
        self._admin_token: str | None = None
        self._pg_dir: Path | None = None
        self._log: Any = None

    # -- life -------------------------------------------------------------------------------
    def start(self) -> FidesServer:
        started = time.monotonic()
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            # Its own top-level temp dir: the `postgres` user must be able to reach it.
            self._pg_dir = Path(tempfile.mkdtemp(prefix="fides-pg-"))
            self.postgres = PostgresCluster(self._pg_dir)
            self.postgres.start()
            self.redis = RedisServer(self.directory)
            self.redis.start()
            config = self.directory / "fides.toml"
            config.write_text(self._config(), encoding="utf-8")
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith("FIDES") and key not in ("PYTHONPATH", "VIRTUAL_ENV")
            }
            # The configured messaging provider (Mailgun) is reached through a proxy on a
            # loopback port nobody listens on: nothing leaves this machine, sending fails,
            # and Fides still keeps the code in Redis, where the test reads it.
            dead = f"http://127.0.0.1:{_free_port()}"
            env.update(
                {
                    "FIDES__CONFIG_PATH": str(config),
                    "PYTHONUNBUFFERED": "1",
                    "HTTPS_PROXY": dead,
                    "HTTP_PROXY": dead,
                    "https_proxy": dead,
                    "http_proxy": dead,
                    "NO_PROXY": "127.0.0.1,localhost",
                    "no_proxy": "127.0.0.1,localhost",
                }
            )
            self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
            self.process = subprocess.Popen(
                [
                    str(venv_python(self.venv)),
                    "-m",
                    "uvicorn",
                    "fides.api.main:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--log-level",
                    "warning",
                ],
                cwd=self.directory,
                env=env,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self._wait_healthy(START_TIMEOUT)
            if self.verification:
                self._configure_messaging()
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        return self

    def _config(self) -> str:
        assert self.postgres is not None
        assert self.redis is not None
        return _toml(
            {
                "database": {
                    "server": "127.0.0.1",
                    "port": str(self.postgres.port),
                    "user": "shop",
                    "password": "",
                    "db": "shop",
                },
                "redis": {
                    "host": "127.0.0.1",
                    "port": self.redis.port,
                    "password": self.redis.password,
                    "db_index": 0,
                },
                "security": {
                    "app_encryption_key": secrets.token_hex(16),  # exactly 32 characters
                    "oauth_root_client_id": self.client_id,
                    "oauth_root_client_secret": self.client_secret,
                    "env": "prod",
                },
                "execution": {
                    "subject_identity_verification_required": self.verification,
                    "require_manual_request_approval": self.manual_approval,
                },
                "notifications": {"notification_service_type": "mailgun"}
                if self.verification
                else {},
                "user": {"analytics_opt_out": True},  # no network beyond loopback
                "celery": {"task_always_eager": True},
                "logging": {"level": "WARNING"},
            }
        )

    def _configure_messaging(self) -> None:
        """A Mailgun configuration Fides cannot reach: codes are made and stored, not sent."""
        self.admin(
            "POST",
            "/messaging/config",
            {
                "name": "mailgun",
                "key": "mailgun",
                "service_type": "mailgun",
                "details": {"domain": "shop.invalid", "is_eu_domain": False, "api_version": "v3"},
            },
        )
        self.admin("PUT", "/messaging/config/mailgun/secret", {"mailgun_api_key": "unused"})

    def _wait_healthy(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise FidesUnavailable(
                    f"Fides exited with code {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                answer = requests.get(self.url + "/health", timeout=2)
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise FidesUnavailable(
            f"Fides did not answer /health in {timeout:.0f} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
        if self.redis is not None:
            self.redis.stop()
        if self.postgres is not None:
            self.postgres.stop()
        if self._pg_dir is not None:
            shutil.rmtree(self._pg_dir, ignore_errors=True)

    # -- the shop's staff (admin token held here only) ----------------------------------------
    def admin_token(self) -> str:
        if self._admin_token is None:
            answer = requests.post(
                self.url + "/api/v1/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.client_id,
                    "client_secret": self.client_secret,
                },
                timeout=30,
            )
            answer.raise_for_status()
            self._admin_token = str(answer.json()["access_token"])
        return self._admin_token

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        answer = requests.request(
            method,
            self.url + "/api/v1" + path,
            json=body,
            timeout=60,
            headers={"Authorization": f"Bearer {self.admin_token()}"},
        )
        answer.raise_for_status()
        return answer.json()

    def approve(self, *request_ids: str) -> Any:
        return self.admin(
            "PATCH", "/privacy-request/administrate/approve", {"request_ids": list(request_ids)}
        )

    def deny(self, reason: str, *request_ids: str) -> Any:
        return self.admin(
            "PATCH",
            "/privacy-request/administrate/deny",
            {"request_ids": list(request_ids), "reason": reason},
        )

    def status_of(self, request_id: str) -> str:
        found = self.admin("GET", f"/privacy-request?request_id={request_id}")
        items = found.get("items") or []
        return str(items[0]["status"]) if items else ""

    def verification_code(self, record_id: str) -> str | None:
        """The code Fides would have sent for a privacy or consent request (read from Redis)."""
        assert self.redis is not None
        return self.redis.get(f"IDENTITY_VERIFICATION_CODE__{record_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a local Fides on 127.0.0.1.")
    parser.add_argument(
        "--no-approval",
        action="store_true",
        help="carry out verified requests without an admin approving them",
    )
    options = parser.parse_args(argv)
    print(f"Fides {FIDES_VERSION}: preparing its own venv under {venv_dir()} (first run ~80 s)…")
    venv = ensure_venv(log=print)
    directory = Path(tempfile.mkdtemp(prefix="fides-local-"))
    server = FidesServer(directory, venv=venv, manual_approval=not options.no_approval)
    print("starting PostgreSQL, Redis and Fides…")
    server.start()
    print(f"Fides is running at {server.url}  (started in {server.startup_seconds:.0f} s)")
    print("Add it in the app with File → Add shop… and that address.")
    print("Verification codes are not e-mailed here; read one with:")
    print(
        f"  redis-cli -p {server.redis.port if server.redis else 0} --no-auth-warning "
        f"-a {server.redis.password if server.redis else ''} GET "
        "IDENTITY_VERIFICATION_CODE__<request id>"
    )
    print(f"Admin client: {server.client_id} / {server.client_secret}  (Ctrl-C stops all)")
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
