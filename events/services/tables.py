"""The table plan of a dialogue: split, adjust by hand, publish with a moderator per table."""

import hashlib
import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, ModeratorNotes, Registration, RegistrationStatus, Table, TableSeat
from events.seating import TRAITS, Person, balanced_traits, split_into_tables
from events.services.mail import absolute, mail_registration
from members.models import MailKind, Member, Role
from members.services.outbox import outbox_enqueue_many
from members.traits import age_band

DEFAULT_TABLE_SIZE = 6


def _person(registration: Registration, today) -> Person:
    member = registration.member
    if member is None:
        return Person(registration.pk, "gast", "onbekend", "")
    return Person(
        registration.pk,
        member.branch.slug if member.branch else "",
        age_band(member.birth_date, today=today),
        member.gender,
    )


@transaction.atomic
def tables_split(*, event: Event, table_size: int = DEFAULT_TABLE_SIZE) -> list[Table]:
    """Replace the plan by an automatic split; volunteers for moderation lead the tables."""
    registrations = list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
            "member__branch"
        )
    )
    table_count = max(1, math.ceil(len(registrations) / (table_size + 1)))
    volunteers = [r for r in registrations if r.agreed_to_moderate and r.member_id][:table_count]
    people = [_person(r, timezone.localdate()) for r in registrations if r not in volunteers]
    event.tables.all().delete()
    tables = Table.objects.bulk_create(
        Table(event=event, number=n + 1, moderator=v.member if v else None)
        for n, v in enumerate(volunteers + [None] * (table_count - len(volunteers)))
    )
    TableSeat.objects.bulk_create(
        TableSeat(table=table, registration_id=pk)
        for table, ids in zip(tables, split_into_tables(people, table_count), strict=True)
        for pk in ids
    )
    _unpublish(event)
    return tables


def tables_unbalanced_traits(*, event: Event) -> list[str]:
    """The traits (of ``events.seating.TRAITS``) some value of which is not spread within
    one of its share over the tables as they are seated now; [] when all are. A read, kept
    beside the split that it checks."""
    seats = list(
        TableSeat.objects.filter(table__event=event).select_related("registration__member__branch")
    )
    tables = {t.pk: [] for t in event.tables.all()}
    for seat in seats:
        tables[seat.table_id].append(seat.registration_id)
    today = timezone.localdate()
    people = [_person(seat.registration, today) for seat in seats]
    balanced = balanced_traits(people, list(tables.values())) if tables else TRAITS
    return [trait for trait in TRAITS if trait not in balanced]


def _unpublish(event: Event) -> None:
    event.table_plan_published_at = None
    event.save(update_fields=["table_plan_published_at"])


@transaction.atomic
def seat_move(*, registration: Registration, table: Table) -> TableSeat:
    """Move one attendee to another table (the organiser adjusting the split by hand)."""
    if table.event_id != registration.event_id or not registration.is_confirmed:
        raise ValidationError(_("Deze persoon kan niet aan deze tafel."))
    if table.moderator_id and table.moderator_id == registration.member_id:
        raise ValidationError(_("Deze persoon leidt al het gesprek aan deze tafel."))
    seat, _created = TableSeat.objects.update_or_create(
        registration=registration, defaults={"table": table}
    )
    return seat


def moderator_candidates(event: Event):
    """Members with a place who agreed to moderate."""
    return Member.objects.filter(
        event_registrations__event=event,
        event_registrations__status=RegistrationStatus.CONFIRMED,
        event_registrations__agreed_to_moderate=True,
    )


@transaction.atomic
def table_set_moderator(*, table: Table, member: Member | None) -> Table:
    """Make a volunteer the moderator of a table; they leave their own seat for it."""
    if member is not None:
        if not moderator_candidates(table.event).filter(pk=member.pk).exists():
            raise ValidationError(_("Alleen iemand die wil gespreksleiden kan dit doen."))
        if table.event.tables.exclude(pk=table.pk).filter(moderator=member).exists():
            raise ValidationError(_("Deze persoon leidt al een andere tafel."))
        TableSeat.objects.filter(
            registration__event=table.event, registration__member=member
        ).delete()
    table.moderator = member
    table.full_clean()
    table.save(update_fields=["moderator"])
    if member is None:
        _unpublish(table.event)  # a published plan never shows a table without moderator
    return table


@transaction.atomic
def table_plan_publish(*, event: Event) -> Event:
    """Publish the plan and brief the moderators. Refused while a table has no moderator."""
    tables = list(event.tables.select_related("moderator").annotate(seat_count=Count("seats")))
    if not tables:
        raise ValidationError(_("Er is nog geen tafelindeling."))
    missing = [str(t.number) for t in tables if t.moderator_id is None]
    if missing:
        raise ValidationError(
            _("Tafel %(tables)s heeft nog geen gespreksleider.") % {"tables": ", ".join(missing)}
        )
    event.table_plan_published_at = timezone.now()
    event.save(update_fields=["table_plan_published_at"])
    registrations = {
        r.member_id: r for r in event.registrations.filter(member__in=[t.moderator for t in tables])
    }
    for table in tables:
        mail_registration(
            registrations[table.moderator_id],
            kind=MailKind.MODERATOR_BRIEF,
            template="moderator_brief",
            key=_brief_key(table),
            extra={
                "table": table,
                "seat_count": table.seat_count,
                "notes_url": absolute("events:table-notes", event.pk, table.pk),
            },
        )
    return event


def _brief_key(table: Table) -> str:
    """A brief per table as it is seated: publishing again after a re-split or a move briefs
    the moderators whose table changed (number or people), and only them."""
    seats = sorted(table.seats.values_list("registration_id", flat=True))
    digest = hashlib.sha256(",".join(map(str, seats)).encode()).hexdigest()[:16]
    return f"moderator-brief:{table.number}:{digest}"


def tables_moderator_withdrawn(*, event: Event, member: Member) -> list[Table]:
    """A moderator gave up their place: their tables lose them. A published plan goes back
    to draft (it must not promise a table a moderator it lacks) and the organisers are told,
    so they pick a replacement and publish again. Called with the event row locked."""
    tables = list(event.tables.filter(moderator=member))
    if not tables:
        return []
    event.tables.filter(moderator=member).update(moderator=None)
    was_published = event.table_plan_published_at is not None
    _unpublish(event)
    if was_published and not event.has_ended:
        _tell_organisers(event, member, tables)
    return tables


def _tell_organisers(event: Event, member: Member, tables: list[Table]) -> None:
    organisers = Member.objects.filter(
        roles__role=Role.ORGANISER, roles__branch=event.branch_id
    ) | Member.objects.filter(pk=event.created_by_id)
    outbox_enqueue_many(
        kind=MailKind.EVENT_CHANGE,
        key=f"event:{event.pk}:moderator-withdrew:{member.pk}:{timezone.now().timestamp():.6f}",
        template="events/email/moderator_withdrew",
        recipients=organisers.distinct(),
        context={
            "event": event,
            "moderator_name": member.full_name,
            "tables": ", ".join(str(t.number) for t in tables),
            "plan_url": absolute("events:table-plan", event.pk),
        },
    )


@transaction.atomic
def notes_save(*, table: Table, author: Member, heading: str, text: str) -> ModeratorNotes:
    """The moderator's record of what came up at their table."""
    notes = ModeratorNotes.objects.filter(table=table).first() or ModeratorNotes(table=table)
    notes.author, notes.heading, notes.text = author, heading.strip(), text.strip()
    notes.updated_at = timezone.now()
    notes.full_clean()
    notes.save()
    return notes
