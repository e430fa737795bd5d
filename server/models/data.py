"""Collected data: devices, locations, logs, My Tracks history and inferred interest tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base, UTCDateTime


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    device_type: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(80))
    os: Mapped[str] = mapped_column(String(40))
    os_version: Mapped[str] = mapped_column(String(40))
    device_uid: Mapped[str] = mapped_column(String(80))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())


class Location(Base):
    __tablename__ = "locations"
    __table_args__ = (Index("ix_locations_user_at", "user_id", "at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(20))  # ip | gps | wifi | bluetooth | base_station
    ip: Mapped[str | None] = mapped_column(String(45), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    city: Mapped[str] = mapped_column(String(80))
    city_zh: Mapped[str | None] = mapped_column(Text, nullable=True)


class LogEntry(Base):
    __tablename__ = "logs"
    __table_args__ = (Index("ix_logs_user_at", "user_id", "at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    ip: Mapped[str] = mapped_column(String(45))
    browser: Mapped[str] = mapped_column(String(80))
    carrier: Mapped[str] = mapped_column(String(40))
    carrier_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    language: Mapped[str] = mapped_column(String(16))
    page: Mapped[str] = mapped_column(Text)
    search_query: Mapped[str | None] = mapped_column(Text, nullable=True)


class Track(Base):
    """One My Tracks entry: a search the subject typed or a product page they viewed."""

    __tablename__ = "tracks"
    __table_args__ = (Index("ix_tracks_user_at", "user_id", "at", "id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # search | view
    text: Mapped[str] = mapped_column(Text)
    item_ref: Mapped[str | None] = mapped_column(String(40), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Tag(Base):
    """An inferred interest tag of the subject's crowd portrait."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(80))
    tag_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    # browsing | search | orders | location | partner
    source: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float)
    since: Mapped[datetime] = mapped_column(UTCDateTime())
