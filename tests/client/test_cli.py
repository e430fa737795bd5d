"""The command line against the real shop, with a bearer token instead of a browser sign-in."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from client.cli import SECTIONS, build_parser, main
from server.embedded import RunningShop
from server.models import PrivacyRequest as RequestRow
from tests.client.api_helpers import token_for
from tests.conftest import SHOPPER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def token(shop: RunningShop) -> str:
    return token_for(shop, *SHOPPER)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_show_me_json_with_token(shop: RunningShop, token: str) -> None:
    code, out, err = run(f"--token={token}", "--api-base", shop.url + "/v1", "show", "me", "--json")
    assert code == 0, err
    me = json.loads(out)
    assert me["customer_no"]
    assert me["fields"]


def test_token_from_the_environment_and_every_section(
    shop: RunningShop, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRIVACY_DASHBOARD_TOKEN", token)
    for section in sorted(SECTIONS):
        code, out, err = run(
            "--api-base", shop.url + "/v1", "show", section, "--json", "--limit", "3"
        )
        assert code == 0, (section, err)
        data = json.loads(out)
        if isinstance(data, list):
            assert len(data) <= 3
    code, out, _err = run("--api-base", shop.url + "/v1", "show", "tracks", "--limit", "2")
    assert code == 0
    assert "kind: " in out


def test_file_and_status(shop: RunningShop, token: str) -> None:
    base = [f"--token={token}", "--api-base", shop.url + "/v1"]
    code, out, err = run(
        *base, "file", "complaint", "--details", '{"text": "Opened parcel"}', "--json"
    )
    assert code == 0, err
    created = json.loads(out)
    request_id = created["request"]["id"]
    key = created["idempotency_key"]
    code, out, err = run(
        *base,
        "file",
        "complaint",
        "--details",
        '{"text": "Opened parcel"}',
        "--idempotency-key",
        key,
        "--json",
    )
    assert code == 0
    assert json.loads(out)["request"]["id"] == request_id
    with shop.ctx.sessions() as db:
        assert db.scalar(select(func.count()).select_from(RequestRow)) == 1
    code, out, err = run(*base, "status", request_id)
    assert code == 0
    assert f"Request {request_id} (complaint)" in out
    code, out, err = run(*base, "status", "424242")
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("Error:")


def test_usage_errors_exit_2(shop: RunningShop, token: str) -> None:
    base = [f"--token={token}", "--api-base", shop.url + "/v1"]
    assert run(*base, "file", "complaint", "--details", "{not json")[0] == 2
    assert run(*base, "file", "complaint", "--details", "[1]")[0] == 2
    assert run(*base, "file", "nonsense")[0] == 2
    assert run(*base, "show", "nothing")[0] == 2
    assert run(f"--token={token}", "show", "me")[0] == 2  # no API base
    code, _out, err = run(*base, "file", "deletion", "--details", "{}")
    assert code == 1
    assert "Error:" in err


def test_verify_log_and_export(shop: RunningShop, token: str, tmp_path: Path) -> None:
    from client.api import ShopApi
    from client.transport import Transport
    from server.processor import RequestProcessor
    from tests.client.api_helpers import FixedToken

    base = [f"--token={token}", "--api-base", shop.url + "/v1"]
    code, out, err = run(*base, "verify-log")
    assert code == 0, err
    assert "verifies" in out
    api = ShopApi(Transport(shop.url + "/v1", tokens=FixedToken(token)))
    request = api.create_request("complaint", {"text": "x"}).request
    access = api.create_request("access").request
    api.verify_request(access.id, api.get_demo_verification_code(access.id).code)
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    out_path = tmp_path / "mine.zip"
    code, out, err = run(*base, "export", access.id, "--out", str(out_path))
    assert code == 0, err
    assert out_path.is_file()
    assert "checked" in out
    code, _out, err = run(*base, "export", request.id, "--out", str(tmp_path / "x.zip"))
    assert code == 1
    assert "Error:" in err


def test_shops_with_an_empty_config(tmp_path: Path) -> None:
    code, out, _err = run("--config-dir", str(tmp_path), "shops")
    assert code == 0
    assert "No shops configured" in out
    code, _out, err = run("--config-dir", str(tmp_path), "show", "me")
    assert code == 2
    assert "sign-in" in err


def test_python_dash_m_client(shop: RunningShop, token: str) -> None:
    env = {**os.environ, "PRIVACY_DASHBOARD_TOKEN": token}
    result = subprocess.run(
        [sys.executable, "-m", "client", "--api-base", shop.url + "/v1", "show", "me", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["customer_no"]
    bad = subprocess.run(
        [sys.executable, "-m", "client", "show"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert bad.returncode == 2
    assert "usage" in bad.stderr


def test_sign_in_to_an_unreachable_shop_is_an_api_error(tmp_path: Path) -> None:
    code, _out, err = run("--config-dir", str(tmp_path), "sign-in", "http://127.0.0.1:9")
    assert code == 1
    assert err.startswith("Error:")
    assert "Traceback" not in err
    code, _out, err = run("--config-dir", str(tmp_path), "sign-in", "http://example.com")
    assert code == 1  # plain HTTP off loopback is refused


def test_token_beginning_with_a_dash_is_read_with_equals() -> None:
    """Tokens are URL-safe base64, so one in 64 begins with "-": `--token=VALUE` must carry it."""
    args = build_parser().parse_args(["--token=-Xy_9", "shops"])
    assert args.token == "-Xy_9"
