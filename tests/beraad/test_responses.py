"""The invitee answers through the personal link, without logging in."""

import pytest
from django.urls import reverse

from beraad.models import Invitation, PanelState
from beraad.services.letters import invitation_link, panel_send_reminder
from members.models import MailKind, OutboxMessage
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    return panel.invitations.first()


def _path(invitation):
    return invitation_link(invitation).split("testserver")[-1].replace("http://127.0.0.1:8000", "")


def test_personal_link_shows_the_invitation(client, invitation):
    response = client.get(_path(invitation))
    assert response.status_code == 200
    assert invitation.panel.title in response.content.decode()


def test_forged_link_is_refused(client, invitation):
    response = client.get(reverse("beraad:invitation-respond", args=["nep-token"]))
    assert response.status_code == 404


def test_invitee_accepts_with_traits_availability_and_consent(client, invitation):
    data = {
        "answer": "accept",
        "category_gender": "man",
        "consent": "on",
        "availability_note": "avond",
    }
    response = client.post(_path(invitation), data)
    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.category_values == {"gender": "man"}
    assert invitation.consent_at is not None


def test_accepting_without_consent_is_refused(client, invitation):
    response = client.post(_path(invitation), {"answer": "accept", "category_gender": "man"})
    invitation.refresh_from_db()
    assert response.status_code == 200
    assert invitation.status == Invitation.Status.INVITED


def test_invitee_declines(client, invitation):
    client.post(_path(invitation), {"answer": "decline", "category_gender": "vrouw"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED


def test_answers_are_closed_after_registration_closes(client, invitation):
    invitation.panel.state = PanelState.REGISTRATION_CLOSED
    invitation.panel.save()
    client.post(_path(invitation), {"answer": "decline", "category_gender": "vrouw"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.INVITED


def test_reminder_goes_only_to_non_responders_and_only_once(
    invitation, django_capture_on_commit_callbacks
):
    panel = invitation.panel
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        panel_send_reminder(panel=panel)
        panel_send_reminder(panel=panel)
    reminders = OutboxMessage.objects.filter(kind=MailKind.PANEL_REMINDER)
    assert reminders.count() == panel.invitations.count() - 1


def test_reminder_subject_quotes_a_title_that_ends_in_a_question_mark(
    invitation, django_capture_on_commit_callbacks
):
    panel = invitation.panel
    panel.title = "Wonen of natuur?"
    panel.save()
    with django_capture_on_commit_callbacks(execute=True):
        panel_send_reminder(panel=panel)
    subject = OutboxMessage.objects.filter(kind=MailKind.PANEL_REMINDER).first().subject
    assert subject.endswith("“Wonen of natuur?”?") and "??" not in subject


def test_daily_job_reminds_panels_sent_a_week_ago(invitation, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from beraad.models import AuditEntry
    from beraad.tasks import send_panel_reminders

    AuditEntry.objects.filter(action=PanelState.INVITATIONS_SENT).update(
        at=timezone.now() - timedelta(days=8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_panel_reminders() == invitation.panel.invitations.count()


def test_daily_job_waits_a_week_after_sending(invitation):
    from beraad.tasks import send_panel_reminders

    assert send_panel_reminders() == 0
