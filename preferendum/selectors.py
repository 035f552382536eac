"""Reads of the preferendum, including the process contract for the top floor.

See members/processes.py for the contract; results live in preferendum/figures.py (counts)
and preferendum/results.py (what is published).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from members.models import Branch, Member, MemberKind, MemberStatus
from members.processes import Participant, ProcessItem, ProcessRef
from preferendum.models import (
    Answer,
    Audience,
    FollowUpOptIn,
    Round,
    RoundState,
    Scope,
    Series,
    Statement,
    Suggestion,
)
from shared import rows

VISIBLE_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)


def eligible_members(round_: Round) -> QuerySet[Member]:
    """Everyone who may answer this round; mirrors permissions.is_eligible in SQL."""
    members = Member.objects.filter(status=MemberStatus.ACTIVE, anonymised_at__isnull=True)
    if round_.audience == Audience.MEMBERS:
        members = members.filter(kind=MemberKind.MEMBER)
    if round_.scope == Scope.PROVINCE:
        members = members.filter(branch__province=round_.province)
    elif round_.scope == Scope.BRANCH:
        members = members.filter(branch_id=round_.branch_id)
    return members.order_by()


def _eligible_q(member: Member) -> Q:
    province = None
    if member.branch_id and Member.branch.is_cached(member):
        province = member.branch.province
    elif member.branch_id:  # read along in the rounds query, not in a query of its own
        province = Subquery(Branch.objects.filter(pk=member.branch_id).values("province")[:1])
    q = Q(scope=Scope.NATIONAL) | Q(scope=Scope.PROVINCE, province=province)
    q |= Q(scope=Scope.BRANCH, branch_id=member.branch_id)
    if member.kind != MemberKind.MEMBER:
        q &= Q(audience=Audience.MEMBERS_AND_SUPPORTERS)
    return q


def rounds_for_member(member: Member) -> QuerySet[Round]:
    """Rounds this member may see (open or closed) in their audience and scope."""
    rounds = Round.objects.filter(state__in=VISIBLE_STATES)
    if not member.is_current:
        return rounds.none()
    return rounds.filter(_eligible_q(member))


@dataclass(frozen=True)
class OpenRound:
    round: Round
    answered: int
    total: int

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.total


def _count(queryset: QuerySet) -> Subquery:
    """COUNT(*) of a queryset correlated with OuterRef, as a subquery (0, never NULL)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), 0)


def open_rounds_for_member(member: Member) -> list[OpenRound]:
    """Open rounds this member may answer, with progress; one query whatever the count."""
    rounds = (
        rounds_for_member(member)
        .filter(state=RoundState.OPEN)
        .annotate(
            total=_count(Statement.objects.filter(round=OuterRef("pk"))),
            answered=_count(Answer.objects.filter(member_id=member.pk, round=OuterRef("pk"))),
        )
        .order_by("closes_at", "pk")
    )
    return [OpenRound(r, r.answered, r.total) for r in rounds if r.is_open]


@dataclass(frozen=True)
class AnswerTarget:
    """What saving one answer needs, fetched in one query: the hot path under load."""

    member: Member | None  # None when no such member
    statement: Statement  # with .round
    total: int  # statements in the round
    answered: int  # the member's answers in this round before saving
    answered_this: bool  # whether this statement was among them
    province: str  # the member's branch province ("" without a branch)

    def answered_after_saving(self) -> int:
        return self.answered + (0 if self.answered_this else 1)


def answer_target(member_id: int, round_id: int, statement_id: int) -> AnswerTarget | None:
    """The member, the statement with its round, and the member's progress in that round.

    Saving an answer is the hottest path under load, and compiling ORM queries was most of
    its CPU: this is one hand-written query of one row, turned into the usual model
    instances. None when the statement is not in that round.
    """
    with connection.cursor() as cursor:
        params = {"member": member_id, "statement": statement_id, "round": round_id}
        cursor.execute(_ANSWER_TARGET_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    statement = rows.instance(Statement, row, only=_STATEMENT_FIELDS)
    statement.round = rows.instance(Round, row, _ROUND_AT, only=_ROUND_FIELDS)
    member_at = _ROUND_AT + rows.width(Round, _ROUND_FIELDS)
    member = rows.instance(Member, row, member_at) if row[member_at] is not None else None
    province, total, answered, answered_this = row[-4:]
    return AnswerTarget(
        member,
        statement,
        total=total,
        answered=answered,
        answered_this=answered_this,
        province=province or "",
    )


# Only what saving reads (the status partial, eligibility); other fields are deferred.
_STATEMENT_FIELDS = ("round", "position")
_ROUND_FIELDS = ("state", "closes_at", "audience", "scope", "province", "branch")
_ROUND_AT = rows.width(Statement, _STATEMENT_FIELDS)
_ANSWER_TARGET_SQL = (
    f"SELECT {rows.columns(Statement, 's', _STATEMENT_FIELDS)},"
    f" {rows.columns(Round, 'r', _ROUND_FIELDS)},"
    f" {rows.columns(Member, 'm')}, b.province,"
    f" (SELECT count(*) FROM {rows.table(Statement)} t WHERE t.round_id = r.id),"
    f" (SELECT count(*) FROM {rows.table(Answer)} a"
    "  WHERE a.round_id = r.id AND a.member_id = %(member)s),"
    f" EXISTS (SELECT 1 FROM {rows.table(Answer)} a"
    "  WHERE a.statement_id = s.id AND a.member_id = %(member)s)"
    f" FROM {rows.table(Statement)} s JOIN {rows.table(Round)} r ON r.id = s.round_id"
    f" LEFT JOIN {rows.table(Member)} m ON m.id = %(member)s"
    f" LEFT JOIN {rows.table(Branch)} b ON b.id = m.branch_id"
    " WHERE s.id = %(statement)s AND s.round_id = %(round)s"
)


def answers_of(member: Member, round_: Round) -> dict[int, Answer]:
    return {a.statement_id: a for a in Answer.objects.filter(member=member, round=round_)}


def own_answers(
    member: Member, statements: list[Statement]
) -> tuple[dict[int, Answer], dict[int, Answer]]:
    """The member's answers to these statements and, per statement, their answer to the
    latest earlier statement of its family (shown as "last time"): one query for both."""
    families = {s.family: s for s in statements}
    rounds = {s.round_id for s in statements}
    answers, previous = {}, {}
    rows = (
        Answer.objects.filter(member=member, statement__family__in=families)
        .select_related("statement__round")
        .order_by("statement__round__opens_at")
    )
    for answer in rows:
        if answer.round_id in rounds:
            answers[answer.statement_id] = answer
        else:
            previous[families[answer.statement.family].pk] = answer
    return answers, previous


def opted_in_members(
    round_id: int, *, branch_ids=None, province: str | None = None
) -> QuerySet[Member]:
    """Members who opted in to a conversation about this round (for events and panels)."""
    members = Member.objects.filter(
        pk__in=FollowUpOptIn.objects.filter(round_id=round_id).values("member_id"),
        anonymised_at__isnull=True,
    ).select_related("branch")
    if branch_ids is not None:
        members = members.filter(branch_id__in=branch_ids)
    if province:
        members = members.filter(branch__province=province)
    return members


def respondent_ids(round_: Round) -> QuerySet:
    return (
        Answer.objects.filter(round=round_, member__isnull=False)
        .values("member_id")
        .distinct()
        .order_by()
    )


# The process contract (members/processes.py).


def _ref(round_: Round) -> ProcessRef:
    return ProcessRef(
        kind="round",
        id=round_.pk,
        title=round_.title,
        url=reverse("preferendum:round-detail", args=[round_.pk]),
        closed_at=round_.closed_at if round_.is_closed else None,
        topic=round_.intro[:200],
        is_public=False,
        branch_id=round_.branch_id,
    )


def process_list(*, closed: bool | None = None) -> list[ProcessRef]:
    rounds = Round.objects.filter(state__in=VISIBLE_STATES)
    if closed is True:
        rounds = rounds.exclude(state=RoundState.OPEN)
    elif closed is False:
        rounds = rounds.filter(state=RoundState.OPEN)
    return [_ref(r) for r in rounds]


def process_get(process_id: int) -> ProcessRef | None:
    round_ = Round.objects.filter(pk=process_id).first()
    return _ref(round_) if round_ else None


def process_items(process_id: int) -> list[ProcessItem]:
    statements = Statement.objects.filter(round_id=process_id).order_by("position", "pk")
    return [ProcessItem(id=s.pk, text=s.text) for s in statements]


def process_participants(process_id: int) -> list[Participant]:
    """Respondents (at least one answer). After anonymisation they are no longer known."""
    members = Member.objects.filter(
        pk__in=Answer.objects.filter(round_id=process_id).values("member_id")
    ).order_by("pk")
    return [Participant(member_id=m.pk, email=m.email or "", name=m.full_name) for m in members]


def participation_for_member(member: Member) -> list[ProcessRef]:
    rounds = Round.objects.filter(pk__in=participation_ids_for_member(member))
    return [_ref(r) for r in rounds.order_by("-opens_at")]


def participation_ids_for_member(member: Member) -> QuerySet:
    return Answer.objects.filter(member=member).values("round_id")


def personal_data(member: Member) -> dict:
    """The member's own answers and opt-ins, for "Mijn gegevens"."""
    answers = Answer.objects.filter(member=member).select_related("statement__round")
    opt_ins = FollowUpOptIn.objects.filter(member=member).select_related("round")
    return {
        "preferendum_answers": [
            {
                "round": a.statement.round.title,
                "statement": a.statement.text,
                "answer": str(a.get_value_display()),
                "comment": a.comment,
                "answered_at": a.updated_at.isoformat(),
            }
            for a in answers.order_by("statement__round_id", "statement__position")
        ],
        "preferendum_follow_up": [o.round.title for o in opt_ins],
        "preferendum_suggestions": [
            {
                "statement": s.text,
                "why": s.why,
                "status": str(s.get_status_display()),
                "created_at": s.created_at.isoformat(),
            }
            for s in Suggestion.objects.filter(member=member).order_by("pk")
        ],
    }


@dataclass(frozen=True)
class SeriesOverview:
    series: Series
    queue: list[Round]
    planned: Round | None
    dry_on: date | None  # the day the last queued round closes; nothing after that


def series_overview() -> list[SeriesOverview]:
    """Every series with its queue and when it runs dry. Two queries."""
    rounds = defaultdict(list)
    for round_ in Round.objects.filter(series__isnull=False).order_by("queue_position", "pk"):
        rounds[round_.series_id].append(round_)
    overview = []
    for series in Series.objects.all():
        queue = [r for r in rounds[series.pk] if r.state == RoundState.DRAFT]
        planned = max(
            (r for r in rounds[series.pk] if r.state in (RoundState.SCHEDULED, RoundState.OPEN)),
            key=lambda r: r.opens_at,
            default=None,
        )
        overview.append(SeriesOverview(series, queue, planned, _dry_on(series, queue, planned)))
    return overview


def _dry_on(series: Series, queue: list[Round], planned: Round | None) -> date | None:
    if planned is None and not queue:
        return None
    start = planned.opens_at if planned else timezone.now() - timedelta(days=series.rhythm_days)
    last_opens = start + timedelta(days=series.rhythm_days * len(queue))
    if not queue and planned:
        return timezone.localdate(planned.closes_at)
    return timezone.localdate(last_opens + timedelta(days=series.open_days))


@dataclass(frozen=True)
class CarriedStatement:
    """A statement started from a panel's recommendation or a round's result, and where it
    went: the round it is put to and that round's feedback once published."""

    text: str
    round_title: str
    round_url: str
    feedback_url: str


def statements_from_origin(origin_kind: str, origin_id: int) -> list[CarriedStatement]:
    """For the origin's own page (the lineage panel → round → feedback). Only statements in
    rounds members can see: a draft round is still being prepared."""
    statements = (
        Statement.objects.filter(
            origin_kind=origin_kind, origin_id=origin_id, round__state__in=VISIBLE_STATES
        )
        .select_related("round")
        .order_by("round__opens_at", "position", "pk")
    )
    return [
        CarriedStatement(
            text=s.text,
            round_title=s.round.title,
            round_url=reverse("preferendum:round-detail", args=[s.round_id]),
            feedback_url=s.round.feedback_url if s.round.feedback_published_at else "",
        )
        for s in statements
    ]
