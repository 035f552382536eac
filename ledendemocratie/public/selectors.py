"""Reads of the public side: which processes have a public page, and what it shows."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from ledendemocratie import processes
from ledendemocratie.feedback.models import Feedback
from ledendemocratie.public.models import Congress, CongressProcess, PublicPageChoice
from members.processes import ProcessRef, PublicSummary


@dataclass(frozen=True)
class PublicPage:
    ref: ProcessRef
    summary: PublicSummary
    feedback: Feedback | None  # published and meant for everyone, else None

    @property
    def url(self) -> str:
        return public_url(self.ref.kind, self.ref.id)

    @property
    def kind_label(self):
        return processes.kind_label(self.ref.kind)


def public_url(kind: str, process_id: int) -> str:
    return reverse("public:page", args=[kind, process_id])


def _choices() -> dict[tuple[str, int], bool]:
    rows = PublicPageChoice.objects.values_list("process_kind", "process_id", "enabled")
    return {(kind, pk): enabled for kind, pk, enabled in rows}


def page_exists(ref: ProcessRef, choice: bool | None) -> bool:
    """An admin's choice wins; without one, closed processes have a public page."""
    return ref.closed_at is not None if choice is None else choice


def public_refs(*, branch_id: int | None = None) -> list[ProcessRef]:
    """Every process with a public page, newest first (still open ones first)."""
    choices = _choices()
    refs = [
        ref
        for ref in processes.process_list()
        if page_exists(ref, choices.get((ref.kind, ref.id)))
        and (branch_id is None or ref.branch_id == branch_id)
    ]
    oldest = timezone.make_aware(datetime.min.replace(year=1900))
    return sorted(refs, key=lambda r: (r.closed_at is None, r.closed_at or oldest), reverse=True)


def public_feedback(kind: str, process_id: int) -> Feedback | None:
    return Feedback.objects.filter(
        process_kind=kind, process_id=process_id, state=Feedback.State.PUBLISHED, is_public=True
    ).first()


def public_page(kind: str, process_id: int) -> PublicPage | None:
    """The public page of one process, or None when it has none."""
    if kind not in processes.PROCESS_SOURCES:
        return None
    ref = processes.process_get(kind, process_id)
    if ref is None:
        return None
    choice = PublicPageChoice.objects.filter(process_kind=kind, process_id=process_id).first()
    if not page_exists(ref, choice.enabled if choice else None):
        return None
    summary = processes.public_summary(kind, process_id)
    if summary is None:
        return None
    return PublicPage(ref=ref, summary=summary, feedback=public_feedback(kind, process_id))


def page_choice(kind: str, process_id: int) -> bool | None:
    choice = PublicPageChoice.objects.filter(process_kind=kind, process_id=process_id).first()
    return choice.enabled if choice else None


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    description: str
    updated: datetime
    kind_label: str


def feed_items(*, branch_id: int | None = None, limit: int = 50) -> list[FeedItem]:
    """Published outcomes (closed processes with a public page) and public feedback."""
    refs = [ref for ref in public_refs(branch_id=branch_id) if ref.closed_at is not None]
    items = [
        FeedItem(
            title=ref.title,
            url=public_url(ref.kind, ref.id),
            description=ref.topic,
            updated=ref.closed_at,
            kind_label=str(processes.kind_label(ref.kind)),
        )
        for ref in refs
    ]
    keys = {(ref.kind, ref.id) for ref in refs}
    feedback = Feedback.objects.filter(state=Feedback.State.PUBLISHED, is_public=True)
    for row in feedback.order_by("-published_at")[: limit * 2]:
        if branch_id is not None and (row.process_kind, row.process_id) not in keys:
            continue
        items.append(
            FeedItem(
                title=row.title,
                url=row.get_absolute_url(),
                description=row.decision or row.summary,
                updated=row.published_at,
                kind_label=str(processes.kind_label(row.process_kind)),
            )
        )
    return sorted(items, key=lambda item: item.updated, reverse=True)[:limit]


@dataclass(frozen=True)
class CongressEntry:
    link: CongressProcess
    ref: ProcessRef | None
    page: str  # the public page, or "" when the process has none
    feedback: Feedback | None


def congress_themes(congress: Congress) -> list[tuple[str, list[CongressEntry]]]:
    """Per theme, the processes that fed into the congress and what came of them."""
    choices = _choices()
    themes: dict[str, list[CongressEntry]] = {}
    for link in congress.processes.all():
        ref = processes.process_get(link.process_kind, link.process_id)
        exists = ref is not None and page_exists(ref, choices.get((ref.kind, ref.id)))
        entry = CongressEntry(
            link=link,
            ref=ref,
            page=public_url(ref.kind, ref.id) if exists else "",
            feedback=public_feedback(link.process_kind, link.process_id) if ref else None,
        )
        if ref is not None:
            themes.setdefault(link.theme, []).append(entry)
    return list(themes.items())


@dataclass(frozen=True)
class DigestContent:
    opened: list[ProcessRef]
    closed: list[ProcessRef]
    decided: list[Feedback]
    open_by_branch: dict[int, list[ProcessRef]]


def _bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(month, time.min))
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, timezone.make_aware(datetime.combine(following, time.min))


def digest_content(month: date) -> DigestContent:
    """What the digest of ``month`` tells: computed once, the same for every member apart
    from what is open in their own branch."""
    start, end = _bounds(month)
    everything = processes.process_list()
    still_open = [ref for ref in everything if ref.closed_at is None]
    closed = [ref for ref in everything if ref.closed_at and start <= ref.closed_at < end]
    decided = Feedback.objects.filter(
        state=Feedback.State.PUBLISHED, published_at__gte=start, published_at__lt=end
    )
    by_branch: dict[int, list[ProcessRef]] = {}
    for ref in still_open:
        if ref.branch_id is not None:
            by_branch.setdefault(ref.branch_id, []).append(ref)
    return DigestContent(
        opened=[ref for ref in still_open if ref.branch_id is None],
        closed=closed,
        decided=list(decided.order_by("published_at")),
        open_by_branch=by_branch,
    )
