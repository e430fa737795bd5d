"""Turning exceptions into one short sentence a shopper can act on (translated)."""

from __future__ import annotations

import sys
from types import ModuleType

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
from client.i18n import trans_late
from ui.i18n import translate

# What each ArchiveError reason means, in words (client/archive/format.py: REASONS).
ARCHIVE_REASONS: dict[str, str] = {
    "not_found": trans_late("Errors", "The file does not exist or cannot be read."),
    "not_an_archive": trans_late("Errors", "This file is not a personal-data archive."),
    "truncated": trans_late(
        "Errors", "The archive is cut short: it was not saved or downloaded completely."
    ),
    "corrupt": trans_late("Errors", "The archive is damaged."),
    "unsupported_zip": trans_late(
        "Errors", "The archive uses a ZIP feature personal-data archives never use."
    ),
    "unsafe_path": trans_late("Errors", "The archive contains a file with an unsafe name."),
    "symlink": trans_late("Errors", "The archive contains a symbolic link."),
    "not_regular": trans_late(
        "Errors", "The archive contains something that is not a regular file."
    ),
    "duplicate_member": trans_late("Errors", "The archive contains two files with the same name."),
    "too_many_members": trans_late("Errors", "The archive contains too many files."),
    "member_too_large": trans_late("Errors", "A file in the archive is larger than allowed."),
    "total_too_large": trans_late("Errors", "The archive is larger than allowed once unpacked."),
    "compression_ratio": trans_late(
        "Errors", "The archive unpacks to far more than real data does (a ZIP bomb)."
    ),
    "missing_manifest": trans_late(
        "Errors", "The archive has no list of contents (manifest.json)."
    ),
    "malformed_manifest": trans_late("Errors", "The archive's list of contents is malformed."),
    "wrong_format": trans_late("Errors", "This file is not a personal-data archive."),
    "unsupported_version": trans_late(
        "Errors", "The archive is of a newer format than this app reads."
    ),
    "unlisted_member": trans_late(
        "Errors", "The archive contains a file its list of contents does not mention."
    ),
    "missing_member": trans_late("Errors", "A file the archive lists is missing."),
    "size_mismatch": trans_late(
        "Errors", "A file in the archive has the wrong size: it was changed or damaged."
    ),
    "checksum_mismatch": trans_late(
        "Errors", "A file in the archive was changed or damaged (checksum mismatch)."
    ),
    "record_count_mismatch": trans_late(
        "Errors", "A part of the archive has another number of records than listed."
    ),
    "malformed_json": trans_late("Errors", "A data file in the archive is not valid."),
    "bad_signature": trans_late(
        "Errors", "The shop's signature does not match: the archive was changed."
    ),
    "unsigned": trans_late("Errors", "The archive is not signed, but it should be."),
    "unknown_key": trans_late("Errors", "The archive is signed with a key the app does not know."),
    "encrypted": trans_late(
        "Errors", "This archive is encrypted: enter its passphrase to open it."
    ),
    "wrong_passphrase": trans_late(
        "Errors", "The passphrase is wrong, or the encrypted file was changed."
    ),
    "unknown_section": trans_late("Errors", "The archive has no such part."),
    "different_account": trans_late(
        "Errors", "The two archives are of different accounts or shops."
    ),
    "cancelled": trans_late("Errors", "Cancelled; nothing was saved."),
    "write_failed": trans_late("Errors", "The file could not be written."),
}


def archive_reason(reason: str | None) -> str:
    """The translated sentence for an ArchiveError reason code."""
    text = ARCHIVE_REASONS.get(reason or "")
    if text is None:
        return translate("Errors", "The archive cannot be used.")
    return translate("Errors", text)


def user_message(error: BaseException) -> str:
    """What to show for `error`; the shop's own sentence is kept when it gave one."""
    # The archive modules (the offline API pulls in the pydantic models) load when an archive
    # is used, not at start-up; until one is loaded, no error can be one of its exceptions.
    offline = sys.modules.get("client.archive.offline_api")
    archive_format = sys.modules.get("client.archive.format")
    if offline is not None and isinstance(error, offline.NotInArchive):
        return translate("Errors", "This archive does not contain this part.")
    if offline is not None and isinstance(error, offline.ReadOnlyArchive):
        return translate("Errors", "This is an archive: it can only be read, not changed.")
    if archive_format is not None and isinstance(error, archive_format.ArchiveError):
        return archive_reason(error.reason)
    if isinstance(error, ConnectionFailed):
        return translate(
            "Errors", "The shop cannot be reached. Check your connection and try again."
        )
    if isinstance(error, InsecureTransport):
        return translate(
            "Errors", "This address is not safe to use: the app only talks HTTPS to shops."
        )
    if isinstance(error, ReauthRequired):
        return translate("Errors", "Please sign in again to confirm this action.")
    if isinstance(error, AuthenticationRequired):
        return translate("Errors", "Your sign-in has ended. Please sign in again.")
    if isinstance(error, SignInFailed):
        return translate("Errors", "Sign-in did not complete: {0}").format(error.user_message)
    if isinstance(error, RateLimited):
        return translate("Errors", "Too many requests. Please wait a moment and try again.")
    if isinstance(error, BadResponse):
        return translate("Errors", "The shop sent something the app does not understand.")
    if isinstance(error, ServerError):
        return translate("Errors", "The shop had a problem. Please try again later.")
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
    return translate("Errors", "Something went wrong: {0}").format(type(error).__name__)


def _backend_message(backends: ModuleType, error: BaseException) -> str | None:
    """The sentence for an error of `client.backends`, or None for any other error."""
    if isinstance(error, backends.NotOffered):
        return translate("Errors", "This shop does not offer this.")
    if isinstance(error, backends.CodeRejected):
        if error.tries_left is None:
            return translate("Errors", "The code is not right. Check it and try again.")
        if error.tries_left == 0:
            return translate(
                "Errors", "The code is not right, and no tries are left: it no longer works."
            )
        return translate("Errors", "The code is not right. Tries left: {0}.").format(
            error.tries_left
        )
    if isinstance(error, backends.CodeExpired):
        if error.used_up:
            return translate(
                "Errors",
                "Too many wrong codes: this code no longer works. File the request "
                "again to get a new one.",
            )
        return translate(
            "Errors",
            "The code has expired (codes work for 10 minutes). File the request again "
            "to get a new one.",
        )
    if isinstance(error, backends.MaybeFiled):
        return translate(
            "Errors",
            "The connection broke after the request was sent, so the shop may have it. "
            "The app does not send it again by itself.",
        )
    return None
