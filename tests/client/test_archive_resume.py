"""An interrupted export resumes where it stopped: cancelled, cut off, or killed mid-section.

Every case ends with an archive that verifies and holds every record exactly once, against the
real shop over HTTP; the bulk export is read in small blocks so a section spans many of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from client.api import ShopApi
from client.archive import ArchiveError, export_archive, open_archive, verify_archive
from client.archive import export as export_module
from client.archive.export import partial_dir
from client.errors import ConnectionFailed, NotFound
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER

SECTIONS = ["account", "tracks", "orders", "decisions", "tags"]


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_module, "BLOCK", 2048)
    monkeypatch.setattr(export_module, "CHECKPOINT_SECONDS", 0.0)


def archive_items(path: Path) -> dict[str, list[dict[str, Any]]]:
    with open_archive(path) as archive:
        return {s: list(archive.iter_items(s)) for s in archive.sections if s != "account"}


def expected(api: ShopApi) -> dict[str, list[str]]:
    return {
        "tracks": [t.id for t in api.list_tracks(limit=500).auto_paging_iter()],
        "orders": [o.id for o in api.list_orders(limit=500).auto_paging_iter()],
        "decisions": [d.id for d in api.list_decisions(limit=500).auto_paging_iter()],
        "tags": [t.id for t in api.list_tags(limit=500).auto_paging_iter()],
    }


def assert_complete(path: Path, api: ShopApi) -> None:
    report = verify_archive(path)
    assert report.ok, report
    items = archive_items(path)
    want = expected(api)
    for section, ids in want.items():
        assert [i["id"] for i in items[section]] == ids, section  # each once, in order
    # full detail, as the shop gives it
    first = items["orders"][0]
    assert first == api.get_order(first["id"]).model_dump(mode="json") | {
        "placed_at": first["placed_at"]
    }
    assert {"items", "payment", "logistics", "recipient", "shared_with"} <= first.keys()
    assert "factors" in items["decisions"][0]
    assert not partial_dir(path).exists()


def state_of(path: Path) -> dict[str, Any]:
    return json.loads((partial_dir(path) / "state.json").read_text("utf-8"))


def test_cancelled_mid_section_resumes(shop_api: ShopApi, tmp_path: Path) -> None:
    out = tmp_path / "me.zip"
    blocks = 0

    def cancel() -> bool:
        nonlocal blocks
        blocks += 1
        return blocks > 12  # inside the tracks stream

    seen: list[int] = []
    with pytest.raises(ArchiveError) as caught:
        export_archive(
            shop_api,
            out,
            sections=SECTIONS,
            cancel=cancel,
            resume=True,
            progress=lambda d, t: seen.append(d),
        )
    assert caught.value.reason == "cancelled"
    assert "continue" in str(caught.value)
    assert not out.exists()
    state = state_of(out)
    tracks = state["sections"]["tracks"]
    assert not tracks["done"]
    assert 0 < tracks["records"] < len(expected(shop_api)["tracks"])
    assert tracks["after"] is not None

    calls: list[tuple[str, str | None]] = []
    original = shop_api.export_stream

    def recording(section: str, **kwargs: Any) -> Iterator[bytes]:
        calls.append((section, kwargs.get("after")))
        return original(section, **kwargs)

    shop_api.export_stream = recording  # type: ignore[method-assign]
    progress: list[int] = []
    export_archive(
        shop_api, out, sections=SECTIONS, resume=True, progress=lambda d, t: progress.append(d)
    )
    assert calls[0] == ("tracks", tracks["after"])  # continued, not started over
    assert progress[0] >= tracks["records"]
    assert_complete(out, shop_api)


def test_cut_off_stream_resumes_and_a_killed_run_drops_what_followed_its_checkpoint(
    shop_api: ShopApi, tmp_path: Path
) -> None:
    out = tmp_path / "me.zip"
    original = shop_api.export_stream

    def breaking(section: str, **kwargs: Any) -> Iterator[bytes]:
        for n, block in enumerate(original(section, **kwargs)):
            if section == "orders" and n == 5:
                raise ConnectionFailed("The connection to the shop broke off.")
            yield block

    shop_api.export_stream = breaking  # type: ignore[method-assign]
    with pytest.raises(ConnectionFailed):
        export_archive(shop_api, out, sections=SECTIONS, resume=True)
    state = state_of(out)
    assert state["sections"]["tracks"]["done"]
    orders = state["sections"]["orders"]
    assert not orders["done"]
    assert orders["records"] > 0

    # As if the process had been killed after writing more than its last checkpoint says.
    directory = partial_dir(out)
    with open(directory / "orders.ndjson", "ab") as f:
        f.write(b'{"id":"half an ite')
    with open(directory / "orders.csv", "ab") as f:
        f.write(b"garbage,row\r\n")
    shop_api.export_stream = original  # type: ignore[method-assign]
    export_archive(shop_api, out, sections=SECTIONS, resume=True)
    assert_complete(out, shop_api)


def test_resume_after_the_last_item_was_deleted_restarts_that_section(
    shop_api: ShopApi, tmp_path: Path
) -> None:
    out = tmp_path / "me.zip"
    blocks = 0

    def cancel() -> bool:
        nonlocal blocks
        blocks += 1
        return blocks > 8

    with pytest.raises(ArchiveError):
        export_archive(shop_api, out, sections=SECTIONS, cancel=cancel, resume=True)
    after = state_of(out)["sections"]["tracks"]["after"]
    assert after is not None
    assert shop_api.delete_tracks(ids=[after]) == 1
    export_archive(shop_api, out, sections=SECTIONS, resume=True)
    assert_complete(out, shop_api)
    assert after not in {t["id"] for t in archive_items(out)["tracks"]}


def test_other_options_or_no_resume_start_over(shop_api: ShopApi, tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"  # the shop's files live in tmp_path itself
    out = tmp_path / "me.zip"
    blocks = 0

    def cancel() -> bool:
        nonlocal blocks
        blocks += 1
        return blocks > 8

    with pytest.raises(ArchiveError):
        export_archive(shop_api, out, sections=SECTIONS, cancel=cancel, resume=True)
    assert partial_dir(out).exists()
    calls: list[tuple[str, str | None]] = []
    original = shop_api.export_stream

    def recording(section: str, **kwargs: Any) -> Iterator[bytes]:
        calls.append((section, kwargs.get("after")))
        return original(section, **kwargs)

    shop_api.export_stream = recording  # type: ignore[method-assign]
    # different sections: the saved state is not this export's
    export_archive(shop_api, out, sections=["tracks", "tags"], resume=True)
    assert calls == [("tracks", None)]
    assert not partial_dir(out).exists()
    # a cancelled export without resume leaves nothing at all
    blocks = 0
    with pytest.raises(ArchiveError):
        export_archive(shop_api, tmp_path / "x.zip", sections=SECTIONS, cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.zip"]


def test_a_shop_without_the_bulk_export_is_read_page_by_page(
    shop_api: ShopApi, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "exports"
    asked: list[str] = []

    def missing(section: str, **_kwargs: Any) -> Iterator[bytes]:
        asked.append(section)
        raise NotFound("It is no longer there.", status=404, code="not_found")
        yield b""  # a generator, like the real one

    shop_api.export_stream = missing  # type: ignore[method-assign]
    out = tmp_path / "me.zip"
    export_archive(shop_api, out, sections=SECTIONS)
    assert asked == ["tracks"]  # asked once, then pages for the rest
    assert_complete(out, shop_api)
