"""The shape in which feature apps describe their participation processes.

The top floor (feedback, home page, "Mijn gegevens") reads rounds, panels and events only
through these values. Each feature app (preferendum: kind "round", beraad: "panel",
events: "event") implements in its ``selectors.py``:

    process_list(*, closed: bool | None = None) -> list[ProcessRef]
    process_get(process_id: int) -> ProcessRef | None
    process_items(process_id: int) -> list[ProcessItem]       # statements, recommendations
    process_participants(process_id: int) -> list[Participant]
    participation_for_member(member) -> list[ProcessRef]     # what this member took part in
    participation_ids_for_member(member) -> QuerySet         # their ids, as a subquery
    personal_data(member) -> dict                            # for the member's data export

and in its ``services.py``:

    process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None
    personal_data_erase(*, member) -> int                    # when the member is anonymised

``participation_ids_for_member`` is optional: with it, the home page finds the feedback on
what a member took part in with one query instead of one per app and one more.

So that the process's own page can show and link its feedback without importing it, and so
that anonymising a member (``ledendemocratie.privacy.member_erase``) also removes what the
feature apps keep that could identify them: free text, contact opt-ins, open places.
"""

from dataclasses import dataclass
from datetime import datetime


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


@dataclass(frozen=True)
class ProcessItem:
    id: int
    text: str


@dataclass(frozen=True)
class Participant:
    member_id: int | None  # None for guests without an account
    email: str
    name: str
