"""One exception family for everything that can go wrong talking to a shop.

`ApiError` carries the HTTP status, the problem `code`, the request id and a short message a
person can read; subclasses say what kind of failure it is, so callers branch on meaning.

This is also the one table of what a person reads for each kind: every class's
`default_message` is marked for translation (`trans_late`, context "Errors"), and `sentence()`
says what to show — the kind's sentence, or the shop's own (already in the language the app
asked for). The command line prints the English; the app translates the template
(`ui.errors.user_message`) and fills in the arguments.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, ClassVar

from client.i18n import trans_late

if TYPE_CHECKING:  # only annotations: the app's first window must not wait for requests
    import requests

Sentence = tuple[str, tuple[object, ...]]  # a template marked in context "Errors", its arguments


def fill(sentence: Sentence) -> str:
    """The English text of a sentence (the app translates the template first)."""
    template, arguments = sentence
    return template.format(*arguments)


class ApiError(Exception):
    """Base of every client error."""

    default_message = trans_late("Errors", "The shop could not handle this request.")
    # True: a sentence given with the error (the shop's `detail`, or the client's own) is what
    # a person reads. False: it is a technical detail for logs; the kind's sentence is shown.
    shows_given_message: ClassVar[bool] = True

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
        self.given_message = message
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

    def sentence(self) -> Sentence:
        """What a person reads: a template (translate it in context "Errors") and arguments."""
        own = (self.detail or self.given_message) if self.shows_given_message else None
        if own is None:
            return self.default_message, ()
        if self.request_id:  # the shop's sentence, with the id its staff can look up
            return trans_late("Errors", "{0} ({1})"), (own, self.request_id)
        return "{0}", (own,)


class ConnectionFailed(ApiError):
    default_message = trans_late(
        "Errors", "The shop cannot be reached. Check your connection and try again."
    )
    shows_given_message = False


class InsecureTransport(ApiError):
    default_message = trans_late(
        "Errors", "This address is not safe to use: the app only talks HTTPS to shops."
    )
    shows_given_message = False


class AuthenticationRequired(ApiError):
    default_message = trans_late("Errors", "Your sign-in has ended. Please sign in again.")
    shows_given_message = False


class GuardianConsentRequired(AuthenticationRequired):
    """The sign-in ended because the shop's policy needs a guardian's consent to the account
    (a minor's, where it is withdrawn or not yet given): the shop refused to renew it."""

    default_message = trans_late(
        "Errors",
        "Your sign-in has ended: a parent or guardian must consent to this account before "
        "you can use it. Ask them to give their consent, then sign in again.",
    )


class ReauthRequired(ApiError):
    default_message = trans_late("Errors", "Please sign in again to confirm this action.")
    shows_given_message = False


class Forbidden(ApiError):
    default_message = trans_late("Errors", "This account is not allowed to do that.")


class NotFound(ApiError):
    default_message = trans_late("Errors", "It is no longer there.")


class ValidationFailed(ApiError):
    default_message = trans_late("Errors", "The shop did not accept what was sent.")


class Conflict(ApiError):
    default_message = trans_late(
        "Errors", "This conflicts with the current state; refresh and try again."
    )


class IdempotencyConflict(Conflict):
    default_message = trans_late("Errors", "This action was already sent with different details.")


class RateLimited(ApiError):
    default_message = trans_late("Errors", "Too many requests. Please wait a moment and try again.")
    shows_given_message = False


class ServerError(ApiError):
    default_message = trans_late("Errors", "The shop had a problem. Please try again later.")
    shows_given_message = False


class BadResponse(ApiError):
    default_message = trans_late("Errors", "The shop sent something the app does not understand.")
    shows_given_message = False


class SignInFailed(ApiError):
    default_message = trans_late("Errors", "Sign-in did not complete.")

    def sentence(self) -> Sentence:
        own = self.detail or self.given_message
        if own is None or not self.shows_given_message:
            return self.default_message, ()
        return trans_late("Errors", "Sign-in did not complete: {0}"), (own,)


# The token endpoint's `reason` when a guardian's consent to the account is missing.
GUARDIAN_CONSENT_REASON = "guardian_consent_required"


class GuardianConsentMissing(SignInFailed):
    """The shop refused the sign-in (or its renewal): a guardian must consent to the account."""

    default_message = trans_late(
        "Errors",
        "The shop refused the sign-in: a parent or guardian must consent to this account "
        "before you can use it. Ask them to give their consent, then sign in again.",
    )
    shows_given_message = False


class SignInDenied(SignInFailed):
    """The shop sent the browser back with `access_denied`: the person (its page's Cancel) or
    the shop declined the sign-in there. The shop's description is kept in `detail`."""

    default_message = trans_late(
        "Errors",
        "The sign-in was declined on the shop's page, so the app is not signed in. Nothing "
        "was changed; sign in again whenever you like.",
    )
    shows_given_message = False


class SignInRequestRefused(SignInFailed):
    """The shop sent the browser back with another OAuth error (`invalid_request`,
    `server_error`, …): this sign-in cannot go on. The error and description are kept in
    `code` and `detail` for the log; a person reads the app's own sentence."""

    default_message = trans_late(
        "Errors",
        "The shop could not go on with this sign-in. Please try again; if it keeps "
        "happening, the shop may be having a problem.",
    )
    shows_given_message = False


class SignInCancelled(SignInFailed):
    default_message = trans_late("Errors", "Sign-in was cancelled.")
    shows_given_message = False


class SignInTimedOut(SignInFailed):
    default_message = trans_late(
        "Errors", "Sign-in took too long and was stopped. Please try again."
    )
    shows_given_message = False


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
