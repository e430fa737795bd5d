"""Assisted sessions: one-time assist codes and the sessions agents open with them."""

from __future__ import annotations

from typing import Literal

from client.models.common import ClientModel, Timestamp


class AssistCode(ClientModel):
    """A fresh six-digit code: read it out to the agent; it works once, for 10 minutes."""

    code: str
    expires_at: Timestamp
    customer_no: str


class AssistSession(ClientModel):
    id: str
    agent: str
    agent_display: str = ""  # an older shop sends only the login
    reason: str
    started_at: Timestamp
    expires_at: Timestamp
    ended_at: Timestamp | None = None
    active: bool

    @property
    def agent_name(self) -> str:
        """The agent as the customer reads them: display name, else the login."""
        return self.agent_display or self.agent


class AssistSessionOpened(ClientModel):
    """What an agent gets back: the session and a token scoped to that customer."""

    session: AssistSession
    access_token: str
    token_type: Literal["Bearer", "bearer"] = "Bearer"  # noqa: S105 - a scheme, not a secret
    expires_in: int


__all__ = ["AssistCode", "AssistSession", "AssistSessionOpened"]
