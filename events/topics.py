"""Rounds and panels that an event can be about, read through their apps' selectors.

Feature apps refer to each other by id only, so the event stores (topic_kind, topic_id)
and asks the owning app for a ProcessRef when it needs a title or a link.
"""

import importlib

from django.utils.translation import gettext as _

from members.processes import ProcessRef

SELECTORS = {"round": "preferendum.selectors", "panel": "beraad.selectors"}


def selectors_for(kind: str):
    """The selectors module of the app that owns this kind of process, if it is installed."""
    try:
        return importlib.import_module(SELECTORS[kind])
    except (KeyError, ImportError):
        return None


def topic_ref(kind: str, process_id: int | None) -> ProcessRef | None:
    module = selectors_for(kind)
    if module is None or process_id is None or not hasattr(module, "process_get"):
        return None
    return module.process_get(process_id)


def topic_choices() -> list[tuple[str, str]]:
    """("round:12", "Preferendum: title") for every round and panel an event may be about."""
    labels = {"round": _("Preferendum"), "panel": _("Ledenberaad")}
    choices = []
    for kind, label in labels.items():
        module = selectors_for(kind)
        if module is not None and hasattr(module, "process_list"):
            choices += [
                (f"{kind}:{ref.id}", f"{label}: {ref.title}") for ref in module.process_list()
            ]
    return choices


def topic_titles() -> dict[tuple[str, int], str]:
    """{(kind, id): title} of every round and panel, read once for a list of events."""
    titles = {}
    for kind in SELECTORS:
        module = selectors_for(kind)
        if module is not None and hasattr(module, "process_list"):
            titles.update({(kind, ref.id): ref.title for ref in module.process_list()})
    return titles
