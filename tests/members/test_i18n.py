"""Members pages speak English once picked; an import reports in the uploader's language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import MemberImport
from tests.members.test_import import ANNA, HEADER

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


def test_import_report_is_written_in_the_uploaders_language(
    client, member_factory, django_capture_on_commit_callbacks
):
    client.force_login(member_factory(admin=True, language="en"))
    csv = "\n".join([HEADER, ANNA.replace(";lid", ";x")]).encode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:import"), {"file": SimpleUploadedFile("l.csv", csv)})
    report = MemberImport.objects.get().report
    assert [reason for _line, reason in report["errors"]] == [
        "unknown soort (type) “x” (lid or sympathisant)"
    ]
    assert report["summary"] == ["1 line read, 1 invalid: nothing imported."]


def test_member_chooses_the_language_of_their_mail(client, member):
    client.force_login(member)
    response = client.post(reverse("members:language-set"), {"language": "en"})
    assert response.url == reverse("my-data") + "#preferences"
    member.refresh_from_db()
    assert member.language == "en"


def test_htmx_language_choice_returns_the_preferences_partial(client, member):
    client.force_login(member)
    response = client.post(
        reverse("members:language-set"), {"language": "en"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section class="card" id="preferences"')
    assert '<option value="en" lang="en" selected>English</option>' in page


def test_unknown_language_is_not_stored(client, member):
    client.force_login(member)
    client.post(reverse("members:language-set"), {"language": "xx"})
    member.refresh_from_db()
    assert member.language == "nl"
