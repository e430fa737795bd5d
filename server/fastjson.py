"""JSON bodies built straight from plain rows: orjson, no model objects, no double validation.

The fast read path (`server.deps.run_signed_in`) serializes in the worker thread and the route
answers with `json_response`. The route still declares its `response_model`, so the OpenAPI
contract is unchanged, and the bytes are the ones the model would produce (compact, UTF-8,
UTC times with `Z`, microseconds only when there are some); tests compare them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from starlette.responses import Response

# Naive datetimes are UTC throughout the server (server.db.UTCDateTime stores them so).
_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def dumps(content: Any) -> bytes:
    return orjson.dumps(content, option=_OPTIONS)


def page_body(items: Sequence[dict[str, Any]], next_cursor: str | None) -> bytes:
    """A `Page[...]` as JSON bytes."""
    return orjson.dumps({"items": items, "next_cursor": next_cursor}, option=_OPTIONS)


def json_response(body: bytes, status_code: int = 200) -> Response:
    return Response(content=body, status_code=status_code, media_type="application/json")
