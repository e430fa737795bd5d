"""Requests' results and assist sessions read back from an archive, as the API's models.

The sections `explanations` and `deletion_receipts` hold, per completed request, exactly what
`GET /requests/{id}/result` answered (with `id` the request's), and `assist_sessions` what
`GET /assist/sessions` lists; so the offline viewer (`client/archive/offline_api.py`) can show
them with the same models as a live shop:

    request_result(archive, "42")  -> ExplanationResult | DeletionResult
    assist_sessions(archive)       -> list[AssistSession], newest first

A request whose result the archive does not hold raises `NotFound` (`not_in_archive`).
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from client.archive.format import ArchiveError
from client.archive.reader import Archive
from client.errors import NotFound
from client.models.assist import AssistSession
from client.models.requests import RequestResult

RESULT_SECTIONS: tuple[str, ...] = ("explanations", "deletion_receipts")
_RESULT: TypeAdapter[RequestResult] = TypeAdapter(RequestResult)


def _items(archive: Archive, section: str) -> list[dict[str, Any]]:
    if not archive.has_section(section):
        return []
    try:
        return list(archive.iter_items(section))
    except ArchiveError as exc:
        raise NotFound(f"The archive cannot be read: {exc.message}", code="not_in_archive") from exc


def request_result(archive: Archive, request_id: str) -> RequestResult:
    """The result of one completed request as the shop answered it, from the archive."""
    for section in RESULT_SECTIONS:
        for item in _items(archive, section):
            if str(item.get("id")) == request_id:
                body = {k: v for k, v in item.items() if k != "id"}
                try:
                    return _RESULT.validate_python(body)
                except ValidationError:
                    raise NotFound(
                        "The archive holds this result in a shape this app does not read.",
                        code="not_in_archive",
                    ) from None
    raise NotFound(
        "This archive holds no result of that request; connect to the shop.",
        code="not_in_archive",
    )


def assist_sessions(archive: Archive) -> list[AssistSession]:
    """The assist sessions the archive lists (none when it has no such section)."""
    return [AssistSession.model_validate(item) for item in _items(archive, "assist_sessions")]


__all__ = ["RESULT_SECTIONS", "assist_sessions", "request_result"]
