"""Who a shop's guardian rule covers and what it asks of a consent change.

The rule itself is data of each shop's policy (`server.demo.policies.GuardianRule`); this
module applies it. A covered subject (a minor; under Sinomai's policy also a person without
full legal capacity) cannot make a change the rule reserves for the guardian; a linked
guardian can, and where the policy asks for the guardian's presence the guardian attests it
and must have signed in just now.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from server.access_what import describe_guardian_link
from server.audit import append_access_with
from server.demo.policies import GuardianRule, ShopPolicy
from server.deps import Principal
from server.errors import Problem
from server.i18n import current_language
from server.models import AccessToken, GuardianLink, RefreshToken, User
from server.schemas.guardians import AccountConsentOut, ClauseRef, GuardianRuleOut
from server.timeutil import Clock

# What `User.guardian_consent` may hold: the guardian's consent to the account itself.
ACCOUNT_CONSENT_STATES = ("not_needed", "pending", "granted", "refused", "withdrawn")


def covered(user: User, rule: GuardianRule | None) -> bool:
    """Whether the shop's guardian rule protects this subject."""
    if user.is_minor:
        return True
    return rule is not None and rule.covers_no_capacity and user.legal_capacity != "full"


def sign_in_refused(policy: ShopPolicy, user: User) -> bool:
    """Whether the shop's policy keeps this person from signing in (and from holding a live
    sign-in) until their guardian consents to the account: only a policy with an account
    clause (`GuardianRule.account_clause`), only for a person the rule covers."""
    rule = policy.guardian
    if rule is None or rule.account_clause is None or not covered(user, rule):
        return False
    return user.guardian_consent != "granted"


def end_own_sign_ins(db: Session, user: User) -> int:
    """Revoke every access and refresh token of the person's own sign-ins (all families).

    A guardian's session on the ward (the guardian is its actor) and an agent's assist session
    stay: they are someone else's sign-in on this account, each with its own checks. Returns
    how many tokens were revoked.
    """
    access: Any = db.execute(
        update(AccessToken)
        .where(AccessToken.actor_id == user.id, AccessToken.revoked.is_(False))
        .values(revoked=True)
    )
    refresh: Any = db.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked.is_(False))
        .values(revoked=True)
    )
    return int(access.rowcount or 0) + int(refresh.rowcount or 0)


def set_account_consent(db: Session, policy: ShopPolicy, user: User, state: str) -> int:
    """Record the guardian's consent to the account (`granted`, `pending`, `withdrawn`, ...).

    When the new state keeps the person from signing in, their live sign-ins end in the same
    transaction, so a refresh token or access token obtained while consent was given stops
    working at once. Returns how many tokens were revoked.
    """
    if state not in ACCOUNT_CONSENT_STATES:
        raise ValueError(f"unknown guardian consent state {state!r}")
    user.guardian_consent = state
    db.flush()
    if sign_in_refused(policy, user):
        return end_own_sign_ins(db, user)
    return 0


# The ward's access-log entry when the guardian's closed account ends their link.
LINK_ENDED_ACTION = "guardian_closed"
LINK_ENDED_RESOURCE = "/v1/guardian/links"


def end_links_on_closure(db: Session, clock: Clock, user: User, now: datetime) -> int:
    """End every guardian link of an account being closed, in the closure's transaction.

    Both sides: the closed account looks after nobody and is looked after by nobody. A ward
    whose guardian closed their account reads it in their own access log, under the
    guardian's name and role as the guardian's other events are (`guardian_start`); the
    account's own closure needs no such entry in its own log. Links already ended are left
    alone, so a closure run again ends and logs nothing twice. Returns how many links ended.
    """
    links = db.scalars(
        select(GuardianLink)
        .where(
            or_(GuardianLink.guardian_id == user.id, GuardianLink.ward_id == user.id),
            GuardianLink.revoked_at.is_(None),
        )
        .order_by(GuardianLink.id)
    ).all()
    for link in links:
        link.revoked_at = now
    if not links:
        return 0
    db.execute(
        update(AccessToken)
        .where(
            AccessToken.guardian_link_id.in_([link.id for link in links]),
            AccessToken.revoked.is_(False),
        )
        .values(revoked=True)
        .execution_options(synchronize_session=False)
    )
    db.flush()  # the writes first: on SQLite the transaction then holds the write lock
    for link in links:
        if link.guardian_id != user.id:
            continue
        append_access_with(
            db,
            clock,
            subject_id=link.ward_id,
            actor=user.display_name,
            role="guardian",
            action=LINK_ENDED_ACTION,
            resource=LINK_ENDED_RESOURCE,
            what=describe_guardian_link(user.display_name),
        )
    return len(links)


def account_consent_out(policy: ShopPolicy, user: User) -> AccountConsentOut | None:
    """The guardian's consent to this covered person's account, as the ward list shows it;
    None where the shop's policy asks no such consent (or does not cover the person)."""
    rule = policy.guardian
    if rule is None or rule.account_clause is None or not covered(user, rule):
        return None
    section = policy.section(rule.account_clause)
    title = section.title.pick(current_language()) if section else rule.account_clause
    state = user.guardian_consent if user.guardian_consent in ACCOUNT_CONSENT_STATES else "pending"
    return AccountConsentOut(
        state=state,  # one of ACCOUNT_CONSENT_STATES: checked just above
        sign_in_allowed=not sign_in_refused(policy, user),
        clause=ClauseRef(number=rule.account_clause, title=title),
    )


def guardian_not_needed(extra: dict[str, Any]) -> Problem:
    """The ward has come of age (or has capacity): only they decide from now on."""
    return Problem(
        403,
        "guardian_not_needed",
        "This account holder no longer needs a guardian; only they can change this.",
        extra=extra,
    )


def presence_required(extra: dict[str, Any]) -> Problem:
    """The policy wants the guardian beside the ward for this change, and it was not said."""
    return Problem(
        422,
        "guardian_presence_required",
        "The shop's policy asks the guardian to be present: confirm that you are with the "
        "account holder now.",
        extra=extra,
    )


def log_for_ward(
    db: Session,
    clock: Clock,
    principal: Principal,
    ward_id: int,
    *,
    action: str,
    resource: str,
    what: str | None = None,
) -> None:
    """An entry in the ward's own access log under the guardian's name, in the caller's
    transaction: the ward reads who opened or changed their account."""
    guardian = db.get(User, principal.subject_id)
    append_access_with(
        db,
        clock,
        subject_id=ward_id,
        actor=guardian.display_name if guardian else principal.actor_name,
        role="guardian",
        action=action,
        resource=resource,
        what=what,
    )


def clause_refs(policy: ShopPolicy) -> list[dict[str, str]]:
    """The rule's clauses with their titles in the request's language."""
    rule = policy.guardian
    if rule is None:
        return []
    language = current_language()
    refs = []
    for number in rule.clauses:
        section = policy.section(number)
        refs.append(
            {"number": number, "title": section.title.pick(language) if section else number}
        )
    return refs


def rule_out(policy: ShopPolicy) -> GuardianRuleOut | None:
    rule = policy.guardian
    if rule is None:
        return None
    return GuardianRuleOut(
        summary=rule.summary.pick(current_language()),
        grant_needs_guardian=rule.grant_needs_guardian,
        withdraw_needs_guardian=rule.withdraw_needs_guardian,
        presence_required=rule.presence_required,
        covers_no_capacity=rule.covers_no_capacity,
        clauses=[ClauseRef.model_validate(ref) for ref in clause_refs(policy)],
    )


def check_consent_change(
    policy: ShopPolicy,
    user: User,
    principal: Principal,
    *,
    granted: bool,
    guardian_present: bool | None,
    now: datetime,
    reauth_window: timedelta,
) -> None:
    """Raise the problem that stops this consent change, if the policy's rule stops it."""
    rule = policy.guardian
    protected = covered(user, rule)
    extra = {"clauses": clause_refs(policy)}
    if principal.is_guardian:
        if not protected:
            raise guardian_not_needed(extra)
        if rule is not None and rule.presence_required:
            if guardian_present is not True:
                raise presence_required(extra)
            if now - principal.auth_time > reauth_window:
                raise Problem(
                    403,
                    "reauth_required",
                    "Please sign in again to confirm this action.",
                    extra={"max_age": int(reauth_window.total_seconds()), **extra},
                )
        return
    if not protected or rule is None:
        return
    if (granted and rule.grant_needs_guardian) or (not granted and rule.withdraw_needs_guardian):
        raise Problem(
            403,
            "guardian_consent_required",
            "A parent or guardian must make this change: ask them to sign in to their own "
            "account and change it for you.",
            extra=extra,
        )
