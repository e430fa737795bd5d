"""Assisted sessions: one-time assist codes and the sessions agents open with them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from server.schemas.common import ApiModel

ASSIST_CODE_PATTERN = r"^[0-9]{6}$"


class AssistCodeCreated(ApiModel):
    """A fresh one-time code: read it out to the agent; it works once, for 10 minutes."""

    code: str = Field(pattern=ASSIST_CODE_PATTERN, description="Six digits.")
    expires_at: datetime
    customer_no: str = Field(description="The customer id the agent enters with the code.")


class AssistSessionOpen(ApiModel):
    """What an agent sends to open a session on a customer's data."""

    customer_no: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)
    ]
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)]
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ] = Field(description="The case reason; shown to the customer and written to their access log.")


class AssistSessionItem(ApiModel):
    id: str
    agent: str = Field(description="The agent's username.")
    agent_display: str = Field(
        description="The agent's name as a customer reads it (their display name)."
    )
    reason: str
    started_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    active: bool


class AssistSessionOpened(ApiModel):
    session: AssistSessionItem
    access_token: str = Field(description="Scoped to the customer; expires with the session.")
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 (the OAuth token type)
    expires_in: int = Field(description="Seconds until the session (and the token) expires.")
