"""Anonymising a member also makes rounds, events and panels forget what identifies them."""

import pytest
from django.urls import reverse

from beraad.models import Call, Invitation
from beraad.services.responses import call_record, invitation_respond
from events.models import RegistrationStatus
from ledendemocratie.privacy import member_erase
from members.models import Role, RoleAssignment
from preferendum.models import Answer, FollowUpOptIn
from preferendum.services import answer_save, follow_up_set
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def test_answers_keep_their_value_but_lose_the_member_and_comment(
    member, admin_member, round_factory
):
    round_ = round_factory()
    statement = round_.statements.first()
    answer_save(statement=statement, member=member, value=5, comment="Ik, Jan uit Zwolle")
    follow_up_set(round_=round_, member=member, wanted=True)
    member_erase(member=member, by=admin_member)
    answer = Answer.objects.get(statement=statement)
    assert (answer.member, answer.comment, answer.value) == (None, "", 5)
    assert not FollowUpOptIn.objects.filter(round=round_).exists()


def test_places_at_coming_events_are_given_up_and_the_waiting_list_moves_up(
    member_factory, admin_member, event_factory, registration_factory
):
    member, waiting = member_factory(), member_factory()
    event = event_factory(capacity=1)
    place = registration_factory(event=event, member=member)
    registration_factory(event=event, member=waiting, status=RegistrationStatus.WAITING)
    held = registration_factory(event=event_factory(past=True), member=member)
    member_erase(member=member, by=admin_member)
    place.refresh_from_db(), held.refresh_from_db()
    assert place.status == RegistrationStatus.CANCELLED
    assert held.status == RegistrationStatus.CONFIRMED
    assert event.registrations.get(member=waiting).status == RegistrationStatus.CONFIRMED


def test_panel_answers_lose_their_free_text_and_an_open_invitation_is_declined(
    member_factory, admin_member, chair
):
    caller = member_factory()
    RoleAssignment.objects.create(member=caller, role=Role.CALLER)
    panel = scenario.sent(member_factory, admin_member, chair)
    answered, called = panel.invitations.select_related("member")[:2]
    invitation_respond(
        invitation=answered, accept=True, consent=True, availability_note="Niet op dinsdag"
    )
    call_record(invitation=called, caller=caller, outcome="call_back", note="Na zessen bellen")
    for invitation in (answered, called):
        member_erase(member=invitation.member, by=admin_member)
    answered.refresh_from_db()
    assert answered.status == Invitation.Status.DECLINED and answered.consent_at is None
    assert answered.availability_note == ""
    assert Call.objects.get(invitation=called).note == ""
    assert answered.category_values  # the selection report's counts stay


def test_admin_action_erases_the_feature_apps_data_too(client, member, admin_member, round_factory):
    statement = round_factory().statements.first()
    answer_save(statement=statement, member=member, value=4, comment="Mijn naam is Jan")
    client.force_login(admin_member)
    data = {"action": "anonymise", "_selected_action": [member.pk], "confirm": "yes"}
    client.post(reverse("admin:members_member_changelist"), data)
    member.refresh_from_db()
    assert member.anonymised_at is not None
    assert Answer.objects.get(statement=statement).comment == ""


def test_erasing_twice_changes_nothing_more(member, admin_member):
    member_erase(member=member, by=admin_member)
    anonymised_at = member.anonymised_at
    member_erase(member=member, by=admin_member)
    member.refresh_from_db()
    assert member.anonymised_at == anonymised_at
