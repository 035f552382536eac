"""Reports, hiding with a visible reason, one appeal, and the audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forum.models import ModerationAction
from forum.services.moderation import (
    appeal_decide,
    contribution_appeal,
    contribution_hide,
    contribution_report,
)
from members.models import MailKind, OutboxMessage
from tests.forum.factories import ContributionFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db
Kind = ModerationAction.Kind


def _hidden(contribution=None):
    contribution = contribution or ContributionFactory()
    moderator = MemberFactory(organises=contribution.conversation.branch)
    return contribution_hide(contribution=contribution, moderator=moderator, reason="Persoonlijk")


def test_anyone_in_the_conversation_can_report_with_a_reason(client):
    contribution = ContributionFactory()
    client.force_login(MemberFactory())
    url = reverse("forum:contribution-report", args=[contribution.conversation_id, contribution.pk])
    client.post(url, {"reason": "Scheldwoord"})
    assert contribution.reports.get().reason == "Scheldwoord"


def test_a_hidden_contribution_shows_the_moderators_reason(client):
    contribution = _hidden()
    client.force_login(MemberFactory())
    page = client.get(reverse("forum:conversation-detail", args=[contribution.conversation_id]))
    body = page.content.decode()
    assert "verborgen door moderator: Persoonlijk" in body
    assert contribution.text not in body


def test_hiding_needs_a_reason():
    contribution = ContributionFactory()
    with pytest.raises(ValidationError):
        contribution_hide(contribution=contribution, moderator=MemberFactory(), reason=" ")


def test_a_plain_member_cannot_hide(client):
    contribution = ContributionFactory()
    client.force_login(MemberFactory())
    url = reverse("forum:contribution-hide", args=[contribution.conversation_id, contribution.pk])
    assert client.post(url, {"reason": "Weg"}).status_code == 403


def test_the_author_is_told_once_through_the_outbox():
    contribution = _hidden()
    message = OutboxMessage.objects.get(kind=MailKind.FORUM_MODERATION)
    assert message.recipient == contribution.author
    assert "Persoonlijk" in message.content.text_body


def test_the_author_may_appeal_once():
    contribution = _hidden()
    contribution_appeal(contribution=contribution, author=contribution.author, text="Feitelijk")
    with pytest.raises(ValidationError):
        contribution_appeal(contribution=contribution, author=contribution.author, text="Nog eens")


def test_only_the_author_sees_the_appeal_page(client):
    contribution = _hidden()
    client.force_login(MemberFactory())
    url = reverse("forum:contribution-appeal", args=[contribution.conversation_id, contribution.pk])
    assert client.get(url).status_code == 403


def test_an_upheld_appeal_puts_the_contribution_back():
    contribution = _hidden()
    contribution_appeal(contribution=contribution, author=contribution.author, text="Feitelijk")
    appeal_decide(contribution=contribution, moderator=MemberFactory(), uphold=True, reason="")
    contribution.refresh_from_db()
    assert not contribution.is_hidden


def test_a_rejected_appeal_keeps_it_hidden_and_tells_the_author():
    contribution = _hidden()
    contribution_appeal(contribution=contribution, author=contribution.author, text="Feitelijk")
    appeal_decide(contribution=contribution, moderator=MemberFactory(), uphold=False, reason="")
    contribution.refresh_from_db()
    assert contribution.is_hidden
    assert OutboxMessage.objects.filter(kind=MailKind.FORUM_MODERATION).count() == 2


def test_every_step_is_in_the_audit_log_in_order():
    contribution = ContributionFactory()
    contribution_report(contribution=contribution, reporter=MemberFactory(), reason="Grof")
    _hidden(contribution)
    contribution_appeal(contribution=contribution, author=contribution.author, text="Feitelijk")
    appeal_decide(contribution=contribution, moderator=MemberFactory(), uphold=True, reason="Ok")
    kinds = list(ModerationAction.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.REPORT, Kind.HIDE, Kind.APPEAL, Kind.APPEAL_UPHELD]


def test_the_audit_log_is_read_only_in_the_admin(admin_client):
    ModerationAction.objects.create(
        conversation=ContributionFactory().conversation, kind=Kind.REPORT
    )
    action = ModerationAction.objects.get()
    url = reverse("admin:forum_moderationaction_change", args=[action.pk])
    response = admin_client.post(url, {"kind": Kind.HIDE, "reason": "veranderd"})
    action.refresh_from_db()
    assert response.status_code == 403 and action.kind == Kind.REPORT


def test_votes_are_not_in_the_admin(admin_client):
    assert admin_client.get("/beheer/forum/statementvote/").status_code == 404
