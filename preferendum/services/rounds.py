"""Round life cycle: draft → scheduled → open → closed → feedback published."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import MailKind
from members.services.mailings import mailing_record
from preferendum.figures import live_figures, respondent_rows
from preferendum.models import Round, RoundFigures, RoundState, Series, Statement

MAX_STATEMENTS = 6


def _require_state(round_: Round, *states: str) -> None:
    if round_.state not in states:
        raise ValidationError(_("Dat kan niet in de status “%s”.") % round_.get_state_display())


@transaction.atomic
def round_schedule(*, round_: Round, opens_at: datetime, closes_at: datetime) -> Round:
    """Plan a draft round; it opens and closes by itself (see tasks.advance_rounds)."""
    _require_state(round_, RoundState.DRAFT, RoundState.SCHEDULED)
    if not 1 <= round_.statements.count() <= MAX_STATEMENTS:
        raise ValidationError(_("Een ronde heeft 1 tot 6 stellingen."))
    if closes_at <= opens_at:
        raise ValidationError(_("De ronde moet sluiten na het openen."))
    round_.opens_at, round_.closes_at, round_.state = opens_at, closes_at, RoundState.SCHEDULED
    round_.full_clean()
    round_.save(update_fields=["opens_at", "closes_at", "state"])
    return round_


@transaction.atomic
def round_unschedule(*, round_: Round) -> Round:
    _require_state(round_, RoundState.SCHEDULED)
    round_.state = RoundState.DRAFT
    round_.save(update_fields=["state"])
    return round_


@transaction.atomic
def round_open(*, round_: Round, now: datetime | None = None) -> bool:
    """Open a scheduled round and invite its audience. False when it was not scheduled.

    The conditional UPDATE claims the transition, so two workers never open it twice.
    """
    from preferendum.tasks import send_round_invitations

    now = now or timezone.now()
    opened = Round.objects.filter(pk=round_.pk, state=RoundState.SCHEDULED).update(
        state=RoundState.OPEN, opens_at=min(round_.opens_at or now, now)
    )
    if opened:
        round_.refresh_from_db()
        mailing_record(kind=MailKind.ROUND_INVITATION, object_id=round_.pk)
        send_round_invitations.delay_on_commit(round_.pk)
    return bool(opened)


@transaction.atomic
def round_close(*, round_: Round, now: datetime | None = None) -> bool:
    """Close an open round: freeze the eligible membership, report results, plan the next."""
    from preferendum.tasks import send_round_results

    now = now or timezone.now()
    closed = Round.objects.filter(pk=round_.pk, state=RoundState.OPEN).update(
        state=RoundState.CLOSED, closed_at=now, closes_at=min(round_.closes_at or now, now)
    )
    if not closed:
        return False
    round_.refresh_from_db()
    round_figures_freeze(round_=round_, on=timezone.localdate(now))
    mailing_record(kind=MailKind.ROUND_RESULTS, object_id=round_.pk)
    send_round_results.delay_on_commit(round_.pk)
    if round_.series_id:
        series_schedule_next(series=round_.series, after=round_)
    return True


def round_figures_freeze(*, round_: Round, on) -> RoundFigures:
    """Store the closed round's counts and eligible membership, so results stay cheap."""
    population, by_person, by_place = live_figures(round_, on=on)
    figures, _ = RoundFigures.objects.update_or_create(
        round=round_,
        defaults={
            "population": population,
            "by_person": by_person,
            "by_place": by_place,
            "respondents": respondent_rows(round_),
        },
    )
    return figures


@transaction.atomic
def series_schedule_next(*, series: Series, after: Round | None = None) -> Round | None:
    """Schedule the first draft round in the series' queue, one rhythm after `after`."""
    queued = (
        series.rounds.filter(state=RoundState.DRAFT, statements__isnull=False)
        .distinct()
        .order_by("queue_position", "pk")
        .first()
    )
    if queued is None:
        return None
    start = after.opens_at if after and after.opens_at else timezone.now()
    opens_at = max(start + timedelta(days=series.rhythm_days), timezone.now())
    return round_schedule(
        round_=queued, opens_at=opens_at, closes_at=opens_at + timedelta(days=series.open_days)
    )


def rounds_advance(*, now: datetime | None = None) -> tuple[int, int]:
    """Open the scheduled rounds that are due and close the open ones that are over."""
    now = now or timezone.now()
    due = Round.objects.filter(state=RoundState.SCHEDULED, opens_at__lte=now)
    opened = sum(round_open(round_=r, now=now) for r in due)
    over = Round.objects.filter(state=RoundState.OPEN, closes_at__lte=now)
    closed = sum(round_close(round_=r, now=now) for r in over)
    return opened, closed


@transaction.atomic
def process_mark_feedback_published(*, process_id: int, url: str, summary: str) -> None:
    """Called by the feedback app when it publishes what was done with this round."""
    round_ = Round.objects.select_for_update().get(pk=process_id)
    _require_state(round_, RoundState.CLOSED, RoundState.FEEDBACK_PUBLISHED)
    round_.state = RoundState.FEEDBACK_PUBLISHED
    round_.feedback_url, round_.feedback_summary = url, summary
    round_.feedback_published_at = timezone.now()
    round_.full_clean()
    round_.save(
        update_fields=["state", "feedback_url", "feedback_summary", "feedback_published_at"]
    )


@transaction.atomic
def statement_add(*, round_: Round, text: str, **fields) -> Statement:
    """Add a statement at the end of a round that is not open yet."""
    if not round_.is_editable:
        raise ValidationError(_("Een open of gesloten ronde kan niet meer worden gewijzigd."))
    if round_.statements.count() >= MAX_STATEMENTS:
        raise ValidationError(_("Een ronde heeft hoogstens 6 stellingen."))
    last = round_.statements.aggregate(last=Max("position"))["last"] or 0
    statement = Statement(round=round_, text=text, position=last + 1, **fields)
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def statement_update(*, statement: Statement, **fields) -> Statement:
    if not statement.round.is_editable:
        raise ValidationError(_("Een open of gesloten ronde kan niet meer worden gewijzigd."))
    for name, value in fields.items():
        setattr(statement, name, value)
    statement.full_clean()
    statement.save(update_fields=list(fields))
    return statement


@transaction.atomic
def statement_draft_from_origin(
    *, text: str, origin_kind: str, origin_id: int, origin_label: str, explanation: str = ""
) -> Statement:
    """Turn a recommendation, feedback item or suggestion into a draft statement, in one step.

    It goes into the first draft round of the default series with room left, or into a
    new draft round "Nieuwe stellingen". The origin stays visible on the round page.
    """
    series = Series.objects.filter(is_default=True).first()
    drafts = Round.objects.filter(state=RoundState.DRAFT, series=series)
    round_ = next((r for r in drafts.order_by("queue_position", "pk") if _has_room(r)), None)
    if round_ is None:
        round_ = Round.objects.create(
            title=_("Nieuwe stellingen"), series=series, queue_position=_next_queue_slot(series)
        )
    return statement_add(
        round_=round_,
        text=text,
        explanation=explanation,
        origin_kind=origin_kind,
        origin_id=origin_id,
        origin_label=origin_label,
    )


def _has_room(round_: Round) -> bool:
    return round_.statements.count() < MAX_STATEMENTS


def _next_queue_slot(series: Series | None) -> int:
    if series is None:
        return 0
    return (series.rounds.aggregate(last=Max("queue_position"))["last"] or 0) + 1
