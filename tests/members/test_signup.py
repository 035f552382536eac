import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from members.models import MailKind, Member, MemberKind, OutboxMessage

pytestmark = pytest.mark.django_db
SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")
PROFILE = reverse("my-data")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _sign_up(client, branch, email="nieuw@example.org"):
    data = {"email": email, "first_name": "Sam", "last_name": "Steun", "branch": branch.pk}
    return client.post(SIGNUP, data)


def test_supporter_signs_up_as_sympathisant(client, branch, settings):
    settings.SUPPORTER_SIGNUP_ENABLED = True
    _sign_up(client, branch)
    member = Member.objects.get(email="nieuw@example.org")
    assert (member.kind, member.first_name, member.branch) == (MemberKind.SUPPORTER, "Sam", branch)
    assert member.member_number is None


def test_signup_sends_a_verification_mail_through_the_outbox(
    client, branch, settings, django_capture_on_commit_callbacks
):
    settings.SUPPORTER_SIGNUP_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, branch)
    message = OutboxMessage.objects.get(to_email="nieuw@example.org")
    assert message.kind == MailKind.ACCOUNT
    assert not EmailAddress.objects.get(email="nieuw@example.org").verified


def test_unverified_supporter_is_not_logged_in(client, branch, settings):
    settings.SUPPORTER_SIGNUP_ENABLED = True
    _sign_up(client, branch)
    assert client.get(PROFILE).status_code == 302


def test_signup_is_closed_when_the_setting_is_off(client, branch, settings):
    settings.SUPPORTER_SIGNUP_ENABLED = False
    response = _sign_up(client, branch)
    assert response.status_code == 200
    assert not Member.objects.filter(email="nieuw@example.org").exists()


def test_signup_page_uses_the_site_layout_in_dutch(client, settings):
    settings.SUPPORTER_SIGNUP_ENABLED = True
    page = client.get(SIGNUP).content.decode()
    assert "Aanmelden als sympathisant" in page
    assert 'class="skip-link"' in page


def test_login_page_leads_with_a_code_by_email(client):
    page = client.get(LOGIN).content.decode()
    assert page.index("Log in met een code per e-mail") < page.index("wachtwoord")
    assert f'action="{reverse("account_request_login_code")}"' in page


def test_code_requests_for_one_address_are_rate_limited(member):
    url = reverse("account_request_login_code")
    for _ in range(4):
        Client().post(url, {"email": member.email})
    assert OutboxMessage.objects.filter(to_email=member.email).count() == 3


def test_after_five_failed_logins_even_the_right_password_is_refused(
    client, member_factory, settings
):
    settings.DEBUG = True
    _verified_demo_account(member_factory)
    for _ in range(5):
        Client().post(LOGIN, {"login": "lid@example.org", "password": "fout"})
    response = client.post(LOGIN, {"login": "lid@example.org", "password": "demo"})
    assert response.status_code == 200
    assert client.get(PROFILE).status_code == 302


def _verified_demo_account(member_factory):
    member = member_factory(email="lid@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def test_demo_password_logs_in_with_debug(client, member_factory, settings):
    settings.DEBUG = True
    _verified_demo_account(member_factory)
    client.post(LOGIN, {"login": "lid@example.org", "password": "demo"})
    assert client.get(PROFILE).status_code == 200


def test_demo_password_only_works_for_demo_accounts(client, member, settings):
    settings.DEBUG = True
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.post(LOGIN, {"login": member.email, "password": "demo"})
    assert client.get(PROFILE).status_code == 302


def test_code_entry_page_uses_the_site_layout(client, member):
    response = client.post(reverse("account_request_login_code"), {"email": member.email})
    page = client.get(response.url).content.decode()
    assert 'class="skip-link"' in page
    assert 'name="code"' in page
