"""The preferendum speaks English to a member who chose English, on the page and by e-mail."""

import pytest
from django.urls import reverse

from members.models import MailKind, OutboxMessage
from preferendum import services
from preferendum.models import RoundState

pytestmark = pytest.mark.django_db


def test_round_pages_are_english_after_switching_language(client, member, open_round):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    listing = client.get(reverse("preferendum:round-list")).content.decode()
    assert "Open rounds" in listing
    assert "Open rondes" not in listing
    detail = client.get(reverse("preferendum:round-detail", args=[open_round.pk])).content.decode()
    assert "strongly agree" in detail
    assert "helemaal eens" not in detail


def test_invitation_is_written_in_the_members_language(
    member_factory, round_factory, django_capture_on_commit_callbacks
):
    english = member_factory(language="en")
    dutch = member_factory()
    round_ = round_factory(state=RoundState.SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round_=round_)
        services.round_send_invitations(round_=round_)
    invitations = OutboxMessage.objects.filter(kind=MailKind.ROUND_INVITATION)
    assert invitations.get(recipient=english).subject == f"New statements: {round_.title}"
    assert invitations.get(recipient=dutch).subject == f"Nieuwe stellingen: {round_.title}"
