"""HTTP sessions that connect from a chosen loopback address (127.0.0.0/8 is all loopback).

The shop throttles by the client's address; binding the client socket to 127.0.0.2, 127.0.0.3 …
makes "a stranger elsewhere" and "the shopper here" real, distinct sources on one machine.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter


class _SourceAdapter(HTTPAdapter):
    def __init__(self, address: str, **kwargs: Any) -> None:
        self._address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self._address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address: str) -> requests.Session:
    """A requests session whose connections leave from `address` (e.g. "127.0.0.2")."""
    session = requests.Session()
    adapter = _SourceAdapter(address)
    session.mount("http://", adapter)
    return session
