from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.models import EventState, RegistrationStatus, TableSeat
from events.seating import Person, split_into_tables
from events.services.registrations import registration_cancel
from events.services.tables import (
    seat_move,
    table_plan_publish,
    table_set_moderator,
    tables_split,
)
from members.models import MailKind, OutboxMessage

# The pure split needs no database.


def _people(n: int) -> list[Person]:
    branches, bands, genders = (
        ["utrecht", "zeist", "amersfoort"],
        ["tot 30", "45-64"],
        ["vrouw", "man"],
    )
    return [
        Person(i, branches[i % 3], bands[(i // 3) % 2], genders[(i // 6) % 2]) for i in range(n)
    ]


def test_split_places_everyone_exactly_once():
    tables = split_into_tables(_people(25), 4)
    assert sorted(pk for table in tables for pk in table) == list(range(25))


def test_split_makes_tables_of_nearly_equal_size():
    sizes = [len(t) for t in split_into_tables(_people(25), 4)]
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("trait", ["branch", "age_band", "gender"])
def test_split_spreads_each_trait_evenly(trait):
    people = _people(24)
    by_id = {p.id: p for p in people}
    tables = split_into_tables(people, 4)
    for value in {getattr(p, trait) for p in people}:
        counts = [sum(getattr(by_id[i], trait) == value for i in t) for t in tables]
        assert max(counts) - min(counts) <= 1, (trait, value, counts)


def test_split_of_one_branch_puts_the_few_from_elsewhere_at_different_tables():
    people = [Person(i, "utrecht", "45-64", "vrouw") for i in range(9)]
    people += [Person(9, "zeist", "45-64", "vrouw"), Person(10, "zeist", "45-64", "vrouw")]
    tables = split_into_tables(people, 2)
    assert [sum(i in (9, 10) for i in t) for t in tables] == [1, 1]


def test_split_with_nobody_gives_empty_tables():
    assert split_into_tables([], 3) == [[], [], []]


# The service and pages.


@pytest.fixture
def dialogue(event_factory, registration_factory, member_factory, branch_factory):
    event = event_factory(capacity=40)
    branches = [branch_factory() for _ in range(3)]
    for i in range(14):
        member = member_factory(branch=branches[i % 3], gender=["vrouw", "man"][i % 2])
        registration_factory(event=event, member=member, agreed_to_moderate=i < 2)
    return event


@pytest.mark.django_db
def test_split_gives_each_table_a_volunteer_as_moderator(dialogue):
    tables = tables_split(event=dialogue, table_size=6)
    assert len(tables) == 2
    assert all(t.moderator_id for t in tables)


@pytest.mark.django_db
def test_split_seats_everyone_but_the_moderators(dialogue):
    tables_split(event=dialogue, table_size=6)
    assert TableSeat.objects.filter(table__event=dialogue).count() == 12


@pytest.mark.django_db
def test_split_balances_branches_over_the_tables(dialogue):
    tables_split(event=dialogue, table_size=6)
    for table in dialogue.tables.all():
        branches = Counter(s.registration.member.branch_id for s in table.seats.all())
        assert max(branches.values()) - min(branches.values()) <= 1


@pytest.mark.django_db
def test_plan_cannot_be_published_while_a_table_has_no_moderator(dialogue):
    tables = tables_split(event=dialogue, table_size=3)
    assert any(t.moderator_id is None for t in tables)
    with pytest.raises(ValidationError):
        table_plan_publish(event=dialogue)
    dialogue.refresh_from_db()
    assert dialogue.table_plan_published_at is None


@pytest.mark.django_db
def test_publishing_the_plan_briefs_each_moderator_once(
    dialogue, django_capture_on_commit_callbacks
):
    tables = tables_split(event=dialogue, table_size=6)
    with django_capture_on_commit_callbacks(execute=True):
        table_plan_publish(event=dialogue)
        table_plan_publish(event=dialogue)
    briefs = OutboxMessage.objects.filter(kind=MailKind.MODERATOR_BRIEF)
    assert sorted(m.recipient_id for m in briefs) == sorted(t.moderator_id for t in tables)


@pytest.mark.django_db
def test_only_a_volunteer_can_become_moderator(dialogue, registration_factory):
    tables = tables_split(event=dialogue, table_size=6)
    unwilling = dialogue.registrations.filter(agreed_to_moderate=False).first()
    with pytest.raises(ValidationError):
        table_set_moderator(table=tables[0], member=unwilling.member)


@pytest.mark.django_db
def test_organiser_moves_a_person_to_another_table(dialogue):
    first, second = tables_split(event=dialogue, table_size=6)
    seat = first.seats.first()
    seat_move(registration=seat.registration, table=second)
    seat.refresh_from_db()
    assert seat.table == second


@pytest.mark.django_db
def test_cancelled_attendee_loses_their_seat(dialogue):
    tables_split(event=dialogue, table_size=6)
    seat = TableSeat.objects.filter(table__event=dialogue).first()
    registration_cancel(registration=seat.registration)
    assert not TableSeat.objects.filter(pk=seat.pk).exists()


@pytest.mark.django_db
def test_organiser_splits_and_publishes_through_the_pages(client, dialogue, member_factory):
    client.force_login(member_factory(organises=dialogue.branch))
    client.post(reverse("events:table-split", args=[dialogue.pk]), {"table_size": 6})
    client.post(reverse("events:table-publish", args=[dialogue.pk]))
    dialogue.refresh_from_db()
    assert dialogue.table_plan_published_at is not None


@pytest.mark.django_db
def test_organiser_sets_a_moderator_through_the_page(client, dialogue, member_factory):
    tables = tables_split(event=dialogue, table_size=3)
    empty = next(t for t in tables if t.moderator_id is None)
    volunteer = member_factory(branch=dialogue.branch)
    dialogue.registrations.create(
        member=volunteer, status=RegistrationStatus.CONFIRMED, agreed_to_moderate=True
    )
    client.force_login(member_factory(organises=dialogue.branch))
    client.post(
        reverse("events:table-moderator", args=[dialogue.pk]),
        {"table": empty.pk, "moderator": volunteer.pk},
    )
    empty.refresh_from_db()
    assert empty.moderator == volunteer


@pytest.mark.django_db
def test_moderator_records_notes_after_the_event(client, dialogue):
    tables = tables_split(event=dialogue, table_size=6)
    dialogue.state = EventState.HELD
    dialogue.starts_at = dialogue.starts_at.replace(year=2025)
    dialogue.ends_at = dialogue.ends_at.replace(year=2025)
    dialogue.save()
    client.force_login(tables[0].moderator)
    url = reverse("events:table-notes", args=[dialogue.pk, tables[0].pk])
    client.post(url, {"heading": "Huur te hoog", "text": "Iedereen kwam aan het woord."})
    assert tables[0].notes.heading == "Huur te hoog"


@pytest.mark.django_db
def test_another_member_cannot_write_a_tables_notes(client, dialogue):
    tables = tables_split(event=dialogue, table_size=6)
    dialogue.starts_at = dialogue.starts_at.replace(year=2025)
    dialogue.ends_at = dialogue.ends_at.replace(year=2025)
    dialogue.save()
    client.force_login(tables[1].moderator)
    url = reverse("events:table-notes", args=[dialogue.pk, tables[0].pk])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_table_plan_page_queries_do_not_grow_with_tables(
    client, dialogue, member_factory, django_assert_max_num_queries
):
    tables_split(event=dialogue, table_size=2)
    client.force_login(member_factory(organises=dialogue.branch))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("events:table-plan", args=[dialogue.pk]))
    assert len(response.context["tables"]) == 5


@pytest.mark.django_db
def test_attendee_sees_their_table_once_the_plan_is_published(client, dialogue):
    tables_split(event=dialogue, table_size=6)
    table_plan_publish(event=dialogue)
    seat = TableSeat.objects.filter(table__event=dialogue).first()
    client.force_login(seat.registration.member)
    response = client.get(reverse("events:event-detail", args=[dialogue.pk]))
    assert response.context["my_table"] == seat.table


@pytest.mark.django_db
def test_table_plan_is_not_shown_to_members_who_did_not_register(client, dialogue, member_factory):
    tables_split(event=dialogue, table_size=6)
    table_plan_publish(event=dialogue)
    client.force_login(member_factory(branch=dialogue.branch))
    response = client.get(reverse("events:event-detail", args=[dialogue.pk]))
    assert response.context["tables"] == ()
