"""A former member keeps no power: roles and admin rights go, and no helper lets them in."""

import pytest

from members import permissions
from members.models import AccountEvent, MemberStatus, Role, RoleAssignment
from members.services.importing import members_import
from tests.members.test_import import ANNA, HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def powerful(member_factory, branch):
    """A member who organises a branch, chairs, phones and administers."""
    member = member_factory(admin=True, chair=True, organises=branch, branch=branch)
    RoleAssignment.objects.create(member=member, role=Role.CALLER)
    member.is_staff = member.is_superuser = True
    member.save(update_fields=["is_staff", "is_superuser"])
    return member


def _full_import_without(tmp_path, powerful):
    path = tmp_path / "leden.csv"
    path.write_text(f"{HEADER}\n{ANNA}\n", encoding="utf-8")
    return members_import(path=path, full=True, confirm_retire=True)


def test_full_import_revokes_every_role_and_admin_right_of_a_retired_member(tmp_path, powerful):
    _full_import_without(tmp_path, powerful)
    powerful.refresh_from_db()
    assert powerful.status == MemberStatus.FORMER
    assert not powerful.roles.exists()
    assert (powerful.is_staff, powerful.is_superuser) == (False, False)


def test_revoked_rights_leave_an_audit_entry_naming_the_roles(tmp_path, powerful):
    _full_import_without(tmp_path, powerful)
    event = AccountEvent.objects.get(member=powerful, action=AccountEvent.Action.RIGHTS_REVOKED)
    assert {role for role, _branch in event.details["roles"]} == {
        Role.ADMIN,
        Role.CHAIR,
        Role.ORGANISER,
        Role.CALLER,
    }


PREDICATES = {
    "is_admin": permissions.is_admin,
    "is_organiser": permissions.is_organiser,
    "is_chair": permissions.is_chair,
    "can_import_members": permissions.can_import_members,
    "can_view_outbox": permissions.can_view_outbox,
    "is_current_member": permissions.is_current_member,
}


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_former_member_still_holding_roles_passes_no_permission_helper(name, powerful):
    powerful.status = MemberStatus.FORMER
    assert PREDICATES[name](powerful) is False


def test_former_member_no_longer_organises_their_branch(powerful, branch):
    powerful.status = MemberStatus.FORMER
    assert not permissions.can_organise_branch(powerful, branch.pk)


def test_former_member_still_manages_their_own_data(powerful):
    powerful.status = MemberStatus.FORMER
    assert permissions.can_manage_own_data(powerful)


def test_admin_who_sets_a_member_to_former_revokes_their_rights(rf, admin_member, powerful):
    from types import SimpleNamespace

    from django.contrib import admin

    from members.models import Member

    powerful.status = MemberStatus.FORMER
    powerful.save(update_fields=["status"])
    request = rf.post("/beheer/")
    request.user = admin_member
    form = SimpleNamespace(instance=powerful, save_m2m=lambda: None)
    admin.site._registry[Member].save_related(request, form, [], True)
    powerful.refresh_from_db()
    assert (powerful.roles.exists(), powerful.is_staff) == (False, False)
    assert AccountEvent.objects.get(member=powerful).actor == admin_member
