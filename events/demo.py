"""Demo events: past and upcoming across branches; Utrecht (organisator@example.org) has a
full event with a waiting list, a dialogue with tables and moderators, and a held event with
attendance and a report. Rows are written directly, so seeding sends no e-mail."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import (
    Attendance,
    Audience,
    Event,
    EventFormat,
    EventState,
    EventType,
    ModeratorNotes,
    Registration,
    RegistrationStatus,
    Table,
    TableSeat,
)
from events.seating import Person, split_into_tables
from members.models import Branch, Member
from members.traits import age_band

Status = RegistrationStatus
# (branch slug, title, type, days from today, format, audience, capacity, state)
EVENTS = [
    (
        "utrecht",
        "Dialoog: wonen in de wijk",
        EventType.DIALOGUE,
        12,
        EventFormat.IN_PERSON,
        Audience.SUPPORTERS,
        24,
        EventState.PUBLISHED,
    ),
    (
        "utrecht",
        "Campagnetraining: huis-aan-huis",
        EventType.TRAINING,
        5,
        EventFormat.IN_PERSON,
        Audience.MEMBERS,
        8,
        EventState.PUBLISHED,
    ),
    (
        "utrecht",
        "Borrel met de fractie",
        EventType.SOCIAL,
        -20,
        EventFormat.IN_PERSON,
        Audience.OPEN,
        40,
        EventState.HELD,
    ),
    (
        "utrecht",
        "Online debat: de energierekening",
        EventType.DEBATE,
        20,
        EventFormat.ONLINE,
        Audience.OPEN,
        100,
        EventState.PUBLISHED,
    ),
    (
        "amsterdam",
        "Buurtgesprek over de zorg",
        EventType.DIALOGUE,
        9,
        EventFormat.HYBRID,
        Audience.OPEN,
        30,
        EventState.PUBLISHED,
    ),
    (
        "rotterdam",
        "Flyeren op de markt",
        EventType.CAMPAIGN,
        3,
        EventFormat.IN_PERSON,
        Audience.SUPPORTERS,
        15,
        EventState.PUBLISHED,
    ),
    (
        "groningen",
        "Klimaatdebat met studenten",
        EventType.DEBATE,
        -45,
        EventFormat.IN_PERSON,
        Audience.OPEN,
        60,
        EventState.HELD,
    ),
    (
        "maastricht",
        "Praktisch: de ledenvergadering voorbereiden",
        EventType.PRACTICAL,
        30,
        EventFormat.ONLINE,
        Audience.MEMBERS,
        25,
        EventState.PUBLISHED,
    ),
]
PARTNERS = {"Dialoog: wonen in de wijk": "Huurdersvereniging Utrecht\nFNV"}


def seed(*, stdout) -> None:
    """Add this app's demo content (idempotent). Called by `manage.py demo`."""
    branches = {b.slug: b for b in Branch.objects.filter(slug__in={e[0] for e in EVENTS})}
    created = 0
    for row in EVENTS:
        if row[0] in branches and not Event.objects.filter(title=row[1]).exists():
            _seed_event(branches[row[0]], *row[1:])
            created += 1
    stdout.write(f"Events: {created} demo events added ({Event.objects.count()} in all)")


def _when(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(19, 30)))


def _seed_event(branch, title, event_type, days, format, audience, capacity, state) -> None:
    starts_at = _when(days)
    event = Event.objects.create(
        branch=branch,
        title=title,
        event_type=event_type,
        description=f"{title}. Iedereen komt aan het woord; een gespreksleider helpt daarbij.",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format=format,
        address="" if format == EventFormat.ONLINE else f"Wijkcentrum, {branch.name}",
        meeting_link="" if format == EventFormat.IN_PERSON else "https://meet.example.org/demo",
        capacity=capacity,
        audience=audience,
        partners=PARTNERS.get(title, ""),
        state=state,
    )
    people = list(Member.objects.filter(branch=branch).order_by("pk")[: capacity + 4])
    full = event_type == EventType.TRAINING
    taking_part = people[: capacity + 3] if full else people[: capacity * 2 // 3]
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            member=member,
            status=Status.CONFIRMED if n < capacity else Status.WAITING,
            position=None if n < capacity else n - capacity + 1,
            agreed_to_moderate=event_type == EventType.DIALOGUE and n % 7 == 0,
            attendance=(Attendance.ATTENDED if n % 5 else Attendance.NO_SHOW)
            if state == EventState.HELD
            else Attendance.UNKNOWN,
        )
        for n, member in enumerate(taking_part)
    )
    if state == EventState.HELD:
        event.report = "Veel gesprekken over betaalbare huur en groen in de wijk."
        event.report_published_at = event.ends_at
        event.save(update_fields=["report", "report_published_at"])
    if event_type == EventType.DIALOGUE and branch.slug == "utrecht":
        _seed_tables(event, registrations)


def _seed_tables(event, registrations) -> None:
    moderators = [r for r in registrations if r.agreed_to_moderate]
    others = [r for r in registrations if not r.agreed_to_moderate]
    today = timezone.localdate()
    people = [
        Person(
            r.pk,
            str(r.member.branch_id),
            age_band(r.member.birth_date, today=today),
            r.member.gender,
        )
        for r in others
    ]
    for number, (moderator, ids) in enumerate(
        zip(moderators, split_into_tables(people, len(moderators)), strict=True), start=1
    ):
        table = Table.objects.create(event=event, number=number, moderator=moderator.member)
        TableSeat.objects.bulk_create(TableSeat(table=table, registration_id=pk) for pk in ids)
        if event.has_ended:
            ModeratorNotes.objects.create(
                table=table, author=moderator.member, heading="Wonen", text="…"
            )
    event.table_plan_published_at = timezone.now()
    event.save(update_fields=["table_plan_published_at"])
