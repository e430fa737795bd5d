"""Turning exceptions into one short sentence a shopper can act on (translated).

The client's errors carry their own sentences (marked for translation); this module
translates them, and words the archive file's problems (`ArchiveError.reason`).
"""

from __future__ import annotations

import sys

from client.errors import ApiError
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
    """What to show for `error`, translated; the shop's own sentence is kept when it gave one.

    The sentences of the client's errors live with the exceptions (`client.errors`,
    `client.backends`, `client.archive.offline_api`: `default_message` and `sentence()`); this
    translates them. Only the archive file's reasons and unexpected errors are worded here.
    """
    if isinstance(error, ApiError):
        template, arguments = error.sentence()
        return translate("Errors", template).format(*arguments)
    # The archive modules load when an archive is used, not at start-up; until one is loaded,
    # no error can be one of their exceptions.
    archive_format = sys.modules.get("client.archive.format")
    if archive_format is not None and isinstance(error, archive_format.ArchiveError):
        return archive_reason(error.reason)
    filing = sys.modules.get("client.filing")
    if filing is not None and isinstance(error, filing.QueueFailed):
        # Its text is the file system's (a path with the user's name): for the log only.
        return translate(
            "Errors",
            "The shop cannot be reached, and the app could not keep the request to send it "
            "later: its outbox file could not be written.",
        )
    # No class name on screen: the log has the details (Help → Copy diagnostics).
    return translate(
        "Errors",
        "Something went wrong in the app. Help → Copy diagnostics gives the details for a report.",
    )
