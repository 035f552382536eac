import pytest
from django.urls import reverse

from ledendemocratie.feedback.models import Carry
from ledendemocratie.feedback.services import feedback_carry_into_statement

pytestmark = pytest.mark.django_db


def test_recommendation_is_carried_into_a_draft_statement(
    fake_apps, admin_member, feedback_item_factory
):
    item = feedback_item_factory(
        feedback__process_kind="panel", feedback__process_id=4, feedback__title="Beraad wonen"
    )
    carry = feedback_carry_into_statement(
        item=item, text="Bouw meer huurwoningen.", by=admin_member
    )
    assert fake_apps["round"].drafts == [
        {
            "text": "Bouw meer huurwoningen.",
            "origin_kind": "panel",
            "origin_id": 4,
            "origin_label": "Beraad wonen",
            "explanation": "",
        }
    ]
    assert (carry.statement_id, carry.origin_item) == (901, item)


def test_event_items_cannot_be_carried(fake_apps, admin_member, feedback_item_factory):
    from django.core.exceptions import ValidationError

    item = feedback_item_factory(feedback__process_kind="event")
    with pytest.raises(ValidationError):
        feedback_carry_into_statement(item=item, text="x", by=admin_member)


def test_carrying_needs_confirmation(client, fake_apps, admin_member, feedback_item_factory):
    item = feedback_item_factory(feedback__process_kind="panel", feedback__published=True)
    client.force_login(admin_member)
    client.post(reverse("feedback:carry", args=[item.feedback.pk, item.pk]), {"text": "Nieuw"})
    assert not Carry.objects.exists()


def test_confirmed_carry_opens_the_new_statement(
    client, fake_apps, admin_member, feedback_item_factory
):
    item = feedback_item_factory(feedback__process_kind="panel", feedback__published=True)
    client.force_login(admin_member)
    response = client.post(
        reverse("feedback:carry", args=[item.feedback.pk, item.pk]),
        {"text": "Nieuw", "confirm": "on"},
    )
    assert response.url == "/terugkoppeling/77/"


def test_member_cannot_carry(client, fake_apps, member, feedback_item_factory):
    item = feedback_item_factory(feedback__process_kind="panel", feedback__published=True)
    client.force_login(member)
    response = client.post(
        reverse("feedback:carry", args=[item.feedback.pk, item.pk]),
        {"text": "Nieuw", "confirm": "on"},
    )
    assert response.status_code == 403


def test_panel_feedback_links_to_the_statement_it_became(
    client, fake_apps, admin_member, member, feedback_item_factory
):
    item = feedback_item_factory(feedback__process_kind="panel", feedback__published=True)
    feedback_carry_into_statement(item=item, text="Bouw meer huurwoningen.", by=admin_member)
    client.force_login(member)
    content = client.get(item.feedback.get_absolute_url()).content.decode()
    assert 'href="/terugkoppeling/77/"' in content


def test_round_feedback_links_back_to_the_panel(
    client, fake_apps, admin_member, member, feedback_item_factory
):
    """panel → round → feedback: the round's statement 901 came from the panel's feedback."""
    origin = feedback_item_factory(
        feedback__process_kind="panel", feedback__published=True, feedback__title="Beraad wonen"
    )
    feedback_carry_into_statement(item=origin, text="Bouw meer huurwoningen.", by=admin_member)
    round_item = feedback_item_factory(
        feedback__process_kind="round", feedback__published=True, item_id=901
    )
    client.force_login(member)
    content = client.get(round_item.feedback.get_absolute_url()).content.decode()
    assert f'href="{origin.feedback.get_absolute_url()}">Beraad wonen' in content
