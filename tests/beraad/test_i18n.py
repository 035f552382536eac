"""The panel pages in English: the list, the roles, the audit log and the quota labels."""

import pytest
from django.urls import reverse

from beraad.models import CategoryKind
from beraad.services.quotas import category_add
from tests.beraad import scenario

pytestmark = pytest.mark.django_db


def _page(client, user, url, language):
    client.force_login(user)
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def seated(member_factory, admin_member, chair):
    panel = scenario.selected(member_factory, admin_member, chair)
    return panel.panel_members.filter(status="selected").select_related("member").first().member


def test_panel_list_in_english_names_the_panels_role_state_and_purpose(client, seated):
    content = _page(client, seated, reverse("beraad:panel-list"), "en")
    assert "<h1>Member panel</h1>" in content and "Your panels" in content
    assert "panel member" in content and "panel drawn" in content and "Advisory" in content
    assert "Jouw beraden" not in content and "panellid" not in content


def test_panel_list_stays_dutch_by_default(client, seated):
    content = _page(client, seated, reverse("beraad:panel-list"), "")
    assert "<h1>Ledenberaad</h1>" in content and "Jouw beraden" in content
    assert "panellid" in content and "panel geloot" in content


@pytest.mark.parametrize(
    ("language", "label"), [("nl", "kenmerk toegevoegd"), ("en", "characteristic added")]
)
def test_audit_log_names_each_action_in_the_readers_language(
    client, member_factory, admin_member, language, label
):
    panel = scenario.concept(member_factory, admin_member)
    content = _page(client, admin_member, reverse("beraad:panel-manage", args=[panel.pk]), language)
    assert f'<th scope="row">{label}</th>' in content
    assert "category_added" not in content


@pytest.mark.parametrize(
    ("language", "label"), [("nl", "0-1 jaar lid"), ("en", "member for 0-1 years")]
)
def test_membership_bands_are_labelled_in_the_readers_language(
    client, member_factory, admin_member, language, label
):
    panel = scenario.concept(member_factory, admin_member)
    category_add(panel=panel, actor=admin_member, kind=CategoryKind.MEMBERSHIP)
    content = _page(client, admin_member, reverse("beraad:quotas", args=[panel.pk]), language)
    assert f"<td>{label}</td>" in content
