"""The roof in English: the language switch, the home page, the layout and the error page."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests.feedback.fakes import FakeObject

pytestmark = pytest.mark.django_db


def test_visitor_asking_for_english_gets_the_welcome_in_english(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in content
    assert "Welcome to Ledendemocratie" in content and "Sign in with a code by e-mail" in content
    assert "Welkom bij" not in content


def test_visitor_without_a_preference_gets_dutch(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="").content.decode()
    assert '<html lang="nl">' in content and "Welkom bij Ledendemocratie" in content


def test_member_switching_to_english_gets_the_home_page_in_english(client, fake_apps, member):
    fake_apps["round"].home = [
        SimpleNamespace(round=FakeObject(1, "Ronde wonen"), answered=2, total=5)
    ]
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert "Statements to answer" in content and "2 of 5 answered" in content
    assert "Skip to content" in content and "Sign out" in content
    assert ">Feedback</a>" in content  # the feedback app's own catalog (main menu)
    assert "Stellingen om te beantwoorden" not in content


def test_english_member_can_switch_back_to_dutch(client, member):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Stellingen om te beantwoorden" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "Er ging iets mis"), ("en", "Something went wrong")]
)
def test_error_page_speaks_the_active_language(language, heading):
    with translation.override(language):
        content = render_to_string("500.html")
    assert f"<h1>{heading}</h1>" in content and f'<html lang="{language}">' in content


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "Pagina niet gevonden"), ("en", "Page not found")]
)
def test_missing_page_is_shown_in_the_layout_in_the_readers_language(client, language, heading):
    response = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("nl", "Geen toegang"), ("en", "No access")])
def test_forbidden_page_speaks_the_readers_language(client, member, language, heading):
    client.force_login(member)
    response = client.get(reverse("feedback:manage"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in response.content.decode()
