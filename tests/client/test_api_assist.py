"""ShopApi against the real shop: assist codes, agents opening sessions, ending them."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.errors import AuthenticationRequired, Forbidden
from client.models import AssistSession
from client.transport import Transport
from server.embedded import RunningShop
from tests.client.api_helpers import FixedToken, api_for
from tests.conftest import AGENT, SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_code_session_list_and_end(shop: RunningShop, shop_api: ShopApi) -> None:
    code = shop_api.create_assist_code()
    assert len(code.code) == 6
    assert code.code.isdigit()
    assert code.customer_no == shop_api.get_me().customer_no
    agent = api_for(shop, *AGENT, scope="assist")
    opened = agent.open_assist_session(code.customer_no, code.code, "Customer asked about order")
    assert opened.session.active
    assert opened.expires_in > 0
    assisted = ShopApi(Transport(shop.url + "/v1", tokens=FixedToken(opened.access_token)))
    assert assisted.get_me().customer_no == code.customer_no
    sessions = list(shop_api.list_assist_sessions().auto_paging_iter())
    assert sessions
    assert isinstance(sessions[0], AssistSession)
    assert sessions[0].id == opened.session.id
    assert sessions[0].agent == AGENT[0]
    shop_api.end_assist_session(opened.session.id)
    with pytest.raises(AuthenticationRequired):
        assisted.get_me()
    ended = shop_api.list_assist_sessions().items[0]
    assert not ended.active
    assert ended.ended_at is not None


def test_an_agent_can_end_its_own_session(shop: RunningShop, shop_api: ShopApi) -> None:
    code = shop_api.create_assist_code()
    agent = api_for(shop, *AGENT, scope="assist")
    opened = agent.open_assist_session(code.customer_no, code.code, "Checking an address")
    assisted = ShopApi(Transport(shop.url + "/v1", tokens=FixedToken(opened.access_token)))
    with pytest.raises(Forbidden):  # agents may read but not change data
        assisted.set_personalization(False)
    assisted.end_current_assist_session()
    with pytest.raises(AuthenticationRequired):
        assisted.get_me()


def test_a_wrong_code_is_refused(shop: RunningShop, shop_api: ShopApi) -> None:
    code = shop_api.create_assist_code()
    wrong = "000000" if code.code != "000000" else "111111"
    agent = api_for(shop, *AGENT, scope="assist")
    with pytest.raises(Forbidden) as caught:
        agent.open_assist_session(code.customer_no, wrong, "guessing")
    assert caught.value.code == "invalid_assist_code"
    with pytest.raises(Forbidden):  # a shopper cannot open sessions
        shop_api.open_assist_session(code.customer_no, code.code, "not an agent")
