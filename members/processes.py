"""The contract between the top floor and the feature apps that run participation processes.

The top floor (feedback, home page, "Mijn gegevens") reads rounds, panels and events only
through the values below, and only through ``ledendemocratie/processes.py``, which imports
each app's ``selectors`` and ``services`` and checks them against ``ProcessSelectors`` and
``ProcessServices``. A contract test (``tests/feedback/test_contract.py``) holds every app
that takes part to every function, so a missing or misspelled one fails there, not silently.

So the process's own page can show and link its feedback without importing it, and so
anonymising a member (``ledendemocratie.privacy.member_erase``) also removes what the
feature apps keep that could identify them: free text, contact opt-ins, open places.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class ProcessRef:
    kind: str  # "round", "panel" or "event"
    id: int
    title: str
    url: str
    closed_at: datetime | None  # when input stopped; None while still open
    topic: str = ""
    is_public: bool = True  # readable by people outside the party
    owes_feedback: bool = True  # False: no input was gathered (a borrel), so no feedback debt
    branch_id: int | None = None  # the branch it belongs to; None: the whole party or a province


@dataclass(frozen=True)
class ProcessItem:
    id: int
    text: str


@dataclass(frozen=True)
class Participant:
    member_id: int | None  # None for guests without an account
    email: str
    name: str


@dataclass(frozen=True)
class PublicBar:
    """One result as a diverging bar, for the preview image of a public page."""

    label: str
    segments: tuple[tuple[float, float, str], ...]  # (start, width on a 0–200 axis, colour)


@dataclass(frozen=True)
class PublicSummary:
    """What a process's public page may tell anyone: nothing personal, figures suppressed
    exactly as on the members' pages. The outcome is rendered by the app's own partial."""

    purpose: str
    stage: str
    outcome_template: str = ""
    outcome: dict = field(default_factory=dict)
    bars: tuple[PublicBar, ...] = ()


class ProcessSelectors(Protocol):
    """What a feature app's ``selectors`` module offers the top floor."""

    def process_list(self, *, closed: bool | None = None) -> list[ProcessRef]: ...

    def process_get(self, process_id: int) -> ProcessRef | None: ...

    def process_items(self, process_id: int) -> list[ProcessItem]:
        """Statements, recommendations: what feedback can answer item by item."""

    def process_participants(self, process_id: int) -> list[Participant]: ...

    def participation_for_member(self, member) -> list[ProcessRef]:
        """What this member took part in."""

    def participation_ids_for_member(self, member) -> Any:
        """The ids of what this member took part in, as a subquery (one query for all apps)."""

    def personal_data(self, member) -> dict:
        """What the app keeps about this member, for their data export."""


class ProcessServices(Protocol):
    """What a feature app's ``services`` module offers the top floor."""

    def process_mark_feedback_published(
        self, *, process_id: int, url: str, summary: str
    ) -> None: ...

    def personal_data_erase(self, *, member) -> int:
        """Forget what could identify this member (when the member is anonymised)."""


class ProcessPublic(Protocol):
    """What a feature app's ``public`` module offers the public pages (no login)."""

    def public_summary(self, process_id: int) -> PublicSummary | None:
        """What the process's public page shows; None when it is not published at all."""
