import re

import pytest
from django.core import mail
from django.urls import reverse

from members.models import MailKind, OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def _request_code(django_capture_on_commit_callbacks):
    def request(client, email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("account_request_login_code"), {"email": email})

    return request


def test_login_code_mail_goes_through_the_outbox(client, member, _request_code):
    _request_code(client, member.email)
    message = OutboxMessage.objects.get(to_email=member.email)
    assert message.kind == MailKind.ACCOUNT
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_member_logs_in_with_the_emailed_code(client, member, _request_code):
    _request_code(client, member.email)
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.M).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("my-data")).status_code == 200


def test_wrong_code_does_not_log_in(client, member, _request_code):
    _request_code(client, member.email)
    client.post(reverse("account_confirm_login_code"), {"code": "XXXXXX"})
    assert client.get(reverse("my-data")).status_code == 302


def test_demo_password_is_refused_without_debug(client, member_factory, settings):
    member_factory(email="lid@example.org")
    client.post(reverse("account_login"), {"login": "lid@example.org", "password": "demo"})
    assert client.get(reverse("my-data")).status_code == 302
