"""The OpenAPI document, told the truth: what FastAPI derives, plus what it cannot see.

FastAPI documents what a route declares. Some answers come from elsewhere and are added here,
in one place:
- the request guard's `400 invalid_character` (any operation) and `413` (any with a body);
- validation errors, which the problem handler answers as problem+json, not FastAPI's default
  `HTTPValidationError` JSON;
- the OAuth endpoints' own answers: HTML pages and redirects for the sign-in page, RFC 6749
  error objects for the token endpoint;
- the `Idempotency-Key` header where a route refuses to work without one (routes say so with
  `openapi_extra={IDEMPOTENCY_REQUIRED: True}`);
- `405` with an `Allow` header listing every method of the path.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

IDEMPOTENCY_REQUIRED = "x-idempotency-key-required"

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
_PROBLEM_CONTENT = {"application/problem+json": {"schema": _PROBLEM_REF}}
_HTML_CONTENT = {"text/html": {"schema": {"type": "string"}}}
_OAUTH_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}
_NO_CONTENT_LOCATION = {
    "Location": {"schema": {"type": "string"}, "description": "The application's loopback address."}
}

_SCHEMAS: dict[str, Any] = {
    "ProblemDetails": {
        "title": "ProblemDetails",
        "type": "object",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "title": "Type"},
            "title": {"type": "string", "title": "Title"},
            "status": {"type": "integer", "title": "Status"},
            "detail": {"type": "string", "title": "Detail"},
            "code": {"type": "string", "title": "Code"},
        },
        "description": "RFC 9457 problem details with a stable `code`.",
    },
    "OAuthError": {
        "title": "OAuthError",
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "error_description": {"type": "string"},
        },
        "description": "RFC 6749 §5.2 error response.",
    },
    "TokenResponse": {
        "title": "TokenResponse",
        "type": "object",
        "required": ["access_token", "token_type", "expires_in", "scope"],
        "properties": {
            "access_token": {"type": "string"},
            "token_type": {"type": "string", "enum": ["Bearer"]},
            "expires_in": {"type": "integer"},
            "scope": {"type": "string"},
            "refresh_token": {"type": "string"},
            "auth_time": {"type": "integer"},
        },
    },
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": _PROBLEM_CONTENT}


# The OAuth endpoints answer in their own formats (RFC 6749, and the sign-in page's HTML).
_OAUTH_RESPONSES: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    ("get", "/oauth/authorize"): {
        "200": {"description": "The sign-in page.", "content": _HTML_CONTENT},
        "302": {
            "description": "Back to the application with an `error` (RFC 6749 §4.1.2.1).",
            "headers": _NO_CONTENT_LOCATION,
        },
        "400": {
            "description": "An unknown application or return address (an HTML page), or "
            "a character the shop cannot store.",
            "content": {**_HTML_CONTENT, **_PROBLEM_CONTENT},
        },
    },
    ("post", "/oauth/authorize"): {
        "200": {"description": "The sign-in page again.", "content": _HTML_CONTENT},
        "302": {
            "description": "Signed in: back to the application with `code`, `state` and "
            "`iss`; or refused, with an `error` (`access_denied` where the account cannot "
            "grant the scope, or, with `reason=guardian_consent_required`, until a guardian "
            "consents to it).",
            "headers": _NO_CONTENT_LOCATION,
        },
        "400": {
            "description": "An unknown application or return address (an HTML page), or "
            "a character the shop cannot store.",
            "content": {**_HTML_CONTENT, **_PROBLEM_CONTENT},
        },
        "401": {
            "description": "Wrong account or password (the page again).",
            "content": _HTML_CONTENT,
        },
        "429": {
            "description": "Too many failed attempts from here; see `Retry-After`.",
            "content": _HTML_CONTENT,
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    },
    ("post", "/oauth/authorize/cancel"): {
        "302": {
            "description": "Back to the application with `error=access_denied` and `state` "
            "(or another `error`, RFC 6749 §4.1.2.1).",
            "headers": _NO_CONTENT_LOCATION,
        },
        "400": {
            "description": "An unknown application or return address (an HTML page), or "
            "a character the shop cannot store.",
            "content": {**_HTML_CONTENT, **_PROBLEM_CONTENT},
        },
    },
    ("post", "/oauth/token"): {
        "200": {
            "description": "Tokens.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/TokenResponse"}}
            },
        },
        "400": {
            "description": "An RFC 6749 error (`invalid_grant`, `unsupported_grant_type`, "
            "…), or a character the shop cannot store.",
            "content": {**_OAUTH_ERROR_CONTENT, **_PROBLEM_CONTENT},
        },
        "401": {"description": "`invalid_client`.", "content": _OAUTH_ERROR_CONTENT},
        "429": {
            "description": "Too many attempts; see `Retry-After`.",
            "content": {**_OAUTH_ERROR_CONTENT, **_PROBLEM_CONTENT},
        },
    },
    ("post", "/oauth/revoke"): {
        "200": {"description": "Revoked, or the token was unknown (RFC 7009 §2.2)."},
        "400": {
            "description": "A character the shop cannot store.",
            "content": {**_OAUTH_ERROR_CONTENT, **_PROBLEM_CONTENT},
        },
    },
}


def install_openapi(app: FastAPI) -> None:
    """Replace `app.openapi` with the completed document (built once, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            complete(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(_SCHEMAS)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path, item in document.get("paths", {}).items():
        methods = [m for m in _METHODS if m in item]
        for method in methods:
            _complete_operation(path, method, item[method], methods)


def _complete_operation(
    path: str, method: str, operation: dict[str, Any], path_methods: list[str]
) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    if "422" in responses or "requestBody" in operation or operation.get("parameters"):
        responses["422"] = _problem(
            "The request is not valid (`validation_failed`, with `errors` naming each field)."
        )
    responses.setdefault(
        "400",
        _problem(
            "Bad request: a malformed cursor, header, or a "
            "character the shop cannot store (`invalid_character`)."
        ),
    )
    if "requestBody" in operation:
        responses["413"] = _problem(
            "The body is larger than the limit (1 MiB of JSON, 64 KiB "
            "of a form), refused before it is read."
        )
    if path.startswith("/v1/"):
        responses.setdefault("401", _problem("No valid sign-in."))
    others = sorted(m.upper() for m in path_methods)
    responses["405"] = {
        "description": "Another method than this path serves.",
        "headers": {
            "Allow": {
                "schema": {"type": "string"},
                "description": "Every method of the path: " + ", ".join(others),
            }
        },
        "content": _PROBLEM_CONTENT,
    }
    responses.update(_OAUTH_RESPONSES.get((method, path), {}))
    if operation.pop(IDEMPOTENCY_REQUIRED, False):
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "header" and parameter.get("name") == "Idempotency-Key":
                parameter["required"] = True
                parameter.get("schema", {}).pop("anyOf", None)
                parameter["schema"] = {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 80,
                    "title": "Idempotency-Key",
                }
