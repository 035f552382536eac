"""Reads of the events app: the public list, the dashboard and the process contract
(members/processes.py) for the top floor."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from events.models import (
    Attendance,
    Audience,
    Event,
    EventFormat,
    EventState,
    ModeratorNotes,
    Registration,
    RegistrationStatus,
    Table,
)
from events.permissions import VISIBLE_STATES, audience_admits
from events.topics import topic_ref, topic_titles
from members.models import Member
from members.processes import Participant, ProcessItem, ProcessRef

Status = RegistrationStatus
LISTED_STATES = (EventState.PUBLISHED, EventState.CANCELLED)
PERIODS = {"week": 7, "maand": 31, "kwartaal": 92}


def _audiences_for(user) -> list[str]:
    return [a for a in Audience.values if audience_admits(user, a)]


def with_counts(events: QuerySet) -> QuerySet:
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


def events_for_list(user, filters: dict) -> QuerySet[Event]:
    """Upcoming published (and recently cancelled) events this user may see, filtered."""
    events = Event.objects.filter(
        state__in=LISTED_STATES,
        ends_at__gte=timezone.now(),
        audience__in=_audiences_for(user),
    ).select_related("branch")
    if filters.get("mine") and getattr(user, "branch_id", None):
        events = events.filter(branch_id=user.branch_id)
    if filters.get("province"):
        events = events.filter(branch__province=filters["province"])
    if filters.get("event_type"):
        events = events.filter(event_type=filters["event_type"])
    if filters.get("online"):
        events = events.exclude(format=EventFormat.IN_PERSON)
    if days := PERIODS.get(filters.get("period") or ""):
        events = events.filter(starts_at__lte=timezone.now() + timedelta(days=days))
    return with_counts(events).order_by("starts_at", "pk")


def registration_of(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, member=user).first()


def place_counts(event: Event) -> dict:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    counts["free"] = max(event.capacity - counts["confirmed"], 0)
    return counts


def published_tables(event: Event) -> list[Table]:
    return list(event.tables.select_related("moderator"))


def table_of(registration: Registration | None) -> Table | None:
    """The table where this attendee sits, or the one they moderate."""
    if registration is None:
        return None
    return (
        Table.objects.filter(event_id=registration.event_id)
        .filter(Q(seats__registration=registration) | Q(moderator_id=registration.member_id))
        .first()
    )


def dashboard_events(branch_ids) -> QuerySet[Event]:
    """Events of these branches (None: all) that have not ended yet, drafts included."""
    events = Event.objects.filter(ends_at__gte=timezone.now()).select_related("branch")
    if branch_ids is not None:
        events = events.filter(branch_id__in=branch_ids)
    return with_counts(events).order_by("starts_at")


def attendance_by_month(branch_ids, *, months: int = 12) -> list[dict]:
    """Attendees per branch per month over held events: rows of branch, month, attended."""
    since = timezone.now() - timedelta(days=31 * months)
    registrations = Registration.objects.filter(
        event__state=EventState.HELD,
        event__starts_at__gte=since,
        attendance=Attendance.ATTENDED,
    )
    if branch_ids is not None:
        registrations = registrations.filter(event__branch_id__in=branch_ids)
    return list(
        registrations.annotate(month=TruncMonth("event__starts_at"))
        .values("event__branch__name", "month")
        .annotate(attended=Count("pk"))
        .order_by("event__branch__name", "month")
    )


def feed_events_for_branch(branch_id: int, reader) -> QuerySet[Event]:
    """The branch's events of the last half year and later that the reader may see."""
    return Event.objects.filter(
        branch_id=branch_id,
        state__in=VISIBLE_STATES,
        audience__in=_audiences_for(reader),
        starts_at__gte=timezone.now() - timedelta(days=180),
    ).order_by("starts_at")


def feed_events_for_member(member: Member) -> QuerySet[Event]:
    """The member's events; a cancelled event stays in, marked as cancelled."""
    return Event.objects.filter(
        state__in=VISIBLE_STATES,
        registrations__member=member,
        registrations__status__in=[Status.CONFIRMED, Status.WAITING],
    ).order_by("starts_at")


def upcoming_registrations(member: Member, *, limit: int = 5) -> list[Registration]:
    """The member's places and waiting-list spots at events still to come, soonest first."""
    return list(
        Registration.objects.filter(
            member=member,
            status__in=[Status.CONFIRMED, Status.WAITING],
            event__state=EventState.PUBLISHED,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event__branch")
        .order_by("event__starts_at")[:limit]
    )


BRANCH_EVENTS_SECONDS = 60  # a newly published or cancelled event may show this much later


def upcoming_events_for_member(member: Member, *, limit: int = 5) -> dict:
    """For the home page: the next published events of the member's branch (shared by its
    members, so cached for a minute) and the member's own upcoming registrations."""
    audiences = sorted(_audiences_for(member))
    key = f"events:branch-upcoming:{member.branch_id}:{','.join(audiences)}:{limit}"
    branch = cache.get_or_set(
        key,
        lambda: list(_branch_upcoming(member.branch_id, audiences)[:limit]),
        BRANCH_EVENTS_SECONDS,
    )
    return {"branch": branch, "registered": upcoming_registrations(member, limit=limit)}


def _branch_upcoming(branch_id: int | None, audiences: list[str]) -> QuerySet[Event]:
    return Event.objects.filter(
        branch_id=branch_id,
        state=EventState.PUBLISHED,
        starts_at__gte=timezone.now(),
        audience__in=audiences,
    ).select_related("branch")


# The process contract (members/processes.py).


def _ref(event: Event, topic: str = "") -> ProcessRef:
    """The event as a process; its topic is the title of the round or panel it is about."""
    return ProcessRef(
        kind="event",
        id=event.pk,
        title=event.title,
        url=reverse("events:event-detail", args=[event.pk]),
        closed_at=event.ends_at if event.has_ended else None,
        topic=topic[:100],
        is_public=event.audience == Audience.OPEN,
        owes_feedback=event.owes_feedback,
        branch_id=event.branch_id,
    )


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    events = Event.objects.filter(state__in=(EventState.PUBLISHED, EventState.HELD))
    if closed is True:
        events = events.filter(ends_at__lte=timezone.now())
    elif closed is False:
        events = events.filter(ends_at__gt=timezone.now())
    titles = topic_titles() if events.exclude(topic_kind="").exists() else {}
    return [
        _ref(e, titles.get((e.topic_kind, e.topic_id), "")) for e in events.order_by("starts_at")
    ]


def process_get(process_id: int) -> ProcessRef | None:
    event = Event.objects.filter(pk=process_id, state__in=VISIBLE_STATES).first()
    if event is None:
        return None
    topic = topic_ref(event.topic_kind, event.topic_id) if event.topic_kind else None
    return _ref(event, topic.title if topic else "")


def process_items(process_id: int) -> list[ProcessItem]:
    """The headings of the tables' notes: what came up at each table."""
    notes = ModeratorNotes.objects.filter(table__event_id=process_id).order_by("table__number")
    return [ProcessItem(id=n.pk, text=n.heading) for n in notes]


def process_participants(process_id: int) -> list[Participant]:
    """Everyone with a place (members and confirmed guests), with their e-mail address."""
    registrations = Registration.objects.filter(
        event_id=process_id, status=Status.CONFIRMED
    ).select_related("member")
    return [
        Participant(member_id=r.member_id, email=r.email, name=r.name)
        for r in registrations
        if r.email
    ]


def _participated_events(member: Member) -> QuerySet[Event]:
    """Events where the member had a place and was not marked as a no-show."""
    taken_part = (
        Registration.objects.filter(member=member, status=Status.CONFIRMED)
        .exclude(attendance=Attendance.NO_SHOW)
        .values("event_id")
    )
    return Event.objects.filter(pk__in=taken_part, state__in=VISIBLE_STATES)


def participation_for_member(member: Member) -> list[ProcessRef]:
    return [_ref(e) for e in _participated_events(member).order_by("-starts_at")]


def participation_ids_for_member(member: Member) -> QuerySet:
    return _participated_events(member).values("pk")


def personal_data(member: Member) -> dict:
    """The member's registrations and notes, for "Mijn gegevens"."""
    registrations = Registration.objects.filter(member=member).select_related("event")
    notes = ModeratorNotes.objects.filter(author=member).select_related("table__event")
    return {
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.get_status_display(),
                "attendance": r.get_attendance_display(),
                "agreed_to_moderate": r.agreed_to_moderate,
            }
            for r in registrations
        ],
        "moderator_notes": [
            {"event": n.table.event.title, "table": n.table.number, "heading": n.heading}
            for n in notes
        ],
    }
