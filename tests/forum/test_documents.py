"""Background documents: organisers add files of the accepted kinds; whoever may read the
conversation downloads them, nobody else; the stored name reveals nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum.models import Audience, BackgroundDocument
from tests.forum.factories import ConversationFactory, ExpertFactory
from tests.members.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% groenplan\n"


def _upload(name="Groenplan Jan de Vries.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def _add(client, conversation, upload, title="Groenplan"):
    url = reverse("forum:document-add", args=[conversation.pk])
    return client.post(url, {"title": title, "file": upload})


@pytest.fixture
def organised(client):
    conversation = ConversationFactory()
    client.force_login(MemberFactory(organises=conversation.branch))
    return conversation


def _download(client, document):
    url = reverse("forum:document", args=[document.conversation_id, document.pk])
    return client.get(url)


def test_an_organiser_adds_a_pdf_and_it_shows_on_the_conversation(client, organised):
    _add(client, organised, _upload())
    page = client.get(reverse("forum:conversation-detail", args=[organised.pk]))
    assert "Groenplan" in page.content.decode()
    assert BackgroundDocument.objects.get().conversation == organised


def test_the_stored_name_is_random_and_keeps_only_the_extension(client, organised):
    _add(client, organised, _upload())
    stored = BackgroundDocument.objects.get().file.name
    assert "Vries" not in stored and stored.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.html", b"<script>alert(1)</script>", "Dit soort bestand kan niet"),
        ("programma.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("vermomd.pdf", b"<html><script>alert(1)</script>", "past niet bij de naam"),
        ("vermomd.png", PDF, "past niet bij de naam"),
    ],
)
def test_a_file_of_another_kind_is_refused_with_a_dutch_message(
    client, organised, name, content, message
):
    response = _add(client, organised, _upload(name, content))
    assert message in response.content.decode()
    assert not BackgroundDocument.objects.exists()


def test_a_file_over_the_limit_is_refused(client, organised, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = _add(client, organised, _upload(content=PDF + b"0" * 2048))
    assert "te groot" in response.content.decode()
    assert not BackgroundDocument.objects.exists()


def test_a_reader_of_the_conversation_downloads_it(client, organised):
    _add(client, organised, _upload())
    document = BackgroundDocument.objects.get()
    client.force_login(MemberFactory())
    response = _download(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_download_may_not_be_sniffed_or_run_as_a_page(client, organised):
    _add(client, organised, _upload())
    response = _download(client, BackgroundDocument.objects.get())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_office_file_is_downloaded_not_opened(client, organised):
    _add(client, organised, _upload("begroting.xlsx", b"PK\x03\x04rest"))
    response = _download(client, BackgroundDocument.objects.get())
    assert response["Content-Disposition"].startswith("attachment")


def test_a_member_outside_the_audience_cannot_download(client, organised):
    organised.audience, organised.branch = Audience.BRANCH, organised.branch
    organised.save()
    _add(client, organised, _upload())
    client.force_login(MemberFactory(branch=BranchFactory()))
    assert _download(client, BackgroundDocument.objects.get()).status_code == 404


def test_an_expert_downloads_only_from_conversations_they_are_invited_to(client, organised):
    _add(client, organised, _upload())
    other = ConversationFactory()
    expert = ExpertFactory()
    other.experts.add(expert)
    client.force_login(expert.account)
    assert _download(client, BackgroundDocument.objects.get()).status_code == 404


def test_an_anonymous_visitor_is_sent_to_login(client, organised):
    _add(client, organised, _upload())
    document = BackgroundDocument.objects.get()
    client.logout()
    assert _download(client, document).status_code == 302


def test_the_document_of_another_conversation_is_not_found_through_this_one(client, organised):
    _add(client, organised, _upload())
    document = BackgroundDocument.objects.get()
    url = reverse("forum:document", args=[ConversationFactory().pk, document.pk])
    assert client.get(url).status_code == 404


def test_removing_asks_first_and_then_deletes_record_and_file(
    client, organised, django_capture_on_commit_callbacks
):
    _add(client, organised, _upload())
    document = BackgroundDocument.objects.get()
    storage, name = document.file.storage, document.file.name
    url = reverse("forum:document-remove", args=[organised.pk, document.pk])
    assert "niet terugdraaien" in client.get(url).content.decode()
    assert BackgroundDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not BackgroundDocument.objects.exists()
    assert not storage.exists(name)


def test_a_member_cannot_add_documents(client):
    conversation = ConversationFactory()
    client.force_login(MemberFactory())
    assert _add(client, conversation, _upload()).status_code == 403
