"""What the outbox keeps in the database, read with raw SQL in every state of a message:
never a login code, never a personal link, only placeholders and sealed bodies."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from events.services.mail import manage_link
from events.tokens import registration_token
from forum.services.experts import expert_invite
from forum.tokens import confirm_token
from members.models import MailKind, OutboxContent, OutboxMessage
from members.services.outbox import (
    MAX_ATTEMPTS,
    outbox_enqueue,
    outbox_enqueue_many,
    outbox_send_ready,
    outbox_store_rendered,
)
from preferendum import tokens
from shared.links import link_redact
from tests.events.factories import RegistrationFactory
from tests.forum.factories import ConversationFactory
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db

CODE = "QX7K-2P94"


def _at_rest() -> str:
    """Every column of every outbox row, as the database holds it."""
    rows = []
    with connection.cursor() as cursor:
        for table in (OutboxMessage._meta.db_table, OutboxContent._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            rows += cursor.fetchall()
    return repr(rows)


def _login_code(member):
    outbox_store_rendered(
        kind=MailKind.ACCOUNT,
        key="login_code:1",
        to_email=member.email,
        subject="Je inlogcode",
        text_body=f"Je code is {CODE}",
        html_body=f"<p>Je code is {CODE}</p>",
        recipient=member,
    )
    return CODE


def _answer_link(member):
    round_ = RoundFactory()
    outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key=f"round:{round_.pk}",
        template="preferendum/email/round_invitation",
        recipients=[member],
        context={"round": round_, "answer_url": tokens.answer_link(round_)},
    )
    return tokens.answer_token(round_, member)


def _event_link(member):
    registration = RegistrationFactory(member=member)
    outbox_enqueue(
        kind=MailKind.EVENT_REGISTRATION,
        key=f"event:{registration.event_id}:registered",
        template="events/email/registered",
        context={
            "event": registration.event,
            "registration": registration,
            "manage_url": manage_link(registration),
        },
        recipient=member,
    )
    return registration_token(registration)


def _expert_confirmation(member):
    """An outside expert's double opt-in link (the invited account gets it, not ``member``)."""
    expert = expert_invite(
        conversation=ConversationFactory(),
        actor=member,
        name="Mila de Vries",
        organisation="Natuurvereniging",
        email="mila@natuur.example.org",
    )
    return confirm_token(expert)


MAILS = [_login_code, _answer_link, _event_link, _expert_confirmation]


def _assert_secret_free(secret: str) -> None:
    stored = _at_rest()
    assert secret not in stored
    assert link_redact(stored) == stored, "a personal link is stored"


@pytest.mark.parametrize("make", MAILS)
def test_queued_mail_holds_no_secret(member, make):
    secret = make(member)
    _assert_secret_free(secret)


@pytest.mark.parametrize("make", MAILS)
def test_mail_being_sent_holds_no_secret(member, make, monkeypatch):
    secret = make(member)
    seen, hand_over = [], EmailBackend.send_messages

    def look_while_sending(backend, messages):
        seen.append((OutboxMessage.objects.get().status, _at_rest()))
        return hand_over(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", look_while_sending)
    outbox_send_ready()
    [(status, stored)] = seen
    assert status == OutboxMessage.Status.SENDING
    assert secret not in stored and link_redact(stored) == stored


@pytest.mark.parametrize("make", MAILS)
def test_failed_mail_holds_no_secret(member, make, monkeypatch):
    secret = make(member)
    OutboxMessage.objects.update(attempts=MAX_ATTEMPTS - 1)
    monkeypatch.setattr(
        EmailBackend, "send_messages", lambda *a: (_ for _ in ()).throw(OSError("refused"))
    )
    outbox_send_ready()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.FAILED
    _assert_secret_free(secret)


@pytest.mark.parametrize("make", MAILS)
def test_sent_mail_holds_no_secret(member, make):
    secret = make(member)
    outbox_send_ready()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    _assert_secret_free(secret)


@pytest.mark.parametrize("make", MAILS)
def test_the_recipient_gets_the_secret(member, make, monkeypatch):
    # Links are minted when the mail is sent and carry the second: keep the clock still so
    # the link made here and the one in the mail cannot fall in different seconds.
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now)
    secret = make(member)
    outbox_send_ready()
    [sent] = mail.outbox
    assert secret in sent.body


def test_the_answer_link_in_the_mail_opens_the_round_for_its_member(member):
    round_ = RoundFactory()
    outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key=f"round:{round_.pk}",
        template="preferendum/email/round_invitation",
        recipients=[member],
        context={"round": round_, "answer_url": tokens.answer_link(round_)},
    )
    outbox_send_ready()
    token = re.search(r"/link/([^/\s]+)/", mail.outbox[0].body)[1]
    assert tokens.member_from_token(round_.pk, token) == member


def test_a_link_minted_after_the_member_revoked_their_links_uses_the_new_key(member):
    round_ = RoundFactory()
    outbox_enqueue_many(
        kind=MailKind.ROUND_INVITATION,
        key=f"round:{round_.pk}",
        template="preferendum/email/round_invitation",
        recipients=[member],
        context={"round": round_, "answer_url": tokens.answer_link(round_)},
    )
    member.link_key = "a-new-key-after-revoking-all"
    member.save(update_fields=["link_key"])
    outbox_send_ready()
    token = re.search(r"/link/([^/\s]+)/", mail.outbox[0].body)[1]
    assert tokens.member_from_token(round_.pk, token) == member
