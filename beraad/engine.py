"""The one place that calls the fair lottery engine (beraad.lottery) and words its answers."""

from django.utils.translation import gettext as _

from beraad import lottery


def person(id: str, features: dict[str, str], household: str | None):
    return lottery.Person(id=id, features=features, household=household or None)


def quota(category: str, value: str, low: int, high: int):
    return lottery.Quota(category=category, value=value, min=low, max=high)


def relaxations(people: list, quotas: list, panel_size: int) -> list:
    """The quota changes needed for a panel to exist; [] when the quotas can be met."""
    return lottery.check_feasibility(people, quotas, panel_size)


def select(people: list, quotas: list, panel_size: int, seed: str, reserves: int):
    return lottery.select_panel(people, quotas, panel_size, seed, reserve_count=reserves)


def replacement(people: list, quotas: list, panel: list, dropout: str, reserves: list):
    return lottery.replacement_for(people, quotas, panel, dropout, reserves)


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
