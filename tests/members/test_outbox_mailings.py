"""A mailing is rendered once per language; each message gets its own name and links, and
its bytes are built from the mailing's once, exactly as Django would build them."""

import email

import pytest
from django.core import mail
from django.template import Context, Template

from members.mail_backends import OutboxSmtpBackend
from members.models import MailKind, OutboxContent, OutboxMessage
from members.services.outbox import outbox_enqueue_many, outbox_send_ready
from members.services.outbox.merging import MergeFieldError, MergeRecipient
from preferendum import tokens
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


def _invite(members, round_=None):
    round_ = round_ or RoundFactory()
    outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key=f"round:{round_.pk}",
        template="preferendum/email/round_invitation",
        recipients=members,
        context={"round": round_, "answer_url": tokens.answer_link(round_)},
    )
    return round_


def test_a_mailing_is_rendered_once_per_language(member_factory):
    _invite(
        member_factory.create_batch(4, language="nl")
        + member_factory.create_batch(2, language="en")
    )
    assert OutboxContent.objects.count() == 2


def test_each_member_of_a_mailing_is_greeted_by_their_own_name(member_factory):
    anna, bert = member_factory(first_name="Anna"), member_factory(first_name="Bert")
    _invite([anna, bert])
    outbox_send_ready()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Beste Anna," in bodies[anna.email] and "Beste Bert," in bodies[bert.email]


def test_each_member_of_a_mailing_gets_their_own_link(member_factory):
    members = member_factory.create_batch(2)
    round_ = _invite(members)
    outbox_send_ready()
    for sent in mail.outbox:
        member = next(m for m in members if m.email == sent.to[0])
        assert tokens.answer_url(round_, member) in sent.body


def test_a_name_is_escaped_in_the_html_part_only(member_factory):
    _invite([member_factory(first_name="Anna & <Bo>")])
    outbox_send_ready()
    [sent] = mail.outbox
    assert "Beste Anna & <Bo>," in sent.body
    assert "Anna &amp; &lt;Bo&gt;" in sent.alternatives[0][0]


def test_a_mailing_template_asking_for_another_member_field_fails_loudly():
    with pytest.raises(MergeFieldError):
        Template("{{ recipient.email }}").render(Context({"recipient": MergeRecipient()}))


@pytest.mark.parametrize("first_name", ["Anna", "Zoë"])
def test_prepared_bytes_are_the_message_django_would_build(member_factory, first_name):
    _invite([member_factory(first_name=first_name)])
    outbox_send_ready()
    [sent] = mail.outbox
    assert sent.prepared_bytes is not None
    fast = email.message_from_bytes(sent.prepared_bytes)
    slow = email.message_from_bytes(sent.message().as_bytes(linesep="\r\n"))  # as SMTP does
    for header in ("From", "To", "Subject", "Message-ID", "List-Unsubscribe"):
        # Compared unfolded: Django folds a long header line, the prepared bytes need not.
        assert " ".join(fast[header].split()) == " ".join(slow[header].split())
    parts = [(p.get_content_type(), p.get_payload(decode=True)) for p in fast.walk()]
    assert parts == [(p.get_content_type(), p.get_payload(decode=True)) for p in slow.walk()]


class _Relay:
    def __init__(self):
        self.handed = []

    def ehlo_or_helo_if_needed(self):
        pass

    def has_extn(self, name):
        return False

    def sendmail(self, sender, recipients, data):
        self.handed.append((sender, recipients, data))


def test_smtp_backend_hands_over_the_prepared_bytes(member):
    _invite([member])
    outbox_send_ready()
    [sent] = mail.outbox
    backend = OutboxSmtpBackend()
    backend.connection = relay = _Relay()
    backend.send_messages([sent])
    [(_sender, recipients, data)] = relay.handed
    assert (recipients, data) == ([member.email], sent.prepared_bytes)


def test_smtp_backend_builds_other_mail_itself(member):
    backend = OutboxSmtpBackend()
    backend.connection = relay = _Relay()
    backend.send_messages([mail.EmailMessage("Onderwerp", "Tekst", to=[member.email])])
    [(_sender, recipients, data)] = relay.handed
    assert recipients == [member.email] and b"Subject: Onderwerp" in data


def test_a_mailings_keys_are_the_keys_of_single_messages():
    from members.services.outbox import dedup_key_for
    from members.services.outbox.bulk import dedup_hasher

    digest = dedup_hasher(MailKind.ROUND_INVITATION, "round:1")
    assert digest(" Lid@Example.org") == dedup_key_for(
        MailKind.ROUND_INVITATION, "lid@example.org", "round:1"
    )


def test_a_mailing_run_again_stores_nothing_twice(member_factory):
    members = member_factory.create_batch(3)
    round_ = _invite(members)
    _invite(members, round_)
    assert OutboxMessage.objects.count() == 3
