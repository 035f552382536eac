import io

import pytest
from allauth.account.models import EmailAddress

from members import demo
from members.models import Member, MemberStatus, MemberTrait

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(demo, "MEMBER_COUNT", 200)
    demo.seed(stdout=io.StringIO())


def test_demo_accounts_are_in_utrecht_with_a_verified_address(seeded):
    for email in ["lid@example.org", "admin@example.org", "organisator@example.org"]:
        member = Member.objects.get(email=email)
        assert member.branch.slug == "utrecht"
        assert EmailAddress.objects.get(user=member).verified


def test_demo_admin_has_admin_site_access(seeded):
    assert Member.objects.get(email="admin@example.org").is_staff


def test_demo_has_members_without_email_and_former_members(seeded):
    assert Member.objects.filter(email__isnull=True).exists()
    assert Member.objects.filter(status=MemberStatus.FORMER).exists()


def test_part_of_the_demo_members_gave_their_education_level(seeded):
    answered = MemberTrait.objects.filter(category__slug="opleidingsniveau").count()
    assert 0 < answered < Member.objects.count()


def test_demo_seed_is_idempotent(seeded):
    counts = (Member.objects.count(), MemberTrait.objects.count(), EmailAddress.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (
        Member.objects.count(),
        MemberTrait.objects.count(),
        EmailAddress.objects.count(),
    ) == counts
