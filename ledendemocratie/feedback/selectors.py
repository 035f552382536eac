"""Reads of the feedback app: the overview, the debt list and what a member took part in."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from ledendemocratie import processes
from ledendemocratie.feedback.models import Carry, Feedback, FeedbackItem, Outcome
from members.models import Member, MemberStatus, Role
from members.permissions import is_signed_in
from members.processes import ProcessRef

Published = Feedback.State.PUBLISHED


def feedback_visible_to(user) -> QuerySet[Feedback]:
    """Published feedback this user may read: all of it for members, public parts for others."""
    feedback = Feedback.objects.filter(state=Published)
    items = FeedbackItem.objects.all()
    if not is_signed_in(user):
        feedback = feedback.filter(is_public=True)
        items = items.filter(is_public=True)
    return feedback.prefetch_related(Prefetch("items", queryset=items))


def feedback_items_for(user, feedback: Feedback) -> list[FeedbackItem]:
    items = feedback.items.prefetch_related("carries")
    return list(items if is_signed_in(user) else items.filter(is_public=True))


def feedback_overview(user, *, kind: str = "", topic: str = "") -> QuerySet[Feedback]:
    feedback = feedback_visible_to(user).order_by("-published_at", "-pk")
    if kind:
        feedback = feedback.filter(process_kind=kind)
    if topic:
        feedback = feedback.filter(topic=topic)
    return feedback


def feedback_topics(user) -> list[str]:
    topics = feedback_visible_to(user).exclude(topic="").values_list("topic", flat=True)
    return sorted(set(topics))


def feedback_for_processes(user, ids_by_kind: dict, *, limit: int = 5) -> list[Feedback]:
    """The latest published feedback on these processes ({kind: ids}, the ids a list or a
    subquery, see processes.participation_ids_for_member): one query in all."""
    if not ids_by_kind:
        return []
    match = Q()
    for kind, ids in ids_by_kind.items():
        match |= Q(process_kind=kind, process_id__in=ids)
    return list(feedback_visible_to(user).filter(match).order_by("-published_at")[:limit])


def feedback_lineage(feedback: Feedback) -> dict[str, list[Carry]]:
    """Where this process's items came from and where they went (panel → round → feedback).

    ``came_from``: carries whose new statement is one of this round's items;
    ``carried_to``: statements started from this feedback's items.
    """
    item_ids = [item.item_id for item in feedback.items.all()]
    came_from = []
    if feedback.process_kind == "round" and item_ids:
        came_from = list(
            Carry.objects.filter(statement_id__in=item_ids).select_related("origin_item__feedback")
        )
    carried_to = list(
        Carry.objects.filter(origin_kind=feedback.process_kind, origin_id=feedback.process_id)
    )
    return {"came_from": came_from, "carried_to": carried_to}


@dataclass(frozen=True)
class DebtRow:
    process: ProcessRef
    waited: timedelta
    flagged: bool
    draft: Feedback | None

    @property
    def kind_label(self):
        return processes.kind_label(self.process.kind)


def _debt_limit() -> timedelta:
    return timedelta(weeks=settings.FEEDBACK_DEBT_WEEKS)


def closed_processes() -> list[ProcessRef]:
    """Processes whose input has stopped, oldest first."""
    refs = [ref for ref in processes.process_list(closed=True) if ref.closed_at is not None]
    return sorted(refs, key=lambda ref: ref.closed_at)


def feedback_debt(*, now: datetime | None = None) -> list[DebtRow]:
    """Every closed process without published feedback, oldest first."""
    now = now or timezone.now()
    feedback = {(f.process_kind, f.process_id): f for f in Feedback.objects.all()}
    rows = []
    for ref in closed_processes():
        found = feedback.get((ref.kind, ref.id))
        if found is not None and found.is_published:
            continue
        waited = now - ref.closed_at
        rows.append(DebtRow(ref, waited, waited >= _debt_limit(), found))
    return rows


@dataclass(frozen=True)
class OnTimeShare:
    on_time: int
    counted: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.counted) if self.counted else None


def feedback_on_time_share(*, now: datetime | None = None) -> OnTimeShare:
    """How many closed processes got feedback within the debt limit.

    Counted are processes that got feedback and those whose limit has passed; one closed
    recently and still within its limit has not had its chance yet.
    """
    now = now or timezone.now()
    rows = Feedback.objects.filter(state=Published).values_list(
        "process_kind", "process_id", "published_at"
    )
    published = {(kind, process_id): at for kind, process_id, at in rows}
    on_time = counted = 0
    for ref in closed_processes():
        published_at = published.get((ref.kind, ref.id))
        if published_at is None and now - ref.closed_at < _debt_limit():
            continue
        counted += 1
        on_time += published_at is not None and published_at - ref.closed_at <= _debt_limit()
    return OnTimeShare(on_time, counted)


def items_due_for_review(*, today: date) -> QuerySet[FeedbackItem]:
    return FeedbackItem.objects.filter(
        outcome=Outcome.PENDING, review_date__lte=today, feedback__state=Published
    ).select_related("feedback")


def admin_members() -> QuerySet[Member]:
    return (
        Member.objects.filter(is_active=True, status=MemberStatus.ACTIVE)
        .filter(Q(is_superuser=True) | Q(roles__role=Role.ADMIN))
        .distinct()
    )
