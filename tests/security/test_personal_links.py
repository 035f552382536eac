"""Every personal link (answer, event registration, panel invitation, calendar feed,
unsubscribe) is one scheme (shared.links): bound to its purpose and object, expiring where
that applies, and revoked when the member rotates their key on "Mijn gegevens"."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from beraad.models import PanelState
from beraad.services.letters import INVITATION_SALT, invitation_link
from events import tokens as event_tokens
from members.models import MailKind, MailOptOut, Member
from members.services.importing import members_import
from members.services.links import feed_link_key, member_feed_renew, member_links_revoke
from members.services.outbox import UNSUBSCRIBE_PURPOSE, unsubscribe_url
from members.services.privacy import member_anonymise
from preferendum import tokens as answer_tokens
from preferendum.models import Answer, RoundState
from shared.links import link_token
from tests.beraad.factories import InvitationFactory, PanelFactory
from tests.events.factories import RegistrationFactory
from tests.members.factories import MemberFactory
from tests.preferendum.factories import RoundFactory

pytestmark = pytest.mark.django_db


@dataclass
class Kind:
    purpose: str
    refused: int  # the status a refused link gets

    def make(self, member) -> tuple[str, str, str]:
        """(url for a token, key, object) of a fresh object of this kind for the member."""
        raise NotImplementedError


def _path(url: str) -> str:
    return urlsplit(url).path


class AnswerLink(Kind):
    def make(self, member):
        round_ = RoundFactory()
        url = reverse("preferendum:token-round-detail", args=[round_.pk, "TOKEN"])
        return url, member.link_key, round_.pk

    def link(self, member):
        return _path(answer_tokens.answer_url(RoundFactory(), member))


class EventRegistration(Kind):
    def make(self, member):
        registration = RegistrationFactory(member=member)
        url = reverse("events:registration-manage", args=["TOKEN"])
        return url, member.link_key, registration.pk

    def link(self, member):
        token = event_tokens.registration_token(RegistrationFactory(member=member))
        return reverse("events:registration-manage", args=[token])


class PanelInvitation(Kind):
    def make(self, member):
        invitation = _invitation(member)
        return reverse("beraad:invitation-respond", args=["TOKEN"]), member.link_key, invitation.pk

    def link(self, member):
        return _path(invitation_link(_invitation(member)))


class CalendarFeed(Kind):
    def make(self, member):
        return reverse("events:member-feed", args=["TOKEN"]), feed_link_key(member), ""

    def link(self, member):
        return reverse("events:member-feed", args=[event_tokens.feed_token(member)])


class Unsubscribe(Kind):
    def make(self, member):
        return (
            reverse("members:unsubscribe", args=["TOKEN"]),
            member.link_key,
            MailKind.ROUND_INVITATION,
        )

    def link(self, member):
        return _path(unsubscribe_url(member, MailKind.ROUND_INVITATION))


def _invitation(member):
    return InvitationFactory(member=member, panel=PanelFactory(state=PanelState.INVITATIONS_SENT))


KINDS = {
    "answer": AnswerLink(answer_tokens.PURPOSE, 404),
    "event registration": EventRegistration(event_tokens.REGISTRATION_SALT, 400),
    "panel invitation": PanelInvitation(INVITATION_SALT, 404),
    "calendar feed": CalendarFeed(event_tokens.FEED_SALT, 404),
    "unsubscribe": Unsubscribe(UNSUBSCRIBE_PURPOSE, 400),
}


@pytest.fixture
def member():
    return MemberFactory()


@pytest.mark.parametrize("name", KINDS)
def test_a_personal_link_opens_its_page(client, member, name):
    assert client.get(KINDS[name].link(member)).status_code == 200


@pytest.mark.parametrize("name", KINDS)
def test_revoking_all_links_kills_every_old_link(client, member, name):
    link = KINDS[name].link(member)
    member_links_revoke(member=member)
    assert client.get(link).status_code == KINDS[name].refused


@pytest.mark.parametrize("name", KINDS)
def test_a_link_made_after_revoking_works(client, member, name):
    member_links_revoke(member=member)
    assert client.get(KINDS[name].link(member)).status_code == 200


@pytest.mark.parametrize(("source", "target"), [(s, t) for s in KINDS for t in KINDS if s != t])
def test_a_link_for_one_purpose_does_not_open_another(client, member, source, target):
    """Right member, key and object: only the purpose is another kind's."""
    url, key, obj = KINDS[target].make(member)
    token = link_token(purpose=KINDS[source].purpose, member_id=member.pk, key=key, obj=obj)
    assert client.get(url.replace("TOKEN", token)).status_code == KINDS[target].refused


@pytest.mark.parametrize("name", KINDS)
def test_another_members_key_does_not_open_a_link(client, member, name):
    url, _, obj = KINDS[name].make(member)
    other = MemberFactory()
    token = link_token(
        purpose=KINDS[name].purpose, member_id=member.pk, key=other.link_key, obj=obj
    )
    assert client.get(url.replace("TOKEN", token)).status_code == KINDS[name].refused


def test_renewing_the_calendar_link_kills_the_old_feed_only(client, member):
    feed, answer = KINDS["calendar feed"].link(member), KINDS["answer"].link(member)
    member_feed_renew(member=member)
    assert client.get(feed).status_code == 404
    assert client.get(answer).status_code == 200


def test_an_answer_link_stops_when_its_round_closes(client, member):
    round_ = RoundFactory()
    link = _path(answer_tokens.answer_url(round_, member))
    round_.state = RoundState.CLOSED
    round_.save()
    assert client.get(link).status_code == 410


def test_an_answer_link_for_one_round_does_not_open_another(client, member):
    token = answer_tokens.answer_token(RoundFactory(), member)
    other = RoundFactory()
    url = reverse("preferendum:token-round-detail", args=[other.pk, token])
    assert client.get(url).status_code == 404


def test_a_registration_link_expires_after_ninety_days(client, member, monkeypatch):
    link = KINDS["event registration"].link(member)
    later = timezone.now() + timedelta(seconds=event_tokens.REGISTRATION_MAX_AGE + 60)
    monkeypatch.setattr(signing.time, "time", later.timestamp)
    assert client.get(link).status_code == 400


def test_a_guest_confirmation_link_expires_after_a_week(client, monkeypatch):
    guest = RegistrationFactory(member=None, guest_email="gast@example.org", guest_name="Gast")
    token = event_tokens.registration_token(guest, salt=event_tokens.GUEST_CONFIRM_SALT)
    later = timezone.now() + timedelta(seconds=event_tokens.GUEST_CONFIRM_MAX_AGE + 60)
    monkeypatch.setattr(signing.time, "time", later.timestamp)
    response = client.get(reverse("events:guest-confirm", args=[token]))
    assert response.status_code == 400


def test_a_guest_link_does_not_open_another_guests_registration(client):
    guest = RegistrationFactory(member=None, guest_email="gast@example.org", guest_name="Gast")
    other = RegistrationFactory(member=None, guest_email="ander@example.org", guest_name="A")
    token = event_tokens.registration_token(guest)
    forged = token.replace(f":{guest.pk}:", f":{other.pk}:", 1)
    url = reverse("events:registration-manage", args=[forged])
    assert client.get(url).status_code == 400


def test_a_revoked_unsubscribe_link_opts_nobody_out(client, member):
    link = KINDS["unsubscribe"].link(member)
    member_links_revoke(member=member)
    client.post(link)
    assert not MailOptOut.objects.exists()


def test_anonymising_a_member_revokes_their_links(client, member, admin_member):
    link = KINDS["answer"].link(member)
    member_anonymise(member=member, by=admin_member)
    assert client.get(link).status_code == 404


def test_every_member_gets_keys_of_their_own():
    first, second = MemberFactory(), MemberFactory()
    assert first.link_key != second.link_key
    assert first.feed_key != second.feed_key


def test_my_data_offers_to_revoke_all_links(client, member):
    client.force_login(member)
    response = client.get(reverse("my-data"))
    assert reverse("members:links-revoke") in response.content.decode()


def test_revoking_all_links_asks_for_confirmation_first(client, member):
    link = KINDS["answer"].link(member)
    client.force_login(member)
    response = client.post(reverse("members:links-revoke"), {})
    assert response.status_code == 200
    client.logout()
    assert client.get(link).status_code == 200


def test_confirmed_revoke_on_my_data_kills_old_links(client, member):
    link = KINDS["unsubscribe"].link(member)
    client.force_login(member)
    response = client.post(reverse("members:links-revoke"), {"confirm": "on"})
    assert response.status_code == 302
    assert client.get(link).status_code == 400


def test_the_renew_button_gives_a_new_calendar_link(client, member):
    old = KINDS["calendar feed"].link(member)
    client.force_login(member)
    page = client.get(reverse("events:event-list")).content.decode()
    assert old in page and reverse("events:feed-renew") in page
    client.post(reverse("events:feed-renew"))
    page = client.get(reverse("events:event-list")).content.decode()
    assert old not in page
    assert client.get(old).status_code == 404


def _save_through_link(client, round_, token):
    statement = round_.statements.first()
    url = reverse("preferendum:token-answer", args=[round_.pk, token, statement.pk])
    return client.post(url, {f"s{statement.pk}-value": "2"}, HTTP_HX_REQUEST="true")


def test_a_revoked_answer_link_saves_no_answer(client, member):
    """The hot path (one read, then the upsert) verifies the link against that read."""
    round_ = RoundFactory()
    token = answer_tokens.answer_token(round_, member)
    member_links_revoke(member=member)
    assert _save_through_link(client, round_, token).status_code == 404
    assert not Answer.objects.exists()


def test_an_answer_link_with_another_member_id_saves_nothing(client, member):
    round_ = RoundFactory()
    other = MemberFactory()
    token = answer_tokens.answer_token(round_, member)
    forged = f"{other.pk}:{token.split(':', 1)[1]}"
    assert _save_through_link(client, round_, forged).status_code == 404
    assert not Answer.objects.exists()


IMPORT = (
    "lidnummer;voornaam;tussenvoegsel;achternaam;email;telefoon;geboortedatum;"
    "geslacht;postcode;afdeling;lid_sinds;soort\n"
    "1001;Anna;de;Vries;anna@example.org;;;v;;Utrecht;;lid\n"
    "1002;Piet;;Jansen;piet@example.org;;;m;;Utrecht;;lid\n"
)


def test_imported_members_get_keys_of_their_own(tmp_path):
    """The import writes new members with COPY on PostgreSQL: defaults must run per row."""
    path = tmp_path / "leden.csv"
    path.write_text(IMPORT)
    members_import(path=path)
    anna, piet = Member.objects.filter(member_number__in=["1001", "1002"]).order_by("pk")
    assert anna.link_key != piet.link_key and anna.feed_key != piet.feed_key


def test_the_data_export_holds_no_link_keys(client, member):
    client.force_login(member)
    export = client.get(reverse("my-data-export")).content.decode()
    assert member.link_key not in export and member.feed_key not in export
