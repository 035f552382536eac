"""Who may do what with members and their mail. Every view asks these predicates."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from members.models import Member, MemberImport
from shared.http import login_required_htmx


def is_signed_in(user) -> bool:
    """Has a session. Only pages about the person's own account ask just this."""
    return user.is_authenticated and user.is_active


def is_current_member(user) -> bool:
    """Signed in as a current member or supporter; every permission starts here.

    A former member keeps only their own data page, its export and the deletion request
    (``can_manage_own_data``): whatever roles or flags they still hold grant nothing.
    """
    return is_signed_in(user) and user.is_current


def is_admin(user) -> bool:
    return is_current_member(user) and user.is_admin


def can_manage_own_data(user) -> bool:
    """A signed-in member sees, exports and changes their own data (never someone else's);
    former members too, so they can take their data with them or ask for deletion."""
    return is_signed_in(user) and user.anonymised_at is None


def can_import_members(user) -> bool:
    return is_admin(user)


def can_view_outbox(user) -> bool:
    return is_admin(user)


def can_organise_branch(user, branch_id: int | None) -> bool:
    return is_admin(user) or (is_current_member(user) and branch_id in user.organised_branch_ids)


def is_organiser(user) -> bool:
    return is_admin(user) or (is_current_member(user) and bool(user.organised_branch_ids))


def is_chair(user) -> bool:
    return is_current_member(user) and user.is_chair


def can_anonymise_member(user, member: Member) -> bool:
    return is_admin(user) and member.pk != user.pk


def get_import_for_user(user, pk: int) -> MemberImport:
    """An import's progress and report, for admins only (they hold personal data)."""
    if not can_import_members(user):
        raise PermissionDenied
    return get_object_or_404(MemberImport, pk=pk)


def signed_in_view(allowed):
    """``login_required_htmx`` (shared.http), then ``allowed(user)`` or PermissionDenied."""

    def decorator(view):
        @login_required_htmx
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def own_data_view(view):
    """Signed-in members, about themselves only."""
    return signed_in_view(can_manage_own_data)(view)
