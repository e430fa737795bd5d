"""A shop's policy terms as the API shows them: text in the caller's language with its clause.

Used wherever a resource carries one of its shop's promises (a statutory no-consent exception,
the consequence of refusing data, a data-protection agreement, a notice kind): the clause is a
section of *that shop's* outline (server/demo/policies) or None, which the API reports as
`basis: "shop_configuration"`.
"""

from __future__ import annotations

from typing import Any

from server.demo.policies import ShopPolicy, Term, basis_of
from server.i18n import current_language
from server.schemas.rights import RightsTerm


def clause_fields(policy: ShopPolicy, clause: str | None) -> dict[str, Any]:
    """`clause`, its title in the caller's language, and `basis`."""
    section = policy.section(clause)
    return {
        "clause": clause,
        "clause_title": section.title.pick(current_language()) if section else None,
        "basis": basis_of(clause),
    }


def term_fields(policy: ShopPolicy, term: Term | None) -> dict[str, Any] | None:
    """One term as a `RightsTerm`-shaped dict, or None when there is none."""
    if term is None:
        return None
    return {
        "key": term.key,
        "text": term.text.pick(current_language()),
        "value": term.value,
        **clause_fields(policy, term.clause),
    }


def term_out(policy: ShopPolicy, term: Term | None) -> RightsTerm | None:
    """The same as a response model (for routes; `term_fields` stays JSON-ready for archives)."""
    fields = term_fields(policy, term)
    return RightsTerm.model_validate(fields) if fields is not None else None
