"""Checking an archive on a worker thread and saying what was found: keys of the signed-in
shops, the verdict (`archive_format.verdict`, the same as `verify_archive`'s) and its report
text. No widgets here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from archive_format.verdict import signature_verdict
from client.archive import (
    Archive,
    ArchiveError,
    ArchiveReport,
    load_key_file,
    open_archive,
)
from ui import formats
from ui.errors import archive_reason
from ui.i18n import translate
from ui.session import AppSession
from ui.tasks import TaskControl


# --- keys and checking (worker-thread helpers, no Qt) ------------------------------------------
def shop_keys(session: AppSession) -> dict[str, dict[str, Any]]:
    """shop id -> public keys of every signed-in connection (read on the UI thread)."""
    from client.verify import load_public_keys

    keys: dict[str, dict[str, Any]] = {}
    for connection in session.signed_in_connections():
        try:
            keys[connection.shop_id] = load_public_keys(connection.discovery.signing_keys)
        except Exception:  # noqa: S112 - a shop without usable keys simply cannot verify
            continue
    return keys


NO_KEY_KNOWN = (
    "The shop's signature was not checked: no key is known "
    "for this shop (sign in to it or choose a key file)."
)


def report_for(archive: Archive, keys: Mapping[str, Any] | None) -> ArchiveReport:
    """The report of an archive that opened and passed every check: now its signature (the
    verdict is `archive_format.verdict`'s, the one `verify_archive` gives)."""
    return signature_verdict(
        archive.manifest,
        encrypted=archive.encrypted,
        keys=keys or None,
        no_key_message=NO_KEY_KNOWN,
    )


def choose_keys(
    archive: Archive, known: Mapping[str, Mapping[str, Any]], key_file: str | None
) -> Mapping[str, Any] | None:
    if key_file:
        return load_key_file(key_file)
    shop_id = archive.manifest.shop.get("id")
    return known.get(shop_id) if isinstance(shop_id, str) else None


def check_archive(
    path: str,
    *,
    passphrase: str | None,
    known: Mapping[str, Mapping[str, Any]],
    key_file: str | None,
    control: TaskControl,
    cancel: Callable[[], bool],
) -> ArchiveReport:
    """Verify on a worker thread; a refusal becomes a report (never raises ArchiveError)."""
    try:
        archive = open_archive(
            path, passphrase=passphrase or None, verify=True, progress=control.report, cancel=cancel
        )
    except ArchiveError as exc:
        return ArchiveReport(False, [exc.message], reason=exc.reason)
    with archive:
        try:
            keys = choose_keys(archive, known, key_file)
        except ArchiveError as exc:
            return ArchiveReport(
                False,
                [exc.message],
                reason=exc.reason,
                manifest=archive.manifest,
                signed=archive.manifest.signed,
                encrypted=archive.encrypted,
            )
        return report_for(archive, keys)


# --- verify -----------------------------------------------------------------------------------
def report_summary(report: ArchiveReport) -> str:
    """One line about the signature and checksums (for banners and messages)."""
    if not report.signed:
        signature = translate("ArchiveReport", "not signed")
    elif report.signature_ok:
        signature = translate("ArchiveReport", "signature ✓ verified")
    else:
        signature = translate("ArchiveReport", "signature ✗ NOT verified")
    checks = (
        translate("ArchiveReport", "checksums ✓")
        if report.manifest is not None
        else translate("ArchiveReport", "checksums ✗")
    )
    return f"{signature}; {checks}"


def report_text(report: ArchiveReport) -> str:
    """The plain-text verification report."""
    lines: list[str] = []
    if report.ok:
        lines.append(translate("ArchiveReport", "OK: the archive passed every check."))
    else:
        lines.append(translate("ArchiveReport", "Problems found:"))
        if report.reason:
            lines.append(f"- {archive_reason(report.reason)} [{report.reason}]")
        lines.extend(f"  {problem}" for problem in report.problems)
    manifest = report.manifest
    if manifest is not None:
        lines.append("")
        shop = (
            manifest.shop.get("name")
            or manifest.shop.get("id")
            or manifest.shop.get("api_base")
            or "—"
        )
        subject = manifest.subject.get("display_name") or manifest.subject.get("customer_no") or "—"
        maker = (
            translate("ArchiveReport", "the shop")
            if manifest.source == "shop"
            else translate("ArchiveReport", "this app")
        )
        encrypted = (
            translate("ArchiveReport", "yes")
            if report.encrypted
            else translate("ArchiveReport", "no")
        )
        lines.append(translate("ArchiveReport", "Shop: {0}").format(shop))
        lines.append(translate("ArchiveReport", "Of: {0}").format(subject))
        lines.append(translate("ArchiveReport", "Created: {0}").format(manifest.created_at))
        lines.append(translate("ArchiveReport", "Made by: {0}").format(maker))
        lines.append(translate("ArchiveReport", "Files checked: {0}").format(report.files_checked))
        lines.append(translate("ArchiveReport", "Encrypted: {0}").format(encrypted))
        lines.append(report_summary(report))
        if report.kid:
            lines.append(translate("ArchiveReport", "Signing key: {0}").format(report.kid))
        lines.append(
            translate("ArchiveReport", "Parts: {0}").format(formats.join_list(manifest.sections))
        )
    return "\n".join(lines)
