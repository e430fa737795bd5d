"""`/.well-known/privacy-api`: everything a client needs to find and sign in to the shop."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import CLIENT_ID, ShopContext
from server.deps import get_ctx, get_db
from server.i18n import pick
from server.models import PolicyVersion
from server.schemas.discovery import Discovery

router = APIRouter(tags=["discovery"])


@router.get("/.well-known/privacy-api", response_model=Discovery)
def discovery(ctx: ShopContext = Depends(get_ctx), db: Session = Depends(get_db)) -> Discovery:
    base = ctx.config.public_url.rstrip("/")
    latest = db.scalars(select(PolicyVersion).order_by(PolicyVersion.published_at.desc())).first()
    shop = ctx.shop
    return Discovery.model_validate(
        {
            "shop": {
                "id": shop.id,
                "name": pick(shop.name, shop.name_zh),
                "name_zh": shop.name_zh,
                "logo_url": f"{base}/static/logo.svg",
                "locales": list(shop.locales),
            },
            "api_base": ctx.api_base,
            "oauth": {
                "issuer": base,
                "authorization_endpoint": f"{base}/oauth/authorize",
                "token_endpoint": f"{base}/oauth/token",
                "revocation_endpoint": f"{base}/oauth/revoke",
                "client_id": CLIENT_ID,
                "scopes_supported": ["privacy.read", "privacy.write", "assist"],
                "code_challenge_methods_supported": ["S256"],
            },
            "requests": {
                "types": list(shop.request_types),
                "deadline": {"days": shop.deadline_days, "calendar": "working"},
                "verification_required_for": list(shop.verification_required_for),
            },
            "signing_keys": [ctx.signer.jwk()],
            "policy": {
                "url": latest.url if latest else f"{base}/policy",
                "version": latest.version if latest else shop.policy_version,
            },
            "contact": {"privacy_email": shop.privacy_email},
            "retention": {
                "default": shop.default_retention,
                "deletes_on_cancellation": shop.deletes_on_cancellation,
            },
        }
    )
