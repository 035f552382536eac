"""An account made with someone else's address never becomes a way into their data."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from members.models import AccountEvent, Member
from members.services.importing import members_import
from tests.members.test_import import HEADER

pytestmark = pytest.mark.django_db
VICTIM = "echte.lid@example.org"
ATTACKER_PASSWORD = "Aanvaller-wachtwoord-2026"
EXPORT = reverse("my-data-export")


@pytest.fixture(autouse=True)
def _signup_open(settings):
    settings.SUPPORTER_SIGNUP_ENABLED = True
    cache.clear()


def _sign_up_as_attacker(branch) -> Client:
    attacker = Client()
    data = {
        "email": VICTIM,
        "password1": ATTACKER_PASSWORD,
        "first_name": "Aan",
        "last_name": "Valler",
        "branch": branch.pk,
    }
    attacker.post(reverse("account_signup"), data)
    assert Member.objects.filter(email=VICTIM).exists()
    return attacker


def _import_victim(tmp_path):
    row = f"7001;Echt;;Lid;{VICTIM};;;v;;Utrecht;;lid"
    path = tmp_path / "leden.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    return members_import(path=path)


def _log_in_by_code(client, email, capture):
    mail.outbox.clear()
    with capture(execute=True):
        client.post(reverse("account_request_login_code"), {"email": email})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    client.post(reverse("account_confirm_login_code"), {"code": code})


def _log_in_with_password(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_attacker_who_signed_up_with_a_future_members_address_cannot_download_their_data(
    branch, tmp_path, django_capture_on_commit_callbacks
):
    attacker = _sign_up_as_attacker(branch)
    assert _import_victim(tmp_path).adopted == 1
    victim = Client()
    _log_in_by_code(victim, VICTIM, django_capture_on_commit_callbacks)
    assert victim.get(EXPORT).status_code == 200
    _log_in_with_password(attacker, VICTIM, ATTACKER_PASSWORD)
    response = attacker.get(EXPORT)
    assert response.status_code == 302
    assert VICTIM.encode() not in response.content


def test_password_set_before_the_address_was_verified_stops_working_once_verified(
    branch, django_capture_on_commit_callbacks
):
    attacker = _sign_up_as_attacker(branch)
    _log_in_by_code(Client(), VICTIM, django_capture_on_commit_callbacks)
    _log_in_with_password(attacker, VICTIM, ATTACKER_PASSWORD)
    assert attacker.get(EXPORT).status_code == 302


def test_import_clears_the_password_and_unverified_addresses_of_an_adopted_account(
    branch, tmp_path
):
    _sign_up_as_attacker(branch)
    report = _import_victim(tmp_path)
    member = Member.objects.get(email=VICTIM)
    assert (report.adopted, report.secured) == (1, 1)
    assert not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert AccountEvent.objects.filter(
        member=member, action=AccountEvent.Action.PASSWORD_CLEARED
    ).exists()


def test_import_ends_the_sessions_of_an_unverified_account_it_adopts(member_factory, tmp_path):
    supporter = member_factory(email=VICTIM, member_number=None, supporter=True)
    session = Client()
    session.force_login(supporter)
    _import_victim(tmp_path)
    assert session.get(EXPORT).status_code == 302


def test_import_keeps_the_password_of_an_adopted_account_with_a_verified_address(
    member_factory, tmp_path
):
    supporter = member_factory(email=VICTIM, member_number=None, supporter=True)
    EmailAddress.objects.create(user=supporter, email=VICTIM, verified=True, primary=True)
    report = _import_victim(tmp_path)
    supporter.refresh_from_db()
    assert (report.adopted, report.secured) == (1, 0)
    assert supporter.member_number == "7001"
    assert supporter.has_usable_password()
