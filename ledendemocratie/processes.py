"""The one place that names the feature apps: rounds, panels and events as seen from the roof.

Every read of a round, panel or event by feedback, the home page and "Mijn gegevens" goes
through these functions. Each app's ``selectors`` and ``services`` follow the contract in
``members/processes.py`` (``ProcessSelectors``, ``ProcessServices``), held to it by one contract
test; tests swap ``PROCESS_SOURCES`` entries for small fakes.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse

import beraad.public
import beraad.selectors
import beraad.services
import events.public
import events.selectors
import events.services
import forum.public
import forum.selectors
import forum.services
import preferendum.public
import preferendum.selectors
import preferendum.services
import votes.public
import votes.selectors
import votes.services
from ledendemocratie.feedback.models import ProcessKind
from members.processes import (
    Participant,
    ProcessItem,
    ProcessPublic,
    ProcessRef,
    ProcessSelectors,
    ProcessServices,
    PublicSummary,
)


@dataclass
class ProcessSource:
    label: Any
    selectors: ProcessSelectors
    services: ProcessServices
    url_name: str  # the process's page, reversed with its pk
    public: ProcessPublic


@dataclass(frozen=True)
class HomeEntry:
    """One line of a home page block, whatever app it comes from."""

    title: str
    url: str
    note: str = ""
    when: datetime | None = None
    answered: int | None = None
    total: int | None = None


PROCESS_SOURCES: dict[str, ProcessSource] = {
    ProcessKind.ROUND: ProcessSource(
        ProcessKind.ROUND.label,
        preferendum.selectors,
        preferendum.services,
        "preferendum:round-detail",
        preferendum.public,
    ),
    ProcessKind.PANEL: ProcessSource(
        ProcessKind.PANEL.label,
        beraad.selectors,
        beraad.services,
        "beraad:panel-detail",
        beraad.public,
    ),
    ProcessKind.EVENT: ProcessSource(
        ProcessKind.EVENT.label,
        events.selectors,
        events.services,
        "events:event-detail",
        events.public,
    ),
    ProcessKind.VOTE: ProcessSource(
        ProcessKind.VOTE.label,
        votes.selectors,
        votes.services,
        "votes:vote-detail",
        votes.public,
    ),
    ProcessKind.FORUM: ProcessSource(
        ProcessKind.FORUM.label,
        forum.selectors,
        forum.services,
        "forum:conversation-detail",
        forum.public,
    ),
}


def _selectors(kind: str) -> ProcessSelectors:
    return PROCESS_SOURCES[kind].selectors


def _services(kind: str) -> ProcessServices:
    return PROCESS_SOURCES[kind].services


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind, source.label) for kind, source in PROCESS_SOURCES.items()]


def kind_label(kind: str):
    source = PROCESS_SOURCES.get(kind)
    return source.label if source else kind


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    return [ref for kind in PROCESS_SOURCES for ref in process_list_of(kind, closed=closed)]


def process_list_of(kind: str, *, closed: bool | None = None) -> list[ProcessRef]:
    return list(_selectors(kind).process_list(closed=closed))


def public_open_processes(kind: str) -> list[ProcessRef]:
    """Processes of one kind still open for input and readable by anyone (for visitors)."""
    return [ref for ref in process_list_of(kind, closed=False) if ref.is_public]


def public_summary(kind: str, process_id: int) -> PublicSummary | None:
    return PROCESS_SOURCES[kind].public.public_summary(process_id)


def process_get(kind: str, process_id: int) -> ProcessRef | None:
    return _selectors(kind).process_get(process_id)


def process_items(kind: str, process_id: int) -> list[ProcessItem]:
    return list(_selectors(kind).process_items(process_id))


def process_participants(kind: str, process_id: int) -> list[Participant]:
    return list(_selectors(kind).process_participants(process_id))


def participation_for_member(member) -> list[ProcessRef]:
    return [
        ref for kind in PROCESS_SOURCES for ref in _selectors(kind).participation_for_member(member)
    ]


def participation_ids_for_member(member) -> dict[str, Any]:
    """{kind: a subquery of the ids of what the member took part in}."""
    return {kind: _selectors(kind).participation_ids_for_member(member) for kind in PROCESS_SOURCES}


def personal_data(member) -> dict[str, Any]:
    return {kind: _selectors(kind).personal_data(member) for kind in PROCESS_SOURCES}


def erase_personal_data(member) -> dict[str, Any]:
    """Every app forgets what could identify this member (see ``members/processes.py``)."""
    return {kind: _services(kind).personal_data_erase(member=member) for kind in PROCESS_SOURCES}


def mark_feedback_published(kind: str, process_id: int, *, url: str, summary: str) -> None:
    _services(kind).process_mark_feedback_published(process_id=process_id, url=url, summary=summary)


# The home page's blocks: each app answers in its own shape; the roof makes them alike.
def _entry(kind: str, obj, **extra) -> HomeEntry:
    url = reverse(PROCESS_SOURCES[kind].url_name, args=[obj.pk])
    return HomeEntry(title=str(getattr(obj, "title", obj)), url=url, **extra)


def open_rounds_for_member(member) -> list[HomeEntry]:
    found = _selectors(ProcessKind.ROUND).open_rounds_for_member(member)
    return [_entry("round", o.round, answered=o.answered, total=o.total) for o in found]


def panels_for_member(member) -> list[HomeEntry]:
    found = _selectors(ProcessKind.PANEL).panels_for_member(member)
    return [_entry("panel", p.panel, note=str(p.role_label)) for p in found]


def upcoming_events_for_member(member, *, limit: int = 5) -> dict[str, list[HomeEntry]]:
    """{"branch": events of the member's branch, "registered": events they signed up for}."""
    found = _selectors(ProcessKind.EVENT).upcoming_events_for_member(member, limit=limit)
    return {
        name: [_event_entry(getattr(row, "event", row)) for row in found.get(name, [])]
        for name in ("branch", "registered")
    }


def open_votes_for_member(member) -> list[HomeEntry]:
    """Open votes on whose roll the member is and in which they have not voted yet."""
    found = _selectors(ProcessKind.VOTE).open_votes_for_member(member)
    return [_entry("vote", vote, when=vote.closes_at) for vote in found]


def open_conversations_for_member(member, *, limit: int = 5) -> list[HomeEntry]:
    found = _selectors(ProcessKind.FORUM).open_conversations_for_member(member, limit=limit)
    return [_entry("forum", c, when=c.closes_at) for c in found]


def _event_entry(event) -> HomeEntry:
    return _entry("event", event, when=getattr(event, "starts_at", None))


def statement_draft_from_origin(**kwargs) -> tuple[int, str]:
    """Start a new preferendum statement from a panel recommendation or a round's result.

    Returns the new statement's id and the page of the round it was put in.
    """
    statement = _services(ProcessKind.ROUND).statement_draft_from_origin(**kwargs)
    return statement.pk, reverse(PROCESS_SOURCES["round"].url_name, args=[statement.round_id])
