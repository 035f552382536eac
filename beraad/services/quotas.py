"""Categories and quotas, their suggestion from the membership and the feasibility check."""

import math
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad import lottery
from beraad.categories import (
    category_values,
    eligible_members,
    member_value,
    panel_categories,
    value_label,
)
from beraad.models import Panel, PanelCategory, PanelQuota, PanelState
from beraad.services.audit import audit_record
from beraad.services.panels import panel_require_state

DEFAULT_TOLERANCE = 0.2


def suggest_quota(count: int, total: int, panel_size: int, tolerance: float) -> tuple[int, int]:
    """(min, max) seats for a value held by `count` of `total` eligible people.

    The expected number of seats, widened by `tolerance` (0.2 = 20 %) on each side; a value
    that occurs at all may get at least one seat.
    """
    if total == 0 or count == 0:
        return 0, 0
    expected = panel_size * count / total
    low = max(0, math.floor(expected * (1 - tolerance)))
    high = min(panel_size, max(1, math.ceil(expected * (1 + tolerance))))
    return low, high


@transaction.atomic
def category_add(
    *, panel: Panel, actor, kind: str, trait=None, tolerance: float = DEFAULT_TOLERANCE
) -> PanelCategory:
    """Add a category with a suggested min–max per value from the eligible members' shares."""
    panel_require_state(panel, PanelState.CONCEPT)
    category = PanelCategory(panel=panel, kind=kind, trait=trait)
    category.full_clean()
    category.save()
    today = timezone.localdate()
    counts = Counter(member_value(m, category, today) for m in eligible_members(panel))
    total = sum(counts.values())
    for value in category_values(category):
        low, high = suggest_quota(counts[value], total, panel.panel_size, tolerance)
        share = counts[value] / total if total else 0
        PanelQuota.objects.create(category=category, value=value, min=low, max=high, share=share)
    audit_record(
        panel=panel,
        actor=actor,
        action="category_added",
        details={"category": category.key, "tolerance": tolerance, "counts": dict(counts)},
    )
    return category


@transaction.atomic
def category_remove(*, category: PanelCategory, actor) -> None:
    panel_require_state(category.panel, PanelState.CONCEPT)
    audit_record(
        panel=category.panel, actor=actor, action="category_removed", details={"key": category.key}
    )
    category.delete()


@transaction.atomic
def quotas_update(*, panel: Panel, actor, values: dict[int, tuple[int, int, float]]) -> None:
    """Set (min, max, oversampling) per quota id; allowed until registration closes, when
    the quotas are frozen and their SHA-256 published (beraad.services.procedure)."""
    if panel.is_closed:
        raise ValidationError(
            _("De quota liggen vast: ze zijn bij het sluiten van de aanmelding gepubliceerd.")
        )
    quotas = PanelQuota.objects.filter(category__panel=panel, pk__in=values)
    for quota in quotas:
        quota.min, quota.max, quota.oversampling = values[quota.pk]
        quota.full_clean()
        quota.save(update_fields=["min", "max", "oversampling"])
    audit_record(
        panel=panel,
        actor=actor,
        action="quotas_edited",
        details={"quotas": lottery_quota_rows(panel)},
    )


def lottery_quota_rows(panel: Panel) -> list[list]:
    """[category key, value, min, max] for every quota: the contents of categories.csv."""
    return [
        [category.key, quota.value, quota.min, quota.max]
        for category in panel_categories(panel)
        for quota in category.quotas.all()
    ]


def lottery_quotas(panel: Panel) -> list:
    return [lottery.Quota(*row) for row in lottery_quota_rows(panel)]


def quota_labels(panel: Panel) -> dict[tuple[str, str], str]:
    return {
        (category.key, quota.value): f"{category.label} = {value_label(category, quota.value)}"
        for category in panel_categories(panel)
        for quota in category.quotas.all()
    }


def quota_problems(*, panel: Panel, people: list, panel_size: int) -> list[str]:
    """Dutch sentences naming each quota that cannot be met and by how much; [] if feasible."""
    if len(people) < panel_size:
        return [
            _("Er zijn %(people)s mensen om uit te loten, te weinig voor %(size)s plaatsen.")
            % {"people": len(people), "size": panel_size}
        ]
    labels = quota_labels(panel)
    try:
        relaxations = lottery.check_feasibility(people, lottery_quotas(panel), panel_size)
    except ValueError:
        return [_("Zelfs zonder quota is er geen panel mogelijk: te veel mensen delen een adres.")]
    return [describe_relaxation(r, labels) for r in relaxations]


def describe_relaxation(relaxation, labels: dict[tuple[str, str], str]) -> str:
    """One failing quota in Dutch: which bound, by how much, and what would work."""
    name = labels.get((relaxation.category, relaxation.value), relaxation.value)
    difference = abs(relaxation.current - relaxation.needed)
    if relaxation.bound == "min":
        text = _(
            "Het minimum voor %(name)s is niet haalbaar: verlaag het van %(current)s naar "
            "%(needed)s (%(difference)s te veel)."
        )
    else:
        text = _(
            "Het maximum voor %(name)s is te laag: verhoog het van %(current)s naar "
            "%(needed)s (%(difference)s te weinig)."
        )
    return text % {
        "name": name,
        "current": relaxation.current,
        "needed": relaxation.needed,
        "difference": difference,
    }
