import pytest

from members.models import MailKind, MailOptOut
from members.services.outbox import unsubscribe_url

pytestmark = pytest.mark.django_db


def test_one_click_unsubscribe_post_opts_out(client, member):
    url = unsubscribe_url(member, MailKind.ROUND_INVITATION)
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert MailOptOut.objects.filter(member=member, kind=MailKind.ROUND_INVITATION).exists()


def test_unsubscribe_page_asks_before_opting_out(client, member):
    client.get(unsubscribe_url(member, MailKind.ROUND_INVITATION))
    assert not MailOptOut.objects.exists()


def test_tampered_unsubscribe_link_is_refused(client, member):
    url = unsubscribe_url(member, MailKind.ROUND_INVITATION)
    assert client.post(url[:-4] + "abc/").status_code == 400
