"""Who may read and manage feedback. Every feedback view asks these predicates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ledendemocratie.feedback.models import Feedback
from members.permissions import is_admin, is_current_member


def can_manage_feedback(user) -> bool:
    return is_admin(user)


def require_feedback_manager(user) -> None:
    """PermissionDenied unless this user manages feedback: the management pages ask it first."""
    if not can_manage_feedback(user):
        raise PermissionDenied


def can_view_feedback(user, feedback: Feedback) -> bool:
    if can_manage_feedback(user):
        return True
    if not feedback.is_published:
        return False
    return feedback.is_public or is_current_member(user)


def can_edit_feedback(user, feedback: Feedback) -> bool:
    return can_manage_feedback(user) and not feedback.is_published


def can_correct_feedback(user, feedback: Feedback) -> bool:
    return can_manage_feedback(user) and feedback.is_published


def can_carry_into_statement(user, feedback: Feedback) -> bool:
    return can_manage_feedback(user) and feedback.process_kind in {"panel", "round"}


def get_feedback_for_user(user, pk: int) -> Feedback:
    """Feedback this user may read, else 404 (drafts don't exist for non-admins)."""
    feedback = Feedback.objects.filter(pk=pk).first()
    if feedback is None or not can_view_feedback(user, feedback):
        raise Http404
    return feedback


def get_feedback_for_admin(user, pk: int) -> Feedback:
    """Feedback to manage: PermissionDenied for everyone but admins."""
    if not can_manage_feedback(user):
        raise PermissionDenied
    feedback = Feedback.objects.filter(pk=pk).first()
    if feedback is None:
        raise Http404
    return feedback
