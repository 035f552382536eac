"""The events app's side of the process contract (members/processes.py) and the home page."""

import pytest

from events import selectors
from events.models import Attendance, EventState, RegistrationStatus
from events.services.tables import notes_save, tables_split
from members.processes import Participant, ProcessRef
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_process_get_describes_the_event(event):
    ref = selectors.process_get(event.pk)
    assert isinstance(ref, ProcessRef)
    assert (ref.kind, ref.id, ref.title, ref.closed_at) == ("event", event.pk, event.title, None)


def test_process_get_hides_drafts(event_factory):
    assert selectors.process_get(event_factory(draft=True).pk) is None


def test_process_list_closed_gives_events_that_ended(event_factory):
    held = event_factory(past=True)
    event_factory()
    assert [ref.id for ref in selectors.process_list(closed=True)] == [held.pk]


def test_open_event_is_public(event_factory):
    assert selectors.process_get(event_factory(open=True).pk).is_public


def test_participants_include_confirmed_guests_with_their_email(event, registration_factory):
    member_registration = registration_factory(event=event)
    event.registrations.create(
        guest_name="Gast", guest_email="gast@example.net", status=RegistrationStatus.CONFIRMED
    )
    event.registrations.create(
        guest_name="Nog niet", guest_email="later@example.net", status=RegistrationStatus.PENDING
    )
    participants = selectors.process_participants(event.pk)
    assert set(participants) == {
        Participant(
            member_id=member_registration.member_id,
            email=member_registration.member.email,
            name=member_registration.member.full_name,
        ),
        Participant(member_id=None, email="gast@example.net", name="Gast"),
    }


def test_process_items_are_the_headings_of_the_tables_notes(event, registration_factory):
    registration_factory(event=event, agreed_to_moderate=True)
    registration_factory(event=event)
    [table] = tables_split(event=event)
    notes_save(table=table, author=table.moderator, heading="Huur", text="…")
    assert [item.text for item in selectors.process_items(event.pk)] == ["Huur"]


def test_participation_leaves_out_no_shows(event_factory, registration_factory, member):
    came = registration_factory(event=event_factory(past=True), member=member)
    registration_factory(
        event=event_factory(past=True), member=member, attendance=Attendance.NO_SHOW
    )
    assert [ref.id for ref in selectors.participation_for_member(member)] == [came.event_id]


def test_personal_data_lists_the_members_registrations(registration):
    data = selectors.personal_data(registration.member)
    assert [r["event"] for r in data["registrations"]] == [registration.event.title]


def test_upcoming_events_for_member(event_factory, registration_factory, member):
    branch_event = event_factory(branch=member.branch)
    elsewhere = registration_factory(member=member)
    event_factory(branch=member.branch, state=EventState.DRAFT)
    found = selectors.upcoming_events_for_member(member)
    assert [e.pk for e in found["branch"]] == [branch_event.pk]
    assert [r.pk for r in found["registered"]] == [elsewhere.pk]


def test_upcoming_events_for_member_takes_a_constant_number_of_queries(
    event_factory, registration_factory, member, django_assert_num_queries
):
    for _ in range(4):
        event_factory(branch=member.branch)
        registration_factory(member=member)
    with django_assert_num_queries(2):
        found = selectors.upcoming_events_for_member(member)
        [e.branch.name for e in found["branch"]]
        [r.event.branch.name for r in found["registered"]]


def test_event_list_takes_a_constant_number_of_queries(
    client, event_factory, django_assert_max_num_queries
):
    event_factory.create_batch(15, open=True)
    with django_assert_max_num_queries(6):
        client.get("/activiteiten/")


def test_topic_is_the_title_of_the_round_the_event_is_about(event_factory):
    round_ = RoundFactory(statements=0, title="Wonen")
    event = event_factory(topic_kind="round", topic_id=round_.pk)
    assert selectors.process_get(event.pk).topic == "Wonen"
    assert [ref.topic for ref in selectors.process_list()] == ["Wonen"]
