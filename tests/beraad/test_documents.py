"""Panel documents: only the accepted kinds, checked by content; the stored name reveals
nothing; a download carries the document's title."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beraad.models import Document
from tests.beraad import scenario

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% advies\n"


@pytest.fixture
def panel(member_factory, admin_member, client):
    client.force_login(admin_member)
    return scenario.concept(member_factory, admin_member)


def _add(client, panel, name="Advies Jan de Vries.pdf", content=PDF, title="Advies"):
    url = reverse("beraad:document-new", args=[panel.pk])
    return client.post(
        url, {"title": title, "file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_an_admin_adds_a_pdf_to_the_panel(client, panel):
    _add(client, panel)
    assert Document.objects.get().panel == panel


def test_the_stored_name_is_random_and_keeps_only_the_extension(client, panel):
    _add(client, panel)
    stored = Document.objects.get().file.name
    assert "Vries" not in stored and stored.endswith(".pdf")


def test_a_script_named_as_a_pdf_is_refused_with_a_dutch_message(client, panel):
    page = _add(client, panel, name="vermomd.pdf", content=b"<script>alert(1)</script>")
    assert "past niet bij de naam" in page.content.decode()
    assert not Document.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, panel, settings):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    page = _add(client, panel, content=PDF + b"0" * (1024 * 1024)).content.decode()
    assert "te groot" in page
    assert not Document.objects.exists()


def test_a_download_is_named_after_the_title(client, panel):
    _add(client, panel, title="Advies van het panel")
    document = Document.objects.get()
    response = client.get(reverse("beraad:document", args=[panel.pk, document.pk]))
    assert 'filename="Advies van het panel.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
