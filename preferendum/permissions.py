"""Who may see, answer and manage rounds. Every view asks these predicates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.models import Member, MemberKind
from members.permissions import (
    can_organise_branch,
    is_admin,
    is_current_member,
    is_organiser,
    is_signed_in,
)
from members.traits import province_of
from preferendum.models import Answer, Audience, Round, RoundState, Scope


def is_eligible(member: Member, round_: Round, province: str | None = None) -> bool:
    """Whether the member belongs to the round's audience and scope (whatever its state).

    Pass `province` (of the member's branch) when it is known, to save loading the branch.
    """
    return (
        member.is_current
        and (member.kind == MemberKind.MEMBER or round_.audience == Audience.MEMBERS_AND_SUPPORTERS)
        and (round_.scope != Scope.PROVINCE or _province(member, province) == round_.province)
        and (round_.scope != Scope.BRANCH or member.branch_id == round_.branch_id)
    )


def _province(member: Member, known: str | None) -> str:
    return province_of(member) if known is None else known


def can_answer_round(member, round_: Round, province: str | None = None) -> bool:
    return is_current_member(member) and round_.is_open and is_eligible(member, round_, province)


NOT_OPENED = (RoundState.DRAFT, RoundState.SCHEDULED)


def can_view_round(user, round_: Round) -> bool:
    if is_admin(user):
        return True
    return is_current_member(user) and round_.state not in NOT_OPENED and is_eligible(user, round_)


def can_manage_rounds(user) -> bool:
    return is_admin(user)


def can_read_comments(user, round_: Round) -> bool:
    return is_admin(user)


def can_view_opt_ins(user) -> bool:
    return is_organiser(user)


def can_view_opt_in_of(user, member: Member) -> bool:
    return is_admin(user) or can_organise_branch(user, member.branch_id)


def can_list_rounds(user) -> bool:
    return is_current_member(user)


def can_suggest_statement(user) -> bool:
    return is_current_member(user)


def get_round_for_user(user, pk: int) -> Round:
    """The round, or 404 when this user may not see it (drafts, other provinces)."""
    round_ = Round.objects.select_related("branch").filter(pk=pk).first()
    if round_ is None or not can_view_round(user, round_):
        raise Http404
    return round_


def answered_round(user, round_: Round) -> bool:
    """Whether this member answered the round (one query; never on the answering path)."""
    return is_signed_in(user) and Answer.objects.filter(round=round_, member=user).exists()


def can_view_results(user, round_: Round) -> bool:
    if is_admin(user):
        return True
    if not round_.is_closed:
        return False
    return can_view_round(user, round_) or answered_round(user, round_)


def get_results_round_for_user(user, pk: int) -> Round:
    """A round whose results this user may read: eligible today, or a respondent of it
    (who moved branch or left since) — a respondent can always read their rounds' results."""
    round_ = Round.objects.select_related("branch").filter(pk=pk).first()
    if round_ is None or round_.state in NOT_OPENED and not is_admin(user):
        raise Http404
    if can_view_results(user, round_):
        return round_
    if not can_view_round(user, round_):
        raise Http404
    raise PermissionDenied


def get_managed_round_for_user(user, pk: int) -> Round:
    if not can_manage_rounds(user):
        raise PermissionDenied
    round_ = Round.objects.select_related("branch", "series").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


def get_opt_in_round_for_user(user, pk: int) -> Round:
    """A round whose opt-ins this organiser or admin may list (once it has opened)."""
    if not can_view_opt_ins(user):
        raise PermissionDenied
    round_ = Round.objects.filter(pk=pk).exclude(state__in=NOT_OPENED).first()
    if round_ is None:
        raise Http404
    return round_
