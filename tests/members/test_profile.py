import json

import pytest
from django.urls import reverse

from members.models import MailKind, MailOptOut, MemberTrait

pytestmark = pytest.mark.django_db
PROFILE = reverse("my-data")
TOGGLE = reverse("members:preference-toggle")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return member


def test_profile_shows_own_data_and_every_section(client, signed_in):
    page = client.get(PROFILE).content.decode()
    assert signed_in.email in page
    for section in ('id="own-data"', 'id="preferences"', 'id="traits"', 'id="deletion"'):
        assert section in page


def test_profile_needs_a_login(client):
    assert client.get(PROFILE).status_code == 302


def test_htmx_request_without_session_is_redirected_by_htmx(client):
    response = client.post(
        TOGGLE,
        {"kind": MailKind.ROUND_INVITATION},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{PROFILE}",
    )
    assert response.headers["HX-Redirect"] == f"{reverse('account_login')}?next={PROFILE}"


def test_switching_off_a_kind_of_mail_opts_out(client, signed_in):
    response = client.post(TOGGLE, {"kind": MailKind.ROUND_INVITATION})
    assert response.url == PROFILE + "#preferences"
    assert MailOptOut.objects.filter(member=signed_in, kind=MailKind.ROUND_INVITATION).exists()


def test_switching_a_kind_of_mail_back_on_opts_in(client, signed_in):
    MailOptOut.objects.create(member=signed_in, kind=MailKind.ROUND_INVITATION)
    client.post(TOGGLE, {"kind": MailKind.ROUND_INVITATION, "wanted": "on"})
    assert not MailOptOut.objects.exists()


def test_htmx_toggle_returns_the_preferences_partial_with_a_saved_note(client, signed_in):
    response = client.post(TOGGLE, {"kind": MailKind.ROUND_RESULTS}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<section class="card" id="preferences"')
    assert "Je voorkeur is opgeslagen." in page


def test_essential_mail_cannot_be_switched_off(client, signed_in):
    client.post(TOGGLE, {"kind": MailKind.ACCOUNT})
    assert not MailOptOut.objects.exists()


def test_essential_mail_is_shown_as_always_on(client, signed_in):
    page = client.get(PROFILE).content.decode()
    assert "altijd (nodig)" in page


def test_member_answers_an_extra_trait_with_consent(client, signed_in, education):
    option = education.options.first()
    url = reverse("members:trait-answer", args=[education.slug])
    client.post(url, {"option": option.pk, "consent": "on"})
    assert MemberTrait.objects.get(member=signed_in).option == option


def test_extra_trait_without_consent_is_not_stored(client, signed_in, education):
    url = reverse("members:trait-answer", args=[education.slug])
    response = client.post(url, {"option": education.options.first().pk}, follow=True)
    assert "Zonder je toestemming" in response.content.decode()
    assert not MemberTrait.objects.exists()


def test_member_withdraws_consent_and_the_answer_is_gone(client, signed_in, education):
    answer = reverse("members:trait-answer", args=[education.slug])
    client.post(answer, {"option": education.options.first().pk, "consent": "on"})
    response = client.post(reverse("members:trait-withdraw", args=[education.slug]))
    assert response.url == PROFILE + "#traits"
    assert not MemberTrait.objects.exists()


def test_deletion_request_asks_for_confirmation(client, signed_in):
    response = client.post(reverse("members:deletion-request"), {})
    signed_in.refresh_from_db()
    assert "Vink aan dat je dit begrijpt." in response.content.decode()
    assert signed_in.deletion_requested_at is None


def test_confirmed_deletion_request_is_recorded_and_admins_are_told(
    client, signed_in, admin_member, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:deletion-request"), {"confirm": "on"})
    signed_in.refresh_from_db()
    assert signed_in.deletion_requested_at is not None
    assert [m.to for m in mail.outbox] == [[admin_member.email]]


def test_member_can_withdraw_a_deletion_request(client, signed_in):
    client.post(reverse("members:deletion-request"), {"confirm": "on"})
    client.post(reverse("members:deletion-cancel"))
    signed_in.refresh_from_db()
    assert signed_in.deletion_requested_at is None


def test_export_is_a_json_download_of_own_data(client, signed_in):
    response = client.get(reverse("my-data-export"))
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["member"]["email"] == signed_in.email
    assert data["member"]["member_number"] == signed_in.member_number


def test_export_holds_roles_traits_preferences_and_mail(
    client, member_factory, branch, education, django_capture_on_commit_callbacks
):
    from members.services.extra_traits import member_trait_answer
    from members.services.outbox import outbox_enqueue

    member = member_factory(organises=branch)
    member_trait_answer(member=member, option=education.options.get(label="wo"), consent=True)
    MailOptOut.objects.create(member=member, kind=MailKind.ROUND_REMINDER)
    with django_capture_on_commit_callbacks(execute=True):
        outbox_enqueue(
            kind=MailKind.ROUND_INVITATION,
            key="r:1",
            template="members/email/deletion_request",
            recipient=member,
        )
    client.force_login(member)
    data = json.loads(client.get(reverse("my-data-export")).content)
    assert data["roles"] == [{"role": "organiser", "branch": branch.name, "title": ""}]
    assert data["traits"]["opleidingsniveau"] == "wo"
    assert data["extra_traits"][0]["answer"] == "wo"
    assert data["mail_preferences"]["round_reminder"] is False
    assert data["mail_sent"][0]["subject"] == "Verzoek om gegevens te verwijderen"


def test_export_of_another_member_is_impossible(client):
    assert client.get(reverse("my-data-export")).status_code == 302


def test_admin_only_mail_is_not_listed_for_members(client, signed_in):
    page = client.get(PROFILE).content.decode()
    assert "Verslag van een ledenimport" not in page


def test_admin_sees_admin_mail_among_the_preferences(client, admin_member):
    client.force_login(admin_member)
    page = client.get(PROFILE).content.decode()
    assert "Overzichten voor beheerders" in page
