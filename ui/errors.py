"""Turning exceptions into one short sentence a shopper can act on (translated)."""

from __future__ import annotations

import sys
from types import ModuleType

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


# What each ArchiveError reason means, in words (client/archive/format.py: REASONS).
ARCHIVE_REASONS: dict[str, str] = {
    "not_found": "The file does not exist or cannot be read.",
    "not_an_archive": "This file is not a personal-data archive.",
    "truncated": "The archive is cut short: it was not saved or downloaded completely.",
    "corrupt": "The archive is damaged.",
    "unsupported_zip": "The archive uses a ZIP feature personal-data archives never use.",
    "unsafe_path": "The archive contains a file with an unsafe name.",
    "symlink": "The archive contains a symbolic link.",
    "not_regular": "The archive contains something that is not a regular file.",
    "duplicate_member": "The archive contains two files with the same name.",
    "too_many_members": "The archive contains too many files.",
    "member_too_large": "A file in the archive is larger than allowed.",
    "total_too_large": "The archive is larger than allowed once unpacked.",
    "compression_ratio": "The archive unpacks to far more than real data does (a ZIP bomb).",
    "missing_manifest": "The archive has no list of contents (manifest.json).",
    "malformed_manifest": "The archive's list of contents is malformed.",
    "wrong_format": "This file is not a personal-data archive.",
    "unsupported_version": "The archive is of a newer format than this app reads.",
    "unlisted_member": "The archive contains a file its list of contents does not mention.",
    "missing_member": "A file the archive lists is missing.",
    "size_mismatch": "A file in the archive has the wrong size: it was changed or damaged.",
    "checksum_mismatch": "A file in the archive was changed or damaged (checksum mismatch).",
    "record_count_mismatch": "A part of the archive has another number of records than listed.",
    "malformed_json": "A data file in the archive is not valid.",
    "bad_signature": "The shop's signature does not match: the archive was changed.",
    "unsigned": "The archive is not signed, but it should be.",
    "unknown_key": "The archive is signed with a key the app does not know.",
    "encrypted": "This archive is encrypted: enter its passphrase to open it.",
    "wrong_passphrase": "The passphrase is wrong, or the encrypted file was changed.",
    "unknown_section": "The archive has no such part.",
    "different_account": "The two archives are of different accounts or shops.",
    "cancelled": "Cancelled; nothing was saved.",
    "write_failed": "The file could not be written.",
}


def archive_reason(reason: str | None) -> str:
    """The translated sentence for an ArchiveError reason code."""
    text = ARCHIVE_REASONS.get(reason or "")
    if text is None:
        return _tr("The archive cannot be used.")
    return _tr(text)


def user_message(error: BaseException) -> str:
    """What to show for `error`; the shop's own sentence is kept when it gave one."""
    # The archive modules (the offline API pulls in the pydantic models) load when an archive
    # is used, not at start-up; until one is loaded, no error can be one of its exceptions.
    offline = sys.modules.get("client.archive.offline_api")
    archive_format = sys.modules.get("client.archive.format")
    if offline is not None and isinstance(error, offline.NotInArchive):
        return _tr("This archive does not contain this part.")
    if offline is not None and isinstance(error, offline.ReadOnlyArchive):
        return _tr("This is an archive: it can only be read, not changed.")
    if archive_format is not None and isinstance(error, archive_format.ArchiveError):
        return archive_reason(error.reason)
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
    # The other backends (Fides) load with a shop that uses one; likewise, until then no error
    # can be one of theirs.
    backends = sys.modules.get("client.backends")
    if backends is not None:
        backend_text = _backend_message(backends, error)
        if backend_text is not None:
            return backend_text
    if isinstance(error, ApiError):  # Forbidden, NotFound, validation…: the shop's sentence
        detail = error.detail or error.user_message
        suffix = f" ({error.request_id})" if error.request_id else ""
        return detail + suffix
    return _tr("Something went wrong: {0}").format(type(error).__name__)


def _backend_message(backends: ModuleType, error: BaseException) -> str | None:
    """The sentence for an error of `client.backends`, or None for any other error."""
    if isinstance(error, backends.NotOffered):
        return _tr("This shop does not offer this.")
    if isinstance(error, backends.CodeRejected):
        if error.tries_left is None:
            return _tr("The code is not right. Check it and try again.")
        if error.tries_left == 0:
            return _tr("The code is not right, and no tries are left: it no longer works.")
        return _tr("The code is not right. Tries left: {0}.").format(error.tries_left)
    if isinstance(error, backends.CodeExpired):
        if error.used_up:
            return _tr(
                "Too many wrong codes: this code no longer works. File the request "
                "again to get a new one."
            )
        return _tr(
            "The code has expired (codes work for 10 minutes). File the request again "
            "to get a new one."
        )
    if isinstance(error, backends.MaybeFiled):
        return _tr(
            "The connection broke after the request was sent, so the shop may have it. "
            "The app does not send it again by itself."
        )
    return None
