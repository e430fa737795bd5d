"""Headless Chromium for tests of the two web pages a shopper meets (Debian's chromium).

Started with the flags this closed machine needs (no background networking, no first-run),
a fresh profile, and the interface language asked for; every network request the page makes
is recorded through the DevTools performance log, so a test can prove a page loads nothing
from elsewhere.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


@contextmanager
def browser(
    language: str = "en", size: tuple[int, int] = (1024, 640), javascript: bool = True
) -> Iterator[Any]:
    """A selenium driver for headless Chromium speaking `language` (e.g. "en", "zh-CN")."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--window-size={size[0]},{size[1]}",
        f"--user-data-dir={profile}",
        f"--lang={language}",
    ):
        options.add_argument(flag)
    prefs: dict[str, Any] = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked the network for since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@dataclass(frozen=True)
class Answer:
    """One page the browser loaded: how it was asked for and what came back."""

    method: str
    url: str
    status: int
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


def document_answers(driver: Any) -> list[Answer]:
    """Every page (document) loaded since the last look at the log, in order, with the
    method, status and headers of its answer (as the DevTools network events report them)."""
    asked: dict[str, tuple[str, str]] = {}
    answers = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent" and params.get("type") in (
            "Document",
            None,
        ):
            request = params["request"]
            asked[params["requestId"]] = (request["method"], request["url"])
        elif message.get("method") == "Network.responseReceived" and params.get("type") == (
            "Document"
        ):
            method, url = asked.get(params["requestId"], ("", params["response"]["url"]))
            response = params["response"]
            answers.append(
                Answer(method, url, int(response["status"]), dict(response.get("headers", {})))
            )
    return answers
