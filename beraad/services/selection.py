"""Stage 2: the panel drawn from the registered respondents, and replacing dropouts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beraad import lottery
from beraad.models import Invitation, Panel, PanelMember, PanelState
from beraad.services.audit import audit_record
from beraad.services.panels import panel_require_state, panel_transition
from beraad.services.procedure import selection_problems
from beraad.services.quotas import (
    describe_relaxation,
    lottery_quota_rows,
    quota_labels,
    quota_problems,
)


def respondents(panel: Panel) -> list[Invitation]:
    """Who can be drawn in stage 2: accepted with consent, in pseudonym order."""
    return list(
        panel.invitations.filter(status=Invitation.Status.ACCEPTED, consent_at__isnull=False)
        .select_related("member")
        .order_by("pseudonym")
    )


def stage2_inputs(panel: Panel, invitations: list[Invitation]) -> dict:
    """The stage-2 inputs as plain data: what categories.csv and respondents.csv hold."""
    return {
        "people": [[i.pseudonym, i.category_values, i.household] for i in invitations],
        "quotas": lottery_quota_rows(panel),
        "panel_size": panel.panel_size,
        "reserve_count": panel.reserve_size,
        "seed": panel.seed,
    }


def _people(inputs: dict) -> list:
    return [
        lottery.Person(pid, values, household or None)
        for pid, values, household in inputs["people"]
    ]


def _quotas(inputs: dict) -> list:
    return [lottery.Quota(*row) for row in inputs["quotas"]]


def stage2_problems(panel: Panel) -> list[str]:
    people = _people(stage2_inputs(panel, respondents(panel)))
    return quota_problems(panel=panel, people=people, panel_size=panel.panel_size)


def frozen_inputs(panel: Panel) -> dict:
    """The inputs the draw uses: those frozen when registration closed, and the seed."""
    frozen = panel.frozen
    return {
        "people": frozen["people"],
        "quotas": frozen["quotas"],
        "panel_size": frozen["panel_size"],
        "reserve_count": frozen["reserve_count"],
        "seed": panel.seed,
    }


@transaction.atomic
def panel_select(*, panel: Panel, actor) -> Panel:
    """Run the fair lottery on the frozen respondents with the seed of the announced procedure."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.REGISTRATION_CLOSED)
    if problems := selection_problems(panel):
        raise ValidationError(problems)
    inputs = frozen_inputs(panel)
    people = _people(inputs)
    if problems := quota_problems(panel=panel, people=people, panel_size=inputs["panel_size"]):
        raise ValidationError(problems)
    try:
        selection = lottery.select_panel(
            people,
            _quotas(inputs),
            inputs["panel_size"],
            panel.seed,
            reserve_count=inputs["reserve_count"],
        )
    except lottery.InfeasibleQuotas as error:
        labels = quota_labels(panel)
        messages = [describe_relaxation(r, labels) for r in error.relaxations]
        raise ValidationError(messages) from error
    invitations = list(panel.invitations.filter(pseudonym__in=[p[0] for p in inputs["people"]]))
    _create_panel_members(panel, invitations, selection.panel, selection.reserves)
    panel.selection = {"inputs": inputs, "result": selection.to_json()}
    details = {
        "seed": panel.seed,
        "algorithm": selection.algorithm,
        "panel": selection.panel,
        "reserves": selection.reserves,
        "min_probability": selection.min_probability,
    }
    return panel_transition(
        panel=panel,
        actor=actor,
        to=PanelState.PANEL_SELECTED,
        details=details,
        inputs=inputs,
        fields=["selection"],
    )


def _create_panel_members(panel, invitations, selected, reserves) -> None:
    by_pseudonym = {i.pseudonym: i for i in invitations}
    rows = [(pid, PanelMember.Status.SELECTED, n) for n, pid in enumerate(selected, 1)]
    rows += [(pid, PanelMember.Status.RESERVE, n) for n, pid in enumerate(reserves, 1)]
    PanelMember.objects.bulk_create(
        PanelMember(
            panel=panel,
            invitation=by_pseudonym[pid],
            member_id=by_pseudonym[pid].member_id,
            status=status,
            order=order,
        )
        for pid, status, order in rows
    )


@transaction.atomic
def panel_member_drop(*, panel_member: PanelMember, actor) -> PanelMember | None:
    """A panel member drops out; the first reserve that keeps every quota replaces them."""
    panel = Panel.objects.select_for_update().get(pk=panel_member.panel_id)
    panel_require_state(panel, PanelState.PANEL_SELECTED, PanelState.RUNNING)
    if not panel_member.is_active:
        raise ValidationError(_("Dit panellid zit al niet meer in het panel."))
    seats = list(panel.panel_members.select_related("invitation"))
    active = [s.invitation.pseudonym for s in seats if s.is_active]
    reserves = [s for s in seats if s.status == PanelMember.Status.RESERVE]
    inputs = panel.selection["inputs"]
    dropout = panel_member.invitation.pseudonym
    chosen = lottery.replacement_for(
        _people(inputs),
        _quotas(inputs),
        active,
        dropout,
        [r.invitation.pseudonym for r in reserves],
    )
    panel_member.status = PanelMember.Status.DROPPED
    panel_member.save(update_fields=["status"])
    replacement = next((r for r in reserves if r.invitation.pseudonym == chosen), None)
    if replacement:
        replacement.status = PanelMember.Status.REPLACEMENT
        replacement.replaces = panel_member
        replacement.save(update_fields=["status", "replaces"])
    details = {
        "dropout": dropout,
        "replacement": chosen,
        "panel": active,
        "reserves": len(reserves),
    }
    audit_record(panel=panel, actor=actor, action="dropout_replaced", details=details)
    return replacement
