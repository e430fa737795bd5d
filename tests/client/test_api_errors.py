"""Errors from the real shop map onto the client's exception types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests

from client.api import ShopApi
from client.errors import BadResponse, NotFound, ValidationFailed, retry_after
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_malformed_cursor_is_a_validation_error(shop_api: ShopApi) -> None:
    with pytest.raises(ValidationFailed) as caught:
        shop_api.list_tracks(cursor="not-a-cursor")
    assert caught.value.status == 400
    assert caught.value.code == "invalid_cursor"
    assert caught.value.request_id


def test_bad_body_is_422(shop_api: ShopApi) -> None:
    with pytest.raises(ValidationFailed) as caught:
        shop_api.update_me({})
    assert caught.value.status == 422
    assert caught.value.user_message  # the shop's own sentence


def test_ids_are_quoted_into_one_path_segment(shop_api: ShopApi) -> None:
    with pytest.raises(NotFound):
        shop_api.get_order("../me")
    with pytest.raises(ValueError, match="empty"):
        shop_api.get_order("")


def test_unexpected_data_from_the_shop_is_bad_response(
    shop_api: ShopApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shop_api.transport.get_json

    def broken(path: str, params: object = None) -> object:
        data = real(path, params)  # type: ignore[arg-type]
        data["items"][0]["at"] = "2026-01-01 noon"
        return data

    monkeypatch.setattr(shop_api.transport, "get_json", broken)
    with pytest.raises(BadResponse) as caught:
        shop_api.list_tracks(limit=2)
    assert "Track" in str(caught.value)


def _answer(retry_after_header: str | None) -> requests.Response:
    response = requests.Response()
    response.status_code = 429
    if retry_after_header is not None:
        response.headers["Retry-After"] = retry_after_header
    return response


def test_one_retry_after_reader_reads_both_forms() -> None:
    assert retry_after(_answer(None)) is None
    assert retry_after(_answer("7")) == 7.0
    assert retry_after(_answer("-3")) == 0.0
    assert retry_after(_answer("soon")) is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    wait = retry_after(_answer(later))
    assert wait is not None
    assert 100 < wait <= 120
    earlier = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    assert retry_after(_answer(earlier)) == 0.0
