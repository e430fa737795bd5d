"""The app's own export keeps what the shopper saw: the shop's text in the interface language."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from client.archive import export_archive
from client.connection import accept_language
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_export_is_in_the_interface_language(
    shop: RunningShop, tmp_path: Path, language: str
) -> None:
    api = api_for(shop, *SHOPPER)
    # what ShopConnection(language=...) sends on every call
    api.transport.session.headers["Accept-Language"] = accept_language(language)
    result = export_archive(api, tmp_path / "me.zip", sections=["consents", "cookies", "notices"])
    with zipfile.ZipFile(result.path) as archive:
        consents = json.loads(archive.read("data/consents.json"))
        cookies = json.loads(archive.read("data/cookies.json"))
        index = archive.read("index.html").decode()
    consents = consents["items"] if isinstance(consents, dict) else consents
    cookies = cookies["items"] if isinstance(cookies, dict) else cookies
    texts = [c["description"] for c in consents] + [c["purpose"] for c in cookies]
    if language == "zh_CN":
        assert all(CJK.search(text) for text in texts)
        assert '<html lang="zh-CN">' in index
        assert "个人信息副本" in index
    else:
        assert not any(CJK.search(text) for text in texts)
        assert '<html lang="en">' in index
        assert "个人信息副本" not in index
