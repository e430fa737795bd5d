"""One table of error sentences: each kind's sentence lives with its exception in the client
(marked for translation), and the app shows it translated; the shop's own sentence is kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

import client.api
import client.archive.offline_api
import client.backends
import client.backends.fides
from client.api import ShopApi
from client.backends import CodeExpired, CodeRejected, MaybeFiled, NotOffered
from client.backends.fides import BadAddress
from client.errors import (
    ApiError,
    ConnectionFailed,
    Forbidden,
    NotFound,
    ServerError,
    SignInCancelled,
    SignInFailed,
    SignInTimedOut,
    fill,
)
from client.filing import QueueFailed
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from ui.errors import user_message
from ui.i18n import TRANSLATIONS_DIR

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _kinds(base: type[ApiError] = ApiError) -> Iterator[type[ApiError]]:
    yield base
    for sub in base.__subclasses__():
        yield from _kinds(sub)


def _instance(kind: type[ApiError]) -> ApiError:
    if issubclass(kind, CodeRejected):
        return kind(None)
    if issubclass(kind, NotOffered):
        return kind("result")
    return kind()


@pytest.fixture
def chinese(qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_every_kind_of_client_error_has_its_sentence_in_chinese(chinese: None) -> None:
    # the modules that define error kinds are loaded (imports above): all of them are listed
    kinds = sorted(set(_kinds()), key=lambda kind: kind.__qualname__)
    modules = {kind.__module__ for kind in kinds}
    assert {"client.errors", "client.api", "client.backends", "client.archive.offline_api"} <= (
        modules
    )
    for kind in kinds:
        shown = user_message(_instance(kind))
        assert _CHINESE.search(shown), (kind.__qualname__, shown)
    assert _CHINESE.search(user_message(CodeRejected(0)))
    assert "2" in user_message(CodeRejected(2))
    assert _CHINESE.search(user_message(CodeExpired(used_up=True)))


def test_the_app_and_the_command_line_say_the_same_in_english(qapp: QCoreApplication) -> None:
    for kind in set(_kinds()):
        error = _instance(kind)
        assert user_message(error) == fill(error.sentence()) == error.user_message, kind


def test_which_sentence_is_shown(qapp: QCoreApplication) -> None:
    # a technical detail given by the client is for logs: the kind's sentence is shown
    failed = ConnectionFailed("The request could not be sent: ProxyError.")
    assert user_message(failed) == ConnectionFailed.default_message
    assert "ProxyError" in str(failed)  # ...and the command line still says it
    assert user_message(ServerError("boom", detail="trace", request_id="r1")) == (
        ServerError.default_message
    )
    # the shop's own sentence is shown, with the request id its staff can look up
    assert user_message(Forbidden("Not yours.", request_id="req-9")) == "Not yours. (req-9)"
    assert user_message(NotFound(detail="No such order.")) == "No such order."
    assert user_message(NotFound()) == NotFound.default_message
    # sign-in: the reason is kept; cancelling and timing out have their own sentences
    assert user_message(SignInFailed("The browser could not be opened.")) == (
        "Sign-in did not complete: The browser could not be opened."
    )
    assert user_message(SignInCancelled()) == "Sign-in was cancelled."
    assert user_message(SignInTimedOut("No answer within 120 seconds.")) == (
        SignInTimedOut.default_message
    )
    assert user_message(CodeRejected(3)) == "The code is not right. Tries left: 3."
    assert user_message(MaybeFiled("reset by peer")) == MaybeFiled.default_message
    assert "KeyError" not in user_message(KeyError("x"))  # no class name on screen
    assert user_message(KeyError("x")).startswith("Something went wrong in the app.")
    leak = QueueFailed("[Errno 28] No space left on device: '/home/amy/.config/outbox.sqlite'")
    assert "amy" not in user_message(leak)
    assert "outbox file could not be written" in user_message(leak)
    assert user_message(BadAddress()) == "Not a web address the app can use."
    assert BadAddress().sentence() == (BadAddress.default_message, ())  # translated in the UI


def test_an_error_from_the_real_shop_shows_its_sentence(
    shop: RunningShop, qapp: QCoreApplication
) -> None:
    api: ShopApi = api_for(shop, *SHOPPER)
    with pytest.raises(NotFound) as caught:
        api.get_order("no-such-order")
    error = caught.value
    assert error.detail, "the shop explains the 404 in its problem body"
    assert error.request_id
    assert user_message(error) == f"{error.detail} ({error.request_id})"


def test_the_modules_above_are_the_ones_that_define_error_kinds() -> None:
    # keeps the first test honest: a new module with ApiError kinds must be imported there
    defined = {kind.__module__ for kind in _kinds()}
    assert defined <= {
        "client.errors",
        client.api.__name__,
        client.backends.__name__,
        client.archive.offline_api.__name__,
        client.backends.fides.__name__,
    }, defined
