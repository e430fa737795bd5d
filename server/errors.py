"""RFC 9457 problem details: one exception type, and handlers so nothing else leaks out."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.i18n import current_language, request_language, using_language
from server.messages import translate, validation_message

log = logging.getLogger(__name__)

PROBLEM_TYPE_BASE = "https://privacy-api.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    416: "Range not satisfiable",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}

_TITLES_ZH = {
    400: "请求有误",
    401: "需要登录",
    403: "无权操作",
    404: "未找到",
    405: "不支持该请求方法",
    406: "无法提供所需格式",
    409: "状态冲突",
    413: "请求内容过大",
    415: "不支持的内容类型",
    416: "请求范围无效",
    422: "无法处理的内容",
    429: "请求过于频繁",
    500: "服务器内部错误",
    503: "服务暂不可用",
}

_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "options", "head"})


class Problem(Exception):
    """Raise anywhere in a route to answer with problem+json."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}


def not_found(what: str = "resource") -> Problem:
    return Problem(404, "not_found", f"No such {what}.")


def problem_body(status: int, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    """The problem+json body; `title` and `detail` in the request's language (`code` stays)."""
    chinese = current_language() == "zh-CN"
    title = (_TITLES_ZH if chinese else _TITLES).get(status, "错误" if chinese else "Error")
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": translate(detail) or detail,
        "code": code,
    }
    body.update(extra)
    errors = body.get("errors")
    if chinese and isinstance(errors, list):
        body["errors"] = [
            {**err, "msg": translate(err["msg"]) or err["msg"]}
            if isinstance(err, dict) and isinstance(err.get("msg"), str)
            else err
            for err in errors
        ]
    return body


def problem_response(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, code, detail, **extra),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method the API document gives the request's path (what a 405's Allow names)."""
    path = request.url.path
    matches: list[tuple[int, dict[str, Any]]] = []
    for template, item in request.app.openapi().get("paths", {}).items():
        pattern = "".join(
            "[^/]+" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", template)
        )
        if re.fullmatch(pattern, path):
            matches.append((template.count("{"), item))
    # A literal route wins over a parameter one (/consents/history, not /consents/{purpose}),
    # as the router itself resolves it.
    fewest = min((params for params, _ in matches), default=0)
    methods = {
        m.upper()
        for params, item in matches
        if params == fewest
        for m in item
        if m in _HTTP_METHODS
    }
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    """Map every error the stack can raise onto problem+json; never expose a traceback."""

    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.code, exc.detail, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": [str(part) for part in err.get("loc", ())],
                "msg": validation_message(
                    str(err.get("type", "")), str(err.get("msg", "")), dict(err.get("ctx") or {})
                ),
            }
            for err in exc.errors()
        ]
        return problem_response(
            422, "validation_failed", "The request is not valid.", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES_BY_STATUS.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the first route that matched the path; list them all.
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(exc.status_code, code, detail, headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        # Runs outside the language middleware: negotiate again from the request itself.
        with using_language(request_language(request)):
            return problem_response(
                500, "internal_error", "Something went wrong on the shop's side."
            )
