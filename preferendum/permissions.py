"""Who may see, answer and manage rounds. Every view asks these predicates."""

from functools import wraps

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
from preferendum import tokens
from preferendum.models import Answer, Audience, Round, RoundState, Scope
from preferendum.selectors import AnswerTarget
from shared.http import login_required_htmx


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


def require_round_manager(user) -> None:
    """PermissionDenied unless this user manages rounds: the management pages ask it first."""
    if not can_manage_rounds(user):
        raise PermissionDenied


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


def get_answering_round(user, pk: int, token: str | None = None) -> tuple[Round, Member]:
    """(round, member) for the round page: the signed-in member, or the member a personal
    link names (who is not signed in by it). 404 when the round cannot be seen or the link
    is not valid for this round and member."""
    if token is None:
        return get_round_for_user(user, pk), user
    round_ = Round.objects.select_related("branch").filter(pk=pk).first()
    member = tokens.member_from_token(pk, token) if round_ else None
    if member is None:
        raise Http404
    return round_, member


def get_answerable_round(user, pk: int, token: str | None = None) -> tuple[Round, Member]:
    """As `get_answering_round`, and PermissionDenied when that member cannot answer now
    (the round closed, or they are no longer in its audience)."""
    round_, member = get_answering_round(user, pk, token)
    if not can_answer_round(member, round_):
        raise PermissionDenied
    return round_, member


def get_answering_member(user, target: AnswerTarget | None, *, via_link: bool) -> Member:
    """The member who saves this answer, given the one read of the saving path
    (selectors.answer_target, for the member the session or the link names).

    Signed in, that is the user; by a personal link (already checked against the row) the
    member it names. 404 when there is no such statement in that round or no such member,
    or a signed-in user cannot see the round; PermissionDenied when the round can be seen
    but not answered now. The same answers as the round page gives.
    """
    if target is None or target.member is None:
        raise Http404
    member = target.member if via_link else user
    round_ = target.statement.round
    if can_answer_round(member, round_, target.province):
        return member
    if not via_link and not can_view_round(member, round_):
        raise Http404
    raise PermissionDenied


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


def member_or_link_required(view):
    """``login_required_htmx`` (shared.http), except that a personal link needs no session."""
    signed_in = login_required_htmx(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return (view if kwargs.get("token") else signed_in)(request, *args, **kwargs)

    return wrapper
