"""Security incident notices per shopper (issue 13.7), over real HTTP.

Each affected shopper gets their own notice: situation, impact, measures, what they can do,
remedies (both languages) and which of their data categories were touched; unread first;
marking read is an idempotent, conditional write (checked under concurrency on SQLite and
PostgreSQL); the admin CLI publishes a new one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from server.admin import AdminError, main, publish_incident_file
from server.context import ServerConfig
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.shops import shop_profile
from tests.support.oauth_login import Api, sign_in

TEXT_FIELDS = ("title", "situation", "impact", "measures", "advice", "remedies")


def signed_in(shop: RunningShop, username: str) -> Api:
    return Api(shop.url + "/v1", str(sign_in(shop.url, username, "demo1234")["access_token"]))


def incidents(api: Api, **headers: str) -> list[dict[str, Any]]:
    response = api.get("/incidents", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_each_shopper_sees_their_own_incidents_unread_first(make_shop: Any) -> None:
    shop = make_shop("silumart")
    lin = signed_in(shop, "lin.mei")
    items = incidents(lin)
    assert len(items) == 2
    first, second = items
    assert (first["read"], second["read"]) == (False, True)
    assert first["severity"] == "critical"
    for item in items:
        for name in TEXT_FIELDS:
            assert item[name].strip(), name
        assert item["clause"] == "4.F"
        assert item["basis"] == "policy"
    assert [a["category"] for a in first["affected"]] == ["account", "orders"]
    assert all(a["title"] for a in first["affected"])
    zh = incidents(lin, **{"Accept-Language": "zh-CN"})
    assert zh[0]["id"] == first["id"]
    for name in TEXT_FIELDS:
        assert zh[0][name] != first[name], name
    assert zh[0]["affected"][1]["title"] != first["affected"][1]["title"]
    counts = lin.get("/incidents/counts").json()
    assert counts == {"unread": 1, "total": 2}
    # Alice was touched by the second incident only, and only her account data.
    alice = incidents(signed_in(shop, "alice.chen"))
    assert [[a["category"] for a in i["affected"]] for i in alice] == [["account"]]
    # Zhang Wei was not affected; another shopper's notice is not found.
    zhang = signed_in(shop, "zhang.wei")
    assert incidents(zhang) == []
    assert zhang.get(f"/incidents/{first['id']}").status_code == 404
    assert zhang.put(f"/incidents/{first['id']}/read").status_code == 404
    assert lin.get("/incidents/abc").status_code == 404


def test_sinomai_notices_are_its_own_practice_not_a_policy_promise(make_shop: Any) -> None:
    shop = make_shop("sinomai")
    [item] = incidents(signed_in(shop, "wang.fang"))
    assert item["clause"] is None
    assert item["basis"] == "shop_configuration"


def test_marking_read_is_idempotent_and_reorders(make_shop: Any) -> None:
    shop = make_shop("silumart")
    lin = signed_in(shop, "lin.mei")
    unread = incidents(lin)[0]
    marked = lin.put(f"/incidents/{unread['id']}/read")
    assert marked.status_code == 200, marked.text
    assert marked.json()["read"] is True
    read_at = marked.json()["read_at"]
    shop.ctx.clock.offset += timedelta(minutes=1)
    again = lin.put(f"/incidents/{unread['id']}/read")
    assert again.status_code == 200
    assert again.json()["read_at"] == read_at
    assert lin.get("/incidents/counts").json() == {"unread": 0, "total": 2}
    # Both read now: newest first.
    assert incidents(lin)[0]["id"] == unread["id"]
    assert {e["action"] for e in lin.get("/access-log").json()["items"]} >= {"update"}


def _race_reads(shop: RunningShop) -> None:
    lin = signed_in(shop, "lin.mei")
    notice = incidents(lin)[0]
    assert notice["read"] is False
    apis = [signed_in(shop, "lin.mei") for _ in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda a: a.put(f"/incidents/{notice['id']}/read"), apis))
    assert [a.status_code for a in answers] == [200] * 6, [a.text for a in answers]
    assert len({a.json()["read_at"] for a in answers}) == 1


def test_racing_marks_agree_on_one_reading_time_sqlite(make_shop: Any) -> None:
    _race_reads(make_shop("silumart"))


def test_racing_marks_agree_on_one_reading_time_postgres(pg_database: Callable[[], str]) -> None:
    config = ServerConfig(
        db_url=pg_database(),
        shop=shop_profile("silumart"),
        demo=True,
        run_processor=False,
        processor_delay=timedelta(0),
    )
    shop = RunningShop(config)
    try:
        seed_for_demo(shop.ctx, tracks=50)
        shop.start()
        _race_reads(shop)
    finally:
        shop.stop()


def _incident(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "severity": "warning",
        "occurred_at": "2026-01-02T03:04:05Z",
        **{name: {"en": f"The {name}.", "zh": f"{name}（中文）"} for name in TEXT_FIELDS},
        "affected": {"SM100002": ["orders", "payments"]},
    }
    data.update(overrides)
    return data


def test_the_admin_cli_publishes_a_notice(make_shop: Any, tmp_path: Path) -> None:
    shop = make_shop("silumart")
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(_incident()), encoding="utf-8")
    assert main(["--db-url", shop.ctx.config.db_url, "publish-incident", str(path)]) == 0
    zhang = signed_in(shop, "zhang.wei")
    [item] = incidents(zhang)
    assert item["title"] == "The title."
    assert item["read"] is False
    assert [a["category"] for a in item["affected"]] == ["orders", "payments"]
    assert incidents(zhang, **{"Accept-Language": "zh-CN"})[0]["remedies"] == "remedies（中文）"
    for bad in (
        _incident(affected={"SM100002": ["no_such_category"]}),
        _incident(affected={"XX0": ["orders"]}),
        _incident(affected={}),
        _incident(severity="huge"),
        _incident(occurred_at="yesterday"),
        _incident(title={"zh": "只有中文"}),
    ):
        with pytest.raises(AdminError):
            publish_incident_file(shop.ctx, bad)
    assert len(incidents(zhang)) == 1
    path.write_text("{not json", encoding="utf-8")
    assert main(["--db-url", shop.ctx.config.db_url, "publish-incident", str(path)]) == 1
