"""The shop's Ed25519 signatures over canonical JSON, and the key that makes them."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import SigningKey
from server.timeutil import Clock


def canonical_json(value: Any) -> bytes:
    """The bytes that get signed or hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class Signer:
    """Holds the shop's current key pair; `sign` returns base64 signatures."""

    def __init__(self, kid: str, private_key: Ed25519PrivateKey) -> None:
        self.kid = kid
        self._private_key = private_key

    @property
    def public_key_b64(self) -> str:
        raw = self._private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return base64.b64encode(raw).decode()

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self._private_key.sign(payload)).decode()

    def sign_json(self, value: Any) -> str:
        return self.sign(canonical_json(value))

    def jwk(self) -> dict[str, str]:
        return {"kid": self.kid, "alg": "Ed25519", "public_key": self.public_key_b64}


def load_or_create_signer(session: Session, clock: Clock) -> Signer:
    """Use the stored key pair, making one the first time the shop starts."""
    row = session.scalars(select(SigningKey).order_by(SigningKey.created_at.desc())).first()
    if row is None:
        private_key = Ed25519PrivateKey.generate()
        raw = private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        public = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        kid = "k-" + hashlib.sha256(public).hexdigest()[:16]
        row = SigningKey(kid=kid, private_key=raw, created_at=clock.now())
        session.add(row)
        session.flush()
    return Signer(row.kid, Ed25519PrivateKey.from_private_bytes(row.private_key))
