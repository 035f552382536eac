"""The one place that names the feature apps: rounds, panels and events as seen from the roof.

Every read of a round, panel or event by feedback, the home page and "Mijn gegevens" goes
through these functions, which follow the contract in ``members/processes.py``. A source
that lacks a function (an app that has not implemented it yet) is skipped: the roof shows
less, it does not break. Tests swap ``PROCESS_SOURCES`` entries for small fakes.
"""

import importlib
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any

from django.urls import reverse

from ledendemocratie.feedback.models import ProcessKind
from members.processes import Participant, ProcessItem, ProcessRef


@dataclass
class ProcessSource:
    label: Any
    selectors: Any
    services: Any
    url_name: str  # the process's page, reversed with its pk


@dataclass(frozen=True)
class HomeEntry:
    """One line of a home page block, whatever app it comes from."""

    title: str
    url: str
    note: str = ""
    when: datetime | None = None
    answered: int | None = None
    total: int | None = None


def _module(path: str) -> ModuleType | None:
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError as error:
        if error.name != path:  # the module exists but is broken: say so
            raise
        return None


PROCESS_SOURCES: dict[str, ProcessSource] = {
    ProcessKind.ROUND: ProcessSource(
        ProcessKind.ROUND.label,
        _module("preferendum.selectors"),
        _module("preferendum.services"),
        "preferendum:round-detail",
    ),
    ProcessKind.PANEL: ProcessSource(
        ProcessKind.PANEL.label,
        _module("beraad.selectors"),
        _module("beraad.services"),
        "beraad:panel-detail",
    ),
    ProcessKind.EVENT: ProcessSource(
        ProcessKind.EVENT.label,
        _module("events.selectors"),
        _module("events.services"),
        "events:event-detail",
    ),
}


def _function(kind: str, name: str, *, service: bool = False):
    source = PROCESS_SOURCES.get(kind)
    if source is None:
        return None
    return getattr(source.services if service else source.selectors, name, None)


def _all(name: str, *args, **kwargs) -> dict[str, Any]:
    """Call ``name`` on every source that has it: {kind: result}."""
    results = {}
    for kind in PROCESS_SOURCES:
        function = _function(kind, name)
        if function is not None:
            results[kind] = function(*args, **kwargs)
    return results


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind, source.label) for kind, source in PROCESS_SOURCES.items()]


def kind_label(kind: str):
    source = PROCESS_SOURCES.get(kind)
    return source.label if source else kind


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    return [ref for refs in _all("process_list", closed=closed).values() for ref in refs]


def process_list_of(kind: str, *, closed: bool | None = None) -> list[ProcessRef]:
    function = _function(kind, "process_list")
    return list(function(closed=closed)) if function else []


def public_open_processes(kind: str) -> list[ProcessRef]:
    """Processes of one kind still open for input and readable by anyone (for visitors)."""
    return [ref for ref in process_list_of(kind, closed=False) if ref.is_public]


def process_get(kind: str, process_id: int) -> ProcessRef | None:
    function = _function(kind, "process_get")
    return function(process_id) if function else None


def process_items(kind: str, process_id: int) -> list[ProcessItem]:
    function = _function(kind, "process_items")
    return list(function(process_id)) if function else []


def process_participants(kind: str, process_id: int) -> list[Participant]:
    function = _function(kind, "process_participants")
    return list(function(process_id)) if function else []


def participation_for_member(member) -> list[ProcessRef]:
    return [ref for refs in _all("participation_for_member", member).values() for ref in refs]


def participation_ids_for_member(member) -> dict[str, Any]:
    """{kind: ids of what the member took part in}: a subquery where the app offers one."""
    ids = {}
    for kind in PROCESS_SOURCES:
        if function := _function(kind, "participation_ids_for_member"):
            ids[kind] = function(member)
        elif function := _function(kind, "participation_for_member"):
            ids[kind] = [ref.id for ref in function(member)]
    return ids


def personal_data(member) -> dict[str, Any]:
    return _all("personal_data", member)


def erase_personal_data(member) -> dict[str, Any]:
    """Every app forgets what could identify this member (see ``members/processes.py``)."""
    results = {}
    for kind in PROCESS_SOURCES:
        function = _function(kind, "personal_data_erase", service=True)
        if function is not None:
            results[kind] = function(member=member)
    return results


def mark_feedback_published(kind: str, process_id: int, *, url: str, summary: str) -> None:
    function = _function(kind, "process_mark_feedback_published", service=True)
    if function is not None:
        function(process_id=process_id, url=url, summary=summary)


# The home page's blocks: each app answers in its own shape; the roof makes them alike.
def _entry(kind: str, obj, **extra) -> HomeEntry:
    url = reverse(PROCESS_SOURCES[kind].url_name, args=[obj.pk])
    return HomeEntry(title=str(getattr(obj, "title", obj)), url=url, **extra)


def open_rounds_for_member(member) -> list[HomeEntry]:
    function = _function("round", "open_rounds_for_member")
    found = function(member) if function else []
    return [_entry("round", o.round, answered=o.answered, total=o.total) for o in found]


def panels_for_member(member) -> list[HomeEntry]:
    function = _function("panel", "panels_for_member")
    found = function(member) if function else []
    return [_entry("panel", p.panel, note=str(p.role_label)) for p in found]


def upcoming_events_for_member(member, *, limit: int = 5) -> dict[str, list[HomeEntry]]:
    """{"branch": events of the member's branch, "registered": events they signed up for}."""
    function = _function("event", "upcoming_events_for_member")
    found = function(member, limit=limit) if function else {}
    return {
        name: [_event_entry(getattr(row, "event", row)) for row in found.get(name, [])]
        for name in ("branch", "registered")
    }


def _event_entry(event) -> HomeEntry:
    return _entry("event", event, when=getattr(event, "starts_at", None))


def can_carry_into_statement() -> bool:
    return _function("round", "statement_draft_from_origin", service=True) is not None


def statement_draft_from_origin(**kwargs) -> tuple[int, str]:
    """Start a new preferendum statement from a panel recommendation or a round's result.

    Returns the new statement's id and the page of the round it was put in.
    """
    function = _function("round", "statement_draft_from_origin", service=True)
    if function is None:
        raise LookupError("The preferendum app offers no statement_draft_from_origin yet.")
    statement = function(**kwargs)
    return statement.pk, reverse(PROCESS_SOURCES["round"].url_name, args=[statement.round_id])
