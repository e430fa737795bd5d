"""One exception family for everything that can go wrong talking to a shop.

`ApiError` carries the HTTP status, the problem `code`, the request id and a short message a
person can read; subclasses say what kind of failure it is, so callers branch on meaning.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only annotations: the app's first window must not wait for requests
    import requests


class ApiError(Exception):
    """Base of every client error."""

    default_message = "The shop could not handle this request."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        detail: str | None = None,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        self.user_message = message or self.default_message
        super().__init__(self.user_message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.detail = detail
        self.body = body
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [self.user_message]
        if self.code:
            parts.append(f"[{self.code}]")
        if self.request_id:
            parts.append(f"(request {self.request_id})")
        return " ".join(parts)


class ConnectionFailed(ApiError):
    default_message = "The shop cannot be reached. Check the connection and try again."


class InsecureTransport(ApiError):
    default_message = "This shop address uses plain HTTP, which is only allowed on this computer."


class AuthenticationRequired(ApiError):
    default_message = "Please sign in again."


class ReauthRequired(ApiError):
    default_message = "Please confirm it is you by signing in again."


class Forbidden(ApiError):
    default_message = "This account is not allowed to do that."


class NotFound(ApiError):
    default_message = "It is no longer there."


class ValidationFailed(ApiError):
    default_message = "The shop did not accept what was sent."


class Conflict(ApiError):
    default_message = "This conflicts with the current state; refresh and try again."


class IdempotencyConflict(Conflict):
    default_message = "This action was already sent with different details."


class RateLimited(ApiError):
    default_message = "Too many requests. Please wait a moment and try again."


class ServerError(ApiError):
    default_message = "The shop had a problem. Please try again later."


class BadResponse(ApiError):
    default_message = "The shop sent something the app does not understand."


class SignInFailed(ApiError):
    default_message = "Sign-in did not complete."


class SignInCancelled(SignInFailed):
    default_message = "Sign-in was cancelled."


class SignInTimedOut(SignInFailed):
    default_message = "Sign-in took too long and was stopped. Please try again."


def retry_after(response: requests.Response) -> float | None:
    """The wait a `Retry-After` header asks for, in seconds (None: absent or unreadable).

    The one reader of the header: error responses carry it (`ApiError.retry_after`) and the
    transport's retries honour it. Both forms of RFC 9110 are read: delay-seconds and an
    HTTP-date (a date in the past means no wait).
    """
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # an HTTP-date is always GMT; a malformed one may lack a zone
            return None
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds)


def error_from_response(response: requests.Response) -> ApiError:
    """Map an error response (problem+json or not) onto the right exception."""
    body: Any = None
    code = None
    detail = None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        code = body.get("code") if isinstance(body.get("code"), str) else None
        detail = body.get("detail") if isinstance(body.get("detail"), str) else None
    status = response.status_code
    kwargs: dict[str, Any] = {
        "status": status,
        "code": code,
        "request_id": response.headers.get("X-Request-Id"),
        "detail": detail,
        "body": body,
        "retry_after": retry_after(response),
    }
    kind: type[ApiError]
    if status == 401:
        kind = AuthenticationRequired
    elif status == 403 and code == "reauth_required":
        kind = ReauthRequired
    elif status == 403:
        kind = Forbidden
    elif status in (404, 410):
        kind = NotFound
    elif status == 422 and code == "idempotency_conflict":
        kind = IdempotencyConflict
    elif status in (400, 413, 415, 416, 422):
        kind = ValidationFailed
    elif status == 409:
        kind = Conflict
    elif status == 429:
        kind = RateLimited
    elif status >= 500:
        kind = ServerError
    else:
        kind = ApiError
    # The shop's own sentence is shown when it has one: it is plain text from the problem body.
    return kind(detail, **kwargs)
