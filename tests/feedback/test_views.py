import pytest
from django.core import mail
from django.urls import reverse

from ledendemocratie.feedback.models import Feedback, Outcome
from tests.feedback.fakes import participant

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("feedback:overview")


def test_overview_lists_newest_first(client, member, feedback_factory):
    from datetime import timedelta

    from django.utils import timezone

    feedback_factory(published=True, title="Oud", published_at=timezone.now() - timedelta(days=9))
    feedback_factory(published=True, title="Nieuw")
    client.force_login(member)
    content = client.get(OVERVIEW).content.decode()
    assert content.index("Nieuw") < content.index("Oud")


def test_overview_hides_drafts(client, member, feedback_factory):
    feedback_factory(title="Geheim concept")
    client.force_login(member)
    assert "Geheim concept" not in client.get(OVERVIEW).content.decode()


def test_anonymous_visitor_sees_only_public_feedback(client, feedback_factory):
    feedback_factory(published=True, title="Voor iedereen")
    feedback_factory(published=True, title="Voor leden", is_public=False)
    content = client.get(OVERVIEW).content.decode()
    assert "Voor iedereen" in content and "Voor leden" not in content


def test_member_sees_members_only_feedback(client, member, feedback_factory):
    feedback_factory(published=True, title="Voor leden", is_public=False)
    client.force_login(member)
    assert "Voor leden" in client.get(OVERVIEW).content.decode()


def test_anonymous_visitor_does_not_see_items_kept_internal(client, feedback_item_factory):
    feedback_item_factory(
        feedback__published=True, item_text="Interne aanbeveling", is_public=False
    )
    feedback = feedback_item_factory(
        feedback__published=True, item_text="Open aanbeveling"
    ).feedback
    content = client.get(feedback.get_absolute_url()).content.decode()
    assert "Open aanbeveling" in content
    assert "Interne aanbeveling" not in client.get(OVERVIEW).content.decode()


def test_overview_filters_by_type(client, member, feedback_factory):
    feedback_factory(published=True, process_kind="panel", title="Een beraad")
    feedback_factory(published=True, process_kind="round", title="Een ronde")
    client.force_login(member)
    content = client.get(OVERVIEW, {"soort": "panel"}).content.decode()
    assert "Een beraad" in content and "Een ronde" not in content


def test_overview_filters_by_topic(client, member, feedback_factory):
    feedback_factory(published=True, topic="wonen", title="Over wonen")
    feedback_factory(published=True, topic="klimaat", title="Over klimaat")
    client.force_login(member)
    content = client.get(OVERVIEW, {"thema": "wonen"}).content.decode()
    assert "Over wonen" in content and "Over klimaat" not in content


def test_overview_is_paginated(client, member, feedback_factory):
    feedback_factory.create_batch(12, published=True)
    client.force_login(member)
    response = client.get(OVERVIEW, {"pagina": 2})
    assert len(response.context["page"].object_list) == 2


def test_overview_filter_by_htmx_returns_the_results_only(client, member, feedback_factory):
    feedback_factory(published=True, title="Een ronde")
    client.force_login(member)
    content = client.get(OVERVIEW, HTTP_HX_REQUEST="true").content.decode()
    assert content.lstrip().startswith('<div id="feedback-results"')


def test_overview_shows_outcome_per_item_and_link_back(client, member, feedback_item_factory):
    item = feedback_item_factory(feedback__published=True, outcome=Outcome.PARTLY)
    client.force_login(member)
    content = client.get(OVERVIEW).content.decode()
    assert "deels overgenomen" in content and item.feedback.process_url in content


def test_overview_query_count_does_not_grow(
    client, member, feedback_item_factory, django_assert_max_num_queries
):
    for _ in range(8):
        feedback_item_factory.create_batch(
            2, feedback=feedback_item_factory(feedback__published=True).feedback
        )
    client.force_login(member)
    with django_assert_max_num_queries(12):
        client.get(OVERVIEW)


def test_overview_has_an_empty_state(client):
    assert "Nog geen terugkoppeling gevonden" in client.get(OVERVIEW).content.decode()


def test_admin_creates_a_draft_on_a_closed_process(client, fake_apps, admin_member):
    fake_apps["round"].add_closed(5, title="Ronde 5", items=[(1, "Stelling")])
    client.force_login(admin_member)
    response = client.post(reverse("feedback:create"), {"process": "round:5"})
    feedback = Feedback.objects.get()
    assert response.url == reverse("feedback:edit", args=[feedback.pk])
    assert feedback.title == "Ronde 5"


def test_create_page_offers_only_closed_processes_without_feedback(
    client, fake_apps, admin_member, feedback_factory
):
    fake_apps["round"].add_closed(1, title="Al gedaan")
    fake_apps["round"].add_closed(2, title="Nog te doen")
    fake_apps["round"].add(3, title="Nog open")
    feedback_factory(process_kind="round", process_id=1)
    client.force_login(admin_member)
    choices = client.get(reverse("feedback:create")).context["form"].fields["process"].choices
    assert [value for value, _ in choices] == ["round:2"]


def test_admin_saves_outcomes_of_a_draft(client, admin_member, feedback_item_factory):
    item = feedback_item_factory(outcome="", reason="")
    client.force_login(admin_member)
    response = client.post(
        reverse("feedback:edit", args=[item.feedback.pk]),
        {
            "summary": "S",
            "decision": "D",
            "reasoning": "R",
            "is_public": "on",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(item.pk),
            "form-0-outcome": Outcome.REJECTED,
            "form-0-reason": "Past niet in het programma.",
        },
    )
    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.outcome, item.reason) == (Outcome.REJECTED, "Past niet in het programma.")


def test_pending_outcome_without_date_shows_a_dutch_error(
    client, admin_member, feedback_item_factory
):
    item = feedback_item_factory(outcome="", reason="")
    client.force_login(admin_member)
    response = client.post(
        reverse("feedback:edit", args=[item.feedback.pk]),
        {
            "summary": "S",
            "decision": "D",
            "reasoning": "R",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(item.pk),
            "form-0-outcome": Outcome.PENDING,
            "form-0-reason": "Eerst het congres.",
        },
    )
    assert "wanneer dit opnieuw bekeken wordt" in response.content.decode()


def test_publish_needs_confirmation(client, fake_apps, admin_member, feedback_factory):
    feedback = feedback_factory()
    client.force_login(admin_member)
    client.post(reverse("feedback:preview", args=[feedback.pk]), {})
    feedback.refresh_from_db()
    assert not feedback.is_published


def test_confirmed_publish_mails_the_participants(
    client, fake_apps, admin_member, member, feedback_factory, django_capture_on_commit_callbacks
):
    fake_apps["round"].add_closed(7, participants=[participant(member)])
    feedback = feedback_factory(process_kind="round", process_id=7)
    client.force_login(admin_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("feedback:preview", args=[feedback.pk]), {"confirm": "on"})
    feedback.refresh_from_db()
    assert feedback.is_published
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_admin_adds_a_correction(client, admin_member, feedback_factory):
    feedback = feedback_factory(published=True)
    client.force_login(admin_member)
    client.post(reverse("feedback:correct", args=[feedback.pk]), {"text": "Datum klopte niet."})
    assert feedback.corrections.get().text == "Datum klopte niet."
