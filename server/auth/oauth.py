"""The OAuth 2.0 authorization server for the public native client.

Authorization code with PKCE (S256 only), loopback redirect URIs on any port, a plain HTML
login form, rotating refresh tokens with reuse detection, and RFC 7009 revocation. There is no
browser session: every authorization asks for the password, so `auth_time` is always fresh and
`prompt=login` is honoured by construction.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.auth.login_page import render_error_page, render_login_page, text
from server.auth.passwords import verify_password
from server.auth.redirects import is_loopback_redirect
from server.auth.tokens import (
    NO_STORE,
    find_access,
    find_refresh,
    issue_tokens,
    new_secret,
    revoke_family,
    token_hash,
)
from server.context import CLIENT_ID, ShopContext
from server.demo.policies import policy_for
from server.deps import get_ctx, get_db
from server.guardians import sign_in_refused
from server.i18n import Language, current_language, negotiate
from server.messages import translate
from server.models import AuthorizationCode, RefreshToken, User

router = APIRouter(prefix="/oauth", tags=["oauth"])

ROLE_SCOPES = {
    "shopper": {"privacy.read", "privacy.write"},
    "agent": {"privacy.read", "assist"},
}
_AUTHORIZE_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "ui_locales",
)

# Sign-in throttling (docs/SECURITY.md): per source address and account name, the first five
# failures are free, then each one doubles the wait (1 s, 2 s, 4 s, … at most 15 minutes),
# forgotten an hour after the last failure or at once on success. Per source address across
# all accounts, 30 failures in 10 minutes block that address until the window ends.
LOGIN_FREE_FAILURES = 5
LOGIN_BACKOFF_BASE = 1.0
LOGIN_BACKOFF_CAP = 900.0
LOGIN_FORGET_AFTER = 3600.0
SOURCE_FAILURES = 30
SOURCE_WINDOW = 600.0


def _source(request: Request) -> str:
    """The client's address as the socket saw it (proxy headers are not trusted)."""
    return request.client.host if request.client else "unknown"


def _oauth_error(
    error: str, description: str, status: int = 400, reason: str | None = None
) -> JSONResponse:
    # `reason`: an extension member (a client ignores members it does not know) saying why in
    # a form a client can branch on; the description is words in the caller's language.
    body = {"error": error, "error_description": description}
    if reason is not None:
        body["reason"] = reason
    return JSONResponse(
        body,
        status_code=status,
        headers=NO_STORE,
    )


def _html(body: str, language: Language, status: int = 200, **headers: str) -> HTMLResponse:
    """A sign-in page labelled with its own language. The language middleware labels answers
    by Accept-Language and the query's `ui_locales`; a POSTed form carries `ui_locales` in its
    body, so the page names the language it chose itself (the middleware then keeps it)."""
    return HTMLResponse(body, status, headers={**headers, "Content-Language": language})


def _redirect_with(redirect_uri: str, params: dict[str, str]) -> RedirectResponse:
    joiner = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(redirect_uri + joiner + urlencode(params), status_code=302)


def _pkce_ok(verifier: str, challenge: str) -> bool:
    if not 43 <= len(verifier) <= 128:
        return False
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(expected, challenge)


def _language(request: Request, params: dict[str, str]) -> Language:
    """The app's interface language (`ui_locales`), else the browser's."""
    return negotiate(request.headers.get("accept-language"), params.get("ui_locales"))


def _shop_name(ctx: ShopContext, language: Language) -> str:
    return ctx.shop.name_zh if language == "zh-CN" else ctx.shop.name


def _check_request(ctx: ShopContext, params: dict[str, str], language: Language) -> Response | None:
    """Validate authorization parameters; an HTML page if the client is unknown, else a redirect."""
    redirect_uri = params.get("redirect_uri", "")
    shop = _shop_name(ctx, language)
    if params.get("client_id") != CLIENT_ID:
        return _html(
            render_error_page(shop, text("unknown_client", language), language), language, 400
        )
    if not is_loopback_redirect(redirect_uri):
        return _html(
            render_error_page(shop, text("bad_redirect", language), language), language, 400
        )
    state = params.get("state", "")
    problem = None
    if params.get("response_type") != "code":
        problem = ("unsupported_response_type", "Only the code flow is supported.")
    elif params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
        problem = ("invalid_request", "PKCE with S256 is required.")
    elif not state:
        problem = ("invalid_request", "state is required.")
    if problem:
        return _redirect_with(
            redirect_uri, {"error": problem[0], "error_description": problem[1], "state": state}
        )
    return None


def _page(ctx: ShopContext, params: dict[str, str], language: Language, **kwargs: Any) -> str:
    return render_login_page(
        shop_name=_shop_name(ctx, language),
        language=language,
        action="/oauth/authorize",
        hidden={k: params[k] for k in _AUTHORIZE_PARAMS if params.get(k)},
        demo_accounts=ctx.demo_accounts if ctx.config.demo else (),
        cancel_action="/oauth/authorize/cancel",
        **kwargs,
    )


@router.get("/authorize", response_class=HTMLResponse)
def authorize_form(request: Request, ctx: ShopContext = Depends(get_ctx)) -> Response:
    params = {k: v for k, v in request.query_params.items() if k in _AUTHORIZE_PARAMS}
    language = _language(request, params)
    return _check_request(ctx, params, language) or _html(_page(ctx, params, language), language)


@router.post("/authorize", response_class=HTMLResponse)
def authorize_submit(
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=500)],
    request: Request,
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
    response_type: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
    redirect_uri: Annotated[str, Form()] = "",
    scope: Annotated[str, Form()] = "",
    state: Annotated[str, Form()] = "",
    code_challenge: Annotated[str, Form()] = "",
    code_challenge_method: Annotated[str, Form()] = "",
    prompt: Annotated[str, Form()] = "",
    ui_locales: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    params = {
        "response_type": response_type,
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
        "code_challenge": code_challenge,
        "code_challenge_method": code_challenge_method,
        "prompt": prompt,
        "ui_locales": ui_locales,
    }
    language = _language(request, params)
    invalid = _check_request(ctx, params, language)
    if invalid:
        return invalid
    # Back off the source, never the account: a stranger's failures slow down that stranger
    # (their address, and their address with this account name), not the shopper elsewhere.
    source = _source(request)
    pair_key = f"login:pair:{source}:{username.strip().lower()}"
    source_key = f"login:source:{source}"
    wait = max(ctx.limits.blocked_for(pair_key, db), ctx.limits.blocked_for(source_key, db))
    if not wait:
        # Count the try as failed before the (slow) password check and refund it on success,
        # so a burst of parallel tries cannot all pass the check above before any is counted.
        _count, _wait, raced = ctx.limits.fail(
            pair_key,
            free=LOGIN_FREE_FAILURES,
            base=LOGIN_BACKOFF_BASE,
            cap=LOGIN_BACKOFF_CAP,
            forget_after=LOGIN_FORGET_AFTER,
            db=db,
        )
        count, source_wait = ctx.limits.record(
            source_key, limit=SOURCE_FAILURES, window=SOURCE_WINDOW, db=db
        )
        db.commit()  # visible to every other try (and worker) at once
        wait = max(raced, source_wait if count > SOURCE_FAILURES else 0)
    if wait:
        message = text("too_many", language, seconds=wait)
        return _html(
            _page(ctx, params, language, error=message, username=username),
            language,
            429,
            **{"Retry-After": str(wait)},
        )
    user = db.scalars(select(User).where(User.username == username.strip())).first()
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.closed_at is not None:
        message = text("wrong_password", language)
        return _html(_page(ctx, params, language, error=message, username=username), language, 401)
    ctx.limits.clear(pair_key, db)
    ctx.limits.refund(source_key, limit=SOURCE_FAILURES, db=db)
    refused = _guardian_consent_missing(ctx, user, language)
    if refused:
        # Only after the right password: no stranger learns who is a minor. Back to the app
        # with the error (RFC 6749 4.1.2.1), or it would wait for a redirect that never comes;
        # `reason` (an extension parameter) is what it words itself, like the token endpoint's.
        return _refuse(ctx, params, language, refused, GUARDIAN_CONSENT_REASON)
    allowed = ROLE_SCOPES.get(user.role, set())
    requested = set(scope.split()) if scope.strip() else allowed
    granted = requested & allowed
    if not granted:
        return _refuse(ctx, params, language, text("cannot_grant", language))
    code = new_secret()
    now = ctx.clock.now()
    db.add(
        AuthorizationCode(
            code_hash=token_hash(code),
            user_id=user.id,
            client_id=client_id,
            redirect_uri=redirect_uri,
            code_challenge=code_challenge,
            scope=" ".join(sorted(granted)),
            auth_time=now,
            expires_at=now + ctx.config.code_ttl,
        )
    )
    db.commit()
    issuer = ctx.config.public_url
    done = _redirect_with(redirect_uri, {"code": code, "state": state, "iss": issuer})
    done.headers["Content-Language"] = language  # the sign-in's language, like its pages
    return done


# The cancel form's fields: the sign-in's own, read off the form as they come.
_CANCEL_FORM = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {name: {"type": "string"} for name in _AUTHORIZE_PARAMS},
            }
        }
    },
}


@router.post(
    "/authorize/cancel",
    response_class=HTMLResponse,
    status_code=302,
    openapi_extra={"requestBody": _CANCEL_FORM},
)
async def authorize_cancel(request: Request, ctx: ShopContext = Depends(get_ctx)) -> Response:
    """The sign-in page's Cancel: back to the app with `access_denied` (RFC 6749 4.1.2.1), so
    it stops waiting. Checked as the sign-in itself (known client, loopback redirect URI):
    never a redirect anywhere else."""
    form = await request.form()
    params = {k: v for k in _AUTHORIZE_PARAMS if isinstance(v := form.get(k), str)}
    language = _language(request, params)
    return _check_request(ctx, params, language) or _refuse(
        ctx, params, language, text("cancelled", language)
    )


def _refuse(
    ctx: ShopContext,
    params: dict[str, str],
    language: Language,
    description: str,
    reason: str | None = None,
) -> RedirectResponse:
    """Send the browser back to the app with `access_denied`: the sign-in ends there, and the
    app's own page (and window) says why. `state` and `iss` as on success (RFC 9207)."""
    answer = {"error": "access_denied", "error_description": description}
    if reason is not None:
        answer["reason"] = reason
    answer.update(state=params["state"], iss=ctx.config.public_url)
    refused = _redirect_with(params["redirect_uri"], answer)
    refused.headers["Content-Language"] = language
    return refused


def _guardian_consent_missing(ctx: ShopContext, user: User, language: Language) -> str | None:
    """The sign-in page's refusal when the shop's policy makes this account wait for a guardian.

    Only a shop whose policy names such a clause (`GuardianRule.account_clause`) asks; the
    person must be one the rule covers and their guardian's consent not yet given.
    """
    policy = policy_for(ctx.shop.id)
    rule = policy.guardian
    if rule is None or rule.account_clause is None or not sign_in_refused(policy, user):
        return None
    section = policy.section(rule.account_clause)
    title = section.title.pick(language) if section else rule.account_clause
    return text("guardian_consent_pending", language, clause=title)


def _account_for_tokens(ctx: ShopContext, db: Session, user_id: int) -> User | None:
    """The account about to get new tokens; where the shop's guardian rule can refuse them,
    its row is locked first (PostgreSQL; SQLite serialises writers anyway).

    A consent change writes the same row before it revokes the account's tokens, so the two
    cannot interleave: either the change waits for this issue and then revokes its tokens
    too, or this issue waits for the change and then sees the consent gone.
    """
    rule = policy_for(ctx.shop.id).guardian
    lock = rule is not None and rule.account_clause is not None
    return db.get(User, user_id, with_for_update=lock or None)


# The token endpoint's `reason` when the guardian's consent to the account is not given.
GUARDIAN_CONSENT_REASON = "guardian_consent_required"
GUARDIAN_CONSENT_MISSING = (
    "A parent or guardian must consent to this account before it can be used; sign in again "
    "once they have."
)


def _consent_refusal(ctx: ShopContext, db: Session, user: User, family: str) -> JSONResponse | None:
    """The token endpoint's refusal while the guardian's consent to the account is not given.

    The sign-in page refuses such a person; this closes the other two doors: a code issued
    just before the consent was withdrawn, and a refresh token issued while it was given. The
    sign-in they came from is revoked (consent changes revoke them already; this also covers a
    state written some other way).
    """
    if not sign_in_refused(policy_for(ctx.shop.id), user):
        return None
    revoke_family(db, family)
    db.commit()
    description = translate(GUARDIAN_CONSENT_MISSING, current_language())
    return _oauth_error(
        "invalid_grant", description or GUARDIAN_CONSENT_MISSING, reason=GUARDIAN_CONSENT_REASON
    )


@router.post("/token")
def token(
    grant_type: Annotated[str, Form()],
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
    code: Annotated[str, Form()] = "",
    redirect_uri: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
    code_verifier: Annotated[str, Form()] = "",
    refresh_token: Annotated[str, Form()] = "",
) -> JSONResponse:
    if client_id != CLIENT_ID:
        return _oauth_error("invalid_client", "Unknown client.", 401)
    if grant_type == "authorization_code":
        return _exchange_code(ctx, db, code, redirect_uri, code_verifier)
    if grant_type == "refresh_token":
        return _rotate_refresh(ctx, db, refresh_token)
    return _oauth_error("unsupported_grant_type", "Use authorization_code or refresh_token.")


def _token_body(issued: Any, auth_time: Any) -> JSONResponse:
    body = {
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "scope": issued.scope,
        "auth_time": int(auth_time.timestamp()),
    }
    if issued.refresh_token:
        body["refresh_token"] = issued.refresh_token
    return JSONResponse(body, headers=NO_STORE)


def _exchange_code(
    ctx: ShopContext, db: Session, code: str, redirect_uri: str, verifier: str
) -> JSONResponse:
    hashed = token_hash(code)
    row = db.get(AuthorizationCode, hashed) if code else None
    if row is None:
        return _oauth_error("invalid_grant", "The authorization code is not valid.")
    # One conditional write spends the code: of any number of racing exchanges exactly one
    # changes the row (the others wait for its commit, then match nothing).
    family = new_secret()
    claimed: Any = db.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.code_hash == hashed, AuthorizationCode.used.is_(False))
        .values(used=True, family_id=family)
    )
    if claimed.rowcount != 1:
        # A replayed code means it leaked: revoke what was issued from it (RFC 6749 4.1.2).
        issued_family = db.scalars(
            select(AuthorizationCode.family_id).where(AuthorizationCode.code_hash == hashed)
        ).first()
        if issued_family:
            revoke_family(db, issued_family)
        db.commit()
        return _oauth_error("invalid_grant", "The authorization code was already used.")
    # From here on the code is spent, whatever the checks below say.
    if row.expires_at < ctx.clock.now():
        db.commit()
        return _oauth_error("invalid_grant", "The authorization code has expired.")
    if row.redirect_uri != redirect_uri:
        db.commit()
        return _oauth_error("invalid_grant", "redirect_uri does not match the authorization.")
    if not _pkce_ok(verifier, row.code_challenge):
        db.commit()
        return _oauth_error("invalid_grant", "The code verifier does not match.")
    user = _account_for_tokens(ctx, db, row.user_id)
    if user is None or user.closed_at is not None:
        db.commit()
        return _oauth_error("invalid_grant", "The account is closed.")
    refused = _consent_refusal(ctx, db, user, family)
    if refused is not None:
        return refused
    issued = issue_tokens(
        db, ctx, user_id=row.user_id, scope=row.scope, auth_time=row.auth_time, family_id=family
    )
    db.commit()
    return _token_body(issued, row.auth_time)


def _rotate_refresh(ctx: ShopContext, db: Session, refresh_token: str) -> JSONResponse:
    row = find_refresh(db, refresh_token) if refresh_token else None
    if row is None:
        return _oauth_error("invalid_grant", "The refresh token is not valid.")
    user = _account_for_tokens(ctx, db, row.user_id)
    if user is not None and user.closed_at is None:
        # before the revoked check: a consent change revoked it, and the holder should learn
        # why rather than read "already used"
        refused = _consent_refusal(ctx, db, user, row.family_id)
        if refused is not None:
            return refused
    if row.revoked or row.used_at is not None:
        # Reuse of a rotated token: someone else has a copy. End the whole sign-in.
        revoke_family(db, row.family_id)
        db.commit()
        return _oauth_error("invalid_grant", "The refresh token was already used or revoked.")
    now = ctx.clock.now()
    if row.expires_at < now or user is None or user.closed_at is not None:
        return _oauth_error("invalid_grant", "The refresh token has expired.")
    # One conditional write rotates it: a racing second use matches nothing, which is reuse
    # (RFC 6819 5.2.2.3, OAuth 2.0 Security BCP 4.14.2): the family is revoked, the new
    # tokens of the winner included.
    rotated: Any = db.execute(
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == row.token_hash,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked.is_(False),
        )
        .values(used_at=now)
    )
    if rotated.rowcount != 1:
        revoke_family(db, row.family_id)
        db.commit()
        return _oauth_error("invalid_grant", "The refresh token was already used or revoked.")
    issued = issue_tokens(
        db,
        ctx,
        user_id=row.user_id,
        scope=row.scope,
        auth_time=row.auth_time,
        family_id=row.family_id,
    )
    db.commit()
    return _token_body(issued, row.auth_time)


@router.post("/revoke")
def revoke(
    token: Annotated[str, Form()],
    db: Session = Depends(get_db),
    token_type_hint: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
) -> Response:
    """RFC 7009: always 200, whether or not the token was known."""
    refresh = find_refresh(db, token)
    if refresh is not None:
        revoke_family(db, refresh.family_id)
    else:
        access = find_access(db, token)
        if access is not None:
            access.revoked = True
    db.commit()
    return Response(status_code=200, headers=NO_STORE)
