"""The API's routers, one module per resource group."""

from __future__ import annotations

from fastapi import APIRouter

from server.routes import (
    access_log,
    assessments,
    assist,
    consents,
    data,
    discovery,
    export,
    guardian_consent,
    guardians,
    incidents,
    me,
    notices,
    orders,
    overview,
    privacy_requests,
    rights,
    sharing,
    tracks,
)

ROUTERS: list[APIRouter] = [
    discovery.router,
    me.router,
    data.router,
    tracks.router,
    orders.router,
    consents.router,
    sharing.router,
    notices.router,
    access_log.router,
    privacy_requests.router,
    assist.router,
    export.router,
    overview.router,
    rights.router,
    assessments.router,
    guardians.router,
    guardian_consent.router,
    incidents.router,
]
