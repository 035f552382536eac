"""Stage 1: draw the invitees from the eligible members (see beraad.lottery.invitations)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad import lottery
from beraad.categories import (
    eligible_members,
    household_key,
    member_category_values,
    panel_categories,
)
from beraad.lottery.invitations import Candidate, draw_invitations, stratum_of
from beraad.models import Invitation, Panel, PanelState
from beraad.services.audit import inputs_sha256
from beraad.services.panels import panel_require_state, panel_transition
from beraad.services.quotas import quota_problems


def stage1_pool(panel: Panel) -> tuple[list[Candidate], dict[str, object]]:
    """The eligible members as lottery candidates (id = member id), and the members by id."""
    categories = panel_categories(panel)
    today = timezone.localdate()
    members = {str(m.pk): m for m in eligible_members(panel)}
    candidates = [
        Candidate(
            id=key,
            category_values=member_category_values(m, categories, today),
            household=household_key(m),
        )
        for key, m in members.items()
    ]
    return candidates, members


def stage1_factors(panel: Panel) -> dict[tuple[str, str], float]:
    return {
        (category.key, quota.value): float(quota.oversampling)
        for category in panel_categories(panel)
        for quota in category.quotas.all()
        if quota.oversampling != 1
    }


def stage1_problems(panel: Panel, candidates: list[Candidate]) -> list[str]:
    people = [lottery.Person(c.id, c.category_values, c.household or None) for c in candidates]
    return quota_problems(panel=panel, people=people, panel_size=panel.panel_size)


@transaction.atomic
def panel_draw_invitations(*, panel: Panel, actor, seed: str = "") -> Panel:
    """Draw the invitees with a seeded, stratified lottery and log seed and inputs.

    The audit entry holds every input (pseudonymous candidates, count, factors, seed), so
    `beraad.lottery.invitations.draw_invitations` repeats the draw exactly.
    """
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.CONCEPT)
    if not panel.categories.exists():
        raise ValidationError(_("Kies eerst de kenmerken (categorieën) en hun quota."))
    candidates, members = stage1_pool(panel)
    if problems := stage1_problems(panel, candidates):
        raise ValidationError(problems)
    seed = seed or str(secrets.randbelow(10**9))
    factors = stage1_factors(panel)
    draw = draw_invitations(candidates, panel.invitation_count, seed, factors)
    _create_invitations(panel, draw.invited, {c.id: c for c in candidates}, members)
    inputs = {
        "candidates": [[c.id, c.category_values, c.household] for c in candidates],
        "count": panel.invitation_count,
        "factors": [[k, v, f] for (k, v), f in sorted(factors.items())],
        "seed": seed,
    }
    details = {
        **inputs,
        "pool_size": len(candidates),
        "invited": draw.invited,
        "allocation": draw.allocation,
        "invited_sha256": inputs_sha256(draw.invited),
    }
    return panel_transition(
        panel=panel, actor=actor, to=PanelState.INVITATIONS_DRAWN, details=details, inputs=inputs
    )


def _create_invitations(panel, invited, candidates, members) -> None:
    invitations = []
    pseudonyms = set()
    while len(pseudonyms) < len(invited):
        pseudonyms.add(secrets.token_hex(4))
    for key, pseudonym in zip(invited, sorted(pseudonyms), strict=True):
        token = secrets.token_urlsafe(24)
        candidate = candidates[key]
        invitations.append(
            Invitation(
                panel=panel,
                member=members[key],
                token=token,
                pseudonym=pseudonym,
                stratum=stratum_of(candidate.category_values),
                household=candidate.household or "",
                category_values=candidate.category_values,
            )
        )
    Invitation.objects.bulk_create(invitations)
