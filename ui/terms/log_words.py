"""A shop's server-log entry (My data › Logs) in the shopper's words, in the UI language.

The shop logs the page as its web path (`/item/4303014013`, `/search?q=…`) and the browser as
a short user-agent summary (`Chrome 131 (Windows 11)`); the API and the archive keep them as
logged. Paths and summaries are codes of a kind, so the app names them: "A product page" /
"商品详情页", "WeChat's in-app browser (Android)" / "微信内置浏览器（Android）". A path the
app does not know reads as "Another page of the shop", never as the path; a browser summary
it does not recognise is the shop's own text and is shown as it is. Product names (Chrome,
Windows, Android) stay names in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from ui.i18n import translate

# The shop's own pages, by path (the demo shops' and the usual shop sections).
_PAGES: dict[str, Callable[[], str]] = {
    "/": lambda: translate("Terms", "Home page"),
    "/cart": lambda: translate("Terms", "Shopping cart"),
    "/orders": lambda: translate("Terms", "Your orders"),
    "/member/profile": lambda: translate("Terms", "Your profile"),
    "/member/addresses": lambda: translate("Terms", "Your delivery addresses"),
    "/coupon-center": lambda: translate("Terms", "Coupon centre"),
    "/help/after-sales": lambda: translate("Terms", "After-sales help"),
    "/flash-sale": lambda: translate("Terms", "Flash sale"),
}
_PRODUCT = re.compile(r"/item/[0-9A-Za-z-]{1,40}")

# "Chrome 131 (Windows 11)", "Silumart App 8.3 (Android 14)", "WeChat in-app browser (Android)"
_APP = re.compile(r"(?P<name>[^()]+?) App (?P<version>\d+(?:\.\d+)*) \((?P<system>[^()]+)\)")
_BROWSER = re.compile(r"(?P<name>[A-Za-z]+) (?P<version>\d+(?:\.\d+)*) \((?P<system>[^()]+)\)")
_IN_APP = re.compile(r"(?P<name>[^()]+?) \((?P<system>[^()]+)\)")
_BROWSERS = frozenset({"Chrome", "Edge", "Safari", "Firefox", "Opera"})
_IN_APP_BROWSERS: dict[str, Callable[[], str]] = {
    "WeChat in-app browser": lambda: translate("Terms", "WeChat's in-app browser"),
}


def page_text(page: str, search_query: str | None = None) -> str:
    """The page a log entry is about, as a shopper names it (never its path). A search names
    its words only when the entry has no `search_query` of its own (the Logs tab shows that
    in a column beside it)."""
    if not page.strip():
        return "—"
    parts = urlsplit(page.strip())
    path = parts.path.rstrip("/") or "/"
    fixed = _PAGES.get(path)
    if fixed is not None:
        return fixed()
    if _PRODUCT.fullmatch(path):
        return translate("Terms", "A product page")
    if path == "/search":
        query = next(iter(parse_qs(parts.query).get("q", [])), "").strip()
        if query and not (search_query or "").strip():
            return translate("Terms", "Search for “{0}”").format(query)
        return translate("Terms", "Search results")
    return translate("Terms", "Another page of the shop")


def browser_text(browser: str) -> str:
    """The browser or app of a log entry, in the UI language; an unknown one as logged."""
    summary = browser.strip()
    if not summary:
        return "—"
    app = _APP.fullmatch(summary)
    if app:
        return translate("Terms", "{0} app {1} ({2})").format(
            app["name"], app["version"], app["system"]
        )
    found = _BROWSER.fullmatch(summary)
    if found and found["name"] in _BROWSERS:
        return translate("Terms", "{0} browser {1} ({2})").format(
            found["name"], found["version"], found["system"]
        )
    in_app = _IN_APP.fullmatch(summary)
    if in_app and in_app["name"] in _IN_APP_BROWSERS:
        return translate("Terms", "{0} ({1})").format(
            _IN_APP_BROWSERS[in_app["name"]](), in_app["system"]
        )
    return summary


__all__ = ["browser_text", "page_text"]
