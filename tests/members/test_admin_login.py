"""The admin site's login goes through allauth: its rate limits and lockout apply."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client
from django.urls import reverse

from members.models import MemberStatus
from tests.members.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
ADMIN_INDEX = reverse("admin:index")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_with_password(admin_member):
    EmailAddress.objects.create(
        user=admin_member, email=admin_member.email, verified=True, primary=True
    )
    return admin_member


def _allauth_login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_admin_login_page_never_accepts_a_password(client, admin_with_password):
    data = {"username": admin_with_password.email, "password": TEST_PASSWORD}
    response = client.post(reverse("admin:login"), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(ADMIN_INDEX).status_code == 302


def test_admin_login_page_sends_the_visitor_to_allauth_and_back(client):
    response = client.get(reverse("admin:login") + "?next=/beheer/members/member/")
    assert (
        response["Location"] == reverse("account_login") + "?next=%2Fbeheer%2Fmembers%2Fmember%2F"
    )


def test_admin_signs_in_to_the_admin_site_through_allauth(client, admin_with_password):
    _allauth_login(client, admin_with_password.email, TEST_PASSWORD)
    assert client.get(ADMIN_INDEX).status_code == 200


def test_wrong_passwords_are_rate_limited_before_the_25th(client, admin_with_password):
    responses = [_allauth_login(client, admin_with_password.email, "fout") for _ in range(25)]
    form = responses[-1].context["form"]
    assert form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts")


def test_locked_out_admin_is_refused_even_with_the_right_password(admin_with_password):
    for _ in range(10):
        _allauth_login(Client(), admin_with_password.email, "fout")
    client = Client()
    _allauth_login(client, admin_with_password.email, TEST_PASSWORD)
    assert client.get(ADMIN_INDEX).status_code == 302


def test_former_member_with_stale_staff_flags_is_kept_out_of_the_admin_site(client, admin_member):
    admin_member.status = MemberStatus.FORMER
    admin_member.save(update_fields=["status"])
    client.force_login(admin_member)
    assert client.get(ADMIN_INDEX).status_code == 302
