"""Paging through incident notices (unread first) while reading them lists each one once.

The list is ordered unread first, then newest first, and reading a notice changes which group
it is in. A shopper who pages one notice at a time and marks each read as they go (what the
dashboard does when a notice is opened) must still see every notice exactly once.
"""

from __future__ import annotations

from typing import Any

from server.embedded import RunningShop
from tests.server.test_incidents import signed_in


def all_ids(api: Any) -> list[str]:
    body = api.get("/incidents").json()
    assert body["next_cursor"] is None
    return [item["id"] for item in body["items"]]


def test_reading_while_paging_neither_repeats_nor_skips(make_shop: Any) -> None:
    shop: RunningShop = make_shop("silumart")
    lin = signed_in(shop, "lin.mei")
    everything = all_ids(lin)
    assert len(everything) == 2  # one unread, one read (the demo's)
    seen: list[str] = []
    cursor: str | None = None
    for _page in range(len(everything) + 2):  # bounded: a repeat would run on
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = lin.get("/incidents", params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        for item in body["items"]:
            seen.append(item["id"])
            assert lin.put(f"/incidents/{item['id']}/read").status_code == 200
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    # afterwards all are read, and a fresh listing starts from the new order
    assert lin.get("/incidents/counts").json()["unread"] == 0
    assert sorted(all_ids(lin)) == sorted(everything)


def test_an_old_or_forged_cursor_is_a_400(make_shop: Any) -> None:
    lin = signed_in(make_shop("silumart"), "lin.mei")
    for cursor in ("WzEsNV0", "not-a-cursor", "WyJ4IiwxLDVd"):  # [1,5], junk, ["x",1,5]
        answer = lin.get("/incidents", params={"cursor": cursor})
        assert answer.status_code == 400, (cursor, answer.text)
        assert answer.json()["code"] == "invalid_cursor"
