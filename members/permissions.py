"""Who may do what with members and their mail. Every view asks these predicates."""

from members.models import Member


def is_signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


def is_admin(user) -> bool:
    return is_signed_in(user) and user.is_admin


def can_import_members(user) -> bool:
    return is_admin(user)


def can_view_outbox(user) -> bool:
    return is_admin(user)


def can_organise_branch(user, branch_id: int | None) -> bool:
    return is_admin(user) or (is_signed_in(user) and branch_id in user.organised_branch_ids)


def is_organiser(user) -> bool:
    return is_admin(user) or (is_signed_in(user) and bool(user.organised_branch_ids))


def is_chair(user) -> bool:
    return is_signed_in(user) and user.is_chair


def can_anonymise_member(user, member: Member) -> bool:
    return is_admin(user) and member.pk != user.pk
