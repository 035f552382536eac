"""Granting and revoking roles. The admin role and Django's staff flags move together."""

from django.db import transaction

from members.models import Member, Role, RoleAssignment


@transaction.atomic
def role_grant(*, member: Member, role: str, branch=None, title: str = "") -> RoleAssignment:
    """Give ``member`` the role (an organiser's for ``branch``); granting twice is harmless."""
    assignment = RoleAssignment.objects.filter(member=member, role=role, branch=branch).first()
    if assignment is None:
        assignment = RoleAssignment(member=member, role=role, branch=branch, title=title)
        assignment.full_clean()
        assignment.save()
    elif title and assignment.title != title:
        assignment.title = title
        assignment.save(update_fields=["title"])
    role_sync_staff(member=member)
    return assignment


@transaction.atomic
def role_revoke(*, member: Member, role: str, branch=None) -> None:
    """Take the role away; revoking the admin role also ends access to the admin site."""
    RoleAssignment.objects.filter(member=member, role=role, branch=branch).delete()
    role_sync_staff(member=member)


def role_sync_staff(*, member: Member) -> None:
    """Only admins reach the admin site, and every admin can do everything there."""
    member.__dict__.pop("role_pairs", None)
    is_admin = member.roles.filter(role=Role.ADMIN).exists()
    if (member.is_staff, member.is_superuser) != (is_admin, is_admin):
        member.is_staff = member.is_superuser = is_admin
        member.save(update_fields=["is_staff", "is_superuser"])
