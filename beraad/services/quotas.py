"""Categories and quotas, their suggestion from the membership and the feasibility check."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad import engine
from beraad.features import (
    category_values,
    eligible_members,
    member_value,
    panel_categories,
    value_label,
)
from beraad.models import Panel, PanelCategory, PanelQuota, PanelState
from beraad.quotas import suggest_quota
from beraad.services.audit import audit_record
from beraad.services.panels import panel_require_state

DEFAULT_TOLERANCE = 0.2


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
    if panel.reached(PanelState.REGISTRATION_CLOSED):
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
        details={"quotas": engine_quota_rows(panel)},
    )


def engine_quota_rows(panel: Panel) -> list[list]:
    """[category key, value, min, max] for every quota: the contents of categories.csv."""
    return [
        [category.key, quota.value, quota.min, quota.max]
        for category in panel_categories(panel)
        for quota in category.quotas.all()
    ]


def engine_quotas(panel: Panel) -> list:
    return [engine.quota(*row) for row in engine_quota_rows(panel)]


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
        relaxations = engine.relaxations(people, engine_quotas(panel), panel_size)
    except ValueError:
        return [_("Zelfs zonder quota is er geen panel mogelijk: te veel mensen delen een adres.")]
    return [engine.describe_relaxation(r, labels) for r in relaxations]
