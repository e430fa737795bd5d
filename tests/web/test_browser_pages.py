"""The two web pages a shopper meets, in a real headless Chromium.

- The shop's sign-in page: the whole OAuth flow with the app's own loopback listener, typed and
  clicked like a person would; one language per page, the app's (`ui_locales`) or the
  browser's; a wrong password readable in both; a sign-in finished after the app cancelled it
  lands on a page that says so.
- The archive's `index.html`, opened from disk: it renders with no script and asks the network
  for nothing.
Screenshots of each go to the test's temporary folder (and `bench/screenshots.py` keeps the
README's).
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from client.auth import BrowserSignIn, TokenSet
from client.discovery import fetch_discovery
from client.errors import GuardianConsentMissing, SignInCancelled, SignInDenied
from server.embedded import RunningShop
from tests.client.archive_helpers import small_archive
from tests.conftest import SHOPPER
from tests.support import chromium

pytestmark = [
    pytest.mark.skipif(
        not chromium.available(),
        reason="needs Debian's chromium and chromium-driver (.ci/run installs them)",
    ),
    pytest.mark.timeout(180),
]

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(params=["en", "zh-CN"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def driver(language: str) -> Iterator[Any]:
    with chromium.browser(language) as running:
        yield running


def _fill_and_submit(driver: Any, username: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    name = driver.find_element(By.ID, "username")
    name.clear()
    name.send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def _body_text(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.TAG_NAME, "body").text)


def _wait_for_text(driver: Any, needle: str) -> str:
    """The page's text once it holds `needle` (after a navigation settles)."""
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    def holds(current: Any) -> str | bool:
        try:
            page = _body_text(current)
        except StaleElementReferenceException:
            return False
        return page if needle in page else False

    try:
        return str(WebDriverWait(driver, 15).until(holds))
    except TimeoutException:
        raise AssertionError(f"{needle!r} never appeared: {_body_text(driver)!r}") from None


def _no_sideways_scroll(driver: Any) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= driver.execute_script("return window.innerWidth"), "the page scrolls sideways"


def _flow(shop: RunningShop, language: str, open_browser: Callable[[str], bool]) -> BrowserSignIn:
    discovery = fetch_discovery(shop.url)
    return BrowserSignIn(
        discovery.oauth, open_browser=open_browser, timeout=60, language=language.replace("-", "_")
    )


def _recorder(opened: list[str]) -> Callable[[str], bool]:
    """An `open_browser` that only notes the address (the test drives Chromium to it)."""

    def open_browser(url: str) -> bool:
        opened.append(url)
        return True

    return open_browser


def _run_in_thread(flow: BrowserSignIn) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["tokens"] = flow.run()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _open_sign_in(
    shop: RunningShop, driver: Any, language: str
) -> tuple[BrowserSignIn, threading.Thread, dict[str, Any]]:
    """The app starts signing in (in `language`) and the browser opens the page it asked for."""
    opened: list[str] = []
    flow = _flow(shop, language, _recorder(opened))
    thread, outcome = _run_in_thread(flow)
    for _ in range(100):
        if opened:
            break
        thread.join(0.05)
    assert opened, "the app never opened the browser"
    driver.get(opened[0])
    return flow, thread, outcome


def _other(language: str) -> str:
    return "en" if language == "zh-CN" else "zh-CN"


def test_signing_in_in_a_real_browser(
    shop: RunningShop, driver: Any, language: str, tmp_path: Path
) -> None:
    _, thread, outcome = _open_sign_in(shop, driver, language)
    page = _body_text(driver)
    assert driver.find_element("tag name", "html").get_attribute("lang") == language
    if language == "en":
        assert "Sign in" in page
        assert not CJK.search(page), page
    else:
        assert "登录" in page
        assert "Sign in" not in page
    _no_sideways_scroll(driver)
    driver.save_screenshot(str(tmp_path / f"sign-in-{language}.png"))
    _fill_and_submit(driver, *SHOPPER)
    thread.join(30)
    assert isinstance(outcome.get("tokens"), TokenSet), outcome
    _wait_for_text(driver, "Sign-in complete" if language == "en" else "登录完成")


def test_a_wrong_password_is_readable(
    shop: RunningShop, driver: Any, language: str, tmp_path: Path
) -> None:
    flow, thread, outcome = _open_sign_in(shop, driver, language)
    _fill_and_submit(driver, SHOPPER[0], "not the password")
    from selenium.webdriver.common.by import By

    expected = "The account or password is not right." if language == "en" else "账户或密码不正确。"
    _wait_for_text(driver, expected)
    assert driver.find_element(By.CSS_SELECTOR, "[role=alert]").text == expected
    assert driver.find_element(By.ID, "username").get_attribute("value") == SHOPPER[0]
    driver.save_screenshot(str(tmp_path / f"sign-in-error-{language}.png"))
    flow.cancel()
    thread.join(10)
    assert isinstance(outcome.get("error"), SignInCancelled)


def test_finishing_a_cancelled_sign_in_lands_on_a_friendly_page(
    shop: RunningShop, driver: Any, language: str
) -> None:
    flow, thread, outcome = _open_sign_in(shop, driver, language)
    flow.cancel()  # the shopper pressed Cancel in the app while the page was open
    thread.join(10)
    assert isinstance(outcome.get("error"), SignInCancelled)
    _fill_and_submit(driver, *SHOPPER)
    _wait_for_text(driver, "Sign-in was cancelled" if language == "en" else "登录已取消")


def test_cancel_on_the_shop_s_page_ends_the_app_s_wait(
    shop: RunningShop, driver: Any, language: str, tmp_path: Path
) -> None:
    """The page's Cancel button, clicked: the browser goes back to the app's listener with
    `access_denied`, the app stops waiting at once, and the page says what happened."""
    from selenium.webdriver.common.by import By

    _, thread, outcome = _open_sign_in(shop, driver, language)
    cancel = driver.find_element(By.CSS_SELECTOR, "form.cancel button")
    assert cancel.text == ("Cancel: do not sign in" if language == "en" else "取消，不登录")
    _no_sideways_scroll(driver)
    driver.save_screenshot(str(tmp_path / f"sign-in-cancel-{language}.png"))
    cancel.click()
    thread.join(15)
    assert not thread.is_alive()
    assert isinstance(outcome.get("error"), SignInDenied), outcome
    _wait_for_text(driver, "Sign-in declined" if language == "en" else "登录被拒绝")


def test_a_minor_refused_for_the_guardian_s_consent_is_told_in_both_places(
    make_shop: Callable[[str], RunningShop], driver: Any, language: str, tmp_path: Path
) -> None:
    """Silumart § 6: the right password of a minor whose guardian has not consented. The
    browser goes back to the app with the reason: the app stops waiting with it, and the
    browser's page says why in the app's language."""
    from server.admin import account_consent

    silumart = make_shop("silumart")
    account_consent(silumart.ctx, "alice.chen", "withdrawn")
    _, thread, outcome = _open_sign_in(silumart, driver, language)
    _fill_and_submit(driver, "alice.chen", "demo1234")
    thread.join(15)
    assert not thread.is_alive()
    assert isinstance(outcome.get("error"), GuardianConsentMissing), outcome
    words = "parent or guardian must consent" if language == "en" else "监护人"
    page = _wait_for_text(driver, words)
    assert "demo1234" not in page
    assert bool(CJK.search(page)) == (language == "zh-CN")
    _no_sideways_scroll(driver)
    driver.save_screenshot(str(tmp_path / f"sign-in-guardian-{language}.png"))


def test_the_form_answers_in_the_app_s_language_whatever_the_browser_s(
    shop: RunningShop, language: str
) -> None:
    """A browser set to the other language: the page and the answer to the POSTed form are in
    the app's language, and say so in `Content-Language` (GET and POST alike)."""
    from selenium.webdriver.common.by import By

    with chromium.browser(_other(language)) as driver:
        chromium.requested_urls(driver)  # drop what the start page asked for
        flow, thread, outcome = _open_sign_in(shop, driver, language)
        _fill_and_submit(driver, SHOPPER[0], "not the password")
        expected = (
            "The account or password is not right." if language == "en" else "账户或密码不正确。"
        )
        _wait_for_text(driver, expected)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
        answers = [a for a in chromium.document_answers(driver) if "/oauth/authorize" in a.url]
        assert [a.method for a in answers] == ["GET", "POST"], answers
        assert [a.status for a in answers] == [200, 401], answers
        assert [a.header("Content-Language") for a in answers] == [language, language]
        flow.cancel()
        thread.join(10)
        assert isinstance(outcome.get("error"), SignInCancelled)


def test_the_archive_page_renders_with_no_script_and_nothing_remote(
    tmp_path: Path, language: str
) -> None:
    archive = small_archive(tmp_path / "archive.zip", language=language)
    with zipfile.ZipFile(archive) as opened:
        index = tmp_path / "index.html"
        index.write_bytes(opened.read("index.html"))
    with chromium.browser(language, javascript=True) as driver:
        chromium.requested_urls(driver)  # drop what the start page asked for
        driver.get(index.as_uri())
        from selenium.webdriver.common.by import By

        assert driver.find_elements(By.TAG_NAME, "script") == []
        assert driver.find_elements(By.CSS_SELECTOR, "[src], link[href], object, embed") == []
        # chrome:// and data: are the browser's own start page, not the archive's (which has
        # no element with a source, checked above): nothing else may be fetched.
        requested = [
            url
            for url in chromium.requested_urls(driver)
            if not url.startswith(("chrome://", "data:"))
        ]
        assert requested, "the page was never requested"
        assert all(url == index.as_uri() for url in requested), requested
        text = _body_text(driver)
        assert "测试商店" in text  # the shop's name
        for section in ("account", "tracks", "orders"):
            assert re.search(rf"\b{section}\b", text), text
        # each section's records as a table with human labels, in the archive's language
        zh = language == "zh-CN"
        for title in ("会员账户信息", "我的足迹", "订单") if zh else ("Account", "Orders"):
            assert title in text, title
        headers = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "section th")]
        assert ("时间" if zh else "When") in headers, headers
        assert "item_ref" not in headers
        rows = driver.find_elements(By.CSS_SELECTOR, "section#tracks tr")
        assert len(rows) == 1 + 5  # the header and the sample's five searches
        assert "蓝牙耳机" in text
        assert "🎧 headphones" in text
        _no_sideways_scroll(driver)
        driver.save_screenshot(str(tmp_path / f"archive-index-{language}.png"))
