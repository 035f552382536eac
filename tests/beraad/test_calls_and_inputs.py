"""The call list for callers, and members' input moderated by admins."""

import pytest
from django.urls import reverse

from beraad.models import Call, MemberInput
from beraad.services.inputs import member_input_moderate, member_input_submit
from beraad.services.panels import panel_start
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_panel(member_factory, admin_member, chair):
    panel = scenario.sent(member_factory, admin_member, chair)
    return panel


def test_call_list_shows_non_responders_with_phone_numbers(client, sent_panel, caller):
    invitation = sent_panel.invitations.select_related("member").first()
    invitation.member.phone = "06-12345678"
    invitation.member.save()
    sent_panel.invitations.update(caller=caller)
    client.force_login(caller)
    html = client.get(reverse("beraad:call-list")).content.decode()
    assert "06-12345678" in html


def test_caller_records_a_call_outcome(client, sent_panel, caller):
    sent_panel.invitations.update(caller=caller)
    invitation = sent_panel.invitations.first()
    client.force_login(caller)
    url = reverse("beraad:call-new", args=[invitation.pk])
    client.post(url, {"outcome": "will_register", "note": "belt terug"})
    call = Call.objects.get(invitation=invitation)
    assert (call.caller, call.outcome) == (caller, "will_register")


@pytest.fixture
def running_panel(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    return panel_start(panel=panel, actor=admin_member)


def test_member_input_waits_for_moderation(running_panel, member):
    member_input = member_input_submit(panel=running_panel, member=member, text="Denk aan jongeren")
    assert member_input.status == MemberInput.Status.PENDING


def test_panel_members_see_only_approved_input(client, running_panel, member, admin_member):
    approved = member_input_submit(panel=running_panel, member=member, text="Goedgekeurd idee")
    member_input_submit(panel=running_panel, member=member, text="Nog niet bekeken")
    member_input_moderate(member_input=approved, moderator=admin_member, approve=True)
    seat = running_panel.panel_members.filter(status="selected").first()
    client.force_login(seat.member)
    html = client.get(reverse("beraad:workspace", args=[running_panel.pk])).content.decode()
    assert "Goedgekeurd idee" in html
    assert "Nog niet bekeken" not in html


def test_panel_page_counts_approved_input(client, running_panel, member, admin_member):
    for text in ("een", "twee"):
        item = member_input_submit(panel=running_panel, member=member, text=text)
        member_input_moderate(member_input=item, moderator=admin_member, approve=True)
    client.force_login(member)
    html = client.get(reverse("beraad:panel-detail", args=[running_panel.pk])).content.decode()
    assert "2 bijdragen van leden" in html


def test_admin_rejects_input_through_the_page(client, running_panel, member, admin_member):
    item = member_input_submit(panel=running_panel, member=member, text="Spam")
    client.force_login(admin_member)
    client.post(reverse("beraad:input-moderate", args=[running_panel.pk, item.pk]), {"reject": "1"})
    item.refresh_from_db()
    assert item.status == MemberInput.Status.REJECTED


def test_panel_only_document_is_hidden_from_other_members(
    client, running_panel, member, admin_member
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from beraad.services.panels import document_add

    document = document_add(
        panel=running_panel,
        actor=admin_member,
        title="Dossier",
        file=SimpleUploadedFile("dossier.pdf", b"%PDF-1.4 inhoud"),
        panel_only=True,
    )
    url = reverse("beraad:document", args=[running_panel.pk, document.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    seat = running_panel.panel_members.filter(status="selected").first()
    client.force_login(seat.member)
    assert client.get(url).status_code == 200


def test_moderation_by_htmx_returns_the_replaced_item(client, running_panel, member, admin_member):
    item = member_input_submit(panel=running_panel, member=member, text="Via htmx")
    client.force_login(admin_member)
    url = reverse("beraad:input-moderate", args=[running_panel.pk, item.pk])
    response = client.post(url, {"approve": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="input-{item.pk}"' in response.content.decode()


def test_call_recorded_by_htmx_returns_the_updated_row(client, sent_panel, caller):
    sent_panel.invitations.update(caller=caller)
    invitation = sent_panel.invitations.first()
    client.force_login(caller)
    url = reverse("beraad:call-new", args=[invitation.pk])
    response = client.post(url, {"outcome": "voicemail"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert f'id="call-row-{invitation.pk}"' in html
    assert "voicemail ingesproken" in html
