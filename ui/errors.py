"""Turning exceptions into one short sentence a shopper can act on (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from client.errors import (
    ApiError,
    AuthenticationRequired,
    BadResponse,
    ConnectionFailed,
    InsecureTransport,
    RateLimited,
    ReauthRequired,
    ServerError,
    SignInFailed,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def user_message(error: BaseException) -> str:
    """What to show for `error`; the shop's own sentence is kept when it gave one."""
    if isinstance(error, ConnectionFailed):
        return _tr("The shop cannot be reached. Check your connection and try again.")
    if isinstance(error, InsecureTransport):
        return _tr("This address is not safe to use: the app only talks HTTPS to shops.")
    if isinstance(error, ReauthRequired):
        return _tr("Please sign in again to confirm this action.")
    if isinstance(error, AuthenticationRequired):
        return _tr("Your sign-in has ended. Please sign in again.")
    if isinstance(error, SignInFailed):
        return _tr("Sign-in did not complete: {0}").format(error.user_message)
    if isinstance(error, RateLimited):
        return _tr("Too many requests. Please wait a moment and try again.")
    if isinstance(error, BadResponse):
        return _tr("The shop sent something the app does not understand.")
    if isinstance(error, ServerError):
        return _tr("The shop had a problem. Please try again later.")
    if isinstance(error, ApiError):  # Forbidden, NotFound, validation…: the shop's sentence
        detail = error.detail or error.user_message
        suffix = f" ({error.request_id})" if error.request_id else ""
        return detail + suffix
    return _tr("Something went wrong: {0}").format(type(error).__name__)
