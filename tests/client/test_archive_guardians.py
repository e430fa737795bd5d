"""Guardian links and incident notices in the app's archive export (issues 13.5, 13.7, 13.8):
what the dashboard shows of them is in the archive, and the offline reader gives it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from client.archive import ArchiveApi, export_archive, open_archive
from client.archive.offline_api import ReadOnlyArchive
from tests.client.api_helpers import api_for


def _export(shop: Any, username: str, path: Path) -> ArchiveApi:
    api = api_for(shop, username, "demo1234")
    export_archive(api, path, page_size=100)
    return ArchiveApi(open_archive(path), owned=True)


def test_the_minors_archive_holds_age_guardians_rule_and_incidents(
    make_shop: Any, tmp_path: Path
) -> None:
    shop = make_shop("silumart")
    live = api_for(shop, "alice.chen", "demo1234")
    offline = _export(shop, "alice.chen", tmp_path / "alice.zip")
    try:
        me = offline.get_me()
        assert me == live.get_me()
        assert me.age_years == 15
        assert [g.display_name for g in me.guardians] == ["陈静 Chen Jing"]
        assert me.guardian_rule is not None
        assert [c.number for c in me.guardian_rule.clauses] == ["6.P.accounts", "6.P.use"]
        links = offline.list_guardian_links()
        assert [(link.other_role, link.display_name) for link in links] == [
            ("guardian", "陈静 Chen Jing")
        ]
        incidents = list(offline.list_incidents().auto_paging_iter())
        assert incidents == list(live.list_incidents().auto_paging_iter())
        assert [[a.category for a in i.affected] for i in incidents] == [["account"]]
        assert offline.get_incident_counts().unread == 1
        with pytest.raises(ReadOnlyArchive):
            offline.mark_incident_read(incidents[0].id)
    finally:
        offline.close()


def test_the_guardians_archive_names_the_ward(make_shop: Any, tmp_path: Path) -> None:
    shop = make_shop("sinomai")
    offline = _export(shop, "liu.min", tmp_path / "liu.zip")
    try:
        links = offline.list_guardian_links()
        assert [(link.other_role, link.display_name) for link in links] == [("ward", "Bob Liu")]
        assert offline.get_me().guardian_rule is None  # the guardian is an adult
        assert list(offline.list_incidents().auto_paging_iter()) == []
    finally:
        offline.close()
