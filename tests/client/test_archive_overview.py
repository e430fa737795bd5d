"""An opened archive answers `get_overview` as the shop did when the archive was made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from client.archive import ArchiveApi, export_archive, open_archive
from client.errors import NotFound
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


def test_offline_overview_equals_the_shops(shop: RunningShop, tmp_path: Path) -> None:
    api = api_for(shop, *SHOPPER)
    api.create_request("access")
    api.create_request("deletion", {"categories": ["tracks"]})
    out = tmp_path / "exports" / "me.zip"
    export_archive(api, out, sections=["recipients", "requests"])
    live = api.get_overview()
    assert live.open_requests >= 2
    with open_archive(out) as archive:
        assert ArchiveApi(archive).get_overview() == live


def test_offline_decision_requests_equal_the_shops(shop: RunningShop, tmp_path: Path) -> None:
    api = api_for(shop, *SHOPPER)
    decisions = list(api.list_decisions().auto_paging_iter())
    api.create_request("explanation", {"decision_id": decisions[0].id})
    api.create_request("explanation", {"decision_id": decisions[0].id})
    api.create_request("human_review", {"decision_id": decisions[1].id})
    live = api.list_decision_requests()
    assert len(live) == 2
    out = tmp_path / "exports" / "me.zip"
    export_archive(api, out, sections=["requests"])
    with open_archive(out) as archive:
        offline = ArchiveApi(archive).list_decision_requests()
    key = lambda r: (r.decision_id, r.type)  # noqa: E731
    assert sorted(offline, key=key) == sorted(live, key=key)


def test_a_shop_without_the_endpoints_is_counted_from_the_lists(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = api_for(shop, *SHOPPER)
    decision = next(iter(api.list_decisions().auto_paging_iter()))
    api.create_request("explanation", {"decision_id": decision.id})
    api.create_request("access")
    counts, joined = api.get_overview(), api.list_decision_requests()
    real = api.transport.get_json

    def older_shop(path: str, params: Any = None) -> Any:
        if path in ("overview", "decision-requests"):
            raise NotFound("It is no longer there.", status=404, code="not_found")
        return real(path, params)

    monkeypatch.setattr(api.transport, "get_json", older_shop)
    assert api.get_overview() == counts
    assert api.list_decision_requests() == joined
