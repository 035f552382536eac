"""A congress page: per theme, the processes that fed into it and what came of them."""

import pytest
from django.urls import reverse

from ledendemocratie.public.models import Congress, CongressProcess
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress(closed_round):
    congress = Congress.objects.create(
        title="Congres 2027", slug="congres-2027", date="2027-03-06", place="Utrecht"
    )
    CongressProcess.objects.create(
        congress=congress, theme="Klimaat", process_kind="round", process_id=closed_round.pk
    )
    return congress


def test_the_congress_page_lists_processes_per_theme(client, congress, closed_round):
    text = client.get(reverse("public:congress", args=["congres-2027"])).text
    assert "Congres 2027" in text
    assert "Klimaat" in text
    assert reverse("public:page", args=["round", closed_round.pk]) in text


def test_the_congress_page_tells_what_came_of_each_process(client, congress, closed_round):
    FeedbackFactory(
        published=True, process_id=closed_round.pk, decision="Opgenomen in de resolutie."
    )
    text = client.get(reverse("public:congress", args=["congres-2027"])).text
    assert "Opgenomen in de resolutie." in text


def test_the_congress_page_prints_as_a_handout(client, congress):
    text = client.get(reverse("public:congress", args=["congres-2027"])).text
    assert "public/public.css" in text
