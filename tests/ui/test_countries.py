"""One table of country names: every country reads in the UI language, in Chinese too.

Qt names territories in English only, so before this a partner in Germany read "Germany (DE)"
in the Chinese UI (only CN, SG, HK, MO and TW had Chinese names, HK, MO and TW in traditional
characters). `ui.countries` names every territory Qt knows in Simplified Chinese; this test
holds it to Qt's list of codes and to every country code the demo shops send over the API.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale

from server.embedded import RunningShop
from tests.server.test_language import ZH, _read, _urls
from tests.support.oauth_login import Api
from tests.support.oauth_login import sign_in as api_sign_in
from ui.countries import CHINESE_NAMES
from ui.formats import country_name, country_text
from ui.terms.policy_records import transfer_text

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
COUNTRY_KEYS = re.compile(r"(?:^|_)country$")
SHOPS = ("silumart", "sinomai")


def qt_codes() -> set[str]:
    """Every ISO 3166-1 alpha-2 code Qt knows as a territory."""
    codes = set()
    for first, second in itertools.product(string.ascii_uppercase, repeat=2):
        territory = QLocale.codeToTerritory(first + second)
        if (
            territory != QLocale.Country.AnyTerritory
            and QLocale.territoryToCode(territory) == first + second
        ):
            codes.add(first + second)
    return codes


@pytest.fixture
def chinese_ui() -> Iterator[None]:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(QLocale.c())  # as the other tests expect


def test_every_territory_qt_knows_has_a_simplified_chinese_name() -> None:
    codes = qt_codes()
    assert len(codes) > 240
    missing = sorted(codes - set(CHINESE_NAMES))
    assert not missing, f"no Chinese name for {missing}"
    for code, name in CHINESE_NAMES.items():
        assert CJK.search(name), (code, name)
        assert not LATIN.search(name), (code, name)
    # simplified characters, not Qt's native (traditional) names for these
    assert CHINESE_NAMES["HK"] == "中国香港特别行政区"
    assert CHINESE_NAMES["TW"] == "台湾"
    assert len(set(CHINESE_NAMES.values())) == len(CHINESE_NAMES)  # no name given twice


def test_country_names_follow_the_ui_language(chinese_ui: None) -> None:
    assert country_text("DE") == "德国（DE）"
    assert country_text("us") == "美国（US）"
    assert country_text("MO") == "中国澳门特别行政区（MO）"
    assert country_text("ZZ") == "ZZ"  # a code nobody knows is shown as sent
    # a transfer's destination names the country alone, from the same table
    assert country_name("SG") == "新加坡"
    assert "新加坡" in transfer_text("SG", None, "policy", None)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert country_text("DE") == "Germany (DE)"
    assert country_text("CN") == "China (CN)"
    assert country_name("SG") == "Singapore"
    assert country_name(None) == "—"


def _countries(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, str) and COUNTRY_KEYS.search(key) and node:
        yield node
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from _countries(value, str(name))
    elif isinstance(node, list):
        for value in node:
            yield from _countries(value, key)


@pytest.mark.parametrize("name", SHOPS)
def test_every_country_the_demo_shops_send_reads_in_chinese(
    make_shop: Callable[..., RunningShop], chinese_ui: None, name: str
) -> None:
    shop = make_shop(name)
    shopper = next(a for a in shop.ctx.demo_accounts if a[2] == "shopper")
    tokens = api_sign_in(shop.url, shopper[0], shopper[1])
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    sent: set[str] = set()
    for url in _urls(shop, api):
        response = _read(api, shop, url, ZH)
        if response.headers.get("content-type", "").startswith("application/json"):
            sent |= set(_countries(response.json()))
    assert sent >= {"CN"}, sent  # the walk found the country fields
    for code in sorted(sent):
        assert code in CHINESE_NAMES, code
        shown = country_text(code)
        assert shown == f"{CHINESE_NAMES[code]}（{code}）"
        assert not LATIN.search(shown.replace(code, "")), shown
