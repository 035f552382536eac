"""Rounds and panels that an event can be about, read through their apps' selectors.

The event stores (topic_kind, topic_id) and asks the owning app for a ProcessRef when it
needs a title or a link. Events point at rounds and panels, never the other way round.
"""

from django.utils.translation import gettext_lazy as _

import beraad.selectors
import preferendum.selectors
from members.processes import ProcessRef

SELECTORS = {"round": preferendum.selectors, "panel": beraad.selectors}
LABELS = {"round": _("Preferendum"), "panel": _("Ledenberaad")}


def topic_ref(kind: str, process_id: int | None) -> ProcessRef | None:
    if kind not in SELECTORS or process_id is None:
        return None
    return SELECTORS[kind].process_get(process_id)


def topic_choices() -> list[tuple[str, str]]:
    """("round:12", "Preferendum: title") for every round and panel an event may be about."""
    return [
        (f"{kind}:{ref.id}", f"{LABELS[kind]}: {ref.title}")
        for kind, selectors in SELECTORS.items()
        for ref in selectors.process_list()
    ]


def topic_titles() -> dict[tuple[str, int], str]:
    """{(kind, id): title} of every round and panel, read once for a list of events."""
    return {
        (kind, ref.id): ref.title
        for kind, selectors in SELECTORS.items()
        for ref in selectors.process_list()
    }
