"""Published feedback is history: the admin (every admin is a superuser) cannot rewrite it."""

import pytest
from django.urls import reverse

from ledendemocratie.feedback.models import Feedback, FeedbackItem, Outcome

pytestmark = pytest.mark.django_db


def _change_url(feedback):
    return reverse("admin:feedback_feedback_change", args=[feedback.pk])


def _form(feedback, item, **changes) -> dict:
    data = {
        "process_kind": feedback.process_kind,
        "process_id": feedback.process_id,
        "title": feedback.title,
        "summary": feedback.summary,
        "decision": feedback.decision,
        "reasoning": feedback.reasoning,
        "is_public": "on",
        "state": feedback.state,
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-0-id": item.pk,
        "items-0-feedback": feedback.pk,
        "items-0-item_id": item.item_id,
        "items-0-item_text": item.item_text,
        "items-0-position": 0,
        "items-0-outcome": item.outcome,
        "items-0-reason": item.reason,
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_admin_cannot_rewrite_published_feedback(client, admin_member, feedback_item_factory):
    item = feedback_item_factory(feedback__published=True)
    client.force_login(admin_member)
    response = client.post(
        _change_url(item.feedback), _form(item.feedback, item, decision="Stil herschreven.")
    )
    assert response.status_code == 403
    assert Feedback.objects.get().decision == "Het bestuur besloot het over te nemen."


def test_admin_cannot_change_an_outcome_of_published_feedback(
    client, admin_member, feedback_item_factory
):
    item = feedback_item_factory(feedback__published=True)
    client.force_login(admin_member)
    client.post(
        _change_url(item.feedback),
        _form(item.feedback, item, **{"items-0-outcome": Outcome.REJECTED}),
    )
    assert FeedbackItem.objects.get().outcome == Outcome.ADOPTED


def test_admin_sees_published_feedback_without_form_fields(
    client, admin_member, feedback_item_factory
):
    item = feedback_item_factory(feedback__published=True)
    client.force_login(admin_member)
    response = client.get(_change_url(item.feedback))
    assert response.status_code == 200
    assert b'name="decision"' not in response.content
    assert b'name="items-0-outcome"' not in response.content


def test_admin_cannot_delete_published_feedback(client, admin_member, feedback_factory):
    feedback = feedback_factory(published=True)
    client.force_login(admin_member)
    client.post(reverse("admin:feedback_feedback_delete", args=[feedback.pk]), {"post": "yes"})
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_admin_bulk_delete_spares_published_feedback(client, admin_member, feedback_factory):
    feedback = feedback_factory(published=True)
    client.force_login(admin_member)
    client.post(
        reverse("admin:feedback_feedback_changelist"),
        {"action": "delete_selected", "_selected_action": [feedback.pk], "post": "yes"},
    )
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_admin_can_still_edit_a_draft(client, admin_member, feedback_item_factory):
    item = feedback_item_factory()
    client.force_login(admin_member)
    client.post(_change_url(item.feedback), _form(item.feedback, item, decision="Nog een concept."))
    assert Feedback.objects.get().decision == "Nog een concept."


def test_admin_cannot_publish_a_draft_by_setting_its_state(
    client, admin_member, feedback_item_factory
):
    item = feedback_item_factory()
    client.force_login(admin_member)
    client.post(_change_url(item.feedback), _form(item.feedback, item, state="published"))
    assert Feedback.objects.get().state == Feedback.State.DRAFT
