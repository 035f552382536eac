"""A published table plan never promises a table a moderator it lacks; briefs follow changes."""

import pytest

from events.services.registrations import registration_cancel
from events.services.tables import (
    seat_move,
    table_plan_publish,
    table_set_moderator,
    tables_split,
)
from members.models import MailKind, OutboxMessage, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(event_factory, registration_factory, member_factory, branch_factory):
    event = event_factory(capacity=40)
    for i in range(14):
        member = member_factory(branch=event.branch, gender=["vrouw", "man"][i % 2])
        registration_factory(event=event, member=member, agreed_to_moderate=i < 2)
    return event


@pytest.fixture
def published(dialogue):
    tables_split(event=dialogue, table_size=6)
    table_plan_publish(event=dialogue)
    return dialogue


def _moderator_registration(event):
    table = event.tables.first()
    return table, event.registrations.get(member=table.moderator)


def test_a_moderator_who_cancels_leaves_their_table_without_moderator(published):
    table, registration = _moderator_registration(published)
    registration_cancel(registration=registration)
    table.refresh_from_db()
    assert table.moderator_id is None


def test_a_moderator_who_cancels_sends_the_published_plan_back_to_draft(published):
    _table, registration = _moderator_registration(published)
    registration_cancel(registration=registration)
    published.refresh_from_db()
    assert published.table_plan_published_at is None


def test_the_organisers_are_told_when_a_moderator_cancels(published, member_factory):
    organiser = member_factory()
    organiser.roles.create(role=Role.ORGANISER, branch=published.branch)
    _table, registration = _moderator_registration(published)
    registration_cancel(registration=registration)
    message = OutboxMessage.objects.get(to_email=organiser.email, kind=MailKind.EVENT_CHANGE)
    assert registration.member.full_name in message.content.text_body


def test_an_ordinary_attendee_who_cancels_leaves_the_plan_published(published):
    seated = published.registrations.filter(seat__isnull=False).first()
    registration_cancel(registration=seated)
    published.refresh_from_db()
    assert published.table_plan_published_at is not None


def test_republishing_an_unchanged_plan_sends_no_new_briefs(published):
    table_plan_publish(event=published)
    assert OutboxMessage.objects.filter(kind=MailKind.MODERATOR_BRIEF).count() == 2


def test_a_move_briefs_again_only_the_moderators_whose_table_changed(
    published, member_factory, registration_factory
):
    first, second = published.tables.all()
    extra = registration_factory(event=published, member=member_factory())
    seat_move(registration=extra, table=second)
    table_plan_publish(event=published)
    briefs = OutboxMessage.objects.filter(kind=MailKind.MODERATOR_BRIEF)
    assert sorted(m.recipient_id for m in briefs) == sorted(
        [first.moderator_id, second.moderator_id, second.moderator_id]
    )


def _seating(event) -> dict:
    return {
        t.number: set(t.seats.values_list("registration_id", flat=True)) for t in event.tables.all()
    }


def test_a_re_split_briefs_again_exactly_the_moderators_whose_table_changed(published):
    briefed = _seating(published)
    registration_cancel(registration=published.registrations.filter(seat__isnull=False).first())
    tables_split(event=published, table_size=6)
    table_plan_publish(event=published)
    changed = sum(briefed[number] != seats for number, seats in _seating(published).items())
    assert changed
    assert OutboxMessage.objects.filter(kind=MailKind.MODERATOR_BRIEF).count() == 2 + changed


def test_removing_a_moderator_by_hand_sends_the_plan_back_to_draft(published):
    table_set_moderator(table=published.tables.first(), member=None)
    published.refresh_from_db()
    assert published.table_plan_published_at is None
