"""The archive's `index.html`: one page, the same for the shop's archive and the app's export,
showing each section's records as tables with human labels, in the archive's language."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import select

from archive_format.labels import FIELD_LABELS
from archive_format.sections import SECTIONS, section_title
from client.archive import export_archive, write_archive
from client.connection import accept_language
from server.archive_builder import build_archive
from server.embedded import RunningShop
from server.i18n import using_language
from server.models import User
from tests.client.api_helpers import api_for
from tests.client.archive_helpers import SHOP, SUBJECT, small_archive
from tests.conftest import SHOPPER


class _Page(HTMLParser):
    """Tags, table headers and the text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headers: list[str] = []
        self.text: list[str] = []
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_th = tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_th and data.strip():
            self.headers.append(data.strip())


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _keys(archive: zipfile.ZipFile) -> set[str]:
    """Every top-level key of every record in the archive's data members."""
    keys: set[str] = set()
    for name in archive.namelist():
        if not name.startswith("data/"):
            continue
        raw = archive.read(name).decode()
        if name.endswith(".ndjson"):
            items = [json.loads(line) for line in raw.splitlines()]
        else:
            value = json.loads(raw)
            items = value if isinstance(value, list) else [value]
        for item in items:
            keys.update(k for k in item if not k.endswith("_zh"))
    return keys


def _shop_archive(shop: RunningShop, tmp_path: Path, language: str) -> zipfile.ZipFile:
    with shop.ctx.sessions() as db, using_language(language):  # type: ignore[arg-type]
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        info = build_archive(db, shop.ctx, user, request_id=None, out_dir=tmp_path / language)
    return zipfile.ZipFile(info.path)


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_shops_index_shows_every_section_as_a_labelled_table(
    shop: RunningShop, tmp_path: Path, language: str
) -> None:
    with _shop_archive(shop, tmp_path, language) as archive:
        html = archive.read("index.html").decode()
        keys = _keys(archive)
        tags = json.loads(archive.read("data/tags.json"))
    page = _parse(html)
    text = "".join(page.text)
    assert f'<html lang="{language}">' in html
    assert not [t for t, _ in page.tags if t in ("script", "img", "link", "iframe", "object")]
    assert "://" not in html  # no address to anything, not even as text
    for section in SECTIONS:
        assert section_title(section, language) in text, section
    # the records themselves are there, not only their counts
    assert tags
    assert all(tag["tag"] in text for tag in tags[:5])
    # human column labels, never the raw keys
    assert "customer_no" not in page.headers
    assert "first_seen" not in page.headers
    if language == "zh-CN":
        assert "客户编号" in text
        assert "首次出现" in page.headers  # devices.first_seen
        assert "个人信息副本" in html
        missing = sorted(k for k in keys if k not in FIELD_LABELS)
        assert missing == [], f"keys without a Chinese label: {missing}"
    else:
        assert "First seen" in page.headers
        assert "个人信息副本" not in html
        assert "signed by the shop" in text


def test_the_apps_export_uses_the_same_page(shop: RunningShop, tmp_path: Path) -> None:
    api = api_for(shop, *SHOPPER)
    api.transport.session.headers["Accept-Language"] = accept_language("zh_CN")
    result = export_archive(api, tmp_path / "me.zip", sections=["account", "tags", "devices"])
    with zipfile.ZipFile(result.path) as archive:
        html = archive.read("index.html").decode()
        tags = json.loads(archive.read("data/tags.json"))
        account = json.loads(archive.read("data/account.json"))
    page = _parse(html)
    text = "".join(page.text)
    assert '<html lang="zh-CN">' in html
    assert "未经商城签名" in text  # the app's own export says it is not signed
    assert all(tag["tag"] in text for tag in tags)
    assert account["display_name"] in text
    assert {"兴趣标签", "设备信息", "会员账户信息"} <= set(re.findall(r"[^\s<>]+", text))


def test_long_sections_show_their_first_records_and_say_where_the_rest_is(
    tmp_path: Path,
) -> None:
    path = small_archive(tmp_path / "a.zip", index_rows=3)
    with zipfile.ZipFile(path) as archive:
        html = archive.read("index.html").decode()
    text = "".join(_parse(html).text)
    assert "The first 3 of 5 records" in text
    assert "csv/tracks.csv" in text
    assert "蓝牙耳机" in text


def test_codes_get_words_but_the_shoppers_own_text_stays_as_it_is(tmp_path: Path) -> None:
    sections = {
        "tracks": [
            {"id": "1", "kind": "search", "text": "pending", "at": "2026-01-01T10:00:00Z"},
            {"id": "2", "kind": "view", "text": "true", "at": "2026-01-02T10:00:00Z"},
        ]
    }
    path = write_archive(tmp_path / "a.zip", sections, shop=SHOP, subject=SUBJECT, language="zh-CN")
    with zipfile.ZipFile(path.path) as archive:
        page = _parse(archive.read("index.html").decode())
    cells = [t.strip() for t in page.text if t.strip()]
    assert "搜索" in cells
    assert "浏览" in cells
    assert "pending" in cells  # a search for "pending" is not a request status
    assert "true" in cells
    assert "2026-01-01 10:00 UTC" in cells


def test_a_spooled_section_whose_head_is_cut_mid_record_still_writes(tmp_path: Path) -> None:
    """The index takes its records from the head of a spool: a record cut at that point (here
    each is 750 KB, so the 4 MiB head ends inside the sixth) is simply not shown."""
    import tempfile

    from client.archive.writer import ArchiveWriter

    records = [{"id": str(i), "text": "长" * 250_000} for i in range(8)]
    with tempfile.TemporaryFile() as spool:
        for record in records:
            spool.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        with ArchiveWriter(tmp_path / "a.zip", shop=SHOP, subject=SUBJECT) as writer:
            writer.write_spooled("tags", spool, len(records))
    result = writer.result
    assert result is not None
    with zipfile.ZipFile(result.path) as archive:
        assert json.loads(archive.read("data/tags.json")) == records
        text = "".join(_parse(archive.read("index.html").decode()).text)
    assert "The first 5 of 8 records" in text
