"""The demo-data generator: deterministic, complete, signed, searchable, idempotent, fast."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import ColumnElement, Engine, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from server.db import make_engine, make_session_factory, sqlite_url
from server.demo.accounts import demo_accounts
from server.demo.catalogue import CATEGORY_KEYS, LEGAL_BASES, catalogue_for
from server.demo.generator import demo_anchor, seed_bulk_tracks, seed_demo
from server.models import (
    ConsentEvent,
    ConsentPurpose,
    ConsentState,
    DataCategory,
    Decision,
    Device,
    Location,
    LogEntry,
    Order,
    OrderItem,
    PolicyAck,
    PolicyVersion,
    ProfileField,
    Recipient,
    RecipientEvent,
    ServiceContact,
    Subscription,
    Tag,
    Track,
    User,
)
from server.schema import create_schema
from server.shops import SILUMART, SINOMAI, ShopProfile
from server.signing import Signer, canonical_json
from server.timeutil import Clock, rfc3339

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
SMALL_TRACKS = 600
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3}")


class FixedClock(Clock):
    def now(self) -> datetime:
        return NOW + self.offset


@dataclass
class Seeded:
    engine: Engine
    factory: sessionmaker[Session]
    signer: Signer
    profile: ShopProfile


def _seed(
    path: Path,
    profile: ShopProfile = SILUMART,
    *,
    seed: int = 20261122,
    tracks: int = SMALL_TRACKS,
    signer: Signer | None = None,
) -> Seeded:
    engine = make_engine(sqlite_url(str(path)))
    create_schema(engine)
    factory = make_session_factory(engine)
    signer = signer or Signer("k-test", Ed25519PrivateKey.generate())
    seed_demo(factory, profile, FixedClock(), signer, seed=seed, tracks=tracks)
    return Seeded(engine, factory, signer, profile)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    result = _seed(tmp_path_factory.mktemp("demo") / "shop.db")
    yield result
    result.engine.dispose()


def _user(session: Session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


def _tracks(factory: sessionmaker[Session]) -> list[tuple[str, str, str | None, datetime]]:
    with factory() as session:
        rows = session.execute(
            select(Track.kind, Track.text, Track.item_ref, Track.at).order_by(Track.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _order_numbers(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(Order.number).order_by(Order.id)))


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    signer = Signer("k-test", Ed25519PrivateKey.generate())
    first = _seed(tmp_path / "a.db", tracks=300, signer=signer)
    second = _seed(tmp_path / "b.db", tracks=300, signer=signer)
    other = _seed(tmp_path / "c.db", tracks=300, seed=7, signer=signer)
    try:
        assert _tracks(first.factory) == _tracks(second.factory)
        assert _order_numbers(first.factory) == _order_numbers(second.factory)
        with first.factory() as a, second.factory() as b:
            receipts = select(ConsentEvent.receipt_id, ConsentEvent.signature).order_by(
                ConsentEvent.id
            )
            assert a.execute(receipts).all() == b.execute(receipts).all()
        assert _tracks(first.factory) != _tracks(other.factory)
        assert _order_numbers(first.factory) != _order_numbers(other.factory)
    finally:
        for s in (first, second, other):
            s.engine.dispose()


def test_every_category_has_data_for_the_first_shopper(seeded: Seeded) -> None:
    with seeded.factory() as session:
        keys = list(session.scalars(select(DataCategory.key).order_by(DataCategory.position)))
        # Silumart's policy (1.C.2) adds its customer-service records to the common keys
        assert keys == [*CATEGORY_KEYS, "service_records"]
        assert [c.key for c in catalogue_for(seeded.profile).categories] == keys
        user = _user(session, demo_accounts(seeded.profile)[0].username)

        def count(model: Any, *where: ColumnElement[bool]) -> int:
            stmt = select(func.count()).select_from(model).where(model.user_id == user.id, *where)
            return int(session.scalar(stmt) or 0)

        counts = {
            "account": count(ProfileField, ProfileField.group == "membership"),
            "profile": count(ProfileField, ProfileField.group == "profile"),
            "identity_verification": count(ProfileField, ProfileField.group == "verification"),
            "devices": count(Device),
            "locations": count(Location),
            "logs": count(LogEntry),
            "tracks": count(Track),
            "tags": count(Tag),
            "orders": count(Order),
            "payments": count(Order, Order.payment_masked.contains("****")),
            "decisions": count(Decision),
            "consents": count(ConsentState),
            "subscriptions": count(Subscription),
            "sharing": count(RecipientEvent),
            "service_records": count(ServiceContact),
        }
        assert set(counts) == set(keys)
        assert all(n > 0 for n in counts.values()), counts
        assert 2 <= counts["devices"] <= 4
        assert 40 <= counts["locations"] <= 60
        assert 150 <= counts["logs"] <= 250
        assert counts["tracks"] == SMALL_TRACKS
        assert 8 <= counts["tags"] <= 15
        assert 4 <= counts["decisions"] <= 6
        assert counts["subscriptions"] == 4

        items = session.scalars(
            select(func.count(OrderItem.id))
            .join(Order)
            .where(Order.user_id == user.id)
            .group_by(Order.id)
        ).all()
        assert min(items) >= 1
        assert max(items) <= 4
        assert session.scalar(
            select(func.count()).select_from(Order).where(Order.for_other.is_(True))
        )
        tied = session.scalars(
            select(RecipientEvent.order_id).where(RecipientEvent.order_id.is_not(None))
        ).all()
        assert tied
        aggregated = session.scalars(
            select(Recipient).where(Recipient.type.in_(("advertising", "analytics")))
        ).all()
        assert aggregated
        assert not any(r.identifiable for r in aggregated)
        for decision in session.scalars(select(Decision).where(Decision.user_id == user.id)):
            factors = json.loads(decision.factors)
            assert factors
            assert {"factor", "weight"} <= set(factors[0])
            assert json.loads(decision.inputs)
        assert session.scalar(
            select(func.count()).select_from(Decision).where(Decision.order_id.is_not(None))
        )


def test_profile_fields_sources_and_editability(seeded: Seeded) -> None:
    with seeded.factory() as session:
        for account in demo_accounts(seeded.profile):
            user = _user(session, account.username)
            fields = session.scalars(select(ProfileField).where(ProfileField.user_id == user.id))
            by_key = {f.key: f for f in fields}
            if account.role == "agent":
                assert {f.group for f in by_key.values()} == {"membership"}
                continue
            assert {
                "phone",
                "email",
                "contact_name",
                "member_name",
                "real_name",
                "gender",
                "fixed_phone",
                "job",
                "main_business",
                "id_verified",
                "id_number_masked",
            } <= set(by_key)
            for f in by_key.values():
                if f.group == "verification" or f.source in ("inferred", "partner"):
                    assert not f.editable, f.key
                else:
                    assert f.editable, f.key
        first = _user(session, demo_accounts(seeded.profile)[0].username)
        sources = set(
            session.scalars(select(ProfileField.source).where(ProfileField.user_id == first.id))
        )
        assert sources == {"provided", "inferred", "partner"}
        minor = _user(session, demo_accounts(seeded.profile)[2].username)
        assert minor.is_minor
        assert minor.guardian_consent == "granted"


def test_required_consents_are_granted_with_one_state_per_purpose(seeded: Seeded) -> None:
    with seeded.factory() as session:
        purposes = {p.key: p for p in session.scalars(select(ConsentPurpose))}
        assert {p.legal_basis for p in purposes.values()} <= set(LEGAL_BASES)
        for account in demo_accounts(seeded.profile):
            if account.role != "shopper":
                continue
            user = _user(session, account.username)
            states = {
                s.purpose: s
                for s in session.scalars(
                    select(ConsentState).where(ConsentState.user_id == user.id)
                )
            }
            assert set(states) == set(purposes)
            for key, purpose in purposes.items():
                if purpose.required:
                    assert states[key].granted, key
            last_events = {}
            for event in session.scalars(
                select(ConsentEvent)
                .where(ConsentEvent.user_id == user.id)
                .order_by(ConsentEvent.at, ConsentEvent.id)
            ):
                last_events[event.purpose] = event
            assert {k: e.granted for k, e in last_events.items()} == {
                k: s.granted for k, s in states.items()
            }


def test_consent_receipts_verify_with_the_shop_key(seeded: Seeded) -> None:
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(seeded.signer.public_key_b64))
    with seeded.factory() as session:
        customer_no = {u.id: u.customer_no for u in session.scalars(select(User))}
        events = session.scalars(select(ConsentEvent)).all()
        assert events
        for event in events:
            assert event.receipt_id.startswith("rcpt_")
            assert event.kid == seeded.signer.kid
            receipt = {
                "id": event.receipt_id,
                "purpose": event.purpose,
                "granted": event.granted,
                "at": rfc3339(event.at),
                "policy_version": event.policy_version,
                "subject": customer_no[event.user_id],
            }
            public.verify(base64.b64decode(event.signature), canonical_json(receipt))


def test_policy_versions_and_acknowledgements(seeded: Seeded) -> None:
    with seeded.factory() as session:
        versions = session.scalars(select(PolicyVersion).order_by(PolicyVersion.published_at)).all()
        assert len(versions) == 3
        assert versions[-1].version == seeded.profile.policy_version
        assert sum(v.major for v in versions) == 1
        # a JSON column: each version's changes are a non-empty list of sentences
        assert all(isinstance(v.changes, list) and v.changes for v in versions)
        assert all(isinstance(c, str) for v in versions for c in v.changes)
        acked = set(session.scalars(select(PolicyAck.version)))
        assert acked
        assert seeded.profile.policy_version not in acked
        newest = max(
            [*session.scalars(select(Track.at)), *session.scalars(select(Order.placed_at))]
        )
        assert newest <= demo_anchor(NOW) <= NOW


def test_fts_finds_a_chinese_substring_of_a_seeded_track(seeded: Seeded) -> None:
    with seeded.factory() as session:
        track = next(
            t for t in session.scalars(select(Track).order_by(Track.id)) if CJK_RUN.search(t.text)
        )
        needle = CJK_RUN.search(track.text).group(0)  # type: ignore[union-attr]
        found = session.scalars(
            text("SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH :q"), {"q": f'"{needle}"'}
        ).all()
        assert track.id in found
        expected = session.scalar(
            select(func.count()).select_from(Track).where(Track.text.contains(needle))
        )
        assert len(found) == expected


def test_seeding_again_writes_nothing(seeded: Seeded) -> None:
    tables = [
        "users",
        "profile_fields",
        "tracks",
        "orders",
        "consent_events",
        "recipients",
        "data_categories",
        "policy_versions",
        "notices",
        "cookies",
    ]

    def counts() -> dict[str, int]:
        with seeded.engine.connect() as conn:
            return {
                t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()  # noqa: S608
                for t in tables
            }

    before = counts()
    accounts = seed_demo(seeded.factory, seeded.profile, FixedClock(), seeded.signer)
    assert accounts == demo_accounts(seeded.profile)
    assert counts() == before


def test_sinomai_keeps_everything_until_the_account_is_closed_and_bulk_path(
    tmp_path: Path,
) -> None:
    result = _seed(tmp_path / "sinomai.db", SINOMAI, tracks=6000)
    try:
        with result.factory() as session:
            retention = set(session.scalars(select(DataCategory.retention)))
            assert retention == {"until_account_closed"}
            first = _user(session, demo_accounts(SINOMAI)[0].username)
            assert (
                session.scalar(
                    select(func.count()).select_from(Track).where(Track.user_id == first.id)
                )
                == 6000
            )
    finally:
        result.engine.dispose()
    silumart = catalogue_for(SILUMART)
    orders = next(c for c in silumart.categories if c.key == "orders")
    assert (orders.retention, orders.legal_basis) == ("P3Y", "legal_obligation")


def test_bulk_tracks_inserts_exactly_and_stays_searchable(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(str(tmp_path / "bulk.db")))
    try:
        create_schema(engine)
        with engine.begin() as conn:
            user_id = conn.execute(
                insert(User).returning(User.id),
                {
                    "username": "bulk",
                    "password_hash": "x",
                    "role": "shopper",
                    "customer_no": "B1",
                    "display_name": "Bulk",
                    "created_at": NOW,
                },
            ).scalar_one()
        anchor = demo_anchor(NOW)
        seed_bulk_tracks(engine, user_id, 50_000, seed=3, anchor=anchor)
        factory = make_session_factory(engine)
        with factory() as session:
            assert session.scalar(select(func.count()).select_from(Track)) == 50_000
            newest = session.scalars(select(Track).order_by(Track.at.desc()).limit(1)).one()
            assert newest.at <= anchor
            assert newest.at.tzinfo is not None
            sample = next(
                t for t in session.scalars(select(Track).limit(200)) if CJK_RUN.search(t.text)
            )
            needle = CJK_RUN.search(sample.text).group(0)  # type: ignore[union-attr]
            hits = session.scalar(
                text("SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH :q"),
                {"q": f'"{needle}"'},
            )
            expected = session.scalar(
                select(func.count()).select_from(Track).where(Track.text.contains(needle))
            )
            assert hits == expected
            assert hits
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO tracks_fts(tracks_fts) VALUES('integrity-check')")
            triggers = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
            )
            assert {"tracks_fts_ai", "tracks_fts_ad", "tracks_fts_au"} <= triggers
            conn.execute(
                insert(Track),
                {"user_id": user_id, "kind": "search", "text": "独一无二的搜索词", "at": anchor},
            )
            assert (
                conn.exec_driver_sql(
                    "SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH '\"独一无二\"'"
                ).scalar_one()
                == 1
            )
    finally:
        engine.dispose()
