import pytest
from django.core.exceptions import ValidationError

from members.models import Role, RoleAssignment
from members.services.roles import role_grant, role_revoke

pytestmark = pytest.mark.django_db


def test_granting_the_admin_role_gives_admin_site_access(member):
    role_grant(member=member, role=Role.ADMIN)
    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser, member.is_admin) == (True, True, True)


def test_revoking_the_admin_role_takes_admin_site_access_away(admin_member):
    role_revoke(member=admin_member, role=Role.ADMIN)
    admin_member.refresh_from_db()
    assert (admin_member.is_staff, admin_member.is_superuser) == (False, False)


def test_granting_a_role_twice_keeps_one_assignment(member):
    role_grant(member=member, role=Role.CHAIR, title="partijvoorzitter")
    role_grant(member=member, role=Role.CHAIR)
    assert RoleAssignment.objects.filter(member=member).count() == 1


def test_organiser_role_needs_a_branch(member):
    with pytest.raises(ValidationError):
        role_grant(member=member, role=Role.ORGANISER)


def test_organiser_of_a_branch_can_organise_it(member, branch):
    role_grant(member=member, role=Role.ORGANISER, branch=branch)
    assert member.organised_branch_ids == {branch.pk}


def test_chair_role_does_not_give_admin_site_access(member):
    role_grant(member=member, role=Role.CHAIR)
    member.refresh_from_db()
    assert member.is_staff is False
