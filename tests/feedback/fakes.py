"""Small stand-ins for the feature apps, so feedback tests don't depend on their data."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from ledendemocratie import processes
from members.processes import Participant, ProcessItem, ProcessRef


@dataclass
class FakeApp:
    kind: str
    refs: dict[int, ProcessRef] = field(default_factory=dict)
    items: dict[int, list[ProcessItem]] = field(default_factory=dict)
    participants: dict[int, list[Participant]] = field(default_factory=dict)
    marked: list[dict] = field(default_factory=list)
    drafts: list[dict] = field(default_factory=list)
    home: list = field(default_factory=list)
    events: dict = field(default_factory=lambda: {"branch": [], "registered": []})

    def add(
        self,
        process_id: int,
        *,
        title: str = "",
        closed_at: datetime | None = None,
        topic: str = "",
        is_public: bool = True,
        items=(),
        participants=(),
    ) -> ProcessRef:
        ref = ProcessRef(
            kind=self.kind,
            id=process_id,
            title=title or f"{self.kind} {process_id}",
            url=f"/{self.kind}/{process_id}/",
            closed_at=closed_at,
            topic=topic,
            is_public=is_public,
        )
        self.refs[process_id] = ref
        self.items[process_id] = [ProcessItem(n, text) for n, text in items]
        self.participants[process_id] = list(participants)
        return ref

    def add_closed(self, process_id: int, *, weeks_ago: float = 1, **kwargs) -> ProcessRef:
        closed_at = timezone.now() - timedelta(weeks=weeks_ago)
        return self.add(process_id, closed_at=closed_at, **kwargs)

    # The selectors contract (members/processes.py)
    def process_list(self, *, closed=None):
        return [
            ref
            for ref in self.refs.values()
            if closed is None or (ref.closed_at is not None) == closed
        ]

    def process_get(self, process_id):
        return self.refs.get(process_id)

    def process_items(self, process_id):
        return self.items.get(process_id, [])

    def process_participants(self, process_id):
        return self.participants.get(process_id, [])

    def participation_for_member(self, member):
        return [
            self.refs[pid]
            for pid, people in self.participants.items()
            if any(p.member_id == member.pk for p in people)
        ]

    def participation_ids_for_member(self, member):
        return [ref.id for ref in self.participation_for_member(member)]

    def personal_data(self, member):
        return {"processes": [ref.title for ref in self.participation_for_member(member)]}

    # The home page's blocks
    def open_rounds_for_member(self, member):
        return self.home

    def panels_for_member(self, member):
        return self.home

    def open_votes_for_member(self, member):
        return self.home

    def open_conversations_for_member(self, member, *, limit=5):
        return self.home[:limit]

    def upcoming_events_for_member(self, member, *, limit=5):
        return {name: found[:limit] for name, found in self.events.items()}

    # The services contract
    def process_mark_feedback_published(self, *, process_id, url, summary):
        self.marked.append({"process_id": process_id, "url": url, "summary": summary})

    def personal_data_erase(self, *, member):
        return 0

    def public_summary(self, process_id):
        return None

    def statement_draft_from_origin(self, **kwargs):
        self.drafts.append(kwargs)
        pk = 900 + len(self.drafts)
        return SimpleNamespace(pk=pk, round_id=77)


@dataclass
class FakeObject:
    """A round, panel or event as a home page block gets it."""

    pk: int
    title: str
    starts_at: datetime | None = None


def participant(member) -> Participant:
    return Participant(member_id=member.pk, email=member.email, name=member.full_name)


def guest(email: str, name: str = "Gast") -> Participant:
    return Participant(member_id=None, email=email, name=name)


@pytest.fixture
def fake_apps(monkeypatch):
    """Replace rounds, panels and events by fakes: {"round": FakeApp, ...}."""
    fakes = {}
    for kind, source in list(processes.PROCESS_SOURCES.items()):
        fake = FakeApp(str(kind))
        monkeypatch.setitem(
            processes.PROCESS_SOURCES,
            kind,
            # Fake rounds, panels and events "live" at a feedback page: any page taking a pk.
            processes.ProcessSource(source.label, fake, fake, "feedback:detail", fake),
        )
        fakes[str(kind)] = fake
    return fakes
