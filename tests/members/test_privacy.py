import pytest
from allauth.account.models import EmailAddress
from django.db.models import Count

from members.models import MailKind, MailOptOut, Member, MemberTrait, OutboxMessage, Role
from members.services.extra_traits import member_trait_answer
from members.services.outbox import outbox_enqueue
from members.services.privacy import member_anonymise
from members.traits import member_traits

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymised(member_factory, admin_member, education):
    member = member_factory(chair=True, phone="0612345678", house_number="12")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    MailOptOut.objects.create(member=member, kind=MailKind.ROUND_REMINDER)
    member_trait_answer(member=member, option=education.options.first(), consent=True)
    outbox_enqueue(
        kind=MailKind.ACCOUNT, key="x", template="members/email/deletion_request", recipient=member
    )
    OutboxMessage.objects.update(status=OutboxMessage.Status.SENT)
    member_anonymise(member=member, by=admin_member)
    member.refresh_from_db()
    return member


def test_anonymising_clears_every_personal_field(anonymised):
    assert (anonymised.first_name, anonymised.last_name, anonymised.email) == ("", "", None)
    assert (anonymised.phone, anonymised.postcode, anonymised.house_number) == ("", "", "")
    assert anonymised.member_number == f"anoniem-{anonymised.pk}"


def test_anonymising_switches_off_login(anonymised):
    assert anonymised.is_active is False
    assert not anonymised.has_usable_password()
    assert not EmailAddress.objects.filter(user=anonymised).exists()


def test_anonymising_deletes_preferences_extra_traits_and_roles(anonymised):
    assert not MailOptOut.objects.filter(member=anonymised).exists()
    assert not MemberTrait.objects.filter(member=anonymised).exists()
    assert not anonymised.roles.filter(role=Role.CHAIR).exists()


def test_anonymising_scrubs_the_mail_sent_to_the_member(anonymised):
    message = OutboxMessage.objects.get(recipient=anonymised)
    assert message.to_email.endswith("@invalid")
    assert message.content is None


def test_anonymising_keeps_the_coarse_traits(member_factory, admin_member):
    member = member_factory()
    before = member_traits(member)
    member_anonymise(member=member, by=admin_member)
    member.refresh_from_db()
    assert member_traits(member)["gender"] == before["gender"]
    assert member_traits(member)["province"] == before["province"]
    assert (
        member.birth_date.year
        == member_factory._meta.model.objects.get(pk=member.pk).birth_date.year
    )


def test_anonymising_keeps_the_member_count_per_branch(
    member_factory, branch_factory, admin_member
):
    branches = branch_factory.create_batch(2)
    members = [member_factory(branch=branches[i % 2]) for i in range(6)]

    def per_branch():
        return dict(Member.objects.values_list("branch").annotate(n=Count("pk")))

    before = per_branch()
    for member in members[:3]:
        member_anonymise(member=member, by=admin_member)
    assert per_branch() == before


def test_anonymised_member_gets_no_more_mail(anonymised):
    assert (
        outbox_enqueue(kind=MailKind.ACCOUNT, key="y", template="x", recipient=anonymised) is None
    )
