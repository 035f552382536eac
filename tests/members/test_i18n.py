"""The members pages speak English once a member picks English in the header."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_is_english_after_switching_language(client, member):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("my-data")).content.decode()
    assert "What we know about you" in page
    assert "Which e-mails would you like to receive?" in page
    assert "Wat we van je weten" not in page


def test_profile_stays_dutch_by_default(client, member):
    client.force_login(member)
    page = client.get(reverse("my-data")).content.decode()
    assert "Wat we van je weten" in page


def test_unsubscribe_page_follows_accept_language(client):
    url = reverse("members:unsubscribe", args=["not-a-token"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unsubscribe from e-mail" in page
    assert "This unsubscribe link is not valid." in page
