"""The outbox keeps no readable secret, shows admins only metadata and forgets who got what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import MailKind, OutboxMessage
from members.services.outbox import (
    outbox_enqueue,
    outbox_forget,
    outbox_prune,
    outbox_send_ready,
    outbox_store_rendered,
)

pytestmark = pytest.mark.django_db

CODE = "QX7-K2P-94L"


def _login_code(member):
    return outbox_store_rendered(
        kind=MailKind.ACCOUNT,
        key="login_code:1",
        to_email=member.email,
        subject="Je inlogcode",
        text_body=f"Je code is {CODE}",
        html_body=f"<p>Je code is {CODE}</p>",
        recipient=member,
    )


def _invitation(member, key="round:7"):
    return outbox_enqueue(
        kind=MailKind.ROUND_INVITATION,
        key=key,
        template="members/email/import_report",
        context={"report": {}},
        recipient=member,
    )


def _age(days: int) -> None:
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(days=days))


def test_login_code_is_gone_from_the_database_once_sent(member):
    message = _login_code(member)
    outbox_send_ready()
    assert CODE in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    content = message.content
    assert (content.text_body, content.html_body) == ("", "")


@pytest.mark.parametrize("view", ["changelist", "change"])
def test_admin_never_shows_a_queued_login_code_or_its_address(client, admin_member, member, view):
    message = _login_code(member)
    client.force_login(admin_member)
    args = [message.pk] if view == "change" else []
    response = client.get(reverse(f"admin:members_outboxmessage_{view}", args=args))
    assert response.status_code == 200
    assert CODE not in response.content.decode()
    assert member.email not in response.content.decode()


def test_admin_cannot_search_who_got_a_mail(client, admin_member, member):
    _invitation(member)
    client.force_login(admin_member)
    url = reverse("admin:members_outboxmessage_changelist")
    got = client.get(url, {"q": member.email}).context["cl"].result_count
    never = client.get(url, {"q": "nobody@example.org"}).context["cl"].result_count
    assert got == never


def test_sent_mail_after_retention_says_neither_who_nor_about_what(member, settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    _invitation(member)
    outbox_send_ready()
    _age(31)
    outbox_prune()
    row = OutboxMessage.objects.get()
    assert (row.recipient_id, row.to_email, row.object_key, row.subject) == (None, "", "", "")


def test_sent_mail_within_retention_is_kept(member, settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    _invitation(member)
    outbox_send_ready()
    _age(29)
    assert outbox_prune() == 0
    assert OutboxMessage.objects.get().to_email == member.email


def test_pruned_mail_is_still_not_sent_twice(member, settings):
    _invitation(member)
    outbox_send_ready()
    _age(settings.OUTBOX_RETENTION_DAYS + 1)
    outbox_prune()
    _invitation(member)
    outbox_send_ready()
    assert len(mail.outbox) == 1


def test_login_mail_is_deleted_after_retention(member, settings):
    _login_code(member)
    outbox_send_ready()
    _age(settings.OUTBOX_RETENTION_DAYS + 1)
    outbox_prune()
    assert not OutboxMessage.objects.exists()


def test_queued_mail_is_not_pruned(member, settings):
    _invitation(member)
    _age(settings.OUTBOX_RETENTION_DAYS + 1)
    outbox_prune()
    assert OutboxMessage.objects.get().to_email == member.email


def test_forgetting_a_round_deletes_its_mail_and_nothing_else(member):
    _invitation(member, "round:7")
    _invitation(member, "round:70")
    outbox_forget(key="round:7")
    assert list(OutboxMessage.objects.values_list("object_key", flat=True)) == ["round:70"]


def test_anonymising_a_round_deletes_its_mail_records(member):
    from preferendum.models import RoundState
    from preferendum.services import round_anonymise
    from tests.preferendum.factories import RoundFactory

    round_ = RoundFactory(state=RoundState.CLOSED, closed_at=timezone.now())
    _invitation(member, f"round:{round_.pk}")
    outbox_send_ready()
    round_anonymise(round_=round_)
    assert not OutboxMessage.objects.filter(object_key=f"round:{round_.pk}").exists()
