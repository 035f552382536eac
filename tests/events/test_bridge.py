"""From a preferendum round to a dialogue: invitations to members who opted in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.services.invitations import event_invite_round_participants
from members.models import MailKind, OutboxMessage
from preferendum.models import FollowUpOptIn
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_opt_ins(event, member_factory, branch_factory):
    """Opt-ins in the event's branch, elsewhere in the province, and in another province."""
    round_ = RoundFactory(statements=0)
    people = {
        "branch": member_factory(branch=event.branch),
        "province": member_factory(branch=branch_factory(province=event.branch.province)),
        "elsewhere": member_factory(branch=branch_factory(province="limburg")),
    }
    for member in people.values():
        FollowUpOptIn.objects.create(round=round_, member=member)
    member_factory(branch=event.branch)  # did not opt in
    return round_, people


def _invited() -> set[str]:
    messages = OutboxMessage.objects.filter(kind=MailKind.EVENT_INVITATION)
    return {m.to_email for m in messages}


def test_invites_the_opted_in_members_of_the_branch(event, round_with_opt_ins):
    round_, people = round_with_opt_ins
    event_invite_round_participants(event=event, round_id=round_.pk, scope="branch")
    assert _invited() == {people["branch"].email}


def test_invites_the_opted_in_members_of_the_province(event, round_with_opt_ins):
    round_, people = round_with_opt_ins
    event_invite_round_participants(event=event, round_id=round_.pk, scope="province")
    assert _invited() == {people["branch"].email, people["province"].email}


def test_each_member_is_invited_once(event, round_with_opt_ins):
    round_, _people = round_with_opt_ins
    event_invite_round_participants(event=event, round_id=round_.pk, scope="branch")
    event_invite_round_participants(event=event, round_id=round_.pk, scope="province")
    assert OutboxMessage.objects.filter(kind=MailKind.EVENT_INVITATION).count() == 2


def test_invitation_names_the_round_and_links_the_event(event, round_with_opt_ins):
    round_, _people = round_with_opt_ins
    event_invite_round_participants(event=event, round_id=round_.pk, scope="branch")
    message = OutboxMessage.objects.get(kind=MailKind.EVENT_INVITATION)
    assert round_.title in message.content.text_body
    assert reverse("events:event-detail", args=[event.pk]) in message.content.text_body


def test_draft_event_cannot_be_used_for_invitations(event_factory, round_with_opt_ins):
    round_, _people = round_with_opt_ins
    with pytest.raises(ValidationError):
        event_invite_round_participants(
            event=event_factory(draft=True), round_id=round_.pk, scope="branch"
        )


def test_organiser_invites_with_one_action(client, event, member_factory, round_with_opt_ins):
    round_, people = round_with_opt_ins
    client.force_login(member_factory(organises=event.branch))
    client.post(
        reverse("events:event-invite", args=[event.pk]),
        {"round_id": round_.pk, "scope": "branch"},
    )
    assert _invited() == {people["branch"].email}
